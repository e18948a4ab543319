"""A synthetic playbook at a chosen scale, grown from the default playbook's shape.

The benchmarks need playbooks ten and a hundred times the size of the default one that still
validate cleanly, so every clone keeps its cross-references valid: new severities get a cadence
and are reachable in the decision tree, new roles own checklist items and are staffed by a
severity, new placeholders are used in their template. Scale 1 is the default playbook plus ten
runbook pages; scale k has k times the severities, roles, checklist items, status templates
and decision-tree nodes, each capped by the schema's `maxItems` (10 severities, 50 roles, 100
items a phase, 200 templates, 100 nodes), and 10*k runbook pages. Past the caps only the pages
keep growing, so the benchmarks measure growth against the actual input size, not the factor.

Run as a script: `python tests/benchmarks/synthetic.py OUT_DIR --scale 10`.
"""

from __future__ import annotations

import argparse
import copy
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[2]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from generator.layout import (  # noqa: E402
    DEFAULT_PLAYBOOK_DIR,
    FILE_KINDS,
    PAGES_DIR,
    SCHEMA_DIR,
    modeline,
    schema_file,
)
from generator.loader.yaml12 import Yaml12Loader  # noqa: E402

PAGES_PER_SCALE = 10

Data = dict[str, Any]


def load_base(base: Path = DEFAULT_PLAYBOOK_DIR) -> dict[str, Data]:
    """Every file of a playbook folder as plain data, by kind."""
    files: dict[str, Data] = {}
    for kind in FILE_KINDS:
        path = base / f"{kind}.yaml"
        files[kind] = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
    return files


def schema_limit(kind: str, *path: str) -> int:
    """The `maxItems` the schema sets for a list, so a grown playbook stays valid."""
    node = json.loads((SCHEMA_DIR / schema_file(kind)).read_text(encoding="utf-8"))
    for key in path:
        node = node["properties"][key]
        if key != path[-1]:
            node = node["items"]
    return int(node["maxItems"])


def _target(base_count: int, scale: int, limit: int) -> int:
    """How many entries a list of `base_count` has at `scale`: scaled, capped by the schema."""
    return max(base_count, min(limit, base_count * scale))


def scale_playbook(files: dict[str, Data], scale: int) -> dict[str, Data]:
    """A copy of `files` grown by `scale`; scale 1 returns the playbook unchanged."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    out = copy.deepcopy(files)
    if scale == 1:
        return out
    new_severities = _grow_severities(out, scale)
    new_roles = _grow_roles(out, scale)
    _grow_checklists(out, scale, [r["id"] for r in out["roles"]["roles"]])
    _staff_new_roles(out, new_roles)
    _grow_templates(out, scale)
    _grow_tree(out, scale, new_severities)
    return out


def _grow_severities(files: dict[str, Data], scale: int) -> list[str]:
    """Add levels below the least severe one (a copy of it) up to the schema's limit."""
    severities = files["severities"]["severities"]
    wanted = _target(len(severities), scale, schema_limit("severities", "severities"))
    last = severities[-1]
    taken = {s["id"] for s in severities}
    cadence = files["communication"]["cadence"]
    added: list[str] = []
    number = len(severities)
    while len(severities) < wanted:
        number += 1
        new_id = f"sev{number}" if f"sev{number}" not in taken else f"synthetic-level-{number}"
        clone = copy.deepcopy(last)
        clone.update(id=new_id, label=f"SEV-{number}", name=f"{last['name']} {number}")
        severities.append(clone)
        cadence[new_id] = copy.deepcopy(cadence[last["id"]])
        taken.add(new_id)
        added.append(new_id)
    return added


def _grow_roles(files: dict[str, Data], scale: int) -> list[str]:
    """Clone the roles in turn with numbered ids, names and short names."""
    roles = files["roles"]["roles"]
    base = list(roles)
    wanted = _target(len(base), scale, schema_limit("roles", "roles"))
    added: list[str] = []
    for index in range(len(base), wanted):
        role, copy_no = base[index % len(base)], index // len(base) + 1
        clone = copy.deepcopy(role)
        clone.update(
            id=f"{role['id']}-{copy_no}",
            name=f"{role['name']} {copy_no}",
            short=f"{role['short']}{copy_no}",
        )
        roles.append(clone)
        added.append(clone["id"])
    return added


def _grow_checklists(files: dict[str, Data], scale: int, role_ids: list[str]) -> None:
    """Each phase checklist grows by clones of its items, owned in turn by every role."""
    limit = schema_limit("phases", "phases", "checklist")
    turn = 0
    for phase in files["phases"]["phases"]:
        base = list(phase["checklist"])
        for index in range(len(base), _target(len(base), scale, limit)):
            item, copy_no = base[index % len(base)], index // len(base) + 1
            clone = copy.deepcopy(item)
            clone["id"] = f"{item['id']}-{copy_no}"
            if "role" in item:
                clone["role"] = role_ids[turn % len(role_ids)]
                turn += 1
            phase["checklist"].append(clone)


def _staff_new_roles(files: dict[str, Data], new_roles: list[str]) -> None:
    """Every new role is staffed by one severity, in turn, so no role goes unused."""
    severities = files["severities"]["severities"]
    for index, role_id in enumerate(new_roles):
        severities[index % len(severities)]["response"]["roles"].append(role_id)


