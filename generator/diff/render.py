"""A change set as Markdown (a pull-request comment), plain text (a terminal) or JSON (tools).

Sentences hold playbook content, which is data: the Markdown renderer escapes it so a value can
never become a link, an image, HTML or a heading in the comment, and it neutralises GitHub's
references so a comment pings nobody and links no issue: a zero-width joiner (U+200D) goes right
after the `@` of a mention (`@team`, `@org/team`), after the `#` of an issue reference (`#123`,
`org/repo#123`) and after the dash of `GH-123`. The text reads the same; GitHub's autolinker no
longer sees a name or a number where it looks for one. Code spans would also work but would show
every sentence in monospace, and a backslash escape does not stop GitHub's mention filter.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from generator.diff.changes import AREAS, Change, ChangeSet

#: The first line of every Markdown comment: CI finds and updates its earlier comment by it.
COMMENT_MARKER = "<!-- playbook-diff -->"

_SIGNS = {"added": "+", "removed": "-", "changed": "~"}
#: Inline Markdown syntax; line-start syntax cannot occur, sentences follow "- **kind**: ".
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
#: Invisible, so the comment reads the same; breaks GitHub's mention and reference autolinks.
ZERO_WIDTH_JOINER = "\u200d"
#: `@name` not inside a word (e-mail addresses do not ping), `#123` anywhere, `GH-123`.
_REFERENCES = re.compile(r"(?<![\w.+-])@(?=[A-Za-z0-9])|#(?=\d)|(?<![\w])GH-(?=\d)", re.IGNORECASE)


def _summary(changes: ChangeSet) -> str:
    counts = changes.counts()
    total = len(changes.changes)
    parts = [f"{counts[k]} {k}" for k in ("added", "removed", "changed") if counts[k]]
    noun = "change" if total == 1 else "changes"
    line = f"{total} {noun} ({', '.join(parts)})"
    if counts["less_strict"]:
        line += f", {counts['less_strict']} less strict"
    return line


def render_text(changes: ChangeSet) -> str:
    lines = [f"Playbook changes: {changes.base} -> {changes.head}"]
    if not changes.changes:
        lines.append("No changes to the playbook's content.")
        return "\n".join(lines) + "\n"
    lines.append(_summary(changes))
    for area, found in changes.by_area():
        lines.append("")
        lines.append(AREAS[area])
        for change in found:
            line = f"  {_SIGNS[change.kind]} {change.text}"
            if change.less_strict:
                line += f"  [less strict: {change.less_strict}]"
            lines.append(line)
    return "\n".join(lines) + "\n"


def md_escape(text: str) -> str:
    """Plain text safe inside a Markdown list item: HTML defused, Markdown syntax escaped,
    mentions and issue references neutralised."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = " ".join(text.split())
    text = _REFERENCES.sub(lambda found: found.group(0) + ZERO_WIDTH_JOINER, text)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _md_item(change: Change) -> str:
    item = f"- **{change.kind}**: {md_escape(change.text)}"
    if change.less_strict:
        item += f" ⚠️ *less strict: {md_escape(change.less_strict)}*"
    return item


def render_markdown(changes: ChangeSet) -> str:
    lines = [
        COMMENT_MARKER,
        "## Playbook changes",
        "",
        f"Comparing `{_code(changes.base)}` with `{_code(changes.head)}`.",
        "",
    ]
    if not changes.changes:
        lines.append("No changes to the playbook's content.")
        return "\n".join(lines) + "\n"
    lines.append(f"**{_summary(changes)}**")
    weaker = changes.less_strict
    if weaker:
        lines += ["", "> [!WARNING]", "> These changes make the playbook less strict:"]
        lines += [f"> - {md_escape(c.text)} ({md_escape(c.less_strict)})" for c in weaker]
    for area, found in changes.by_area():
        lines += ["", f"### {AREAS[area]}", ""]
        lines += [_md_item(c) for c in found]
    return "\n".join(lines) + "\n"


def _code(text: str) -> str:
    """A side's name inside a code span (no mention or reference is linked there)."""
    return text.replace("`", "'")


def render_json(changes: ChangeSet) -> str:
    data = {
        "base": changes.base,
        "head": changes.head,
        "summary": changes.counts(),
        "changes": [c.as_dict() for c in changes.changes],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


RENDERERS: dict[str, Callable[[ChangeSet], str]] = {
    "markdown": render_markdown,
    "text": render_text,
    "json": render_json,
}


def render(changes: ChangeSet, fmt: str) -> str:
    """The change set in one of RENDERERS' formats."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(RENDERERS)}") from None
    return renderer(changes)
