"""The schemas in `schema/`: valid 2020-12, documented for editors, self-contained, and strict."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from generator.layout import FILE_KINDS, REQUIRED_KINDS, ROOT_SCHEMA, SCHEMA_DIR, schema_file

DRAFT = "https://json-schema.org/draft/2020-12/schema"
ALL_FILES = ["common.schema.json", ROOT_SCHEMA, *(schema_file(kind) for kind in FILE_KINDS)]

#: Keywords of 2019-09/2020-12 that the YAML language server (a draft-07 validator) ignores:
#: a schema using them would check less in the editor than in CI.
NOT_IN_LANGUAGE_SERVER = {
    "unevaluatedProperties",
    "unevaluatedItems",
    "prefixItems",
    "dependentRequired",
    "dependentSchemas",
    "minContains",
    "maxContains",
    "$anchor",
    "$dynamicRef",
    "$dynamicAnchor",
    "$recursiveRef",
}


def load(name: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def registry() -> Registry:
    """Only the files on disk: any reference outside them is unresolvable (no retrieval)."""
    return Registry().with_resources(
        (name, Resource.from_contents(load(name))) for name in ALL_FILES
    )


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(load(name), registry=registry())


def subschemas(schema: Any, path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object inside `schema`, with a JSON-pointer-like path for messages."""
    if not isinstance(schema, dict):
        return
    yield path, schema
    for key in ("properties", "$defs"):
        for name, sub in schema.get(key, {}).items():
            yield from subschemas(sub, f"{path}/{key}/{name}")
    for key in ("items", "additionalProperties", "propertyNames", "not"):
        yield from subschemas(schema.get(key), f"{path}/{key}")
    for key in ("anyOf", "oneOf", "allOf"):
        for index, sub in enumerate(schema.get(key, [])):
            yield from subschemas(sub, f"{path}/{key}/{index}")


def test_every_file_kind_has_a_schema() -> None:
    on_disk = {path.name for path in Path(SCHEMA_DIR).glob("*.schema.json")}
    assert set(ALL_FILES) == on_disk


