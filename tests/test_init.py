"""`playbook init`: a new project for 3, 4 or 5 levels validates with no finding and builds."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.layout import FILE_KINDS, PROJECT_ROOT, modeline
from generator.pipeline import validate_playbook

ORG = "Acme: Widgets & Co"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module", params=[3, 4, 5])
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp(f"levels{request.param}") / "acme"
    code, out, err = invoke(
        "init", str(folder), "--org", ORG, "--timezone", "America/Chicago",
        "--levels", str(request.param),
    )  # fmt: skip
    assert code == 0, err
    assert f"into {folder}" in out
    return folder


def test_validates_without_any_finding(project: Path) -> None:
    result = validate_playbook(project / "playbook")
    assert result.findings == ()
    model = result.model
    assert model is not None
    levels = int(project.parent.name[len("levels")])  # the folder is levels<N><counter>
    assert len(model.severities) == levels
    assert [s.label for s in model.severities] == [f"SEV-{n}" for n in range(1, levels + 1)]
    assert model.organisation.name == ORG
    assert model.organisation.timezone == "America/Chicago"


def test_levels_are_consistent_everywhere(project: Path) -> None:
    model = validate_playbook(project / "playbook").model
    assert model is not None
    ids = {s.id for s in model.severities}
    reached = {a.severity for n in model.decision_tree.nodes for a in n.answers if a.severity}
    assert reached == ids  # the tree can end at every level, and only at existing ones
    audiences = {a.id for a in model.communication.audiences}
    cadence = {(c.severity, c.audience) for c in model.communication.cadence}
    assert cadence == {(s, a) for s in ids for a in audiences}
    for phase in model.phases:
        for item in phase.checklist:
            assert set(item.severities) <= ids
            assert set(item.severities) != ids  # "every level" is written as no list
    for template in model.status_templates:
        assert set(template.severities) <= ids
    labels = {s.label for s in model.severities}
    text = "\n".join((project / "playbook" / f"{kind}.yaml").read_text() for kind in FILE_KINDS)
    for n in range(1, 7):
        assert (f"SEV-{n}" in text) is (f"SEV-{n}" in labels)


def test_modelines_resolve_to_copied_schemas(project: Path) -> None:
    for kind in FILE_KINDS:
        path = project / "playbook" / f"{kind}.yaml"
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == modeline(kind)
        schema = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert schema.is_file(), schema
    assert (project / "schema" / "playbook.schema.json").is_file()


def test_project_files(project: Path) -> None:
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- playbook:" in config
    assert "site_name: 'Acme: Widgets & Co incident playbook'" in config
    workflow = yaml.safe_load((project / ".github/workflows/playbook.yml").read_text())
    assert set(workflow["jobs"]) == {"review", "build", "deploy"}
    hooks = yaml.safe_load((project / ".pre-commit-config.yaml").read_text())
    assert hooks["repos"][0]["hooks"][0]["id"] == "playbook-validate"


def test_builds_at_once(project: Path) -> None:
    code, out, err = invoke("build", "--config", str(project / "mkdocs.yml"))
    assert code == 0, err
    assert "Built" in out
    assert err == ""  # no warnings either
    index = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "Acme: Widgets &amp; Co" in index


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "existing"
    target.mkdir()
    (target / "mkdocs.yml").write_text("site_name: mine\n", encoding="utf-8")
    code, _, err = invoke("init", str(target))
    assert code == 1
    assert "1 file(s) already exist; nothing was written. Use --force" in err
    assert str(target / "mkdocs.yml") in err
    assert (target / "mkdocs.yml").read_text() == "site_name: mine\n"
    assert not (target / "playbook").exists()

    code, _, err = invoke("init", str(target), "--force")
    assert code == 0, err
    assert "- playbook:" in (target / "mkdocs.yml").read_text()
    assert validate_playbook(target / "playbook").findings == ()


def test_unrelated_files_do_not_block(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("ours\n", encoding="utf-8")
    code, _, err = invoke("init", str(tmp_path))
    assert code == 0, err
    assert (tmp_path / "README.md").read_text() == "ours\n"


def test_rejects_unknown_timezone(tmp_path: Path) -> None:
    code, _, err = invoke("init", str(tmp_path / "x"), "--timezone", "europe/berlin")
    assert code == 2
    assert "'europe/berlin' is not an IANA timezone name" in err
    assert "did you mean Europe/Berlin?" in err
    assert not (tmp_path / "x").exists()


def test_rejects_unsupported_level_count(tmp_path: Path) -> None:
    code, _, err = invoke("init", str(tmp_path / "x"), "--levels", "6")
    assert code == 2
    assert "'6' is not one of '3', '4', '5'" in err


def test_init_ships_the_projects_own_mkdocs_yml() -> None:
    """`init` writes the mkdocs.yml shipped in the package; it must not drift from the root one."""
    shipped = PROJECT_ROOT / "generator" / "scaffold" / "files" / "mkdocs.yml"
    assert shipped.read_text(encoding="utf-8") == (PROJECT_ROOT / "mkdocs.yml").read_text(
        encoding="utf-8"
    )
