"""Addresses of built pages, for links written as raw HTML (which no engine rewrites).

Markdown links between pages are written to the `.md` source (`../roles/scribe.md`) and every
engine turns them into the right address. Raw HTML (the flowchart's SVG, the tree outline) is left
alone by the engines, so its links must already be the built page's address, and that depends on
`use_directory_urls`: `roles/scribe.md` is built as `roles/scribe.html` without it and as
`roles/scribe/` (its `index.html`) with it.
"""

from __future__ import annotations

import posixpath


def page_url(path: str, *, directory_urls: bool) -> str:
    """The address of the page built from the Markdown file `path` (relative to the site root).

    Files that are not Markdown pages keep their path."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]  # "" for the home page, "roles/" for roles/index.md
    return stem + "/"


def relative_url(from_path: str, to_path: str, *, directory_urls: bool) -> str:
    """The link from the page built from `from_path` to the file or page `to_path`, relative.

    A fragment (`#id`) on `to_path` is kept."""
    target, hash_mark, fragment = to_path.partition("#")
    here = page_url(from_path, directory_urls=directory_urls)
    there = page_url(target, directory_urls=directory_urls)
    base = here if here.endswith("/") or here == "" else posixpath.dirname(here)
    relative = posixpath.relpath(there or ".", base or ".")
    if there.endswith("/") or there == "":
        relative = relative.rstrip("/") + "/" if relative != "." else "./"
    return relative + hash_mark + fragment
