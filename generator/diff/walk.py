"""A generic comparison of two model values: items matched by key, fields compared one by one.

The specific comparers (cadence, decision tree) handle what needs their own wording; everything
else goes through `compare_items` and `compare_fields`, which put every field into words and ask
`judge` whether a change weakens the playbook.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import fields, is_dataclass

from generator import model as m
from generator.diff.words import Collector, show, words_for

#: How items of each type are matched between base and head (by id unless named here).
KEYS: dict[type, Callable[[object], str]] = {
    m.Principle: lambda x: x.title,  # type: ignore[attr-defined]
    m.PhraseToAvoid: lambda x: x.phrase,  # type: ignore[attr-defined]
    m.Placeholder: lambda x: x.name,  # type: ignore[attr-defined]
    m.PageEntry: lambda x: x.who,  # type: ignore[attr-defined]
    m.FollowUp: lambda x: x.name,  # type: ignore[attr-defined]
    m.StageInterval: lambda x: x.stage,  # type: ignore[attr-defined]
    m.Answer: lambda x: x.label,  # type: ignore[attr-defined]
    m.FileReview: lambda x: x.file,  # type: ignore[attr-defined]
}

#: How an item is named in a sentence.
NAMES: dict[type, Callable[[object], str]] = {
    m.Severity: lambda x: x.label,  # type: ignore[attr-defined]
    m.Role: lambda x: f"role {x.name}",  # type: ignore[attr-defined]
    m.Phase: lambda x: f"phase {x.name}",  # type: ignore[attr-defined]
    m.ChecklistItem: lambda x: f"checklist item '{x.id}'",  # type: ignore[attr-defined]
    m.WorkflowStep: lambda x: f"step '{x.title}'",  # type: ignore[attr-defined]
    m.Audience: lambda x: f"audience {x.name}",  # type: ignore[attr-defined]
    m.Channel: lambda x: f"channel {x.name}",  # type: ignore[attr-defined]
    m.Stage: lambda x: f"stage {x.name}",  # type: ignore[attr-defined]
    m.StatusTemplate: lambda x: f"template '{x.id}'",  # type: ignore[attr-defined]
    m.Placeholder: lambda x: f"placeholder {{{x.name}}}",  # type: ignore[attr-defined]
    m.Principle: lambda x: f"'{x.title}'",  # type: ignore[attr-defined]
    m.PhraseToAvoid: lambda x: f"phrase to avoid '{x.phrase}'",  # type: ignore[attr-defined]
    m.Rubric: lambda x: f"rubric '{x.question}'",  # type: ignore[attr-defined]
    m.MitigationPattern: lambda x: f"pattern {x.name}",  # type: ignore[attr-defined]
    m.Symptom: lambda x: f"symptom '{x.symptom}'",  # type: ignore[attr-defined]
    m.FailurePattern: lambda x: f"failure pattern '{x.name}'",  # type: ignore[attr-defined]
    m.AfterIncidentStep: lambda x: f"after-incident step '{x.title}'",  # type: ignore[attr-defined]
    m.SummaryField: lambda x: f"summary field '{x.title}'",  # type: ignore[attr-defined]
    m.SeverityGroup: lambda x: f"group {x.name}",  # type: ignore[attr-defined]
    m.IncidentType: lambda x: f"incident type {x.name}",  # type: ignore[attr-defined]
    m.PageEntry: lambda x: f"page '{x.who}'",  # type: ignore[attr-defined]
    m.FileReview: lambda x: f"{x.file}.yaml",  # type: ignore[attr-defined]
}

#: Lists whose order is part of the rule (a paging chain is tried in order).
ORDERED: frozenset[type] = frozenset({m.PageEntry, m.FollowUp})

#: Scope lists: the field, and what an empty list means.
SCOPES: dict[str, str] = {"severities": "every severity", "types": "every kind of incident"}

#: Judges: (item type, field path) -> function(old, new) returning why the change is less strict.
Judge = Callable[[type, tuple[str, ...], object, object], str]


def key_of(item: object) -> str:
    return KEYS.get(type(item), lambda x: x.id)(item)  # type: ignore[attr-defined]


def name_of(item: object) -> str:
    namer = NAMES.get(type(item))
    return namer(item) if namer else str(getattr(item, "id", item))


def _join(outer: str, inner: str) -> str:
    return f"{outer}, {inner}" if outer else inner


def compare_items(
    col: Collector,
    area: str,
    old: Iterable[object],
    new: Iterable[object],
    judge: Judge,
    *,
    within: str = "",
    ordered: bool = False,
    label: str = "",
) -> None:
    """Match two lists of items by key; report added, removed and changed ones."""
    old_items = {key_of(x): x for x in old}
    new_items = {key_of(x): x for x in new}
    for key, item in old_items.items():
        if key not in new_items:
            why = judge(type(item), (), item, None)
            col.removed(area, _join(within, name_of(item)), item, why=why)
    for key, item in new_items.items():
        if key not in old_items:
            col.added(area, _join(within, name_of(item)), item)
        elif old_items[key] != item:
            subject = _join(within, name_of(item))
            compare_fields(col, area, subject, old_items[key], item, judge)
    if ordered:
        before = [k for k in old_items if k in new_items]
        after = [k for k in new_items if k in old_items]
        if before != after:
            order = f"{label} order" if label else "order"
            what = f"{within}: {order}" if within else order
            text = f"{what} {show(before)} -> {show(after)}"
            col.add(area, "changed", within or area, text, field="order", old=before, new=after)


def compare_fields(
    col: Collector,
    area: str,
    subject: str,
    old: object,
    new: object,
    judge: Judge,
    path: tuple[str, ...] = (),
    owner: type | None = None,
) -> None:
    """Compare two values of the same dataclass field by field, recursing into nested ones."""
    owner = owner or type(old)
    for f in fields(old):  # type: ignore[arg-type]
        before, after = getattr(old, f.name), getattr(new, f.name)
        if before == after or f.name == "id":
            continue
        here = (*path, f.name)
        if f.name in SCOPES and owner is not m.SeverityGroup:
            why = judge(owner, here, before, after)
            every = SCOPES[f.name]
            label = "applies to" if f.name == "severities" else "applies to incident types"
            col.changed(area, subject, label, before or every, after or every, why=why)
        elif _is_record(before) and _is_record(after):
            compare_fields(col, area, subject, before, after, judge, here, owner)
        elif _is_items(before) or _is_items(after):
            first = (before or after)[0]  # type: ignore[index]
            compare_items(
                col,
                area,
                before,
                after,
                judge,
                within=subject,
                ordered=type(first) in ORDERED,
                label=words_for(here),
            )
        elif isinstance(before, tuple) and isinstance(after, tuple):
            _compare_words(
                col, area, subject, here, before, after, judge(owner, here, before, after)
            )
        else:
            col.changed(
                area, subject, words_for(here), before, after, why=judge(owner, here, before, after)
            )


def _compare_words(
    col: Collector,
    area: str,
    subject: str,
    path: tuple[str, ...],
    old: tuple[object, ...],
    new: tuple[object, ...],
    why: str,
) -> None:
    """Lists of words (definition bullets, paged people): each bullet added or removed."""
    label = words_for(path)
    gone = [x for x in old if x not in new]
    came = [x for x in new if x not in old]
    for value in gone:
        col.add(
            area,
            "removed",
            subject,
            f"{subject}: {label}: removed {show(value)}",
            field=label,
            old=value,
            less_strict=why,
        )
    for value in came:
        col.add(
            area,
            "added",
            subject,
            f"{subject}: {label}: added {show(value)}",
            field=label,
            new=value,
        )
    if not gone and not came:
        col.changed(area, subject, f"{label} order", old, new)


def _is_record(value: object) -> bool:
    return is_dataclass(value) and not isinstance(value, type)


def _is_items(value: object) -> bool:
    return isinstance(value, tuple) and bool(value) and _is_record(value[0])
