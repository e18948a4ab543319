"""Paths as users want to read them: relative to where they ran the command, when possible."""

from __future__ import annotations

import os
from pathlib import Path


def shown(file: str, cwd: Path | None = None) -> str:
    """`file` relative to `cwd` (default: the current directory) if it lies below it."""
    if not file:
        return file
    base = (cwd or Path.cwd()).resolve()
    path = Path(file)
    absolute = path if path.is_absolute() else base / path
    try:
        relative = Path(os.path.normpath(absolute)).relative_to(base)
    except ValueError:
        return file
    return relative.as_posix() or "."
