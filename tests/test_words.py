"""The English words pages, widgets, the diff and exports show (`generator.wording`, the English
front of the one catalogue-driven wording in `generator.i18n.wording`)."""

from __future__ import annotations

import pytest

from generator import model
from generator import wording as words
from generator.model_builder import build_model
from tests.test_model_builder import minimal_document


@pytest.fixture
def playbook() -> model.Playbook:
    return build_model(minimal_document())


def role(name: str) -> model.Role:
    return model.Role(id="r", name=name, summary="", responsibilities=())


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("15m", "every 15 minutes"),
        ("1h", "every hour"),
        ("2h", "every 2 hours"),
        ("1bd", "every business day"),
        ("as-progress-dictates", "as progress dictates"),
        ("none", "no scheduled updates"),
    ],
)
def test_one_interval_form_everywhere(value: str, text: str) -> None:
    assert words.interval(value) == text


@pytest.mark.parametrize(
    ("value", "event", "text"),
    [
        ("5m", "response-started", "within 5 minutes of the response starting"),
        ("15m", "declared", "within 15 minutes of the incident being declared"),
        ("5m", "previous-message", "within 5 minutes of the previous message"),
        ("1h", "impact-changed", "within 1 hour of the impact changing"),
        ("2bd", "declared", "within 2 business days of the incident being declared"),
        ("immediately", "response-started", "immediately after the response starts"),
        (
            "next-business-day",
            "declared",
            "by the next business day after the incident is declared",
        ),
    ],
)
def test_deadlines_name_their_event(value: str, event: str, text: str) -> None:
    assert words.deadline(value, event) == text


def test_absent_values_have_no_words() -> None:
    lead = role("Incident commander")
    assert words.duration(None) == ""
    assert words.within(None) == ""
    assert words.interval(None) == ""
    assert words.deadline(None) == ""
    assert words.executives(None, lead) == ""
    assert words.public_communication(None, lead) == ""
    assert words.yes_no(None) == ""
    assert words.triggers([]) == ""
    assert words.escalation(model.PageEntry(who="Primary")) == ""
    assert words.page_chain([]) == ""


def test_business_days() -> None:
    assert words.duration("5bd") == "5 business days"
    assert words.within("1bd") == "within 1 business day"


@pytest.mark.parametrize(
    ("value", "text", "deadline"),
    [
        ("1m", "1 minute", "within 1 minute"),
        ("5m", "5 minutes", "within 5 minutes"),
        ("1h", "1 hour", "within 1 hour"),
        ("4h", "4 hours", "within 4 hours"),
        ("1d", "1 day", "within 1 day"),
        ("2d", "2 days", "within 2 days"),
        ("1w", "1 week", "within 1 week"),
        ("2w", "2 weeks", "within 2 weeks"),
        ("immediately", "immediately", "immediately"),
        ("next-business-day", "next business day", "by the next business day"),
    ],
)
def test_durations_and_deadlines_one_and_many(value: str, text: str, deadline: str) -> None:
    assert words.duration(value) == text
    assert words.within(value) == deadline


@pytest.mark.parametrize(
    ("value", "text"),
    [("1m", "every minute"), ("1d", "every day"), ("1w", "every week"), ("2w", "every 2 weeks")],
)
def test_every_one_unit_reads_without_the_number(value: str, text: str) -> None:
    assert words.interval(value) == text


def test_a_named_deadline_counts_after_every_event() -> None:
    assert words.deadline("immediately", "previous-message") == (
        "immediately after the previous message"
    )
    assert words.deadline("immediately", "impact-changed") == (
        "immediately after the impact changes"
    )
    assert words.deadline("next-business-day") == (
        "by the next business day after the incident is declared"
    )


def test_triggers_and_small_words() -> None:
    assert words.trigger("severity-changed") == "when the severity changes"
    assert words.triggers(["impact-changed", "severity-changed", "resolved"]) == (
        "also when the impact changes or when the severity changes or when it is resolved"
    )
    assert words.yes_no(True) == "Yes"
    assert words.yes_no(False) == "No"
    assert words.capital("sEV-1 leads") == "SEV-1 leads"


