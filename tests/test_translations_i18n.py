"""Interface catalogues: every extracted message has a Japanese translation, the Japanese plural
rule is the catalogue's, durations read as Japanese does, and English stays exactly the wording
the pages use today (`generator.wording`)."""

# ruff: noqa: RUF001  (Japanese expectations use full-width punctuation on purpose)
from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from jinja2 import Environment

from generator import wording
from generator.i18n import TEMPLATE, available_languages, catalogue, install, po_file
from generator.i18n import wording as words
from generator.layout import PROJECT_ROOT

DURATIONS = ["1m", "5m", "15m", "30m", "1h", "4h", "1d", "2d", "1w", "2w", "1bd", "5bd"]
NAMED = ["immediately", "next-business-day"]
INTERVALS = [*DURATIONS, *NAMED, "as-progress-dictates", "none"]
EVENTS = ["declared", "response-started", "previous-message", "impact-changed"]


def extracted_ids() -> set[str]:
    """Message ids `pybabel extract -F babel.cfg` finds in the sources today."""
    from babel.messages.frontend import parse_mapping_cfg

    with (PROJECT_ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(PROJECT_ROOT), method_map, options_map
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_every_message_of_the_sources_has_a_japanese_translation() -> None:
    ids = extracted_ids()
    assert "every %(duration)s" in ids and "%(num)d minute" in ids
    with po_file("ja").open("rb") as handle:
        japanese = read_po(handle)
    untranslated = sorted(
        message_id for message_id in ids if not _translated(japanese.get(message_id))
    )
    assert untranslated == []


def _translated(message) -> bool:  # type: ignore[no-untyped-def]
    if message is None:
        return False
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings) and not message.fuzzy


def test_the_template_lists_what_extraction_finds() -> None:
    """Regenerate with the command in babel.cfg after adding or changing a message."""
    with TEMPLATE.open("rb") as handle:
        template = read_po(handle)
    listed = {m.id[0] if isinstance(m.id, tuple) else m.id for m in template if m.id}
    assert listed == extracted_ids()


def test_japanese_has_one_plural_form_and_english_two() -> None:
    ja = catalogue("ja")
    assert ja.ngettext("%(num)d minute", "%(num)d minutes", 1) == "%(num)d分"
    assert ja.ngettext("%(num)d minute", "%(num)d minutes", 5) == "%(num)d分"
    en = catalogue("en")
    assert en.ngettext("%(num)d minute", "%(num)d minutes", 1) == "%(num)d minute"
    assert en.ngettext("%(num)d minute", "%(num)d minutes", 5) == "%(num)d minutes"
    assert available_languages() == ("en", "ja")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("15m", "15分ごと"),
        ("1h", "1時間ごと"),
        ("30m", "30分ごと"),
        ("4h", "4時間ごと"),
        ("5bd", "5営業日ごと"),
        ("as-progress-dictates", "進捗に応じて随時"),
        ("none", "定期的な更新なし"),
    ],
)
def test_intervals_in_japanese(value: str, expected: str) -> None:
    assert words.interval(value, catalogue("ja")) == expected


def test_deadlines_and_triggers_in_japanese() -> None:
    ja = catalogue("ja")
    assert words.within("15m", ja) == "15分以内"
    assert words.within("next-business-day", ja) == "翌営業日までに"
    assert words.deadline("5m", "response-started", ja) == "対応開始から5分以内"
    assert words.deadline("immediately", "declared", ja) == "インシデントの宣言後、直ちに"
    assert words.triggers(["impact-changed", "resolved"], ja) == (
        "影響が変わったとき、または解決したときにも"
    )
    assert words.interval(None, ja) == "" and words.within("", ja) == ""


def test_english_is_exactly_the_wording_the_pages_use() -> None:
    en = catalogue("en")
    for value in DURATIONS + NAMED:
        assert words.duration(value, en) == wording.duration(value)
        assert words.within(value, en) == wording.within(value)
        for event in EVENTS:
            assert words.deadline(value, event, en) == wording.deadline(value, event)
    for value in INTERVALS:
        assert words.interval(value, en) == wording.interval(value)
    for event in ("impact-changed", "stage-changed", "severity-changed", "resolved"):
        assert words.trigger(event, en) == wording.trigger(event)
    assert words.triggers(["impact-changed", "resolved"], en) == wording.triggers(
        ["impact-changed", "resolved"]
    )


