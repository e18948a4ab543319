"""The MkDocs plugin `playbook`: glue between MkDocs and the renderer, nothing more.

on_config validates the playbook (aborting with the same lines as `playbook validate`), renders
the docs tree of one language with `generator.render.docs_tree` (the one render `playbook render`
and the Zensical engine write to disk), sets the theme's language for a translation, and
registers its stylesheets, scripts and navigation; on_files
hands the tree's files to MkDocs; on_serve watches the folders the site is made from.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from generator.confine import confine
from generator.findings import PlaybookError
from generator.layout import PAGES_DIR, SCHEMA_DIR, TEMPLATES_DIR

if TYPE_CHECKING:
    from generator.render.docs_tree import DocsTree

log = logging.getLogger("mkdocs.plugins.playbook")


class PlaybookConfig(Config):
    enabled = opt.Type(bool, default=True)
    """Switch the plugin off without removing it from mkdocs.yml."""
    playbook_dir = opt.Type(str, default="playbook")
    """The playbook folder, relative to mkdocs.yml."""
    templates_dir = opt.Optional(opt.Type(str))
    """The organisation's templates (and assets/) that replace ours by file name."""
    pages_dir = opt.Optional(opt.Type(str))
    """Hand-written Markdown pages, published under guides/; default: <playbook_dir>/pages."""
    language = opt.Optional(opt.Type(str))
    """The language this build publishes: the playbook's own (default) or one of its
    `translations/<lang>/`; the theme and search then speak it too. One build is one language:
    `playbook build` builds them all, each other language into `<site>/<lang>/`."""


def compiled_theme_cache() -> Any:
    """A Jinja bytecode cache in the user's cache folder (checked against each template's source
    and Jinja's version by Jinja itself); in memory only when that folder cannot be written."""
    from jinja2 import FileSystemBytecodeCache

    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "incident-playbook" / "compiled-templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        from generator.render.environment import COMPILED

        return COMPILED
    return FileSystemBytecodeCache(str(folder))


def speak(config: Any, language: str, site_name: str | None) -> None:
    """Make a build speak `language`: the theme's (`<html lang>`, its own labels), the site's
    name (the home page's title in that language), the configuration's words a reader sees, and
    Material's search, whose default language follows the theme unless the configuration names
    one. Material's footer credit is English whatever the language: a translation leaves it out
    unless the project sets `extra.generator` itself."""
    from generator.engines.config import translate_settings_words
    from generator.i18n import speaking

    config.theme["language"] = language
    if site_name:
        config.site_name = site_name
    config.extra.setdefault("generator", False)  # Material's credit line exists only in English
    toc = config.mdx_configs.get("toc") if "toc" in config.markdown_extensions else None
    with speaking(language):
        translate_settings_words(config.theme.get("palette"), toc)
    for name in ("search", "material/search"):
        search = config.plugins.get(name)
        listed = getattr(getattr(search, "config", None), "lang", None)
        if listed and language not in listed:
            search.config.lang = [language]


class _Download(File):
    """A Markdown file published as it is (the summary download), not rendered into a page."""

    def is_documentation_page(self) -> bool:
        return False


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    def __init__(self) -> None:
        self.tree: DocsTree | None = None
        self.dirs: dict[str, Path] = {}
        # (playbook folder, DocsTree) that `build_site` validated and rendered (or found in its
        # cache) just before this build; used once instead of doing the same work a second time.
        self.prerendered: tuple[Path, DocsTree] | None = None

    # Runs before Material's offline plugin (priority 0), which adds a CDN shim unless a polyfill
    # named iframe-worker is already registered.
    @event_priority(50)
    def on_config(self, config):  # type: ignore[no-untyped-def]
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path or ".").resolve().parent
        playbook = root / self.config.playbook_dir
        templates = root / self.config.templates_dir if self.config.templates_dir else None
        pages = root / self.config.pages_dir if self.config.pages_dir else playbook / PAGES_DIR
        try:  # their files are published: no folder outside the project, no link leading out
            if templates is not None:
                confine(templates, root, "templates_dir")
            if self.config.pages_dir:
                confine(pages, root, "pages_dir")
        except PlaybookError as error:
            raise PluginError(f"{error}; the site was not built") from error
        self.dirs = {"playbook": playbook, "pages": pages, "schema": SCHEMA_DIR}
        self.dirs["templates"] = TEMPLATES_DIR
        if templates:
            self.dirs["org templates"] = templates
        handed, self.prerendered = self.prerendered, None
        if handed is not None and handed[0] == playbook:
            self.tree = handed[1]
        else:
            self.tree = self._render(config, playbook, templates, pages)
        if self.config.language:
            speak(config, self.config.language, self.tree.home_title())
        if config.nav is None:
            config.nav = self.tree.nav
        polyfills = config.extra.setdefault("polyfills", [])
        for path in reversed(self.tree.polyfills):
            if path not in polyfills:
                polyfills.insert(0, path)
        for path in self.tree.stylesheets:
            if path not in config.extra_css:
                config.extra_css.append(path)
        listed = [str(s) for s in config.extra_javascript]
        for path in self.tree.scripts:
            if path not in listed:
                script = opt.ExtraScriptValue(path)
                script.defer = True
                config.extra_javascript.append(script)
        return config

    def _render(self, config: Any, playbook: Path, templates: Path | None, pages: Path) -> DocsTree:
        from generator.render.addresses import link_style
        from generator.render.docs_tree import render_languages
        from generator.site_build import validate_for_site

        # Material's offline plugin (it runs after us) builds .html addresses
        directory_urls = config.use_directory_urls and "offline" not in config.plugins
        try:
            result = validate_for_site(playbook, log)
            site = render_languages(
                result.model,
                result.document,
                playbook,
                templates_dir=templates,
                pages_dir=pages,
                link_style=link_style("mkdocs", directory_urls=directory_urls),
                only=self.config.language or "",
                translations=result.translations,
            )
            return next(iter(site.trees.values()))
        except PlaybookError as error:
            raise PluginError(f"{error}; the site was not built") from error

    def on_files(self, files: Files, *, config) -> Files:  # type: ignore[no-untyped-def]
        if not self.config.enabled:
            return files
        # mkdocs.yml's docs_dir is the pages folder: MkDocs found those pages at the top of the
        # site, while the renderer publishes them (and their images) under guides/.
        pages = self.dirs["pages"].resolve()
        for found in list(files):
            if found.abs_src_path and Path(found.abs_src_path).resolve().is_relative_to(pages):
                files.remove(found)
        assert self.tree is not None
        for item in self.tree.files:
            if files.get_file_from_path(item.path) is not None:
                raise PluginError(
                    f"{config.docs_dir}/{item.path} has the address of a page the playbook "
                    f"generates; put your own pages in {self.dirs['pages']} instead"
                )
            kind = _Download if item.path in self.tree.downloads else File
            files.append(kind.generated(config, item.path, content=item.content))
        for path, source in self.tree.assets.items():
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, abs_src_path=str(source)))
        return files

    def on_env(self, env, *, config, files):  # type: ignore[no-untyped-def]
        # The theme's templates are compiled once and kept on disk: compiling Material's
        # templates was a fifth of a small site's build, in every process, for the same code.
        if self.config.enabled and env.bytecode_cache is None:
            env.bytecode_cache = compiled_theme_cache()
        return env

    def on_serve(self, server, *, config, builder):  # type: ignore[no-untyped-def]
        if self.config.enabled:
            for folder in self.dirs.values():
                if folder.exists():
                    server.watch(str(folder))
        return server
