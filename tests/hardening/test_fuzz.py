"""Fuzzing: whatever a playbook file holds, validation reports and rendering renders; no raise.

Three sources of input, each written into a real playbook folder and passed to
`validate_playbook`, every reporter and, when the result is valid, `render_site`:

- text from a grammar of YAML-ish tokens (indicators, quotes, anchors, tags, indentation, keys
  of the real layout), so the parser meets every kind of broken and odd document;
- arbitrary nested Python data dumped as YAML, so the schema and the rules meet every shape;
- mutations of the default playbook (a key deleted, a scalar of another type, an item doubled,
  two ids swapped, the file cut at a random byte), so the rules meet near-valid documents.

`make test` runs a few examples of each (`PLAYBOOK_FUZZ_EXAMPLES`, default 15); `make fuzz`
runs many more.
"""

from __future__ import annotations

import copy
import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.layout import FILE_KINDS
from generator.loader import load_folder
from generator.pipeline import validate_playbook
from generator.render import render_site
from generator.report import REPORTERS, report

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT = PROJECT_ROOT / "playbook"
MINIMAL = PROJECT_ROOT / "tests" / "fixtures" / "minimal"
EXAMPLES = int(os.environ.get("PLAYBOOK_FUZZ_EXAMPLES", "15"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=os.environ.get("PLAYBOOK_FUZZ_RANDOM") != "1",  # make test: same cases each run
)


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    """One folder for all examples of a module (hypothesis reuses it; each example rewrites it)."""
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def fresh_copy(workdir: Path, source: Path) -> Path:
    playbook = workdir / "playbook"
    shutil.rmtree(playbook, ignore_errors=True)
    shutil.copytree(source, playbook, ignore=shutil.ignore_patterns("pages"))
    return playbook


def exercise(playbook: Path) -> None:
    """Validate, report in every format, and render when valid: any exception fails the test."""
    result = validate_playbook(playbook)
    for fmt in REPORTERS:
        assert isinstance(report(result, fmt, cwd=playbook.parent), str)
    assert report(result, "text").strip().endswith(f"in {len(result.files)} files")
    for finding in result.findings:
        assert finding.rule and finding.message and finding.location.file
    if result.ok:
        assert result.model is not None and result.document is not None
        files = render_site(result.model, result.document, build_date=date(2026, 1, 1))
        assert files


# --------------------------------------------------------------------------- YAML-ish text

KEYS = ["id", "name", "severities", "roles", "nodes", "answers", "next", "severity", "every"]
TOKENS = st.sampled_from(
    [
        *(f"{key}: " for key in KEYS),
        "- ", "  ", "    ", "\n", "\n  ", "\n- ", ": ", "? ", "[", "]", "{", "}", ", ",
        "&a ", "*a", "*b", "!!str ", "!!python/object:os.system ", "!tag ", "|", ">-", "|2",
        "'", '"', "\\", "#", "%YAML 1.2\n", "---\n", "...\n", "\t", "<<: *a", "~", "null",
        "yes", "on", "0o17", "1_000", "12:30", "2026-01-01", ".nan", "1e3", "sev1",
        "incident-commander", "\u00e9", "\u2028", "\ufeff", "\x85", "{x}", "{{ 7*7 }}",
    ]
)  # fmt: skip
YAMLISH = st.lists(TOKENS | st.text(max_size=8), max_size=60).map("".join)


@FUZZ
@given(kind=st.sampled_from(FILE_KINDS), text=YAMLISH)
def test_yaml_like_text_never_raises(workdir: Path, kind: str, text: str) -> None:
    playbook = fresh_copy(workdir, MINIMAL)
    (playbook / f"{kind}.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    exercise(playbook)


# --------------------------------------------------------------------------- nested data

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True)
    | st.text(max_size=20)
    | st.sampled_from(["sev1", "sev2", "incident-commander", "detect", "5m", "team", "rollback"])
)
KEY = st.sampled_from([*KEYS, "label", "text", "checklist", "cadence", "start"]) | st.text(
    max_size=8
)
DATA = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEY, inner, max_size=4),
    max_leaves=25,
)


