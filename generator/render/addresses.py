"""Addresses for links written as raw HTML (the flowchart's SVG, the tree outline).

Markdown links between pages go to the `.md` source (`../roles/scribe.md`) and every engine turns
them into the right address. Raw HTML is where the engines differ: MkDocs leaves it alone, so its
links must already be the built page's address, which depends on `use_directory_urls`
(`roles/scribe.html` or `roles/scribe/`); Zensical rewrites relative links in raw HTML as it does
in Markdown, so there they must be the `.md` source, like Markdown links. Three styles:

- `html`: `roles/scribe.html` (MkDocs or Zensical without directory URLs, the offline default),
- `directory`: `roles/scribe/` (MkDocs with `use_directory_urls: true`),
- `source`: `roles/scribe.md` (Zensical with `use_directory_urls: true`).
"""

from __future__ import annotations

import posixpath

STYLES = ("html", "directory", "source")


def link_style(engine: str, *, directory_urls: bool) -> str:
    """The raw-HTML link style an engine needs."""
    if not directory_urls:
        return "html"
    return "source" if engine == "zensical" else "directory"


def page_url(path: str, *, style: str) -> str:
    """The address of the page built from the Markdown file `path` (relative to the site root).

    Files that are not Markdown pages keep their path."""
    if not path.endswith(".md") or style == "source":
        return path
    stem = path[:-3]
    if style == "html":
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]  # "" for the home page, "roles/" for roles/index.md
    return stem + "/"


def relative_url(from_path: str, to_path: str, *, style: str) -> str:
    """The link from the page built from `from_path` to the page or file `to_path`.

    A fragment (`#id`) on `to_path` is kept."""
    target, hash_mark, fragment = to_path.partition("#")
    here = page_url(from_path, style=style)
    there = page_url(target, style=style)
    base = here if here.endswith("/") or here == "" else posixpath.dirname(here)
    relative = posixpath.relpath(there or ".", base or ".")
    if there.endswith("/") or there == "":
        relative = "./" if relative == "." else relative.rstrip("/") + "/"
    return relative + hash_mark + fragment


def outside_url(from_path: str, to_path: str, *, style: str) -> str:
    """The link from the page built from `from_path` to a page of another build (another
    language's site), which the engine cannot resolve as a source file.

    MkDocs leaves such a link alone, so it is the built page's address (`relative_url`). Zensical
    (the `source` style) reads a relative link in raw HTML from the Markdown file's folder and
    rewrites it for the built page's place; so it is written from that folder, to the other
    page's directory address."""
    if style != "source":
        return relative_url(from_path, to_path, style=style)
    target = page_url(to_path, style="directory")
    relative = posixpath.relpath(target or ".", posixpath.dirname(from_path) or ".")
    return "./" if relative == "." else relative.rstrip("/") + "/"
