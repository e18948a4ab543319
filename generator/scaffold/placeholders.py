"""Values in a preset that stand in for the team's own: fictional phone numbers and addresses at
domains reserved for examples (the hosts the validator's `placeholder-link` warning names).

`init` lists them after writing a project so the team knows what to replace before anyone dials
a number from the playbook in the middle of an incident.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from generator.validate.rules_marks import is_placeholder_host

#: Numbers set aside for fiction: North America's 555-0100 to 555-0199 and the UK's
#: 020 7946 0000 to 0999 (Ofcom's drama range).
_FICTIONAL_NUMBERS = (
    re.compile(r"^\+?1(\d{3})?55501\d\d$"),
    re.compile(r"^\+?4420?79460\d{3}$"),
)
_PHONE = re.compile(r"\+?\d[\d ()./-]{6,}\d")
_HOST = re.compile(r"(?:https?://(?:[^/@\s]*@)?|mailto:[^@\s]+@)([A-Za-z0-9.-]+)")


@dataclass(frozen=True)
class Placeholder:
    file: str  # playbook/organisation.yaml
    where: str  # links.on_call
    value: str
    why: str  # "a fictional phone number"
    line: int = 0  # where the value is written in the file; 0: not located


def locate(placeholders: list[Placeholder], text: str, start: int = 0) -> list[Placeholder]:
    """The placeholders of one file (in document order) with the line each value is on,
    looking from `start` on (comments above the data may quote the same words)."""
    located = []
    cursor = max(start, 0)
    for placeholder in placeholders:
        at = text.find(placeholder.value, cursor)
        if at < 0:
            located.append(placeholder)
            continue
        cursor = at + len(placeholder.value)
        located.append(replace(placeholder, line=text.count("\n", 0, at) + 1))
    return located


def find_placeholders(file: str, data: Any) -> list[Placeholder]:
    """Every placeholder value in one file's data, in document order."""
    found: list[Placeholder] = []
    for where, text in _strings(data, ""):
        why = _why(text)
        if why:
            found.append(Placeholder(file, where, text, why))
    return found


def _why(text: str) -> str:
    for match in _HOST.finditer(text):
        if is_placeholder_host(match.group(1)):
            return "an example address"
    for match in _PHONE.finditer(text):
        digits = re.sub(r"[^\d+]", "", match.group(0))
        if any(pattern.match(digits) for pattern in _FICTIONAL_NUMBERS):
            return "a fictional phone number"
    return ""


def _strings(node: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, f"{path}[{index + 1}]")
    elif isinstance(node, str):
        yield path, node
