"""Reproducible builds: the same playbook gives the same bytes, so a site diff shows real changes.

Two builds of the default project, from different working folders, into differently named site
folders, with different hash seeds (set and dict order must not leak into output), must be
byte-identical. The only input that may change the output besides the playbook is the build date
(`SOURCE_DATE_EPOCH`, else today in UTC): builds on two days differ only by that date string.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import subprocess
import zipfile
from pathlib import Path

import pytest
from hardening_child import PLAYBOOK_CLI

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DAY_ONE, DAY_ONE_EPOCH = "2026-01-01", "1767225600"
DAY_TWO, DAY_TWO_EPOCH = "2026-01-02", "1767312000"


def build(site: Path, cwd: Path, epoch: str, seed: str) -> Path:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "PYTHONHASHSEED": seed}
    command = [str(PLAYBOOK_CLI), "build", "--config", str(PROJECT_ROOT / "mkdocs.yml")]
    done = subprocess.run(
        [*command, "--site-dir", str(site)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return site


def files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def day_one(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("first")
    return build(root / "site", root, DAY_ONE_EPOCH, "1")


def test_two_builds_are_byte_identical(day_one: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    again = build(tmp_path / "public", tmp_path / "elsewhere", DAY_ONE_EPOCH, "2")
    first, second = files(day_one), files(again)
    assert first.keys() == second.keys()
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []
    digest = hashlib.sha256(b"".join(first[n] for n in sorted(first))).hexdigest()
    assert digest == hashlib.sha256(b"".join(second[n] for n in sorted(second))).hexdigest()


def test_builds_on_two_days_differ_only_by_the_build_date(day_one: Path, tmp_path: Path) -> None:
    later = build(tmp_path / "site", tmp_path, DAY_TWO_EPOCH, "1")
    first, second = files(day_one), files(later)
    assert first.keys() == second.keys()
    changed = {name for name in first if first[name] != second[name]}
    assert changed, "the build date is printed on checklist pages"
    for name in changed:
        assert _dated(first[name], name) == _dated(second[name], name, DAY_TWO, DAY_ONE), name


def _dated(data: bytes, name: str, date: str = "", instead: str = "") -> object:
    """The content of a file with the build date written as `instead` (zip and gzip opened)."""
    if name.endswith(".gz"):
        # The gzip header holds the build time; only the content counts.
        return _dated(gzip.decompress(data), name[:-3], date, instead)
    if name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [
                (
                    info.filename,
                    info.date_time,
                    _dated(archive.read(info), info.filename, date, instead),
                )
                for info in archive.infolist()
            ]
    return data.replace(date.encode(), instead.encode()) if date else data
