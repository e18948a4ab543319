"""Section 2: `playbook validate` against check-jsonschema with our schemas, on the same files.

check-jsonschema checks one schema per process, and each playbook file kind has its own schema,
so a CI job runs it once per file: ten processes, one per schema/file pair (here the same as one
per file kind, since a playbook has one file of each kind). That is the figure the target is
judged on. For a harder comparison we also time its best case: one process checking the merged
document (prepared beforehand, untimed) against `playbook.schema.json`. Ours runs the schema
check and every semantic rule in one process.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from tests.benchmarks.measure import (
    BIN,
    Figure,
    Report,
    env_without_noise,
    interleaved,
    median,
    run_once,
)

from generator.layout import FILE_KINDS, ROOT_SCHEMA, SCHEMA_DIR, schema_file  # isort: skip
from generator.loader.yaml12 import Yaml12Loader  # isort: skip

TARGET = 0.5

#: CPU seconds of validation work alone: imports done before the clock starts.
_WORK_SNIPPET = """
import sys, time
from pathlib import Path
from generator.pipeline import validate_playbook
started = time.process_time()
result = validate_playbook(Path(sys.argv[1]))
elapsed = time.process_time() - started
assert result.ok, [f.message for f in result.errors][:3]
print(elapsed)
"""


def check_jsonschema_cmd(schema: str, instance: Path) -> list[str]:
    """As a CI job runs it: refs resolve against the schema folder on disk."""
    return [
        str(BIN / "check-jsonschema"),
        "--base-uri",
        SCHEMA_DIR.as_uri() + "/",
        "--schemafile",
        str(SCHEMA_DIR / schema),
        str(instance),
    ]


def merged_document(playbook: Path, out: Path) -> Path:
    """The merged document as JSON, written once before timing (check-jsonschema's best case)."""
    document = {
        kind: yaml.load((playbook / f"{kind}.yaml").read_text("utf-8"), Loader=Yaml12Loader)
        for kind in FILE_KINDS
    }
    out.write_text(json.dumps(document), encoding="utf-8")
    return out


def yaml_bytes(playbook: Path) -> int:
    return sum((playbook / f"{kind}.yaml").stat().st_size for kind in FILE_KINDS)


def work_seconds(playbook: Path) -> float:
    """CPU time of `validate_playbook` in a fresh interpreter, without start-up."""
    done = subprocess.run(
        [sys.executable, "-c", _WORK_SNIPPET, str(playbook)],
        capture_output=True,
        text=True,
        check=True,
        env=env_without_noise(),
    )
    return float(done.stdout.strip().splitlines()[-1])


def run(report: Report, playbooks: dict[int, Path], runs: int) -> dict[int, dict[str, float]]:
    """Time every scale; returns scale -> {"whole": s, "work": s, "size": bytes}."""
    env = env_without_noise()
    out: dict[int, dict[str, float]] = {}
    for scale, playbook in playbooks.items():
        merged = merged_document(playbook, playbook.parent / f"merged-{scale}.json")
        per_file = [
            check_jsonschema_cmd(schema_file(k), playbook / f"{k}.yaml") for k in FILE_KINDS
        ]
        jobs = {
            "ours": lambda p=playbook: run_once(
                [str(BIN / "playbook"), "validate", str(p)], env=env
            ),
            "cj_files": lambda cmds=per_file: sum(run_once(c, env=env) for c in cmds),
            "cj_merged": lambda m=merged: run_once(check_jsonschema_cmd(ROOT_SCHEMA, m), env=env),
            "work": lambda p=playbook: work_seconds(p),
        }
        # No warm-up round: the files were just written, and ten check-jsonschema processes
        # per round are what makes this section long.
        rounds = interleaved(jobs, min(runs, 3 if scale < 100 else 2), warmup=0)
        times = {name: median(values) for name, values in rounds.items()}
        label = f"scale {scale}"
        report.add(
            Figure("validate", f"{label}: playbook validate (whole process)", times["ours"], "s")
        )
        report.add(
            Figure(
                "validate",
                f"{label}: check-jsonschema, 10 processes (1 per file kind)",
                times["cj_files"],
                "s",
            )
        )
        ratio = times["ours"] / times["cj_files"]
        report.add(
            Figure(
                "validate",
                f"{label}: ratio ours / check-jsonschema per file",
                ratio,
                "x",
                target=f"<= {TARGET}",
                met=ratio <= TARGET,
            )
        )
        report.add(
            Figure(
                "validate",
                f"{label}: check-jsonschema, 1 process on merged JSON",
                times["cj_merged"],
                "s",
            )
        )
        report.add(
            Figure(
                "validate",
                f"{label}: ratio ours / check-jsonschema merged (best case)",
                times["ours"] / times["cj_merged"],
                "x",
                note="information: no schema/file pairing a user could run as-is",
            )
        )
        report.add(
            Figure(
                "validate",
                f"{label}: validate_playbook work, CPU (no start-up)",
                times["work"],
                "s",
            )
        )
        out[scale] = {"whole": times["ours"], "work": times["work"], "size": yaml_bytes(playbook)}
    return out
