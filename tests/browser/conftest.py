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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.chromium import CHROMIUM, CHROMIUM_ARGS, allow_only_file_urls

#: The default playbook, whose site every browser test opens.
PLAYBOOK = Path(__file__).resolve().parents[2] / "playbook"
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
    #: Folders of `root` that hold the site of another language (not pages of this one).
    other_languages: tuple[str, ...] = ()

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
        # Characters no key types (Japanese) arrive as inserted text with no key events, as an
        # input method commits them; a key release follows the commit. Without one, MkDocs'
        # Material lost a query entered right after load in about 1 of 10 tries (6 of 30 for
        # "Critical" inserted that way, 3 of 30 for 緊急 typed; none of 120 with the release).
        box.press("End")
        page.wait_for_selector(results)
        return page.locator(results).evaluate_all("(links) => links.map(a => a.href)")

    def url(self, path: str) -> str:
        return (self.root / path).as_uri()

    def pages(self) -> list[str]:
        """Every HTML page of this site's language, relative; not 404.html, whose absolute links
        only a server serves, nor the pages of another language's folder."""
        found = sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html"))
        skipped = ("assets", *self.other_languages)
        return [p for p in found if p != "404.html" and p.split("/", 1)[0] not in skipped]

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
def site(request: pytest.FixtureRequest, built_default_site: Callable[[str], Path]) -> Site:
    """`playbook build --engine <engine> --site-dir <tmp>` of the default playbook, exactly as a
    user runs it (built once per engine for the session: tests/conftest.py)."""
    root = built_default_site(request.param)
    data = json.loads((root / "playbook.json").read_text(encoding="utf-8"))
    return Site(root, data, request.param, LANGUAGE_FOLDERS)


#: The default language (English) is at the site's root, every other language of the playbook
#: (a folder of playbook/translations/) in a folder of the site named by its code.
LANGUAGE_FOLDERS = tuple(
    sorted(p.name for p in (PLAYBOOK / "translations").glob("*") if p.is_dir())
)
JAPANESE = "ja"


@pytest.fixture(scope="session")
def site_ja(site: Site) -> Site:
    """The Japanese site of the same build (`<site>/ja/`), seen as a site of its own: its pages,
    its search, its published data (`ja/playbook.json` when the build writes one there, else the
    root's: ids, links and numbers are the same in every language)."""
    root = site.root / JAPANESE
    assert (root / "index.html").is_file(), f"the build has no Japanese site: {root}/index.html"
    data_file = root / "playbook.json"
    data = json.loads(data_file.read_text(encoding="utf-8")) if data_file.is_file() else site.data
    return Site(root, data, site.engine)


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
