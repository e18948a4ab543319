"""Validation: each file against its JSON Schema, then semantic rules across all files.

`check_schema` explains schema errors (rule table in `schema_check`); `run_rules` runs the semantic
rules (rule table in `rules`). Both return findings and never raise on bad playbook data.
"""

from __future__ import annotations

from generator.validate.rules import RULES, run_rules
from generator.validate.schema_check import check_schema
from generator.validate.schemas import SchemaError, SchemaSet

__all__ = ["RULES", "SchemaError", "SchemaSet", "check_schema", "run_rules"]
