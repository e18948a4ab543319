"""Review freshness: is a `last_reviewed` date older than the organisation allows?

Shared by the `review-stale` rule and the site's "Owner · Last reviewed" line, so both always
agree. "Today" is `PLAYBOOK_TODAY` (YYYY-MM-DD) when set, so tests and reproducible builds can fix
it, else the site's build date or `SOURCE_DATE_EPOCH` (reproducible builds), else the real date.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timezone

from generator.findings import PlaybookError

TODAY_VARIABLE = "PLAYBOOK_TODAY"
DEFAULT_MAX_AGE_DAYS = 365  # as generator.model.Organisation


def today(default: date | None = None) -> date:
    """The date reviews are measured against: `PLAYBOOK_TODAY` when set, else `default` (the
    site passes its build date), else the build date of reproducible builds or the real date."""
    fixed = os.environ.get(TODAY_VARIABLE, "").strip()
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise PlaybookError(
                f"{TODAY_VARIABLE}={fixed!r} is not a date: write it as YYYY-MM-DD"
            ) from None
    if default is not None:
        return default
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return datetime.now(tz=timezone.utc).date()


def parse_date(text: object) -> date | None:
    """A `last_reviewed` value as a date; None when it is not a real YYYY-MM-DD date."""
    if not isinstance(text, str) or len(text) != 10:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class ReviewState:
    """What a reader needs: who owns it, when it was reviewed, and whether that is too long ago."""

    owner: str | None
    last_reviewed: str | None
    age_days: int | None  # None without a (valid) date
    max_age_days: int

    @property
    def stale(self) -> bool:
        return self.age_days is not None and self.age_days > self.max_age_days

    @property
    def shown(self) -> bool:
        return bool(self.owner or self.last_reviewed)


def review_state(
    owner: str | None, last_reviewed: str | None, max_age_days: int, on: date | None = None
) -> ReviewState:
    reviewed = parse_date(last_reviewed)
    age = None if reviewed is None else ((on or today()) - reviewed).days
    return ReviewState(owner, last_reviewed, age, max_age_days)
