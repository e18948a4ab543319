"""The real YAML language server reads our schemas through each file's modeline, as an editor does.

Valid default files get no diagnostics; a wrong value gets one on the line that holds it. Edited
texts are opened under new names next to the real files (the modeline's `../schema` still
resolves) and never written to disk.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from yls_client import LanguageServer

from generator.layout import FILE_KINDS, modeline

PLAYBOOK = Path(__file__).resolve().parent.parent.parent / "playbook"


@pytest.mark.parametrize("kind", FILE_KINDS)
def test_default_file_has_modeline_and_no_diagnostics(
    language_server: LanguageServer, kind: str
) -> None:
    path = PLAYBOOK / f"{kind}.yaml"
    assert path.read_text(encoding="utf-8").splitlines()[0] == modeline(kind)
    assert language_server.open(path) == []


# (file kind, text to replace, replacement, words expected in the message)
WRONG_VALUES = [
    ("severities", "acknowledge_within: 15m", "acknowledge_within: soon", "pattern"),
    (
        "severities",
        "      public_communication:\n        when: never\n",
        "      public_communication:\n        when: sometimes\n",
        "always",
    ),
    (
        "severities",
        "      executives:\n        when: conditional\n        condition: the impact is not",
        "      executives:\n        when: conditional\n        reason: the impact is not",
        "condition",
    ),
    ("severities", "  - id: sev3", "  - id: Sev_3", "pattern"),
    ("severities", "    label: SEV-2\n", "    label: SEV-2\n    colour: red\n", "colour"),
    ("communication", "      every: 15m", "      every: often", "pattern"),
    ("communication", "  sev2:\n", "  Sev2:\n", "pattern"),
    ("organisation", "review_max_age_days: 180", "review_max_age_days: '180'", "integer"),
    ("organisation", 'last_reviewed: "2026-11-01"', "last_reviewed: last week", "pattern"),
    ("organisation", "on_call: tel:+15550142", "on_call: javascript:alert(1)", "pattern"),
    (
        "decision-tree",
        '      - label: "No"\n        next: customer-impact\n',
        '      - label: "No"\n        next: customer-impact\n        severity: sev2\n',
        "only one",
    ),
]


@pytest.mark.parametrize(
    ("kind", "before", "after", "words"),
    WRONG_VALUES,
    ids=[f"{case[0]}-{number}" for number, case in enumerate(WRONG_VALUES)],
)
def test_wrong_value_is_reported_on_its_line(
    language_server: LanguageServer, kind: str, before: str, after: str, words: str
) -> None:
    text = (PLAYBOOK / f"{kind}.yaml").read_text(encoding="utf-8")
    assert before in text, "the default playbook changed: update this test's example"
    edited = text.replace(before, after, 1)
    changed_at = edited[: edited.index(after)].count("\n")  # 0-based, as LSP counts
    first_new_line = changed_at + (1 if after.startswith("\n") else 0)
    last_new_line = changed_at + after.rstrip("\n").count("\n")
    name = f"{kind}-{WRONG_VALUES.index((kind, before, after, words))}.editor-test.yaml"
    diagnostics = language_server.open(PLAYBOOK / name, edited)
    assert diagnostics, f"no diagnostic for {after.strip()!r}"
    lines = {d["range"]["start"]["line"] for d in diagnostics}
    assert lines & set(range(first_new_line, last_new_line + 1)), (diagnostics, changed_at)
    assert any(words in d["message"] for d in diagnostics), diagnostics


def test_hover_shows_the_schema_description(language_server: LanguageServer) -> None:
    path = PLAYBOOK / "severities.yaml"
    language_server.open(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines) if "acknowledge_within:" in text)
    column = lines[line].index("acknowledge_within") + 3
    assert "acknowledge" in language_server.hover(path, line, column)
