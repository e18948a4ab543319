"""The typed, immutable playbook model (format 2): the one place the code declares a field.

Renderers, exports and tools see only these classes, never raw YAML. Every class is a frozen
dataclass and every collection a tuple, so a model can be shared freely and compared by value.
`generator.model_builder` builds them generically from these declarations:

- a field's name is its YAML key (snake_case), unless its metadata says `KEY` (`from` is a Python
  keyword);
- a field with a default is optional in YAML; an absent or empty (`null`) key takes the default;
- `tuple[X, ...]` is built from a list, a dataclass from a mapping;
- the few mapping-shaped YAML values (cadence: severity -> audience -> entry; `by_stage`:
  stage -> interval) declare with `KEYED` which fields their keys fill, and with `VALUE` which
  field a scalar value fills;
- `INLINE` builds a field from its parent's own mapping (an item's `owner`/`last_reviewed`);
- `Playbook` fields name their place in the merged document with `SOURCE` (file kind, key).

Defaults follow one convention, so templates can test with `{% if %}` and print nothing:
optional words are `""`, optional values (durations, ids, links, choices, yes/no) are `None`,
optional lists are `()`. Durations are kept as the author wrote them (`5m`, `1h`, `5bd`,
`immediately`); `generator.durations` measures them and `generator.wording` words them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

#: Field metadata keys read by `generator.model_builder`.
KEY = "yaml_key"
KEYED = "keyed"
VALUE = "value"
INLINE = "inline"
SOURCE = "source"


# --------------------------------------------------------------------------- shared


@dataclass(frozen=True)
class Review:
    """Who owns a piece of the playbook and when it was last checked (review freshness)."""

    owner: str | None = None
    last_reviewed: str | None = None  # ISO date, YYYY-MM-DD


@dataclass(frozen=True)
class FileReview:
    """The `owner` and `last_reviewed` at the top of one playbook file."""

    file: str  # file kind, e.g. severities
    review: Review


@dataclass(frozen=True)
class Principle:
    """A short rule with an optional explanation."""

    title: str
    detail: str = ""


# --------------------------------------------------------------------------- organisation.yaml


@dataclass(frozen=True)
class Links:
    """Where responders go first; each one optional (https, http, mailto, tel or relative)."""

    status_page: str | None = None
    on_call: str | None = None
    incident_tracker: str | None = None
    chat: str | None = None


@dataclass(frozen=True)
class Terminology:
    """The words an organisation uses: "severity" or "priority"; "incident" or "event"."""

    severity_word: str = "severity"
    incident_word: str = "incident"


@dataclass(frozen=True)
class Organisation:
    name: str
    timezone: str  # IANA name, e.g. Europe/Berlin
    format: int = 2  # the playbook format; validation refuses any other
    language: str = "en"  # BCP 47 tag of the content
    playbook_version: str = ""
    links: Links = field(default_factory=Links)
    terminology: Terminology = field(default_factory=Terminology)
    review_max_age_days: int = 365  # older `last_reviewed` dates are reported as stale
    decision_tree_max_answers: int = 4  # a longer path through the tree is a warning


# --------------------------------------------------------------------------- severities.yaml


@dataclass(frozen=True)
class SeverityGroup:
    """A named set of levels, such as "major incident" = levels 1 and 2."""

    id: str
    name: str
    severities: tuple[str, ...]  # level ids, most severe first
    description: str = ""


@dataclass(frozen=True)
class PageEntry:
    """One step of the paging chain: whom, how, and when to move on to the next step."""

    who: str  # in words: "Primary on-call of the affected service"
    kind: str | None = None  # rotation | role | team | person
    role: str | None = None  # role id, when kind is role
    how: str = "page"  # page | chat-command | phone | ticket | email
    command: str | None = None  # for chat-command: "!ic page"
    phone: str | None = None  # for phone
    pin: str | None = None  # for phone
    link: str | None = None
    urgency: str | None = None  # high | low
    escalate_after: str | None = None  # duration: no acknowledgement by then -> the next entry


@dataclass(frozen=True)
class PublicCommunication:
    """Whether the public hears of it: always | if-customer-facing | conditional | lead-decides |
    never; `condition` in words when conditional."""

    when: str
    condition: str = ""


@dataclass(frozen=True)
class Executives:
    """Whether executives are told (always | conditional | never) and, separately, how soon."""

    when: str
    condition: str = ""
    within: str | None = None  # duration


@dataclass(frozen=True)
class Response:
    """What happens at one level; every part optional (absent: the pages say nothing)."""

    acknowledge_within: str | None = None
    lead: str | None = None  # role id; default: roles.yaml `lead`, else the first role
    lead_assigned_within: str | None = None
    page: tuple[PageEntry, ...] = ()  # in order
    roles: tuple[str, ...] = ()  # role ids staffed at this level
    war_room: bool | None = None
    public_communication: PublicCommunication | None = None
    executives: Executives | None = None
    resolution_target: str = ""  # words: "as fast as possible"
    tracked_as_bug: bool | None = None
    actions: tuple[str, ...] = ()  # further response bullets in words


@dataclass(frozen=True)
class Severity:
    """One level; the tuple `Playbook.severities` is ordered from most to least severe."""

    id: str  # e.g. sev1
    label: str  # e.g. SEV-1
    summary: str
    definition: tuple[str, ...]
    name: str = ""  # e.g. Critical
    examples: tuple[str, ...] = ()  # may be Markdown links
    response: Response = field(default_factory=Response)
    review: Review = field(default_factory=Review, metadata={INLINE: True})


# --------------------------------------------------------------------------- roles.yaml


@dataclass(frozen=True)
class Role:
    """A role; its tasks are phases.yaml items with its id as `role` (`Playbook.tasks_for_role`)."""

    id: str
    name: str
    summary: str
    responsibilities: tuple[str, ...]
    short: str = ""  # abbreviation, e.g. IC
    not_their_job: tuple[str, ...] = ()
    typical_holder: str = ""
    takes_off_others: str = ""
    staffing: str = "per-incident"  # per-incident | standing
    activated_by: str = ""  # when a per-incident role is staffed, in words
    owns_updates_for: tuple[str, ...] = ()  # audience ids
    review: Review = field(default_factory=Review, metadata={INLINE: True})


# --------------------------------------------------------------------------- phases.yaml


@dataclass(frozen=True)
class ChecklistItem:
    id: str  # stable within its phase; used as the key of a ticked item
    text: str
    role: str | None = None  # role id that owns the item
    severities: tuple[str, ...] = ()  # level or group ids; empty: every level
    types: tuple[str, ...] = ()  # incident type ids; empty: every type, ordinary incidents too
    detail: str = ""


@dataclass(frozen=True)
class Phase:
    id: str
    name: str
    goal: str
    summary: str
    checklist: tuple[ChecklistItem, ...] = ()


@dataclass(frozen=True)
class WorkflowStep:
    id: str
    title: str
    detail: str
    phase: str  # phase id


# --------------------------------------------------------------------------- communication.yaml


@dataclass(frozen=True)
class Audience:
    id: str
    name: str
    description: str
    format: str  # how to write for this audience
    channels: tuple[str, ...] = ()  # channel ids


@dataclass(frozen=True)
class Channel:
    id: str
    name: str
    kind: str  # chat | bridge | status-page | email | phone | other
    purpose: str
    naming_pattern: str | None = None  # e.g. "#inc-{date}-{slug}"
    link: str | None = None
    severities: tuple[str, ...] = ()  # level or group ids; empty: every level
    types: tuple[str, ...] = ()  # incident type ids; empty: every type
    private: bool = False


@dataclass(frozen=True)
class FirstUpdate:
    """The first message: within a duration of an event."""

    within: str
    from_event: str = field(default="declared", metadata={KEY: "from"})
    # declared | response-started | previous-message | impact-changed


@dataclass(frozen=True)
class FollowUp:
    """A named message after the first (a scoping update), counted from an event."""

    name: str
    within: str
    from_event: str = field(default="previous-message", metadata={KEY: "from"})


@dataclass(frozen=True)
class StageInterval:
    """The interval while the incident is at one status stage (`by_stage: {stage: every}`)."""

    stage: str  # stage id of status-templates.yaml
    every: str  # duration | as-progress-dictates | none


@dataclass(frozen=True)
class LongIncident:
    """The slower rhythm of a long incident; no `every`: at the lead's discretion."""

    after: str  # duration since the incident was declared
    every: str | None = None
    not_before: str | None = None  # minimum gap between updates


