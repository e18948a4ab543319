"""Walk a source file and a translation file along the field tree, pairing texts by path.

A translation path names a text the same way in both files: mapping keys, item ids (or
placeholder names) and list positions, e.g. ("severities", "sev1", "definition", 0). The source
walk also keeps the data path (list indexes) so a finding can point at the source line.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.loader import DataPath
from generator.translations.fields import SOURCE, TEXT, TREES, Node

#: A path through a translation file (and the matching place of the source file).
TPath = tuple[str | int, ...]


class _Record:
    """A plain record with slots (a dataclass costs more to define at start-up than a whole
    check of a translation): equal when its fields are, shown with them."""

    __slots__ = ()

    def _fields(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._fields() == other._fields()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"


class SourceText(_Record):
    """One translatable text of a source file."""

    __slots__ = ("data_path", "path", "text")

    def __init__(self, path: TPath, data_path: DataPath, text: str) -> None:
        self.path = path  # translation path
        self.data_path = data_path  # path in the source file's data (for its line and column)
        self.text = text


class Entry(_Record):
    """One translated text of a translation file."""

    __slots__ = ("data_path", "path", "source", "text")

    def __init__(self, path: TPath, data_path: DataPath, text: str, source: str | None) -> None:
        self.path = path
        self.data_path = data_path  # path of the entry mapping in the translation file
        self.text = text
        self.source = source  # the fingerprint of the source text it was made from; None: not yet


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


class Place(_Record):
    """An id, placeholder name or list position of a translation file (one step of its path)."""

    __slots__ = ("data_path", "path", "step")

    def __init__(self, path: TPath, data_path: DataPath, step: str) -> None:
        self.path = path  # translation path ending in the id, name or position
        self.data_path = data_path
        self.step = step  # "id" | "name" | "index"


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
