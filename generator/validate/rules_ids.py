"""Ids are unique per collection, and every reference names an id that exists (`ref-unknown-*`)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Finding
from generator.validate.document import ANY, KEYS, Document, is_id
from generator.validate.suggest import did_you_mean

#: (file kind, path of the list, what one item is called) for every collection with ids.
COLLECTIONS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("severities", ("severities",), "severity"),
    ("roles", ("roles",), "role"),
    ("phases", ("phases",), "phase"),
    ("phases", ("workflow",), "workflow step"),
    ("communication", ("audiences",), "audience"),
    ("communication", ("channels",), "channel"),
    ("status-templates", ("stages",), "stage"),
    ("status-templates", ("templates",), "status template"),
    ("decision-tree", ("nodes",), "question"),
    ("rubrics", ("rubrics",), "rubric"),
    ("mitigation", ("patterns",), "mitigation pattern"),
    ("mitigation", ("symptoms",), "symptom"),
    ("guidance", ("failure_patterns",), "failure pattern"),
    ("guidance", ("after_incident",), "after-incident step"),
    ("guidance", ("summary_template",), "summary field"),
)

#: What each `ref-unknown-*` rule checks: the target collection, then every place referring to it.
REFERENCES: tuple[
    tuple[str, str, tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]], ...
] = (
    (
        "ref-unknown-role",
        "roles",
        ("roles",),
        (
            ("severities", ("severities", ANY, "response", "roles", ANY)),
            ("phases", ("phases", ANY, "checklist", ANY, "role")),
            ("guidance", ("after_incident", ANY, "role")),
        ),
    ),
    (
        "ref-unknown-severity",
        "severities",
        ("severities",),
        (
            ("phases", ("phases", ANY, "checklist", ANY, "severities", ANY)),
            ("communication", ("cadence", KEYS)),
            ("status-templates", ("templates", ANY, "severities", ANY)),
            ("decision-tree", ("nodes", ANY, "answers", ANY, "severity")),
        ),
    ),
    (
        "ref-unknown-phase",
        "phases",
        ("phases",),
        (
            ("roles", ("roles", ANY, "checklists", KEYS)),
            ("phases", ("workflow", ANY, "phase")),
        ),
    ),
    (
        "ref-unknown-channel",
        "communication",
        ("channels",),
        (("communication", ("audiences", ANY, "channels", ANY)),),
    ),
    (
        "ref-unknown-audience",
        "communication",
        ("audiences",),
        (
            ("communication", ("cadence", ANY, KEYS)),
            ("status-templates", ("templates", ANY, "audience")),
        ),
    ),
    (
        "ref-unknown-stage",
        "status-templates",
        ("stages",),
        (("status-templates", ("templates", ANY, "stage")),),
    ),
    (
        "ref-unknown-pattern",
        "mitigation",
        ("patterns",),
        (("mitigation", ("symptoms", ANY, "pattern")),),
    ),
    (
        "ref-unknown-node",
        "decision-tree",
        ("nodes",),
        (("decision-tree", ("nodes", ANY, "answers", ANY, "next")),),
    ),
)


def check_unique_ids(doc: Document) -> Iterator[Finding]:
    """`unique-id`: an id names one item of its collection, so references are unambiguous."""
    for kind, path, noun in COLLECTIONS:
        yield from _unique(doc, kind, path, "id", noun)
    for phase_path, _phase in doc.entries("phases", ("phases",)):
        yield from _unique(doc, "phases", (*phase_path, "checklist"), "id", "checklist item")
    for template_path, _template in doc.entries("status-templates", ("templates",)):
        yield from _unique(
            doc, "status-templates", (*template_path, "placeholders"), "name", "placeholder"
        )


def _unique(doc: Document, kind: str, path: tuple, field: str, noun: str) -> Iterator[Finding]:
    seen: dict[str, tuple] = {}
    for item_path, item in doc.entries(kind, path):
        value = item.get(field)
        if not isinstance(value, str):
            continue
        here = (*item_path, field)
        if value in seen:
            first = doc.where(kind, seen[value])
            yield doc.finding(
                "unique-id",
                f"the {noun} {field} '{value}' is used twice: first at {first}",
                kind,
                here,
                hint=f"give each {noun} its own {field}",
            )
        else:
            seen[value] = here


def check_references(doc: Document) -> Iterator[Finding]:
    """`ref-unknown-*`: every id used in one place is defined where it belongs."""
    for rule, target_kind, target_path, sources in REFERENCES:
        known = doc.ids(target_kind, target_path)
        if known is None:  # the target file or list is missing or malformed: nothing to compare
            continue
        if rule == "ref-unknown-severity":
            groups = doc.ids("severities", ("groups",)) or {}
            known = {**known, **groups}
        noun = rule.removeprefix("ref-unknown-")
        for kind, pattern in sources:
            for hit in doc.select(kind, pattern):
                if not is_id(hit.value) or hit.value in known:
                    continue
                yield doc.finding(
                    rule,
                    f"unknown {noun} '{hit.value}': no {noun} with this id in {target_kind}.yaml",
                    kind,
                    hit.path,
                    hint=did_you_mean(hit.value, known),
                    key=hit.is_key,
                )
