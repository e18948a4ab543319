"""PyYAML with YAML 1.2 core-schema typing, as editors and check-jsonschema read the same files.

PyYAML follows YAML 1.1, where `no`, `on` and `yes` are booleans, `1:30` is the number 90, `010` is
eight and `2026-11-01` a date. Authors (and their editors) expect 1.2: only `true`/`false` are
booleans and dates stay strings. The loader below resolves plain scalars with exactly the 1.2 core
schema; `scalar_value` turns a resolved tag into a Python value.
"""

from __future__ import annotations

import math
import re

import yaml

TAG = "tag:yaml.org,2002:"
STR, NULL, BOOL, INT, FLOAT = (TAG + name for name in ("str", "null", "bool", "int", "float"))
MAP, SEQ = TAG + "map", TAG + "seq"

#: Explicit tags a playbook may use (`!!str 010`); anything else is reported, never constructed.
SCALAR_TAGS = frozenset({STR, NULL, BOOL, INT, FLOAT})

_CORE_RESOLVERS: tuple[tuple[str, str, str], ...] = (
    (NULL, r"^(?:~|null|Null|NULL|)$", "~nN"),
    (BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (INT, r"^[-+]?[0-9]+$", "-+0123456789"),
    (INT, r"^0o[0-7]+$", "0"),
    (INT, r"^0x[0-9a-fA-F]+$", "0"),
    (FLOAT, r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    (FLOAT, r"^[-+]?(?:\.inf|\.Inf|\.INF)$", "-+."),
    (FLOAT, r"^(?:\.nan|\.NaN|\.NAN)$", "."),
)


class Yaml12Loader(yaml.SafeLoader):
    """A SafeLoader whose implicit typing is the YAML 1.2 core schema and nothing else."""

    yaml_implicit_resolvers: dict = {}  # noqa: RUF012 (PyYAML's class-level registry)


for _tag, _pattern, _first in _CORE_RESOLVERS:
    Yaml12Loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))
# The empty plain scalar (`key:` with nothing after it) is null; PyYAML looks it up under "".
Yaml12Loader.add_implicit_resolver(NULL, re.compile(r"^$"), [""])


try:
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml
    Yaml12CParser: type | None = None
else:

    class _Yaml12CParser(CParser, yaml.resolver.BaseResolver):  # type: ignore[misc]
        """libyaml's parser (about ten times faster) with the same YAML 1.2 typing.

        Its events carry the same line and column marks; `build` uses it only for files it reads
        without any finding, and asks the Python parser again otherwise, so every message and
        position of a problem comes from one parser.
        """

        yaml_implicit_resolvers = Yaml12Loader.yaml_implicit_resolvers

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.resolver.BaseResolver.__init__(self)

    Yaml12CParser = _Yaml12CParser


def scalar_value(tag: str, text: str) -> object:
    """The Python value of a scalar; raises ValueError when `text` is not a valid `tag`."""
    if tag == STR:
        return text
    if tag == NULL:
        if text in ("", "~", "null", "Null", "NULL"):
            return None
        raise ValueError("not a null")
    if tag == BOOL:
        if text in ("true", "True", "TRUE"):
            return True
        if text in ("false", "False", "FALSE"):
            return False
        raise ValueError("not a boolean")
    if tag == INT:
        return _integer(text)
    if tag == FLOAT:
        return _float(text)
    raise ValueError(f"unsupported tag {tag}")


def _integer(text: str) -> int:
    sign, digits = (-1, text[1:]) if text[:1] == "-" else (1, text.lstrip("+"))
    if digits[:2] == "0o":
        return sign * int(digits[2:], 8)
    if digits[:2] == "0x":
        return sign * int(digits[2:], 16)
    if not digits.isdigit():  # int() would also take "1_000" and " 1"
        raise ValueError("not an integer")
    return sign * int(digits, 10)


def _float(text: str) -> float:
    lowered = text.lower()
    if lowered in (".inf", "+.inf"):
        return math.inf
    if lowered == "-.inf":
        return -math.inf
    if lowered == ".nan":
        return math.nan
    if "_" in text or not text.strip() == text:
        raise ValueError("not a number")
    return float(text)
