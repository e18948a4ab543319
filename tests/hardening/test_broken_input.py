"""Broken input: every case fails `playbook validate` with its rule at its place, and nothing worse.

Two kinds of case, both run through the installed console script as a child process:

- `cases/<name>/`: files that replace those of the minimal playbook (the mechanism of
  tests/fixtures/invalid), with `expected.txt` stating per finding `rule-id file:line:col`, and
  the `message:` and `hint:` a user reads (tests/findings_contract.py);
- generated cases (tests/hardening/generated.py), whose bytes are made in a temporary folder
  because they are huge, binary or special files (100 MB, a million items, 10,000 levels, an
  alias bomb, a symbolic link loop, a FIFO, an unreadable file, an empty folder, ...).

Each must exit 1, print exactly the expected findings as `file:line:col: error[rule]: message`
with their hints (a whole file or folder has no line), print no traceback, and stay within the
bounds of `hardening_child`.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from hardening_child import PLAYBOOK_CLI, Run, assert_within_bounds, run_measured, validate

from generator.layout import REQUIRED_KINDS
from tests.findings_contract import Expected, block, from_text, mismatches, proposed, read
from tests.hardening.generated import GENERATED, UNREADABLE

HERE = Path(__file__).parent
CASES = sorted(path for path in (HERE / "cases").iterdir() if path.is_dir())
MINIMAL = HERE.parent / "fixtures" / "minimal"


def check(workdir: Path, expected: list[Expected]) -> Run:
    """Run `playbook validate playbook` in `workdir`: exit 1, exactly `expected`, in words."""
    run = validate("playbook", workdir)
    assert_within_bounds(run)
    assert run.returncode == 1, run.output
    reported = from_text(run.stdout)
    problems = mismatches(expected, reported)
    assert not problems, "\n".join(problems[:20]) + "\n\nreported:\n" + proposed(reported)[-3000:]
    for want in expected:
        if want.line:  # a finding at a place names file, line and column
            assert re.search(
                rf"^playbook/\S+:[1-9]\d*:[1-9]\d*: (error|warning)\[{want.rule}\]",
                run.stdout,
                re.M,
            )
    return run


def test_the_corpus_has_at_least_80_cases() -> None:
    assert len(CASES) + len(GENERATED) + len(REQUIRED_KINDS) >= 80


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_overlay_case(case: Path, make_playbook) -> None:
    playbook = make_playbook(case)
    check(playbook.parent, read(case / "expected.txt"))


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_case(name: str, make_playbook) -> None:
    playbook = make_playbook()
    GENERATED[name].make(playbook)
    check(playbook.parent, list(GENERATED[name].expected))


@pytest.mark.parametrize("kind", REQUIRED_KINDS)
def test_each_missing_file(kind: str, make_playbook) -> None:
    playbook = make_playbook()
    (playbook / f"{kind}.yaml").unlink()
    wanted = block("file-missing .:0:0", f"the playbook has no {kind}.yaml", f"create {kind}.yaml")
    check(playbook.parent, [wanted])


@pytest.mark.ci_may_skip("only where root cannot drop its rights; CI runners are not root")
def test_an_unreadable_file(tmp_path: Path) -> None:
    """Tests run as root, who reads any file whatever its mode; the child runs without the
    capabilities that let root ignore permissions, so a file of mode 000 is really unreadable."""
    playbook = tmp_path / "playbook"
    shutil.copytree(MINIMAL, playbook)
    (playbook / "roles.yaml").chmod(0)
    drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    if os.geteuid() != 0:
        drop = []  # an ordinary user cannot read a file of mode 000 anyway
    elif shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is missing; folder-instead-of-a-file covers the case")
    elif subprocess.run([*drop, "cat", str(playbook / "roles.yaml")], check=False).returncode == 0:
        pytest.skip("cannot drop CAP_DAC_OVERRIDE here; folder-instead-of-a-file covers the case")
    run = run_measured([*drop, str(PLAYBOOK_CLI), "validate", "playbook"], tmp_path)
    assert_within_bounds(run)
    assert run.returncode == 1, run.output
    assert mismatches([UNREADABLE], from_text(run.stdout)) == [], run.stdout
    assert stat.S_IMODE((playbook / "roles.yaml").stat().st_mode) == 0
