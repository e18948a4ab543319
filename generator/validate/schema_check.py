"""Check one loaded file against its JSON Schema and explain each error at its line and column.

jsonschema's own messages name Python values and regular expressions; reviewers need to know which
field, what is wrong and what is allowed. Each error keyword maps to a stable rule id:

| rule                   | jsonschema keyword(s)                         | points at            |
|------------------------|-----------------------------------------------|----------------------|
| `schema-type`          | type                                          | the value            |
| `schema-required`      | required                                      | the mapping's key    |
| `schema-unknown-field` | additionalProperties, unevaluatedProperties   | the unknown key      |
| `schema-enum`          | enum, const                                   | the value            |
| `schema-pattern`       | pattern                                       | the value            |
| `schema-key`           | propertyNames (a key that is not a valid id)  | the key              |
| `schema-length`        | minLength, maxLength                          | the value            |
| `schema-count`         | minItems, maxItems, minProperties, maxProperties | the list or mapping |
| `schema-unique`        | uniqueItems                                   | the repeated item    |
| `schema-range`         | minimum, maximum, exclusiveMinimum/Maximum    | the value            |
| `schema-one-of`        | oneOf, anyOf with no single likely branch     | the value            |
| `schema-invalid`       | anything else                                 | the value            |
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from jsonschema import ValidationError
from referencing.exceptions import Unresolvable

from generator.findings import Finding, Location
from generator.loader import DataPath, LoadedFile
from generator.validate.schemas import SchemaError, SchemaSet
from generator.validate.suggest import closest

KEYWORD_RULES = {
    "type": "schema-type",
    "required": "schema-required",
    "additionalProperties": "schema-unknown-field",
    "unevaluatedProperties": "schema-unknown-field",
    "enum": "schema-enum",
    "const": "schema-enum",
    "pattern": "schema-pattern",
    "minLength": "schema-length",
    "maxLength": "schema-length",
    "minItems": "schema-count",
    "maxItems": "schema-count",
    "minProperties": "schema-count",
    "maxProperties": "schema-count",
    "uniqueItems": "schema-unique",
    "minimum": "schema-range",
    "maximum": "schema-range",
    "exclusiveMinimum": "schema-range",
    "exclusiveMaximum": "schema-range",
    "oneOf": "schema-one-of",
    "anyOf": "schema-one-of",
}

_TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of `key: value` lines",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "null": "empty",
}


def check_schema(loaded: LoadedFile, schemas: SchemaSet) -> list[Finding]:
    """Every schema error of one file as findings; the order is the file's order."""
    validator = schemas.validator(loaded.kind)
    if validator is None:
        raise SchemaError(f"no schema for {loaded.kind} in {schemas.folder}")
    explain = _Explainer(loaded, schemas)
    try:
        errors = list(validator.iter_errors(loaded.data))
    except Unresolvable as error:
        raise SchemaError(f"a $ref in the schema of {loaded.kind} cannot be resolved") from error
    findings: list[Finding] = []
    for error in errors:
        findings.extend(explain.error(error))
    return _unique(findings)


#: Rules about one scalar value: a value gets one of them (`""` is both too short and blank).
_VALUE_RULES = frozenset(
    {
        "schema-type",
        "schema-enum",
        "schema-pattern",
        "schema-length",
        "schema-range",
    }
)


def _unique(findings: Iterable[Finding]) -> list[Finding]:
    """Drop repeats, and all but the first complaint about the same value."""
    seen: set[tuple[str, Location, str]] = set()
    values: set[Location] = set()
    kept = []
    for finding in findings:
        key = (finding.rule, finding.location, finding.message)
        if key in seen:
            continue
        if finding.rule in _VALUE_RULES:
            if finding.location in values:
                continue
            values.add(finding.location)
        seen.add(key)
        kept.append(finding)
    return kept


