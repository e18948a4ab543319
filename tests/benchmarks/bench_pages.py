"""Section 5: when each responder widget is ready to use, in headless Chromium from file://.

The default playbook's site is built once. Each widget page (the decision tree, the
status-update composer, a checklist: the first phase page) is compared with a plain copy of
itself that loads none of our files: every script and stylesheet of `assets/playbook/` removed,
the theme's own files kept, so the comparison isolates what our widgets cost. Each page and its
copy are loaded in turn, each in a fresh browser context, several rounds.

A widget is ready when it has built its controls and attached its handlers; it says so with
`performance.mark('pb-ready:<widget>')` (playbook.js `PB.mount`, checklist.js), so the figure
is that mark's time from the start of navigation. Also from the Performance API:
DOMContentLoaded and first contentful paint. The bytes are our own JavaScript and CSS the page
references once loaded, read from disk (file:// fills in no resource timing and no sizes).
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.benchmarks.measure import (
    BIN,
    PROJECT_ROOT,
    Figure,
    Report,
    env_without_noise,
    median,
    run_once,
)
from tests.chromium import CHROMIUM, CHROMIUM_ARGS

READY_TARGET = 1.20  # a widget ready within 1.2x of the plain page's DOMContentLoaded
LOAD_TARGET = 1.20
BYTES_TARGET_KB = 30.0
OWN_ASSETS = "/assets/playbook/"
MIN_ROUNDS = 8  # page loads are cheap and noisy: more than the 5 runs every figure needs

_TIMINGS_JS = """
async (widget) => {
  const entry = (name) => performance.getEntriesByName(name)[0];
  const ready = widget ? 'pb-ready:' + widget : null;
  for (let i = 0; i < 250; i++) {
    if (entry('first-contentful-paint') && (!ready || entry(ready))) break;
    await new Promise(r => setTimeout(r, 20));
  }
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    dcl: nav.domContentLoadedEventEnd,
    fcp: entry('first-contentful-paint') ? entry('first-contentful-paint').startTime : null,
    ready: ready && entry(ready) ? entry(ready).startTime : null,
    resources: [...document.querySelectorAll('script[src], link[rel=stylesheet][href]')]
      .map(e => e.src || e.href),
  };
}
"""

#: A script or stylesheet tag of ours (`assets/playbook/...`), in any attribute order.
_OWN_TAG = re.compile(
    r"<script\b[^>]*\bsrc=\"[^\"]*assets/playbook/[^\"]*\"[^>]*>\s*</script>"
    r"|<link\b[^>]*\bhref=\"[^\"]*assets/playbook/[^\"]*\"[^>]*>"
)


def build_default_site(work: Path) -> Path:
    site = work / "default-site"
    run_once(
        [
            str(BIN / "playbook"),
            "build",
            "--config",
            str(PROJECT_ROOT / "mkdocs.yml"),
            "--site-dir",
            str(site),
        ],
        env=env_without_noise(),
    )
    return site


def plain_copy(page: Path) -> Path:
    """`page` without any script or stylesheet of ours, written beside it (same theme paths)."""
    html, removed = _OWN_TAG.subn("", page.read_text(encoding="utf-8"))
    if not removed or re.search(r'(src|href)="[^"]*assets/playbook/', html):
        raise RuntimeError(f"could not strip our assets from {page}")
    plain = page.with_name(page.stem + "-plain.html")
    plain.write_text(html, encoding="utf-8")
    return plain


def widget_pages(site: Path) -> dict[str, tuple[Path, str]]:
    """name -> (page, widget whose ready mark is awaited)."""
    phases = sorted(p for p in (site / "phases").glob("*.html") if p.name != "index.html")
    return {
        "decision tree": (site / "respond" / "decide-severity.html", "tree"),
        "status-update composer": (site / "respond" / "status-update.html", "composer"),
        "checklist (first phase page)": (phases[0], "checklist"),
    }


def own_bytes(site: Path, resources: list[str]) -> int:
    total = 0
    for url in set(resources):
        if OWN_ASSETS in url and url.startswith("file://"):
            path = Path(url.removeprefix("file://").split("?")[0].split("#")[0])
            if path.is_file() and path.is_relative_to(site):
                total += path.stat().st_size
    return total


def measure(pages: dict[str, tuple[Path, str | None]], rounds: int) -> tuple[dict, dict]:
    """Per page: the samples of dcl, fcp and ready; and the resources the page referenced."""
    from playwright.sync_api import sync_playwright

    samples = {name: {"dcl": [], "fcp": [], "ready": []} for name in pages}
    loaded: dict[str, list[str]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for round_no in range(rounds + 1):  # round 0 warms the disk cache, unrecorded
                for name, (path, widget) in pages.items():
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(path.as_uri(), wait_until="load")
                    found = page.evaluate(_TIMINGS_JS, widget)
                    context.close()
                    loaded[name] = found["resources"]
                    if widget and found["ready"] is None:
                        raise RuntimeError(f"{name}: no performance mark pb-ready:{widget}")
                    if round_no:
                        for key in ("dcl", "fcp", "ready"):
                            if found[key] is not None:
                                samples[name][key].append(found[key])
        finally:
            browser.close()
    return samples, loaded


def run(report: Report, work: Path, runs: int) -> None:
    site = build_default_site(work)
    widgets = widget_pages(site)
    pages: dict[str, tuple[Path, str | None]] = {}
    for name, (path, widget) in widgets.items():
        pages[name] = (path, widget)
        pages[f"{name}, plain"] = (plain_copy(path), None)
    rounds = max(runs, MIN_ROUNDS)
    samples, loaded = measure(pages, rounds)
    note = f"median of {rounds} loads"

    for name, (_, widget) in widgets.items():
        plain = f"{name}, plain"
        base = {key: median(samples[plain][key]) for key in ("dcl", "fcp")}
        report.add(
            Figure("pages", f"{plain} (none of our files): DOMContentLoaded", base["dcl"], "ms")
        )
        if own_bytes(site, loaded[plain]):
            report.problem("pages", f"{plain} still loads files of ours")
        ready = median(samples[name]["ready"])
        label = f"{name}: {widget} ready (mark pb-ready:{widget})"
        report.add(Figure("pages", label, ready, "ms", note=note))
        ratio = ready / base["dcl"]
        report.add(
            Figure(
                "pages",
                f"{name}: ready / plain copy's DOMContentLoaded",
                ratio,
                "x",
                target=f"<= {READY_TARGET:.2f}",
                met=ratio <= READY_TARGET,
            )
        )
        for key, label in (("dcl", "DOMContentLoaded"), ("fcp", "first contentful paint")):
            value = median(samples[name][key])
            ratio = value / base[key]
            report.add(
                Figure(
                    "pages",
                    f"{name}: {label} / plain copy",
                    ratio,
                    "x",
                    target=f"<= {LOAD_TARGET:.2f}",
                    met=ratio <= LOAD_TARGET,
                    note=f"{value:.1f} ms against {base[key]:.1f} ms",
                )
            )
        kb = own_bytes(site, loaded[name]) / 1024
        report.add(
            Figure(
                "pages",
                f"{name}: own JS+CSS loaded (uncompressed)",
                kb,
                "KB",
                target=f"<= {BYTES_TARGET_KB:.0f} KB",
                met=kb <= BYTES_TARGET_KB,
            )
        )
