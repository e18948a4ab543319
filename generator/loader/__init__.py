"""Loading playbook YAML: YAML 1.2 typing, a position for every value, limits, and findings.

`load_folder` reads a whole playbook folder, `load_file` one file. Neither raises on bad input:
every problem (encoding, syntax, duplicate keys, limits, missing or unknown files) is a `Finding`.
"""

from __future__ import annotations

from generator.loader.folder import FolderResult, load_folder
from generator.loader.limits import DEFAULT_LIMITS, Limits
from generator.loader.positions import DataPath, Positions
from generator.loader.read import FileResult, LoadedFile, link_outside, load_file

__all__ = [
    "DEFAULT_LIMITS",
    "DataPath",
    "FileResult",
    "FolderResult",
    "Limits",
    "LoadedFile",
    "Positions",
    "link_outside",
    "load_file",
    "load_folder",
]
