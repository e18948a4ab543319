"""The authoring reference, generated from the schemas: every file, field, type, allowed value,
the rule ids that check it, and an example, so a reviewer can look any field up.

The schemas are the single source: a field added there appears here on the next build. Semantic
rules are attached to the fields they read by the table `SEMANTIC`; a test checks that every rule
of the validator appears on the page.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.layout import FILE_KINDS, SCHEMA_DIR, schema_file
from generator.loader.rules import LOADER_RULES, LOADER_WARNINGS
from generator.validate import rules as semantic_rules
from generator.validate.schema_check import KEYWORD_RULES as SCHEMA_KEYWORD_RULES

#: Semantic rules by (file kind, field path); paths as shown on the page.
SEMANTIC: dict[tuple[str, str], tuple[str, ...]] = {
    ("organisation", "timezone"): ("timezone-unknown",),
    ("organisation", "review_max_age_days"): ("review-stale",),
    ("severities", "severities[].id"): ("unique-id",),
    ("severities", "severities[].response.acknowledge_within"): ("ack-order",),
    ("severities", "severities[].response.roles"): ("ref-unknown-role",),
    ("roles", "roles[].id"): ("unique-id",),
    ("roles", "roles[].checklists"): ("ref-unknown-phase",),
    ("phases", "phases[].id"): ("unique-id",),
    ("phases", "phases[].checklist[].id"): ("unique-id",),
    ("phases", "phases[].checklist[].role"): ("ref-unknown-role",),
    ("phases", "phases[].checklist[].severities"): ("ref-unknown-severity",),
    ("phases", "workflow[].id"): ("unique-id",),
    ("phases", "workflow[].phase"): ("ref-unknown-phase",),
    ("communication", "audiences[].id"): ("unique-id",),
    ("communication", "audiences[].channels"): ("ref-unknown-channel",),
    ("communication", "channels[].id"): ("unique-id",),
    ("communication", "cadence"): (
        "ref-unknown-severity",
        "ref-unknown-audience",
        "cadence-missing",
        "cadence-order",
    ),
    ("communication", "phrases_to_avoid[].pattern"): ("phrase-pattern-invalid",),
    ("status-templates", "stages[].id"): ("unique-id",),
    ("status-templates", "templates[].id"): ("unique-id",),
    ("status-templates", "templates[].stage"): ("ref-unknown-stage",),
    ("status-templates", "templates[].audience"): ("ref-unknown-audience",),
    ("status-templates", "templates[].severities"): ("ref-unknown-severity",),
    ("status-templates", "templates[].title"): ("template-placeholder-undeclared",),
    ("status-templates", "templates[].body"): ("template-placeholder-undeclared",),
    ("status-templates", "templates[].placeholders"): ("template-placeholder-unused",),
    ("status-templates", "templates[].placeholders[].name"): ("unique-id",),
    ("decision-tree", "start"): ("tree-start-missing",),
    ("decision-tree", "nodes"): ("tree-unreachable-node", "tree-cycle"),
    ("decision-tree", "nodes[].id"): ("unique-id",),
    ("decision-tree", "nodes[].answers[]"): ("tree-answer-target",),
    ("decision-tree", "nodes[].answers[].next"): ("ref-unknown-node",),
    ("decision-tree", "nodes[].answers[].severity"): (
        "ref-unknown-severity",
        "tree-severity-unreachable",
    ),
    ("rubrics", "rubrics[].id"): ("unique-id",),
    ("mitigation", "patterns[].id"): ("unique-id",),
    ("mitigation", "symptoms[].id"): ("unique-id",),
    ("mitigation", "symptoms[].pattern"): ("ref-unknown-pattern",),
    ("guidance", "failure_patterns[].id"): ("unique-id",),
    ("guidance", "after_incident[].id"): ("unique-id",),
    ("guidance", "after_incident[].role"): ("ref-unknown-role",),
    ("guidance", "summary_template[].id"): ("unique-id",),
}
_REVIEW_FIELDS = ("last_reviewed",)
_REVIEW_RULES = ("review-date-invalid", "review-stale")

#: What each schema rule id means, in words.
SCHEMA_RULE_WORDS: dict[str, str] = {
    "schema-type": "a value has the wrong type (text, number, list, mapping, true/false)",
    "schema-required": "a required field is missing",
    "schema-unknown-field": "a field the file does not have (often a typo)",
    "schema-enum": "a value outside the allowed list",
    "schema-pattern": "a value in the wrong form (an id, a duration, a date)",
    "schema-format": "a value in the wrong format (a web address)",
    "schema-length": "a text too short or too long",
    "schema-count": "a list or mapping with too few or too many entries",
    "schema-unique": "a list repeats an entry",
    "schema-range": "a number outside the allowed range",
    "schema-one-of": "exactly one of two alternatives must be given",
    "schema-key": "a mapping key that is not allowed (the keys of cadence are ids)",
}


@dataclass(frozen=True)
class FieldDoc:
    path: str  # severities[].response.acknowledge_within
    type: str  # duration, text, list of ids, mapping, ...
    required: bool
    description: str
    allowed: str  # in words; empty when any value of the type is fine
    example: str
    rules: tuple[str, ...]


@dataclass(frozen=True)
class FileDoc:
    kind: str
    title: str
    description: str
    fields: list[FieldDoc] = field(default_factory=list)


@dataclass(frozen=True)
class RuleDoc:
    rule: str
    level: str
    checks: str


def authoring_reference(schema_dir: Path = SCHEMA_DIR) -> list[FileDoc]:
    """One `FileDoc` per playbook file, fields in schema order."""
    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(schema_dir.glob("*.schema.json"))
    }
    files = []
    for kind in FILE_KINDS:
        schema = schemas[schema_file(kind)]
        doc = FileDoc(kind, schema.get("title", kind), _first_sentences(schema))
        _walk(doc, schemas, schema, "", kind)
        files.append(doc)
    return files


def rule_table() -> list[RuleDoc]:
    """Every rule id: loader, schema, then the semantic rules of the validator's table."""
    rows = [
        RuleDoc(rule, "warning" if rule in LOADER_WARNINGS else "error", words)
        for rule, words in LOADER_RULES.items()
    ]
    rows += [RuleDoc(rule, "error", words) for rule, words in SCHEMA_RULE_WORDS.items()]
    for match in re.finditer(
        r"^\| `([a-z-]+)` \| (\w+) \| (.+?) \|$", semantic_rules.__doc__ or "", re.M
    ):
        rows.append(RuleDoc(match.group(1), match.group(2), match.group(3).replace("`", "")))
    return rows


