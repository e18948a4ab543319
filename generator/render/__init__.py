"""Render a validated playbook into the site's Markdown pages and data files (no MkDocs here).

The names below load `generator.render.site` on first use (PEP 562): importing a small module
such as `generator.render.addresses` must not pull in Jinja, the templates and the validator.
"""

from __future__ import annotations

from typing import Any

__all__ = ["RenderedFile", "build_date_from_env", "render_site", "site_nav"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from generator.render import site

        return getattr(site, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
