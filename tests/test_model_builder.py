"""`build_model`: a merged document becomes the frozen model, with defaults and stable order."""

from __future__ import annotations

import copy
import dataclasses
import json
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from generator.layout import DEFAULT_PLAYBOOK_DIR, FILE_KINDS, ROOT_SCHEMA, SCHEMA_DIR
from generator.model import Cadence, LongIncident, Playbook, Review, RoleChecklist
from generator.model_builder import build_model


def minimal_document() -> dict[str, Any]:
    """The smallest playbook the schema accepts, with a few keys in a deliberately odd order."""
    response = {
        "acknowledge_within": "5m",
        "incident_commander": {"required": True, "assigned_within": "10m"},
        "page": ["primary on-call"],
        "roles": ["ic"],
        "war_room": True,
        "public_communication": "always",
        "resolution_target": "as fast as possible",
    }
    low_response = {
        "acknowledge_within": "next-business-day",
        "incident_commander": {"required": False},
        "page": [],
        "roles": [],
        "war_room": False,
        "public_communication": "never",
        "resolution_target": "as prioritised",
        "tracked_as_bug": True,
    }
    return {
        "organisation": {"name": "Example Corp", "timezone": "UTC"},
        "severities": {
            "owner": "SRE team",
            "last_reviewed": "2026-03-01",
            "severities": [
                {
                    "id": "sev1",
                    "label": "SEV-1",
                    "name": "Critical",
                    "summary": "Everything is down.",
                    "definition": ["Most users cannot use the product"],
                    "examples": [],
                    "response": response,
                    "owner": "Head of SRE",
                },
                {
                    "id": "sev2",
                    "label": "SEV-2",
                    "name": "Low",
                    "summary": "A cosmetic problem.",
                    "definition": ["Nobody is blocked"],
                    "examples": ["A typo on the pricing page"],
                    "response": low_response,
                },
            ],
        },
        "roles": {
            "roles": [
                {
                    "id": "ic",
                    "name": "Incident commander",
                    "short": "IC",
                    "summary": "Owns the response.",
                    "responsibilities": ["Decides"],
                    "not_their_job": [],
                    "typical_holder": "Someone calm.",
                    "takes_off_others": "Coordination.",
                    "activated_by": "The first responder.",
                    # written in the opposite order of phases.yaml
                    "checklists": {"resolve": ["Declare it resolved"], "detect": ["Take command"]},
                }
            ]
        },
        "phases": {
            "phases": [
                {
                    "id": "detect",
                    "name": "Detection",
                    "goal": "Know.",
                    "summary": "How we learn of it.",
                    "checklist": [{"id": "ack", "text": "Acknowledge the page."}],
                },
                {
                    "id": "resolve",
                    "name": "Resolution",
                    "goal": "Done.",
                    "summary": "Closing.",
                    "checklist": [
                        {
                            "id": "verify",
                            "text": "Verify the fix.",
                            "role": "ic",
                            "severities": ["sev1"],
                            "detail": "Test the user flow.",
                        }
                    ],
                },
            ],
            "workflow": [
                {"id": "acknowledge", "title": "Acknowledge", "detail": "Ack.", "phase": "detect"}
            ],
        },
        "communication": {
            "audiences": [
                {
                    "id": "team",
                    "name": "Team",
                    "description": "Responders.",
                    "format": "Short.",
                    "channels": ["chat"],
                },
                {
                    "id": "customers",
                    "name": "Customers",
                    "description": "Users.",
                    "format": "Plain.",
                    "channels": ["status"],
                },
            ],
            "channels": [
                {"id": "chat", "name": "Incident channel", "kind": "chat", "purpose": "Work."},
                {
                    "id": "status",
                    "name": "Status page",
                    "kind": "status-page",
                    "purpose": "Tell users.",
                    "link": "https://status.example.com",
                },
            ],
            # severities and audiences written out of order on purpose
            "cadence": {
                "sev2": {"team": {"every": "none"}},
                "sev1": {
                    "customers": {"every": "30m", "first_update_within": "30m"},
                    "team": {"every": "15m", "long_incident": {"after": "4h", "every": "1h"}},
                },
            },
            "principles": [{"title": "Update on schedule."}],
            "phrases_to_avoid": [
                {"phrase": "working on it", "why": "Empty.", "instead": "Say what."}
            ],
        },
        "status-templates": {
            "stages": [{"id": "investigating", "name": "Investigating", "description": "Looking."}],
            "templates": [
                {
                    "id": "customers-investigating",
                    "stage": "investigating",
                    "audience": "customers",
                    "title": "Investigating {scope}",
                    "body": "We are looking into {scope}. Next update by {next_update}.",
                    "placeholders": [
                        {"name": "scope", "description": "What is affected.", "example": "login"}
                    ],
                    "last_reviewed": "2026-02-01",
                }
            ],
        },
        "decision-tree": {
            "start": "down",
            "tie_break": "Pick the higher.",
            "nodes": [
                {
                    "id": "down",
                    "question": "Is the product down?",
                    "answers": [
                        {"label": "Yes", "severity": "sev1", "note": "Page everyone."},
                        {"label": "No", "severity": "sev2"},
                    ],
                }
            ],
        },
        "rubrics": {
            "rubrics": [
                {
                    "id": "roll-back",
                    "question": "Roll back?",
                    "criteria_mode": "any",
                    "criteria": ["A deploy lines up"],
                    "exceptions": [],
                    "default_when_unsure": "Roll back.",
                }
            ]
        },
        "mitigation": {
            "principle": "Stop the impact first.",
            "when_unsure": "Mitigate.",
            "patterns": [
                {
                    "id": "roll-back",
                    "name": "Roll back",
                    "description": "Revert.",
                    "use_when": "A deploy.",
                }
            ],
            "symptoms": [{"id": "errors", "symptom": "Errors", "first_mitigation": "Roll back."}],
        },
        "guidance": {
            "owner": "Incident programme",
            "decision_authority": ["Call a rollback"],
            "non_decisions": [],
            "failure_patterns": [],
            "on_call": [],
            "after_incident": [],
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


@pytest.fixture
def playbook() -> Playbook:
    return build_model(minimal_document())


def test_minimal_document_is_valid_per_schema() -> None:
    errors = [error.message for error in root_validator().iter_errors(minimal_document())]
    assert errors == []


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
    assert (organisation.name, organisation.timezone) == ("Example Corp", "UTC")
    assert organisation.language == "en"
    assert organisation.playbook_version == ""
    assert organisation.links.status_page is None
    assert organisation.terminology.severity_word == "severity"
    assert organisation.terminology.incident_word == "incident"
    assert organisation.review_max_age_days == 365


def test_severities_keep_order_and_fill_defaults(playbook: Playbook) -> None:
    assert [s.id for s in playbook.severities] == ["sev1", "sev2"]
    sev1, sev2 = playbook.severities
    assert sev1.definition == ("Most users cannot use the product",)
    assert sev1.response.incident_commander.assigned_within == "10m"
    assert sev1.response.tracked_as_bug is False
    assert sev1.response.actions == ()
    assert sev1.response.executive_notification_within is None
    assert sev1.review == Review(owner="Head of SRE")
    assert sev2.response.incident_commander.assigned_within is None
    assert sev2.response.tracked_as_bug is True
    assert sev2.review == Review()
    assert playbook.severity("sev2") is sev2


def test_role_checklists_follow_phase_order(playbook: Playbook) -> None:
    assert playbook.role("ic").checklists == (
        RoleChecklist(phase="detect", items=("Take command",)),
        RoleChecklist(phase="resolve", items=("Declare it resolved",)),
    )


def test_role_checklist_for_an_unknown_phase_is_kept_last() -> None:
    document = minimal_document()
    document["roles"]["roles"][0]["checklists"] = {"later": ["x"], "detect": ["y"]}
    role = build_model(document).roles[0]
    assert [c.phase for c in role.checklists] == ["detect", "later"]


def test_checklist_items_fill_defaults(playbook: Playbook) -> None:
    ack = playbook.phase("detect").checklist[0]
    assert (ack.role, ack.severities, ack.detail) == (None, (), "")
    verify = playbook.phase("resolve").checklist[0]
    assert (verify.role, verify.severities, verify.detail) == (
        "ic",
        ("sev1",),
        "Test the user flow.",
    )
    assert playbook.workflow[0].phase == "detect"


def test_cadence_in_severity_then_audience_order(playbook: Playbook) -> None:
    assert playbook.communication.cadence == (
        Cadence("sev1", "team", "15m", long_incident=LongIncident(after="4h", every="1h")),
        Cadence("sev1", "customers", "30m", first_update_within="30m"),
        Cadence("sev2", "team", "none"),
    )
    assert playbook.cadence("sev1", "customers").first_update_within == "30m"


def test_communication_defaults(playbook: Playbook) -> None:
    communication = playbook.communication
    chat, status = communication.channels
    assert (chat.naming_pattern, chat.link) == (None, None)
    assert status.link == "https://status.example.com"
    assert communication.principles[0].detail == ""
    assert communication.phrases_to_avoid[0].pattern is None
    assert communication.audiences[1].channels == ("status",)


def test_status_templates(playbook: Playbook) -> None:
    assert [s.id for s in playbook.stages] == ["investigating"]
    template = playbook.status_templates[0]
    assert template.severities == ()
    assert template.placeholders[0].default is None
    assert template.review == Review(last_reviewed="2026-02-01")


def test_decision_tree(playbook: Playbook) -> None:
    node = playbook.decision_tree.nodes[0]
    assert playbook.decision_tree.start == "down"
    assert node.help == ""
    yes, no = node.answers
    assert (yes.severity, yes.next, yes.note) == ("sev1", None, "Page everyone.")
    assert no.note == ""


def test_rubrics_mitigation_guidance(playbook: Playbook) -> None:
    assert playbook.rubrics[0].rationale == ""
    assert playbook.rubrics[0].exceptions == ()
    assert playbook.mitigation.patterns[0].caution == ""
    assert playbook.mitigation.symptoms[0].pattern is None
    assert playbook.guidance.summary_template[0].kind == "field"
    assert playbook.guidance.after_incident == ()


def test_file_reviews_cover_every_file_in_reading_order(playbook: Playbook) -> None:
    assert [r.file for r in playbook.file_reviews] == list(FILE_KINDS)
    reviews = {r.file: r.review for r in playbook.file_reviews}
    assert reviews["severities"] == Review(owner="SRE team", last_reviewed="2026-03-01")
    assert reviews["guidance"] == Review(owner="Incident programme")
    assert reviews["roles"] == Review()


def test_default_playbook_builds() -> None:
    """The shipped playbook, read with plain PyYAML, is schema-valid and builds."""
    paths = {kind: DEFAULT_PLAYBOOK_DIR / f"{kind}.yaml" for kind in FILE_KINDS}
    missing = [kind for kind, path in paths.items() if not path.exists()]
    if missing:
        pytest.skip(f"default playbook incomplete, missing: {', '.join(missing)}")
    document = {
        kind: yaml.safe_load(path.read_text(encoding="utf-8")) for kind, path in paths.items()
    }
    errors = [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in root_validator().iter_errors(document)
    ]
    assert errors == []
    playbook = build_model(document)
    hash(playbook)
    assert len(playbook.severities) == len(document["severities"]["severities"])
