"""Phones: at 375 px no table and no page is wider than the screen; wide tables become cards."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

WIDER = """() => {
  const w = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('.md-content table, .md-content pre, .md-content img')]
    .filter(e => e.getBoundingClientRect().right > w + 1 || e.scrollWidth > e.clientWidth + 1)
    .map(e => e.tagName + ': ' + e.innerText.slice(0, 40));
  return {page: document.documentElement.scrollWidth, viewport: w, wide};
}"""


def phone_pages(site) -> list[str]:
    return [
        "index.html",
        "severities/index.html",
        *[f"severities/{s['id']}.html" for s in site.list("severities", "severities")],
        "roles/index.html",
        *[f"roles/{r['id']}.html" for r in site.list("roles", "roles")],
        "respond/pocket-card.html",
        "respond/decide-severity.html",
        "respond/status-update.html",
    ]


@pytest.mark.parametrize("width", [375, 1280])
def test_no_table_or_page_wider_than_the_viewport(site, open_page, watch, width):
    page = open_page(site.url("index.html"), width=width)
    too_wide = {}
    for path in phone_pages(site):
        page.goto(site.url(path))
        found = page.evaluate(WIDER)
        if found["page"] > found["viewport"] or found["wide"]:
            too_wide[path] = found
    assert too_wide == {}
    watch.assert_clean()


def test_wide_tables_become_one_card_per_row_with_labels(site, open_page, watch):
    page = open_page(site.url("severities/index.html"), width=375)
    table = page.locator("table[data-pb-stack]").first
    assert table.count() == 1
    headers = table.locator("thead th").all_inner_texts()
    assert len(headers) >= 3
    assert table.locator("thead").is_hidden()
    row = table.locator("tbody tr").first
    cells = row.locator("td")
    label = cells.nth(1).evaluate("(td) => getComputedStyle(td, '::before').content")
    assert headers[1].strip() in label
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"] - 1  # stacked, not side by side
    wide = open_page(site.url("severities/index.html"))
    assert wide.locator("table[data-pb-stack] thead").first.is_visible()
    watch.assert_clean()


@pytest.mark.parametrize("width", [375, 1280])
def test_in_an_incident_now_actions_are_large_targets(site, open_page, watch, width):
    page = open_page(site.url("index.html"), width=width)
    actions = page.locator(".pb-actions a")
    assert actions.count() >= 4
    body = page.evaluate("getComputedStyle(document.querySelector('.md-typeset p')).fontSize")
    for index in range(actions.count()):
        link = actions.nth(index)
        box = link.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, link.inner_text()
        assert link.evaluate("(a) => getComputedStyle(a).fontSize") == body, link.inner_text()
    watch.assert_clean()


#: sheet.css (loaded by playbook.js) has styled the pocket card's levels.
SHEET_LOADED = (
    "getComputedStyle(document.querySelector('details.pb-pocket-level')).borderTopWidth == '0px'"
)


def test_the_pocket_card_is_about_two_phone_screens_and_carries_what_a_responder_needs(
    site, open_page, watch
):
    page = open_page(site.url("respond/pocket-card.html"), width=375)
    screen = 667  # an iPhone SE / 8 screen, 375 x 667
    page.set_viewport_size({"width": 375, "height": screen})
    page.wait_for_function(SHEET_LOADED)
    height = page.locator("article").first.bounding_box()["height"]
    assert height <= 2.2 * screen, f"{height} px is {height / screen:.1f} screens"
    levels = page.locator("details.pb-pocket-level")
    assert levels.count() >= len(site.list("severities", "severities"))
    page_one = levels.first.get_by_text("Page 1:")
    assert page_one.is_hidden()  # a tap away on a phone
    levels.first.locator("summary").click(position={"x": 5, "y": 5})
    assert page_one.is_visible()
    text = page.locator("article").first.text_content()
    for needed in (
        "Incident chat channel",
        "Incident video bridge",
        "+15550188",
        "Page 2:",
        "Secondary on-call of the affected service",
        "Updates to Customers:",
        "then every 30 minutes",
        "after 4 hours: every hour",
    ):
        assert needed in text, needed
    page.emulate_media(media="print")
    for index in range(levels.count()):
        body = levels.nth(index).locator("li, p").last
        assert body.is_visible(), levels.nth(index).locator("summary").inner_text()
    watch.assert_clean()
