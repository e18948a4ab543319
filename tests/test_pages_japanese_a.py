# ruff: noqa: RUF001 (Japanese text has full-width punctuation on purpose)
"""The responder pages in Japanese (issue 14 B, part "templates-a"): home, decide the severity,
status update, pocket card, the level, type, role and phase pages, their titles and navigation
(`generator.render.site`) and the flowchart, rendered from the default playbook's Japanese
translation without an engine.

- what a reader sees is Japanese: headings, table headers, buttons, navigation labels;
- no English text of these templates is left on those pages (the fragments between the
  placeholders of every message they use are looked for in the visible text);
- every message of these templates has a Japanese translation with the same placeholders;
- Japanese flowchart boxes wrap to the box's width, not the width of 30 Latin letters;
- a Japanese render leaves English renders English.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po

from generator import i18n
from generator.layout import DEFAULT_PLAYBOOK_DIR, PAGES_DIR, PROJECT_ROOT, TEMPLATES_DIR
from generator.pipeline import validate_playbook
from generator.render.flowchart import CHARS, _width, _wrap
from generator.render.site import page_specs, render_site, site_nav
from generator.translations.model import FallbackText
from tests.projects import rendered_pages, translated_default

#: The templates and modules whose interface text this file holds to Japanese.
TEMPLATES = (
    "_macros.md.j2",
    "home.md.j2",
    "decide-severity.md.j2",
    "status-update.md.j2",
    "pocket-card.md.j2",
    "severities.md.j2",
    "severity.md.j2",
    "incident-type.md.j2",
    "roles.md.j2",
    "role.md.j2",
    "phases.md.j2",
    "phase.md.j2",
)
MODULES = ("generator/render/site.py", "generator/render/flowchart.py")
#: A placeholder of a message: %(name)s, %(num)d, %s, %%.
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdif%]")
#: Fragments with fewer letters (", ", "PIN") say nothing inside mixed Japanese text.
MIN_LETTERS = 3

Message = tuple[str | None, tuple[str, ...]]  # (context, English forms)


def _extract(path: Path, method: str) -> list[Message]:
    options = {"extensions": "jinja2.ext.i18n", "silent": "false"} if method != "python" else {}
    found = []
    for _line, message, _comments, context in extract_from_file(
        method, str(path), keywords=DEFAULT_KEYWORDS, options=options
    ):
        forms = (message,) if isinstance(message, str) else tuple(m for m in message if m)
        found.append((context, forms))
    return found


def our_messages() -> list[Message]:
    """Every message of TEMPLATES and MODULES, as `pybabel extract` (babel.cfg) finds them."""
    found: list[Message] = []
    for name in TEMPLATES:
        found += _extract(TEMPLATES_DIR / name, "jinja2.ext:babel_extract")
    for module in MODULES:
        found += _extract(PROJECT_ROOT / module, "python")
    return sorted(set(found), key=lambda m: (m[0] or "", m[1]))


def japanese_of(message: Message) -> tuple[str, ...]:
    context, forms = message
    catalogue = i18n.catalogue("ja")
    if len(forms) == 2:
        if context:
            return (catalogue.npgettext(context, forms[0], forms[1], 1),)
        return (catalogue.ngettext(forms[0], forms[1], 1),)
    return (catalogue.pgettext(context, forms[0]) if context else catalogue.gettext(forms[0]),)


# --------------------------------------------------------------------------- the render


@pytest.fixture(scope="module")
def japanese() -> dict[str, Any]:
    """The default playbook in Japanese: its pages (Markdown by site path) and navigation."""
    model, document, _fallbacks = translated_default("ja")
    pages = rendered_pages(model, document, "ja", date(2026, 11, 30))
    with i18n.speaking("ja"):
        nav = site_nav(model, DEFAULT_PLAYBOOK_DIR / PAGES_DIR)
        ours = [s.path for s in page_specs(model) if s.template in TEMPLATES]
    return {"pages": pages, "nav": nav, "ours": ours}


def visible(page: str) -> str:
    """The text a reader sees or hears on a page: scripts, tags, link targets and text marked
    as untranslated content (`pb-fallback`, not ours) left out; titles and labels kept."""
    text = re.sub(r"<script\b.*?</script>", " ", page, flags=re.S)
    text = re.sub(r'<span lang="[^"]*" class="pb-fallback">.*?</span>', " ", text, flags=re.S)
    said = re.findall(r'(?:title|aria-label|alt)="([^"]*)"', text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\]\([^)]*\)", "] ", text)  # link targets
    text = re.sub(r"\{[^}]*\.pb-[^}]*\}", " ", text)  # attribute lists
    text = re.sub(r"^---\n.*?\n---\n", " ", text, flags=re.S)  # front matter
    return " ".join([text, *said])


def test_headings_tables_buttons_and_navigation_are_japanese(japanese: dict[str, Any]) -> None:
    pages = japanese["pages"]
    home = pages["index.md"]
    assert home.startswith("# Northwind Cloud インシデント対応プレイブック\n"), home[:80]
    assert "## 指揮する人と呼び出す相手\n" in home
    assert "[重大度を判定](respond/decide-severity.md)" in home
    assert "## このプレイブックについて\n" in home
    assert "| フェーズ | 目標 | チェックリスト |\n" in pages["phases/index.md"]
    assert "| 役割 | [SEV-1 緊急](../severities/sev1.md) |" in pages["roles/index.md"]
    card = pages["respond/pocket-card.md"]
    button = '<button type="button" class="pb-copy" data-copy="+15550188" title="番号をコピー">'
    assert button + "コピー</button>" in card
    assert (
        "**指揮：** [インシデントコマンダー](../roles/incident-commander.md)（指名：10分以内）"
        in card
    )
    assert "## 次回の更新期限\n" in pages["respond/status-update.md"]
    decide = pages["respond/decide-severity.md"]
    assert '<title id="pb-fc-title">判定ツリーのフローチャート</title>' in decide
    assert '!!! tip "迷ったとき"' in decide
    level = pages["severities/sev1.md"]
    assert "## 定義\n" in level and "### 呼び出す相手\n" in level
    sections = [next(iter(section)) for section in japanese["nav"]]
    assert sections[:5] == ["今すぐ対応", "重大度レベル", "インシデントの種類", "役割", "フェーズ"]
    assert not any(re.search(r"[A-Za-z]", title) for title in sections), sections
    respond = [next(iter(item)) for item in japanese["nav"][0]["今すぐ対応"]]
    assert respond == ["はじめに", "重大度を判定", "ステータス更新を書く", "ポケットカード"]


def test_every_message_of_these_templates_has_japanese_with_its_placeholders() -> None:
    messages = our_messages()
    assert len(messages) > 100, len(messages)
    with po_path().open("rb") as handle:
        catalogue = {
            (m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in read_po(handle)
        }
    untranslated, changed = [], []
    for context, forms in messages:
        entry = catalogue.get((context, forms[0]))
        strings = (
            ()
            if entry is None
            else (entry.string,)
            if isinstance(entry.string, str)
            else entry.string
        )
        if entry is None or entry.fuzzy or not all(strings):
            untranslated.append(forms[0])
            continue
        wanted = set(PLACEHOLDER.findall(forms[-1]))
        if any(set(PLACEHOLDER.findall(s)) != wanted for s in strings):
            changed.append((forms[0], strings))
    assert untranslated == [], f"without Japanese: {untranslated}"
    assert changed == [], f"other placeholders than the English: {changed}"


def po_path() -> Path:
    return i18n.po_file("ja")


def english_fragments() -> dict[str, str]:
    """English text an untranslated message of ours would leave on a page -> its message id:
    the literal text between the placeholders of each English form, trimmed of spaces and
    punctuation, with at least MIN_LETTERS letters, unless the Japanese keeps it (a name)."""
    fragments: dict[str, str] = {}
    for message in our_messages():
        kept = " ".join(japanese_of(message)).casefold()
        for form in message[1]:
            for piece in PLACEHOLDER.split(form):
                fragment = re.sub(r"^[\W_]+|[\W_]+$", "", " ".join(piece.split()))
                letters = sum(c.isalpha() for c in fragment)
                if letters >= MIN_LETTERS and fragment.casefold() not in kept:
                    fragments.setdefault(fragment, message[1][0])
    return fragments


def english_left(text: str, pattern: re.Pattern[str]) -> set[str]:
    return {" ".join(match.group(0).split()) for match in pattern.finditer(visible(text))}


def test_no_english_text_of_these_templates_is_left_on_their_japanese_pages(
    japanese: dict[str, Any],
) -> None:
    fragments = english_fragments()
    assert "Who leads and who is paged" in fragments and "Copy the number" in fragments
    words = (r"\s+".join(map(re.escape, f.split(" "))) for f in sorted(fragments, key=len)[::-1])
    pattern = re.compile(r"(?<![A-Za-z])(?:" + "|".join(words) + r")(?![A-Za-z])", re.I)
    # The rule finds what it should: a heading, a label, a tooltip, words between placeholders.
    probe = '## Definition\n- **Leads:** x <button title="Copy the number">コピー</button> x leads.'
    assert english_left(probe, pattern) == {"Definition", "Leads", "Copy the number", "leads"}
    assert english_left("## 定義\n[SEV-1 緊急](x.md){ .pb-action }", pattern) == set()
    assert len(japanese["ours"]) > 15, japanese["ours"]
    left = {}
    for path in japanese["ours"]:
        found = english_left(japanese["pages"][path], pattern)
        if found:
            left[path] = sorted(found)
    assert left == {}, f"English of these templates on Japanese pages: {left}"


def test_japanese_flowchart_boxes_wrap_to_their_width(japanese: dict[str, Any]) -> None:
    decide = japanese["pages"]["respond/decide-severity.md"]
    lines = re.findall(
        r'<text x="[^"]*" y="[^"]*" text-anchor="middle"[^>]*>([^<]*)</text>', decide
    )
    assert len(lines) > 8, lines
    assert all(_width(line) <= CHARS for line in lines), [(line, _width(line)) for line in lines]
    assert not [line for line in lines if line[:1] in "、。）」？"], lines
    assert _wrap("顧客は増えていますか？") == ["顧客は増えていますか？"]  # 22 columns
    assert _wrap("影響を受けている顧客は増えていますか？") == [
        "影響を受けている顧客は増えてい",
        "ますか？",
    ]
    assert _wrap("あ" * 20) == ["あ" * 15, "あ" * 5]
    assert _wrap("SEV-1 緊急、セキュリティインシデント")[0].startswith("SEV-1 ")


def test_a_japanese_render_leaves_english_english(japanese: dict[str, Any]) -> None:
    result = validate_playbook(DEFAULT_PLAYBOOK_DIR)
    assert result.model is not None
    titles = {s.path: s.nav for s in page_specs(result.model)}
    assert titles["index.md"] == "Start here"
    assert titles["respond/pocket-card.md"] == "Pocket card"
    assert next(iter(site_nav(result.model)[0])) == "Respond now"


def test_a_level_name_without_japanese_is_marked_in_its_title_not_in_the_navigation() -> None:
    model, document, _fallbacks = translated_default("ja")
    first = dataclasses.replace(model.severities[0], name=FallbackText("Critical"))
    model = dataclasses.replace(
        model, severities=type(model.severities)([first, *model.severities[1:]])
    )
    with i18n.speaking("ja"):
        files = render_site(model, document, build_date=date(2026, 11, 30))
        nav = site_nav(model)
    page = next(f.content for f in files if f.path == "severities/sev1.md")
    assert '# <span lang="en" class="pb-fallback">SEV-1 Critical</span>\n' in page
    assert {"SEV-1 Critical": "severities/sev1.md"} in nav[1]["重大度レベル"]
