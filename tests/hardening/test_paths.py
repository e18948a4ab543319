"""Paths: nothing from the playbook or its configuration reads or writes outside its folder.

Ids become file names (`severities/<id>.md`); the schema allows only `a-z0-9-` in them, and the
renderer refuses an unsafe path even from a model built without the schema. An organisation's
pages and templates are published, so their folders must lie inside the project and hold no
symbolic link leading out of them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from hardening_child import PLAYBOOK_CLI

from generator.confine import confine, outside_links, site_path
from generator.findings import BuildError
from generator.model import Playbook
from generator.pipeline import validate_playbook
from generator.render import render_site

PROJECT_ROOT = Path(__file__).resolve().parents[2]
MINIMAL = PROJECT_ROOT / "tests" / "fixtures" / "minimal"
ESCAPES = ("../../escape", "/tmp/escape", "a/../../b", "a\\..\\b", "x\x00y", "../" * 9 + "x")


@pytest.fixture(scope="module")
def valid() -> tuple[Playbook, dict]:
    result = validate_playbook(MINIMAL)
    assert result.model is not None and result.document is not None
    return result.model, result.document


@pytest.mark.parametrize("bad_id", ["../../escape", "sev1/../../x", "/etc/x", "a.md", "A"])
def test_the_schema_refuses_ids_that_are_paths(bad_id: str, make_playbook) -> None:
    playbook = make_playbook()
    severities = playbook / "severities.yaml"
    severities.write_text(
        severities.read_text().replace("id: sev1", f"id: {bad_id!r}".replace("'", '"'), 1)
    )
    result = validate_playbook(playbook)
    assert not result.ok
    rules = {(f.rule, Path(f.location.file).name, f.location.line) for f in result.errors}
    assert ("schema-pattern", "severities.yaml", 3) in rules


@pytest.mark.parametrize("bad_id", ESCAPES)
def test_the_renderer_refuses_an_id_that_escapes(bad_id: str, valid) -> None:
    """A model built by hand (no schema) with a hostile id: refused before anything is written."""
    model, document = valid
    crafted = dataclasses.replace(model.severities[0], id=bad_id)
    hostile = dataclasses.replace(model, severities=(crafted, *model.severities[1:]))
    with pytest.raises(BuildError, match="refusing to write"):
        render_site(hostile, document, build_date=date(2026, 1, 1))


def test_the_renderer_writes_only_safe_paths(valid) -> None:
    model, document = valid
    files = render_site(model, document, build_date=date(2026, 1, 1))
    for file in files:
        assert site_path(file.path) == file.path


@pytest.mark.parametrize("path", (*ESCAPES, "", "..", "/abs.md", "a//b", "./a", "a/./b", "a\nb"))
def test_site_path_refuses(path: str) -> None:
    with pytest.raises(BuildError):
        site_path(path)


@pytest.mark.parametrize("path", ["index.md", "severities/sev1.md", "guides/a b/ü.md", "x..y.md"])
def test_site_path_accepts(path: str) -> None:
    assert site_path(path) == path


# --------------------------------------------------------------------------- pages and templates


def test_confine_accepts_a_folder_inside_and_links_within(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    (pages / "sub").mkdir(parents=True)
    (pages / "real.md").write_text("# Real\n")
    (pages / "sub" / "alias.md").symlink_to("../real.md")
    assert confine(pages, tmp_path, "pages_dir") == pages
    assert outside_links(pages) == []


def test_confine_refuses_traversal_absolute_and_links(tmp_path: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside"
    project.mkdir()
    outside.mkdir()
    (outside / "secret.md").write_text("secret\n")
    (project / "linked").symlink_to(outside)
    (project / "pages").mkdir()
    (project / "pages" / "leak.md").symlink_to(outside / "secret.md")
    (project / "pages" / "loop.md").symlink_to("loop.md")
    for folder in (project / ".." / "outside", outside, project / "linked"):
        with pytest.raises(BuildError, match="outside the project folder"):
            confine(folder, project, "pages_dir")
    with pytest.raises(BuildError, match=r"leak\.md is a symbolic link to .*secret\.md"):
        confine(project / "pages", project, "pages_dir")
    assert [link.name for link, _ in outside_links(project / "pages")] == ["leak.md", "loop.md"]


def _project(root: Path) -> Path:
    project = root / "project"
    project.mkdir(parents=True)
    shutil.copy(PROJECT_ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(MINIMAL, project / "playbook")
    (project / "playbook" / "pages").mkdir()
    (root / "outside").mkdir()
    (root / "outside" / "secret.md").write_text("# The secret\n")
    (root / "outside" / "home.md.j2").write_text("{{ 7*7 }}\n")
    return project


def _configure(project: Path, option: str, value: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text()
    config.write_text(
        text.replace(
            "      playbook_dir: playbook\n",
            f"      playbook_dir: playbook\n      {option}: {value}\n",
            1,
        )
    )


def _build(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    return subprocess.run(
        [str(PLAYBOOK_CLI), "build", "--config", str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def _digest(folder: Path) -> str:
    return hashlib.sha256(
        b"".join(
            p.as_posix().encode() + p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
        )
    ).hexdigest()


SETUPS = {
    "templates_dir-dot-dot": ("templates_dir", "../outside", None),
    "templates_dir-absolute": ("templates_dir", "{outside}", None),
    "templates_dir-link-out": ("templates_dir", "overrides", "overrides->{outside}"),
    "templates_dir-file-link-out": (
        "templates_dir",
        "overrides",
        "overrides/home.md.j2->{outside}/home.md.j2",
    ),
    "pages_dir-dot-dot": ("pages_dir", "../outside", None),
    "pages_dir-link-out": ("pages_dir", "docs", "docs->{outside}"),
    "pages-file-link-out": (None, None, "playbook/pages/secret.md->{outside}/secret.md"),
}


@pytest.mark.parametrize("name", sorted(SETUPS))
def test_build_refuses_folders_and_links_leading_out(name: str, tmp_path: Path) -> None:
    project = _project(tmp_path)
    outside = tmp_path / "outside"
    first = _build(project)
    assert first.returncode == 0, first.stderr
    before = _digest(project / "site")
    option, value, link = SETUPS[name]
    if link:
        source, target = link.format(outside=outside).split("->")
        (project / source).parent.mkdir(parents=True, exist_ok=True)
        (project / source).symlink_to(target)
    if option:
        _configure(project, option, value.format(outside=outside))
    run = _build(project)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    assert "outside" in run.stderr and "the site was not built" in run.stderr, run.stderr
    assert _digest(project / "site") == before
    assert "The secret" not in "".join(
        p.read_text(errors="replace") for p in (project / "site").rglob("*.html")
    )


# --------------------------------------------------------------------------- playbook files

SECRET = "token: s3cr3t-do-not-print\nprivate: the vault key is hunter2\n"


def _validate_refusing_a_link(playbook: Path, fmt: str) -> str:
    """`playbook validate` in `fmt` refuses a link out: exit 1, the file-link-outside rule, no
    traceback and nothing of SECRET in the output; the output, for the message."""
    run = subprocess.run(
        [str(PLAYBOOK_CLI), "validate", "playbook", "--format", fmt],
        cwd=playbook.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert "Traceback" not in output and "internal error" not in output
    assert "file-link-outside" in output
    for word in ("s3cr3t", "hunter2", "vault", "token"):  # not one word of the linked file
        assert word not in output, output
    return output


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
@pytest.mark.parametrize("how", ["absolute", "relative", "through-a-link-inside"])
def test_a_playbook_file_linked_outside_is_refused_unread(
    fmt: str, how: str, make_playbook, tmp_path: Path
) -> None:
    """A pull request may replace `rubrics.yaml` by a link to a secret on the CI machine: the
    file is refused by name, exit 1, and not one character of the target reaches any report."""
    playbook = make_playbook()
    secret = tmp_path / "outside" / "secret.yaml"
    secret.parent.mkdir()
    secret.write_text(SECRET)
    (playbook / "rubrics.yaml").unlink()
    if how == "absolute":
        (playbook / "rubrics.yaml").symlink_to(secret)
    elif how == "relative":
        (playbook / "rubrics.yaml").symlink_to("../outside/secret.yaml")
    else:  # a link inside the folder, itself a link leading out
        (playbook / "inner").mkdir()
        (playbook / "inner" / "hop.yaml").symlink_to(secret)
        (playbook / "rubrics.yaml").symlink_to("inner/hop.yaml")
    output = _validate_refusing_a_link(playbook, fmt)
    assert "rubrics.yaml is a symbolic link to a file outside the playbook folder" in output


def test_a_playbook_file_linked_inside_the_folder_is_read(make_playbook) -> None:
    playbook = make_playbook()
    (playbook / "kept").mkdir()
    (playbook / "rubrics.yaml").rename(playbook / "kept" / "rubrics.yaml")
    (playbook / "rubrics.yaml").symlink_to("kept/rubrics.yaml")
    result = validate_playbook(playbook)
    assert [f for f in result.findings if "rubrics" in f.location.file] == []
    assert (result.document or {})["rubrics"]["rubrics"], "rubrics.yaml was read through the link"


def test_build_refuses_a_playbook_file_linked_outside(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "playbook" / "rubrics.yaml").unlink()
    (project / "playbook" / "rubrics.yaml").symlink_to(tmp_path / "outside" / "secret.md")
    run = _build(project)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "rubrics.yaml is a symbolic link to a file outside the playbook folder" in run.stderr
    assert "The secret" not in run.stdout + run.stderr
    assert not (project / "site").exists()


# --------------------------------------------------------------------------- translations

#: Where a translation link is made, relative to the playbook folder, by case.
TRANSLATION_LINKS = {
    "translated-page": "translations/ja/pages/customer-support.md",
    "translation-file": "translations/ja/rubrics.yaml",
    "language-folder": "translations/ja",
}


def _link_translation(playbook: Path, case: str, outside: Path) -> str:
    """Make the link of `case` in `playbook` to a file (or folder) holding SECRET; its name."""
    outside.mkdir(exist_ok=True)
    (outside / "secret.yaml").write_text(SECRET)
    (outside / "customer-support.md").write_text(SECRET)
    link = playbook / TRANSLATION_LINKS[case]
    link.parent.mkdir(parents=True, exist_ok=True)
    if case == "language-folder":
        link.symlink_to(outside, target_is_directory=True)
    elif case == "translated-page":
        link.symlink_to(outside / "customer-support.md")
    else:
        link.symlink_to(outside / "secret.yaml")
    return link.name


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
@pytest.mark.parametrize("case", sorted(TRANSLATION_LINKS))
def test_a_translation_linked_outside_is_refused_unread(
    fmt: str, case: str, make_playbook, tmp_path: Path
) -> None:
    """A translated page or translation file is read by `playbook validate` (and a page is
    published): a link leading out of the playbook folder is refused by name, unread."""
    playbook = make_playbook()
    name = _link_translation(playbook, case, tmp_path / "outside")
    output = _validate_refusing_a_link(playbook, fmt)
    what = "folder" if case == "language-folder" else "file"
    assert f"{name} is a symbolic link to a {what} outside the playbook folder" in output, output


def test_translations_linked_inside_the_playbook_folder_are_read(make_playbook) -> None:
    """A link may lead anywhere inside the playbook folder, not only into its own folder."""
    playbook = make_playbook()
    (playbook / "pages").mkdir()
    (playbook / "pages" / "notes.md").write_text("# Notes\n")
    kept = playbook / "kept"
    kept.mkdir()
    (kept / "notes.md").write_text("<!-- source: -->\n# メモ\n")
    (kept / "organisation.yaml").write_text("name:\n  text: 例\n")
    pages = playbook / "translations" / "ja" / "pages"
    pages.mkdir(parents=True)
    (pages / "notes.md").symlink_to("../../../kept/notes.md")
    (pages.parent / "organisation.yaml").symlink_to("../../kept/organisation.yaml")
    result = validate_playbook(playbook)
    rules = {(f.rule, Path(f.location.file).name) for f in result.findings}
    assert not any(rule.startswith("file-") for rule, _ in rules), rules
    assert ("translation-unconfirmed", "notes.md") in rules  # the page was read: no fingerprint
    assert ("translation-unconfirmed", "organisation.yaml") in rules


@pytest.mark.parametrize("case", ["translated-page", "translation-file"])
def test_build_refuses_a_translation_linked_outside(case: str, tmp_path: Path) -> None:
    project = _project(tmp_path)
    name = _link_translation(project / "playbook", case, tmp_path / "outside")
    run = _build(project)
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert f"{name} is a symbolic link to a file outside the playbook folder" in run.stderr
    for word in ("s3cr3t", "hunter2", "vault"):
        assert word not in output, output
    assert not (project / "site").exists()
