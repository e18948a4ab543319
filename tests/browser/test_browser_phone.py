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
