"""The JSON Schemas compiled to plain Python predicates that answer one question: valid or not.

jsonschema walks a schema anew for every value and resolves each `$ref` through its registry; for
a playbook that is most of the validation time, and importing it is a third of a start-up. Almost
every run checks a valid playbook, so each file is first checked by a predicate compiled from its
schema (one Python function per schema node, `$ref`s as direct calls). Only a file the predicate
refuses goes to jsonschema, whose errors `schema_check` explains: findings, positions and messages
are therefore exactly jsonschema's. A schema using a keyword this compiler does not know is not
compiled at all, and every file goes to jsonschema as before.

The compiled code is kept in the user's cache folder, keyed by the schemas' bytes, the compiler's
version and the Python version, so a run only reads the schemas and loads the code.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
import zlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.findings import Finding
from generator.layout import schema_file

if TYPE_CHECKING:
    from generator.loader import LoadedFile

#: Bump whenever the generated code changes meaning.
COMPILER_VERSION = "1"

#: Keywords that never change whether a value is valid.
ANNOTATIONS = frozenset(
    {
        "$schema",
        "$id",
        "$comment",
        "$defs",
        "definitions",
        "title",
        "description",
        "examples",
        "default",
        "deprecated",
        "readOnly",
        "writeOnly",
        "markdownDescription",
        "else",  # read together with `if`
        "then",
    }
)

Predicate = Callable[[Any], bool]

#: Helpers the generated code calls; the same equality jsonschema uses (True is not 1).
_PRELUDE = """
import re

def _unbool(value, true=object(), false=object()):
    if value is True:
        return true
    if value is False:
        return false
    return value

def _equal(one, two):
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return one == two
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(_equal(a, b) for a, b in zip(one, two))
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(_equal(one[k], two[k]) for k in one)
    return _unbool(one) == _unbool(two)

def _unique(items):
    seen = []
    for item in items:
        item = _unbool(item)
        for other in seen:
            if _equal(other, item):
                return False
        seen.append(item)
    return True

