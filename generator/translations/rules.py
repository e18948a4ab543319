"""The rules that keep translations honest next to the source playbook.

`check_translations(document, translations)` reports the loader and schema findings of the
translation files, then: ids and positions that the source does not have (error), source texts
without a translation (warning, at the source line), translations whose source text changed since
they were made (warning, at the fingerprint) or that carry no fingerprint yet (warning), template
placeholders that differ from the source (error), phrase patterns that do not compile (error) and
language folders that are not a language (error). Levels and wording are data in
`TRANSLATION_RULES`, in the shape of `generator.validate.rule_table`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path, PurePath

from generator.findings import Finding, Location
from generator.layout import FILE_KINDS, PAGES_DIR
from generator.loader import LoadedFile
from generator.translations.fields import SOURCE, TEXT, describe, fingerprint
from generator.translations.load import PageTranslation, TranslationFile, Translations
from generator.translations.walk import SourceText, TPath, source_texts
from generator.validate.rule_table import TRANSLATION_RULES
from generator.validate.suggest import closest

_LEVELS = {row.rule: row.level for row in TRANSLATION_RULES}
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


#: Babel's English names of common languages (a test keeps them equal), so that a message
#: naming one does not load Babel's locale data, which costs more than checking a translation.
LANGUAGE_NAMES: dict[str, str] = {
    "ar": "Arabic",
    "cs": "Czech",
    "da": "Danish",
    "de": "German",
    "es": "Spanish",
    "fi": "Finnish",
    "fr": "French",
    "he": "Hebrew",
    "hi": "Hindi",
    "id": "Indonesian",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "nb": "Norwegian Bokmål",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "pt-BR": "Portuguese (Brazil)",
    "ru": "Russian",
    "sv": "Swedish",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "zh": "Chinese",
    "zh-Hans": "Chinese (Simplified)",
    "zh-Hant": "Chinese (Traditional)",
}


def language_name(lang: str) -> str:
    """ "Japanese" for ja (Babel's English name), else the tag itself."""
    known = LANGUAGE_NAMES.get(lang)
    if known is not None:
        return known
    return babel_language_name(lang)


def babel_language_name(lang: str) -> str:
    """Babel's English name of `lang`, else the tag itself."""
    try:
        from babel import Locale, UnknownLocaleError

        try:
            return Locale.parse(lang.replace("-", "_")).english_name or lang
        except (UnknownLocaleError, ValueError, TypeError):
            return lang
    except ImportError:
        return lang


def refresh_command(translations: Translations, lang: str) -> str:
    return f"playbook translations refresh {translations.playbook_dir or '.'} --lang {lang}"


def check_translations(
    document: object, translations: Translations, source_language: str | None = None
) -> Iterator[Finding]:
    """Every finding about the translations of a playbook.

    `document` is the validator's `Document` (or any mapping of file kind -> `LoadedFile`);
    `source_language` defaults to organisation.yaml's `language`.
    """
    files: Mapping[str, LoadedFile] = getattr(document, "files", document)  # type: ignore[assignment]
    yield from translations.findings
    if source_language is None:
        organisation = files.get("organisation")
        found = organisation.data.get("language") if organisation else None
        source_language = found if isinstance(found, str) else "en"
    sources = {kind: list(source_texts(kind, loaded.data)) for kind, loaded in files.items()}
    for lang in translations.languages:
        checker = _Checker(files, sources, translations, lang)
        problem = checker.language(source_language)
        if problem is not None:
            yield problem
            continue
        yield from checker.run()


class _Checker:
    """The checks of one language."""

    def __init__(
        self,
        files: Mapping[str, LoadedFile],
        sources: Mapping[str, list[SourceText]],
        translations: Translations,
        lang: str,
    ) -> None:
        self.files = files
        self.sources = sources
        self.translations = translations
        self.lang = lang
        self._language_name = ""
        self.folder = f"{translations.folder}/{lang}"
        self.refresh = refresh_command(translations, lang)

    @property
    def language_name(self) -> str:
        """Worked out when a message first names the language (most runs have no finding)."""
        if not self._language_name:
            self._language_name = language_name(self.lang)
        return self._language_name

    def finding(self, rule: str, message: str, where: Location, hint: str = "") -> Finding:
        return Finding(rule, message, where, level=_LEVELS[rule], hint=hint)

    def language(self, source_language: str) -> Finding | None:
        if not _LANGUAGE_TAG.match(self.lang):
            return self.finding(
                "translation-language",
                f"'{self.lang}' is not a language tag; a folder of translations/ is named by"
                " the language it holds",
                Location(self.folder),
                hint="use a tag such as ja, de, pt-BR or zh-Hant (language in lower case, region"
                " in upper case)",
            )
        if self.lang.split("-")[0] == source_language.split("-")[0]:
            return self.finding(
                "translation-language",
                f"the playbook itself is written in '{source_language}' (organisation.yaml"
                f" `language`), so translations/{self.lang}/ would translate it into itself",
                Location(self.folder),
                hint="remove the folder, or set `language` in organisation.yaml to the language"
                " the playbook is written in",
            )
        return None

    def run(self) -> Iterator[Finding]:
        for lang, shown in self.translations.unknown_files:
            if lang == self.lang:
                yield self.unknown_file(shown)
        translated = self.translations.files.get(self.lang, {})
        for kind in FILE_KINDS:
            source = self.files.get(kind)
            target = translated.get(kind)
            if target is not None and source is None:
                yield self.finding(
                    "translation-unknown-id",
                    f"the playbook has no {kind}.yaml, so there is nothing to translate here",
                    Location(target.path),
                    hint=f"delete this file, or add {kind}.yaml to the playbook",
                )
            elif source is not None:
                yield from self.check_kind(kind, source, target)
        yield from self.check_pages()

    def unknown_file(self, shown: str) -> Finding:
        stem = PurePath(shown).stem
        close = closest(stem, FILE_KINDS)
        hint = f"did you mean {close}.yaml? " if close else ""
        return self.finding(
            "translation-unknown-id",
            f"{PurePath(shown).name} translates no playbook file, so it would be ignored",
            Location(shown),
            hint=f"{hint}a translation file has the name of the file it translates,"
            " e.g. severities.yaml",
        )

    # ------------------------------------------------------------------ one file kind

    def check_kind(
        self, kind: str, source: LoadedFile, target: TranslationFile | None
    ) -> Iterator[Finding]:
        texts = {text.path: text for text in self.sources.get(kind, [])}
        if target is None:
            if texts:
                yield self.finding(
                    "translation-missing",
                    f"{kind}.yaml has no {self.language_name} translation ({_count(len(texts))})",
                    Location(source.path),
                    hint=f"write {self.folder}/{kind}.yaml; the site shows the source text"
                    " meanwhile",
                )
            return
        known = {path[:cut] for path in texts for cut in range(len(path) + 1)}
        yield from self.unknown(kind, source, target, known, texts)
        yield from self.missing(kind, source, target, texts)
        for path, entry in target.entries.items():
            text = texts.get(path)
            if text is None:
                continue
            yield from self.freshness(kind, source, target, text, entry.source, entry.data_path)
            yield from self.content(kind, target, text, entry.text, entry.data_path)

    def unknown(
        self,
        kind: str,
        source: LoadedFile,
        target: TranslationFile,
        known: set[TPath],
        texts: Mapping[TPath, SourceText],
    ) -> Iterator[Finding]:
        reported: list[TPath] = []
        places = [(p.path, p.data_path, p.step) for p in target.places]
        places += [(e.path, e.data_path, "field") for e in target.entries.values()]
        for path, data_path, step in sorted(places, key=lambda p: len(p[0])):
            if path in known or any(path[: len(r)] == r for r in reported):
                continue
            reported.append(path)
            yield self.unknown_place(kind, source, target, path, data_path, step, known)

    def unknown_place(
        self,
        kind: str,
        source: LoadedFile,
        target: TranslationFile,
        path: TPath,
        data_path: tuple,
        step: str,
        known: set[TPath],
    ) -> Finding:
        parent, last = path[:-1], path[-1]
        where = target.loaded.positions.key(data_path)
        inside = describe(parent) or kind
        siblings = sorted(str(p[-1]) for p in known if len(p) == len(path) and p[:-1] == parent)
        if step == "index":
            count = len(siblings)
            return self.finding(
                "translation-unknown-id",
                f"{inside} has {count} item{'s' if count != 1 else ''} in {kind}.yaml; this is"
                f" item {int(last) + 1}",
                where,
                hint="a list without ids is translated item by item in the same order; remove"
                " the extra item",
            )
        if step == "field":
            return self.finding(
                "translation-unknown-id",
                f"{inside} has no `{last}` in {kind}.yaml, so there is nothing to translate here",
                where,
                hint=f"remove `{last}` here, or add it to {kind}.yaml first",
            )
        what = "placeholder" if step == "name" else "id"
        close = closest(str(last), siblings)
        hint = f"did you mean '{close}'? " if close else ""
        listed = ", ".join(siblings[:8]) + (", ..." if len(siblings) > 8 else "")
        return self.finding(
            "translation-unknown-id",
            f"'{last}' is not {'a' if what == 'placeholder' else 'an'} {what} of {inside} in"
            f" {kind}.yaml (a translation uses the ids of the source)",
            where,
            hint=f"{hint}known: {listed}" if listed else f"{inside} has no items to translate",
        )

    def missing(
        self,
        kind: str,
        source: LoadedFile,
        target: TranslationFile,
        texts: Mapping[TPath, SourceText],
    ) -> Iterator[Finding]:
        present = {p.path for p in target.places} | {()}
        present |= {path[:cut] for path in target.entries for cut in range(len(path) + 1)}
        groups: dict[TPath, list[SourceText]] = {}
        for path, text in texts.items():
            if path in target.entries:
                continue
            cut = max(c for c in range(len(path)) if path[:c] in present)
            groups.setdefault(path[: cut + 1], []).append(text)
        for head, members in groups.items():
            where = source.positions.key(members[0].data_path[: len(head)])
            if len(members) == 1:
                message = f"no {self.language_name} translation of {describe(members[0].path)}"
            else:
                fields = sorted({describe(m.path[len(head) :]) for m in members})
                shown = ", ".join(fields[:6]) + (", ..." if len(fields) > 6 else "")
                message = (
                    f"{describe(head)} has no {self.language_name} translation"
                    f" ({_count(len(members))}: {shown})"
                )
            yield self.finding(
                "translation-missing",
                message,
                where,
                hint=f"add it to {target.path} under `{_yaml_path(head)}`; the site shows the"
                " source text meanwhile",
            )

    def freshness(
        self,
        kind: str,
        source: LoadedFile,
        target: TranslationFile,
        text: SourceText,
        recorded: str | None,
        data_path: tuple,
    ) -> Iterator[Finding]:
        positions = target.loaded.positions
        if recorded is None:
            yield self.finding(
                "translation-unconfirmed",
                f"the translation of {describe(text.path)} has no `source:` fingerprint, so a"
                " later change of the source text would go unnoticed",
                positions.key((*data_path, TEXT)),
                hint=f"once it matches the source text, run `{self.refresh}` to record it",
            )
            return
        current = fingerprint(text.text)
        if recorded == current:
            return
        line = source.positions.value(text.data_path).line
        yield self.finding(
            "translation-stale",
            f"the source text of {describe(text.path)} changed since this translation was made"
            f' ({kind}.yaml:{line} now reads "{_clip(text.text)}")',
            positions.value((*data_path, SOURCE)),
            hint=f"update the {self.language_name} text if needed, delete this `source:` line,"
            f" then run `{self.refresh}`",
        )

    def content(
        self,
        kind: str,
        target: TranslationFile,
        text: SourceText,
        translated: str,
        data_path: tuple,
    ) -> Iterator[Finding]:
        positions = target.loaded.positions  # a place is looked up only for a finding
        if kind == "status-templates" and text.path[-1] in ("title", "body"):
            want = set(_PLACEHOLDER.findall(text.text))
            have = set(_PLACEHOLDER.findall(translated))
            if want != have:
                lost = ", ".join(f"{{{n}}}" for n in sorted(want - have))
                extra = ", ".join(f"{{{n}}}" for n in sorted(have - want))
                parts = [f"drops {lost}" if lost else "", f"adds {extra}" if extra else ""]
                yield self.finding(
                    "translation-placeholders",
                    f"the translated {describe(text.path)} "
                    + " and ".join(p for p in parts if p)
                    + "; the composer fills the placeholders of the source",
                    positions.value((*data_path, TEXT)),
                    hint="keep every {name} of the source text exactly as written (the braces"
                    " and the name are not translated)",
                )
        if kind == "communication" and text.path[-1] == "pattern":
            try:
                re.compile(translated)
            except re.error as error:
                yield self.finding(
                    "translation-pattern-invalid",
                    f"the translated pattern does not compile as a regular expression: {error.msg}",
                    positions.value((*data_path, TEXT)),
                    hint="escape special characters such as ( ) [ ] ? with a backslash, or"
                    " write the phrase itself",
                )

    # ------------------------------------------------------------------ pages

    def check_pages(self) -> Iterator[Finding]:
        source_dir = Path(self.translations.playbook_dir) / PAGES_DIR
        sources = (
            {p.name: p for p in sorted(source_dir.glob("*.md"))} if source_dir.is_dir() else {}
        )
        pages = self.translations.pages.get(self.lang, {})
        for name, page in pages.items():
            if name not in sources:
                close = closest(name, list(sources))
                yield self.finding(
                    "translation-unknown-id",
                    f"the playbook has no page {PAGES_DIR}/{name} to translate",
                    Location(page.path),
                    hint=f"did you mean {close}?"
                    if close
                    else f"a translated page has the file name of its source page in {PAGES_DIR}/",
                )
                continue
            yield from self.page_freshness(page, sources[name])
        unread = self.translations.unread_pages
        for name, path in sources.items():
            if name not in pages and (self.lang, name) not in unread:  # unread: already an error
                yield self.finding(
                    "translation-missing",
                    f"the page {name} has no {self.language_name} translation",
                    Location(str(path)),
                    hint=f"write {self.folder}/{PAGES_DIR}/{name}; the site shows the source page"
                    " meanwhile",
                )

    def page_freshness(self, page: PageTranslation, source: Path) -> Iterator[Finding]:
        where = Location(page.path, 1, 1)
        if page.source is None:
            yield self.finding(
                "translation-unconfirmed",
                f"the translated page has no `<!-- source: ... -->` first line, so a later change"
                f" of {source.name} would go unnoticed",
                where,
                hint=f"once it matches the source page, run `{self.refresh}` to record it",
            )
        elif page.source != fingerprint(source.read_text(encoding="utf-8", errors="replace")):
            yield self.finding(
                "translation-stale",
                f"{source.name} changed since this page was translated",
                where,
                hint=f"compare with {source}, update the translation, empty the fingerprint"
                f" (`<!-- source: -->`), then run `{self.refresh}`",
            )


def _count(number: int) -> str:
    return f"{number} text" + ("" if number == 1 else "s")


def _clip(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def _yaml_path(path: TPath) -> str:
    """Where in the translation file: `severities: sev1: definition: item 2`."""
    return ": ".join(f"item {p + 1}" if isinstance(p, int) else p for p in path)


def translation_rule_ids() -> Iterable[str]:
    return (row.rule for row in TRANSLATION_RULES)
