"""`playbook init`: scaffold a new playbook project from the default playbook."""

from __future__ import annotations

from generator.scaffold.levels import LEVEL_CHOICES
from generator.scaffold.project import Options, ScaffoldError, init_project, plan_project

__all__ = ["LEVEL_CHOICES", "Options", "ScaffoldError", "init_project", "plan_project"]
