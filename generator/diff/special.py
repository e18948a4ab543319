"""Comparers whose sentences need their own words: cadence and the decision tree."""

from __future__ import annotations

from generator import model as m
from generator import wording as words
from generator.diff.strictness import judge, later, severity_rank, slower_interval
from generator.diff.words import Collector
from generator.durations import NO_UPDATES


class Names:
    """Severity labels, audience and stage names and questions, looked up in head, then base."""

    def __init__(self, base: m.Playbook, head: m.Playbook) -> None:
        self.base, self.head = base, head
        both = (base, head)
        self._severities = {s.id: s.label for p in both for s in p.severities}
        self._audiences = {a.id: a.name for p in both for a in p.communication.audiences}
        self._stages = {s.id: s.name for p in both for s in p.stages}
        self._types = {t.id: t.name for p in both for t in p.incident_types}
        self._questions = {
            n.id: n.question for p in both if p.decision_tree for n in p.decision_tree.nodes
        }

    def severity(self, severity_id: str) -> str:
        return self._severities.get(severity_id, severity_id)

    def audience(self, audience_id: str) -> str:
        return self._audiences.get(audience_id, audience_id).lower()

    def stage(self, stage_id: str) -> str:
        return self._stages.get(stage_id, stage_id)

    def incident_type(self, type_id: str) -> str:
        return self._types.get(type_id, type_id)

    def question(self, node_id: str) -> str:
        return f"'{self._questions.get(node_id, node_id)}'"


# --------------------------------------------------------------------------- cadence


def compare_cadence(col: Collector, base: m.Playbook, head: m.Playbook) -> None:
    """Cadence per (severity, audience); the entries of a level added or removed as a whole are
    reported only for an added level (what the new level promises)."""
    names = Names(base, head)
    kept = {s.id for s in base.severities} & {s.id for s in head.severities}
    old = {(c.severity, c.audience): c for c in base.communication.cadence}
    new = {(c.severity, c.audience): c for c in head.communication.cadence}
    for key, entry in old.items():
        if key in new or entry.severity not in kept:
            continue
        subject = names.severity(entry.severity)
        who = names.audience(entry.audience)
        text = f"{subject}: cadence for {who} removed (was {words.cadence_phrase(entry, base)})"
        silent = entry.every == NO_UPDATES and not entry.first_update and not entry.follow_ups
        why = "" if silent else judge(m.Cadence, (), entry, None)
        col.add("cadence", "removed", subject, text, old=entry, less_strict=why)
    for key, entry in new.items():
        subject = names.severity(entry.severity)
        who = names.audience(entry.audience)
        if key not in old:
            text = f"{subject}: cadence for {who} added: {words.cadence_phrase(entry, head)}"
            col.add("cadence", "added", subject, text, new=entry)
        elif old[key] != entry:
            _compare_entry(col, names, subject, who, old[key], entry)


def _first(entry: m.FirstUpdate | None) -> str | None:
    return None if entry is None else words.deadline(entry.within, entry.from_event)


def _compare_entry(
    col: Collector, names: Names, subject: str, who: str, old: m.Cadence, new: m.Cadence
) -> None:
    if old.first_update != new.first_update:
        was, now = old.first_update, new.first_update
        weaker = was is not None and (now is None or later(was.within, now.within))
        col.changed(
            "cadence",
            subject,
            f"{who} first update",
            _first(was),
            _first(now),
            why="the first update comes later" if weaker else "",
        )
    _compare_follow_ups(col, subject, who, old.follow_ups, new.follow_ups)
    if old.every != new.every:
        why = "slower updates" if slower_interval(old.every, new.every) else ""
        col.changed("cadence", subject, f"{who} cadence", old.every, new.every, why=why)
    _compare_stages(col, names, subject, who, old, new)
    gone = [e for e in old.also_on if e not in new.also_on]
    came = [e for e in new.also_on if e not in old.also_on]
    for event in gone:
        text = f"{subject}: {who} no longer updated {words.trigger(event)}"
        col.add(
            "cadence",
            "removed",
            subject,
            text,
            field=f"{who} updates on events",
            old=event,
            less_strict="fewer events trigger an update",
        )
    for event in came:
        text = f"{subject}: {who} also updated {words.trigger(event)}"
        col.add("cadence", "added", subject, text, field=f"{who} updates on events", new=event)
    if old.long_incident != new.long_incident:
        col.changed(
            "cadence",
            subject,
            f"{who} long-incident cadence",
            _long(old.long_incident),
            _long(new.long_incident),
            why=_long_weaker(old.long_incident, new.long_incident),
        )


def _compare_follow_ups(
    col: Collector,
    subject: str,
    who: str,
    old: tuple[m.FollowUp, ...],
    new: tuple[m.FollowUp, ...],
) -> None:
    before = {f.name: f for f in old}
    after = {f.name: f for f in new}
    for name, entry in before.items():
        if name not in after:
            text = f"{subject}: {who} {name} removed (was {words.follow_up(entry)})"
            col.add(
                "cadence", "removed", subject, text, old=entry, less_strict="a message is dropped"
            )
    for name, entry in after.items():
        was = before.get(name)
        if was is None:
            text = (
                f"{subject}: {who} {name} added: {words.deadline(entry.within, entry.from_event)}"
            )
            col.add("cadence", "added", subject, text, new=entry)
        elif was != entry:
            col.changed(
                "cadence",
                subject,
                f"{who} {name}",
                words.deadline(was.within, was.from_event),
                words.deadline(entry.within, entry.from_event),
                why=f"the {name} comes later" if later(was.within, entry.within) else "",
            )


