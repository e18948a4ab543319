"""Schema check and semantic rules never crash, whatever shape a value has.

Every value of every file of the minimal playbook, with the format-2 shapes overlay (groups,
paging chains, incident types, stage cadences), is replaced, one at a time, by values of other
shapes (empty, text, number, list, mapping, ...); validation must report, never raise.
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from generator.layout import FILE_KINDS, SCHEMA_DIR
from generator.loader import DataPath, LoadedFile, load_folder
from generator.validate import SchemaSet, check_schema, run_rules
from tests.conftest import apply_overlay

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal"
SHAPES_OVERLAY = FIXTURES / "valid" / "format-2-shapes"
SHAPES: tuple[object, ...] = (None, "x", "Bad Id", 7, True, [], {}, [None], {"id": 3}, ["x", "x"])


def paths(data: object, prefix: DataPath = ()) -> Iterator[DataPath]:
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths(value, (*prefix, index))


def replaced(data: object, path: DataPath, value: object) -> object:
    if not path:
        return value
    result = copy.deepcopy(data)
    node = result
    for step in path[:-1]:
        node = node[step]  # type: ignore[index]
    node[path[-1]] = value  # type: ignore[index]
    return result


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, LoadedFile]:
    target = tmp_path_factory.mktemp("shapes") / "playbook"
    shutil.copytree(MINIMAL, target)
    apply_overlay(target, SHAPES_OVERLAY)
    folder = load_folder(target)
    assert folder.findings == []
    assert set(folder.files) == set(FILE_KINDS)
    return folder.files


@pytest.fixture(scope="module")
def minimal() -> dict[str, LoadedFile]:
    folder = load_folder(MINIMAL)
    assert folder.findings == []
    return folder.files


@pytest.fixture(scope="module")
def schemas() -> SchemaSet:
    return SchemaSet(SCHEMA_DIR)


def json_type(value: object) -> str:
    """The JSON type of a loaded value (bool before int: True is an int in Python)."""
    if value is None:
        return "null"
    for kind, name in ((bool, "boolean"), ((int, float), "number"), (str, "string")):
        if isinstance(value, kind):
            return name
    return "array" if isinstance(value, list) else "object"


@pytest.mark.parametrize("kind", FILE_KINDS)
def test_any_value_of_any_shape_gives_findings_not_exceptions(
    kind: str, loaded: dict[str, LoadedFile], schemas: SchemaSet
) -> None:
    """Every mutation is reported, never raised; one that changes a value's type (a list where
    a text belongs, a mapping for a number, ...) gives an error in the mutated file."""
    original = loaded[kind]
    checked = retyped = 0
    for path in list(paths(original.data))[1:]:
        before = json_type(value_at(original.data, path))
        for shape in SHAPES:
            mutated = replace(original, data=replaced(original.data, path, shape))
            files = {**loaded, kind: mutated}
            findings = check_schema(mutated, schemas) + list(run_rules(files))
            for finding in findings:
                assert finding.location.file, finding
                assert finding.message, finding
            checked += 1
            if json_type(shape) != before:
                retyped += 1
                here = [f for f in findings if f.is_error and f.location.file == original.path]
                assert here, f"{kind}.yaml {path}: {shape!r} instead of a {before} gave no error"
    assert checked > len(SHAPES)
    assert retyped > 0


def value_at(data: object, path: DataPath) -> object:
    for step in path:
        data = data[step]  # type: ignore[index]
    return data


@pytest.mark.parametrize("kind", [kind for kind in FILE_KINDS if kind != "incident-types"])
def test_rules_run_when_a_file_is_missing(kind: str, minimal: dict[str, LoadedFile]) -> None:
    files = {other: file for other, file in minimal.items() if other != kind}
    assert [f for f in run_rules(files) if f.is_error] == []


def test_the_shapes_overlay_is_clean(loaded: dict[str, LoadedFile], schemas: SchemaSet) -> None:
    """The base of the mutation test is valid, so every finding above comes from a mutation."""
    findings = [f for file in loaded.values() for f in check_schema(file, schemas)]
    assert findings + list(run_rules(loaded)) == []
