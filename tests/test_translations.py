"""Content translations: the shipped Japanese translation, the translated model, the field table
against the model, the generated schemas, and `playbook diff` naming stale translations."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
import types
import typing
from pathlib import Path

import pytest

from generator import model as m
from generator.layout import DEFAULT_PLAYBOOK_DIR, PROJECT_ROOT
from generator.loader import load_folder
from generator.pipeline import validate_playbook
from generator.translations.fields import NOT_TEXT, TEXT_FIELDS, TREES
from generator.translations.load import TRANSLATION_SCHEMA_DIR, load_translations
from generator.translations.model import FallbackText, translated
from generator.translations.rules import check_translations
from generator.translations.schema import all_schemas, dump
from generator.translations.walk import source_texts

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def default_model() -> m.Playbook:
    result = validate_playbook(DEFAULT_PLAYBOOK_DIR)
    assert result.model is not None
    return result.model


# ------------------------------------------------------------------------ the shipped translation


def test_the_japanese_translation_of_the_default_playbook_has_no_finding() -> None:
    files = load_folder(DEFAULT_PLAYBOOK_DIR).files
    translations = load_translations(DEFAULT_PLAYBOOK_DIR)
    assert translations.languages == ("ja",)
    assert list(check_translations(files, translations)) == []


def test_the_japanese_model_has_no_fallback_and_reads_japanese(default_model) -> None:
    japanese, fallbacks = translated(default_model, load_translations(DEFAULT_PLAYBOOK_DIR), "ja")
    assert fallbacks == ()
    assert japanese.organisation.language == "ja"
    assert japanese.severity("sev1").name == "緊急"
    assert japanese.severity("sev1").label == "SEV-1"
    assert japanese.role("incident-commander").name == "インシデントコマンダー"
    assert japanese.stage("investigating").name == "調査中"
    assert japanese.decision_tree is not None
    assert japanese.decision_tree.nodes[0].answers[0].label == "はい"
    # Only texts change: ids, durations and references stay as they were.
    assert japanese.severity("sev1").response.acknowledge_within == "5m"
    assert japanese.decision_tree.nodes[0].answers[0].severity == "sev1"
    template = next(t for t in japanese.status_templates if t.id == "customers-investigating")
    assert "{impact}" in template.body and "{next_update}" in template.body
    assert default_model.severity("sev1").name == "Critical"  # the source model is untouched


def test_no_japanese_text_is_a_forgotten_copy_of_the_english() -> None:
    """A text identical to its source is either a name kept in the source form (labels, role
    abbreviations, the company name, people, times and dates in examples) or a forgotten copy."""
    translations = load_translations(DEFAULT_PLAYBOOK_DIR)
    kept = {"SEV-1", "SEV-2", "SEV-3", "SEV-4", "IC", "CL", "OL", "SC", "SME", "Northwind Cloud"}
    kept |= {"Sam Okafor", "10:30", "11:00", "11:30", "11:12", "2026-11-18"}
    same = []
    for kind, loaded in load_folder(DEFAULT_PLAYBOOK_DIR).files.items():
        target = translations.file("ja", kind)
        assert target is not None, kind
        for text in source_texts(kind, loaded.data):
            japanese = target.entries[text.path].text
            if japanese == text.text and japanese not in kept and not japanese.endswith(" CET"):
                same.append((kind, text.path, japanese))
    assert same == []


# --------------------------------------------------------------------------- translated model


def test_a_partial_translation_falls_back_to_the_source_and_names_each_place(
    default_model, tmp_path: Path
) -> None:
    playbook = tmp_path / "playbook"
    shutil.copytree(DEFAULT_PLAYBOOK_DIR, playbook)
    folder = playbook / "translations" / "de"
    folder.mkdir()
    (folder / "roles.yaml").write_text(
        "roles:\n  scribe:\n    name: {text: Protokollant}\n", encoding="utf-8"
    )
    german, fallbacks = translated(default_model, load_translations(playbook), "de")
    assert german.role("scribe").name == "Protokollant"
    assert german.role("scribe").summary == default_model.role("scribe").summary
    # A page can tell a fallback from a translation and mark it (lang="en").
    assert isinstance(german.role("scribe").summary, FallbackText)
    assert not isinstance(german.role("scribe").name, FallbackText)
    places = {fallback.key for fallback in fallbacks}
    assert "roles/roles/scribe/summary" in places
    assert "roles/roles/scribe/name" not in places
    assert "severities/severities/sev1/definition/0" in places
    total = sum(
        1 for kind, lf in load_folder(playbook).files.items() for _ in source_texts(kind, lf.data)
    )
    assert len(fallbacks) == total - 1


def test_cadence_follow_ups_are_translated_through_their_severity_and_audience(
    tmp_path: Path,
) -> None:
    """Cadence cells are keyed by severity and audience in YAML and flat in the model."""
    project = tmp_path / "project"
    run = subprocess.run(
        [BIN / "playbook", "init", str(project), "--preset", "major-incident"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    playbook = project / "playbook"
    model = validate_playbook(playbook).model
    assert model is not None
    cell = next(c for c in model.communication.cadence if c.follow_ups)
    folder = playbook / "translations" / "ja"
    folder.mkdir(parents=True)
    (folder / "communication.yaml").write_text(
        f"cadence:\n  {cell.severity}:\n    {cell.audience}:\n      follow_ups:\n"
        "        - name: {text: 影響範囲の報告}\n",
        encoding="utf-8",
    )
    japanese, fallbacks = translated(model, load_translations(playbook), "ja")
    assert japanese.cadence(cell.severity, cell.audience).follow_ups[0].name == "影響範囲の報告"
    assert japanese.cadence(cell.severity, cell.audience).follow_ups[0].within == (
        cell.follow_ups[0].within
    )
    path = ("cadence", cell.severity, cell.audience, "follow_ups", 0, "name")
    assert all(f.path != path for f in fallbacks)


def test_the_model_walk_and_the_file_walk_name_the_same_texts(default_model) -> None:
    """The translated model and the rules pair texts by the same paths (else a translation the
    rules accept could never reach a page)."""
    document = validate_playbook(DEFAULT_PLAYBOOK_DIR).document
    assert document is not None
    in_files = {(kind, t.path) for kind, data in document.items() for t in source_texts(kind, data)}
    _, fallbacks = translated(default_model, load_translations(Path("/nonexistent")), "de")
    in_model = {(f.kind, f.path) for f in fallbacks}
    assert len(in_files) > 600
    assert in_files == in_model


# --------------------------------------------------------------------------- the field table


def _text_leaves() -> set[str]:
    """`Class.field` of every field the field table names as text, found through the model."""
    found: set[str] = set()

    def walk(cls: type, node) -> None:  # type: ignore[no-untyped-def]
        hints = typing.get_type_hints(cls)
        for field in dataclasses.fields(cls):
            key = field.metadata.get(m.KEY, field.name)
            child = node.child(key)
            if child is None:
                continue
            hint = _unwrap(hints[field.name])
            if field.metadata.get(m.KEYED):  # cadence: severity -> audience -> cell
                hint = typing.get_args(hint)[0]
                for _ in field.metadata[m.KEYED]:
                    child = child.each[1]
            elif typing.get_origin(hint) is tuple:
                hint = typing.get_args(hint)[0]
                child = child.each[1] if child.each else child
            if child.text:
                found.add(f"{cls.__name__}.{field.name}")
            elif dataclasses.is_dataclass(hint):
                walk(hint, child)

    hints = typing.get_type_hints(m.Playbook)
    for field in dataclasses.fields(m.Playbook):
        source = field.metadata.get(m.SOURCE)
        if not source:
            continue
        kind, key = source
        node = TREES[kind] if key is None else TREES[kind].child(key)
        if node is None:
            continue
        hint = _unwrap(hints[field.name])
        if typing.get_origin(hint) is tuple:
            hint = typing.get_args(hint)[0]
            node = node.each[1]
        if dataclasses.is_dataclass(hint):
            walk(hint, node)
    return found


def _unwrap(hint):  # type: ignore[no-untyped-def]
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return next(arm for arm in typing.get_args(hint) if arm is not type(None))
    return hint


def _string_fields() -> set[str]:
    found = set()
    for cls in vars(m).values():
        if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
            continue
        if cls.__module__ != m.__name__:
            continue
        for name, hint in typing.get_type_hints(cls).items():
            hint = _unwrap(hint)
            if hint is str or (
                typing.get_origin(hint) is tuple and typing.get_args(hint)[0] is str
            ):
                found.add(f"{cls.__name__}.{name}")
    return found


def test_every_text_field_of_the_model_is_declared_text_or_not_text() -> None:
    text = _text_leaves()
    strings = _string_fields()
    assert len(text) > 70
    assert text.isdisjoint(NOT_TEXT), sorted(text & NOT_TEXT)
    assert strings - text - NOT_TEXT == set(), "classify these fields in fields.py"
    assert strings >= NOT_TEXT, sorted(NOT_TEXT - strings)  # no stale names in NOT_TEXT
    assert text <= strings, sorted(text - strings)


# --------------------------------------------------------------------------- schemas


def test_the_schema_files_are_what_the_field_table_generates() -> None:
    """Regenerate with `python -m generator.translations.schema` after changing fields.py."""
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in TRANSLATION_SCHEMA_DIR.glob("*.json")}
    generated = {name: dump(schema) for name, schema in all_schemas().items()}
    assert on_disk == generated
    assert set(TEXT_FIELDS) == {n.removesuffix(".schema.json") for n in on_disk} - {"common"}
    assert all("$id" not in json.loads(text) for text in on_disk.values())


def test_check_jsonschema_accepts_the_japanese_files_from_another_folder(tmp_path: Path) -> None:
    folder = DEFAULT_PLAYBOOK_DIR / "translations" / "ja"
    for path in sorted(folder.glob("*.yaml")):
        schema = TRANSLATION_SCHEMA_DIR / f"{path.stem}.schema.json"
        run = subprocess.run(
            [BIN / "check-jsonschema", "--schemafile", str(schema), str(path)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 0, run.stdout + run.stderr


def test_check_jsonschema_refuses_an_unknown_field_and_a_numeric_fingerprint(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "rubrics.yaml"
    bad.write_text(
        "rubrics:\n  roll-back:\n    questoin: {text: x}\n    rationale: {text: y, source: '1'}\n",
        encoding="utf-8",
    )
    run = subprocess.run(
        [
            BIN / "check-jsonschema",
            "--schemafile",
            str(TRANSLATION_SCHEMA_DIR / "rubrics.schema.json"),
            str(bad),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert "questoin" in run.stdout
    assert "'1' does not match" in run.stdout


def test_the_loader_reports_schema_errors_of_a_translation_with_line_and_column(
    tmp_path: Path,
) -> None:
    playbook = tmp_path / "playbook"
    shutil.copytree(DEFAULT_PLAYBOOK_DIR, playbook)
    (playbook / "translations" / "ja" / "rubrics.yaml").write_text(
        "rubrics:\n  roll-back:\n    questoin: {text: x}\n", encoding="utf-8"
    )
    findings = load_translations(playbook).findings
    assert [(f.rule, f.location.line, f.location.column) for f in findings] == [
        ("schema-unknown-field", 3, 5)
    ]
    assert "did you mean `question`" in findings[0].hint or "question" in findings[0].hint


# --------------------------------------------------------------------------- playbook diff


def test_diff_names_the_translations_a_change_makes_stale(tmp_path: Path) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    shutil.copytree(DEFAULT_PLAYBOOK_DIR, base)
    shutil.copytree(DEFAULT_PLAYBOOK_DIR, head)
    rubrics = head / "rubrics.yaml"
    rubrics.write_text(
        rubrics.read_text(encoding="utf-8").replace(
            "default_when_unsure: Roll back.", "default_when_unsure: Roll back now."
        ),
        encoding="utf-8",
    )
    run = subprocess.run(
        [BIN / "playbook", "diff", str(base), str(head)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "Translations this change makes stale" in run.stdout
    assert "[ja] rubrics roll-back default_when_unsure" in run.stdout
    as_json = subprocess.run(
        [BIN / "playbook", "diff", str(base), str(head), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    impacts = json.loads(as_json.stdout)["translations"]
    assert impacts == [
        {
            "impact": "stale",
            "lang": "ja",
            "file": str(head / "translations" / "ja" / "rubrics.yaml"),
            "line": impacts[0]["line"],
            "place": "rubrics roll-back default_when_unsure",
            "before": "Roll back.",
            "after": "Roll back now.",
        }
    ]
    assert impacts[0]["line"] > 0


def test_diff_of_unchanged_playbooks_names_no_translation(tmp_path: Path) -> None:
    run = subprocess.run(
        [BIN / "playbook", "diff", str(DEFAULT_PLAYBOOK_DIR), str(DEFAULT_PLAYBOOK_DIR)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0
    assert "Translation" not in run.stdout


def test_translated_pages_strip_the_fingerprint_and_fall_back_per_page(tmp_path: Path) -> None:
    from generator.translations.model import translated_pages

    pages, fallbacks = translated_pages(
        DEFAULT_PLAYBOOK_DIR / "pages", load_translations(DEFAULT_PLAYBOOK_DIR), "ja"
    )
    assert sorted(pages) == ["customer-support.md", "security-incidents.md"]
    assert pages["security-incidents.md"].startswith("# セキュリティインシデント\n")
    assert fallbacks == ()
    english, fallbacks = translated_pages(
        DEFAULT_PLAYBOOK_DIR / "pages", load_translations(DEFAULT_PLAYBOOK_DIR), "de"
    )
    assert english["security-incidents.md"].startswith("# Security incidents\n")
    assert [f.key for f in fallbacks] == [
        "pages/customer-support.md",
        "pages/security-incidents.md",
    ]


def test_japanese_texts_have_no_space_from_folded_lines() -> None:
    """YAML folds a line break in `>-` text into a space, and a browser shows a line break in a
    Markdown paragraph as one: both split Japanese words ("エンジニアリング ディレクター")."""
    import re

    between_wide = re.compile(
        r"[\u3001\u3002\u3040-\u30ff\u4e00-\u9fff] [\u3040-\u30ff\u4e00-\u9fff]"
    )
    translations = load_translations(DEFAULT_PLAYBOOK_DIR)
    split = [
        (kind, path)
        for kind, target in translations.files["ja"].items()
        for path, entry in target.entries.items()
        if between_wide.search(entry.text)
    ]
    assert split == []
    for name, page in translations.pages["ja"].items():
        for previous, line in zip(page.body.splitlines(), page.body.splitlines()[1:], strict=False):
            wrapped = (
                previous.strip()
                and line.strip()
                and not line.lstrip().startswith(("-", "#", "|", "1", "2", "3", "4", "5"))
                and not previous.startswith(("#", "|"))
            )
            assert not wrapped, (name, previous, line)


def test_the_table_of_language_names_is_babels() -> None:
    """Messages name a language from a small table (Babel's data costs more to load than a
    whole check); every name in it is Babel's, and other tags still get Babel's name."""
    from generator.translations.rules import LANGUAGE_NAMES, babel_language_name, language_name

    assert {tag: babel_language_name(tag) for tag in LANGUAGE_NAMES} == LANGUAGE_NAMES
    assert language_name("ja") == "Japanese"
    assert language_name("pt-PT") == "Portuguese (Portugal)"
    assert language_name("xx-nonsense") == "xx-nonsense"
