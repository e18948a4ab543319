"""The default project as tests use it: a copy to build in, a folder's digest, its pages in a
language. One place for what several test modules do the same way."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from generator.i18n import speaking
from generator.layout import DEFAULT_PLAYBOOK_DIR, PAGES_DIR, PROJECT_ROOT
from generator.pipeline import validate_playbook
from generator.render import render_site
from generator.translations import Translations, load_translations, translated


def copy_default_project(tmp_path: Path) -> Path:
    """A copy of the default project (mkdocs.yml and the playbook) under `tmp_path/project`."""
    project = tmp_path / "project"
    shutil.copytree(DEFAULT_PLAYBOOK_DIR, project / "playbook")
    shutil.copy(PROJECT_ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` by relative path: its SHA-256 (a site is unchanged or not)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def translated_default(
    lang: str, edit: Callable[[Translations], None] | None = None
) -> tuple[Any, Any, tuple[Any, ...]]:
    """The default playbook's model in `lang` (after `edit` changed its loaded translations),
    its merged document and the texts that fell back to the source."""
    result = validate_playbook(DEFAULT_PLAYBOOK_DIR)
    assert result.model is not None and result.document is not None
    translations = load_translations(DEFAULT_PLAYBOOK_DIR)
    if edit is not None:
        edit(translations)
    model, fallbacks = translated(result.model, translations, lang)
    return model, result.document, fallbacks


def rendered_pages(
    model: Any, document: Any, lang: str, build_date: date = date(2026, 1, 1)
) -> dict[str, str]:
    """The Markdown of every page of `model` rendered in `lang`, by site path."""
    with speaking(lang):
        files = render_site(
            model, document, pages_dir=DEFAULT_PLAYBOOK_DIR / PAGES_DIR, build_date=build_date
        )
    return {f.path: f.content for f in files if isinstance(f.content, str)}
