"""Ids are unique per collection, and every reference names an id that exists (`ref-unknown-*`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.findings import Finding
from generator.layout import OPTIONAL_KINDS
from generator.loader import DataPath
from generator.validate.document import ANY, KEYS, Document, is_id
from generator.validate.suggest import did_you_mean

#: (file kind, path of the list, what one item is called) for every collection with ids.
COLLECTIONS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("severities", ("severities",), "severity"),
    ("severities", ("groups",), "severity group"),
    ("roles", ("roles",), "role"),
    ("phases", ("phases",), "phase"),
    ("phases", ("workflow",), "workflow step"),
    ("communication", ("audiences",), "audience"),
    ("communication", ("channels",), "channel"),
    ("status-templates", ("stages",), "stage"),
    ("status-templates", ("templates",), "status template"),
    ("decision-tree", ("nodes",), "question"),
    ("incident-types", ("types",), "incident type"),
    ("rubrics", ("rubrics",), "rubric"),
    ("mitigation", ("patterns",), "mitigation pattern"),
    ("mitigation", ("symptoms",), "symptom"),
    ("guidance", ("failure_patterns",), "failure pattern"),
    ("guidance", ("after_incident",), "after-incident step"),
    ("guidance", ("summary_template",), "summary field"),
)


@dataclass(frozen=True)
class Reference:
    """What one `ref-unknown-*` rule checks: the target list, then every place referring to it."""

    rule: str
    noun: str
    target_kind: str
    target_path: tuple[str, ...]
    sources: tuple[tuple[str, tuple[str, ...]], ...]
    #: Places that need a single level, where a severity group cannot stand.
    levels_only: tuple[tuple[str, tuple[str, ...]], ...] = ()


REFERENCES: tuple[Reference, ...] = (
    Reference(
        "ref-unknown-role",
        "role",
        "roles",
        ("roles",),
        (
            ("roles", ("lead",)),
            ("severities", ("severities", ANY, "response", "lead")),
            ("severities", ("severities", ANY, "response", "roles", ANY)),
            ("severities", ("severities", ANY, "response", "page", ANY, "role")),
            ("phases", ("phases", ANY, "checklist", ANY, "role")),
            ("guidance", ("after_incident", ANY, "role")),
            ("incident-types", ("types", ANY, "lead")),
            ("incident-types", ("types", ANY, "roles", ANY)),
        ),
    ),
    Reference(
        "ref-unknown-severity",
        "severity",
        "severities",
        ("severities",),
        (
            ("phases", ("phases", ANY, "checklist", ANY, "severities", ANY)),
            ("guidance", ("after_incident", ANY, "severities", ANY)),
            ("communication", ("channels", ANY, "severities", ANY)),
            ("status-templates", ("templates", ANY, "severities", ANY)),
            ("incident-types", ("types", ANY, "severities", ANY)),
            ("rubrics", ("rubrics", ANY, "severities", ANY)),
        ),
        levels_only=(
            ("communication", ("cadence", KEYS)),
            ("decision-tree", ("nodes", ANY, "answers", ANY, "severity")),
        ),
    ),
    Reference(
        "ref-unknown-phase",
        "phase",
        "phases",
        ("phases",),
        (("phases", ("workflow", ANY, "phase")),),
    ),
    Reference(
        "ref-unknown-channel",
        "channel",
        "communication",
        ("channels",),
        (
            ("communication", ("audiences", ANY, "channels", ANY)),
            ("incident-types", ("types", ANY, "channels", ANY)),
        ),
    ),
    Reference(
        "ref-unknown-audience",
        "audience",
        "communication",
        ("audiences",),
        (
            ("communication", ("cadence", ANY, KEYS)),
            ("status-templates", ("templates", ANY, "audience")),
            ("roles", ("roles", ANY, "owns_updates_for", ANY)),
        ),
    ),
    Reference(
        "ref-unknown-stage",
        "stage",
        "status-templates",
        ("stages",),
        (
            ("status-templates", ("templates", ANY, "stage")),
            ("communication", ("cadence", ANY, ANY, "by_stage", KEYS)),
        ),
    ),
    Reference(
        "ref-unknown-type",
        "incident type",
        "incident-types",
        ("types",),
        (
            ("phases", ("phases", ANY, "checklist", ANY, "types", ANY)),
            ("communication", ("channels", ANY, "types", ANY)),
            ("decision-tree", ("nodes", ANY, "answers", ANY, "type")),
        ),
    ),
    Reference(
        "ref-unknown-pattern",
        "pattern",
        "mitigation",
        ("patterns",),
        (("mitigation", ("symptoms", ANY, "pattern")),),
    ),
    Reference(
        "ref-unknown-node",
        "node",
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
    for reference in REFERENCES:
        known = doc.ids(reference.target_kind, reference.target_path)
        if known is None and reference.target_kind in OPTIONAL_KINDS:
            if not doc.has(reference.target_kind):
                yield from _without_file(doc, reference)
            continue
        if known is None:  # the target file or list is malformed: nothing to compare
            continue
        groups: dict[str, DataPath] = {}
        what = reference.noun
        if reference.rule == "ref-unknown-severity":
            groups = doc.ids("severities", ("groups",)) or {}
            what = "level or group"
        yield from _unknown(doc, reference, reference.sources, {**known, **groups}, what)
        yield from _unknown(doc, reference, reference.levels_only, known, "level", groups)


def _unknown(
    doc: Document,
    reference: Reference,
    sources: tuple[tuple[str, tuple[str, ...]], ...],
    allowed: dict[str, DataPath],
    what: str,
    groups: dict[str, DataPath] | None = None,
) -> Iterator[Finding]:
    noun, target = reference.noun, f"{reference.target_kind}.yaml"
    for kind, pattern in sources:
        for hit in doc.select(kind, pattern):
            if not is_id(hit.value) or hit.value in allowed:
                continue
            if groups and hit.value in groups:
                message = (
                    f"'{hit.value}' is a group of levels; here one level is needed, not a group"
                )
                hint = "name a single level: " + ", ".join(allowed)
            else:
                message = f"unknown {noun} '{hit.value}': no {what} with this id in {target}"
                hint = did_you_mean(hit.value, allowed)
            yield doc.finding(reference.rule, message, kind, hit.path, hint=hint, key=hit.is_key)


def _without_file(doc: Document, reference: Reference) -> Iterator[Finding]:
    """References into an optional file the playbook does not have."""
    target = f"{reference.target_kind}.yaml"
    for kind, pattern in (*reference.sources, *reference.levels_only):
        for hit in doc.select(kind, pattern):
            if not is_id(hit.value):
                continue
            yield doc.finding(
                reference.rule,
                f"unknown {reference.noun} '{hit.value}': the playbook has no {target}",
                kind,
                hit.path,
                hint=f"add {target} defining '{hit.value}', or remove this reference",
                key=hit.is_key,
            )
