"""The one-document export, first half: levels, incident types, roles, phases and checklists."""

from __future__ import annotations

from generator import wording as words
from generator.export.contents import (
    item_detail,
    level_title,
    levels,
    names,
    present,
    review_fields,
)
from generator.export.document import (
    Fields,
    Item,
    ItemList,
    Paragraph,
    Section,
    Table,
    items,
)
from generator.model import Playbook, Severity


def severities_section(playbook: Playbook) -> Section:
    word = playbook.organisation.terminology.severity_word
    section = Section("severities", f"{words.capital(word)} levels")
    section.add(
        Table(
            ("Level", "Name", "Summary"),
            tuple((s.label, s.name, s.summary) for s in playbook.severities),
        )
    )
    section.add(
        ItemList(
            tuple(
                Item(f"{g.name}: {levels(playbook, g.severities)}", present(g.description))
                for g in playbook.groups
            ),
            title="Groups",
        )
    )
    for severity in playbook.severities:
        section.children.append(_severity(playbook, severity))
    return section


def _severity(playbook: Playbook, severity: Severity) -> Section:
    part = Section(f"severity-{severity.id}", level_title(severity))
    response = severity.response
    lead = playbook.lead_for(severity.id)
    part.add(Paragraph(severity.summary))
    part.add(ItemList(items(severity.definition), title="Declare it when"))
    part.add(ItemList(items(severity.examples), title="Examples"))
    part.add(
        Fields(
            (
                ("Acknowledge", words.within(response.acknowledge_within)),
                ("Lead", words.lead(severity, playbook)),
                ("Roles staffed", names(playbook.roles, response.roles)),
                ("War room", words.yes_no(response.war_room)),
                (
                    "Public communication",
                    words.public_communication(response.public_communication, lead),
                ),
                ("Executives", words.executives(response.executives, lead)),
                ("Resolution target", response.resolution_target),
                ("Tracked as a bug", words.yes_no(response.tracked_as_bug)),
                ("Groups", ", ".join(g.name for g in playbook.groups_of(severity.id))),
            )
        )
    )
    part.add(
        ItemList(
            tuple(
                Item(
                    f"{entry.who} ({words.page_how(entry)})",
                    present(words.escalation(entry), entry.link or ""),
                )
                for entry in response.page
            ),
            title="Paging, in order",
            ordered=True,
        )
    )
    part.add(ItemList(items(response.actions), title="Actions"))
    review_fields(part, severity.review)
    return part


def incident_types_section(playbook: Playbook) -> Section | None:
    if not playbook.incident_types:
        return None
    section = Section("incident-types", "Incident types")
    for kind in playbook.incident_types:
        part = Section(f"type-{kind.id}", kind.name)
        lead = playbook.lead_for(type_id=kind.id)
        part.add(Paragraph(kind.summary))
        part.add(
            Fields(
                (
                    ("Lead", playbook.role(kind.lead).name if kind.lead else ""),
                    ("Roles", names(playbook.roles, kind.roles)),
                    ("Channels", names(playbook.communication.channels, kind.channels)),
                    ("Levels", levels(playbook, kind.severities)),
                    (
                        "Public communication",
                        words.public_communication(kind.public_communication, lead),
                    ),
                )
            )
        )
        part.add(ItemList(items(kind.actions), title="Actions"))
        section.children.append(part)
    return section


def roles_section(playbook: Playbook) -> Section:
    section = Section("roles", "Roles")
    audiences = playbook.communication.audiences
    for role in playbook.roles:
        part = Section(
            f"role-{role.id}", f"{role.name} ({role.short})" if role.short else role.name
        )
        part.add(Paragraph(role.summary))
        staffed = ", ".join(s.label for s in playbook.severities_for_role(role.id))
        part.add(
            Fields(
                (
                    ("Staffing", "standing" if role.staffing == "standing" else "per incident"),
                    ("Activated", role.activated_by),
                    ("Staffed at", staffed),
                    ("Typical holder", role.typical_holder),
                    ("Takes off others", role.takes_off_others),
                    ("Owns updates for", names(audiences, role.owns_updates_for)),
                )
            )
        )
        part.add(ItemList(items(role.responsibilities), title="Responsibilities"))
        part.add(ItemList(items(role.not_their_job), title="Not their job"))
        for phase, owned in playbook.tasks_for_role(role.id):
            part.add(
                ItemList(
                    tuple(Item(i.text, item_detail(playbook, i, owner=False)) for i in owned),
                    title=f"Checklist: {phase.name}",
                    checkboxes=True,
                )
            )
        review_fields(part, role.review)
        section.children.append(part)
    return section


def phases_section(playbook: Playbook) -> Section:
    section = Section("phases", "Phases and checklists")
    for phase in playbook.phases:
        part = Section(f"phase-{phase.id}", phase.name)
        part.add(Fields((("Goal", phase.goal),)))
        part.add(Paragraph(phase.summary))
        part.add(
            ItemList(
                tuple(Item(i.text, item_detail(playbook, i, owner=True)) for i in phase.checklist),
                title="Checklist",
                checkboxes=True,
            )
        )
        section.children.append(part)
    if playbook.workflow:
        names = {p.id: p.name for p in playbook.phases}
        flow = Section("workflow", "Workflow")
        flow.add(
            ItemList(
                tuple(
                    Item(step.title, (step.detail, f"Phase: {names.get(step.phase, step.phase)}"))
                    for step in playbook.workflow
                ),
                ordered=True,
            )
        )
        section.children.append(flow)
    return section
