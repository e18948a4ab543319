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
                level="warning",
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
    """`cadence-order` (warning): a more severe level updates each audience at least as often."""
    for audience in _audiences(doc):
        timed: list[tuple[str, str, float]] = []
        for _, severity_id in _severities(doc):
            every = doc.get("communication", ("cadence", severity_id, audience, "every"))
            seconds = _interval(every)
            if seconds is not None:
                timed.append((severity_id, str(every), seconds))
        for (higher, slow, slow_s), (lower, fast, fast_s) in pairwise(timed):
            if slow_s > fast_s:
                yield doc.finding(
                    "cadence-order",
                    f"at {higher}, {audience} hear from us {_every(slow)}, less often than at the"
                    f" less severe {lower} ({_every(fast)})",
                    "communication",
                    ("cadence", higher, audience, "every"),
                    level="warning",
                    hint=f"update {audience} at least as often at {higher} as at {lower}",
                )


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
