"""`build_model`: a merged format-2 document becomes the frozen model, defaults from the model."""

from __future__ import annotations

import copy
import dataclasses
import datetime
import json
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from generator.layout import (
    DEFAULT_PLAYBOOK_DIR,
    FILE_KINDS,
    OPTIONAL_KINDS,
    ROOT_SCHEMA,
    SCHEMA_DIR,
)
from generator.model import (
    Cadence,
    Executives,
    FirstUpdate,
    FollowUp,
    LongIncident,
    PageEntry,
    Playbook,
    PublicCommunication,
    Response,
    Review,
    StageInterval,
)
from generator.model_builder import build_model


def minimal_document() -> dict[str, Any]:
    """A small format-2 playbook the schema accepts: one level says everything, the other
    nothing it may leave out; cadence keys in a deliberately odd order."""
    response = {
        "acknowledge_within": "5m",
        "lead": "im",
        "lead_assigned_within": "10m",
        "page": [
            {
                "who": "Primary on-call",
                "kind": "rotation",
                "urgency": "high",
                "escalate_after": "15m",
            },
            {
                "who": "Incident manager",
                "kind": "role",
                "role": "im",
                "how": "chat-command",
                "command": "!ic page",
            },
        ],
        "roles": ["im", "ic"],
        "war_room": True,
        "public_communication": {"when": "conditional", "condition": "impact lasts over 5 minutes"},
        "executives": {"when": "always", "within": "15m"},
        "resolution_target": "as fast as possible",
    }
    return {
        "organisation": {"format": 2, "name": "Example Corp", "timezone": "UTC"},
        "severities": {
            "owner": "SRE team",
            "last_reviewed": "2026-03-01",
            "groups": [{"id": "major", "name": "Major incident", "severities": ["sev1"]}],
            "severities": [
                {
                    "id": "sev1",
                    "label": "SEV-1",
                    "name": "Critical",
                    "summary": "Everything is down.",
                    "definition": ["Most users cannot use the product"],
                    "response": response,
                    "owner": "Head of SRE",
                },
                {
                    "id": "sev2",
                    "label": "SEV-2",
                    "summary": "A cosmetic problem.",
                    "definition": ["Nobody is blocked"],
                },
            ],
        },
        "roles": {
            "lead": "ic",
            "roles": [
                {
                    "id": "ic",
                    "name": "Incident commander",
                    "summary": "Owns the response.",
                    "responsibilities": ["Decides"],
                },
                {
                    "id": "im",
                    "name": "Incident manager",
                    "short": "IM",
                    "summary": "Leads major incidents.",
                    "responsibilities": ["Runs the bridge"],
                    "staffing": "standing",
                    "owns_updates_for": ["customers"],
                },
            ],
        },
        "phases": {
            "phases": [
                {
                    "id": "detect",
                    "name": "Detect",
                    "goal": "Know.",
                    "summary": "Notice it.",
                    "checklist": [
                        {"id": "ack", "text": "Acknowledge the page"},
                        {"id": "evidence", "text": "Keep the logs", "types": ["security"]},
                    ],
                },
                {
                    "id": "resolve",
                    "name": "Resolve",
                    "goal": "Fix.",
                    "summary": "Make it right.",
                    "checklist": [
                        {
                            "id": "verify",
                            "text": "Verify the fix",
                            "role": "ic",
                            "severities": ["major"],
                            "detail": "Test the user flow.",
                        }
                    ],
                },
            ],
            "workflow": [{"id": "w1", "title": "Declare", "detail": "Say it.", "phase": "detect"}],
        },
        "communication": {
            "audiences": [
                {
                    "id": "team",
                    "name": "Team",
                    "description": "Us.",
                    "format": "Short.",
                    "channels": ["chat"],
                },
                {
                    "id": "customers",
                    "name": "Customers",
                    "description": "Them.",
                    "format": "Plain.",
                    "channels": ["status"],
                },
            ],
            "channels": [
                {"id": "chat", "name": "Chat", "kind": "chat", "purpose": "Work."},
                {
                    "id": "status",
                    "name": "Status page",
                    "kind": "status-page",
                    "purpose": "Tell.",
                    "link": "https://status.example.com",
                },
                {
                    "id": "bridge",
                    "name": "Bridge",
                    "kind": "phone",
                    "purpose": "Talk.",
                    "link": "tel:+15550100",
                    "private": True,
                    "severities": ["major"],
                },
            ],
            "principles": [],
            "phrases_to_avoid": [],
            "cadence": {
                "sev2": {"team": {"every": "none"}},
                "sev1": {
                    "customers": {
                        "first_update": {"within": "5m", "from": "response-started"},
                        "follow_ups": [{"name": "Scoping update", "within": "5m"}],
                        "every": "30m",
                        "by_stage": {"investigating": "10m"},
                        "also_on": ["impact-changed"],
                        "long_incident": {"after": "4h", "not_before": "30m"},
                    },
                    "team": {"every": "15m"},
                },
            },
        },
        "status-templates": {
            "stages": [{"id": "investigating", "name": "Investigating", "description": "Looking."}],
            "templates": [
                {
                    "id": "t1",
                    "last_reviewed": "2026-02-01",
                    "stage": "investigating",
                    "audience": "customers",
                    "title": "Investigating",
                    "body": "We are looking at {what}.",
                    "placeholders": [
                        {"name": "what", "description": "What.", "example": "sign-in"}
                    ],
                }
            ],
        },
        "incident-types": {
            "types": [
                {
                    "id": "security",
                    "name": "Security incident",
                    "summary": "Someone got in.",
                    "lead": "im",
                    "channels": ["bridge"],
                    "public_communication": {"when": "lead-decides"},
                }
            ]
        },
        "rubrics": {
            "rubrics": [
                {
                    "id": "rollback",
                    "question": "Roll back?",
                    "criteria_mode": "any",
                    "criteria": ["It broke after a deploy"],
                    "default_when_unsure": "Roll back.",
                    "exceptions": [],
                }
            ]
        },
        "mitigation": {
            "principle": "Stop the bleeding.",
            "when_unsure": "Roll back.",
            "patterns": [
                {
                    "id": "rollback",
                    "name": "Roll back",
                    "description": "Undo.",
                    "use_when": "Deploy.",
                }
            ],
            "symptoms": [{"id": "errors", "symptom": "Errors", "first_mitigation": "Roll back."}],
        },
        "guidance": {
            "owner": "Incident programme",
            "decision_authority": ["Roll back"],
            "non_decisions": [],
            "failure_patterns": [],
            "on_call": [],
            "after_incident": [
                {
                    "id": "review",
                    "title": "Review",
                    "detail": "Meet.",
                    "within": "5bd",
                    "severities": ["major"],
                }
            ],
            "summary_template": [
                {"id": "date", "title": "Date", "prompt": "When.", "kind": "field"}
            ],
        },
    }


