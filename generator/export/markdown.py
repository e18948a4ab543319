"""The one-document export as Markdown for wikis: CommonMark with pipe tables, no raw HTML.

YAML text is escaped with backslashes, so it prints literally; its inline Markdown (links with an
allowed scheme, `code`, emphasis, strong) is written back as Markdown. The table of contents links
to the heading ids that GitHub, GitLab and MkDocs derive from heading text.
"""

from __future__ import annotations

import re

from generator.export.document import (
    Block,
    Document,
    Fields,
    ItemList,
    Literal,
    Paragraph,
    Table,
    inline_tokens,
)
from generator.render.filters import Token

#: Punctuation that could start Markdown syntax anywhere in a line (CommonMark lets a backslash
#: escape any ASCII punctuation).
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#~!&])")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")


def text(value: str) -> str:
    """Inline Markdown from YAML, safe anywhere in a line, a list item or a table cell."""
    out = _tokens(inline_tokens(value))
    return _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), out, count=1)


def _escape_marker(marker: str) -> str:
    return marker[:-1] + "\\" + marker[-1]


def _escape(plain: str) -> str:
    return _SPECIAL.sub(r"\\\1", plain)


def _tokens(tokens: list[Token] | tuple[Token, ...]) -> str:
    out = []
    for token in tokens:
        if token.kind == "text":
            out.append(_escape(token.text))
        elif token.kind == "code":
            out.append(_code(token.text))
        elif token.kind == "strong":
            out.append(f"**{_tokens(token.children)}**")
        elif token.kind == "em":
            out.append(f"*{_tokens(token.children)}*")
        elif token.target is None:
            out.append(_tokens(token.children))
        else:
            out.append(f"[{_tokens(token.children)}]({token.target})")
    return "".join(out)


def _code(value: str) -> str:
    """A code span whose fence is longer than any run of backticks inside it."""
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def slug(title: str, seen: dict[str, int]) -> str:
    """The heading id GitHub-style renderers give a heading (lower case, punctuation dropped,
    spaces to hyphens, `-1`, `-2` for repeats)."""
    base = re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")
    count = seen.get(base, 0)
    seen[base] = count + 1
    return f"{base}-{count}" if count else base


def render_markdown(document: Document) -> str:
    lines = [f"# {text(document.title)}", "", text(document.subtitle), ""]
    seen: dict[str, int] = {}
    slug(_plain(document.title), seen)
    slug("Contents", seen)  # ids are given in document order: the title, the contents, the rest
    walked = document.walk()
    heading_text = {id(section): text(section.title) for _, section in walked}
    anchors = {id(section): slug(_plain(section.title), seen) for _, section in walked}
    lines += ["## Contents", ""]
    for depth, section in walked:
        if depth <= 2:
            indent = "  " * (depth - 1)
            lines.append(f"{indent}- [{heading_text[id(section)]}](#{anchors[id(section)]})")
    lines.append("")
    for depth, section in walked:
        lines += ["#" * min(depth + 1, 6) + " " + heading_text[id(section)], ""]
        for block in section.blocks:
            lines += _block(block)
    return "\n".join(lines).rstrip("\n") + "\n"


def _plain(value: str) -> str:
    """A heading's text as a renderer sees it (for its id): the words without Markdown."""

    def words(tokens: list[Token] | tuple[Token, ...]) -> str:
        return "".join(t.text if t.kind in ("text", "code") else words(t.children) for t in tokens)

    return words(inline_tokens(value))


def _block(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return [text(block.text), ""]
    if isinstance(block, Fields):
        # One paragraph with hard line breaks: a list here would merge with a list above it.
        rows = [f"**{text(label)}:** {text(value)}" for label, value in block.rows]
        return ["\\\n".join(rows), ""]
    if isinstance(block, ItemList):
        out = [f"**{text(block.title)}**", ""] if block.title else []
        for number, item in enumerate(block.items, start=1):
            marker = f"{number}." if block.ordered else "-"
            box = "[ ] " if block.checkboxes else ""
            out.append(f"{marker} {box}{text(item.text)}")
            pad = " " * (len(marker) + 1)
            out += [f"{pad}- {text(line)}" for line in item.detail]
        return [*out, ""]
    if isinstance(block, Table):
        out = ["| " + " | ".join(text(cell) for cell in block.head) + " |"]
        out.append("|" + "|".join(" --- " for _ in block.head) + "|")
        out += ["| " + " | ".join(text(cell) for cell in row) + " |" for row in block.rows]
        return [*out, ""]
    if isinstance(block, Literal):
        longest = max((len(run) for run in re.findall(r"`{3,}", block.text)), default=0)
        fence = "`" * max(3, longest + 1)
        out = [f"**{text(block.title)}**", ""] if block.title else []
        return [*out, f"{fence}text", *block.text.splitlines(), fence, ""]
    raise TypeError(f"unknown block {block!r}")
