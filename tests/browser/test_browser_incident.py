"""An incident is a session: the banner on every page, its age, the timeline, and print.

The clock is fixed with Playwright's clock API; every time is checked in the organisation's zone
and in UTC.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

pytestmark = pytest.mark.browser

START = "2026-11-27T14:02:00Z"


def zones(site, iso: str) -> tuple[str, str]:
    moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    local = moment.astimezone(ZoneInfo(site.data["organisation"]["timezone"]))
    return local.strftime("%Y-%m-%d %H:%M"), moment.strftime("%Y-%m-%d %H:%M") + " UTC"


def start_incident(open_page, site, title: str, severity: str) -> None:
    page = open_page(site.url("index.html"))
    page.get_by_role("button", name="Start an incident").click()
    page.locator(".pb-incident-edit summary").click()
    page.locator('.pb-incident [name="incident-title"]').fill(title)
    page.locator('.pb-incident [name="incident-severity"]').select_option(severity)
    page.locator(".pb-incident form button").click()
    page.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_banner_on_every_page_shows_the_incident_and_its_age(
    site, context, open_page, watch, width
):
    sev = site.list("severities", "severities")[1]
    context.clock.set_fixed_time(START)
    start_incident(open_page, site, "Checkout errors in EU", sev["id"])
    context.clock.set_fixed_time("2026-11-27T15:17:00Z")
    role = site.list("roles", "roles")[0]["id"]
    for path in (
        "index.html",
        f"roles/{role}.html",
        "respond/pocket-card.html",
        "severities/index.html",
    ):
        page = open_page(site.url(path), width=width)
        banner = page.locator(".pb-incident")
        assert banner.count() == 1, path
        text = banner.inner_text()
        assert "Checkout errors in EU" in text and sev["label"] in text, path
        assert "1 h 15 min ago" in text, path
        assert banner.bounding_box()["y"] < 800, path
        assert page.get_by_role("button", name="End incident").is_visible()
        page.close()
    watch.assert_clean()


def test_timeline_gathers_ticks_and_posted_updates_in_order(site, context, open_page, watch):
    context.clock.set_fixed_time(START)
    start_incident(open_page, site, "Login outage", site.list("severities", "severities")[0]["id"])
    phase = site.list("phases", "phases")[0]
    context.clock.set_fixed_time("2026-11-27T14:05:00Z")
    page = open_page(site.url(f"phases/{phase['id']}.html"))
    first = page.locator("li.pb-check").first
    first_text = first.locator(".pb-check-text").inner_text()
    first.locator("input").check()
    context.clock.set_fixed_time("2026-11-27T14:20:00Z")
    composer = open_page(site.url("respond/status-update.html"))
    composer.locator(".pb-composer .pb-copy").click()
    title = composer.locator(".pb-preview-title").inner_text()
    context.clock.set_fixed_time("2026-11-27T14:31:00Z")
    role = site.list("roles", "roles")[-1]["id"]
    last = open_page(site.url(f"roles/{role}.html"))
    third = last.locator("li.pb-check").last
    third_text = third.locator(".pb-check-text").inner_text()
    third.locator("input").check()
    last.locator(".pb-checklist-tools .pb-timeline").click()
    lines = last.locator(".pb-copy-output .pb-copy-text").first.input_value().splitlines()
    assert lines[0] == f"## Login outage ({site.list('severities', 'severities')[0]['label']})"
    audience = site.data["communication"]["audiences"][0]["name"]
    entries = [line for line in lines if line.startswith("- ")]
    expected = [
        (START, "Incident started"),
        ("2026-11-27T14:05:00Z", f"Done: {first_text}"),
        ("2026-11-27T14:20:00Z", f"Update posted ({audience}, "),
        ("2026-11-27T14:31:00Z", f"Done: {third_text}"),
    ]
    assert len(entries) == len(expected), entries
    for line, (iso, what) in zip(entries, expected, strict=True):
        local, utc = zones(site, iso)
        assert line.startswith(f"- {local} "), line
        assert f"({utc})" in line and what in line, line
    assert title in entries[2]
    watch.assert_clean()


def test_the_active_incident_tick_times_and_details_are_printed(site, context, open_page, watch):
    context.clock.set_fixed_time(START)
    start_incident(
        open_page, site, "Payment delays", site.list("severities", "severities")[0]["id"]
    )
    phase = site.list("phases", "phases")[0]
    page = open_page(site.url(f"phases/{phase['id']}.html"))
    page.locator("li.pb-check input").first.check()
    page.emulate_media(media="print")
    banner = page.locator(".pb-incident")
    assert banner.is_visible() and "Payment delays" in banner.inner_text()
    assert not page.get_by_role("button", name="End incident").is_visible()
    local, _ = zones(site, START)
    time = page.locator("li.pb-check .pb-check-time").first
    assert time.is_visible() and local[-5:] in time.inner_text() and "UTC" in time.inner_text()
    details = page.locator("li.pb-check .pb-check-detail")
    if details.count():
        assert details.first.is_visible()
    link = page.locator('.md-content a[href^="http"], .md-content a[href^="tel:"]').first
    if link.count():
        after = link.evaluate("(a) => getComputedStyle(a, '::after').content")
        assert link.get_attribute("href") in after
    watch.assert_clean()


def test_print_shows_check_details_and_link_addresses(site, open_page, watch):
    """Some severity page has check details or outside links; both print with their words."""
    found = {"detail": False, "address": False}
    page = open_page(site.url("index.html"))
    paths = [f"phases/{p['id']}.html" for p in site.list("phases", "phases")]
    paths += [f"roles/{r['id']}.html" for r in site.list("roles", "roles")]
    paths += ["respond/pocket-card.html", "index.html"]
    for path in paths:
        page.goto(site.url(path))
        page.emulate_media(media="print")
        detail = page.locator("li.pb-check .pb-check-detail")
        if detail.count():
            assert detail.first.is_visible(), path
            found["detail"] = True
        links = page.locator(
            '.md-content a[href^="http"], .md-content a[href^="tel:"], '
            '.md-content a[href^="mailto:"]'
        )
        if links.count():
            after = links.first.evaluate("(a) => getComputedStyle(a, '::after').content")
            assert links.first.get_attribute("href") in after, path
            found["address"] = True
    assert found == {"detail": True, "address": True}
    watch.assert_clean()


def test_readiness_marks_for_the_benchmarks(site, open_page, watch):
    marks = {
        "respond/decide-severity.html": "tree",
        "respond/status-update.html": "composer",
        f"phases/{site.list('phases', 'phases')[0]['id']}.html": "checklist",
    }
    for path, name in marks.items():
        page = open_page(site.url(path))
        page.wait_for_function(f"performance.getEntriesByName('pb-ready:{name}').length > 0")
        assert page.evaluate("performance.getEntriesByName('pb-ready:banner').length") == 1
        page.close()
    watch.assert_clean()


def test_old_incident_is_dated_and_cleared_from_the_banner(site, context, open_page, watch):
    context.clock.set_fixed_time(START)
    start_incident(open_page, site, "Search down", site.list("severities", "severities")[2]["id"])
    page = open_page(site.url("index.html"))
    page.get_by_role("button", name="End incident").click()
    page.get_by_role("button", name=re.compile("End it")).click()
    note = page.locator(".pb-incident-old-note")
    local, _ = zones(site, START)
    assert "Search down" in note.inner_text() and local in note.inner_text()
    page.get_by_role("button", name="Clear stored incidents").click()
    assert page.locator(".pb-incident-old-note").count() == 0
    assert page.evaluate("JSON.parse(localStorage.getItem('pb-incidents')).all") == {}
    watch.assert_clean()
