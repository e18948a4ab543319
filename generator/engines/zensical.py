"""Build and serve with Zensical, which runs no third-party plugins: we render the docs folder
and a configuration without our plugin into a work folder, and Zensical builds that.

The work folder (`.cache/playbook-zensical/` beside mkdocs.yml) is kept between builds: files
whose content did not change keep their times, so Zensical's own cache (in the work folder too)
skips them. Zensical requires the site folder inside the folder of its configuration, so a build
goes into the work folder first and is then copied and swapped in where the site belongs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from generator.engines.config import Project, dump_config, engine_config
from generator.findings import BuildError, PlaybookError
from generator.render.addresses import link_style
from generator.render.docs_tree import DocsTree, SiteTrees, validated_site, write_docs
from generator.site_swap import NEW, exclusive, remove_leftovers, swap_in

WORK = Path(".cache") / "playbook-zensical"
DOCS = "docs"
SITE = "site"
CONFIG = "mkdocs.yml"
INSTALL_HINT = "pip install 'incident-playbook[zensical]'"


def zensical_module() -> Any:
    """The installed Zensical, or an error saying how to install it."""
    try:
        import zensical
    except ImportError as error:
        raise BuildError(
            f"--engine zensical needs Zensical, which is not installed; run: {INSTALL_HINT}"
        ) from error
    return zensical


def work_folder(project: Project) -> Path:
    return project.config_path.resolve().parent / WORK


def language_work(work: Path, lang: str | None) -> Path:
    """The work folder of a language other than the default: a sibling of the default's
    (`.cache/playbook-zensical-ja/`), so each keeps its own Zensical cache."""
    return work if not lang else work.with_name(f"{work.name}-{lang}")


def prepare(
    project: Project, tree: DocsTree, work: Path, site_dir: Path, *, language: str | None = None
) -> Path:
    """Write the docs folder and the configuration into `work`; returns the configuration.
    `language`: the language of a translation's build (None for the default language)."""
    work.mkdir(parents=True, exist_ok=True)
    write_docs(tree, work / DOCS, prune=True)
    settings = engine_config(
        project, tree, docs_dir=DOCS, site_dir=str(site_dir), language=language
    )
    settings["strict"] = True
    config = work / CONFIG
    text = dump_config(settings)
    if not config.exists() or config.read_text(encoding="utf-8") != text:
        config.write_text(text, encoding="utf-8", newline="\n")
    return config


def build(project: Project, site: SiteTrees, target: Path, shown_site: str) -> None:
    """Build every language of `site` with Zensical and swap the new site in at `target` (only
    when every language built): the default at its root, each other language under `<lang>/`.

    Zensical builds into the same folder every time (`site/` in the work folder): its cache is
    keyed by its configuration, site folder included, so a new folder per build made every build
    a full one. The built folders are then moved beside `target` and swapped in."""
    from generator.site_build import finish_site

    work = work_folder(project)
    work.mkdir(parents=True, exist_ok=True)
    with exclusive(work):
        built: dict[str, Path] = {}
        for lang, tree in site.trees.items():
            language = None if site.is_default(lang) else lang
            folder = language_work(work, language)
            built[lang] = _build_one(project, tree, folder, language, shown_site)
        target.parent.mkdir(parents=True, exist_ok=True)
        with exclusive(target.parent):
            remove_leftovers(target)
            fresh = Path(tempfile.mkdtemp(prefix=f"{target.name}{NEW}", dir=target.parent))
            try:
                fresh.rmdir()
                for lang, folder in built.items():
                    _move(folder, fresh / site.prefix(lang), target)
                finish_site(fresh, site.languages)
            except BaseException:
                shutil.rmtree(fresh, ignore_errors=True)
                raise
            swap_in(fresh, target)


def _build_one(
    project: Project, tree: DocsTree, work: Path, language: str | None, shown_site: str
) -> Path:
    """Build one language in its work folder; its built site, or `BuildError` (the work
    folder's site removed, Zensical's own report on stderr)."""
    engine = zensical_module()
    built = work / SITE
    config = prepare(project, tree, work, built, language=language)
    with _console_captured() as said:
        try:
            engine.build(str(config), {"clean": False, "strict": True})
        except Exception as error:  # Zensical reports its own errors as exceptions
            failure: Exception | None = error
        else:
            failure = None
        report = said()
    if failure is not None or not (built / "index.html").is_file():
        shutil.rmtree(built, ignore_errors=True)  # never a half-written folder next time
        sys.stderr.write(report)  # Zensical's own report: which page, which line
        reason = f" (Zensical: {failure})" if failure else ""
        what = f"the {language} site" if language else "the site"
        raise BuildError(f"{what} was not built{reason}; {shown_site} was left as it was")
    return built


