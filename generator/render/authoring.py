"""The authoring reference, generated from the schemas and the rule table: every file, every field
with its type, allowed values, an example, and the ids of the rules that check it.

The schemas are the single source of fields: a field added there appears here on the next build.
Rules come from `generator.validate.rule_table` (a table in code, so nothing is lost under
`python -OO`); the semantic rules are attached to the fields they read by `SEMANTIC` below, and a
test checks that every rule of the table appears on the page.

The words of our own (types, allowed values, stages, levels) are gettext messages looked up when
the reference is made, so they follow the page's language; the schemas' descriptions and the rule
texts are quoted in English, the language authors write the schemas and the rule table in.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from generator.i18n import gettext as _
from generator.i18n import ngettext, pgettext
from generator.i18n.wording import N_
from generator.layout import (
    DEFAULT_PLAYBOOK_DIR,
    FILE_KINDS,
    OPTIONAL_KINDS,
    SCHEMA_DIR,
    schema_file,
)
from generator.loader.yaml12 import Yaml12Loader
from generator.render.authoring_rules import SEMANTIC, SHARED_RULES, canonical, semantic_rules
from generator.validate.rule_table import RULE_TABLE
from generator.validate.schema_check import KEYWORD_RULES as SCHEMA_KEYWORD_RULES

__all__ = ["SEMANTIC", "FieldDoc", "FileDoc", "RuleDoc", "authoring_reference", "rule_table"]


@dataclass(frozen=True)
class FieldDoc:
    path: str  # severities[].response.acknowledge_within
    type: str  # duration, text, list of ids, mapping, ...
    required: bool
    description: str
    allowed: str  # in words (inline Markdown, values as code); empty when any value is fine
    example: str  # one line of YAML
    rules: tuple[str, ...]


@dataclass(frozen=True)
class FileDoc:
    kind: str
    title: str
    description: str
    optional: bool  # the whole file may be left out
    fields: list[FieldDoc] = field(default_factory=list)


@dataclass(frozen=True)
class RuleDoc:
    rule: str
    level: str
    checks: str
    stage: str  # loader, schema, semantic or translation

    @property
    def stage_words(self) -> str:
        """The stage in the page's language."""
        stages = {
            "loader": pgettext("validation stage", "loader"),
            "schema": pgettext("validation stage", "schema"),
            "semantic": pgettext("validation stage", "semantic"),
            "translation": pgettext("validation stage", "translation"),
        }
        return stages.get(self.stage, self.stage)

    @property
    def level_words(self) -> str:
        """The level in the page's language."""
        levels = {
            "error": pgettext("finding level", "error"),
            "warning": pgettext("finding level", "warning"),
        }
        return levels.get(self.level, self.level)


def authoring_reference(
    schema_dir: Path = SCHEMA_DIR, playbook_dir: Path = DEFAULT_PLAYBOOK_DIR
) -> list[FileDoc]:
    """One `FileDoc` per playbook file, fields in schema order. A field whose schema gives no
    example shows the first value the default playbook (or a preset's) has there."""
    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(schema_dir.glob("*.schema.json"))
    }
    files = []
    for kind in FILE_KINDS:
        schema = schemas[schema_file(kind)]
        doc = FileDoc(
            kind, schema.get("title", kind), _first_sentences(schema), kind in OPTIONAL_KINDS
        )
        _walk(doc, schemas, schema, "", kind)
        files.append(doc)
    return [_with_playbook_examples(doc, playbook_dir) for doc in files]


def _with_playbook_examples(doc: FileDoc, playbook_dir: Path) -> FileDoc:
    """The file's fields, each missing example taken from the playbook's own value there."""
    if all(f.example for f in doc.fields):
        return doc
    source = playbook_dir / f"{doc.kind}.yaml"
    data = (
        yaml.load(source.read_text(encoding="utf-8"), Loader=Yaml12Loader)
        if source.is_file()
        else None
    )
    fields = [
        f if f.example else replace(f, example=_one_line(_value_at(data, canonical(f.path))))
        for f in doc.fields
    ]
    return replace(doc, fields=fields)


def _value_at(node: Any, steps: tuple[str, ...]) -> Any:
    """The first value at a canonical path (`*` = any list item or mapping key), or None."""
    if not steps:
        return node
    head, rest = steps[0], steps[1:]
    if head == "*":
        children = (
            node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        )
        for child in children:
            found = _value_at(child, rest)
            if found is not None:
                return found
        return None
    return _value_at(node.get(head), rest) if isinstance(node, dict) else None


