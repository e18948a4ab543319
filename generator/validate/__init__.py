"""Validation: each file against its JSON Schema, then semantic rules across all files.

`check_schema` explains schema errors (rule table in `schema_check`); `run_rules` runs the semantic
rules (rule table in `rules`). Both return findings and never raise on bad playbook data.
"""

from __future__ import annotations

from typing import Any

from generator.lazy_names import lazy_attribute

__all__ = ["RULES", "SchemaError", "SchemaSet", "check_schema", "run_rules"]

#: Where each name lives; imported on first use, because jsonschema (behind `check_schema` and
#: `SchemaSet`) takes longer to import than a valid playbook takes to validate.
_HOMES = {
    "RULES": "generator.validate.rules",
    "run_rules": "generator.validate.rules",
    "check_schema": "generator.validate.schema_check",
    "SchemaError": "generator.validate.schemas",
    "SchemaSet": "generator.validate.schemas",
}


def __getattr__(name: str) -> Any:
    return lazy_attribute(__name__, _HOMES, name)
