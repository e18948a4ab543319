"""`playbook export --to incident-io|rootly|firehydrant`: Terraform JSON checked against the
argument lists read from each provider's documentation (tests/export/providers/), for the default
playbook and every preset."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.model import Playbook
from tests.export.playbooks import PLAYBOOKS, ROOT, model_of, playbook_id
from tests.tools import tool

PROVIDERS_DIR = ROOT / "tests" / "export" / "providers"
TARGETS = ("incident-io", "rootly", "firehydrant")

#: Per target: the resource types holding levels, roles and status templates.
KINDS = {
    "incident-io": {"severity": "incident_severity", "role": "incident_incident_role"},
    "rootly": {
        "severity": "rootly_severity",
        "role": "rootly_incident_role",
        "template": "rootly_status_page_template",
        "task": "rootly_incident_role_task",
    },
    "firehydrant": {
        "severity": "firehydrant_severity",
        "role": "firehydrant_incident_role",
        "template": "firehydrant_status_update_template",
        "task": "firehydrant_task_list",
    },
}


def export(playbook: Path, target: str, out: Path) -> Path:
    result = CliRunner().invoke(main, ["export", "--to", target, str(playbook), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def resources(folder: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """Every resource of every `*.tf.json` file: type -> name -> arguments."""
    merged: dict[str, dict[str, dict[str, Any]]] = {}
    files = sorted(folder.glob("*.tf.json"))
    assert files, f"no *.tf.json in {folder}"
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        for kind, named in data.get("resource", {}).items():
            for name, arguments in named.items():
                assert name not in merged.setdefault(kind, {}), f"{kind}.{name} twice"
                merged[kind][name] = arguments
    return merged


def check_value(where: str, spec: dict[str, Any], value: Any) -> list[str]:
    """What is wrong with one argument's value against the documented type and values."""
    kind = spec["type"]
    problems = []
    if kind == "string" and not isinstance(value, str):
        problems.append(f"{where}: {value!r} is not a string")
    elif kind == "number" and (not isinstance(value, int | float) or isinstance(value, bool)):
        problems.append(f"{where}: {value!r} is not a number")
    elif kind == "bool" and not isinstance(value, bool):
        problems.append(f"{where}: {value!r} is not true or false")
    elif kind == "list(string)" and not (
        isinstance(value, list) and all(isinstance(v, str) for v in value)
    ):
        problems.append(f"{where}: {value!r} is not a list of strings")
    elif kind == "block_list":
        if not isinstance(value, list) or not value:
            problems.append(f"{where}: {value!r} is not a non-empty list of blocks")
        else:
            for number, block in enumerate(value):
                problems += check_arguments(f"{where}[{number}]", spec["block"], block)
    if "allowed" in spec and value not in spec["allowed"]:
        problems.append(f"{where}: {value!r} is not one of {spec['allowed']}")
    if "pattern" in spec and not re.fullmatch(spec["pattern"], str(value)):
        problems.append(f"{where}: {value!r} does not match {spec['pattern']}")
    return problems


def check_arguments(where: str, documented: dict[str, Any], arguments: dict[str, Any]) -> list:
    problems = [f"{where}.{name}: not an argument" for name in arguments if name not in documented]
    problems += [
        f"{where}.{name}: required but missing"
        for name, spec in documented.items()
        if spec["required"] and name not in arguments
    ]
    for name, value in arguments.items():
        if name in documented:
            problems += check_value(f"{where}.{name}", documented[name], value)
    return problems


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("playbook", PLAYBOOKS, ids=playbook_id)
def test_every_resource_and_argument_is_documented_by_the_provider(
    tmp_path: Path, playbook: Path, target: str
) -> None:
    stored = json.loads((PROVIDERS_DIR / f"{target}.json").read_text(encoding="utf-8"))
    found = resources(export(playbook, target, tmp_path / "out"))
    problems = []
    for kind, named in found.items():
        if kind not in stored["resources"]:
            problems.append(f"{kind}: not a resource of {stored['source']['repo']}")
            continue
        for name, arguments in named.items():
            problems += check_arguments(
                f"{kind}.{name}", stored["resources"][kind]["arguments"], arguments
            )
    assert problems == []
    model = model_of(playbook)
    kinds = KINDS[target]
    assert sorted(found[kinds["severity"]]) == sorted(s.id for s in model.severities)
    assert sorted(found[kinds["role"]]) == sorted(r.id for r in model.roles)
    assert sorted(found.get(kinds.get("template", ""), {})) == expected_templates(model, target)


