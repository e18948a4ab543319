"""Load `translations/<lang>/*.yaml` (and `pages/*.md`) of a playbook folder, with positions.

Each file goes through the playbook loader (`generator.loader.load_file`: YAML 1.2, limits, line
and column of every value) and its JSON Schema in `schema/translations/` (through the validator's
compiled checks: jsonschema is imported only to explain a refused file); problems are findings,
never exceptions. What a translation means next to the source is for `rules.check_translations`.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from generator.findings import Finding, Location
from generator.layout import FILE_KINDS, PAGES_DIR, SCHEMA_DIR, TRANSLATIONS_DIR, YAML_SUFFIXES
from generator.loader import LoadedFile, link_outside, load_file
from generator.translations.walk import Entry, Place, TPath, translation_entries
from generator.validate.compiled import schema_findings

#: The folder inside a playbook folder that holds one folder per language.
#: The schemas of translation files, one per file kind, beside the playbook's own.
TRANSLATION_SCHEMA_DIR = SCHEMA_DIR / "translations"
#: First line of a translated page: the fingerprint of the source page it was made from.
PAGE_MARK = re.compile(r"^<!--\s*source:\s*([0-9a-f]*)\s*-->\s*$")


class TranslationFile:
    """One loaded translation file of one language (plain classes here: defining a dataclass
    costs more at start-up than checking a translation)."""

    __slots__ = ("entries", "kind", "lang", "loaded", "places")

    def __init__(
        self,
        lang: str,
        kind: str,
        loaded: LoadedFile,
        entries: dict[TPath, Entry],
        places: list[Place],
    ) -> None:
        self.lang = lang
        self.kind = kind
        self.loaded = loaded
        self.entries = entries
        self.places = places

    @property
    def path(self) -> str:
        return self.loaded.path


class PageTranslation:
    """One translated hand-written page (`translations/<lang>/pages/<name>.md`)."""

    __slots__ = ("lang", "name", "path", "source", "text")

    def __init__(self, lang: str, name: str, path: str, text: str, source: str | None) -> None:
        self.lang = lang
        self.name = name  # file name, e.g. customer-support.md
        self.path = path  # as shown to users
        self.text = text  # the whole file, mark line included
        self.source = source  # fingerprint on the mark line; None: no mark line

    @property
    def body(self) -> str:
        """The page without its mark line: what the site shows."""
        lines = self.text.splitlines(keepends=True)
        if lines and PAGE_MARK.match(lines[0]):
            lines = lines[1:]
            while lines and not lines[0].strip():
                lines = lines[1:]
        return "".join(lines)


class Translations:
    """Every translation of a playbook folder, by language, and the findings of loading them."""

    __slots__ = (
        "files",
        "findings",
        "folder",
        "pages",
        "playbook_dir",
        "sources",
        "unknown_files",
        "unread_pages",
    )

    def __init__(self, folder: str, playbook_dir: str = "") -> None:
        self.folder = folder  # the translations folder as shown to users
        self.playbook_dir = playbook_dir  # the playbook folder it belongs to, as shown to users
        self.files: dict[str, dict[str, TranslationFile]] = {}  # lang -> kind
        self.pages: dict[str, dict[str, PageTranslation]] = {}  # lang -> name
        self.unknown_files: list[tuple[str, str]] = []  # (lang, shown path)
        self.unread_pages: set[tuple[str, str]] = set()  # (lang, name): refused
        self.findings: list[Finding] = []  # loader and schema findings
        self.sources: dict[str, tuple[str, ...]] = {}  # shown path -> lines

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted({*self.files, *self.pages}))

    def file(self, lang: str, kind: str) -> TranslationFile | None:
        return self.files.get(lang, {}).get(kind)


def load_translations(playbook_dir: Path, schema_dir: Path | None = None) -> Translations:
    """Load every language folder under `playbook_dir/translations`; none is not an error.

    Every file and folder read is inside the playbook folder: a symbolic link leading out of it
    is refused unread (`file-link-outside`), as the loader refuses one among the playbook files,
    so a pull request cannot have a secret quoted in the report or published as a page.
    """
    playbook_dir = Path(playbook_dir)
    folder = playbook_dir / TRANSLATIONS_DIR
    result = Translations(str(folder), str(playbook_dir))
    if not folder.is_dir() or _refused(result, folder, playbook_dir):
        return result
    for lang_dir in sorted(
        p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")
    ):
        if _refused(result, lang_dir, playbook_dir):
            continue
        lang = lang_dir.name
        result.files[lang] = {}
        for path in sorted(lang_dir.iterdir(), key=lambda p: p.name):
            if path.name.startswith(".") or path.suffix.lower() not in YAML_SUFFIXES:
                continue
            if path.stem not in FILE_KINDS:
                result.unknown_files.append((lang, str(path)))
                continue
            _load_one(result, lang, path, playbook_dir)
        loaded = {kind: file.loaded for kind, file in result.files[lang].items()}
        result.findings.extend(schema_findings(loaded, schema_dir or TRANSLATION_SCHEMA_DIR))
        pages = lang_dir / PAGES_DIR
        if pages.is_dir() and not _refused(result, pages, playbook_dir):
            result.pages[lang] = {}
            for page in sorted(pages.glob("*.md")):
                _load_page(result, lang, page, playbook_dir)
    return result


def _refused(result: Translations, path: Path, playbook_dir: Path) -> bool:
    """Whether `path` is a link leading out of the playbook folder (then a finding says so)."""
    leaving = link_outside(path, str(path), playbook_dir)
    if leaving is not None:
        result.findings.append(leaving)
    return leaving is not None


def _load_one(result: Translations, lang: str, path: Path, playbook_dir: Path) -> None:
    kind = path.stem
    if kind in result.files[lang]:
        result.findings.append(
            Finding(
                "file-duplicate",
                f"{kind} is translated twice in {path.parent.name}/; only one file is read",
                Location(str(path)),
                hint=f"merge them into {kind}.yaml and delete the other",
            )
        )
        return
    read = load_file(path, kind, str(path), folder=playbook_dir)
    result.findings.extend(read.findings)
    if read.lines:
        result.sources[read.path] = read.lines
    if read.loaded is None:
        return
    entries, places = translation_entries(kind, read.loaded.data)
    result.files[lang][kind] = TranslationFile(
        lang, kind, read.loaded, {entry.path: entry for entry in entries}, places
    )


def _load_page(result: Translations, lang: str, path: Path, playbook_dir: Path) -> None:
    """Read one translated page, unless it is a link leading out or not a readable file."""
    shown = str(path)
    if _refused(result, path, playbook_dir):
        result.unread_pages.add((lang, path.name))
        return
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            problem = Finding(
                "file-not-regular",
                "this is not a regular file; a translated page must be a Markdown file",
                Location(shown),
            )
        else:
            with open(path, "rb") as handle:
                text = handle.read().decode("utf-8", errors="replace")
            problem = None
    except OSError as error:
        problem = Finding(
            "file-unreadable",
            f"the page cannot be read: {error.strerror or type(error).__name__}",
            Location(shown),
        )
    if problem is not None:
        result.findings.append(problem)
        result.unread_pages.add((lang, path.name))
        return
    first = text.splitlines()[0] if text else ""
    mark = PAGE_MARK.match(first)
    source = mark.group(1) if mark and mark.group(1) else None
    result.pages[lang][path.name] = PageTranslation(lang, path.name, shown, text, source)
