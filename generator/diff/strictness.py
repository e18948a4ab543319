"""Which changes make the playbook less strict: slower, later, fewer, weaker.

A reviewer may accept such a change, but should never miss one; the diff flags each with a reason.
`judge` is called for every changed field (old and new values) and for every removed item (new is
None, path empty); it returns the reason, or "" when the change does not weaken anything.
"""

from __future__ import annotations

from collections.abc import Callable

from generator import durations
from generator import model as m

#: public_communication from weakest to strongest.
PUBLIC_COMMUNICATION = ("never", "if-customer-facing", "always")

REMOVALS: dict[type, str] = {
    m.Severity: "a severity level was removed",
    m.Role: "a role was removed",
    m.ChecklistItem: "a checklist step was removed",
    m.RoleChecklist: "a role checklist was removed",
    m.Audience: "an audience is no longer addressed",
    m.AfterIncidentStep: "an after-incident step was removed",
    m.Cadence: "an audience no longer gets scheduled updates",
}


def later(old: str | None, new: str | None) -> bool:
    """True when the deadline `new` is later than `old`; a dropped deadline (None) is later."""
    if old is None:
        return False
    if new is None:
        return True
    try:
        return durations.sort_key(new) > durations.sort_key(old)
    except ValueError:
        return False


def interval_rank(every: str) -> float:
    """Orders cadence intervals from most to least frequent: durations, then
    as-progress-dictates, then none."""
    if every == durations.NO_UPDATES:
        return float("inf")
    if every == durations.AS_PROGRESS_DICTATES:
        return 1e12
    try:
        return durations.sort_key(every)
    except ValueError:
        return 0.0


def slower_interval(old: str | None, new: str | None) -> bool:
    if old is None:
        return False
    if new is None:
        return True
    return interval_rank(new) > interval_rank(old)


def fewer(old: object, new: object) -> bool:
    """True when a list lost an entry (adding others does not make up for it)."""
    return isinstance(old, tuple) and isinstance(new, tuple) and any(x not in new for x in old)


def narrower(old: object, new: object) -> bool:
    """Severity lists where empty means "every severity": does `new` cover less than `old`?"""
    if not isinstance(old, tuple) or not isinstance(new, tuple):
        return False
    if not new:
        return False
    return not old or any(x not in new for x in old)


def _response(field: str) -> tuple[str, ...]:
    return ("response", *field.split("."))


_RULES: dict[tuple[type, tuple[str, ...]], tuple[Callable[[object, object], bool], str]] = {
    (m.Severity, _response("acknowledge_within")): (later, "slower acknowledgement"),
    (m.Severity, _response("incident_commander.required")): (
        lambda o, n: o is True and n is False,
        "an incident commander is no longer required",
    ),
    (m.Severity, _response("incident_commander.assigned_within")): (
        later,
        "the incident commander is assigned later",
    ),
    (m.Severity, _response("page")): (fewer, "fewer people are paged"),
    (m.Severity, _response("roles")): (fewer, "fewer roles are staffed"),
    (m.Severity, _response("war_room")): (
        lambda o, n: o is True and n is False,
        "no war room any more",
    ),
    (m.Severity, _response("public_communication")): (
        lambda o, n: _rank(PUBLIC_COMMUNICATION, n) < _rank(PUBLIC_COMMUNICATION, o),
        "public communication is weakened",
    ),
    (m.Severity, _response("executive_notification_within")): (
        later,
        "executives are notified later or not at all",
    ),
    (m.Severity, _response("tracked_as_bug")): (
        lambda o, n: o is False and n is True,
        "handled as a bug instead of an incident",
    ),
    (m.Severity, _response("actions")): (fewer, "fewer response actions"),
    (m.Organisation, ("review_max_age_days",)): (
        lambda o, n: isinstance(o, int) and isinstance(n, int) and n > o,
        "reviews may be older before they count as stale",
    ),
    (m.ChecklistItem, ("severities",)): (narrower, "a checklist step covers fewer severities"),
    (m.RoleChecklist, ("items",)): (fewer, "a role checklist lost a step"),
    (m.AfterIncidentStep, ("within",)): (later, "an after-incident step is due later"),
    (m.Cadence, ("every",)): (slower_interval, "slower updates"),
    (m.Cadence, ("first_update_within",)): (later, "the first update comes later"),
}


def _rank(order: tuple[str, ...], value: object) -> int:
    return order.index(value) if value in order else -1


def judge(owner: type, path: tuple[str, ...], old: object, new: object) -> str:
    """Why changing `path` of an `owner` item from `old` to `new` weakens the playbook, or ""."""
    if not path:
        return REMOVALS.get(owner, "") if new is None else ""
    rule = _RULES.get((owner, path))
    if rule is None:
        return ""
    weaker, why = rule
    return why if weaker(old, new) else ""


def severity_rank(severity_id: str, *playbooks: m.Playbook) -> int:
    """Position of a severity, most severe first, in the first playbook that has it."""
    for playbook in playbooks:
        ids = [s.id for s in playbook.severities]
        if severity_id in ids:
            return ids.index(severity_id)
    return -1
