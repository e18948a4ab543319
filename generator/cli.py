"""The `playbook` command line: thin adapters over plain functions.

Each command imports its module inside the function, so `playbook --help` stays fast and a broken
optional part (MkDocs, the browser) cannot stop the others. Errors the package raises on purpose
(`PlaybookError`) become `Error: <message>` with exit code 1; anything else is a bug and is
reported as an internal error, never as a traceback. Exit codes: 0 fine, 1 invalid or failed,
2 usage error (click's own).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from generator import __version__, launch
from generator.findings import PlaybookError

F = TypeVar("F", bound=Callable[..., Any])

#: The names of `generator.report.REPORTERS`, listed so `--help` need not import it.
REPORT_FORMATS = launch.REPORT_FORMATS

#: `--config` of the commands that run MkDocs (build, serve).
config_option = click.option(
    "--config",
    "config_file",
    default="mkdocs.yml",
    show_default=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The site configuration (mkdocs.yml; both engines read it).",
)


def guarded(command: F) -> F:
    """Turn every exception into a message and an exit code; click's own exits pass through."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except PlaybookError as error:
            raise click.ClickException(str(error)) from error
        except Exception as error:
            from generator.launch import internal_error_text

            click.echo(internal_error_text(error), err=True)
            raise click.exceptions.Exit(1) from error

    return wrapper  # type: ignore[return-value]


class _Commands(click.Group):
    """The command group; commands of their own package are imported only when run or listed.

    `playbook export` needs the typed model, whose import costs more than validating a playbook:
    `playbook validate` must not pay for it.
    """

    #: Command name -> "module:attribute" of a command defined in another package.
    lazy: dict[str, str] = {  # noqa: RUF012
        "export": "generator.export.command:export",
        "translations": "generator.translations.command:translations",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            import importlib

            module, _, attribute = self.lazy[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), attribute)
            command.callback = guarded(command.callback)
            self.add_command(command)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="playbook")
def main() -> None:
    """Validate an incident playbook written in YAML and publish it as a website."""


@main.command()
@click.argument("directory", default="playbook", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(REPORT_FORMATS),
    default="text",
    show_default=True,
    help="text for people, github for pull-request annotations, json for tools.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@guarded
def validate(directory: Path, fmt: str, strict: bool) -> None:
    """Check the playbook in DIRECTORY (default: playbook) and report every problem."""
    from generator.launch import run_validate

    code = run_validate(
        directory,
        fmt,
        strict,
        write=lambda text: click.echo(text, nl=False),
        warn=lambda text: click.echo(text, err=True),
    )
    if code:
        raise click.exceptions.Exit(code)


# --------------------------------------------------------------------------- reviewer workflow

DIFF_FORMATS = ("text", "markdown", "json")


@main.command("diff")
@click.argument("base")
@click.argument("head", required=False)
@click.option(
    "--git",
    "use_git",
    is_flag=True,
    help="BASE and HEAD are git revisions; without HEAD, compare with the working tree.",
)
@click.option(
    "--path",
    "playbook_path",
    default="playbook",
    show_default=True,
    help="With --git: the playbook folder inside the repository.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(DIFF_FORMATS),
    default="text",
    show_default=True,
    help="text for a terminal, markdown for a pull-request comment, json for tools.",
)
@guarded
def diff(base: str, head: str | None, use_git: bool, playbook_path: str, fmt: str) -> None:
    """What changed in meaning between two playbooks (folders, or revisions with --git).

    Exit code 0 whether or not anything changed; 1 if either side is invalid.
    """
    from generator.diff.command import run_diff

    if head is None and not use_git:
        raise click.UsageError("HEAD is required unless --git is given")
    outcome = run_diff(base, head, fmt=fmt, git=use_git, path=playbook_path)
    if outcome.errors:
        click.echo(outcome.errors, err=True, nl=False)
    click.echo(outcome.output, nl=False)
    raise click.exceptions.Exit(outcome.exit_code)


#: The names of `generator.scaffold.presets.PRESETS`, listed here so `--help` need not import it.
PRESET_NAMES = ("default", "major-incident", "chatops")
LEVEL_COUNTS = ("3", "4", "5")


@main.command("init")
@click.argument("directory", default=".", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--preset",
    type=click.Choice(PRESET_NAMES),
    default="default",
    show_default=True,
    help="The playbook to start from: default (4 levels, an incident commander); "
    "major-incident (5 priorities, a major-incident line, a deputy and a liaison); "
    "chatops (4 unnamed levels, updates by status stage, escalation chains, chat commands, "
    "a security incident type).",
)
@click.option(
    "--org", default=None, help="The organisation's name.  [default: the preset's fictional one]"
)
@click.option(
    "--timezone",
    default=None,
    callback=lambda _ctx, _param, value: value if value is None else _check_timezone(value),
    help="IANA timezone name of the organisation.  [default: the preset's]",
)
@click.option(
    "--levels",
    type=click.Choice(LEVEL_COUNTS),
    default=None,
    help="How many severity levels; default preset only.  [default: 4]",
)
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
@guarded
def init(
    directory: Path,
    preset: str,
    org: str | None,
    timezone: str | None,
    levels: str | None,
    force: bool,
) -> None:
    """Start a new playbook project in DIRECTORY (default: here) from a preset playbook.

    Every playbook file is marked as sample text (`sample:`), and `playbook validate` warns about
    each one until your team has edited it or set its review date.
    """
    from generator.scaffold import Options, ScaffoldError, init_project
    from generator.scaffold.summary import init_summary

    options = Options(
        org=org, timezone=timezone, levels=int(levels) if levels else None, preset=preset
    )
    try:
        project = init_project(directory, options, force=force)
    except ScaffoldError as error:
        if options.levels is not None and preset != "default":
            raise click.UsageError(str(error)) from error
        raise
    click.echo(init_summary(project, directory), nl=False)


def _check_timezone(value: str) -> str:
    from generator.scaffold.project import ScaffoldError, check_timezone

    try:
        return check_timezone(value)
    except ScaffoldError as error:
        raise click.BadParameter(str(error)) from error


# --------------------------------------------------------------------------- the site


#: `--engine` of build and serve: the default needs nothing extra.
ENGINES = ("mkdocs", "zensical")
engine_option = click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="mkdocs",
    show_default=True,
    help="mkdocs: MkDocs with Material. zensical: Zensical "
    "(pip install 'incident-playbook[zensical]').",
)


