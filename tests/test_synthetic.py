"""The benchmarks' synthetic playbooks stay valid as the schema, rules and default content change.

`make bench` times validation and builds of these playbooks; if one stopped validating, the
benchmark would time an error path instead of real work. Scale 100 takes longer and only adds
pages beyond the schema's caps, so scales 1 and 10 are checked here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.layout import PAGES_DIR
from generator.pipeline import ValidationResult, validate_playbook
from tests.benchmarks.synthetic import generate, schema_limit


@pytest.fixture(scope="module")
def validated(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[Path, ValidationResult]]:
    """Scale -> (folder, result), generated and validated once for all tests here."""
    out = {}
    for scale in (1, 10):
        folder = generate(tmp_path_factory.mktemp("synthetic") / f"scale-{scale}", scale)
        out[scale] = (folder, validate_playbook(folder))
    return out


@pytest.mark.parametrize("scale", [1, 10])
def test_synthetic_playbook_validates_without_errors(validated, scale: int) -> None:  # type: ignore[no-untyped-def]
    folder, result = validated[scale]
    shown = "\n".join(f"{f.location}: {f.rule}: {f.message}" for f in result.errors)
    assert result.ok, shown
    assert result.model is not None
    runbooks = list((folder / PAGES_DIR / "runbooks").rglob("*.md"))
    assert len(runbooks) == 10 * scale


def test_scale_10_grows_every_scaled_list(validated) -> None:  # type: ignore[no-untyped-def]
    small, large = validated[1][1].model, validated[10][1].model
    assert small is not None and large is not None

    def grown(before: int, *limit: str) -> int:
        return max(before, min(10 * before, schema_limit(*limit)))

    assert len(large.severities) == grown(len(small.severities), "severities", "severities")
    assert len(large.roles) == grown(len(small.roles), "roles", "roles")
    templates = grown(len(small.status_templates), "status-templates", "templates")
    assert len(large.status_templates) == templates
    nodes = grown(len(small.decision_tree.nodes), "decision-tree", "nodes")
    assert len(large.decision_tree.nodes) == nodes
    for before, after in zip(small.phases, large.phases, strict=True):
        assert len(after.checklist) == grown(len(before.checklist), "phases", "phases", "checklist")
