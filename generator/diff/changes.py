"""What a semantic diff produces: changes in words, grouped by area, some flagged as less strict.

A reviewer reads these, not YAML hunks; each change carries a finished sentence plus the raw old
and new values (for the JSON renderer and for tools).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["added", "removed", "changed"]

#: Areas in the order a reviewer reads them, with their headings.
AREAS: dict[str, str] = {
    "organisation": "Organisation",
    "severities": "Severities",
    "groups": "Severity groups",
    "roles": "Roles",
    "incident-types": "Incident types",
    "phases": "Phases",
    "workflow": "Workflow",
    "cadence": "Communication cadence",
    "communication": "Communication principles and phrases",
    "channels": "Channels",
    "audiences": "Audiences",
    "status-templates": "Status templates",
    "decision-tree": "Decision tree",
    "rubrics": "Rubrics",
    "mitigation": "Mitigation",
    "guidance": "Guidance",
    "review": "Ownership and review",
}


@dataclass(frozen=True)
class Change:
    """One difference between the base and the head playbook."""

    area: str  # a key of AREAS
    kind: Kind
    subject: str  # what changed, in words: "SEV-2", "role Scribe"
    text: str  # the whole sentence: "SEV-2: acknowledge within 15m -> 30m"
    field: str = ""  # the field in words, empty when a whole item was added or removed
    old: object = None  # plain values (str, bool, int, list, None) for JSON
    new: object = None
    less_strict: str = ""  # why this weakens the playbook; empty when it does not

    def as_dict(self) -> dict[str, object]:
        return {
            "area": self.area,
            "kind": self.kind,
            "subject": self.subject,
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "text": self.text,
            "less_strict": bool(self.less_strict),
            "reason": self.less_strict,
        }


@dataclass(frozen=True)
class ChangeSet:
    """Every change between two playbooks, in area order, then in the order found."""

    base: str  # how the user named the base side (folder or revision)
    head: str
    changes: tuple[Change, ...] = field(default_factory=tuple)

    @property
    def less_strict(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.less_strict)

    def by_area(self) -> list[tuple[str, tuple[Change, ...]]]:
        """(area key, changes) for each area with changes, in AREAS order."""
        groups = []
        for area in AREAS:
            found = tuple(c for c in self.changes if c.area == area)
            if found:
                groups.append((area, found))
        return groups

    def counts(self) -> dict[str, int]:
        counts = {"added": 0, "removed": 0, "changed": 0}
        for change in self.changes:
            counts[change.kind] += 1
        counts["less_strict"] = len(self.less_strict)
        return counts
