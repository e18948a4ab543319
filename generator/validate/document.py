"""Read-only access to the loaded playbook for the semantic rules, tolerant of malformed data.

Rules run even when some files failed their schema: every accessor here skips values of the wrong
shape instead of raising, so a rule checks what it can and never crashes on what it cannot.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import PurePath

from generator.findings import Finding, Location
from generator.loader import DataPath, LoadedFile
from generator.validate.rule_table import level_of

#: Pattern steps: "*" is every item of a list (or value of a mapping), KEYS every key of a mapping.
ANY = "*"
KEYS = "<keys>"

ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def is_id(value: object) -> bool:
    """Only well-formed ids take part in reference checks; the schema reports the others."""
    return isinstance(value, str) and len(value) <= 64 and ID_PATTERN.match(value) is not None


@dataclass(frozen=True)
class Hit:
    """One value found by `Document.select`."""

    path: DataPath
    value: object
    is_key: bool = False


class Document:
    """The loaded files by kind, with locations for findings."""

    def __init__(self, files: Mapping[str, LoadedFile]) -> None:
        self.files = files

    def has(self, kind: str) -> bool:
        return kind in self.files

    def get(self, kind: str, path: DataPath) -> object:
        """The value at `path`, or None when the file, a key or an index is missing."""
        loaded = self.files.get(kind)
        node: object = loaded.data if loaded else None
        for step in path:
            if isinstance(node, dict) and isinstance(step, str):
                node = node.get(step)
            elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                node = node[step]
            else:
                return None
        return node

    def select(self, kind: str, pattern: tuple[str | int, ...]) -> Iterator[Hit]:
        """Every value matching `pattern` (names, ANY and KEYS), in file order."""
        loaded = self.files.get(kind)
        if loaded is None:
            return
        current = [Hit((), loaded.data)]
        for step in pattern:
            following: list[Hit] = []
            for hit in current:
                following.extend(_step(hit, step))
            current = following
        yield from current

    def entries(self, kind: str, path: DataPath) -> Iterator[tuple[DataPath, dict]]:
        """The mapping items of the list at `path`."""
        for hit in self.select(kind, (*path, ANY)):
            if isinstance(hit.value, dict) and isinstance(hit.path[-1], int):
                yield hit.path, hit.value

    def ids(self, kind: str, path: DataPath) -> dict[str, DataPath] | None:
        """First occurrence of each id in the list at `path`.

        None when the list is missing or any item lacks a well-formed id: the schema reports
        that item, and comparing references against a partial list would only add noise.
        """
        items = self.get(kind, path)
        if not isinstance(items, list):
            return None
        found: dict[str, DataPath] = {}
        for index, item in enumerate(items):
            if not isinstance(item, dict) or not is_id(item.get("id")):
                return None
            found.setdefault(item["id"], (*path, index, "id"))
        return found

    def at(self, kind: str, path: DataPath, *, key: bool = False) -> Location:
        loaded = self.files.get(kind)
        if loaded is None:
            return Location(kind)
        return loaded.positions.key(path) if key else loaded.positions.value(path)

    def text_at(self, kind: str, path: DataPath, needle: str) -> Location:
        loaded = self.files[kind]
        return loaded.positions.text(path, needle, loaded.lines)

    def where(self, kind: str, path: DataPath) -> str:
        """`file:line` for naming a second place inside a message (files share one folder)."""
        location = self.at(kind, path)
        name = PurePath(location.file).name
        return f"{name}:{location.line}" if location.line else name

    def finding(
        self,
        rule: str,
        message: str,
        kind: str,
        path: DataPath,
        *,
        hint: str = "",
        key: bool = False,
    ) -> Finding:
        """A finding of `rule` at `path`; its level comes from the rule table."""
        location = self.at(kind, path, key=key)
        return Finding(rule, message, location, level=level_of(rule), hint=hint)


def _step(hit: Hit, step: str | int) -> Iterator[Hit]:
    value = hit.value
    if step == ANY:
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield Hit((*hit.path, index), item)
        elif isinstance(value, dict):
            for name, item in value.items():
                yield Hit((*hit.path, name), item)
    elif step == KEYS:
        if isinstance(value, dict):
            for name in value:
                yield Hit((*hit.path, name), name, is_key=True)
    else:
        in_mapping = isinstance(value, dict) and step in value
        in_list = isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value)
        if in_mapping or in_list:
            yield Hit((*hit.path, step), value[step])  # type: ignore[index]