def _move(built: Path, place: Path, target: Path) -> None:
    """Moved, not copied, when on one file system: Zensical writes a missing site folder again
    from its cache faster than Python copies one (1,000 pages: 0.5 s of copying)."""
    if place.exists():  # the default language's site has a folder named like a language
        raise BuildError(f"the site has a folder {place.name}/ where the {place.name} site goes")
    place.parent.mkdir(parents=True, exist_ok=True)
    if built.stat().st_dev == target.parent.stat().st_dev:
        built.rename(place)
    else:
        shutil.copytree(built, place)


@contextlib.contextmanager
def _console_captured() -> Iterator[Callable[[], str]]:
    """Hold what Zensical prints (from Rust, straight to the terminal) while it builds; a
    successful build says nothing, a failed one shows its report."""
    sys.stdout.flush()
    sys.stderr.flush()
    with tempfile.TemporaryFile() as held:
        saved = os.dup(1), os.dup(2)
        os.dup2(held.fileno(), 1)
        os.dup2(held.fileno(), 2)
        try:
            yield lambda: _read(held)
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


def _read(held: Any) -> str:
    held.seek(0)
    return held.read().decode("utf-8", errors="replace")


def serve(project: Project, dev_addr: str | None, language: str | None = None) -> None:
    """`zensical serve` on the rendered folder of one language (default: the playbook's own);
    a saved playbook file renders it again."""
    engine = zensical_module()
    work = work_folder(project)
    config = _render_preview(project, work, language)
    watcher = _Rerender(project, work, language)
    watcher.start()
    try:
        engine.serve(str(config), {"dev_addr": dev_addr, "open": False, "strict": False})
    finally:
        watcher.stop()


def _render_preview(project: Project, work: Path, language: str | None) -> Path:
    """Validate, render one language into the work folder; its configuration."""
    site, _ = validated_site(
        project.playbook_dir,
        templates_dir=project.templates_dir,
        pages_dir=project.pages_dir,
        link_style=link_style("zensical", directory_urls=project.directory_urls),
        only=language or "",
    )
    ((lang, tree),) = site.trees.items()
    spoken = None if site.is_default(lang) else lang
    return prepare(project, tree, work, work / SITE, language=spoken)


class _Rerender:
    """Watches the playbook, own pages and templates; renders the docs folder again on a save."""

    def __init__(self, project: Project, work: Path, language: str | None = None) -> None:
        from generator.layout import TEMPLATES_DIR

        self.project = project
        self.work = work
        self.language = language
        folders = [project.playbook_dir, project.pages_dir, TEMPLATES_DIR]
        if project.templates_dir:
            folders.append(project.templates_dir)
        self.folders = sorted({f.resolve() for f in folders if f.is_dir()})
        self.pending = threading.Event()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.observer: Any = None

    def start(self) -> None:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        pending = self.pending

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: Any) -> None:
                if event.event_type in ("created", "modified", "deleted", "moved"):
                    pending.set()

        self.observer = Observer()
        for folder in self.folders:
            self.observer.schedule(Handler(), str(folder), recursive=True)
        self.observer.start()
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        self.pending.set()
        if self.observer is not None:
            self.observer.stop()

    def _loop(self) -> None:
        while not self.stopped.is_set():
            self.pending.wait()
            if self.stopped.is_set():
                return
            self.stopped.wait(0.05)  # an editor's save is often several events
            self.pending.clear()
            try:
                self.render()
            except Exception as error:  # a bug must not stop the preview from following saves
                sys.stderr.write(
                    f"internal error while rendering: {type(error).__name__}: {error}\n"
                    "This is a bug in incident-playbook; the preview keeps the last render.\n"
                )

    def render(self) -> None:
        from generator.findings import InvalidPlaybook
        from generator.report import report

        try:
            _render_preview(self.project, self.work, self.language)
        except InvalidPlaybook as error:
            sys.stderr.write(report(error.result, "text"))  # type: ignore[arg-type]
            sys.stderr.write("The preview keeps the last valid playbook.\n")
        except PlaybookError as error:
            sys.stderr.write(f"Error: {error}\n")
