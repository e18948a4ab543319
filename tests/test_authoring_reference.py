"""The authoring reference page: generated from the schemas and the rule table, complete for format
2, linked to every rule, and still complete under `python -OO`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date

import pytest

from generator.layout import (
    DEFAULT_PLAYBOOK_DIR,
    FILE_KINDS,
    OPTIONAL_KINDS,
    PROJECT_ROOT,
    SCHEMA_DIR,
)
from generator.pipeline import validate_playbook
from generator.render import render_site
from generator.render.authoring import SEMANTIC, authoring_reference, rule_table
from generator.render.authoring_rules import DERIVED_PATHS, canonical
from generator.validate.rule_table import RULE_TABLE

#: Renders the page in a fresh interpreter and prints the rule ids it lists, as JSON.
PAGE_RULES_SCRIPT = """
import json, re, sys
from datetime import date
from generator.layout import DEFAULT_PLAYBOOK_DIR
from generator.pipeline import validate_playbook
from generator.render import render_site
result = validate_playbook(DEFAULT_PLAYBOOK_DIR)
files = render_site(result.model, result.document, build_date=date(2026, 1, 1))
page = next(f.content for f in files if f.path == "reference/authoring.md")
print(json.dumps({"optimize": sys.flags.optimize,
                  "rules": re.findall(r'<span id="rule-([a-z-]+)"></span>', page)}))
"""


@pytest.fixture(scope="module")
def page() -> str:
    result = validate_playbook(DEFAULT_PLAYBOOK_DIR)
    assert result.model is not None and result.document is not None
    files = render_site(result.model, result.document, build_date=date(2026, 1, 1))
    return next(f.content for f in files if f.path == "reference/authoring.md")  # type: ignore[return-value]


def leaf_names(node: object) -> set[str]:
    """Every property name anywhere in a schema."""
    names: set[str] = set()
    if isinstance(node, dict):
        for name, value in node.get("properties", {}).items():
            names.add(name)
            names |= leaf_names(value)
        for key, value in node.items():
            if key != "properties":
                names |= leaf_names(value)
    elif isinstance(node, list):
        for value in node:
            names |= leaf_names(value)
    return names


def entry(page: str, path: str) -> str:
    """The page's section about one field."""
    escaped = path.replace("_", "\\_").replace("[", "\\[").replace("]", "\\]")
    escaped = escaped.replace("<", "&lt;").replace(">", "&gt;")
    start = page.index(f"### <code>{escaped}</code>\n")
    end = page.find("\n### ", start + 4)
    return page[start:end]


def test_every_file_and_every_field_is_described() -> None:
    reference = {doc.kind: doc for doc in authoring_reference()}
    assert list(reference) == list(FILE_KINDS)
    assert "incident-types" in reference
    for kind in FILE_KINDS:
        assert reference[kind].optional is (kind in OPTIONAL_KINDS)
        schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
        documented = {re.split(r"[.\[]", f.path)[-1] for f in reference[kind].fields}
        documented |= {f.path.rsplit(".", 1)[-1] for f in reference[kind].fields}
        assert leaf_names(schema) - {"$defs"} <= documented, kind
        for field in reference[kind].fields:
            assert field.type and field.rules and field.description, field
            assert field.example, f"{kind} {field.path} has no example"


def test_format_2_fields_are_there() -> None:
    paths = {(doc.kind, f.path) for doc in authoring_reference() for f in doc.fields}
    for wanted in [
        ("organisation", "format"),
        ("severities", "groups[].severities"),
        ("severities", "severities[].response.page[].escalate_after"),
        ("severities", "severities[].response.executives.when"),
        ("roles", "roles[].staffing"),
        ("phases", "phases[].checklist[].types"),
        ("communication", "cadence.<severity id>.<audience id>.by_stage.<stage id>"),
        ("communication", "cadence.<severity id>.<audience id>.long_incident.not_before"),
        ("incident-types", "types[].lead"),
        ("decision-tree", "nodes[].answers[].type"),
    ]:
        assert wanted in paths, wanted


