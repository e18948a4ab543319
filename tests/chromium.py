"""Debian's Chromium as every browser test and benchmark launches it: never a downloaded browser.

The flags keep a root, headless Chromium from reaching for Google's services, which this
machine's closed network would refuse at every start.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

CHROMIUM = Path(os.environ.get("PLAYBOOK_CHROMIUM", "/usr/bin/chromium"))
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
