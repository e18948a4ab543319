"""The semantic rules, run on all loaded files together after the schema check.

Each rule has a stable id used in findings, `expected.txt` fixtures and the authoring reference;
their levels and what each checks are data in `rule_table.SEMANTIC_RULES`. `format-version` runs
first, in the pipeline, because a playbook of another format gets no other finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from generator.findings import Finding
from generator.loader import LoadedFile
from generator.validate import (
    rules_ids,
    rules_levels,
    rules_marks,
    rules_order,
    rules_review,
    rules_text,
    rules_tree,
)
from generator.validate.document import Document

Rule = Callable[[Document], Iterable[Finding]]

RULES: tuple[Rule, ...] = (
    rules_ids.check_unique_ids,
    rules_levels.check_groups,
    rules_ids.check_references,
    rules_tree.check_start,
    rules_tree.check_answers,
    rules_tree.check_cycles,
    rules_tree.check_unreachable,
    rules_tree.check_severities_reached,
    rules_tree.check_path_length,
    rules_levels.check_escalation_ends,
    rules_order.check_acknowledge_order,
    rules_order.check_cadence_order,
    rules_order.check_cadence_complete,
    rules_text.check_placeholders,
    rules_text.check_phrase_patterns,
    rules_text.check_timezone,
    rules_marks.check_placeholder_links,
    rules_marks.check_sample_text,
    rules_review.check_review_freshness,
)


def run_rules(files: Mapping[str, LoadedFile]) -> Iterator[Finding]:
    """Every semantic finding over the files that loaded; a file that failed is simply absent."""
    document = Document(files)
    for rule in RULES:
        yield from rule(document)
