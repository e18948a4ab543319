"""The Japanese site (`<site>/ja/`, issue 14) in Chromium from file://, on both engines: the
decision tree, the checklists and the status composer work in Japanese, times are written the
Japanese way, search finds a Japanese level name, and every page stays offline, error-free,
within a 375 px phone and free of the catalogue's English once its widgets have run.

"English left" is the rule of tests/test_site_languages.py (`catalogue_fragments`), applied to
the text the page shows after its scripts ran: text and aria-label/title/placeholder/alt, less
code, scripts, text areas (copied text), the table of contents (it repeats the headings without
their markup), anything marked `lang="en"` (untranslated content) or `translate="no"` (names).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.test_site_languages import (
    JAPANESE_LETTERS,
    english_interface_text,
    japanese_severity_names,
)

pytestmark = pytest.mark.browser

TREE = "respond/decide-severity.html"
COMPOSER = "respond/status-update.html"
NOW = "2026-11-27T14:02:30Z"

#: The text a reader sees or hears under `root` once the scripts ran (see the module docstring).
SHOWN_TEXT = """(root) => {
  const skip = "script, style, svg, template, code, pre, kbd, samp, textarea, noscript, "
    + "[translate=no], nav.md-nav--secondary";
  const english = (e) => { const l = e.closest("[lang]"); return !!l && /^en(-|$)/i.test(l.lang); };
  const out = root === document.body ? [document.title] : [];
  const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const p = n.parentElement;
    if (p && !p.closest(skip) && !english(p)) out.push(n.data);
  }
  for (const e of [root, ...root.querySelectorAll("[aria-label], [title], [placeholder], [alt]")]) {
    if (e.closest(skip) || english(e)) continue;
    for (const a of ["aria-label", "title", "placeholder", "alt"]) {
      if (e.hasAttribute(a)) out.push(e.getAttribute(a));
    }
  }
  return out.join(" ").replace(/\\s+/g, " ");
}"""


def shown_text(page, selector: str = "body") -> str:
    return page.locator(selector).first.evaluate(SHOWN_TEXT)


def japanese(text: str) -> bool:
    return bool(JAPANESE_LETTERS.search(text))


def assert_no_english(page, selector: str = "body") -> None:
    left = english_interface_text(shown_text(page, selector))
    assert left == [], f"English interface text on {page.url} ({selector}): {left}"


# --------------------------------------------------------------------------- decision tree


def tree_state(page) -> tuple[str, str]:
    """("node", id) while a question is shown, ("severity", id) on a result."""
    step = page.locator(".pb-tree .pb-tree-step")
    severity = step.get_attribute("data-pb-severity")
    return ("severity", severity) if severity else ("node", step.get_attribute("data-pb-node"))


def test_the_decision_tree_asks_and_answers_in_japanese(site_ja, open_page, watch):
    names = japanese_severity_names()
    page = open_page(site_ja.url(TREE))
    start = site_ja.data["decision-tree"]["start"]
    assert tree_state(page) == ("node", start)
    controls = page.locator(".pb-tree .pb-tree-controls button")
    answers = page.locator(".pb-tree button.pb-tree-answer")
    asked = 0
    while tree_state(page)[0] == "node":
        question = page.locator(".pb-tree .pb-tree-question").inner_text()
        labels = answers.all_inner_texts()
        assert japanese(question), question
        assert labels and all(japanese(label) for label in labels), labels
        assert_no_english(page, ".pb-tree")
        answers.last.click()
        asked += 1
        assert asked <= 10, "the tree never reached a level"
    kind, level = tree_state(page)
    assert kind == "severity" and level in names
    result = page.locator(".pb-tree").inner_text()
    assert names[level] in result, (names[level], result)
    buttons = controls.all_inner_texts()
    assert len(buttons) == 2 and all(japanese(b) for b in buttons), buttons  # Back, Restart
    assert japanese(page.locator(".pb-tree-path summary").inner_text())
    live = page.locator(".pb-tree + [aria-live]").inner_text()
    assert names[level] in live and japanese(live.replace(names[level], "")), live
    assert_no_english(page, ".pb-tree")
    controls.first.click()  # Back: the last question again
    assert tree_state(page)[0] == "node"
    controls.last.click()  # Restart
    assert tree_state(page) == ("node", start)
    watch.assert_clean()


# --------------------------------------------------------------------------- checklists


def tasks(page):
    return page.locator("li.pb-check[data-pb-task]")


def progress_numbers(page) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", page.locator(".pb-progress").inner_text())]


def test_checklist_ticks_persist_and_the_timeline_copies_in_japanese(
    site_ja, context, open_page, watch
):
    context.clock.set_fixed_time(NOW)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    phase = site_ja.list("phases", "phases")[0]
    page = open_page(site_ja.url(f"phases/{phase['id']}.html"))
    total = tasks(page).count()
    assert total >= 3
    before = page.locator(".pb-progress").inner_text()
    assert japanese(before) and sorted(progress_numbers(page)) == [0, total], before
    texts = [tasks(page).nth(n).locator(".pb-check-text").inner_text() for n in (0, 2)]
    assert all(japanese(text) for text in texts), texts
    tasks(page).nth(0).locator("input").check()
    tasks(page).nth(2).locator("input").check()
    page.reload()
    assert tasks(page).nth(0).locator("input").is_checked()
    assert tasks(page).nth(2).locator("input").is_checked()
    assert not tasks(page).nth(1).locator("input").is_checked()
    after = page.locator(".pb-progress").inner_text()
    assert japanese(after) and sorted(progress_numbers(page)) == [2, total], after
    assert japanese(page.locator(".pb-incident").inner_text())
    page.locator(".pb-checklist-tools .pb-timeline").click()
    copied = page.locator(".pb-copy-output .pb-copy-text").first.input_value()
    lines = copied.splitlines()
    assert lines[0].startswith("## ") and japanese(lines[0]), copied
    assert all(any(text in line for line in lines) for text in texts), copied
    assert english_interface_text(copied) == [], copied
    day = datetime.fromisoformat(NOW.replace("Z", "+00:00"))
    local = day.astimezone(ZoneInfo(site_ja.data["organisation"]["timezone"]))
    assert japanese_date(local) in copied, copied  # every timeline line carries its date
    # The clipboard holds the same text (file:// pages may use it once it is allowed).
    page.wait_for_function("(t) => navigator.clipboard.readText().then((c) => c === t)", arg=copied)
    assert japanese(page.locator(".pb-copy-output .pb-copy-status").first.inner_text())
    assert_no_english(page)
    watch.assert_clean()


def japanese_date(moment: datetime) -> str:
    """A date as `Intl.DateTimeFormat("ja", {year, month: "2-digit", day: "2-digit"})` writes it."""
    return f"{moment.year}/{moment.month:02d}/{moment.day:02d}"


# --------------------------------------------------------------------------- status composer


def minutes(duration: str) -> int:
    return int(duration[:-1]) * {"m": 1, "h": 60, "d": 1440, "w": 10080}[duration[-1]]


def composer_case(site) -> tuple[dict, str, str, int]:
    """A template with {next_update}, its audience and level, and that level's interval."""
    cadence = site.data["communication"]["cadence"]
    for level in site.list("severities", "severities"):
        for template in site.list("status-templates", "templates"):
            every = cadence[level["id"]].get(template["audience"], {}).get("every", "")
            if (
                "{next_update}" in template["body"]
                and level["id"] in template.get("severities", [level["id"]])
                and re.fullmatch(r"\d+[mhdw]", every)
            ):
                return template, template["audience"], level["id"], minutes(every)
    raise AssertionError("no template with {next_update} for a level with a regular cadence")


