"""Search from file://, on both engines: a severity alias finds that level's page first, a
responder's words find responder pages before anything written for authors, and a level's result
says what the level is for."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


#: The result links of each engine's search (as conftest's `Site.search` reads them).
RESULT_LINKS = {
    "zensical": "ol[role=listbox] a[href]",
    "mkdocs": ".md-search-result__item a[href], .md-search-result a[href]",
}


def _settled_results(site, page, query: str) -> list[str]:
    """The results once they stop changing: both engines search on every keystroke, so the
    first list read can still be the one for the first letters of the query."""
    links = site.search(page, query)
    for _ in range(20):
        page.wait_for_timeout(250)
        again = page.locator(RESULT_LINKS[site.engine]).evaluate_all("(a) => a.map(l => l.href)")
        if again == links:
            return links
        links = again
    raise AssertionError(f"the results for {query!r} kept changing: {links[:5]}")


#: Material for authors, in the "For authors" section: a responder's search lists it last.
AUTHOR_PAGES = ("reference/authoring.html", "schema/", "schemas/", "playbook.json")


def _is_author_page(link: str) -> bool:
    return any(part in re.split(r"[?#]", link)[0] for part in AUTHOR_PAGES)


@pytest.mark.parametrize("query", ["sev1", "SEV1", "sev 1", "s1"])
def test_a_severity_alias_puts_that_level_first(site, open_page, watch, query):
    first = site.list("severities", "severities")[0]
    page = open_page(site.url("index.html"))
    links = _settled_results(site, page, query)
    assert links, query
    assert re.split(r"[?#]", links[0])[0].endswith(f"severities/{first['id']}.html"), links[:3]
    watch.assert_clean()


@pytest.mark.parametrize("query", ["rollback", "what do I do", "status update"])
def test_a_responder_query_lists_responder_pages_before_the_authoring_reference(
    site, open_page, watch, query
):
    page = open_page(site.url("index.html"))
    links = _settled_results(site, page, query)
    assert links, query
    assert not _is_author_page(links[0]), links[:5]
    kinds = [_is_author_page(link) for link in links]
    if True in kinds:
        first_author = kinds.index(True)
        later_responder = [link for link in links[first_author:] if not _is_author_page(link)]
        assert later_responder == [], f"{links[first_author]} ranks above {later_responder[:3]}"
    watch.assert_clean()


def test_a_severity_result_shows_what_the_level_is_for_not_its_owner(site, open_page, watch):
    level = site.list("severities", "severities")[0]
    page = open_page(site.url("index.html"))
    links = _settled_results(site, page, level["id"])
    first = re.split(r"[?#]", links[0])[0]
    assert first.endswith(f"severities/{level['id']}.html"), links[:3]
    excerpt = " ".join(page.locator(RESULT_LINKS[site.engine]).first.inner_text().split())
    # Zensical shows a window of the text around the match, so any six words in a row will do.
    words = level["summary"].split()
    runs = {" ".join(words[i : i + 6]) for i in range(len(words) - 5)}
    assert runs and any(run in excerpt for run in runs), excerpt
    assert "Owner" not in excerpt, excerpt
    watch.assert_clean()


def test_the_authoring_reference_stays_in_the_navigation_under_for_authors(site, open_page, watch):
    page = open_page(site.url("index.html"))
    section = page.locator("nav.md-nav--primary li.md-nav__item--nested", has_text="For authors")
    assert section.locator('a[href$="reference/authoring.html"]').count() >= 1
    watch.assert_clean()
