"""What the one-document export holds: every part of the playbook, in the order a reader needs it.

Levels, incident types, roles, phases with their checklists, communication, status templates, the
decision tree, rubrics, mitigation and guidance, then who owns which file. Wording comes from
`generator.wording`, the same sentences the site shows.
"""

from __future__ import annotations

from generator.export.document import Document, Fields, Section
from generator.model import ChecklistItem, Playbook, Severity


def build_document(playbook: Playbook) -> Document:
    org = playbook.organisation
    subtitle = ", ".join(
        part
        for part in (
            f"version {org.playbook_version}" if org.playbook_version else "",
            f"times in {org.timezone}",
        )
        if part
    )
    from generator.export.sections_reference import (
        communication_section,
        decision_tree_section,
        guidance_section,
        mitigation_section,
        reviews_section,
        rubrics_section,
        templates_section,
    )
    from generator.export.sections_response import (
        incident_types_section,
        phases_section,
        roles_section,
        severities_section,
    )

    sections = [
        severities_section(playbook),
        incident_types_section(playbook),
        roles_section(playbook),
        phases_section(playbook),
        communication_section(playbook),
        templates_section(playbook),
        decision_tree_section(playbook),
        rubrics_section(playbook),
        mitigation_section(playbook),
        guidance_section(playbook),
        reviews_section(playbook),
    ]
    title = f"{org.name}: {org.terminology.incident_word} playbook"
    return Document(title, subtitle, [s for s in sections if s is not None])


# --------------------------------------------------------------------------- helpers


def levels(playbook: Playbook, ids: tuple[str, ...]) -> str:
    """`SEV-1, SEV-2` for level and group ids; "" for every level."""
    return ", ".join(playbook.severity(level).label for level in playbook.levels_of(ids))


def level_title(severity: Severity) -> str:
    return f"{severity.label}: {severity.name}" if severity.name else severity.label


def names(things: tuple, wanted: tuple[str, ...]) -> str:  # type: ignore[type-arg]
    by_id = {thing.id: thing.name for thing in things}
    return ", ".join(by_id.get(some_id, some_id) for some_id in wanted)


def item_detail(playbook: Playbook, item: ChecklistItem, *, owner: bool) -> tuple[str, ...]:
    lines = []
    if owner and item.role:
        lines.append(f"Owner: {playbook.role(item.role).name}")
    if item.severities:
        lines.append(f"Only at {levels(playbook, item.severities)}")
    if item.types:
        lines.append(f"Only for {names(playbook.incident_types, item.types)}")
    if item.detail:
        lines.append(item.detail)
    return tuple(lines)


def present(*texts: str) -> tuple[str, ...]:
    return tuple(text for text in texts if text)


def review_fields(section: Section, review: object) -> None:
    owner = getattr(review, "owner", None) or ""
    reviewed = getattr(review, "last_reviewed", None) or ""
    section.add(Fields((("Owner", owner), ("Last reviewed", reviewed))))
