"""The playbook model in another language: every text replaced by its translation.

`translated(playbook, translations, lang)` walks the typed model along the same field tree as the
translation files (fields by name, items by id, lists by position) and returns a new model plus
the places where no translation exists and the source text stays, so the site can mark them.
A stale translation is still used: an older translation reads better than the source language;
validation reports it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.model import INLINE, KEY, KEYED, SOURCE, Playbook
from generator.translations.fields import TREES, Node, describe
from generator.translations.load import Translations
from generator.translations.walk import TPath


class FallbackText(str):
    """A text of the translated model that is still in the source language: a `str` like any
    other, which a page can recognise (`isinstance`) to mark it, e.g. with `lang="en"`."""

    __slots__ = ()


@dataclass(frozen=True)
class Fallback:
    """A text shown in the source language because the translation has none."""

    kind: str  # file kind, e.g. severities
    path: TPath  # translation path, e.g. ("severities", "sev1", "summary")
    text: str  # the source text shown instead

    @property
    def key(self) -> str:
        """`severities/severities/sev1/summary`: one string per place, for marking pages."""
        return "/".join(str(step) for step in (self.kind, *self.path))

    def __str__(self) -> str:
        return f"{self.kind}.yaml {describe(self.path)}"


def translated(
    playbook: Playbook, translations: Translations, lang: str
) -> tuple[Playbook, tuple[Fallback, ...]]:
    """The model with the texts of `lang`, and the places that fell back to the source text."""
    fallbacks: list[Fallback] = []
    changes: dict[str, Any] = {}
    for model_field in dataclasses.fields(playbook):
        source = model_field.metadata.get(SOURCE)
        if source is None:
            continue
        kind, key = source
        value = getattr(playbook, model_field.name)
        tree = TREES.get(kind)
        if tree is None or value is None:
            continue
        node = tree if key is None else tree.child(key)
        if node is None:
            continue
        target = translations.file(lang, kind)
        texts = {p: e.text for p, e in target.entries.items()} if target else {}
        walker = _Walker(kind, texts, fallbacks)
        changes[model_field.name] = walker.value(node, value, () if key is None else (key,))
    organisation = changes.get("organisation", playbook.organisation)
    changes["organisation"] = dataclasses.replace(organisation, language=lang)
    return dataclasses.replace(playbook, **changes), tuple(fallbacks)


class _Walker:
    def __init__(self, kind: str, texts: dict[TPath, str], fallbacks: list[Fallback]) -> None:
        self.kind = kind
        self.texts = texts
        self.fallbacks = fallbacks

    def value(self, node: Node, value: Any, path: TPath) -> Any:
        if node.text:
            if not isinstance(value, str) or not value.strip():
                return value
            found = self.texts.get(path)
            if found is None:
                self.fallbacks.append(Fallback(self.kind, path, value))
                return FallbackText(value)
            return found
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return self.record(node, value, path)
        if isinstance(value, tuple) and node.each is not None:
            step, child = node.each
            items = []
            for index, item in enumerate(value):
                name = index if step == "index" else getattr(item, step, None)
                items.append(self.value(child, item, (*path, name)) if name is not None else item)
            return tuple(items)
        return value

    def record(self, node: Node, value: Any, path: TPath) -> Any:
        changes: dict[str, Any] = {}
        for model_field in dataclasses.fields(value):
            if model_field.metadata.get(INLINE):
                continue
            key = model_field.metadata.get(KEY, model_field.name)
            child = node.child(key)
            if child is None:
                continue
            current = getattr(value, model_field.name)
            keyed = model_field.metadata.get(KEYED)
            if keyed and child.each is not None:  # cadence: severity -> audience -> entry
                changes[model_field.name] = tuple(
                    self.keyed(child, item, (*path, key), keyed) for item in current
                )
            else:
                changes[model_field.name] = self.value(child, current, (*path, key))
        return dataclasses.replace(value, **changes) if changes else value

    def keyed(self, node: Node, item: Any, path: TPath, keyed: tuple[str, ...]) -> Any:
        for name in keyed:
            if node.each is None:
                return item
            node = node.each[1]
            path = (*path, getattr(item, name))
        return self.record(node, item, path)


def translated_pages(
    pages_dir: Path, translations: Translations, lang: str
) -> tuple[dict[str, str], tuple[Fallback, ...]]:
    """The hand-written pages in `lang`: file name -> Markdown (the translation without its
    fingerprint line, else the source page), and a fallback for each page left in the source."""
    pages: dict[str, str] = {}
    fallbacks: list[Fallback] = []
    translated_here = translations.pages.get(lang, {})
    for source in sorted(Path(pages_dir).glob("*.md")) if Path(pages_dir).is_dir() else []:
        page = translated_here.get(source.name)
        if page is not None:
            pages[source.name] = page.body
            continue
        text = source.read_text(encoding="utf-8")
        pages[source.name] = FallbackText(text)
        fallbacks.append(Fallback("pages", (source.name,), text))
    return pages, tuple(fallbacks)