def test_the_status_composer_writes_a_japanese_update_and_next_update_time(
    site_ja, open_page, watch
):
    template, audience, level, interval = composer_case(site_ja)
    # Late in the evening, so the next update falls on the next day and carries its date.
    now = datetime(2026, 11, 27, 23, 59, tzinfo=ZoneInfo("UTC")) - timedelta(minutes=interval - 30)
    page = open_page(site_ja.url(COMPOSER), now=now.strftime("%Y-%m-%dT%H:%M:%SZ"))
    # The widget shows the date when the day changes on this device: make the device's day UTC.
    page.context.new_cdp_session(page).send("Emulation.setTimezoneOverride", {"timezoneId": "UTC"})
    page.reload()
    page.select_option(".pb-composer select[name=stage]", template["stage"])
    page.select_option(".pb-composer select[name=audience]", audience)
    page.select_option(".pb-composer select[name=severity]", level)
    for placeholder in template["placeholders"]:
        if placeholder["name"] not in ("next_update", "severity"):
            page.locator(f'.pb-composer [name="{placeholder["name"]}"]').fill(
                "東京リージョンの障害"
            )
    due = now + timedelta(minutes=interval)
    local = due.astimezone(ZoneInfo(site_ja.data["organisation"]["timezone"]))
    value = page.locator('.pb-composer [name="next_update"]').input_value()
    assert japanese_date(local) in value, value
    assert local.strftime("%H:%M") in value and due.strftime("%H:%M") in value, value
    assert not re.search(r"\d{4}-\d\d-\d\d", value), value  # not the English form
    preview = page.locator(".pb-preview").inner_text()
    assert value in preview
    title = page.locator(".pb-preview-title").inner_text()
    assert japanese(title.replace("東京リージョンの障害", "")), title
    assert japanese(preview.replace("東京リージョンの障害", "").replace(value, "")), preview
    page.locator(".pb-composer .pb-copy").click()
    copied = page.locator(".pb-composer .pb-copy-text").input_value()
    assert copied.splitlines()[0] == title and value in copied, copied
    assert japanese(page.locator(".pb-composer .pb-copy-status").inner_text())
    # A placeholder's name is the playbook's identifier ({summary} in the template's text) and
    # may be shown as it stands, marked translate=no; every other label is Japanese, and the
    # composer's own field, the next update's time, above all.
    next_label = page.locator('.pb-composer label[for$="-next_update"]').inner_text()
    assert japanese(next_label), next_label
    labels = page.locator(".pb-composer .pb-field-label:not([translate=no])").all_inner_texts()
    english = [label for label in labels if not japanese(label)]
    assert labels and english == [], f"composer fields labelled in English: {english}"
    assert_no_english(page)
    watch.assert_clean()


