"""The installed `playbook validate` starts without click (generator.launch) and must print
exactly what the click command prints: same stdout, stderr and exit code, for every format,
--strict, a missing folder, and a value holding terminal escapes; anything else goes to click."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.launch import REPORT_FORMATS, plain_validate
from generator.report import REPORTERS

FIXTURES = Path(__file__).parent / "fixtures"
CLICK_PATH = (
    "import sys; from generator.cli import main; sys.argv[0] = 'playbook'; sys.exit(main())"
)
FAST_PATH = (
    "import sys; from generator.launch import main; sys.argv[0] = 'playbook'; sys.exit(main())"
)


def both(args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess[str], ...]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    return tuple(
        subprocess.run(
            [sys.executable, "-c", code, *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        for code in (FAST_PATH, CLICK_PATH)
    )


def test_the_formats_are_the_reporters() -> None:
    assert set(REPORT_FORMATS) == set(REPORTERS)


@pytest.mark.parametrize(
    ("argv", "parsed"),
    [
        (["validate"], (Path("playbook"), "text", False)),
        (["validate", "pb", "--strict"], (Path("pb"), "text", True)),
        (["validate", "--format", "json", "pb"], (Path("pb"), "json", False)),
        (["validate", "--format=github"], (Path("playbook"), "github", False)),
        (["validate", "--help"], None),
        (["validate", "-h"], None),
        (["validate", "--format", "html"], None),
        (["validate", "--format"], None),
        (["validate", "a", "b"], None),
        (["validate", "--colour"], None),
        (["validate", "--", "pb"], None),
        (["build"], None),
        ([], None),
    ],
)
def test_only_a_plain_validate_takes_the_fast_path(argv: list[str], parsed: object) -> None:
    assert plain_validate(argv) == parsed


CASES = {
    "valid": (None, ["validate", "playbook"]),
    "valid-json": (None, ["validate", "playbook", "--format", "json"]),
    "invalid-text": ("ref-unknown-role", ["validate", "playbook"]),
    "invalid-github": ("tree-cycle", ["validate", "--format=github", "playbook"]),
    "invalid-json": ("several-files-at-once", ["validate", "playbook", "--format", "json"]),
    "warning-strict": ("ack-order", ["validate", "playbook", "--strict"]),
    "warning-not-strict": ("ack-order", ["validate", "playbook"]),
    "missing-folder": (None, ["validate", "nowhere"]),
    "help": (None, ["validate", "--help"]),
    "bad-format": (None, ["validate", "--format", "html"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_fast_and_click_paths_print_the_same(name: str, make_playbook) -> None:
    case, args = CASES[name]
    playbook = make_playbook(FIXTURES / "invalid" / case if case else None)
    fast, slow = both(args, playbook.parent)
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        slow.returncode,
        slow.stdout,
        slow.stderr,
    )
    assert "Traceback" not in fast.stderr
    assert fast.stdout or fast.stderr


def test_terminal_escapes_in_a_value_are_stripped_alike(make_playbook) -> None:
    playbook = make_playbook()
    roles = playbook / "roles.yaml"
    roles.write_text(roles.read_text().replace("id: scribe", 'id: "scr\\e[31mibe"', 1))
    fast, slow = both(["validate", "playbook"], playbook.parent)
    assert fast.returncode == slow.returncode == 1
    assert fast.stdout == slow.stdout and "\x1b[31m" not in fast.stdout
    assert "error[schema-pattern]" in fast.stdout and "roles.yaml" in fast.stdout
