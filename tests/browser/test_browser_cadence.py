"""The composer's next-update time on the presets' cadences: by stage, named follow-ups after the
first message, and the long-incident mode without a fixed interval. Clock fixed with Playwright.

Each preset is initialised and built once here (`playbook init --preset`, then `playbook build`),
as a user does; times are checked against the minutes the page's data carries.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.chromium import allow_only_file_urls

pytestmark = pytest.mark.browser

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NOW = datetime.fromisoformat("2026-11-27T15:02:00+00:00")
CLI = [sys.executable, "-c", "import sys; from generator.cli import main; sys.exit(main())"]


def run(*args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "SOURCE_DATE_EPOCH": "1795000000"}
    done = subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def presets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    built = {}
    for preset in ("chatops", "major-incident"):
        project = tmp_path_factory.mktemp("preset") / preset
        run("init", str(project), "--preset", preset)
        run("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site"))
        built[preset] = project / "site"
    return built


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    blocked: list[str] = []
    allow_only_file_urls(context, blocked)
    context.clock.set_fixed_time(NOW)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert blocked == [] and errors == []
    context.close()


def data(page: Any) -> dict[str, Any]:
    return page.evaluate("JSON.parse(document.getElementById('pb-data').textContent)")


def times(page: Any, minutes: int) -> tuple[str, str]:
    """The organisation's local time and UTC of NOW + minutes, as HH:MM."""
    due = NOW + timedelta(minutes=minutes)
    zone = ZoneInfo(
        page.evaluate("JSON.parse(document.getElementById('pb-site').textContent)")["timezone"]
    )
    return due.astimezone(zone).strftime("%H:%M"), due.strftime("%H:%M") + " UTC"


def choose(page: Any, stage: str, audience: str, severity: str) -> None:
    page.select_option(".pb-composer select[name=severity]", severity)
    page.select_option(".pb-composer select[name=audience]", audience)
    page.select_option(".pb-composer select[name=stage]", stage)


def next_update(page: Any) -> str:
    return page.locator('.pb-composer [name="next_update"]').input_value()


def cell_with(page: Any, key: str) -> tuple[str, str, dict[str, Any]]:
    """The first severity and audience whose cadence has `key` and a template with next_update."""
    found = data(page)
    for severity, table in found["cadence"].items():
        for audience, cell in table.items():
            if key in cell and any(
                t["audience"] == audience
                and severity in t.get("severities", [severity])
                and "{next_update}" in t["title"] + t["body"]
                for t in found["templates"]
            ):
                return severity, audience, cell
    raise AssertionError(f"no cadence with {key}")


def stage_with_template(page: Any, severity: str, audience: str, stage: str) -> bool:
    return any(
        t["audience"] == audience
        and t["stage"] == stage
        and severity in t.get("severities", [severity])
        and "{next_update}" in t["title"] + t["body"]
        for t in data(page)["templates"]
    )


def test_next_update_follows_the_stage(presets, tab):
    tab.goto((presets["chatops"] / "respond" / "status-update.html").as_uri())
    checked: set[int] = set()
    for severity, table in data(tab)["cadence"].items():
        for audience, cell in table.items():
            for stage, rule in cell.get("by_stage", {}).items():
                if not stage_with_template(tab, severity, audience, stage):
                    continue
                choose(tab, stage, audience, severity)
                local, utc = times(tab, rule["minutes"])
                value = next_update(tab)
                assert local in value and f"({utc})" in value, (severity, audience, stage, value)
                assert rule["text"] in tab.locator(".pb-next-hint").inner_text()
                checked.add(rule["minutes"])
    assert len(checked) >= 2  # stages with different intervals were told apart


def test_a_named_follow_up_comes_after_the_first_message(presets, tab):
    tab.goto((presets["major-incident"] / "respond" / "status-update.html").as_uri())
    severity, audience, cell = cell_with(tab, "follow_ups")
    stage = next(
        s["id"]
        for s in data(tab)["stages"]
        if stage_with_template(tab, severity, audience, s["id"])
    )
    tab.get_by_role("button", name="Start an incident").click()
    choose(tab, stage, audience, severity)
    follow = cell["follow_ups"][0]
    local, utc = times(tab, follow["minutes"])
    assert local in next_update(tab) and utc in next_update(tab)
    assert follow["name"] in tab.locator(".pb-next-hint").inner_text()
    assert cell["first"]["text"] in tab.locator(".pb-stage-hint").inner_text()
    tab.locator(".pb-composer .pb-copy").click()  # the first message is posted
    tab.reload()
    choose(tab, stage, audience, severity)
    assert cell["first"]["text"] not in tab.locator(".pb-stage-hint").inner_text()
    rule = cell.get("by_stage", {}).get(stage) or cell["every"]
    if len(cell["follow_ups"]) == 1:
        local, utc = times(tab, rule["minutes"])
        assert local in next_update(tab) and utc in next_update(tab)


def test_a_long_incident_without_interval_leaves_the_time_to_the_lead(presets, tab):
    tab.goto((presets["major-incident"] / "respond" / "status-update.html").as_uri())
    severity, audience, cell = cell_with(tab, "long")
    assert cell["long"]["minutes"] is None
    stage = next(
        s["id"]
        for s in data(tab)["stages"]
        if stage_with_template(tab, severity, audience, s["id"])
    )
    tab.get_by_role("button", name="Start an incident").click()
    started = NOW - timedelta(minutes=cell["long"]["after_minutes"] + 30)
    tab.locator(".pb-incident-edit summary").click()
    start = started.astimezone().strftime("%Y-%m-%dT%H:%M")
    tab.locator('.pb-incident [name="incident-start"]').fill(start)
    tab.locator(".pb-incident form button").click()
    tab.reload()
    choose(tab, stage, audience, severity)
    tab.locator(".pb-composer .pb-copy").click()
    for _ in cell.get("follow_ups", []):
        tab.locator(".pb-composer .pb-copy").click()
    tab.reload()
    choose(tab, stage, audience, severity)
    assert tab.locator(".pb-long input").is_checked()
    assert next_update(tab) == ""
    assert cell["long"]["text"] in tab.locator(".pb-next-hint").inner_text()
    assert "No next-update time" in tab.locator(".pb-lint").inner_text()
