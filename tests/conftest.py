"""Shared fixtures: where the project, the default playbook and the test playbooks are."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Review freshness is measured against a fixed day, so the suite never depends on the calendar:
# the default playbook's `last_reviewed` dates would otherwise turn stale one day and fail CI.
# Tests of freshness itself set their own day; subprocesses inherit this one.
os.environ.setdefault("PLAYBOOK_TODAY", "2026-11-27")
FIXTURES = PROJECT_ROOT / "tests" / "fixtures"

#: Files of an overlay folder that describe the case instead of being copied into the playbook.
OVERLAY_META = frozenset({"expected.txt", "delete.txt", "README.md"})


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def default_playbook_dir() -> Path:
    """The playbook shipped with the project (`playbook/`)."""
    return PROJECT_ROOT / "playbook"


@pytest.fixture(scope="session")
def minimal_playbook_dir() -> Path:
    """A small valid playbook: every file, two severities, nothing more than needed."""
    return FIXTURES / "minimal"


def apply_overlay(target: Path, overlay: Path) -> None:
    """Copy the files of `overlay` over `target`; `delete.txt` lists files to remove first."""
    deletions = overlay / "delete.txt"
    if deletions.exists():
        for name in deletions.read_text(encoding="utf-8").split():
            (target / name).unlink()
    for entry in sorted(overlay.iterdir()):
        if entry.name in OVERLAY_META:
            continue
        destination = target / entry.name
        if destination.is_dir() and not destination.is_symlink():
            shutil.rmtree(destination)
        elif destination.exists() or destination.is_symlink():
            destination.unlink()
        if entry.is_symlink():
            destination.symlink_to(entry.readlink())
        elif entry.is_dir():
            shutil.copytree(entry, destination, symlinks=True)
        else:
            shutil.copyfile(entry, destination)


@pytest.fixture
def make_playbook(tmp_path: Path, minimal_playbook_dir: Path) -> Callable[..., Path]:
    """A fresh copy of the minimal playbook in tmp_path, optionally with an overlay applied."""

    def make(overlay: Path | None = None, name: str = "playbook") -> Path:
        target = tmp_path / name
        shutil.copytree(minimal_playbook_dir, target)
        if overlay is not None:
            apply_overlay(target, overlay)
        return target

    return make
