"""Every preset of `playbook init --preset`: the shipped source validates with --strict, a new
project from it validates (with one sample-text warning per file, by design) and builds, and its
site shows the structures the preset exists for."""

from __future__ import annotations

import fnmatch
import html
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest
from click.testing import CliRunner

from generator import cli
from generator.cli import main
from generator.layout import PROJECT_ROOT
from generator.scaffold.presets import PRESETS

#: Pages that may name roles other than the preset's own: the authoring reference documents the
#: format with the schemas' examples (`incident-commander` is the example role id there), not the
#: organisation's process.
FORMAT_REFERENCE = "reference/authoring.html"


@dataclass(frozen=True)
class Built:
    preset: str
    project: Path
    init_output: str

    @property
    def site(self) -> Path:
        return self.project / "site"

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")

    def text(self, path: str) -> str:
        """The page's article as a reader sees it: tags, scripts and the navigation left out."""
        page = self.page(path)
        article = page[page.index("<article") : page.index("</article>")]
        article = re.sub(r"<script\b.*?</script>", " ", article, flags=re.S)
        return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article)))

    def data(self, path: str) -> dict:
        found = re.search(
            r'<script type="application/json" id="pb-data">(.*?)</script>', self.page(path), re.S
        )
        assert found, f"{path} has no widget data"
        return json.loads(found.group(1))


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


