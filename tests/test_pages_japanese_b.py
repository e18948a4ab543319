"""The communication, reference and authoring pages in Japanese (issue 14 part B, templates-b).

The default playbook, translated with its `translations/ja` files, is rendered as the Japanese
site renders it (`with speaking("ja")`). A reader sees Japanese headings, labels and sentences,
and none of the English interface messages of these templates or of `generator.render.view` and
`generator.render.authoring` remains; the authoring reference quotes the schemas' descriptions
and the rule texts in English, marked `lang="en"`.
"""

# ruff: noqa: RUF001  (the pages' Japanese uses full-width punctuation on purpose)
from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file

from generator.layout import PROJECT_ROOT
from tests.projects import rendered_pages, translated_default

#: Page -> the template that writes it.
PAGES = {
    "communication/index.md": "communication.md.j2",
    "communication/status-templates.md": "status-templates.md.j2",
    "reference/decisions.md": "decisions.md.j2",
    "reference/mitigation.md": "mitigation.md.j2",
    "reference/failure-patterns.md": "failure-patterns.md.j2",
    "reference/on-call.md": "on-call.md.j2",
    "reference/after-the-incident.md": "after-the-incident.md.j2",
    "reference/incident-summary.md": "incident-summary.md.j2",
    "downloads/incident-summary-template.txt": "incident-summary-template.md.j2",
    "reference/authoring.md": "authoring.md.j2",
}
#: Names that stay as they are in Japanese.
NAMES = {"Markdown"}
#: Pages that show the words of view.py (comparison rows, response facts, tool links).
VIEW_PAGES = ("severities/index.md", "severities/sev1.md", "index.md")


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    model, document, fallbacks = translated_default("ja")
    assert not fallbacks  # the default playbook is translated in full
    return rendered_pages(model, document, "ja")


def messages(path: Path) -> list[str]:
    """The English message ids of a template or module, as `pybabel extract` finds them."""
    if path.suffix == ".py":
        found = extract_from_file("python", str(path), keywords=DEFAULT_KEYWORDS)
    else:
        options = {"extensions": "jinja2.ext.i18n"}
        found = extract_from_file("jinja2", str(path), keywords=DEFAULT_KEYWORDS, options=options)
    ids = []
    for _line, message, _comments, _context in found:
        ids.extend([message] if isinstance(message, str) else [m for m in message if m])
    return ids


def english_pieces(message: str) -> list[str]:
    """The words of a message a reader would see: the text between its placeholders and link
    targets, where it is more than one lower-case word (those are checked one by one below)."""
    pieces = re.split(r"%\([a-z_]+\)[sd]|\]\(|[\[\]()*_`“”]", message)
    words = [p.strip(" .,:;?") for p in pieces]
    return [
        w
        for w in words
        if re.search(r"[A-Za-z]{3}", w) and (" " in w or w[:1].isupper()) and w not in NAMES
    ]


def visible(page: str) -> str:
    """What a reader sees of a page's text, without code, link targets, anchors, the data the
    page embeds and the English the authoring reference quotes on purpose."""
    page = re.sub(r'<script type="application/json".*?</script>', "", page, flags=re.S)
    page = re.sub(r'<span lang="en">.*?</span>', "", page)
    page = re.sub(r"<code>.*?</code>|`[^`\n]+`", "", page)
    page = re.sub(r"\]\([^)\s]*\)|\{ [#.][^}]*\}|<[^>]+>", "", page)
    return page


@pytest.mark.parametrize("path", sorted(PAGES))
def test_no_english_interface_message_is_left(pages: dict[str, str], path: str) -> None:
    text = visible(pages[path])
    for message in messages(PROJECT_ROOT / "templates" / PAGES[path]):
        for piece in english_pieces(message):
            assert piece not in text, f"{path}: {piece!r} (from {message!r})"


@pytest.mark.parametrize("path", VIEW_PAGES)
def test_the_words_of_the_view_are_japanese(pages: dict[str, str], path: str) -> None:
    text = visible(pages[path])
    for message in messages(PROJECT_ROOT / "generator" / "render" / "view.py"):
        for piece in english_pieces(message):
            assert not re.search(rf"\b{re.escape(piece)}\b", text), f"{path}: {piece!r}"


def test_communication_reads_in_japanese(pages: dict[str, str]) -> None:
    page = pages["communication/index.md"]
    assert "そのまま使える文面は[ステータステンプレート](status-templates.md)にあります。" in page
    assert "## 伝える相手 { #audiences }" in page and "## チャンネル { #channels }" in page
    assert "## 更新頻度 { #update-cadence }" in page  # anchors are the same in every language
    assert "**更新を書く役割：** [" in page
    assert "- 種類： チャット（非公開）" in page  # a channel kind is a word, not a schema value
    assert "| 使わない表現 | 理由 | 代わりに書く表現 |" in page
    assert "| 「" in page  # the phrase to avoid in Japanese quotation marks


def test_status_templates_read_in_japanese(pages: dict[str, str]) -> None:
    page = pages["communication/status-templates.md"]
    assert re.search(r"\n(SEV-\d、)*SEV-\dに適用します。投稿先：[^\n]+。\n", page)
    assert "| プレースホルダー | 意味 | 例 |" in page
    assert "### インシデント対応チーム：" in page


def test_reference_pages_read_in_japanese(pages: dict[str, str]) -> None:
    decisions = pages["reference/decisions.md"]
    assert "次のいずれかに当てはまるときは「はい」：" in decisions
    assert "**迷ったとき：**" in decisions and "## 避けるべき判断の先送り" in decisions
    mitigation = pages["reference/mitigation.md"]
    assert '!!! abstract "原則"' in mitigation
    assert "| 症状 | 最初にやること | パターン |" in mitigation
    assert "**使う場面：**" in mitigation and "**注意：**" in mitigation
    assert "**予防策：**" in pages["reference/failure-patterns.md"]
    on_call = pages["reference/on-call.md"]
    assert "[オンコールスケジュール](" in on_call
    assert re.search(r"- \[SEV-1 [^]]+\]\([^)]+\)：5分以内", on_call)
    after = pages["reference/after-the-incident.md"]
    assert "インシデントの解決後：" in after
    assert re.search(r"\*\*（1日以内、\[[^]]+\]\([^)]+\)、SEV-1、SEV-2のみ）：", after)
    summary = pages["reference/incident-summary.md"]
    assert "[テンプレートをダウンロード（Markdown）](" in summary
    download = pages["downloads/incident-summary-template.txt"]
    assert download.startswith("# インシデント：_タイトル_\n")
    assert "インシデント対応プレイブック" in download


def test_the_authoring_reference_translates_its_words_and_quotes_english(
    pages: dict[str, str],
) -> None:
    page = pages["reference/authoring.md"]
    assert "## 検証ルール" in page and "| ルール | 段階 | レベル | 報告する内容 |" in page
    assert "- **型：** 期間 · 任意" in page
    assert "- **型：** ID のリスト · " in page
    assert "- **使える値：** 空欄不可、1〜120文字" in page
    assert "*省略できるファイルです。*" in page
    assert "| 読み込み | エラー | " in page and "| 意味 | 警告 | " in page
    # The schemas' descriptions and the rule texts stay English, marked as such.
    assert '<span lang="en">How soon the first responder must acknowledge' in page
    rows = [line for line in page.splitlines() if '<span id="rule-' in line]
    assert rows and all(re.search(r'\| <span lang="en">.+</span> \|$', row) for row in rows)
    assert not re.search(r"\| (loader|schema|semantic|translation) \| (error|warning) \|", page)
