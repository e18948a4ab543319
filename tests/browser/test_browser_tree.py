"""The severity decision tree, clicked through like a responder would."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest

pytestmark = pytest.mark.browser

TREE = "respond/decide-severity.html"


def state(page: Any) -> tuple[str, str]:
    """("node", id) while a question is shown, ("severity", id) on a result."""
    step = page.locator(".pb-tree .pb-tree-step")
    severity = step.get_attribute("data-pb-severity")
    return ("severity", severity) if severity else ("node", step.get_attribute("data-pb-node"))


def answers(page: Any) -> Any:
    return page.locator(".pb-tree button.pb-tree-answer")


def walk(page: Any, reached: dict[str, list[str]], path: list[str]) -> None:
    """Depth first over every answer, going forward by clicking and returning with Back."""
    kind, ident = state(page)
    if kind == "severity":
        reached.setdefault(ident, []).append(",".join(path))
        return
    for index in range(answers(page).count()):
        answers(page).nth(index).click()
        step = f"{ident}:{index}"
        assert page.url.endswith("#path=" + ",".join([*path, step]))
        walk(page, reached, [*path, step])
        page.get_by_role("button", name="Back", exact=True).click()
        assert state(page) == ("node", ident)


def test_every_severity_is_reachable_by_clicking(site, open_page, watch):
    page = open_page(site.url(TREE))
    assert state(page) == ("node", site.data["decision-tree"]["start"])
    reached: dict[str, list[str]] = {}
    walk(page, reached, [])
    wanted = {s["id"] for s in site.list("severities", "severities")}
    assert set(reached) == wanted
    leaves = sum(
        1 for n in site.data["decision-tree"]["nodes"] for a in n["answers"] if "severity" in a
    )
    assert sum(len(paths) for paths in reached.values()) == leaves
    watch.assert_clean()


def test_reload_and_shared_link_restore_the_step(site, open_page, watch):
    page = open_page(site.url(TREE))
    for _ in range(2):
        answers(page).last.click()
    where = state(page)
    path_text = page.locator(".pb-tree-path").inner_text()
    url = page.url
    assert "#path=" in url
    page.reload()
    assert state(page) == where
    assert page.locator(".pb-tree-path").inner_text() == path_text
    shared = open_page(url)
    assert state(shared) == where
    shared.get_by_role("button", name="Restart", exact=True).click()
    assert state(shared) == ("node", site.data["decision-tree"]["start"])
    assert "#path=" not in shared.url
    watch.assert_clean()


def test_result_names_the_response_and_links_exist(site, open_page, watch):
    page = open_page(site.url(TREE))
    answers(page).first.click()
    while state(page)[0] == "node":
        answers(page).first.click()
    kind, ident = state(page)
    assert kind == "severity"
    severity = next(s for s in site.list("severities", "severities") if s["id"] == ident)
    text = page.locator(".pb-tree").inner_text()
    assert severity["label"] in text and severity["name"] in text
    for term in ("Acknowledge within", "Incident commander", "Page", "Updates", "Roles to staff"):
        assert term in text
    for who in severity["response"]["page"]:
        assert who in text
    hrefs = page.locator(".pb-tree-result a").evaluate_all("(links) => links.map(a => a.href)")
    files = {Path(unquote(urlparse(h).path)).relative_to(site.root).as_posix() for h in hrefs}
    assert f"severities/{ident}.html" in files
    assert {f"roles/{r}.html" for r in severity["response"]["roles"]} <= files
    assert {f"phases/{p['id']}.html" for p in site.list("phases", "phases")} <= files
    assert all((site.root / f).is_file() for f in files)
    watch.assert_clean()


def test_keyboard_moves_focus_and_unknown_hash_starts_over(site, open_page, watch):
    page = open_page(site.url(TREE) + "#path=no-such-node:7")
    assert state(page) == ("node", site.data["decision-tree"]["start"])
    answers(page).last.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.classList.contains('pb-tree-question')")
    live = page.locator(".pb-tree + [aria-live]")
    assert live.inner_text().startswith(("Question 2", "Result"))
    watch.assert_clean()
