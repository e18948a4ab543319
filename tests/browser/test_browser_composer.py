"""The status update composer: phrases to avoid, next update time, preview and copy."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

pytestmark = pytest.mark.browser

COMPOSER = "respond/status-update.html"


def choose(page, stage: str, audience: str, severity: str) -> None:
    page.select_option(".pb-composer select[name=stage]", stage)
    page.select_option(".pb-composer select[name=audience]", audience)
    page.select_option(".pb-composer select[name=severity]", severity)


def minutes(duration: str) -> int:
    return int(duration[:-1]) * {"m": 1, "h": 60, "d": 1440, "w": 10080}[duration[-1]]


def template_with_next_update(site, audience: str, severity: str) -> dict:
    for template in site.list("status-templates", "templates"):
        if (
            template["audience"] == audience
            and severity in template.get("severities", [severity])
            and "{next_update}" in template["body"]
        ):
            return template
    raise AssertionError(f"no template with {{next_update}} for {audience} at {severity}")


def free_field(template: dict) -> str:
    return next(p["name"] for p in template["placeholders"] if p["name"] != "next_update")


def test_each_phrase_to_avoid_is_flagged_with_why_and_instead(site, open_page, watch):
    severity = site.list("severities", "severities")[0]["id"]
    template = template_with_next_update(site, "customers", severity)
    page = open_page(site.url(COMPOSER), now="2026-11-27T13:02:00Z")
    choose(page, template["stage"], "customers", severity)
    field = page.locator(f'.pb-composer [name="{free_field(template)}"]')
    lint = page.locator(".pb-lint")
    phrases = site.data["communication"]["phrases_to_avoid"]
    assert phrases
    for phrase in phrases:
        field.fill(f"Status: {phrase['phrase']}.")
        text = lint.inner_text()
        assert phrase["why"] in text, phrase["phrase"]
        assert phrase["instead"] in text, phrase["phrase"]
    field.fill("Customers in the EU region cannot sign in")
    for phrase in phrases:
        assert phrase["why"] not in lint.inner_text()
    watch.assert_clean()


@pytest.mark.parametrize(
    "now",
    ["2026-11-27T13:02:30Z", "2026-07-01T23:50:00Z"],
    ids=["winter", "summer-across-midnight"],
)
def test_next_update_by_follows_the_cadence_in_org_time_and_utc(site, open_page, watch, now):
    severity = site.list("severities", "severities")[0]["id"]
    cadence = site.data["communication"]["cadence"][severity]["customers"]
    template = template_with_next_update(site, "customers", severity)
    page = open_page(site.url(COMPOSER), now=now)
    choose(page, template["stage"], "customers", severity)
    start = datetime.fromisoformat(now.replace("Z", "+00:00")).replace(second=0)
    due = start + timedelta(minutes=minutes(cadence["every"]))
    local = due.astimezone(ZoneInfo(site.data["organisation"]["timezone"]))
    value = page.locator('.pb-composer [name="next_update"]').input_value()
    assert local.strftime("%H:%M") in value
    assert due.astimezone(timezone.utc).strftime("%H:%M") + " UTC" in value
    assert value in page.locator(".pb-preview").inner_text()
    if "long_incident" in cadence:
        page.locator(".pb-long input").check()
        later = start + timedelta(minutes=minutes(cadence["long_incident"]["every"]))
        value = page.locator('.pb-composer [name="next_update"]').input_value()
        assert later.astimezone(timezone.utc).strftime("%H:%M") + " UTC" in value
    watch.assert_clean()


def test_missing_next_update_is_linted_when_there_is_no_cadence(site, open_page, watch):
    cadence = site.data["communication"]["cadence"]
    severity = next(
        s["id"]
        for s in site.list("severities", "severities")
        if cadence[s["id"]]["customers"]["every"] in ("as-progress-dictates", "none")
        and any(
            t["audience"] == "customers"
            and s["id"] in t.get("severities", [s["id"]])
            and "{next_update}" in t["body"]
            for t in site.list("status-templates", "templates")
        )
    )
    template = template_with_next_update(site, "customers", severity)
    page = open_page(site.url(COMPOSER), now="2026-11-27T13:02:00Z")
    choose(page, template["stage"], "customers", severity)
    assert page.locator('.pb-composer [name="next_update"]').input_value() == ""
    assert "No next-update time" in page.locator(".pb-lint").inner_text()
    page.locator('.pb-composer [name="next_update"]').fill("when the fix is deployed, by 16:00 UTC")
    assert "No next-update time" not in page.locator(".pb-lint").inner_text()
    watch.assert_clean()


def test_preview_count_and_copy(site, open_page, watch):
    severity = site.list("severities", "severities")[0]["id"]
    template = template_with_next_update(site, "customers", severity)
    page = open_page(site.url(COMPOSER), now="2026-11-27T13:02:00Z")
    choose(page, template["stage"], "customers", severity)
    for placeholder in template["placeholders"]:
        if placeholder["name"] != "next_update":
            page.locator(f'.pb-composer [name="{placeholder["name"]}"]').fill(
                placeholder["example"]
            )
    preview = page.locator(".pb-preview").inner_text()
    assert "{" not in preview
    for placeholder in template["placeholders"]:
        if placeholder["name"] != "next_update":
            assert placeholder["example"] in preview
    count = int(page.locator(".pb-count").inner_text().split()[0])
    page.locator(".pb-composer .pb-copy").click()
    copied = page.locator(".pb-composer .pb-copy-text").input_value()
    assert len(copied) == count
    assert copied.splitlines()[0] == page.locator(".pb-preview-title").inner_text()
    assert "No problems found." in page.locator(".pb-lint").inner_text()
    watch.assert_clean()


def test_link_from_the_tree_preselects_the_severity(site, open_page, watch):
    severity = site.list("severities", "severities")[-1]["id"]
    page = open_page(site.url(COMPOSER) + f"#severity={severity}")
    assert page.locator("select[name=severity]").input_value() == severity
    watch.assert_clean()


def page_data(page) -> dict:
    return page.evaluate("JSON.parse(document.getElementById('pb-data').textContent)")


def test_a_draft_survives_reload_and_belongs_to_its_incident(site, context, open_page, watch):
    context.clock.set_fixed_time("2026-11-27T13:02:00Z")
    severity = site.list("severities", "severities")[0]["id"]
    template = template_with_next_update(site, "customers", severity)
    page = open_page(site.url(COMPOSER))
    page.get_by_role("button", name="Start an incident").click()
    choose(page, template["stage"], "customers", severity)
    name = free_field(template)
    page.locator(f'.pb-composer [name="{name}"]').fill("Sign-in fails for EU customers")
    page.reload()
    assert page.locator("select[name=stage]").input_value() == template["stage"]
    assert page.locator("select[name=audience]").input_value() == "customers"
    field = page.locator(f'.pb-composer [name="{name}"]')
    assert field.input_value() == "Sign-in fails for EU customers"
    assert "Sign-in fails for EU customers" in page.locator(".pb-preview").inner_text()
    page.get_by_role("button", name="End incident").click()
    page.locator(".pb-incident .pb-end").click()
    page.get_by_role("button", name="Start an incident").click()
    page.reload()
    assert page.locator(f'.pb-composer [name="{name}"]').count() == 0 or (
        page.locator(f'.pb-composer [name="{name}"]').input_value() == ""
    )
    watch.assert_clean()


def test_no_dead_end_when_no_template_fits(site, open_page, watch):
    page = open_page(site.url(COMPOSER))
    data = page_data(page)
    templates = data["templates"]
    empty = [
        (stage["id"], audience["id"], level["id"])
        for level in data["severities"]
        for audience in data["audiences"]
        for stage in data["stages"]
        if not any(
            t["stage"] == stage["id"]
            and t["audience"] == audience["id"]
            and level["id"] in t.get("severities", [level["id"]])
            for t in templates
        )
    ]
    assert empty, "the default playbook has a template for every combination"
    for stage, audience, level in empty:
        choose(page, stage, audience, level)
        said = page.locator(".pb-no-template").inner_text()
        policy = data.get("policy", {}).get(level, {}).get(audience)
        assert said == policy if policy else "no template" in said
        assert page.locator(".pb-composer .pb-copy").is_disabled()
        assert "Nothing to copy" in page.locator(".pb-preview").inner_text()
    watch.assert_clean()


def test_every_matching_phrase_is_flagged(site, open_page, watch):
    severity = site.list("severities", "severities")[0]["id"]
    template = template_with_next_update(site, "customers", severity)
    page = open_page(site.url(COMPOSER))
    choose(page, template["stage"], "customers", severity)
    phrase = site.data["communication"]["phrases_to_avoid"][0]
    page.locator(f'.pb-composer [name="{free_field(template)}"]').fill(
        f"{phrase['phrase']}. Also: {phrase['phrase'].upper()}."
    )
    flagged = page.locator(".pb-lint-phrase").filter(has_text=phrase["why"])
    assert flagged.count() == 2
    watch.assert_clean()


def test_one_severity_control_and_no_select_when_one_template_fits(site, open_page, watch):
    page = open_page(site.url(COMPOSER))
    data = page_data(page)
    level = data["severities"][0]
    template = next(
        t
        for t in data["templates"]
        if "{severity}" in t["title"] + t["body"]
        and sum(
            1
            for o in data["templates"]
            if (o["stage"], o["audience"]) == (t["stage"], t["audience"])
            and level["id"] in o.get("severities", [level["id"]])
        )
        == 1
        and level["id"] in t.get("severities", [level["id"]])
    )
    choose(page, template["stage"], template["audience"], level["id"])
    assert page.locator('.pb-composer [name="severity"]').count() == 1  # the select only
    assert page.locator("select[name=template]").is_hidden()
    assert level["label"] in page.locator(".pb-preview").inner_text()
    watch.assert_clean()


def test_preview_stays_visible_while_typing_on_a_phone(site, open_page, watch):
    severity = site.list("severities", "severities")[0]["id"]
    template = template_with_next_update(site, "customers", severity)
    page = open_page(site.url(COMPOSER), width=375)
    choose(page, template["stage"], "customers", severity)
    for placeholder in template["placeholders"]:
        field = page.locator(f'.pb-composer [name="{placeholder["name"]}"]')
        field.scroll_into_view_if_needed()
        field.focus()
        page.keyboard.type("x")
        box = page.locator(".pb-preview").bounding_box()
        assert box["y"] < 800 and box["y"] + box["height"] > 0, placeholder["name"]
    watch.assert_clean()


def test_next_update_follows_the_stage_and_the_named_follow_ups(site, context, open_page, watch):
    """Stage intervals and follow-ups from the page's precomputed cadence, times in both zones."""
    context.clock.set_fixed_time("2026-11-27T13:02:00Z")
    page = open_page(site.url(COMPOSER))
    cadence = page_data(page)["cadence"]
    severity = site.list("severities", "severities")[0]["id"]
    cell = cadence[severity]["customers"]
    template = template_with_next_update(site, "customers", severity)
    choose(page, template["stage"], "customers", severity)
    rule = (
        (cell.get("follow_ups") or [None])[0]
        or cell.get("by_stage", {}).get(template["stage"])
        or cell["every"]
    )
    value = page.locator('.pb-composer [name="next_update"]').input_value()
    due = datetime(2026, 11, 27, 13, 2, tzinfo=timezone.utc) + timedelta(minutes=rule["minutes"])
    assert due.strftime("%H:%M") + " UTC" in value
    assert rule["text"] in page.locator(".pb-next-hint").inner_text()
    if cell.get("first"):
        assert cell["first"]["text"] in page.locator(".pb-stage-hint").inner_text()
    watch.assert_clean()
