"""The schemas in `schema/`: valid 2020-12, documented for editors, self-contained, and strict."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from generator.layout import FILE_KINDS, ROOT_SCHEMA, SCHEMA_DIR, schema_file

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
    assert schema["$id"] == name  # relative, so references resolve next to the file


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
    assert root["required"] == list(FILE_KINDS)
    for kind, prop in root["properties"].items():
        assert prop["$ref"] == schema_file(kind)


@pytest.mark.parametrize("kind", FILE_KINDS)
def test_every_file_allows_owner_and_last_reviewed(kind: str) -> None:
    assert {"owner", "last_reviewed"} <= set(load(schema_file(kind))["properties"])


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
        ("next-business-day", True),
        ("immediately", True),
        (5, False),
        ("5", False),
        ("5 minutes", False),
        ("0m", False),
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


def test_links_must_be_http_urls() -> None:
    check = validator("organisation.schema.json")
    base = {"name": "Example", "timezone": "UTC"}
    assert check.is_valid({**base, "links": {"chat": "https://chat.example.com"}})
    assert not check.is_valid({**base, "links": {"chat": "javascript:alert(1)"}})
    assert not check.is_valid({**base, "links": {"chat": "chat.example.com"}})


def test_severities_count_between_2_and_10() -> None:
    level = load("severities.schema.json")["properties"]["severities"]
    assert (level["minItems"], level["maxItems"]) == (2, 10)


def test_answer_has_exactly_one_of_next_and_severity() -> None:
    check = validator("decision-tree.schema.json")

    def tree(*answers: dict[str, str]) -> dict[str, Any]:
        node = {"id": "q", "question": "Is it down?", "answers": list(answers)}
        return {"start": "q", "tie_break": "Pick the higher.", "nodes": [node]}

    assert check.is_valid(tree({"label": "Yes", "severity": "sev1"}, {"label": "No", "next": "r"}))
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
        "sev1": {"customers": {"every": "30m", "long_incident": {"after": "4h", "every": "1h"}}}
    }
    assert check.is_valid({**base, "cadence": good})
    assert not check.is_valid({**base, "cadence": {"SEV 1": {"customers": {"every": "30m"}}}})
    assert not check.is_valid({**base, "cadence": {"sev1": {"customers": {"every": 30}}}})
    assert not check.is_valid({**base, "cadence": {"sev1": {"customers": {"often": "30m"}}}})
