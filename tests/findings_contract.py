"""The expected findings of a test case, and the check that a run reported exactly those.

An `expected.txt` (invalid fixtures, hardening cases) holds one block per finding:

    rule-id file:line:col
        message: a precise part of the message (exact case)
        hint: a precise part of the hint

`file` is relative to the playbook folder (`.` for the folder itself; line and column 0 for a
whole file). A column may be left empty (`file:line:`) where the bytes are generated and the
column is not the point. `message:` is required; `hint:` is required whenever the finding has a
hint, so a wrong or emptied message or hint fails the case. Blank lines and `#` lines are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HEAD = re.compile(r"^([a-z0-9-]+) (\S+):(\d+):(\d*)$")
DETAIL = re.compile(r"^\s+(message|hint): (.+)$")
#: A heading of the text report: `place: level[rule]: message`.
TEXT_HEADING = re.compile(r"^(\S[^\n]*?): (error|warning)\[([a-z0-9-]+)\]: (.*)$")


@dataclass
class Expected:
    """One finding a case must produce."""

    rule: str
    file: str
    line: int
    column: int | None  # None: any column
    message: str = ""
    hint: str | None = None  # None: the finding must have no hint

    @property
    def place(self) -> str:
        column = "" if self.column is None else str(self.column)
        return f"{self.file}:{self.line}:{column}"

    def __str__(self) -> str:
        return f"{self.rule} {self.place}"


def parse(text: str, source: str = "expected.txt") -> list[Expected]:
    """The blocks of an expected.txt; a malformed line is an error naming it."""
    blocks: list[Expected] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        head = HEAD.match(line)
        detail = DETAIL.match(line)
        if head:
            rule, file, row, column = head.groups()
            blocks.append(Expected(rule, file, int(row), int(column) if column else None))
        elif detail and blocks:
            key, value = detail.groups()
            if key == "message":
                blocks[-1].message = value
            else:
                blocks[-1].hint = value
        else:
            raise AssertionError(
                f"{source}:{number}: not `rule file:line:col` nor a detail: {line!r}"
            )
    for block in blocks:
        assert block.message.strip(), f"{source}: `{block}` states no `message:`"
    return blocks


def read(path: Path) -> list[Expected]:
    return parse(path.read_text(encoding="utf-8"), str(path))


def block(rule_place: str, message: str, hint: str | None = None) -> Expected:
    """One expected finding written in code (generated cases)."""
    (parsed,) = parse(
        f"{rule_place}\n    message: {message}" + (f"\n    hint: {hint}" if hint else "")
    )
    return parsed


@dataclass(frozen=True)
class Reported:
    """One finding as a run reported it, its file relative to the playbook folder."""

    rule: str
    file: str
    line: int
    column: int
    message: str
    hint: str

    def __str__(self) -> str:
        return f"{self.rule} {self.file}:{self.line}:{self.column}"


def relative(file: str, folder: str = "playbook") -> str:
    """A reported path relative to the playbook folder (`.` for the folder itself)."""
    return "." if file == folder else file.removeprefix(folder + "/")


def from_json(items: Iterable[Mapping[str, Any]], folder: str = "playbook") -> list[Reported]:
    return [
        Reported(
            item["rule"],
            relative(item["file"], folder),
            item["line"],
            item["column"],
            item["message"],
            item["hint"],
        )
        for item in items
    ]


def from_text(report: str, folder: str = "playbook") -> list[Reported]:
    """The findings of a text report: heading, quoted source, caret, `  hint: ...`."""
    found: list[Reported] = []
    for line in report.splitlines():
        heading = TEXT_HEADING.match(line)
        if heading:
            place, _, rule, message = heading.groups()
            file, _, position = place.partition(":")
            row, _, column = position.partition(":")
            found.append(
                Reported(rule, relative(file, folder), int(row or 0), int(column or 0), message, "")
            )
        elif line.startswith("  hint: ") and found:
            last = found[-1]
            found[-1] = Reported(*(vars(last) | {"hint": line[len("  hint: ") :]}).values())
    return found


def mismatches(expected: list[Expected], reported: list[Reported]) -> list[str]:
    """Every difference between the expected and the reported findings, in words; [] if none."""
    problems: list[str] = []
    left = list(reported)
    for want in expected:
        same_place = [
            have
            for have in left
            if (have.rule, have.file, have.line) == (want.rule, want.file, want.line)
            and want.column in (None, have.column)
        ]
        if not same_place:
            problems.append(f"missing: {want}")
            continue
        fitting = [have for have in same_place if _fits(want, have)]
        if fitting:
            left.remove(fitting[0])
            continue
        have = same_place[0]
        left.remove(have)
        if want.message not in have.message:
            problems.append(f"{want}: message {have.message!r} lacks {want.message!r}")
        if want.hint is None:
            problems.append(f"{want}: has the hint {have.hint!r}; state it as `hint:`")
        elif want.hint not in have.hint:
            problems.append(f"{want}: hint {have.hint!r} lacks {want.hint!r}")
    problems += [f"unexpected: {have} {have.message!r}" for have in left]
    return problems


def _fits(want: Expected, have: Reported) -> bool:
    if want.message not in have.message:
        return False
    if want.hint is None:
        return not have.hint
    return want.hint in have.hint


def proposed(reported: Iterable[Reported]) -> str:
    """Blocks that would describe `reported`, for writing a new case (never compared)."""
    lines = []
    for have in reported:
        lines += [str(have), f"    message: {have.message}"]
        if have.hint:
            lines.append(f"    hint: {have.hint}")
    return "\n".join(lines) + "\n"
