"""Which pages the site has, and rendering them all in a stable order.

`render_site` is the whole renderer: a typed model (plus the merged document for the data files)
in, a list of `RenderedFile`s out. MkDocs, the CLI's `render --out` and the tests all use it.
"""

from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from jinja2 import Environment, TemplateError, TemplateSyntaxError

from generator.confine import outside_links
from generator.confine import site_path as confined_site_path
from generator.findings import BuildError
from generator.i18n import gettext as _
from generator.layout import PAGES_DIR, ROOT_SCHEMA, SCHEMA_DIR
from generator.model import Playbook, Severity
from generator.render.addresses import relative_url
from generator.render.authoring import authoring_reference, rule_table
from generator.render.environment import make_environment
from generator.render.flowchart import flowchart_svg
from generator.render.view import PlaybookView
from generator.render.widget_data import composer_data, tree_data
from generator.wording import capital

#: Where the organisation's own pages are published.
GUIDES = "guides"
#: The incident summary template, published as a download: Markdown text, but not named `.md`,
#: or an engine would build it into a page.
SUMMARY_DOWNLOAD = "downloads/incident-summary-template.txt"
#: Search ranking (Material's front matter `search.boost`): level pages up, author material down.
SEVERITY_BOOST = 2
AUTHOR_BOOST = 0.3
#: The whole built site as a zip (written by `generator.site_build` after the engine's build).
OFFLINE_ZIP = "downloads/playbook-offline.zip"
#: The merged, validated document, for bots and other tools.
DATA_FILE = "playbook.json"
#: Where the schemas are published, so tools can check `playbook.json` (the root schema) offline.
SCHEMA_FOLDER = "schema"


@dataclass(frozen=True)
class RenderedFile:
    """One output file: a path relative to the site's docs root and its content."""

    path: str
    content: str | bytes


@dataclass(frozen=True)
class PageSpec:
    """A generated page: where it goes, which template renders it, its titles."""

    path: str
    template: str
    title: str  # the page's heading
    nav: str  # its label in the navigation
    section: str
    context: Mapping[str, Any] = field(default_factory=dict)


