"""`playbook init`: a new playbook project, ready to validate, build and review in pull requests.

The project gets a preset playbook (the default one adapted to 3, 4 or 5 levels, or another
preset as written), renamed to the organisation and set to its timezone; a copy of the schemas so
every file's modeline resolves offline in an editor; mkdocs.yml with the playbook plugin; a GitHub
Actions workflow and a pre-commit configuration.

Decision: every playbook file is written as sample text. It carries `sample: <fingerprint>` and no
`last_reviewed` date, so `playbook validate` warns per file until the team edits it or sets its
review date, and the site never claims a review nobody did.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator import __version__
from generator.findings import PlaybookError
from generator.layout import FILE_KINDS, PAGES_DIR, SCHEMA_DIR, modeline
from generator.loader.yaml12 import Yaml12Loader
from generator.sample import fingerprint
from generator.scaffold.levels import DEFAULT_LEVELS, adapt_levels, number_word
from generator.scaffold.placeholders import Placeholder, find_placeholders, locate
from generator.scaffold.presets import DEFAULT_PRESET, Preset, preset_named
from generator.scaffold.yamlout import comment_header, dump_file

FILES_DIR = Path(__file__).resolve().parent / "files"
SAMPLE_COMMENT = (
    "# Sample text written by `playbook init`. `playbook validate` warns until you edit this\n"
    "# file or set its last_reviewed date; then delete the `sample:` line."
)
PACKAGE_NAME = "incident-playbook"
_PIN = re.compile(rf"\b{PACKAGE_NAME}==[^\s\"'`]+")
_LAST_REVIEWED = re.compile(r"^[ \t]*last_reviewed:.*\n", re.MULTILINE)
_LEVEL_LABEL = re.compile(r"\bSEV-\d+\b")
_TIMEZONE = re.compile(r"^timezone:.*$", re.MULTILINE)
_NAME = re.compile(r"^name:.*$", re.MULTILINE)


class ScaffoldError(PlaybookError):
    """`init` cannot write the project (files exist, a bad option)."""


@dataclass(frozen=True)
class Options:
    org: str | None = None  # None: the preset's own (fictional) organisation
    timezone: str | None = None  # None: the preset's timezone
    levels: int | None = None  # only for the default preset; None: its 4 levels
    preset: str = DEFAULT_PRESET


@dataclass(frozen=True)
class Project:
    """What `init` writes, and what the team should look at first."""

    preset: Preset
    files: dict[str, str]  # path relative to the project -> content
    sample_files: list[str] = field(default_factory=list)
    placeholders: list[Placeholder] = field(default_factory=list)


def check_timezone(name: str) -> str:
    """An IANA timezone name, or a ScaffoldError saying what is allowed."""
    if name in zoneinfo.available_timezones():
        return name
    close = [z for z in sorted(zoneinfo.available_timezones()) if z.lower() == name.lower()]
    hint = f" (did you mean {close[0]}?)" if close else ""
    raise ScaffoldError(
        f"{name!r} is not an IANA timezone name such as Europe/Berlin or America/New_York{hint}"
    )


def choose_preset(options: Options) -> Preset:
    """The preset of `options`, refusing options it cannot honour."""
    try:
        preset = preset_named(options.preset)
    except ValueError as error:
        raise ScaffoldError(str(error)) from None
    if options.levels is not None and not preset.takes_levels:
        raise ScaffoldError(
            f"--levels works only with the {DEFAULT_PRESET} preset; the {preset.name} preset "
            "has its own levels. Leave out --levels, and change the levels in "
            "playbook/severities.yaml after init."
        )
    return preset


def plan_project(options: Options) -> Project:
    """Every file of the new project, the files marked as sample text and the placeholders."""
    preset = choose_preset(options)
    if options.timezone is not None:
        check_timezone(options.timezone)
    originals = {
        kind: (preset.folder / f"{kind}.yaml").read_text(encoding="utf-8")
        for kind in FILE_KINDS
        if (preset.folder / f"{kind}.yaml").is_file()
    }
    document = {kind: yaml.load(text, Loader=Yaml12Loader) for kind, text in originals.items()}
    levels = options.levels or DEFAULT_LEVELS
    adapted = adapt_levels(document, levels) if preset.takes_levels else document
    labels = {str(level["label"]) for level in adapted["severities"]["severities"]}
    fictional_org = str(document["organisation"]["name"])
    org = options.org or fictional_org
    project = Project(preset, {})
    for kind, original in originals.items():
        path = f"playbook/{kind}.yaml"
        expected = _personalise(kind, adapted[kind], org, fictional_org, options.timezone)
        header = [modeline(kind), *comment_header(original)[1:]]
        if adapted[kind] == document[kind]:
            text = _personalise_text(kind, original, org, fictional_org, options.timezone)
            text = _drop_stale_comments(text, labels)
        else:
            text = dump_file(expected, [_count_words(line, levels) for line in header])
        if not _reads_as(text, expected):  # a text edit changed the meaning: write the data
            text = dump_file(expected, header)
        project.files[path] = _mark_sample(text, expected)
        project.sample_files.append(path)
        project.placeholders.extend(locate(find_placeholders(path, expected), project.files[path]))
    if options.org is None:
        project.placeholders.insert(
            0,
            locate(
                [
                    Placeholder(
                        "playbook/organisation.yaml",
                        "name",
                        org,
                        "the preset's fictional organisation; rerun with --org, or edit it",
                    )
                ],
                project.files["playbook/organisation.yaml"],
                start=project.files["playbook/organisation.yaml"].find("\nname:"),
            )[0],
        )
    pages = preset.folder / PAGES_DIR
    for page in sorted(pages.rglob("*.md")) if pages.is_dir() else ():
        relative = page.relative_to(preset.folder).as_posix()
        text = page.read_text(encoding="utf-8")
        project.files[f"playbook/{relative}"] = _rename_org(text, org, fictional_org)
    for schema in sorted(SCHEMA_DIR.glob("*.json")):
        project.files[f"schema/{schema.name}"] = schema.read_text(encoding="utf-8")
    project.files.update(_site_files(org))
    project.files[".github/workflows/playbook.yml"] = _pinned(_shipped("github-workflow.yml"))
    project.files[".pre-commit-config.yaml"] = _pinned(_shipped("pre-commit-config.yaml"))
    project.files[".gitignore"] = "/site/\n/site.*/\n/.cache/\n__pycache__/\n.venv/\n"
    return project


def init_project(target: Path, options: Options, *, force: bool = False) -> Project:
    """Write the project into `target`; refuse to overwrite any file unless `force`."""
    project = plan_project(options)
    existing = sorted(path for path in project.files if (target / path).exists())
    if existing and not force:
        listed = "\n".join(f"  {target / path}" for path in existing)
        raise ScaffoldError(
            f"{len(existing)} file(s) already exist; nothing was written. "
            f"Use --force to overwrite them:\n{listed}"
        )
    for path, content in project.files.items():
        destination = target / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(content, encoding="utf-8", newline="\n")
    return project


def _shipped(name: str) -> str:
    return (FILES_DIR / name).read_text(encoding="utf-8")


def _pinned(text: str) -> str:
    """CI and the hooks' advice install the version of the tool that wrote the project."""
    return _PIN.sub(f"{PACKAGE_NAME}=={__version__}", text)