@dataclass(frozen=True)
class Cadence:
    """How one audience hears from us at one level (one cell of severity -> audience)."""

    severity: str  # level id (the YAML key)
    audience: str  # audience id (the YAML key)
    first_update: FirstUpdate | None = None
    follow_ups: tuple[FollowUp, ...] = ()
    every: str | None = None  # duration | as-progress-dictates | none
    by_stage: tuple[StageInterval, ...] = field(
        default=(), metadata={KEYED: ("stage",), VALUE: "every"}
    )
    also_on: tuple[str, ...] = ()  # impact-changed | stage-changed | severity-changed | resolved
    long_incident: LongIncident | None = None

    def every_at(self, stage_id: str | None) -> str | None:
        """The interval at a stage: its `by_stage` value, else `every`."""
        for entry in self.by_stage:
            if entry.stage == stage_id:
                return entry.every
        return self.every


@dataclass(frozen=True)
class PhraseToAvoid:
    phrase: str
    why: str
    instead: str
    pattern: str | None = None  # a regular expression; defaults to the phrase, case-insensitive


@dataclass(frozen=True)
class Communication:
    audiences: tuple[Audience, ...]
    channels: tuple[Channel, ...]
    cadence: tuple[Cadence, ...] = field(
        default=(), metadata={KEYED: ("severity", "audience")}
    )  # in severity order, then audience order
    principles: tuple[Principle, ...] = ()
    phrases_to_avoid: tuple[PhraseToAvoid, ...] = ()


