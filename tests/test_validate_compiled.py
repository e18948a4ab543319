"""The compiled schema predicates agree with jsonschema on every value they are shown.

`playbook validate` trusts a predicate's "valid" without asking jsonschema, so a predicate that
accepted what jsonschema refuses would hide findings. Each file of the default playbook, of every
fixture and hardening case, and thousands of mutations of them, are judged by both.
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest

from generator.layout import DEFAULT_PLAYBOOK_DIR, FILE_KINDS, SCHEMA_DIR, schema_file
from generator.loader import load_folder
from generator.validate import compiled
from generator.validate.compiled import NotCompilable, compile_source, compiled_checks
from generator.validate.schemas import SchemaSet

TESTS = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def schemas() -> SchemaSet:
    return SchemaSet(SCHEMA_DIR)


@pytest.fixture(scope="module")
def checks() -> dict[str, Any]:
    found = compiled_checks(SCHEMA_DIR, FILE_KINDS)
    assert found is not None, "the project's schemas no longer compile; see NotCompilable"
    assert set(found) == {k for k in FILE_KINDS if (SCHEMA_DIR / schema_file(k)).exists()}
    return found


def corpus() -> list[tuple[str, Any]]:
    """(kind, data) of every file that loads, in the default playbook and every test case."""
    folders = [DEFAULT_PLAYBOOK_DIR, TESTS / "fixtures" / "minimal"]
    for group in ("fixtures/invalid", "fixtures/valid", "hardening/cases"):
        folders += sorted(p for p in (TESTS / group).iterdir() if p.is_dir())
    found = []
    for folder in folders:
        for kind, loaded in load_folder(folder).files.items():
            found.append((kind, loaded.data))
    return found


def mutations(data: Any, rng: random.Random, count: int) -> list[Any]:
    """Copies of `data` with one value replaced, deleted or doubled somewhere."""
    replacements = [
        None,
        True,
        0,
        1,
        1.5,
        -3,
        "",
        "x",
        "sev1",
        "5m",
        "bad id",
        [],
        {},
        ["a"],
        {"a": 1},
    ]
    out = []
    for _ in range(count):
        copied = copy.deepcopy(data)
        places: list[tuple[Any, Any]] = []
        _walk(copied, places)
        if not places:
            continue
        parent, key = rng.choice(places)
        action = rng.random()
        if action < 0.6:
            parent[key] = copy.deepcopy(rng.choice(replacements))
        elif action < 0.8:
            del parent[key]
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
        else:
            parent[f"{key}_extra"] = copy.deepcopy(parent[key])
        out.append(copied)
    return out


def _walk(node: Any, places: list[tuple[Any, Any]]) -> None:
    """Every (container, key or index) below `node`."""
    if isinstance(node, dict):
        for key in node:
            places.append((node, key))
            _walk(node[key], places)
    elif isinstance(node, list):
        for index in range(len(node)):
            places.append((node, index))
            _walk(node[index], places)


def test_every_file_of_every_case_is_judged_alike(schemas: SchemaSet, checks) -> None:
    cases = corpus()
    assert len(cases) > 100
    valid = 0
    for kind, data in cases:
        expected = schemas.validator(kind).is_valid(data)
        assert checks[kind](data) is expected, (kind, json.dumps(data)[:300])
        valid += expected
    assert 0 < valid < len(cases)  # both answers occur


def test_mutations_are_judged_alike(schemas: SchemaSet, checks) -> None:
    rng = random.Random(15)
    judged = refused = 0
    for kind, loaded in load_folder(DEFAULT_PLAYBOOK_DIR).files.items():
        for data in mutations(loaded.data, rng, 120):
            expected = schemas.validator(kind).is_valid(data)
            assert checks[kind](data) is expected, (kind, json.dumps(data)[:300])
            judged += 1
            refused += not expected
    assert judged > 1000 and refused > judged // 4


def test_an_unknown_keyword_is_not_compiled() -> None:
    documents = {"a.schema.json": {"type": "object", "dependentRequired": {"a": ["b"]}}}
    with pytest.raises(NotCompilable, match="dependentRequired"):
        compile_source(documents, {"a": "a.schema.json"})


def test_the_cache_is_keyed_by_the_schemas(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PLAYBOOK_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "schema"
    folder.mkdir()
    schema = {"type": "object", "properties": {"n": {"type": "integer", "maximum": 3}}}
    (folder / "a.schema.json").write_text(json.dumps(schema))
    first = compiled_checks(folder, ("a",))
    assert first is not None and first["a"]({"n": 3}) and not first["a"]({"n": 4})
    assert len(list((tmp_path / "cache").iterdir())) == 1
    compiled._LOADED.clear()
    again = compiled_checks(folder, ("a",))  # from the cache file
    assert again is not None and again["a"]({"n": 3}) and not again["a"]({"n": True})
    schema["properties"]["n"]["maximum"] = 5
    (folder / "a.schema.json").write_text(json.dumps(schema))
    changed = compiled_checks(folder, ("a",))
    assert changed is not None and changed["a"]({"n": 4})
    assert len(list((tmp_path / "cache").iterdir())) == 2
