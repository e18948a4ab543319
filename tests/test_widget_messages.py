"""The widgets' own words on a page in another language: `pb-messages` holds, in the page's
language, every message of the scripts that page loads; English pages ship none (contract 3 of
issue 14). The message ids come from the scripts themselves (Babel's JavaScript extractor)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from generator.i18n import catalogue, speaking
from generator.layout import DEFAULT_PLAYBOOK_DIR, PAGES_DIR, TEMPLATES_DIR
from generator.pipeline import validate_playbook
from generator.render.docs_tree import render_docs
from generator.render.site import RenderedFile
from generator.render.widget_data import (
    EVERY_PAGE,
    ON_DEMAND,
    page_messages,
    page_scripts,
    script_messages,
    ship_messages,
    translated_messages,
    tree_data,
)
from generator.translations import load_translations, translated

OURS = TEMPLATES_DIR / "assets" / "playbook"
SCRIPTS = sorted(OURS.glob("*.js"))
JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff01-\uff5e]")  # kana, kanji, full-width
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
JSON_SCRIPT = '<script type="application/json" id="{}">(.*?)</script>'


def _json(page: str, name: str) -> Any:
    found = re.search(JSON_SCRIPT.format(name), page)
    return json.loads(found.group(1)) if found else None


def _ids(path: Path) -> list[str | tuple[str, ...]]:
    return list(script_messages(path.read_text(encoding="utf-8")))


def _pages(lang: str) -> dict[str, str]:
    result = validate_playbook(DEFAULT_PLAYBOOK_DIR)
    assert result.ok and result.model is not None
    model = result.model
    if lang != "en":
        model, _fallbacks = translated(model, load_translations(DEFAULT_PLAYBOOK_DIR), lang)
    with speaking(lang):
        tree = render_docs(model, result.document, pages_dir=DEFAULT_PLAYBOOK_DIR / PAGES_DIR)
    return {f.path: f.content for f in tree.files if f.path.endswith(".md")}


@pytest.fixture(scope="module")
def japanese_pages() -> dict[str, str]:
    return _pages("ja")


@pytest.fixture(scope="module")
def english_pages() -> dict[str, str]:
    return _pages("en")


def test_every_widget_message_has_japanese() -> None:
    ja = catalogue("ja")
    missing = []
    for script in SCRIPTS:
        for message in _ids(script):
            if isinstance(message, str):
                ok = JAPANESE.search(ja.gettext(message))
            else:
                ok = JAPANESE.search(ja.ngettext(message[0], message[1], 2))
            if not ok:
                missing.append(f"{script.name}: {message!r}")
    assert not missing, "no Japanese in the catalogue for:\n" + "\n".join(missing)
    assert sum(len(_ids(s)) for s in SCRIPTS) > 80  # the extractor found the calls


def test_scripts_name_their_messages_with_literals_only() -> None:
    """Every `_("...")` literal in a script is one the extractor finds (a call nested in another
    call's arguments is not), and no call passes a variable as its id."""
    for script in SCRIPTS:
        source = script.read_text(encoding="utf-8")
        found = {m if isinstance(m, str) else m[0] for m in _ids(script)}
        literal = re.findall(r'\b(?:_|ngettext)\(\s*"((?:[^"\\]|\\.)*)"', source)
        assert {s.replace('\\"', '"') for s in literal} <= found, script.name
        assert not re.search(r"(?<!function )\b(?:_|ngettext)\(\s*[A-Za-z]", source), script.name


def test_a_japanese_page_ships_every_message_of_the_scripts_it_loads(
    japanese_pages: dict[str, str],
) -> None:
    checked = set()
    for path, page in japanese_pages.items():
        if 'id="pb-site"' not in page:
            continue  # the organisation's own pages: the browser keeps the last messages it saw
        messages = _json(page, "pb-messages")
        assert _json(page, "pb-site")["lang"] == "ja", path
        for name in page_scripts(page):
            checked.add(name)
            for message in _ids(OURS / name):
                key = message if isinstance(message, str) else message[0]
                assert key in messages, f"{path}: {name}: {key!r}"
                forms = messages[key]
                texts = [forms] if isinstance(message, str) else list(forms.values())
                if not isinstance(message, str):
                    assert set(forms) == {"other"}, key  # Japanese has one plural form
                for text in texts:
                    assert JAPANESE.search(text), f"{path}: {key!r} -> {text!r}"
                    assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(key))
        loaded = {
            m if isinstance(m, str) else m[0] for n in page_scripts(page) for m in _ids(OURS / n)
        }
        assert set(messages) == loaded, f"{path}: messages of scripts the page does not load"
    assert checked == {p.name for p in SCRIPTS} - {"iframe-worker.js"}


