"""Which values of a playbook are text a translator translates, and how a translation file is keyed.

The table below is the one declaration: the walkers (source texts, translation entries, the
translated model) and the generated JSON Schemas of `schema/translations/` all read it. A line
names one text field as a path through its file:

- `name` is a key of a mapping;
- `[id]` steps into a list of items by their `id` (or a mapping keyed by ids, as `cadence`); the
  translation file holds a mapping keyed by the same ids;
- `[name]` steps into a list of items by their `name` (status template placeholders);
- `[]` steps into a list by position (lists without ids: `definition`, `principles`); the
  translation file holds a list in the same order.

Everything else in a playbook (ids, durations, links, choices, regular expressions of ids) is not
language and is never translated. `tests/test_translations_fields.py` checks that every text field
of the model is either listed here or named in `NOT_TEXT`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

try:  # CPython's built-in SHA-256: hashlib's digest, without starting OpenSSL (a few ms)
    from _sha2 import sha256 as _sha256  # Python 3.12 and later
except ImportError:
    try:
        from _sha256 import sha256 as _sha256  # Python 3.11
    except ImportError:
        from hashlib import sha256 as _sha256

Step = Literal["key", "id", "name", "index"]

#: Text fields per file kind (see the module docstring for the notation).
TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "organisation": (
        "name",
        "terminology.severity_word",
        "terminology.incident_word",
    ),
    "severities": (
        "groups[id].name",
        "groups[id].description",
        "severities[id].label",
        "severities[id].name",
        "severities[id].summary",
        "severities[id].definition[]",
        "severities[id].examples[]",
        "severities[id].response.page[].who",
        "severities[id].response.public_communication.condition",
        "severities[id].response.executives.condition",
        "severities[id].response.resolution_target",
        "severities[id].response.actions[]",
    ),
    "roles": (
        "roles[id].name",
        "roles[id].short",
        "roles[id].summary",
        "roles[id].responsibilities[]",
        "roles[id].not_their_job[]",
        "roles[id].typical_holder",
        "roles[id].takes_off_others",
        "roles[id].activated_by",
    ),
    "phases": (
        "phases[id].name",
        "phases[id].goal",
        "phases[id].summary",
        "phases[id].checklist[id].text",
        "phases[id].checklist[id].detail",
        "workflow[id].title",
        "workflow[id].detail",
    ),
    "communication": (
        "audiences[id].name",
        "audiences[id].description",
        "audiences[id].format",
        "channels[id].name",
        "channels[id].purpose",
        "cadence[id][id].follow_ups[].name",
        "principles[].title",
        "principles[].detail",
        "phrases_to_avoid[].phrase",
        "phrases_to_avoid[].why",
        "phrases_to_avoid[].instead",
        "phrases_to_avoid[].pattern",
    ),
    "status-templates": (
        "stages[id].name",
        "stages[id].description",
        "templates[id].title",
        "templates[id].body",
        "templates[id].placeholders[name].description",
        "templates[id].placeholders[name].example",
        "templates[id].placeholders[name].default",
    ),
    "decision-tree": (
        "tie_break",
        "nodes[id].question",
        "nodes[id].help",
        "nodes[id].answers[].label",
        "nodes[id].answers[].note",
    ),
    "incident-types": (
        "types[id].name",
        "types[id].summary",
        "types[id].public_communication.condition",
        "types[id].actions[]",
    ),
    "rubrics": (
        "rubrics[id].question",
        "rubrics[id].criteria[]",
        "rubrics[id].default_when_unsure",
        "rubrics[id].exceptions[]",
        "rubrics[id].rationale",
    ),
    "mitigation": (
        "principle",
        "when_unsure",
        "patterns[id].name",
        "patterns[id].description",
        "patterns[id].use_when",
        "patterns[id].caution",
        "symptoms[id].symptom",
        "symptoms[id].first_mitigation",
    ),
    "guidance": (
        "decision_authority[]",
        "non_decisions[].title",
        "non_decisions[].detail",
        "failure_patterns[id].name",
        "failure_patterns[id].description",
        "failure_patterns[id].prevention",
        "on_call[].title",
        "on_call[].detail",
        "after_incident[id].title",
        "after_incident[id].detail",
        "summary_template[id].title",
        "summary_template[id].prompt",
    ),
}

#: Model fields holding strings that are not language (checked against the model by a test):
#: `Class.field`.
NOT_TEXT: frozenset[str] = frozenset(
    {
        "Review.owner",
        "Review.last_reviewed",
        "FileReview.file",
        "Links.status_page",
        "Links.on_call",
        "Links.incident_tracker",
        "Links.chat",
        "Organisation.timezone",
        "Organisation.language",
        "Organisation.playbook_version",
        "SeverityGroup.id",
        "SeverityGroup.severities",
        "PageEntry.kind",
        "PageEntry.role",
        "PageEntry.how",
        "PageEntry.command",
        "PageEntry.phone",
        "PageEntry.pin",
        "PageEntry.link",
        "PageEntry.urgency",
        "PageEntry.escalate_after",
        "PublicCommunication.when",
        "Executives.when",
        "Executives.within",
        "Response.acknowledge_within",
        "Response.lead",
        "Response.lead_assigned_within",
        "Response.roles",
        "Severity.id",
        "Role.id",
        "Role.staffing",
        "Role.owns_updates_for",
        "ChecklistItem.id",
        "ChecklistItem.role",
        "ChecklistItem.severities",
        "ChecklistItem.types",
        "Phase.id",
        "WorkflowStep.id",
        "WorkflowStep.phase",
        "Audience.id",
        "Audience.channels",
        "Channel.id",
        "Channel.kind",
        "Channel.naming_pattern",
        "Channel.link",
        "Channel.severities",
        "Channel.types",
        "FirstUpdate.within",
        "FirstUpdate.from_event",
        "FollowUp.within",
        "FollowUp.from_event",
        "StageInterval.stage",
        "StageInterval.every",
        "LongIncident.after",
        "LongIncident.every",
        "LongIncident.not_before",
        "Cadence.severity",
        "Cadence.audience",
        "Cadence.every",
        "Cadence.also_on",
        "Stage.id",
        "Placeholder.name",
        "StatusTemplate.id",
        "StatusTemplate.stage",
        "StatusTemplate.audience",
        "StatusTemplate.severities",
        "IncidentType.id",
        "IncidentType.lead",
        "IncidentType.roles",
        "IncidentType.channels",
        "IncidentType.severities",
        "Answer.next",
        "Answer.severity",
        "Answer.type",
        "DecisionNode.id",
        "DecisionTree.start",
        "Rubric.id",
        "Rubric.criteria_mode",
        "Rubric.severities",
        "MitigationPattern.id",
        "Symptom.id",
        "Symptom.pattern",
        "FailurePattern.id",
        "AfterIncidentStep.id",
        "AfterIncidentStep.within",
        "AfterIncidentStep.role",
        "AfterIncidentStep.severities",
        "SummaryField.id",
        "SummaryField.kind",
        "Playbook.default_lead",
    }
)

#: Top-level keys a translation file may hold besides its texts (who keeps it, when reviewed).
FILE_KEYS: frozenset[str] = frozenset({"owner", "last_reviewed"})

#: The key of the translated text and of the fingerprint in each translation entry.
TEXT = "text"
SOURCE = "source"

#: Hex digits kept of the source text's SHA-256 (a change check, not a security measure).
FINGERPRINT_DIGITS = 8


def fingerprint(text: str) -> str:
    """The fingerprint of a source text: whitespace runs count as one space, so re-wrapping a
    paragraph in the YAML does not make its translations stale; any change of words does."""
    normalised = " ".join(text.split())
    return _sha256(normalised.encode("utf-8")).hexdigest()[:FINGERPRINT_DIGITS]


class Node:
    """One position of the field tree: named children, or one child for every id/index.

    A plain class: a dataclass costs more to define at start-up than a check of a translation.
    """

    __slots__ = ("each", "keys", "text")

    def __init__(
        self,
        keys: dict[str, Node] | None = None,
        each: tuple[Step, Node] | None = None,  # ("id" | "name" | "index", child)
        text: bool = False,
    ) -> None:
        self.keys: dict[str, Node] = {} if keys is None else keys
        self.each = each
        self.text = text

    def __repr__(self) -> str:
        return f"Node(keys={self.keys!r}, each={self.each!r}, text={self.text!r})"

    def child(self, key: str) -> Node | None:
        return self.keys.get(key)


def _parse(line: str) -> list[tuple[str, Step]]:
    """`severities[id].definition[]` -> [("severities", key), ("", id), ("definition", key),
    ("", index)]."""
    steps: list[tuple[str, Step]] = []
    for part in line.split("."):
        name, _, rest = part.partition("[")
        if name:
            steps.append((name, "key"))
        for bracket in ("[" + rest).split("[")[1:] if rest or part.endswith("[]") else []:
            inner = bracket.rstrip("]")
            steps.append(("", "index" if inner == "" else "id" if inner == "id" else "name"))
    return steps


def build_tree(lines: Iterable[str]) -> Node:
    root = Node()
    for line in lines:
        node = root
        for name, step in _parse(line):
            if step == "key":
                node = node.keys.setdefault(name, Node())
            else:
                if node.each is None:
                    node.each = (step, Node())
                node = node.each[1]
        node.text = True
    return root


#: The field tree of each file kind.
TREES: dict[str, Node] = {kind: build_tree(lines) for kind, lines in TEXT_FIELDS.items()}


def describe(path: tuple[str | int, ...]) -> str:
    """A translation path in words for messages: ("severities", "sev1", "definition", 0) ->
    `severities sev1 definition item 1`."""
    return " ".join(f"item {step + 1}" if isinstance(step, int) else step for step in path)
