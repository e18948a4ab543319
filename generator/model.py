"""The typed, immutable playbook model.

Renderers and tools see only these classes, never raw YAML. Every class is a frozen dataclass and
every collection a tuple, so a model can be shared freely and compared by value. The YAML keys of
the playbook files are exactly the field names below (snake_case); `schema/` describes the same
shape for editors and `check-jsonschema`.

Durations are kept as the strings the author wrote (`5m`, `1h`, `2d`, `immediately`,
`next-business-day`); `generator.durations` converts them where arithmetic is needed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    status_page: str | None = None
    on_call: str | None = None
    incident_tracker: str | None = None
    chat: str | None = None


@dataclass(frozen=True)
class Terminology:
    """The words an organisation uses: "severity" or "priority"; labels such as SEV-1 or P1."""

    severity_word: str = "severity"
    incident_word: str = "incident"


@dataclass(frozen=True)
class Organisation:
    name: str
    timezone: str  # IANA name, e.g. Europe/Berlin
    language: str = "en"  # BCP 47 tag of the content
    playbook_version: str = ""
    links: Links = field(default_factory=Links)
    terminology: Terminology = field(default_factory=Terminology)
    review_max_age_days: int = 365  # older `last_reviewed` dates are reported as stale


# --------------------------------------------------------------------------- severities.yaml


@dataclass(frozen=True)
class IncidentCommander:
    required: bool
    assigned_within: str | None = None  # duration


@dataclass(frozen=True)
class Response:
    acknowledge_within: str  # duration
    incident_commander: IncidentCommander
    page: tuple[str, ...]  # who is paged, in words ("primary on-call")
    roles: tuple[str, ...]  # role ids to staff
    war_room: bool
    public_communication: str  # always | if-customer-facing | never
    executive_notification_within: str | None  # duration, or None for "not required"
    resolution_target: str  # words: "as fast as possible", "within a business day"
    tracked_as_bug: bool = False
    actions: tuple[str, ...] = ()  # further response bullets in words


@dataclass(frozen=True)
class Severity:
    """One level; the tuple `Playbook.severities` is ordered from most to least severe."""

    id: str  # e.g. sev1
    label: str  # e.g. SEV-1
    name: str  # e.g. Critical
    summary: str
    definition: tuple[str, ...]
    examples: tuple[str, ...]
    response: Response
    review: Review = field(default_factory=Review)


# --------------------------------------------------------------------------- roles.yaml


@dataclass(frozen=True)
class RoleChecklist:
    phase: str  # phase id
    items: tuple[str, ...]


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    short: str  # abbreviation, e.g. IC
    summary: str
    responsibilities: tuple[str, ...]
    not_their_job: tuple[str, ...]
    typical_holder: str
    takes_off_others: str
    activated_by: str
    checklists: tuple[RoleChecklist, ...]  # in phase order
    review: Review = field(default_factory=Review)


# --------------------------------------------------------------------------- phases.yaml


@dataclass(frozen=True)
class ChecklistItem:
    id: str  # stable within its phase; used as the key of a ticked item
    text: str
    role: str | None = None  # role id that owns the item
    severities: tuple[str, ...] = ()  # empty: applies to every severity
    detail: str = ""


@dataclass(frozen=True)
class Phase:
    id: str
    name: str
    goal: str
    summary: str
    checklist: tuple[ChecklistItem, ...]


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
    channels: tuple[str, ...]  # channel ids


@dataclass(frozen=True)
class Channel:
    id: str
    name: str
    kind: str  # chat | bridge | status-page | email | other
    purpose: str
    naming_pattern: str | None = None  # e.g. "#inc-{date}-{slug}"
    link: str | None = None


@dataclass(frozen=True)
class LongIncident:
    after: str  # duration since the incident started
    every: str  # the slower interval from then on


@dataclass(frozen=True)
class Cadence:
    """How often one audience hears from us at one severity."""

    severity: str  # severity id
    audience: str  # audience id
    every: str  # a duration, "as-progress-dictates" or "none"
    first_update_within: str | None = None
    long_incident: LongIncident | None = None


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
    cadence: tuple[Cadence, ...]  # severity order, then audience order
    principles: tuple[Principle, ...]
    phrases_to_avoid: tuple[PhraseToAvoid, ...]


# --------------------------------------------------------------------------- status-templates.yaml


@dataclass(frozen=True)
class Stage:
    id: str
    name: str
    description: str


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
    placeholders: tuple[Placeholder, ...]
    severities: tuple[str, ...] = ()  # empty: every severity
    review: Review = field(default_factory=Review)


# --------------------------------------------------------------------------- decision-tree.yaml


@dataclass(frozen=True)
class Answer:
    label: str
    next: str | None = None  # node id
    severity: str | None = None  # severity id; exactly one of next/severity is set
    note: str = ""


@dataclass(frozen=True)
class DecisionNode:
    id: str
    question: str
    help: str
    answers: tuple[Answer, ...]


@dataclass(frozen=True)
class DecisionTree:
    start: str  # node id
    tie_break: str
    nodes: tuple[DecisionNode, ...]


# --------------------------------------------------------------------------- rubrics.yaml


@dataclass(frozen=True)
class Rubric:
    id: str
    question: str  # "Roll back?"
    criteria_mode: str  # any | all
    criteria: tuple[str, ...]
    exceptions: tuple[str, ...]
    default_when_unsure: str
    rationale: str = ""


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
    within: str | None = None  # duration, e.g. 2d or 2w
    role: str | None = None  # role id


@dataclass(frozen=True)
class SummaryField:
    """One heading or field of the incident summary template."""

    id: str
    title: str
    prompt: str
    kind: str  # field (one line: "Date: ...") | section (a heading with text below)


@dataclass(frozen=True)
class Guidance:
    decision_authority: tuple[str, ...]  # what the IC may decide
    non_decisions: tuple[Principle, ...]  # ways of not deciding to avoid
    failure_patterns: tuple[FailurePattern, ...]
    on_call: tuple[Principle, ...]
    after_incident: tuple[AfterIncidentStep, ...]
    summary_template: tuple[SummaryField, ...]


# --------------------------------------------------------------------------- the whole


@dataclass(frozen=True)
class Playbook:
    organisation: Organisation
    severities: tuple[Severity, ...]
    roles: tuple[Role, ...]
    phases: tuple[Phase, ...]
    workflow: tuple[WorkflowStep, ...]
    communication: Communication
    stages: tuple[Stage, ...]
    status_templates: tuple[StatusTemplate, ...]
    decision_tree: DecisionTree
    rubrics: tuple[Rubric, ...]
    mitigation: Mitigation
    guidance: Guidance
    file_reviews: tuple[FileReview, ...] = ()

    def severity(self, severity_id: str) -> Severity:
        return _by_id(self.severities, severity_id)

    def role(self, role_id: str) -> Role:
        return _by_id(self.roles, role_id)

    def phase(self, phase_id: str) -> Phase:
        return _by_id(self.phases, phase_id)

    def cadence(self, severity_id: str, audience_id: str) -> Cadence:
        for entry in self.communication.cadence:
            if entry.severity == severity_id and entry.audience == audience_id:
                return entry
        raise KeyError((severity_id, audience_id))


def _by_id(items: tuple, wanted: str):  # type: ignore[type-arg]
    for item in items:
        if item.id == wanted:
            return item
    raise KeyError(wanted)
