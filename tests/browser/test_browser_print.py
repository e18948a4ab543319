"""Printed to PDF, every checklist page, role page and the pocket card fits on one sheet."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

ONE_PAGE_PDF = re.compile(rb"/Type\s*/Page(?![s\w])")


def one_page_paths(site) -> list[str]:
    phases = [f"phases/{p['id']}.html" for p in site.list("phases", "phases")]
    roles = [f"roles/{r['id']}.html" for r in site.list("roles", "roles")]
    return [*phases, *roles, "respond/pocket-card.html"]


def test_checklist_role_and_pocket_card_pages_print_on_one_sheet(site, open_page, watch):
    page = open_page(site.url("index.html"))
    pages = {}
    for path in one_page_paths(site):
        page.goto(site.url(path))
        pages[path] = [len(ONE_PAGE_PDF.findall(page.pdf(format=f))) for f in ("A4", "Letter")]
    assert {path: counts for path, counts in pages.items() if counts != [1, 1]} == {}
    watch.assert_clean()


def test_print_shows_boxes_version_and_address_without_navigation(site, open_page, watch):
    phase = site.list("phases", "phases")[0]
    page = open_page(site.url(f"phases/{phase['id']}.html"))
    page.emulate_media(media="print")
    meta = page.locator(".pb-print-meta").first
    assert meta.is_visible()
    text = meta.inner_text()
    assert site.data["organisation"]["playbook_version"] in text
    assert re.search(r"\d{4}-\d{2}-\d{2}", text)
    assert page.url in text
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".pb-checklist-tools"):
        assert not page.locator(chrome).first.is_visible(), chrome
    box = page.locator("li.pb-check label").first.evaluate(
        "(label) => getComputedStyle(label, '::before').borderTopStyle"
    )
    assert box == "solid"
    watch.assert_clean()
