"""The real site of the default playbook, built once per session with `mkdocs build --strict`.

Every severity, role, phase, checklist item, status template and decision-tree node must appear
on the page a responder would look for it; search must find them; the published data must match
its schema; and `playbook build` must leave the previous site alone when the playbook is invalid.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.layout import (
    DEFAULT_PLAYBOOK_DIR,
    PROJECT_ROOT,
    ROOT_SCHEMA,
    SCHEMA_DIR,
    TEMPLATES_DIR,
)
from generator.model import Playbook
from generator.pipeline import validate_playbook
from generator.render.flowchart import _wrap
from generator.render.site import SUMMARY_DOWNLOAD
from tests.projects import copy_default_project, digest

BIN = Path(sys.executable).parent
EPOCH_2026 = "1767225600"  # 2026-01-01, the build date of the golden files
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH_2026}


@dataclass(frozen=True)
class Site:
    root: Path
    log: str

    def html(self, path: str) -> str:
        return (self.root / path).read_text(encoding="utf-8")

    def text(self, path: str) -> str:
        """The visible text of a page's content (not navigation), whitespace collapsed."""
        page = self.html(path)
        article = re.search(r'<article class="md-content__inner[^"]*">(.*?)</article>', page, re.S)
        assert article, f"{path} has no article"
        return _visible(article.group(1))


