"""Playbook values in words, computed once: the pages, the pocket card and the widgets' data all
take their sentences from here, so no rule is worded twice (and JavaScript words nothing).

An absent value has no words: every function given `None` returns `""`, and callers print nothing
for `""` (never "not required").
"""

from __future__ import annotations

from collections.abc import Iterable

from generator import durations
from generator.model import (
    Cadence,
    Executives,
    FirstUpdate,
    FollowUp,
    LongIncident,
    PageEntry,
    Playbook,
    PublicCommunication,
    Role,
    Severity,
)

#: "within 5 minutes of ..." for each event a deadline can count from.
EVENTS = {
    "declared": "the incident being declared",
    "response-started": "the response starting",
    "previous-message": "the previous message",
    "impact-changed": "the impact changing",
}
#: "immediately after ..." for the same events.
EVENTS_AFTER = {
    "declared": "the incident is declared",
    "response-started": "the response starts",
    "previous-message": "the previous message",
    "impact-changed": "the impact changes",
}
#: `also_on` triggers.
TRIGGERS = {
    "impact-changed": "when the impact changes",
    "stage-changed": "when the status stage changes",
    "severity-changed": "when the severity changes",
    "resolved": "when it is resolved",
}
#: How a page entry reaches someone.
HOW = {
    "page": "page",
    "chat-command": "chat command",
    "phone": "phone",
    "ticket": "ticket",
    "email": "email",
}
_PUBLIC = {
    "always": "Always",
    "if-customer-facing": "If customers can see it",
    "never": "Never",
}
_EXECUTIVES = {"always": "Always", "never": "Never"}
#: Kept while templates move to `public_communication()`; prefer the function.
PUBLIC_COMMUNICATION = _PUBLIC


# --------------------------------------------------------------------------- durations


def duration(value: str | None) -> str:
    """`15m` -> "15 minutes"; `5bd` -> "5 business days"; `next-business-day` -> "next business
    day"; absent -> ""."""
    return durations.format_duration(value) if value else ""


def within(value: str | None) -> str:
    """A deadline: "within 15 minutes", "immediately", "by the next business day"; absent -> ""."""
    if not value:
        return ""
    if value == durations.IMMEDIATELY:
        return "immediately"
    if value == durations.NEXT_BUSINESS_DAY:
        return "by the next business day"
    return f"within {duration(value)}"


def interval(value: str | None) -> str:
    """A cadence interval: "every 15 minutes", "every hour", "as progress dictates", "no
    scheduled updates"; absent -> ""."""
    return durations.format_interval(value) if value else ""


def deadline(value: str | None, event: str = "declared") -> str:
    """A deadline counted from an event: "within 5 minutes of the response starting"."""
    if not value:
        return ""
    if value in (durations.IMMEDIATELY, durations.NEXT_BUSINESS_DAY):
        return f"{within(value)} after {EVENTS_AFTER.get(event, event)}"
    return f"{within(value)} of {EVENTS.get(event, event)}"


def minutes(value: str | None) -> int | None:
    """Minutes for the widgets' clock; `None` when there is no fixed length."""
    return durations.minutes(value) if value else None


# --------------------------------------------------------------------------- cadence


def first_update(entry: FirstUpdate) -> str:
    return f"first update {deadline(entry.within, entry.from_event)}"


def follow_up(entry: FollowUp) -> str:
    return f"{entry.name} {deadline(entry.within, entry.from_event)}"


def stage_interval(every: str, stage_name: str) -> str:
    """An interval at one status stage: "every 10 minutes while the status is Investigating"."""
    return f"{interval(every)} while the status is {stage_name}"


def trigger(event: str) -> str:
    """An update trigger: "when the impact changes"."""
    return TRIGGERS.get(event, f"when {event}")


def triggers(events: Iterable[str]) -> str:
    """All triggers of a cell: "also when the impact changes or when the status stage changes";
    none -> ""."""
    texts = [trigger(e) for e in events]
    return f"also {' or '.join(texts)}" if texts else ""


def role_title(role: Role) -> str:
    """A role's name inside a sentence: "Incident commander" -> "incident commander"; names with
    capitals after the first letter ("IT Lead", "Duty Manager") stay as written."""
    name = role.name
    rest = name[1:]
    return name[:1].lower() + rest if rest == rest.lower() else name


def long_incident(entry: LongIncident, lead: Role) -> str:
    """Long-incident mode: "after 4 hours: every hour" or "after 4 hours: at the incident
    manager's discretion, not more often than every 30 minutes"."""
    rhythm = interval(entry.every) if entry.every else f"at the {role_title(lead)}'s discretion"
    if entry.not_before:
        rhythm += f", not more often than {interval(entry.not_before)}"
    return f"after {duration(entry.after)}: {rhythm}"