def test_a_language_without_a_catalogue_reads_english() -> None:
    assert words.interval("15m", catalogue("fr")) == "every 15 minutes"
    assert words.interval("15m", catalogue("ja-JP")) == "15分ごと"


def test_jinja_templates_take_the_catalogue(tmp_path: Path) -> None:
    environment = Environment(autoescape=True)
    install(environment, "ja")
    template = environment.from_string(
        "{{ _('every hour') }} / {% trans %}immediately{% endtrans %} / "
        "{{ ngettext('%(num)d minute', '%(num)d minutes', 15) }}"
    )
    assert template.render() == "1時間ごと / 直ちに / 15分"


PLAYBOOKS = [
    PROJECT_ROOT / "playbook",
    PROJECT_ROOT / "generator" / "scaffold" / "presets" / "chatops",
    PROJECT_ROOT / "generator" / "scaffold" / "presets" / "major-incident",
]


@pytest.mark.parametrize("folder", PLAYBOOKS, ids=[p.name for p in PLAYBOOKS])
def test_every_sentence_in_english_is_the_one_the_pages_use(folder: Path) -> None:
    """The catalogue-driven wording with no catalogue equals `generator.wording` on every level,
    cadence cell, page entry and incident type of real playbooks (follow-ups, stages, triggers,
    long incidents, phone entries, conditional and lead-decides rules)."""
    from generator.pipeline import validate_playbook

    model = validate_playbook(folder).model
    assert model is not None
    en = catalogue("en")
    for cell in model.communication.cadence:
        assert words.cadence(cell, model, en) == wording.cadence(cell, model)
    checked = 0
    for severity in model.severities:
        lead = model.lead_for(severity.id)
        response = severity.response
        assert words.lead(severity, model, en) == wording.lead(severity, model)
        assert words.page_chain(response.page, en) == wording.page_chain(response.page)
        for entry in response.page:
            assert words.page_how(entry, en) == wording.page_how(entry)
            assert words.escalation(entry, en) == wording.escalation(entry)
            checked += 1
        assert words.public_communication(
            response.public_communication, lead, en
        ) == wording.public_communication(response.public_communication, lead)
        assert words.executives(response.executives, lead, en) == wording.executives(
            response.executives, lead
        )
        assert words.yes_no(response.war_room, en) == wording.yes_no(response.war_room)
    for kind in model.incident_types:
        lead = model.lead_for(type_id=kind.id)
        assert words.public_communication(
            kind.public_communication, lead, en
        ) == wording.public_communication(kind.public_communication, lead)
    assert checked > 0


def test_a_cadence_in_japanese_reads_as_one_japanese_phrase() -> None:
    from generator.pipeline import validate_playbook
    from generator.translations import load_translations, translated

    folder = PROJECT_ROOT / "playbook"
    model = validate_playbook(folder).model
    assert model is not None
    japanese, _ = translated(model, load_translations(folder), "ja")
    ja = catalogue("ja")
    assert words.cadence(japanese.cadence("sev1", "customers"), japanese, ja) == (
        "初回の更新はインシデントの宣言から30分以内、その後は30分ごと、4時間経過後は1時間ごと"
    )
    sev1 = japanese.severity("sev1")
    assert words.lead(sev1, japanese, ja) == "インシデントコマンダー（指名：10分以内）"
    assert words.page_chain(sev1.response.page[:2], ja) == (
        "影響を受けているサービスのプライマリオンコール（ページ、緊急度：高）、"
        "5分応答がなければ影響を受けているサービスのセカンダリオンコール（ページ、緊急度：高）"
    )
    lead = japanese.lead_for("sev1")
    assert words.executives(sev1.response.executives, lead, ja) == "常に（15分以内）"


def test_dates_and_times_in_japanese_and_english() -> None:
    from datetime import UTC, datetime

    from generator.i18n.dates import clock, long_date

    assert long_date("2026-11-01", "ja") == "2026年11月1日"
    assert long_date("2026-11-01", "en") == "November 1, 2026"
    moment = datetime(2026, 11, 30, 13, 30, tzinfo=UTC)
    assert clock(moment, "Europe/Berlin", "ja") == "14:30 CET"
    assert clock(moment, "Asia/Tokyo", "ja") == "22:30 JST"