def build_date_from_env() -> date:
    """The build date: `SOURCE_DATE_EPOCH` when set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return datetime.now(tz=timezone.utc).date()


def page_specs(model: Playbook) -> list[PageSpec]:
    """Every generated page, in navigation order, titled in the language being rendered."""
    terms = model.organisation.terminology
    sev = capital(terms.severity_word)
    respond, levels = _("Respond now"), _("%(severity)s levels") % {"severity": sev}
    roles, phases = _("Roles"), _("Phases")
    comms, ref = _("Communication"), _("Reference")
    home = _("%(org)s incident playbook") % {"org": model.organisation.name}
    specs = [PageSpec("index.md", "home.md.j2", home, _("Start here"), respond)]
    if model.decision_tree is not None:  # without a tree, "decide" leads to the comparison
        decide = _("Decide the %(severity)s") % {"severity": terms.severity_word}
        specs.append(
            PageSpec("respond/decide-severity.md", "decide-severity.md.j2", decide, decide, respond)
        )
    update, card = _("Write a status update"), _("Pocket card")
    specs += [
        PageSpec("respond/status-update.md", "status-update.md.j2", update, update, respond),
        PageSpec("respond/pocket-card.md", "pocket-card.md.j2", card, card, respond),
        PageSpec("severities/index.md", "severities.md.j2", levels, _("Compare levels"), levels),
    ]
    for s in model.severities:
        specs.append(
            PageSpec(
                f"severities/{s.id}.md",
                "severity.md.j2",
                severity_title(s),
                severity_title(s),
                levels,
                # With the aliases on the page, "sev1" finds this page first.
                {"severity": s, "search_boost": SEVERITY_BOOST},
            )
        )
    if model.incident_types:
        kinds = _("%(incident)s types") % {"incident": capital(terms.incident_word)}
        for t in model.incident_types:
            specs.append(
                PageSpec(
                    f"types/{t.id}.md", "incident-type.md.j2", t.name, t.name, kinds, {"kind": t}
                )
            )
    specs.append(
        PageSpec("roles/index.md", "roles.md.j2", _("Incident roles"), _("All roles"), roles)
    )
    for r in model.roles:
        specs.append(PageSpec(f"roles/{r.id}.md", "role.md.j2", r.name, r.name, roles, {"role": r}))
    specs.append(
        PageSpec(
            "phases/index.md", "phases.md.j2", _("From alert to closure"), _("Workflow"), phases
        )
    )
    for p in model.phases:
        specs.append(
            PageSpec(f"phases/{p.id}.md", "phase.md.j2", p.name, p.name, phases, {"phase": p})
        )
    specs += [
        PageSpec(
            "communication/index.md",
            "communication.md.j2",
            _("Communication"),
            _("Audiences and cadence"),
            comms,
        ),
        PageSpec(
            "communication/status-templates.md",
            "status-templates.md.j2",
            _("Status update templates"),
            _("Status templates"),
            comms,
        ),
        PageSpec(
            "reference/decisions.md",
            "decisions.md.j2",
            _("Decisions and rubrics"),
            _("Decisions"),
            ref,
        ),
        PageSpec(
            "reference/mitigation.md", "mitigation.md.j2", _("Mitigation"), _("Mitigation"), ref
        ),
        PageSpec(
            "reference/failure-patterns.md",
            "failure-patterns.md.j2",
            _("Failure patterns"),
            _("Failure patterns"),
            ref,
        ),
        PageSpec("reference/on-call.md", "on-call.md.j2", _("On-call"), _("On-call"), ref),
        PageSpec(
            "reference/after-the-incident.md",
            "after-the-incident.md.j2",
            _("After the incident"),
            _("After the incident"),
            ref,
        ),
        PageSpec(
            "reference/incident-summary.md",
            "incident-summary.md.j2",
            _("Incident summary template"),
            _("Incident summary"),
            ref,
        ),
        PageSpec(
            "reference/authoring.md",
            "authoring.md.j2",
            _("Authoring reference"),
            _("Authoring reference"),
            _("For authors"),
            # Below every responder page in search: "rollback" must not open the reference.
            {
                "authoring": authoring_reference(),
                "rules": rule_table(),
                "search_boost": AUTHOR_BOOST,
            },
        ),
    ]
    return specs


def guide_files(pages_dir: Path | str | None) -> list[tuple[str, Path]]:
    """The organisation's own files as (site path under `guides/`, source), sorted; no dotfiles."""
    if pages_dir is None or not Path(pages_dir).is_dir():
        return []
    root = Path(pages_dir)
    escaping = outside_links(root)  # a link leading out would publish a file from elsewhere
    if escaping:
        raise BuildError(f"{escaping[0][0]} is a symbolic link to {escaping[0][1]}, outside {root}")
    found = []
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            found.append((f"{GUIDES}/{rel.as_posix()}", path))
    return sorted(found)


def site_nav(model: Playbook, pages_dir: Path | str | None = None) -> list[dict[str, Any]]:
    """The navigation in MkDocs' `nav` shape: one section per concern, guides last."""
    sections: dict[str, list[Any]] = {}
    for spec in page_specs(model):
        sections.setdefault(nav_title(spec.section), []).append({nav_title(spec.nav): spec.path})
    guides: dict[str, Any] = {}
    for site_path, _source in guide_files(pages_dir):
        if not site_path.endswith(".md"):
            continue
        folders = site_path.split("/")[1:-1]
        level = guides
        for folder in folders:
            level = level.setdefault(_folder_title(folder), {})
        level.setdefault("", []).append(site_path)
    nav: list[dict[str, Any]] = [{title: items} for title, items in sections.items()]
    if guides:
        nav.append({_("Guides"): _nav_items(guides)})
    return nav


def nav_title(text: str) -> str:
    """A navigation label without HTML specials. MkDocs themes print titles unescaped in some
    places and strip-then-unescape them in `<title>`, so neither raw nor escaped text is safe
    there; YAML text in the navigation shows `<`, `>` and `&` as look-alikes instead."""
    return " ".join(text.split()).translate(_NAV_LOOKALIKES)


_NAV_LOOKALIKES = str.maketrans({"<": "\u2039", ">": "\u203a", "&": "\uff06", '"': "\u201d"})


def _nav_items(level: dict[str, Any]) -> list[Any]:
    # Pages of a folder first (index.md first of all, so it can be the section page), then folders.
    pages = sorted(level.get("", []), key=lambda p: (not p.endswith("/index.md"), p))
    folders = [{title: _nav_items(sub)} for title, sub in sorted(level.items()) if title]
    return [*pages, *folders]


def _folder_title(folder: str) -> str:
    return nav_title(capital(folder.replace("-", " ").replace("_", " ")))


