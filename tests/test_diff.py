"""The semantic diff: one case per kind of change, each rendered as Markdown, text and JSON.

Each case edits the default playbook's merged document the way a pull request would, builds
both models, and checks the sentence, the area, the kind and whether it is flagged less strict.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from generator.diff import diff_playbooks
from generator.diff.changes import ChangeSet
from generator.diff.render import COMMENT_MARKER, md_escape, render
from generator.layout import DEFAULT_PLAYBOOK_DIR
from generator.model_builder import build_model
from generator.pipeline import validate_playbook

Doc = dict[str, Any]


@pytest.fixture(scope="module")
def document() -> Doc:
    result = validate_playbook(DEFAULT_PLAYBOOK_DIR)
    assert result.ok and result.document is not None
    return result.document


def severity(doc: Doc, sid: str) -> Doc:
    return next(s for s in doc["severities"]["severities"] if s["id"] == sid)


def by_id(items: list[Doc], wanted: str) -> Doc:
    return next(item for item in items if item["id"] == wanted)


def node(doc: Doc, nid: str) -> Doc:
    return by_id(doc["decision-tree"]["nodes"], nid)


def answer(doc: Doc, nid: str, label: str) -> Doc:
    return next(a for a in node(doc, nid)["answers"] if a["label"] == label)


def set_answer(doc: Doc, nid: str, label: str, **target: str) -> None:
    chosen = answer(doc, nid, label)
    chosen.pop("next", None)
    chosen.pop("severity", None)
    chosen.pop("type", None)
    chosen.update(target)


@dataclass(frozen=True)
class Case:
    name: str
    edit: Callable[[Doc], object]
    area: str
    kind: str
    text: str  # the whole sentence of the change
    less_strict: bool


CASES = [
    # organisation
    Case(
        "organisation-name",
        lambda d: d["organisation"].update(name="Acme Cloud"),
        "organisation",
        "changed",
        "name 'Northwind Cloud' -> 'Acme Cloud'",
        False,
    ),
    Case(
        "review-age-longer",
        lambda d: d["organisation"].update(review_max_age_days=365),
        "organisation",
        "changed",
        "maximum review age (days) 180 -> 365",
        True,
    ),
    # severities
    Case(
        "ack-slower",
        lambda d: severity(d, "sev2")["response"].update(acknowledge_within="30m"),
        "severities",
        "changed",
        "SEV-2: acknowledge within 15m -> 30m",
        True,
    ),
    Case(
        "ack-faster",
        lambda d: severity(d, "sev2")["response"].update(acknowledge_within="10m"),
        "severities",
        "changed",
        "SEV-2: acknowledge within 15m -> 10m",
        False,
    ),
    Case(
        "lead-changed",
        lambda d: severity(d, "sev2")["response"].update(lead="operations-lead"),
        "severities",
        "changed",
        "SEV-2: lead role not set -> operations-lead",
        False,
    ),
    Case(
        "lead-later",
        lambda d: severity(d, "sev1")["response"].update(lead_assigned_within="20m"),
        "severities",
        "changed",
        "SEV-1: lead assigned within 10m -> 20m",
        True,
    ),
    Case(
        "fewer-roles",
        lambda d: severity(d, "sev2")["response"]["roles"].remove("scribe"),
        "severities",
        "removed",
        "SEV-2: roles staffed: removed scribe",
        True,
    ),
    Case(
        "more-roles",
        lambda d: severity(d, "sev3")["response"]["roles"].append("scribe"),
        "severities",
        "added",
        "SEV-3: roles staffed: added scribe",
        False,
    ),
    Case(
        "fewer-paged",
        lambda d: severity(d, "sev1")["response"]["page"].pop(1),
        "severities",
        "removed",
        "SEV-1, page 'Secondary on-call of the affected service' removed",
        True,
    ),
    Case(
        "more-paged-by-chat-command",
        lambda d: severity(d, "sev2")["response"]["page"].append(
            {"who": "Incident manager", "how": "chat-command", "command": "!ic page"}
        ),
        "severities",
        "added",
        "SEV-2, page 'Incident manager' added",
        False,
    ),
    Case(
        "escalation-slower",
        lambda d: severity(d, "sev1")["response"]["page"][0].update(escalate_after="15m"),
        "severities",
        "changed",
        "SEV-1, page 'Primary on-call of the affected service': escalate after 5m -> 15m",
        True,
    ),
    Case(
        "escalation-faster",
        lambda d: severity(d, "sev1")["response"]["page"][0].update(escalate_after="2m"),
        "severities",
        "changed",
        "SEV-1, page 'Primary on-call of the affected service': escalate after 5m -> 2m",
        False,
    ),
    Case(
        "escalation-dropped",
        lambda d: severity(d, "sev1")["response"]["page"][0].pop("escalate_after"),
        "severities",
        "changed",
        "SEV-1, page 'Primary on-call of the affected service': escalate after 5m -> not set",
        True,
    ),
    Case(
        "urgency-lower",
        lambda d: severity(d, "sev1")["response"]["page"][0].update(urgency="low"),
        "severities",
        "changed",
        "SEV-1, page 'Primary on-call of the affected service': urgency high -> low",
        True,
    ),
    Case(
        "paged-by-ticket",
        lambda d: severity(d, "sev3")["response"]["page"][0].update(how="ticket"),
        "severities",
        "changed",
        "SEV-3, page 'Primary on-call of the affected service': reached by page -> ticket",
        True,
    ),
    Case(
        "paging-order",
        lambda d: severity(d, "sev2")["response"]["page"].reverse(),
        "severities",
        "changed",
        "SEV-2: paged order 'Primary on-call of the affected service', 'Incident commander "
        "on-call' -> 'Incident commander on-call', 'Primary on-call of the affected service'",
        False,
    ),
    Case(
        "no-war-room",
        lambda d: severity(d, "sev1")["response"].update(war_room=False),
        "severities",
        "changed",
        "SEV-1: war room yes -> no",
        True,
    ),
    Case(
        "public-communication-weaker",
        lambda d: severity(d, "sev1")["response"].update(
            public_communication={"when": "if-customer-facing"}
        ),
        "severities",
        "changed",
        "SEV-1: public communication always -> if-customer-facing",
        True,
    ),
    Case(
        "public-communication-lead-decides",
        lambda d: severity(d, "sev2")["response"].update(
            public_communication={"when": "lead-decides"}
        ),
        "severities",
        "changed",
        "SEV-2: public communication if-customer-facing -> lead-decides",
        True,
    ),
    Case(
        "public-communication-dropped",
        lambda d: severity(d, "sev1")["response"].pop("public_communication"),
        "severities",
        "changed",
        "SEV-1: public communication always -> not set",
        True,
    ),
    Case(
        "public-communication-stronger",
        lambda d: severity(d, "sev3")["response"].update(public_communication={"when": "always"}),
        "severities",
        "changed",
        "SEV-3: public communication if-customer-facing -> always",
        False,
    ),
    Case(
        "executives-later",
        lambda d: severity(d, "sev1")["response"]["executives"].update(within="1h"),
        "severities",
        "changed",
        "SEV-1: executives told within 15m -> 1h",
        True,
    ),
    Case(
        "executives-conditional",
        lambda d: severity(d, "sev1")["response"].update(
            executives={"when": "conditional", "condition": "the outage lasts an hour"}
        ),
        "severities",
        "changed",
        "SEV-1: executives told always -> conditional",
        True,
    ),
    Case(
        "executives-dropped",
        lambda d: severity(d, "sev1")["response"].pop("executives"),
        "severities",
        "changed",
        "SEV-1: executives told 'always, within 15m' -> not set",
        True,
    ),
    Case(
        "executives-added",
        lambda d: severity(d, "sev3")["response"].update(
            executives={"when": "always", "within": "1h"}
        ),
        "severities",
        "changed",
        "SEV-3: executives told never -> always",
        False,
    ),
    # severity groups
    Case(
        "group-narrower",
        lambda d: d["severities"]["groups"][0].update(severities=["sev1"]),
        "groups",
        "removed",
        "group Major incident: severities: removed sev2",
        True,
    ),
    Case(
        "group-added",
        lambda d: d["severities"]["groups"].append(
            {"id": "minor", "name": "Minor incident", "severities": ["sev3", "sev4"]}
        ),
        "groups",
        "added",
        "group Minor incident added",
        False,
    ),
    Case(
        "severity-removed",
        lambda d: d["severities"]["severities"].pop(),
        "severities",
        "removed",
        "SEV-4 removed",
        True,
    ),
    Case(
        "severity-added",
        lambda d: d["severities"]["severities"].append(
            {**copy.deepcopy(severity(d, "sev4")), "id": "sev5", "label": "SEV-5"}
        ),
        "severities",
        "added",
        "SEV-5 added",
        False,
    ),
    Case(
        "severity-renamed",
        lambda d: severity(d, "sev3").update(name="Moderate"),
        "severities",
        "changed",
        "SEV-3: name Minor -> Moderate",
        False,
    ),
    Case(
        "severity-example-added",
        lambda d: severity(d, "sev2")["examples"].append("Search returns nothing for a day."),
        "severities",
        "added",
        "SEV-2: examples: added 'Search returns nothing for a day.'",
        False,
    ),
    Case(
        "severity-order",
        lambda d: d["severities"]["severities"].reverse(),
        "severities",
        "changed",
        "order sev1, sev2, sev3, sev4 -> sev4, sev3, sev2, sev1",
        False,
    ),
    # roles
    Case(
        "role-removed",
        lambda d: d["roles"]["roles"].pop(),
        "roles",
        "removed",
        "role Subject matter expert removed",
        True,
    ),
    Case(
        "role-responsibility-added",
        lambda d: by_id(d["roles"]["roles"], "scribe")["responsibilities"].append(
            "Keep the timeline."
        ),
        "roles",
        "added",
        "role Scribe: responsibilities: added 'Keep the timeline.'",
        False,
    ),
    Case(
        "default-lead",
        lambda d: d["roles"].update(lead="operations-lead"),
        "roles",
        "changed",
        "default lead role incident-commander -> operations-lead",
        False,
    ),
    Case(
        "role-staffing",
        lambda d: by_id(d["roles"]["roles"], "scribe").update(staffing="standing"),
        "roles",
        "changed",
        "role Scribe: staffing per-incident -> standing",
        False,
    ),
    # incident types
    Case(
        "incident-type-added",
        lambda d: d.setdefault("incident-types", {"types": []})["types"].append(
            {"id": "exercise", "name": "Exercise"}
        ),
        "incident-types",
        "added",
        "incident type Exercise added",
        False,
    ),
    # phases and workflow
    Case(
        "checklist-item-removed",
        lambda d: by_id(d["phases"]["phases"], "detection")["checklist"].pop(1),
        "phases",
        "removed",
        "phase Detection, checklist item 'check-signal' removed",
        True,
    ),
    Case(
        "checklist-item-narrower",
        lambda d: by_id(
            by_id(d["phases"]["phases"], "detection")["checklist"], "page-others"
        ).update(severities=["sev1"]),
        "phases",
        "changed",
        "phase Detection, checklist item 'page-others': applies to major -> sev1",
        True,
    ),
    Case(
        "checklist-item-only-for-a-type",
        lambda d: by_id(
            by_id(d["phases"]["phases"], "detection")["checklist"], "page-others"
        ).update(types=["security"]),
        "phases",
        "changed",
        "phase Detection, checklist item 'page-others': applies to incident types "
        "'every kind of incident' -> security",
        True,
    ),
    Case(
        "phase-goal",
        lambda d: by_id(d["phases"]["phases"], "triage").update(goal="Agree on the severity."),
        "phases",
        "changed",
        "phase Triage: goal "
        "'Everyone agrees on the severity, the impact and who holds which role.' -> "
        "'Agree on the severity.'",
        False,
    ),
    Case(
        "workflow-step",
        lambda d: by_id(d["phases"]["workflow"], "verify").update(title="Check the fix"),
        "workflow",
        "changed",
        "step 'Check the fix': title 'Verify the mitigation' -> 'Check the fix'",
        False,
    ),
    # cadence
    Case(
        "cadence-slower",
        lambda d: d["communication"]["cadence"]["sev2"]["customers"].update(every="1h"),
        "cadence",
        "changed",
        "SEV-2: customers cadence 30m -> 1h",
        True,
    ),
    Case(
        "cadence-faster",
        lambda d: d["communication"]["cadence"]["sev2"]["customers"].update(every="15m"),
        "cadence",
        "changed",
        "SEV-2: customers cadence 30m -> 15m",
        False,
    ),
    Case(
        "cadence-as-progress-dictates",
        lambda d: d["communication"]["cadence"]["sev2"]["internal"].update(
            every="as-progress-dictates"
        ),
        "cadence",
        "changed",
        "SEV-2: incident team cadence 30m -> as-progress-dictates",
        True,
    ),
    Case(
        "first-update-later",
        lambda d: d["communication"]["cadence"]["sev1"]["customers"].update(
            first_update={"within": "1h"}
        ),
        "cadence",
        "changed",
        "SEV-1: customers first update 'within 30 minutes of the incident being declared' -> "
        "'within 1 hour of the incident being declared'",
        True,
    ),
    Case(
        "first-update-sooner",
        lambda d: d["communication"]["cadence"]["sev1"]["customers"].update(
            first_update={"within": "5m", "from": "response-started"}
        ),
        "cadence",
        "changed",
        "SEV-1: customers first update 'within 30 minutes of the incident being declared' -> "
        "'within 5 minutes of the response starting'",
        False,
    ),
    Case(
        "stage-slower",
        lambda d: d["communication"]["cadence"]["sev1"]["customers"].update(
            by_stage={"monitoring": "1h"}
        ),
        "cadence",
        "changed",
        "SEV-1: customers cadence while Monitoring 30m -> 1h",
        True,
    ),
    Case(
        "stage-faster",
        lambda d: d["communication"]["cadence"]["sev1"]["customers"].update(
            by_stage={"investigating": "10m"}
        ),
        "cadence",
        "changed",
        "SEV-1: customers cadence while Investigating 30m -> 10m",
        False,
    ),
    Case(
        "follow-up-added",
        lambda d: d["communication"]["cadence"]["sev1"]["customers"].update(
            follow_ups=[{"name": "Scoping update", "within": "5m"}]
        ),
        "cadence",
        "added",
        "SEV-1: customers Scoping update added: within 5 minutes of the previous message",
        False,
    ),
    Case(
        "updates-on-events",
        lambda d: d["communication"]["cadence"]["sev1"]["customers"].update(
            also_on=["impact-changed"]
        ),
        "cadence",
        "added",
        "SEV-1: customers also updated when the impact changes",
        False,
    ),
    Case(
        "long-incident-at-discretion",
        lambda d: d["communication"]["cadence"]["sev1"]["customers"]["long_incident"].pop("every"),
        "cadence",
        "changed",
        "SEV-1: customers long-incident cadence 'after 4h: every 1h' -> "
        "'after 4h: at the lead's discretion'",
        True,
    ),
    Case(
        "long-incident-slower",
        lambda d: d["communication"]["cadence"]["sev1"]["customers"]["long_incident"].update(
            every="2h"
        ),
        "cadence",
        "changed",
        "SEV-1: customers long-incident cadence 'after 4h: every 1h' -> 'after 4h: every 2h'",
        True,
    ),
    Case(
        "cadence-removed",
        lambda d: d["communication"]["cadence"]["sev1"].pop("stakeholders"),
        "cadence",
        "removed",
        "SEV-1: cadence for internal stakeholders removed (was first update within 15 minutes "
        "of the incident being declared; then every 30 minutes)",
        True,
    ),
    # communication, channels, audiences
    Case(
        "principle-added",
        lambda d: d["communication"]["principles"].append({"title": "Say when you will update."}),
        "communication",
        "added",
        "'Say when you will update.' added",
        False,
    ),
    Case(
        "channel-renamed",
        lambda d: by_id(d["communication"]["channels"], "war-room").update(name="Bridge"),
        "channels",
        "changed",
        "channel Bridge: name 'Incident video bridge' -> Bridge",
        False,
    ),
    Case(
        "audience-removed",
        lambda d: d["communication"]["audiences"].pop(1),
        "audiences",
        "removed",
        "audience Internal stakeholders removed",
        True,
    ),
    # status templates
    Case(
        "template-removed",
        lambda d: d["status-templates"]["templates"].pop(),
        "status-templates",
        "removed",
        "template 'stakeholders-resolved' removed",
        False,
    ),
    Case(
        "template-severities",
        lambda d: by_id(d["status-templates"]["templates"], "customers-identified").pop(
            "severities"
        ),
        "status-templates",
        "changed",
        "template 'customers-identified': applies to sev1, sev2, sev3 -> 'every severity'",
        False,
    ),
    Case(
        "stage-renamed",
        lambda d: by_id(d["status-templates"]["stages"], "monitoring").update(name="Watching"),
        "status-templates",
        "changed",
        "stage Watching: name Monitoring -> Watching",
        False,
    ),
    # decision tree
    Case(
        "answer-milder",
        lambda d: set_answer(d, "workaround", "No", severity="sev3"),
        "decision-tree",
        "changed",
        "answer 'No' of 'Is the impact limited to one feature or segment, with a workaround "
        "customers can use?' now leads to SEV-3 (was SEV-2)",
        True,
    ),
    Case(
        "answer-harsher",
        lambda d: set_answer(d, "spreading", "No", severity="sev2"),
        "decision-tree",
        "changed",
        "answer 'No' of 'Is the number of affected customers growing, or are support tickets "
        "arriving quickly?' now leads to SEV-2 (was SEV-3)",
        False,
    ),
    Case(
        "answer-to-question",
        lambda d: set_answer(d, "spreading", "Yes", next="workaround"),
        "decision-tree",
        "changed",
        "answer 'Yes' of 'Is the number of affected customers growing, or are support tickets "
        "arriving quickly?' now leads to question 'Is the impact limited to one feature or "
        "segment, with a workaround customers can use?' (was SEV-2)",
        False,
    ),
    Case(
        "answer-added",
        lambda d: node(d, "workaround")["answers"].append(
            {"label": "Not sure", "severity": "sev2"}
        ),
        "decision-tree",
        "added",
        "answer 'Not sure' added to 'Is the impact limited to one feature or segment, with a "
        "workaround customers can use?' (leads to SEV-2)",
        False,
    ),
    Case(
        "start-changed",
        lambda d: d["decision-tree"].update(start="customer-impact"),
        "decision-tree",
        "changed",
        "starts at 'What are customers going through right now? Pick the first answer that fits.' "
        "(was 'Is customer data at risk, or is someone actively attacking or exploiting our "
        "systems?')",
        False,
    ),
    Case(
        "answer-gains-a-type",
        lambda d: set_answer(d, "spreading", "Yes", severity="sev2", type="drill"),
        "decision-tree",
        "changed",
        "answer 'Yes' of 'Is the number of affected customers growing, or are support tickets "
        "arriving quickly?' now leads to SEV-2 (drill) (was SEV-2)",
        False,
    ),
    Case(
        "tree-removed",
        lambda d: d.pop("decision-tree"),
        "decision-tree",
        "removed",
        "decision tree removed (responders choose from the severity table)",
        True,
    ),
    # rubrics, mitigation, guidance
    Case(
        "rubric-criterion",
        lambda d: by_id(d["rubrics"]["rubrics"], "roll-back")["criteria"].pop(),
        "rubrics",
        "removed",
        "rubric 'Roll back?': criteria: removed "
        "'Staying on the broken version is riskier than rolling back.'",
        False,
    ),
    Case(
        "mitigation-pattern-removed",
        lambda d: d["mitigation"]["patterns"].pop(),
        "mitigation",
        "removed",
        "pattern Maintenance mode removed",
        False,
    ),
    Case(
        "after-incident-later",
        lambda d: by_id(d["guidance"]["after_incident"], "schedule-review").update(within="4w"),
        "guidance",
        "changed",
        "after-incident step 'Hold the after-action review': within 14d -> 4w",
        True,
    ),
    Case(
        "after-incident-fewer-levels",
        lambda d: by_id(d["guidance"]["after_incident"], "schedule-review").update(
            severities=["major"]
        ),
        "guidance",
        "changed",
        "after-incident step 'Hold the after-action review': applies to 'every severity' -> major",
        True,
    ),
    Case(
        "after-incident-in-business-days",
        lambda d: by_id(d["guidance"]["after_incident"], "schedule-review").update(within="5bd"),
        "guidance",
        "changed",
        "after-incident step 'Hold the after-action review': within 14d -> 5bd",
        False,
    ),
    Case(
        "failure-pattern-added",
        lambda d: d["guidance"]["failure_patterns"].append(
            {"id": "hero", "name": "Hero", "description": "One person.", "prevention": "Rotate."}
        ),
        "guidance",
        "added",
        "failure pattern 'Hero' added",
        False,
    ),
    # ownership
    Case(
        "file-owner",
        lambda d: d["rubrics"].update(owner="Incident Management"),
        "review",
        "changed",
        "rubrics.yaml: owner 'Site Reliability Engineering' -> 'Incident Management'",
        False,
    ),
]


def changes_for(document: Doc, case: Case) -> ChangeSet:
    head = copy.deepcopy(document)
    case.edit(head)
    return diff_playbooks(
        build_model(document), build_model(head), base_name="main", head_name="pr"
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_kind_of_change(document: Doc, case: Case) -> None:
    changes = changes_for(document, case)
    found = [c for c in changes.changes if c.text == case.text]
    assert found, [c.text for c in changes.changes]
    change = found[0]
    assert (change.area, change.kind) == (case.area, case.kind)
    assert bool(change.less_strict) is case.less_strict, change.less_strict


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_change_in_every_format(document: Doc, case: Case) -> None:
    changes = changes_for(document, case)
    change = next(c for c in changes.changes if c.text == case.text)

    text = render(changes, "text")
    sign = {"added": "+", "removed": "-", "changed": "~"}[case.kind]
    assert f"  {sign} {case.text}" in text
    assert ("[less strict: " in text) is bool(changes.less_strict)

    markdown = render(changes, "markdown")
    assert markdown.startswith(COMMENT_MARKER + "\n## Playbook changes\n")
    assert f"- **{case.kind}**: {md_escape(case.text)}" in markdown
    if case.less_strict:
        assert "> [!WARNING]" in markdown
        assert f"*less strict: {md_escape(change.less_strict)}*" in markdown

    data = json.loads(render(changes, "json"))
    assert (data["base"], data["head"]) == ("main", "pr")
    assert change.as_dict() in data["changes"]
    assert data["summary"]["less_strict"] == len(changes.less_strict)


def test_identical_playbooks_have_no_changes(document: Doc) -> None:
    model = build_model(document)
    changes = diff_playbooks(model, build_model(copy.deepcopy(document)))
    assert changes.changes == ()
    assert "No changes to the playbook's content." in render(changes, "text")
    assert "No changes to the playbook's content." in render(changes, "markdown")
    assert json.loads(render(changes, "json"))["changes"] == []


def test_changes_are_grouped_by_area_in_reading_order(document: Doc) -> None:
    head = copy.deepcopy(document)
    head["communication"]["cadence"]["sev2"]["customers"]["every"] = "1h"
    severity(head, "sev2")["response"]["acknowledge_within"] = "30m"
    head["organisation"]["name"] = "Acme"
    text = render(diff_playbooks(build_model(document), build_model(head)), "text")
    headings = [line for line in text.splitlines() if line and not line.startswith(" ")]
    assert headings[2:] == ["Organisation", "Severities", "Communication cadence"]


def test_markdown_escapes_playbook_content(document: Doc) -> None:
    head = copy.deepcopy(document)
    head["organisation"]["name"] = "<img src=x onerror=alert(1)> [click](https://evil.example) *x*"
    markdown = render(diff_playbooks(build_model(document), build_model(head)), "markdown")
    assert "<img" not in markdown
    assert "&lt;img src=x onerror=alert(1)&gt;" in markdown
    assert "\\[click\\](https://evil.example)" in markdown
    assert "\\*x\\*" in markdown


def test_unknown_format_is_refused(document: Doc) -> None:
    model = build_model(document)
    with pytest.raises(ValueError, match="unknown format 'html'"):
        render(diff_playbooks(model, model), "html")


def with_format_2_extras(document: Doc) -> Doc:
    """The default playbook plus what it does not use: an incident type, a private channel, a
    stage cadence, a follow-up message, event triggers and a typed tree answer."""
    doc = copy.deepcopy(document)
    doc["incident-types"] = {
        "types": [
            {
                "id": "security",
                "name": "Security incident",
                "lead": "incident-commander",
                "roles": ["incident-commander", "scribe"],
                "public_communication": {"when": "always"},
            }
        ]
    }
    by_id(doc["communication"]["channels"], "war-room")["private"] = True
    customers = doc["communication"]["cadence"]["sev1"]["customers"]
    customers["by_stage"] = {"investigating": "10m"}
    customers["follow_ups"] = [{"name": "Scoping update", "within": "5m"}]
    customers["also_on"] = ["impact-changed", "stage-changed"]
    set_answer(doc, "security-or-data", "Yes", severity="sev1", type="security")
    return doc


EXTRA_CASES = [
    Case(
        "incident-type-removed",
        lambda d: d.pop("incident-types"),
        "incident-types",
        "removed",
        "incident type Security incident removed",
        True,
    ),
    Case(
        "incident-type-fewer-roles",
        lambda d: d["incident-types"]["types"][0]["roles"].remove("scribe"),
        "incident-types",
        "removed",
        "incident type Security incident: roles staffed: removed scribe",
        True,
    ),
    Case(
        "incident-type-public-communication",
        lambda d: d["incident-types"]["types"][0].update(
            public_communication={"when": "lead-decides"}
        ),
        "incident-types",
        "changed",
        "incident type Security incident: public communication always -> lead-decides",
        True,
    ),
    Case(
        "channel-no-longer-private",
        lambda d: by_id(d["communication"]["channels"], "war-room").update(private=False),
        "channels",
        "changed",
        "channel Incident video bridge: private yes -> no",
        True,
    ),
    Case(
        "stage-interval-dropped",
        lambda d: d["communication"]["cadence"]["sev1"]["customers"].pop("by_stage"),
        "cadence",
        "changed",
        "SEV-1: customers cadence while Investigating 10m -> 30m",
        True,
    ),
    Case(
        "follow-up-dropped",
        lambda d: d["communication"]["cadence"]["sev1"]["customers"].pop("follow_ups"),
        "cadence",
        "removed",
        "SEV-1: customers Scoping update removed (was Scoping update within 5 minutes of the "
        "previous message)",
        True,
    ),
    Case(
        "follow-up-later",
        lambda d: d["communication"]["cadence"]["sev1"]["customers"]["follow_ups"][0].update(
            within="15m"
        ),
        "cadence",
        "changed",
        "SEV-1: customers Scoping update 'within 5 minutes of the previous message' -> "
        "'within 15 minutes of the previous message'",
        True,
    ),
    Case(
        "fewer-update-events",
        lambda d: d["communication"]["cadence"]["sev1"]["customers"]["also_on"].pop(),
        "cadence",
        "removed",
        "SEV-1: customers no longer updated when the status stage changes",
        True,
    ),
    Case(
        "answer-loses-its-type",
        lambda d: set_answer(d, "security-or-data", "Yes", severity="sev1"),
        "decision-tree",
        "changed",
        "answer 'Yes' of 'Is customer data at risk, or is someone actively attacking or "
        "exploiting our systems?' now leads to SEV-1 (was SEV-1 (Security incident))",
        True,
    ),
]


@pytest.mark.parametrize("case", EXTRA_CASES, ids=[c.name for c in EXTRA_CASES])
def test_format_2_changes_from_a_richer_base(document: Doc, case: Case) -> None:
    base = with_format_2_extras(document)
    changes = changes_for(base, case)
    found = [c for c in changes.changes if c.text == case.text]
    assert found, [c.text for c in changes.changes]
    assert (found[0].area, found[0].kind) == (case.area, case.kind)
    assert bool(found[0].less_strict) is case.less_strict, found[0].less_strict


MENTIONS = re.compile(r"(?<![\w.+-])@[A-Za-z0-9]|#\d|\bGH-\d", re.IGNORECASE)


def test_markdown_pings_nobody_and_links_no_issue(document: Doc) -> None:
    head = copy.deepcopy(document)
    head["organisation"]["name"] = "Ask @octocat or @acme/sre about #123, acme/infra#7 and GH-9"
    changes = diff_playbooks(build_model(document), build_model(head))
    markdown = render(changes, "markdown")
    line = next(x for x in markdown.splitlines() if "octocat" in x)
    assert MENTIONS.search(line) is None, line
    # the reader sees the same characters: only zero-width joiners were added
    visible = line.replace("\u200d", "")
    assert "'Ask @octocat or @acme/sre about #123, acme/infra#7 and GH-9'" in visible
    assert "@octocat" in render(changes, "text")  # a terminal shows the text unchanged


def test_an_e_mail_address_is_left_alone() -> None:
    assert md_escape("write to ops@example.com") == "write to ops@example.com"
