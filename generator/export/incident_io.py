"""`playbook export --to incident-io`: levels and roles for incident.io's Terraform provider.

The provider (incident-io/incident) has `incident_severity` and `incident_incident_role`, and no
resource for announcement or status-update templates, so templates go to the notes. With no task
resource either, a role's checklist items are written into its `instructions`, grouped by phase.
"""

from __future__ import annotations

from generator.export import terraform
from generator.export.left_out import unused_fields
from generator.export.terraform import (
    SEVERITY_FIELDS,
    TerraformExport,
    bullets,
    item_line,
    note_other_parts,
    note_unused,
    paragraphs,
    resource_name,
    role_duties,
    severity_description,
    terraform_text,
)
from generator.model import Playbook, Role
from generator.render.filters import md

TARGET = "incident-io"
TITLE = "incident.io"
SEVERITY = "incident_severity"
ROLE = "incident_incident_role"
FILES = {"severities": (SEVERITY,), "roles": (ROLE,)}

#: A role's short name is its `shortform` here.
ROLE_FIELDS = (*terraform.ROLE_FIELDS, "short")


def build(playbook: Playbook) -> TerraformExport:
    export = TerraformExport(TARGET, "incident", "incident-io/incident")
    notes = export.notes
    count = len(playbook.severities)
    for index, severity in enumerate(playbook.severities):
        export.add(
            SEVERITY,
            resource_name(severity.id),
            {
                "name": terraform_text(severity.label),
                "description": terraform_text(severity_description(severity)),
                "rank": count - index,  # the provider ranks the most severe level highest
            },
        )
        note_unused(notes, "Severities", severity.label, unused_fields(severity, SEVERITY_FIELDS))
    for role in playbook.roles:
        export.add(
            ROLE,
            resource_name(role.id),
            {
                "name": terraform_text(role.name),
                "shortform": terraform_text(role.short or role.id),
                "description": terraform_text(role.summary),
                "instructions": terraform_text(_instructions(playbook, role)),
            },
        )
        note_unused(notes, "Roles", role.name, unused_fields(role, ROLE_FIELDS))
    lead = playbook.lead_for()
    notes.add(
        "Roles",
        f"incident.io has a built-in lead role that Terraform cannot create or delete; "
        f"`{ROLE}.{resource_name(lead.id)}` ({lead.name}) is exported as a role of its own: "
        "rename the built-in one in the dashboard and delete this resource if you want one lead",
    )
    for phase in playbook.phases:
        for item in phase.checklist:
            if item.role is None:
                notes.add(
                    "Checklist items without an owner (no role to write them under)",
                    f"{md(phase.name)}: {md(item.text)}",
                )
    for template in playbook.status_templates:
        notes.add(
            "Status templates (the provider has no announcement or status-update template)",
            f"`{template.id}`: {md(template.title)}",
        )
    note_other_parts(notes, playbook)
    return export


def _instructions(playbook: Playbook, role: Role) -> str:
    """Responsibilities, what is not theirs, then the role's checklist by phase."""
    parts = role_duties(role)
    for phase, items in playbook.tasks_for_role(role.id):
        parts.append(f"{phase.name}:\n" + bullets(item_line(playbook, item) for item in items))
    return paragraphs(*parts)
