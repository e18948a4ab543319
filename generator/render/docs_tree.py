"""The complete render: everything a site needs, as one docs folder any engine can build.

`render_site` (site.py) gives the pages, the data files, the download and the organisation's own
pages and files. This module adds the rest an engine needs and cannot guess without our plugin:
the widgets' assets (from `<templates>/assets/`), which of them every page loads, and the
navigation. `playbook render` writes the tree to disk with a site configuration beside it; the
MkDocs plugin hands the same tree to MkDocs in memory; the Zensical engine writes it to disk.
There is no other way to produce pages.

A playbook with translations has one tree per language (`render_languages`, `SiteTrees`): the
same pages, each rendered in its language, each with the language switcher under its title.
"""

from __future__ import annotations

import inspect
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.findings import BuildError
from generator.layout import PAGES_DIR, TEMPLATES_DIR

if TYPE_CHECKING:  # the renderer (and the validator it imports) loads only when rendering
    from generator.render.site import RenderedFile

#: Where the widgets' files are published (the folder name under every templates folder).
ASSETS = "assets"
#: Must load before the theme's bundle: our stand-in for a Worker, which search needs on file://.
#: Its name also stops the engines' offline plugin from adding a shim fetched from another host.
POLYFILLS = ("iframe-worker.js",)
#: The language switcher's style: loaded only on a site of several languages.
LANGUAGES_CSS = "languages.css"
#: Loaded by playbook.js only on the pages that use them (its ON_DEMAND; keeps every page light).
ON_DEMAND = (
    "tree.js",
    "tree.css",
    "composer.js",
    "composer.css",
    "checklist.js",
    "checklist.css",
    "home.css",
    "tables.css",
    "sheet.css",
    "incident-tools.js",
    "incident-tools.css",
    "copy.js",
    "copy.css",
)


@dataclass(frozen=True)
class DocsTree:
    """A docs folder in memory: generated files, copied assets, and what the config must say."""

    files: list[RenderedFile]  # anything with .path and .content (str or bytes)
    assets: dict[str, Path]  # site path -> source file, copied as they are
    nav: list[Any]
    stylesheets: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)  # loaded with `defer`
    polyfills: list[str] = field(default_factory=list)
    downloads: list[str] = field(default_factory=list)  # published as they are, never as pages

    def paths(self) -> list[str]:
        """Every site path of the tree, sorted."""
        return sorted([f.path for f in self.files] + list(self.assets))

    def home_title(self) -> str | None:
        """The home page's title (its opening `# ` heading): a translation's site name, since
        the project's `site_name` is written in the default language."""
        home = next((f for f in self.files if f.path == "index.md"), None)
        if home is None:
            return None
        text = home.content.decode("utf-8") if isinstance(home.content, bytes) else home.content
        for line in text.splitlines():
            if line.strip():
                title = line[2:].split("{", 1)[0] if line.startswith("# ") else ""
                return " ".join(re.sub(r"<[^>]*>", "", title).split()) or None  # no marks
        return None


