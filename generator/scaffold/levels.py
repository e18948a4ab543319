"""A consistent playbook with 3, 4 or 5 severity levels, derived from the default (4 levels).

Every reference to a severity moves with the levels: cadence, decision-tree answers, checklist
items and status templates, plus the few sentences that list every level. Three levels merge the
lowest into the one above it (cosmetic problems become bugs filed by the SEV-3 owner); five
levels add a "near miss" level below the lowest, reached by one more question in the tree.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

from generator import wording

Document = dict[str, Any]

LEVEL_CHOICES = (3, 4, 5)
DEFAULT_LEVELS = 4

_NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
_LABEL = re.compile(r"\bSEV-(\d+)\b")


class LevelsError(ValueError):
    """The default playbook no longer has the shape this module derives levels from."""


def adapt_levels(document: Document, levels: int) -> Document:
    """A copy of the merged `document` with `levels` severity levels, every reference updated."""
    if levels not in LEVEL_CHOICES:
        raise ValueError(f"levels must be one of {', '.join(map(str, LEVEL_CHOICES))}")
    result = copy.deepcopy(document)
    have = len(result["severities"]["severities"])
    if have != DEFAULT_LEVELS:
        raise LevelsError(f"the default playbook has {have} levels, expected {DEFAULT_LEVELS}")
    old_labels = [s["label"] for s in result["severities"]["severities"]]
    if levels == 3:
        _merge_lowest(result)
    elif levels == 5:
        _add_near_miss(result)
    _rewrite_level_texts(result, old_labels)
    return result


def number_word(count: int) -> str:
    return _NUMBER_WORDS.get(count, str(count))


# --------------------------------------------------------------------------- three levels


def _merge_lowest(doc: Document) -> None:
    severities = doc["severities"]["severities"]
    lowest = severities.pop()
    keeper = severities[-1]
    keeper["definition"] = keeper["definition"] + lowest["definition"]
    examples = keeper.get("examples", []) + lowest.get("examples", [])
    if examples:
        keeper["examples"] = examples
    response = keeper.setdefault("response", {})
    response["actions"] = [
        *response.get("actions", []),
        "Cosmetic problems and rare edge cases that block nobody need no incident response: file "
        "a bug in the owning team's queue and close the incident.",
    ]
    gone, into = lowest["id"], keeper["id"]
    doc["communication"].get("cadence", {}).pop(gone, None)
    for node in doc.get("decision-tree", {}).get("nodes", []):
        for answer in node["answers"]:
            if answer.get("severity") == gone:
                answer["severity"] = into
                answer["note"] = (
                    f"Treat it as {keeper['label']}: one owner, and a bug in the owning team's "
                    "queue if that is all it needs."
                )
    all_ids = [s["id"] for s in severities]
    _map_severity_lists(doc, lambda ids: [i for i in ids if i != gone], all_ids)


# --------------------------------------------------------------------------- five levels

_NEAR_MISS_NODE = "visible-problem"


def _add_near_miss(doc: Document) -> None:
    severities = doc["severities"]["severities"]
    lowest = severities[-1]
    number = len(severities) + 1
    new_id = f"sev{number}"
    label = f"SEV-{number}"
    lowest["summary"] = (
        "Cosmetic or a rare edge case: customers can see it, but it blocks nobody. Nothing needs "
        "to happen urgently."
    )
    new = {
        "id": new_id,
        "label": label,
        "name": "Near miss",
        "summary": (
            "Nothing reached customers: a fault caught before it had an effect, or a warning sign "
            "worth learning from. Recorded, not responded to."
        ),
        "definition": [
            "No customer saw or felt anything, and nothing needs fixing right now.",
            "The same fault, a little later or a little larger, would have been an incident.",
        ],
        "examples": [
            "A deploy failed its canary checks and rolled back before any traffic reached it.",
            "A disk reached 90 per cent and was cleaned up before any alert fired for customers.",
            "A certificate was renewed by hand one day before it expired.",
        ],
        "response": {
            "acknowledge_within": "next-business-day",
            "public_communication": {"when": "never"},
            "executives": {"when": "never"},
            "resolution_target": "Reviewed at the next weekly operations review.",
            "actions": [
                "Record it in the incident tracker: what happened and what stopped it from "
                "reaching customers.",
                "Bring it to the weekly operations review; near misses show where the next "
                "incident will come from.",
            ],
        },
    }
    for key in ("owner", "last_reviewed"):
        if key in lowest:
            new[key] = lowest[key]
    severities.append(new)

    cadence = doc["communication"].get("cadence", {})
    if lowest["id"] in cadence:
        cadence[new_id] = copy.deepcopy(cadence[lowest["id"]])

    if "decision-tree" in doc:
        _add_tree_question(doc, lowest, new)
    all_ids = [s["id"] for s in severities]
    _map_severity_lists(doc, lambda ids: [*ids, new_id] if lowest["id"] in ids else ids, all_ids)


def _add_tree_question(doc: Document, lowest: dict[str, Any], new: dict[str, Any]) -> None:
    """Answers that led to the old lowest level now ask whether customers see anything at all."""
    nodes = doc["decision-tree"]["nodes"]
    found = False
    for node in nodes:
        for answer in node["answers"]:
            if answer.get("severity") == lowest["id"]:
                answer.pop("severity")
                answer.pop("note", None)
                answer["next"] = _NEAR_MISS_NODE
                found = True
    if not found:
        raise LevelsError(f"no answer of the decision tree leads to {lowest['label']}")
    nodes.append(
        {
            "id": _NEAR_MISS_NODE,
            "question": "Can customers see the problem at all, even if it blocks nobody?",
            "help": (
                "A wrong label, a duplicate email or a slow page for one tenant counts. A failed "
                "job that retried on its own and a full disk cleaned up in time do not."
            ),
            "answers": [
                {
                    "label": "Yes",
                    "severity": lowest["id"],
                    "note": "File a bug in the owning team's queue; no incident is needed.",
                },
                {
                    "label": "No",
                    "severity": new["id"],
                    "note": "Record it as a near miss for the weekly operations review.",
                },
            ],
        }
    )


# --------------------------------------------------------------------------- shared


def _map_severity_lists(
    doc: Document, change: Callable[[list[str]], list[str]], all_ids: list[str]
) -> None:
    """Apply `change` to every list of severity ids; an item left with none is dropped (it only
    applied to a level that is gone), one that covers every level loses its list (= all).
    Group ids in a list stay as they are; a group keeps its levels that still exist."""
    for phase in doc["phases"]["phases"]:
        phase["checklist"] = [i for i in phase.get("checklist", []) if _remap(i, change, all_ids)]
    for kind, key in _SEVERITY_LISTS:
        items = doc.get(kind, {}).get(key)
        if isinstance(items, list):
            doc[kind][key] = [item for item in items if _remap(item, change, all_ids)]
    for group in doc["severities"].get("groups", []):
        group["severities"] = [i for i in change(group["severities"]) if i in all_ids]


#: Lists of items (file kind, key) whose items may carry `severities`.
_SEVERITY_LISTS = (
    ("status-templates", "templates"),
    ("guidance", "after_incident"),
    ("communication", "channels"),
    ("rubrics", "rubrics"),
    ("incident-types", "types"),
)


def _remap(
    item: dict[str, Any], change: Callable[[list[str]], list[str]], all_ids: list[str]
) -> bool:
    if not item.get("severities"):
        return True
    ids = list(dict.fromkeys(change(item["severities"])))
    if not ids:
        return False
    groups = [i for i in ids if i not in all_ids]
    if not groups and set(ids) == set(all_ids):
        item.pop("severities")
    else:
        item["severities"] = groups + [i for i in all_ids if i in ids]
    return True


def _rewrite_level_texts(doc: Document, old_labels: list[str]) -> None:
    """Sentences that list every level ("SEV-1 5 minutes, ..., SEV-4 next business day") or name
    the whole range ("SEV-1 to SEV-4") are written again for the new levels."""
    severities = doc["severities"]["severities"]
    labels = [s["label"] for s in severities]
    acks = [
        (s["label"], wording.duration(s["response"]["acknowledge_within"]))
        for s in severities
        if s.get("response", {}).get("acknowledge_within")
    ]
    label_first = ", ".join(f"{label} {words}" for label, words in acks)
    words_first = ", ".join(f"{words} for {label}" for label, words in acks)
    full_range = f"{old_labels[0]} to {old_labels[-1]}"
    pattern_label_first = re.compile(rf"{old_labels[0]} [^,.]+(?:, SEV-\d+ [^,.]+)+")
    pattern_words_first = re.compile(rf"[^,.:]*? for {old_labels[0]}(?:, [^,.]+? for SEV-\d+)+")

    def rewrite(text: str) -> str:
        if len(set(_LABEL.findall(text))) >= len(old_labels):
            text = pattern_label_first.sub(label_first, text)
            text = pattern_words_first.sub(lambda m: _keep_case(m.group(0), words_first), text)
        return text.replace(full_range, f"{labels[0]} to {labels[-1]}")

    _walk_strings(doc, rewrite)
    known = set(labels)
    stale: list[str] = []
    _walk_strings(doc, lambda t: stale.extend(x for x in _labels_in(t) if x not in known) or t)
    if stale:
        raise LevelsError(f"texts still name levels that no longer exist: {sorted(set(stale))}")


def _keep_case(original: str, replacement: str) -> str:
    return replacement[:1].upper() + replacement[1:] if original[:1].isupper() else replacement


def _labels_in(text: str) -> list[str]:
    return [f"SEV-{n}" for n in _LABEL.findall(text)]


def _walk_strings(node: Any, change: Callable[[str], str]) -> Any:
    """Replace every string inside lists and mappings, in place (mapping keys stay)."""
    if isinstance(node, dict):
        for key, value in node.items():
            node[key] = change(value) if isinstance(value, str) else _walk_strings(value, change)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            node[index] = change(value) if isinstance(value, str) else _walk_strings(value, change)
    return node
