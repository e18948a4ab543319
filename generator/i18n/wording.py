"""Playbook values in words, the one place they are worded, in any language through its catalogue.

Every sentence is a gettext message, so a language is one catalogue: `interval("15m", ja)` is
"15分ごと", `interval("1h", ja)` is "1時間ごと"; with no catalogue (`gettext.NullTranslations`)
the message ids come back, which are the English the pages show. `generator.wording` is the
English front the pages, widgets, diff and exports call. Counts use `ngettext`, so languages with
several plural forms get them from their catalogue's plural rule.

Each function takes the catalogue (`generator.i18n.catalogue(lang)`) as its last argument and
returns "" for an absent value (callers print nothing for "", never "not required"). Names and
conditions come from the (translated) model; `role_title` and `capital` are no-ops for scripts
without capitals.
"""

# ruff: noqa: RUF002  (examples in Japanese use full-width punctuation on purpose)
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from generator import durations

if TYPE_CHECKING:
    from generator import model


class Catalogue(Protocol):
    def gettext(self, message: str) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int) -> str: ...


def _amount(catalogue: Catalogue, amount: int, unit: str) -> str:
    """`5 minutes`, `1 hour`, `5 business days` (Japanese: 5分, 1時間, 5営業日)."""
    if unit == "m":
        text = catalogue.ngettext("%(num)d minute", "%(num)d minutes", amount)
    elif unit == "h":
        text = catalogue.ngettext("%(num)d hour", "%(num)d hours", amount)
    elif unit == "d":
        text = catalogue.ngettext("%(num)d day", "%(num)d days", amount)
    elif unit == "w":
        text = catalogue.ngettext("%(num)d week", "%(num)d weeks", amount)
    else:
        text = catalogue.ngettext("%(num)d business day", "%(num)d business days", amount)
    return text % {"num": amount}


def _every_one(catalogue: Catalogue, unit: str) -> str:
    """`every hour` rather than `every 1 hour` (Japanese: 1時間ごと)."""
    if unit == "m":
        return catalogue.gettext("every minute")
    if unit == "h":
        return catalogue.gettext("every hour")
    if unit == "d":
        return catalogue.gettext("every day")
    if unit == "w":
        return catalogue.gettext("every week")
    return catalogue.gettext("every business day")


def _named(catalogue: Catalogue, value: str) -> str:
    if value == durations.IMMEDIATELY:
        return catalogue.gettext("immediately")
    if value == durations.NEXT_BUSINESS_DAY:
        return catalogue.gettext("next business day")
    if value == durations.AS_PROGRESS_DICTATES:
        return catalogue.gettext("as progress dictates")
    return catalogue.gettext("no scheduled updates")


def duration(value: str | None, catalogue: Catalogue) -> str:
    """`15m` -> "15 minutes" / "15分"; `next-business-day` -> "next business day" / "翌営業日"."""
    if not value:
        return ""
    if value in durations.NAMED_DURATIONS:
        return _named(catalogue, value)
    return _amount(catalogue, *durations.split(value))


def within(value: str | None, catalogue: Catalogue) -> str:
    """A deadline: "within 15 minutes" / "15分以内"; "immediately" / "直ちに"; "by the next
    business day" / "翌営業日までに"."""
    if not value:
        return ""
    if value == durations.IMMEDIATELY:
        return catalogue.gettext("immediately")
    if value == durations.NEXT_BUSINESS_DAY:
        return catalogue.gettext("by the next business day")
    return catalogue.gettext("within %(duration)s") % {"duration": duration(value, catalogue)}


def interval(value: str | None, catalogue: Catalogue) -> str:
    """A cadence interval: "every 15 minutes" / "15分ごと", "every hour" / "1時間ごと",
    "as progress dictates" / "進捗に応じて随時", "no scheduled updates" / "定期更新なし"."""
    if not value:
        return ""
    if value in durations.CADENCE_WORDS or value in durations.NAMED_DURATIONS:
        return _named(catalogue, value)
    amount, unit = durations.split(value)
    if amount == 1:
        return _every_one(catalogue, unit)
    return catalogue.gettext("every %(duration)s") % {"duration": _amount(catalogue, amount, unit)}


