"""Where each value of a loaded file came from, so every finding can name file, line and column."""

from __future__ import annotations

from generator.findings import Location

#: A path into loaded data, JSON-pointer-like: ("severities", 0, "response", "acknowledge_within").
DataPath = tuple[str | int, ...]


class Positions:
    """Locations of values and of mapping keys in one file, keyed by data path.

    A plain class, not a dataclass: defining a dataclass costs more at start-up than a small
    playbook takes to load. The loader hands over its lists of `(path, (line, column))`; the
    dictionaries and their Locations are made on first use, which a file without findings
    never reaches.
    """

    __slots__ = ("_ends", "_keys", "_pending", "_values", "file")

    def __init__(
        self,
        file: str,
        values: list[tuple[DataPath, tuple[int, int]]] | None = None,
        keys: list[tuple[DataPath, tuple[int, int]]] | None = None,
        ends: list[tuple[DataPath, tuple[int, int]]] | None = None,
    ) -> None:
        self.file = file
        self._values: dict[DataPath, Location] = {}
        self._keys: dict[DataPath, Location] = {}
        self._ends: dict[DataPath, tuple[int, int]] = {}  # (line, column) where a value ends
        self._pending = (values or [], keys or [], ends or [])

    def _settle(self) -> None:
        values, keys, ends = self._pending
        if values or keys or ends:
            file = self.file
            self._values.update((path, Location(file, *at)) for path, at in values)
            self._keys.update((path, Location(file, *at)) for path, at in keys)
            self._ends.update(ends)
            self._pending = ([], [], [])

    @property
    def values(self) -> dict[DataPath, Location]:
        self._settle()
        return self._values

    @property
    def keys(self) -> dict[DataPath, Location]:
        self._settle()
        return self._keys

    @property
    def ends(self) -> dict[DataPath, tuple[int, int]]:
        self._settle()
        return self._ends

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
