"""Machine-readable report: a JSON list of findings, for editors, bots and other tools."""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import ValidationResult
from generator.report.paths import shown


def render(result: ValidationResult, cwd: Path | None = None) -> str:
    """A JSON array of {rule, level, file, line, column, message, hint}."""
    import json  # only this format needs it

    items = [
        {
            "rule": finding.rule,
            "level": finding.level,
            "file": shown(finding.location.file, cwd),
            "line": finding.location.line,
            "column": finding.location.column,
            "message": finding.message,
            "hint": finding.hint,
        }
        for finding in result.findings
    ]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"
