"""The playbooks `playbook init --preset NAME` starts from.

Each preset is a complete format-2 playbook for a fictional organisation, written to show a
different shape of incident process. `default` is the repository's own playbook (the one the
tests and the documentation use); the others live in `presets/<name>/` beside this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.layout import DEFAULT_PLAYBOOK_DIR

PRESETS_DIR = Path(__file__).resolve().parent / "presets"
DEFAULT_PRESET = "default"


@dataclass(frozen=True)
class Preset:
    name: str
    summary: str  # one line for `--help` and the list of presets
    folder: Path

    @property
    def takes_levels(self) -> bool:
        """Only the default preset is written so that its levels can be derived (3, 4 or 5)."""
        return self.name == DEFAULT_PRESET


PRESETS: dict[str, Preset] = {
    preset.name: preset
    for preset in (
        Preset(
            DEFAULT_PRESET,
            "4 severity levels (3 or 5 with --levels), an incident commander, a decision tree",
            DEFAULT_PLAYBOOK_DIR,
        ),
        Preset(
            "major-incident",
            "5 priorities, P1-P2 a major incident with a deputy and a merchant liaison, a scoping "
            "update, long incidents paced by the incident manager",
            PRESETS_DIR / "major-incident",
        ),
        Preset(
            "chatops",
            "4 unnamed levels, updates paced by status stage, escalation chains, chat commands, "
            "a lead that changes with the level, a security incident type",
            PRESETS_DIR / "chatops",
        ),
    )
}


def preset_named(name: str) -> Preset:
    """The preset called `name`; a ValueError listing the presets otherwise."""
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(f"no preset {name!r}; the presets are {', '.join(PRESETS)}") from None
