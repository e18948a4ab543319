"""`playbook export --to firehydrant`: levels, roles, task lists and status-update templates.

FireHydrant's provider (firehydrant/firehydrant) identifies a severity by its slug (letters and
digits, at most 23), made here from the level's label (`SEV-1` -> `SEV1`). Each phase's checklist
becomes one task list; each status template one status-update template, its title as the first
line of the body (the resource has no title), its placeholders as Liquid variables where
FireHydrant has the field and fill-in markers otherwise.
"""

from __future__ import annotations

import re

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
    resource_name,
    role_duties,
    severity_description,
    template_title,
    terraform_text,
    translate,
)
from generator.model import ChecklistItem, Playbook, Severity
from generator.wording import capital

TARGET = "firehydrant"
TITLE = "FireHydrant"
SEVERITY = "firehydrant_severity"
ROLE = "firehydrant_incident_role"
TASK_LIST = "firehydrant_task_list"
TEMPLATE = "firehydrant_status_update_template"
FILES = {"severities": (SEVERITY,), "roles": (ROLE, TASK_LIST), "templates": (TEMPLATE,)}
SLUG_LENGTH = 23  # the provider refuses longer slugs

#: FireHydrant's Liquid incident fields (docs.firehydrant.com, "Template variables").
SYNTAX = TemplateSyntax(
    {
        "summary": "incident.name",
        "severity": "incident.severity",
        "started_at": "incident.started_at",
    }
)


def build(playbook: Playbook) -> TerraformExport:
    export = TerraformExport(TARGET, "firehydrant", "firehydrant/firehydrant")
    notes = export.notes
    for severity, slug in zip(playbook.severities, slugs(playbook.severities), strict=True):
        export.add(
            SEVERITY,
            resource_name(severity.id),
            {"slug": slug, "description": terraform_text(severity_description(severity))},
        )
        note_unused(notes, "Severities", severity.label, unused_fields(severity, SEVERITY_FIELDS))
    notes.add(
        "Severities",
        "the order of the levels: FireHydrant's severity resource has no rank or position",
    )
    for role in playbook.roles:
        export.add(
            ROLE,
            resource_name(role.id),
            {
                "name": terraform_text(role.name),
                "summary": terraform_text(role.summary),
                "description": terraform_text(paragraphs(*role_duties(role))),
            },
        )
        note_unused(notes, "Roles", role.name, unused_fields(role, ROLE_FIELDS))
    for phase in playbook.phases:
        if not phase.checklist:
            continue  # the provider requires at least one item
        export.add(
            TASK_LIST,
            resource_name(phase.id),
            {
                "name": terraform_text(f"{phase.name} checklist"),
                "description": terraform_text(paragraphs(phase.goal, phase.summary)),
                "task_list_items": [_task(playbook, item) for item in phase.checklist],
            },
        )
    for template in playbook.status_templates:
        translated = translate(template, SYNTAX)
        export.add(
            TEMPLATE,
            resource_name(template.id),
            {
                "name": terraform_text(template_title(playbook, template)),
                "body": terraform_text(paragraphs(f"**{translated.title}**", translated.body)),
            },
        )
        note_unused(
            notes, "Status templates", template.id, unused_fields(template, TEMPLATE_FIELDS)
        )
        note_template(notes, template, translated)
    note_other_parts(notes, playbook)
    return export


def _task(playbook: Playbook, item: ChecklistItem) -> dict[str, str]:
    owner = f"Owner: {playbook.role(item.role).name}" if item.role else ""
    description = paragraphs(item.detail, owner, capital(item_conditions(playbook, item)))
    task = {"summary": terraform_text(item.text)}
    if description:
        task["description"] = terraform_text(description)
    return task


def slugs(severities: tuple[Severity, ...]) -> list[str]:
    """One slug per level: the label's letters and digits (`SEV1`), else the id's; unique."""
    out: list[str] = []
    for severity in severities:
        slug = _alnum(severity.label)[:SLUG_LENGTH]
        if not slug or slug in out:
            slug = _alnum(severity.id)[:SLUG_LENGTH]
        base, number = slug, 2
        while slug in out:  # two labels that differ only in punctuation
            suffix = str(number)
            slug, number = base[: SLUG_LENGTH - len(suffix)] + suffix, number + 1
        out.append(slug)
    return out


def _alnum(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", text).upper()
