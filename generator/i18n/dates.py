"""Dates and clock times in a language, in the organisation's time zone (Babel's CLDR data).

Pages print review dates and example times; the composer formats the "next update by" time in
the browser with `Intl.DateTimeFormat(lang, {timeZone})`, which follows the same CLDR patterns.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo


def long_date(value: date | str, lang: str) -> str:
    """ "November 1, 2026" / "2026年11月1日"; an ISO string is read first."""
    from babel.dates import format_date

    day = date.fromisoformat(value) if isinstance(value, str) else value
    return format_date(day, format="long", locale=_locale(lang))


def clock(moment: datetime, timezone: str, lang: str) -> str:
    """A time of day in the organisation's zone with the zone's short name: "14:30 CET" /
    "14:30 CET" (Japanese keeps the 24-hour clock)."""
    from babel.dates import format_time

    local = moment.astimezone(ZoneInfo(timezone))
    return f"{format_time(local, format='HH:mm', locale=_locale(lang))} {local.tzname()}"


def _locale(lang: str) -> str:
    return lang.replace("-", "_")