@pytest.mark.parametrize(
    ("entry", "text"),
    [
        (model.PageEntry(who="Desk", how="ticket"), "ticket"),
        (model.PageEntry(who="Desk", how="email", urgency="high"), "email, high urgency"),
        (model.PageEntry(who="Bot", how="chat-command"), "chat command"),
        (model.PageEntry(who="Bridge", how="phone", phone="+1 555 0100"), "phone +1 555 0100"),
    ],
)
def test_every_way_of_paging_in_words(entry: model.PageEntry, text: str) -> None:
    assert words.page_how(entry) == text


def test_a_paging_chain_without_escalation_lists_its_steps() -> None:
    chain = [
        model.PageEntry(who="Primary", urgency="low"),
        model.PageEntry(who="Manager", how="email"),
    ]
    assert words.page_chain(chain) == "Primary (page, low urgency); Manager (email)"


def test_the_english_tables_are_the_words_of_the_functions() -> None:
    """Readers that look a choice up (the schema coverage below) see the sentences pages print."""
    assert words.EVENTS["response-started"] == "the response starting"
    assert words.EVENTS_AFTER["response-started"] == "the response starts"
    assert words.HOW["chat-command"] == "chat command"
    for event, text in words.TRIGGERS.items():
        assert words.trigger(event) == text
    assert set(words.TRIGGERS) == {
        "impact-changed",
        "stage-changed",
        "severity-changed",
        "resolved",
    }


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (model.Executives("always", within="15m"), "Always, within 15 minutes"),
        (model.Executives("always"), "Always"),
        (
            model.Executives("conditional", "the impact lasts 2 hours", "30m"),
            "Conditional: the impact lasts 2 hours, within 30 minutes",
        ),
        (model.Executives("never"), "Never"),
    ],
)
def test_executives_whether_and_how_soon(value: model.Executives, text: str) -> None:
    assert words.executives(value, role("Incident commander")) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (model.PublicCommunication("always"), "Always"),
        (model.PublicCommunication("if-customer-facing"), "If customers can see it"),
        (
            model.PublicCommunication("conditional", "impact lasts more than 5 minutes"),
            "Conditional: impact lasts more than 5 minutes",
        ),
        (model.PublicCommunication("lead-decides"), "The incident manager decides"),
        (model.PublicCommunication("never"), "Never"),
    ],
)
def test_public_communication(value: model.PublicCommunication, text: str) -> None:
    assert words.public_communication(value, role("Incident manager")) == text


@pytest.mark.parametrize(
    ("name", "inside"),
    [
        ("Incident commander", "incident commander"),
        ("IT Lead", "IT Lead"),
        ("Duty Manager", "Duty Manager"),
    ],
)
def test_a_role_title_inside_a_sentence(name: str, inside: str) -> None:
    assert words.role_title(role(name)) == inside


def test_long_incident_at_the_lead_s_discretion() -> None:
    lead = role("Incident manager")
    entry = model.LongIncident(after="4h", not_before="30m")
    assert words.long_incident(entry, lead) == (
        "after 4 hours: at the incident manager's discretion, not more often than every 30 minutes"
    )
    assert words.long_incident(model.LongIncident(after="4h", every="1h"), lead) == (
        "after 4 hours: every hour"
    )


def test_the_cadence_of_a_cell_in_one_phrase(playbook: model.Playbook) -> None:
    cell = playbook.cadence("sev1", "customers")
    assert words.cadence(cell, playbook) == (
        "First update within 5 minutes of the response starting; "
        "Scoping update within 5 minutes of the previous message; "
        "then every 30 minutes (every 10 minutes while the status is Investigating); "
        "also when the impact changes; "
        "after 4 hours: at the incident manager's discretion, not more often than every 30 minutes"
    )
    assert words.cadence(playbook.cadence("sev2", "team"), playbook) == "No scheduled updates"
    assert words.cadence_phrase(playbook.cadence("sev1", "team"), playbook) == "every 15 minutes"


