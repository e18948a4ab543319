"""`validate_playbook`, the entry point of CLI, renderer and plugin, and how schema errors read."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from generator.layout import FILE_KINDS, PROJECT_ROOT, REQUIRED_KINDS
from generator.loader import load_file
from generator.model import Playbook
from generator.pipeline import ValidationResult, validate_playbook
from generator.validate import SchemaSet, check_schema
from generator.validate.rule_table import RULE_TABLE, SEMANTIC_RULES, level_of
from generator.validate.rules_marks import is_placeholder_host

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_valid_playbook_gives_document_and_model(minimal_playbook_dir: Path) -> None:
    result = validate_playbook(minimal_playbook_dir)
    assert isinstance(result, ValidationResult)
    assert result.ok and result.findings == () and result.errors == () and result.warnings == ()
    assert list(result.document) == [kind for kind in FILE_KINDS if kind != "incident-types"]
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


def test_a_wrong_format_version_is_the_only_finding(make_playbook) -> None:
    """The case holds format-1 severities and roles too; their errors would only be noise."""
    result = validate_playbook(make_playbook(FIXTURES / "invalid" / "format-version"))
    [finding] = result.findings
    assert finding.rule == "format-version" and finding.is_error
    assert finding.message == "this playbook is written in format 1; this tool reads format 2"
    assert "README" in finding.hint
    assert result.model is None


def test_a_future_format_asks_for_a_newer_tool(make_playbook, tmp_path: Path) -> None:
    playbook = make_playbook()
    org = playbook / "organisation.yaml"
    org.write_text(org.read_text("utf-8").replace("format: 2", "format: 3"), "utf-8")
    [finding] = validate_playbook(playbook).findings
    assert finding.message == "this playbook is written in format 3; this tool reads format 2"
    assert finding.hint == "use a newer version of incident-playbook, which reads this format"


def test_a_quoted_format_says_to_write_a_number(make_playbook) -> None:
    playbook = make_playbook()
    org = playbook / "organisation.yaml"
    org.write_text(org.read_text("utf-8").replace("format: 2", 'format: "2"'), "utf-8")
    [finding] = validate_playbook(playbook).findings
    assert finding.message.startswith("`format` is '2', which is not a format number")
    assert (finding.location.line, finding.location.column) == (2, 9)


@pytest.mark.parametrize("kind", ["decision-tree", "incident-types"])
def test_optional_files_may_be_left_out(make_playbook, kind: str) -> None:
    playbook = make_playbook()
    (playbook / f"{kind}.yaml").unlink(missing_ok=True)
    result = validate_playbook(playbook)
    assert result.findings == () and result.model is not None


def test_a_missing_required_file_hint_never_suggests_writing_over_the_folder(make_playbook) -> None:
    playbook = make_playbook()
    (playbook / "roles.yaml").unlink()
    [finding] = [f for f in validate_playbook(playbook).findings if f.rule == "file-missing"]
    assert finding.message == "the playbook has no roles.yaml; every playbook needs one"
    assert "`playbook init example-playbook`" in finding.hint
    assert "never over existing files" in finding.hint
    assert "--force" not in finding.hint
    assert set(REQUIRED_KINDS) == set(FILE_KINDS) - {"decision-tree", "incident-types"}


# ------------------------------------------------------------------ the rule table


def rule_ids_in_code() -> set[str]:
    """Every rule id a semantic rule module passes to a finding, read from the source."""
    found: set[str] = set()
    for path in (PROJECT_ROOT / "generator" / "validate").glob("rules_*.py"):
        text = path.read_text("utf-8")
        found |= set(re.findall(r'(?:finding\(|Finding\(|RULE = )\s*"([a-z]+(?:-[a-z]+)+)"', text))
        found |= set(
            re.findall(r'^\s+"((?:ref-unknown|tree|cadence|group|unique)[a-z-]*)",$', text, re.M)
        )
    return found


def test_every_rule_the_code_reports_is_in_the_table() -> None:
    listed = {row.rule for row in SEMANTIC_RULES}
    in_code = rule_ids_in_code()
    assert {"format-version", "placeholder-link", "sample-text", "tree-path-long"} <= in_code
    assert in_code <= listed, in_code - listed
    assert len({row.rule for row in RULE_TABLE}) == len(RULE_TABLE)
    for row in RULE_TABLE:
        assert row.level in ("error", "warning") and len(row.checks) > 10, row


def test_levels_come_from_the_table() -> None:
    assert level_of("tree-path-long") == "warning"
    assert level_of("escalation-dead-end") == "error"
    with pytest.raises(KeyError):
        level_of("no-such-rule")


def test_the_table_and_the_validator_work_under_python_dash_oo(make_playbook) -> None:
    """-OO strips docstrings: the rule table is code, so levels and findings stay the same."""
    playbook = make_playbook(FIXTURES / "invalid" / "tree-path-long")
    script = (
        "import sys; from pathlib import Path\n"
        "from generator.validate.rule_table import SEMANTIC_RULES\n"
        "from generator.pipeline import validate_playbook\n"
        "assert len(SEMANTIC_RULES) > 30\n"
        "r = validate_playbook(Path(sys.argv[1]))\n"
        "print([(f.rule, f.level) for f in r.findings])\n"
    )
    run = subprocess.run(
        [sys.executable, "-OO", "-c", script, str(playbook)],
        capture_output=True,
        text=True,
        check=False,
        cwd=PROJECT_ROOT,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[('tree-path-long', 'warning')]"


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


@pytest.mark.parametrize(
    ("host", "placeholder"),
    [
        ("example.com", True),
        ("status.example.org", True),
        ("EXAMPLE.NET", True),
        ("chat.acme.example", True),
        ("oncall.invalid", True),
        ("intranet.test", True),
        ("localhost", True),
        ("app.localhost", True),
        ("example.community", False),
        ("myexample.com", False),
        ("status.northwind.cloud", False),
        ("testing.io", False),
    ],
)
def test_reserved_example_hosts(host: str, placeholder: bool) -> None:
    assert is_placeholder_host(host) is placeholder


def strip_optional(node: object, schema: dict, resolve: Callable[[str], dict]) -> object:
    """`node` with every key its schema does not require removed, recursively."""
    while "$ref" in schema:
        schema = {**resolve(schema["$ref"]), **{k: v for k, v in schema.items() if k != "$ref"}}
    if isinstance(node, dict) and "properties" in schema:
        required = set(schema.get("required", ()))
        return {
            key: strip_optional(value, schema["properties"][key], resolve)
            for key, value in node.items()
            if key in required
        }
    if isinstance(node, list) and isinstance(schema.get("items"), dict):
        return [strip_optional(item, schema["items"], resolve) for item in node]
    return node


def test_a_playbook_of_required_fields_only_validates_and_builds(make_playbook) -> None:
    """Nothing an organisation may leave out is needed: the minimal playbook with every optional
    key removed (responses, names, guidance lists, cadence, the tree) still gives a model."""
    schemas = SchemaSet(PROJECT_ROOT / "schema")
    common = schemas.documents["common.schema.json"]

    def resolve(ref: str) -> dict:
        return common["$defs"][ref.rsplit("/", 1)[-1]]

    playbook = make_playbook()
    (playbook / "decision-tree.yaml").unlink()
    for path in sorted(playbook.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        sparse = strip_optional(data, schemas.documents[f"{path.stem}.schema.json"], resolve)
        path.write_text(yaml.safe_dump(sparse, sort_keys=False), "utf-8")
    communication = yaml.safe_load((playbook / "communication.yaml").read_text("utf-8"))
    assert set(communication) == {"audiences", "channels"}
    severities = yaml.safe_load((playbook / "severities.yaml").read_text("utf-8"))
    assert set(severities["severities"][0]) == {"id", "label", "summary", "definition"}
    result = validate_playbook(playbook)
    assert result.findings == ()
    assert result.model is not None and result.model.decision_tree is None