def root_validator() -> Draft202012Validator:
    schemas = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in SCHEMA_DIR.glob("*.schema.json")
    }
    registry = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in schemas.items()
    )
    return Draft202012Validator(schemas[ROOT_SCHEMA], registry=registry)


def schema_errors(document: dict[str, Any]) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in root_validator().iter_errors(document)
    ]


@pytest.fixture
def playbook() -> Playbook:
    return build_model(minimal_document())


def test_minimal_document_is_valid_per_schema() -> None:
    assert schema_errors(minimal_document()) == []


def test_model_is_deeply_immutable(playbook: Playbook) -> None:
    """Frozen dataclasses of tuples and scalars hash; a list or dict anywhere would not."""
    hash(playbook)
    with pytest.raises(dataclasses.FrozenInstanceError):
        playbook.organisation.name = "Other"  # type: ignore[misc]


def test_building_twice_gives_equal_models() -> None:
    assert build_model(minimal_document()) == build_model(minimal_document())


def test_builder_does_not_change_its_input() -> None:
    document = minimal_document()
    before = copy.deepcopy(document)
    build_model(document)
    assert document == before


def test_organisation_defaults(playbook: Playbook) -> None:
    organisation = playbook.organisation
    assert (organisation.name, organisation.timezone, organisation.format) == (
        "Example Corp",
        "UTC",
        2,
    )
    assert organisation.language == "en"
    assert organisation.playbook_version == ""
    assert organisation.links.status_page is None
    assert organisation.terminology.severity_word == "severity"
    assert organisation.review_max_age_days == 365
    assert organisation.decision_tree_max_answers == 4


