"""Where each value of a loaded file came from, so every finding can name file, line and column."""

from __future__ import annotations

from generator.findings import Location

#: A path into loaded data, JSON-pointer-like: ("severities", 0, "response", "acknowledge_within").
DataPath = tuple[str | int, ...]


class Positions:
    """Locations of values and of mapping keys in one file, keyed by data path.

    A plain class, not a dataclass: defining a dataclass costs more at start-up than a small
    playbook takes to load.
    """

    __slots__ = ("ends", "file", "keys", "values")

    def __init__(self, file: str) -> None:
        self.file = file
        self.values: dict[DataPath, Location] = {}
        self.keys: dict[DataPath, Location] = {}
        self.ends: dict[DataPath, tuple[int, int]] = {}  # (line, column) where a value ends

    def __repr__(self) -> str:
        return f"Positions({self.file!r}, {len(self.values)} values)"

    def value(self, path: DataPath) -> Location:
        """The location of the value at `path`, else of its nearest ancestor that exists."""
        for cut in range(len(path), -1, -1):
            found = self.values.get(tuple(path[:cut]))
            if found is not None:
                return found
        return Location(self.file)

    def key(self, path: DataPath) -> Location:
        """The location of the key naming `path` (for mappings), else of the value."""
        found = self.keys.get(tuple(path))
        return found if found is not None else self.value(path)

    def text(self, path: DataPath, needle: str, lines: tuple[str, ...]) -> Location:
        """The location of `needle` inside the scalar at `path` (block scalars span lines)."""
        start = self.value(path)
        if tuple(path) not in self.values or not needle:
            return start
        end_line, end_col = self.ends.get(tuple(path), (start.line, 10**9))
        for number in range(start.line, min(end_line, len(lines)) + 1):
            text = lines[number - 1]
            first = start.column - 1 if number == start.line else 0
            last = end_col - 1 if number == end_line else len(text)
            column = text.find(needle, first, max(first, last))
            if column >= 0:
                return Location(self.file, number, column + 1)
        return start