def _site_files(org: str) -> dict[str, str]:
    """mkdocs.yml (ours, shipped with the package) with the organisation's site name."""
    text = re.sub(
        r"^site_name:.*$",
        f"site_name: {_quoted(org + ' incident playbook')}",
        _shipped("mkdocs.yml"),
        count=1,
        flags=re.MULTILINE,
    )
    files = {"mkdocs.yml": text}
    docs_dir = re.search(r"^docs_dir:\s*(\S+)", text, flags=re.MULTILINE)
    folder = docs_dir.group(1) if docs_dir else "docs"
    files[f"{folder}/.gitkeep"] = ""
    return files


def _mark_sample(text: str, data: dict[str, Any]) -> str:
    """The file with `sample: <fingerprint of its data>` as its first key, under the header."""
    lines = text.split("\n")
    header = 0
    while header < len(lines) and lines[header].startswith("#"):
        header += 1
    body = "\n".join(lines[header:]).lstrip("\n")
    mark = f"{SAMPLE_COMMENT}\nsample: {fingerprint(data)}\n"
    return "\n".join(lines[:header]) + "\n\n" + mark + body


def _drop_stale_comments(text: str, labels: set[str]) -> str:
    """Comment lines that name a level the adapted playbook no longer has are left out."""
    known = {label for label in labels if _LEVEL_LABEL.fullmatch(label)}
    if not known:
        return text
    return "".join(
        line
        for line in text.splitlines(keepends=True)
        if not line.lstrip().startswith("#") or set(_LEVEL_LABEL.findall(line)) <= known
    )


def _reads_as(text: str, expected: object) -> bool:
    try:
        return yaml.load(text, Loader=Yaml12Loader) == expected
    except yaml.YAMLError:
        return False


def _personalise(kind: str, data: dict, org: str, fictional_org: str, timezone: str | None) -> dict:
    """The file's data for this organisation: its name and timezone, no review dates."""
    data = _walk(data, lambda value: _rename_org(value, org, fictional_org))
    if kind == "organisation":
        data = {**data, "name": org}
        if timezone is not None:
            data["timezone"] = timezone
    return data


def _personalise_text(
    kind: str, text: str, org: str, fictional_org: str, timezone: str | None
) -> str:
    """The same edits on the original text, so comments and layout survive."""
    lines = text.split("\n")
    lines[0] = modeline(kind)
    text = "\n".join(lines)
    if kind == "organisation":
        text = _NAME.sub(f"name: {_quoted(org)}", text, count=1)
        if timezone is not None:
            text = _TIMEZONE.sub(f"timezone: {timezone}", text, count=1)
    text = _LAST_REVIEWED.sub("", text)
    return _rename_org(text, org, fictional_org)


def _walk(node: Any, change: Any) -> Any:
    """A copy with every string changed and every `last_reviewed` key left out."""
    if isinstance(node, dict):
        return {k: _walk(v, change) for k, v in node.items() if k != "last_reviewed"}
    if isinstance(node, list):
        return [_walk(v, change) for v in node]
    return change(node) if isinstance(node, str) else node


def _rename_org(text: str, org: str, fictional_org: str) -> str:
    """The preset's organisation renamed, in text and in link paths (`/northwind`)."""
    if org == fictional_org:
        return text
    slug = re.sub(r"[^a-z0-9]+", "-", org.lower()).strip("-") or "org"
    old_slug = re.sub(r"[^a-z0-9]+", "-", fictional_org.lower().split()[0]).strip("-")
    text = text.replace(fictional_org, org)
    return re.sub(rf"(?<=/){re.escape(old_slug)}\b", slug, text) if old_slug else text


def _count_words(line: str, levels: int) -> str:
    return line.replace(number_word(DEFAULT_LEVELS), number_word(levels))


def _quoted(text: str) -> str:
    """A YAML scalar for a one-line user value, quoted only when plain style would misread it."""
    dumped = yaml.safe_dump(text, default_style=None, allow_unicode=True).strip()
    return dumped.removesuffix("\n...").strip()