def _visible(markup: str) -> str:
    markup = re.sub(r"<script\b.*?</script>", " ", markup, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def _words(text: str) -> str:
    return " ".join(text.split())


def _plain(text: str) -> str:
    """The visible text of inline Markdown (links, code spans, emphasis) as a page shows it."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"(\*\*|\*|`)", "", text)


@pytest.fixture(scope="session")
def model() -> Playbook:
    result = validate_playbook(DEFAULT_PLAYBOOK_DIR)
    assert result.model is not None
    return result.model


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    out = tmp_path_factory.mktemp("default") / "site"
    proc = subprocess.run(
        [BIN / "mkdocs", "build", "--strict", "-f", PROJECT_ROOT / "mkdocs.yml", "-d", out],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=PROJECT_ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return Site(out, proc.stdout + proc.stderr)


def test_strict_build_prints_only_progress(site: Site) -> None:
    lines = [line for line in site.log.splitlines() if line.strip()]
    assert [line for line in lines if not line.startswith("INFO")] == []
    assert "end of life" not in site.log


def test_every_severity_on_its_page_and_in_the_comparison(site: Site, model: Playbook) -> None:
    table = site.text("severities/index.html")
    for s in model.severities:
        page = site.text(f"severities/{s.id}.html")
        assert f"{s.label} {s.name}" in page and f"{s.label} {s.name}" in table
        for text in (*s.definition, *s.examples, *s.response.actions):
            assert _words(_plain(text)) in page, (s.id, text)
        for entry in s.response.page:
            assert _words(_plain(entry.who)) in page, (s.id, entry.who)
        if s.response.resolution_target:
            assert _words(s.response.resolution_target) in page
        assert _words(s.summary) in table


def test_every_role_with_the_tasks_it_owns(site: Site, model: Playbook) -> None:
    """A task is written once, in phases.yaml, with its owner: the role page lists the items
    whose role is that role, grouped by phase, with the same ids as on the phase page."""
    index = site.text("roles/index.html")
    for role in model.roles:
        page_html = site.html(f"roles/{role.id}.html")
        page = site.text(f"roles/{role.id}.html")
        assert role.name in index
        for text in (*role.responsibilities, *role.not_their_job, role.typical_holder):
            assert _words(_plain(text)) in page, (role.id, text)
        for phase in model.phases:
            owned = {i.id: _words(i.text) for i in phase.checklist if i.role == role.id}
            if owned:
                assert _checklist(page_html, f"phase-{phase.id}") == owned, (role.id, phase.id)
            else:
                assert f'data-pb-checklist="phase-{phase.id}"' not in page_html
        assert 'class="pb-print-meta" data-version="2026.11" data-date="2026-01-01"' in page_html


def test_every_phase_with_its_checklist_and_the_workflow(site: Site, model: Playbook) -> None:
    workflow = site.text("phases/index.html")
    for step in model.workflow:
        assert _words(step.title) in workflow and _words(step.detail) in workflow
    for phase in model.phases:
        page_html = site.html(f"phases/{phase.id}.html")
        assert phase.name in site.text(f"phases/{phase.id}.html")
        items = _checklist(page_html, f"phase-{phase.id}")
        assert items == {item.id: _words(item.text) for item in phase.checklist}


def test_every_status_template_with_its_placeholders(site: Site, model: Playbook) -> None:
    page = site.text("communication/status-templates.html")
    for stage in model.stages:
        assert stage.name in page
    for template in model.status_templates:
        assert _words(template.title) in page, template.id
        for line in template.body.splitlines():
            assert _words(line) in page, (template.id, line)
        for placeholder in template.placeholders:
            assert "{" + placeholder.name + "}" in page
            assert _words(placeholder.description) in page
    for s in model.severities:  # each level links the templates that apply to it
        level = site.html(f"severities/{s.id}.html")
        for template in model.status_templates:
            anchor = f"status-templates.html#template-{template.id}"
            applies = s.id in model.levels_of(template.severities)
            assert (anchor in level) == (not template.severities or applies)


def test_every_tree_node_in_the_outline_and_the_flowchart(site: Site, model: Playbook) -> None:
    page_html = site.html("respond/decide-severity.html")
    outline = re.search(r'<div class="pb-tree-outline">(.*?)</div>', page_html, re.S)
    svg = re.search(r'<figure class="pb-tree-svg">\s*(<svg.*?</svg>)', page_html, re.S)
    assert outline and svg
    svg_lines = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg.group(1))]
    outline_text = _visible(outline.group(1))
    for node in model.decision_tree.nodes:
        assert f'id="tree-{node.id}"' in outline.group(1)
        assert _words(node.question) in outline_text
        assert all(line in svg_lines for line in _wrap(node.question)), node.id
        for answer in node.answers:
            assert answer.label in outline_text
            assert any(answer.label in line for line in svg_lines)
    for s in model.severities:
        reached = any(a.severity == s.id for n in model.decision_tree.nodes for a in n.answers)
        assert (f'href="../severities/{s.id}.html"' in svg.group(1)) == reached
    assert page_html.count('data-pb-widget="tree"') == 1


def test_widget_pages_embed_one_data_block_from_the_document(site: Site) -> None:
    published = json.loads(site.html("playbook.json"))
    for path, keys in (
        ("respond/decide-severity.html", {"decision-tree", "severities", "roles"}),
        ("respond/status-update.html", {"templates", "stages", "audiences", "severities"}),
    ):
        page = site.html(path)
        blocks = re.findall(r'<script type="application/json" id="pb-data">(.*?)</script>', page)
        assert len(blocks) == 1, path
        data = json.loads(blocks[0])
        assert keys <= set(data)
        levels = [s["id"] for s in published["severities"]["severities"]]
        assert [s["id"] for s in data["severities"]] == levels, path  # from the same playbook
    assert 'class="pb-composer" data-pb-widget="composer"' in site.html(
        "respond/status-update.html"
    )


def test_communication_and_reference_pages(site: Site, model: Playbook) -> None:
    comms = site.text("communication/index.html")
    c = model.communication
    for text in (
        *(a.name for a in c.audiences),
        *(a.format for a in c.audiences),
        *(ch.name for ch in c.channels),
        *(ch.naming_pattern for ch in c.channels if ch.naming_pattern),
        *(p.title for p in c.principles),
        *(p.phrase for p in c.phrases_to_avoid),
        *(p.instead for p in c.phrases_to_avoid),
    ):
        assert _words(text) in comms, text
    expectations = {
        "reference/decisions.html": [r.question for r in model.rubrics]
        + [x for r in model.rubrics for x in r.criteria]
        + list(model.guidance.decision_authority),
        "reference/mitigation.html": [p.name for p in model.mitigation.patterns]
        + [s.symptom for s in model.mitigation.symptoms],
        "reference/failure-patterns.html": [f.name for f in model.guidance.failure_patterns],
        "reference/on-call.html": [p.title for p in model.guidance.on_call],
        "reference/after-the-incident.html": [s.title for s in model.guidance.after_incident],
        "reference/incident-summary.html": [f.title for f in model.guidance.summary_template],
    }
    for path, texts in expectations.items():
        page = site.text(path)
        for text in texts:
            assert _words(text) in page, (path, text)
    download = (site.root / SUMMARY_DOWNLOAD).read_text(encoding="utf-8")
    assert all(f.title in download for f in model.guidance.summary_template)
    assert f'href="../{SUMMARY_DOWNLOAD}"' in site.html("reference/incident-summary.html")
    assert not (site.root / SUMMARY_DOWNLOAD).with_suffix(".html").exists()  # not a page


def test_home_starts_with_the_way_in(site: Site, model: Playbook) -> None:
    page = site.html("index.html")
    page = page[page.index('<article class="md-content__inner') :]
    first = page.index("In an incident now?")
    assert first < page.index("About this playbook")
    for target in ("respond/decide-severity.html", "respond/status-update.html"):
        assert page.index(f'href="{target}"', first) < page.index("About this playbook")
    for role in model.roles:
        assert page.index(f'href="roles/{role.id}.html"', first) < page.index("About this")


def test_own_pages_join_the_navigation(site: Site) -> None:
    guides = sorted((DEFAULT_PLAYBOOK_DIR / "pages").glob("*.md"))
    # navigation.prune: the home page links the Guides section (its first page); every guide is
    # in the navigation of the Guides pages.
    assert f'href="guides/{guides[0].stem}.html"' in site.html("index.html")
    for page in guides:
        built = f"guides/{page.stem}.html"
        assert (site.root / built).is_file()
        assert f'href="{page.stem}.html"' in site.html(f"guides/{guides[0].stem}.html")


def test_search_finds_levels_roles_and_checklist_items(site: Site, model: Playbook) -> None:
    index = json.loads(site.html("search/search_index.json"))
    corpus = " ".join(_visible(d["title"] + " " + d["text"]) for d in index["docs"])
    for s in model.severities:
        assert s.name in corpus and s.label in corpus
    for role in model.roles:
        assert role.name in corpus
    for phase in model.phases:
        for item in phase.checklist:
            assert _words(item.text) in corpus, item.id
    assert '"pb-data"' not in json.dumps(index)  # embedded data is not indexed as text


def test_published_data_matches_its_schema(site: Site) -> None:
    """playbook.json validates against the schema published beside it (checked offline)."""
    published = site.root / "schema"
    assert sorted(p.name for p in published.iterdir()) == sorted(
        p.name for p in SCHEMA_DIR.glob("*.schema.json")
    )
    proc = subprocess.run(
        [
            BIN / "check-jsonschema",
            "--base-uri",
            published.as_uri() + "/",
            "--schemafile",
            published / ROOT_SCHEMA,
            site.root / "playbook.json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (
        json.loads(site.html("playbook.json")) == validate_playbook(DEFAULT_PLAYBOOK_DIR).document
    )


def test_pages_load_nothing_from_other_hosts(site: Site) -> None:
    for page in sorted(site.root.rglob("*.html")):
        markup = page.read_text(encoding="utf-8")
        assert not re.search(r'<(script|link|img|iframe)\b[^>]*(src|href)="(https?:)?//', markup)
    assert re.search(
        r'<script src="[./]*assets/playbook/[a-z]+\.js" defer>', site.html("index.html")
    )


def test_render_command_writes_the_golden_pages(tmp_path: Path) -> None:
    """The generated files are the golden ones (but for the language switcher under each
    title: the default playbook has a Japanese translation; tests/test_site_languages.py and
    tests/test_languages_build.py check it); the rest of the docs folder is our assets."""
    proc = subprocess.run(
        [BIN / "playbook", "render", "--out", tmp_path / "out"],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=PROJECT_ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    golden = Path(__file__).parent / "golden" / "default"
    out = tmp_path / "out"
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    expected = sorted(p.relative_to(golden).as_posix() for p in golden.rglob("*") if p.is_file())
    for path in expected:
        switcher = rb'\n\n<nav class="pb-languages" [^\n]*</nav>(?=\n)'
        page = re.sub(switcher, b"", (out / path).read_bytes(), count=1)
        assert page == (golden / path).read_bytes(), path
    pages = {p for p in written if p.endswith(".md") and not p.startswith("guides/")}
    assert pages <= set(expected)  # every generated page has its golden file
    assets = {
        p.relative_to(TEMPLATES_DIR).as_posix()
        for p in (TEMPLATES_DIR / "assets").rglob("*")
        if p.is_file()
    }
    assert assets <= written and "playbook.json" in written
    guides = {f"guides/{p.name}" for p in (DEFAULT_PLAYBOOK_DIR / "pages").glob("*.md")}
    assert guides and guides <= written
    assert (tmp_path / "mkdocs.yml").is_file()  # the site configuration beside the docs folder


def test_properdocs_builds_the_project_unchanged(tmp_path: Path) -> None:
    """`properdocs build` (a maintained MkDocs 1.6) runs our plugin from the same mkdocs.yml."""
    project = copy_default_project(tmp_path)
    proc = subprocess.run(
        [BIN / "properdocs", "build", "--strict", "-f", "mkdocs.yml"],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=project,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    site = project / "site"
    assert "SEV-1 Critical" in (site / "severities" / "sev1.html").read_text(encoding="utf-8")
    tree = (site / "respond" / "decide-severity.html").read_text(encoding="utf-8")
    assert tree.count('data-pb-widget="tree"') == 1
    assert (site / "assets" / "playbook" / "tree.js").is_file()


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_directory_urls_build_without_a_broken_link(tmp_path: Path, engine: str) -> None:
    """With use_directory_urls: true (and no offline plugin, which forces false) every link and
    asset address on every page leads to a file of the built site."""
    project = copy_default_project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("use_directory_urls: false", "use_directory_urls: true")
    text = re.sub(r"\n  - offline[^\n]*", "", text)
    config.write_text(text, encoding="utf-8")
    proc = subprocess.run(
        [BIN / "playbook", "build", "--engine", engine, "--config", config],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    site = project / "site"
    assert (site / "severities" / "sev1" / "index.html").is_file()  # directory addresses
    broken = _broken_links(site)
    assert broken == [], broken[:20]


def _broken_links(site: Path) -> list[str]:
    """`page: address` for every relative href/src on every page that leads to no file."""
    broken = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        if page.name == "404.html":
            continue  # its addresses are absolute from the server's root, by design
        markup = page.read_text(encoding="utf-8")
        markup = re.sub(r'<script type="application/json".*?</script>', "", markup, flags=re.S)
        for address in re.findall(r'(?:href|src)="([^"#?]*)[^"]*"', markup):
            address = html.unescape(address)
            if not address or re.match(r"[a-z][a-z0-9+.-]*:|//", address):
                continue
            target = (page.parent / address).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {address}")
    return broken


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_invalid_playbook_keeps_the_previous_site(tmp_path: Path, engine: str) -> None:
    project = copy_default_project(tmp_path)
    command = [BIN / "playbook", "build", "--engine", engine, "--config", project / "mkdocs.yml"]
    first = subprocess.run(command, capture_output=True, text=True, env=ENV, check=False)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Built ")
    assert "/ja/ (ja) from " in first.stdout, first.stdout  # every language, and where
    before = digest(project / "site")
    severities = project / "playbook" / "severities.yaml"
    text = severities.read_text(encoding="utf-8")
    severities.write_text(text.replace("acknowledge_within: 5m", "acknowledge_within: soon", 1))
    line = text[: text.index("acknowledge_within: 5m")].count("\n") + 1
    second = subprocess.run(command, capture_output=True, text=True, env=ENV, check=False)
    assert second.returncode == 1
    assert re.search(rf"severities\.yaml:{line}:\d+: error\[", second.stderr), second.stderr
    assert "Traceback" not in second.stderr + second.stdout
    assert "site/ was left as it was" in second.stderr
    assert digest(project / "site") == before
    # .cache/ keeps the last render (and Zensical's work folder) for the next build
    assert sorted(p.name for p in project.iterdir()) == [".cache", "mkdocs.yml", "playbook", "site"]


def test_a_failed_zensical_build_keeps_the_previous_site(tmp_path: Path) -> None:
    """Valid YAML, but Zensical's strict build fails (a broken link in an own page)."""
    project = copy_default_project(tmp_path)
    command = [BIN / "playbook", "build", "--engine", "zensical", "--config", "mkdocs.yml"]
    first = subprocess.run(command, capture_output=True, text=True, env=ENV, cwd=project)
    assert first.returncode == 0, first.stderr
    before = digest(project / "site")
    page = project / "playbook" / "pages" / "broken.md"
    page.write_text("# Broken\n\n[gone](missing.md)\n", encoding="utf-8")
    second = subprocess.run(command, capture_output=True, text=True, env=ENV, cwd=project)
    assert second.returncode == 1
    assert "Error: the site was not built (Zensical: " in second.stderr
    assert "site/ was left as it was" in second.stderr
    assert "Traceback" not in second.stderr + second.stdout
    assert digest(project / "site") == before
    assert not [p for p in project.iterdir() if p.name.startswith("site.")]


def test_the_render_is_reused_only_while_nothing_changed(tmp_path: Path) -> None:
    """The second build of an unchanged playbook takes the kept render (same site, cache not
    rewritten); after an edit the render is made again and the page shows the edit."""
    project = copy_default_project(tmp_path)
    command = [BIN / "playbook", "build", "--config", project / "mkdocs.yml"]
    first = subprocess.run(command, capture_output=True, text=True, env=ENV, check=False)
    assert first.returncode == 0, first.stderr
    cache = project / ".cache" / "playbook-render.json"
    kept = cache.stat().st_mtime_ns
    before = digest(project / "site")
    again = subprocess.run(command, capture_output=True, text=True, env=ENV, check=False)
    assert again.returncode == 0, again.stderr
    assert cache.stat().st_mtime_ns == kept
    assert digest(project / "site") == before
    severities = project / "playbook" / "severities.yaml"
    text = severities.read_text(encoding="utf-8")
    severities.write_text(text.replace("name: Critical", "name: Meltdown", 1), encoding="utf-8")
    edited = subprocess.run(command, capture_output=True, text=True, env=ENV, check=False)
    assert edited.returncode == 0, edited.stderr
    assert cache.stat().st_mtime_ns != kept
    assert "SEV-1 Meltdown" in (project / "site" / "severities" / "sev1.html").read_text("utf-8")


def test_without_zensical_the_engine_option_says_how_to_install_it(tmp_path: Path) -> None:
    """Zensical is an optional extra: without it, one line saying what to install, no site."""
    project = copy_default_project(tmp_path)
    blocked = "import sys; sys.modules['zensical'] = None; from generator.cli import main; main()"
    proc = subprocess.run(
        [sys.executable, "-c", blocked, "build", "--engine", "zensical"],
        capture_output=True,
        text=True,
        env={**ENV, "PYTHONPATH": str(PROJECT_ROOT)},
        cwd=project,
        check=False,
    )
    assert proc.returncode == 1
    assert "Error: --engine zensical needs Zensical, which is not installed" in proc.stderr
    assert "pip install 'incident-playbook[zensical]'" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (project / "site").exists()


def _checklist(page: str, list_id: str) -> dict[str, str]:
    """Item id -> visible text of the checklist `list_id` on a page (exactly one such list)."""
    lists = re.findall(
        rf'<ul class="pb-checklist" data-pb-checklist="{re.escape(list_id)}">(.*?)</ul>', page, re.S
    )
    assert len(lists) == 1, list_id
    items = re.findall(
        r'<li class="pb-check" data-pb-item="([^"]+)"[^>]*>'
        r'.*?<span class="pb-check-text">(.*?)</span>',
        lists[0],
        re.S,
    )
    return {item: _visible(text) for item, text in items}
