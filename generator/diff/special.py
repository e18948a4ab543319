"""Comparers whose sentences need their own words: cadence and the decision tree."""

from __future__ import annotations

from generator import model as m
from generator.diff.strictness import judge, later, severity_rank, slower_interval
from generator.diff.words import Collector
from generator.durations import NO_UPDATES, format_interval


class Names:
    """Severity labels, audience names and questions, looked up in head first, then base."""

    def __init__(self, base: m.Playbook, head: m.Playbook) -> None:
        self.base, self.head = base, head
        self._severities = {s.id: s.label for p in (base, head) for s in p.severities}
        self._audiences = {a.id: a.name for p in (base, head) for a in p.communication.audiences}
        self._questions = {n.id: n.question for p in (base, head) for n in p.decision_tree.nodes}

    def severity(self, severity_id: str) -> str:
        return self._severities.get(severity_id, severity_id)

    def audience(self, audience_id: str) -> str:
        return self._audiences.get(audience_id, audience_id).lower()

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
        text = f"{subject}: cadence for {who} removed (was {format_interval(entry.every)})"
        why = "" if entry.every == NO_UPDATES else judge(m.Cadence, (), entry, None)
        col.add("cadence", "removed", subject, text, old=entry, less_strict=why)
    for key, entry in new.items():
        subject = names.severity(entry.severity)
        who = names.audience(entry.audience)
        if key not in old:
            text = f"{subject}: cadence for {who} added: {format_interval(entry.every)}"
            col.add("cadence", "added", subject, text, new=entry)
        elif old[key] != entry:
            _compare_entry(col, subject, who, old[key], entry)


def _compare_entry(col: Collector, subject: str, who: str, old: m.Cadence, new: m.Cadence) -> None:
    if old.every != new.every:
        why = "slower updates" if slower_interval(old.every, new.every) else ""
        col.changed("cadence", subject, f"{who} cadence", old.every, new.every, why=why)
    if old.first_update_within != new.first_update_within:
        why = (
            "the first update comes later"
            if later(old.first_update_within, new.first_update_within)
            else ""
        )
        col.changed(
            "cadence",
            subject,
            f"{who} first update within",
            old.first_update_within,
            new.first_update_within,
            why=why,
        )
    if old.long_incident != new.long_incident:
        col.changed(
            "cadence",
            subject,
            f"{who} long-incident cadence",
            _long(old.long_incident),
            _long(new.long_incident),
            why=_long_weaker(old.long_incident, new.long_incident),
        )


def _long(entry: m.LongIncident | None) -> str | None:
    return None if entry is None else f"every {entry.every} after {entry.after}"


def _long_weaker(old: m.LongIncident | None, new: m.LongIncident | None) -> str:
    """A long-incident rule slows updates down: adding one, starting it sooner or slowing it
    further weakens the playbook."""
    if new is None:
        return ""
    if old is None:
        return "updates slow down during long incidents"
    if later(new.after, old.after) or slower_interval(old.every, new.every):
        return "updates slow down sooner or further during long incidents"
    return ""


# --------------------------------------------------------------------------- decision tree


def compare_tree(col: Collector, base: m.Playbook, head: m.Playbook) -> None:
    names = Names(base, head)
    old, new = base.decision_tree, head.decision_tree
    area = "decision-tree"
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
        col.changed(area, "decision tree", "tie break", old.tie_break, new.tie_break)
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
        if (before.next, before.severity) != (answer.next, answer.severity):
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
        return names.severity(answer.severity)
    return f"question {names.question(answer.next or '')}"


def _milder(names: Names, old: m.Answer, new: m.Answer) -> str:
    if old.severity is None or new.severity is None:
        return ""
    was = severity_rank(old.severity, names.base, names.head)
    now = severity_rank(new.severity, names.head, names.base)
    return "the answer now leads to a less severe level" if now > was >= 0 else ""
