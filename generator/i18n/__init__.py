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
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
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


#: The language being rendered. Pages, `generator.wording` and the widgets' messages all ask it,
#: so one environment and one compiled template serve every language.
_SPEAKING: ContextVar[str] = ContextVar("playbook_language", default=SOURCE_LANGUAGE)


def current_language() -> str:
    """The language of the render in progress (the source language outside `speaking`)."""
    return _SPEAKING.get()


def current() -> Translations:
    """The catalogue of the render in progress."""
    return catalogue(_SPEAKING.get())


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Render in `lang` inside the block: `with speaking("ja"): render_docs(...)`."""
    token = _SPEAKING.set(lang)
    try:
        yield
    finally:
        _SPEAKING.reset(token)


def gettext(message: str) -> str:
    return current().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return current().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return current().pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return current().npgettext(context, singular, plural, n)


def install(environment: Any) -> None:
    """Give a Jinja environment the `{% trans %}` tag and `_`/`gettext`/`ngettext`/`pgettext`
    of the current language (new-style: `_('every %(num)s minutes', num=n)` formats itself;
    autoescape is off in our Markdown templates, so nothing is HTML-escaped by it)."""
    environment.add_extension("jinja2.ext.i18n")
    environment.install_gettext_callables(
        gettext, ngettext, newstyle=True, pgettext=pgettext, npgettext=npgettext
    )
