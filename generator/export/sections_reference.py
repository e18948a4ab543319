"""The one-document export, second half: communication, status templates, the decision tree,
rubrics, mitigation, guidance and file owners."""

from __future__ import annotations

from generator import wording as words
from generator.export.contents import (
    levels,
    names,
    present,
    review_fields,
)
from generator.export.document import (
    Fields,
    Item,
    ItemList,
    Literal,
    Paragraph,
    Section,
    Table,
    items,
)
from generator.model import Playbook


def communication_section(playbook: Playbook) -> Section:
    comms = playbook.communication
    section = Section("communication", "Communication")
    channel_names = {c.id: c.name for c in comms.channels}
    audiences = Section("audiences", "Audiences")
    audiences.add(
        ItemList(
            tuple(
                Item(
                    f"{a.name}: {a.description}",
                    present(
                        f"How to write: {a.format}",
                        "Channels: " + ", ".join(channel_names.get(c, c) for c in a.channels)
                        if a.channels
                        else "",
                    ),
                )
                for a in comms.audiences
            )
        )
    )
    section.children.append(audiences)
    channels = Section("channels", "Channels")
    channels.add(
        Table(
            ("Channel", "Kind", "Purpose", "Name pattern", "Link", "Only for"),
            tuple(
                (
                    c.name + (" (private)" if c.private else ""),
                    c.kind,
                    c.purpose,
                    c.naming_pattern or "",
                    c.link or "",
                    "; ".join(
                        present(
                            levels(playbook, c.severities),
                            names(playbook.incident_types, c.types),
                        )
                    ),
                )
                for c in comms.channels
            ),
        )
    )
    section.children.append(channels)
    if comms.cadence:
        cadence = Section("cadence", "Update cadence")
        cells = {(c.severity, c.audience): words.cadence(c, playbook) for c in comms.cadence}
        cadence.add(
            Table(
                ("Level", *(a.name for a in comms.audiences)),
                tuple(
                    (s.label, *(cells.get((s.id, a.id), "") for a in comms.audiences))
                    for s in playbook.severities
                ),
            )
        )
        section.children.append(cadence)
    rules = Section("communication-principles", "Principles and phrases to avoid")
    rules.add(ItemList(tuple(Item(p.title, present(p.detail)) for p in comms.principles)))
    rules.add(
        Table(
            ("Avoid", "Why", "Instead"),
            tuple((p.phrase, p.why, p.instead) for p in comms.phrases_to_avoid),
        )
    )
    if rules.blocks:
        section.children.append(rules)
    return section


def templates_section(playbook: Playbook) -> Section:
    section = Section("status-templates", "Status templates")
    section.add(
        ItemList(
            tuple(Item(s.name, present(s.description)) for s in playbook.stages), title="Stages"
        )
    )
    stages = {s.id: s.name for s in playbook.stages}
    audiences = {a.id: a.name for a in playbook.communication.audiences}
    for template in playbook.status_templates:
        title = f"{stages.get(template.stage, template.stage)}: {audiences.get(template.audience)}"
        part = Section(f"template-{template.id}", f"{title} ({template.id})")
        part.add(Fields((("Levels", levels(playbook, template.severities)),)))
        part.add(Literal(template.title, title="Title"))
        part.add(Literal(template.body, title="Body"))
        part.add(
            Table(
                ("Placeholder", "What to write", "Example", "Default"),
                tuple(
                    ("{" + p.name + "}", p.description, p.example, p.default or "")
                    for p in template.placeholders
                ),
            )
        )
        review_fields(part, template.review)
        section.children.append(part)
    return section


