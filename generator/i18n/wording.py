"""Durations and deadlines in the words of a language, through its catalogue.

The same values as `generator.wording` (which stays the English reference the pages use today),
worded with gettext messages so a language is one catalogue: `interval("15m", ja)` is "15分ごと",
`interval("1h", ja)` is "1時間ごと", and with the English catalogue (none) every function returns
exactly what `generator.wording` returns (a test compares them value by value). Counts use
`ngettext`, so languages with several plural forms get them from their catalogue's plural rule.

Every function takes the catalogue (`generator.i18n.catalogue(lang)`) and returns "" for an
absent value, as `generator.wording` does.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from generator import durations


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


def _split(value: str) -> tuple[int, str]:
    match = durations._AMOUNT.match(value)
    if match is None:
        durations.format_duration(value)  # raises the ValueError that explains the value
        raise ValueError(value)
    return int(match.group(1)), match.group(2)


def duration(value: str | None, catalogue: Catalogue) -> str:
    """`15m` -> "15 minutes" / "15分"; `next-business-day` -> "next business day" / "翌営業日"."""
    if not value:
        return ""
    if value in durations.NAMED_DURATIONS:
        return _named(catalogue, value)
    return _amount(catalogue, *_split(value))


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
    amount, unit = _split(value)
    if amount == 1:
        return _every_one(catalogue, unit)
    return catalogue.gettext("every %(duration)s") % {"duration": _amount(catalogue, amount, unit)}


def event(name: str, catalogue: Catalogue) -> str:
    """What a deadline counts from, after "of": "the response starting" / "対応開始"."""
    words = {
        "declared": catalogue.gettext("the incident being declared"),
        "response-started": catalogue.gettext("the response starting"),
        "previous-message": catalogue.gettext("the previous message"),
        "impact-changed": catalogue.gettext("the impact changing"),
    }
    return words.get(name, name)


def deadline(value: str | None, from_event: str, catalogue: Catalogue) -> str:
    """A deadline counted from an event: "within 5 minutes of the response starting" /
    "対応開始から5分以内"."""
    if not value:
        return ""
    if value in durations.NAMED_DURATIONS:
        after = {
            "declared": catalogue.gettext("the incident is declared"),
            "response-started": catalogue.gettext("the response starts"),
            "previous-message": catalogue.gettext("the previous message"),
            "impact-changed": catalogue.gettext("the impact changes"),
        }.get(from_event, from_event)
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
    words = {
        "impact-changed": catalogue.gettext("when the impact changes"),
        "stage-changed": catalogue.gettext("when the status stage changes"),
        "severity-changed": catalogue.gettext("when the severity changes"),
        "resolved": catalogue.gettext("when it is resolved"),
    }
    return words.get(name, name)


def triggers(names: Iterable[str], catalogue: Catalogue) -> str:
    """All triggers of a cell: "also when the impact changes or when it is resolved" /
    "影響が変わったとき、または解決したときにも"."""
    texts = [trigger(name, catalogue) for name in names]
    if not texts:
        return ""
    joined = catalogue.gettext(" or ").join(texts)
    return catalogue.gettext("also %(triggers)s") % {"triggers": joined}
