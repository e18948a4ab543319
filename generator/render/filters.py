"""Jinja filters that turn YAML text into safe Markdown, HTML or embedded JSON.

Templates run with autoescape off (they write Markdown, not HTML), so every string that comes
from a playbook passes through one of these filters. The output shows the author's text
literally: it cannot open a tag, a link, a table cell, a heading or a template expression.

A text of a translated model that has no translation (`FallbackText`) is still in the source
language; on a page in another language, `md`, `html`, `text` and `text_html` wrap it as
`<span lang="en" class="pb-fallback">...</span>` (contract 2 of issue 14), so browsers, screen
readers and search read it as the language it is written in, and the stylesheet can mark it.
"""

from __future__ import annotations

import html as html_module
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import escape as _markupsafe_escape

from generator.i18n import SOURCE_LANGUAGE, current_language

# Escaped with a backslash wherever they occur (Python-Markdown honours these escapes; `|` is
# added by the tables extension). `#` is escaped everywhere because a heading drops trailing ones;
# `!` because before a link's `[` it would make an image.
_ALWAYS = set("\\`*_{}[]|#!")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Characters that change a block when they start a line (lists, admonitions, details, setext).
_LEADING_BACKSLASH = set("-+!")
_LEADING_ENTITY = set("=?:~%")
_ORDERED_LIST = re.compile(r"^(\d+)([.)])")
_SPACES = re.compile(r"\s+")


# --------------------------------------------------------------------------- fallback texts

#: The language untranslated texts are written in: the playbook's own (`organisation.language`
#: of the source model; a translated model says the language it was translated to).
_SOURCE: ContextVar[str] = ContextVar("playbook_source_language", default=SOURCE_LANGUAGE)


@contextmanager
def source_language(lang: str) -> Iterator[None]:
    """Inside the block, untranslated texts are marked as written in `lang` (default: English):
    `with speaking("ja"), source_language(source_model.organisation.language): ...`."""
    token = _SOURCE.set(lang)
    try:
        yield
    finally:
        _SOURCE.reset(token)


def _marked(value: Any, rendered: str) -> str:
    """`rendered` inside `<span lang=".." class="pb-fallback">` when `value` is a text the
    translation lacks and the page speaks another language; else `rendered` as it is."""
    if type(value) is str or not rendered:  # the common case; no import for it
        return rendered
    from generator.translations.model import FallbackText  # loads the translation machinery

    if not isinstance(value, FallbackText):
        return rendered
    lang = _SOURCE.get()
    if lang == current_language():
        return rendered
    return f'<span lang="{_markupsafe_escape(lang)}" class="pb-fallback">{rendered}</span>'


# --------------------------------------------------------------------------- literal text


def md(value: Any) -> str:
    """Inline Markdown: one line of literal text, safe in a paragraph, list item, cell, heading."""
    return _marked(value, _escape_md_line(_SPACES.sub(" ", str(value)).strip()))


def _escape_md_line(text: str) -> str:
    """Literal text at the start of a line: a list, quote or admonition marker is neutralised."""
    prefix = ""
    match = _ORDERED_LIST.match(text)
    if match:  # "1. foo" at the start of a line would become a list item
        prefix = match.group(1) + "\\" + match.group(2)
        text = text[match.end() :]
    elif text[:1] in _LEADING_BACKSLASH:
        prefix, text = "\\" + text[0], text[1:]
    elif text[:1] in _LEADING_ENTITY:
        prefix, text = f"&#{ord(text[0])};", text[1:]
    return prefix + _escape_md(text)


def _escape_md(text: str) -> str:
    """Literal text inside a line: every Markdown and HTML special escaped."""
    out = []
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
    return _marked(value, str(_markupsafe_escape(text)))


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
    """A link target from YAML: an allowed scheme or a relative path, else `#`; characters that
    end a link are quoted."""
    return link_target(str(value)) or "#"


# --------------------------------------------------------------------------- inline Markdown
# YAML text fields may hold a little inline Markdown: links, `code`, *emphasis* and **strong**.
# One parser reads it into tokens; `text` writes them as Markdown for the page, `text_html` as
# HTML for raw HTML blocks. Everything else in the text stays literal and escaped, and a link
# keeps its target only when its scheme is one of ALLOWED_SCHEMES (or it is a relative path).

#: The one list of link schemes allowed anywhere in a playbook (the schemas use the same list).
ALLOWED_SCHEMES = ("https", "http", "mailto", "tel")

_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\)")
_CODE = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.S)
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S)
_EM_STAR = re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*", re.S)
_EM_UNDER = re.compile(r"(?<![A-Za-z0-9_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![A-Za-z0-9_])", re.S)


@dataclass(frozen=True)
class Token:
    """A piece of inline text: `kind` is text, code, em, strong or link."""

    kind: str
    text: str = ""
    children: tuple[Token, ...] = ()
    target: str | None = None  # links: the checked target; None when the scheme is refused


