"""Interface strings per language: gettext catalogues kept as `.po` files, read with Babel.

The English text is the message id itself, so English needs no catalogue; every other language
is one file, `generator/i18n/locale/<lang>/LC_MESSAGES/playbook.po`. The `.po` is compiled in
memory when first used (no binary `.mo` in the repository, no build step to forget), with the
plural rule its header declares (Japanese: one form). `babel.cfg` at the top of the repository
says where `pybabel extract` finds the strings; `messages.pot` beside the catalogues is its output.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from babel.support import Translations

#: Where the catalogues live: one folder per language, gettext layout.
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
#: The gettext domain of the interface strings.
DOMAIN = "playbook"
#: The language of the message ids (the text written in the code and templates).
SOURCE_LANGUAGE = "en"
#: The message template written by extraction (`pybabel extract -F babel.cfg`).
TEMPLATE = LOCALE_DIR / "messages.pot"


class CatalogueError(Exception):
    """A catalogue cannot be read; the message names the file and the line."""


def po_file(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def available_languages() -> tuple[str, ...]:
    """The source language and every language with a catalogue, sorted after it."""
    found = sorted(p.name for p in LOCALE_DIR.iterdir() if po_file(p.name).is_file())
    return (SOURCE_LANGUAGE, *(lang for lang in found if lang != SOURCE_LANGUAGE))


@functools.cache
def catalogue(lang: str) -> Translations:
    """The interface strings of `lang` as gettext translations (`gettext`, `ngettext`,
    `pgettext`); the source language, or a language without a catalogue, gives the message ids
    back unchanged (so a missing language shows English, never an empty string)."""
    from babel.support import NullTranslations, Translations

    base = lang.replace("-", "_").split("_")[0]
    path = po_file(lang) if po_file(lang).is_file() else po_file(base)
    if lang == SOURCE_LANGUAGE or not path.is_file():
        null = NullTranslations()
        return null  # type: ignore[return-value]
    return Translations(io.BytesIO(_compiled(path)), domain=DOMAIN)


def _compiled(path: Path) -> bytes:
    """The `.mo` bytes of a `.po` file, made in memory."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import PoFileError, read_po

    try:
        with path.open("rb") as handle:
            parsed = read_po(handle, abort_invalid=True)
    except (PoFileError, OSError) as error:
        raise CatalogueError(f"{path}: {error}") from error
    buffer = io.BytesIO()
    write_mo(buffer, parsed)
    return buffer.getvalue()


def install(environment: Any, lang: str) -> None:
    """Give a Jinja environment the `{% trans %}` tag and `_`/`gettext`/`ngettext` of `lang`
    (new-style gettext: `_('every %(num)s minutes', num=n)` formats and escapes itself)."""
    environment.add_extension("jinja2.ext.i18n")
    environment.install_gettext_translations(catalogue(lang), newstyle=True)