def render_site(
    model: Playbook,
    document: Mapping[str, Any],
    *,
    templates_dir: Path | str | None = None,
    pages_dir: Path | str | None = None,
    build_date: date,
    html_links: str = "html",
) -> list[RenderedFile]:
    """Every file of the site's docs root, in a stable order: pages, data, download, guides.

    `html_links` is how links in raw HTML (the flowchart, the tree outline, the offline zip)
    address pages: a style of `generator.render.addresses` (html, directory or source)."""
    specs = page_specs(model)
    for spec in specs:  # ids the schema did not check (a model built by hand) must not escape
        confined_site_path(spec.path)
    env = make_environment(templates_dir)
    view = PlaybookView(model, today=build_date)  # review freshness is measured on this day
    common = {
        "pb": model,
        "v": view,
        "org": model.organisation,
        "terms": model.organisation.terminology,
        "version": model.organisation.playbook_version,
        "build_date": build_date.isoformat(),
        "summary_download": SUMMARY_DOWNLOAD,
        "offline_zip": OFFLINE_ZIP,
        "data_file": DATA_FILE,
        "data_schema": f"{SCHEMA_FOLDER}/{ROOT_SCHEMA}",
    }
    out: list[RenderedFile] = []
    for spec in specs:
        context = {
            **common,
            **spec.context,
            "title": spec.title,
            "page_path": spec.path,
            "link": _linker(spec.path),
            "href": _linker(spec.path, html=html_links),
        }
        if spec.template == "decide-severity.md.j2":
            context["tree_data"] = tree_data(model)
            context["flowchart"] = flowchart_svg(model, href=context["href"])
        if spec.template == "status-update.md.j2":
            context["composer_data"] = composer_data(model)
        out.append(RenderedFile(spec.path, _render(env, spec.template, context)))
    out.append(RenderedFile(DATA_FILE, json.dumps(document, indent=2, sort_keys=True) + "\n"))
    for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
        out.append(RenderedFile(f"{SCHEMA_FOLDER}/{schema.name}", schema.read_bytes()))
    download_context = {**common, "title": _("Incident summary"), "page_path": SUMMARY_DOWNLOAD}
    download_context["link"] = _linker(SUMMARY_DOWNLOAD)
    download_context["href"] = _linker(SUMMARY_DOWNLOAD, html=html_links)
    out.append(
        RenderedFile(
            SUMMARY_DOWNLOAD, _render(env, "incident-summary-template.md.j2", download_context)
        )
    )
    for site_path, source in guide_files(pages_dir):
        data = source.read_bytes()
        if site_path.endswith(".md"):
            out.append(RenderedFile(site_path, data.decode("utf-8-sig").replace("\r\n", "\n")))
        else:
            out.append(RenderedFile(site_path, data))
    for file in out:
        confined_site_path(file.path)
    return out


def default_pages_dir(playbook_dir: Path | str) -> Path:
    return Path(playbook_dir) / PAGES_DIR


def _render(env: Environment, template: str, context: Mapping[str, Any]) -> str:
    try:
        text = env.get_template(template).render(context)
    except TemplateError as error:
        raise BuildError(f"{_where(error, template)}: {error.message or error}") from error
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(_squeeze_blank(lines)) + "\n"


def _where(error: TemplateError, template: str) -> str:
    """`path/to/template.md.j2:LINE` of a template error, from Jinja's rewritten traceback."""
    if isinstance(error, TemplateSyntaxError) and error.filename:
        return f"{error.filename}:{error.lineno}"
    where = template
    trace = error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            where = f"{filename}:{trace.tb_lineno}"
        trace = trace.tb_next
    return where


def _squeeze_blank(lines: list[str]) -> list[str]:
    """At most one blank line in a row, so template whitespace does not leak into the pages."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return out


def severity_title(severity: Severity) -> str:
    """A level's title: "SEV-1 Critical", or "SEV-1" for a level without a name. A name still in
    the source language (a `FallbackText` of a translated model) keeps that mark on the title,
    so the page's heading says which language it is in."""
    title = f"{severity.label} {severity.name}".strip()
    marked = [text for text in (severity.name, severity.label) if type(text) is not str]
    return type(marked[0])(title) if marked else title


def _linker(from_path: str, *, html: str | None = None):  # type: ignore[no-untyped-def]
    """A function giving the relative address of another site path from this page: the `.md`
    source for Markdown links (the engine rewrites them); for raw HTML, `html` names the address
    style (`generator.render.addresses`)."""
    base = posixpath.dirname(from_path)

    def link(to_path: str) -> str:
        if html:
            return relative_url(from_path, to_path, style=html)
        return posixpath.relpath(to_path, base or ".")

    return link
