"""What `playbook init` tells the team after writing a project: what it wrote, which files are
sample text, and which values stand in for the team's own."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from generator.scaffold.project import Project


def init_summary(project: Project, directory: Path) -> str:
    """The lines `init` prints, each ending in a newline."""
    lines = [
        f"Wrote {len(project.files)} files into {directory} from the {project.preset.name} preset."
    ]
    if project.sample_files:
        lines.append(
            f"All {len(project.sample_files)} playbook files are sample text, marked `sample:`; "
            "`playbook validate` warns about each one until your team has edited it or set "
            "its last_reviewed date."
        )
    if project.placeholders:
        files = sorted({p.file for p in project.placeholders})
        lines.append(f"Placeholder values to replace, in {len(files)} file(s):")
        for file, found in groupby(project.placeholders, key=lambda p: p.file):
            lines.append(f"  {file}")
            lines.extend(
                f"    {f'line {p.line}, ' if p.line else ''}{p.where}: {p.value} ({p.why})"
                for p in found
            )
    lines.append(f"Next: cd {directory} && playbook validate && playbook build")
    return "\n".join(lines) + "\n"
