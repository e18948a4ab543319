"""Checklists inside an incident: a tick is the running incident's and the task's, not the page's.

The clock is fixed with Playwright's clock API, so the tick times on the page are known.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

pytestmark = pytest.mark.browser

NOW = "2026-11-27T14:02:30Z"


def both_zones(site, iso: str, *, day: bool = False) -> tuple[str, str]:
    """The organisation's local time and the UTC time of `iso`, as the page writes them."""
    moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    local = moment.astimezone(ZoneInfo(site.data["organisation"]["timezone"]))
    form = "%Y-%m-%d %H:%M" if day else "%H:%M"
    return local.strftime(form), moment.strftime(form) + " UTC"


def tasks(page):
    return page.locator("li.pb-check[data-pb-task]")


def test_ticks_and_times_survive_a_reload(site, context, open_page, watch):
    context.clock.set_fixed_time(NOW)
    phase = site.list("phases", "phases")[0]
    page = open_page(site.url(f"phases/{phase['id']}.html"))
    total = tasks(page).count()
    assert total >= 3
    assert page.locator(".pb-progress").inner_text() == f"0 of {total} done (no incident running)"
    tasks(page).nth(0).locator("input").check()
    tasks(page).nth(2).locator("input").check()
    local, utc = both_zones(site, NOW)
    time = tasks(page).nth(0).locator(".pb-check-time").inner_text()
    assert local in time and f"({utc})" in time
    page.reload()
    assert tasks(page).nth(0).locator("input").is_checked()
    assert tasks(page).nth(2).locator("input").is_checked()
    assert not tasks(page).nth(1).locator("input").is_checked()
    assert page.locator(".pb-progress").inner_text() == f"2 of {total} done"
    assert "Incident in progress" in page.locator(".pb-incident").inner_text()
    watch.assert_clean()


def test_ticks_made_in_one_incident_are_not_ticked_in_the_next(site, context, open_page, watch):
    context.clock.set_fixed_time(NOW)
    phase = site.list("phases", "phases")[0]
    page = open_page(site.url(f"phases/{phase['id']}.html"))
    page.get_by_role("button", name="Start an incident").click()
    tasks(page).nth(0).locator("input").check()
    tasks(page).nth(1).locator("input").check()
    end = page.get_by_role("button", name="End incident")
    end.click()
    assert (
        "Incident in progress" in page.locator(".pb-incident").inner_text()
    )  # one tap is not enough
    page.locator(".pb-incident .pb-end").click()
    assert "No incident running" in page.locator(".pb-incident").inner_text()
    assert tasks(page).locator("input:checked").count() == 0
    old = page.locator(".pb-old-ticks")
    local_day, _ = both_zones(site, NOW, day=True)
    assert old.is_visible() and "2 ticks" in old.inner_text() and local_day in old.inner_text()
    context.clock.set_fixed_time("2026-12-06T09:00:00Z")
    later = open_page(site.url(f"phases/{phase['id']}.html"))
    later.get_by_role("button", name="Start an incident").click()
    assert tasks(later).locator("input:checked").count() == 0
    assert later.locator(".pb-progress").inner_text().startswith("0 of ")
    assert "2 ticks" in later.locator(".pb-old-ticks").inner_text()
    later.get_by_role("button", name="Clear earlier ticks").click()
    assert later.locator(".pb-old-ticks").is_hidden()
    later.reload()
    assert later.locator(".pb-old-ticks").is_hidden()
    assert tasks(later).locator("input:checked").count() == 0
    watch.assert_clean()


def test_a_tick_on_the_role_page_shows_on_the_phase_page(site, context, open_page, watch):
    context.clock.set_fixed_time(NOW)
    role = site.list("roles", "roles")[0]
    page = open_page(site.url(f"roles/{role['id']}.html"))
    first = tasks(page).first
    task = first.get_attribute("data-pb-task")
    phase_id = task.split("/")[0]
    first.locator("input").check()
    phase = open_page(site.url(f"phases/{phase_id}.html"))
    same = phase.locator(f'li.pb-check[data-pb-task="{task}"]')
    assert same.count() == 1
    assert same.locator("input").is_checked()
    assert (
        same.locator(".pb-check-time").inner_text() == first.locator(".pb-check-time").inner_text()
    )
    same.locator("input").uncheck()
    page.reload()
    assert not tasks(page).first.locator("input").is_checked()
    watch.assert_clean()


def test_one_sticky_toolbar_per_page(site, context, open_page, watch):
    context.clock.set_fixed_time(NOW)
    role = site.list("roles", "roles")[0]
    page = open_page(site.url(f"roles/{role['id']}.html"), width=375)
    assert page.locator("ul.pb-checklist").count() >= 2
    assert page.locator(".pb-checklist-tools").count() == 1
    total = tasks(page).count()
    assert page.locator(".pb-progress").inner_text() == f"0 of {total} done (no incident running)"
    tasks(page).last.scroll_into_view_if_needed()
    box = page.locator(".pb-checklist-tools").bounding_box()
    assert 0 <= box["y"] < 120, box
    tasks(page).last.locator("input").check()
    assert page.locator(".pb-progress").inner_text() == f"1 of {total} done"
    watch.assert_clean()
