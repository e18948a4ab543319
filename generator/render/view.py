"""Look-ups the templates need, over the typed model: by id, by severity, by role, by type.

Templates stay declarative: anything that needs a loop over two collections, a join or a choice of
words lives here, and every sentence about a rule comes from `generator.wording`. An absent
value gives an empty list or `""`, so a template prints nothing for it. Words of our own (fact
names, labels) are gettext messages looked up when called, so they speak the page's language.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from generator import wording as words
from generator.freshness import ReviewState, review_state, today
from generator.i18n import current_language, pgettext
from generator.i18n import gettext as _
from generator.model import (
    Audience,
    Cadence,
    Channel,
    ChecklistItem,
    IncidentType,
    MitigationPattern,
    PageEntry,
    Phase,
    Playbook,
    Role,
    Severity,
    SeverityGroup,
    Stage,
    StatusTemplate,
)
from generator.render.flowchart import OutlineNode, tree_outline

#: What joins the urgency to the way of paging ("page, high urgency"; Japanese "、").
_LEADING_SEPARATORS = re.compile(r"^[\s,\u3001\uff0c]+")  # comma, ideographic and full-width

#: Channel kinds a responder joins (the home page's "join" actions).
JOINABLE = ("bridge", "chat", "phone")


@dataclass(frozen=True)
class CheckRow:
    """One row of a rendered checklist: item id, text, optional meta line and detail. `task` is
    `<phase id>/<item id>`, the same on every page that shows the item."""

    id: str
    text: str
    meta: str = ""
    detail: str = ""
    task: str = ""


@dataclass(frozen=True)
class PageStep:
    """One entry of a paging chain with its words: `how` ("chat command"), `urgency`,
    `escalation` ("no acknowledgement within 15 minutes: the next step"), `tel` (a phone
    number's `tel:` link)."""

    entry: PageEntry
    role: Role | None
    how: str
    escalation: str
    tel: str = ""
    urgency: str = ""  # "high urgency", in the words of `words.page_how`


@dataclass(frozen=True)
class Fact:
    """A line of a level's response: a name and its words (inline Markdown allowed); `key` names
    the fact in any language (`acknowledge`, `war-room`, ...)."""

    name: str
    value: str
    key: str = ""


@dataclass(frozen=True)
class ComparisonRow:
    """A row of the severity comparison: one cell per level, `""` where the level says nothing."""

    name: str
    cells: list[str]


@dataclass(frozen=True)
class CadenceRow:
    audience: Audience
    summary: str
    channels: list[Channel]


@dataclass(frozen=True)
class PlaybookView:
    """The model plus the cross-references pages show (who leads, who is paged, what applies)."""

    pb: Playbook
    today: date | None = None  # the day review freshness is measured on (the build date)

    # ------------------------------------------------------------------ by id

    def severity(self, severity_id: str) -> Severity:
        return self.pb.severity(severity_id)

    def role(self, role_id: str) -> Role:
        return self.pb.role(role_id)

    def audience(self, audience_id: str) -> Audience:
        return _by_id(self.pb.communication.audiences, audience_id)

    def channel(self, channel_id: str) -> Channel:
        return _by_id(self.pb.communication.channels, channel_id)

    def stage(self, stage_id: str) -> Stage:
        return self.pb.stage(stage_id)

    def pattern(self, pattern_id: str) -> MitigationPattern:
        return _by_id(self.pb.mitigation.patterns, pattern_id)

    def incident_type(self, type_id: str) -> IncidentType:
        return self.pb.incident_type(type_id)

    # ------------------------------------------------------------------ levels and groups

    @property
    def groups(self) -> tuple[SeverityGroup, ...]:
        return self.pb.groups

    def groups_of(self, severity_id: str) -> tuple[SeverityGroup, ...]:
        return self.pb.groups_of(severity_id)

    def levels_of(self, ids: tuple[str, ...] | list[str]) -> list[Severity]:
        """The levels a list of level and group ids stands for, most severe first."""
        return [self.pb.severity(s) for s in self.pb.levels_of(ids)]

    def severity_labels(self, severities: list[Severity] | tuple[str, ...]) -> str:
        """The labels ("SEV-1, SEV-2") of levels, or of level and group ids (groups expanded)."""
        if all(isinstance(s, Severity) for s in severities):
            return _(", ").join(s.label for s in severities)  # type: ignore[union-attr]
        return _(", ").join(s.label for s in self.levels_of(tuple(str(s) for s in severities)))

    def aliases(self, severity: Severity) -> list[str]:
        return severity_aliases(severity, self.pb.organisation.terminology.severity_word)

    @property
    def severities_with_acknowledgement(self) -> list[Severity]:
        return [s for s in self.pb.severities if s.response.acknowledge_within]

    # ------------------------------------------------------------------ who leads, who is paged

    def lead_for(self, severity_id: str) -> Role:
        return self.pb.lead_for(severity_id)

    @property
    def default_lead(self) -> Role:
        """The role that leads when no level or type names one."""
        return self.pb.lead_for()

    @property
    def default_lead_title(self) -> str:
        """The default lead's name inside a sentence ("the incident commander decides")."""
        return words.role_title(self.default_lead)

    def type_lead(self, kind: IncidentType) -> Role | None:
        return self.pb.role(kind.lead) if kind.lead else None

    def severities_led_by(self, role_id: str) -> list[Severity]:
        return [s for s in self.pb.severities if self.lead_for(s.id).id == role_id]

    @property
    def action_roles(self) -> list[Role]:
        """The roles on the home page's "your role's checklist": those with tasks, leads first."""
        leads = [self.lead_for(s.id) for s in self.pb.severities]
        with_tasks = [r for r in self.pb.roles if self.pb.tasks_for_role(r.id)]
        return list(dict.fromkeys([*[r for r in leads if r in with_tasks], *with_tasks]))

    def chain(self, severity: Severity) -> list[PageStep]:
        """The paging chain of a level, in order; empty when it pages nobody."""
        steps = []
        for entry in severity.response.page:
            # The command, number and PIN are printed apart (with copy buttons), so the words
            # here are only how and how urgent.
            bare = dataclasses.replace(entry, command=None, phone=None, pin=None, urgency=None)
            how = words.page_how(bare)
            urgent = words.page_how(dataclasses.replace(bare, urgency=entry.urgency))
            role = self.pb.role(entry.role) if entry.role else None
            steps.append(
                PageStep(
                    entry,
                    role,
                    how,
                    words.escalation(entry),
                    tel=_tel(entry.phone) if entry.phone else "",
                    urgency=_LEADING_SEPARATORS.sub("", urgent[len(how) :]),
                )
            )
        return steps

    def response_facts(self, severity: Severity) -> list[Fact]:
        """The response lines a level defines, in words; absent ones are left out."""
        r = severity.response
        lead = self.lead_for(severity.id)
        facts = [
            Fact(_("Acknowledge"), words.within(r.acknowledge_within), "acknowledge"),
            Fact(_("War room"), words.yes_no(r.war_room), "war-room"),
            Fact(
                _("Public communication"),
                words.public_communication(r.public_communication, lead),
                "public-communication",
            ),
            Fact(_("Executives told"), words.executives(r.executives, lead), "executives"),
            Fact(_("Resolution target"), r.resolution_target, "resolution-target"),
            Fact(_("Tracked as a bug"), words.yes_no(r.tracked_as_bug), "tracked-as-bug"),
        ]
        return [fact for fact in facts if fact.value]

    def type_public_words(self, kind: IncidentType) -> str:
        """A type's public communication rule; "the lead decides" names the type's lead."""
        lead = self.pb.lead_for(type_id=kind.id)
        return words.public_communication(kind.public_communication, lead)

    def comparison_rows(self) -> list[ComparisonRow]:
        """The rows of the severity comparison; a row no level fills is left out."""
        levels = self.pb.severities
        facts = {s.id: {f.key: f for f in self.response_facts(s)} for s in levels}

        def fact_row(key: str) -> ComparisonRow:
            found = [facts[s.id].get(key) for s in levels]
            name = next((f.name for f in found if f), key)
            return ComparisonRow(name, [f.value if f else "" for f in found])

        rows = [ComparisonRow(_("In short"), [s.summary for s in levels])]
        if self.pb.groups:
            rows.append(
                ComparisonRow(
                    _("Group"), [_(", ").join(g.name for g in self.groups_of(s.id)) for s in levels]
                )
            )
        rows.append(ComparisonRow(_("Leads"), [words.lead(s, self.pb) for s in levels]))
        rows.append(fact_row("acknowledge"))
        rows.append(
            ComparisonRow(_("Who is paged"), [words.page_chain(s.response.page) for s in levels])
        )
        for a in self.pb.communication.audiences:
            rows.append(
                ComparisonRow(
                    _("Updates: %(audience)s") % {"audience": a.name},
                    [self.cadence_summary(s.id, a.id) for s in levels],
                )
            )
        rows.append(
            ComparisonRow(
                _("Roles to staff"),
                [_(", ").join(r.short or r.name for r in self.roles_at(s.id)) for s in levels],
            )
        )
        for key in (
            "public-communication",
            "war-room",
            "executives",
            "resolution-target",
            "tracked-as-bug",
        ):
            rows.append(fact_row(key))
        return [row for row in rows if any(row.cells)]

    # ------------------------------------------------------------------ roles

    def roles_at(self, severity_id: str) -> list[Role]:
        return [self.pb.role(r) for r in self.pb.severity(severity_id).response.roles]

    def severities_staffing(self, role_id: str) -> list[Severity]:
        """The levels whose response staffs this role."""
        return [s for s in self.pb.severities if role_id in s.response.roles]

    @property
    def has_standing_roles(self) -> bool:
        return any(r.staffing == "standing" for r in self.pb.roles)

    def audiences_owned(self, role: Role) -> list[Audience]:
        return [self.audience(a) for a in role.owns_updates_for]

    def update_owners(self, audience_id: str) -> list[Role]:
        return [r for r in self.pb.roles if audience_id in r.owns_updates_for]

    def types_with_role(self, role_id: str) -> list[IncidentType]:
        return [t for t in self.pb.incident_types if role_id in t.roles or t.lead == role_id]

    # ------------------------------------------------------------------ checklists

    def checklist_meta(self, item: ChecklistItem, *, owner: bool = True) -> str:
        """`Owner: IC · SEV-1, SEV-2 · Security incident`: who owns the item and where it
        applies; empty if neither. The role page leaves the owner out (it is the page's role)."""
        parts = []
        if item.role and owner:
            role = self.role(item.role)
            parts.append(_("Owner: %(role)s") % {"role": role.short or role.name})
        if item.severities:
            parts.append(self.levels_words(item.severities))
        if item.types:
            parts.append(_(", ").join(self.incident_type(t).name for t in item.types))
        return " · ".join(parts)

    def levels_words(self, ids: tuple[str, ...]) -> str:
        """A group's name where the list is exactly one group, else the levels' labels."""
        if len(ids) == 1 and any(g.id == ids[0] for g in self.pb.groups):
            group = self.pb.group(ids[0])
            labels = self.severity_labels(self.levels_of(ids))
            return _("%(group)s (%(levels)s)") % {"group": group.name, "levels": labels}
        return self.severity_labels(self.levels_of(ids))

    def _row(self, phase: Phase, item: ChecklistItem, *, owner: bool = True) -> CheckRow:
        meta = self.checklist_meta(item, owner=owner)
        return CheckRow(item.id, item.text, meta, item.detail, f"{phase.id}/{item.id}")

    def phase_checklist(self, phase_id: str) -> list[CheckRow]:
        """A phase checklist: item ids are the YAML ids."""
        phase = self.pb.phase(phase_id)
        return [self._row(phase, item) for item in phase.checklist]

    def role_checklist(self, role: Role) -> list[tuple[Phase, list[CheckRow]]]:
        """The tasks a role owns, by phase: the same rows (and ids) as on the phase pages."""
        return [
            (phase, [self._row(phase, item, owner=False) for item in items])
            for phase, items in self.pb.tasks_for_role(role.id)
        ]

    def type_checklist(self, kind: IncidentType) -> list[tuple[Phase, list[CheckRow]]]:
        """The items written for one incident type, by phase."""
        sections = []
        for phase in self.pb.phases:
            rows = [self._row(phase, item) for item in phase.checklist if kind.id in item.types]
            if rows:
                sections.append((phase, rows))
        return sections

    def workflow_of(self, phase_id: str) -> list:  # type: ignore[type-arg]
        return [step for step in self.pb.workflow if step.phase == phase_id]

    # ------------------------------------------------------------------ communication

    def cadence(self, severity_id: str, audience_id: str) -> Cadence | None:
        """The cadence of one cell; None when the playbook leaves the cell out."""
        try:
            return self.pb.cadence(severity_id, audience_id)
        except KeyError:
            return None

    def cadence_summary(self, severity_id: str, audience_id: str) -> str:
        entry = self.cadence(severity_id, audience_id)
        return words.cadence(entry, self.pb) if entry else ""

    def cadence_rows(self, severity_id: str) -> list[CadenceRow]:
        """The audiences with a cadence at a level, with those of their channels used at that
        level (a channel limited to other levels or to incident types is left out)."""
        rows = []
        for a in self.pb.communication.audiences:
            summary = self.cadence_summary(severity_id, a.id)
            if summary:
                channels = [self.channel(c) for c in a.channels]
                used = [c for c in channels if self.pb.applies(c, severity_id)]
                rows.append(CadenceRow(a, summary, used))
        return rows

    def cadence_groups(self, severity_id: str) -> list[tuple[list[Audience], str]]:
        """The cadence rows of a level with audiences that share the same words merged
        ("Incident team, Customers: As progress dictates"), for the pocket card."""
        groups: dict[str, list[Audience]] = {}
        for row in self.cadence_rows(severity_id):
            groups.setdefault(row.summary, []).append(row.audience)
        return [(audiences, summary) for summary, audiences in groups.items()]

    def cadence_table(self) -> list[tuple[Severity, list[str]]]:
        """The cadence matrix (levels x audiences) in words; empty when nothing is defined."""
        table = [
            (s, [self.cadence_summary(s.id, a.id) for a in self.pb.communication.audiences])
            for s in self.pb.severities
        ]
        return table if any(any(cells) for _, cells in table) else []

    def templates_for(self, severity_id: str) -> list[StatusTemplate]:
        """Status templates that apply at a severity (no `severities` list means all), in stage
        order, then audience order."""
        stages = [stage.id for stage in self.pb.stages]
        audiences = [audience.id for audience in self.pb.communication.audiences]
        applying = [t for t in self.pb.status_templates if self.pb.applies(t, severity_id)]
        return sorted(applying, key=lambda t: (stages.index(t.stage), audiences.index(t.audience)))

    def templates_of(self, stage_id: str, audience_id: str) -> list[StatusTemplate]:
        return [
            t for t in self.pb.status_templates if t.stage == stage_id and t.audience == audience_id
        ]

    @property
    def join_channels(self) -> list[Channel]:
        """Channels a responder joins in any incident (bridge, chat, phone; not type-only or
        private ones)."""
        return [
            c
            for c in self.pb.communication.channels
            if c.kind in JOINABLE and not c.types and not c.private
        ]

    def type_channels(self, kind: IncidentType) -> list[Channel]:
        """The type's own channels and those that name the type, in file order."""
        return [
            c for c in self.pb.communication.channels if c.id in kind.channels or kind.id in c.types
        ]

    @staticmethod
    def channel_kind(kind: str) -> str:
        """A channel's kind (a schema choice) in the page's language; English shows the choice."""
        kinds = {
            "chat": pgettext("channel kind", "chat"),
            "bridge": pgettext("channel kind", "bridge"),
            "phone": pgettext("channel kind", "phone"),
            "status-page": pgettext("channel kind", "status-page"),
            "email": pgettext("channel kind", "email"),
            "other": pgettext("channel kind", "other"),
        }
        return kinds.get(kind, kind)

    @property
    def language(self) -> str:
        """The language of the page being rendered (`with speaking(lang)`), e.g. to mark text
        quoted in another language."""
        return current_language()

    @staticmethod
    def link_text(target: str) -> str:
        """A link as readers see it: `tel:+15550100` -> `+15550100`, `mailto:a@b` -> `a@b`."""
        for scheme in ("tel:", "mailto:"):
            if target.lower().startswith(scheme):
                return target[len(scheme) :]
        return target

    @property
    def tool_links(self) -> list[tuple[str, str]]:
        """The organisation's links that are set, as (name, target)."""
        links = self.pb.organisation.links
        named = [
            (_("on-call schedule"), links.on_call),
            (_("status page"), links.status_page),
            (_("incident tracker"), links.incident_tracker),
            (pgettext("tool link", "chat"), links.chat),
        ]
        return [(name, target) for name, target in named if target]

    # ------------------------------------------------------------------ incident types, tree

    @property
    def incident_types(self) -> tuple[IncidentType, ...]:
        return self.pb.incident_types

    def types_at(self, severity_id: str) -> list[IncidentType]:
        """The incident types that can take this level (a type without `severities`: any)."""
        return [t for t in self.pb.incident_types if self.pb.applies(t, severity_id)]

    @property
    def has_tree(self) -> bool:
        return self.pb.decision_tree is not None

    @property
    def decide_page(self) -> str:
        """Where "decide the severity" leads: the tree, or the comparison when there is none."""
        return "respond/decide-severity.md" if self.has_tree else "severities/index.md"

    @property
    def tie_break(self) -> str:
        return self.pb.decision_tree.tie_break if self.pb.decision_tree else ""

    def tree_outline(self) -> OutlineNode:
        """The decision tree as nested questions from the start (only with a tree)."""
        assert self.pb.decision_tree is not None, "the outline is only rendered with a tree"
        return tree_outline(self.pb.decision_tree)

    # ------------------------------------------------------------------ review freshness

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

    @cached_property
    def site_facts(self) -> dict[str, object]:
        """What playbook.js needs on every page (the incident banner): zone, words, levels."""
        org = self.pb.organisation
        return {
            "timezone": org.timezone,
            "language": org.language,
            "incident_word": org.terminology.incident_word,
            "severity_word": org.terminology.severity_word,
            "severities": [
                {"id": s.id, "label": s.label, **({"name": s.name} if s.name else {})}
                for s in self.pb.severities
            ],
        }


def severity_aliases(severity: Severity, severity_word: str) -> list[str]:
    """What responders type to find a level: "sev1", "SEV1", "sev 1", "s1" (and "p1" where the
    organisation says priority), from the label's letters and number; the id last."""
    found = re.match(r"^\s*([A-Za-z]+)[\s_-]*(\d+)\s*$", severity.label)
    if not found:
        return [severity.id]
    letters, number = found.group(1), found.group(2)
    names = [f"{letters.lower()}{number}", f"{letters.upper()}{number}"]
    names += [f"{letters.lower()} {number}", f"{letters[0].lower()}{number}"]
    if severity_word.lower().startswith("priorit"):
        names.append(f"p{number}")
    names.append(severity.id)
    return list(dict.fromkeys(names))


def _tel(phone: str) -> str:
    """`+1 555 0100` -> `tel:+15550100`: the digits (and a leading plus) of a number."""
    digits = re.sub(r"[^\d+]", "", phone)
    return f"tel:{digits}" if digits.strip("+") else ""


def _by_id(items: tuple, wanted: str):  # type: ignore[type-arg]
    for item in items:
        if item.id == wanted:
            return item
    raise KeyError(wanted)