# --------------------------------------------------------------------------- status-templates.yaml


@dataclass(frozen=True)
class Stage:
    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Placeholder:
    name: str
    description: str
    example: str
    default: str | None = None


@dataclass(frozen=True)
class StatusTemplate:
    id: str
    stage: str  # stage id
    audience: str  # audience id
    title: str  # may use placeholders
    body: str  # uses placeholders as {name}
    placeholders: tuple[Placeholder, ...] = ()
    severities: tuple[str, ...] = ()  # level or group ids; empty: every level
    review: Review = field(default_factory=Review, metadata={INLINE: True})


# --------------------------------------------------------------------------- incident-types.yaml


@dataclass(frozen=True)
class IncidentType:
    """A kind of incident (security, exercise) with its own lead, roles, channels and rules."""

    id: str
    name: str
    summary: str = ""
    lead: str | None = None  # role id
    roles: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()  # channel ids
    severities: tuple[str, ...] = ()  # level or group ids it can take; empty: any
    public_communication: PublicCommunication | None = None
    actions: tuple[str, ...] = ()
    review: Review = field(default_factory=Review, metadata={INLINE: True})


# --------------------------------------------------------------------------- decision-tree.yaml


@dataclass(frozen=True)
class Answer:
    label: str
    next: str | None = None  # node id
    severity: str | None = None  # level id; exactly one of next/severity is set
    type: str | None = None  # incident type id, beside severity
    note: str = ""


@dataclass(frozen=True)
class DecisionNode:
    id: str
    question: str
    answers: tuple[Answer, ...]
    help: str = ""


@dataclass(frozen=True)
class DecisionTree:
    start: str  # node id
    nodes: tuple[DecisionNode, ...]
    tie_break: str = ""


# --------------------------------------------------------------------------- rubrics.yaml


@dataclass(frozen=True)
class Rubric:
    id: str
    question: str  # "Roll back?"
    criteria_mode: str  # any | all
    criteria: tuple[str, ...]
    default_when_unsure: str
    exceptions: tuple[str, ...] = ()
    rationale: str = ""
    severities: tuple[str, ...] = ()  # level or group ids; empty: every level


# --------------------------------------------------------------------------- mitigation.yaml


@dataclass(frozen=True)
class MitigationPattern:
    id: str
    name: str
    description: str
    use_when: str
    caution: str = ""


@dataclass(frozen=True)
class Symptom:
    id: str
    symptom: str
    first_mitigation: str  # what to do first, in words
    pattern: str | None = None  # mitigation pattern id


@dataclass(frozen=True)
class Mitigation:
    principle: str
    patterns: tuple[MitigationPattern, ...]
    symptoms: tuple[Symptom, ...]
    when_unsure: str


# --------------------------------------------------------------------------- guidance.yaml


@dataclass(frozen=True)
class FailurePattern:
    id: str
    name: str
    description: str
    prevention: str


@dataclass(frozen=True)
class AfterIncidentStep:
    id: str
    title: str
    detail: str
    within: str | None = None  # duration, e.g. 2d, 2w or 5bd
    role: str | None = None  # role id
    severities: tuple[str, ...] = ()  # level or group ids; empty: every level


@dataclass(frozen=True)
class SummaryField:
    """One heading or field of the incident summary template."""

    id: str
    title: str
    prompt: str
    kind: str  # field (one line: "Date: ...") | section (a heading with text below)


@dataclass(frozen=True)
class Guidance:
    summary_template: tuple[SummaryField, ...]
    decision_authority: tuple[str, ...] = ()  # what the lead may decide
    non_decisions: tuple[Principle, ...] = ()  # ways of not deciding to avoid
    failure_patterns: tuple[FailurePattern, ...] = ()
    on_call: tuple[Principle, ...] = ()
    after_incident: tuple[AfterIncidentStep, ...] = ()


# --------------------------------------------------------------------------- the whole


