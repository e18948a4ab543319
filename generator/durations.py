"""Durations as authors write them (`5m`, `1h`, `2d`, `2w`, `5bd`, `immediately`,
`next-business-day`).

The model keeps the author's string; this module turns it into a `timedelta` where arithmetic is
needed (strictness rules comparing levels, the composer's "next update by") and into words for
pages ("5 minutes", "next business day").

Business days (`5bd`) are worded as such ("5 business days") but measured as that many calendar
days: the model has no calendar, so ordering and the composer's arithmetic count `5bd` as `5d`.

Decision: `parse_duration` returns `None` for `next-business-day`, because its length depends on
the day and hour it starts (a Friday evening runs into Monday). `immediately` is `timedelta(0)`.
Cadence words (`as-progress-dictates`, `none`) are not durations: `parse_duration` rejects them
and `format_interval` turns them into words.
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
_UNITS: dict[str, tuple[timedelta, str]] = {
    "m": (timedelta(minutes=1), "minute"),
    "h": (timedelta(hours=1), "hour"),
    "d": (timedelta(days=1), "day"),
    "w": (timedelta(weeks=1), "week"),
    "bd": (timedelta(days=1), "business day"),
}
_ONE_DAY = timedelta(days=1).total_seconds()
_WORDS = {
    IMMEDIATELY: "immediately",
    NEXT_BUSINESS_DAY: "next business day",
    AS_PROGRESS_DICTATES: "as progress dictates",
    NO_UPDATES: "no scheduled updates",
}


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
    amount, unit = _split(text)
    return _UNITS[unit][0] * amount


def format_duration(text: str) -> str:
    """A duration in words: `5m` -> "5 minutes", `1h` -> "1 hour", `next-business-day` ->
    "next business day". Raises `ValueError` for anything that is not a duration."""
    if text in NAMED_DURATIONS:
        return _WORDS[text]
    amount, unit = _split(text)
    word = _UNITS[unit][1]
    return f"{amount} {word}" if amount == 1 else f"{amount} {word}s"


def format_interval(text: str) -> str:
    """A cadence interval in words, in the one form every page and widget shows: `15m` ->
    "every 15 minutes", `1h` -> "every hour", `as-progress-dictates` -> "as progress dictates",
    `none` -> "no scheduled updates"."""
    if text in CADENCE_WORDS or text in NAMED_DURATIONS:
        return _WORDS[text]
    amount, unit = _split(text)
    if amount == 1:
        return f"every {_UNITS[unit][1]}"
    return f"every {format_duration(text)}"


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


def _split(text: str) -> tuple[int, str]:
    match = _AMOUNT.match(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(
            f"{text!r} is not a duration: write a number and a unit (m, h, d, w, bd) such as "
            f"5m, 2h or 5bd, or one of {', '.join(NAMED_DURATIONS)}"
        )
    return int(match.group(1)), match.group(2)
