"""The `playbook export` command: validate the playbook, then write one export of it."""

from __future__ import annotations

from pathlib import Path

import click

from generator.export import TARGETS, TERRAFORM_TARGETS


@click.command("export")
@click.option(
    "--to",
    "target",
    required=True,
    type=click.Choice(TARGETS),
    help="incident-io, rootly or firehydrant: Terraform JSON into the folder --out; "
    "markdown or html: the whole playbook as the one file --out.",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    help="The folder (Terraform targets) or file (markdown, html) to write.",
)
@click.argument("directory", default="playbook", type=click.Path(path_type=Path, file_okay=False))
def export(target: str, out: Path, directory: Path) -> None:
    """Write the playbook in DIRECTORY (default: playbook) as Terraform JSON for an incident
    tool, or as one document."""
    from generator.export import export_model
    from generator.pipeline import validate_playbook
    from generator.report import report

    if target in TERRAFORM_TARGETS and out.exists() and not out.is_dir():
        raise click.BadParameter(
            f"{out} is a file; --to {target} writes a folder", param_hint="--out"
        )
    if target not in TERRAFORM_TARGETS and out.is_dir():
        raise click.BadParameter(
            f"{out} is a folder; --to {target} writes one file", param_hint="--out"
        )
    result = validate_playbook(directory)
    if result.model is None:
        click.echo(report(result, "text"), err=True, nl=False)
        raise click.exceptions.Exit(1)
    try:
        written = export_model(result.model, target, out)
    except OSError as error:  # a read-only folder, a file where a folder must be, a full disk
        where = error.filename or out
        raise click.ClickException(f"cannot write {where}: {error.strerror or error}") from error
    if len(written) == 1:
        click.echo(f"Wrote {written[0]}.")
    else:
        click.echo(f"Wrote {len(written)} files into {out}.")
