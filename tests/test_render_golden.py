"""Golden files pin the Markdown the templates render for the default playbook, byte for byte.

Only rendered output is pinned: the published schemas, `playbook.json` and the organisation's own
guides are copies of inputs and have tests of their own. After an intended change to a template
or to the default playbook, regenerate them with

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_render_golden.py

and review the diff of tests/golden/ like any other change.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from generator.layout import DEFAULT_PLAYBOOK_DIR, PAGES_DIR
from generator.pipeline import validate_playbook
from generator.render import RenderedFile, render_site
from generator.render.site import SUMMARY_DOWNLOAD, page_specs

GOLDEN = Path(__file__).parent / "golden" / "default"
BUILD_DATE = date(2026, 1, 1)


def _rendered() -> list[RenderedFile]:
    result = validate_playbook(DEFAULT_PLAYBOOK_DIR)
    assert result.ok and result.model is not None and result.document is not None
    files = render_site(
        result.model,
        result.document,
        pages_dir=DEFAULT_PLAYBOOK_DIR / PAGES_DIR,
        build_date=BUILD_DATE,
    )
    rendered = {spec.path for spec in page_specs(result.model)} | {SUMMARY_DOWNLOAD}
    return [f for f in files if f.path in rendered]


def _as_bytes(file: RenderedFile) -> bytes:
    return file.content if isinstance(file.content, bytes) else file.content.encode("utf-8")


def test_golden_files_match() -> None:
    files = _rendered()
    if os.environ.get("UPDATE_GOLDEN"):
        for old in sorted(GOLDEN.rglob("*"), reverse=True):
            old.unlink() if old.is_file() else old.rmdir()
        for file in files:
            target = GOLDEN / file.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_as_bytes(file))
        pytest.skip("golden files rewritten; review `git diff tests/golden`")
    expected = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file())
    assert sorted(f.path for f in files) == expected, "pages added or removed: UPDATE_GOLDEN=1"
    for file in files:
        assert _as_bytes(file) == (GOLDEN / file.path).read_bytes(), (
            f"{file.path} differs from tests/golden/default/{file.path}; if intended, "
            "regenerate with UPDATE_GOLDEN=1"
        )