# --------------------------------------------------------------------------- search


def settled_results(site, page, query: str) -> list[str]:
    """The result links once they stop changing (both engines search on every keystroke)."""
    try:
        links = site.search(page, query)
    except PlaywrightTimeout:
        said = page.locator(".md-search-result__meta, dialog").all_inner_texts()
        message = f"no result for {query!r} on {page.url}; the search said {said}"
        raise AssertionError(message) from None
    selector = {
        "zensical": "ol[role=listbox] a[href]",
        "mkdocs": ".md-search-result__item a[href], .md-search-result a[href]",
    }[site.engine]
    for _ in range(20):
        page.wait_for_timeout(250)
        again = page.locator(selector).evaluate_all("(a) => a.map(l => l.href)")
        if again == links:
            return links
        links = again
    raise AssertionError(f"the results for {query!r} kept changing: {links[:5]}")


@pytest.mark.parametrize("level", ["sev1", "sev3"])
def test_search_finds_a_level_by_its_japanese_name(site_ja, open_page, watch, level):
    name = japanese_severity_names()[level]
    page = open_page(site_ja.url("index.html"))
    links = settled_results(site_ja, page, name)
    pages = [re.split(r"[?#]", link)[0] for link in links]
    wanted = site_ja.url(f"severities/{level}.html")
    assert wanted in pages, (name, pages[:8])
    watch.assert_clean()


# --------------------------------------------------------------------------- every page


def test_every_japanese_page_offline_error_free_within_a_phone_and_in_japanese(
    site_ja, open_page, watch
):
    page = open_page(site_ja.url("index.html"), width=375)
    pages = site_ja.pages()
    assert len(pages) > 20, pages
    too_wide, english, not_japanese = {}, {}, []
    for path in pages:
        page.goto(site_ja.url(path))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            too_wide[path] = width
        shown = shown_text(page)
        left = english_interface_text(shown)
        if left:
            english[path] = left
        if page.evaluate("document.documentElement.lang") != "ja" or not japanese(shown):
            not_japanese.append(path)
    assert too_wide == {}, f"wider than 375 px: {too_wide}"
    assert not_japanese == [], f"not Japanese pages: {not_japanese}"
    report = "\n".join(f"  {path}: {'; '.join(found)}" for path, found in english.items())
    assert english == {}, f"English interface text once the scripts ran:\n{report}"
    watch.assert_clean()
