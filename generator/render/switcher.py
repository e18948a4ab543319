"""The language switcher every page carries when a site has more than one language, and the
mark on an organisation's page shown untranslated.

The default language is at the site root and every other under `<lang>/`, and every language has
the same pages, so the same page in another language is the same path under another prefix. The
switcher is raw HTML: its links lead out of the build, into another language's, so no engine may
check them as Markdown links (`addresses.outside_url` writes them). It goes right under the
page's title, so the engines still take the title from the first heading, and it is kept out of
the search index (`data-search-exclude`, read by both engines).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from generator.render.addresses import outside_url

#: A first-level heading written `# Title` (or `# Title { #id }`).
_ATX_TITLE = re.compile(r"^#[ \t]+\S")
#: The underline of a first-level heading written as `Title` over `=====`.
_SETEXT_RULE = re.compile(r"^=+[ \t]*$")


def language_prefix(lang: str, languages: Sequence[str]) -> str:
    """Where `lang`'s pages are, relative to the site root: "" for the first (default)."""
    return "" if lang == languages[0] else f"{lang}/"


def switcher_html(page: str, lang: str, languages: Sequence[str], *, style: str) -> str:
    """`<nav class="pb-languages">` linking page `page` (a site path of `lang`'s docs tree) to
    the same page in each language, the current one `aria-current="true"`; names in their own
    language. `style` is the link style of `generator.render.addresses`."""
    from generator.i18n import gettext as _
    from generator.translations.languages import language_name

    here = language_prefix(lang, languages) + page
    items = []
    for other in languages:
        there = language_prefix(other, languages) + page
        href = html.escape(outside_url(here, there, style=style), quote=True)
        code = html.escape(other, quote=True)
        current = ' aria-current="true"' if other == lang else ""
        name = html.escape(language_name(other))
        items.append(
            f'<li><a href="{href}" hreflang="{code}" lang="{code}"{current}>{name}</a></li>'
        )
    label = html.escape(_("Language"), quote=True)
    return (
        f'<nav class="pb-languages" aria-label="{label}" data-search-exclude>'
        f"<ul>{''.join(items)}</ul></nav>"
    )


def fallback_notice(source: str) -> str:
    """The note above an organisation's page shown in the source language `source`."""
    from generator.i18n import current_language
    from generator.i18n import gettext as _
    from generator.translations.languages import language_name

    text = _("This page is not translated yet; it is shown in %(language)s.") % {
        "language": language_name(source, current_language())
    }
    return f'<p class="pb-fallback-note">{html.escape(text)}</p>'


def with_block(markdown: str, block: str) -> str:
    """`markdown` with the raw HTML `block` under its title (after any front matter and a
    first-level heading that opens the page), or at its top when it opens otherwise."""
    head, body = _split_title(markdown)
    return f"{head}{_spaced(block)}{body.lstrip(chr(10))}"


def marked_untranslated(markdown: str, source: str, block: str) -> str:
    """An organisation's page shown untranslated: `block` (the switcher, may be empty) and a note
    under its title, the rest wrapped in `<div lang="<source>" class="pb-fallback-page">` so
    readers and screen readers know the text is in the source language."""
    head, body = _split_title(markdown)
    code = html.escape(source, quote=True)
    wrapped = (
        f'<div class="pb-fallback-page" lang="{code}" markdown="1">\n\n'
        f"{body.strip(chr(10))}\n\n</div>\n"
    )
    return f"{head}{_spaced(block + fallback_notice(source))}{wrapped}"


def _spaced(block: str) -> str:
    return f"\n{block}\n\n" if block else ""


def _split_title(markdown: str) -> tuple[str, str]:
    """(front matter and opening title, the rest): where a block goes under the title."""
    lines = markdown.splitlines(keepends=True)
    start = 0
    if lines and lines[0].rstrip() == "---":
        for index in range(1, len(lines)):
            if lines[index].rstrip() in ("---", "..."):
                start = index + 1
                break
    first = start
    while first < len(lines) and not lines[first].strip():
        first += 1
    if first < len(lines) and _ATX_TITLE.match(lines[first]):
        end = first + 1
    elif first + 1 < len(lines) and lines[first].strip() and _SETEXT_RULE.match(lines[first + 1]):
        end = first + 2
    else:
        end = start
    head = "".join(lines[:end])
    if head and not head.endswith("\n"):
        head += "\n"
    return head, "".join(lines[end:])
