"""The severity decision tree, clicked through like a responder would."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest
from playwright.sync_api import expect

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
        expect(page.locator(".pb-tree .pb-tree-step")).to_have_attribute("data-pb-node", ident)


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


def page_data(page: Any) -> dict[str, Any]:
    return page.evaluate("JSON.parse(document.getElementById('pb-data').textContent)")


def test_result_names_what_the_level_triggers_and_links_exist(site, open_page, watch):
    page = open_page(site.url(TREE))
    answers(page).first.click()
    while state(page)[0] == "node":
        answers(page).first.click()
    kind, ident = state(page)
    assert kind == "severity"
    level = next(s for s in page_data(page)["severities"] if s["id"] == ident)
    text = page.locator(".pb-tree").inner_text()
    assert level["label"] in text and level["name"] in text
    for fact in level["facts"]:
        assert fact["term"] in text and fact["text"] in text
    hrefs = page.locator(".pb-tree-result a").evaluate_all("(links) => links.map(a => a.href)")
    files = {Path(unquote(urlparse(h).path)).relative_to(site.root).as_posix() for h in hrefs}
    assert f"severities/{ident}.html" in files
    assert {f"phases/{p['id']}.html" for p in level["checklists"]} <= files
    listed = {f for f in files if f.startswith("phases/")}
    assert listed == {f"phases/{p['id']}.html" for p in level["checklists"]}
    assert all((site.root / f).is_file() for f in files)
    watch.assert_clean()


@pytest.mark.parametrize("width", [375, 1280])
def test_result_is_unmistakable_with_back_and_restart_on_top(site, open_page, watch, width):
    page = open_page(site.url(TREE), width=width)
    colours = {}
    levels = site.list("severities", "severities")
    for level in levels:
        path = find_path(site.data["decision-tree"], level["id"])
        page.goto(site.url(TREE) + "#path=" + path)
        page.reload()
        assert state(page) == ("severity", level["id"])
        label = page.locator(".pb-tree-level")
        assert label.inner_text() == level["label"]
        body = page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)"
        )
        size = label.evaluate("(e) => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= 1.8 * body
        colours[level["id"]] = label.evaluate("(e) => getComputedStyle(e).backgroundColor")
        back = page.get_by_role("button", name="Back", exact=True).bounding_box()
        heading = page.locator(".pb-tree-result .pb-tree-question").bounding_box()
        assert back["y"] < heading["y"] < 800
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert len(set(colours.values())) == len(levels), colours
    watch.assert_clean()


def find_path(tree: dict[str, Any], severity: str) -> str:
    """The first path (node:answer,...) of the tree that ends at `severity`."""
    nodes = {n["id"]: n for n in tree["nodes"]}

    def walk(node_id: str, path: list[str]) -> str | None:
        for index, answer in enumerate(nodes[node_id]["answers"]):
            step = [*path, f"{node_id}:{index}"]
            if answer.get("severity") == severity:
                return ",".join(step)
            if answer.get("next"):
                found = walk(answer["next"], step)
                if found:
                    return found
        return None

    found = walk(tree["start"], [])
    assert found, f"{severity} is not reachable"
    return found


def test_browser_back_returns_to_the_previous_question(site, open_page, watch):
    page = open_page(site.url("index.html"))
    page.goto(site.url(TREE))
    seen = [state(page)]
    while state(page)[0] == "node":
        answers(page).last.click()
        seen.append(state(page))
    assert len(seen) >= 3
    for previous in reversed(seen[:-1]):
        page.go_back()
        expect(page.locator(".pb-tree .pb-tree-step")).to_have_attribute(
            "data-pb-node", previous[1]
        )
    page.go_back()
    assert page.url.endswith("index.html")
    page.go_forward()
    page.go_forward()
    assert state(page) == seen[1]
    watch.assert_clean()


@pytest.mark.parametrize(
    "fragment", ["#path=%E0", "#path=%", "#path=%E0%A4%A", "#path=x:y:z,,", "#path=" + "a" * 5000]
)
def test_a_malformed_hash_raises_no_page_error(site, open_page, watch, fragment):
    page = open_page(site.url(TREE) + fragment)
    assert state(page) == ("node", site.data["decision-tree"]["start"])
    answers(page).first.click()
    assert state(page) != ("node", site.data["decision-tree"]["start"])
    page.evaluate("location.hash = '#path=%E0%80'")
    expect(page.locator(".pb-tree .pb-tree-step")).to_have_attribute(
        "data-pb-node", site.data["decision-tree"]["start"]
    )
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
