"""The schemas work outside this project: the real `check-jsonschema` CLI, offline, from disk.

If a standard tool accepts the default playbook with nothing but `schema/`, the schema is plain
JSON Schema and self-sufficient (no network, no code of ours), which is what editors rely on.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.layout import (
    DEFAULT_PLAYBOOK_DIR,
    FILE_KINDS,
    ROOT_SCHEMA,
    SCHEMA_DIR,
    modeline,
    schema_file,
)


def cli() -> str:
    beside_python = Path(sys.executable).parent / "check-jsonschema"
    found = str(beside_python) if beside_python.exists() else shutil.which("check-jsonschema")
    if found is None:
        pytest.skip("check-jsonschema is not installed (pip install -e '.[test]')")
    return found


def check(schema: str, instance: Path) -> subprocess.CompletedProcess[str]:
    """Runs the CLI the way a CI job would: refs resolve against the schema folder on disk."""
    return subprocess.run(
        [
            cli(),
            "--base-uri",
            SCHEMA_DIR.as_uri() + "/",
            "--schemafile",
            str(SCHEMA_DIR / schema),
            str(instance),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def default_file(kind: str) -> Path:
    path = DEFAULT_PLAYBOOK_DIR / f"{kind}.yaml"
    if not path.exists():
        pytest.skip(f"default playbook has no {path.name} yet")
    return path


@pytest.mark.parametrize("kind", FILE_KINDS)
def test_default_file_passes_check_jsonschema(kind: str) -> None:
    result = check(schema_file(kind), default_file(kind))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


@pytest.mark.parametrize("kind", FILE_KINDS)
def test_default_file_starts_with_its_modeline(kind: str) -> None:
    """The modeline is how editors find the schema; it must name this file's schema."""
    first_line = default_file(kind).read_text(encoding="utf-8").splitlines()[0]
    assert first_line == modeline(kind)


def test_merged_default_playbook_passes_the_root_schema(tmp_path: Path) -> None:
    document = {kind: yaml.safe_load(default_file(kind).read_text("utf-8")) for kind in FILE_KINDS}
    merged = tmp_path / "playbook.json"
    merged.write_text(json.dumps(document), encoding="utf-8")
    result = check(ROOT_SCHEMA, merged)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_reports_errors_behind_refs(tmp_path: Path) -> None:
    """The negative case proves the CLI really follows the refs into common.schema.json."""
    bad = tmp_path / "mitigation.yaml"
    bad.write_text(
        "principle: Stop the impact first.\n"
        "when_unsure: Mitigate.\n"
        "last_reviewed: 1st of March\n"
        "patterns:\n"
        "  - {id: Roll-Back, name: Roll back, description: Revert., use_when: A deploy.}\n"
        "symptoms:\n"
        "  - {id: errors, symptom: Errors, first_mitigation: Roll back.}\n",
        encoding="utf-8",
    )
    result = check(schema_file("mitigation"), bad)
    assert result.returncode == 1
    assert "$.last_reviewed" in result.stdout
    assert "$.patterns[0].id" in result.stdout
