"""The model and the JSON Schemas name the same keys: a key only the schema knows would be
accepted and silently dropped by the builder; a field only the model knows could never be set."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from typing import Any

import pytest

from generator import model as m
from generator.layout import SCHEMA_DIR

Node = tuple[dict[str, Any], str]  # a schema node and the file its references resolve against

SCHEMAS = {path.name: json.loads(path.read_text("utf-8")) for path in SCHEMA_DIR.glob("*.json")}
#: Keys every file and some items accept that the model keeps elsewhere or not at all.
FILE_KEYS = {"owner", "last_reviewed", "sample"}


def resolve(node: dict[str, Any], base: str) -> Node:
    while "$ref" in node and "properties" not in node:
        file, _, fragment = node["$ref"].partition("#")
        base = file or base
        node = SCHEMAS[base]
        for part in (p for p in fragment.split("/") if p):
            node = node[part]
    return node, base


def properties(node: dict[str, Any], base: str) -> dict[str, Node]:
    node, base = resolve(node, base)
    found: dict[str, Node] = {}
    for combinator in ("allOf", "oneOf", "anyOf"):
        for sub in node.get(combinator, []):
            found.update(properties(sub, base))
    for key, sub in node.get("properties", {}).items():
        found[key] = (sub, base)
    return found


def unwrap(hint: Any) -> Any:
    """`X | None` -> X."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return next(arm for arm in typing.get_args(hint) if arm is not type(None))
    return hint


def element(hint: Any, node: dict[str, Any], base: str, levels: int = 0) -> tuple[Any, Node]:
    """The dataclass behind a field and the schema node of one of its values: through a list's
    `items`, and through `levels` mapping levels (`additionalProperties`) for keyed fields."""
    hint = unwrap(hint)
    node, base = resolve(node, base)
    for _ in range(levels):
        node, base = resolve(node["additionalProperties"], base)
    if typing.get_origin(hint) is tuple:
        hint = typing.get_args(hint)[0]
        if levels == 0:
            node, base = resolve(node.get("items", {}), base)
    return hint, (node, base)


def mismatches(
    cls: type, node: Node, where: str, skip: set[str], filled: tuple[str, ...] = ()
) -> list[str]:
    """Differences between a dataclass and the schema node of its YAML mapping; `filled` names
    the fields a mapping-shaped parent fills from its keys."""
    hints = typing.get_type_hints(cls)
    fields = dataclasses.fields(cls)
    by_key = {f.metadata.get(m.KEY, f.name): f for f in fields if not f.metadata.get(m.INLINE)}
    inline = {
        sub.name
        for f in fields
        if f.metadata.get(m.INLINE)
        for sub in dataclasses.fields(hints[f.name])
    }
    keys = properties(*node)
    problems = [
        f"{where}: the schema accepts '{key}', the model has no field for it"
        for key in sorted(set(keys) - set(by_key) - inline - skip)
    ]
    problems += [
        f"{where}: the model has '{key}', the schema does not accept it"
        for key in sorted(set(by_key) - set(keys) - set(filled))
    ]
    for key, f in by_key.items():
        if key not in keys or m.VALUE in f.metadata:
            continue  # a scalar per key (`by_key: {stage: interval}`) has no fields to compare
        keyed = tuple(f.metadata.get(m.KEYED, ()))
        inner, sub = element(hints[f.name], *keys[key], levels=len(keyed))
        if dataclasses.is_dataclass(inner):
            problems += mismatches(inner, sub, f"{where}.{key}", set(), keyed)
    return problems


def playbook_parts() -> list[tuple[str, type, Node]]:
    parts = []
    hints = typing.get_type_hints(m.Playbook)
    for f in dataclasses.fields(m.Playbook):
        if m.SOURCE not in f.metadata:
            continue
        kind, key = f.metadata[m.SOURCE]
        file = f"{kind}.schema.json"
        if key is None:
            parts.append((kind, unwrap(hints[f.name]), (SCHEMAS[file], file)))
            continue
        inner, node = element(hints[f.name], *properties(SCHEMAS[file], file)[key])
        if dataclasses.is_dataclass(inner):
            parts.append((f"{kind}.{key}", inner, node))
    return parts


PARTS = playbook_parts()


def test_every_file_kind_is_covered() -> None:
    kinds = {where.split(".")[0] for where, _, _ in PARTS}
    assert kinds == {
        "organisation",
        "severities",
        "roles",
        "phases",
        "communication",
        "status-templates",
        "incident-types",
        "decision-tree",
        "rubrics",
        "mitigation",
        "guidance",
    }


@pytest.mark.parametrize(("where", "cls", "node"), PARTS, ids=[p[0] for p in PARTS])
def test_model_and_schema_name_the_same_keys(where: str, cls: type, node: Node) -> None:
    skip = FILE_KEYS if "." not in where else set()
    assert mismatches(cls, node, where, skip) == []


def test_a_key_only_the_schema_knows_is_reported() -> None:
    """The check itself can fail: a schema with an extra key is caught."""
    node = {"type": "object", "properties": {"who": {}, "how": {}, "pager_duty_id": {}}}
    problems = mismatches(m.PageEntry, (node, "severities.schema.json"), "page", set())
    assert "page: the schema accepts 'pager_duty_id', the model has no field for it" in problems
    assert "page: the model has 'escalate_after', the schema does not accept it" in problems


def test_top_level_keys_of_each_file_are_read() -> None:
    """Every top-level key of a file whose content is split over several Playbook fields is one
    of those fields' sources."""
    read: dict[str, set[str]] = {}
    for f in dataclasses.fields(m.Playbook):
        if m.SOURCE in f.metadata:
            kind, key = f.metadata[m.SOURCE]
            read.setdefault(kind, set()).add(key or "*")
    unread = {
        kind: sorted(
            set(properties(SCHEMAS[f"{kind}.schema.json"], f"{kind}.schema.json"))
            - keys
            - FILE_KEYS
        )
        for kind, keys in read.items()
        if "*" not in keys
    }
    assert {kind: keys for kind, keys in unread.items() if keys} == {}
