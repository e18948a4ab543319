"""Severity levels escalate consistently: a more severe level is never slower to acknowledge or to
update (warnings), and every level has a cadence for every audience (an error)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from itertools import pairwise

from generator import durations
from generator.findings import Finding
from generator.loader import DataPath
from generator.validate.document import Document, is_id


def _severities(doc: Document) -> list[tuple[DataPath, str]]:
    """(path, id) of each well-formed severity, most severe first."""
    return [
        (path, item["id"])
        for path, item in doc.entries("severities", ("severities",))
        if is_id(item.get("id"))
    ]


def _audiences(doc: Document) -> list[str]:
    return [
        item["id"]
        for _, item in doc.entries("communication", ("audiences",))
        if is_id(item.get("id"))
    ]


def check_acknowledge_order(doc: Document) -> Iterator[Finding]:
    """`ack-order` (warning): acknowledgement is no slower for a more severe level."""
    timed: list[tuple[DataPath, str, str]] = []
    for path, severity_id in _severities(doc):
        within = doc.get("severities", (*path, "response", "acknowledge_within"))
        if durations.is_duration(within):
            timed.append(((*path, "response", "acknowledge_within"), severity_id, str(within)))
    for (path, higher, slow), (_, lower, fast) in pairwise(timed):
        if durations.sort_key(slow) > durations.sort_key(fast):
            yield doc.finding(
                "ack-order",
                f"{higher} is acknowledged within {slow}, slower than the less severe {lower}"
                f" ({fast})",
                "severities",
                path,
                hint=f"a more severe level should be acknowledged at least as fast: {fast} or less",
            )


def _interval(value: object) -> float | None:
    """Seconds between updates; `none` is never; `as-progress-dictates` cannot be compared."""
    if value == durations.NO_UPDATES:
        return math.inf
    if durations.is_duration(value):
        return durations.sort_key(str(value))
    return None


def check_cadence_order(doc: Document) -> Iterator[Finding]:
    """`cadence-order` (warning): a more severe level updates each audience at least as often,
    at every status stage (a stage without its own interval uses `every`), and its first update
    and named follow-ups are due no later."""
    reported: set[DataPath] = set()
    for finding, path in _cadence_order(doc):
        if path not in reported:
            reported.add(path)
            yield finding


def _cadence_order(doc: Document) -> Iterator[tuple[Finding, DataPath]]:
    levels = [severity_id for _, severity_id in _severities(doc)]
    for audience in _audiences(doc):
        entries = {
            level: entry
            for level in levels
            if isinstance(entry := doc.get("communication", ("cadence", level, audience)), dict)
        }
        yield from _intervals(doc, audience, entries, None)
        stages: list[str] = []
        for entry in entries.values():
            by_stage = entry.get("by_stage")
            if isinstance(by_stage, dict):
                stages.extend(s for s in by_stage if is_id(s) and s not in stages)
        for stage in stages:
            yield from _intervals(doc, audience, entries, stage)
        yield from _deadlines(doc, audience, entries)


def _intervals(
    doc: Document, audience: str, entries: dict[str, dict], stage: str | None
) -> Iterator[tuple[Finding, DataPath]]:
    """Adjacent levels compared on `every`, or on one stage's interval."""
    timed: list[tuple[str, str, float, DataPath]] = []
    for level, entry in entries.items():
        by_stage = entry.get("by_stage")
        path: DataPath = ("cadence", level, audience, "every")
        value = entry.get("every")
        if stage is not None and isinstance(by_stage, dict) and stage in by_stage:
            path = ("cadence", level, audience, "by_stage", stage)
            value = by_stage[stage]
        seconds = _interval(value)
        if seconds is not None:
            timed.append((level, str(value), seconds, path))
    while_in = f" while {stage}" if stage else ""
    for higher, slow, lower, fast, path in _slower_when_more_severe(timed):
        finding = doc.finding(
            "cadence-order",
            f"at {higher}, {audience} hear from us {_every(slow)}{while_in}, less often than"
            f" at the less severe {lower} ({_every(fast)})",
            "communication",
            path,
            hint=f"update {audience} at least as often at {higher} as at {lower}"
            + (f" in the stage '{stage}'" if stage else ""),
        )
        yield finding, path


def _deadlines(
    doc: Document, audience: str, entries: dict[str, dict]
) -> Iterator[tuple[Finding, DataPath]]:
    """The first update and each named follow-up are due no later at a more severe level."""
    series: dict[str, list[tuple[str, str, float, DataPath]]] = {}
    for level, entry in entries.items():
        first = entry.get("first_update")
        if isinstance(first, dict) and durations.is_duration(first.get("within")):
            name = f"the first update (from {first.get('from', 'declared')})"
            path: DataPath = ("cadence", level, audience, "first_update", "within")
            series.setdefault(name, []).append(
                (level, first["within"], durations.sort_key(first["within"]), path)
            )
        follow_ups = entry.get("follow_ups")
        for index, follow in enumerate(follow_ups if isinstance(follow_ups, list) else ()):
            if not isinstance(follow, dict) or not isinstance(follow.get("name"), str):
                continue
            if not durations.is_duration(follow.get("within")):
                continue
            name = f"the follow-up '{follow['name']}'"
            path = ("cadence", level, audience, "follow_ups", index, "within")
            series.setdefault(name, []).append(
                (level, follow["within"], durations.sort_key(follow["within"]), path)
            )
    for name, timed in series.items():
        for higher, slow, lower, fast, path in _slower_when_more_severe(timed):
            finding = doc.finding(
                "cadence-order",
                f"at {higher}, {name} to {audience} is due within {slow}, later than at the"
                f" less severe {lower} ({fast})",
                "communication",
                path,
                hint=f"make it due at {higher} no later than at {lower}: {fast} or less",
            )
            yield finding, path


def _slower_when_more_severe(
    timed: list[tuple[str, str, float, DataPath]],
) -> Iterator[tuple[str, str, str, str, DataPath]]:
    """Neighbouring levels (most severe first, each `(level, written, seconds, path)`) where the
    more severe one waits longer: `(higher, its value, lower, its value, the higher's path)`."""
    for (higher, slow, slow_s, path), (lower, fast, fast_s, _) in pairwise(timed):
        if slow_s > fast_s:
            yield higher, slow, lower, fast, path


def _every(value: str) -> str:
    return "never" if value == durations.NO_UPDATES else f"every {value}"


def check_cadence_complete(doc: Document) -> Iterator[Finding]:
    """`cadence-missing`: each severity has a cadence entry for each audience."""
    cadence = doc.get("communication", ("cadence",))
    if not isinstance(cadence, dict) or not doc.has("severities"):
        return
    audiences = _audiences(doc)
    for _, severity_id in _severities(doc):
        entry = cadence.get(severity_id)
        if severity_id not in cadence:
            yield doc.finding(
                "cadence-missing",
                f"`cadence` has no entry for the severity '{severity_id}'",
                "communication",
                ("cadence",),
                hint=f"add `{severity_id}:` with an entry for each audience: "
                + ", ".join(audiences),
                key=True,
            )
            continue
        if not isinstance(entry, dict):
            continue
        for audience in audiences:
            if audience not in entry:
                yield doc.finding(
                    "cadence-missing",
                    f"the cadence of {severity_id} says nothing about the audience '{audience}'",
                    "communication",
                    ("cadence", severity_id),
                    hint=f"add `{audience}: {{every: none}}` if they hear nothing at this level,"
                    " or give an interval",
                    key=True,
                )