# --------------------------------------------------------------------------- schema choices


def N_(message: str) -> str:
    """Marks a message id for extraction; it is translated where it is looked up."""
    return message


#: The words of every schema choice, by (the property that holds it, the choice); "after" is an
#: event after "immediately after ...", "from" the same event after "within 5 minutes of ...",
#: "when" a rule for executives and public communication that needs no condition.
_CHOICES: dict[tuple[str, str], str] = {
    ("from", "declared"): N_("the incident being declared"),
    ("from", "response-started"): N_("the response starting"),
    ("from", "previous-message"): N_("the previous message"),
    ("from", "impact-changed"): N_("the impact changing"),
    ("after", "declared"): N_("the incident is declared"),
    ("after", "response-started"): N_("the response starts"),
    ("after", "previous-message"): N_("the previous message"),
    ("after", "impact-changed"): N_("the impact changes"),
    ("also_on", "impact-changed"): N_("when the impact changes"),
    ("also_on", "stage-changed"): N_("when the status stage changes"),
    ("also_on", "severity-changed"): N_("when the severity changes"),
    ("also_on", "resolved"): N_("when it is resolved"),
    ("how", "page"): N_("page"),
    ("how", "chat-command"): N_("chat command"),
    ("how", "phone"): N_("phone"),
    ("how", "ticket"): N_("ticket"),
    ("how", "email"): N_("email"),
    ("when", "always"): N_("Always"),
    ("when", "if-customer-facing"): N_("If customers can see it"),
    ("when", "never"): N_("Never"),
}


def choices(kind: str, catalogue: Catalogue) -> dict[str, str]:
    """Every choice of one kind ("from", "after", "also_on", "how", "when") in words, as a table
    for readers that look choices up (`generator.wording.TRIGGERS`, the schema coverage test)."""
    return {
        name: catalogue.gettext(message)
        for (of_kind, name), message in _CHOICES.items()
        if of_kind == kind
    }


def choice(kind: str, name: str, catalogue: Catalogue) -> str:
    """One schema choice in words; a choice without words stays as written."""
    message = _CHOICES.get((kind, name))
    return catalogue.gettext(message) if message else name


# --------------------------------------------------------------------------- values


def event(name: str, catalogue: Catalogue) -> str:
    """What a deadline counts from, after "of": "the response starting" / "対応開始"."""
    return choice("from", name, catalogue)


def deadline(value: str | None, from_event: str, catalogue: Catalogue) -> str:
    """A deadline counted from an event: "within 5 minutes of the response starting" /
    "対応開始から5分以内"."""
    if not value:
        return ""
    if value in durations.NAMED_DURATIONS:
        after = choice("after", from_event, catalogue)
        return catalogue.gettext("%(deadline)s after %(event)s") % {
            "deadline": within(value, catalogue),
            "event": after,
        }
    return catalogue.gettext("within %(duration)s of %(event)s") % {
        "duration": duration(value, catalogue),
        "event": event(from_event, catalogue),
    }


def trigger(name: str, catalogue: Catalogue) -> str:
    """An update trigger: "when the impact changes" / "影響が変わったとき"."""
    return choice("also_on", name, catalogue)


def triggers(names: Iterable[str], catalogue: Catalogue) -> str:
    """All triggers of a cell: "also when the impact changes or when it is resolved" /
    "影響が変わったとき、または解決したときにも"."""
    texts = [trigger(name, catalogue) for name in names]
    if not texts:
        return ""
    joined = catalogue.gettext(" or ").join(texts)
    return catalogue.gettext("also %(triggers)s") % {"triggers": joined}


# --------------------------------------------------------------------------- cadence sentences