def _first_sentences(schema: dict[str, Any]) -> str:
    """The schema's description without the modeline note meant for editors."""
    text = schema.get("description", "")
    return text.split(" The file playbook/", 1)[0]


def _resolve(schemas: dict[str, Any], node: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """A node with its `$ref` merged in (local keywords win), and the referenced def's name."""
    ref = node.get("$ref")
    if not isinstance(ref, str):
        return node, ""
    file, _, pointer = ref.partition("#")
    target: Any = schemas.get(file) if file else None
    for step in pointer.strip("/").split("/"):
        target = target.get(step) if isinstance(target, dict) else None
    if not isinstance(target, dict):
        return node, ""
    merged, _ = _resolve(schemas, target)
    return {**merged, **{k: v for k, v in node.items() if k != "$ref"}}, pointer.rsplit("/", 1)[-1]


def _walk(
    doc: FileDoc, schemas: dict[str, Any], node: dict[str, Any], prefix: str, kind: str
) -> None:
    required = set(node.get("required", ()))
    for name, raw in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        child, def_name = _resolve(schemas, raw)
        doc.fields.append(_field(kind, path, child, def_name, name in required, schemas))
        _descend(doc, schemas, child, path, kind)


def _descend(
    doc: FileDoc, schemas: dict[str, Any], node: dict[str, Any], path: str, kind: str
) -> None:
    if node.get("type") == "object" and "properties" in node:
        _walk(doc, schemas, node, f"{path}.", kind)
    items = node.get("items")
    if isinstance(items, dict):
        item, def_name = _resolve(schemas, items)
        if item.get("type") == "object":
            doc.fields.append(_field(kind, f"{path}[]", item, def_name, False, schemas))
            _walk(doc, schemas, item, f"{path}[].", kind)
    extra = node.get("additionalProperties")
    if isinstance(extra, dict) and node.get("propertyNames"):
        value, def_name = _resolve(schemas, extra)
        key_words = _key_words(node["propertyNames"])
        child_path = f"{path}.<{key_words}>"
        doc.fields.append(_field(kind, child_path, value, def_name, False, schemas))
        _descend(doc, schemas, value, child_path, kind)


def _key_words(names: dict[str, Any]) -> str:
    text = names.get("description", "key")
    match = re.search(r"(severity|audience|phase) id", text)
    return match.group(0) if match else "key"


def _field(
    kind: str, path: str, node: dict[str, Any], def_name: str, required: bool, schemas: dict
) -> FieldDoc:
    rules = [rule for keyword, rule in SCHEMA_KEYWORD_RULES.items() if keyword in node]
    if "propertyNames" in node:
        rules.append("schema-key")
    if required:
        rules.insert(0, "schema-required")
    rules += SEMANTIC.get((kind, path), ())
    if path.rsplit(".", 1)[-1] in _REVIEW_FIELDS:
        rules += _REVIEW_RULES
    examples = node.get("examples") or []
    return FieldDoc(
        path=path,
        type=_type_words(node, def_name, schemas),
        required=required,
        description=node.get("description", ""),
        allowed=_allowed(node, def_name),
        example=_example(examples[0]) if examples else _example(node.get("enum", [""])[0]),
        rules=tuple(dict.fromkeys(rules)),
    )


def _type_words(node: dict[str, Any], def_name: str, schemas: dict) -> str:
    if def_name in ("duration", "interval", "id", "date", "url", "last_reviewed"):
        words = {"url": "web address", "interval": "cadence interval", "last_reviewed": "date"}
        return words.get(def_name, def_name)
    kind = node.get("type")
    if kind == "array":
        item, item_def = _resolve(schemas, node.get("items", {}))
        inner = _type_words(item, item_def, schemas)
        return f"list of {inner}{'' if inner.endswith('s') else 's'}"
    if kind == "object":
        return "mapping"
    return {"string": "text", "integer": "whole number", "boolean": "true or false"}.get(
        str(kind), str(kind or "any")
    )


#: Allowed values of the shared definitions, in words rather than as regular expressions.
DEF_WORDS: dict[str, str] = {
    "id": "lower-case letters and digits, words joined by single hyphens, starting with a letter "
    "(sev1, incident-commander); at most 64 characters",
    "duration": "a number from 1 to 9999 and a unit m, h, d or w (5m, 2h, 1d, 2w), or "
    "immediately, or next-business-day; never a bare number",
    "interval": "a duration (15m, 1h), or as-progress-dictates, or none",
    "date": "a date written YYYY-MM-DD, in quotes",
    "last_reviewed": "a date written YYYY-MM-DD, in quotes",
    "url": "a web address starting with http:// or https://",
}


def _allowed(node: dict[str, Any], def_name: str = "") -> str:
    parts = []
    if def_name in DEF_WORDS:
        return DEF_WORDS[def_name]
    if "enum" in node:
        parts.append("one of " + ", ".join(str(v) for v in node["enum"]))
    elif node.get("pattern") == "\\S":
        parts.append("not blank")
    elif "pattern" in node:
        parts.append(f"matches the pattern {node['pattern']}")
    if "minimum" in node or "maximum" in node:
        parts.append(f"from {node.get('minimum', '…')} to {node.get('maximum', '…')}")
    if "minItems" in node or "maxItems" in node:
        parts.append(_between(node.get("minItems", 0), node.get("maxItems"), "items"))
    if "maxLength" in node:
        parts.append(_between(node.get("minLength", 0), node["maxLength"], "characters"))
    if node.get("uniqueItems"):
        parts.append("no repeats")
    if "oneOf" in node:
        alternatives = [" ".join(option.get("required", [])) for option in node["oneOf"]]
        parts.append("exactly one of " + " or ".join(alternatives))
    return "; ".join(parts)


def _between(low: int, high: int | None, unit: str) -> str:
    if high is None:
        return f"at least {low} {unit}"
    return f"at most {high} {unit}" if low == 0 else f"{low} to {high} {unit}"


def _example(value: object) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
