"""`playbook diff`: validate both sides, compare them, render the change list.

A plain function for the CLI: it returns the text to print and the exit code (0 compared, with
or without changes; 1 when a side is invalid, with that side's findings in the text report).
"""

from __future__ import annotations

import dataclasses
from contextlib import ExitStack
from pathlib import Path

from generator.diff.compare import diff_playbooks
from generator.diff.render import render
from generator.diff.sides import Side, folder_side, git_sides


@dataclasses.dataclass(frozen=True)
class DiffOutcome:
    output: str  # the change list, for stdout
    errors: str  # findings of an invalid side, for stderr
    exit_code: int


def run_diff(
    base: str,
    head: str | None,
    *,
    fmt: str = "text",
    git: bool = False,
    path: str = "playbook",
    cwd: Path | None = None,
) -> DiffOutcome:
    """Compare BASE with HEAD (folders, or revisions with `git`; no HEAD revision: working tree)."""
    from generator.pipeline import validate_playbook

    with ExitStack() as stack:
        if git:
            sides = stack.enter_context(git_sides(base, head, path, cwd))
        else:
            if head is None:
                raise ValueError("HEAD is required without --git")
            sides = (folder_side(base), folder_side(head))
        results = [validate_playbook(side.folder) for side in sides]
        invalid = [(s, r) for s, r in zip(sides, results, strict=True) if not r.ok]
        if invalid:
            return DiffOutcome("", "".join(_invalid_report(s, r) for s, r in invalid), 1)
        old, new = (r.model for r in results)
        assert old is not None and new is not None  # ok results always carry a model
        changes = diff_playbooks(old, new, base_name=sides[0].name, head_name=sides[1].name)
        output = render(changes, fmt)
        if results[0].document and results[1].document:  # which translations go stale (H9)
            from generator.diff.translations import translation_impacts, with_impacts

            impacts = translation_impacts(
                results[0].document, results[1].document, sides[1].folder, sides[1].display_path
            )
            output = with_impacts(output, impacts, fmt)
        return DiffOutcome(output, "", 0)


def _invalid_report(side: Side, result: object) -> str:
    """The side's findings with the text reporter, file names as the user knows them."""
    from generator.report import report

    relabelled = _relabel(side, result)
    return f"{side.name} is not a valid playbook:\n" + report(relabelled, "text")


def _relabel(side: Side, result):  # type: ignore[no-untyped-def]
    if not side.shown_as:
        return result
    findings = tuple(
        dataclasses.replace(
            f, location=dataclasses.replace(f.location, file=side.display_path(f.location.file))
        )
        for f in result.findings
    )
    sources = {side.display_path(name): lines for name, lines in result.sources.items()}
    files = tuple(side.display_path(name) for name in result.files)
    return dataclasses.replace(result, findings=findings, sources=sources, files=files)