def _compare_stages(
    col: Collector, names: Names, subject: str, who: str, old: m.Cadence, new: m.Cadence
) -> None:
    """An interval per status stage; a stage falls back to `every` when it has none, so the
    sentence shows the interval that applies at the stage on each side."""
    before = {s.stage: s.every for s in old.by_stage}
    after = {s.stage: s.every for s in new.by_stage}
    for stage in [*before, *(s for s in after if s not in before)]:
        if before.get(stage) == after.get(stage):
            continue
        was, now = old.every_at(stage), new.every_at(stage)
        if was == now:
            continue
        stage_name = names.stage(stage)
        why = (
            f"slower updates while the status is {stage_name}" if slower_interval(was, now) else ""
        )
        col.changed("cadence", subject, f"{who} cadence while {stage_name}", was, now, why=why)


def _long(entry: m.LongIncident | None) -> str | None:
    if entry is None:
        return None
    text = f"after {entry.after}: " + (
        f"every {entry.every}" if entry.every else "at the lead's discretion"
    )
    if entry.not_before:
        text += f", not more often than every {entry.not_before}"
    return text


def _long_weaker(old: m.LongIncident | None, new: m.LongIncident | None) -> str:
    """A long-incident rule slows updates down: adding one, starting it sooner, slowing it
    further, leaving it to the lead or widening its minimum gap weakens the playbook."""
    if new is None:
        return ""
    if old is None:
        return "updates slow down during long incidents"
    if (
        later(new.after, old.after)
        or slower_interval(old.every, new.every)
        or (new.not_before is not None and later(old.not_before or "immediately", new.not_before))
    ):
        return "updates slow down sooner or further during long incidents"
    return ""


# --------------------------------------------------------------------------- decision tree


def compare_tree(col: Collector, base: m.Playbook, head: m.Playbook) -> None:
    names = Names(base, head)
    old, new = base.decision_tree, head.decision_tree
    area = "decision-tree"
    if old is None and new is None:
        return
    if old is None:
        col.add(area, "added", "decision tree", "decision tree added", new=new)
        return
    if new is None:
        text = "decision tree removed (responders choose from the severity table)"
        why = "responders no longer have questions that lead to a level"
        col.add(area, "removed", "decision tree", text, old=old, less_strict=why)
        return
    if old.start != new.start:
        col.add(
            area,
            "changed",
            "start",
            f"starts at {names.question(new.start)} (was {names.question(old.start)})",
            field="start",
            old=old.start,
            new=new.start,
        )
    if old.tie_break != new.tie_break:
        col.changed(
            area, "decision tree", "tie break", old.tie_break or None, new.tie_break or None
        )
    old_nodes = {n.id: n for n in old.nodes}
    new_nodes = {n.id: n for n in new.nodes}
    for node_id, node in old_nodes.items():
        if node_id not in new_nodes:
            col.add(area, "removed", node.question, f"question '{node.question}' removed", old=node)
    for node_id, node in new_nodes.items():
        if node_id not in old_nodes:
            col.add(area, "added", node.question, f"question '{node.question}' added", new=node)
        elif old_nodes[node_id] != node:
            _compare_node(col, names, old_nodes[node_id], node)


def _compare_node(col: Collector, names: Names, old: m.DecisionNode, new: m.DecisionNode) -> None:
    area = "decision-tree"
    subject = f"question '{new.question}'"
    if old.question != new.question:
        col.changed(area, f"question '{old.question}'", "wording", old.question, new.question)
    if old.help != new.help:
        col.changed(area, subject, "help", old.help, new.help)
    old_answers = {a.label: a for a in old.answers}
    new_answers = {a.label: a for a in new.answers}
    for label, answer in old_answers.items():
        if label not in new_answers:
            text = f"answer '{label}' of '{new.question}' removed (led to {_target(names, answer)})"
            col.add(area, "removed", subject, text, old=answer)
    for label, answer in new_answers.items():
        before = old_answers.get(label)
        if before is None:
            text = f"answer '{label}' added to '{new.question}' (leads to {_target(names, answer)})"
            col.add(area, "added", subject, text, new=answer)
            continue
        if (before.next, before.severity, before.type) != (
            answer.next,
            answer.severity,
            answer.type,
        ):
            text = (
                f"answer '{label}' of '{new.question}' now leads to {_target(names, answer)} "
                f"(was {_target(names, before)})"
            )
            col.add(
                area,
                "changed",
                subject,
                text,
                field=f"answer '{label}'",
                old=_target(names, before),
                new=_target(names, answer),
                less_strict=_milder(names, before, answer),
            )
        if before.note != answer.note:
            col.changed(area, subject, f"note of answer '{label}'", before.note, answer.note)
    if list(old_answers) != list(new_answers) and set(old_answers) == set(new_answers):
        col.changed(area, subject, "answer order", list(old_answers), list(new_answers))


def _target(names: Names, answer: m.Answer) -> str:
    if answer.severity is not None:
        level = names.severity(answer.severity)
        return f"{level} ({names.incident_type(answer.type)})" if answer.type else level
    return f"question {names.question(answer.next or '')}"


def _milder(names: Names, old: m.Answer, new: m.Answer) -> str:
    if old.type and old.type != new.type:
        return f"the answer no longer leads to the {names.incident_type(old.type)} rules"
    if old.severity is None or new.severity is None:
        return ""
    was = severity_rank(old.severity, names.base, names.head)
    now = severity_rank(new.severity, names.head, names.base)
    return "the answer now leads to a less severe level" if now > was >= 0 else ""