def test_a_level_that_says_everything(playbook: Playbook) -> None:
    sev1 = playbook.severity("sev1")
    assert sev1.response.page == (
        PageEntry(who="Primary on-call", kind="rotation", urgency="high", escalate_after="15m"),
        PageEntry(
            who="Incident manager", kind="role", role="im", how="chat-command", command="!ic page"
        ),
    )
    assert sev1.response.public_communication == PublicCommunication(
        "conditional", "impact lasts over 5 minutes"
    )
    assert sev1.response.executives == Executives("always", within="15m")
    assert sev1.review == Review(owner="Head of SRE")


def test_a_level_that_says_nothing_optional_invents_nothing(playbook: Playbook) -> None:
    sev2 = playbook.severity("sev2")
    assert sev2.name == ""
    assert sev2.examples == ()
    assert sev2.response == Response()
    assert sev2.response.acknowledge_within is None
    assert sev2.response.executives is None
    assert sev2.response.war_room is None
    assert sev2.review == Review()


def test_groups_and_levels_of(playbook: Playbook) -> None:
    assert playbook.group("major").severities == ("sev1",)
    assert playbook.levels_of(["sev2", "major"]) == ("sev1", "sev2")
    assert playbook.groups_of("sev1")[0].name == "Major incident"
    assert playbook.groups_of("sev2") == ()


def test_lead_for_level_type_and_default(playbook: Playbook) -> None:
    assert playbook.default_lead == "ic"
    assert playbook.lead_for("sev1").name == "Incident manager"
    assert playbook.lead_for("sev2").name == "Incident commander"
    assert playbook.lead_for("sev2", "security").name == "Incident manager"
    document = minimal_document()
    del document["roles"]["lead"]
    assert build_model(document).lead_for("sev2").id == "ic"  # the first role


def test_roles_without_checklists(playbook: Playbook) -> None:
    ic, im = playbook.roles
    assert (ic.short, ic.typical_holder, ic.staffing, ic.owns_updates_for) == (
        "",
        "",
        "per-incident",
        (),
    )
    assert (im.short, im.staffing, im.owns_updates_for) == ("IM", "standing", ("customers",))
    tasks = playbook.tasks_for_role("ic")
    assert [(phase.id, [i.id for i in items]) for phase, items in tasks] == [
        ("resolve", ["verify"])
    ]
    assert playbook.tasks_for_role("im") == ()


def test_checklist_items_and_applies(playbook: Playbook) -> None:
    ack, evidence = playbook.phase("detect").checklist
    verify = playbook.phase("resolve").checklist[0]
    assert (ack.role, ack.severities, ack.types, ack.detail) == (None, (), (), "")
    assert verify.severities == ("major",)
    assert playbook.applies(verify, "sev1")
    assert not playbook.applies(verify, "sev2")
    assert playbook.applies(verify, None)
    assert playbook.applies(ack, "sev2", "security")
    assert not playbook.applies(evidence, "sev1")
    assert playbook.applies(evidence, "sev1", "security")


def test_cadence_in_severity_then_audience_order(playbook: Playbook) -> None:
    cells = [(c.severity, c.audience) for c in playbook.communication.cadence]
    assert cells == [("sev1", "team"), ("sev1", "customers"), ("sev2", "team")]
    assert playbook.cadence("sev1", "customers") == Cadence(
        severity="sev1",
        audience="customers",
        first_update=FirstUpdate(within="5m", from_event="response-started"),
        follow_ups=(FollowUp(name="Scoping update", within="5m", from_event="previous-message"),),
        every="30m",
        by_stage=(StageInterval(stage="investigating", every="10m"),),
        also_on=("impact-changed",),
        long_incident=LongIncident(after="4h", every=None, not_before="30m"),
    )
    assert playbook.cadence("sev1", "customers").every_at("investigating") == "10m"
    assert playbook.cadence("sev1", "customers").every_at("monitoring") == "30m"
    assert playbook.cadence("sev2", "team").first_update is None


def test_first_update_counts_from_declaring_by_default() -> None:
    document = minimal_document()
    document["communication"]["cadence"]["sev2"]["team"]["first_update"] = {"within": "1h"}
    assert build_model(document).cadence("sev2", "team").first_update == FirstUpdate(
        "1h", "declared"
    )


def test_channels(playbook: Playbook) -> None:
    chat, status, bridge = playbook.communication.channels
    assert (chat.naming_pattern, chat.link, chat.private, chat.severities) == (
        None,
        None,
        False,
        (),
    )
    assert status.link == "https://status.example.com"
    assert (bridge.kind, bridge.link, bridge.private, bridge.severities) == (
        "phone",
        "tel:+15550100",
        True,
        ("major",),
    )


