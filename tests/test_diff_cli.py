"""`playbook diff` end to end: folders, git revisions of a real temporary repository, exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.layout import DEFAULT_PLAYBOOK_DIR


def copy_playbook(target: Path) -> Path:
    shutil.copytree(DEFAULT_PLAYBOOK_DIR, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def slow_down_customers(playbook: Path) -> None:
    """SEV-2 customers every 30m -> 1h (the second `every: 30m` under customers is SEV-2's)."""
    path = playbook / "communication.yaml"
    text = path.read_text(encoding="utf-8")
    sev2 = text.index("  sev2:")
    customers = text.index("    customers:\n      every: 30m", sev2)
    cut = customers + len("    customers:\n      every: ")
    path.write_text(text[:cut] + "1h" + text[cut + 3 :], encoding="utf-8")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_diff_of_two_folders(tmp_path: Path) -> None:
    base = copy_playbook(tmp_path / "base")
    head = copy_playbook(tmp_path / "head")
    slow_down_customers(head)
    code, out, err = run("diff", str(base), str(head))
    assert code == 0, err
    assert "SEV-2: customers cadence 30m -> 1h  [less strict: slower updates]" in out
    code, out, _ = run("diff", str(base), str(head), "--format", "json")
    data = json.loads(out)
    assert data["summary"] == {"added": 0, "removed": 0, "changed": 1, "less_strict": 1}


def test_no_change_still_exits_zero(tmp_path: Path) -> None:
    base = copy_playbook(tmp_path / "base")
    code, out, _ = run("diff", str(base), str(DEFAULT_PLAYBOOK_DIR), "--format", "markdown")
    assert code == 0
    assert "No changes to the playbook's content." in out


@pytest.mark.parametrize(
    ("side", "file", "old", "new", "said"),
    [
        (
            "head",
            "severities.yaml",
            "acknowledge_within: 15m",
            "acknowledge_within: soon",
            ("severities.yaml:", "soon"),
        ),
        (
            "base",
            "organisation.yaml",
            "format: 2",
            "format: 1",
            ("this playbook is written in format 1; this tool reads format 2",),
        ),
    ],
    ids=["invalid-head", "base-in-format-1"],
)
def test_a_side_that_is_not_valid_exits_one_with_its_findings(
    side: str, file: str, old: str, new: str, said: tuple[str, ...], tmp_path: Path
) -> None:
    sides = {name: copy_playbook(tmp_path / name) for name in ("base", "head")}
    edit(sides[side] / file, old, new)
    code, out, err = run("diff", str(sides["base"]), str(sides["head"]))
    assert code == 1
    assert out == ""
    assert "is not a valid playbook" in err
    for words in said:
        assert words in err, err


def test_head_is_required_without_git(tmp_path: Path) -> None:
    code, _, err = run("diff", str(tmp_path))
    assert code == 2
    assert "HEAD is required unless --git is given" in err


# --------------------------------------------------------------------------- --git


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True)
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with two commits: the default playbook, then SEV-2 acknowledging slower."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "test@example.com")
    git(root, "config", "user.name", "Test")
    copy_playbook(root / "playbook")
    git(root, "add", "playbook")
    git(root, "commit", "-q", "-m", "first")
    edit(
        root / "playbook" / "severities.yaml", "acknowledge_within: 15m", "acknowledge_within: 30m"
    )
    git(root, "commit", "-q", "-am", "second")
    return root


def test_git_revisions(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    code, out, err = run("diff", "--git", "HEAD~1", "HEAD")
    assert code == 0, err
    assert out.startswith("Playbook changes: HEAD~1:playbook -> HEAD:playbook\n")
    assert "SEV-2: acknowledge within 15m -> 30m  [less strict: slower acknowledgement]" in out
    assert git(repo, "status", "--porcelain") == ""  # nothing in the work tree was touched


def test_git_base_against_working_tree(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    slow_down_customers(repo / "playbook")  # uncommitted
    monkeypatch.chdir(repo)
    code, out, err = run("diff", "--git", "HEAD", "--format", "markdown")
    assert code == 0, err
    assert "Comparing `HEAD:playbook` with `working tree:playbook`." in out
    assert "SEV\\-2" not in out  # hyphens are not escaped
    assert "SEV-2: customers cadence 30m -&gt; 1h" in out


def test_git_from_a_subfolder_with_path(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "docs").mkdir()
    monkeypatch.chdir(repo / "docs")
    code, out, err = run("diff", "--git", "HEAD~1", "HEAD", "--path", "../playbook")
    assert code == 0, err
    assert "SEV-2: acknowledge within 15m -> 30m" in out


def test_git_invalid_revision_side(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(repo / "playbook" / "roles.yaml", "  - id: scribe", "  - id: Scribe!")
    git(repo, "commit", "-q", "-am", "broken")
    monkeypatch.chdir(repo)
    code, _, err = run("diff", "--git", "HEAD~1", "HEAD")
    assert code == 1
    assert "HEAD:playbook is not a valid playbook" in err
    assert "HEAD:playbook/roles.yaml:" in err  # named by revision, not by a temporary folder


def test_git_unknown_revision(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    code, _, err = run("diff", "--git", "no-such-branch", "HEAD")
    assert code == 1
    assert "Error: no-such-branch: no such git revision" in err


def test_git_missing_folder_at_revision(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    code, _, err = run("diff", "--git", "HEAD~1", "HEAD", "--path", "handbook")
    assert code == 1
    assert "there is no folder 'handbook' at this revision" in err


def test_format_2_changes_as_a_pull_request_comment(tmp_path: Path) -> None:
    """A slower escalation is flagged, a removed decision tree is reported, and content that
    looks like a mention or an issue reference pings nobody."""
    base = copy_playbook(tmp_path / "base")
    head = copy_playbook(tmp_path / "head")
    edit(head / "severities.yaml", "escalate_after: 5m", "escalate_after: 15m")
    edit(head / "severities.yaml", "name: Major incident", 'name: "Major (@sre-oncall, #42)"')
    (head / "decision-tree.yaml").unlink()  # and its translation, as an author removes both
    (head / "translations" / "ja" / "decision-tree.yaml").unlink()
    code, out, err = run("diff", str(base), str(head), "--format", "markdown")
    assert code == 0, err
    assert (
        "- **changed**: SEV-1, page 'Primary on-call of the affected service': escalate after "
        "5m -&gt; 15m ⚠️ *less strict: a slower escalation*"
    ) in out
    assert "decision tree removed (responders choose from the severity table)" in out
    assert "'Major (@\u200dsre-oncall, #\u200d42)'" in out
    assert "@sre-oncall" not in out
    assert "#42" not in out
