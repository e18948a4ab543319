"""Dark mode: the widgets follow Material's dark scheme (slate), which follows the system."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

LUMINANCE = """(selector) => {
  const c = getComputedStyle(document.querySelector(selector)).backgroundColor;
  const [r, g, b] = c.match(/[\\d.]+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_banner_and_toolbar_follow_the_colour_scheme(site, browser, scheme):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 375, "height": 800})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        phase = site.list("phases", "phases")[0]
        page.goto(site.url(f"phases/{phase['id']}.html"))
        page.locator("li.pb-check input").first.check()
        body = page.evaluate(LUMINANCE, "body")
        banner = page.evaluate(LUMINANCE, ".pb-incident")
        tools = page.evaluate(LUMINANCE, ".pb-checklist-tools")
        if scheme == "dark":
            assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
            assert body < 0.3 and banner < 0.3 and tools < 0.3, (body, banner, tools)
        else:
            assert body > 0.7 and banner > 0.7 and tools > 0.7, (body, banner, tools)
        assert errors == []
    finally:
        context.close()
