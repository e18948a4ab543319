"""Walk a source file and a translation file along the field tree, pairing texts by path.

A translation path names a text the same way in both files: mapping keys, item ids (or
placeholder names) and list positions, e.g. ("severities", "sev1", "definition", 0). The source
walk also keeps the data path (list indexes) so a finding can point at the source line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.loader import DataPath
from generator.translations.fields import SOURCE, TEXT, TREES, Node

#: A path through a translation file (and the matching place of the source file).
TPath = tuple[str | int, ...]


@dataclass(frozen=True)
class SourceText:
    """One translatable text of a source file."""

    path: TPath  # translation path
    data_path: DataPath  # path in the source file's data (for its line and column)
    text: str


@dataclass(frozen=True)
class Entry:
    """One translated text of a translation file."""

    path: TPath
    data_path: DataPath  # path of the entry mapping in the translation file
    text: str
    source: str | None  # the fingerprint of the source text it was made from; None: not yet


def source_texts(kind: str, data: object) -> Iterator[SourceText]:
    """Every text of a source file that a translation may translate, in file order."""
    tree = TREES.get(kind)
    if tree is not None and isinstance(data, dict):
        yield from _source(tree, data, (), ())


def _source(node: Node, value: object, path: TPath, data_path: DataPath) -> Iterator[SourceText]:
    if node.text:
        if isinstance(value, str) and value.strip():
            yield SourceText(path, data_path, value)
        return
    if isinstance(value, dict):
        for key, child in node.keys.items():
            if key in value:
                yield from _source(child, value[key], (*path, key), (*data_path, key))
        if node.each is not None and node.each[0] == "id":  # a mapping keyed by ids (cadence)
            for key, item in value.items():
                if isinstance(key, str):
                    yield from _source(node.each[1], item, (*path, key), (*data_path, key))
    elif isinstance(value, list) and node.each is not None:
        step, child = node.each
        for index, item in enumerate(value):
            if step == "index":
                yield from _source(child, item, (*path, index), (*data_path, index))
                continue
            name = item.get(step) if isinstance(item, dict) else None
            if isinstance(name, str):
                yield from _source(child, item, (*path, name), (*data_path, index))


@dataclass(frozen=True)
class Place:
    """An id, placeholder name or list position of a translation file (one step of its path)."""

    path: TPath  # translation path ending in the id, name or position
    data_path: DataPath
    step: str  # "id" | "name" | "index"


def translation_entries(kind: str, data: object) -> tuple[list[Entry], list[Place]]:
    """The entries of a translation file, and every id, name and position it steps through.

    Whether an id or position exists in the source is the rules' business (they know the
    source); keys that are not fields of the kind are the schema's (`schema-unknown-field`).
    """
    entries: list[Entry] = []
    places: list[Place] = []
    tree = TREES.get(kind)
    if tree is not None and isinstance(data, dict):
        _translation(tree, data, (), (), entries, places)
    return entries, places


def _translation(
    node: Node,
    value: object,
    path: TPath,
    data_path: DataPath,
    entries: list[Entry],
    places: list[Place],
) -> None:
    if node.text:
        if isinstance(value, dict) and isinstance(value.get(TEXT), str):
            source = value.get(SOURCE)
            entries.append(
                Entry(path, data_path, value[TEXT], source if isinstance(source, str) else None)
            )
        return
    if node.each is not None and node.each[0] == "index":
        if isinstance(value, list):
            for index, item in enumerate(value):
                where, here = (*path, index), (*data_path, index)
                places.append(Place(where, here, "index"))
                _translation(node.each[1], item, where, here, entries, places)
        return
    if not isinstance(value, dict):
        return
    for key, item in value.items():
        if not isinstance(key, str):
            continue
        where, here = (*path, key), (*data_path, key)
        if key in node.keys:
            _translation(node.keys[key], item, where, here, entries, places)
        elif node.each is not None:
            places.append(Place(where, here, node.each[0]))
            _translation(node.each[1], item, where, here, entries, places)
