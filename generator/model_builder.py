"""Builds the typed model of `generator.model` from the merged, validated playbook document.

The input is the mapping file kind -> that file's content, already checked against the schema and
the semantic rules. Nothing here names a field: every class is built from its dataclass fields and
type hints (see `generator.model` for the conventions), so a field is declared once, in the model.
A key the model requires but the document lacks raises `KeyError`: a bug in the caller (the
document was not validated), not in the playbook.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from generator.layout import FILE_KINDS
from generator.model import INLINE, KEY, KEYED, SOURCE, VALUE, FileReview, Playbook, Review


def build_model(document: Mapping[str, Any]) -> Playbook:
    """The `Playbook` for a merged document (file kind -> content) that passed validation."""
    values: dict[str, Any] = {}
    hints = _hints(Playbook)
    for spec in dataclasses.fields(Playbook):
        if SOURCE not in spec.metadata:
            continue
        kind, key = spec.metadata[SOURCE]
        content = document.get(kind)
        value = content if key is None or content is None else content.get(key)
        if value is None:
            _require_default(Playbook, spec, f"{kind}{'.' + key if key else ''}")
            continue
        values[spec.name] = _convert(hints[spec.name], value, spec)
    kinds = [*FILE_KINDS, *(k for k in document if k not in FILE_KINDS)]
    values["file_reviews"] = tuple(
        FileReview(kind, build(Review, document[kind]))
        for kind in kinds
        if isinstance(document.get(kind), Mapping)
    )
    return _cadence_in_order(Playbook(**values))


def _cadence_in_order(playbook: Playbook) -> Playbook:
    """Cadence cells in severity order, then audience order, whatever order the file uses, so
    tables and the diff read the same for the same policy."""
    levels = {s.id: i for i, s in enumerate(playbook.severities)}
    audiences = {a.id: i for i, a in enumerate(playbook.communication.audiences)}
    cells = playbook.communication.cadence
    ordered = tuple(
        sorted(
            cells,
            key=lambda c: (levels.get(c.severity, len(levels)), audiences.get(c.audience, 0)),
        )
    )
    if ordered == cells:
        return playbook
    communication = dataclasses.replace(playbook.communication, cadence=ordered)
    return dataclasses.replace(playbook, communication=communication)


def build(cls: type, data: Mapping[str, Any], **known: Any) -> Any:
    """An instance of the dataclass `cls` from a YAML mapping; `known` fills fields the mapping
    does not hold (the keys of a mapping-shaped parent)."""
    hints = _hints(cls)
    values = dict(known)
    for spec in dataclasses.fields(cls):
        if spec.name in values:
            continue
        if spec.metadata.get(INLINE):
            values[spec.name] = build(hints[spec.name], data)
            continue
        key = spec.metadata.get(KEY, spec.name)
        value = data.get(key)
        if value is None:
            _require_default(cls, spec, key)
            continue
        values[spec.name] = _convert(hints[spec.name], value, spec)
    return cls(**values)


def _convert(hint: Any, value: Any, spec: dataclasses.Field[Any] | None = None) -> Any:
    """`value` (from YAML) as the type `hint` describes."""
    if spec is not None and KEYED in spec.metadata:
        item = typing.get_args(hint)[0]
        return tuple(_keyed(item, value, spec.metadata[KEYED], spec.metadata.get(VALUE), {}))
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        arms = [arm for arm in typing.get_args(hint) if arm is not type(None)]
        return _convert(arms[0], value)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return tuple(_convert(item, v) for v in value or ())
    if dataclasses.is_dataclass(hint):
        return build(hint, value)  # type: ignore[arg-type]
    if hint is str and isinstance(value, datetime.date):
        return value.isoformat()  # a YAML 1.1 loader may have read a date
    return value


def _keyed(
    cls: type,
    data: Mapping[str, Any],
    key_fields: Sequence[str],
    value_field: str | None,
    known: dict[str, Any],
) -> list[Any]:
    """A mapping whose keys fill `key_fields` (one level per field), flattened in file order."""
    name, *rest = key_fields
    built: list[Any] = []
    for key, inner in (data or {}).items():
        filled = {**known, name: key}
        if rest:
            built.extend(_keyed(cls, inner, rest, value_field, filled))
        elif value_field is not None:
            built.append(build(cls, {value_field: inner}, **filled))
        else:
            built.append(build(cls, inner or {}, **filled))
    return built


def _require_default(cls: type, spec: dataclasses.Field[Any], key: str) -> None:
    if spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
        raise KeyError(f"{cls.__name__} needs {key!r}; was the document validated?")


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)
