"""One site per language (issue 14): the default playbook built once per engine, English at the
site's root and Japanese under `ja/`, checked without a browser.

- every page exists in both languages, at the same path (the playbook's own guides included);
- no English interface string is left on a Japanese page: every message of the catalogue is
  looked for in every Japanese page (rule: `catalogue_fragments`), and every message has its
  Japanese translation;
- the language switcher of every page links to the same page in the other language, both ways;
- `<html lang>` says the page's language, and the Japanese search index is Japanese.

The browser side (widgets, search, phones, from file://): tests/browser/test_browser_japanese.py.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from babel.messages.pofile import read_po

from generator.i18n import TEMPLATE, po_file
from generator.layout import DEFAULT_PLAYBOOK_DIR

#: The engines the site is built with (as in tests/browser/conftest.py).
ENGINES = ("mkdocs", "zensical")
#: The default playbook's languages: its source language at the site's root, Japanese in `ja/`.
ENGLISH, JAPANESE = "en", "ja"
LANGUAGES = (ENGLISH, JAPANESE)
#: Where each engine writes the search index that works from file:// (a script).
SEARCH_SCRIPTS = {"mkdocs": "search/search_index.js", "zensical": "search.js"}


@dataclass(frozen=True)
class BuiltSite:
    """A built site with a folder per language; page paths are relative to a language's root."""

    root: Path
    engine: str

    def base(self, lang: str) -> Path:
        return self.root if lang == ENGLISH else self.root / lang

    def prefix(self, lang: str) -> str:
        """Where `lang`'s pages are, relative to the site's root ('' or 'ja/')."""
        return "" if lang == ENGLISH else f"{lang}/"

    def pages(self, lang: str) -> list[str]:
        """Every HTML page of `lang`: not 404.html (only a server serves it), not the engine's
        assets, not the pages of another language's folder."""
        base = self.base(lang)
        others = {other for other in LANGUAGES if other != ENGLISH}
        found = []
        for path in base.rglob("*.html"):
            relative = path.relative_to(base).as_posix()
            top = relative.split("/", 1)[0]
            if relative == "404.html" or top == "assets" or (lang == ENGLISH and top in others):
                continue
            found.append(relative)
        return sorted(found)

    def html(self, lang: str, page: str) -> str:
        return (self.base(lang) / page).read_text(encoding="utf-8")


@pytest.fixture(scope="module", params=ENGINES)
def built(request: pytest.FixtureRequest, built_default_site: Callable[[str], Path]) -> BuiltSite:
    """The default playbook's site, built once per engine for the session (tests/conftest.py)."""
    return BuiltSite(built_default_site(request.param), request.param)


def japanese_pages(built: BuiltSite) -> list[str]:
    """The Japanese site's pages; a test about them fails while there are none."""
    pages = built.pages(JAPANESE)
    assert pages, f"the build has no Japanese site: no page in {built.base(JAPANESE)}"
    return pages


# --------------------------------------------------------------------------- every page twice


def test_every_page_exists_in_both_languages_at_the_same_path(built: BuiltSite) -> None:
    english, japanese = built.pages(ENGLISH), built.pages(JAPANESE)
    assert len(english) > 20, english
    missing = sorted(set(english) - set(japanese))
    extra = sorted(set(japanese) - set(english))
    assert not missing and not extra, f"only in English: {missing}; only in Japanese: {extra}"
    guides = {p.stem for p in (DEFAULT_PLAYBOOK_DIR / "pages").glob("*.md")}
    assert guides, "the default playbook has guides (playbook/pages/*.md)"
    for lang in LANGUAGES:
        found = {Path(p).stem for p in built.pages(lang) if p.startswith("guides/")}
        assert found == guides, (lang, found)


# --------------------------------------------------------------------------- the catalogue