class Sites:
    """Each preset initialised and built once per test module, on first use."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.built: dict[str, Built] = {}

    def __call__(self, preset: str) -> Built:
        if preset not in self.built:
            project = self.root / preset
            code, out, err = invoke("init", str(project), "--preset", preset)
            assert code == 0, err
            code, _, err = invoke("build", "--config", str(project / "mkdocs.yml"))
            assert code == 0, err
            self.built[preset] = Built(preset, project, out)
        return self.built[preset]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    return Sites(tmp_path_factory.mktemp("presets"))


@pytest.fixture(params=list(PRESETS))
def built(request: pytest.FixtureRequest, sites: Sites) -> Built:
    return sites(request.param)


def test_the_cli_offers_every_preset() -> None:
    assert tuple(PRESETS) == cli.PRESET_NAMES
    assert len(PRESETS) >= 3


@pytest.mark.parametrize("preset", list(PRESETS))
def test_the_shipped_preset_validates_strictly(preset: str) -> None:
    folder = PRESETS[preset].folder
    code, out, err = invoke("validate", "--strict", str(folder))
    assert code == 0, out + err
    assert re.search(r"^0 errors, 0 warnings in \d+ files\n\Z", out, re.M), out


def test_a_new_project_warns_once_per_sample_file(built: Built) -> None:
    playbook = built.project / "playbook"
    files = sorted(path.name for path in playbook.glob("*.yaml"))
    code, out, _ = invoke("validate", str(playbook))
    assert code == 0
    warnings = re.findall(r"^\S+/(\S+?):\d+:\d+: warning\[([a-z-]+)\]", out, re.M)
    assert sorted(warnings) == [(name, "sample-text") for name in files]
    assert out.endswith(f"0 errors, {len(files)} warnings in {len(files)} files\n")
    code, _, err = invoke("validate", "--strict", str(playbook))
    assert code == 1
    assert "failed: --strict treats warnings as errors" in err
    assert f"from the {built.preset} preset" in built.init_output


def test_the_site_is_the_organisations(built: Built) -> None:
    organisation = PRESETS[built.preset].folder / "organisation.yaml"
    name = re.search(r"^name: (.+)$", organisation.read_text(encoding="utf-8"), re.M)
    assert name
    assert html.escape(name.group(1), quote=False) in built.page("index.html")


# --------------------------------------------------------------------------- the lead's title

LEADS = {
    # preset: (the lead's title by severity page, a title that must not appear anywhere)
    "default": (
        {"sev1": "Incident commander", "sev2": "Incident commander", "sev3": "Operations lead"},
        None,
    ),
    "major-incident": (
        {
            "p1": "Incident manager",
            "p2": "Incident manager",
            "p3": "Technical lead",
            "p4": "Technical lead",
            "p5": "Technical lead",
        },
        "commander",
    ),
    "chatops": (
        {
            "sev1": "Incident coordinator",
            "sev2": "Incident coordinator",
            "sev3": "On-call engineer",
            "sev4": "On-call engineer",
        },
        "commander",
    ),
}


def test_every_level_names_its_own_lead(built: Built) -> None:
    leads, _ = LEADS[built.preset]
    for severity, title in leads.items():
        assert f"Leads: {title} " in built.text(f"severities/{severity}.html") + " ", severity
    tree_page = built.site / "respond" / "decide-severity.html"
    if built.preset == "major-incident":  # no decision tree: the severity table is the way in
        assert not tree_page.exists()
        return
    facts = {
        s["id"]: {f["term"]: f["text"] for f in s["facts"]}
        for s in built.data("respond/decide-severity.html")["severities"]
    }
    for severity, title in leads.items():
        assert facts[severity]["Lead"].startswith(title), severity


@pytest.mark.parametrize("preset", [p for p, (_, banned) in LEADS.items() if banned])
def test_no_page_names_a_lead_the_preset_does_not_have(sites: Sites, preset: str) -> None:
    built = sites(preset)
    leads, banned = LEADS[preset]
    assert banned
    pages = sorted(p.relative_to(built.site).as_posix() for p in built.site.rglob("*.html"))
    checked = [p for p in pages if p not in (FORMAT_REFERENCE, "404.html")]
    assert len(checked) > 20
    for path in checked:
        assert banned not in built.text(path).lower(), path
    for path in ("index.html", "severities/index.html", "respond/pocket-card.html"):
        text = built.text(path)
        assert all(title in text for title in set(leads.values())), path


# --------------------------------------------------------------------------- major-incident


def test_the_major_incident_line(sites: Sites) -> None:
    site = sites("major-incident")
    line = '<p class="pb-group-line"><strong>Major incident:</strong> P1, P2. '
    for severity in ("p1", "p2"):
        assert line in site.page(f"severities/{severity}.html"), severity
    for severity in ("p3", "p4", "p5"):
        assert "pb-group-line" not in site.page(f"severities/{severity}.html"), severity
    overview = site.text("severities/index.html")
    assert "Group Major incident Major incident \u2013 \u2013 \u2013" in overview
    assert overview.index("Major incident: P1, P2.") < overview.index("P1 Critical")


def test_major_incident_tasks_name_the_line(sites: Sites) -> None:
    text = sites("major-incident").text("phases/assess.html")
    assert (
        "Name the deputy, the merchant liaison and the technical lead on the bridge."
        " Owner: IM · Major incident (P1, P2)" in text
    )
    assert (
        "Open the incident timeline and record when the problem started. Owner: Scribe · P1" in text
    )


def test_the_scoping_update_and_the_long_incident_without_interval(sites: Sites) -> None:
    merchants = sites("major-incident").text("severities/p1.html")
    assert (
        "First update within 15 minutes of the incident being declared; Scoping update within"
        " 30 minutes of the previous message; then every 30 minutes" in merchants
    )
    assert (
        "after 4 hours: at the incident manager's discretion, not more often than every hour"
        in (merchants)
    )


def test_the_deputy_and_the_liaison(sites: Sites) -> None:
    site = sites("major-incident")
    roles = site.text("roles/index.html")
    assert "Deputy incident manager" in roles and "Merchant liaison" in roles
    p1 = site.text("severities/p1.html")
    assert "Deputy incident manager (DIM)" in p1 and "Merchant liaison (ML)" in p1
    assert "Deputy incident manager" not in site.text("severities/p3.html")


# --------------------------------------------------------------------------- chatops


def test_the_escalation_chain(sites: Sites) -> None:
    page = sites("chatops").page("severities/sev1.html")
    chain = page[page.index('<h3 id="who-is-paged">') : page.index('<h3 id="what-to-do">')]
    steps = re.findall(r"<li>(.*?)</li>", chain, re.S)
    assert len(steps) == 4
    assert "Incident coordinator on duty" in steps[0] and "No acknowledgement" not in steps[0]
    assert 'data-copy="/inc page coordinator"' in steps[0]
    for step in steps[1:3]:
        assert step.endswith(". No acknowledgement within 15 minutes: the next step")
    assert "<code>/inc escalate</code>" in steps[2]
    assert 'data-copy="/inc escalate"' in steps[2]
    assert '<a href="tel:+16135550142">+1 613 555 0142</a>' in steps[3]
    assert "No acknowledgement" not in steps[3]  # the chain ends here
    sev3 = sites("chatops").text("severities/sev3.html")
    assert "No acknowledgement" not in sev3


def test_levels_without_names(sites: Sites) -> None:
    site = sites("chatops")
    for n in range(1, 5):
        heading = re.search(r"<h1[^>]*>(.*?)<", site.page(f"severities/sev{n}.html"))
        assert heading and heading.group(1).strip() == f"Sev {n}"


def test_cadence_by_stage_on_the_severity_page(sites: Sites) -> None:
    text = sites("chatops").text("severities/sev1.html")
    assert (
        "(every 10 minutes while the status is Investigating, every 20 minutes while the status"
        " is Identified, every 30 minutes while the status is Monitoring)" in text
    )


def test_the_security_type_is_reachable_from_the_tree_and_the_home_page(sites: Sites) -> None:
    site = sites("chatops")
    data = site.data("respond/decide-severity.html")
    answers = [a for node in data["decision-tree"]["nodes"] for a in node["answers"]]
    security = [a for a in answers if a.get("type") == "security"]
    assert security and security[0]["severity"] == "sev1"
    assert {t["id"]: t["name"] for t in data["types"]} == {"security": "Security incident"}
    home = site.page("index.html")
    assert (
        '<a class="pb-action pb-action-type" href="types/security.html">Security incident</a>'
        in home
    )
    page = site.text("types/security.html")
    assert "Leads: Security lead" in page
    assert "Private security channel (private)" in page
    assert "Take snapshots and copy the logs of affected systems" in page
    ordinary = site.text("phases/mitigate.html")
    assert "Security incident" in ordinary  # the type's tasks are marked as such on the phase


def test_chat_commands_have_copy_buttons(sites: Sites) -> None:
    page = sites("chatops").page("severities/sev2.html")
    assert (
        '<code>/inc escalate</code> <button type="button" class="pb-copy" data-copy="/inc escalate"'
        in page
    )


def test_init_lists_every_fictional_number(built: Built) -> None:
    """Every phone number in a preset is fictional; init names each one for the team to replace."""
    numbers = set()
    for path in (built.project / "playbook").glob("*.yaml"):
        numbers |= set(re.findall(r"tel:\+\d+", path.read_text(encoding="utf-8")))
    assert numbers
    for number in numbers:
        assert f"{number} (a fictional phone number)" in built.init_output, number


def test_optional_parts_left_out_still_validate_and_build(sites: Sites) -> None:
    """The major-incident preset has no decision tree and a level without an acknowledgement
    time, and its links are tel: links; it validated with --strict above and built here."""
    site = sites("major-incident")
    playbook = site.project / "playbook"
    assert not (playbook / "decision-tree.yaml").exists()
    p5 = site.text("severities/p5.html")
    assert "Acknowledge" not in p5
    assert "tel:+442079460500" in site.page("communication/index.html")


def test_the_wheel_ships_every_preset() -> None:
    """`pip install incident-playbook` must carry the presets: pyproject's package data matches
    every preset file."""
    pyproject = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["generator.scaffold"]
    scaffold = PROJECT_ROOT / "generator" / "scaffold"
    for preset in PRESETS.values():
        if preset.name == "default":
            continue  # shipped as generator.resources.playbook
        for path in preset.folder.rglob("*.yaml"):
            relative = PurePosixPath(path.relative_to(scaffold).as_posix())
            assert any(fnmatch.fnmatch(str(relative), p) for p in patterns), relative
