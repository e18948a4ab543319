"""Programs the tests run besides Python's own modules (check-jsonschema, terraform)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def tool(name: str) -> str | None:
    """The program installed beside this Python first (a virtual environment's), then PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)
