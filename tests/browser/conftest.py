"""Browser fixtures: the real site, built once per engine, driven from file:// in one headless
Chromium (one session for the whole run: two sync Playwright sessions cannot coexist).

`site` is parametrised by engine, so every browser test runs against the site MkDocs built and
against the site Zensical built; pytest groups the tests by engine, so each site is built once.

Every page a test opens goes through `open_page`, which aborts and records any request that is
not `file:` and records JavaScript errors, so each test can assert the site stayed offline and
error-free while it clicked around.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.chromium import CHROMIUM, CHROMIUM_ARGS, allow_only_file_urls

PROJECT_ROOT = Path(__file__).resolve().parents[2]


#: The engines every browser test runs against (`playbook build --engine ...`).
ENGINES = ("mkdocs", "zensical")
#: Where each engine puts the search index that works from file:// (a script, not JSON).
SEARCH_SCRIPTS = {"mkdocs": "search/search_index.js", "zensical": "search.js"}


@dataclass
class Site:
    """The built site, the merged document it was built from, and the engine that built it."""

    root: Path
    data: dict[str, Any]
    engine: str = "mkdocs"

    @property
    def search_script(self) -> str:
        """The site path of the search index script this engine writes for file://."""
        return SEARCH_SCRIPTS[self.engine]

    def search(self, page: Any, query: str) -> list[str]:
        """Type `query` into the site's search as a reader does; the addresses of the results.

        MkDocs' Material has a search box in the header; Zensical opens a search dialog (in a
        shadow root, which Playwright's CSS selectors reach) from a header button."""
        if self.engine == "zensical":
            page.locator("button.md-search__button").first.click()
            box = page.locator("input[aria-label=Search][type=text]")
            results = "ol[role=listbox] a[href]"
        else:
            box = page.locator("input.md-search__input")
            box.click()
            results = ".md-search-result__item a[href], .md-search-result a[href]"
        box.press_sequentially(query, delay=20)
        page.wait_for_selector(results)
        return page.locator(results).evaluate_all("(links) => links.map(a => a.href)")

    def url(self, path: str) -> str:
        return (self.root / path).as_uri()

    def pages(self) -> list[str]:
        """Every HTML page, relative; not 404.html, whose absolute links only a server serves."""
        found = sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html"))
        return [p for p in found if p != "404.html" and not p.startswith("assets/")]

    def list(self, kind: str, key: str) -> list[dict[str, Any]]:
        return self.data[kind][key]


@dataclass
class Watch:
    """What happened on the pages of one test: requests to other hosts and JavaScript errors."""

    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.blocked == [], f"requests to other hosts: {self.blocked}"
        assert self.errors == [], f"JavaScript errors: {self.errors}"


@pytest.fixture(scope="session", params=ENGINES)
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Site:
    """`playbook build --engine <engine> --site-dir <tmp>` of the default playbook, exactly as a
    user runs it."""
    engine = request.param
    root = tmp_path_factory.mktemp(f"browser-{engine}") / "site"
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "SOURCE_DATE_EPOCH": "1795000000"}
    command = [sys.executable, "-c", "import sys; from generator.cli import main; sys.exit(main())"]
    done = subprocess.run(
        [*command, "build", "--engine", engine, "--site-dir", str(root)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads((root / "playbook.json").read_text(encoding="utf-8"))
    return Site(root, data, engine)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One Chromium for the run (tests/conftest.py stops a CI run, or skips, when it is missing)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def context(browser: Any, watch: Watch) -> Iterator[Any]:
    """A fresh profile (empty localStorage) whose only reachable URLs are file: ones."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    allow_only_file_urls(ctx, watch.blocked)
    yield ctx
    ctx.close()


@pytest.fixture
def open_page(context: Any, watch: Watch) -> Callable[..., Any]:
    """Open a page in a new tab that records JavaScript errors; `now` fixes the widgets' clock."""

    def opener(url: str, *, now: str | None = None, width: int | None = None) -> Any:
        page = context.new_page()
        if width:
            page.set_viewport_size({"width": width, "height": 800})
        if now:
            page.add_init_script(f"window.PB_NOW = {json.dumps(now)};")
        page.on("pageerror", lambda error: watch.errors.append(f"{page.url}: {error}"))
        page.on(
            "console",
            lambda msg: (
                watch.errors.append(f"{page.url}: {msg.text}") if msg.type == "error" else None
            ),
        )
        page.goto(url)
        return page

    return opener
