"""The CI recipe and the pre-commit hooks: valid YAML that names only real `playbook` commands.

Every `playbook ...` command line in the workflow's `run:` steps and in the hooks' `entry` is
parsed by the real click command, so an unknown command, option or choice fails here, not in a
user's CI.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
import yaml

from generator import __version__
from generator.cli import main
from generator.layout import FILE_KINDS, PROJECT_ROOT
from generator.scaffold import Options, init_project, plan_project

WORKFLOW = PROJECT_ROOT / "generator" / "scaffold" / "files" / "github-workflow.yml"
HOOKS = PROJECT_ROOT / ".pre-commit-hooks.yaml"
PROJECT_HOOKS = PROJECT_ROOT / "generator" / "scaffold" / "files" / "pre-commit-config.yaml"
SHELL_OPERATORS = {"&&", "||", ";", "|", ">", ">>", "<", "&", "2>"}


def load(path: Path) -> Any:
    # BaseLoader: keep `on:` a string key (YAML 1.1 would read it as True)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def playbook_commands(script: str) -> list[list[str]]:
    """The argument lists of every `playbook` command in a shell script."""
    commands: list[list[str]] = []
    for line in script.splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        lexer.commenters = "#"
        words: list[str] = []
        skip_next = False
        for token in [*lexer, ";"]:
            if skip_next:  # the file after a redirection
                skip_next = False
                continue
            if token in SHELL_OPERATORS:
                if words and words[0] == "playbook":
                    commands.append(words[1:])
                words = []
                skip_next = token in {">", ">>", "<", "2>"}
                continue
            words.append(token)
    return commands


def check_command(args: list[str]) -> None:
    """Parse `args` with the real CLI, as `playbook` would, without running the command."""
    assert args, "a bare `playbook`"
    context = click.Context(main, info_name="playbook")
    command = main.get_command(context, args[0])
    assert command is not None, f"playbook has no command {args[0]!r}"
    command.make_context(args[0], list(args[1:]), parent=context)  # raises on unknown options


def workflow_runs() -> list[str]:
    workflow = load(WORKFLOW)
    return [
        step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step
    ]


def test_workflow_shape() -> None:
    workflow = load(WORKFLOW)
    assert set(workflow["on"]) >= {"pull_request", "push"}
    assert workflow["on"]["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    review = jobs["review"]
    assert review["if"] == "github.event_name == 'pull_request'"
    assert review["permissions"]["pull-requests"] == "write"
    checkout = review["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["fetch-depth"] == "0"  # the diff needs the base branch's history
    uses = [step.get("uses", "") for job in jobs.values() for step in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert any(u.startswith("actions/github-script@") for u in uses)
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"


def test_workflow_validates_with_annotations_and_comments_the_diff() -> None:
    commands = [c for run in workflow_runs() for c in playbook_commands(run)]
    validate = [c for c in commands if c[0] == "validate"]
    assert any("--format" in c and c[c.index("--format") + 1] == "github" for c in validate)
    diff = [c for c in commands if c[0] == "diff"]
    assert diff and "--git" in diff[0] and "markdown" in diff[0]
    assert ["build"] in commands


WORKFLOW_COMMANDS = [c for run in workflow_runs() for c in playbook_commands(run)]


def test_the_workflow_runs_playbook_commands() -> None:
    assert len(WORKFLOW_COMMANDS) >= 4  # validate twice, diff, build


@pytest.mark.parametrize("args", WORKFLOW_COMMANDS, ids=" ".join)
def test_every_playbook_command_in_the_workflow_is_real(args: list[str]) -> None:
    check_command(args)


def local_hooks() -> list[dict[str, Any]]:
    return [h for r in load(PROJECT_HOOKS)["repos"] if r["repo"] == "local" for h in r["hooks"]]


def hook_entries() -> list[tuple[str, list[str]]]:
    hooks = [*load(HOOKS), *local_hooks()]
    return [(h["id"], shlex.split(h["entry"]) + h.get("args", [])) for h in hooks]


@pytest.mark.parametrize(("hook", "words"), hook_entries())
def test_every_hook_runs_a_real_command(hook: str, words: list[str]) -> None:
    assert words[0] == "playbook"
    assert hook == f"playbook-{words[1]}"
    check_command(words[1:])


def test_hooks_offered() -> None:
    hooks = {h["id"]: h for h in load(HOOKS)}
    assert set(hooks) == {"playbook-validate", "playbook-diff"}
    assert hooks["playbook-validate"]["pass_filenames"] == "false"
    assert "pre-push" in hooks["playbook-diff"]["stages"]


def test_the_checker_catches_a_wrong_option() -> None:
    with pytest.raises(click.UsageError, match="No such option"):
        check_command(["validate", "--colour"])
    with pytest.raises(click.BadParameter):
        check_command(["diff", "a", "b", "--format", "html"])
    with pytest.raises(AssertionError, match="no command 'publish'"):
        check_command(["publish"])
    assert playbook_commands('x && playbook diff --git "origin/$B" HEAD > out.md') == [
        ["diff", "--git", "origin/$B", "HEAD"]
    ]


# --------------------------------------------------------------------------- pinned versions


def test_the_workflow_pins_the_tool_and_says_how_to_change_it() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    package = load(WORKFLOW)["env"]["PLAYBOOK_PACKAGE"]
    assert re.fullmatch(r"incident-playbook==\d+\.\d+\.\d+", package), package
    assert "To upgrade: change\n  # the version after `==`" in text
    installs = [run for run in workflow_runs() if "pip install" in run]
    assert installs
    for run in installs:
        assert '"$PLAYBOOK_PACKAGE"' in run or '"$CHECK_JSONSCHEMA_PACKAGE"' in run, run
    assert sum('"$PLAYBOOK_PACKAGE"' in run for run in installs) == 2  # review and build jobs


def test_init_pins_the_version_that_wrote_the_project() -> None:
    files = plan_project(Options(org="Pin Test")).files
    workflow = yaml.load(files[".github/workflows/playbook.yml"], Loader=yaml.BaseLoader)
    assert workflow["env"]["PLAYBOOK_PACKAGE"] == f"incident-playbook=={__version__}"
    assert f"pip install incident-playbook=={__version__}" in files[".pre-commit-config.yaml"]


# --------------------------------------------------------------------------- check-jsonschema

CHECK_JSONSCHEMA = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))


def schema_hooks() -> list[dict[str, Any]]:
    repos = load(PROJECT_HOOKS)["repos"]
    remote = [r for r in repos if r["repo"].endswith("/check-jsonschema")]
    assert len(remote) == 1 and re.fullmatch(r"\d+\.\d+\.\d+", remote[0]["rev"])
    return remote[0]["hooks"]


def test_one_check_jsonschema_hook_per_file_kind() -> None:
    hooks = schema_hooks()
    assert all(h["id"] == "check-jsonschema" for h in hooks)
    for kind in FILE_KINDS:
        matching = [h for h in hooks if re.search(h["files"], f"playbook/{kind}.yaml")]
        assert len(matching) == 1, kind
        assert matching[0]["args"] == ["--schemafile", f"schema/{kind}.schema.json"]
        assert re.search(matching[0]["files"], f"playbook/{kind}.yml")
        assert not re.search(matching[0]["files"], f"playbook/pages/{kind}.yaml")


@pytest.fixture(scope="module")
def chatops_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The preset with every file kind, as `init` writes it."""
    folder = tmp_path_factory.mktemp("hooks")
    init_project(folder, Options(preset="chatops"))
    return folder


