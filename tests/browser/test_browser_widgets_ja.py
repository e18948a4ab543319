"""The widgets' own words on the Japanese site (`<site>/ja/`), in Chromium from file://: the
incident banner from start to end, times the Japanese way in the organisation's zone, the
messages kept for the organisation's own pages (which carry none), the print line, and the mark
on text still in the source language. The tree, the checklists and the composer in Japanese are
tests/browser/test_browser_japanese.py's."""

# ruff: noqa: RUF001 (the expected texts are Japanese, full-width punctuation included)

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

pytestmark = pytest.mark.browser

NOW = "2026-11-27T14:02:30Z"
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def japanese_clock(site, iso: str, *, day: bool) -> tuple[str, str]:
    """The organisation's local time and UTC of `iso` as Intl.DateTimeFormat("ja") writes them
    (hours and minutes two digits, the date as yyyy/mm/dd)."""
    moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    local = moment.astimezone(ZoneInfo(site.data["organisation"]["timezone"]))
    form = "%Y/%m/%d %H:%M" if day else "%H:%M"
    return local.strftime(form), moment.strftime(form) + " UTC"


def test_the_banner_runs_an_incident_in_japanese(site_ja, context, open_page, watch):
    context.clock.set_fixed_time(NOW)
    page = open_page(site_ja.url("index.html"))
    banner = page.locator(".pb-incident")
    assert banner.get_attribute("aria-label") == "インシデント"
    assert "このブラウザーで進行中のインシデントはありません。" in banner.inner_text()
    page.get_by_role("button", name="インシデントを開始").click()
    local, utc = japanese_clock(site_ja, NOW, day=False)
    line = banner.locator(".pb-incident-line").inner_text()
    assert "インシデント対応中" in line and f"{local} " in line and f"（{utc}）" in line, line
    assert "に開始（0分前）" in line, line
    end = banner.locator("button.pb-end")
    assert end.inner_text() == "インシデントを終了"
    end.click()
    assert end.inner_text() == "終了しますか？もう一度タップ"
    end.click()
    local, utc = japanese_clock(site_ja, NOW, day=True)
    note = banner.locator(".pb-incident-old-note").inner_text()
    assert note.startswith(f"前回のインシデント：無題（{local} ") and f"（{utc}）に開始）。" in note
    assert banner.get_by_role("button", name="そのタイムラインをコピー").is_visible()
    assert banner.get_by_role("button", name="保存したインシデントを消去").is_visible()
    watch.assert_clean()


def test_the_age_of_a_long_incident_counts_days_in_japanese(site_ja, context, open_page, watch):
    started = datetime.fromisoformat(NOW.replace("Z", "+00:00")) - timedelta(days=3, hours=2)
    start = started.strftime("%Y-%m-%dT%H:%M:%SZ")
    context.clock.set_fixed_time(start)
    page = open_page(site_ja.url("index.html"))
    page.get_by_role("button", name="インシデントを開始").click()
    page.close()
    context.clock.set_fixed_time(NOW)
    page = open_page(site_ja.url("index.html"))
    line = page.locator(".pb-incident-line").inner_text()
    assert "（3日前）" in line, line
    watch.assert_clean()


def test_own_pages_speak_the_language_of_the_last_generated_page(site, site_ja, open_page, watch):
    """The organisation's own pages carry no messages: the banner uses those the browser kept
    from a generated page of the same language, and stays English on the English site."""
    guides = sorted(p.name for p in (site_ja.root / "guides").glob("*.html"))
    assert guides, "the Japanese site has no own pages"
    open_page(site_ja.url("index.html")).close()
    page = open_page(site_ja.url(f"guides/{guides[0]}"))
    assert "インシデントを開始" in page.locator(".pb-incident").inner_text()
    page = open_page(site.url(f"guides/{guides[0]}"))
    assert "Start an incident" in page.locator(".pb-incident").inner_text()
    watch.assert_clean()


def test_the_print_line_is_japanese(site_ja, open_page, watch):
    page = open_page(site_ja.url("respond/pocket-card.html"))
    meta = page.locator(".pb-print-meta").first
    version = meta.get_attribute("data-version")
    text = meta.text_content()
    assert text.startswith(f"プレイブック {version} · "), text
    assert f"{meta.get_attribute('data-date')}作成 · file://" in text, text
    watch.assert_clean()


FALLBACK = """() => {
  const span = document.createElement("span");
  span.lang = "en";
  span.className = "pb-fallback";
  span.textContent = "Still in English";
  document.querySelector(".md-typeset p").appendChild(span);
  const style = getComputedStyle(span);
  return [style.textDecorationLine, style.textDecorationStyle, style.color,
    getComputedStyle(span.parentElement).color];
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_untranslated_text_is_marked_quietly(site_ja, open_page, watch, scheme):
    page = open_page(site_ja.url("index.html"))
    page.emulate_media(color_scheme=scheme)
    line, style, color, around = page.evaluate(FALLBACK)
    assert (line, style) == ("underline", "dotted")
    assert color == around  # readable: the text keeps the page's colour
    page.emulate_media(media="print")
    line, style, _color, _around = page.evaluate(FALLBACK)
    assert (line, style) == ("underline", "dotted")
    watch.assert_clean()


def test_english_pages_keep_english_widgets(site, context, open_page, watch):
    context.clock.set_fixed_time(NOW)
    page = open_page(site.url("index.html"))
    assert page.evaluate("document.getElementById('pb-messages')") is None
    page.get_by_role("button", name="Start an incident").click()
    line = page.locator(".pb-incident-line").inner_text()
    assert "Incident in progress" in line and "0 min ago" in line, line
    assert not JAPANESE.search(page.locator(".pb-incident").inner_text())
    watch.assert_clean()


def test_a_language_the_browser_cannot_format_falls_back_to_english_dates(
    site_ja, context, open_page, watch
):
    """A `lang` Intl refuses (here "ja_JP") must not stop the widgets: the texts stay
    Japanese, times are written the English way."""
    page_file = site_ja.root / "index.html"
    odd = page_file.with_name("index-odd-lang.html")
    html = page_file.read_text(encoding="utf-8").replace('"lang":"ja"', '"lang":"ja_JP"', 1)
    assert '"lang":"ja_JP"' in html
    odd.write_text(html, encoding="utf-8")
    try:
        context.clock.set_fixed_time(NOW)
        page = open_page(odd.as_uri())
        page.get_by_role("button", name="インシデントを開始").click()
        line = page.locator(".pb-incident-line").inner_text()
        assert "インシデント対応中" in line and " UTC" in line, line
    finally:
        odd.unlink()
    watch.assert_clean()
