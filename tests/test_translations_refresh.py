"""`playbook translations refresh`: fingerprints for confirmed translations only, files edited in
place (comments and layout kept), stale ones listed and left alone."""

# ruff: noqa: RUF001  (Japanese text uses full-width punctuation on purpose)
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.loader import load_folder
from generator.translations.command import translations
from generator.translations.fields import fingerprint
from generator.translations.load import load_translations
from generator.translations.rules import check_translations

FIXTURES = Path(__file__).parent / "fixtures"

RUBRICS = """\
# Japanese rubrics: kept by the support team.
rubrics:
  roll-back:
    question: {text: ロールバックするか？}
    criteria:
      - text: >-
          直前のデプロイが
          原因と考えられる。

    # the exception was checked on 2026-11-30
    exceptions:
      - text: デプロイでデータベースのスキーマが変わった。
        source: "00000000"
    default_when_unsure:
      text: ロールバックする。
      source: "{current}"
"""


@pytest.fixture
def playbook(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "playbook"
    shutil.copytree(FIXTURES / "minimal", folder)
    (folder / "translations" / "ja").mkdir(parents=True)
    text = RUBRICS.replace("{current}", fingerprint("Roll back."))
    (folder / "translations" / "ja" / "rubrics.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def refresh(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(translations, ["refresh", "playbook", *args])
    return result.exit_code, result.output


def rules(rule: str) -> list[str]:
    found = check_translations(
        load_folder(Path("playbook")).files, load_translations(Path("playbook"))
    )
    return [f"{f.location.line}:{f.location.column}" for f in found if f.rule == rule]


def test_refresh_records_new_translations_and_leaves_stale_ones(playbook: Path) -> None:
    target = playbook / "translations" / "ja" / "rubrics.yaml"
    assert rules("translation-unconfirmed") == ["4:16", "6:9"]
    assert rules("translation-stale") == ["13:17"]

    code, output = refresh("--lang", "ja")

    assert code == 0, output
    assert output == (
        "playbook/translations/ja/rubrics.yaml: 2 fingerprints recorded\n"
        "1 stale translation left (check each, delete its `source:` line, then refresh"
        " again):\n"
        "  playbook/translations/ja/rubrics.yaml:13 rubrics roll-back exceptions item 1\n"
    )
    question = fingerprint("Roll back?")
    criterion = fingerprint("The last deploy is a likely cause.")
    assert target.read_text(encoding="utf-8") == (
        RUBRICS.replace("{current}", fingerprint("Roll back."))
        .replace(
            "{text: ロールバックするか？}",
            f'{{text: ロールバックするか？, source: "{question}"}}',
        )
        .replace("原因と考えられる。\n", f'原因と考えられる。\n        source: "{criterion}"\n')
    )
    assert rules("translation-unconfirmed") == []
    assert rules("translation-stale") == ["14:17"]  # one line lower: a `source:` line was added


def test_deleting_the_fingerprint_of_a_checked_translation_confirms_it(playbook: Path) -> None:
    target = playbook / "translations" / "ja" / "rubrics.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace('        source: "00000000"\n', ""),
        encoding="utf-8",
    )
    code, output = refresh("--lang", "ja")
    assert code == 0, output
    assert "stale" not in output
    assert f'source: "{fingerprint("The deploy changed the database schema.")}"' in (
        target.read_text(encoding="utf-8")
    )
    assert rules("translation-stale") == [] and rules("translation-unconfirmed") == []


def test_confirm_all_records_stale_translations_too(playbook: Path) -> None:
    code, output = refresh("--lang", "ja", "--confirm-all")
    assert code == 0, output
    assert output == "playbook/translations/ja/rubrics.yaml: 3 fingerprints recorded\n"
    assert rules("translation-stale") == [] and rules("translation-unconfirmed") == []
    assert "# the exception was checked on 2026-11-30" in (
        (playbook / "translations" / "ja" / "rubrics.yaml").read_text(encoding="utf-8")
    )


def test_a_second_refresh_changes_nothing(playbook: Path) -> None:
    refresh("--lang", "ja")
    target = playbook / "translations" / "ja" / "rubrics.yaml"
    before = target.read_text(encoding="utf-8")
    code, output = refresh("--lang", "ja")
    assert code == 0
    assert output.startswith("no fingerprint to record: every translation has one\n")
    assert target.read_text(encoding="utf-8") == before


def test_refresh_marks_a_translated_page(playbook: Path) -> None:
    (playbook / "pages").mkdir()
    (playbook / "pages" / "guide.md").write_text("# Guide\n\nRead this.\n", encoding="utf-8")
    page = playbook / "translations" / "ja" / "pages" / "guide.md"
    page.parent.mkdir()
    page.write_text("# ガイド\n\nこれを読む。\n", encoding="utf-8")
    assert rules("translation-unconfirmed")[-1] == "1:1"
    code, output = refresh("--lang", "ja")
    assert code == 0
    assert "playbook/translations/ja/pages/guide.md: 1 fingerprint recorded" in output
    mark = fingerprint("# Guide\n\nRead this.\n")
    assert (
        page.read_text(encoding="utf-8") == f"<!-- source: {mark} -->\n\n# ガイド\n\nこれを読む。\n"
    )
    assert (
        load_translations(Path("playbook")).pages["ja"]["guide.md"].body
        == "# ガイド\n\nこれを読む。\n"
    )


def test_refresh_of_a_language_without_a_folder_is_an_error(playbook: Path) -> None:
    code, output = refresh("--lang", "de")
    assert code == 1
    assert output == ("Error: playbook/translations/de does not exist (languages found: ja)\n")
