"""Every invalid fixture fails `playbook validate` with exactly the findings in its expected.txt.

A case folder holds the files that replace or join the minimal playbook (or `delete.txt`), and
`expected.txt`: per finding `rule-id file:line:col` and the words a user reads, `message:` and
`hint:` (see tests/findings_contract.py). The JSON, text and GitHub reports all carry them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.render.authoring import rule_table
from tests.findings_contract import (
    Expected,
    from_json,
    from_text,
    mismatches,
    proposed,
    read,
)

FIXTURES = Path(__file__).parent / "fixtures"
HARDENING_CASES = Path(__file__).parent / "hardening" / "cases"
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


def check(expected: list[Expected], reported_json: str, case: Path) -> None:
    reported = from_json(json.loads(reported_json))
    problems = mismatches(expected, reported)
    assert not problems, "\n".join(problems) + "\n\nwhat the run reported:\n" + proposed(reported)


def test_there_are_enough_cases() -> None:
    assert len(INVALID) >= 45


@pytest.mark.parametrize("case", INVALID, ids=[case.name for case in INVALID])
def test_invalid_case(case: Path, make_playbook, monkeypatch) -> None:
    expected = read(case / "expected.txt")
    playbook = make_playbook(case)
    monkeypatch.chdir(playbook.parent)
    runner = CliRunner()

    as_json = runner.invoke(main, ["validate", "playbook", "--format", "json", "--strict"])
    assert as_json.exit_code == 1, as_json.output
    check(expected, as_json.stdout, case)

    # The text report shows the same findings with the same words, and no traceback.
    any_error = any(item["level"] == "error" for item in json.loads(as_json.stdout))
    as_text = runner.invoke(main, ["validate", "playbook"])
    assert as_text.exit_code == (1 if any_error else 0), as_text.output
    assert "Traceback" not in as_text.output and "internal error" not in as_text.output
    problems = mismatches(expected, from_text(as_text.stdout))
    assert not problems, "\n".join(problems) + "\n\n" + as_text.stdout

    # GitHub annotations: one per finding, with the message (newlines escaped).
    as_github = runner.invoke(main, ["validate", "playbook", "--format", "github"])
    annotations = [line for line in as_github.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == len(expected), as_github.stdout
    for want in expected:
        assert any(
            f"title={want.rule}::" in line and want.message in line for line in annotations
        ), (str(want), as_github.stdout)


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
    check(read(case / "expected.txt"), run.stdout, case)


@pytest.mark.parametrize("case", VALID, ids=[case.name for case in VALID])
def test_valid_overlay(case: Path, make_playbook, monkeypatch) -> None:
    playbook = make_playbook(case)
    monkeypatch.chdir(playbook.parent)
    result = CliRunner().invoke(main, ["validate", "playbook", "--strict"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("0 errors, 0 warnings in "), result.stdout


def stated_cases() -> list[Expected]:
    """Every finding any fixture or hardening case states, with its message."""
    folders = [
        *INVALID,
        *(p for p in HARDENING_CASES.iterdir() if p.is_dir()),
        *(p for p in (FIXTURES / "translations").iterdir() if p.is_dir()),
    ]
    stated = [block for case in folders for block in read(case / "expected.txt")]
    from tests.hardening.generated import every_generated_block

    return stated + every_generated_block()


def test_every_rule_has_a_case_that_checks_its_message() -> None:
    """Each rule of the rule table (loader, schema, semantic, translation) fails a case whose
    expected.txt states the message; and no case reports a rule the table does not list."""
    table = {row.rule for row in rule_table()}
    stated = stated_cases()
    checked = {block.rule for block in stated if block.message.strip()}
    assert len(table) >= 50, sorted(table)
    assert table <= checked, f"rules without a case checking the message: {sorted(table - checked)}"
    assert {block.rule for block in stated} <= table, sorted({b.rule for b in stated} - table)
