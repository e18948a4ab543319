"""Review freshness: `last_reviewed` dates that are not real dates, or older than allowed.

Every file may carry `owner` and `last_reviewed` at the top, and so may each severity, role,
status template and incident type. A date older than `organisation.review_max_age_days`
(default 365) is a warning, which `--strict` turns into a failure; "today" comes from
`generator.freshness.today`.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Finding
from generator.freshness import DEFAULT_MAX_AGE_DAYS, parse_date, review_state, today
from generator.loader import DataPath
from generator.validate.document import Document

#: Files whose items may carry their own review, and the list that holds them.
ITEM_LISTS: dict[str, tuple[str, str]] = {
    "severities": ("severities", "label"),
    "roles": ("roles", "name"),
    "status-templates": ("templates", "id"),
    "incident-types": ("types", "name"),
}


def _max_age(doc: Document) -> int:
    value = doc.get("organisation", ("review_max_age_days",))
    valid = isinstance(value, int) and not isinstance(value, bool) and value > 0
    return value if valid else DEFAULT_MAX_AGE_DAYS


def _reviewed_places(doc: Document) -> Iterator[tuple[str, DataPath, str]]:
    """(file kind, path of the review's mapping, what it covers in words) for every review."""
    for kind in doc.files:
        yield kind, (), f"{kind}.yaml"
        listed = ITEM_LISTS.get(kind)
        if listed is None:
            continue
        key, name = listed
        for path, item in doc.entries(kind, (key,)):
            label = item.get(name) if isinstance(item.get(name), str) else item.get("id")
            yield kind, path, f"{label}" if label else f"{kind} item {path[-1] + 1}"


def check_review_freshness(doc: Document) -> Iterator[Finding]:
    """`review-date-invalid` (error): a `last_reviewed` that is not a calendar date.
    `review-stale` (warning): a `last_reviewed` older than the organisation allows."""
    max_age = _max_age(doc)
    on = today()
    for kind, path, what in _reviewed_places(doc):
        value = doc.get(kind, (*path, "last_reviewed"))
        if not isinstance(value, str):
            continue  # absent, or the schema reports its type
        where = (*path, "last_reviewed")
        if parse_date(value) is None:
            if len(value) == 10 and value[4] == "-" and value[7] == "-":
                yield doc.finding(
                    "review-date-invalid",
                    f"{value} is not a calendar date",
                    kind,
                    where,
                    hint="write the day of the review as YYYY-MM-DD, e.g. 2026-03-01",
                )
            continue
        state = review_state(None, value, max_age, on)
        if state.stale:
            yield doc.finding(
                "review-stale",
                f"{what} was last reviewed on {value}, {state.age_days} days ago; the "
                f"organisation allows {max_age} days (review_max_age_days)",
                kind,
                where,
                hint=f"check it against how you work today, then set last_reviewed: "
                f'"{on.isoformat()}"',
            )
