"""`playbook serve --engine mkdocs`: MkDocs' live-reload server, made by us with a shorter poll.

`mkdocs serve` builds its server with the default poll of 0.5 s and offers no option for it, so
we build the same server from MkDocs' own parts (`LiveReloadServer`, `build`, `load_config`)
instead of swapping its class at run time. (Not the system's change notification: watchdog's
inotify observer also reports files being opened and read, which every build does, and MkDocs'
server then rebuilds for ever.) The playbook plugin adds its folders to the watch list
in `on_serve`; every rebuild loads the configuration again, as `mkdocs serve` does. With a
language, the plugin previews that translation (its `language` option).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.findings import BuildError

log = logging.getLogger("mkdocs.commands.serve")


def serve(
    config_path: Path, dev_addr: str | None, *, polling_interval: float, language: str | None = None
) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError
    from mkdocs.livereload import LiveReloadServer, _serve_url

    site_dir = tempfile.mkdtemp(prefix="playbook-serve-")
    options: dict[str, Any] = {"config_file": str(config_path), "site_dir": site_dir}
    if dev_addr:
        options["dev_addr"] = dev_addr
    try:
        config = _speaking(load_config(**options), language)
    except (Abort, ConfigurationError) as error:
        shutil.rmtree(site_dir, ignore_errors=True)
        raise BuildError(str(error)) from error
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = _serve_url(host, port, mount_path)

    def builder(fresh: Any = None) -> None:
        log.info("Building documentation...")
        if fresh is None:
            fresh = _speaking(load_config(**options), language)
        fresh.site_url = serve_url
        build(fresh, serve_url=serve_url, dirty=False)

    server = LiveReloadServer(
        builder=builder,
        host=host,
        port=port,
        root=site_dir,
        mount_path=mount_path,
        polling_interval=polling_interval,
    )

    def error_page(code: int) -> bytes | None:
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    try:
        try:
            builder(config)
        except (Abort, ConfigurationError) as error:
            raise BuildError(str(error)) from error
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _speaking(config: Any, language: str | None) -> Any:
    """The configuration with the playbook plugin set to preview `language` (None: its own)."""
    plugin = config.plugins.get("playbook")
    if language and plugin is not None:
        plugin.config.language = language
    return config
