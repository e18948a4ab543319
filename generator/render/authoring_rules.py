"""Which semantic rules check which field, for the authoring reference.

The reference rules (`ref-unknown-*`) and `unique-id` are derived from the validator's own tables
(`rules_ids.REFERENCES`, `rules_ids.COLLECTIONS`), so a new reference appears on the page without
an edit here; the few rules that read a field in their own way are listed by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.validate.document import ANY, KEYS
from generator.validate.rules_ids import COLLECTIONS, REFERENCES

Key = tuple[str, str]  # (file kind, field path as the page shows it)

#: Rules that read a field in their own way: (file kind, field path) -> rule ids.
_BY_HAND: dict[Key, tuple[str, ...]] = {
    ("organisation", "format"): ("format-version",),
    ("organisation", "timezone"): ("timezone-unknown",),
    ("organisation", "review_max_age_days"): ("review-stale",),
    ("organisation", "decision_tree_max_answers"): ("tree-path-long",),
    ("severities", "groups[].id"): ("group-id-clash",),
    ("severities", "groups[].severities"): ("group-unknown-severity",),
    ("severities", "severities[].id"): ("group-id-clash",),
    ("severities", "severities[].response.acknowledge_within"): ("ack-order",),
    ("severities", "severities[].response.page"): ("escalation-dead-end",),
    ("severities", "severities[].response.page[].escalate_after"): ("escalation-dead-end",),
    ("phases", "phases[].checklist[].id"): ("unique-id",),
    ("communication", "cadence"): ("cadence-missing", "cadence-order"),
    ("communication", "cadence.<severity id>.<audience id>.first_update.within"): (
        "cadence-order",
    ),
    ("communication", "cadence.<severity id>.<audience id>.follow_ups[].within"): (
        "cadence-order",
    ),
    ("communication", "cadence.<severity id>.<audience id>.every"): ("cadence-order",),
    ("communication", "cadence.<severity id>.<audience id>.by_stage"): ("cadence-order",),
    ("communication", "phrases_to_avoid[].pattern"): ("phrase-pattern-invalid",),
    ("status-templates", "templates[].title"): ("template-placeholder-undeclared",),
    ("status-templates", "templates[].body"): ("template-placeholder-undeclared",),
    ("status-templates", "templates[].placeholders"): ("template-placeholder-unused",),
    ("status-templates", "templates[].placeholders[].name"): ("unique-id",),
    ("decision-tree", "start"): ("tree-start-missing",),
    ("decision-tree", "nodes"): ("tree-unreachable-node", "tree-cycle", "tree-path-long"),
    ("decision-tree", "nodes[].answers[]"): ("tree-answer-target",),
    ("decision-tree", "nodes[].answers[].severity"): ("tree-severity-unreachable",),
}

#: Rules that check every value of a shared schema definition, wherever it is used.
SHARED_RULES: dict[str, tuple[str, ...]] = {
    "link": ("placeholder-link",),
    "sample": ("sample-text",),
    "last_reviewed": ("review-date-invalid", "review-stale"),
}


def canonical(path: str) -> tuple[str, ...]:
    """A page path as steps, list items and mapping keys alike as "*":
    `cadence.<severity id>.<audience id>.by_stage` -> (cadence, *, *, by_stage)."""
    path = re.sub(r"\.<[^>]+>", ".*", path).replace("[]", ".*")
    return tuple(path.split("."))


def _steps(data_path: Iterable[object]) -> tuple[str, ...]:
    """A validator data path as steps; a trailing item or key marker names the field itself."""
    steps = ["*" if step in (ANY, KEYS) else str(step) for step in data_path]
    while steps and steps[-1] == "*":
        steps.pop()
    return tuple(steps)


def _derived() -> dict[tuple[str, tuple[str, ...]], list[str]]:
    found: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for kind, path, _noun in COLLECTIONS:
        found.setdefault((kind, (*path, "*", "id")), []).append("unique-id")
    for reference in REFERENCES:
        for kind, path in (*reference.sources, *reference.levels_only):
            found.setdefault((kind, _steps(path)), []).append(reference.rule)
    return found


_DERIVED = _derived()


def semantic_rules(kind: str, path: str) -> tuple[str, ...]:
    """The semantic rules that read this field."""
    rules = [*_DERIVED.get((kind, canonical(path)), ()), *_BY_HAND.get((kind, path), ())]
    return tuple(dict.fromkeys(rules))


#: Every (file kind, field path) a semantic rule reads, for tests: the derived ones in canonical
#: form are matched against the page's paths there.
SEMANTIC: dict[Key, tuple[str, ...]] = dict(_BY_HAND)
DERIVED_PATHS: frozenset[tuple[str, tuple[str, ...]]] = frozenset(_DERIVED)
