"""Our widget scripts and stylesheets, minified for the built site.

Every page loads them, and the page-speed budget (tests/benchmarks: our JS + CSS at most 30 KB
per page, uncompressed) counts their bytes. The sources in `templates/assets/` stay readable,
with their comments; the site gets them without comments and indentation. rjsmin and rcssmin only
remove what a browser ignores (no renaming, no rewriting), and give the same bytes for the same
input, so builds stay byte-identical. An organisation's own asset overrides are published as
written: we do not know what their files rely on.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.layout import TEMPLATES_DIR

#: Only files under our own templates' assets are minified.
OWN_ASSETS = TEMPLATES_DIR / "assets"


def minified(path: str, text: str) -> str | None:
    """`text` minified by its site path's type, or None for a type we leave alone."""
    if path.endswith(".js"):
        import rjsmin

        return rjsmin.jsmin(text, keep_bang_comments=False).strip() + "\n"
    if path.endswith(".css"):
        import rcssmin

        return rcssmin.cssmin(text, keep_bang_comments=False).strip() + "\n"
    return None


def minify_assets(
    files: Sequence[Any], assets: dict[str, Path]
) -> tuple[list[Any], dict[str, Path]]:
    """Move our own `.js`/`.css` assets into generated files with minified content.

    Returns the tree's files plus the minified ones, and the assets still copied as they are."""
    from generator.render.site import RenderedFile

    own = OWN_ASSETS.resolve()
    generated = list(files)
    copied: dict[str, Path] = {}
    for path, source in assets.items():
        small = None
        if source.resolve().is_relative_to(own):
            small = minified(path, source.read_text(encoding="utf-8"))
        if small is None:
            copied[path] = source
        else:
            generated.append(RenderedFile(path, small))
    return generated, copied
