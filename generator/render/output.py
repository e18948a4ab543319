"""`playbook render DIR --out DOCS`: the complete docs folder on disk, and a site configuration
beside it, so `mkdocs build -f` or `zensical build -f` on that configuration builds the whole site
with no playbook plugin.

A playbook with translations gets one docs folder and configuration per language, side by side:
`DOCS` and `mkdocs.yml` for the default language (its site: `site/`), `DOCS-<lang>` and
`mkdocs-<lang>.yml` for each other (its site: `site/<lang>/`, inside the default's, as
`playbook build` lays it out). Build the default language first: an engine empties its site
folder before building it. (A language's folder cannot go inside `DOCS`: the default build would
publish its pages as its own.)"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.render.docs_tree import DocsTree, write_docs

SITE_CONFIG = "mkdocs.yml"
#: The settings used when the project has no mkdocs.yml: the one `playbook init` writes.
DEFAULT_SITE_CONFIG = Path(__file__).resolve().parents[1] / "scaffold" / "files" / "mkdocs.yml"


@dataclass(frozen=True)
class Rendered:
    tree: DocsTree
    docs_dir: Path
    config_file: Path
    language: str = ""
    translations: tuple[Rendered, ...] = ()  # the other languages, in site order


def render_folder(
    playbook_dir: Path,
    out: Path,
    *,
    templates_dir: Path | None = None,
    project_config: Path | None = None,
    engine: str = "mkdocs",
) -> Rendered:
    """Validate, render and write every file under `out` (other files there are left alone),
    then `mkdocs.yml` beside `out`: the project's settings (from `project_config` when it exists)
    with the navigation and assets written in and the playbook plugin left out; the same beside
    it for every other language. `engine` matters only with `use_directory_urls: true`, where the
    engines need links in raw HTML written differently (see `generator.render.addresses`).

    Raises `InvalidPlaybook` (with every finding) before writing anything."""
    from generator.engines.config import engine_config, read_project, write_config
    from generator.findings import BuildError
    from generator.render.addresses import link_style
    from generator.render.docs_tree import validated_site

    own = project_config is not None and project_config.is_file()
    project = read_project(project_config if own else DEFAULT_SITE_CONFIG)  # type: ignore[arg-type]
    out = out.resolve()
    config_file = out.parent / SITE_CONFIG
    if own and config_file == project.config_path.resolve():
        raise BuildError(
            f"--out {out.name} would put the generated {SITE_CONFIG} over the project's own; "
            "render into a folder of its own, for example --out build/docs"
        )
    same_playbook = own and project.playbook_dir.resolve() == playbook_dir.resolve()
    site, _ = validated_site(
        playbook_dir,
        templates_dir=templates_dir or (project.templates_dir if own else None),
        pages_dir=project.pages_dir if same_playbook else None,
        link_style=link_style(engine, directory_urls=project.directory_urls),
    )
    written = []
    for lang, tree in site.trees.items():
        default = lang == site.languages[0]
        docs = out if default else out.with_name(f"{out.name}-{lang}")
        config = config_file if default else config_file.with_name(f"mkdocs-{lang}.yml")
        settings = engine_config(
            project,
            tree,
            docs_dir=docs.name,
            site_dir=None if default else f"site/{lang}",
            language=None if default else lang,
        )
        write_docs(tree, docs)
        write_config(config, settings)
        written.append(Rendered(tree, docs, config, lang))
    return Rendered(
        written[0].tree, out, config_file, written[0].language, translations=tuple(written[1:])
    )
