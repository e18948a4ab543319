"""The playbooks every export test runs over: the default playbook and each preset."""

from __future__ import annotations

from pathlib import Path

from generator.model import Playbook
from generator.pipeline import validate_playbook

ROOT = Path(__file__).resolve().parent.parent.parent
PRESETS_DIR = ROOT / "generator" / "scaffold" / "presets"


def presets() -> list[Path]:
    found = sorted(p for p in PRESETS_DIR.iterdir() if p.is_dir()) if PRESETS_DIR.is_dir() else []
    assert found, f"no preset folders under {PRESETS_DIR}"
    return found


PLAYBOOKS = [ROOT / "playbook", *presets()]


def playbook_id(path: Path) -> str:
    return "default" if path.name == "playbook" else path.name


def model_of(playbook: Path) -> Playbook:
    """The typed model of a playbook that must be valid (an export needs a valid one)."""
    result = validate_playbook(playbook)
    assert result.model is not None, [f.message for f in result.errors]
    return result.model
