"""`playbook render --out`: pages on disk without MkDocs, and the validate report when invalid."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main


def test_render_writes_pages_and_data(minimal_playbook_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["render", "--out", str(out), "--playbook", str(minimal_playbook_dir)]
    )
    assert result.exit_code == 0, result.output
    assert (out / "index.md").is_file()
    assert (out / "playbook.json").is_file()


def test_render_of_an_invalid_playbook_reports_and_writes_nothing(
    minimal_playbook_dir: Path, tmp_path: Path
) -> None:
    playbook = tmp_path / "playbook"
    shutil.copytree(minimal_playbook_dir, playbook)
    rubrics = playbook / "rubrics.yaml"
    rubrics.write_text(rubrics.read_text(encoding="utf-8") + "extra_key: 1\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", "--out", str(out), "--playbook", str(playbook)])
    assert result.exit_code == 1
    assert "rubrics.yaml:" in result.stderr
    assert "error[schema-unknown-field]" in result.stderr
    assert "^" in result.stderr  # the offending line is quoted with a caret
    assert not out.exists()
