"""`playbook translations ...`: the command group, registered lazily by `generator.cli`."""

from __future__ import annotations

from pathlib import Path

import click


@click.group("translations")
def translations() -> None:
    """Keep the translations in playbook/translations/<language>/ current."""


@translations.command("refresh")
@click.argument("directory", default="playbook", type=click.Path(path_type=Path, file_okay=False))
@click.option("--lang", "lang", required=True, help="The language folder to refresh, e.g. ja.")
@click.option(
    "--confirm-all",
    is_flag=True,
    help="Also record stale translations (only after checking every one of them).",
)
def refresh_command(directory: Path, lang: str, confirm_all: bool) -> None:
    """Record the source fingerprint of each confirmed translation in DIRECTORY (default:
    playbook).

    A translation without a `source:` line (new, or stale and checked: delete its `source:`
    line) gets the fingerprint of the current source text. Stale ones are listed and left alone.
    """
    from generator.translations.refresh import RefreshError, refresh

    try:
        report = refresh(directory, lang, confirm_all=confirm_all)
    except RefreshError as error:
        raise click.ClickException(str(error)) from error
    click.echo(report.text(), nl=False)
