"""Durations: what the schema lets through, `generator.durations` understands, and the other way."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import durations, wording
from generator.durations import (
    is_duration,
    is_interval,
    minutes,
    parse_duration,
    sort_key,
)
from generator.layout import SCHEMA_DIR


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1m", timedelta(minutes=1)),
        ("5m", timedelta(minutes=5)),
        ("90m", timedelta(minutes=90)),
        ("1h", timedelta(hours=1)),
        ("2d", timedelta(days=2)),
        ("2w", timedelta(weeks=2)),
        ("9999m", timedelta(minutes=9999)),
        ("5bd", timedelta(days=5)),
        ("1bd", timedelta(days=1)),
        ("immediately", timedelta(0)),
        ("next-business-day", None),
    ],
)
def test_parse_duration(text: str, expected: timedelta | None) -> None:
    assert parse_duration(text) == expected


NOT_DURATIONS = ["", "5", "0m", "05m", "10000m", "5 m", "5min", "5M", "1y", "-5m", "5m ", "none"]
NOT_DURATIONS += ["soon", "0bd", "5b", "5BD", "5 bd", "bd"]


@pytest.mark.parametrize("text", NOT_DURATIONS)
def test_parse_duration_rejects_what_is_not_a_duration(text: str) -> None:
    with pytest.raises(ValueError, match="is not a duration"):
        parse_duration(text)
    assert not is_duration(text)


def test_non_strings_are_not_durations() -> None:
    assert not is_duration(5)
    assert not is_duration(None)
    assert not is_interval(15)


def test_words_refuse_what_is_not_a_duration() -> None:
    """Durations are worded by generator.wording (tests/test_words.py); a cadence word or a
    typo is not a duration and says what one looks like."""
    with pytest.raises(ValueError, match="write a number and a unit"):
        wording.duration("as-progress-dictates")
    with pytest.raises(ValueError, match="'5 min' is not a duration"):
        durations.split("5 min")


def test_sort_key_orders_from_shortest_to_longest() -> None:
    written = ["1w", "next-business-day", "1h", "immediately", "25h", "1d", "5m", "23h", "5bd"]
    ordered = sorted(written, key=sort_key)
    assert ordered == [
        "immediately",
        "5m",
        "1h",
        "23h",
        "1d",
        "next-business-day",
        "25h",
        "5bd",
        "1w",
    ]


def test_business_days_count_as_days_for_ordering() -> None:
    assert sort_key("5bd") == sort_key("5d")
    assert sort_key("8bd") > sort_key("1w") > sort_key("5bd")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5m", 5),
        ("1h", 60),
        ("2bd", 2880),
        ("immediately", 0),
        ("next-business-day", None),
        ("none", None),
        ("as-progress-dictates", None),
    ],
)
def test_minutes_for_the_widgets_clock(text: str, expected: int | None) -> None:
    assert minutes(text) == expected


@given(
    amount=st.integers(min_value=1, max_value=9999),
    unit=st.sampled_from(["m", "h", "d", "w", "bd"]),
)
def test_every_amount_and_unit_round_trips(amount: int, unit: str) -> None:
    text = f"{amount}{unit}"
    seconds = {"m": 60, "h": 3600, "d": 86400, "w": 604800, "bd": 86400}[unit]
    assert parse_duration(text) == timedelta(seconds=amount * seconds)
    assert wording.duration(text).startswith(f"{amount} ")


def _schema_pattern(name: str) -> re.Pattern[str]:
    common = json.loads((SCHEMA_DIR / "common.schema.json").read_text(encoding="utf-8"))
    return re.compile(common["$defs"][name]["pattern"])


VALID = ["1m", "5m", "15m", "90m", "1h", "2d", "2w", "9999w", "5bd", "immediately"]
VALID += ["next-business-day"]
INVALID = ["0m", "5", "05m", "10000m", "5min", "5M", "1y", "none", "as-progress-dictates", ""]
INVALID += ["0bd", "5b", "5BD"]
SAMPLES = VALID + INVALID


@pytest.mark.parametrize("text", SAMPLES)
def test_schema_and_module_agree_on_durations(text: str) -> None:
    assert bool(_schema_pattern("duration").search(text)) == is_duration(text)


@pytest.mark.parametrize("text", SAMPLES)
def test_schema_and_module_agree_on_intervals(text: str) -> None:
    assert bool(_schema_pattern("interval").search(text)) == is_interval(text)
