"""Debian's Chromium as every browser test and benchmark launches it: never a downloaded browser.

Chromium is `$PLAYBOOK_CHROMIUM` when set, else `chromium` on PATH (Debian: /usr/bin/chromium),
so hiding it from PATH is how to check that a run without a browser fails loudly in CI.
The flags keep a root, headless Chromium from reaching for Google's services, which this
machine's closed network would refuse at every start.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

#: Where Chromium is expected when nothing finds it; named in messages about a missing browser.
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")


def _find() -> Path:
    chosen = os.environ.get("PLAYBOOK_CHROMIUM")
    if chosen:
        return Path(chosen)
    on_path = shutil.which("chromium")
    return Path(on_path) if on_path else DEBIAN_CHROMIUM


CHROMIUM = _find()


def chromium_missing() -> str | None:
    """Why the browser cannot be launched, naming what is missing; None when it can."""
    if os.environ.get("PLAYBOOK_CHROMIUM"):
        if not CHROMIUM.is_file():
            return f"Chromium: PLAYBOOK_CHROMIUM={CHROMIUM} is not a file"
    elif shutil.which("chromium") is None:
        return (
            f"Chromium: no `chromium` on PATH (expected {DEBIAN_CHROMIUM};"
            " Debian: apt-get install chromium, or set PLAYBOOK_CHROMIUM)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python: not installed (pip install -e '.[test]')"
    return None


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def allow_only_file_urls(context: Any, blocked: list[str]) -> None:
    """Abort every request of `context` that does not read a file, recording it in `blocked`:
    the site must work offline, from disk, with no request to another host."""

    def guard(route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
