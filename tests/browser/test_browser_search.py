"""Search from file://: a severity alias finds that level's page first, on both engines."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("query", ["sev1", "SEV1", "sev 1", "s1"])
def test_a_severity_alias_puts_that_level_first(site, open_page, watch, query):
    first = site.list("severities", "severities")[0]
    page = open_page(site.url("index.html"))
    links = site.search(page, query)
    assert links, query
    assert re.split(r"[?#]", links[0])[0].endswith(f"severities/{first['id']}.html"), links[:3]
    watch.assert_clean()
