"""Reporters: a validation result as text for people, GitHub annotations, or JSON for tools.

Chosen by name from `REPORTERS`; each is a plain function `(result, cwd=None) -> str` that
prints nothing itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.pipeline import ValidationResult
from generator.report import github, json_report, text

REPORTERS: dict[str, Callable[..., str]] = {
    "text": text.render,
    "github": github.render,
    "json": json_report.render,
}


def report(result: ValidationResult, fmt: str = "text", cwd: Path | None = None) -> str:
    """The result in format `fmt` (a key of REPORTERS)."""
    return REPORTERS[fmt](result, cwd)
