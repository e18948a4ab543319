"""Playbook values in words, for readers: durations, cadences, yes/no and public communication."""

from __future__ import annotations

from generator import durations
from generator.model import Cadence

PUBLIC_COMMUNICATION = {
    "always": "Always",
    "if-customer-facing": "If customers can see it",
    "never": "No",
}


def duration(value: str | None) -> str:
    """`15m` -> `15 minutes`; `next-business-day` -> `next business day`."""
    return durations.format_duration(value) if value else "not required"


def within(value: str | None) -> str:
    """A deadline: `within 15 minutes`, `immediately`, `by the next business day`."""
    if not value:
        return "not required"
    if value == durations.IMMEDIATELY:
        return "immediately"
    if value == durations.NEXT_BUSINESS_DAY:
        return "by the next business day"
    return f"within {duration(value)}"


def interval(value: str) -> str:
    """A cadence interval: `every 15 minutes`, `every hour`, `as progress dictates`."""
    text = durations.format_interval(value)
    return text.replace("every 1 ", "every ", 1) if text.startswith("every 1 ") else text


def cadence(entry: Cadence) -> str:
    """One cell of the cadence matrix, in a sentence."""
    text = interval(entry.every)
    text = text[:1].upper() + text[1:]
    if entry.first_update_within:
        text += f"; first update {within(entry.first_update_within)}"
    if entry.long_incident:
        text += (
            f"; after {duration(entry.long_incident.after)}, {interval(entry.long_incident.every)}"
        )
    return text


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def capital(value: str) -> str:
    """Upper-case the first letter only (Jinja's `capitalize` lowers the rest: `SEV` -> `Sev`)."""
    text = str(value)
    return text[:1].upper() + text[1:]
