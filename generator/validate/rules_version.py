"""`format-version`: the playbook is written in the format this tool reads.

Checked before anything else: a playbook of another format would otherwise drown in schema
errors that all mean the same thing, so a wrong version is the only finding reported.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.findings import Finding, Location
from generator.layout import FORMAT_VERSION
from generator.loader import LoadedFile
from generator.validate.rule_table import level_of

RULE = "format-version"
_HINT_OLDER = (
    'the README section "Format 2" says what changed and how to rewrite each file; for a'
    " complete example, `playbook init example-playbook` writes one into that new folder; once"
    f" converted, write `format: {FORMAT_VERSION}` at the top of organisation.yaml"
)


def check_format_version(files: Mapping[str, LoadedFile]) -> Finding | None:
    """The one finding when organisation.yaml declares another format (or none); else None.

    A missing or unreadable organisation.yaml is left to the loader and the schema.
    """
    organisation = files.get("organisation")
    if organisation is None or not isinstance(organisation.data, dict):
        return None
    data = organisation.data
    if "format" not in data:
        where = Location(organisation.path, 1, 1)
        message = (
            "this playbook is written in format 1 (organisation.yaml has no `format:`); this tool"
            f" reads format {FORMAT_VERSION}"
        )
        return Finding(RULE, message, where, level=level_of(RULE), hint=_HINT_OLDER)
    value = data["format"]
    if value == FORMAT_VERSION and type(value) is int:
        return None
    where = organisation.positions.value(("format",))
    if isinstance(value, int) and not isinstance(value, bool):
        message = (
            f"this playbook is written in format {value}; this tool reads format {FORMAT_VERSION}"
        )
        if value > FORMAT_VERSION:
            hint = "use a newer version of incident-playbook, which reads this format"
        else:
            hint = _HINT_OLDER
    else:
        shown = repr(value) if isinstance(value, str) else str(value).lower()
        message = (
            f"`format` is {shown}, which is not a format number; this tool reads format"
            f" {FORMAT_VERSION}"
        )
        hint = f"write `format: {FORMAT_VERSION}` (a whole number, without quotes)"
    return Finding(RULE, message, where, level=level_of(RULE), hint=hint)
