"""`playbook export --to markdown|html`: the whole playbook in one file, checked against the model;
the HTML opened from file:// in Chromium (no request leaves the file) and printed to PDF."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.model import Playbook
from generator.render.filters import Token, parse_inline
from tests.export.playbooks import PLAYBOOKS, ROOT, model_of, playbook_id


def export(playbook: Path, target: str, out: Path) -> str:
    result = CliRunner().invoke(main, ["export", "--to", target, str(playbook), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote {out}.\n"
    return out.read_text(encoding="utf-8")


INLINE_TAGS = frozenset({"a", "code", "em", "strong"})


class _Text(HTMLParser):
    """The text a reader sees (no tags, entities decoded), skipping <style>."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = False

    def handle_starttag(self, tag: str, attrs: list) -> None:  # type: ignore[type-arg]
        self.skip = tag == "style"
        if tag not in INLINE_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.skip = False
        if tag not in INLINE_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return squash("".join(parser.parts))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def words_of(text: str) -> str:
    """YAML text as a reader sees it: its inline Markdown rendered, whitespace collapsed."""

    def walk(tokens: list[Token] | tuple[Token, ...]) -> str:
        return "".join(t.text if t.kind in ("text", "code") else walk(t.children) for t in tokens)

    return squash(walk(parse_inline(text)))


def expected(model: Playbook) -> dict[str, list[str]]:
    """What the one document must show: every level, role, checklist item, template, rubric
    and incident type."""
    out: dict[str, list[str]] = {
        "levels": [],
        "roles": [],
        "checklist": [],
        "templates": [],
        "rubrics": [],
        "incident types": [],
    }
    for kind in model.incident_types:
        out["incident types"] += [kind.name, kind.summary, *kind.actions]
    for severity in model.severities:
        out["levels"] += [severity.label, severity.name, severity.summary, *severity.definition]
    for role in model.roles:
        out["roles"] += [role.name, role.summary, *role.responsibilities, *role.not_their_job]
    for phase in model.phases:
        out["checklist"] += [phase.name, *(item.text for item in phase.checklist)]
    for template in model.status_templates:
        out["templates"] += [template.id, template.title, template.body]
        out["templates"] += [p.description for p in template.placeholders]
    for rubric in model.rubrics:
        out["rubrics"] += [rubric.question, *rubric.criteria, rubric.default_when_unsure]
    return {kind: [t for t in texts if t] for kind, texts in out.items()}


def missing(model: Playbook, shown: str, *, literal: set[str]) -> dict[str, list[str]]:
    gaps: dict[str, list[str]] = {}
    for kind, texts in expected(model).items():
        for text in texts:
            wanted = squash(text) if text in literal else words_of(text)
            if wanted not in shown:
                gaps.setdefault(kind, []).append(wanted)
    return gaps


def literal_texts(model: Playbook) -> set[str]:
    """Template titles and bodies are shown exactly as written (placeholders and all)."""
    return {t.title for t in model.status_templates} | {t.body for t in model.status_templates}


@pytest.mark.parametrize("playbook", PLAYBOOKS, ids=playbook_id)
def test_html_holds_every_level_role_checklist_template_and_rubric(
    tmp_path: Path, playbook: Path
) -> None:
    model = model_of(playbook)
    html = export(playbook, "html", tmp_path / "playbook.html")
    shown = visible_text(html)
    assert missing(model, shown, literal=literal_texts(model)) == {}
    assert not re.search(r"<(script|link|img|iframe)\b|\ssrc=", html)


@pytest.mark.parametrize("playbook", PLAYBOOKS, ids=playbook_id)
def test_markdown_holds_every_level_role_checklist_template_and_rubric(
    tmp_path: Path, playbook: Path
) -> None:
    model = model_of(playbook)
    text = export(playbook, "markdown", tmp_path / "playbook.md")
    assert "<" not in re.sub(r"```text\n.*?\n```", "", text, flags=re.S).replace("\\<", "")
    rendered = markdown.markdown(text, extensions=["tables", "fenced_code"])
    assert missing(model, visible_text(rendered), literal=literal_texts(model)) == {}
    headings = re.findall(r"^#{2,6} (.+)$", text, flags=re.M)
    for severity in model.severities:
        assert any(severity.label in h for h in headings), severity.label
    assert "\n## Contents\n" in text


def test_two_exports_are_byte_identical(tmp_path: Path) -> None:
    for target, name in (("markdown", "p.md"), ("html", "p.html")):
        first = export(ROOT / "playbook", target, tmp_path / "one" / name)
        assert first == export(ROOT / "playbook", target, tmp_path / "two" / name)


def hostile_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "hostile"
    shutil.copytree(ROOT / "playbook", copy)
    path = copy / "roles.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["roles"][0]["responsibilities"].append(
        "<script>alert(1)</script> **Act** [now](javascript:alert(1)) and"
        " [read](https://example.com/run?a=1&b=2) | # {{ x }}"
    )
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return copy


def test_yaml_text_is_escaped_and_only_allowed_links_survive(tmp_path: Path) -> None:
    copy = hostile_copy(tmp_path)
    html = export(copy, "html", tmp_path / "h.html")
    assert "<script>" not in html and "javascript:" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <strong>Act</strong> now and" in html
    assert '<a href="https://example.com/run?a=1&amp;b=2">read</a> | # {{ x }}' in html
    text = export(copy, "markdown", tmp_path / "h.md")
    assert "javascript:" not in text
    line = next(line for line in text.splitlines() if "alert(1)" in line)
    assert line == (
        r"- \<script\>alert(1)\</script\> **Act** now and"
        r" [read](https://example.com/run?a=1&b=2) \| \# \{\{ x \}\}"
    )


@pytest.mark.browser
def test_html_opens_from_file_with_no_request_and_prints_with_contents(tmp_path: Path) -> None:
    model = model_of(ROOT / "playbook")
    path = tmp_path / "playbook.html"
    export(ROOT / "playbook", "html", path)
    # A child process: the browser tests keep their own Playwright session open for the whole run.
    done = subprocess.run(
        [sys.executable, "-m", "tests.export.browser_check", str(path)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["blocked"] == [] and seen["errors"] == []
    toc = {link["text"]: link for link in seen["toc"]}
    for title in ("Roles", "Phases and checklists", "Status templates", "Decision rubrics"):
        assert toc[title]["target"], title
    for severity in model.severities:
        entry = next(link for text, link in toc.items() if text.startswith(severity.label))
        assert entry["href"] == f"#severity-{severity.id}" and entry["target"]
    assert all(link["target"] for link in seen["toc"])
    assert words_of(model.roles[0].responsibilities[0]) in squash(seen["text"])
    assert seen["print"] == {
        "toc_visible": True,
        "toc_break_after": "page",
        "part_break_before": "page",
    }
    assert seen["pdf_start"] == "%PDF-" and seen["pdf_outline"]
    assert seen["pdf_pages"] > len(model.severities)


def test_an_unwritable_place_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    out = blocker / "inside" / "playbook.html"
    result = CliRunner().invoke(main, ["export", "--to", "html", "--out", str(out)])
    assert result.exit_code == 1
    assert f"Error: cannot write {blocker / 'inside'}" in result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
