"""Report for people: `file:line:col: level[rule]: message`, the source line, a caret, a hint."""

from __future__ import annotations

from pathlib import Path

from generator.findings import Finding
from generator.pipeline import ValidationResult
from generator.report.paths import shown


def render(result: ValidationResult, cwd: Path | None = None) -> str:
    """The whole report, ending with a summary line."""
    blocks = [_finding(finding, result, cwd) for finding in result.findings]
    blocks.append(summary(result))
    return "\n".join(blocks) + "\n"


def _finding(finding: Finding, result: ValidationResult, cwd: Path | None) -> str:
    where = finding.location
    place = shown(where.file, cwd)
    if where.line:
        place += f":{where.line}:{where.column}"
    lines = [f"{place}: {finding.level}[{finding.rule}]: {finding.message}"]
    source = result.sources.get(where.file, ())
    if 0 < where.line <= len(source):
        text = source[where.line - 1].replace("\t", " ")
        lines.append(f"    {text}")
        if where.column:
            lines.append("    " + " " * (where.column - 1) + "^")
    if finding.hint:
        lines.append(f"  hint: {finding.hint}")
    return "\n".join(lines)


def summary(result: ValidationResult) -> str:
    """`N errors, M warnings in K files`."""
    errors, warnings, files = len(result.errors), len(result.warnings), len(result.files)
    return (
        f"{errors} {_plural(errors, 'error')}, {warnings} {_plural(warnings, 'warning')}"
        f" in {files} {_plural(files, 'file')}"
    )


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"