def test_each_widget_page_loads_its_script(japanese_pages: dict[str, str]) -> None:
    assert "tree.js" in page_scripts(japanese_pages["respond/decide-severity.md"])
    assert "composer.js" in page_scripts(japanese_pages["respond/status-update.md"])
    assert "checklist.js" not in page_scripts(japanese_pages["respond/status-update.md"])
    phases = [p for p in japanese_pages if p.startswith("phases/") and p != "phases/index.md"]
    assert "checklist.js" in page_scripts(japanese_pages[phases[0]])
    assert page_scripts("<p>nothing</p>") == list(EVERY_PAGE)


def test_the_on_demand_scripts_are_those_playbook_js_loads() -> None:
    source = (OURS / "playbook.js").read_text(encoding="utf-8")
    loaded = re.findall(r'^\s*\["([\w-]+)", .*"\.css \.js"\],', source, re.MULTILINE)
    assert {f"{name}.js" for name in loaded} == set(ON_DEMAND)
    assert 'load("incident-tools", ".css .js")' in source  # EVERY_PAGE: loaded on first use


def test_english_pages_ship_no_messages_and_keep_their_site_facts(
    english_pages: dict[str, str],
) -> None:
    pages = [page for page in english_pages.values() if 'id="pb-site"' in page]
    assert len(pages) > 20
    for page in pages:
        assert 'id="pb-messages"' not in page
        assert "lang" not in _json(page, "pb-site")
    with speaking("en"):
        assert page_messages('data-pb-widget="tree"', {"tree.js": "_('Back')"}) == {}


def test_widget_data_words_follow_the_language() -> None:
    result = validate_playbook(DEFAULT_PLAYBOOK_DIR)
    model, _fallbacks = translated(result.model, load_translations(DEFAULT_PLAYBOOK_DIR), "ja")
    with speaking("ja"):
        facts = tree_data(model)["severities"][0]["facts"]
    for fact in facts:
        assert JAPANESE.search(fact["term"]) and JAPANESE.search(fact["text"]), fact


class _TwoForms:
    """A catalogue with English's plural rule and a translation for one plural message."""

    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, one: str, many: str, n: int) -> str:
        if one != "%(num)s day":
            return one if n == 1 else many
        return "%(num)s Tag" if n == 1 else "%(num)s Tage"


def test_plurals_travel_as_forms_by_category() -> None:
    ids = [("%(num)s day", "%(num)s days"), ("%(num)s week", "%(num)s weeks"), "Back"]
    assert translated_messages(ids, "ja", catalogue("ja")) == {
        "%(num)s day": {"other": "%(num)s日"},
        "Back": "戻る",
    }
    assert translated_messages(ids, "de", _TwoForms()) == {
        "%(num)s day": {"one": "%(num)s Tag", "other": "%(num)s Tage"}
    }


def test_messages_come_from_the_scripts_as_published(tmp_path: Path) -> None:
    """An organisation's own copy.js (templates_dir override) is read for its ids, once per
    content; a page with a copy button ships its messages instead of ours."""
    theirs = tmp_path / "assets" / "playbook" / "copy.js"
    theirs.parent.mkdir(parents=True)
    theirs.write_text('PB.copyOut(out, text, PB._("Save"));\n', encoding="utf-8")
    assets = {f"assets/playbook/{p.name}": p for p in SCRIPTS}
    assets["assets/playbook/copy.js"] = theirs

    content = (
        '<button data-copy="x">Copy</button>\n\n'
        '<script type="application/json" id="pb-site">{"language":"ja"}</script>\n'
    )
    with speaking("ja"):
        [page] = ship_messages([RenderedFile("guides/x.md", content)], assets)
        again = script_messages(theirs.read_text(encoding="utf-8"))
    messages = _json(page.content, "pb-messages")
    assert messages["Save"] == "保存" and "Text to copy" not in messages
    assert again == ("Save",)
    assert _json(page.content, "pb-site") == {"language": "ja", "lang": "ja"}


def test_a_language_without_a_catalogue_keeps_the_widgets_english() -> None:
    """A page in a language the interface has no catalogue for (its content may be translated)
    ships nothing: the widgets speak English and write dates the English way."""
    content = '<script type="application/json" id="pb-site">{"language":"de"}</script>\n'
    files = [RenderedFile("index.md", content)]
    with speaking("de"):
        assert ship_messages(files, {}) == files
