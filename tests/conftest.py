"""Shared fixtures: where the project, the default playbook and the test playbooks are."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.chromium import chromium_missing
from tests.tools import tool

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


# --------------------------------------------------------------------------- no silent skips

#: CI services (GitHub Actions among them) set CI=true; there a skipped test fails the run,
#: because a green run must mean every test ran.
IN_CI = os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}
TESTS = PROJECT_ROOT / "tests"
#: Source text by which a test module shows it reads the default playbook.
DEFAULT_PLAYBOOK_MARKS = (
    "DEFAULT_PLAYBOOK_DIR",
    "default_playbook_dir",
    'PROJECT_ROOT / "playbook"',
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "ci_may_skip(reason): this test may skip with CI=true too (the reason says why that is"
        " safe); every other skip fails a CI run",
    )
    config.addinivalue_line(
        "markers",
        "needs_tool(*names, install=...): the test runs one of these programs (beside this Python"
        " or on PATH); missing, it stops a CI run and is skipped elsewhere, like the browser",
    )


def default_playbook_missing() -> list[str]:
    """The files of the default playbook (playbook/) that are not there."""
    from generator.layout import REQUIRED_KINDS

    wanted = [f"{kind}.yaml" for kind in (*REQUIRED_KINDS, "decision-tree")]
    return [
        f"playbook/{name}" for name in wanted if not (PROJECT_ROOT / "playbook" / name).is_file()
    ]


def _reads_default_playbook(item: pytest.Item, cache: dict[Path, bool]) -> bool:
    if "default_playbook_dir" in getattr(item, "fixturenames", ()):
        return True
    module = Path(str(item.path))
    if module not in cache:
        text = module.read_text(encoding="utf-8") if module.suffix == ".py" else ""
        cache[module] = any(mark in text for mark in DEFAULT_PLAYBOOK_MARKS)
    return cache[module]


def _requirements(items: list[pytest.Item]) -> dict[str, list[pytest.Item]]:
    """What is missing on this machine -> the selected tests that need it."""
    missing: dict[str, list[pytest.Item]] = {}
    browser = chromium_missing()
    node = (
        None
        if shutil.which("node")
        else "Node.js: no `node` on PATH (Debian: apt-get install nodejs npm)"
    )
    default = default_playbook_missing()
    default_reason = f"default playbook file missing: {', '.join(default)}" if default else None
    cache: dict[Path, bool] = {}
    for item in items:
        path = Path(str(item.path))
        if browser and (TESTS / "browser" in path.parents or item.get_closest_marker("browser")):
            missing.setdefault(browser, []).append(item)
        if node and TESTS / "editor" in path.parents:
            missing.setdefault(node, []).append(item)
        if default_reason and _reads_default_playbook(item, cache):
            missing.setdefault(default_reason, []).append(item)
        needs = item.get_closest_marker("needs_tool")
        if needs and not any(tool(name) for name in needs.args):
            what = f"{' or '.join(needs.args)}: not on PATH ({needs.kwargs.get('install', '')})"
            missing.setdefault(what, []).append(item)
    return missing


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test whose browser, Node.js, tool or default file is missing: with CI=true the run stops
    with a message naming what is missing; elsewhere the test is skipped with that message."""
    missing = _requirements(items)
    if not missing:
        return
    if IN_CI:
        lines = [
            f"  {what} (needed by {len(needers)} selected tests, e.g. {needers[0].nodeid})"
            for what, needers in missing.items()
        ]
        pytest.exit(
            "CI=true, and this machine lacks what tests need:\n" + "\n".join(lines), returncode=1
        )
    for what, needers in missing.items():
        for item in needers:
            item.add_marker(pytest.mark.skip(reason=f"missing {what}"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """With CI=true a skip is a failure, unless the test is marked `ci_may_skip`."""
    outcome = yield
    report = outcome.get_result()
    if not IN_CI or not report.skipped or hasattr(report, "wasxfail"):
        return
    if item.get_closest_marker("ci_may_skip"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    report.outcome = "failed"
    report.longrepr = (
        f"CI=true: this test skipped, and a skip fails a CI run (a green run must mean every test"
        f" ran). The skip said: {reason}"
    )


# --------------------------------------------------------------------------- the built site

#: The build date every shared build of the default playbook's site carries.
SITE_EPOCH = "1795000000"


@pytest.fixture(scope="session")
def built_default_site(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """`playbook build --engine ENGINE --site-dir <tmp>` of the default playbook, exactly as a
    user runs it, once per engine for the whole session: the browser tests and the language
    tests read the same build. Call it with the engine; it gives the site folder."""
    import re
    import subprocess
    import sys

    built: dict[str, Path | str] = {}

    def build(engine: str) -> Path:
        if engine not in built:
            root = tmp_path_factory.mktemp(f"site-{engine}") / "site"
            env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "SOURCE_DATE_EPOCH": SITE_EPOCH}
            env["NO_COLOR"] = "1"
            main = "import sys; from generator.cli import main; sys.exit(main())"
            done = subprocess.run(
                [sys.executable, "-c", main, "build", "--engine", engine, "--site-dir", str(root)],
                cwd=PROJECT_ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            said = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)
            last = (said.strip().splitlines() or [""])[-1]
            failed = f"(exit {done.returncode}): {last}\n{said}"
            built[engine] = root if done.returncode == 0 else failed
        found = built[engine]
        if isinstance(found, str):  # failed once: every test that needs it fails, no rebuild
            pytest.fail(f"playbook build --engine {engine} failed {found}", pytrace=False)
        return found

    return build