def run_hooks(
    project: Path, kinds: tuple[str, ...] = FILE_KINDS
) -> list[subprocess.CompletedProcess[str]]:
    """The check-jsonschema hooks of `kinds` run as pre-commit runs them: args, matching files."""
    assert CHECK_JSONSCHEMA, "check-jsonschema is installed with the test extra"
    runs = []
    for hook in schema_hooks():
        if not any(re.search(hook["files"], f"playbook/{kind}.yaml") for kind in kinds):
            continue
        files = sorted(
            p.relative_to(project).as_posix()
            for p in project.rglob("*")
            if re.search(hook["files"], p.relative_to(project).as_posix())
        )
        assert files, hook["name"]
        command = [CHECK_JSONSCHEMA, *hook["args"], *files]
        runs.append(subprocess.run(command, cwd=project, capture_output=True, text=True))
    return runs


def test_the_hooks_pass_on_a_new_project(chatops_project: Path) -> None:
    runs = run_hooks(chatops_project)
    assert len(runs) == len(FILE_KINDS)
    for run in runs:
        assert run.returncode == 0, run.stdout + run.stderr
        assert "ok -- validation done" in run.stdout


def test_the_hooks_catch_a_schema_error(chatops_project: Path, tmp_path: Path) -> None:
    shutil.copytree(chatops_project, tmp_path / "p")
    severities = tmp_path / "p" / "playbook" / "severities.yaml"
    text = severities.read_text(encoding="utf-8")
    severities.write_text(text.replace("acknowledge_within: 5m", "acknowledge_within: soon"))
    (run,) = run_hooks(tmp_path / "p", ("severities",))
    assert run.returncode == 1
    assert "playbook/severities.yaml" in run.stdout
    assert "'soon'" in run.stdout


def test_the_workflow_schema_step_runs_as_written(chatops_project: Path, tmp_path: Path) -> None:
    """The workflow's check-jsonschema loop, run by bash in a new project (minus the install)."""
    step = next(run for run in workflow_runs() if "check-jsonschema --schemafile" in run)
    script = "\n".join(line for line in step.splitlines() if "pip install" not in line)
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    shutil.copytree(chatops_project, tmp_path / "p")
    run = subprocess.run(
        ["bash", "-e", "-c", script], cwd=tmp_path / "p", env=environment, capture_output=True,
        text=True,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.count("ok -- validation done") == len(FILE_KINDS)
    # the loop takes files in name order and stops at the first failure: break the first one
    (tmp_path / "p" / "playbook" / "communication.yaml").write_text("extra: 1\n")
    run = subprocess.run(
        ["bash", "-e", "-c", script], cwd=tmp_path / "p", env=environment, capture_output=True,
        text=True,
    )  # fmt: skip
    assert run.returncode == 1
    assert "playbook/communication.yaml" in run.stdout
    assert run.stdout.count("validation done") == 0
