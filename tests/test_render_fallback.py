"""Texts a translation lacks are marked on pages of another language (issue 14, contract 2).

A translated model keeps the source text where a translation is missing, as a `FallbackText`;
the `text`, `text_html`, `md` and `html` filters wrap it as
`<span lang="en" class="pb-fallback">...</span>` on a page that speaks another language, escaped
as any other text, and leave translated and English pages as they were.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import markdown
import pytest
from jinja2 import Environment

from generator.i18n import speaking
from generator.layout import DEFAULT_PLAYBOOK_DIR
from generator.pipeline import validate_playbook
from generator.render import render_site
from generator.render.filters import html, inline_html, inline_md, md, source_language
from generator.translations import Translations, load_translations, translated
from generator.translations.model import FallbackText
from tests.projects import rendered_pages, translated_default

FALLBACK = '<span lang="en" class="pb-fallback">'


def _filtered(name: str, value: str) -> str:
    env = Environment(autoescape=False)
    env.filters.update(text=inline_md, text_html=inline_html, md=md, html=html)
    link = lambda target: target  # noqa: E731
    return env.from_string("{{ v|" + name + " }}").render(v=value, link=link, href=link)


@pytest.mark.parametrize("name", ["text", "text_html", "md", "html"])
def test_a_fallback_text_is_marked_with_its_language_and_escaped(name: str) -> None:
    value = FallbackText("Roll back <now> & *then* [look](https://x.example)")
    with speaking("ja"):
        marked = _filtered(name, value)
        plain = _filtered(name, str(value))
    assert marked == f"{FALLBACK}{plain}</span>"
    assert "<now>" not in marked  # escaped as the same text unmarked


@pytest.mark.parametrize("name", ["text", "text_html", "md", "html"])
def test_nothing_is_marked_in_the_source_language_or_for_translated_text(name: str) -> None:
    value = FallbackText("Roll back")
    assert _filtered(name, value) == "Roll back"  # an English page: the text is English
    with speaking("ja"):
        assert _filtered(name, "ロールバック") == "ロールバック"
        assert _filtered(name, FallbackText("")) == ""


def test_the_source_language_is_the_playbooks_own() -> None:
    with speaking("en"), source_language("de"):
        assert md(FallbackText("Zurückrollen")) == (
            '<span lang="de" class="pb-fallback">Zurückrollen</span>'
        )
    with speaking("de"), source_language("de"):
        assert md(FallbackText("Zurückrollen")) == "Zurückrollen"


def test_a_marked_text_at_the_start_of_a_line_stays_literal_markdown() -> None:
    with speaking("ja"):
        rendered = markdown.markdown(f"- {_filtered('text', FallbackText('- not a list'))}")
    assert rendered == (
        '<ul>\n<li><span lang="en" class="pb-fallback">- not a list</span></li>\n</ul>'
    )


@pytest.fixture(scope="module")
def japanese_pages() -> dict[str, str]:
    """The default playbook's pages in Japanese, its mitigation principle left untranslated."""

    def untranslate_principle(translations: Translations) -> None:
        translations.file("ja", "mitigation").entries.pop(("principle",))  # type: ignore[union-attr]

    model, document, fallbacks = translated_default("ja", untranslate_principle)
    assert [f.key for f in fallbacks] == ["mitigation/principle"]
    return rendered_pages(model, document, "ja")


def test_a_missing_translation_is_marked_and_a_translated_text_is_not(
    japanese_pages: dict[str, str],
) -> None:
    result = validate_playbook(DEFAULT_PLAYBOOK_DIR)
    assert result.model is not None
    principle = result.model.mitigation.principle
    page = japanese_pages["reference/mitigation.md"]
    assert f"{FALLBACK}{inline_markdown(principle)}</span>" in page
    assert page.count(FALLBACK) == 1
    assert FALLBACK not in japanese_pages["reference/decisions.md"]


def test_no_marked_text_ends_up_inside_an_html_attribute() -> None:
    """Every text of the model untranslated: the marks are elements, never inside a tag."""
    result = validate_playbook(DEFAULT_PLAYBOOK_DIR)
    assert result.model is not None and result.document is not None
    empty = load_translations(DEFAULT_PLAYBOOK_DIR)
    for file in empty.files.get("ja", {}).values():
        file.entries.clear()
    model, fallbacks = translated(result.model, empty, "ja")
    assert len(fallbacks) > 100
    with speaking("ja"):
        files = render_site(model, result.document, build_date=date(2026, 1, 1))
    marked = 0
    for file in files:
        if not isinstance(file.content, str) or not file.path.endswith(".md"):
            continue
        marked += file.content.count(FALLBACK)
        inside_tag = re.findall(r'<[a-z][^<>]*="[^"<>]*<span lang=', file.content)
        assert not inside_tag, (file.path, inside_tag[:3])
    assert marked > 100


def inline_markdown(text: str) -> str:
    with speaking("en"):
        return _filtered("text", text)


def test_a_site_render_marks_untranslated_text_in_the_playbooks_own_language(
    tmp_path: Path,
) -> None:
    """`render_languages` says which language the source is: a playbook written in German marks
    its untranslated text on the Japanese pages as German, not English."""
    import shutil

    from generator.render.docs_tree import render_languages

    playbook = tmp_path / "playbook"
    shutil.copytree(DEFAULT_PLAYBOOK_DIR, playbook)
    organisation = playbook / "organisation.yaml"
    text = organisation.read_text(encoding="utf-8")
    assert "\nlanguage: en\n" in text
    organisation.write_text(text.replace("\nlanguage: en\n", "\nlanguage: de\n"), encoding="utf-8")
    mitigation = playbook / "translations" / "ja" / "mitigation.yaml"
    lines = mitigation.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("principle:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith((" ", "\n")))
    mitigation.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    result = validate_playbook(playbook)
    assert result.ok and result.model is not None and result.document is not None
    site = render_languages(result.model, result.document, playbook, build_date=date(2026, 1, 1))
    assert site.languages == ("de", "ja")
    page = next(f.content for f in site.trees["ja"].files if f.path == "reference/mitigation.md")
    assert '<span lang="de" class="pb-fallback">' in page
    assert FALLBACK not in page
