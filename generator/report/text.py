"""Report for people: `file:line:col: level[rule]: message`, the source line, a caret, a hint."""

from __future__ import annotations

from pathlib import Path

from generator.findings import Finding
from generator.pipeline import ValidationResult
from generator.report.paths import shown

_WIDTH = 120  # longest source excerpt shown; a minified or generated line can be huge


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
        text, caret = _window(source[where.line - 1].replace("\t", " "), where.column)
        lines.append(f"    {text}")
        if where.column:
            lines.append("    " + " " * (caret - 1) + "^")
    if finding.hint:
        lines.append(f"  hint: {finding.hint}")
    return "\n".join(lines)


def _window(text: str, column: int, width: int = _WIDTH) -> tuple[str, int]:
    """At most `width` characters of a long line around `column`, and the caret's new column."""
    if len(text) <= width:
        return text, column
    start = max(0, min(column - 1 - width // 2, len(text) - width))
    shown = text[start : start + width]
    caret = column - start
    if start:
        shown, caret = "..." + shown, caret + 3
    if start + width < len(text):
        shown += "..."
    return shown, caret


def summary(result: ValidationResult) -> str:
    """`N errors, M warnings in K files`."""
    errors, warnings, files = len(result.errors), len(result.warnings), len(result.files)
    return (
        f"{errors} {_plural(errors, 'error')}, {warnings} {_plural(warnings, 'warning')}"
        f" in {files} {_plural(files, 'file')}"
    )


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"
