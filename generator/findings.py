"""Findings: what validation reports, and the one exception hierarchy of the package.

Every stage (load, schema, semantic rules) adds `Finding`s to a list instead of raising, so that
all problems of all files are reported together; only the CLI and the MkDocs plugin turn a
failed result into an exit code or an aborted build.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a playbook file; line and column count from 1, as editors do."""

    file: str  # path as the user gave it, relative where possible
    line: int = 0  # 0: the file as a whole
    column: int = 0


@dataclass(frozen=True)
class Finding:
    """One problem: a stable rule id, where it is, what is wrong and how to fix it."""

    rule: str  # stable id, e.g. "yaml-duplicate-key", "ref-unknown-role"
    message: str  # what is wrong and what is allowed
    location: Location
    level: Level = "error"
    hint: str = ""  # how to fix it ("did you mean 'sev2'?")

    @property
    def is_error(self) -> bool:
        return self.level == "error"


class PlaybookError(Exception):
    """Base of every error this package raises on purpose."""


class InvalidPlaybook(PlaybookError):
    """The playbook has errors; `findings` holds all of them.

    `result` is the whole validation result when the raiser has one, so a reporter can quote the
    offending lines without validating the playbook a second time.
    """

    def __init__(self, findings: list[Finding], result: object | None = None) -> None:
        self.findings = findings
        self.result = result
        errors = sum(1 for f in findings if f.is_error)
        super().__init__(f"the playbook has {errors} error(s)")


class BuildError(PlaybookError):
    """The site could not be built; the previous site is left as it was."""
