"""Render a validated playbook into the site's Markdown pages and data files (no MkDocs here)."""

from __future__ import annotations

from generator.render.site import RenderedFile, build_date_from_env, render_site, site_nav

__all__ = ["RenderedFile", "build_date_from_env", "render_site", "site_nav"]
