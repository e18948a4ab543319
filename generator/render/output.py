"""`playbook render --out DIR`: the generated pages written to disk, without MkDocs."""

from __future__ import annotations

from pathlib import Path

from generator.findings import InvalidPlaybook
from generator.layout import PAGES_DIR
from generator.render.site import RenderedFile, build_date_from_env, render_site


def render_folder(
    playbook_dir: Path,
    out: Path,
    *,
    templates_dir: Path | None = None,
    pages_dir: Path | None = None,
) -> list[RenderedFile]:
    """Validate, render and write every file under `out` (other files there are left alone).

    Raises `InvalidPlaybook` (with every finding) before writing anything."""
    from generator.pipeline import validate_playbook

    result = validate_playbook(playbook_dir)
    if not result.ok or result.model is None or result.document is None:
        raise InvalidPlaybook(list(result.findings), result=result)
    files = render_site(
        result.model,
        result.document,
        templates_dir=templates_dir,
        pages_dir=pages_dir if pages_dir is not None else playbook_dir / PAGES_DIR,
        build_date=build_date_from_env(),
    )
    for file in files:
        target = out / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(file.content, bytes):
            target.write_bytes(file.content)
        else:
            target.write_text(file.content, encoding="utf-8", newline="\n")
    return files
