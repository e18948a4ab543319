"""Widget data computed from the model: the minutes the widgets add and the words they show."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from generator.layout import DEFAULT_PLAYBOOK_DIR
from generator.model import Playbook
from generator.model_builder import build_model
from generator.pipeline import validate_playbook
from generator.render.widget_data import composer_data, tree_data
from tests.test_model_builder import minimal_document, one_question_tree


@pytest.fixture
def playbook() -> Playbook:
    return build_model(minimal_document())


def test_composer_cadence_follows_the_contract(playbook: Playbook) -> None:
    cell = composer_data(playbook)["cadence"]["sev1"]["customers"]
    assert cell == {
        "first": {
            "minutes": 5,
            "from": "response-started",
            "text": "within 5 minutes of the response starting",
        },
        "follow_ups": [
            {
                "name": "Scoping update",
                "minutes": 5,
                "from": "previous-message",
                "text": "within 5 minutes of the previous message",
            }
        ],
        "every": {"minutes": 30, "text": "every 30 minutes"},
        "by_stage": {
            "investigating": {
                "minutes": 10,
                "text": "every 10 minutes while the status is Investigating",
            }
        },
        "also_on": [{"event": "impact-changed", "text": "when the impact changes"}],
        "long": {
            "after_minutes": 240,
            "minutes": None,
            "not_before_minutes": 30,
            "text": "after 4 hours: at the incident manager's discretion, "
            "not more often than every 30 minutes",
        },
        "summary": cell["summary"],
    }
    assert cell["summary"].startswith("First update within 5 minutes of the response starting; ")


def test_absent_parts_are_absent_keys(playbook: Playbook) -> None:
    cadence = composer_data(playbook)["cadence"]
    assert cadence["sev2"]["team"] == {
        "every": {"minutes": None, "text": "no scheduled updates"},
        "summary": "No scheduled updates",
    }
    assert set(cadence["sev1"]["team"]) == {"every", "summary"}


def test_composer_templates_carry_levels_not_groups() -> None:
    document = minimal_document()
    document["status-templates"]["templates"][0]["severities"] = ["major"]
    data = composer_data(build_model(document))
    assert data["templates"][0]["severities"] == ["sev1"]
    assert data["templates"][0]["placeholders"] == [
        {"name": "what", "description": "What.", "example": "sign-in"}
    ]
    assert data["severities"] == [
        {"id": "sev1", "label": "SEV-1", "name": "Critical"},
        {"id": "sev2", "label": "SEV-2"},
    ]


def test_composer_policy_where_no_template_applies(playbook: Playbook) -> None:
    policy = composer_data(playbook)["policy"]
    assert policy["sev2"]["team"] == "Team at SEV-2: no scheduled updates."
    assert policy["sev1"]["team"] == "Team at SEV-1: every 15 minutes."
    assert "customers" not in policy["sev1"]  # the template applies to every level
    assert "customers" not in policy["sev2"]
    document = minimal_document()
    document["status-templates"]["templates"][0]["severities"] = ["major"]
    policy = composer_data(build_model(document))["policy"]
    assert policy["sev2"]["customers"] == "The playbook sets no updates for Customers at SEV-2."


def test_tree_facts_say_only_what_the_playbook_says(playbook: Playbook) -> None:
    sev1, sev2 = tree_data(playbook)["severities"]
    assert sev1["facts"] == [
        {"term": "Acknowledge", "text": "within 5 minutes"},
        {"term": "Lead", "text": "Incident manager, assigned within 10 minutes"},
        {
            "term": "Page",
            "text": "Primary on-call (page, high urgency); after 15 minutes without "
            "acknowledgement: Incident manager (chat command !ic page)",
        },
        {"term": "Roles", "text": "Incident manager, Incident commander"},
        {"term": "Executives told", "text": "Always, within 15 minutes"},
        {"term": "Public communication", "text": "Conditional: impact lasts over 5 minutes"},
    ]
    assert sev2["facts"] == [{"term": "Lead", "text": "Incident commander"}]
    assert sev2["lead"] == {"id": "ic", "name": "Incident commander"}
    assert "name" not in sev2


def test_tree_checklists_per_level(playbook: Playbook) -> None:
    sev1, sev2 = tree_data(playbook)["severities"]
    assert sev1["checklists"] == [
        {"id": "detect", "name": "Detect"},
        {"id": "resolve", "name": "Resolve"},
    ]
    assert sev2["checklists"] == [{"id": "detect", "name": "Detect"}]


def test_a_level_tracked_as_a_bug_lists_only_checklists_written_for_it() -> None:
    document = minimal_document()
    sev2 = document["severities"]["severities"][1]
    sev2["response"] = {"tracked_as_bug": True}
    detect = document["phases"]["phases"][0]["checklist"]
    levels = tree_data(build_model(document))["severities"]
    assert levels[1]["checklists"] == []  # "Acknowledge the page" is an incident's task
    detect.append({"id": "bug", "text": "File a bug", "severities": ["sev2"]})
    sev1, sev2_level = tree_data(build_model(document))["severities"]
    assert sev2_level["checklists"] == [{"id": "detect", "name": "Detect"}]
    assert sev1["checklists"] == [
        {"id": "detect", "name": "Detect"},
        {"id": "resolve", "name": "Resolve"},
    ]


def test_default_tree_sends_sev4_to_filing_a_bug_only() -> None:
    result = validate_playbook(Path(DEFAULT_PLAYBOOK_DIR))
    assert result.model is not None, [f.message for f in result.errors]
    levels = {s["id"]: s["checklists"] for s in tree_data(result.model)["severities"]}
    every_phase = [{"id": p.id, "name": p.name} for p in result.model.phases]
    assert len(every_phase) == 5
    assert levels["sev4"] == [{"id": "detection", "name": "Detection"}]
    assert levels["sev1"] == levels["sev2"] == levels["sev3"] == every_phase


def test_tree_without_the_tree_file(playbook: Playbook) -> None:
    data = tree_data(playbook)
    assert "decision-tree" not in data
    assert data["types"] == [
        {
            "id": "security",
            "name": "Security incident",
            "summary": "Someone got in.",
            "facts": [
                {"term": "Lead", "text": "Incident manager"},
                {"term": "Channels", "text": "Bridge"},
                {"term": "Public communication", "text": "The incident manager decides"},
            ],
        }
    ]
    assert data["cadence"]["sev1"]["team"] == {"summary": "Every 15 minutes"}


def test_tree_answers_keep_only_what_is_set() -> None:
    document = minimal_document()
    written = one_question_tree(
        {"label": "Breach", "severity": "sev1", "type": "security"},
        {"label": "No", "severity": "sev2", "note": "Keep watching."},
    )
    document["decision-tree"] = copy.deepcopy(written)
    # Exactly what the author wrote: no empty `next`, `note` or `type` is added to an answer.
    assert tree_data(build_model(document))["decision-tree"] == written


def test_default_playbook_widget_data_is_small_and_worded() -> None:
    result = validate_playbook(Path(DEFAULT_PLAYBOOK_DIR))
    assert result.model is not None, [f.message for f in result.errors]
    tree = json.dumps(tree_data(result.model))
    composer = json.dumps(composer_data(result.model))
    assert len(tree) < 12_000
    assert len(composer) < 25_000
    assert "every 1 " not in tree + composer  # "every hour", one form
    assert "not required" not in tree + composer
