"""The schemas work outside this project: the real `check-jsonschema` CLI, offline, from disk.

It runs exactly as a user or the check-jsonschema pre-commit hook runs it, with no `--base-uri`:
references between schema files resolve next to the schema file, whatever the working folder.
If a standard tool accepts the default playbook with nothing but `schema/`, the schema is plain
JSON Schema and self-sufficient (no network, no code of ours), which is what editors rely on.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.layout import (
    DEFAULT_PLAYBOOK_DIR,
    FILE_KINDS,
    OPTIONAL_KINDS,
    PROJECT_ROOT,
    ROOT_SCHEMA,
    SCHEMA_DIR,
    modeline,
    schema_file,
)
from generator.scaffold.presets import PRESETS
from tests.tools import tool

pytestmark = pytest.mark.needs_tool("check-jsonschema", install="pip install -e '.[test]'")


def cli() -> str:
    found = tool("check-jsonschema")
    assert found is not None  # the needs_tool marker stops or skips the tests otherwise
    return found


def check(schema: Path | str, instance: Path | str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`check-jsonschema --schemafile SCHEMA FILE` in `cwd`, nothing else on the command line."""
    return check_many(schema, [instance], cwd)


def check_many(
    schema: Path | str, instances: list[Path] | list[str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    """One run over several files, as the pre-commit hook passes every staged file at once."""
    return subprocess.run(
        [cli(), "--schemafile", str(schema), *map(str, instances)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=cwd,
    )


def default_files() -> list[str]:
    return [kind for kind in FILE_KINDS if (DEFAULT_PLAYBOOK_DIR / f"{kind}.yaml").exists()]


def preset_folders() -> list[Path]:
    """The default playbook and every preset `playbook init --preset` writes."""
    return [preset.folder for preset in PRESETS.values()]


def test_there_are_presets_to_check() -> None:
    assert len(preset_folders()) >= 3
    assert DEFAULT_PLAYBOOK_DIR in preset_folders()


@pytest.mark.parametrize("kind", FILE_KINDS)
def test_every_preset_file_passes_from_the_repository_root(kind: str) -> None:
    """All presets' files of one kind in one run, with paths relative to the checkout."""
    files = [
        (folder / f"{kind}.yaml").relative_to(PROJECT_ROOT)
        for folder in preset_folders()
        if (folder / f"{kind}.yaml").exists()
    ]
    if kind in OPTIONAL_KINDS and not files:
        return  # an optional file no preset has: nothing to check (at least one has each today)
    assert files, f"no preset has {kind}.yaml"
    schema = SCHEMA_DIR.relative_to(PROJECT_ROOT) / schema_file(kind)
    result = check_many(schema, files, PROJECT_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_every_merged_preset_passes_the_root_schema(tmp_path: Path) -> None:
    merged = []
    for number, folder in enumerate(preset_folders()):
        document = {
            kind: yaml.safe_load((folder / f"{kind}.yaml").read_text("utf-8"))
            for kind in FILE_KINDS
            if (folder / f"{kind}.yaml").exists()
        }
        path = tmp_path / f"preset-{number}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        merged.append(path)
    result = check_many(SCHEMA_DIR / ROOT_SCHEMA, merged, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("kind", default_files())
def test_default_file_passes_from_the_repository_root(kind: str) -> None:
    """The command of issue 13, word for word: relative paths, run in the checkout."""
    schema = SCHEMA_DIR.relative_to(PROJECT_ROOT) / schema_file(kind)
    instance = DEFAULT_PLAYBOOK_DIR.relative_to(PROJECT_ROOT) / f"{kind}.yaml"
    result = check(schema, instance, PROJECT_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


@pytest.mark.parametrize("kind", ["severities", "communication"])
def test_default_file_passes_from_another_folder(kind: str, tmp_path: Path) -> None:
    result = check(SCHEMA_DIR / schema_file(kind), DEFAULT_PLAYBOOK_DIR / f"{kind}.yaml", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("kind", default_files())
def test_default_file_starts_with_its_modeline(kind: str) -> None:
    """The modeline is how editors find the schema; it must name this file's schema."""
    first_line = (DEFAULT_PLAYBOOK_DIR / f"{kind}.yaml").read_text("utf-8").splitlines()[0]
    assert first_line == modeline(kind)


def merged_default(folder: Path) -> Path:
    document = {
        kind: yaml.safe_load((DEFAULT_PLAYBOOK_DIR / f"{kind}.yaml").read_text("utf-8"))
        for kind in default_files()
    }
    merged = folder / "playbook.json"
    merged.write_text(json.dumps(document), encoding="utf-8")
    return merged


def test_merged_default_playbook_passes_the_root_schema(tmp_path: Path) -> None:
    merged = merged_default(tmp_path)
    result = check(SCHEMA_DIR / ROOT_SCHEMA, merged, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_published_copies_work_beside_playbook_json(tmp_path: Path) -> None:
    """`playbook render` publishes the schema files in schema/ beside playbook.json; a reader
    checks the data against those copies with the CLI alone, from the site folder or elsewhere."""
    playbook_cli = Path(sys.executable).parent / "playbook"
    rendered = subprocess.run(
        [str(playbook_cli), "render", str(DEFAULT_PLAYBOOK_DIR), "--out", str(tmp_path / "docs")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert rendered.returncode == 0, rendered.stdout + rendered.stderr
    site = tmp_path / "docs"
    published = sorted(path.name for path in (site / "schema").glob("*.schema.json"))
    assert published == sorted(path.name for path in SCHEMA_DIR.glob("*.schema.json"))
    result = check(Path("schema") / ROOT_SCHEMA, "playbook.json", site)
    assert result.returncode == 0, result.stdout + result.stderr
    elsewhere = check(site / "schema" / ROOT_SCHEMA, site / "playbook.json", tmp_path)
    assert elsewhere.returncode == 0, elsewhere.stdout + elsewhere.stderr


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
    result = check(SCHEMA_DIR / schema_file("mitigation"), bad, PROJECT_ROOT)
    assert result.returncode == 1
    assert "$.last_reviewed" in result.stdout
    assert "$.patterns[0].id" in result.stdout


def test_a_javascript_link_fails_and_a_tel_link_passes(tmp_path: Path) -> None:
    """The allowed link schemes live in one $defs entry of common.schema.json."""
    org = (DEFAULT_PLAYBOOK_DIR / "organisation.yaml").read_text("utf-8")
    good = tmp_path / "good" / "organisation.yaml"
    bad = tmp_path / "bad" / "organisation.yaml"
    good.parent.mkdir()
    bad.parent.mkdir()
    data = yaml.safe_load(org)
    data["links"] = {"on_call": "tel:+15550100", "chat": "mailto:oncall@example.net"}
    good.write_text(yaml.safe_dump(data), "utf-8")
    data["links"] = {"on_call": "javascript:alert(1)"}
    bad.write_text(yaml.safe_dump(data), "utf-8")
    schema = SCHEMA_DIR / schema_file("organisation")
    assert check(schema, good, tmp_path).returncode == 0
    failed = check(schema, bad, tmp_path)
    assert failed.returncode == 1
    assert "$.links.on_call" in failed.stdout
