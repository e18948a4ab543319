"""`validate_playbook`, the entry point of CLI, renderer and plugin, and how schema errors read."""

from __future__ import annotations

import json
from pathlib import Path

from generator.layout import FILE_KINDS
from generator.loader import load_file
from generator.model import Playbook
from generator.pipeline import ValidationResult, validate_playbook
from generator.validate import SchemaSet, check_schema

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_valid_playbook_gives_document_and_model(minimal_playbook_dir: Path) -> None:
    result = validate_playbook(minimal_playbook_dir)
    assert isinstance(result, ValidationResult)
    assert result.ok and result.findings == () and result.errors == () and result.warnings == ()
    assert list(result.document) == list(FILE_KINDS)
    assert isinstance(result.model, Playbook)
    assert [s.id for s in result.model.severities] == ["sev1", "sev2"]
    assert len(result.files) == 10


def test_warnings_only_still_give_a_model(make_playbook) -> None:
    result = validate_playbook(make_playbook(FIXTURES / "invalid" / "ack-order"))
    assert result.ok
    assert [f.rule for f in result.warnings] == ["ack-order"]
    assert result.model is not None


def test_errors_give_no_model_but_the_document_of_the_files_that_loaded(make_playbook) -> None:
    result = validate_playbook(make_playbook(FIXTURES / "invalid" / "several-files-at-once"))
    assert not result.ok
    assert result.model is None
    assert "organisation" not in result.document  # its syntax error kept it from loading
    assert "severities" in result.document


def test_findings_are_sorted_by_file_line_and_column(make_playbook) -> None:
    result = validate_playbook(make_playbook(FIXTURES / "invalid" / "several-files-at-once"))
    keys = [(f.location.file, f.location.line, f.location.column) for f in result.findings]
    assert keys == sorted(keys)
    assert len({Path(f.location.file).name for f in result.findings}) == 3


def test_a_missing_folder_gives_no_document(tmp_path: Path) -> None:
    result = validate_playbook(tmp_path / "absent")
    assert [f.rule for f in result.findings] == ["folder-missing"]
    assert result.document is None and result.model is None


def test_the_default_playbook_is_valid(default_playbook_dir: Path) -> None:
    result = validate_playbook(default_playbook_dir)
    assert result.findings == ()
    assert result.model is not None


# ------------------------------------------------------------------ schema messages


def check(tmp_path: Path, schema: dict, text: str) -> list:
    folder = tmp_path / "schema"
    folder.mkdir(exist_ok=True)
    (folder / "rubrics.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    path = tmp_path / "rubrics.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_file(path, "rubrics", "rubrics.yaml").loaded
    assert loaded is not None
    return check_schema(loaded, SchemaSet(folder))


EVERY = {
    "description": "How often.",
    "anyOf": [
        {"type": "string", "pattern": "^[0-9]+m$", "description": "A duration."},
        {"enum": ["none", "as-progress-dictates"]},
    ],
}


def test_any_of_scalar_alternatives_is_one_clear_finding(tmp_path: Path) -> None:
    schema = {"type": "object", "properties": {"every": EVERY}}
    [finding] = check(tmp_path, schema, "every: 15 minutes\n")
    assert finding.rule == "schema-one-of"
    assert finding.message == "`every` is '15 minutes': none of the allowed forms"
    assert finding.hint == "How often."
    assert (finding.location.line, finding.location.column) == (1, 8)


def test_any_of_with_one_likely_branch_reports_inside_it(tmp_path: Path) -> None:
    schema = {
        "type": "object",
        "properties": {
            "cadence": {
                "oneOf": [
                    {"type": "string"},
                    {
                        "type": "object",
                        "properties": {"every": {"type": "string"}},
                        "additionalProperties": False,
                    },
                ]
            }
        },
    }
    [finding] = check(tmp_path, schema, "cadence:\n  every: 15m\n  evry: 1h\n")
    assert finding.rule == "schema-unknown-field"
    assert (finding.location.line, finding.location.column) == (3, 3)
    assert finding.hint.startswith("did you mean `every`?")


def test_a_misspelt_required_key_is_reported_once(tmp_path: Path) -> None:
    schema = {
        "type": "object",
        "properties": {"principle": {"type": "string"}},
        "required": ["principle"],
        "additionalProperties": False,
    }
    findings = check(tmp_path, schema, "principel: Stop the bleeding.\n")
    assert [f.rule for f in findings] == ["schema-unknown-field"]


def test_a_missing_required_key_names_it_and_says_what_it_is(tmp_path: Path) -> None:
    schema = {
        "type": "object",
        "properties": {
            "principle": {"type": "string", "description": "The one rule."},
            "other": {"type": "string"},
        },
        "required": ["principle"],
    }
    [finding] = check(tmp_path, schema, "other: x\n")
    assert finding.rule == "schema-required"
    assert finding.message == "the file is missing the required field `principle`"
    assert finding.hint == "add `principle:` - The one rule."


def test_a_number_where_text_is_expected_suggests_quotes(tmp_path: Path) -> None:
    schema = {"type": "object", "properties": {"version": {"type": "string"}}}
    [finding] = check(tmp_path, schema, "version: 1.20\n")
    assert finding.message == "`version` must be text, not the number 1.2"
    assert finding.hint == 'YAML reads 1.20 as a number; quote it to keep it as text: "1.20"'


def test_enum_suggests_the_closest_value(tmp_path: Path) -> None:
    schema = {"type": "object", "properties": {"mode": {"enum": ["any", "all"]}}}
    [finding] = check(tmp_path, schema, "mode: alll\n")
    assert finding.rule == "schema-enum"
    assert finding.message == "`mode` is 'alll'; allowed: any, all"
    assert finding.hint.startswith("did you mean 'all'?")
