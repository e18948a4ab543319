"""Build and serve the site with MkDocs: the engine-specific half of the CLI.

The engine stays behind this module and `generator.mkdocs_plugin`; the CLI and the renderer do
not import MkDocs. `build_site` validates the playbook first, then builds into a fresh folder next
to the target and swaps it in only when the build succeeded, so a failed build leaves the previous
site exactly as it was.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.findings import BuildError, InvalidPlaybook
from generator.site_swap import exclusive, remove_leftovers, swap_in

# Material for MkDocs prints an end-of-life notice on import unless this is set; nothing a reader
# of our build output can act on. Set before anything imports mkdocs or material.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

DEFAULT_CONFIG = "mkdocs.yml"
PLUGIN = "playbook"


@dataclass(frozen=True)
class Built:
    site_dir: Path
    playbook_dir: Path
    warnings: str  # the text report of validation warnings, empty when there are none
    languages: tuple[str, ...] = ()  # the default first; each other one is built under <lang>/


class InvalidSite(InvalidPlaybook):
    """The playbook has errors; `report` is the text `playbook validate` prints for them."""

    def __init__(self, findings: list[Any], report: str, shown_site: str) -> None:
        super().__init__(findings)
        self.report = report
        self.args = (f"{self.args[0]}; {shown_site} was left as it was",)


def validate_for_site(playbook_dir: Path, log: logging.Logger) -> Any:
    """The validation of a valid playbook (its model, merged document and loaded translations,
    all a render needs). For an invalid one, logs every line
    `playbook validate` prints (so a reader sees file:line:col), then raises `InvalidPlaybook`."""
    from generator.pipeline import validate_playbook
    from generator.report import report

    result = validate_playbook(playbook_dir)
    if result.findings:
        for line in report(result, "text").splitlines():
            # Warnings stay at info: `--strict` must not fail on, say, a stale review date.
            (log.error if not result.ok else log.info)(line)
    if not result.ok:
        raise InvalidPlaybook(list(result.findings))
    return result


def build_site(
    config_file: Path | str | None = None,
    site_dir: Path | str | None = None,
    *,
    engine: str = "mkdocs",
) -> Built:
    """Validate and render (or take both from the render cache when nothing changed), then build
    with `engine` into a temporary folder and swap it in at `site_dir`.
    Raises `InvalidSite` or `BuildError`; the previous site is untouched then."""
    from generator.engines.config import read_project

    config_path = Path(config_file or DEFAULT_CONFIG).resolve()
    target = Path(site_dir).resolve() if site_dir else config_path.parent / "site"
    _configure_logging(logging.WARNING)
    if engine == "zensical":
        from generator.engines import zensical

        zensical.zensical_module()  # says how to install it before any work is done
    else:
        config = _load_config(config_path)
        _playbook_dir(config, config_path)  # the plugin must be listed
    project = read_project(config_path)
    site, warnings = _rendered(project, engine, _shown(target) + "/")
    if engine == "zensical":
        zensical.build(project, site, target, _shown(target) + "/")
    else:
        _build_with_mkdocs(config, config_path, project.playbook_dir, site, target)
    return Built(target, project.playbook_dir, warnings, site.languages)


def _rendered(project: Any, engine: str, shown_site: str) -> tuple[Any, str]:
    """Every language's docs tree and the warnings report: from the render cache when every
    input is as it was at the last build, else validated (once) and rendered now (and cached)."""
    from generator.engines import render_cache
    from generator.render.addresses import link_style
    from generator.translations.languages import translation_folders

    style = link_style(engine, directory_urls=project.directory_urls)
    folders = [project.playbook_dir, project.pages_dir, project.templates_dir]
    languages = translation_folders(project.playbook_dir)
    key = render_cache.cache_key(folders, link_style=style, languages=languages)
    cache_file = project.config_path.resolve().parent / render_cache.CACHE_FILE
    hit = render_cache.load(cache_file, key)
    if hit is not None:
        return hit
    from generator.findings import InvalidPlaybook
    from generator.render.docs_tree import validated_site
    from generator.report import report

    try:
        site, result = validated_site(
            project.playbook_dir,
            templates_dir=project.templates_dir,
            pages_dir=project.pages_dir,
            link_style=style,
        )
    except InvalidPlaybook as error:
        findings, result = error.findings, error.result
        raise InvalidSite(list(findings), report(result, "text"), shown_site) from None
    except BuildError as error:  # a template of the organisation's that does not render
        raise BuildError(
            f"{error}; the site was not built; {shown_site} was left as it was"
        ) from error
    warnings = report(result, "text") if result.warnings else ""
    render_cache.store(cache_file, key, site, warnings)
    return site, warnings


def _build_with_mkdocs(
    config: Any, config_path: Path, playbook_dir: Path, site: Any, target: Path
) -> None:
    """One MkDocs build per language, into one fresh folder swapped in whole: the default at its
    root, each other language (its own theme language and search) built beside it, in a child
    process when there is a core to spare (`generator.engines.parallel`), then moved under
    `<lang>/`. Any language failing leaves the previous site as it was."""
    from generator.engines.parallel import start

    shown = _shown(target) + "/"
    target.parent.mkdir(parents=True, exist_ok=True)
    with exclusive(target.parent):  # one build per site folder at a time: never a mix of two
        remove_leftovers(target)  # temporary folders of builds that were killed
        fresh = Path(tempfile.mkdtemp(prefix=f"{target.name}.new-", dir=target.parent))
        steps: dict[str, tuple[Path, Any]] = {}
        try:
            for lang, tree in site.trees.items():
                if site.is_default(lang):
                    continue
                folder = Path(tempfile.mkdtemp(prefix=f"{fresh.name}-{lang}-", dir=target.parent))
                build = functools.partial(
                    _build_translation, config_path, playbook_dir, tree, lang, folder, shown
                )
                steps[lang] = (folder, start(build))
            config.plugins[PLUGIN].prerendered = (playbook_dir, site.trees[site.languages[0]])
            config.site_dir = str(fresh)
            _mkdocs_build(config, shown)
            for lang, (folder, step) in steps.items():
                step.wait()
                folder.rename(fresh / lang)
            finish_site(fresh, site.languages)
        except BaseException:
            for folder, step in steps.values():
                step.cancel()
                shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        swap_in(fresh, target)  # atomic: the folder is the whole old or the whole new site


def _build_translation(
    config_path: Path, playbook_dir: Path, tree: Any, lang: str, folder: Path, shown: str
) -> None:
    config = _load_config(config_path)  # a configuration of its own: the plugin speaks `lang`
    config.plugins[PLUGIN].config.language = lang
    config.plugins[PLUGIN].prerendered = (playbook_dir, tree)  # no second render
    config.site_dir = str(folder)
    _mkdocs_build(config, shown)


def finish_site(fresh: Path, languages: tuple[str, ...] = ()) -> None:
    """What every engine's build gets before it is swapped in: the offline zips, the modes."""
    write_offline_zips(fresh, languages)
    fresh.chmod(0o777 & ~_umask())


