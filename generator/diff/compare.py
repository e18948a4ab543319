"""`diff_playbooks`: the semantic change list between two validated playbooks."""

from __future__ import annotations

from generator import model as m
from generator.diff.changes import ChangeSet
from generator.diff.special import compare_cadence, compare_tree
from generator.diff.strictness import judge
from generator.diff.walk import compare_fields, compare_items
from generator.diff.words import Collector


def diff_playbooks(
    base: m.Playbook, head: m.Playbook, *, base_name: str = "base", head_name: str = "head"
) -> ChangeSet:
    """Compare two models area by area; items are matched by id (or their natural key)."""
    col = Collector()
    if base.organisation != head.organisation:
        compare_fields(col, "organisation", "", base.organisation, head.organisation, judge)
    compare_items(col, "severities", base.severities, head.severities, judge, ordered=True)
    compare_items(col, "groups", base.groups, head.groups, judge)
    if base.default_lead != head.default_lead:
        col.changed("roles", "", "default lead role", base.default_lead, head.default_lead)
    compare_items(col, "roles", base.roles, head.roles, judge)
    compare_items(col, "incident-types", base.incident_types, head.incident_types, judge)
    compare_items(col, "phases", base.phases, head.phases, judge, ordered=True)
    compare_items(col, "workflow", base.workflow, head.workflow, judge, ordered=True)
    compare_cadence(col, base, head)
    old_comm, new_comm = base.communication, head.communication
    compare_items(col, "communication", old_comm.principles, new_comm.principles, judge)
    compare_items(col, "communication", old_comm.phrases_to_avoid, new_comm.phrases_to_avoid, judge)
    compare_items(col, "channels", old_comm.channels, new_comm.channels, judge)
    compare_items(col, "audiences", old_comm.audiences, new_comm.audiences, judge)
    compare_items(col, "status-templates", base.stages, head.stages, judge)
    compare_items(col, "status-templates", base.status_templates, head.status_templates, judge)
    compare_tree(col, base, head)
    compare_items(col, "rubrics", base.rubrics, head.rubrics, judge)
    if base.mitigation != head.mitigation:
        compare_fields(col, "mitigation", "", base.mitigation, head.mitigation, judge)
    if base.guidance != head.guidance:
        compare_fields(col, "guidance", "", base.guidance, head.guidance, judge)
    compare_items(col, "review", base.file_reviews, head.file_reviews, judge)
    return ChangeSet(base=base_name, head=head_name, changes=tuple(col.changes))
