"""What a change to the source playbook means for its translations, for `playbook diff`.

A source text that changes makes every translation that was current before (its `source:`
fingerprint is the old text's, or it has none) stale; a text that disappears leaves its
translations without a source (validation: `translation-unknown-id`); a new text has no
translation yet. The translations are read from the head side, so a pull request that updates and
refreshes them in the same change shows nothing here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from generator.layout import PAGES_DIR

#: The headings of the three kinds of consequence, in the order they are listed.
IMPACTS = {
    "stale": "Translations this change makes stale",
    "orphaned": "Translations left without a source text",
    "untranslated": "New texts without a translation",
}


@dataclass(frozen=True)
class TranslationImpact:
    impact: str  # stale | orphaned | untranslated
    lang: str
    file: str  # translation file (stale, orphaned) or source file (untranslated) as read
    line: int
    place: str  # "severities sev1 summary", or "page customer-support.md"
    before: str = ""  # source text in the base (stale, orphaned)
    after: str = ""  # source text in the head (stale, untranslated)

    @property
    def text(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"[{self.lang}] {self.place} ({where})"


def translation_impacts(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    head_folder: Path,
    display: Callable[[str], str] = str,
) -> list[TranslationImpact]:
    """The consequences for the translations in `head_folder/translations` of changing the
    documents (file kind -> data) `old` into `new`; `display` names a file as the user knows it
    (a revision instead of a temporary folder)."""
    from generator.translations.fields import describe, fingerprint
    from generator.translations.load import load_translations
    from generator.translations.walk import source_texts

    translations = load_translations(head_folder)
    found: list[TranslationImpact] = []
    for lang in translations.languages:
        for kind in sorted({*old, *new}):
            before = {t.path: t.text for t in source_texts(kind, old.get(kind))}
            after = {t.path: t.text for t in source_texts(kind, new.get(kind))}
            target = translations.file(lang, kind)
            entries = target.entries if target else {}
            positions = target.loaded.positions if target else None
            for path, entry in entries.items():
                line = positions.key((*entry.data_path, "text")).line if positions else 0
                file = display(target.path) if target else ""
                if path in before and path not in after:
                    found.append(
                        TranslationImpact(
                            "orphaned", lang, file, line, describe(path), before[path]
                        )
                    )
                elif path in before and path in after:
                    old_print, new_print = fingerprint(before[path]), fingerprint(after[path])
                    if old_print != new_print and entry.source in (None, old_print):
                        found.append(
                            TranslationImpact(
                                "stale",
                                lang,
                                file,
                                line,
                                describe(path),
                                before[path],
                                after[path],
                            )
                        )
            for path in after:
                if path not in before and path not in entries:
                    found.append(
                        TranslationImpact(
                            "untranslated",
                            lang,
                            f"{kind}.yaml",
                            0,
                            describe(path),
                            after=after[path],
                        )
                    )
        found.extend(_page_impacts(translations, lang, head_folder, fingerprint, display))
    return found


def _page_impacts(translations, lang, head_folder, fingerprint, display):  # type: ignore[no-untyped-def]
    """Pages are compared through the fingerprint on their first line: only pages the head
    changed since they were translated count (the base's text is not needed)."""
    found = []
    for name, page in translations.pages.get(lang, {}).items():
        source = head_folder / PAGES_DIR / name
        if not source.is_file() or page.source is None:
            continue
        if page.source != fingerprint(source.read_text(encoding="utf-8", errors="replace")):
            found.append(TranslationImpact("stale", lang, display(page.path), 1, f"page {name}"))
    return found


def with_impacts(output: str, impacts: list[TranslationImpact], fmt: str) -> str:
    """The diff's output with a section (text, Markdown) or key (JSON) for the impacts."""
    if fmt == "json":
        data = json.loads(output)
        data["translations"] = [asdict(impact) for impact in impacts]
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if not impacts:
        return output
    lines = [output.rstrip("\n"), ""]
    for impact, heading in IMPACTS.items():
        listed = [i for i in impacts if i.impact == impact]
        if not listed:
            continue
        if fmt == "markdown":
            from generator.diff.render import md_escape

            lines += [f"### {heading}", ""]
            lines += [f"- {md_escape(i.text)}" for i in listed]
        else:
            lines.append(heading)
            lines += [f"  ! {i.text}" for i in listed]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
