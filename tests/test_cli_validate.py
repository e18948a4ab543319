"""`playbook validate` as users run it: exit codes, the three formats, --strict, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from generator.cli import guarded, main
from generator.findings import PlaybookError

FIXTURES = Path(__file__).parent / "fixtures"


def run(*args: str):
    return CliRunner().invoke(main, ["validate", *args])


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_minimal_playbook_is_valid_without_warnings(minimal_playbook_dir: Path) -> None:
    result = run(str(minimal_playbook_dir), "--strict")
    assert result.exit_code == 0, result.output
    assert result.stdout == "0 errors, 0 warnings in 10 files\n"


def test_default_playbook_is_valid_without_warnings(
    project_root: Path, default_playbook_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project_root)
    result = run("--strict")  # DIR defaults to ./playbook
    assert result.exit_code == 0, result.output
    # every file is read and counted, its translations too
    files = len(list(default_playbook_dir.glob("*.yaml")))
    files += len(list(default_playbook_dir.glob("translations/*/*.yaml")))
    assert files >= 10
    assert result.stdout == f"0 errors, 0 warnings in {files} files\n"


def test_text_format_quotes_the_line_and_points_at_the_column(make_playbook, in_tmp) -> None:
    make_playbook(FIXTURES / "invalid" / "ref-unknown-role")
    result = run("playbook")
    assert result.exit_code == 1
    assert result.stdout == (
        "playbook/severities.yaml:20:11: error[ref-unknown-role]: unknown role 'scrib': no role"
        " with this id in roles.yaml\n"
        "            - scrib\n"
        "              ^\n"
        "  hint: did you mean 'scribe'? known: incident-commander, scribe\n"
        "1 error, 0 warnings in 10 files\n"
    )


def test_github_format_is_one_annotation_per_finding(make_playbook, in_tmp) -> None:
    make_playbook(FIXTURES / "invalid" / "ref-unknown-role")
    result = run("playbook", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=playbook/severities.yaml,line=20,col=11,title=ref-unknown-role::"
        "unknown role 'scrib': no role with this id in roles.yaml"
        "%0Ahint: did you mean 'scribe'? known: incident-commander, scribe\n"
    )


def test_github_format_for_a_warning_and_a_whole_file(make_playbook, in_tmp) -> None:
    make_playbook(FIXTURES / "invalid" / "ack-order")
    warning = run("playbook", "--format", "github").stdout
    assert warning.startswith("::warning file=playbook/severities.yaml,line=12,col=27,")
    make_playbook(FIXTURES / "invalid" / "file-missing", name="second")
    missing = run("second", "--format", "github").stdout
    assert missing.startswith("::error file=second,title=file-missing::")


def test_json_format_lists_every_field(make_playbook, in_tmp) -> None:
    make_playbook(FIXTURES / "invalid" / "ref-unknown-role")
    result = run("playbook", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {
            "rule": "ref-unknown-role",
            "level": "error",
            "file": "playbook/severities.yaml",
            "line": 20,
            "column": 11,
            "message": "unknown role 'scrib': no role with this id in roles.yaml",
            "hint": "did you mean 'scribe'? known: incident-commander, scribe",
        }
    ]


def test_json_format_of_a_valid_playbook_is_an_empty_list(minimal_playbook_dir: Path) -> None:
    result = run(str(minimal_playbook_dir), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_strict_turns_a_warning_into_failure(make_playbook, in_tmp) -> None:
    make_playbook(FIXTURES / "invalid" / "ack-order")
    lenient = run("playbook")
    assert lenient.exit_code == 0
    assert "warning[ack-order]" in lenient.stdout
    assert lenient.stdout.endswith("0 errors, 1 warning in 10 files\n")
    strict = run("playbook", "--strict")
    assert strict.exit_code == 1
    assert "--strict treats warnings as errors" in strict.stderr


def test_paths_are_relative_to_the_current_folder_when_below_it(
    make_playbook, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    playbook = make_playbook(FIXTURES / "invalid" / "ref-unknown-role")
    below = run(str(playbook))  # absolute path, but below the current folder
    assert below.stdout.startswith("playbook/severities.yaml:20:11:")
    elsewhere = in_tmp / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    outside = run(str(playbook))
    assert outside.stdout.startswith(f"{playbook}/severities.yaml:20:11:")


def test_a_missing_folder_is_reported_not_raised(in_tmp: Path) -> None:
    result = run("no-such-folder")
    assert result.exit_code == 1
    assert result.stdout.startswith("no-such-folder: error[folder-missing]: ")
    assert "Traceback" not in result.output


def test_a_file_instead_of_a_folder_is_reported(in_tmp: Path) -> None:
    (in_tmp / "severities.yaml").write_text("severities: []\n", encoding="utf-8")
    result = run("severities.yaml")
    assert result.exit_code == 1
    assert "error[folder-missing]: this is not a folder" in result.stdout


def test_unknown_format_is_a_usage_error(minimal_playbook_dir: Path) -> None:
    result = run(str(minimal_playbook_dir), "--format", "xml")
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.output


def test_help_lists_validate() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "validate" in result.stdout


def test_report_formats_match_the_reporters() -> None:
    from generator.cli import REPORT_FORMATS
    from generator.report import REPORTERS

    assert set(REPORT_FORMATS) == set(REPORTERS)


@click.command()
@click.argument("what")
@guarded
def _raiser(what: str) -> None:
    if what == "bug":
        raise KeyError("surprise")
    raise PlaybookError("the site could not be built")


def test_a_bug_becomes_an_internal_error_message_not_a_traceback() -> None:
    result = CliRunner().invoke(_raiser, ["bug"])
    assert result.exit_code == 1
    assert result.stderr.startswith("internal error: KeyError: 'surprise'\n")
    assert "please report" in result.stderr
    assert "Traceback" not in result.output


def test_a_playbook_error_becomes_a_plain_error_line() -> None:
    result = CliRunner().invoke(_raiser, ["expected"])
    assert result.exit_code == 1
    assert result.stderr == "Error: the site could not be built\n"


README = Path(__file__).resolve().parent.parent / "README.md"


def readme_finding_block() -> list[str]:
    """The lines of README's example finding (the ```text block after "A finding looks like")."""
    text = README.read_text(encoding="utf-8")
    after = text.split("A finding looks like this:", 1)[1]
    block = after.split("```text\n", 1)[1].split("```", 1)[0]
    return block.rstrip("\n").split("\n")


def test_the_readme_example_finding_is_what_the_command_prints(
    default_playbook_dir: Path, tmp_path: Path
) -> None:
    """The example is made the way a user makes it: the default playbook with one duration
    written in words, checked by the installed `playbook` command; README shows its output."""
    import shutil
    import subprocess
    import sys

    playbook = tmp_path / "playbook"
    shutil.copytree(default_playbook_dir, playbook)
    severities = playbook / "severities.yaml"
    lines = severities.read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if "acknowledge_within:" in line)
    lines[first] = lines[first].split(":", 1)[0] + ": soon"
    severities.write_text("\n".join(lines), encoding="utf-8")
    run_ = subprocess.run(
        [str(Path(sys.executable).parent / "playbook"), "validate", "playbook"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run_.returncode == 1, run_.stderr
    printed = run_.stdout.rstrip("\n").split("\n")
    assert printed[-1].startswith("1 error, 0 warnings in "), run_.stdout
    assert readme_finding_block() == printed[:-1], (
        "README's example finding differs from what `playbook validate` prints; replace the"
        " block with:\n" + "\n".join(printed[:-1])
    )
