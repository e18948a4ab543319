"""Semantic diff of two playbooks: what a change means, in words, for a pull-request review.

Core only (no MkDocs, no click): `diff_playbooks` compares two models, `render` turns the
result into Markdown, text or JSON, `sides` reads a playbook from a folder or a git revision.
"""

from __future__ import annotations

from generator.diff.changes import AREAS, Change, ChangeSet
from generator.diff.compare import diff_playbooks

__all__ = ["AREAS", "Change", "ChangeSet", "diff_playbooks"]
