"""Injection: a playbook whose every free-text field is an attack, opened in real Chromium.

The hostile playbook (tests/hardening/hostile.py) is built with `playbook build` as a user would.
Every page of the site is opened from file:// at 1280 px; the widgets are clicked through and
search is used. On no page may a dialog open, a payload script run (it would set
`window.__pwned`), an element from the data exist (`img[src=x]`, an `on*` attribute, a
`javascript:`/`data:` link), a template expression be evaluated (`J{{ 7*7 }}J` must not become
`J49J`), a JavaScript error occur, or the page grow wider than the window.

Part of the hardening work (tests/hardening/); it lives here to share the one Chromium session.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.chromium import allow_only_file_urls
from tests.hardening.hostile import FLAG, JINJA, JINJA_EVALUATED, Hostile, write_hostile

pytestmark = pytest.mark.browser

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PLAYBOOK_CLI = Path(sys.executable).parent / "playbook"
WIDTH = 1280
#: Everything a page must not have, as a list of what was found (empty when safe).
INSPECT = """
(flag) => {
  const bad = [];
  if (window[flag] !== undefined) bad.push('a payload script ran');
  for (const img of document.querySelectorAll('img')) {
    if (img.getAttribute('src') === 'x') bad.push('an injected <img src=x>');
  }
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith('on')) bad.push(`${element.tagName} ${attribute.name}`);
    }
  }
  const targets = 'a[href], area[href], iframe[src], embed[src], object[data], form[action]';
  for (const element of document.querySelectorAll(targets)) {
    const value = (element.getAttribute('href') || element.getAttribute('src') ||
                   element.getAttribute('data') || element.getAttribute('action') || '');
    const scheme = value.trim().toLowerCase();
    if (/^(javascript|data|vbscript):/.test(scheme)) bad.push(`${element.tagName} -> ${value}`);
  }
  for (const script of document.querySelectorAll('script')) {
    const code = !script.type || /javascript|module/.test(script.type);
    if (code && script.textContent.includes(flag)) bad.push('a <script> holding payload text');
  }
  if (document.body.innerText.includes('J49J')) bad.push('a template was run');
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    bad.push(`the page is ${root.scrollWidth}px wide in a ${root.clientWidth}px window`);
  }
  const content = document.querySelector('.md-content');
  if (content && content.getBoundingClientRect().right > root.clientWidth + 1) {
    bad.push('the content reaches beyond the window');
  }
  return bad;
}
"""


@dataclass
class Watch:
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Hostile]:
    project = tmp_path_factory.mktemp("hostile") / "project"
    hostile = write_hostile(PROJECT_ROOT / "playbook", project / "playbook")
    shutil.copy(PROJECT_ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "playbook" / "pages").mkdir(exist_ok=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    done = subprocess.run(
        [str(PLAYBOOK_CLI), "build", "--config", str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return project / "site", hostile


@pytest.fixture
def hostile_page(browser: Any) -> Iterator[tuple[Any, Watch]]:
    watch = Watch()
    context = browser.new_context(viewport={"width": WIDTH, "height": 900})
    allow_only_file_urls(context, watch.blocked)

    def opener(url: str) -> Any:
        page = context.new_page()

        def dialog(box: Any) -> None:
            watch.dialogs.append(f"{page.url}: {box.type} {box.message}")
            box.dismiss()

        page.on("dialog", dialog)
        page.on("pageerror", lambda error: watch.errors.append(f"{page.url}: {error}"))
        page.goto(url)
        page.wait_for_load_state("load")
        return page

    yield opener, watch
    context.close()


def inspect(page: Any, watch: Watch, where: str) -> None:
    found = page.evaluate(INSPECT, FLAG)
    assert found == [], f"{where}: {found}"
    assert watch.dialogs == [], watch.dialogs
    assert watch.errors == [], watch.errors
    assert watch.blocked == [], watch.blocked


def pages(site: Path) -> list[str]:
    found = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return [p for p in found if p != "404.html" and not p.startswith("assets/")]


def test_the_hostile_playbook_carries_payloads_in_every_file(hostile_site) -> None:
    _, hostile = hostile_site
    assert hostile.payloads > 500
    assert set(hostile.by_kind) == {
        "organisation", "severities", "roles", "phases", "communication", "status-templates",
        "decision-tree", "rubrics", "mitigation", "guidance", "incident-types",
    }  # fmt: skip


def test_no_page_runs_or_shows_markup_from_the_data(hostile_site, hostile_page) -> None:
    site, _ = hostile_site
    opener, watch = hostile_page
    shown_literally = 0
    all_pages = pages(site)
    assert len(all_pages) >= 20
    for path in all_pages:
        page = opener((site / path).as_uri())
        inspect(page, watch, path)
        text = page.locator("article").inner_text()
        shown_literally += JINJA.split(" ", 1)[0] in text and "<script>window." in text
        page.close()
    assert shown_literally >= len(all_pages) - 3, "the payloads should show as text on each page"
    assert JINJA_EVALUATED not in "".join((site / p).read_text(encoding="utf-8") for p in all_pages)


def test_the_decision_tree_walked_with_hostile_questions(hostile_site, hostile_page) -> None:
    site, _ = hostile_site
    opener, watch = hostile_page
    page = opener((site / "respond" / "decide-severity.html").as_uri())
    answers = page.locator(".pb-tree button.pb-tree-answer")
    for depth in range(12):
        if answers.count() == 0:
            break
        answers.nth(depth % answers.count()).click()
        inspect(page, watch, f"decision tree, step {depth + 1}")
    assert "J{{ 7*7 }}J" in page.locator(".pb-tree").inner_text()
    inspect(page, watch, "decision tree, result")


def test_the_composer_with_hostile_templates_and_input(hostile_site, hostile_page) -> None:
    site, _ = hostile_site
    opener, watch = hostile_page
    page = opener((site / "respond" / "status-update.html").as_uri())
    composer = page.locator(".pb-composer")
    for name in ("stage", "audience", "severity"):
        select = composer.locator(f"select[name={name}]")
        options = select.locator("option")
        for index in range(min(options.count(), 3)):
            select.select_option(index=index)
            inspect(page, watch, f"composer, {name} option {index + 1}")
    for box in composer.locator("input[type=text], textarea").all():
        if box.is_visible() and box.is_editable():
            box.fill(f'<img src=x onerror="window.{FLAG}=1"> J{{{{ 7*7 }}}}J')
    page.locator(".pb-composer .pb-copy").first.click()
    inspect(page, watch, "composer, after typing and copying")
    assert "J{{ 7*7 }}J" in page.locator(".pb-preview").inner_text()


def test_checklists_ticked_and_copied_with_hostile_items(hostile_site, hostile_page) -> None:
    site, _ = hostile_site
    opener, watch = hostile_page
    for path in ("phases/detection.html", "roles/incident-commander.html"):
        page = opener((site / path).as_uri())
        checklist = page.locator("ul.pb-checklist").first
        for box in checklist.locator("input[type=checkbox]").all()[:5]:
            box.check()
        inspect(page, watch, f"{path}, ticked")
        page.locator(".pb-checklist-tools .pb-timeline").click()
        inspect(page, watch, f"{path}, copied as the timeline")
        copied = page.locator(".pb-copy-output .pb-copy-text").first.input_value()
        assert "<script>window." in copied  # the Markdown holds the text as written
        page.close()


def test_search_results_for_payload_text(hostile_site, hostile_page) -> None:
    site, _ = hostile_site
    opener, watch = hostile_page
    page = opener((site / "index.html").as_uri())
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("alert onerror", delay=20)
    page.wait_for_selector(".md-search-result__item")
    assert page.locator(".md-search-result__item").count() > 0
    inspect(page, watch, "search results")
