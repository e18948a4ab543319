"""The JSON Schemas of translation files, generated from the field table.

`schema/translations/<kind>.schema.json` gives editors the field names to complete and
check-jsonschema the shape to check; they are written by `python -m generator.translations.schema`
and a test compares them with what this module generates, so they never drift from the table.
References stay inside that folder (`common.schema.json` there) and no schema has a root `$id`,
so they resolve from any folder.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from generator.translations.fields import FINGERPRINT_DIGITS, TEXT_FIELDS, TREES, Node

DRAFT = "https://json-schema.org/draft/2020-12/schema"
COMMON = "common.schema.json"


def common_schema() -> dict[str, Any]:
    """The shapes every translation file shares: one translated text and its fingerprint."""
    return {
        "$schema": DRAFT,
        "title": "Shared definitions of playbook translation files",
        "description": "A translated text with the fingerprint of the source text it was made"
        " from. Referenced as common.schema.json#/$defs/<name> from the other schemas of this"
        " folder.",
        "$defs": {
            "entry": {
                "type": "object",
                "description": "One translated text. `text` is the translation; `source` is the"
                " fingerprint of the source text it translates, written by `playbook"
                " translations refresh` (delete it after updating a stale translation, then run"
                " refresh again).",
                "properties": {
                    "text": {
                        "type": "string",
                        "description": "The translated text. Inline Markdown is allowed as in the"
                        " source: [links](https://...), `code`, *emphasis*, **strong**.",
                        "minLength": 1,
                        "maxLength": 5000,
                        "pattern": "\\S",
                    },
                    "source": {
                        "type": "string",
                        "description": f"The first {FINGERPRINT_DIGITS} hex digits of the"
                        " SHA-256 of the source text this translation was made from (spaces"
                        " and line breaks count as one space). Written by `playbook"
                        " translations refresh`; a different fingerprint means the source"
                        " changed since.",
                        "pattern": f"^[0-9a-f]{{{FINGERPRINT_DIGITS}}}$",
                        "examples": ["3f2a9c01"],
                    },
                },
                "required": ["text"],
                "additionalProperties": False,
            },
            "id": {
                "type": "string",
                "description": "The id of the item in the source file, exactly as written there.",
                "pattern": "^[a-z][a-z0-9]*(-[a-z0-9]+)*$",
                "maxLength": 64,
            },
            "placeholder": {
                "type": "string",
                "description": "The name of the placeholder in the source template (no braces).",
                "pattern": "^[a-z][a-z0-9_]*$",
            },
            "owner": {
                "type": "string",
                "description": "Who keeps this translation correct: a team or a person.",
                "minLength": 1,
                "maxLength": 200,
                "pattern": "\\S",
            },
            "last_reviewed": {
                "type": "string",
                "description": "The date of the last review, as YYYY-MM-DD (quoted in YAML).",
                "pattern": "^\\d{4}-\\d{2}-\\d{2}$",
            },
        },
    }


def kind_schema(kind: str) -> dict[str, Any]:
    """The schema of `translations/<lang>/<kind>.yaml`."""
    top = _node(TREES[kind], kind, "")
    top["properties"] = {
        "owner": {"$ref": f"{COMMON}#/$defs/owner"},
        "last_reviewed": {"$ref": f"{COMMON}#/$defs/last_reviewed"},
        **top["properties"],
    }
    return {
        "$schema": DRAFT,
        "title": f"Translation of {kind}.yaml",
        "description": f"The texts of {kind}.yaml in another language, in"
        f" translations/<language>/{kind}.yaml. Items are keyed by the ids of the source file"
        " (lists without ids: in the same order); each text is `text:` with the `source:`"
        " fingerprint of the source text it translates.",
        **top,
    }


def _node(node: Node, kind: str, where: str) -> dict[str, Any]:
    if node.text:
        return {
            "$ref": f"{COMMON}#/$defs/entry",
            "description": f"The translation of `{where}` in {kind}.yaml.",
        }
    if node.each is not None:
        step, child = node.each
        inner = _node(child, kind, where + ("[]" if step == "index" else f"[{step}]"))
        if step == "index":
            return {
                "type": "array",
                "description": f"The items of `{where}` in {kind}.yaml, in the same order.",
                "items": inner,
            }
        names = "placeholder" if step == "name" else "id"
        return {
            "type": "object",
            "description": f"The items of `{where}` in {kind}.yaml, keyed by their {step}.",
            "propertyNames": {"$ref": f"{COMMON}#/$defs/{names}"},
            "additionalProperties": inner,
        }
    return {
        "type": "object",
        "properties": {
            key: _node(child, kind, f"{where}.{key}" if where else key)
            for key, child in node.keys.items()
        },
        "additionalProperties": False,
    }


def all_schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema, for every file kind and the shared definitions."""
    schemas = {COMMON: common_schema()}
    schemas.update({f"{kind}.schema.json": kind_schema(kind) for kind in TEXT_FIELDS})
    return schemas


def dump(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write(folder: Path) -> list[Path]:
    """Write every translation schema into `folder`; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        target = folder / name
        target.write_text(dump(schema), encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":  # python -m generator.translations.schema [folder]
    from generator.translations.load import TRANSLATION_SCHEMA_DIR

    for path in write(Path(sys.argv[1]) if len(sys.argv) > 1 else TRANSLATION_SCHEMA_DIR):
        print(path)
