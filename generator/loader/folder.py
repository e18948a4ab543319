"""Load a playbook folder: find its ten files, report missing, doubled and unknown ones."""

from __future__ import annotations

from pathlib import Path

from generator.findings import Finding, Location
from generator.layout import FILE_KINDS, OPTIONAL_KINDS, YAML_SUFFIXES
from generator.loader.limits import DEFAULT_LIMITS, Limits
from generator.loader.read import LoadedFile, load_file


class FolderResult:
    """Every file of a playbook folder that could be loaded, and all findings of all files."""

    __slots__ = ("checked", "files", "findings", "folder", "sources")

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.files: dict[str, LoadedFile] = {}  # by kind, in FILE_KINDS order
        self.findings: list[Finding] = []
        self.sources: dict[str, tuple[str, ...]] = {}  # shown path -> lines
        self.checked: list[str] = []  # shown paths of the files read


def load_folder(folder: Path, limits: Limits = DEFAULT_LIMITS) -> FolderResult:
    """Load every playbook file in `folder`; one broken file never hides the others."""
    result = FolderResult(str(folder))
    where = Location(str(folder))
    if not folder.exists():
        result.findings.append(
            Finding(
                "folder-missing",
                "the playbook folder does not exist",
                where,
                hint="pass the folder holding organisation.yaml, severities.yaml, ...",
            )
        )
        return result
    if not folder.is_dir():
        result.findings.append(
            Finding("folder-missing", "this is not a folder; give the playbook folder", where)
        )
        return result
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        result.findings.append(
            Finding("file-unreadable", f"the folder cannot be listed: {reason}", where)
        )
        return result

    chosen = _choose(entries, result.findings)
    for kind in FILE_KINDS:
        path = chosen.get(kind)
        if path is None:
            if kind not in OPTIONAL_KINDS:
                result.findings.append(
                    Finding(
                        "file-missing",
                        f"the playbook has no {kind}.yaml; every playbook needs one",
                        where,
                        hint=f"create {kind}.yaml; for an example, `playbook init example-playbook`"
                        f" writes a new project into that folder (never over existing files):"
                        f" copy its playbook/{kind}.yaml",
                    )
                )
            continue
        loaded = load_file(path, kind, str(path), limits)
        result.checked.append(loaded.path)
        result.findings.extend(loaded.findings)
        if loaded.lines:
            result.sources[loaded.path] = loaded.lines
        if loaded.loaded is not None:
            result.files[kind] = loaded.loaded
    return result


def _choose(entries: list[Path], findings: list[Finding]) -> dict[str, Path]:
    """The file for each kind; unknown and doubled YAML files become findings."""
    chosen: dict[str, Path] = {}
    for entry in entries:
        suffix = entry.suffix.lower()
        if entry.name.startswith(".") or suffix not in YAML_SUFFIXES:
            continue
        kind = entry.stem
        if kind not in FILE_KINDS:
            findings.append(_unknown(entry))
        elif kind in chosen:
            findings.append(
                Finding(
                    "file-duplicate",
                    f"both {chosen[kind].name} and {entry.name} exist; only one is read",
                    Location(str(entry)),
                    hint=f"merge them into {kind}.yaml and delete the other",
                )
            )
        else:
            chosen[kind] = entry
    return chosen


def _unknown(entry: Path) -> Finding:
    import difflib  # only for a file the playbook does not know

    close = difflib.get_close_matches(entry.stem, FILE_KINDS, n=1, cutoff=0.6)
    known = ", ".join(f"{kind}.yaml" for kind in FILE_KINDS)
    hint = f"did you mean {close[0]}.yaml? " if close else ""
    return Finding(
        "file-unknown",
        f"{entry.name} is not a playbook file, so its content would be ignored",
        Location(str(entry)),
        hint=f"{hint}a playbook folder holds {known}",
    )