@dataclass(frozen=True)
class Playbook:
    organisation: Organisation = field(metadata={SOURCE: ("organisation", None)})
    severities: tuple[Severity, ...] = field(metadata={SOURCE: ("severities", "severities")})
    roles: tuple[Role, ...] = field(metadata={SOURCE: ("roles", "roles")})
    phases: tuple[Phase, ...] = field(metadata={SOURCE: ("phases", "phases")})
    workflow: tuple[WorkflowStep, ...] = field(metadata={SOURCE: ("phases", "workflow")})
    communication: Communication = field(metadata={SOURCE: ("communication", None)})
    stages: tuple[Stage, ...] = field(metadata={SOURCE: ("status-templates", "stages")})
    status_templates: tuple[StatusTemplate, ...] = field(
        metadata={SOURCE: ("status-templates", "templates")}
    )
    rubrics: tuple[Rubric, ...] = field(metadata={SOURCE: ("rubrics", "rubrics")})
    mitigation: Mitigation = field(metadata={SOURCE: ("mitigation", None)})
    guidance: Guidance = field(metadata={SOURCE: ("guidance", None)})
    groups: tuple[SeverityGroup, ...] = field(
        default=(), metadata={SOURCE: ("severities", "groups")}
    )
    default_lead: str | None = field(
        default=None, metadata={SOURCE: ("roles", "lead")}
    )  # roles.yaml `lead`
    incident_types: tuple[IncidentType, ...] = field(
        default=(), metadata={SOURCE: ("incident-types", "types")}
    )
    decision_tree: DecisionTree | None = field(
        default=None, metadata={SOURCE: ("decision-tree", None)}
    )
    file_reviews: tuple[FileReview, ...] = ()

    # ------------------------------------------------------------------ look-ups by id

    def severity(self, severity_id: str) -> Severity:
        return _by_id(self.severities, severity_id)

    def group(self, group_id: str) -> SeverityGroup:
        return _by_id(self.groups, group_id)

    def role(self, role_id: str) -> Role:
        return _by_id(self.roles, role_id)

    def phase(self, phase_id: str) -> Phase:
        return _by_id(self.phases, phase_id)

    def stage(self, stage_id: str) -> Stage:
        return _by_id(self.stages, stage_id)

    def incident_type(self, type_id: str) -> IncidentType:
        return _by_id(self.incident_types, type_id)

    def cadence(self, severity_id: str, audience_id: str) -> Cadence:
        """One cell of the cadence; `KeyError` when the playbook leaves it out."""
        for entry in self.communication.cadence:
            if entry.severity == severity_id and entry.audience == audience_id:
                return entry
        raise KeyError((severity_id, audience_id))

    # ------------------------------------------------------------------ rules the pages apply

    def lead_for(self, severity_id: str | None = None, type_id: str | None = None) -> Role:
        """The role that leads: the incident type's lead, else the level's, else roles.yaml
        `lead`, else the first role. Pages use its `name` instead of a fixed "incident
        commander"."""
        chosen = self.incident_type(type_id).lead if type_id else None
        if chosen is None and severity_id is not None:
            chosen = self.severity(severity_id).response.lead
        chosen = chosen or self.default_lead
        return self.role(chosen) if chosen else self.roles[0]

    def levels_of(self, ids: Iterable[str]) -> tuple[str, ...]:
        """Level ids for a list of level and group ids, groups expanded, in severity order."""
        wanted: set[str] = set()
        groups = {g.id: g for g in self.groups}
        for some_id in ids:
            wanted.update(groups[some_id].severities if some_id in groups else (some_id,))
        return tuple(s.id for s in self.severities if s.id in wanted)

    def groups_of(self, severity_id: str) -> tuple[SeverityGroup, ...]:
        """The groups a level belongs to, in file order."""
        return tuple(g for g in self.groups if severity_id in g.severities)

    def applies(self, item: Any, severity_id: str | None, type_id: str | None = None) -> bool:
        """Whether an item with `severities` (and maybe `types`) applies to an incident of this
        level and type. Empty lists mean "every"; `None` for the level means "any level"; an
        item with `types` applies only to incidents of those types."""
        severities = getattr(item, "severities", ())
        if severity_id is not None and severities and severity_id not in self.levels_of(severities):
            return False
        types = getattr(item, "types", ())
        return not types or type_id in types

    def tasks_for_role(self, role_id: str) -> tuple[tuple[Phase, tuple[ChecklistItem, ...]], ...]:
        """The checklist items a role owns, grouped by phase in phase order (phases without any
        are left out): the role page's checklist."""
        grouped = ((p, tuple(i for i in p.checklist if i.role == role_id)) for p in self.phases)
        return tuple((phase, items) for phase, items in grouped if items)

    def severities_for_role(self, role_id: str) -> tuple[Severity, ...]:
        """The levels that staff or are led by a role."""
        return tuple(
            s
            for s in self.severities
            if role_id in s.response.roles or self.lead_for(s.id).id == role_id
        )


def _by_id(items: tuple, wanted: str):  # type: ignore[type-arg]
    for item in items:
        if item.id == wanted:
            return item
    raise KeyError(wanted)
