"""A hostile playbook: the default one with every free-text string replaced by attack payloads.

Every string value (never a mapping key) first gets the longest payload; wherever validation
objects (an id, a duration, a reference, an enum, a length limit), that value falls back to a
shorter payload and finally to its original text. What is left is a valid playbook in which
every field that may hold free text holds markup, script, template syntax and Markdown that tries
to break out of its place.
"""

from __future__ import annotations

import copy
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.loader import load_folder
from generator.pipeline import validate_playbook

#: Set by any payload script that runs; the browser test asserts it stays undefined.
FLAG = "__pwned"
SCRIPT = f"<script>window.{FLAG}=1;alert(1)</script>"
IMG = f'<img src=x onerror="window.{FLAG}=1;alert(1)">'
CLOSE = f"</script><script>window.{FLAG}=1</script><!--"
JINJA = "J{{ 7*7 }}J {% for x in y %}loop{% endfor %}"
JINJA_EVALUATED = "J49J"
LINKS = (
    "[js](javascript:alert(1)) [data](data:text/html,<script>alert(1)</script>)"
    " <a href=\"javascript:alert(1)\">a</a> <a href='data:text/html,x'>d</a>"
)
ATTRIBUTE = 'https://example.com/"><img src=x onerror=alert(1)>'
UNBROKEN = "W" * 3000  # no space to break at: must wrap, not widen the page

LINE = f"{SCRIPT} {IMG} {CLOSE} {JINJA} {LINKS} | cell | break | {ATTRIBUTE}"
BLOCK = f"{LINE}\n# heading\n- list item\n1. numbered\n| a | b |\n|---|---|\n| c | d |\n> quote"
CANDIDATES: tuple[str, ...] = (
    f"{BLOCK}\n{UNBROKEN}",
    BLOCK,
    LINE,
    f"{SCRIPT}{IMG}J{{{{ 7*7 }}}}J|x|",
    f"{IMG} | x",
    "W" * 110,
    JINJA,
    "# x | y",
    ATTRIBUTE,
)


@dataclass
class _Leaf:
    kind: str
    path: tuple[Any, ...]
    original: str
    choice: int = 0

    @property
    def value(self) -> str:
        if self.choice >= len(CANDIDATES):
            return self.original
        if "{" in self.original:  # keep a status template's placeholders in use
            return f"{CANDIDATES[self.choice]} {self.original}"
        return CANDIDATES[self.choice]


@dataclass
class Hostile:
    """The written folder and how many string values carry a payload."""

    folder: Path
    payloads: int
    originals: int
    by_kind: dict[str, int] = field(default_factory=dict)


def write_hostile(source: Path, target: Path, rounds: int = 30) -> Hostile:
    """Write the hostile version of the playbook in `source` to `target` (a valid playbook)."""
    loaded = load_folder(source)
    assert not loaded.findings, loaded.findings
    data = {kind: copy.deepcopy(file.data) for kind, file in loaded.files.items()}
    leaves = [leaf for kind, doc in data.items() for leaf in _leaves(kind, doc)]
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for _ in range(rounds):
        _write(target, data, leaves)
        result = validate_playbook(target)
        if result.ok:
            break
        _fall_back(target, leaves, [f for f in result.errors])
    else:
        raise AssertionError(f"no valid hostile playbook after {rounds} rounds: {result.errors}")
    used = [leaf for leaf in leaves if leaf.choice < len(CANDIDATES)]
    by_kind: dict[str, int] = {}
    for leaf in used:
        by_kind[leaf.kind] = by_kind.get(leaf.kind, 0) + 1
    return Hostile(target, len(used), len(leaves) - len(used), by_kind)


def _leaves(kind: str, data: Any, path: tuple[Any, ...] = ()) -> list[_Leaf]:
    if isinstance(data, str):
        # A placeholder's name is its `{name}` in the title and body: an identifier in effect.
        named = len(path) >= 3 and path[-3] == "placeholders" and path[-1] == "name"
        return [_Leaf(kind, path, data, len(CANDIDATES) if named else 0)]
    items = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    return [leaf for key, value in items for leaf in _leaves(kind, value, (*path, key))]


def _write(target: Path, data: dict[str, Any], leaves: list[_Leaf]) -> None:
    documents = copy.deepcopy(data)
    for leaf in leaves:
        node = documents[leaf.kind]
        for step in leaf.path[:-1]:
            node = node[step]
        node[leaf.path[-1]] = leaf.value
    for kind, document in documents.items():
        text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=10**6)
        (target / f"{kind}.yaml").write_text(text, encoding="utf-8")


def _fall_back(target: Path, leaves: list[_Leaf], errors: list[Any]) -> None:
    """Give every value an error points at its next, shorter candidate."""
    loaded = load_folder(target)
    by_place: dict[tuple[str, int, int], list[_Leaf]] = {}
    by_line: dict[tuple[str, int], list[_Leaf]] = {}
    for leaf in leaves:
        file = loaded.files[leaf.kind]
        where = file.positions.values.get(leaf.path)
        if where is not None:
            by_place.setdefault((where.file, where.line, where.column), []).append(leaf)
            last = file.positions.ends.get(leaf.path, (where.line, 0))[0]
            for line in range(where.line, last + 1):  # a quoted value may span lines
                by_line.setdefault((where.file, line), []).append(leaf)
    for error in errors:
        where = error.location
        hit = by_place.get((where.file, where.line, where.column)) or by_line.get(
            (where.file, where.line)
        )
        if not hit:
            raise AssertionError(f"an error no payload explains: {error}")
        for leaf in hit:  # too long: try a shorter payload; anything else: the original
            step = 1 if error.rule == "schema-length" else len(CANDIDATES)
            leaf.choice = min(leaf.choice + step, len(CANDIDATES))
