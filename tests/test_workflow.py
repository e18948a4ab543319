"""The CI recipe and the pre-commit hooks: valid YAML that names only real `playbook` commands.

Every `playbook ...` command line in the workflow's `run:` steps and in the hooks' `entry` is
parsed by the real click command, so an unknown command, option or choice fails here, not in a
user's CI.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import click
import pytest
import yaml

from generator.cli import main
from generator.layout import PROJECT_ROOT

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


@pytest.mark.parametrize("script", workflow_runs())
def test_every_playbook_command_in_the_workflow_is_real(script: str) -> None:
    for args in playbook_commands(script):
        check_command(args)


def hook_entries() -> list[tuple[str, list[str]]]:
    entries = [(h["id"], shlex.split(h["entry"]) + h.get("args", [])) for h in load(HOOKS)]
    for repo in load(PROJECT_HOOKS)["repos"]:
        entries += [(h["id"], shlex.split(h["entry"]) + h.get("args", [])) for h in repo["hooks"]]
    return entries


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