class _Explainer:
    """Turns jsonschema errors about one file into findings."""

    def __init__(self, loaded: LoadedFile, schemas: SchemaSet) -> None:
        self.loaded = loaded
        self.schemas = schemas
        self.positions = loaded.positions

    # ------------------------------------------------------------------ helpers

    def field_description(self, error: ValidationError) -> str:
        return self.schemas.describe(self.loaded.kind, error.absolute_schema_path)

    def at(self, path: DataPath, *, key: bool = False) -> Location:
        return self.positions.key(path) if key else self.positions.value(path)

    def source(self, path: DataPath) -> str | None:
        """The scalar at `path` as written, when it sits on one line."""
        start = self.positions.values.get(path)
        end = self.positions.ends.get(path)
        if start is None or end is None or end[0] != start.line:
            return None
        if not 0 < start.line <= len(self.loaded.lines):
            return None
        return self.loaded.lines[start.line - 1][start.column - 1 : end[1] - 1] or None

    def finding(self, rule: str, message: str, location: Location, hint: str = "") -> Finding:
        return Finding(rule, message, location, hint=hint)

    # ------------------------------------------------------------------ dispatch

    def error(self, error: ValidationError) -> Iterator[Finding]:
        path: DataPath = tuple(error.absolute_path)
        keyword = str(error.validator)
        if "propertyNames" in error.absolute_schema_path:
            yield self.bad_key(error, path)
            return
        handler = getattr(self, f"on_{keyword}", None)
        if handler is not None:
            yield from handler(error, path)
            return
        rule = KEYWORD_RULES.get(keyword, "schema-invalid")
        hint = _clip(self.field_description(error))
        yield self.finding(rule, f"{_field(path)}: {error.message}", self.at(path), hint)

    # ------------------------------------------------------------------ keywords

    def on_type(self, error: ValidationError, path: DataPath) -> Iterator[Finding]:
        expected = error.validator_value
        wanted = [expected] if isinstance(expected, str) else list(expected)
        words = " or ".join(_TYPE_WORDS.get(str(t), str(t)) for t in wanted)
        value = error.instance
        hint = _clip(self.field_description(error))
        if value is None:
            message = f"{_field(path)} is empty; it must be {words}"
            yield self.finding("schema-type", message, self.at(path, key=True), hint)
            return
        message = f"{_field(path)} must be {words}, not {_what(value)}"
        if "string" in wanted and isinstance(value, (bool, int, float)):
            written = self.source(path) or str(value)
            kind = "a boolean" if isinstance(value, bool) else "a number"
            hint = f'YAML reads {written} as {kind}; quote it to keep it as text: "{written}"'
        elif "array" in wanted and not isinstance(value, list):
            hint = "write a list, one `- item` per line, or [a, b] on one line"
        yield self.finding("schema-type", message, self.at(path), hint)

    def on_required(self, error: ValidationError, path: DataPath) -> Iterator[Finding]:
        instance = error.instance if isinstance(error.instance, dict) else {}
        properties = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        unknown = [key for key in instance if key not in properties]
        for name in error.validator_value:
            if name in instance or closest(name, unknown):
                continue  # missing, or misspelt: `schema-unknown-field` names the misspelling
            about = properties.get(name, {}).get("description", "")
            message = f"{_where(path)} is missing the required field `{name}`"
            hint = _clip(f"add `{name}:`" + (f" - {about}" if about else ""))
            yield self.finding("schema-required", message, self.at(path, key=True), hint)

    def on_additionalProperties(self, error: ValidationError, path: DataPath) -> Iterator[Finding]:
        schema = error.schema if isinstance(error.schema, dict) else {}
        allowed = list(schema.get("properties", {}))
        if not isinstance(error.instance, dict) or schema.get("additionalProperties") is not False:
            yield self.finding("schema-unknown-field", error.message, self.at(path))
            return
        patterns = list(schema.get("patternProperties", {}))
        for key in error.instance:
            if key in allowed or (patterns and _matches_any(key, patterns)):
                continue
            guess = closest(key, allowed)
            hint = f"did you mean `{guess}`? " if guess else ""
            hint += "allowed here: " + ", ".join(allowed) if allowed else "no fields allowed here"
            message = f"unknown field `{key}` in {_where(path)}"
            yield self.finding(
                "schema-unknown-field", message, self.at((*path, key), key=True), hint
            )

    on_unevaluatedProperties = on_additionalProperties

    def on_enum(self, error: ValidationError, path: DataPath) -> Iterator[Finding]:
        options = error.validator_value if error.validator == "enum" else [error.validator_value]
        shown = ", ".join(str(option) for option in options)
        message = f"{_field(path)} is {_what(error.instance)}; allowed: {shown}"
        guess = closest(error.instance, options)
        hint = (f"did you mean '{guess}'? " if guess else "") + self.field_description(error)
        yield self.finding("schema-enum", message, self.at(path), _clip(hint))

    on_const = on_enum

    def on_pattern(self, error: ValidationError, path: DataPath) -> Iterator[Finding]:
        if error.validator_value == r"\S":
            message = f"{_field(path)} is blank; write some text"
        else:
            form = error.schema.get("description", "") if isinstance(error.schema, dict) else ""
            message = f"{_field(path)} is {_what(error.instance)}, which is not valid"
            message += f". {form}" if form else f": it must match {error.validator_value}"
        field = self.field_description(error)
        yield self.finding("schema-pattern", _clip(message, 400), self.at(path), _clip(field))

    def on_minLength(self, error: ValidationError, path: DataPath) -> Iterator[Finding]:
        if error.validator_value == 1:
            message = f"{_field(path)} is empty; write some text"
        else:
            message = f"{_field(path)} is too short: at least {error.validator_value} characters"
        yield self.finding("schema-length", message, self.at(path), self.field_hint(error))

    def on_maxLength(self, error: ValidationError, path: DataPath) -> Iterator[Finding]:
        size = len(error.instance) if isinstance(error.instance, str) else 0
        message = f"{_field(path)} is too long: {size} characters, at most {error.validator_value}"
        yield self.finding("schema-length", message, self.at(path), self.field_hint(error))

    def on_minItems(self, error: ValidationError, path: DataPath) -> Iterator[Finding]:
        yield self.count(error, path, "at least", "items")

    def on_maxItems(self, error: ValidationError, path: DataPath) -> Iterator[Finding]:
        yield self.count(error, path, "at most", "items")

    def on_minProperties(self, error: ValidationError, path: DataPath) -> Iterator[Finding]:
        yield self.count(error, path, "at least", "entries")

    def on_maxProperties(self, error: ValidationError, path: DataPath) -> Iterator[Finding]:
        yield self.count(error, path, "at most", "entries")

    def count(self, error: ValidationError, path: DataPath, bound: str, noun: str) -> Finding:
        size = len(error.instance) if isinstance(error.instance, (list, dict)) else 0
        message = f"{_field(path)} has {size} {noun}; it needs {bound} {error.validator_value}"
        return self.finding(
            "schema-count", message, self.at(path, key=True), self.field_hint(error)
        )

    def on_uniqueItems(self, error: ValidationError, path: DataPath) -> Iterator[Finding]:
        items = error.instance if isinstance(error.instance, list) else []
        for index, item in enumerate(items):
            if item in items[:index]:
                message = f"{_field(path)} lists {_what(item)} twice"
                hint = "remove the repeated entry"
                yield self.finding("schema-unique", message, self.at((*path, index)), hint)
                return
        yield self.finding("schema-unique", f"{_field(path)} repeats an entry", self.at(path))

    def field_hint(self, error: ValidationError) -> str:
        return _clip(self.field_description(error))

    def bad_key(self, error: ValidationError, path: DataPath) -> Finding:
        key = error.instance
        where = self.at((*path, key), key=True) if isinstance(key, str) else self.at(path)
        description = self.field_description(error)
        if error.validator == "pattern":
            message = f"the key '{key}' in {_field(path)} is not a valid id"
            hint = "ids are lower-case letters and digits joined by single hyphens, e.g. sev1"
        else:
            message = f"the key '{key}' in {_field(path)} is not allowed: {error.message}"
            hint = ""
        return self.finding(
            "schema-key", message, where, _clip(f"{hint}. {description}".strip(". "))
        )

    # ------------------------------------------------------------------ oneOf / anyOf

    def on_oneOf(self, error: ValidationError, path: DataPath) -> Iterator[Finding]:
        yield from self.alternatives(error, path)

    on_anyOf = on_oneOf

    def alternatives(self, error: ValidationError, path: DataPath) -> Iterator[Finding]:
        options = error.validator_value if isinstance(error.validator_value, list) else []
        exclusive = _exclusive_fields(options)
        description = self.field_hint(error)
        if exclusive:
            present = [
                name
                for name in exclusive
                if isinstance(error.instance, dict) and name in error.instance
            ]
            names = " or ".join(f"`{name}`" for name in exclusive)
            if present:
                message = (
                    f"{_where(path)} has {' and '.join(f'`{n}`' for n in present)}; give only one"
                )
            else:
                message = f"{_where(path)} needs one of {names}"
            yield self.finding("schema-one-of", message, self.at(path, key=True), description)
            return
        branches: dict[int, list[ValidationError]] = {}
        for sub in error.context or ():
            branches.setdefault(int(sub.relative_schema_path[0]), []).append(sub)
        likely = {
            index: subs
            for index, subs in branches.items()
            if not any(s.validator == "type" and not s.relative_path for s in subs)
        }
        if len(likely) == 1:
            for sub in next(iter(likely.values())):
                yield from self.error(sub)
            return
        if not error.context:
            message = f"{_field(path)} matches more than one of the allowed forms"
        else:
            message = f"{_field(path)} is {_what(error.instance)}: none of the allowed forms"
        yield self.finding("schema-one-of", message, self.at(path), description)


def _exclusive_fields(options: list[object]) -> list[str]:
    """For `oneOf: [{required: [a]}, {required: [b]}]`: [a, b]; otherwise []."""
    names: list[str] = []
    for option in options:
        if not isinstance(option, dict) or set(option) != {"required"}:
            return []
        required = option["required"]
        if not isinstance(required, list) or len(required) != 1:
            return []
        names.append(str(required[0]))
    return names


def _matches_any(key: str, patterns: list[str]) -> bool:
    return any(re.search(pattern, key) for pattern in patterns)


def _field(path: DataPath) -> str:
    """How a message names the value at `path`."""
    if not path:
        return "the file"
    last = path[-1]
    if isinstance(last, int):
        parent = path[-2] if len(path) > 1 else "the list"
        return f"item {last + 1} of `{parent}`"
    return f"`{last}`"


def _where(path: DataPath) -> str:
    """How a message names the mapping at `path`."""
    if not path:
        return "the file"
    return _field(path)


def _what(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"'{_clip(value, 60)}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def _clip(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