def render_docs(
    model: Any,
    document: Any,
    *,
    templates_dir: Path | None = None,
    pages_dir: Path | None = None,
    build_date: date | None = None,
    link_style: str = "html",
    languages: Sequence[str] = (),
    own_pages: Mapping[str, str] | None = None,
) -> DocsTree:
    """Render the whole docs tree of a validated playbook (raises `BuildError` on a template).

    `link_style` is how raw-HTML links address pages (`generator.render.addresses`). With more
    than one of `languages` (the site's, default first), the tree is the current language's
    (`generator.i18n.speaking`): every page carries the language switcher and the site loads
    `languages.css`; `own_pages` (file name -> Markdown) are the organisation's pages translated
    into it, replacing theirs by name (None for the default language; a page without one is
    shown in the default language, marked as such)."""
    from generator.render.minify import minify_assets
    from generator.render.site import SUMMARY_DOWNLOAD, build_date_from_env, render_site, site_nav
    from generator.render.widget_data import ship_messages

    styled: dict[str, Any] = {}
    if "html_links" in inspect.signature(render_site).parameters:
        styled["html_links"] = link_style
    elif link_style != "html":
        raise BuildError(
            "use_directory_urls: true is not supported by this version of the renderer; "
            "set use_directory_urls: false in mkdocs.yml (pages are then addressed as page.html)"
        )
    files = render_site(
        model,
        document,
        templates_dir=templates_dir,
        pages_dir=pages_dir,
        build_date=build_date or build_date_from_env(),
        **styled,
    )
    several = len(languages) > 1
    if several:
        files = _in_language(files, languages, own_pages, link_style)
    assets = published_assets([*([templates_dir] if templates_dir else []), TEMPLATES_DIR])
    generated = {f.path for f in files}
    assets = {path: source for path, source in assets.items() if path not in generated}
    stylesheets, scripts, polyfills = [], [], []
    for path in assets:
        name = path.rsplit("/", 1)[-1]
        if name in POLYFILLS:
            polyfills.append(path)
        elif name in ON_DEMAND or (name == LANGUAGES_CSS and not several):
            continue
        elif path.endswith(".css"):
            stylesheets.append(path)
        elif path.endswith(".js"):
            scripts.append(path)
    nav = site_nav(model, pages_dir)
    files = ship_messages(files, assets)  # pages not in the source language: widget messages
    files, assets = minify_assets(files, assets)  # our JS/CSS, minified (page-speed budget)
    return DocsTree(files, assets, nav, stylesheets, scripts, polyfills, [SUMMARY_DOWNLOAD])


def _in_language(
    files: list[RenderedFile],
    languages: Sequence[str],
    own_pages: Mapping[str, str] | None,
    link_style: str,
) -> list[RenderedFile]:
    """The pages of the current language: the organisation's own pages translated (or marked
    untranslated) and the language switcher under every page's title."""
    from generator.i18n import current_language
    from generator.render.site import GUIDES, SUMMARY_DOWNLOAD, RenderedFile
    from generator.render.switcher import marked_untranslated, switcher_html, with_block

    lang = current_language()
    out: list[RenderedFile] = []
    for file in files:
        if not file.path.endswith(".md") or file.path == SUMMARY_DOWNLOAD:
            out.append(file)
            continue
        text = file.content.decode("utf-8") if isinstance(file.content, bytes) else file.content
        switcher = switcher_html(file.path, lang, languages, style=link_style)
        own = file.path.removeprefix(f"{GUIDES}/") if file.path.startswith(f"{GUIDES}/") else None
        if own is None or own_pages is None:
            text = with_block(text, switcher)
        elif own in own_pages:
            text = with_block(own_pages[own], switcher)
        else:
            text = marked_untranslated(text, languages[0], switcher)
        out.append(RenderedFile(file.path, text))
    return out


@dataclass(frozen=True)
class SiteTrees:
    """The docs trees of a site's languages (all of them, or the one rendered for a preview)."""

    languages: tuple[str, ...]  # every language of the site, the default first
    trees: dict[str, DocsTree]  # the rendered ones, in site order

    def is_default(self, lang: str) -> bool:
        return lang == self.languages[0]

    def prefix(self, lang: str) -> str:
        """Where `lang`'s site goes inside the site folder: "" for the default, else `<lang>/`."""
        return "" if lang == self.languages[0] else f"{lang}/"