def test_rules_attached_to_fields_are_real_and_every_semantic_rule_has_a_field() -> None:
    documented = {row.rule for row in rule_table()}
    pages = {(doc.kind, f.path) for doc in authoring_reference() for f in doc.fields}
    assert set(SEMANTIC) <= pages, sorted(set(SEMANTIC) - pages)
    canonical_paths = {(kind, canonical(path)) for kind, path in pages}
    assert canonical_paths >= DERIVED_PATHS, sorted(DERIVED_PATHS - canonical_paths)
    attached = {rule for doc in authoring_reference() for f in doc.fields for rule in f.rules}
    assert attached <= documented, sorted(attached - documented)
    semantic = {row.rule for row in RULE_TABLE if row.stage == "semantic"}
    assert semantic <= attached, sorted(semantic - attached)


def test_every_rule_of_the_table_is_on_the_page(page: str) -> None:
    listed = re.findall(r'<span id="rule-([a-z-]+)"></span>', page)
    assert listed == [row.rule for row in RULE_TABLE]
    for row in RULE_TABLE:
        line = next(line for line in page.splitlines() if f'id="rule-{row.rule}"' in line)
        assert f"| {row.stage} | {row.level} |" in line


def test_the_rule_table_covers_every_rule_the_code_reports() -> None:
    sources = [
        *(PROJECT_ROOT / "generator" / "validate").glob("*.py"),
        *(PROJECT_ROOT / "generator" / "loader").glob("*.py"),
    ]
    reported: set[str] = set()
    for source in sources:
        text = source.read_text(encoding="utf-8")
        reported |= set(re.findall(r'[Ff]inding\(\s*"([a-z]+(?:-[a-z]+)+)"', text))
    assert len(reported) > 30
    assert reported <= {row.rule for row in RULE_TABLE}, sorted(
        reported - {row.rule for row in RULE_TABLE}
    )


def test_the_page_lists_every_rule_under_python_OO() -> None:
    run = subprocess.run(
        [sys.executable, "-OO", "-c", PAGE_RULES_SCRIPT],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["optimize"] == 2
    assert result["rules"] == [row.rule for row in RULE_TABLE]
    assert len(result["rules"]) >= 50


def test_every_rule_link_has_a_target(page: str) -> None:
    targets = set(re.findall(r'<span id="(rule-[a-z-]+)">', page))
    links = set(re.findall(r"\]\(#(rule-[a-z-]+)\)", page))
    assert links and links <= targets, sorted(links - targets)


def test_a_field_entry(page: str) -> None:
    text = entry(page, "severities[].response.acknowledge_within")
    assert "How soon the first responder must acknowledge" in text
    assert "- **Type:** duration · optional" in text
    assert "or <code>bd</code> for business days (<code>5m</code>, <code>2h</code>," in text
    assert "- **Example:** <code>5m</code>" in text
    assert "[ack-order](#rule-ack-order)" in text
    assert "[schema-pattern](#rule-schema-pattern)" in text


def test_a_composed_example_and_a_derived_rule(page: str) -> None:
    text = entry(page, "severities[].response.page[]")
    assert "- **Example:** <code>\\{who: " in text  # composed from the children's examples
    role = entry(page, "severities[].response.page[].role")
    assert "[ref-unknown-role](#rule-ref-unknown-role)" in role  # from the validator's table
    stages = entry(page, "cadence.<severity id>.<audience id>.by_stage")
    assert "[ref-unknown-stage](#rule-ref-unknown-stage)" in stages
    assert "[cadence-order](#rule-cadence-order)" in stages


def test_links_samples_and_lists_of_choices_are_spelled_out(page: str) -> None:
    link = entry(page, "links.on_call")
    assert "- **Type:** link · optional" in link
    assert "<code>https:</code>, <code>http:</code>, <code>mailto:</code> or <code>tel:" in link
    assert "[placeholder-link](#rule-placeholder-link)" in link
    assert "[sample-text](#rule-sample-text)" in entry(page, "sample")
    also_on = entry(page, "cadence.<severity id>.<audience id>.also_on")
    # Values written in YAML as they stand are code.
    assert "each one of <code>impact-changed</code>, <code>stage-changed</code>, " in also_on
    assert "one of <code>always</code>, <code>if-customer-facing</code>, " in page
    assert "exactly one of <code>next</code> or <code>severity</code>" in page
    assert "digits <code>playbook init</code> wrote" in page


def test_optional_files_say_so(page: str) -> None:
    for kind in FILE_KINDS:
        start = page.index(f"## {kind}.yaml")
        intro = page[start : page.index("###", start)]
        assert ("*Optional file.*" in intro) is (kind in OPTIONAL_KINDS), kind
