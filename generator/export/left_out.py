"""Which parts of the playbook an export did not carry, found from the model's own fields.

An exporter says which fields it used; everything else that holds a value is listed in the notes
beside the export. Reading the dataclass fields (not a hand-kept list) means a field added to the
model later shows up in the notes until an exporter learns to carry it: nothing is dropped silently.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from generator.model import Playbook

#: Parts of the playbook with their words in the notes, in the order the notes list them.
_PART_WORDS = {
    "groups": "severity groups",
    "workflow": "workflow steps",
    "communication": "communication (audiences, channels, cadence, principles, phrases to avoid)",
    "stages": "status stages",
    "status_templates": "status templates",
    "incident_types": "incident types",
    "decision_tree": "the severity decision tree",
    "rubrics": "decision rubrics",
    "mitigation": "mitigation patterns and symptoms",
    "guidance": "guidance (decision authority, failure patterns, on-call, after the incident, "
    "summary template)",
    "file_reviews": "file owners and review dates",
}


def has_value(value: Any) -> bool:
    """False for what the model uses as "absent": None, "", () and an empty dataclass."""
    if value is None or value == "" or value == ():
        return False
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return any(has_value(getattr(value, f.name)) for f in dataclasses.fields(value))
    return True


def unused_fields(
    item: Any, used: Iterable[str], expand: Iterable[str] = ("response",)
) -> list[str]:
    """The fields of `item` that hold a value but are not in `used`.

    `used` may name a nested field with a dot (`response.roles`); the parent is then looked into
    and only its other fields are listed (`response.page`, ...). Fields named in `expand` are
    always listed by their parts, which says more than one word.
    """
    used = set(used)
    expand = set(expand)
    out: list[str] = []
    for spec in dataclasses.fields(item):
        value = getattr(item, spec.name)
        if spec.name in used or not has_value(value):
            continue
        nested = {u.split(".", 1)[1] for u in used if u.startswith(spec.name + ".")}
        if (nested or spec.name in expand) and dataclasses.is_dataclass(value):
            out += [f"{spec.name}.{name}" for name in unused_fields(value, nested)]
        else:
            out.append(spec.name)
    return out


def unused_parts(playbook: Playbook, used: Iterable[str]) -> list[str]:
    """Playbook parts with content that the export did not carry at all, in words."""
    used = set(used)
    out = []
    for name, words in _PART_WORDS.items():
        value = getattr(playbook, name)
        if name in used or not has_value(value):
            continue
        count = f" ({len(value)})" if isinstance(value, tuple) else ""
        out.append(f"{words}{count}")
    return out
