"""Review freshness: old `last_reviewed` dates warn, fail under --strict, and show on the site.

"Today" is fixed with PLAYBOOK_TODAY so the tests never depend on the calendar.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.findings import PlaybookError
from generator.freshness import review_state, today
from generator.layout import DEFAULT_PLAYBOOK_DIR

TODAY = "2026-12-01"
STALE_SEVERITY = '    name: Major\n    owner: Payments team\n    last_reviewed: "2000-01-01"\n'


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_stale(playbook: Path) -> None:
    """SEV-2 carries its own old review; roles.yaml as a whole is old too."""
    edit(playbook / "severities.yaml", "    name: Major\n", STALE_SEVERITY)
    roles = playbook / "roles.yaml"
    stamp = 'last_reviewed: "2001-02-03"'
    text = re.sub(r"^last_reviewed: .*$", stamp, roles.read_text(), count=1, flags=re.M)
    roles.write_text(text, encoding="utf-8")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLAYBOOK_TODAY", TODAY)


@pytest.fixture
def stale_playbook(tmp_path: Path) -> Path:
    playbook = shutil.copytree(DEFAULT_PLAYBOOK_DIR, tmp_path / "playbook")
    make_stale(playbook)
    return playbook


def test_fresh_default_playbook_has_no_warning() -> None:
    code, out, _ = invoke("validate", str(DEFAULT_PLAYBOOK_DIR), "--strict")
    assert code == 0
    files = len(list(DEFAULT_PLAYBOOK_DIR.glob("*.yaml")))
    files += len(list(DEFAULT_PLAYBOOK_DIR.glob("translations/*/*.yaml")))
    assert out.endswith(f"0 errors, 0 warnings in {files} files\n")


def test_stale_entries_warn_with_place_and_fix(stale_playbook: Path) -> None:
    code, out, _ = invoke("validate", str(stale_playbook), "--format", "json")
    assert code == 0  # warnings only
    stale = [f for f in json.loads(out) if f["rule"] == "review-stale"]
    assert [(Path(f["file"]).name, f["level"]) for f in stale] == [
        ("roles.yaml", "warning"),
        ("severities.yaml", "warning"),
    ]
    severity = stale[1]
    lines = (stale_playbook / "severities.yaml").read_text().splitlines()
    assert lines[severity["line"] - 1] == '    last_reviewed: "2000-01-01"'
    assert severity["message"] == (
        "SEV-2 was last reviewed on 2000-01-01, 9831 days ago; the organisation allows 180 days "
        "(review_max_age_days)"
    )
    assert severity["hint"].endswith(f'set last_reviewed: "{TODAY}"')
    assert stale[0]["message"].startswith("roles.yaml was last reviewed on 2001-02-03")


def test_stale_fails_under_strict(stale_playbook: Path) -> None:
    code, out, err = invoke("validate", str(stale_playbook), "--strict")
    assert code == 1
    assert "warning[review-stale]" in out
    assert "--strict treats warnings as errors" in err


def test_maximum_age_is_configurable(stale_playbook: Path) -> None:
    edit(
        stale_playbook / "organisation.yaml",
        "review_max_age_days: 180",
        "review_max_age_days: 3650",
    )
    edit(stale_playbook / "roles.yaml", '"2001-02-03"', '"2017-01-01"')
    code, out, _ = invoke("validate", str(stale_playbook), "--format", "json")
    assert code == 0
    assert [Path(f["file"]).name for f in json.loads(out)] == ["severities.yaml"]
    edit(stale_playbook / "severities.yaml", '"2000-01-01"', '"2017-01-01"')
    code, out, _ = invoke("validate", str(stale_playbook), "--strict")
    assert code == 0, out


def test_today_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert today() == date(2026, 12, 1)
    assert today(default=date(2020, 1, 1)) == date(2026, 12, 1)  # PLAYBOOK_TODAY wins
    monkeypatch.delenv("PLAYBOOK_TODAY")
    assert today(default=date(2020, 1, 1)) == date(2020, 1, 1)
    monkeypatch.setenv("PLAYBOOK_TODAY", "1st of May")
    with pytest.raises(PlaybookError, match="PLAYBOOK_TODAY='1st of May' is not a date"):
        today()
    code, _, err = invoke("validate", str(DEFAULT_PLAYBOOK_DIR))
    assert code == 1
    assert "Error: PLAYBOOK_TODAY='1st of May' is not a date: write it as YYYY-MM-DD" in err


def test_review_state_boundaries() -> None:
    on = date(2026, 12, 1)
    assert not review_state("x", "2026-06-04", 180, on).stale  # exactly 180 days
    assert review_state("x", "2026-06-03", 180, on).stale  # 181 days
    assert not review_state("x", None, 180, on).stale
    assert not review_state(None, None, 180, on).shown


# --------------------------------------------------------------------------- on the site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("freshness") / "project"
    code, _, err = invoke("init", str(project))
    assert code == 0, err
    # init writes sample files without review dates; the default playbook carries them
    shutil.rmtree(project / "playbook")
    shutil.copytree(DEFAULT_PLAYBOOK_DIR, project / "playbook")
    make_stale(project / "playbook")
    code, _, err = invoke("build", "--config", str(project / "mkdocs.yml"))
    assert code == 0, err
    return project / "site"


def review_line(page: str) -> str:
    match = re.search(r'<p class="pb-review">(.*?)</p>', page, re.S)
    assert match, "no review line on the page"
    return re.sub(r"<[^>]+>", "|", match.group(1))


def test_stale_severity_page_shows_owner_date_and_badge(built: Path) -> None:
    page = (built / "severities" / "sev2.html").read_text(encoding="utf-8")
    assert review_line(page) == "Owner: Payments team · Last reviewed: 2000-01-01 |Review overdue|"
    assert '<span class="pb-badge pb-badge-overdue"' in page


def test_fresh_severity_page_has_no_badge(built: Path) -> None:
    page = (built / "severities" / "sev1.html").read_text(encoding="utf-8")
    line = review_line(page)
    assert line.startswith("Owner: Site Reliability Engineering · Last reviewed: 20")
    assert "Review overdue" not in page


def test_file_review_applies_to_its_pages(built: Path) -> None:
    for page in ("roles/index.html", "roles/scribe.html"):
        text = (built / page).read_text(encoding="utf-8")
        assert "Last reviewed: 2001-02-03" in review_line(text), page
        assert "Review overdue" in text, page
    assert "Review overdue" not in (built / "phases" / "index.html").read_text(encoding="utf-8")


def test_badge_is_styled(built: Path) -> None:
    css = (built / "assets" / "playbook" / "playbook.css").read_text(encoding="utf-8")
    assert ".pb-badge-overdue" in css
