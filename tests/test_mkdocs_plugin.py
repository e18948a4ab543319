"""The `playbook` MkDocs plugin on an organisation's own project: changed YAML, hostile text,
template and asset overrides, hand-written pages, and the errors a reader sees.

One customised project is built once for the module with the real MkDocs (in this process,
through `generator.site_build`); the failure cases stop before any page is written.
"""

from __future__ import annotations

import html
import json
import logging
import re
import shutil
from pathlib import Path

import pytest

from generator.findings import BuildError
from generator.layout import DEFAULT_PLAYBOOK_DIR, PROJECT_ROOT, TEMPLATES_DIR
from generator.render.site import SUMMARY_DOWNLOAD
from generator.site_build import InvalidSite, build_site

HOSTILE_NAME = "Code red <script>alert(1)</script> | {{ 7*7 }}"
HOSTILE_ITEM = 'Page <img src=x onerror="alert(2)"> & {% raw %} #now'
OVERRIDE_MARKER = "Our own words on every role page."
CSS_MARKER = "/* the organisation's stylesheet */"
GUIDE = """# Database runbook

Restart the primary only with the DBA on the call.

![Diagram](diagram.svg)
"""


def make_project(root: Path) -> Path:
    """A copy of the default project with the changes an organisation would make."""
    project = root / "project"
    shutil.copytree(DEFAULT_PLAYBOOK_DIR, project / "playbook")
    config = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("# templates_dir: overrides/playbook", "templates_dir: overrides")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")

    severities = project / "playbook" / "severities.yaml"
    text = severities.read_text(encoding="utf-8")
    severities.write_text(text.replace("name: Critical", f"name: {json.dumps(HOSTILE_NAME)}", 1))
    phases = project / "playbook" / "phases.yaml"
    text = phases.read_text(encoding="utf-8")
    first = re.search(r"text: (.*)", text)
    assert first
    phases.write_text(text.replace(first.group(0), f"text: {json.dumps(HOSTILE_ITEM)}", 1))

    overrides = project / "overrides"
    (overrides / "assets" / "playbook").mkdir(parents=True)
    role = (TEMPLATES_DIR / "role.md.j2").read_text(encoding="utf-8")
    role = role.replace("{% block content %}\n", f"{{% block content %}}\n{OVERRIDE_MARKER}\n\n", 1)
    (overrides / "role.md.j2").write_text(role, encoding="utf-8")
    (overrides / "assets" / "playbook" / "playbook.css").write_text(CSS_MARKER, encoding="utf-8")

    guides = project / "playbook" / "pages" / "runbooks"
    guides.mkdir(parents=True)
    (guides / "database.md").write_text(GUIDE, encoding="utf-8")
    (guides / "diagram.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', "utf-8")
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("custom"))
    result = build_site(project / "mkdocs.yml")
    assert result.site_dir == project / "site"
    return result.site_dir


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_a_changed_yaml_value_changes_the_page_and_the_navigation(built: Path) -> None:
    page = read(built, "severities/sev1.html")
    assert "Critical" not in page
    shown = "Code red &lt;script&gt;alert(1)&lt;/script&gt; | {{ 7*7 }}"
    heading = re.search(r"<h1 id=[^>]*>(.*?)<a class=\"headerlink\"", page)
    assert heading and heading.group(1) == f"SEV-1 {shown}"
    nav_label = "SEV-1 Code red \u2039script\u203aalert(1)\u2039/script\u203a | {{ 7*7 }}"
    # navigation.prune: a section's pages are listed in the navigation of that section's pages.
    assert nav_label in read(built, "severities/index.html")
    assert "SEV-1 Code red" in read(built, "severities/index.html")


def test_yaml_text_never_becomes_markup_or_a_template(built: Path) -> None:
    for page in sorted(built.rglob("*.html")):
        markup = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in markup, page
        assert "alert(1)</script>" not in markup, page
        assert "<img src=x" not in markup and '<img src="x"' not in markup, page
        assert "Code red 49" not in markup
    detection = read(built, "phases/detection.html")
    item = re.search(r'<span class="pb-check-text">([^<]*)</span>', detection)
    assert item and html.unescape(item.group(1)) == HOSTILE_ITEM
    title = re.search(r"<title>(.*?)</title>", read(built, "severities/sev1.html"), re.S)
    assert title and "<" not in title.group(1).replace("</title>", "")


def test_a_template_override_takes_effect(built: Path) -> None:
    assert OVERRIDE_MARKER in read(built, "roles/incident-commander.html")
    assert OVERRIDE_MARKER not in read(built, "phases/detection.html")
    assert read(built, "assets/playbook/playbook.css") == CSS_MARKER
    default_js = sorted(p.name for p in (TEMPLATES_DIR / "assets" / "playbook").glob("*.js"))
    assert sorted(p.name for p in (built / "assets" / "playbook").glob("*.js")) == default_js


