"""Severity groups and paging chains: groups name real levels under their own ids, and an
escalation always has somebody to go to."""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Finding
from generator.validate.document import ANY, Document, is_id
from generator.validate.suggest import did_you_mean

KIND = "severities"


def check_groups(doc: Document) -> Iterator[Finding]:
    """`group-id-clash`: a group id is not also a level id (lists accept both, so one id must
    mean one thing). `group-unknown-severity`: a group lists levels of this file only."""
    levels = doc.ids(KIND, ("severities",))
    if levels is None:
        return
    groups = [(path, group) for path, group in doc.entries(KIND, ("groups",))]
    group_ids = {g["id"] for _, g in groups if is_id(g.get("id"))}
    for path, group in groups:
        group_id = group.get("id")
        if is_id(group_id) and group_id in levels:
            yield doc.finding(
                "group-id-clash",
                f"the group id '{group_id}' is also the id of a level (at"
                f" {doc.where(KIND, levels[group_id])}); a list naming '{group_id}' would be"
                " ambiguous",
                KIND,
                (*path, "id"),
                hint="give the group an id of its own, for example 'major' or 'all-hands'",
            )
        for hit in doc.select(KIND, (*path, "severities", ANY)):
            if not is_id(hit.value) or hit.value in levels:
                continue
            nested = hit.value in group_ids
            message = (
                f"the group '{group_id}' lists '{hit.value}', which is a group: a group lists"
                " levels only"
                if nested
                else f"the group '{group_id}' lists '{hit.value}', which is not a level in"
                " severities.yaml; a group lists levels of this file"
            )
            yield doc.finding(
                "group-unknown-severity",
                message,
                KIND,
                hit.path,
                hint=did_you_mean(hit.value, levels),
            )


def check_escalation_ends(doc: Document) -> Iterator[Finding]:
    """`escalation-dead-end` (error): the last entry of a paging chain has no
    `escalate_after`, since nobody is paged after it."""
    for path, level in doc.entries(KIND, ("severities",)):
        entries = list(doc.entries(KIND, (*path, "response", "page")))
        if not entries:
            continue
        last_path, last = entries[-1]
        after = last.get("escalate_after")
        if after is None:
            continue
        label = level.get("label") if isinstance(level.get("label"), str) else level.get("id")
        who = last.get("who") if isinstance(last.get("who"), str) else "the last entry"
        yield doc.finding(
            "escalation-dead-end",
            f"at {label}, the last page entry ({who}) escalates after {after}, but there is"
            " nobody after it to page",
            KIND,
            (*last_path, "escalate_after"),
            hint="add the entry to page next, or remove `escalate_after` from the last entry",
            key=True,
        )
