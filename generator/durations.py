"""Durations as authors write them (`5m`, `1h`, `2d`, `2w`, `5bd`, `immediately`,
`next-business-day`).

The model keeps the author's string; this module turns it into a `timedelta` where arithmetic is
needed (strictness rules comparing levels, the composer's "next update by"). Words for pages
("5 minutes", "next business day") come from `generator.wording`, the one place that words values.

Business days (`5bd`) are worded as such ("5 business days") but measured as that many calendar
days: the model has no calendar, so ordering and the composer's arithmetic count `5bd` as `5d`.

Decision: `parse_duration` returns `None` for `next-business-day`, because its length depends on
the day and hour it starts (a Friday evening runs into Monday). `immediately` is `timedelta(0)`.
Cadence words (`as-progress-dictates`, `none`) are not durations: `parse_duration` rejects them.
"""

from __future__ import annotations

import re
from datetime import timedelta

IMMEDIATELY = "immediately"
NEXT_BUSINESS_DAY = "next-business-day"
AS_PROGRESS_DICTATES = "as-progress-dictates"
NO_UPDATES = "none"

#: The named durations, in the order they sort among themselves.
NAMED_DURATIONS: tuple[str, ...] = (IMMEDIATELY, NEXT_BUSINESS_DAY)
#: The words a cadence interval (`every`) may use instead of a duration.
CADENCE_WORDS: tuple[str, ...] = (AS_PROGRESS_DICTATES, NO_UPDATES)

_AMOUNT = re.compile(r"^([1-9][0-9]{0,3})(m|h|d|w|bd)$")
_UNITS: dict[str, timedelta] = {
    "m": timedelta(minutes=1),
    "h": timedelta(hours=1),
    "d": timedelta(days=1),
    "w": timedelta(weeks=1),
    "bd": timedelta(days=1),
}
_ONE_DAY = timedelta(days=1).total_seconds()


def is_duration(text: object) -> bool:
    """True for `5m`-style amounts and the named durations; false for anything else."""
    if not isinstance(text, str):
        return False
    return text in NAMED_DURATIONS or _AMOUNT.match(text) is not None


def is_interval(text: object) -> bool:
    """True for what a cadence `every` may hold: a duration or a cadence word."""
    return is_duration(text) or (isinstance(text, str) and text in CADENCE_WORDS)


def parse_duration(text: str) -> timedelta | None:
    """The length of a duration; `None` for `next-business-day` (no fixed length).

    Raises `ValueError` for anything that is not a duration, cadence words included.
    """
    if text == IMMEDIATELY:
        return timedelta(0)
    if text == NEXT_BUSINESS_DAY:
        return None
    amount, unit = split(text)
    return _UNITS[unit] * amount


def minutes(text: str) -> int | None:
    """A duration in whole minutes for the widgets' clock arithmetic (`5bd` = 5 x 24 h);
    `None` where there is no fixed length (`next-business-day`) or no interval at all (cadence
    words). Raises `ValueError` for anything else."""
    if text in CADENCE_WORDS:
        return None
    length = parse_duration(text)
    return None if length is None else int(length.total_seconds() // 60)


def sort_key(text: str) -> float:
    """Orders durations from shortest to longest (seconds), for rules such as "SEV-1 acknowledges
    no later than SEV-2". `next-business-day` sorts just after `1d` and before anything longer:
    it may end within hours or after a weekend, so "at least as long as a day" is the only safe
    reading. Raises `ValueError` for anything that is not a duration."""
    length = parse_duration(text)
    if length is None:
        return _ONE_DAY + 0.5
    return length.total_seconds()


def split(text: str) -> tuple[int, str]:
    """`5bd` -> (5, "bd"); raises `ValueError` saying what a duration looks like."""
    match = _AMOUNT.match(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(
            f"{text!r} is not a duration: write a number and a unit (m, h, d, w, bd) such as "
            f"5m, 2h or 5bd, or one of {', '.join(NAMED_DURATIONS)}"
        )
    return int(match.group(1)), match.group(2)
