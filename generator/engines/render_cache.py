"""The last render of a project, kept so that building an unchanged playbook again neither
validates nor renders it (nor imports the validator): what `playbook build` costs beyond the
engine's own build was mostly that work, repeated on identical input.

The key is a digest of everything the render reads: every file of the playbook folder, the own
pages, the organisation's templates, our templates and schemas, this package's code, the link
style and the build date (review freshness is measured on it). This package's files all count,
code and interface catalogues (generator/i18n/locale) alike, and the site's languages: the
translations (`translations/<lang>/`, their pages too) are files of the playbook folder, so a
changed translation is a miss like any other change, and the language list is keyed on its own.
Any change is a miss, and a miss validates and renders every language as if there were no cache.
The entry is JSON (never code): one docs tree per language and the text of the validation
warnings, which a build prints every time. An invalid playbook is never cached (it is validated
again, and reported, on every build).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from generator.layout import SCHEMA_DIR, TEMPLATES_DIR
from generator.render.docs_tree import DocsTree, SiteTrees

#: Beside mkdocs.yml, with Zensical's work folder.
CACHE_FILE = Path(".cache") / "playbook-render.json"
_PACKAGE = Path(__file__).resolve().parents[1]
_FORMAT = 2  # 2: one tree per language


@dataclass(frozen=True)
class CachedFile:
    """A file of a cached tree (the renderer's `RenderedFile`, without importing the renderer)."""

    path: str
    content: str | bytes


def cache_key(
    folders: list[Path | None], *, link_style: str, languages: tuple[str, ...] = ()
) -> str:
    """A digest of every input of the render. The build date is keyed by what it is made of:
    `SOURCE_DATE_EPOCH` and today's date (UTC), which review freshness is also measured on."""
    today = datetime.now(tz=timezone.utc).date().isoformat()
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    spoken = ",".join(languages)
    digest = hashlib.sha256(
        f"{_FORMAT}|{link_style}|{spoken}|{today}|{epoch}|{sys.version}".encode()
    )
    sources = [f for f in folders if f is not None] + [TEMPLATES_DIR, SCHEMA_DIR, _PACKAGE]
    for folder in sources:
        digest.update(b"\0folder\0" + str(folder.resolve()).encode())
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            digest.update(b"\0" + path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def load(cache_file: Path, key: str) -> tuple[SiteTrees, str] | None:
    """The cached trees and warnings text for `key`, or None (no entry, another key, unreadable)."""
    try:
        entry = json.loads(cache_file.read_text(encoding="utf-8"))
        if entry.get("key") != key:
            return None
        trees = {lang: _tree(stored) for lang, stored in entry["trees"]}
        if not trees or any(tree is None for tree in trees.values()):
            return None
        languages = tuple(str(lang) for lang in entry["languages"])
        return SiteTrees(languages, trees), str(entry["warnings"])  # type: ignore[arg-type]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _tree(stored: dict[str, Any]) -> DocsTree | None:
    files = [
        CachedFile(f["path"], base64.b64decode(f["bytes"]) if "bytes" in f else f["text"])
        for f in stored["files"]
    ]
    assets = {path: Path(source) for path, source in stored["assets"].items()}
    if not all(source.is_file() for source in assets.values()):
        return None
    return DocsTree(
        files,
        assets,
        stored["nav"],
        stored["stylesheets"],
        stored["scripts"],
        stored["polyfills"],
        stored["downloads"],
    )


def store(cache_file: Path, key: str, site: SiteTrees, warnings: str) -> None:
    """Keep the render for the next build; a cache that cannot be written is no error."""
    entry = {
        "key": key,
        "languages": list(site.languages),
        "trees": [[lang, _stored(tree)] for lang, tree in site.trees.items()],
        "warnings": warnings,
    }
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache_file.with_name(f".{cache_file.name}.{os.getpid()}")
        temporary.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
        temporary.replace(cache_file)
    except OSError:
        pass


def _stored(tree: DocsTree) -> dict[str, Any]:
    files: list[dict[str, Any]] = []
    for file in tree.files:
        if isinstance(file.content, bytes):
            files.append({"path": file.path, "bytes": base64.b64encode(file.content).decode()})
        else:
            files.append({"path": file.path, "text": file.content})
    return {
        "files": files,
        "assets": {path: str(source) for path, source in tree.assets.items()},
        "nav": tree.nav,
        "stylesheets": tree.stylesheets,
        "scripts": tree.scripts,
        "polyfills": tree.polyfills,
        "downloads": tree.downloads,
    }
