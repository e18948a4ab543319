"""`playbook init`: a new playbook project, ready to validate, build and review in pull requests.

The project gets the default playbook (adapted to the organisation, timezone and number of
levels), a copy of the schemas so every file's modeline resolves offline in an editor, mkdocs.yml
with the playbook plugin, a GitHub Actions workflow and a pre-commit configuration.

Decision: a fresh project's `last_reviewed` dates are today (the content was just adopted), so
it starts without review-freshness warnings.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator import freshness
from generator.findings import PlaybookError
from generator.layout import DEFAULT_PLAYBOOK_DIR, FILE_KINDS, PAGES_DIR, SCHEMA_DIR
from generator.loader.yaml12 import Yaml12Loader
from generator.scaffold.levels import DEFAULT_LEVELS, adapt_levels, number_word
from generator.scaffold.yamlout import comment_header, dump_file

FILES_DIR = Path(__file__).resolve().parent / "files"
DEFAULT_ORG = "Northwind Cloud"  # the organisation of the default playbook
_LAST_REVIEWED = re.compile(r'^(\s*last_reviewed:\s*)"?\d{4}-\d{2}-\d{2}"?\s*$', re.MULTILINE)
_TIMEZONE = re.compile(r"^timezone:.*$", re.MULTILINE)
_NAME = re.compile(r"^name:.*$", re.MULTILINE)


class ScaffoldError(PlaybookError):
    """`init` cannot write the project (files exist, a bad option)."""


@dataclass(frozen=True)
class Options:
    org: str = DEFAULT_ORG
    timezone: str = "Europe/Berlin"
    levels: int = DEFAULT_LEVELS
    today: str = ""  # YYYY-MM-DD; empty: the real date


def check_timezone(name: str) -> str:
    """An IANA timezone name, or a ScaffoldError saying what is allowed."""
    if name in zoneinfo.available_timezones():
        return name
    close = [z for z in sorted(zoneinfo.available_timezones()) if z.lower() == name.lower()]
    hint = f" (did you mean {close[0]}?)" if close else ""
    raise ScaffoldError(
        f"{name!r} is not an IANA timezone name such as Europe/Berlin or America/New_York{hint}"
    )


def plan_project(options: Options) -> dict[str, str]:
    """Every file of the new project: path relative to the project -> content."""
    check_timezone(options.timezone)
    today = options.today or freshness.today().isoformat()
    files: dict[str, str] = {}
    originals = {
        kind: (DEFAULT_PLAYBOOK_DIR / f"{kind}.yaml").read_text(encoding="utf-8")
        for kind in FILE_KINDS
    }
    document = {kind: yaml.load(text, Loader=Yaml12Loader) for kind, text in originals.items()}
    adapted = adapt_levels(document, options.levels)
    for kind in FILE_KINDS:
        expected = _personalise(kind, adapted[kind], options, today)
        if adapted[kind] == document[kind]:
            text = _personalise_text(kind, originals[kind], options, today)
        else:
            header = [
                _count_words(line, options.levels) for line in comment_header(originals[kind])
            ]
            text = dump_file(expected, header)
        if not _reads_as(text, expected):  # a text edit changed the meaning: write the data
            text = dump_file(expected, comment_header(originals[kind]))
        files[f"playbook/{kind}.yaml"] = text
    pages = DEFAULT_PLAYBOOK_DIR / PAGES_DIR
    for page in sorted(pages.rglob("*.md")):
        relative = page.relative_to(DEFAULT_PLAYBOOK_DIR).as_posix()
        files[f"playbook/{relative}"] = _rename_org(page.read_text(encoding="utf-8"), options.org)
    for schema in sorted(SCHEMA_DIR.glob("*.json")):
        files[f"schema/{schema.name}"] = schema.read_text(encoding="utf-8")
    files.update(_site_files(options))
    files[".github/workflows/playbook.yml"] = (FILES_DIR / "github-workflow.yml").read_text(
        encoding="utf-8"
    )
    files[".pre-commit-config.yaml"] = (FILES_DIR / "pre-commit-config.yaml").read_text(
        encoding="utf-8"
    )
    files[".gitignore"] = "/site/\n/site.*/\n__pycache__/\n.venv/\n"
    return files


def init_project(target: Path, options: Options, *, force: bool = False) -> list[str]:
    """Write the project into `target`; refuse to overwrite any file unless `force`."""
    files = plan_project(options)
    existing = sorted(path for path in files if (target / path).exists())
    if existing and not force:
        listed = "\n".join(f"  {target / path}" for path in existing)
        raise ScaffoldError(
            f"{len(existing)} file(s) already exist; nothing was written. "
            f"Use --force to overwrite them:\n{listed}"
        )
    for path, content in files.items():
        destination = target / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(content, encoding="utf-8", newline="\n")
    return list(files)


def _site_files(options: Options) -> dict[str, str]:
    """mkdocs.yml (ours, shipped with the package) with the organisation's site name."""
    text = (FILES_DIR / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(
        r"^site_name:.*$",
        f"site_name: {_quoted(options.org + ' incident playbook')}",
        text,
        count=1,
        flags=re.MULTILINE,
    )
    files = {"mkdocs.yml": text}
    docs_dir = re.search(r"^docs_dir:\s*(\S+)", text, flags=re.MULTILINE)
    folder = docs_dir.group(1) if docs_dir else "docs"
    files[f"{folder}/.gitkeep"] = ""
    return files


def _reads_as(text: str, expected: object) -> bool:
    try:
        return yaml.load(text, Loader=Yaml12Loader) == expected
    except yaml.YAMLError:
        return False


def _personalise(kind: str, data: dict, options: Options, today: str) -> dict:
    """The file's data for this organisation: its name, timezone, links and review dates."""
    data = _walk(data, lambda key, value: _value(key, value, options.org, today))
    if kind == "organisation":
        data = {**data, "name": options.org, "timezone": options.timezone}
    return data


def _personalise_text(kind: str, text: str, options: Options, today: str) -> str:
    """The same edits on the original text, so comments and layout survive."""
    if kind == "organisation":
        text = _NAME.sub(f"name: {_quoted(options.org)}", text, count=1)
        text = _TIMEZONE.sub(f"timezone: {options.timezone}", text, count=1)
    text = _LAST_REVIEWED.sub(lambda m: f'{m.group(1)}"{today}"', text)
    return _rename_org(text, options.org)


def _value(key: object, value: object, org: str, today: str) -> object:
    if key == "last_reviewed":
        return today
    return _rename_org(value, org) if isinstance(value, str) else value


def _walk(node: object, change) -> object:  # type: ignore[no-untyped-def]
    if isinstance(node, dict):
        return {
            k: _walk(v, change) if isinstance(v, dict | list) else change(k, v)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_walk(v, change) if isinstance(v, dict | list) else change(None, v) for v in node]
    return node


def _rename_org(text: str, org: str) -> str:
    if org == DEFAULT_ORG:
        return text
    slug = re.sub(r"[^a-z0-9]+", "-", org.lower()).strip("-") or "org"
    text = text.replace(DEFAULT_ORG, org)
    return re.sub(r"(?<=/)northwind\b", slug, text)


def _count_words(line: str, levels: int) -> str:
    return line.replace(number_word(DEFAULT_LEVELS), number_word(levels))


def _quoted(text: str) -> str:
    """A YAML scalar for a one-line user value, quoted only when plain style would misread it."""
    dumped = yaml.safe_dump(text, default_style=None, allow_unicode=True).strip()
    return dumped.removesuffix("\n...").strip()
