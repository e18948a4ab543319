"""Section 2: `playbook validate`, process against process, on the same work.

The comparison is one `playbook validate` process against one check-jsonschema process checking
the merged document (every file of the playbook as one JSON document, written beforehand and
untimed) against `playbook.schema.json`, whose `$ref`s to the per-file schemas it resolves from
disk. Both start an interpreter and read the schemas; ours also parses the YAML with positions
and runs every semantic rule, check-jsonschema only reads JSON. Target: ours <= 0.3x theirs at
every scale.

The second target is judged against a bare interpreter start (`python -c pass`, the same Python,
measured in the same rounds): `playbook validate` of the default playbook within 5x of it.

Every figure is the median of at least 5 interleaved runs (after one unrecorded warm-up round),
wall time; CPU time (user + system) is printed beside it, because this machine is shared and CPU
time moves less when others work.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.benchmarks.measure import (
    BIN,
    Figure,
    Report,
    env_without_noise,
    median,
    run_timed,
)

from generator.layout import DEFAULT_PLAYBOOK_DIR, ROOT_SCHEMA, SCHEMA_DIR  # isort: skip

CHECK_JSONSCHEMA_TARGET = 0.3
INTERPRETER_TARGET = 5.0
MIN_RUNS = 5

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


def check_jsonschema_cmd(instance: Path) -> list[str]:
    """As a user runs it: the root schema from disk, its references resolved beside it."""
    return [
        str(BIN / "check-jsonschema"),
        "--schemafile",
        str(SCHEMA_DIR / ROOT_SCHEMA),
        str(instance),
    ]


def merged_document(playbook: Path, out: Path) -> Path:
    """The merged document as JSON (what `playbook build` publishes as playbook.json)."""
    from generator.pipeline import validate_playbook

    result = validate_playbook(playbook)
    if not result.ok or result.document is None:
        raise RuntimeError(f"{playbook} is not valid: {[f.message for f in result.errors][:3]}")
    out.write_text(json.dumps(result.document), encoding="utf-8")
    return out


def yaml_bytes(playbook: Path) -> int:
    return sum(path.stat().st_size for path in playbook.glob("*.yaml"))


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


def rounds(jobs: dict[str, list[str]], runs: int) -> dict[str, dict[str, list[float]]]:
    """Each command `runs` times in turn after a warm-up round: wall and CPU seconds."""
    env = env_without_noise()
    times: dict[str, dict[str, list[float]]] = {name: {"wall": [], "cpu": []} for name in jobs}
    for round_no in range(runs + 1):
        for name, command in jobs.items():
            wall, cpu = run_timed(command, env=env)
            if round_no:
                times[name]["wall"].append(wall)
                times[name]["cpu"].append(cpu)
    return times


def _add_pair(report: Report, label: str, times: dict[str, list[float]]) -> None:
    report.add(
        Figure(
            "validate",
            label,
            median(times["wall"]),
            "s",
            note=f"CPU {median(times['cpu']):.3f} s; {len(times['wall'])} runs",
        )
    )


def run(report: Report, playbooks: dict[int, Path], runs: int) -> dict[int, dict[str, float]]:
    """Time every scale; returns scale -> {"whole": s, "work": s, "size": bytes}."""
    runs = max(runs, MIN_RUNS)
    out: dict[int, dict[str, float]] = {}
    interpreter = [sys.executable, "-c", "pass"]
    validate = str(BIN / "playbook")

    # The 5x target: the default playbook against a bare interpreter start. For information, also
    # its files without translations/ (a copy), as most playbooks have none.
    work = next(iter(playbooks.values())).parent.parent
    bare = work / "default-without-translations" / "playbook"
    shutil.rmtree(bare.parent, ignore_errors=True)
    shutil.copytree(DEFAULT_PLAYBOOK_DIR, bare, ignore=shutil.ignore_patterns("translations"))
    default = rounds(
        {
            "pass": interpreter,
            "ours": [validate, "validate", str(DEFAULT_PLAYBOOK_DIR)],
            "bare": [validate, "validate", str(bare)],
        },
        runs,
    )
    _add_pair(report, "python -c pass (bare interpreter start)", default["pass"])
    _add_pair(report, "default playbook: playbook validate", default["ours"])
    _add_pair(report, "default playbook without translations/: playbook validate", default["bare"])
    report.add(
        Figure(
            "validate",
            "default playbook without translations/ / python -c pass",
            median(default["bare"]["wall"]) / median(default["pass"]["wall"]),
            "x",
            note="information",
        )
    )
    ratio = median(default["ours"]["wall"]) / median(default["pass"]["wall"])
    cpu_ratio = median(default["ours"]["cpu"]) / median(default["pass"]["cpu"])
    report.add(
        Figure(
            "validate",
            "default playbook: playbook validate / python -c pass",
            ratio,
            "x",
            target=f"<= {INTERPRETER_TARGET:.0f}",
            met=ratio <= INTERPRETER_TARGET,
            note=f"CPU ratio {cpu_ratio:.2f}x",
        )
    )

    for scale, playbook in playbooks.items():
        merged = merged_document(playbook, playbook.parent / f"merged-{scale}.json")
        times = rounds(
            {
                "ours": [validate, "validate", str(playbook)],
                "cj": check_jsonschema_cmd(merged),
            },
            runs,
        )
        label = f"scale {scale}"
        _add_pair(report, f"{label}: playbook validate (whole process)", times["ours"])
        _add_pair(report, f"{label}: check-jsonschema, 1 process, merged document", times["cj"])
        ratio = median(times["ours"]["wall"]) / median(times["cj"]["wall"])
        report.add(
            Figure(
                "validate",
                f"{label}: ratio ours / check-jsonschema",
                ratio,
                "x",
                target=f"<= {CHECK_JSONSCHEMA_TARGET}",
                met=ratio <= CHECK_JSONSCHEMA_TARGET,
                note=f"CPU ratio {median(times['ours']['cpu']) / median(times['cj']['cpu']):.2f}x",
            )
        )
        work = [work_seconds(playbook) for _ in range(runs)]
        report.add(
            Figure(
                "validate",
                f"{label}: validate_playbook work, CPU (no start-up, no imports)",
                median(work),
                "s",
                note=f"{runs} runs; {yaml_bytes(playbook) // 1024} KB of YAML",
            )
        )
        out[scale] = {
            "whole": median(times["ours"]["wall"]),
            "work": median(work),
            "size": yaml_bytes(playbook),
        }
    return out