@pytest.mark.parametrize("name", ALL_FILES)
def test_schema_is_valid_2020_12(name: str) -> None:
    schema = load(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DRAFT
    # No root $id: a relative one made references resolve against the working folder
    # (issue 13); without it they resolve next to the schema file, from any folder.
    assert "$id" not in schema


@pytest.mark.parametrize("name", ALL_FILES)
def test_every_property_has_a_description(name: str) -> None:
    missing = [
        f"{path}/properties/{prop}"
        for path, schema in subschemas(load(name))
        for prop, sub in schema.get("properties", {}).items()
        if not (isinstance(sub.get("description"), str) and len(sub["description"]) >= 10)
    ]
    assert not missing, f"properties without a description: {missing}"


@pytest.mark.parametrize("name", ALL_FILES)
def test_every_object_is_closed(name: str) -> None:
    """Objects with named properties forbid others; mappings (ids -> values) constrain both keys
    and values."""
    open_objects = []
    for path, schema in subschemas(load(name)):
        if schema.get("type") != "object":
            continue
        if "properties" in schema:
            if schema.get("additionalProperties") is not False:
                open_objects.append(path)
        elif not (
            isinstance(schema.get("additionalProperties"), dict)
            and "propertyNames" in schema
            and "maxProperties" in schema
        ):
            open_objects.append(path)
    assert not open_objects


@pytest.mark.parametrize("name", ALL_FILES)
def test_lists_and_strings_are_bounded(name: str) -> None:
    """Hostile input (a million items, a megabyte string) stops at the schema."""
    resolve = registry().resolver(base_uri=name)
    unbounded = []
    for path, schema in subschemas(load(name)):
        target = schema
        if "$ref" in schema:
            target = {**resolve.lookup(schema["$ref"]).contents, **schema}
        if target.get("type") == "array" and "maxItems" not in target:
            unbounded.append(path)
        if (
            target.get("type") == "string"
            and "enum" not in target
            and "maxLength" not in target
            and not str(target.get("pattern", "")).endswith("$")
        ):
            unbounded.append(path)
    assert not unbounded


@pytest.mark.parametrize("name", ALL_FILES)
def test_only_keywords_the_language_server_understands(name: str) -> None:
    used = {key for _, schema in subschemas(load(name)) for key in schema}
    assert not used & NOT_IN_LANGUAGE_SERVER


@pytest.mark.parametrize("name", ALL_FILES)
def test_every_ref_resolves_from_disk(name: str) -> None:
    resolver = registry().resolver(base_uri=name)
    refs = [schema["$ref"] for _, schema in subschemas(load(name)) if "$ref" in schema]
    for ref in refs:
        assert not ref.startswith(("http:", "https:")), ref
        assert resolver.lookup(ref).contents, ref


def test_root_schema_has_one_required_property_per_file_kind() -> None:
    root = load(ROOT_SCHEMA)
    assert list(root["properties"]) == list(FILE_KINDS)
    assert root["required"] == list(REQUIRED_KINDS)
    assert set(FILE_KINDS) - set(REQUIRED_KINDS) == {"decision-tree", "incident-types"}
    for kind, prop in root["properties"].items():
        assert prop["$ref"] == schema_file(kind)


@pytest.mark.parametrize("kind", FILE_KINDS)
def test_every_file_allows_owner_last_reviewed_and_sample(kind: str) -> None:
    assert {"owner", "last_reviewed", "sample"} <= set(load(schema_file(kind))["properties"])


def test_no_top_level_schema_key() -> None:
    """The modeline is a comment; a `$schema` key in the YAML would be an error."""
    errors = list(
        validator("rubrics.schema.json").iter_errors({"$schema": "x", "rubrics": [RUBRIC]})
    )
    assert errors


RUBRIC = {
    "id": "roll-back",
    "question": "Roll back?",
    "criteria_mode": "any",
    "criteria": ["A recent deploy lines up with the start"],
    "exceptions": [],
    "default_when_unsure": "Roll back.",
}


def rubrics_errors(**changes: Any) -> list[str]:
    document = {"rubrics": [{**RUBRIC, **changes}], "last_reviewed": "2026-03-01"}
    return [error.message for error in validator("rubrics.schema.json").iter_errors(document)]


def test_a_valid_rubric_passes() -> None:
    assert rubrics_errors() == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"id": "Roll_Back"}, "does not match"),
        ({"id": "a" * 65}, "is too long"),
        ({"criteria_mode": "some"}, "is not one of"),
        ({"criteria": []}, "should be non-empty"),
        ({"criteria": ["x" * 401]}, "is too long"),
        ({"criteria": ["x"] * 501}, "is too long"),
        ({"question": ""}, "should be non-empty"),
        ({"question": "   "}, "does not match"),
        ({"colour": "red"}, "Additional properties are not allowed"),
    ],
)
def test_invalid_rubrics_fail(changes: dict[str, Any], expected: str) -> None:
    assert any(expected in message for message in rubrics_errors(**changes))


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("5m", True),
        ("5bd", True),
        ("1bd", True),
        ("next-business-day", True),
        ("immediately", True),
        (5, False),
        ("5", False),
        ("5 minutes", False),
        ("0m", False),
        ("0bd", False),
        ("5 bd", False),
        ("as-progress-dictates", False),
    ],
)
def test_durations(value: object, valid: bool) -> None:
    schema = {"$ref": "common.schema.json#/$defs/duration"}
    check = Draft202012Validator(schema, registry=registry())
    assert check.is_valid(value) is valid


@pytest.mark.parametrize(
    ("value", "valid"),
    [("2026-03-01", True), ("2026-3-1", False), ("01.03.2026", False), ("2026-03-01T00:00", False)],
)
def test_dates(value: str, valid: bool) -> None:
    check = Draft202012Validator({"$ref": "common.schema.json#/$defs/date"}, registry=registry())
    assert check.is_valid(value) is valid


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("UTC", True),
        ("Europe/Berlin", True),
        ("America/Argentina/Buenos_Aires", True),
        ("Etc/GMT+1", True),
        ("europe/berlin", False),
        ("Berlin", False),
        ("CET ", False),
    ],
)
def test_timezones(value: str, valid: bool) -> None:
    schema = load("organisation.schema.json")["properties"]["timezone"]
    assert Draft202012Validator(schema).is_valid(value) is valid


