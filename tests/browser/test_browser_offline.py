"""From file:// with every other request aborted: search works, no page reaches another host,
no page has a JavaScript error or scrolls sideways on a 375px phone."""

from __future__ import annotations

import zipfile

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("what", ["severity name", "checklist item"])
def test_search_answers_from_file_url(site, open_page, watch, what):
    if what == "severity name":
        severity = site.list("severities", "severities")[0]
        query, expected = severity["name"], f"severities/{severity['id']}.html"
    else:
        phase = site.list("phases", "phases")[0]
        item = phase["checklist"][1]
        query, expected = " ".join(item["text"].split()[:4]), f"phases/{phase['id']}.html"
    page = open_page(site.url("index.html"))
    links = site.search(page, query)
    assert any(expected in link for link in links), (query, links)
    watch.assert_clean()


def test_every_page_offline_error_free_and_fits_a_phone(site, open_page, watch):
    page = open_page(site.url("index.html"), width=375)
    too_wide = []
    pages = site.pages()
    assert len(pages) > 20
    for path in pages:
        page.goto(site.url(path))
        width = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1]:
            too_wide.append((path, width))
    assert too_wide == []
    watch.assert_clean()


def test_no_page_links_a_resource_on_another_host(site):
    offenders = []
    for path in site.pages():
        html = (site.root / path).read_text(encoding="utf-8")
        for needle in ('src="http', 'href="https://fonts', "unpkg.com", "mermaid", "jsdelivr"):
            if needle in html:
                offenders.append((path, needle))
    assert offenders == []


def test_offline_zip_holds_the_site_but_not_itself(site):
    archive = site.root / "downloads" / "playbook-offline.zip"
    with zipfile.ZipFile(archive) as z:
        names = set(z.namelist())
    assert {n.split("/", 1)[0] for n in names} == {"incident-playbook"}
    inner = {n.split("/", 1)[1] for n in names}
    assert "index.html" in inner
    assert "assets/playbook/iframe-worker.js" in inner
    assert site.search_script in inner
    assert "downloads/playbook-offline.zip" not in inner
    assert set(site.pages()) <= inner