@main.command("render")
@click.argument("directory", default="playbook", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="The docs folder to write (created if missing; other files are left alone). "
    "The site configuration goes beside it as mkdocs.yml.",
)
@click.option(
    "--templates",
    "templates_dir",
    default=None,
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Your templates folder; its files replace ours by name.",
)
@config_option
@engine_option
@guarded
def render(
    directory: Path, out: Path, templates_dir: Path | None, config_file: Path, engine: str
) -> None:
    """Write the complete docs folder of the playbook in DIRECTORY (default: playbook).

    Pages, your own pages and files, widget assets, data files, and a mkdocs.yml beside the
    folder with the navigation: `mkdocs build -f` or `zensical build -f` on it builds the site
    without the playbook plugin. Settings (theme, extensions) come from --config when it exists.
    """
    from generator.findings import InvalidPlaybook
    from generator.render.output import render_folder
    from generator.report import report

    try:
        rendered = render_folder(
            directory, out, templates_dir=templates_dir, project_config=config_file, engine=engine
        )
    except InvalidPlaybook as error:
        click.echo(report(error.result, "text"), err=True, nl=False)  # type: ignore[arg-type]
        raise click.exceptions.Exit(1) from None
    for each in (rendered, *rendered.translations):
        count = len(each.tree.paths())
        shown = _relative(each.docs_dir)
        click.echo(f"Wrote {count} files into {shown} and {_relative(each.config_file)}.")
    if rendered.translations:
        click.echo(f"Build {_relative(rendered.config_file)} first: it empties the site folder.")


@main.command("build")
@config_option
@engine_option
@click.option(
    "--site-dir",
    default=None,
    type=click.Path(path_type=Path, file_okay=False),
    help="Where the site goes.  [default: site/ next to the configuration]",
)
@guarded
def build(config_file: Path, engine: str, site_dir: Path | None) -> None:
    """Validate the playbook, then build the site; the old site is replaced only on success."""
    from generator.site_build import InvalidSite, build_site

    try:
        built = build_site(config_file, site_dir, engine=engine)
    except InvalidSite as error:
        click.echo(error.report, err=True, nl=False)
        raise click.ClickException(str(error)) from error
    if built.warnings:
        click.echo(built.warnings, err=True, nl=False)
    shown = _relative(built.site_dir)
    others = "".join(f", {shown}/{lang}/ ({lang})" for lang in built.languages[1:])
    default = f" ({built.languages[0]})" if others else ""
    click.echo(f"Built {shown}/{default}{others} from {_relative(built.playbook_dir)}/.")


def _relative(path: Path) -> str:
    import os

    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


@main.command("serve")
@config_option
@engine_option
@click.option("--dev-addr", default=None, help="IP:PORT to serve on.  [default: 127.0.0.1:8000]")
@click.option(
    "--lang",
    "language",
    default=None,
    help="Preview this translation (a folder of translations/) instead of the playbook's "
    "own language; only that language is served.",
)
@guarded
def serve(config_file: Path, engine: str, dev_addr: str | None, language: str | None) -> None:
    """Preview the site; edits to the playbook, templates or pages reload the browser."""
    from generator.site_build import serve_site

    serve_site(config_file, dev_addr, engine=engine, language=language)
