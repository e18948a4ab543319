"""Fixtures for the editor tests: yaml-language-server installed from tests/editor's lock file."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from yls_client import LanguageServer

EDITOR_DIR = Path(__file__).resolve().parent
PROJECT = EDITOR_DIR.parent.parent
SERVER_SCRIPT = (
    EDITOR_DIR / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
)


def _install() -> None:
    """`npm ci` from the committed lock file, when `.ci/run` has not done it already."""
    if SERVER_SCRIPT.exists():
        return
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        pytest.fail("the editor tests need Node.js and npm (Debian: apt-get install nodejs npm)")
    subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=EDITOR_DIR, check=True
    )


@pytest.fixture(scope="session")
def language_server() -> Iterator[LanguageServer]:
    _install()
    command = [shutil.which("node") or "node", str(SERVER_SCRIPT), "--stdio"]
    with LanguageServer(command, PROJECT) as server:
        yield server
