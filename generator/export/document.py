"""The whole playbook as one document: sections of blocks, written out as Markdown or HTML.

`build_document` (in `generator.export.contents`) fills these from the typed model once; the two
writers only decide how a block looks. So both files carry the same content, and a test can check
one structure against the model.

Every string in a block is YAML text or our own words, read as inline Markdown (links, `code`,
emphasis) by `generator.render.filters.parse_inline` and escaped by the writer; `Literal` text
(a status template's title and body) is shown exactly as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.render.filters import Token, link_target, parse_inline


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Fields:
    """Label and value pairs (`Acknowledge: within 5 minutes`); empty values are left out."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Item:
    """A list item with optional detail lines under it."""

    text: str
    detail: tuple[str, ...] = ()


@dataclass(frozen=True)
class ItemList:
    items: tuple[Item, ...]
    title: str = ""  # a short lead-in ("Responsibilities")
    ordered: bool = False
    checkboxes: bool = False


@dataclass(frozen=True)
class Table:
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Literal:
    """Text shown exactly as written, line breaks kept (a status template)."""

    text: str
    title: str = ""


Block = Paragraph | Fields | ItemList | Table | Literal


@dataclass
class Section:
    """A heading with blocks and subsections; `anchor` is derived from playbook ids."""

    anchor: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    def add(self, block: Block | None) -> None:
        """Add a block unless it is empty (an absent value prints nothing)."""
        if block is None:
            return
        if isinstance(block, Paragraph) and not block.text.strip():
            return
        if isinstance(block, Fields):
            block = Fields(tuple((k, v) for k, v in block.rows if v))
            if not block.rows:
                return
        if isinstance(block, ItemList) and not block.items:
            return
        if isinstance(block, Table) and not block.rows:
            return
        self.blocks.append(block)

    def walk(self, depth: int = 1) -> list[tuple[int, Section]]:
        """This section and every subsection, in document order, with heading depth."""
        out = [(depth, self)]
        for child in self.children:
            out += child.walk(depth + 1)
        return out


@dataclass
class Document:
    title: str
    subtitle: str
    sections: list[Section]

    def walk(self) -> list[tuple[int, Section]]:
        return [entry for section in self.sections for entry in section.walk()]


def items(texts: object) -> tuple[Item, ...]:
    """List items from strings, empty ones left out."""
    return tuple(Item(str(text)) for text in texts if str(text).strip())  # type: ignore[attr-defined]


def inline_tokens(text: str) -> list[Token]:
    """Inline Markdown of YAML text; a relative link has no target in a standalone document."""
    return [_standalone(token) for token in parse_inline(text)]


def _standalone(token: Token) -> Token:
    children = tuple(_standalone(child) for child in token.children)
    target = token.target
    if token.kind == "link" and target is not None:
        target = target if _absolute(target) else None
    return Token(token.kind, token.text, children, target)


def _absolute(target: str) -> bool:
    from urllib.parse import urlsplit

    return bool(urlsplit(target).scheme) and link_target(target) is not None
