"""The two sides of a diff: playbook folders, or a playbook folder as it was at a git revision.

A revision is read with `git archive` into a temporary folder, so the working tree, the index and
the current branch are never touched. Decision: with `--git`, a missing HEAD revision means the
working tree (uncommitted edits included), as `git diff BASE` does.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.findings import PlaybookError


class SideError(PlaybookError):
    """A side of the diff cannot be read (no such folder, revision or git repository)."""


@dataclass(frozen=True)
class Side:
    """One side: the folder to validate and how to name it to the user."""

    name: str  # "playbook", "origin/main:playbook", "working tree:playbook"
    folder: Path
    shown_as: str = ""  # the prefix that replaces `folder` in file names of findings

    def display_path(self, file: str) -> str:
        """A finding's file name as the user knows it (revision:path rather than a temp path)."""
        if not self.shown_as:
            return file
        try:
            inner = Path(file).resolve().relative_to(self.folder.resolve())
        except ValueError:
            return file
        return f"{self.shown_as}/{inner.as_posix()}"


def folder_side(path: str | Path) -> Side:
    folder = Path(path)
    if not folder.is_dir():
        raise SideError(f"{path}: no such playbook folder")
    return Side(name=str(path), folder=folder)


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError as error:
        raise SideError("git is not installed, so --git cannot read revisions") from error
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SideError(f"git {args[0]} failed: {message[-1] if message else 'no message'}")
    return done.stdout


def _repo_path(path: str, cwd: Path) -> tuple[Path, str]:
    """The repository's top folder and `path` (relative to `cwd`) relative to that top."""
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd).decode().strip())
    prefix = _git(["rev-parse", "--show-prefix"], cwd).decode().strip()
    inner = PurePosixPath(prefix, path)
    parts: list[str] = []
    for part in inner.parts:
        if part == "..":
            if not parts:
                raise SideError(f"{path}: outside the git repository")
            parts.pop()
        elif part != ".":
            parts.append(part)
    return top, "/".join(parts)


def _extract(top: Path, rev: str, inner: str, into: Path) -> Path:
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top)
    except SideError:
        raise SideError(f"{rev}: no such git revision") from None
    try:
        archive = _git(["archive", "--format=tar", rev, "--", inner or "."], top)
    except SideError:
        raise SideError(f"{rev}: there is no folder '{inner}' at this revision") from None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    folder = into / inner if inner else into
    if not folder.is_dir():
        raise SideError(f"{rev}: '{inner}' is not a folder at this revision")
    return folder


@contextmanager
def git_sides(
    base_rev: str, head_rev: str | None, path: str = "playbook", cwd: Path | None = None
) -> Iterator[tuple[Side, Side]]:
    """Both sides read from git; temporary folders live as long as the `with` block."""
    here = cwd or Path.cwd()
    top, inner = _repo_path(path, here)
    with tempfile.TemporaryDirectory(prefix="playbook-diff-") as tmp:
        base_folder = _extract(top, base_rev, inner, Path(tmp) / "base")
        base = Side(f"{base_rev}:{inner}", base_folder, shown_as=f"{base_rev}:{inner}")
        if head_rev is None:
            head_folder = top / inner
            if not head_folder.is_dir():
                raise SideError(f"{path}: no such playbook folder in the working tree")
            head = Side(f"working tree:{inner}", head_folder)
        else:
            head_folder = _extract(top, head_rev, inner, Path(tmp) / "head")
            head = Side(f"{head_rev}:{inner}", head_folder, shown_as=f"{head_rev}:{inner}")
        yield base, head