def rule_table() -> list[RuleDoc]:
    """Every rule id of the validator's table: loader, schema, then semantic rules."""
    return [RuleDoc(row.rule, row.level, row.checks, row.stage) for row in RULE_TABLE]


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
        child_path = f"{path}.<{_key_words(node['propertyNames'])}>"
        doc.fields.append(_field(kind, child_path, value, def_name, False, schemas))
        _descend(doc, schemas, value, child_path, kind)


_KEY_EXAMPLES = {
    "severity id": "sev1",
    "audience id": "customers",
    "stage id": "investigating",
    "phase id": "detection",
}


def _key_words(names: dict[str, Any]) -> str:
    text = names.get("description", "key")
    match = re.search(r"(severity|audience|stage|phase) id", text)
    return match.group(0) if match else "key"


def _field(
    kind: str, path: str, node: dict[str, Any], def_name: str, required: bool, schemas: dict
) -> FieldDoc:
    rules = [rule for keyword, rule in SCHEMA_KEYWORD_RULES.items() if keyword in node]
    if "propertyNames" in node:
        rules.append("schema-key")
    if required:
        rules.insert(0, "schema-required")
    rules += semantic_rules(kind, path)
    rules += SHARED_RULES.get(def_name, ())
    return FieldDoc(
        path=path,
        type=_type_words(node, def_name, schemas),
        required=required,
        description=node.get("description", ""),
        allowed=_allowed(node, def_name, schemas),
        example=_one_line(_example_value(node, schemas)),
        rules=tuple(dict.fromkeys(rules)),
    )


#: A field's type in words, by shared definition: (one value, a list of them); message ids.
_DEF_TYPES: dict[str, tuple[str, str]] = {
    "duration": (N_("duration"), N_("list of durations")),
    "interval": (N_("cadence interval"), N_("list of cadence intervals")),
    "id": (N_("id"), N_("list of ids")),
    "date": (N_("date"), N_("list of dates")),
    "last_reviewed": (N_("date"), N_("list of dates")),
    "link": (N_("link"), N_("list of links")),
    "sample": (N_("fingerprint"), N_("list of fingerprints")),
}
#: The same by JSON type, for fields without a shared definition.
_JSON_TYPES: dict[str, tuple[str, str]] = {
    "object": (N_("mapping"), N_("list of mappings")),
    "string": (N_("text"), N_("list of texts")),
    "integer": (N_("whole number"), N_("list of whole numbers")),
    "number": (N_("number"), N_("list of numbers")),
    "boolean": (N_("true or false"), N_("list of true or false values")),
}


def _type_words(node: dict[str, Any], def_name: str, schemas: dict) -> str:
    if def_name in _DEF_TYPES:
        return _(_DEF_TYPES[def_name][0])
    kind = str(node.get("type") or "")
    if kind == "array":
        item, item_def = _resolve(schemas, node.get("items", {}))
        words = _DEF_TYPES.get(item_def) or _JSON_TYPES.get(str(item.get("type")))
        if words:
            return _(words[1])
        return _("list of %(type)s") % {"type": _type_words(item, item_def, schemas)}
    if kind in _JSON_TYPES:
        return _(_JSON_TYPES[kind][0])
    return kind or _("any")


#: Allowed values of the shared definitions, in words rather than as regular expressions
#: (message ids: translated where they are used). Inline Markdown: what is written in YAML as
#: it stands is `code`.
DEF_WORDS: dict[str, str] = {
    "id": N_(
        "lower-case letters and digits, words joined by single hyphens, starting with a letter "
        "(`sev1`, `incident-commander`); at most 64 characters"
    ),
    "duration": N_(
        "a number from 1 to 9999 and a unit `m`, `h`, `d`, `w` or `bd` for business days (`5m`, "
        "`2h`, `1d`, `2w`, `5bd`), or `immediately`, or `next-business-day`; never a bare number"
    ),
    "interval": N_("a duration (`15m`, `1h`, `1bd`), or `as-progress-dictates`, or `none`"),
    "date": N_("a date written `YYYY-MM-DD`, in quotes"),
    "last_reviewed": N_("a date written `YYYY-MM-DD`, in quotes"),
    "link": N_(
        "a link starting with `https:`, `http:`, `mailto:` or `tel:` (`tel:+15550100`), or a path "
        "relative to the site (no other schemes, no spaces)"
    ),
    "sample": N_(
        "the 12 lower-case hexadecimal digits `playbook init` wrote; delete the line once the "
        "file is your own"
    ),
}


