"""Limits on what the loader reads, so a hostile or broken file cannot exhaust memory or the stack.

A playbook is a few hundred lines of hand-written YAML; every limit is far above that and far below
what would hurt the machine building the site.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Upper bounds applied to every playbook file."""

    max_bytes: int = 2 * 1024 * 1024
    """Largest file read; bigger files are rejected before reading (`yaml-too-large`)."""

    max_depth: int = 64
    """Deepest nesting of mappings and sequences (`yaml-too-deep`)."""

    max_aliases: int = 100
    """Most `*alias` uses per file (`yaml-alias-limit`)."""

    max_nodes: int = 100_000
    """Most values per file, counting each alias expansion in full (`yaml-too-many-items`)."""


DEFAULT_LIMITS = Limits()
