"""GitHub Actions workflow commands, so findings appear as annotations on the pull request diff."""

from __future__ import annotations

from pathlib import Path

from generator.findings import Finding
from generator.pipeline import ValidationResult
from generator.report.paths import shown


def render(result: ValidationResult, cwd: Path | None = None) -> str:
    """One `::error` or `::warning` line per finding."""
    return "".join(_line(finding, cwd) + "\n" for finding in result.findings)


def _line(finding: Finding, cwd: Path | None) -> str:
    where = finding.location
    properties = [f"file={_property(shown(where.file, cwd))}"]
    if where.line:
        properties += [f"line={where.line}", f"col={where.column}"]
    properties.append(f"title={_property(finding.rule)}")
    message = finding.message + (f"\nhint: {finding.hint}" if finding.hint else "")
    return f"::{finding.level} {','.join(properties)}::{_data(message)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
