"""`playbook render DIR --out DOCS`: the complete docs folder and a config beside it, which plain
`mkdocs build`, `zensical build` and `properdocs build` turn into the whole site with no playbook
plugin; and the validate report, with nothing written, when the playbook is invalid."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.engines.config import GENERATED_MARK
from generator.layout import DEFAULT_PLAYBOOK_DIR, PROJECT_ROOT, TEMPLATES_DIR
from generator.render.minify import minified

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}


def test_render_writes_pages_assets_data_and_a_config(
    minimal_playbook_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "build" / "docs"
    result = CliRunner().invoke(main, ["render", str(minimal_playbook_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "mkdocs.yml" in result.output
    assert (out / "index.md").is_file()
    assert (out / "playbook.json").is_file()
    for asset in (TEMPLATES_DIR / "assets" / "playbook").iterdir():  # published minified
        published = (out / "assets" / "playbook" / asset.name).read_text(encoding="utf-8")
        assert published == minified(asset.name, asset.read_text(encoding="utf-8"))
        assert len(published) < len(asset.read_text(encoding="utf-8"))
    config = (tmp_path / "build" / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.startswith(GENERATED_MARK + "\n")
    assert "docs_dir: docs\n" in config
    assert "playbook_dir" not in config  # the plugin is not in it
    assert "- assets/playbook/playbook.css" in config
    assert "nav:" in config and "respond/decide-severity.md" in config


def test_render_never_writes_over_a_config_it_did_not_write(
    minimal_playbook_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: Ours\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["render", str(minimal_playbook_dir), "--out", str(tmp_path / "docs")]
    )
    assert result.exit_code == 1
    assert "was not written by `playbook render`" in result.output
    assert "--out build/docs" in result.output
    assert (tmp_path / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: Ours\n"


def test_render_of_an_invalid_playbook_reports_and_writes_nothing(
    minimal_playbook_dir: Path, tmp_path: Path
) -> None:
    playbook = tmp_path / "playbook"
    shutil.copytree(minimal_playbook_dir, playbook)
    rubrics = playbook / "rubrics.yaml"
    rubrics.write_text(rubrics.read_text(encoding="utf-8") + "extra_key: 1\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(playbook), "--out", str(out)])
    assert result.exit_code == 1
    assert "rubrics.yaml:" in result.stderr
    assert "error[schema-unknown-field]" in result.stderr
    assert "^" in result.stderr  # the offending line is quoted with a caret
    assert not out.exists()
    assert not (tmp_path / "mkdocs.yml").exists()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default project rendered with its own mkdocs.yml (theme, search, offline)."""
    project = tmp_path_factory.mktemp("render")
    shutil.copytree(DEFAULT_PLAYBOOK_DIR, project / "playbook")
    shutil.copy(PROJECT_ROOT / "mkdocs.yml", project / "mkdocs.yml")
    done = subprocess.run(
        [BIN / "playbook", "render", "playbook", "--out", "build/docs"],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return project / "build"


ENGINES = {
    "mkdocs": ["mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", "site"],
    "zensical": ["zensical", "build", "--strict", "-f", "mkdocs.yml"],
    "properdocs": ["properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", "site"],
}


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_a_plain_engine_builds_the_whole_site_from_the_render(rendered: Path, engine: str) -> None:
    """No playbook plugin anywhere: the navigation, widgets and data come from the render."""
    work = rendered.parent / f"plain-{engine}"
    shutil.copytree(rendered, work)
    command = ENGINES[engine]
    done = subprocess.run(
        [BIN / command[0], *command[1:]], cwd=work, env=ENV, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    site = work / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="respond/decide-severity.html"' in home  # navigation and links, .html addresses
    assert re.search(r'<script src="[./]*assets/playbook/playbook\.js" defer', home)
    assert "assets/playbook/iframe-worker.js" in home  # search's Worker stand-in for file://
    assert "fonts.googleapis" not in home
    tree = (site / "respond" / "decide-severity.html").read_text(encoding="utf-8")
    assert tree.count('data-pb-widget="tree"') == 1 and 'id="pb-data"' in tree
    for asset in ("tree.js", "composer.js", "checklist.js", "playbook.css"):
        assert (site / "assets" / "playbook" / asset).is_file(), asset
    assert (site / "playbook.json").is_file()
    guides = sorted((DEFAULT_PLAYBOOK_DIR / "pages").glob("*.md"))
    assert all((site / "guides" / f"{page.stem}.html").is_file() for page in guides)


def test_every_language_is_rendered_beside_the_default(rendered: Path) -> None:
    """A playbook with translations: DOCS and mkdocs.yml for its own language, DOCS-<lang> and
    mkdocs-<lang>.yml for each translation, whose site goes into site/<lang>/."""
    assert sorted(p.name for p in rendered.iterdir()) == [
        "docs",
        "docs-ja",
        "mkdocs-ja.yml",
        "mkdocs.yml",
    ]
    english = sorted(p.relative_to(rendered / "docs") for p in (rendered / "docs").rglob("*.md"))
    japanese = (rendered / "docs-ja").rglob("*.md")
    assert sorted(p.relative_to(rendered / "docs-ja") for p in japanese) == english
    config = (rendered / "mkdocs-ja.yml").read_text(encoding="utf-8")
    assert config.startswith(GENERATED_MARK + "\n")
    assert "docs_dir: docs-ja\n" in config and "site_dir: site/ja\n" in config
    assert "  language: ja\n" in config
    assert "site_dir" not in (rendered / "mkdocs.yml").read_text(encoding="utf-8")
    home = (rendered / "docs-ja" / "index.md").read_text(encoding="utf-8")
    assert '<a href="../index.html" hreflang="en" lang="en">English</a>' in home


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_plain_engine_builds_every_language_default_first(rendered: Path, engine: str) -> None:
    work = rendered.parent / f"languages-{engine}"
    shutil.copytree(rendered, work)
    for config in ("mkdocs.yml", "mkdocs-ja.yml"):
        command = [part if part != "mkdocs.yml" else config for part in ENGINES[engine]]
        if engine == "mkdocs":
            command = command[:-2]  # the configuration says where its site goes
        done = subprocess.run(
            [BIN / command[0], *command[1:]], cwd=work, env=ENV, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr
    site = work / "site"
    assert '<html lang="en"' in (site / "roles" / "scribe.html").read_text(encoding="utf-8")
    japanese = (site / "ja" / "roles" / "scribe.html").read_text(encoding="utf-8")
    assert '<html lang="ja"' in japanese
    assert 'href="../../roles/scribe.html" hreflang="en"' in japanese