#: A placeholder of a message: %(name)s, %(num)d, %s, %% (Python), {name} (JavaScript).
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdif%]|\{\w+\}")
#: What a page does not show as it is written in a message: placeholders, Markdown (`code`,
#: **strong**, [link](target), {: attributes}) and HTML tags.
MARKUP = re.compile(PLACEHOLDER.pattern + r"|`[^`]*`|<[^>]*>|\*\*|\]\([^)]*\)|[\[\]]|\{[^}]*\}")
#: A fragment is looked for only with at least this many letters (see `catalogue_fragments`).
MIN_LETTERS = 4


def _messages(path: Path) -> list:  # type: ignore[type-arg]
    with path.open("rb") as handle:
        return [
            m for m in read_po(handle, locale=JAPANESE if path.suffix == ".po" else None) if m.id
        ]


def _forms(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def japanese_catalogue() -> dict[tuple[str | None, str], tuple[tuple[str, ...], tuple[str, ...]]]:
    """Every message of messages.pot -> (its English forms, its Japanese forms or ())."""
    japanese = {(m.context, _forms(m.id)[0]): m for m in _messages(po_file(JAPANESE))}
    found = {}
    for message in _messages(TEMPLATE):
        key = (message.context, _forms(message.id)[0])
        translated = japanese.get(key)
        strings = () if translated is None or translated.fuzzy else _forms(translated.string)
        found[key] = (_forms(message.id), strings if all(strings) else ())
    return found


def _words_of(translation: str) -> str:
    """The text of a translation without its placeholders, `code` spans and HTML tags."""
    return re.sub(r"`[^`]*`|<[^>]*>", " ", PLACEHOLDER.sub(" ", translation))


def catalogue_fragments() -> dict[str, str]:
    """What an untranslated catalogue message would leave on a Japanese page: English fragment
    -> the message id it comes from.

    The rule: every message whose Japanese differs from its English (or that has none: its
    English is what a page would show) contributes the literal text of each English form
    (singular and plural) between its placeholders (%(num)d, %(name)s, %s, {name}) and markup
    (`code`, **, [link](target), tags: MARKUP), trimmed of spaces and punctuation at both ends.
    A fragment counts when
    - it has at least MIN_LETTERS (4) letters: shorter ones (", ", " or ", "No", "and", "the")
      turn up in names that Japanese text keeps as they are ("Support and Communications") and
      say nothing;
    - no Japanese translation of the catalogue uses it as a word of its text (placeholders,
      `code` and HTML tags aside): English the Japanese interface keeps ("JSON Schema",
      "Markdown", "PIN") proves nothing.
    Examples: "%(interval)s while the status is %(stage)s" is looked for as "while the status
    is"; "Copy a template from the [status templates](%(templates)s) page" as "Copy a template
    from the", "status templates" and "page".
    How a fragment is found in a page's text: `fragment_pattern`."""
    catalogue = japanese_catalogue().values()
    kept = " ".join(_words_of(" ".join(japanese)) for _, japanese in catalogue).casefold()
    fragments: dict[str, str] = {}
    for english, japanese in catalogue:
        if japanese and set(english) <= set(japanese):
            continue
        for form in english:
            for piece in MARKUP.split(form):
                fragment = re.sub(r"^[\W_]+|[\W_]+$", "", " ".join(piece.split()))
                if sum(c.isalpha() for c in fragment) < MIN_LETTERS:
                    continue
                if re.search(rf"(?<![a-z]){re.escape(fragment.casefold())}(?![a-z])", kept):
                    continue
                fragments.setdefault(fragment, english[0])
    return fragments


#: What may not touch a fragment found in a page: a letter or digit (it would be part of a
#: longer word), nor the characters of identifiers, paths and addresses ({severity},
#: playbook.json, schema/, legal@example.com, follow_ups, inc-{date}): those are names, not
#: interface text.
NOT_BEFORE = r"(?<![A-Za-z0-9{./@_-])"
NOT_AFTER = r"(?![A-Za-z0-9}/@_-])(?!\.[A-Za-z0-9])"


def fragment_pattern(fragments: dict[str, str]) -> re.Pattern[str]:
    """One regular expression that finds any of the fragments as whole words: the first letter
    in either case (a template may start a sentence with it), any whitespace between words,
    nothing of NOT_BEFORE / NOT_AFTER touching it (Japanese letters may: Japanese puts no
    spaces around a word)."""
    alternatives = []
    for fragment in sorted(fragments, key=len, reverse=True):
        first, *rest = fragment.split(" ")
        head = first[0]
        head = f"[{head.lower()}{head.upper()}]" if head.isalpha() else re.escape(head)
        words = [head + re.escape(first[1:]), *(re.escape(word) for word in rest)]
        alternatives.append(r"\s+".join(words))
    return re.compile(NOT_BEFORE + "(?:" + "|".join(alternatives) + ")" + NOT_AFTER)


def english_left(text: str, fragments: dict[str, str], pattern: re.Pattern[str]) -> list[str]:
    """The catalogue messages whose English fragments occur in `text`: 'fragment' (from 'id')."""
    found = {}
    for match in pattern.finditer(text):
        said = " ".join(match.group(0).split())
        key = next(f for f in fragments if f.casefold() == said.casefold())
        found[key] = f"{said!r} (from {fragments[key]!r})"
    return sorted(found.values())


@functools.cache
def _catalogue_search() -> tuple[dict[str, str], re.Pattern[str]]:
    fragments = catalogue_fragments()
    return fragments, fragment_pattern(fragments)


def english_interface_text(text: str) -> list[str]:
    """The catalogue's English left in `text` (the rule of catalogue_fragments), for any test
    that reads a Japanese page's text (tests/browser/test_browser_japanese.py reads it after
    the widgets have written theirs)."""
    fragments, pattern = _catalogue_search()
    return english_left(text, fragments, pattern)


def test_every_message_has_a_japanese_translation_with_the_same_placeholders() -> None:
    catalogue = japanese_catalogue()
    assert len(catalogue) > 50
    untranslated = sorted(key[1] for key, (_, japanese) in catalogue.items() if not japanese)
    assert untranslated == [], f"{len(untranslated)} messages without Japanese: {untranslated}"
    copied = sorted(
        key[1]
        for key, (english, japanese) in catalogue.items()
        if set(english) <= set(japanese) and re.search(rf"[A-Za-z]{{{MIN_LETTERS}}}", english[0])
    )
    assert copied == [], f"messages whose Japanese is their English: {copied}"
    changed = []
    for (_, message_id), (english, japanese) in catalogue.items():
        wanted = set(PLACEHOLDER.findall(english[-1]))
        for form in japanese:
            if set(PLACEHOLDER.findall(form)) - {"%%"} != wanted - {"%%"}:
                changed.append((message_id, form))
    assert changed == [], f"Japanese with other placeholders than the English: {changed}"


#: Elements whose text is not interface text: code, scripts, styles, pictures.
NOT_TEXT = frozenset({"script", "style", "svg", "template", "code", "pre", "kbd", "samp"})
#: Elements without an end tag.
VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)
#: The class of the theme's table of contents: it repeats the page's headings without their
#: markup (a heading `<code>principles[]</code>` is plain text there); the headings are read
#: where they stand.
TABLE_OF_CONTENTS = "md-nav--secondary"
#: Attributes a reader sees or hears as text.
TEXT_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")


