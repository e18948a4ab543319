"""Search from file://: a severity alias finds that level's page first."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("query", ["sev1", "SEV1", "sev 1"])
def test_a_severity_alias_puts_that_level_first(site, open_page, watch, query):
    first = site.list("severities", "severities")[0]
    page = open_page(site.url("index.html"))
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    page.wait_for_selector(".md-search-result__item")
    first_link = page.locator(".md-search-result__item a").first.get_attribute("href")
    assert re.split(r"[?#]", first_link)[0].endswith(f"severities/{first['id']}.html"), first_link
    watch.assert_clean()
