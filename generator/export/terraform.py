"""What the three Terraform exports share: names, escaping, placeholders, files and the notes.

An export is a set of `*.tf.json` files (Terraform's JSON syntax) plus one Markdown file that lists
what the provider cannot hold. Everything is derived from playbook ids, so the same playbook gives
the same bytes, and a change to one level changes one resource: `terraform plan` shows a small
diff. Keys are sorted, resources are keyed by name, and no file carries a date.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.export.left_out import unused_parts
from generator.model import (
    ChecklistItem,
    Placeholder,
    Playbook,
    Role,
    Severity,
    StatusTemplate,
)
from generator.render.filters import md

#: `{name}` in a status template, as the validator reads it (`generator.validate.rules_text`).
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_-]*)\}")

#: What opens a Liquid tag; in author text each one is printed by a Liquid string instead.
_LIQUID_OPENERS = re.compile(r"\{[{%]")

#: Terraform reads `${...}` and `%{...}` in any JSON string as a template; YAML text is data.
_TERRAFORM_SEQUENCES = (("${", "$${"), ("%{", "%%{"))


def terraform_text(value: str) -> str:
    """A YAML string as a Terraform JSON string value: `${` and `%{` kept literal."""
    for plain, escaped in _TERRAFORM_SEQUENCES:
        value = value.replace(plain, escaped)
    return value


def reference(resource_type: str, name: str, attribute: str = "id") -> str:
    """A Terraform reference to another exported resource, as a JSON string value."""
    return "${" + f"{resource_type}.{name}.{attribute}" + "}"


def variable(name: str) -> str:
    """A Terraform reference to an input variable of the exported module."""
    return "${var." + name + "}"


def resource_name(*ids: str) -> str:
    """A Terraform resource name from playbook ids (`sev1`, `respond--page-ic`).

    Playbook ids are lower-case words joined by single hyphens, already valid Terraform names; a
    double hyphen joins the ids of nested things, so two different paths never give one name.
    """
    return "--".join(re.sub(r"[^A-Za-z0-9_-]", "_", part) for part in ids)


# --------------------------------------------------------------------------- text from the model


def bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def paragraphs(*parts: str) -> str:
    """Non-empty parts separated by a blank line."""
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


def severity_title(severity: Severity) -> str:
    """`SEV-1 (Critical)`, or the label alone when the level has no name."""
    return f"{severity.label} ({severity.name})" if severity.name else severity.label


def severity_description(severity: Severity) -> str:
    """The level's meaning in words: name, summary and the definition bullets."""
    head = f"{severity.name}: {severity.summary}" if severity.name else severity.summary
    return paragraphs(head, "Declare this level when:\n" + bullets(severity.definition))


def levels_text(playbook: Playbook, ids: Iterable[str]) -> str:
    """`SEV-1, SEV-2` for level and group ids; empty for "every level"."""
    return ", ".join(playbook.severity(level).label for level in playbook.levels_of(ids))


#: The model fields an export carries when it writes what the helpers below write: the id (as the
#: resource name) and the label with `severity_description`; name, summary and `role_duties`;
#: `template_title` with the `translate`d title, body and placeholders. `left_out.unused_fields`
#: lists the rest in the notes.
SEVERITY_FIELDS = ("id", "label", "name", "summary", "definition")
ROLE_FIELDS = ("id", "name", "summary", "responsibilities", "not_their_job")
TEMPLATE_FIELDS = ("id", "stage", "audience", "title", "body", "placeholders", "severities")


def role_duties(role: Role) -> list[str]:
    """A role's responsibilities and, when it has them, what is not its job: one part each."""
    parts = ["Responsibilities:\n" + bullets(role.responsibilities)]
    if role.not_their_job:
        parts.append("Not their job:\n" + bullets(role.not_their_job))
    return parts