class VisibleText(HTMLParser):
    """The text of a page a reader sees or hears (text, aria-label, title, placeholder, alt),
    leaving out, with all they hold: code and scripts, every element marked as English
    (`lang="en"`: a fallback of untranslated content, which says what it is) or as not to be
    translated (`translate="no"`: names and identifiers), and the table of contents."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []  # (tag, left out)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        lang = (attributes.get("lang") or "").lower()
        left_out = (
            (self.open[-1][1] if self.open else False)
            or tag in NOT_TEXT
            or lang == ENGLISH
            or lang.startswith(ENGLISH + "-")
            or attributes.get("translate") == "no"
            or (tag == "nav" and TABLE_OF_CONTENTS in (attributes.get("class") or "").split())
        )
        if not left_out:
            self.parts.extend(
                attributes[name] or "" for name in TEXT_ATTRIBUTES if name in attributes
            )
        if tag not in VOID:
            self.open.append((tag, left_out))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return

    def handle_data(self, data: str) -> None:
        if not (self.open and self.open[-1][1]):
            self.parts.append(data)


def visible_text(markup: str) -> str:
    reader = VisibleText()
    reader.feed(markup)
    reader.close()
    return " ".join(" ".join(reader.parts).split())


def test_no_english_interface_string_on_a_japanese_page(built: BuiltSite) -> None:
    assert len(catalogue_fragments()) > 30
    left = {}
    for page in japanese_pages(built):
        found = english_interface_text(visible_text(built.html(JAPANESE, page)))
        if found:
            left[page] = found
    report = "\n".join(f"  ja/{page}: {'; '.join(found)}" for page, found in left.items())
    assert left == {}, f"English interface text on {len(left)} Japanese pages:\n{report}"


def test_the_fragment_rule_finds_what_it_should_and_only_that() -> None:
    """The check above can fail: an English message id on a page is found, Japanese is not."""
    fragments = catalogue_fragments()
    pattern = fragment_pattern(fragments)
    assert english_left("Updates every hour, then", fragments, pattern) != []
    assert english_left("<p>Every  hour</p>", fragments, pattern) != []
    assert english_left("1時間ごと", fragments, pattern) == []
    assert english_left("everyhourly", fragments, pattern) == []
    assert english_left("#inc-{every hour} schema/every.hour.json", fragments, pattern) == []
    hidden = '<p>重大度 <span lang="en" class="pb-fallback">every hour</span></p><code>page</code>'
    assert visible_text(hidden) == "重大度"
    assert visible_text('<button aria-label="every hour">x</button>') == "every hour x"


# --------------------------------------------------------------------------- the switcher


@dataclass
class Switcher:
    """One `<nav class="pb-languages">`: its label, its links and the element marked current."""

    label: str
    links: list[dict[str, str]]
    current: list[dict[str, str]]


class SwitcherReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Switcher] = []
        self.depth = 0  # open elements inside the switcher being read (0: outside)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if self.depth:
            if tag not in VOID:
                self.depth += 1
            if tag == "a":
                self.found[-1].links.append(a)
            if a.get("aria-current") == "true":
                self.found[-1].current.append({"tag": tag, **a})
        elif tag == "nav" and "pb-languages" in a.get("class", "").split():
            self.found.append(Switcher(a.get("aria-label", ""), [], []))
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in VOID:
            self.depth -= 1


def switchers(markup: str) -> list[Switcher]:
    reader = SwitcherReader()
    reader.feed(markup)
    return reader.found


def _resolve(page: str, href: str) -> str | None:
    """The site path a relative link of `page` (a site path) leads to; None if not relative."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or parts.path.startswith("/") or not parts.path:
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    return f"{target}/index.html" if href.split("#")[0].endswith("/") else target