def decision_tree_section(playbook: Playbook) -> Section | None:
    tree = playbook.decision_tree
    if tree is None:
        return None
    section = Section(
        "decision-tree", f"Deciding the {playbook.organisation.terminology.severity_word}"
    )
    questions = {node.id: node.question for node in tree.nodes}
    section.add(Fields((("First question", questions.get(tree.start, tree.start)),)))
    for node in tree.nodes:
        part = Section(f"question-{node.id}", node.question)
        part.add(Paragraph(node.help))
        answers = []
        for answer in node.answers:
            if answer.severity:
                outcome = playbook.severity(answer.severity).label
                if answer.type:
                    outcome += f", {playbook.incident_type(answer.type).name}"
            else:
                outcome = f"next question: {questions.get(answer.next or '', answer.next)}"
            answers.append(Item(f"{answer.label}: {outcome}", present(answer.note)))
        part.add(ItemList(tuple(answers), title="Answers"))
        section.children.append(part)
    section.add(Fields((("When two answers fit", tree.tie_break),)))
    return section


def rubrics_section(playbook: Playbook) -> Section:
    section = Section("rubrics", "Decision rubrics")
    for rubric in playbook.rubrics:
        part = Section(f"rubric-{rubric.id}", rubric.question)
        mode = "any one of these holds" if rubric.criteria_mode == "any" else "all of these hold"
        part.add(ItemList(items(rubric.criteria), title=f"Yes when {mode}"))
        part.add(ItemList(items(rubric.exceptions), title="Except when"))
        part.add(
            Fields(
                (
                    ("When unsure", rubric.default_when_unsure),
                    ("Levels", levels(playbook, rubric.severities)),
                    ("Why", rubric.rationale),
                )
            )
        )
        section.children.append(part)
    return section


def mitigation_section(playbook: Playbook) -> Section:
    mitigation = playbook.mitigation
    section = Section("mitigation", "Mitigation")
    section.add(Paragraph(mitigation.principle))
    patterns = {p.id: p.name for p in mitigation.patterns}
    section.add(
        ItemList(
            tuple(
                Item(
                    f"{p.name}: {p.description}",
                    present(
                        f"Use when: {p.use_when}", f"Caution: {p.caution}" if p.caution else ""
                    ),
                )
                for p in mitigation.patterns
            ),
            title="Patterns",
        )
    )
    section.add(
        Table(
            ("Symptom", "First mitigation", "Pattern"),
            tuple(
                (s.symptom, s.first_mitigation, patterns.get(s.pattern or "", s.pattern or ""))
                for s in mitigation.symptoms
            ),
        )
    )
    section.add(Fields((("When unsure", mitigation.when_unsure),)))
    return section


def guidance_section(playbook: Playbook) -> Section:
    guidance = playbook.guidance
    section = Section("guidance", "Guidance")
    lead = playbook.lead_for()
    section.add(
        ItemList(
            items(guidance.decision_authority),
            title=f"What the {words.role_title(lead)} may decide",
        )
    )
    section.add(
        ItemList(
            tuple(Item(p.title, present(p.detail)) for p in guidance.non_decisions),
            title="Ways of not deciding",
        )
    )
    section.add(
        ItemList(
            tuple(
                Item(f"{f.name}: {f.description}", (f"Prevention: {f.prevention}",))
                for f in guidance.failure_patterns
            ),
            title="Failure patterns",
        )
    )
    section.add(
        ItemList(tuple(Item(p.title, present(p.detail)) for p in guidance.on_call), title="On call")
    )
    section.add(
        ItemList(
            tuple(
                Item(
                    step.title,
                    present(
                        step.detail,
                        words.capital(words.within(step.within)),
                        f"Owner: {playbook.role(step.role).name}" if step.role else "",
                        f"Only at {levels(playbook, step.severities)}" if step.severities else "",
                    ),
                )
                for step in guidance.after_incident
            ),
            title="After the incident",
            ordered=True,
        )
    )
    section.add(
        ItemList(
            tuple(Item(f.title, present(f.prompt)) for f in guidance.summary_template),
            title="Incident summary template",
        )
    )
    return section


def reviews_section(playbook: Playbook) -> Section | None:
    if not playbook.file_reviews:
        return None
    section = Section("reviews", "Owners and reviews")
    section.add(
        Table(
            ("File", "Owner", "Last reviewed"),
            tuple(
                (f"{r.file}.yaml", r.review.owner or "", r.review.last_reviewed or "")
                for r in playbook.file_reviews
            ),
        )
    )
    return section