def template_title(playbook: Playbook, template: StatusTemplate) -> str:
    """`Investigating: Customers (SEV-1, SEV-2)`: stage, audience and the levels it is for."""
    stage = playbook.stage(template.stage)
    audience = next(a for a in playbook.communication.audiences if a.id == template.audience)
    levels = levels_text(playbook, template.severities)
    return f"{stage.name}: {audience.name}" + (f" ({levels})" if levels else "")


# --------------------------------------------------------------------------- placeholders


@dataclass(frozen=True)
class TemplateSyntax:
    """How a tool writes a variable in a status template (Liquid for Rootly and FireHydrant).

    `variables` maps a placeholder name to the tool's own incident field; every other
    placeholder becomes a visible fill-in marker the responder replaces before publishing.
    """

    variables: Mapping[str, str]
    expression: Callable[[str], str] = lambda field_name: "{{ " + field_name + " }}"

    def literal(self, text: str) -> str:
        """Author text the tool must print as it is, never run as a template."""
        return _LIQUID_OPENERS.sub(lambda found: "{{ '" + found.group(0) + "' }}", text)


def fill_in(name: str) -> str:
    """The marker a placeholder becomes where the tool has no matching field."""
    return f"[FILL IN: {name}]"


@dataclass
class Translated:
    """A template's title and body in the tool's syntax, and what happened to each placeholder."""

    title: str
    body: str
    as_variable: dict[str, str] = field(default_factory=dict)  # placeholder -> tool expression
    as_fill_in: list[Placeholder] = field(default_factory=list)


def translate(template: StatusTemplate, syntax: TemplateSyntax) -> Translated:
    """Title and body with `{name}` replaced by the tool's variable or a fill-in marker."""
    declared = {p.name: p for p in template.placeholders}
    result = Translated("", "")

    def convert(text: str) -> str:
        out: list[str] = []
        position = 0
        for match in PLACEHOLDER.finditer(text):
            name = match.group(1)
            if name not in declared:
                continue  # validation refuses undeclared names; left as text if one slips by
            out.append(syntax.literal(text[position : match.start()]))
            if name in syntax.variables:
                expression = syntax.expression(syntax.variables[name])
                result.as_variable[name] = expression
                out.append(expression)
            else:
                if declared[name] not in result.as_fill_in:
                    result.as_fill_in.append(declared[name])
                out.append(fill_in(name))
            position = match.end()
        out.append(syntax.literal(text[position:]))
        return "".join(out)

    result.title = convert(template.title)
    result.body = convert(template.body)
    return result


# --------------------------------------------------------------------------- the export


@dataclass
class Notes:
    """What the provider cannot hold, by section; written beside the export, never dropped."""

    sections: dict[str, list[str]] = field(default_factory=dict)

    def add(self, section: str, line: str) -> None:
        self.sections.setdefault(section, []).append(line)

    def render(self, title: str, intro: str) -> str:
        lines = [f"# {title}", "", intro, ""]
        for section, entries in self.sections.items():
            lines += [f"## {section}", ""]
            lines += [f"- {entry}" for entry in entries]
            lines.append("")
        return "\n".join(lines)