#: The whole built site as one download, for reading offline (open index.html from disk).
OFFLINE_ZIP = "downloads/playbook-offline.zip"
#: The folder every offline zip unpacks into.
ZIP_FOLDER = "incident-playbook"
#: Fastest deflate: a third of level 6's time (0.06 s against 0.18 s at scale 1) for a download
#: about a quarter larger; the zip is made on every build, downloaded rarely.
ZIP_LEVEL = 1
#: Already compressed: deflating them again costs time and saves nothing.
COMPRESSED = frozenset({".gz", ".zip", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff", ".woff2"})


def write_offline_zips(site_dir: Path, languages: tuple[str, ...] = ()) -> list[Path]:
    """The offline zip of every language: each holds the whole site, every language, so no
    switcher link of the copy leads to a missing file. The default language's zip is the site
    as it is (`incident-playbook/index.html` opens it); another language's zip, linked from that
    language's pages at `<lang>/downloads/...`, holds the same site under `incident-playbook/site/`
    beside an `index.html` that opens the site in that language."""
    zips = [site_dir / (f"{lang}/" if i else "") / OFFLINE_ZIP for i, lang in enumerate(languages)]
    zips = zips or [site_dir / OFFLINE_ZIP]
    skipped = set(zips)
    files = sorted(
        p for p in site_dir.rglob("*") if p.is_file() and p not in skipped and p.suffix != ".map"
    )
    written = [_write_zip(zips[0], site_dir, files, ZIP_FOLDER + "/")]
    for lang, target in zip(languages[1:], zips[1:], strict=True):
        opening = {f"{ZIP_FOLDER}/index.html": _opening_page(lang)}
        written.append(_write_zip(target, site_dir, files, f"{ZIP_FOLDER}/site/", opening))
    return written


def write_offline_zip(site_dir: Path) -> Path:
    """Zip a site of one language into `OFFLINE_ZIP` (see `write_offline_zips`)."""
    return write_offline_zips(site_dir)[0]


def _write_zip(
    target: Path, site_dir: Path, files: list[Path], under: str, extra: dict[str, str] | None = None
) -> Path:
    """Entries in sorted order with a fixed timestamp: same site, same bytes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    entries = [(name, text.encode("utf-8")) for name, text in (extra or {}).items()]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(_zip_info(name), data, compresslevel=ZIP_LEVEL)
        for path in files:
            info = _zip_info(under + path.relative_to(site_dir).as_posix())
            if path.suffix.lower() in COMPRESSED:
                info.compress_type = zipfile.ZIP_STORED
            archive.writestr(info, path.read_bytes(), compresslevel=ZIP_LEVEL)
    return target


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _opening_page(lang: str) -> str:
    """The first page of another language's offline copy: straight on to that language's home
    (a link too, for a browser that does not follow the refresh)."""
    from html import escape

    from generator.i18n import gettext as _
    from generator.i18n import speaking

    home = f"site/{lang}/index.html"
    with speaking(lang):
        label = escape(_("Open the incident playbook"))
    code = escape(lang, quote=True)
    return (
        f'<!doctype html>\n<html lang="{code}">\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="refresh" content="0; url={home}">\n<title>{label}</title>\n'
        f'<p><a href="{home}">{label}</a></p>\n'
    )


#: How often `playbook serve` looks for saved files. MkDocs polls every 0.5 s: a quarter of a
#: second of waiting on average after each save. At 0.2 s an idle server at scale 1 uses about
#: 1.5% of a core (0.1 s: 3%; 0.5 s: 0.6%).
POLL_SECONDS = 0.2


def serve_site(
    config_file: Path | str | None = None,
    dev_addr: str | None = None,
    *,
    engine: str = "mkdocs",
    language: str | None = None,
) -> None:
    """A live preview of one language (default: the playbook's own; another is one of its
    translations): built again when a playbook, page or template file is saved. Only that
    language is served, so the switcher's links to the others lead nowhere in the preview."""
    _configure_logging(logging.INFO)
    config_path = Path(config_file or DEFAULT_CONFIG)
    if not config_path.is_file():
        raise BuildError(f"{config_path} does not exist")
    if engine == "zensical":
        from generator.engines import zensical
        from generator.engines.config import read_project

        zensical.serve(read_project(config_path.resolve()), dev_addr, language)
        return
    from generator.engines.mkdocs_serve import serve

    serve(config_path, dev_addr, polling_interval=POLL_SECONDS, language=language)


def _load_config(config_path: Path) -> Any:
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    if not config_path.is_file():
        raise BuildError(f"{_shown(config_path)} does not exist")
    try:
        return load_config(str(config_path), strict=True)
    except (Abort, ConfigurationError) as error:
        raise BuildError(f"{_shown(config_path)}: {error}") from error


def _playbook_dir(config: Any, config_path: Path) -> Path:
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        raise BuildError(f"{_shown(config_path)} does not list the `{PLUGIN}` plugin")
    return config_path.parent / plugin.config.playbook_dir


def _mkdocs_build(config: Any, shown_site: str) -> None:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    try:
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, MkDocsException) as error:
        raise BuildError(
            f"the site was not built ({error}); {shown_site} was left as it was"
        ) from error


def _configure_logging(level: int) -> None:
    """Show MkDocs' own warnings and errors the way `mkdocs build` does, once."""
    logger = logging.getLogger("mkdocs")
    handler = next((h for h in logger.handlers if isinstance(h, _StderrHandler)), None)
    if handler is None:
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    handler.setLevel(level)
    logger.setLevel(level)


class _StderrHandler(logging.Handler):
    """Writes to whatever `sys.stderr` is at the time (it may be swapped, as pytest does)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:
            self.handleError(record)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd())) or "."
    except ValueError:
        return str(path)
