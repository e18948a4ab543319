"""Every command that reads a playbook takes its folder the same way: DIRECTORY (playbook)."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from generator.cli import main

#: The commands that read a playbook folder given on the command line (build and serve read it
#: from the site configuration).
READERS = (("validate",), ("render",), ("export",), ("translations", "refresh"))


def command(path: tuple[str, ...]) -> click.Command:
    found: click.Command = main
    context = click.Context(main)
    for name in path:
        assert isinstance(found, click.Group)
        found = found.get_command(context, name)
        assert found is not None, name
    return found


@pytest.mark.parametrize("path", READERS, ids=[" ".join(p) for p in READERS])
def test_the_playbook_folder_is_the_same_argument(path: tuple[str, ...]) -> None:
    arguments = [p for p in command(path).params if isinstance(p, click.Argument)]
    assert [(a.name, a.default, a.required) for a in arguments] == [
        ("directory", "playbook", False)
    ]
    usage = CliRunner().invoke(main, [*path, "--help"]).output
    assert "[DIRECTORY]" in usage.splitlines()[0], usage
