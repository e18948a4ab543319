"""Which languages a site has, and what each is called.

A site speaks the playbook's own language (`organisation.language`) first, then every language
with a folder under `translations/`, sorted: the same list for the build, the switcher and the
render cache. Reading it lists one folder; nothing is parsed.
"""

from __future__ import annotations

from pathlib import Path

from generator.layout import TRANSLATIONS_DIR


def site_languages(playbook_dir: Path, source: str) -> tuple[str, ...]:
    """`source` first, then every `translations/<lang>/` folder of the playbook, sorted."""
    return (source, *(lang for lang in translation_folders(playbook_dir) if lang != source))


def translation_folders(playbook_dir: Path) -> tuple[str, ...]:
    """The language folders under `translations/` (as `load_translations` reads them), sorted."""
    folder = Path(playbook_dir) / TRANSLATIONS_DIR
    if not folder.is_dir():
        return ()
    return tuple(
        sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    )


def language_name(lang: str, in_language: str | None = None) -> str:
    """The name of `lang` in `in_language` (default: in itself, as a switcher shows it: English,
    日本語), from Babel's CLDR data; the code itself for a language Babel does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(lang.replace("-", "_"))
        shown_in = Locale.parse((in_language or lang).replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return lang
    name = locale.get_display_name(shown_in) or lang
    if in_language is None:  # a name on its own, as in a list: "Português", not "português"
        name = name[:1].upper() + name[1:]
    return name
