""" "Did you mean ...?" for misspelt ids, keys and file names."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: object, choices: Iterable[object]) -> str | None:
    """The choice most like `word`, if one is close enough to be a likely typo."""
    if not isinstance(word, str):
        return None
    texts = [choice for choice in choices if isinstance(choice, str)]
    import difflib  # only when a name is wrong

    found = difflib.get_close_matches(word, texts, n=1, cutoff=0.6)
    if not found:
        lowered = {text.lower(): text for text in texts}
        found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
        found = [lowered[found[0]]] if found else []
    return found[0] if found else None


def did_you_mean(word: object, choices: Iterable[object], *, listing: bool = True) -> str:
    """A hint naming the closest choice and, when short enough, all of them."""
    options = [choice for choice in choices if isinstance(choice, str)]
    parts = []
    guess = closest(word, options)
    if guess is not None:
        parts.append(f"did you mean '{guess}'?")
    if listing and options:
        shown = ", ".join(options[:20]) + (", ..." if len(options) > 20 else "")
        parts.append(f"known: {shown}")
    elif listing:
        parts.append("none are defined")
    return " ".join(parts)
