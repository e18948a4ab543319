"""`playbook init`: a new project for 3, 4 or 5 levels validates, marks its sample text, lists its
placeholder values and builds; options it cannot honour are refused with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.layout import DEFAULT_PLAYBOOK_DIR, FILE_KINDS, PROJECT_ROOT, modeline
from generator.loader.yaml12 import Yaml12Loader
from generator.pipeline import validate_playbook
from generator.sample import fingerprint

ORG = "Acme: Widgets & Co"
SAMPLE_RULE = "sample-text"


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
    assert f"into {folder} from the default preset" in out
    return folder


def playbook_files(project: Path) -> list[Path]:
    return sorted((project / "playbook").glob("*.yaml"))


def test_only_finding_is_one_sample_warning_per_file(project: Path) -> None:
    result = validate_playbook(project / "playbook")
    files = {path.name for path in playbook_files(project)}
    assert {Path(f.location.file).name for f in result.findings} == files
    for finding in result.findings:
        assert (finding.rule, finding.level) == (SAMPLE_RULE, "warning"), finding
        assert "playbook init" in finding.message + finding.hint
    assert len(result.findings) == len(files)
    model = result.model
    assert model is not None
    levels = int(project.parent.name[len("levels")])  # the folder is levels<N><counter>
    assert [s.label for s in model.severities] == [f"SEV-{n}" for n in range(1, levels + 1)]
    assert model.organisation.name == ORG
    assert model.organisation.timezone == "America/Chicago"


def test_levels_are_consistent_everywhere(project: Path) -> None:
    model = validate_playbook(project / "playbook").model
    assert model is not None and model.decision_tree is not None
    ids = {s.id for s in model.severities}
    tree = model.decision_tree
    reached = {a.severity for n in tree.nodes for a in n.answers if a.severity}
    assert reached == ids  # the tree can end at every level, and only at existing ones
    audiences = {a.id for a in model.communication.audiences}
    cadence = {(c.severity, c.audience) for c in model.communication.cadence}
    assert cadence == {(s, a) for s in ids for a in audiences}
    for phase in model.phases:
        for item in phase.checklist:
            if item.severities:
                assert set(model.levels_of(item.severities)) < ids  # a list never means "all"
    for template in model.status_templates:
        assert set(model.levels_of(template.severities)) <= ids
    for group in model.groups:
        assert group.severities and set(group.severities) <= ids
    labels = {s.label for s in model.severities}
    text = "\n".join(path.read_text(encoding="utf-8") for path in playbook_files(project))
    for n in range(1, 7):
        assert (f"SEV-{n}" in text) is (f"SEV-{n}" in labels)


def test_every_file_is_marked_as_sample_text(project: Path) -> None:
    for path in playbook_files(project):
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=Yaml12Loader)
        assert data["sample"] == fingerprint(data), path.name
        assert "last_reviewed" not in str(data), path.name  # nobody has reviewed it yet
        assert "then delete the `sample:` line" in text


def test_an_edit_or_a_review_date_ends_the_sample_warning(project: Path, tmp_path: Path) -> None:
    copy = tmp_path / "playbook"
    copy.mkdir()
    for path in playbook_files(project):
        (copy / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    rubrics = copy / "rubrics.yaml"
    rubrics.write_text(
        rubrics.read_text(encoding="utf-8").replace("Roll back?", "Roll back now?"),
        encoding="utf-8",
    )
    severities = copy / "severities.yaml"
    severities.write_text(
        severities.read_text(encoding="utf-8").replace(
            "\nowner:", '\nlast_reviewed: "2026-12-01"\nowner:', 1
        ),
        encoding="utf-8",
    )
    warned = {Path(f.location.file).name for f in validate_playbook(copy).findings}
    assert warned == {p.name for p in playbook_files(project)} - {
        "rubrics.yaml",
        "severities.yaml",
    }


def test_modelines_resolve_to_copied_schemas(project: Path) -> None:
    for path in playbook_files(project):
        kind = path.stem
        assert kind in FILE_KINDS
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
    reported = [line for line in err.splitlines() if "warning[" in line]
    assert reported and all(f"warning[{SAMPLE_RULE}]" in line for line in reported), err
    index = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "Acme: Widgets &amp; Co" in index
    # what the build leaves beside the project (site, caches) is kept out of git
    ignored = (project / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"/site/", "/.cache/"} <= set(ignored)
    assert (project / ".cache").is_dir()


def test_summary_names_the_sample_files_and_the_placeholders(tmp_path: Path) -> None:
    code, out, err = invoke("init", str(tmp_path / "n"))
    assert code == 0, err
    files = len(list(DEFAULT_PLAYBOOK_DIR.glob("*.yaml")))
    assert f"All {files} playbook files are sample text, marked `sample:`" in out
    assert "until your team has edited it or set its last_reviewed date" in out
    assert "Placeholder values to replace, in" in out
    organisation = (tmp_path / "n" / "playbook" / "organisation.yaml").read_text().splitlines()
    name_line = organisation.index("name: Northwind Cloud") + 1
    call_line = next(n for n, line in enumerate(organisation, 1) if "tel:+15550142" in line)
    assert (
        f"  playbook/organisation.yaml\n    line {name_line}, name: Northwind Cloud (the preset's"
        " fictional organisation; rerun with --org, or edit it)" in out
    )
    assert f"    line {call_line}, links.on_call: tel:+15550142 (a fictional phone number)" in out
    assert out.endswith(f"Next: cd {tmp_path / 'n'} && playbook validate && playbook build\n")


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
    assert validate_playbook(target / "playbook").ok


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


@pytest.mark.parametrize("preset", ["major-incident", "chatops"])
def test_levels_only_with_the_default_preset(tmp_path: Path, preset: str) -> None:
    code, out, err = invoke("init", str(tmp_path / "x"), "--preset", preset, "--levels", "3")
    assert code == 2
    assert f"--levels works only with the default preset; the {preset} preset has its own" in err
    assert "change the levels in playbook/severities.yaml after init" in err
    assert out == ""
    assert not (tmp_path / "x").exists()


def test_rejects_unknown_preset(tmp_path: Path) -> None:
    code, _, err = invoke("init", str(tmp_path / "x"), "--preset", "huge")
    assert code == 2
    assert "'huge' is not one of 'default', 'major-incident', 'chatops'" in err


def test_init_ships_the_projects_own_mkdocs_yml() -> None:
    """`init` writes the mkdocs.yml shipped in the package; it must not drift from the root one."""
    shipped = PROJECT_ROOT / "generator" / "scaffold" / "files" / "mkdocs.yml"
    assert shipped.read_text(encoding="utf-8") == (PROJECT_ROOT / "mkdocs.yml").read_text(
        encoding="utf-8"
    )
