"""Interface catalogues: every extracted message has a Japanese translation, the Japanese plural
rule is the catalogue's, durations and every schema choice read as Japanese does, and a language
without a catalogue reads English (the English words themselves: tests/test_words.py)."""

# ruff: noqa: RUF001  (Japanese expectations use full-width punctuation on purpose)
from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from jinja2 import Environment

from generator.i18n import TEMPLATE, available_languages, catalogue, install, po_file, speaking
from generator.i18n import wording as words
from generator.layout import PROJECT_ROOT


def extracted_ids() -> set[tuple[str | None, str]]:
    """(context, message id) of every message `pybabel extract -F babel.cfg` finds today."""
    from babel.messages.frontend import parse_mapping_cfg

    with (PROJECT_ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(PROJECT_ROOT), method_map, options_map
    ):
        found.add((context, message[0] if isinstance(message, tuple) else message))
    return found


@pytest.mark.parametrize("lang", [lang for lang in available_languages() if lang != "en"])
def test_every_message_of_the_sources_has_a_translation(lang: str) -> None:
    """Every catalogue: a language added without translating everything fails here."""
    ids = extracted_ids()
    assert (None, "every %(duration)s") in ids and (None, "%(num)d minute") in ids
    assert ("channel kind", "chat") in ids  # pgettext: the same word, told apart by context
    with po_file(lang).open("rb") as handle:
        translations = read_po(handle)
    untranslated = sorted(
        (context or "", message_id)
        for context, message_id in ids
        if not _translated(translations.get(message_id, context))
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
    listed = {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id) for m in template if m.id}
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


@pytest.mark.parametrize("kind", ["from", "after", "also_on", "how", "when"])
def test_every_schema_choice_has_japanese_words(kind: str) -> None:
    english = words.choices(kind, catalogue("en"))
    japanese = words.choices(kind, catalogue("ja"))
    assert set(japanese) == set(english) and english
    assert [name for name in english if japanese[name] == english[name]] == []


def test_a_language_without_a_catalogue_reads_english() -> None:
    assert words.interval("15m", catalogue("fr")) == "every 15 minutes"
    assert words.interval("15m", catalogue("ja-JP")) == "15分ごと"


def test_jinja_templates_take_the_catalogue(tmp_path: Path) -> None:
    environment = Environment(autoescape=True)
    install(environment)
    template = environment.from_string(
        "{{ _('every hour') }} / {% trans %}immediately{% endtrans %} / "
        "{{ ngettext('%(num)d minute', '%(num)d minutes', 15) }}"
    )
    assert template.render() == "every hour / immediately / 15 minutes"
    with speaking("ja"):
        assert template.render() == "1時間ごと / 直ちに / 15分"


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
