"""What responders read on the pages of a format-2 playbook: the default one and small variants.

Each variant copies the default playbook, changes one thing in its YAML, renders the site and
reads the pages as Markdown and, where links or escaping matter, as the HTML Python-Markdown
makes of them with the extensions of mkdocs.yml.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from generator.layout import DEFAULT_PLAYBOOK_DIR, PAGES_DIR, TEMPLATES_DIR
from generator.pipeline import validate_playbook
from generator.render import render_site

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details"]
Pages = dict[str, str]


def render(playbook_dir: Path) -> Pages:
    result = validate_playbook(playbook_dir)
    assert result.ok, [str(f) for f in result.findings]
    assert result.model is not None and result.document is not None
    files = render_site(
        result.model,
        result.document,
        pages_dir=playbook_dir / PAGES_DIR,
        build_date=date(2026, 11, 30),
    )
    return {f.path: f.content for f in files if isinstance(f.content, str)}


def html(page: str) -> str:
    """The page body as HTML (front matter dropped, as the engines do)."""
    body = re.sub(r"\A---\n.*?\n---\n", "", page, flags=re.S)
    return markdown.markdown(body, extensions=EXTENSIONS)


def visible(page: str) -> str:
    """The text a reader sees, whitespace collapsed."""
    text = re.sub(r"<script.*?</script>", "", html(page), flags=re.S)
    text = re.sub(r"</?(a|strong|em|code|span|label|button)\b[^>]*>", "", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").split())


@pytest.fixture(scope="module")
def default_pages() -> Pages:
    return render(DEFAULT_PLAYBOOK_DIR)


@pytest.fixture
def variant(tmp_path: Path) -> Callable[..., Pages]:
    """Render a copy of the default playbook after `edit(data)` on one of its files."""
    target = tmp_path / "playbook"
    # The variants change the English source; its translations are checked elsewhere.
    shutil.copytree(DEFAULT_PLAYBOOK_DIR, target, ignore=shutil.ignore_patterns("translations"))

    def make(**edits: Callable[[dict[str, Any]], Any]) -> Pages:
        for name, edit in edits.items():
            path = target / f"{name.replace('_', '-')}.yaml"
            if edit is None:
                path.unlink()
                continue
            data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
            edit(data)
            path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        return render(target)

    return make


def level(data: dict[str, Any], severity_id: str) -> dict[str, Any]:
    return next(s for s in data["severities"] if s["id"] == severity_id)


def role_of(data: dict[str, Any], role_id: str) -> dict[str, Any]:
    return next(r for r in data["roles"] if r["id"] == role_id)


# --------------------------------------------------------------------------- the default playbook


def test_no_template_prints_a_fixed_incident_commander() -> None:
    for template in sorted(TEMPLATES_DIR.glob("*.md.j2")):
        if template.name == "authoring.md.j2":
            continue  # the authoring reference describes the YAML, not a playbook
        text = template.read_text(encoding="utf-8").lower()
        assert "incident commander" not in text, template.name
        assert "commander" not in text, template.name


def test_each_level_names_the_role_that_leads_it(default_pages: Pages) -> None:
    sev1 = visible(default_pages["severities/sev1.md"])
    sev3 = visible(default_pages["severities/sev3.md"])
    assert "Leads: Incident commander, assigned within 10 minutes" in sev1
    assert "Leads: Operations lead" in sev3
    home = visible(default_pages["index.md"])
    assert "SEV-3 Minor: Operations lead leads; acknowledge within 1 hour" in home


def test_the_role_page_opens_with_its_tasks_by_phase(default_pages: Pages) -> None:
    page = default_pages["roles/incident-commander.md"]
    first_check = page.index('class="pb-check"')
    assert first_check < page.index("## Responsibilities")
    assert first_check < page.index("**Typical holder:**")
    assert page.index("## Checklist") < page.index("### [Detection]") < page.index("### [Triage]")
    # The same task, the same id on the role page and on the phase page.
    task = 'data-pb-item="set-severity" data-pb-task="triage/set-severity"'
    assert task in page
    assert task in default_pages["phases/triage.md"]
    # Only the role's own tasks: the phase pages name the owner, the role page needs not.
    role_tasks = set(re.findall(r'data-pb-task="([^"]+)"', page))
    phase_pages = "".join(p for path, p in default_pages.items() if path.startswith("phases/"))
    owned = set(re.findall(r'data-pb-task="([^"]+)"[^\n]*Owner: IC\b', phase_pages))
    assert role_tasks == owned and len(owned) > 5
    assert 'pb-check-meta">Owner:' not in page


def test_the_group_is_drawn_as_its_line(default_pages: Pages) -> None:
    for path in ("severities/sev1.md", "severities/index.md", "respond/pocket-card.md"):
        assert "Major incident: SEV-1, SEV-2" in visible(default_pages[path]), path
    assert "Major incident" not in visible(default_pages["severities/sev3.md"])


def test_the_escalation_chain_is_on_the_level_page_and_the_pocket_card(
    default_pages: Pages,
) -> None:
    sev1 = visible(default_pages["severities/sev1.md"])
    assert (
        "Primary on-call of the affected service (rotation): page, high urgency. "
        "No acknowledgement within 5 minutes: the next step"
    ) in sev1
    card = visible(default_pages["respond/pocket-card.md"])
    assert (
        "Page 2: Secondary on-call of the affected service (rotation): page, high urgency" in card
    )


def test_severity_pages_carry_search_aliases_and_their_summary_first(default_pages: Pages) -> None:
    page = default_pages["severities/sev1.md"]
    assert page.startswith("---\nsearch:\n  boost: 2\n---\n")
    assert "Also found as: sev1 · SEV1 · sev 1 · s1" in visible(page)
    assert page.index('class="pb-aliases"') < page.index("\n## ")  # the page's first section
    first_paragraph = re.search(r"<p[^>]*>(.*?)</p>", html(page), flags=re.S)
    assert first_paragraph is not None
    assert first_paragraph.group(1).startswith("The core product is down")


POLICY_SENTENCES = [
    "even when nothing has changed",
    "take the more severe",
    "of declaring",
    "not required",
    "ask again whenever",
    "a lower level just needs fewer people",
]


def test_no_template_states_policy_of_its_own() -> None:
    for template in sorted(TEMPLATES_DIR.glob("*.md.j2")):
        text = " ".join(template.read_text(encoding="utf-8").lower().split())
        for sentence in POLICY_SENTENCES:
            assert sentence not in text, (template.name, sentence)


def test_an_absent_value_is_never_worded_as_not_required(default_pages: Pages) -> None:
    text = " ".join(visible(p) for path, p in default_pages.items() if path.endswith(".md"))
    assert "not required" not in text.lower()
    assert "No scheduled updates" in text  # `every: none` in the YAML is worded, not dropped


def test_the_home_page_offers_the_offline_zip_and_the_pocket_card_too(
    default_pages: Pages,
) -> None:
    for path, href in (
        ("index.md", "downloads/playbook-offline.zip"),
        ("respond/pocket-card.md", "../downloads/playbook-offline.zip"),
    ):
        assert f'<a href="{href}" download>' in html(default_pages[path]), path


# --------------------------------------------------------------------------- variants


def test_a_level_without_acknowledge_within_prints_no_acknowledgement(
    variant: Callable[..., Pages],
) -> None:
    def drop(data: dict[str, Any]) -> None:
        del level(data, "sev3")["response"]["acknowledge_within"]

    pages = variant(severities=drop)
    sev3 = visible(pages["severities/sev3.md"])
    assert "Acknowledge" not in sev3
    assert "acknowledge" not in visible(pages["index.md"]).split("SEV-3 Minor")[1].split("SEV-4")[0]
    assert "SEV-3" not in visible(pages["reference/on-call.md"]).split("by level:")[1]
    card = visible(pages["respond/pocket-card.md"])
    assert "Acknowledge: within 1 hour" not in card


def test_a_tel_link_and_a_chat_command_get_links_and_copy_buttons(
    variant: Callable[..., Pages],
) -> None:
    def chain(data: dict[str, Any]) -> None:
        level(data, "sev2")["response"]["page"] = [
            {"who": "Duty manager", "how": "chat-command", "command": '!ic page "<duty>"'},
            {"who": "Bridge", "how": "phone", "phone": "+1 555 0100", "pin": "4321"},
            {"who": "Security desk", "how": "email", "link": "mailto:sec@example.org"},
        ]

    pages = variant(severities=chain)
    text = visible(pages["severities/sev2.md"])
    assert 'Duty manager: chat command !ic page "<duty>" Copy' in text
    assert "Bridge: phone +1 555 0100 Copy, PIN 4321 Copy" in text
    page = html(pages["severities/sev2.md"])
    assert '<code>!ic page "&lt;duty&gt;"</code>' in page
    assert 'data-copy="!ic page &#34;&lt;duty&gt;&#34;"' in page
    assert '<a href="tel:+15550100">+1 555 0100</a>' in page
    assert 'data-copy="4321"' in page and "PIN <code>4321</code>" in page
    assert '<a href="mailto:sec@example.org">sec@example.org</a>' in page
    assert '<button type="button" class="pb-copy" data-copy="+1 555 0100"' in html(
        pages["respond/pocket-card.md"]
    )


def test_a_channel_link_may_be_tel(variant: Callable[..., Pages]) -> None:
    def tel(data: dict[str, Any]) -> None:
        data["channels"][0]["link"] = "tel:+15550199"

    pages = variant(communication=tel)
    assert '<a href="tel:+15550199">' in html(pages["communication/index.md"])
    assert '<a class="pb-action pb-action-join" href="tel:+15550199">' in html(pages["index.md"])


def test_without_a_decision_tree_decide_leads_to_the_severity_table(
    variant: Callable[..., Pages],
) -> None:
    pages = variant(decision_tree=None)
    assert "respond/decide-severity.md" not in pages
    home = html(pages["index.md"])
    assert 'href="severities/index.md">Decide the severity</a>' in home
    assert "Decide the severity" not in visible(pages["severities/index.md"])
    assert "Torn between" not in visible(pages["respond/pocket-card.md"])


def test_html_in_yaml_is_escaped_and_inline_markdown_rendered(
    variant: Callable[..., Pages],
) -> None:
    def hostile(data: dict[str, Any]) -> None:
        sev1 = level(data, "sev1")
        sev1["summary"] = "<script>alert(1)</script> see [runbook](https://wiki.example/r) `x|y`"
        sev1["examples"] = ["[A past outage](guides/customer-support.md)", "[bad](javascript:x)"]

    pages = variant(severities=hostile)
    page = html(pages["severities/sev1.md"])
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<a href="https://wiki.example/r">runbook</a> <code>x|y</code>' in page
    assert '<a href="../guides/customer-support.md">A past outage</a>' in page
    assert "javascript" not in page and "<li>bad</li>" in page


def test_absent_optional_fields_leave_no_heading(variant: Callable[..., Pages]) -> None:
    def bare_level(data: dict[str, Any]) -> None:
        sev4 = level(data, "sev4")
        sev4.pop("examples", None)
        sev4.pop("name", None)
        sev4["response"] = {}

    def bare_role(data: dict[str, Any]) -> None:
        scribe = role_of(data, "scribe")
        for key in ("not_their_job", "typical_holder", "takes_off_others", "short"):
            scribe.pop(key, None)

    pages = variant(severities=bare_level, roles=bare_role)
    sev4 = pages["severities/sev4.md"]
    assert sev4.splitlines()[4] == "# SEV-4"
    assert "## Examples" not in sev4
    assert "Who is paged" not in sev4 and "War room" not in sev4 and "Executives" not in sev4
    assert "Public communication" not in sev4 and "## Roles to staff" not in sev4
    scribe = pages["roles/scribe.md"]
    assert "## Not their job" not in scribe and "Typical holder" not in scribe
    assert "Short name" not in scribe
    table = visible(pages["severities/index.md"])
    assert "SEV-4" in table and "Not required" not in table


def test_an_incident_type_has_its_page_reached_from_home_and_tree(
    variant: Callable[..., Pages],
) -> None:
    def types(data: dict[str, Any]) -> None:
        data["types"] = [
            {
                "id": "security",
                "name": "Security incident",
                "summary": "Someone may be in our systems.",
                "lead": "operations-lead",
                "roles": ["operations-lead", "scribe"],
                "channels": ["war-room"],
                "severities": ["major"],
                "public_communication": {"when": "lead-decides"},
                "actions": ["Keep evidence: no reboots before a snapshot."],
            }
        ]

    def tree(data: dict[str, Any]) -> None:
        data["nodes"][0]["answers"][0]["type"] = "security"

    def item(data: dict[str, Any]) -> None:
        data["phases"][0]["checklist"].append(
            {
                "id": "snapshot",
                "text": "Snapshot the host before anything else.",
                "types": ["security"],
            }
        )

    pages = variant(incident_types=types, decision_tree=tree, phases=item)
    page = visible(pages["types/security.md"])
    assert page.startswith("Security incident Someone may be in our systems.")
    assert "Leads: Operations lead" in page
    assert "Roles: Operations lead, Scribe" in page
    assert "Severity: SEV-1 Critical, SEV-2 Major" in page
    assert "Public communication: The operations lead decides" in page
    assert "Keep evidence: no reboots before a snapshot." in page
    assert "Incident types: Security incident" in visible(pages["severities/sev2.md"])
    assert "Incident types" not in visible(pages["severities/sev3.md"])
    assert 'data-pb-task="detection/snapshot"' in pages["types/security.md"]
    assert '<a class="pb-action pb-action-type" href="types/security.md">Security incident</a>' in (
        html(pages["index.md"])
    )
    decide = pages["respond/decide-severity.md"]
    assert 'href="../types/security.html" class="pb-tree-type">Security incident</a>' in decide
    assert re.search(r"<text [^>]*>SEV-1 Critical, Security</text>", decide)  # the flowchart


def test_cadence_by_stage_and_long_incident_words_come_from_the_model(
    variant: Callable[..., Pages],
) -> None:
    def cadence(data: dict[str, Any]) -> None:
        data["cadence"]["sev1"]["customers"] = {
            "first_update": {"within": "5m", "from": "response-started"},
            "follow_ups": [{"name": "Scoping update", "within": "5m"}],
            "by_stage": {"investigating": "10m", "monitoring": "30m"},
            "long_incident": {"after": "4h", "not_before": "30m"},
        }

    pages = variant(communication=cadence)
    text = visible(pages["communication/index.md"])
    assert "First update within 5 minutes of the response starting" in text
    assert "Scoping update within 5 minutes of the previous message" in text
    assert "every 10 minutes while the status is Investigating" in text
    assert "after 4 hours: at the incident commander's discretion" in text
    assert "not more often than every 30 minutes" in text


def test_channels_limited_to_levels_and_standing_roles(variant: Callable[..., Pages]) -> None:
    def only_sev1(data: dict[str, Any]) -> None:
        bridge = next(c for c in data["channels"] if c["id"] == "war-room")
        bridge["severities"] = ["sev1"]

    def standing(data: dict[str, Any]) -> None:
        scribe = role_of(data, "scribe")
        scribe["staffing"] = "standing"
        scribe["owns_updates_for"] = ["internal"]

    pages = variant(communication=only_sev1, roles=standing)
    assert "Incident team (Incident chat channel, Incident video bridge)" in visible(
        pages["severities/sev1.md"]
    )
    assert "Incident team (Incident chat channel):" in visible(pages["severities/sev2.md"])
    scribe = visible(pages["roles/scribe.md"])
    assert "Staffing: a standing role, held outside any one incident" in scribe
    assert "Staffed at" not in scribe
    assert "Owns the updates for: Incident team" in scribe
    assert "Updates written by: Communications lead, Scribe" in visible(
        pages["communication/index.md"]
    )
    assert "Scribe (standing)" in visible(pages["roles/index.md"])


def test_a_tree_without_tie_break_prints_no_tip(variant: Callable[..., Pages]) -> None:
    def no_tie_break(data: dict[str, Any]) -> None:
        del data["tie_break"]

    pages = variant(decision_tree=no_tie_break)
    assert "When in doubt" not in pages["respond/decide-severity.md"]
    assert "Torn between" not in visible(pages["severities/index.md"])
    assert "Torn between" in visible(render(DEFAULT_PLAYBOOK_DIR)["severities/index.md"])


def test_priority_terminology_adds_the_p_alias(variant: Callable[..., Pages]) -> None:
    def priority(data: dict[str, Any]) -> None:
        data.setdefault("terminology", {})["severity_word"] = "priority"

    pages = variant(organisation=priority)
    assert "Also found as: sev2 · SEV2 · sev 2 · s2 · p2" in visible(pages["severities/sev2.md"])


def test_raw_html_links_follow_the_engines_address_style() -> None:
    result = validate_playbook(DEFAULT_PLAYBOOK_DIR)
    assert result.model is not None and result.document is not None
    files = render_site(
        result.model, result.document, build_date=date(2026, 11, 30), html_links="directory"
    )
    pages = {f.path: f.content for f in files if isinstance(f.content, str)}
    decide = pages["respond/decide-severity.md"]
    assert 'href="../../severities/sev1/"' in decide  # tree outline and flowchart
    assert 'href="../../downloads/playbook-offline.zip"' in pages["respond/pocket-card.md"]
    # Markdown links stay on the .md source, for the engine to rewrite.
    assert "](../severities/sev1.md)" in pages["respond/pocket-card.md"]


def test_rubrics_and_after_incident_steps_limited_to_levels(variant: Callable[..., Pages]) -> None:
    def rubric(data: dict[str, Any]) -> None:
        data["rubrics"][0]["severities"] = ["major"]

    def step(data: dict[str, Any]) -> None:
        data["after_incident"][0]["severities"] = ["sev1"]

    pages = variant(rubrics=rubric, guidance=step)
    assert "Applies at: Major incident (SEV-1, SEV-2)" in visible(pages["reference/decisions.md"])
    first_step = next(
        line for line in pages["reference/after-the-incident.md"].splitlines() if line[:3] == "1. "
    )
    assert "SEV-1 only)" in first_step


def _without_groups_and_types(value: Any) -> None:
    """Every "major" (the group) spelt as its levels, every `types` key removed, in place."""
    if isinstance(value, dict):
        value.pop("types", None) if "types" in value and "id" in value else None
        for key, inner in value.items():
            if isinstance(inner, list) and "major" in inner:
                value[key] = [s for s in inner if s != "major"] + ["sev1", "sev2"]
            else:
                _without_groups_and_types(inner)
    elif isinstance(value, list):
        for inner in value:
            _without_groups_and_types(inner)


def test_without_types_groups_or_tree_nothing_of_them_is_printed(
    variant: Callable[..., Pages],
) -> None:
    def no_groups(data: dict[str, Any]) -> None:
        data.pop("groups", None)
        for severity in data["severities"]:
            severity["response"].pop("page", None)

    edits = {
        name: _without_groups_and_types
        for name in ("phases", "communication", "status_templates", "guidance", "rubrics", "roles")
    }
    pages = variant(incident_types=None, decision_tree=None, severities=no_groups, **edits)
    assert not [path for path in pages if path.startswith("types/")]
    responder_pages = [
        p for path, p in pages.items() if path.endswith(".md") and "author" not in path
    ]
    text = " ".join(visible(page) for page in responder_pages)
    assert "Major incident" not in text and "pb-action-type" not in pages["index.md"]
    assert "Who is paged" not in pages["severities/sev1.md"]
    assert "paged:" not in visible(pages["index.md"])


def test_the_acceptance_variants_build_strictly(tmp_path: Path) -> None:
    """Issue 10: no tree, a level without acknowledge_within, a tel: link: valid and built."""
    project = tmp_path / "project"
    shutil.copytree(
        DEFAULT_PLAYBOOK_DIR, project / "playbook", ignore=shutil.ignore_patterns("translations")
    )
    shutil.copy(DEFAULT_PLAYBOOK_DIR.parent / "mkdocs.yml", project / "mkdocs.yml")
    (project / "playbook" / "decision-tree.yaml").unlink()
    severities = project / "playbook" / "severities.yaml"
    data = yaml.safe_load(severities.read_text(encoding="utf-8"))
    del level(data, "sev2")["response"]["acknowledge_within"]
    level(data, "sev2")["response"]["page"][0]["link"] = "tel:+15550100"
    severities.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    playbook = Path(sys.executable).parent / "playbook"
    validate = subprocess.run(
        [playbook, "validate", project / "playbook", "--strict"], capture_output=True, text=True
    )
    assert validate.returncode == 0, validate.stdout + validate.stderr
    build = subprocess.run(
        [playbook, "build", "--config", project / "mkdocs.yml"], capture_output=True, text=True
    )
    assert build.returncode == 0, build.stdout + build.stderr
    site = project / "site"
    assert not (site / "respond" / "decide-severity.html").exists()
    sev2 = (site / "severities" / "sev2.html").read_text(encoding="utf-8")
    assert '(<a href="tel:+15550100">+15550100</a>)' in sev2
    assert "Acknowledge" not in sev2.split('class="md-content"')[1]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'class="pb-action pb-action-decide" href="severities/index.html"' in home


def test_the_pocket_card_merges_audiences_with_the_same_cadence(default_pages: Pages) -> None:
    card = visible(default_pages["respond/pocket-card.md"])
    sev4 = card.split("SEV-4 Low")[1].split("Torn between")[0]
    assert (
        "Updates to Incident team, Internal stakeholders, Customers: No scheduled updates" in sev4
    )
    assert sev4.count("Updates to") == 1


PROSE_KEYS = {
    "summary", "description", "purpose", "text", "detail", "title", "question", "help", "note",
    "format", "goal", "principle", "use_when", "caution", "prevention", "rationale",
    "default_when_unsure", "symptom", "first_mitigation", "when_unsure", "why", "instead",
    "condition", "resolution_target", "who", "typical_holder", "takes_off_others", "activated_by",
    "responsibilities", "definition", "examples", "actions", "not_their_job", "criteria",
    "exceptions", "decision_authority", "name",
}  # fmt: skip
HOSTILE_SUFFIX = ' <b onclick="x">bold</b> [l](javascript:alert(1)) <script>s()</script>'


def _hostile(value: Any, key: str = "") -> Any:
    """Every prose string (and list of strings) with HTML and a javascript: link appended."""
    if isinstance(value, dict):  # placeholder names are identifiers, not prose
        return {k: v if k == "placeholders" else _hostile(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_hostile(v, key) for v in value]
    if isinstance(value, str) and key in PROSE_KEYS:
        return value + HOSTILE_SUFFIX
    return value


def test_html_and_scripts_in_any_prose_field_reach_no_page(tmp_path: Path) -> None:
    target = tmp_path / "playbook"
    shutil.copytree(DEFAULT_PLAYBOOK_DIR, target, ignore=shutil.ignore_patterns("translations"))
    for path in target.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(_hostile(data), sort_keys=False), encoding="utf-8")
    pages = render(target)
    checked = 0
    for path, page in pages.items():
        if not path.endswith(".md") or path.startswith(("guides/", "reference/authoring")):
            continue
        rendered = html(page)
        assert "<b " not in rendered and "<script>s()" not in rendered, path
        hrefs = re.findall(r'href="([^"]*)"', rendered)
        assert not [h for h in hrefs if "javascript" in h.lower()], path
        checked += "&lt;b onclick" in rendered
    assert checked > 20  # the suffix shows, as text, on most pages
