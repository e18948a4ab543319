"""The semantic rules, run on all loaded files together after the schema check.

Each rule has a stable id (used in findings, `expected.txt` fixtures and documentation):

| rule | level | checks |
| --- | --- | --- |
| `unique-id` | error | ids unique per collection (and placeholder names) |
| `ref-unknown-role` | error | role ids in severities, phase checklists, after-incident |
| `ref-unknown-severity` | error | severity ids in checklists, cadence, templates, tree |
| `ref-unknown-phase` | error | phase ids in role checklists and the workflow |
| `ref-unknown-channel` | error | channel ids of audiences |
| `ref-unknown-audience` | error | audience ids in the cadence and templates |
| `ref-unknown-stage` | error | stage ids of templates |
| `ref-unknown-pattern` | error | mitigation pattern ids of symptoms |
| `ref-unknown-node` | error | `next` of decision-tree answers |
| `tree-start-missing` | error | `start` names a node |
| `tree-answer-target` | error | each answer has exactly one of `next` / `severity` |
| `tree-cycle` | error | no question leads back to itself |
| `tree-unreachable-node` | error | every node reachable from `start` |
| `tree-severity-unreachable` | warning | every severity is a possible result of the tree |
| `ack-order` | warning | a more severe level is acknowledged no slower |
| `cadence-order` | warning | a more severe level updates each audience no less often |
| `cadence-missing` | error | a cadence for every severity and audience |
| `template-placeholder-undeclared` | error | `{name}` in title/body is declared |
| `template-placeholder-unused` | error | each declared placeholder is used |
| `phrase-pattern-invalid` | error | `pattern` of a phrase to avoid compiles |
| `timezone-unknown` | error | the organisation's time zone is a known IANA name |
| `review-date-invalid` | error | `last_reviewed` is a calendar date |
| `review-stale` | warning | `last_reviewed` is within `review_max_age_days` of today |
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from generator.findings import Finding
from generator.loader import LoadedFile
from generator.validate import rules_ids, rules_order, rules_review, rules_text, rules_tree
from generator.validate.document import Document

Rule = Callable[[Document], Iterable[Finding]]

RULES: tuple[Rule, ...] = (
    rules_ids.check_unique_ids,
    rules_ids.check_references,
    rules_tree.check_start,
    rules_tree.check_answers,
    rules_tree.check_cycles,
    rules_tree.check_unreachable,
    rules_tree.check_severities_reached,
    rules_order.check_acknowledge_order,
    rules_order.check_cadence_order,
    rules_order.check_cadence_complete,
    rules_text.check_placeholders,
    rules_text.check_phrase_patterns,
    rules_text.check_timezone,
    rules_review.check_review_freshness,
)


def run_rules(files: Mapping[str, LoadedFile]) -> Iterator[Finding]:
    """Every semantic finding over the files that loaded; a file that failed is simply absent."""
    document = Document(files)
    for rule in RULES:
        yield from rule(document)
