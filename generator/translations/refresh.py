"""`playbook translations refresh`: record which source text each translation was made from.

Only translations the translator has confirmed get a new fingerprint: an entry without a
`source:` line (a new translation, or a stale one whose `source:` line the translator deleted
after checking it) gets the fingerprint of the current source text. An entry whose `source:` no
longer matches stays stale until someone looks at it; `--confirm-all` records every entry (for a
language that was reviewed as a whole). The files are edited line by line, so comments, order and
layout stay as the translator wrote them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.layout import PAGES_DIR
from generator.loader import load_folder
from generator.translations.fields import SOURCE, TEXT, describe, fingerprint
from generator.translations.load import (
    PAGE_MARK,
    TranslationFile,
    Translations,
    load_translations,
)
from generator.translations.walk import source_texts


class RefreshError(Exception):
    """Refresh cannot run (no such language folder); the message says why."""


@dataclass
class RefreshReport:
    """What a refresh did and what it left for a person to check."""

    recorded: dict[str, int] = field(default_factory=dict)  # shown path -> fingerprints written
    stale: list[str] = field(default_factory=list)  # "file:line description" left stale

    def text(self) -> str:
        lines = [
            f"{path}: {count} fingerprint{'s' if count != 1 else ''} recorded"
            for path, count in self.recorded.items()
            if count
        ]
        if not lines:
            lines.append("no fingerprint to record: every translation has one")
        if self.stale:
            lines.append(
                f"{len(self.stale)} stale translation{'s' if len(self.stale) != 1 else ''} left"
                " (check each, delete its `source:` line, then refresh again):"
            )
            lines += [f"  {place}" for place in self.stale]
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class _Edit:
    line: int  # 1-based line the edit applies to
    column: int  # 0-based column in that line (for ordering and replacing)
    end: int  # 0-based end column of the replaced text; -1: insert a new line after `line`
    text: str


def refresh(playbook_dir: Path, lang: str, *, confirm_all: bool = False) -> RefreshReport:
    """Record fingerprints in the translation files of `lang`; see the module docstring."""
    translations = load_translations(playbook_dir)
    if lang not in translations.languages:
        known = ", ".join(translations.languages) or "none"
        raise RefreshError(
            f"{translations.folder}/{lang} does not exist (languages found: {known})"
        )
    folder = load_folder(Path(playbook_dir))
    report = RefreshReport()
    for kind, target in sorted(translations.files.get(lang, {}).items()):
        source = folder.files.get(kind)
        if source is None:
            continue
        texts = {text.path: text.text for text in source_texts(kind, source.data)}
        edits = _edits(target, texts, confirm_all, report)
        _apply(Path(target.path), target.loaded.lines, edits)
        report.recorded[target.path] = len(edits)
    _refresh_pages(translations, lang, Path(playbook_dir) / PAGES_DIR, confirm_all, report)
    return report


def _edits(
    target: TranslationFile, texts: dict, confirm_all: bool, report: RefreshReport
) -> list[_Edit]:
    positions = target.loaded.positions
    lines = target.loaded.lines
    edits: list[_Edit] = []
    for path, entry in target.entries.items():
        if path not in texts:
            continue  # unknown: validation reports it
        wanted = fingerprint(texts[path])
        if entry.source == wanted:
            continue
        if entry.source is not None:
            where = positions.value((*entry.data_path, SOURCE))
            if not confirm_all:
                report.stale.append(f"{target.path}:{where.line} {describe(path)}")
                continue
            end_line, end_col = positions.ends[(*entry.data_path, SOURCE)]
            if end_line == where.line:
                edits.append(_Edit(where.line, where.column - 1, end_col - 1, f'"{wanted}"'))
            continue
        start = positions.value(entry.data_path)
        if lines[start.line - 1][start.column - 1 : start.column] == "{":  # {text: ..., }
            end_line, end_col = positions.ends[entry.data_path]
            brace = end_col - 2
            edits.append(_Edit(end_line, brace, brace, f', {SOURCE}: "{wanted}"'))
            continue
        key = positions.key((*entry.data_path, TEXT))
        end_line, end_col = positions.ends[(*entry.data_path, TEXT)]
        last = end_line - 1 if end_col == 1 else end_line  # block scalars end on the next line
        while last > key.line and not lines[last - 1].strip():
            last -= 1
        edits.append(_Edit(last, 0, -1, " " * (key.column - 1) + f'{SOURCE}: "{wanted}"'))
    return edits


def _apply(path: Path, lines: tuple[str, ...], edits: list[_Edit]) -> None:
    if not edits:
        return
    new = list(lines)
    for edit in sorted(edits, key=lambda e: (e.line, e.column), reverse=True):
        if edit.end < 0:
            new.insert(edit.line, edit.text)
        else:
            row = new[edit.line - 1]
            new[edit.line - 1] = row[: edit.column] + edit.text + row[edit.end :]
    path.write_text("\n".join(new) + "\n", encoding="utf-8")


def _refresh_pages(
    translations: Translations,
    lang: str,
    source_dir: Path,
    confirm_all: bool,
    report: RefreshReport,
) -> None:
    for name, page in translations.pages.get(lang, {}).items():
        source = source_dir / name
        if not source.is_file():
            continue
        wanted = fingerprint(source.read_text(encoding="utf-8", errors="replace"))
        if page.source == wanted:
            continue
        if page.source is not None and not confirm_all:
            report.stale.append(f"{page.path}:1 page {name}")
            continue
        mark = f"<!-- {SOURCE}: {wanted} -->\n"
        lines = page.text.splitlines(keepends=True)
        if lines and PAGE_MARK.match(lines[0]):
            lines[0] = mark
        else:
            lines[0:0] = [mark, "\n"]
        Path(page.path).write_text("".join(lines), encoding="utf-8")
        report.recorded[page.path] = 1
