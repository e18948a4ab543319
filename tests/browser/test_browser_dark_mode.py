"""Light and dark: the site follows the reader's system setting and has a toggle, on the site of
each engine (the `site` fixture is parametrised by engine)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SCHEME = "document.body.getAttribute('data-md-color-scheme')"


@pytest.mark.parametrize(("system", "expected"), [("light", "default"), ("dark", "slate")])
def test_the_site_follows_the_system_setting(site, open_page, watch, system, expected):
    page = open_page(site.url("index.html"))
    page.emulate_media(color_scheme=system)
    page.reload()
    page.wait_for_function(f"{SCHEME} === {expected!r}")
    watch.assert_clean()


def test_the_toggle_switches_and_is_remembered(site, open_page, watch):
    page = open_page(site.url("index.html"))
    page.emulate_media(color_scheme="light")
    page.reload()
    page.wait_for_function(f"{SCHEME} === 'default'")
    toggles = page.locator("form[data-md-component=palette] label.md-header__button:visible")
    # system -> light -> dark: two clicks from "follow the system" reach dark
    toggles.first.click()
    page.locator("form[data-md-component=palette] label.md-header__button:visible").first.click()
    page.wait_for_function(f"{SCHEME} === 'slate'")
    page.goto(site.url("roles/index.html"))
    page.wait_for_function(f"{SCHEME} === 'slate'")  # kept on the next page
    watch.assert_clean()
