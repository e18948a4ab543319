"""A translation file's data built from its source: the start of a new language, and test input.

`skeleton(kind, data, translate)` nests every text of a source file the way a translation file
holds it (mapping keys, ids, list positions) with `text: translate(source)` and the source's
fingerprint. `translate` decides the text: a translator's tool, or a marker in tests. Returning
None leaves a text out (it stays missing).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import yaml

from generator.layout import schema_file
from generator.translations.fields import SOURCE, TEXT, fingerprint
from generator.translations.walk import source_texts


def skeleton(
    kind: str, data: object, translate: Callable[[str], str | None], *, fingerprints: bool = True
) -> dict[str, Any]:
    """The data of `translations/<lang>/<kind>.yaml` for a source file's data."""
    root: dict[str, Any] = {}
    for text in source_texts(kind, data):
        translated = translate(text.text)
        if translated is None:
            continue
        entry: dict[str, str] = {TEXT: translated}
        if fingerprints:
            entry[SOURCE] = _Quoted(fingerprint(text.text))
        _put(root, text.path, entry)
    return root


def _put(root: dict[str, Any], path: tuple[str | int, ...], value: dict[str, str]) -> None:
    node: Any = root
    for step, following in itertools.pairwise(path):
        empty: Any = [] if isinstance(following, int) else {}
        if isinstance(node, list):
            while len(node) <= step:  # type: ignore[operator]
                node.append(None)
            if node[step] is None:  # type: ignore[index]
                node[step] = empty  # type: ignore[index]
            node = node[step]  # type: ignore[index]
        else:
            node = node.setdefault(step, empty)
    last = path[-1]
    if isinstance(node, list):
        while len(node) <= last:  # type: ignore[operator]
            node.append(None)
    node[last] = value  # type: ignore[index]


class _Quoted(str):
    """A fingerprint: always written in quotes. PyYAML writes `905e8759` bare (a YAML 1.1 float
    needs a dot), but the playbook loader reads YAML 1.2, where it is the number 9.05e8761."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _Quoted, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, '"')
)


def dump(kind: str, data: dict[str, Any], schema_dir: str = "../../../schema") -> str:
    """YAML text of a translation file, with the modeline editors read the schema from."""
    modeline = f"# yaml-language-server: $schema={schema_dir}/translations/{schema_file(kind)}\n"
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return modeline + body
