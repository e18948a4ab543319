"""Atomic builds: `playbook build` killed at any moment leaves the previous site whole, and two
builds started at once end as one whole site, never a mix.

Two playbooks A and B (they differ in the organisation's name) are built once each to learn
the exact bytes of their sites; builds are reproducible (SOURCE_DATE_EPOCH), so after any trial
the site folder must hash exactly like one of them.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hardening_child import PLAYBOOK_CLI

from generator.site_swap import remove_leftovers, swap_in

PROJECT_ROOT = Path(__file__).resolve().parents[2]
MINIMAL = PROJECT_ROOT / "tests" / "fixtures" / "minimal"
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "NO_MKDOCS_2_WARNING": "1"}
TRIALS = int(os.environ.get("PLAYBOOK_KILL_TRIALS", "20"))


def digest(folder: Path) -> dict[str, str]:
    """Every file below `folder` with the SHA-256 of its bytes (an empty dict if none)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def make_project(root: Path, org: str) -> Path:
    """A project folder: mkdocs.yml and the minimal playbook named `org` (no own pages)."""
    root.mkdir(parents=True)
    shutil.copy(PROJECT_ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(MINIMAL, root / "playbook")
    (root / "playbook" / "pages").mkdir()
    rename(root, org)
    return root


def rename(project: Path, org: str) -> None:
    organisation = project / "playbook" / "organisation.yaml"
    text = organisation.read_text(encoding="utf-8")
    organisation.write_text(
        "\n".join(f"name: {org}" if line.startswith("name:") else line for line in text.split("\n"))
    )


def build_command(project: Path, site_dir: Path | None = None) -> list[str]:
    command = [str(PLAYBOOK_CLI), "build", "--config", str(project / "mkdocs.yml")]
    return command + (["--site-dir", str(site_dir)] if site_dir else [])


def build(project: Path, site_dir: Path | None = None) -> float:
    """Build and return the wall time it took (used only to spread the kill moments)."""
    started = time.monotonic()
    done = subprocess.run(
        build_command(project, site_dir), env=ENV, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return time.monotonic() - started


@dataclass(frozen=True)
class Sites:
    a: dict[str, str]
    b: dict[str, str]
    seconds: float  # how long one build took


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    root = tmp_path_factory.mktemp("reference")
    first = make_project(root / "a", "Atomic Org A")
    second = make_project(root / "b", "Atomic Org B")
    build(first, root / "site-a")
    seconds = build(second, root / "site-b")
    a, b = digest(root / "site-a"), digest(root / "site-b")
    assert a and b and a != b
    assert a.keys() == b.keys()
    return Sites(a, b, seconds)


def test_killed_builds_leave_a_whole_site(tmp_path: Path, sites: Sites) -> None:
    """SIGKILL at random moments spread over a build (and a little past its end)."""
    project = make_project(tmp_path / "project", "Atomic Org A")
    site = project / "site"
    seconds = min(sites.seconds, build(project))  # the faster estimate: kills land in builds
    assert digest(site) == sites.a
    current, other = sites.a, sites.b
    chance = random.Random(20260601)
    moments = sorted((i + chance.random()) / TRIALS * 1.15 for i in range(TRIALS))
    killed = 0
    for fraction in moments:
        rename(project, "Atomic Org B" if current is sites.a else "Atomic Org A")
        child = subprocess.Popen(
            build_command(project),
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(fraction * seconds)
        child.send_signal(signal.SIGKILL)
        killed += child.wait() == -signal.SIGKILL
        now = digest(site)
        assert now in (current, other), f"a mix after a kill at {fraction:.0%} of a build"
        if now == other:
            current, other = other, current
        leftovers = [p.name for p in project.iterdir() if p.name.startswith("site.")]
        assert all(name.startswith(("site.new-", "site.old-")) for name in leftovers), leftovers
    assert killed >= TRIALS // 4, "most kills should land while the build runs"
    build(project)  # the next build removes what killed builds left behind
    # Left: the project, the site, and the build's render cache (.cache/playbook-render.json).
    kept = sorted(p.name for p in project.iterdir() if p.name != ".cache")
    assert kept == ["mkdocs.yml", "playbook", "site"]
    assert digest(site) in (sites.a, sites.b)


def test_two_builds_at_once_give_one_whole_site(tmp_path: Path, sites: Sites) -> None:
    first = make_project(tmp_path / "a", "Atomic Org A")
    second = make_project(tmp_path / "b", "Atomic Org B")
    shared = tmp_path / "shared" / "site"
    for _ in range(2):
        children = [
            subprocess.Popen(
                build_command(project, shared),
                env=ENV,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for project in (first, second)
        ]
        outputs = [child.communicate() for child in children]
        for child, (_, err) in zip(children, outputs, strict=True):
            assert child.returncode == 0, err
        assert digest(shared) in (sites.a, sites.b)
        assert [p.name for p in shared.parent.iterdir()] == ["site"]


def test_leftovers_of_killed_builds_are_removed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    for name in ("site.new-dead1", "site.old-dead2"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text("partial")
    (tmp_path / "site.notes").mkdir()  # not ours: kept
    remove_leftovers(site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site.notes"]
    assert (site / "index.html").read_text() == "old"


def test_a_site_moved_aside_by_a_killed_swap_is_put_back(tmp_path: Path) -> None:
    """Where the system cannot exchange folders in one step, a build killed between its two
    renames leaves only `site.old-*`; the next build restores it before anything else."""
    old = tmp_path / "site.old-1234abcd"
    old.mkdir()
    (old / "index.html").write_text("previous")
    (tmp_path / "site.new-5678").mkdir()
    remove_leftovers(tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (tmp_path / "site" / "index.html").read_text() == "previous"


def test_swap_replaces_the_whole_folder(tmp_path: Path) -> None:
    site, fresh = tmp_path / "site", tmp_path / "site.new-1"
    site.mkdir()
    (site / "gone.html").write_text("old")
    fresh.mkdir()
    (fresh / "index.html").write_text("new")
    swap_in(fresh, site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert digest(site) == {"index.html": hashlib.sha256(b"new").hexdigest()}