def stage_names(playbook: Playbook) -> dict[str, str]:
    return {stage.id: stage.name for stage in playbook.stages}


def cadence(entry: Cadence, playbook: Playbook) -> str:
    """One cell of severity x audience in one phrase, capitalised, no final full stop: the same
    on the communication page, the pocket card and in the composer."""
    return capital(cadence_phrase(entry, playbook))


def cadence_phrase(entry: Cadence, playbook: Playbook) -> str:
    """`cadence` in lower case, to follow other words ("Customers at SEV-4: no scheduled
    updates")."""
    parts: list[str] = []
    if entry.first_update:
        parts.append(first_update(entry.first_update))
    parts.extend(follow_up(f) for f in entry.follow_ups)
    names = stage_names(playbook)
    by_stage = [stage_interval(s.every, names.get(s.stage, s.stage)) for s in entry.by_stage]
    rhythm = interval(entry.every)
    if rhythm and by_stage:
        rhythm += f" ({', '.join(by_stage)})"
    elif by_stage:
        rhythm = ", ".join(by_stage)
    if rhythm:
        parts.append(f"then {rhythm}" if parts else rhythm)
    if entry.also_on:
        parts.append(triggers(entry.also_on))
    if entry.long_incident:
        parts.append(long_incident(entry.long_incident, playbook.lead_for(entry.severity)))
    return "; ".join(parts)


# --------------------------------------------------------------------------- who is told


def _condition(when: str, condition: str, lead: Role, fixed: dict[str, str]) -> str:
    if when == "conditional":
        return f"Conditional: {condition}" if condition else "Conditional"
    if when == "lead-decides":
        return capital(f"the {role_title(lead)} decides")
    return fixed.get(when, when)


def public_communication(value: PublicCommunication | None, lead: Role) -> str:
    """Whether the public hears of it: "Always", "If customers can see it", "Conditional:
    <condition>", "The incident commander decides", "Never"; absent -> ""."""
    if value is None:
        return ""
    return _condition(value.when, value.condition, lead, _PUBLIC)


def executives(value: Executives | None, lead: Role) -> str:
    """Whether executives are told and, separately, how soon: "Always, within 15 minutes",
    "Conditional: <condition>", "Never"; absent -> ""."""
    if value is None:
        return ""
    text = _condition(value.when, value.condition, lead, _EXECUTIVES)
    if value.within and value.when != "never":
        text += f", {within(value.within)}"
    return text


# --------------------------------------------------------------------------- paging


def page_how(entry: PageEntry) -> str:
    """How one entry is reached, with its urgency: "page, high urgency", "chat command !ic page",
    "phone +1 555 0100, PIN 4321"."""
    how = HOW.get(entry.how, entry.how)
    if entry.how == "chat-command" and entry.command:
        how += f" {entry.command}"
    if entry.how == "phone" and entry.phone:
        how += f" {entry.phone}"
        if entry.pin:
            how += f", PIN {entry.pin}"
    if entry.urgency:
        how += f", {entry.urgency} urgency"
    return how


def escalation(entry: PageEntry) -> str:
    """When to page the next step: "no acknowledgement within 15 minutes: the next step"; no
    escalation -> ""."""
    if not entry.escalate_after:
        return ""
    return f"no acknowledgement {within(entry.escalate_after)}: the next step"


def page_chain(entries: Iterable[PageEntry]) -> str:
    """The whole chain in one phrase: "Primary on-call (page, high urgency); after 15 minutes
    without acknowledgement: Secondary on-call (page)"."""
    text = ""
    previous: PageEntry | None = None
    for entry in entries:
        step = f"{entry.who} ({page_how(entry)})"
        if previous is None:
            text = step
        elif previous.escalate_after:
            wait = duration(previous.escalate_after)
            text += f"; after {wait} without acknowledgement: {step}"
        else:
            text += f"; {step}"
        previous = entry
    return text


def lead(severity: Severity, playbook: Playbook) -> str:
    """Who leads a level: "Incident manager, assigned within 10 minutes"."""
    text = playbook.lead_for(severity.id).name
    assigned = within(severity.response.lead_assigned_within)
    return f"{text}, assigned {assigned}" if assigned else text


# --------------------------------------------------------------------------- small words


def yes_no(value: bool | None) -> str:
    """A yes/no value in words: "Yes", "No"; absent -> ""."""
    if value is None:
        return ""
    return "Yes" if value else "No"


def capital(value: str) -> str:
    """Upper-case the first letter only (Jinja's `capitalize` lowers the rest: `SEV` -> `Sev`)."""
    text = str(value)
    return text[:1].upper() + text[1:]