def expected_templates(model: Playbook, target: str) -> list[str]:
    """incident.io has no template resource; Rootly's are for a status page; FireHydrant all."""
    if target == "incident-io":
        return []
    if target == "firehydrant":
        return sorted(t.id for t in model.status_templates)
    status_pages = {c.id for c in model.communication.channels if c.kind == "status-page"}
    readers = {a.id for a in model.communication.audiences if set(a.channels) & status_pages}
    return sorted(t.id for t in model.status_templates if t.audience in readers)


@pytest.mark.parametrize("playbook", PLAYBOOKS, ids=playbook_id)
def test_tasks_cover_every_checklist_item_or_are_noted(tmp_path: Path, playbook: Path) -> None:
    model = model_of(playbook)
    rootly = export(playbook, "rootly", tmp_path / "rootly")
    tasks = resources(rootly)["rootly_incident_role_task"]
    owned = [(p, i) for p in model.phases for i in p.checklist if i.role]
    assert sorted(tasks) == sorted(f"{p.id}--{i.id}" for p, i in owned)
    for phase, item in owned:
        task = tasks[f"{phase.id}--{item.id}"]
        assert task["incident_role_id"] == f"${{rootly_incident_role.{item.role}.id}}"
    notes = (rootly / "rootly-not-exported.md").read_text(encoding="utf-8")
    for phase in model.phases:
        for item in phase.checklist:
            if not item.role:
                assert item.text.split()[0] in notes
    firehydrant = resources(export(playbook, "firehydrant", tmp_path / "fh"))
    lists = firehydrant["firehydrant_task_list"]
    assert {name: len(v["task_list_items"]) for name, v in lists.items()} == {
        p.id: len(p.checklist) for p in model.phases if p.checklist
    }


@pytest.mark.parametrize("target", TARGETS)
def test_two_exports_are_byte_identical(tmp_path: Path, target: str) -> None:
    first = export(ROOT / "playbook", target, tmp_path / "one")
    second = export(ROOT / "playbook", target, tmp_path / "two")
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert f"{target}-not-exported.md" in names
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def edited_copy(tmp_path: Path, severity_index: int, summary: str) -> tuple[Path, str]:
    """A copy of the default playbook with one level's summary changed; that level's id."""
    copy = tmp_path / "edited"
    shutil.copytree(ROOT / "playbook", copy)
    path = copy / "severities.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    level = data["severities"][severity_index]
    level["summary"] = summary
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return copy, level["id"]


@pytest.mark.parametrize("target", TARGETS)
def test_an_edit_of_one_level_changes_only_that_resource(tmp_path: Path, target: str) -> None:
    before = export(ROOT / "playbook", target, tmp_path / "before")
    copy, level = edited_copy(tmp_path, 1, "Something smaller broke; we still fix it today.")
    after = export(copy, target, tmp_path / "after")
    old, new = resources(before), resources(after)
    changed = {
        (kind, name)
        for kind in old.keys() | new.keys()
        for name in old.get(kind, {}).keys() | new.get(kind, {}).keys()
        if old.get(kind, {}).get(name) != new.get(kind, {}).get(name)
    }
    assert changed == {(KINDS[target]["severity"], level)}
    assert "Something smaller broke" in json.dumps(new[KINDS[target]["severity"]][level])
    changed_files = sorted(
        p.name for p in before.iterdir() if p.read_bytes() != (after / p.name).read_bytes()
    )
    assert changed_files == [f"{target}-severities.tf.json"]


def test_placeholders_become_liquid_or_fill_in_markers(tmp_path: Path) -> None:
    model = model_of(ROOT / "playbook")
    rootly = resources(export(ROOT / "playbook", "rootly", tmp_path / "r"))
    template = rootly["rootly_status_page_template"]["customers-investigating"]
    assert template["update_title"] == "Investigating: {{ incident.title }}"
    assert "[FILL IN: impact]" in template["body"]
    assert template["status_page_id"] == "${var.rootly_status_page_id}"
    assert template["update_status"] == "investigating"
    settings = json.loads((tmp_path / "r" / "rootly-settings.tf.json").read_text(encoding="utf-8"))
    assert settings["variable"]["rootly_status_page_id"]["type"] == "string"
    assert settings["terraform"]["required_providers"]["rootly"]["source"] == "rootlyhq/rootly"
    fire = resources(export(ROOT / "playbook", "firehydrant", tmp_path / "f"))
    for template in model.status_templates:
        body = fire["firehydrant_status_update_template"][template.id]["body"]
        for placeholder in template.placeholders:
            assert "{" + placeholder.name + "}" not in body
        if "{summary}" in template.title:
            assert "{{ incident.name }}" in body
    notes = (tmp_path / "f" / "firehydrant-not-exported.md").read_text(encoding="utf-8")
    assert "`{impact}` became `[FILL IN: impact]`, replace it before publishing" in notes


