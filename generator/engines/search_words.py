"""How the site's search cuts text into words, so that "sev1" finds the SEV-1 page on Zensical.

Zensical's search has no per-page boost (its index has no boost field; our `search.boost` front
matter counts on MkDocs only). It ranks a match in a title above one in the text, and among text
matches the one nearest the start of its section; ties keep the index's order, which is by
address, so `reference/authoring.html` (whose examples say `sev1`) came before
`severities/sev1.html`. Cutting a word where letters meet digits makes "sev1", "SEV1" and "s1"
the same words as "SEV-1", which is the level page's title: a title match, first on both
engines. The cut applies to the query and the pages alike, so "5xx" or "utf8" still find
themselves.
"""

from __future__ import annotations

from typing import Any

#: Zensical's default separator (whitespace and punctuation, a dot not followed by a digit), plus
#: a cut between a letter and a digit. Plain JavaScript regex syntax, valid with or without the
#: `u` flag, so Material for MkDocs' search reads it too.
SEPARATOR = r'[\s\-_,:!=\[\]()"`/\\]+|\.(?!\d)|(?<=[A-Za-z])(?=\d)'
SEARCH = "search"


def add_search_separator(settings: dict[str, Any]) -> None:
    """Put our separator on the search plugin of a site configuration, unless the project sets
    its own; without a search plugin listed, nothing changes."""
    if "plugins" in settings:
        settings["plugins"] = _with_separator(settings["plugins"])


def _with_separator(plugins: Any) -> Any:
    if isinstance(plugins, dict):
        if SEARCH in plugins:
            options = plugins[SEARCH] if isinstance(plugins[SEARCH], dict) else {}
            plugins[SEARCH] = {"separator": SEPARATOR, **options}
        return plugins
    if not isinstance(plugins, list):
        return plugins
    entries: list[Any] = []
    for entry in plugins:
        if entry == SEARCH:
            entry = {SEARCH: {"separator": SEPARATOR}}
        elif isinstance(entry, dict) and SEARCH in entry:
            options = entry[SEARCH] if isinstance(entry[SEARCH], dict) else {}
            entry = {**entry, SEARCH: {"separator": SEPARATOR, **options}}
        entries.append(entry)
    return entries
