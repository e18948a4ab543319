"""Checks of free-text fields: template placeholders, phrase patterns and the time zone."""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Iterator
from functools import lru_cache

from generator.findings import Finding
from generator.validate.document import Document
from generator.validate.suggest import did_you_mean

#: `{name}` in a template; wider than the schema's name pattern so `{Scope}` is caught as well.
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_-]*)\}")
TEMPLATES = "status-templates"


def check_placeholders(doc: Document) -> Iterator[Finding]:
    """`template-placeholder-undeclared` / `-unused`: title and body use exactly the declared
    placeholders, so the composer asks for each one and fills all of them."""
    for path, template in doc.entries(TEMPLATES, ("templates",)):
        declared_list = template.get("placeholders")
        if not isinstance(declared_list, list):
            continue
        declared: dict[str, tuple] = {}
        for item_path, item in doc.entries(TEMPLATES, (*path, "placeholders")):
            if isinstance(item.get("name"), str):
                declared.setdefault(item["name"], (*item_path, "name"))
        used: set[str] = set()
        for field in ("title", "body"):
            text = template.get(field)
            if not isinstance(text, str):
                continue
            for match in PLACEHOLDER.finditer(text):
                name = match.group(1)
                used.add(name)
                if name in declared:
                    continue
                yield Finding(
                    "template-placeholder-undeclared",
                    f"the {field} uses {{{name}}}, which is not declared under `placeholders`",
                    doc.text_at(TEMPLATES, (*path, field), match.group(0)),
                    hint=f"declare it (name, description, example) or fix the spelling; "
                    f"{did_you_mean(name, declared)}",
                )
        for name, name_path in declared.items():
            if name not in used:
                yield doc.finding(
                    "template-placeholder-unused",
                    f"the placeholder '{name}' is declared but not used in the title or body",
                    TEMPLATES,
                    name_path,
                    hint=f"write {{{name}}} where it belongs, or remove its declaration",
                )


def check_phrase_patterns(doc: Document) -> Iterator[Finding]:
    """`phrase-pattern-invalid`: each phrase's `pattern` is a regular expression that compiles."""
    for path, phrase in doc.entries("communication", ("phrases_to_avoid",)):
        pattern = phrase.get("pattern")
        if not isinstance(pattern, str):
            continue
        try:
            re.compile(pattern)
        except re.error as error:
            yield doc.finding(
                "phrase-pattern-invalid",
                f"`pattern` is not a valid regular expression: {error.msg}"
                + (f" at character {error.pos + 1}" if error.pos is not None else ""),
                "communication",
                (*path, "pattern"),
                hint="escape special characters such as ( ) [ ] . * + ? with a backslash, or"
                " remove `pattern` to match the phrase as written",
            )


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def check_timezone(doc: Document) -> Iterator[Finding]:
    """`timezone-unknown`: the organisation's time zone is a known IANA name."""
    zone = doc.get("organisation", ("timezone",))
    if not isinstance(zone, str) or not zone:
        return  # the schema reports a missing zone
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        if not _zones():  # listing every zone reads 600 files: only for an unknown zone
            return  # without a zone database nothing is known
        yield doc.finding(
            "timezone-unknown",
            f"'{zone}' is not a known IANA time zone",
            "organisation",
            ("timezone",),
            hint=did_you_mean(zone, sorted(_zones()), listing=False)
            or "write a name such as Europe/Berlin, America/New_York or UTC",
        )