def test_the_switcher_of_every_page_leads_to_the_same_page_in_the_other_language(
    built: BuiltSite,
) -> None:
    wrong = []
    pages = {ENGLISH: built.pages(ENGLISH), JAPANESE: japanese_pages(built)}
    for lang in LANGUAGES:
        (other,) = (o for o in LANGUAGES if o != lang)
        for page in pages[lang]:
            here = built.prefix(lang) + page
            navs = switchers(built.html(lang, page))
            if not navs:
                wrong.append(f"{here}: no nav.pb-languages")
            for nav in navs:
                wrong.extend(
                    f"{here}: {problem}"
                    for problem in _switcher_problems(built, nav, lang, other, page)
                )
    assert wrong == [], "\n".join(wrong[:40])


def _switcher_problems(
    built: BuiltSite, nav: Switcher, lang: str, other: str, page: str
) -> Iterator[str]:
    here = built.prefix(lang) + page
    if not nav.label.strip():
        yield "the switcher has no aria-label"
    links = [a for a in nav.links if a.get("hreflang") == other]
    if len(links) != 1:
        yield f"{len(links)} links with hreflang={other!r}: {nav.links}"
        return
    link = links[0]
    target = _resolve(here, link.get("href", ""))
    if target is None:
        yield f"the link to {other} is not relative: {link.get('href')!r}"
    elif target != built.prefix(other) + page:
        yield f"the link to {other} leads to {target}, not {built.prefix(other) + page}"
    elif not (built.root / target).is_file():
        yield f"the link to {other} leads to {target}, which does not exist"
    if link.get("lang") != other:
        yield f"the link to {other} has lang={link.get('lang')!r}"
    marked = [c for c in nav.current if lang in (c.get("lang"), c.get("hreflang"))]
    if len(marked) != 1 or len(nav.current) != 1:
        yield f"aria-current=true is on {nav.current}, not on the one entry for {lang}"
    elif marked[0].get("href") is not None and _resolve(here, marked[0]["href"]) != here:
        yield f"the current language's entry leads elsewhere: {marked[0]['href']!r}"


