"""Replace a built site folder in one step, one build at a time, and tidy up after killed builds.

A build writes into `<site>.new-*` beside the target. `exclusive` serialises builds into the same
parent folder (an advisory lock on that folder: no lock file to leave behind, and the kernel drops
it when a build is killed), so two builds started at once end as one whole site, never a mix.
`swap_in` exchanges the folders with one `renameat2(RENAME_EXCHANGE)` call on Linux, so at every
moment `<site>` is either the whole old site or the whole new one; elsewhere it falls back to two
renames, and `remove_leftovers` puts the old site back if a build died between them.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

NEW = ".new-"
OLD = ".old-"

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@contextlib.contextmanager
def exclusive(folder: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on `folder` (waiting for other builds to finish)."""
    handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing the descriptor releases the lock


def remove_leftovers(target: Path) -> None:
    """Delete `<site>.new-*` and `<site>.old-*` folders of killed builds; call under `exclusive`.

    If `<site>` itself is missing (a build died between the two renames of the fallback swap),
    the old site is moved back first."""
    prefixes = (target.name + NEW, target.name + OLD)
    leftovers = sorted(
        p for p in target.parent.iterdir() if p.name.startswith(prefixes) and p.is_dir()
    )
    if not target.exists():
        olds = [p for p in leftovers if p.name.startswith(target.name + OLD)]
        if olds:
            newest = max(olds, key=lambda p: p.stat().st_mtime_ns)
            newest.rename(target)
            leftovers.remove(newest)
    for path in leftovers:
        shutil.rmtree(path, ignore_errors=True)


def swap_in(fresh: Path, target: Path) -> None:
    """Make `fresh` the folder at `target` in one step, then delete the previous content."""
    if not target.exists():
        fresh.rename(target)
        return
    if _exchange(fresh, target):
        shutil.rmtree(fresh, ignore_errors=True)  # `fresh` now holds the previous site
        return
    old = target.parent / f"{target.name}{OLD}{uuid.uuid4().hex[:8]}"
    target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux `renameat2`); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    done = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV):
        return False  # file system or kernel without the exchange; use two renames
    raise OSError(code, os.strerror(code), str(second))
