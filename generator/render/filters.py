"""Jinja filters that turn YAML text into safe Markdown, HTML or embedded JSON.

Templates run with autoescape off (they write Markdown, not HTML), so every string that comes
from a playbook passes through one of these filters. The output shows the author's text
literally: it cannot open a tag, a link, a table cell, a heading or a template expression.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import escape as _markupsafe_escape

# Escaped with a backslash wherever they occur (Python-Markdown honours these escapes; `|` is
# added by the tables extension). `#` is escaped everywhere because a heading drops trailing ones.
_ALWAYS = set("\\`*_{}[]|#")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Characters that change a block when they start a line (lists, admonitions, details, setext).
_LEADING_BACKSLASH = set("-+!")
_LEADING_ENTITY = set("=?:~%")
_ORDERED_LIST = re.compile(r"^(\d+)([.)])")
_SPACES = re.compile(r"\s+")


def md(value: Any) -> str:
    """Inline Markdown: one line of literal text, safe in a paragraph, list item, cell, heading."""
    text = _SPACES.sub(" ", str(value)).strip()
    prefix = ""
    match = _ORDERED_LIST.match(text)
    if match:  # "1. foo" at the start of a line would become a list item
        prefix = match.group(1) + "\\" + match.group(2)
        text = text[match.end() :]
    elif text[:1] in _LEADING_BACKSLASH:
        prefix, text = "\\" + text[0], text[1:]
    elif text[:1] in _LEADING_ENTITY:
        prefix, text = f"&#{ord(text[0])};", text[1:]
    out = [prefix]
    for char in text:
        if char in _ENTITIES:
            out.append(_ENTITIES[char])
        elif char in _ALWAYS:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def html(value: Any) -> str:
    """Text for a raw HTML block (checklists, figures): the five HTML specials as entities."""
    text = _SPACES.sub(" ", str(value)).strip()
    return str(_markupsafe_escape(text))


def html_block(value: Any) -> str:
    """Multi-line text for `<pre>`: HTML-escaped, line breaks kept, no blank line (ends a block)."""
    lines = [line.rstrip() for line in str(value).strip("\n").splitlines()]
    return "&#10;".join(str(_markupsafe_escape(line)) for line in lines) if lines else ""


def json_script(value: Any) -> str:
    """JSON for `<script type="application/json">`: cannot close the script or open a comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def url(value: Any) -> str:
    """A link target from YAML: only http(s) and mailto, with characters that end a link quoted."""
    text = str(value).strip()
    scheme = urlsplit(text).scheme.lower()
    if scheme not in ("http", "https", "mailto"):
        return "#"
    return quote(text, safe="/:?#[]@!$&'*+,;=%~-._")