def test_a_cadence_by_stage_only(playbook: model.Playbook) -> None:
    cell = model.Cadence(
        "sev1",
        "team",
        first_update=model.FirstUpdate("10m"),
        follow_ups=(model.FollowUp("Scope", "5m", "declared"),),
        by_stage=(
            model.StageInterval("investigating", "10m"),
            model.StageInterval("monitoring", "1h"),
        ),
        also_on=("stage-changed", "resolved"),
    )
    assert words.cadence(cell, playbook) == (
        "First update within 10 minutes of the incident being declared; "
        "Scope within 5 minutes of the incident being declared; "
        "then every 10 minutes while the status is Investigating, "
        "every hour while the status is monitoring; "
        "also when the status stage changes or when it is resolved"
    )


def test_the_paging_chain(playbook: model.Playbook) -> None:
    chain = playbook.severity("sev1").response.page
    assert words.page_chain(chain) == (
        "Primary on-call (page, high urgency); after 15 minutes without acknowledgement: "
        "Incident manager (chat command !ic page)"
    )
    assert words.escalation(chain[0]) == "no acknowledgement within 15 minutes: the next step"
    phone = model.PageEntry(
        who="Bridge", how="phone", phone="+1 555 0100", pin="4321", urgency="low"
    )
    assert words.page_how(phone) == "phone +1 555 0100, PIN 4321, low urgency"


def test_the_lead_of_a_level(playbook: model.Playbook) -> None:
    assert words.lead(playbook.severity("sev1"), playbook) == (
        "Incident manager, assigned within 10 minutes"
    )
    assert words.lead(playbook.severity("sev2"), playbook) == "Incident commander"


def schema_enums() -> dict[str, set[str]]:
    """Every enumerated choice in the schemas, by the property (or list property) it belongs to."""
    import json

    from generator.layout import SCHEMA_DIR

    found: dict[str, set[str]] = {}

    def walk(node: object, name: str) -> None:
        if isinstance(node, dict):
            if "enum" in node:
                found.setdefault(name, set()).update(node["enum"])
            for key, value in node.items():
                if key == "properties":
                    for prop, sub in value.items():
                        walk(sub, prop)
                elif key != "enum":
                    walk(value, name)
        elif isinstance(node, list):
            for item in node:
                walk(item, name)

    for path in SCHEMA_DIR.glob("*.schema.json"):
        walk(json.loads(path.read_text("utf-8")), "")
    return found


def test_every_choice_the_schema_allows_has_words() -> None:
    """A new event, trigger or way of paging added to the schema must get its words here, or
    pages would print its raw id."""
    enums = schema_enums()
    assert enums["from"] <= set(words.EVENTS) & set(words.EVENTS_AFTER)
    assert enums["also_on"] <= set(words.TRIGGERS)
    assert enums["how"] <= set(words.HOW)
    for event in enums["from"]:
        assert not words.deadline("5m", event).endswith(f" of {event}")
        assert not words.deadline("immediately", event).endswith(f" after {event}")
    for event in enums["also_on"]:
        assert words.trigger(event) != event
    lead = role("Incident commander")
    for when in choices_of("public_communication"):
        assert words.public_communication(model.PublicCommunication(when, "x"), lead) not in (
            "",
            when,
        )
    for when in choices_of("executives"):
        assert words.executives(model.Executives(when, "x"), lead) not in ("", when)


def choices_of(definition: str) -> list[str]:
    import json

    from generator.layout import SCHEMA_DIR

    common = json.loads((SCHEMA_DIR / "common.schema.json").read_text("utf-8"))
    choices = schema_enums_in(common["$defs"][definition])
    assert choices, definition
    return choices


def schema_enums_in(node: object) -> list[str]:
    if isinstance(node, dict):
        if "enum" in node:
            return list(node["enum"])
        return [c for value in node.values() for c in schema_enums_in(value)]
    if isinstance(node, list):
        return [c for item in node for c in schema_enums_in(item)]
    return []
