"""The Jinja environment: strict, Markdown-oriented, organisation templates first.

`StrictUndefined` turns a misspelt variable into an error naming the template instead of an
empty string on a page. Autoescape is off because templates write Markdown; YAML text is
escaped explicitly by the filters of `generator.render.filters`: `text` (inline Markdown with
safe links) and `md` (literal) on Markdown lines, `text_html` and `html` in raw HTML.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import BytecodeCache, ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket

from generator import i18n
from generator import wording as words
from generator.layout import TEMPLATES_DIR
from generator.render import filters


def template_dirs(templates_dir: Path | str | None) -> list[Path]:
    """Where templates are looked up, in order: the organisation's folder, then ours."""
    dirs = [Path(templates_dir)] if templates_dir else []
    return [*dirs, TEMPLATES_DIR]


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept in this process, keyed by name, file and the environment settings
    the code depends on, and checked against the source: `playbook serve` rebuilds with fresh
    environments on every save, and compiling the same templates again was a fifth of a rebuild.
    Nothing is written to disk."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def get_bucket(
        self, environment: Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        key = self.get_cache_key(f"{_settings(environment)}|{name}", filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored unless the source's checksum matches

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


def _settings(env: Environment) -> str:
    """What the compiled code of a template depends on besides its source."""
    syntax = (
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        env.autoescape if isinstance(env.autoescape, bool) else id(env.autoescape),
        sorted(env.extensions),
    )
    return repr(syntax)


#: One per process: our environments and the theme's (set by the MkDocs plugin) share it.
COMPILED = MemoryBytecodeCache()


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
        bytecode_cache=COMPILED,
    )
    i18n.install(env)  # `_()` and `{% trans %}` speak the language of the render in progress
    env.filters.update(
        md=filters.md,
        html=filters.html,
        html_block=filters.html_block,
        json_script=filters.json_script,
        url=filters.url,
        text=filters.inline_md,
        text_html=filters.inline_html,
        duration=words.duration,
        within=words.within,
        interval=words.interval,
        yes_no=words.yes_no,
        capital=words.capital,
    )
    return env
