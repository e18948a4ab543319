"""Section 5: how fast responder pages load in headless Chromium from file://.

The default playbook's site is built once; then the home page, a checklist page (the first
phase), the decision tree and a plain Markdown page of the same site (the first guide) are
loaded in turn, each in a fresh browser context, several rounds. From the Performance API:
time to DOMContentLoaded and to first contentful paint. The bytes are our own JavaScript and
CSS (`assets/playbook/*`) the page references once loaded (widgets add theirs on demand), read
from disk: file:// fills in no resource timing and no transfer sizes.
"""

from __future__ import annotations

from pathlib import Path

from generator.layout import PAGES_DIR
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

LOAD_TARGET = 1.20
BYTES_TARGET_KB = 30.0
OWN_ASSETS = "/assets/playbook/"

_TIMINGS_JS = """
async () => {
  const fcp = () => performance.getEntriesByName('first-contentful-paint')[0];
  for (let i = 0; i < 100 && !fcp(); i++) await new Promise(r => setTimeout(r, 20));
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    dcl: nav.domContentLoadedEventEnd,
    fcp: fcp() ? fcp().startTime : null,
    // file:// fills no resource timing, so list what the page references, including what
    // the widgets added on demand.
    resources: [...document.querySelectorAll('script[src], link[rel=stylesheet][href]')]
      .map(e => e.src || e.href),
  };
}
"""


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


def pick_pages(site: Path) -> dict[str, Path]:
    phases = sorted(p for p in (site / "phases").glob("*.html") if p.name != "index.html")
    guides_src = sorted((PROJECT_ROOT / "playbook" / PAGES_DIR).rglob("*.md"))
    if not guides_src:
        raise RuntimeError("the default playbook has no own pages to compare against")
    guide = site / "guides" / guides_src[0].relative_to(PROJECT_ROOT / "playbook" / PAGES_DIR)
    return {
        "plain guide page": guide.with_suffix(".html"),
        "home": site / "index.html",
        "checklist (phase page)": phases[0],
        "decision tree": site / "respond" / "decide-severity.html",
    }


def own_bytes(site: Path, resources: list[str]) -> int:
    total = 0
    for url in set(resources):
        if OWN_ASSETS in url and url.startswith("file://"):
            path = Path(url.removeprefix("file://").split("?")[0].split("#")[0])
            if path.is_file() and path.is_relative_to(site):
                total += path.stat().st_size
    return total


def run(report: Report, work: Path, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    site = build_default_site(work)
    pages = pick_pages(site)
    rounds = max(runs, 8)  # page loads are cheap and noisy: a few more rounds
    samples: dict[str, dict[str, list[float]]] = {name: {"dcl": [], "fcp": []} for name in pages}
    loaded: dict[str, list[str]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for round_no in range(rounds + 1):  # round 0 warms the disk cache, unrecorded
                for name, path in pages.items():
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(path.as_uri(), wait_until="load")
                    found = page.evaluate(_TIMINGS_JS)
                    context.close()
                    loaded[name] = found["resources"]
                    if round_no and found["fcp"] is not None:
                        samples[name]["dcl"].append(found["dcl"])
                        samples[name]["fcp"].append(found["fcp"])
        finally:
            browser.close()

    base = {k: median(v) for k, v in samples["plain guide page"].items()}
    report.add(Figure("pages", "plain guide page: DOMContentLoaded", base["dcl"], "ms"))
    report.add(Figure("pages", "plain guide page: first contentful paint", base["fcp"], "ms"))
    report.add(
        Figure(
            "pages",
            "plain guide page: own JS+CSS loaded",
            own_bytes(site, loaded["plain guide page"]) / 1024,
            "KB",
        )
    )
    for name in pages:
        if name == "plain guide page":
            continue
        for key, label in (("dcl", "DOMContentLoaded"), ("fcp", "first contentful paint")):
            value = median(samples[name][key])
            report.add(Figure("pages", f"{name}: {label}", value, "ms"))
            ratio = value / base[key]
            report.add(
                Figure(
                    "pages",
                    f"{name}: {label} / plain page",
                    ratio,
                    "x",
                    target=f"<= {LOAD_TARGET:.2f}",
                    met=ratio <= LOAD_TARGET,
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
