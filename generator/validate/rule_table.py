"""Every rule id the validator reports, with its level and what it checks, as data.

The validator takes a finding's level from here, the authoring reference lists these rows, and
the fixture test checks that every row has a case. Being code (not a docstring), the table is
still there under `python -OO`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.findings import Level
from generator.loader.rules import LOADER_RULES, LOADER_WARNINGS

Stage = Literal["loader", "schema", "semantic", "translation"]


@dataclass(frozen=True)
class RuleRow:
    """One rule: its stable id, whether it fails validation, and what it checks in words."""

    rule: str
    level: Level
    checks: str
    stage: Stage = "semantic"


def _semantic(rule: str, level: Level, checks: str) -> RuleRow:
    return RuleRow(rule, level, checks, "semantic")


#: The semantic rules, run across all files after the schema check, in reporting order.
SEMANTIC_RULES: tuple[RuleRow, ...] = (
    _semantic(
        "format-version",
        "error",
        "organisation.yaml says `format: 2`; with another version nothing else is reported",
    ),
    _semantic("unique-id", "error", "ids unique per collection (and placeholder names)"),
    _semantic(
        "group-id-clash",
        "error",
        "a severity group id is not also a level id (they share one namespace)",
    ),
    _semantic("group-unknown-severity", "error", "a group lists only levels defined in the file"),
    _semantic(
        "ref-unknown-role",
        "error",
        "role ids in roles.yaml `lead`, a level's `lead`, `roles` and page entries, checklist"
        " items, after-incident steps and incident types",
    ),
    _semantic(
        "ref-unknown-severity",
        "error",
        "level or group ids in checklists, after-incident steps, channels, cadence, templates,"
        " incident types and tree answers",
    ),
    _semantic("ref-unknown-phase", "error", "phase ids of the workflow steps"),
    _semantic("ref-unknown-channel", "error", "channel ids of audiences and incident types"),
    _semantic(
        "ref-unknown-audience",
        "error",
        "audience ids in the cadence, templates and a role's `owns_updates_for`",
    ),
    _semantic("ref-unknown-stage", "error", "stage ids of templates and of a cadence's `by_stage`"),
    _semantic(
        "ref-unknown-type",
        "error",
        "incident type ids in checklist items, channels and tree answers exist in"
        " incident-types.yaml",
    ),
    _semantic("ref-unknown-pattern", "error", "mitigation pattern ids of symptoms"),
    _semantic("ref-unknown-node", "error", "`next` of decision-tree answers"),
    _semantic("tree-start-missing", "error", "`start` names a question of the tree"),
    _semantic(
        "tree-answer-target", "error", "each answer has exactly one of `next` and `severity`"
    ),
    _semantic("tree-cycle", "error", "no question leads back to itself"),
    _semantic("tree-unreachable-node", "error", "every question can be reached from `start`"),
    _semantic(
        "tree-severity-unreachable", "warning", "every level is a possible result of the tree"
    ),
    _semantic(
        "tree-path-long",
        "warning",
        "every severity is reached in at most `decision_tree_max_answers` answers (default 4)",
    ),
    _semantic(
        "escalation-dead-end",
        "error",
        "the last page entry has no `escalate_after` (nobody is paged after it)",
    ),
    _semantic("ack-order", "warning", "a more severe level is acknowledged no slower"),
    _semantic(
        "cadence-order",
        "warning",
        "a more severe level updates each audience no less often: first update, follow-ups,"
        " `every` and each stage of `by_stage`",
    ),
    _semantic("cadence-missing", "error", "a cadence for every level and audience"),
    _semantic(
        "template-placeholder-undeclared", "error", "each `{name}` in a title or body is declared"
    ),
    _semantic("template-placeholder-unused", "error", "each declared placeholder is used"),
    _semantic("phrase-pattern-invalid", "error", "the `pattern` of a phrase to avoid compiles"),
    _semantic("timezone-unknown", "error", "the organisation's time zone is a known IANA name"),
    _semantic(
        "placeholder-link",
        "warning",
        "no link points at a reserved example address (example.com, *.example, *.invalid,"
        " *.test, localhost)",
    ),
    _semantic(
        "sample-text",
        "warning",
        "a file marked `sample:` by `playbook init` has been edited since (else it is not yet"
        " the team's own)",
    ),
    _semantic("review-date-invalid", "error", "`last_reviewed` is a calendar date"),
    _semantic(
        "review-stale", "warning", "`last_reviewed` is within `review_max_age_days` of today"
    ),
)

#: The schema rules: one per JSON Schema keyword family (see `schema_check`).
SCHEMA_RULES: tuple[RuleRow, ...] = tuple(
    RuleRow(rule, "error", checks, "schema")
    for rule, checks in (
        ("schema-type", "a value has the wrong type (text, number, list, mapping, true/false)"),
        ("schema-required", "a required field is missing"),
        ("schema-unknown-field", "a field the file does not have (often a typo)"),
        ("schema-enum", "a value outside the allowed list"),
        ("schema-pattern", "a value in the wrong form (an id, a duration, a date, a link)"),
        ("schema-length", "a text too short or too long"),
        ("schema-count", "a list or mapping with too few or too many entries"),
        ("schema-unique", "a list repeats an entry"),
        ("schema-range", "a number outside the allowed range"),
        ("schema-one-of", "exactly one of two alternatives must be given"),
        ("schema-key", "a mapping key that is not allowed (the keys of cadence are ids)"),
    )
)

#: The rules of content translations (playbook/translations/), run after the semantic rules.
TRANSLATION_RULES: tuple[RuleRow, ...] = (
    RuleRow(
        "translation-language",
        "error",
        "each folder of translations/ is named by a language tag (ja, pt-BR) other than the"
        " playbook's own language",
        "translation",
    ),
    RuleRow(
        "translation-unknown-id",
        "error",
        "every file, id, position and field of a translation exists in the source playbook",
        "translation",
    ),
    RuleRow(
        "translation-missing",
        "warning",
        "every text of the source playbook (and every page) has a translation in each language",
        "translation",
    ),
    RuleRow(
        "translation-stale",
        "warning",
        "the source text has not changed since the translation was made (its `source` fingerprint)",
        "translation",
    ),
    RuleRow(
        "translation-unconfirmed",
        "warning",
        "every translation carries the fingerprint of the source text it translates (written by"
        " `playbook translations refresh`)",
        "translation",
    ),
    RuleRow(
        "translation-placeholders",
        "error",
        "a translated status template uses exactly the `{placeholders}` of its source",
        "translation",
    ),
    RuleRow(
        "translation-pattern-invalid",
        "error",
        "the translated `pattern` of a phrase to avoid is a regular expression that compiles",
        "translation",
    ),
)

#: The loader's rules (read, decode, parse), from `generator.loader.rules`.
LOADER_RULE_ROWS: tuple[RuleRow, ...] = tuple(
    RuleRow(rule, "warning" if rule in LOADER_WARNINGS else "error", checks, "loader")
    for rule, checks in LOADER_RULES.items()
)

#: Every rule: loader, schema, then semantic.
RULE_TABLE: tuple[RuleRow, ...] = (
    LOADER_RULE_ROWS + SCHEMA_RULES + SEMANTIC_RULES + TRANSLATION_RULES
)

_BY_ID: dict[str, RuleRow] = {row.rule: row for row in RULE_TABLE}


def rule_row(rule: str) -> RuleRow:
    """The row of one rule id; KeyError for an id no table lists (a bug in the validator)."""
    return _BY_ID[rule]


def level_of(rule: str) -> Level:
    """The level a finding of this rule has."""
    return _BY_ID[rule].level