# --------------------------------------------------------------------------- lang and search

HTML_LANG = re.compile(r"<html\b[^>]*?\blang=\"([^\"]*)\"", re.I)


def test_every_page_says_its_language_on_html(built: BuiltSite) -> None:
    wrong = []
    pages = {ENGLISH: built.pages(ENGLISH), JAPANESE: japanese_pages(built)}
    for lang in LANGUAGES:
        for page in pages[lang]:
            found = HTML_LANG.search(built.html(lang, page))
            said = found.group(1) if found else None
            if said != lang:
                wrong.append(f"{built.prefix(lang)}{page}: <html lang={said!r}>")
    assert wrong == [], "\n".join(wrong[:40])


def search_index(built: BuiltSite, lang: str) -> dict:  # type: ignore[type-arg]
    """The search index of `lang`'s site as its file:// script holds it (`var __index = {...}`)."""
    script = (built.base(lang) / SEARCH_SCRIPTS[built.engine]).read_text(encoding="utf-8")
    return json.loads(script[script.index("{") : script.rindex("}") + 1])


def japanese_severity_names() -> dict[str, str]:
    """Level id -> its Japanese name, as the default playbook's translation gives it
    (playbook/translations/ja/severities.yaml)."""
    path = DEFAULT_PLAYBOOK_DIR / "translations" / JAPANESE / "severities.yaml"
    levels = yaml.safe_load(path.read_text(encoding="utf-8"))["severities"]
    return {level: fields["name"]["text"] for level, fields in levels.items()}


#: Hiragana, katakana and the CJK ideographs: text that is Japanese.
JAPANESE_LETTERS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def test_the_japanese_search_index_is_japanese(built: BuiltSite) -> None:
    names = list(japanese_severity_names().values())
    assert names and all(JAPANESE_LETTERS.search(n) for n in names), names
    japanese, english = search_index(built, JAPANESE), search_index(built, ENGLISH)
    assert JAPANESE in japanese["config"]["lang"], japanese["config"]
    assert ENGLISH in english["config"]["lang"], english["config"]
    text = json.dumps(japanese, ensure_ascii=False)
    assert [n for n in names if n not in text] == []
    assert [n for n in names if n in json.dumps(english, ensure_ascii=False)] == []
    entries = japanese.get("docs") or japanese.get("items") or []
    pages = set(built.pages(JAPANESE))
    located = {entry["location"].split("#")[0] or "index.html" for entry in entries}
    assert located and {p if p.endswith(".html") else f"{p}index.html" for p in located} <= pages
