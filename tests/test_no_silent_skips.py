"""A green run means every test ran: in CI a missing browser, Node.js or default file fails the
run with a message naming it; elsewhere the tests that need it skip, saying what is missing.

Each case runs pytest itself as a child, on a few real tests, with Chromium or Node.js hidden
from PATH (a folder holding only links to the tools the run needs).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BROWSER_TEST = "tests/browser/test_browser_print.py"
EDITOR_TEST = "tests/editor/test_yaml_language_server.py"


def bare_path(tmp_path: Path) -> str:
    """A PATH with git only: no chromium, no node."""
    folder = tmp_path / "bin"
    folder.mkdir()
    git = shutil.which("git")
    assert git is not None
    (folder / "git").symlink_to(git)
    return str(folder)


def run_pytest(args: list[str], tmp_path: Path, *, ci: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "PLAYBOOK_CHROMIUM"}}
    env["PATH"] = bare_path(tmp_path)
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("test", "named"),
    [(BROWSER_TEST, "Chromium: no `chromium` on PATH"), (EDITOR_TEST, "Node.js: no `node`")],
)
def test_in_ci_a_missing_tool_fails_the_run_naming_it(test: str, named: str, tmp_path) -> None:
    run = run_pytest([test], tmp_path, ci=True)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "CI=true, and this machine lacks what tests need" in run.stdout + run.stderr
    assert named in run.stdout + run.stderr
    assert " passed" not in run.stdout


@pytest.mark.parametrize(
    ("test", "named"),
    [(BROWSER_TEST, "Chromium: no `chromium` on PATH"), (EDITOR_TEST, "Node.js: no `node`")],
)
def test_outside_ci_the_skip_says_what_is_missing(test: str, named: str, tmp_path) -> None:
    run = run_pytest([test], tmp_path, ci=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "SKIPPED" in run.stdout and f"missing {named}" in run.stdout, run.stdout
    assert " passed" not in run.stdout and " failed" not in run.stdout


def test_in_ci_any_other_skip_fails(tmp_path: Path) -> None:
    """A skip from inside a test becomes a failure that quotes the skip's reason."""
    case = tmp_path / "test_skips.py"
    case.write_text("import pytest\n\ndef test_it():\n    pytest.skip('no widget here')\n")
    shutil.copy(PROJECT_ROOT / "tests" / "conftest.py", tmp_path / "conftest.py")
    env = {**os.environ, "CI": "true", "PYTHONPATH": str(PROJECT_ROOT)}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(case)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1, run.stdout
    assert "a skip fails a CI run" in run.stdout and "no widget here" in run.stdout, run.stdout
