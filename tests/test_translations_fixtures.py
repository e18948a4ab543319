"""Every translation fixture reports exactly the findings in its expected.txt.

A case in tests/fixtures/translations/ is laid over the minimal playbook plus a complete Japanese
translation of it (each text "[ja] <source text>" with the right fingerprint), file by file, so a
case holds only the files it changes (source or translation); `delete.txt` lists paths to remove
first. expected.txt is the format of tests/findings_contract.py: `rule file:line:col`, then the
message and hint a user reads.

Each case runs through `validate_playbook`, the pipeline of `playbook validate`, and compares
the findings of the translation rules (the minimal playbook's own findings are not the subject).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.findings import Finding
from generator.loader import load_folder
from generator.pipeline import validate_playbook
from generator.translations.rules import TRANSLATION_RULES
from generator.translations.skeleton import dump, skeleton
from tests.findings_contract import Reported, mismatches, proposed, read

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(p for p in (FIXTURES / "translations").iterdir() if p.is_dir())


def base_playbook(tmp_path: Path) -> Path:
    """The minimal playbook with a complete, current Japanese translation."""
    playbook = tmp_path / "playbook"
    shutil.copytree(FIXTURES / "minimal", playbook)
    folder = playbook / "translations" / "ja"
    folder.mkdir(parents=True)
    for kind, loaded in load_folder(playbook).files.items():
        data = skeleton(kind, loaded.data, lambda text: f"[ja] {text}")
        if data:
            (folder / f"{kind}.yaml").write_text(dump(kind, data), encoding="utf-8")
    return playbook


def lay_over(playbook: Path, case: Path) -> None:
    deletions = case / "delete.txt"
    if deletions.exists():
        for name in deletions.read_text(encoding="utf-8").split():
            (playbook / name).unlink()
    for source in sorted(case.rglob("*")):
        relative = source.relative_to(case)
        if source.is_dir() or relative.name in ("expected.txt", "delete.txt"):
            continue
        target = playbook / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def run(playbook: Path) -> list[Finding]:
    """What `playbook validate playbook` reports of the translation rules (run from tmp_path)."""
    rules = {row.rule for row in TRANSLATION_RULES}
    return [f for f in validate_playbook(Path("playbook")).findings if f.rule in rules]


def reported(findings: list[Finding]) -> list[Reported]:
    return [
        Reported(
            f.rule,
            "." if f.location.file == "playbook" else f.location.file.removeprefix("playbook/"),
            f.location.line,
            f.location.column,
            f.message,
            f.hint,
        )
        for f in findings
    ]


def test_the_base_translation_is_clean(tmp_path: Path, monkeypatch) -> None:
    base_playbook(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert run(Path("playbook")) == []


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_translation_case(case: Path, tmp_path: Path, monkeypatch) -> None:
    expected = read(case / "expected.txt")
    playbook = base_playbook(tmp_path)
    lay_over(playbook, case)
    monkeypatch.chdir(tmp_path)
    found = reported(run(playbook))
    problems = mismatches(expected, found)
    assert not problems, "\n".join(problems) + "\n\nwhat the run reported:\n" + proposed(found)


def test_every_translation_rule_has_a_case_that_states_its_message() -> None:
    stated = {block.rule for case in CASES for block in read(case / "expected.txt")}
    assert {row.rule for row in TRANSLATION_RULES} <= stated
