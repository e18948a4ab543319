"""Content translations of a playbook: `translations/<lang>/<kind>.yaml` beside the source.

- `load_translations(playbook_dir)`: every language folder, loaded with positions and checked
  against `schema/translations/`.
- `check_translations(document, translations)`: findings (rules in `TRANSLATION_RULES`).
- `translated(playbook, translations, lang)`: the model in that language, and its fallbacks.
- `refresh(playbook_dir, lang)`: record fingerprints of confirmed translations.
- `fields.TEXT_FIELDS`: which values are text, the one declaration the rest reads.
"""

from __future__ import annotations

from typing import Any

from generator.lazy_names import lazy_attribute

__all__ = [
    "TRANSLATION_RULES",
    "Fallback",
    "Translations",
    "check_translations",
    "load_translations",
    "refresh",
    "translated",
]

_HOMES = {
    "TRANSLATION_RULES": "generator.translations.rules",
    "check_translations": "generator.translations.rules",
    "Fallback": "generator.translations.model",
    "translated": "generator.translations.model",
    "Translations": "generator.translations.load",
    "load_translations": "generator.translations.load",
    "refresh": "generator.translations.refresh",
}


def __getattr__(name: str) -> Any:
    """Import on first use: validation without translations never pays for these modules."""
    return lazy_attribute(__name__, _HOMES, name)
