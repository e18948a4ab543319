"""The Jinja environment: strict, Markdown-oriented, organisation templates first.

`StrictUndefined` turns a misspelt variable into an error naming the template instead of an
empty string on a page. Autoescape is off because templates write Markdown; YAML text is
escaped explicitly by the filters of `generator.render.filters`.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from generator.layout import TEMPLATES_DIR
from generator.render import filters, words


def template_dirs(templates_dir: Path | str | None) -> list[Path]:
    """Where templates are looked up, in order: the organisation's folder, then ours."""
    dirs = [Path(templates_dir)] if templates_dir else []
    return [*dirs, TEMPLATES_DIR]


def make_environment(templates_dir: Path | str | None = None) -> Environment:
    """A Jinja environment whose loader tries the organisation's folder before `templates/`."""
    loaders = [FileSystemLoader(str(d), encoding="utf-8") for d in template_dirs(templates_dir)]
    env = Environment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(
        md=filters.md,
        html=filters.html,
        html_block=filters.html_block,
        json_script=filters.json_script,
        url=filters.url,
        duration=words.duration,
        within=words.within,
        interval=words.interval,
        cadence_words=words.cadence,
        yes_no=words.yes_no,
        capital=words.capital,
    )
    env.globals["public_communication"] = words.PUBLIC_COMMUNICATION
    return env
