"""Look-ups the templates need, over the typed model: by id, by severity, by role.

Templates stay declarative: anything that needs a loop over two collections or a join lives here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from generator.freshness import ReviewState, review_state, today
from generator.model import (
    Answer,
    Audience,
    Cadence,
    Channel,
    ChecklistItem,
    DecisionNode,
    MitigationPattern,
    Playbook,
    Role,
    Severity,
    Stage,
    StatusTemplate,
)


@dataclass(frozen=True)
class CheckRow:
    """One row of a rendered checklist (SITE.md: item id, text, optional meta line)."""

    id: str
    text: str
    meta: str = ""
    detail: str = ""


@dataclass(frozen=True)
class OutlineBranch:
    """An answer in the static tree outline: leads to a nested question, a severity, or a
    question already shown above (`seen`), which is linked instead of repeated."""

    answer: Answer
    node: OutlineNode | None = None
    seen: DecisionNode | None = None
    seen_number: int = 0


@dataclass(frozen=True)
class OutlineNode:
    node: DecisionNode
    number: int
    branches: list[OutlineBranch] = field(default_factory=list)


@dataclass(frozen=True)
class PlaybookView:
    """The model plus the cross-references pages show (who staffs what, which template applies)."""

    pb: Playbook
    today: date | None = None  # the day review freshness is measured on (the build date)

    def severity(self, severity_id: str) -> Severity:
        return self.pb.severity(severity_id)

    def role(self, role_id: str) -> Role:
        return self.pb.role(role_id)

    def audience(self, audience_id: str) -> Audience:
        return _by_id(self.pb.communication.audiences, audience_id)

    def channel(self, channel_id: str) -> Channel:
        return _by_id(self.pb.communication.channels, channel_id)

    def stage(self, stage_id: str) -> Stage:
        return _by_id(self.pb.stages, stage_id)

    def pattern(self, pattern_id: str) -> MitigationPattern:
        return _by_id(self.pb.mitigation.patterns, pattern_id)

    def cadence(self, severity_id: str, audience_id: str) -> Cadence | None:
        """The cadence of one cell; None when the playbook leaves the cell out."""
        try:
            return self.pb.cadence(severity_id, audience_id)
        except KeyError:
            return None

    def templates_for(self, severity_id: str) -> list[StatusTemplate]:
        """Status templates that apply at a severity (no `severities` list means all), in stage
        order, then audience order."""
        stages = [stage.id for stage in self.pb.stages]
        audiences = [audience.id for audience in self.pb.communication.audiences]
        applying = [
            t for t in self.pb.status_templates if not t.severities or severity_id in t.severities
        ]
        return sorted(applying, key=lambda t: (stages.index(t.stage), audiences.index(t.audience)))

    def templates_of(self, stage_id: str, audience_id: str) -> list[StatusTemplate]:
        return [
            t for t in self.pb.status_templates if t.stage == stage_id and t.audience == audience_id
        ]

    def severities_staffing(self, role_id: str) -> list[Severity]:
        """The severities whose response staffs this role."""
        return [s for s in self.pb.severities if role_id in s.response.roles]

    def severity_labels(self, severity_ids: tuple[str, ...]) -> str:
        return ", ".join(self.severity(s).label for s in severity_ids)

    def checklist_meta(self, item: ChecklistItem) -> str:
        """`Owner: IC · SEV-1, SEV-2`: who owns the item and where it applies; empty if neither."""
        parts = []
        if item.role:
            parts.append(f"Owner: {self.role(item.role).short}")
        if item.severities:
            parts.append(self.severity_labels(item.severities))
        return " · ".join(parts)

    def role_items(self, role: Role, phase_id: str) -> tuple[str, ...]:
        for checklist in role.checklists:
            if checklist.phase == phase_id:
                return checklist.items
        return ()

    def phase_checklist(self, phase_id: str) -> list[CheckRow]:
        """A phase checklist: item ids are the YAML ids."""
        return [
            CheckRow(item.id, item.text, self.checklist_meta(item), item.detail)
            for item in self.pb.phase(phase_id).checklist
        ]

    def role_checklist(self, role: Role, phase_id: str) -> list[CheckRow]:
        """A role's checklist for one phase: item ids are `<phase id>-<n>`, counting from 1."""
        return [
            CheckRow(f"{phase_id}-{n}", text)
            for n, text in enumerate(self.role_items(role, phase_id), start=1)
        ]

    def tree_outline(self) -> OutlineNode:
        """The decision tree as nested questions from the start; each question is expanded once."""
        nodes = {node.id: node for node in self.pb.decision_tree.nodes}
        numbers: dict[str, int] = {}

        def expand(node: DecisionNode) -> OutlineNode:
            numbers[node.id] = len(numbers) + 1
            outline = OutlineNode(node, numbers[node.id])
            for answer in node.answers:
                if answer.next is None:
                    outline.branches.append(OutlineBranch(answer))
                elif answer.next in numbers:
                    outline.branches.append(
                        OutlineBranch(
                            answer, seen=nodes[answer.next], seen_number=numbers[answer.next]
                        )
                    )
                else:
                    child = expand(nodes[answer.next])
                    outline.branches.append(OutlineBranch(answer, node=child))
            return outline

        return expand(nodes[self.pb.decision_tree.start])

    def workflow_of(self, phase_id: str) -> list:
        return [step for step in self.pb.workflow if step.phase == phase_id]

    def review_of(self, kind: str, item: object = None) -> ReviewState:
        """Owner and review date of a page: the item's own (a severity, role or template) where
        it has them, else its file's; `stale` uses the organisation's maximum age."""
        owner = last = None
        own = getattr(item, "review", None)
        if own is not None:
            owner, last = own.owner, own.last_reviewed
        for file_review in self.pb.file_reviews:
            if file_review.file == kind:
                owner = owner or file_review.review.owner
                last = last or file_review.review.last_reviewed
        on = today(default=self.today)
        return review_state(owner, last, self.pb.organisation.review_max_age_days, on)

    def phase_items_of(self, role_id: str) -> list[tuple[str, ChecklistItem]]:
        """Phase checklist items owned by a role, with their phase id."""
        return [
            (phase.id, item)
            for phase in self.pb.phases
            for item in phase.checklist
            if item.role == role_id
        ]


def _by_id(items: tuple, wanted: str):  # type: ignore[type-arg]
    for item in items:
        if item.id == wanted:
            return item
    raise KeyError(wanted)