def test_a_hand_written_page_joins_the_navigation(built: Path) -> None:
    page = read(built, "guides/runbooks/database.html")
    assert "Restart the primary only with the DBA" in page
    assert (built / "guides" / "runbooks" / "diagram.svg").is_file()
    # navigation.prune: the page is in the navigation of the Guides pages, not of every page.
    assert 'href="runbooks/database.html"' in read(built, "guides/customer-support.html")
    nav = page[page.index('class="md-nav md-nav--primary') :]
    assert nav.index("Guides") < nav.index("Runbooks") < nav.index("Database runbook")


def test_the_summary_download_is_published_as_markdown_text(built: Path) -> None:
    """A download, not a page."""
    text = read(built, SUMMARY_DOWNLOAD)
    assert text.startswith("# Incident: ")
    assert not (built / SUMMARY_DOWNLOAD).with_suffix(".html").exists()


def test_invalid_yaml_stops_the_plugin_with_file_line_col(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """MkDocs run directly (not `playbook build`): the plugin logs the validate lines and aborts."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    project = make_project(tmp_path)
    roles = project / "playbook" / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    roles.write_text(text.replace("short: IC", "short: [IC]", 1), encoding="utf-8")
    line = text[: text.index("short: IC")].count("\n") + 1
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.playbook"), pytest.raises(Abort):
        build(config)
    lines = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.playbook"]
    assert any(re.match(rf".*roles\.yaml:{line}:\d+: error\[", entry) for entry in lines), lines
    assert not (tmp_path / "out" / "index.html").exists()


def test_build_reports_an_invalid_playbook_without_touching_anything(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "playbook" / "decision-tree.yaml").write_text("start: [\n", encoding="utf-8")
    with pytest.raises(InvalidSite) as caught:
        build_site(project / "mkdocs.yml")
    assert "decision-tree.yaml:" in caught.value.report
    assert not (project / "site").exists()
    assert sorted(p.name for p in project.iterdir()) == [
        "mkdocs.yml",
        "overrides",
        "playbook",
    ]  # nothing written, not even the render cache (an invalid playbook is never cached)


def test_own_pages_are_published_under_guides_whatever_their_name(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "playbook" / "pages" / "index.md").write_text("# Our index\n", encoding="utf-8")
    build_site(project / "mkdocs.yml")
    assert "Our index" in (project / "site" / "guides" / "index.html").read_text(encoding="utf-8")
    assert "Our index" not in (project / "site" / "index.html").read_text(encoding="utf-8")


def test_a_page_in_another_docs_dir_may_not_shadow_a_generated_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path)
    (project / "extra").mkdir()
    (project / "extra" / "index.md").write_text("# Mine\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("docs_dir: playbook/pages", "docs_dir: extra"), encoding="utf-8")
    with pytest.raises(BuildError, match="site/ was left as it was"):
        build_site(project / "mkdocs.yml")
    assert "index.md has the address of a page the playbook generates" in capsys.readouterr().err
    assert not (project / "site").exists()


def test_a_broken_override_names_the_template_and_line(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "overrides" / "phase.md.j2").write_text("# {{ phase.nmae }}\n", encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build_site(project / "mkdocs.yml")
    assert re.search(r"overrides/phase\.md\.j2:1: .*nmae", str(caught.value))
    assert "site/ was left as it was" in str(caught.value)
    assert not (project / "site").exists()


def test_the_plugin_publishes_exactly_what_render_writes(built: Path) -> None:
    """One render: every file `playbook render` writes for the project is in the site the plugin
    built (pages as HTML, everything else byte for byte), with nothing generated besides."""
    import subprocess
    import sys

    project = built.parent
    docs = project / "build" / "docs"
    done = subprocess.run(
        [Path(sys.executable).parent / "playbook", "render", "playbook", "--out", "build/docs"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rendered = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())
    assert "assets/playbook/tree.js" in rendered and "index.md" in rendered
    for path in rendered:
        if path.endswith(".md") and path != SUMMARY_DOWNLOAD:
            assert (built / (path[:-3] + ".html")).is_file(), path
        else:
            assert (built / path).read_bytes() == (docs / path).read_bytes(), path


def test_the_language_option_builds_one_translation(tmp_path: Path) -> None:
    """`mkdocs build` with `language: ja` on the plugin: the Japanese site alone, its theme,
    search and site name in Japanese, its switcher leading to where the default language goes."""
    import subprocess
    import sys

    project = tmp_path / "project"
    shutil.copytree(DEFAULT_PLAYBOOK_DIR, project / "playbook")
    config = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(
        "      playbook_dir: playbook\n", "      playbook_dir: playbook\n      language: ja\n"
    )
    (project / "mkdocs-ja.yml").write_text(config, encoding="utf-8")
    done = subprocess.run(
        [Path(sys.executable).parent / "mkdocs", "build", "--strict", "-f", "mkdocs-ja.yml"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    site = project / "site"
    page = read(site, "roles/scribe.html")
    assert '<html lang="ja"' in page
    assert 'href="../../roles/scribe.html" hreflang="en" lang="en">English</a>' in page
    assert '"lang":["ja"]' in read(site, "search/search_index.js").replace(" ", "")
    assert "Made with" not in page  # Material's credit line, English in every language
    assert "<title>" in page and "インシデント" in page.split("<title>", 1)[1].split("</title>")[0]
