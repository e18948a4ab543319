"""The one-document export as one self-contained HTML file: for audits and the printed binder.

No script, no font, no image, no stylesheet from elsewhere: the CSS is inline, so the file opens
from disk with no request at all. Print styles start each main section on a new sheet and keep
the table of contents; Chromium's PDF carries the headings as bookmarks too. Every string from the
YAML is HTML-escaped; its inline Markdown becomes `code`, `em`, `strong` and links with an
allowed scheme only.
"""

from __future__ import annotations

from markupsafe import escape

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

STYLE = """
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --tint: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  max-width: 56rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 2rem; margin: 0 0 .25rem; }
h2 { font-size: 1.5rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem;
  margin-top: 2.5rem; }
h3 { font-size: 1.2rem; margin-top: 1.75rem; }
h4, h5, h6 { font-size: 1rem; margin-top: 1.25rem; }
.subtitle { color: var(--muted); margin: 0 0 1.5rem; }
nav.toc { background: var(--tint); border: 1px solid var(--line); border-radius: 6px;
  padding: .75rem 1.25rem; }
nav.toc h2 { border: 0; margin: 0 0 .5rem; font-size: 1.2rem; }
nav.toc ol { margin: 0; padding-left: 1.25rem; }
nav.toc ol ol { font-size: .95em; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem;
  margin: .75rem 0; }
dl.fields dt { font-weight: 600; }
dl.fields dd { margin: 0; }
p.list-title { font-weight: 600; margin: 1rem 0 .25rem; }
ul.checklist { list-style: none; padding-left: 1.5rem; }
ul.checklist > li::before { content: ""; display: inline-block; width: .8em; height: .8em;
  border: 1.5px solid var(--ink); border-radius: 2px; margin: 0 .5em 0 -1.4em;
  vertical-align: -.05em; }
li .detail { color: var(--muted); list-style: none; padding-left: 0; margin: .1rem 0 .4rem; }
table { border-collapse: collapse; width: 100%; margin: .75rem 0; font-size: .95em; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
th { background: var(--tint); }
pre { background: var(--tint); border: 1px solid var(--line); border-radius: 6px;
  padding: .6rem .8rem; white-space: pre-wrap; overflow-wrap: anywhere; }
code { background: var(--tint); padding: 0 .2em; border-radius: 3px; }
a { color: #0a58ca; }
@page { size: A4; margin: 16mm 14mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; color: #57606a; } }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav.toc { background: none; break-after: page; font-size: 9.5pt; line-height: 1.35; }
  section.part { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  tr, li, dl.fields, pre { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def text(value: str) -> str:
    """Inline Markdown from YAML as HTML: escaped, with allowed links only."""
    return _tokens(inline_tokens(value))


def _tokens(tokens: list[Token] | tuple[Token, ...]) -> str:
    out = []
    for token in tokens:
        if token.kind == "text":
            out.append(str(escape(token.text)))
        elif token.kind == "code":
            out.append(f"<code>{escape(token.text)}</code>")
        elif token.kind in ("em", "strong"):
            out.append(f"<{token.kind}>{_tokens(token.children)}</{token.kind}>")
        elif token.target is None:
            out.append(_tokens(token.children))
        else:
            out.append(f'<a href="{escape(token.target)}">{_tokens(token.children)}</a>')
    return "".join(out)


def render_html(document: Document, *, language: str = "en") -> str:
    walked = document.walk()
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Nothing may be fetched: no script, and images, fonts and frames only from the file.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{escape(document.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{text(document.title)}</h1>",
        f'<p class="subtitle">{text(document.subtitle)}</p>',
        *_contents(walked),
    ]
    for top in document.sections:
        parts.append(f'<section class="part" id="{escape(top.anchor)}">')
        for depth, section in top.walk():
            level = min(depth + 1, 6)
            anchor = "" if section is top else f' id="{escape(section.anchor)}"'
            parts.append(f"<h{level}{anchor}>{text(section.title)}</h{level}>")
            parts += [_block(block) for block in section.blocks]
        parts.append("</section>")
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _contents(walked: list) -> list[str]:  # type: ignore[type-arg]
    """The table of contents: main sections and their parts, as nested ordered lists."""
    out = [
        '<nav class="toc" aria-labelledby="contents">',
        '<h2 id="contents">Contents</h2>',
        "<ol>",
    ]
    open_sub = False
    for depth, section in walked:
        link = f'<a href="#{escape(section.anchor)}">{text(section.title)}</a>'
        if depth == 1:
            if open_sub:
                out.append("</ol></li>")
                open_sub = False
            elif len(out) > 3:
                out.append("</li>")
            out.append(f"<li>{link}")
        elif depth == 2:
            if not open_sub:
                out.append("<ol>")
                open_sub = True
            out.append(f"<li>{link}</li>")
    out.append("</ol></li>" if open_sub else "</li>")
    out += ["</ol>", "</nav>"]
    return out


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{text(block.text)}</p>"
    if isinstance(block, Fields):
        rows = "".join(f"<dt>{text(k)}</dt><dd>{text(v)}</dd>" for k, v in block.rows)
        return f'<dl class="fields">{rows}</dl>'
    if isinstance(block, ItemList):
        title = f'<p class="list-title">{text(block.title)}</p>' if block.title else ""
        tag = "ol" if block.ordered else "ul"
        css = ' class="checklist"' if block.checkboxes else ""
        entries = []
        for item in block.items:
            detail = "".join(f"<li>{text(line)}</li>" for line in item.detail)
            under = f'<ul class="detail">{detail}</ul>' if detail else ""
            entries.append(f"<li>{text(item.text)}{under}</li>")
        return f"{title}<{tag}{css}>{''.join(entries)}</{tag}>"
    if isinstance(block, Table):
        head = "".join(f"<th>{text(cell)}</th>" for cell in block.head)
        rows = "".join(
            "<tr>" + "".join(f"<td>{text(cell)}</td>" for cell in row) + "</tr>"
            for row in block.rows
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    if isinstance(block, Literal):
        title = f'<p class="list-title">{text(block.title)}</p>' if block.title else ""
        return f"{title}<pre>{escape(block.text)}</pre>"
    raise TypeError(f"unknown block {block!r}")
