"""Turns the merged, validated playbook document into the typed model of `generator.model`.

The input is the mapping of LAYOUT.md: file kind -> that file's content, already checked against
the schema (and, where it matters, the semantic rules). So this module does no validation: it
fills defaults for optional keys, turns lists into tuples and mappings into ordered tuples, and
trusts the shape. A key the schema requires but that is missing raises `KeyError`, a bug in the
caller rather than in the playbook.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from generator.layout import FILE_KINDS
from generator.model import (
    AfterIncidentStep,
    Answer,
    Audience,
    Cadence,
    Channel,
    ChecklistItem,
    Communication,
    DecisionNode,
    DecisionTree,
    FailurePattern,
    FileReview,
    Guidance,
    IncidentCommander,
    Links,
    LongIncident,
    Mitigation,
    MitigationPattern,
    Organisation,
    Phase,
    PhraseToAvoid,
    Placeholder,
    Playbook,
    Principle,
    Response,
    Review,
    Role,
    RoleChecklist,
    Rubric,
    Severity,
    Stage,
    StatusTemplate,
    SummaryField,
    Symptom,
    Terminology,
    WorkflowStep,
)

Data = Mapping[str, Any]


def build_model(document: Mapping[str, Any]) -> Playbook:
    """The `Playbook` for a merged document (file kind -> content) that passed validation."""
    severities = tuple(_severity(s) for s in document["severities"]["severities"])
    phases_file = document["phases"]
    phases = tuple(_phase(p) for p in phases_file["phases"])
    phase_order = [p.id for p in phases]
    communication = _communication(document["communication"], [s.id for s in severities])
    templates_file = document["status-templates"]
    return Playbook(
        organisation=_organisation(document["organisation"]),
        severities=severities,
        roles=tuple(_role(r, phase_order) for r in document["roles"]["roles"]),
        phases=phases,
        workflow=tuple(_workflow_step(w) for w in phases_file["workflow"]),
        communication=communication,
        stages=tuple(Stage(s["id"], s["name"], s["description"]) for s in templates_file["stages"]),
        status_templates=tuple(_template(t) for t in templates_file["templates"]),
        decision_tree=_decision_tree(document["decision-tree"]),
        rubrics=tuple(_rubric(r) for r in document["rubrics"]["rubrics"]),
        mitigation=_mitigation(document["mitigation"]),
        guidance=_guidance(document["guidance"]),
        file_reviews=tuple(
            FileReview(kind, _review(document[kind])) for kind in FILE_KINDS if kind in document
        ),
    )


# --------------------------------------------------------------------------- shared


def _review(data: Data) -> Review:
    last = data.get("last_reviewed")
    if isinstance(last, datetime.date):  # a YAML 1.1 loader may have turned it into a date
        last = last.isoformat()
    return Review(owner=data.get("owner"), last_reviewed=last)


def _strs(values: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(values or ())


def _principle(data: Data) -> Principle:
    return Principle(title=data["title"], detail=data.get("detail", ""))


def _ordered(keys: Iterable[str], order: Sequence[str]) -> list[str]:
    """`keys` in the order of `order`; keys `order` does not know keep their own order, last."""
    keys = list(keys)
    known = [k for k in order if k in keys]
    return known + [k for k in keys if k not in order]


# --------------------------------------------------------------------------- organisation.yaml


def _organisation(data: Data) -> Organisation:
    links = data.get("links") or {}
    words = data.get("terminology") or {}
    defaults = Terminology()
    return Organisation(
        name=data["name"],
        timezone=data["timezone"],
        language=data.get("language", "en"),
        playbook_version=data.get("playbook_version", ""),
        links=Links(
            status_page=links.get("status_page"),
            on_call=links.get("on_call"),
            incident_tracker=links.get("incident_tracker"),
            chat=links.get("chat"),
        ),
        terminology=Terminology(
            severity_word=words.get("severity_word", defaults.severity_word),
            incident_word=words.get("incident_word", defaults.incident_word),
        ),
        review_max_age_days=data.get("review_max_age_days", 365),
    )


# --------------------------------------------------------------------------- severities.yaml


def _severity(data: Data) -> Severity:
    response = data["response"]
    commander = response["incident_commander"]
    return Severity(
        id=data["id"],
        label=data["label"],
        name=data["name"],
        summary=data["summary"],
        definition=_strs(data["definition"]),
        examples=_strs(data.get("examples")),
        response=Response(
            acknowledge_within=response["acknowledge_within"],
            incident_commander=IncidentCommander(
                required=commander["required"],
                assigned_within=commander.get("assigned_within"),
            ),
            page=_strs(response.get("page")),
            roles=_strs(response.get("roles")),
            war_room=response["war_room"],
            public_communication=response["public_communication"],
            executive_notification_within=response.get("executive_notification_within"),
            resolution_target=response["resolution_target"],
            tracked_as_bug=response.get("tracked_as_bug", False),
            actions=_strs(response.get("actions")),
        ),
        review=_review(data),
    )


# --------------------------------------------------------------------------- roles.yaml


def _role(data: Data, phase_order: Sequence[str]) -> Role:
    checklists = data.get("checklists") or {}
    return Role(
        id=data["id"],
        name=data["name"],
        short=data["short"],
        summary=data["summary"],
        responsibilities=_strs(data["responsibilities"]),
        not_their_job=_strs(data.get("not_their_job")),
        typical_holder=data["typical_holder"],
        takes_off_others=data["takes_off_others"],
        activated_by=data["activated_by"],
        checklists=tuple(
            RoleChecklist(phase=phase, items=_strs(checklists[phase]))
            for phase in _ordered(checklists, phase_order)
        ),
        review=_review(data),
    )


# --------------------------------------------------------------------------- phases.yaml


def _phase(data: Data) -> Phase:
    return Phase(
        id=data["id"],
        name=data["name"],
        goal=data["goal"],
        summary=data["summary"],
        checklist=tuple(
            ChecklistItem(
                id=item["id"],
                text=item["text"],
                role=item.get("role"),
                severities=_strs(item.get("severities")),
                detail=item.get("detail", ""),
            )
            for item in data["checklist"]
        ),
    )


def _workflow_step(data: Data) -> WorkflowStep:
    return WorkflowStep(
        id=data["id"], title=data["title"], detail=data["detail"], phase=data["phase"]
    )


# --------------------------------------------------------------------------- communication.yaml


def _communication(data: Data, severity_order: Sequence[str]) -> Communication:
    audiences = tuple(
        Audience(
            id=a["id"],
            name=a["name"],
            description=a["description"],
            format=a["format"],
            channels=_strs(a["channels"]),
        )
        for a in data["audiences"]
    )
    channels = tuple(
        Channel(
            id=c["id"],
            name=c["name"],
            kind=c["kind"],
            purpose=c["purpose"],
            naming_pattern=c.get("naming_pattern"),
            link=c.get("link"),
        )
        for c in data["channels"]
    )
    return Communication(
        audiences=audiences,
        channels=channels,
        cadence=_cadence(data.get("cadence") or {}, severity_order, [a.id for a in audiences]),
        principles=tuple(_principle(p) for p in data.get("principles") or ()),
        phrases_to_avoid=tuple(
            PhraseToAvoid(
                phrase=p["phrase"], why=p["why"], instead=p["instead"], pattern=p.get("pattern")
            )
            for p in data.get("phrases_to_avoid") or ()
        ),
    )


def _cadence(
    data: Data, severity_order: Sequence[str], audience_order: Sequence[str]
) -> tuple[Cadence, ...]:
    """Severity -> audience -> entry, flattened in severity order, then audience order."""
    entries: list[Cadence] = []
    for severity in _ordered(data, severity_order):
        per_audience = data[severity] or {}
        for audience in _ordered(per_audience, audience_order):
            entry = per_audience[audience]
            long_incident = entry.get("long_incident")
            entries.append(
                Cadence(
                    severity=severity,
                    audience=audience,
                    every=entry["every"],
                    first_update_within=entry.get("first_update_within"),
                    long_incident=(
                        LongIncident(after=long_incident["after"], every=long_incident["every"])
                        if long_incident
                        else None
                    ),
                )
            )
    return tuple(entries)


# --------------------------------------------------------------------------- status-templates.yaml


def _template(data: Data) -> StatusTemplate:
    return StatusTemplate(
        id=data["id"],
        stage=data["stage"],
        audience=data["audience"],
        title=data["title"],
        body=data["body"],
        placeholders=tuple(
            Placeholder(
                name=p["name"],
                description=p["description"],
                example=p["example"],
                default=p.get("default"),
            )
            for p in data.get("placeholders") or ()
        ),
        severities=_strs(data.get("severities")),
        review=_review(data),
    )


# --------------------------------------------------------------------------- decision-tree.yaml


def _decision_tree(data: Data) -> DecisionTree:
    return DecisionTree(
        start=data["start"],
        tie_break=data["tie_break"],
        nodes=tuple(
            DecisionNode(
                id=node["id"],
                question=node["question"],
                help=node.get("help", ""),
                answers=tuple(
                    Answer(
                        label=a["label"],
                        next=a.get("next"),
                        severity=a.get("severity"),
                        note=a.get("note", ""),
                    )
                    for a in node["answers"]
                ),
            )
            for node in data["nodes"]
        ),
    )


# --------------------------------------------------------------------------- rubrics.yaml


def _rubric(data: Data) -> Rubric:
    return Rubric(
        id=data["id"],
        question=data["question"],
        criteria_mode=data["criteria_mode"],
        criteria=_strs(data["criteria"]),
        exceptions=_strs(data.get("exceptions")),
        default_when_unsure=data["default_when_unsure"],
        rationale=data.get("rationale", ""),
    )


# --------------------------------------------------------------------------- mitigation.yaml


def _mitigation(data: Data) -> Mitigation:
    return Mitigation(
        principle=data["principle"],
        when_unsure=data["when_unsure"],
        patterns=tuple(
            MitigationPattern(
                id=p["id"],
                name=p["name"],
                description=p["description"],
                use_when=p["use_when"],
                caution=p.get("caution", ""),
            )
            for p in data["patterns"]
        ),
        symptoms=tuple(
            Symptom(
                id=s["id"],
                symptom=s["symptom"],
                first_mitigation=s["first_mitigation"],
                pattern=s.get("pattern"),
            )
            for s in data["symptoms"]
        ),
    )


# --------------------------------------------------------------------------- guidance.yaml


def _guidance(data: Data) -> Guidance:
    return Guidance(
        decision_authority=_strs(data["decision_authority"]),
        non_decisions=tuple(_principle(p) for p in data.get("non_decisions") or ()),
        failure_patterns=tuple(
            FailurePattern(
                id=f["id"], name=f["name"], description=f["description"], prevention=f["prevention"]
            )
            for f in data.get("failure_patterns") or ()
        ),
        on_call=tuple(_principle(p) for p in data.get("on_call") or ()),
        after_incident=tuple(
            AfterIncidentStep(
                id=a["id"],
                title=a["title"],
                detail=a["detail"],
                within=a.get("within"),
                role=a.get("role"),
            )
            for a in data.get("after_incident") or ()
        ),
        summary_template=tuple(
            SummaryField(id=f["id"], title=f["title"], prompt=f["prompt"], kind=f["kind"])
            for f in data["summary_template"]
        ),
    )
