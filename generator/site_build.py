"""Build and serve the site with MkDocs: the engine-specific half of the CLI.

The engine stays behind this module and `generator.mkdocs_plugin`; the CLI and the renderer do
not import MkDocs. `build_site` builds into a fresh folder next to the target and swaps it in only
when the build succeeded, so a failed build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Any

from generator.findings import BuildError, InvalidPlaybook

# Material for MkDocs prints an end-of-life notice on import unless this is set; nothing a reader
# of our build output can act on. Set before anything imports mkdocs or material.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

DEFAULT_CONFIG = "mkdocs.yml"


def validate_for_site(playbook_dir: Path, log: logging.Logger) -> tuple[Any, Any]:
    """The model and merged document of a valid playbook; logs every finding of an invalid one
    with the lines `playbook validate` prints, then raises `InvalidPlaybook`."""
    from generator.pipeline import validate_playbook
    from generator.report import text_lines

    result = validate_playbook(playbook_dir)
    for line in text_lines(result):
        log.error(line) if not result.ok else log.info(line)
    if not result.ok:
        raise InvalidPlaybook(list(result.findings))
    return result.model, result.document


def build_site(config_file: Path | str | None = None, site_dir: Path | str | None = None) -> Path:
    """Build with `--strict` into a temporary folder beside `site_dir`, then swap it in."""
    config_path = Path(config_file or DEFAULT_CONFIG).resolve()
    target = Path(site_dir).resolve() if site_dir else config_path.parent / "site"
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f"{target.name}.new-", dir=target.parent))
    try:
        _mkdocs_build(config_path, fresh)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    fresh.chmod(0o777 & ~_umask())
    old = target.parent / f"{target.name}.old-{uuid.uuid4().hex[:8]}"
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target


def serve_site(config_file: Path | str | None = None, dev_addr: str | None = None) -> None:
    """`mkdocs serve` with live reload; the plugin adds the playbook folders to the watch list."""
    _configure_logging(logging.INFO)
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, ConfigurationError

    options: dict[str, Any] = {"config_file": str(Path(config_file or DEFAULT_CONFIG))}
    if dev_addr:
        options["dev_addr"] = dev_addr
    try:
        serve(**options)
    except (Abort, ConfigurationError) as error:
        raise BuildError(str(error)) from error


def _mkdocs_build(config_path: Path, site_dir: Path) -> None:
    _configure_logging(logging.WARNING)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    if not config_path.is_file():
        raise BuildError(f"{_shown(config_path)} does not exist")
    try:
        config = load_config(str(config_path), site_dir=str(site_dir), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError, MkDocsException) as error:
        raise BuildError(f"the site was not built: {error}") from error


def _configure_logging(level: int) -> None:
    """Show MkDocs' own warnings and errors the way `mkdocs build` does, once."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_playbook", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._playbook = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(level)
    for handler in logger.handlers:
        if getattr(handler, "_playbook", False):
            handler.setLevel(level)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