def first_update(entry: model.FirstUpdate, catalogue: Catalogue) -> str:
    """ "first update within 15 minutes of the incident being declared" / "初回の更新は
    インシデントの宣言から15分以内"."""
    return catalogue.gettext("first update %(deadline)s") % {
        "deadline": deadline(entry.within, entry.from_event, catalogue)
    }


def follow_up(entry: model.FollowUp, catalogue: Catalogue) -> str:
    """A named message: "Scoping update within 30 minutes of the previous message"."""
    return catalogue.gettext("%(name)s %(deadline)s") % {
        "name": entry.name,
        "deadline": deadline(entry.within, entry.from_event, catalogue),
    }


def stage_interval(every: str, stage_name: str, catalogue: Catalogue) -> str:
    """ "every 10 minutes while the status is Investigating" / "ステータスが「調査中」の間は
    10分ごと"."""
    return catalogue.gettext("%(interval)s while the status is %(stage)s") % {
        "interval": interval(every, catalogue),
        "stage": stage_name,
    }


def long_incident(entry: model.LongIncident, lead: model.Role, catalogue: Catalogue) -> str:
    """ "after 4 hours: every hour" / "4時間経過後は1時間ごと"; without `every`, at the lead's
    discretion."""
    if entry.every:
        rhythm = interval(entry.every, catalogue)
    else:
        rhythm = catalogue.gettext("at the %(role)s's discretion") % {"role": role_title(lead)}
    if entry.not_before:
        rhythm += catalogue.gettext(", not more often than %(interval)s") % {
            "interval": interval(entry.not_before, catalogue)
        }
    return catalogue.gettext("after %(duration)s: %(rhythm)s") % {
        "duration": duration(entry.after, catalogue),
        "rhythm": rhythm,
    }


def cadence_phrase(entry: model.Cadence, playbook: model.Playbook, catalogue: Catalogue) -> str:
    """One cell of severity x audience in one phrase, lower case, no final full stop (as
    `generator.wording.cadence_phrase`); parts joined by the catalogue's "; "."""
    parts: list[str] = []
    if entry.first_update:
        parts.append(first_update(entry.first_update, catalogue))
    parts.extend(follow_up(item, catalogue) for item in entry.follow_ups)
    names = stage_names(playbook)
    by_stage = [
        stage_interval(item.every, names.get(item.stage, item.stage), catalogue)
        for item in entry.by_stage
    ]
    rhythm = interval(entry.every, catalogue)
    listed = catalogue.gettext(", ").join(by_stage)
    if rhythm and by_stage:
        rhythm = catalogue.gettext("%(interval)s (%(stages)s)") % {
            "interval": rhythm,
            "stages": listed,
        }
    elif by_stage:
        rhythm = listed
    if rhythm:
        parts.append(catalogue.gettext("then %(rhythm)s") % {"rhythm": rhythm} if parts else rhythm)
    if entry.also_on:
        parts.append(triggers(entry.also_on, catalogue))
    if entry.long_incident:
        lead = playbook.lead_for(entry.severity)
        parts.append(long_incident(entry.long_incident, lead, catalogue))
    return catalogue.gettext("; ").join(parts)


def cadence(entry: model.Cadence, playbook: model.Playbook, catalogue: Catalogue) -> str:
    """`cadence_phrase` with a capital letter (languages without capitals are unchanged)."""
    return capital(cadence_phrase(entry, playbook, catalogue))


# --------------------------------------------------------------------------- who is told


def _condition(when: str, condition: str, lead: model.Role, catalogue: Catalogue) -> str:
    if when == "conditional":
        if condition:
            return catalogue.gettext("Conditional: %(condition)s") % {"condition": condition}
        return catalogue.gettext("Conditional")
    if when == "lead-decides":
        return capital(catalogue.gettext("the %(role)s decides") % {"role": role_title(lead)})
    return choice("when", when, catalogue)


def public_communication(
    value: model.PublicCommunication | None, lead: model.Role, catalogue: Catalogue
) -> str:
    """ "Always", "If customers can see it", "Conditional: ...", "The incident commander
    decides", "Never"; absent -> ""."""
    if value is None:
        return ""
    return _condition(value.when, value.condition, lead, catalogue)