def _grow_templates(files: dict[str, Data], scale: int) -> None:
    """Clone the status templates; each clone declares and uses two more placeholders."""
    templates = files["status-templates"]["templates"]
    base = list(templates)
    wanted = _target(len(base), scale, schema_limit("status-templates", "templates"))
    for index in range(len(base), wanted):
        template, copy_no = base[index % len(base)], index // len(base) + 1
        clone = copy.deepcopy(template)
        clone["id"] = f"{template['id']}-{copy_no}"
        extra = [f"detail_{copy_no}", f"owner_{copy_no}"]
        clone["body"] = f"{template['body']}\nMore detail: {{{extra[0]}}}. Contact: {{{extra[1]}}}."
        clone["placeholders"] = [
            *clone["placeholders"],
            {
                "name": extra[0],
                "description": "One more sentence about what users see.",
                "example": "Exports started from the dashboard stay queued.",
            },
            {
                "name": extra[1],
                "description": "Who to ask about this update.",
                "example": "the support team",
                "default": "the support team",
            },
        ]
        templates.append(clone)


def _grow_tree(files: dict[str, Data], scale: int, new_severities: list[str]) -> None:
    """Add nodes as a balanced subtree behind one more answer of the start question.

    A balanced tree keeps the depth logarithmic, as a real tree of many narrow questions
    would be; its leaves end at every severity in turn, so the new levels are reachable.
    """
    tree = files["decision-tree"]
    nodes = tree["nodes"]
    base = list(nodes)
    count = _target(len(base), scale, schema_limit("decision-tree", "nodes")) - len(base)
    ids = [f"synthetic-question-{n}" for n in range(1, count + 1)]
    severity_ids = [s["id"] for s in files["severities"]["severities"]]
    # New levels first, so each of them is a leaf even in a small subtree.
    leaves = [*new_severities, *(s for s in severity_ids if s not in new_severities)]
    leaf_turn = 0
    for index, node_id in enumerate(ids):
        model = base[index % len(base)]
        answers = []
        for option, child in enumerate((2 * index + 1, 2 * index + 2), start=1):
            answer: Data = {"label": f"Option {option}"}
            if child < count:
                answer["next"] = ids[child]
            else:
                answer["severity"] = leaves[leaf_turn % len(leaves)]
                leaf_turn += 1
            answers.append(answer)
        node: Data = {"id": node_id, "question": model["question"], "answers": answers}
        if model.get("help"):
            node["help"] = model["help"]
        nodes.append(node)
    if ids:
        start = next(n for n in nodes if n["id"] == tree["start"])
        start["answers"].append(
            {"label": "Something else", "next": ids[0], "note": "More specific questions."}
        )


# --------------------------------------------------------------------------- pages


_SERVICES = ("api", "billing", "dashboard", "auth", "storage", "search", "webhooks", "exports")


def runbook_page(number: int, total: int) -> str:
    """One hand-written runbook page: headings, steps, a table, code and links to neighbours."""
    service = _SERVICES[number % len(_SERVICES)]
    prev_no, next_no = (number - 1) % total, (number + 1) % total
    return f"""# Runbook {number}: {service} errors

Use this runbook when the {service} service alerts on its error rate or latency.
It belongs to the {service} team; page their on-call when a step does not help.

## Symptoms

- The {service} error rate is above 2% for five minutes.
- Requests to {service} take longer than two seconds at the 99th percentile.
- Customers report failures that mention {service} in the support queue.

## First steps

1. Open the {service} dashboard and check which regions are affected.
2. Compare the start of the errors with the last deploy of {service}.
3. If a deploy started the errors, roll it back before investigating further.
4. If one region fails, drain traffic from it and watch the others.

| Signal | Normal | Act when |
|--------|--------|----------|
| error rate | under 0.1% | above 2% for 5 minutes |
| p99 latency | under 400 ms | above 2 s for 5 minutes |
| queue depth | under 1,000 | above 50,000 |

## Commands

```bash
svc status {service} --region all
svc rollback {service} --to previous
```

!!! note
    Say in the incident channel what you did and when, so the scribe can add it to the timeline.

See also [runbook {prev_no}](runbook-{prev_no:04d}.md) and
[runbook {next_no}](runbook-{next_no:04d}.md).
"""


def write_pages(out: Path, count: int) -> None:
    """`count` runbook pages in folders of at most 100, so the navigation nests."""
    for number in range(count):
        folder = out / PAGES_DIR / "runbooks" / f"group-{number // 100:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        text = runbook_page(number, count)
        # Links point to neighbours in the same folder only when they live there.
        text = _fix_links(text, number, count)
        (folder / f"runbook-{number:04d}.md").write_text(text, encoding="utf-8")


def _fix_links(text: str, number: int, total: int) -> str:
    """Rewrite the neighbour links as relative paths across group folders."""
    for other in ((number - 1) % total, (number + 1) % total):
        if other // 100 != number // 100:
            text = text.replace(
                f"(runbook-{other:04d}.md)", f"(../group-{other // 100:02d}/runbook-{other:04d}.md)"
            )
    return text


# --------------------------------------------------------------------------- writing


def dump_file(kind: str, data: Data) -> str:
    """A playbook file with its modeline; strings that YAML 1.1 would misread are quoted."""
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return f"{modeline(kind)}\n{body}"


def generate(out: Path, scale: int, base: Path = DEFAULT_PLAYBOOK_DIR) -> Path:
    """Write a playbook of the given scale to `out` (replaced if present) and return it."""
    files = scale_playbook(load_base(base), scale)
    if scale > 1:  # a grown tree needs more answers per path; the schema allows up to 20
        files["organisation"]["decision_tree_max_answers"] = 20
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for kind, data in files.items():
        (out / f"{kind}.yaml").write_text(dump_file(kind, data), encoding="utf-8")
    base_pages = base / PAGES_DIR
    if base_pages.is_dir():
        shutil.copytree(base_pages, out / PAGES_DIR)
    write_pages(out, PAGES_PER_SCALE * scale)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write (replaced if present)")
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--base", type=Path, default=DEFAULT_PLAYBOOK_DIR)
    args = parser.parse_args(argv)
    generate(args.out, args.scale, args.base)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
