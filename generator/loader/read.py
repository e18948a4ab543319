"""Load one playbook file into a `LoadedFile`; every problem is a finding, never an exception."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.findings import Finding, Location
from generator.loader.build import build
from generator.loader.decode import decode
from generator.loader.limits import DEFAULT_LIMITS, Limits
from generator.loader.positions import Positions


@dataclass
class LoadedFile:
    """One playbook file as data, with its source lines and where each value came from."""

    path: str  # as shown to users
    kind: str  # file kind, e.g. severities
    data: dict
    lines: tuple[str, ...]
    positions: Positions = field(repr=False)


class FileResult:
    """What loading one file gave: the file when it could be read, and findings either way."""

    __slots__ = ("findings", "lines", "loaded", "path")

    def __init__(
        self,
        path: str,
        loaded: LoadedFile | None,
        findings: list[Finding],
        lines: tuple[str, ...] = (),  # source lines when the text was decoded, for reporters
    ) -> None:
        self.path = path
        self.loaded = loaded
        self.findings = findings
        self.lines = lines


def load_file(
    path: Path,
    kind: str,
    shown: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    folder: Path | None = None,
) -> FileResult:
    """Read, decode and parse one file; `shown` is the path used in findings, `folder` the
    playbook folder a link may lead into (default: the file's own folder)."""
    shown = str(path) if shown is None else shown
    raw, problem = _read_bytes(path, shown, limits, folder)
    if raw is None:
        return FileResult(shown, None, [problem] if problem else [])
    text, findings = decode(raw, shown)
    if text is None:
        readable = any(f.rule == "file-encoding" for f in findings) and b"\x00" not in raw
        lines = tuple(raw.decode("utf-8", "replace").splitlines()) if readable else ()
        return FileResult(shown, None, findings, lines)
    lines = tuple(text.splitlines())
    try:
        data, positions, findings, found = build(text, shown, limits)
    except yaml.YAMLError as error:
        return FileResult(shown, None, [_yaml_error(error, shown, text, lines)], lines)
    if data is None and not findings:  # no document, or a document holding only `---` / `~`
        findings.append(
            Finding(
                "file-empty",
                "the file holds no data" + ("" if found else ", only comments"),
                Location(shown),
                hint="write the file's content, or start from `playbook init`",
            )
        )
    elif data is not None and not isinstance(data, dict):
        findings.append(
            Finding(
                "yaml-not-mapping",
                f"the file must be a mapping of `key: value` lines at the top level, not"
                f" {_describe(data)}",
                positions.value(()),
                hint=f"see the layout of {kind}.yaml in the documentation",
            )
        )
    if not isinstance(data, dict):
        return FileResult(shown, None, findings, lines)
    return FileResult(shown, LoadedFile(shown, kind, data, lines, positions), findings, lines)


def _read_bytes(
    path: Path, shown: str, limits: Limits, folder: Path | None = None
) -> tuple[bytes | None, Finding | None]:
    leaving = link_outside(path, shown, folder)
    if leaving is not None:
        return None, leaving
    try:
        info = os.stat(path)
    except OSError as error:
        return None, _os_problem(error, shown)
    if not stat.S_ISREG(info.st_mode):
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        return None, Finding(
            "file-not-regular",
            f"this is {what}; a playbook file must be a regular YAML file",
            Location(shown),
        )
    if info.st_size > limits.max_bytes:
        return None, _too_large(shown, limits)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limits.max_bytes + 1)
    except OSError as error:
        return None, _os_problem(error, shown)
    if len(raw) > limits.max_bytes:
        return None, _too_large(shown, limits)
    return raw, None


def link_outside(path: Path, shown: str, folder: Path | None = None) -> Finding | None:
    """A finding when `path` is a symbolic link whose target lies outside the playbook folder
    (`folder`; default: the folder `path` is in).

    A pull request could otherwise point `rubrics.yaml` at a secret on the CI machine and have
    the report quote its lines; the target is never opened, and the finding quotes none of it.
    Loops and dangling links are left to the ordinary checks, which name them. Translations
    (`translations/<lang>/...`) pass the playbook folder, so a link may lead anywhere inside it.
    """
    if not path.is_symlink():
        return None
    inside = (path.parent if folder is None else folder).resolve()
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if inside in target.parents:
        return None
    what = "folder" if target.is_dir() else "file"
    return Finding(
        "file-link-outside",
        f"{path.name} is a symbolic link to a {what} outside the playbook folder; it is not read",
        Location(shown),
        hint=f"replace the link with the {what} itself, or point it at a {what} inside"
        f" {path.parent if folder is None else folder}",
    )


def _too_large(shown: str, limits: Limits) -> Finding:
    return Finding(
        "yaml-too-large",
        f"the file is larger than {limits.max_bytes // 1024 // 1024} MB",
        Location(shown),
        hint="a playbook file is a few hundred lines; check that this is the right file",
    )


def _os_problem(error: OSError, shown: str) -> Finding:
    if error.errno == errno.ELOOP:
        return Finding(
            "file-not-regular",
            "this is a symbolic link loop",
            Location(shown),
            hint="point the link at a real file",
        )
    if error.errno == errno.ENOENT:
        return Finding(
            "file-missing",
            "the file cannot be found (a broken symbolic link?)",
            Location(shown),
        )
    reason = error.strerror or type(error).__name__
    return Finding("file-unreadable", f"the file cannot be read: {reason}", Location(shown))


def _yaml_error(error: yaml.YAMLError, shown: str, text: str, lines: tuple[str, ...]) -> Finding:
    """Explain a PyYAML error at its line and column."""
    if isinstance(error, yaml.reader.ReaderError):
        before = text[: error.position]
        line = before.count("\n") + 1
        column = error.position - (before.rfind("\n") + 1) + 1
        return Finding(
            "file-encoding",
            f"the control character U+{error.character:04X} is not allowed in YAML text",
            Location(shown, line, column),
            hint="remove the invisible character (often pasted from another program)",
        )
    context = getattr(error, "context", None)
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if context == "while scanning a simple key" and getattr(error, "context_mark", None):
        mark = error.context_mark  # the key missing its `:`, not the line after it
    location = Location(shown, mark.line + 1, mark.column + 1) if mark else Location(shown)
    tab = _tab_near(lines, location)
    if tab is not None:
        return Finding(
            "yaml-tab",
            "a tab character is used for indentation or spacing; YAML allows only spaces here",
            tab,
            hint="replace the tab with spaces (set your editor to insert spaces for Tab)",
        )
    problem = getattr(error, "problem", None) or str(error)
    message = f"YAML syntax error: {problem}"
    if context:
        message += f" ({context})"
    return Finding(
        "yaml-syntax",
        message,
        location,
        hint="check the indentation and that `:` follows each key; quote text containing `: ` or"
        " starting with a special character",
    )


def _tab_near(lines: tuple[str, ...], location: Location) -> Location | None:
    """The tab that caused a syntax error: at the error mark, or in that line's indentation."""
    if not 0 < location.line <= len(lines):
        return None
    line = lines[location.line - 1]
    if line[location.column - 1 : location.column] == "\t":
        return location
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    if "\t" in indent:
        return Location(location.file, location.line, indent.index("\t") + 1)
    return None


def _describe(data: object) -> str:
    if isinstance(data, list):
        return "a list"
    if isinstance(data, str):
        return "a single text value"
    return f"the value {data!r}"