def test_incident_io_lists_every_template_it_cannot_hold(tmp_path: Path) -> None:
    model = model_of(ROOT / "playbook")
    out = export(ROOT / "playbook", "incident-io", tmp_path / "i")
    notes = (out / "incident-io-not-exported.md").read_text(encoding="utf-8")
    assert "the provider has no announcement or status-update template" in notes
    for template in model.status_templates:
        assert f"`{template.id}`" in notes
    assert "`response.page`" in notes and "rubrics" in notes
    roles = resources(out)["incident_incident_role"]
    lead = model.lead_for()
    first_task = model.tasks_for_role(lead.id)[0][1][0]
    assert first_task.text.split(".")[0] in roles[lead.id]["instructions"]


def hostile_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "hostile"
    shutil.copytree(ROOT / "playbook", copy)
    path = copy / "severities.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["severities"][0]["summary"] = "Costs ${var.money} and %{ if x }{{ leak }}%{ endif }."
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    path = copy / "status-templates.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    template = next(t for t in data["templates"] if t["audience"] == "customers")
    template["body"] = template["body"] + " {{ incident.secret }} {% raw %} ${path.root}"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return copy


def test_yaml_text_is_never_a_terraform_or_liquid_template(tmp_path: Path) -> None:
    copy = hostile_copy(tmp_path)
    found = resources(export(copy, "rootly", tmp_path / "r"))
    summary = next(iter(found["rootly_severity"].values()))
    first = json.dumps(found["rootly_severity"])
    assert "Costs $${var.money} and %%{ if x }{{ leak }}%%{ endif }." in first, summary
    bodies = [t["body"] for t in found["rootly_status_page_template"].values()]
    hostile = next(b for b in bodies if "incident.secret" in b)
    assert hostile.endswith("{{ '{{' }} incident.secret }} {{ '{%' }} raw %} $${path.root}")


def test_an_invalid_playbook_is_reported_and_nothing_is_written(tmp_path: Path) -> None:
    copy = tmp_path / "broken"
    shutil.copytree(ROOT / "playbook", copy)
    (copy / "roles.yaml").unlink()
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["export", "--to", "rootly", str(copy), "--out", str(out)])
    assert result.exit_code == 1
    assert "roles.yaml" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_a_file_where_a_folder_is_needed_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "--to", "firehydrant", "--out", str(target)])
    assert result.exit_code == 2
    assert "is a file; --to firehydrant writes a folder" in result.output


@pytest.mark.needs_tool("terraform", "tofu", install="the machine image ships terraform")
@pytest.mark.parametrize("target", TARGETS)
def test_terraform_reads_the_export(tmp_path: Path, target: str) -> None:
    """`terraform providers` parses every file (block kinds, names, variable types) offline."""
    terraform = tool("terraform") or tool("tofu")
    assert terraform is not None  # the needs_tool marker stops or skips the test otherwise
    out = export(ROOT / "playbook", target, tmp_path / "out")
    done = subprocess.run(
        [terraform, "providers"],
        cwd=out,
        env={**os.environ, "TF_CLI_CONFIG_FILE": os.devnull, "TF_IN_AUTOMATION": "1"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    source = json.loads((PROVIDERS_DIR / f"{target}.json").read_text())["registry_source"]
    assert f"provider[registry.terraform.io/{source}]" in done.stdout


def test_a_file_an_export_no_longer_writes_is_removed(tmp_path: Path) -> None:
    out = export(ROOT / "playbook", "rootly", tmp_path / "out")
    assert (out / "rootly-templates.tf.json").is_file()
    (out / "main.tf").write_text("# the user's own\n", encoding="utf-8")
    copy = tmp_path / "no-status-page"
    shutil.copytree(ROOT / "playbook", copy)
    path = copy / "communication.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for channel in data["channels"]:
        if channel["kind"] == "status-page":
            channel["kind"] = "other"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    export(copy, "rootly", out)
    assert not (out / "rootly-templates.tf.json").exists()
    assert (out / "main.tf").read_text(encoding="utf-8") == "# the user's own\n"
    notes = (out / "rootly-not-exported.md").read_text(encoding="utf-8")
    assert "`customers-investigating`" in notes
