"""Live checklists: ticks with their times survive a reload and copy out as Markdown."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

NOW = "2026-11-27T14:02:30Z"


def phase_page(site):
    phase = site.list("phases", "phases")[0]
    return phase, f"phases/{phase['id']}.html"


def test_ticks_and_times_survive_a_reload(site, open_page, watch):
    phase, path = phase_page(site)
    items = phase["checklist"]
    page = open_page(site.url(path), now=NOW)
    checklist = page.locator("ul.pb-checklist").first
    total = checklist.locator("li.pb-check").count()
    assert page.locator(".pb-progress").first.inner_text() == f"0 of {total} done"
    first = checklist.locator(f'li[data-pb-item="{items[0]["id"]}"]')
    third = checklist.locator(f'li[data-pb-item="{items[2]["id"]}"]')
    first.locator("input").check()
    third.locator("input").check()
    assert first.locator(".pb-check-time").inner_text() == "14:02 UTC"
    page.reload()
    assert first.locator("input").is_checked() and third.locator("input").is_checked()
    assert not checklist.locator(f'li[data-pb-item="{items[1]["id"]}"] input').is_checked()
    assert page.locator(".pb-progress").first.inner_text() == f"2 of {total} done"
    assert third.locator(".pb-check-time").inner_text() == "14:02 UTC"
    watch.assert_clean()


def test_copy_as_markdown_holds_ticked_items_with_times(site, open_page, watch):
    phase, path = phase_page(site)
    items = phase["checklist"]
    page = open_page(site.url(path), now=NOW)
    checklist = page.locator("ul.pb-checklist").first
    checklist.locator(f'li[data-pb-item="{items[1]["id"]}"] input').check()
    page.evaluate("window.PB_NOW = '2026-11-27T14:17:00Z'")
    checklist.locator(f'li[data-pb-item="{items[0]["id"]}"] input').check()
    page.locator(".pb-copy").first.click()
    box = page.locator(".pb-copy-output .pb-copy-text").first
    text = box.input_value()
    lines = [line for line in text.splitlines() if line.startswith("- [x]")]
    assert lines == [
        f"- [x] 2026-11-27 14:02 UTC {items[1]['text']}",
        f"- [x] 2026-11-27 14:17 UTC {items[0]['text']}",
    ]
    assert phase["name"] in text.splitlines()[0]
    status = page.locator(".pb-copy-status").first
    assert re.search("Copied|Select", status.inner_text())
    watch.assert_clean()


def test_reset_takes_two_clicks_and_lists_are_independent(site, open_page, watch):
    role = site.list("roles", "roles")[0]
    page = open_page(site.url(f"roles/{role['id']}.html"), now=NOW)
    lists = page.locator("ul.pb-checklist")
    assert lists.count() == len(role["checklists"])
    lists.nth(0).locator("input").first.check()
    lists.nth(1).locator("input").first.check()
    reset = page.locator(".pb-reset").first
    reset.click()
    assert lists.nth(0).locator("input").first.is_checked()
    reset.click()
    assert not lists.nth(0).locator("input").first.is_checked()
    assert lists.nth(1).locator("input").first.is_checked()
    page.reload()
    assert not lists.nth(0).locator("input").first.is_checked()
    assert lists.nth(1).locator("input").first.is_checked()
    watch.assert_clean()