def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)
"""

_TYPE_TESTS = {
    "string": "isinstance(x, str)",
    "integer": "((isinstance(x, int) and not isinstance(x, bool))"
    " or (isinstance(x, float) and x.is_integer()))",
    "number": "_is_number(x)",
    "boolean": "isinstance(x, bool)",
    "object": "isinstance(x, dict)",
    "array": "isinstance(x, list)",
    "null": "x is None",
}


class NotCompilable(Exception):
    """The schemas use something the compiler does not translate; jsonschema checks everything."""


class _Compiler:
    def __init__(self, documents: Mapping[str, Any]) -> None:
        self.documents = dict(documents)
        self.by_id = {
            doc["$id"]: name
            for name, doc in documents.items()
            if isinstance(doc, dict) and isinstance(doc.get("$id"), str)
        }
        self.names: dict[tuple[str, str], str] = {}
        self.pending: list[tuple[str, str, Any]] = []
        self.constants: list[str] = []
        self.lines: list[str] = []

    def function(self, document: str, pointer: str) -> str:
        """The name of the function checking the node at `pointer` of `document`."""
        key = (document, pointer)
        if key not in self.names:
            self.names[key] = f"_s{len(self.names)}"
            self.pending.append((document, pointer, self.node(document, pointer)))
        return self.names[key]

    def node(self, document: str, pointer: str) -> Any:
        node: Any = self.documents[document]
        for raw in pointer.split("/")[1:] if pointer else ():
            step = raw.replace("~1", "/").replace("~0", "~")
            if isinstance(node, list):
                node = node[int(step)]
            elif isinstance(node, dict) and step in node:
                node = node[step]
            else:
                raise NotCompilable(f"{document}#{pointer} does not exist")
        return node

    def constant(self, value: Any) -> str:
        self.constants.append(repr(value))
        return f"_c{len(self.constants) - 1}"

    def target(self, document: str, ref: str) -> tuple[str, str]:
        where, _, pointer = ref.partition("#")
        if where:
            where = self.by_id.get(where, where)
            if where not in self.documents:
                raise NotCompilable(f"$ref to {where}, which is not among the schemas")
        return (where or document), pointer

    def run(self, roots: Mapping[str, str]) -> str:
        entry = {kind: self.function(name, "") for kind, name in roots.items()}
        while self.pending:
            document, pointer, node = self.pending.pop()
            self.emit(self.names[(document, pointer)], document, pointer, node)
        constants = [f"_c{index} = {text}" for index, text in enumerate(self.constants)]
        table = ", ".join(f"{kind!r}: {name}" for kind, name in entry.items())
        return "\n".join([_PRELUDE, *constants, *self.lines, f"CHECKS = {{{table}}}", ""])

    # ------------------------------------------------------------------ one schema node

    def emit(self, name: str, document: str, pointer: str, node: Any) -> None:
        body: list[str] = []
        if node is True or node == {}:
            body.append("return True")
        elif node is False:
            body.append("return False")
        elif not isinstance(node, dict):
            raise NotCompilable(f"{document}#{pointer} is not a schema")
        else:
            body = [*self.checks(document, pointer, node), "return True"]
        self.lines.append(f"def {name}(x):")
        self.lines.extend("    " + line for line in body)
        self.lines.append("")

    def sub(self, document: str, pointer: str, *steps: object) -> str:
        return self.function(document, "/".join([pointer, *(str(s) for s in steps)]))

    def checks(self, document: str, pointer: str, node: dict[str, Any]) -> list[str]:
        out: list[str] = []
        unknown = set(node) - ANNOTATIONS - _KNOWN
        if unknown:
            raise NotCompilable(f"{document}#{pointer} uses {sorted(unknown)}")
        if "patternProperties" in node or "prefixItems" in node:
            raise NotCompilable(f"{document}#{pointer}: patternProperties/prefixItems")
        if "$ref" in node:
            ref_doc, ref_pointer = self.target(document, node["$ref"])
            out.append(f"if not {self.function(ref_doc, ref_pointer)}(x): return False")
        if "type" in node:
            types = node["type"] if isinstance(node["type"], list) else [node["type"]]
            if any(t not in _TYPE_TESTS for t in types):
                raise NotCompilable(f"{document}#{pointer}: type {types}")
            out.append(f"if not ({' or '.join(_TYPE_TESTS[t] for t in types)}): return False")
        if "enum" in node:
            values = self.constant(node["enum"])
            out.append(f"if not any(_equal(v, x) for v in {values}): return False")
        if "const" in node:
            out.append(f"if not _equal(x, {self.constant(node['const'])}): return False")
        out += self.string_checks(node)
        out += self.number_checks(node)
        out += self.object_checks(document, pointer, node)
        out += self.array_checks(document, pointer, node)
        out += self.combinations(document, pointer, node)
        return out

    def string_checks(self, node: dict[str, Any]) -> list[str]:
        tests = []
        if "pattern" in node:
            try:
                re.compile(node["pattern"])
            except re.error as error:
                raise NotCompilable(f"pattern {node['pattern']!r}: {error}") from error
            regex = f"re.compile({node['pattern']!r})"
            self.constants.append(regex)
            tests.append(f"_c{len(self.constants) - 1}.search(x) is None")
        tests += _length_bounds(node, "minLength", "maxLength")
        return [f"if isinstance(x, str) and ({test}): return False" for test in tests]

    def number_checks(self, node: dict[str, Any]) -> list[str]:
        tests = []
        for keyword, operator in (
            ("minimum", "<"),
            ("maximum", ">"),
            ("exclusiveMinimum", "<="),
            ("exclusiveMaximum", ">="),
        ):
            if keyword in node:
                if not isinstance(node[keyword], (int, float)) or isinstance(node[keyword], bool):
                    raise NotCompilable(f"{keyword} {node[keyword]!r}")
                tests.append(f"x {operator} {node[keyword]!r}")
        return [f"if _is_number(x) and ({test}): return False" for test in tests]

    def object_checks(self, document: str, pointer: str, node: dict[str, Any]) -> list[str]:
        tests: list[str] = []
        properties = node.get("properties", {})
        for key in node.get("required", []):
            tests.append(f"if {key!r} not in x: return False")
        for key in properties:
            check = self.sub(document, pointer, "properties", _escape(key))
            tests.append(f"if {key!r} in x and not {check}(x[{key!r}]): return False")
        if "additionalProperties" in node:
            known = self.constant(frozenset(properties))
            extra = node["additionalProperties"]
            if extra is False:
                tests.append(f"if not {known}.issuperset(x): return False")
            elif extra is not True:
                check = self.sub(document, pointer, "additionalProperties")
                tests.append(
                    f"if not all({check}(v) for k, v in x.items() if k not in {known}):"
                    " return False"
                )
        if "propertyNames" in node:
            check = self.sub(document, pointer, "propertyNames")
            tests.append(f"if not all({check}(k) for k in x): return False")
        tests += [
            f"if {bound}: return False"
            for bound in _length_bounds(node, "minProperties", "maxProperties")
        ]
        return _when_instance("dict", tests)

    def array_checks(self, document: str, pointer: str, node: dict[str, Any]) -> list[str]:
        tests: list[str] = []
        if "items" in node:
            if isinstance(node["items"], list):
                raise NotCompilable("items as a list (an older draft)")
            check = self.sub(document, pointer, "items")
            tests.append(f"if not all({check}(v) for v in x): return False")
        tests += [
            f"if {bound}: return False" for bound in _length_bounds(node, "minItems", "maxItems")
        ]
        if node.get("uniqueItems") is True:
            tests.append("if not _unique(x): return False")
        return _when_instance("list", tests)

    def combinations(self, document: str, pointer: str, node: dict[str, Any]) -> list[str]:
        out: list[str] = []
        for keyword, test in (
            ("allOf", "all({calls})"),
            ("anyOf", "any({calls})"),
            ("oneOf", "sum(1 for ok in ({calls}) if ok) == 1"),
        ):
            if keyword in node:
                calls = ", ".join(
                    f"{self.sub(document, pointer, keyword, index)}(x)"
                    for index in range(len(node[keyword]))
                )
                out.append(f"if not {test.format(calls=f'({calls},)')}: return False")
        if "not" in node:
            out.append(f"if {self.sub(document, pointer, 'not')}(x): return False")
        if "if" in node:
            condition = self.sub(document, pointer, "if")
            then = self.sub(document, pointer, "then") if "then" in node else None
            other = self.sub(document, pointer, "else") if "else" in node else None
            out.append(f"if {condition}(x):")
            out.append(f"    if not {then}(x): return False" if then else "    pass")
            if other:
                out.append(f"elif not {other}(x): return False")
        return out


_KNOWN = frozenset(
    {
        "$ref",
        "type",
        "enum",
        "const",
        "pattern",
        "minLength",
        "maxLength",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "properties",
        "required",
        "additionalProperties",
        "propertyNames",
        "minProperties",
        "maxProperties",
        "items",
        "minItems",
        "maxItems",
        "uniqueItems",
        "allOf",
        "anyOf",
        "oneOf",
        "not",
        "if",
    }
)


def _length_bounds(node: dict[str, Any], least: str, most: str) -> list[str]:
    """`len(x) < n` / `len(x) > n` for a keyword pair such as minItems/maxItems: the length
    conditions that make a value fail, the same for strings, objects and arrays."""
    bounds = []
    if least in node:
        bounds.append(f"len(x) < {int(node[least])}")
    if most in node:
        bounds.append(f"len(x) > {int(node[most])}")
    return bounds


def _when_instance(kind: str, tests: list[str]) -> list[str]:
    """`tests` (statements) indented under `if isinstance(x, kind):`; none when there are none."""
    if not tests:
        return []
    return [f"if isinstance(x, {kind}):", *("    " + test for test in tests)]


def _escape(step: str) -> str:
    return step.replace("~", "~0").replace("/", "~1")


def compile_source(documents: Mapping[str, Any], kinds: Mapping[str, str]) -> str:
    """Python source defining `CHECKS`: file kind -> predicate, for the schemas `documents`
    (file name -> parsed schema); `kinds` maps each kind to its schema's file name."""
    return _Compiler(documents).run(kinds)


