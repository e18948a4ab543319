"""The authoring reference page: generated from the schemas, complete, and linked to every rule."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from generator.layout import DEFAULT_PLAYBOOK_DIR, FILE_KINDS, PROJECT_ROOT, SCHEMA_DIR
from generator.pipeline import validate_playbook
from generator.render import render_site
from generator.render.authoring import SEMANTIC, authoring_reference, rule_table
from generator.validate import rules


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


def test_every_file_and_every_field_is_described() -> None:
    reference = {doc.kind: doc for doc in authoring_reference()}
    assert list(reference) == list(FILE_KINDS)
    for kind in FILE_KINDS:
        schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
        documented = {re.split(r"[.\[]", f.path)[-1] for f in reference[kind].fields}
        documented |= {f.path.rsplit(".", 1)[-1] for f in reference[kind].fields}
        assert leaf_names(schema) - {"$defs"} <= documented | {"sev1", "customers"}, kind
        for field in reference[kind].fields:
            assert field.type and field.rules, field


def test_semantic_table_names_real_fields_and_rules() -> None:
    paths = {(doc.kind, f.path) for doc in authoring_reference() for f in doc.fields}
    assert set(SEMANTIC) <= paths, sorted(set(SEMANTIC) - paths)
    documented = {row.rule for row in rule_table()}
    for found in SEMANTIC.values():
        assert set(found) <= documented


def test_every_rule_id_is_on_the_page(page: str) -> None:
    semantic = set(re.findall(r"^\| `([a-z-]+)` \|", rules.__doc__ or "", re.M))
    loader_source = "\n".join(
        p.read_text(encoding="utf-8") for p in (PROJECT_ROOT / "generator" / "loader").glob("*.py")
    )
    loader = set(re.findall(r'"((?:file|yaml)-[a-z-]+)"', loader_source))
    schema_source = (PROJECT_ROOT / "generator" / "validate" / "schema_check.py").read_text()
    schema = set(re.findall(r'"(schema-[a-z-]+)"', schema_source)) - {"schema-invalid"}
    for rule in semantic | loader | schema:
        assert f'<span id="rule-{rule}"></span><code>{rule}</code>' in page, rule


def test_every_rule_link_has_a_target(page: str) -> None:
    targets = set(re.findall(r'<span id="(rule-[a-z-]+)">', page))
    links = set(re.findall(r"\]\(#(rule-[a-z-]+)\)", page))
    assert links and links <= targets, sorted(links - targets)


def test_a_field_entry(page: str) -> None:
    start = page.index("### <code>severities\\[\\].response.acknowledge\\_within</code>")
    entry = page[start : page.index("###", start + 3)]
    assert "How soon the first responder must acknowledge" in entry
    assert "- **Type:** duration · required" in entry
    assert "- **Allowed:** a number from 1 to 9999 and a unit m, h, d or w" in entry
    assert "- **Example:** <code>5m</code>" in entry
    assert "[ack-order](#rule-ack-order)" in entry
    assert "[schema-pattern](#rule-schema-pattern)" in entry


def test_enum_and_one_of_are_spelled_out(page: str) -> None:
    assert "one of always, if-customer-facing, never" in page
    assert "exactly one of next or severity" in page