def render_languages(
    model: Any,
    document: Any,
    playbook_dir: Path,
    *,
    templates_dir: Path | None = None,
    pages_dir: Path | None = None,
    build_date: date | None = None,
    link_style: str = "html",
    only: str | None = None,
    translations: Any = None,
) -> SiteTrees:
    """Render every language of the site (`generator.translations.languages.site_languages`),
    or just `only` among them ("" for the default language), with the organisation's pages of
    `pages_dir` (default: the playbook's `pages/`): the default from the model, each
    other from the model translated into it, each rendered in its language
    (`generator.i18n.speaking`). Validation (of the translations too) has been done, and hands
    over the `translations` it loaded (read here otherwise); a language without a translation of
    a text shows the source text, marked."""
    from generator.i18n import speaking
    from generator.render.filters import source_language
    from generator.render.site import build_date_from_env
    from generator.translations.languages import site_languages

    source = getattr(model.organisation, "language", None) or "en"
    languages = site_languages(playbook_dir, source)
    only = source if only == "" else only
    if only is not None and only not in languages:
        raise BuildError(
            f"the playbook has no language {only!r}; its languages: {', '.join(languages)}"
        )
    day = build_date or build_date_from_env()
    pages_dir = pages_dir if pages_dir is not None else playbook_dir / PAGES_DIR
    if len(languages) > 1 and translations is None:  # not handed over by a validation
        from generator.translations import load_translations

        translations = load_translations(playbook_dir)
    trees: dict[str, DocsTree] = {}
    for lang in languages:
        if only is not None and lang != only:
            continue
        speaking_model, own_pages = model, None
        if lang != source and translations is not None:
            from generator.translations import translated

            speaking_model, _ = translated(model, translations, lang)
            pages = translations.pages.get(lang, {})
            own_pages = {name: page.body for name, page in pages.items()}
        with speaking(lang), source_language(source):  # untranslated text: lang=<source>
            trees[lang] = render_docs(
                speaking_model,
                document,
                templates_dir=templates_dir,
                pages_dir=pages_dir,
                build_date=day,
                link_style=link_style,
                languages=languages,
                own_pages=own_pages,
            )
    return SiteTrees(languages, trees)


def validated_site(
    playbook_dir: Path,
    *,
    templates_dir: Path | None = None,
    pages_dir: Path | None = None,
    link_style: str = "html",
    only: str | None = None,
) -> tuple[SiteTrees, Any]:
    """Validate once, then render every language (or `only` one); raises `InvalidPlaybook`
    carrying the result when the playbook has errors."""
    from generator.findings import InvalidPlaybook
    from generator.pipeline import validate_playbook

    result = validate_playbook(playbook_dir)
    if not result.ok or result.model is None or result.document is None:
        raise InvalidPlaybook(list(result.findings), result=result)
    site = render_languages(
        result.model,
        result.document,
        playbook_dir,
        templates_dir=templates_dir,
        pages_dir=pages_dir,
        link_style=link_style,
        only=only,
        translations=result.translations,
    )
    return site, result


def published_assets(template_dirs: list[Path]) -> dict[str, Path]:
    """Site path -> source for every file under `<templates>/assets`; earlier folders win."""
    found: dict[str, Path] = {}
    for folder in template_dirs:
        base = folder / ASSETS
        if not base.is_dir():
            continue
        for source in sorted(base.rglob("*")):
            rel = source.relative_to(folder).as_posix()
            hidden = any(part.startswith(".") for part in rel.split("/"))
            if source.is_file() and not hidden and rel not in found:
                found[rel] = source
    return dict(sorted(found.items()))


def write_docs(tree: DocsTree, out: Path, *, prune: bool = False) -> list[str]:
    """Write the tree under `out`; returns the site paths whose content changed.

    A file whose bytes are already there is not touched (its time stays, so an engine's cache or
    watcher sees only real changes). With `prune`, files under `out` that the tree no longer has
    are deleted (for a folder only we write into)."""
    changed: list[str] = []
    for file in tree.files:
        data = file.content if isinstance(file.content, bytes) else file.content.encode("utf-8")
        if _write_if_changed(out / file.path, data):
            changed.append(file.path)
    for path, source in tree.assets.items():
        if _write_if_changed(out / path, source.read_bytes()):
            changed.append(path)
    if prune and out.is_dir():
        keep = set(tree.paths())
        for found in sorted(out.rglob("*"), reverse=True):
            rel = found.relative_to(out).as_posix()
            if found.is_file() and rel not in keep:
                found.unlink()
                changed.append(rel)
            elif found.is_dir() and not any(found.iterdir()):
                found.rmdir()
    return sorted(changed)


def _write_if_changed(target: Path, data: bytes) -> bool:
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(target)  # a watcher never reads a half-written file
    return True
