"""Playbook values in English words, for the pages, the pocket card, the widgets' data, the diff
and the exports (JavaScript words nothing).

Every rule is worded once, in `generator.i18n.wording`, as gettext messages; this module calls it
with the catalogue of the language being rendered (`generator.i18n.speaking`), which is English
(the message ids) unless a render says otherwise. The tables below are the English wording keyed
by schema choice, for readers that look a choice up.

An absent value has no words: every function given `None` returns `""`, and callers print nothing
for `""` (never "not required").
"""

from __future__ import annotations

from collections.abc import Iterable
from gettext import NullTranslations
from typing import TYPE_CHECKING

from generator import durations
from generator.i18n import current
from generator.i18n import wording as _words
from generator.i18n.wording import capital, role_title, stage_names

if TYPE_CHECKING:
    from generator import model

__all__ = [
    "ENGLISH",
    "EVENTS",
    "EVENTS_AFTER",
    "HOW",
    "TRIGGERS",
    "cadence",
    "cadence_phrase",
    "capital",
    "deadline",
    "duration",
    "escalation",
    "executives",
    "first_update",
    "follow_up",
    "interval",
    "lead",
    "long_incident",
    "minutes",
    "page_chain",
    "page_how",
    "public_communication",
    "role_title",
    "stage_interval",
    "stage_names",
    "trigger",
    "triggers",
    "within",
    "yes_no",
]

#: No catalogue: every message is its id, the English text.
ENGLISH = NullTranslations()
#: "within 5 minutes of ..." for each event a deadline can count from.
EVENTS = _words.choices("from", ENGLISH)
#: "immediately after ..." for the same events.
EVENTS_AFTER = _words.choices("after", ENGLISH)
#: `also_on` triggers.
TRIGGERS = _words.choices("also_on", ENGLISH)
#: How a page entry reaches someone.
HOW = _words.choices("how", ENGLISH)


# --------------------------------------------------------------------------- durations


def duration(value: str | None) -> str:
    """`15m` -> "15 minutes"; `5bd` -> "5 business days"; `next-business-day` -> "next business
    day"; absent -> ""."""
    return _words.duration(value, current())


def within(value: str | None) -> str:
    """A deadline: "within 15 minutes", "immediately", "by the next business day"; absent -> ""."""
    return _words.within(value, current())


def interval(value: str | None) -> str:
    """A cadence interval: "every 15 minutes", "every hour", "as progress dictates", "no
    scheduled updates"; absent -> ""."""
    return _words.interval(value, current())


def deadline(value: str | None, event: str = "declared") -> str:
    """A deadline counted from an event: "within 5 minutes of the response starting"."""
    return _words.deadline(value, event, current())


def minutes(value: str | None) -> int | None:
    """Minutes for the widgets' clock; `None` when there is no fixed length."""
    return durations.minutes(value) if value else None


# --------------------------------------------------------------------------- cadence


def first_update(entry: model.FirstUpdate) -> str:
    """ "first update within 15 minutes of the incident being declared"."""
    return _words.first_update(entry, current())


def follow_up(entry: model.FollowUp) -> str:
    """ "Scoping update within 30 minutes of the previous message"."""
    return _words.follow_up(entry, current())


def stage_interval(every: str, stage_name: str) -> str:
    """An interval at one status stage: "every 10 minutes while the status is Investigating"."""
    return _words.stage_interval(every, stage_name, current())


def trigger(event: str) -> str:
    """An update trigger: "when the impact changes"."""
    return _words.trigger(event, current())


def triggers(events: Iterable[str]) -> str:
    """All triggers of a cell: "also when the impact changes or when the status stage changes";
    none -> ""."""
    return _words.triggers(events, current())


def long_incident(entry: model.LongIncident, lead: model.Role) -> str:
    """Long-incident mode: "after 4 hours: every hour" or "after 4 hours: at the incident
    manager's discretion, not more often than every 30 minutes"."""
    return _words.long_incident(entry, lead, current())


def cadence(entry: model.Cadence, playbook: model.Playbook) -> str:
    """One cell of severity x audience in one phrase, capitalised, no final full stop: the same
    on the communication page, the pocket card and in the composer."""
    return _words.cadence(entry, playbook, current())


def cadence_phrase(entry: model.Cadence, playbook: model.Playbook) -> str:
    """`cadence` in lower case, to follow other words ("Customers at SEV-4: no scheduled
    updates")."""
    return _words.cadence_phrase(entry, playbook, current())


# --------------------------------------------------------------------------- who is told


def public_communication(value: model.PublicCommunication | None, lead: model.Role) -> str:
    """Whether the public hears of it: "Always", "If customers can see it", "Conditional:
    <condition>", "The incident commander decides", "Never"; absent -> ""."""
    return _words.public_communication(value, lead, current())


def executives(value: model.Executives | None, lead: model.Role) -> str:
    """Whether executives are told and, separately, how soon: "Always, within 15 minutes",
    "Conditional: <condition>", "Never"; absent -> ""."""
    return _words.executives(value, lead, current())


# --------------------------------------------------------------------------- paging


def page_how(entry: model.PageEntry) -> str:
    """How one entry is reached, with its urgency: "page, high urgency", "chat command !ic page",
    "phone +1 555 0100, PIN 4321"."""
    return _words.page_how(entry, current())


def escalation(entry: model.PageEntry) -> str:
    """When to page the next step: "no acknowledgement within 15 minutes: the next step"; no
    escalation -> ""."""
    return _words.escalation(entry, current())


def page_chain(entries: Iterable[model.PageEntry]) -> str:
    """The whole chain in one phrase: "Primary on-call (page, high urgency); after 15 minutes
    without acknowledgement: Secondary on-call (page)"."""
    return _words.page_chain(entries, current())


def lead(severity: model.Severity, playbook: model.Playbook) -> str:
    """Who leads a level: "Incident manager, assigned within 10 minutes"."""
    return _words.lead(severity, playbook, current())


# --------------------------------------------------------------------------- small words


def yes_no(value: bool | None) -> str:
    """A yes/no value in words: "Yes", "No"; absent -> ""."""
    return _words.yes_no(value, current())