def parse_inline(value: Any) -> list[Token]:
    """Tokens of one line of YAML text (whitespace collapsed)."""
    return _parse(_SPACES.sub(" ", str(value)).strip(), links=True)


def _parse(text: str, *, links: bool) -> list[Token]:
    patterns: list[tuple[str, re.Pattern[str]]] = [("code", _CODE)]
    if links:
        patterns.append(("link", _LINK))
    patterns += [("strong", _STRONG), ("em", _EM_STAR), ("em", _EM_UNDER)]
    best: tuple[int, str, re.Match[str]] | None = None
    for kind, pattern in patterns:
        found = pattern.search(text)
        if found and (best is None or found.start() < best[0]):
            best = (found.start(), kind, found)
    if best is None:
        return [Token("text", text)] if text else []
    _, kind, found = best
    before = [Token("text", text[: found.start()])] if found.start() else []
    if kind == "code":
        token = Token("code", found.group(2).strip() or found.group(2))
    elif kind == "link":
        target = link_target(found.group(2))
        token = Token("link", children=tuple(_parse(found.group(1), links=False)), target=target)
    else:
        token = Token(kind, children=tuple(_parse(found.group(1), links=links)))
    return [*before, token, *_parse(text[found.end() :], links=links)]


def link_target(value: str) -> str | None:
    """The target if it may be linked: an allowed scheme or a relative path; else None."""
    target = value.strip()
    # A browser decodes character references in an href (`javascript&#58;x`), so the scheme is
    # judged on the decoded text as well as on the written one.
    for form in (target, html_module.unescape(target)):
        if not form or form.lstrip().startswith("//") or "\\" in form:
            return None
        scheme = urlsplit(form).scheme.lower()
        if scheme and scheme not in ALLOWED_SCHEMES:
            return None
        if not scheme and re.match(r"^\s*[A-Za-z][A-Za-z0-9+.\s-]*:", form):
            return None  # "javascript:..." that urlsplit did not call a scheme
    if not urlsplit(target).scheme:  # a relative path: no character reference survives
        return quote(target, safe="/:?#[]@!$'*+,;=%~-._")
    return quote(target, safe="/:?#[]@!$&'*+,;=%~-._")


def _relative(target: str, link: Callable[[str], str] | None) -> str:
    """A relative target is a path from the site root; written from the current page."""
    if link is None or urlsplit(target).scheme or target.startswith(("#", "/")):
        return target
    path, hash_mark, fragment = target.partition("#")
    return link(path) + hash_mark + fragment if path else target


def _markdown(tokens: list[Token] | tuple[Token, ...], link: Callable[[str], str] | None) -> str:
    out = []
    for token in tokens:
        if token.kind == "text":
            out.append(_escape_md(token.text))
        elif token.kind == "code":
            out.append(f"<code>{_escape_md(token.text)}</code>")
        elif token.kind == "strong":
            out.append(f"<strong>{_markdown(token.children, link)}</strong>")
        elif token.kind == "em":
            out.append(f"<em>{_markdown(token.children, link)}</em>")
        elif token.target is None:
            out.append(_markdown(token.children, link))
        else:
            label = _markdown(token.children, link)
            out.append(f"[{label}]({_relative(token.target, link)})")
    return "".join(out)


def _html(tokens: list[Token] | tuple[Token, ...], href: Callable[[str], str] | None) -> str:
    out = []
    for token in tokens:
        if token.kind == "text":
            out.append(str(_markupsafe_escape(token.text)))
        elif token.kind in ("code", "strong", "em"):
            inner = (
                str(_markupsafe_escape(token.text))
                if token.kind == "code"
                else _html(token.children, href)
            )
            out.append(f"<{token.kind}>{inner}</{token.kind}>")
        elif token.target is None:
            out.append(_html(token.children, href))
        else:
            target = _markupsafe_escape(_relative(token.target, href))
            out.append(f'<a href="{target}">{_html(token.children, href)}</a>')
    return "".join(out)


def plain_text(value: Any) -> str:
    """The words of inline Markdown without its marks (a link's label, a code span's text),
    for places that show text only, such as the flowchart's boxes."""

    def words(tokens: list[Token] | tuple[Token, ...]) -> str:
        return "".join(t.text if t.kind in ("text", "code") else words(t.children) for t in tokens)

    return words(parse_inline(value))


@pass_context
def inline_md(context: Context, value: Any) -> str:
    """Inline Markdown from YAML for a Markdown line: escaped, with the allowed links only."""
    tokens = parse_inline(value)
    if tokens and tokens[0].kind == "text":  # a block marker at the start must stay literal
        rendered = _escape_md_line(tokens[0].text) + _markdown(tokens[1:], context.get("link"))
    else:
        rendered = _markdown(tokens, context.get("link"))
    return _marked(value, rendered)


@pass_context
def inline_html(context: Context, value: Any) -> str:
    """Inline Markdown from YAML for a raw HTML block: the same rules, written as HTML."""
    return _marked(value, _html(parse_inline(value), context.get("href")))