@dataclass
class TerraformExport:
    """The resources, variables and notes of one provider's export, before writing."""

    target: str  # incident-io | rootly | firehydrant
    provider_name: str  # Terraform's local name: incident | rootly | firehydrant
    registry_source: str  # incident-io/incident, ...
    resources: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    variables: dict[str, dict[str, str]] = field(default_factory=dict)
    notes: Notes = field(default_factory=Notes)

    def add(self, resource_type: str, name: str, arguments: dict[str, Any]) -> None:
        """Add one resource; empty optional values are left out, not written as ""."""
        kept = {k: v for k, v in arguments.items() if v is not None and v != ""}
        group = self.resources.setdefault(resource_type, {})
        if name in group:
            raise ValueError(f"two {resource_type} resources named {name}")
        group[name] = kept

    def files(self, groups: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
        """File name -> content. `groups` names each `*.tf.json` file and its resource types."""
        header = (
            f"Generated by `playbook export --to {self.target}` from the playbook YAML; "
            "edit the YAML and export again instead of editing this file. What the provider "
            f"cannot hold is listed in {self.target}-not-exported.md."
        )
        out: dict[str, str] = {}
        settings: dict[str, Any] = {
            "//": header,
            "terraform": {
                "required_providers": {self.provider_name: {"source": self.registry_source}}
            },
        }
        if self.variables:
            settings["variable"] = self.variables
        out[f"{self.target}-settings.tf.json"] = _json(settings)
        for stem, types in groups.items():
            chosen = {t: self.resources[t] for t in types if self.resources.get(t)}
            if chosen:
                out[f"{self.target}-{stem}.tf.json"] = _json({"//": header, "resource": chosen})
        return out

    def notes_file(self, provider_title: str) -> str:
        """The Markdown file that lists what the provider could not hold."""
        return self.notes.render(
            f"Not exported to {provider_title}", notes_intro(provider_title, self.target)
        )

    def write(self, out_dir: Path, groups: Mapping[str, tuple[str, ...]], notes: str) -> list[Path]:
        """Write every file into `out_dir` (created); returns the paths, sorted."""
        out_dir.mkdir(parents=True, exist_ok=True)
        contents = self.files(groups)
        contents[f"{self.target}-not-exported.md"] = notes
        for stale in out_dir.glob(f"{self.target}-*.tf.json"):
            if stale.name not in contents:  # an earlier export's file would keep its resources
                stale.unlink()
        written = []
        for name in sorted(contents):
            path = out_dir / name
            path.write_text(contents[name], encoding="utf-8", newline="\n")
            written.append(path)
        return written


def _json(value: Any) -> str:
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def notes_intro(provider_title: str, target: str) -> str:
    return (
        f"`playbook export --to {target}` wrote the levels, roles and what else {provider_title}'s "
        "Terraform provider can hold. This file lists, item by item, what it could not hold, so "
        "nothing is lost without a word: keep these parts in the playbook site or the "
        "one-document export (`playbook export --to html`), or configure them in the tool by hand."
    )


def note_other_parts(notes: Notes, playbook: Playbook) -> None:
    """The playbook parts none of the three providers can hold (all but status templates)."""
    for part in unused_parts(playbook, {"status_templates"}):
        notes.add("Other parts of the playbook", part)


def note_unused(notes: Notes, section: str, label: str, fields: list[str]) -> None:
    """One line per item that has fields the provider cannot hold."""
    if fields:
        notes.add(section, f"{md(label)}: " + ", ".join(f"`{name}`" for name in fields))


def note_template(notes: Notes, template: StatusTemplate, translated: Translated) -> None:
    """How a template's placeholders were written in the tool's syntax."""
    for name, expression in translated.as_variable.items():
        notes.add(
            "Status template placeholders",
            f"`{template.id}`: `{{{name}}}` became `{expression}`, filled in by the tool",
        )
    for placeholder in translated.as_fill_in:
        example = f" (example: {md(placeholder.example)})" if placeholder.example else ""
        default = f" (default: {md(placeholder.default)})" if placeholder.default else ""
        notes.add(
            "Status template placeholders",
            f"`{template.id}`: `{{{placeholder.name}}}` became `{fill_in(placeholder.name)}`, "
            f"replace it before publishing: {md(placeholder.description)}{example}{default}",
        )


def item_conditions(playbook: Playbook, item: ChecklistItem) -> str:
    """`only at SEV-1, SEV-2; only for: Security incident`, or "" when the item always applies."""
    parts = []
    levels = levels_text(playbook, item.severities)
    if levels:
        parts.append(f"only at {levels}")
    if item.types:
        names = ", ".join(playbook.incident_type(t).name for t in item.types)
        parts.append(f"only for: {names}")
    return "; ".join(parts)


def item_line(playbook: Playbook, item: ChecklistItem) -> str:
    """A checklist item in one line: text, then its conditions and detail."""
    conditions = item_conditions(playbook, item)
    text = f"{item.text} ({conditions})" if conditions else item.text
    return f"{text}: {item.detail}" if item.detail else text
