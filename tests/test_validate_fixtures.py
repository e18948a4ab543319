"""Every invalid fixture fails `playbook validate` with exactly the findings in its expected.txt.

A case folder holds the files that replace or join the minimal playbook (or `delete.txt`), and
`expected.txt` with one `rule-id file:line:col` per finding, file relative to the playbook.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.validate import rules

FIXTURES = Path(__file__).parent / "fixtures"
INVALID = sorted(path for path in (FIXTURES / "invalid").iterdir() if path.is_dir())
VALID = sorted(path for path in (FIXTURES / "valid").iterdir() if path.is_dir())
PLAYBOOK_CLI = Path(sys.executable).parent / "playbook"

#: A few cases also run through the installed console script, as CI and pre-commit run it.
SUBPROCESS_CASES = {
    "yaml-tab",
    "file-bom",
    "yaml-alias-bomb",
    "tree-cycle",
    "several-files-at-once",
}


def expected(case: Path, folder: str = "playbook") -> list[str]:
    """expected.txt with each file shown as the CLI shows it (relative to the cwd)."""
    lines = []
    for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        rule, place = line.split(" ", 1)
        file, position = place.split(":", 1)
        shown = folder if file == "." else f"{folder}/{file}"
        lines.append(f"{rule} {shown}:{position}")
    return sorted(lines)


def found(report: str) -> list[str]:
    return sorted(
        f"{item['rule']} {item['file']}:{item['line']}:{item['column']}"
        for item in json.loads(report)
    )


def test_there_are_enough_cases() -> None:
    assert len(INVALID) >= 45


@pytest.mark.parametrize("case", INVALID, ids=[case.name for case in INVALID])
def test_invalid_case(case: Path, make_playbook, monkeypatch) -> None:
    playbook = make_playbook(case)
    monkeypatch.chdir(playbook.parent)
    runner = CliRunner()

    as_json = runner.invoke(main, ["validate", "playbook", "--format", "json", "--strict"])
    assert as_json.exit_code == 1, as_json.output
    assert found(as_json.stdout) == expected(case)

    any_error = any(item["level"] == "error" for item in json.loads(as_json.stdout))
    as_text = runner.invoke(main, ["validate", "playbook"])
    assert as_text.exit_code == (1 if any_error else 0), as_text.output
    assert "Traceback" not in as_text.output and "internal error" not in as_text.output
    for line in expected(case):
        rule, place = line.split(" ", 1)
        place = place.removesuffix(":0:0")  # a whole file or folder has no line
        heading = rf"^{re.escape(place)}: (error|warning)\[{re.escape(rule)}\]: "
        assert re.search(heading, as_text.stdout, re.M), as_text.stdout


@pytest.mark.parametrize("name", sorted(SUBPROCESS_CASES))
def test_invalid_case_through_console_script(name: str, make_playbook) -> None:
    case = FIXTURES / "invalid" / name
    playbook = make_playbook(case)
    run = subprocess.run(
        [str(PLAYBOOK_CLI), "validate", "playbook", "--format", "json", "--strict"],
        cwd=playbook.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert found(run.stdout) == expected(case)


@pytest.mark.parametrize("case", VALID, ids=[case.name for case in VALID])
def test_valid_overlay(case: Path, make_playbook, monkeypatch) -> None:
    playbook = make_playbook(case)
    monkeypatch.chdir(playbook.parent)
    result = CliRunner().invoke(main, ["validate", "playbook", "--strict"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "0 errors, 0 warnings in 10 files\n"


def test_every_rule_has_a_case() -> None:
    """Each semantic rule and each loader rule fails at least one fixture."""
    covered = {
        line.split(" ", 1)[0]
        for case in INVALID
        for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    }
    semantic = set(re.findall(r"^\| `([a-z-]+)` \|", rules.__doc__ or "", re.M))
    assert semantic, "the rule table of generator.validate.rules is empty"
    assert semantic <= covered, sorted(semantic - covered)
    loader_rules = {
        "file-missing",
        "file-unknown",
        "file-duplicate",
        "file-empty",
        "file-bom",
        "file-encoding",
        "file-binary",
        "file-not-regular",
        "yaml-syntax",
        "yaml-tab",
        "yaml-duplicate-key",
        "yaml-multiple-documents",
        "yaml-not-mapping",
        "yaml-too-deep",
        "yaml-alias-limit",
        "yaml-tag",
        "yaml-key-type",
        "yaml-comment-in-text",
    }
    assert loader_rules <= covered, sorted(loader_rules - covered)