@pytest.mark.parametrize(
    ("link", "valid"),
    [
        ("https://chat.example.net", True),
        ("http://intranet.local/oncall", True),
        ("mailto:oncall@example.net", True),
        ("tel:+15550100", True),
        ("tel:555-0100", True),
        ("runbooks/database.html", True),
        ("/incidents/", True),
        ("#paging", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("data:text/html,hi", False),
        ("file:///etc/passwd", False),
        ("//evil.example.net/x", False),
        ("tel:call me", False),
        ("https://", False),
        ("https://chat example", False),
    ],
)
def test_links_accept_the_allowed_schemes_only(link: str, valid: bool) -> None:
    check = validator("organisation.schema.json")
    base = {"format": 2, "name": "Example", "timezone": "UTC"}
    assert check.is_valid({**base, "links": {"chat": link}}) is valid


def test_every_link_field_uses_the_one_shared_definition() -> None:
    """One list of schemes: every field that holds a link refers to common's `link`."""
    refs = {
        schema.get("$ref")
        for name in ALL_FILES
        for _, schema in subschemas(load(name))
        if "link" in str(schema.get("$ref", "")) or "url" in str(schema.get("$ref", ""))
    }
    assert refs == {"common.schema.json#/$defs/link"}


def test_format_2_is_required_in_organisation() -> None:
    check = validator("organisation.schema.json")
    assert check.is_valid({"format": 2, "name": "Example", "timezone": "UTC"})
    assert not check.is_valid({"name": "Example", "timezone": "UTC"})
    assert not check.is_valid({"format": 1, "name": "Example", "timezone": "UTC"})
    assert not check.is_valid({"format": "2", "name": "Example", "timezone": "UTC"})


def level(**response: Any) -> dict[str, Any]:
    return {"id": "sev1", "label": "SEV-1", "summary": "Down.", "definition": ["Down"], **response}


def severities_valid(*levels: dict[str, Any], **top: Any) -> bool:
    return validator("severities.schema.json").is_valid({"severities": list(levels), **top})


def test_a_level_needs_only_id_label_summary_and_definition() -> None:
    assert severities_valid(level(), {**level(), "id": "sev2"})
    assert not severities_valid({**level(), "summary": None}, level())


@pytest.mark.parametrize(
    ("field", "value", "valid"),
    [
        ("public_communication", {"when": "lead-decides"}, True),
        ("public_communication", {"when": "conditional", "condition": "impact over 5 min"}, True),
        ("public_communication", {"when": "conditional"}, False),
        ("public_communication", "always", False),
        ("executives", {"when": "always", "within": "15m"}, True),
        ("executives", {"when": "conditional", "condition": "a customer asks"}, True),
        ("executives", {"when": "conditional", "within": "1h"}, False),
        ("executives", {"when": "lead-decides"}, False),
        ("page", [{"who": "Primary", "escalate_after": "15m"}, {"who": "Secondary"}], True),
        ("page", [{"who": "IC", "how": "chat-command", "command": "!ic page"}], True),
        ("page", [{"who": "Bridge", "how": "phone", "phone": "+1 555 0100", "pin": "4321"}], True),
        ("page", [{"who": "Bridge", "how": "phone", "pin": 4321}], False),
        ("page", ["Primary on-call"], False),
        ("page", [{"who": "Primary", "urgency": "medium"}], False),
        ("lead", "incident-manager", True),
        ("lead_assigned_within", "10m", True),
        ("incident_commander", {"required": True}, False),
    ],
)
def test_response_fields(field: str, value: object, valid: bool) -> None:
    assert severities_valid(level(response={field: value}), {**level(), "id": "sev2"}) is valid


def test_groups_name_levels() -> None:
    levels = (level(), {**level(), "id": "sev2"})
    group = {"id": "major", "name": "Major incident", "severities": ["sev1", "sev2"]}
    assert severities_valid(*levels, groups=[group])
    assert not severities_valid(*levels, groups=[{**group, "severities": []}])
    assert not severities_valid(*levels, groups=[{"id": "major", "severities": ["sev1"]}])


def test_roles_have_no_checklists_in_format_2() -> None:
    role = {"id": "scribe", "name": "Scribe", "summary": "Notes.", "responsibilities": ["Notes"]}
    check = validator("roles.schema.json")
    assert check.is_valid({"lead": "scribe", "roles": [{**role, "staffing": "standing"}]})
    assert check.is_valid({"roles": [{**role, "owns_updates_for": ["customers"]}]})
    assert not check.is_valid({"roles": [{**role, "checklists": {"triage": ["Notes"]}}]})
    assert not check.is_valid({"roles": [{**role, "staffing": "sometimes"}]})


def test_sample_is_a_fingerprint() -> None:
    check = validator("rubrics.schema.json")
    assert check.is_valid({"rubrics": [RUBRIC], "sample": "0123456789ab"})
    assert not check.is_valid({"rubrics": [RUBRIC], "sample": "yes"})


def test_severities_count_between_2_and_10() -> None:
    level = load("severities.schema.json")["properties"]["severities"]
    assert (level["minItems"], level["maxItems"]) == (2, 10)


def test_answer_has_exactly_one_of_next_and_severity() -> None:
    check = validator("decision-tree.schema.json")

    def tree(*answers: dict[str, str]) -> dict[str, Any]:
        node = {"id": "q", "question": "Is it down?", "answers": list(answers)}
        return {"start": "q", "nodes": [node]}

    assert check.is_valid(tree({"label": "Yes", "severity": "sev1"}, {"label": "No", "next": "r"}))
    assert check.is_valid(
        tree({"label": "Yes", "severity": "sev1", "type": "security"}, {"label": "No", "next": "r"})
    )
    assert not check.is_valid(
        tree({"label": "Yes", "severity": "sev1", "next": "r"}, {"label": "No", "next": "r"})
    )
    assert not check.is_valid(tree({"label": "Yes"}, {"label": "No", "next": "r"}))


def test_cadence_is_a_mapping_of_ids() -> None:
    check = validator("communication.schema.json")
    base = {
        "audiences": [
            {"id": "customers", "name": "C", "description": "d", "format": "f", "channels": ["s"]}
        ],
        "channels": [{"id": "s", "name": "S", "kind": "status-page", "purpose": "p"}],
        "principles": [],
        "phrases_to_avoid": [],
    }
    good = {
        "sev1": {
            "customers": {
                "first_update": {"within": "5m", "from": "response-started"},
                "follow_ups": [{"name": "Scoping update", "within": "5m"}],
                "every": "30m",
                "by_stage": {"investigating": "10m", "monitoring": "30m"},
                "also_on": ["impact-changed", "resolved"],
                "long_incident": {"after": "4h", "not_before": "30m"},
            }
        }
    }
    assert check.is_valid({**base, "cadence": good})
    assert check.is_valid({**base, "cadence": {"sev1": {"customers": {"every": "2bd"}}}})
    assert not check.is_valid({**base, "cadence": {"SEV 1": {"customers": {"every": "30m"}}}})
    assert not check.is_valid({**base, "cadence": {"sev1": {"customers": {"every": 30}}}})
    assert not check.is_valid({**base, "cadence": {"sev1": {"customers": {"often": "30m"}}}})
    assert not check.is_valid(
        {**base, "cadence": {"sev1": {"customers": {"first_update_within": "30m"}}}}
    )
    assert not check.is_valid(
        {**base, "cadence": {"sev1": {"customers": {"also_on": ["tuesday"]}}}}
    )
    assert not check.is_valid(
        {**base, "cadence": {"sev1": {"customers": {"first_update": {"from": "declared"}}}}}
    )