# --------------------------------------------------------------------------- loading and caching


def _cache_folder() -> Path:
    chosen = os.environ.get("PLAYBOOK_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "incident-playbook"


_LOADED: dict[str, dict[str, Predicate] | None] = {}


def compiled_checks(folder: Path, kinds: tuple[str, ...]) -> dict[str, Predicate] | None:
    """kind -> predicate for the schemas in `folder`; None when they cannot be compiled."""
    raw: dict[str, bytes] = {}
    try:
        for path in sorted(folder.glob("*.schema.json")):
            raw[path.name] = path.read_bytes()
    except OSError:
        return None
    present = {kind: schema_file(kind) for kind in kinds if schema_file(kind) in raw}
    # The key: the schemas' names and bytes, this compiler's source, the Python version. The file
    # is named by a CRC-32 (zlib imports faster than hashlib) and holds the whole key, compared
    # byte for byte, so a collision can only cost a recompilation, never stale code.
    keyed = b"\0".join(
        [
            "\0".join([COMPILER_VERSION, sys.implementation.cache_tag or "", *present]).encode(),
            Path(__file__).read_bytes(),  # a changed compiler never meets old code
            *(name.encode() + b"\0" + data for name, data in raw.items()),
        ]
    )
    digest = f"{zlib.crc32(keyed):08x}{len(keyed):x}"
    if digest in _LOADED:
        return _LOADED[digest]
    cached = _cache_folder() / f"schemas-{digest}.marshal"
    code = None
    try:
        stored_key, code = marshal.loads(cached.read_bytes())
        if stored_key != keyed:
            raise ValueError("another key with the same CRC")
    except (OSError, ValueError, EOFError, TypeError):
        import json

        try:
            documents = {name: json.loads(data) for name, data in raw.items()}
            code = compile(compile_source(documents, present), str(cached), "exec")
        except (NotCompilable, ValueError, RecursionError, SyntaxError):
            _LOADED[digest] = None
            return None
        _store(cached, marshal.dumps((keyed, code)))
    namespace: dict[str, Any] = {}
    exec(code, namespace)  # our own generated code, from our own schemas
    checks: dict[str, Predicate] = namespace["CHECKS"]
    _LOADED[digest] = checks
    return checks


def _store(path: Path, data: bytes) -> None:
    """Write the cache file atomically; a read-only home folder only means no cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        pass


def schema_findings(files: Mapping[str, LoadedFile], folder: Path) -> list[Finding]:
    """The schema findings of every loaded file: a file its compiled predicate accepts has none;
    any other file is checked and explained by jsonschema (`schema_check`), imported only then."""
    checks = compiled_checks(folder, tuple(files))
    refused = [
        loaded
        for loaded in files.values()
        if checks is None or loaded.kind not in checks or not checks[loaded.kind](loaded.data)
    ]
    if not refused:
        return []
    from generator.validate.schema_check import check_schema
    from generator.validate.schemas import SchemaSet

    schemas = SchemaSet(folder)
    findings: list[Finding] = []
    for loaded in refused:
        findings.extend(check_schema(loaded, schemas))
    return findings
