"""The installed `playbook` command: `playbook validate` starts without click, the rest with it.

`playbook validate` runs in every pull request and every pre-commit hook, so its start-up is most
of what users wait for: importing click and the command group costs more than checking a
playbook. A plain `playbook validate [DIR] [--format F] [--strict]` is therefore read here and run
by `run_validate`, the same function the click command calls; anything else (help, a misspelt
option, a second folder, another command) goes to click unchanged, so every usage error, help
text and exit code stays click's.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

#: The names of `generator.report.REPORTERS` (checked by a test), for --format.
REPORT_FORMATS = ("text", "github", "json")

#: click.echo strips ANSI escapes when the output is not a terminal; the fast path does the same.
_ANSI = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")


def internal_error_text(error: BaseException) -> str:
    """What a user sees for a bug: never a traceback."""
    return (
        f"internal error: {type(error).__name__}: {error}\n"
        "This is a bug in incident-playbook, not in your playbook; please report it"
        " with the command you ran."
    )


def run_validate(
    directory: Path,
    fmt: str,
    strict: bool,
    write: Callable[[str], None],
    warn: Callable[[str], None],
) -> int:
    """Validate DIRECTORY, write the report in `fmt`, return the exit code (0 or 1)."""
    from generator.pipeline import validate_playbook
    from generator.report import report

    result = validate_playbook(directory)
    write(report(result, fmt))
    if not result.ok:
        return 1
    if strict and result.warnings:
        if fmt == "text":
            warn("failed: --strict treats warnings as errors")
        return 1
    return 0


def plain_validate(argv: list[str]) -> tuple[Path, str, bool] | None:
    """(directory, format, strict) when `argv` is a plain validate call click would accept as
    such; None for anything else, which click then handles."""
    if not argv or argv[0] != "validate":
        return None
    directory: str | None = None
    fmt, strict = "text", False
    words = iter(argv[1:])
    for word in words:
        if word == "--strict":
            strict = True
        elif word == "--format" or word.startswith("--format="):
            value = word.partition("=")[2] if "=" in word else next(words, None)
            if value not in REPORT_FORMATS:
                return None
            fmt = value
        elif word.startswith("-") or directory is not None or not word:
            return None
        else:
            directory = word
    return Path(directory or "playbook"), fmt, strict


def _echo(text: str, stream: object) -> None:
    if not stream.isatty():  # type: ignore[attr-defined]
        text = _ANSI.sub("", text)
    stream.write(text)  # type: ignore[attr-defined]
    stream.flush()  # type: ignore[attr-defined]


def main() -> int:
    """The console script: the fast path for a plain validate, else the click group."""
    plain = plain_validate(sys.argv[1:])
    if plain is None:
        from generator.cli import main as click_main

        return click_main()  # type: ignore[no-any-return]
    from generator.findings import PlaybookError

    directory, fmt, strict = plain
    try:
        return run_validate(
            directory,
            fmt,
            strict,
            write=lambda text: _echo(text, sys.stdout),
            warn=lambda text: _echo(text + "\n", sys.stderr),
        )
    except PlaybookError as error:  # as click shows a ClickException
        _echo(f"Error: {error}\n", sys.stderr)
        return 1
    except KeyboardInterrupt:
        _echo("\nAborted!\n", sys.stderr)
        return 1
    except BrokenPipeError:  # as click: quietly, without a second error at exit
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as error:
        _echo(internal_error_text(error) + "\n", sys.stderr)
        return 1
