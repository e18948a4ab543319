"""The part of the merged document each widget reads, embedded in its page as `pb-data`.

The page carries the data before it can paint, so every field no widget reads is left out (the
decision-tree page went from 30 KB of data to 6 KB). The shape stays the merged document's:
same keys, same nesting, lists in the same order, so `playbook.json` remains the full version.
Keep these in step with what `templates/assets/playbook/tree.js` and `composer.js` read.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: A field spec: `ALL` keeps the value whole; a mapping keeps those keys of a mapping, or of every
#: mapping in a list, each by its own spec.
ALL: None = None
Spec = Mapping[str, Any] | None

_ID_NAME = {"id": ALL, "name": ALL}
_RESPONSE = {"acknowledge_within": ALL, "incident_commander": ALL, "page": ALL, "roles": ALL}

#: tree.js: the nodes; each level's label, name, summary and response facts; the names of the
#: roles and phases it links to; the update cadence with the audiences' names.
TREE_DATA: Mapping[str, Spec] = {
    "severities": {
        "severities": {"id": ALL, "label": ALL, "name": ALL, "summary": ALL, "response": _RESPONSE}
    },
    "roles": {"roles": _ID_NAME},
    "phases": {"phases": _ID_NAME},
    "communication": {"audiences": _ID_NAME, "cadence": ALL},
    "decision-tree": {"start": ALL, "tie_break": ALL, "nodes": ALL},
}

#: composer.js: the clock's timezone and language, the levels' names, audiences, cadence and
#: phrases to avoid, and the status templates with their stages.
COMPOSER_DATA: Mapping[str, Spec] = {
    "organisation": {"timezone": ALL, "language": ALL},
    "severities": {"severities": {"id": ALL, "label": ALL, "name": ALL}},
    "communication": {"audiences": _ID_NAME, "cadence": ALL, "phrases_to_avoid": ALL},
    "status-templates": {"stages": ALL, "templates": ALL},
}


def widget_data(document: Mapping[str, Any], spec: Mapping[str, Spec]) -> dict[str, Any]:
    """The fields of `document` that `spec` names, wherever they are present."""
    return {key: _project(document[key], sub) for key, sub in spec.items() if key in document}


def _project(value: Any, spec: Spec) -> Any:
    if spec is None:
        return value
    if isinstance(value, list):
        return [_project(item, spec) for item in value]
    if isinstance(value, Mapping):
        return {key: _project(value[key], sub) for key, sub in spec.items() if key in value}
    return value
