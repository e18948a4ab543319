"""Open an exported HTML file from file:// in Debian's Chromium and report what a reader gets.

Run as a child process (`python -m tests.export.browser_check FILE`) so its Playwright session
never meets the one the browser tests keep open for the whole run; prints one JSON object.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.chromium import CHROMIUM, CHROMIUM_ARGS, allow_only_file_urls

PDF_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")


def check(path: Path) -> dict[str, object]:
    blocked: list[str] = []
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context()
        allow_only_file_urls(context, blocked)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.goto(path.resolve().as_uri())
        page.wait_for_load_state("networkidle")
        toc = page.eval_on_selector_all(
            "nav.toc a",
            "links => links.map(a => ({text: a.textContent, href: a.getAttribute('href'),"
            " target: !!document.getElementById(a.getAttribute('href').slice(1))}))",
        )
        headings = page.eval_on_selector_all("h2, h3", "hs => hs.map(h => h.textContent)")
        text = page.inner_text("body")
        page.emulate_media(media="print")
        printed = {
            "toc_visible": page.is_visible("nav.toc"),
            "toc_break_after": page.eval_on_selector(
                "nav.toc", "n => getComputedStyle(n).breakAfter"
            ),
            "part_break_before": page.eval_on_selector(
                "section.part", "s => getComputedStyle(s).breakBefore"
            ),
        }
        pdf = page.pdf(format="A4", outline=True, tagged=True)
        browser.close()
    return {
        "blocked": blocked,
        "errors": errors,
        "toc": toc,
        "headings": headings,
        "text": text,
        "print": printed,
        "pdf_pages": len(PDF_PAGE.findall(pdf)),
        "pdf_outline": b"/Outlines" in pdf,
        "pdf_start": pdf[:5].decode("latin-1"),
    }


if __name__ == "__main__":
    print(json.dumps(check(Path(sys.argv[1]))))