def _allowed(node: dict[str, Any], def_name: str, schemas: dict) -> str:
    if def_name in DEF_WORDS:
        return _(DEF_WORDS[def_name])
    parts = []
    if "enum" in node:
        parts.append(_("one of %(values)s") % {"values": _values(node["enum"])})
    elif "const" in node:
        parts.append(_("exactly %(value)s") % {"value": _code(node["const"])})
    elif node.get("pattern") == "\\S":
        parts.append(_("not blank"))
    elif "pattern" in node:
        parts.append(_("matches the pattern %(pattern)s") % {"pattern": _code(node["pattern"])})
    if isinstance(node.get("items"), dict):
        item, item_def = _resolve(schemas, node["items"])
        if "enum" in item:
            parts.append(_("each one of %(values)s") % {"values": _values(item["enum"])})
        elif item_def in DEF_WORDS and item_def != "id":
            parts.append(_("each %(rule)s") % {"rule": _(DEF_WORDS[item_def])})
    if "minimum" in node or "maximum" in node:
        low, high = node.get("minimum", "…"), node.get("maximum", "…")
        parts.append(_("from %(low)s to %(high)s") % {"low": low, "high": high})
    if "minItems" in node or "maxItems" in node:
        parts.append(_items(node.get("minItems", 0), node.get("maxItems")))
    if "maxLength" in node:
        parts.append(_characters(node.get("minLength", 0), node["maxLength"]))
    if node.get("uniqueItems"):
        parts.append(_("no repeats"))
    if "oneOf" in node:
        alternatives = [_code(" ".join(option.get("required", []))) for option in node["oneOf"]]
        parts.append(_("exactly one of %(choices)s") % {"choices": _either(alternatives)})
    # TRANSLATORS: separates the items of a list of rules or conditions: "not blank; 1 to 120
    # characters".
    return _("; ").join(parts)


def _values(values: list[Any]) -> str:
    """Schema choices as they are written in YAML, in a list."""
    return ", ".join(_code(v) for v in values)


def _code(value: Any) -> str:
    """A value as it is written in YAML, as an inline Markdown code span."""
    text = str(value)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{fence}{padded}{fence}"


def _either(choices: list[str]) -> str:
    """`a or b or c`."""
    text = choices[0] if choices else ""
    for choice in choices[1:]:
        text = _("%(first)s or %(second)s") % {"first": text, "second": choice}
    return text


def _items(low: int, high: int | None) -> str:
    if high is None:
        return ngettext("at least %(num)d item", "at least %(num)d items", low) % {"num": low}
    if low == 0:
        return ngettext("at most %(num)d item", "at most %(num)d items", high) % {"num": high}
    return _("%(low)d to %(high)d items") % {"low": low, "high": high}


def _characters(low: int, high: int) -> str:
    if low == 0:
        return ngettext("at most %(num)d character", "at most %(num)d characters", high) % {
            "num": high
        }
    return _("%(low)d to %(high)d characters") % {"low": low, "high": high}


def _example_value(node: dict[str, Any], schemas: dict, depth: int = 0) -> Any:
    """The schema's own example, else one composed from the children's examples."""
    examples = node.get("examples")
    if examples:
        return examples[0]
    if "const" in node:
        return node["const"]
    if "enum" in node:
        return node["enum"][0]
    if depth > 3:
        return None
    if node.get("type") == "object" and "properties" in node:
        required = set(node.get("required", ()))
        names = [n for n in node["properties"] if n in required]
        names += [n for n in node["properties"] if n not in required][: max(0, 3 - len(names))]
        composed = {}
        for name in names:
            value = _example_value(
                _resolve(schemas, node["properties"][name])[0], schemas, depth + 1
            )
            if value is not None:
                composed[name] = value
        return composed or None
    if node.get("type") == "object" and isinstance(node.get("additionalProperties"), dict):
        key = _KEY_EXAMPLES.get(_key_words(node.get("propertyNames", {})), "key")
        value = _example_value(
            _resolve(schemas, node["additionalProperties"])[0], schemas, depth + 1
        )
        return None if value is None else {key: value}
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        value = _child_example(node["items"], schemas, depth)
        return None if value is None else [value]
    if node.get("type") == "boolean":
        return True
    return None


def _child_example(raw: dict[str, Any], schemas: dict, depth: int) -> Any:
    return _example_value(_resolve(schemas, raw)[0], schemas, depth + 1)


def _one_line(value: Any) -> str:
    """An example as YAML on one line (flow style), as it may be written in the file."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    text = yaml.safe_dump(
        value, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10_000
    )
    return text.strip().removesuffix("...").strip()