def executives(value: model.Executives | None, lead: model.Role, catalogue: Catalogue) -> str:
    """ "Always, within 15 minutes" / "常に（15分以内）"; absent -> ""."""
    if value is None:
        return ""
    text = _condition(value.when, value.condition, lead, catalogue)
    if value.within and value.when != "never":
        text = catalogue.gettext("%(when)s, %(within)s") % {
            "when": text,
            "within": within(value.within, catalogue),
        }
    return text


# --------------------------------------------------------------------------- paging


def page_how(entry: model.PageEntry, catalogue: Catalogue) -> str:
    """ "page, high urgency" / "ページ（緊急度：高）"; "chat command !ic page"."""
    how = choice("how", entry.how, catalogue)
    if entry.how == "chat-command" and entry.command:
        how += f" {entry.command}"
    if entry.how == "phone" and entry.phone:
        how += f" {entry.phone}"
        if entry.pin:
            how += catalogue.gettext(", PIN %(pin)s") % {"pin": entry.pin}
    if entry.urgency == "high":
        how = catalogue.gettext("%(how)s, high urgency") % {"how": how}
    elif entry.urgency == "low":
        how = catalogue.gettext("%(how)s, low urgency") % {"how": how}
    elif entry.urgency:
        how += f", {entry.urgency}"
    return how


def escalation(entry: model.PageEntry, catalogue: Catalogue) -> str:
    """ "no acknowledgement within 15 minutes: the next step"; no escalation -> ""."""
    if not entry.escalate_after:
        return ""
    return catalogue.gettext("no acknowledgement %(within)s: the next step") % {
        "within": within(entry.escalate_after, catalogue)
    }


def page_chain(entries: Iterable[model.PageEntry], catalogue: Catalogue) -> str:
    """The whole chain in one phrase, each step with how it is reached and when to move on."""
    text = ""
    previous: model.PageEntry | None = None
    for entry in entries:
        step = catalogue.gettext("%(who)s (%(how)s)") % {
            "who": entry.who,
            "how": page_how(entry, catalogue),
        }
        if previous is None:
            text = step
        elif previous.escalate_after:
            text += catalogue.gettext("; after %(wait)s without acknowledgement: %(step)s") % {
                "wait": duration(previous.escalate_after, catalogue),
                "step": step,
            }
        else:
            text += catalogue.gettext("; %(step)s") % {"step": step}
        previous = entry
    return text


def lead(severity: model.Severity, playbook: model.Playbook, catalogue: Catalogue) -> str:
    """ "Incident manager, assigned within 10 minutes" / "インシデントマネージャー（10分以内に
    指名）"."""
    name = playbook.lead_for(severity.id).name
    assigned = within(severity.response.lead_assigned_within, catalogue)
    if not assigned:
        return name
    return catalogue.gettext("%(name)s, assigned %(within)s") % {"name": name, "within": assigned}


def yes_no(value: bool | None, catalogue: Catalogue) -> str:
    """ "Yes" / "はい", "No" / "いいえ"; absent -> ""."""
    if value is None:
        return ""
    return catalogue.gettext("Yes") if value else catalogue.gettext("No")


# --------------------------------------------------------------------------- neutral helpers


def stage_names(playbook: model.Playbook) -> dict[str, str]:
    """Status stage names by id, as the (translated) model names them."""
    return {stage.id: stage.name for stage in playbook.stages}


def role_title(role: model.Role) -> str:
    """A role's name inside a sentence: "Incident commander" -> "incident commander"; names with
    capitals after the first letter ("IT Lead", "Duty Manager") stay as written."""
    name = role.name
    rest = name[1:]
    return name[:1].lower() + rest if rest == rest.lower() else name


def capital(value: str) -> str:
    """Upper-case the first letter only (Jinja's `capitalize` lowers the rest: `SEV` -> `Sev`)."""
    text = str(value)
    return text[:1].upper() + text[1:]
