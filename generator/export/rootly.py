"""`playbook export --to rootly`: levels, roles, role tasks and status-page templates for Rootly.

Rootly's provider (rootlyhq/rootly) holds a task list per role (`rootly_incident_role_task`), so
every checklist item with an owner becomes a task of that role. Status-page templates are written
for the templates whose audience reads a status-page channel; their placeholders become Liquid
variables where Rootly has the field, otherwise fill-in markers. The status page itself is not
in the playbook: the module asks for its id as the variable `rootly_status_page_id`.
"""

from __future__ import annotations

from generator.export.left_out import unused_fields
from generator.export.terraform import (
    ROLE_FIELDS,
    SEVERITY_FIELDS,
    TEMPLATE_FIELDS,
    TemplateSyntax,
    TerraformExport,
    item_conditions,
    note_other_parts,
    note_template,
    note_unused,
    paragraphs,
    reference,
    resource_name,
    role_duties,
    severity_description,
    template_title,
    terraform_text,
    translate,
    variable,
)
from generator.model import Playbook, Role, StatusTemplate
from generator.render.filters import md
from generator.wording import capital

TARGET = "rootly"
TITLE = "Rootly"
SEVERITY = "rootly_severity"
ROLE = "rootly_incident_role"
TASK = "rootly_incident_role_task"
TEMPLATE = "rootly_status_page_template"
FILES = {"severities": (SEVERITY,), "roles": (ROLE, TASK), "templates": (TEMPLATE,)}
STATUS_PAGE_VARIABLE = "rootly_status_page_id"

#: Rootly's Liquid incident variables (docs.rootly.com, "Incident variables") for placeholders
#: that mean the same thing in every playbook: the incident's headline and its level.
SYNTAX = TemplateSyntax({"summary": "incident.title", "severity": "incident.severity"})

#: The status values of a Rootly status-page update (Rootly API, status page events); a stage
#: with one of these ids sets the update's status.
UPDATE_STATUSES = ("investigating", "identified", "monitoring", "resolved")


def build(playbook: Playbook) -> TerraformExport:
    export = TerraformExport(TARGET, "rootly", "rootlyhq/rootly")
    notes = export.notes
    for position, severity in enumerate(playbook.severities, start=1):
        export.add(
            SEVERITY,
            resource_name(severity.id),
            {
                "name": terraform_text(severity.label),
                "description": terraform_text(severity_description(severity)),
                "position": position,
            },
        )
        note_unused(notes, "Severities", severity.label, unused_fields(severity, SEVERITY_FIELDS))
    for position, role in enumerate(playbook.roles, start=1):
        export.add(ROLE, resource_name(role.id), _role(playbook, role, position))
        note_unused(notes, "Roles", role.name, unused_fields(role, ROLE_FIELDS))
    for phase in playbook.phases:
        for item in phase.checklist:
            if item.role is None:
                notes.add(
                    "Checklist items without an owner (Rootly's tasks belong to a role)",
                    f"{md(phase.name)}: {md(item.text)}",
                )
                continue
            description = paragraphs(
                item.detail,
                f"Phase: {phase.name}",
                capital(item_conditions(playbook, item)),
            )
            export.add(
                TASK,
                resource_name(phase.id, item.id),
                {
                    "incident_role_id": reference(ROLE, resource_name(item.role)),
                    "task": terraform_text(item.text),
                    "description": terraform_text(description),
                },
            )
    status_audiences = status_page_audiences(playbook)
    for position, template in enumerate(playbook.status_templates, start=1):
        if template.audience not in status_audiences:
            notes.add(
                "Status templates not for a status page (their audience reads no status-page "
                "channel)",
                f"`{template.id}`: {md(template.title)}",
            )
            continue
        export.add(TEMPLATE, resource_name(template.id), _template(playbook, template, position))
        note_unused(
            notes, "Status templates", template.id, unused_fields(template, TEMPLATE_FIELDS)
        )
        note_template(notes, template, translate(template, SYNTAX))
        if template.stage not in UPDATE_STATUSES:
            notes.add(
                "Status templates",
                f"`{template.id}`: the stage `{template.stage}` is not one of Rootly's update "
                f"statuses ({', '.join(UPDATE_STATUSES)}); `update_status` is left unset",
            )
    if TEMPLATE in export.resources:
        export.variables[STATUS_PAGE_VARIABLE] = {
            "type": "string",
            "description": "The id of the Rootly status page the status-page templates belong to.",
        }
    note_other_parts(notes, playbook)
    return export


def status_page_audiences(playbook: Playbook) -> set[str]:
    """Audience ids that read at least one channel of kind status-page."""
    kinds = {channel.id: channel.kind for channel in playbook.communication.channels}
    return {
        audience.id
        for audience in playbook.communication.audiences
        if any(kinds.get(channel) == "status-page" for channel in audience.channels)
    }


def _role(playbook: Playbook, role: Role, position: int) -> dict[str, object]:
    always = all(
        role.id in s.response.roles or playbook.lead_for(s.id).id == role.id
        for s in playbook.severities
    )
    return {
        "name": terraform_text(role.name),
        "summary": terraform_text(role.summary),
        "description": terraform_text(paragraphs(*role_duties(role))),
        "enabled": True,
        "optional": not always,  # staffed or leading at every level: not optional
        "position": position,
    }


def _template(playbook: Playbook, template: StatusTemplate, position: int) -> dict[str, object]:
    translated = translate(template, SYNTAX)
    return {
        "title": terraform_text(template_title(playbook, template)),
        "update_title": terraform_text(translated.title),
        "body": terraform_text(translated.body),
        "update_status": template.stage if template.stage in UPDATE_STATUSES else None,
        "kind": "normal",
        "enabled": True,
        "position": position,
        "status_page_id": variable(STATUS_PAGE_VARIABLE),
    }