def test_status_templates(playbook: Playbook) -> None:
    assert [s.id for s in playbook.stages] == ["investigating"]
    template = playbook.status_templates[0]
    assert template.severities == ()
    assert template.placeholders[0].default is None
    assert template.review == Review(last_reviewed="2026-02-01")


def test_incident_types(playbook: Playbook) -> None:
    security = playbook.incident_type("security")
    assert security.public_communication == PublicCommunication("lead-decides")
    assert (security.roles, security.severities, security.actions) == ((), (), ())


def test_without_the_optional_files() -> None:
    document = minimal_document()
    del document["incident-types"]
    model = build_model(document)
    assert model.decision_tree is None
    assert model.incident_types == ()
    assert "incident-types" not in [r.file for r in model.file_reviews]


def one_question_tree(*answers: dict[str, str]) -> dict[str, Any]:
    """A decision tree of one question, `Is it down?`, with these answers (each a result)."""
    return {
        "start": "down",
        "nodes": [{"id": "down", "question": "Is it down?", "answers": list(answers)}],
    }


def test_decision_tree_answers_carry_a_type() -> None:
    document = minimal_document()
    document["decision-tree"] = one_question_tree(
        {"label": "Yes", "severity": "sev1", "note": "Page everyone."},
        {"label": "Breach", "severity": "sev1", "type": "security"},
    )
    assert schema_errors(document) == []
    tree = build_model(document).decision_tree
    assert tree is not None
    assert (tree.start, tree.tie_break, tree.nodes[0].help) == ("down", "", "")
    yes, breach = tree.nodes[0].answers
    assert (yes.severity, yes.next, yes.type, yes.note) == ("sev1", None, None, "Page everyone.")
    assert (breach.type, breach.note) == ("security", "")


def test_rubrics_mitigation_guidance(playbook: Playbook) -> None:
    assert playbook.rubrics[0].rationale == ""
    assert playbook.rubrics[0].exceptions == ()
    assert playbook.mitigation.patterns[0].caution == ""
    assert playbook.mitigation.symptoms[0].pattern is None
    assert playbook.guidance.summary_template[0].kind == "field"
    step = playbook.guidance.after_incident[0]
    assert (step.within, step.severities, step.role) == ("5bd", ("major",), None)
    assert playbook.guidance.failure_patterns == ()


def test_file_reviews_cover_every_file_in_reading_order(playbook: Playbook) -> None:
    expected = [k for k in FILE_KINDS if k != "decision-tree"]
    assert [r.file for r in playbook.file_reviews] == expected
    reviews = {r.file: r.review for r in playbook.file_reviews}
    assert reviews["severities"] == Review(owner="SRE team", last_reviewed="2026-03-01")
    assert reviews["guidance"] == Review(owner="Incident programme")
    assert reviews["roles"] == Review()


def test_a_date_read_by_a_yaml_1_1_loader_becomes_iso_text() -> None:
    document = minimal_document()
    document["severities"]["severities"][0]["last_reviewed"] = datetime.date(2026, 1, 2)
    assert build_model(document).severity("sev1").review.last_reviewed == "2026-01-02"


def test_a_missing_required_key_names_it() -> None:
    """The builder trusts validation; a document that skipped it fails loudly, naming the key."""
    document = minimal_document()
    del document["severities"]["severities"][1]["summary"]
    with pytest.raises(KeyError, match="Severity needs 'summary'"):
        build_model(document)


def test_default_playbook_builds() -> None:
    """The shipped playbook, read with plain PyYAML, is schema-valid and builds in format 2."""
    paths = {kind: DEFAULT_PLAYBOOK_DIR / f"{kind}.yaml" for kind in FILE_KINDS}
    missing = [k for k, p in paths.items() if not p.exists() and k not in OPTIONAL_KINDS]
    assert missing == [], f"the default playbook lacks {', '.join(missing)}"
    document = {
        kind: yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind, path in paths.items()
        if path.exists()
    }
    assert schema_errors(document) == []
    playbook = build_model(document)
    hash(playbook)
    assert playbook.organisation.format == 2
    assert [s.id for s in playbook.severities] == [
        s["id"] for s in document["severities"]["severities"]
    ]
    assert len(playbook.communication.cadence) == sum(
        len(row) for row in document["communication"]["cadence"].values()
    )
