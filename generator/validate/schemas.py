"""The JSON Schemas of `schema/`, loaded into one offline registry, and descriptions along a path.

References between schema files resolve only against the files in the folder: there is no
retrieval, so a schema can never make the validator reach the network.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource, Unresolvable
from referencing.jsonschema import DRAFT202012

from generator.findings import PlaybookError
from generator.layout import schema_file

#: Keywords whose value maps names (or positions) to subschemas, so the next path step is a name.
_CONTAINERS = frozenset(
    {
        "properties",
        "patternProperties",
        "$defs",
        "dependentSchemas",
        "allOf",
        "anyOf",
        "oneOf",
        "prefixItems",
    }
)


#: Formats checked with the standard library only, so results never depend on which optional
#: packages happen to be installed (jsonschema checks `uri` only when rfc3987 is present).
FORMATS = FormatChecker(formats=("date", "email", "ipv4", "ipv6", "regex", "uuid"))


class SchemaError(PlaybookError):
    """The project's own schema folder is broken: a bug, not a problem of the playbook."""


def _refuse(uri: str) -> Resource:
    raise NoSuchResource(ref=uri)


class SchemaSet:
    """All schemas of one folder, with one validator per playbook file kind."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.documents: dict[str, Any] = {}
        try:
            for path in sorted(folder.glob("*.schema.json")):
                self.documents[path.name] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise SchemaError(f"cannot read the schemas in {folder}: {error}") from error
        self.registry: Registry = Registry(retrieve=_refuse).with_resources(  # type: ignore[call-arg]
            (uri, Resource.from_contents(contents, default_specification=DRAFT202012))
            for name, contents in self.documents.items()
            for uri in {name, contents.get("$id", name)}
        )
        self._validators: dict[str, Draft202012Validator] = {}

    def validator(self, kind: str) -> Draft202012Validator | None:
        """The validator for one file kind; None when the folder has no schema for it."""
        name = schema_file(kind)
        if name not in self.documents:
            return None
        if kind not in self._validators:
            self._validators[kind] = Draft202012Validator(
                self.documents[name],
                registry=self.registry,
                format_checker=FORMATS,
            )
        return self._validators[kind]

    def describe(self, kind: str, schema_path: Sequence[object]) -> str:
        """The description of the property that the subschema at `schema_path` checks.

        `schema_path` is an error's absolute schema path; jsonschema leaves `$ref` steps out of it,
        so a reference is followed whenever the next step is not in the current subschema.
        """
        name = schema_file(kind)
        node: Any = self.documents.get(name, {})
        resolver = self.registry.resolver(base_uri=node.get("$id", name))
        found = node.get("description", "")
        in_container = False
        try:
            for step in list(schema_path)[:-1]:  # the last step is the failing keyword itself
                while (
                    not in_container
                    and isinstance(node, dict)
                    and step not in node
                    and isinstance(node.get("$ref"), str)
                ):
                    resolved = resolver.lookup(node["$ref"])
                    node, resolver = resolved.contents, resolved.resolver
                node = node[step]  # type: ignore[index]
                if in_container or step not in _CONTAINERS:
                    in_container = False
                    if isinstance(node, dict) and node.get("description"):
                        found = node["description"]
                else:
                    in_container = True
        except (KeyError, IndexError, TypeError, Unresolvable):  # hints only: keep what we have
            return found
        return found