@FUZZ
@given(kind=st.sampled_from(FILE_KINDS), data=st.dictionaries(KEY, DATA, max_size=5))
def test_any_nested_data_never_raises(workdir: Path, kind: str, data: dict[str, Any]) -> None:
    playbook = fresh_copy(workdir, MINIMAL)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (playbook / f"{kind}.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    exercise(playbook)


# --------------------------------------------------------------------------- mutations


@pytest.fixture(scope="module")
def default_data() -> dict[str, Any]:
    folder = load_folder(DEFAULT)
    assert not folder.findings
    return {kind: loaded.data for kind, loaded in folder.files.items()}


def _containers(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    yield path, data
    items = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for key, value in items:
        yield from _containers(value, (*path, key))


def _at(data: Any, path: tuple) -> Any:
    for step in path:
        data = data[step]
    return data


OTHER_TYPES: tuple[Any, ...] = (None, 0, 1.5, True, "text", [], {}, ["x"], {"id": "x"}, "sev1")


def mutate(data: dict[str, Any], kind: str, draw: Any) -> dict[str, Any]:
    """One random mutation of one file's data."""
    data = copy.deepcopy(data)
    places = list(_containers(data))
    path, node = places[draw(st.integers(0, len(places) - 1))]
    how = draw(st.sampled_from(["delete", "retype", "duplicate", "swap-ids"]))
    if how == "delete" and isinstance(node, dict) and node:
        del node[draw(st.sampled_from(sorted(node)))]
    elif how == "delete" and isinstance(node, list) and node:
        del node[draw(st.integers(0, len(node) - 1))]
    elif how == "duplicate" and isinstance(node, list) and node:
        node.append(copy.deepcopy(node[draw(st.integers(0, len(node) - 1))]))
    elif how == "swap-ids":
        with_ids = [n for _, n in places if isinstance(n, dict) and isinstance(n.get("id"), str)]
        if len(with_ids) >= 2:
            first, second = draw(st.permutations(with_ids))[:2]
            first["id"], second["id"] = second["id"], first["id"]
    elif path:  # retype: the value at `path` becomes a value of another shape
        _at(data, path[:-1])[path[-1]] = draw(st.sampled_from(OTHER_TYPES))
    return data


@FUZZ
@given(
    kind=st.sampled_from(FILE_KINDS), choices=st.data(), cut=st.floats(0, 1), whole=st.booleans()
)
def test_mutations_of_the_default_playbook_never_raise(
    workdir: Path, default_data: dict[str, Any], kind: str, choices: Any, cut: float, whole: bool
) -> None:
    playbook = fresh_copy(workdir, DEFAULT)
    mutated = mutate(default_data[kind], kind, choices.draw)
    raw = yaml.safe_dump(mutated, allow_unicode=True, sort_keys=False).encode("utf-8")
    if not whole:  # the file cut at a random byte (maybe inside a UTF-8 sequence)
        raw = raw[: int(len(raw) * cut)]
    (playbook / f"{kind}.yaml").write_bytes(raw)
    exercise(playbook)


def test_an_unchanged_dump_of_the_default_playbook_renders(
    workdir: Path, default_data: dict[str, Any]
) -> None:
    """The mutation harness itself: dumping the data back gives a valid playbook."""
    playbook = fresh_copy(workdir, DEFAULT)
    for kind, data in default_data.items():
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (playbook / f"{kind}.yaml").write_text(text, encoding="utf-8")
    result = validate_playbook(playbook)
    assert result.ok, [f"{f.rule} {f.location}" for f in result.errors]
    exercise(playbook)


# --------------------------------------------------------------------------- two parsers agree


def parsed_by(parser: type, text: str) -> tuple[object, ...]:
    """Everything `build` would keep from one parser: data, positions, findings; or the error."""
    from generator.loader.build import _build
    from generator.loader.limits import DEFAULT_LIMITS

    try:
        data, positions, findings, found = _build(parser(text), text, "f.yaml", DEFAULT_LIMITS)
    except yaml.YAMLError as error:
        return ("error", type(error).__name__)
    return (
        repr(data),
        sorted(positions.values.items(), key=repr),
        sorted(positions.keys.items(), key=repr),
        sorted(positions.ends.items(), key=repr),
        [(f.rule, f.location, f.message, f.hint) for f in findings],
        found,
    )


LINE_ENDINGS = st.sampled_from(
    ["\r\n", "\r", "\n", "\u00a0", "\x7f", "\U0001f600", "\x1b", "! ", "!", ":", ": ,", "{a, "]
)
MIXED = st.lists(TOKENS | LINE_ENDINGS | st.text(max_size=8), max_size=60).map("".join)
#: Short texts of flow and block indicators, where the two parsers' leniency differs most.
PIECES = st.sampled_from(
    [
        *("a", "b", ": ", ":", " ", ", ", ",", "{", "}", "[", "]", "? ", "?", "- ", "\n"),
        *("\n  ", "\n- ", "&x ", "*x", "'", '"', "# c", " #c", "|", ">", "|-", ">+", "~", "1"),
        *("x: y", "\\", "...", "---", "%YAML 1.2", "@", "`", "<<: *x", "0x1", "null", "\u00e9"),
        *("- - x\n", "a: |\n  t\n", "k: v\n", "!", "! ", "2026-01-01", "12:30"),
    ]
)
SHORT = st.lists(PIECES, min_size=1, max_size=14).map("".join)


@FUZZ
@given(text=(MIXED | SHORT).map(lambda text: text + "\n"))
def test_libyaml_reads_cleanly_only_what_the_python_parser_reads_alike(text: str) -> None:
    """The loader keeps libyaml's result only for a text without tab that it reads without any
    finding; then the Python parser (the reference for every message) must agree exactly."""
    from generator.loader.yaml12 import Yaml12CParser, Yaml12Loader

    assert Yaml12CParser is not None, "PyYAML without libyaml: the loader's fast path is off"
    from generator.loader.build import _python_only

    if _python_only(text):
        return
    fast = parsed_by(Yaml12CParser, text)
    if fast[0] == "error" or fast[4]:
        return  # the loader asks the Python parser again
    assert fast == parsed_by(Yaml12Loader, text)
