"""Which changes make the playbook less strict: slower, later, fewer, weaker.

A reviewer may accept such a change, but should never miss one; the diff flags each with a reason.
`judge` is called for every changed field (old and new values) and for every removed item (new is
None, path empty); it returns the reason, or "" when the change does not weaken anything.
"""

from __future__ import annotations

from collections.abc import Callable

from generator import durations
from generator import model as m

#: Public communication and executive briefing, from weakest to strongest.
PUBLIC_RANK = {
    "never": 0,
    "lead-decides": 1,
    "conditional": 2,
    "if-customer-facing": 2,
    "always": 3,
}
EXECUTIVES_RANK = {"never": 0, "conditional": 1, "always": 2}

#: Ways of reaching someone that interrupt them at once (a ticket or an e-mail waits).
IMMEDIATE = frozenset({"page", "phone", "chat-command"})

REMOVALS: dict[type, str] = {
    m.Severity: "a severity level was removed",
    m.Role: "a role was removed",
    m.ChecklistItem: "a checklist step was removed",
    m.Audience: "an audience is no longer addressed",
    m.AfterIncidentStep: "an after-incident step was removed",
    m.Cadence: "an audience no longer gets scheduled updates",
    m.PageEntry: "fewer people are paged",
    m.IncidentType: "an incident type and its rules were removed",
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
    """True when updates every `new` come less often than every `old`; dropping a stated
    interval (None) is slower."""
    if old is None:
        return False
    if new is None:
        return True
    return interval_rank(new) > interval_rank(old)


def fewer(old: object, new: object) -> bool:
    """True when a list lost an entry (adding others does not make up for it)."""
    return isinstance(old, tuple) and isinstance(new, tuple) and any(x not in new for x in old)


def narrower(old: object, new: object) -> bool:
    """Scope lists where empty means "every": does `new` cover less than `old`?"""
    if not isinstance(old, tuple) or not isinstance(new, tuple):
        return False
    if not new:
        return False
    return not old or any(x not in new for x in old)


def _no_longer(old: object, new: object) -> bool:
    return old is True and new is not True


def _lower(ranks: dict[str, int]) -> Callable[[object, object], bool]:
    """A `when` choice moved down `ranks`; an unknown or absent new value counts as the lowest
    when the old one promised anything."""

    def weaker(old: object, new: object) -> bool:
        was = ranks.get(str(old), -1) if old is not None else -1
        now = ranks.get(str(new), -1) if new is not None else -1
        return now < was and (new is not None or was > 0)

    return weaker


def _public_weaker(old: object, new: object) -> bool:
    """Whole public-communication rules (or None): a weaker choice, or a rule that promised
    something dropped."""
    return _lower(PUBLIC_RANK)(getattr(old, "when", None), getattr(new, "when", None))


def _executives_weaker(old: object, new: object) -> bool:
    if old is None:
        return False
    if _lower(EXECUTIVES_RANK)(getattr(old, "when", None), getattr(new, "when", None)):
        return True
    return new is not None and new.when != "never" and later(old.within, new.within)  # type: ignore[attr-defined]


def _response(field: str) -> tuple[str, ...]:
    return ("response", *field.split("."))


Rule = tuple[Callable[[object, object], bool], str]
_PUBLIC_RULES: dict[tuple[str, ...], Rule] = {
    ("public_communication",): (_public_weaker, "public communication is weakened"),
    ("public_communication", "when"): (_lower(PUBLIC_RANK), "public communication is weakened"),
}

_RULES: dict[tuple[type, tuple[str, ...]], Rule] = {
    (m.Severity, _response("acknowledge_within")): (later, "slower acknowledgement"),
    (m.Severity, _response("lead_assigned_within")): (later, "the lead is assigned later"),
    (m.Severity, _response("roles")): (fewer, "fewer roles are staffed"),
    (m.Severity, _response("war_room")): (_no_longer, "no war room any more"),
    (m.Severity, _response("executives")): (
        _executives_weaker,
        "executives are told less often, later or not at all",
    ),
    (m.Severity, _response("executives.when")): (
        _lower(EXECUTIVES_RANK),
        "executives are told less often",
    ),
    (m.Severity, _response("executives.within")): (later, "executives are told later"),
    (m.Severity, _response("tracked_as_bug")): (
        lambda o, n: o is not True and n is True,
        "handled as a bug instead of an incident",
    ),
    (m.Severity, _response("actions")): (fewer, "fewer response actions"),
    **{(m.Severity, ("response", *path)): rule for path, rule in _PUBLIC_RULES.items()},
    **{(m.IncidentType, path): rule for path, rule in _PUBLIC_RULES.items()},
    (m.IncidentType, ("roles",)): (fewer, "fewer roles are staffed for this kind of incident"),
    (m.IncidentType, ("channels",)): (fewer, "fewer channels for this kind of incident"),
    (m.IncidentType, ("actions",)): (fewer, "fewer actions for this kind of incident"),
    (m.PageEntry, ("escalate_after",)): (later, "a slower escalation"),
    (m.PageEntry, ("how",)): (
        lambda o, n: o in IMMEDIATE and n not in IMMEDIATE,
        "reached by ticket or e-mail instead of at once",
    ),
    (m.PageEntry, ("urgency",)): (
        lambda o, n: o == "high" and n != "high",
        "paged with a lower urgency",
    ),
    (m.SeverityGroup, ("severities",)): (fewer, "a group covers fewer levels"),
    (m.Organisation, ("review_max_age_days",)): (
        lambda o, n: isinstance(o, int) and isinstance(n, int) and n > o,
        "reviews may be older before they count as stale",
    ),
    (m.ChecklistItem, ("severities",)): (narrower, "a checklist step covers fewer severities"),
    (m.ChecklistItem, ("types",)): (narrower, "a checklist step covers fewer kinds of incident"),
    (m.Channel, ("private",)): (_no_longer, "a private channel is no longer private"),
    (m.AfterIncidentStep, ("within",)): (later, "an after-incident step is due later"),
    (m.AfterIncidentStep, ("severities",)): (
        narrower,
        "an after-incident step covers fewer severities",
    ),
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
