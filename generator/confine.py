"""Keep every file the site is made from, or written to, inside the folder it belongs to.

An organisation's pages and templates are copied or rendered into a public site, so a folder
outside the project, or a symbolic link in it pointing elsewhere (`pages/key.md -> ~/.ssh/id_rsa`),
would publish files nobody meant to publish. Output paths come from ids, which the schema limits
to `a-z0-9-`; `site_path` checks them again so a model built without the schema cannot write
outside the site folder either.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from generator.findings import BuildError


def confine(folder: Path, root: Path, option: str) -> Path:
    """`folder` if it lies inside `root` (after following links) and no link in it leads out."""
    real_root = root.resolve()
    real = folder.resolve()
    if real != real_root and real_root not in real.parents:
        raise BuildError(
            f"{option} `{folder}` is outside the project folder {real_root}"
            + (f" (it leads to {real})" if real != folder.absolute() else "")
            + "; keep your pages and templates inside the project"
        )
    escaping = outside_links(folder)
    if escaping:
        link, target = escaping[0]
        raise BuildError(f"{option}: {link} is a symbolic link to {target}, outside {folder}")
    return folder


def outside_links(folder: Path) -> list[tuple[Path, str]]:
    """Symbolic links below `folder` whose target lies outside it (or loops), sorted."""
    if not folder.is_dir():
        return []
    real = folder.resolve()
    found: list[tuple[Path, str]] = []
    for path in sorted(folder.rglob("*")):
        if not path.is_symlink():
            continue
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            found.append((path, "a missing file or a link loop"))
            continue
        if target != real and real not in target.parents:
            found.append((path, str(target)))
    return found


def site_path(path: str) -> str:
    """`path` if it is a plain relative path inside the site folder; else `BuildError`."""
    pure = PurePosixPath(path)
    bad = (
        not path
        or pure.is_absolute()
        or any(part in ("", ".", "..") for part in path.split("/"))
        or any(char in path for char in "\\\0")
        or any(ord(char) < 32 for char in path)
    )
    if bad:
        raise BuildError(
            f"refusing to write {path!r}: it would not be a file inside the site folder"
        )
    return path
