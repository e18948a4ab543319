"""`playbook init`: scaffold a new playbook project from a preset playbook."""

from __future__ import annotations

from generator.scaffold.levels import LEVEL_CHOICES
from generator.scaffold.presets import PRESETS
from generator.scaffold.project import (
    Options,
    Project,
    ScaffoldError,
    init_project,
    plan_project,
)

__all__ = [
    "LEVEL_CHOICES",
    "PRESETS",
    "Options",
    "Project",
    "ScaffoldError",
    "init_project",
    "plan_project",
]
