"""Timing and reporting helpers shared by the benchmark sections.

These machines are noisy, so every figure is the median of several runs, competing commands
run interleaved (A, B, A, B, ...) so that a slow spell hurts both alike, and targets are
judged on ratios measured side by side in the same run, never on absolute times.
"""

from __future__ import annotations

import json
import math
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

Command = Sequence[str]


class BenchFailure(RuntimeError):
    """A measured command failed; its output is kept so the report can say why."""


def run_timed(
    cmd: Command, cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """(wall-clock, CPU) seconds of one whole process, from spawn to exit; fails on non-zero.

    CPU time (user + system of the process and its children) hardly moves when other work
    shares the machine, so growth is judged on it; ratios users feel are judged on wall time.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        list(cmd),
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        tail = (done.stdout + done.stderr)[-2000:]
        raise BenchFailure(f"{' '.join(cmd)} exited {done.returncode}:\n{tail}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def run_once(cmd: Command, cwd: Path | None = None, env: dict[str, str] | None = None) -> float:
    """Wall-clock seconds of one whole process (see `run_timed`)."""
    return run_timed(cmd, cwd, env)[0]


def interleaved(
    jobs: dict[str, Callable[[], float]], runs: int, warmup: int = 1
) -> dict[str, list[float]]:
    """Run every job `runs` times in turn (after `warmup` unrecorded rounds); seconds per job."""
    times: dict[str, list[float]] = {name: [] for name in jobs}
    for round_no in range(warmup + runs):
        for name, job in jobs.items():
            elapsed = job()
            if round_no >= warmup:
                times[name].append(elapsed)
    return times


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def slope(x1: float, y1: float, x2: float, y2: float) -> float:
    """The growth exponent between two points: the slope on a log-log plot."""
    return math.log(y2 / y1) / math.log(x2 / x1)


def env_without_noise() -> dict[str, str]:
    """The environment for measured commands: same as ours, minus Material's EOL notice."""
    env = dict(os.environ)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env["PYTHONPATH"] = str(PROJECT_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


@dataclass
class Figure:
    """One line of the report: a measured value, and the target it is judged against if any."""

    section: str
    name: str
    value: float
    unit: str
    target: str = ""
    met: bool | None = None
    note: str = ""

    def shown(self) -> str:
        if self.unit == "x":
            return f"{self.value:.2f}x"
        if self.unit == "s":
            return f"{self.value:.3f} s"
        if self.unit == "ms":
            return f"{self.value:.1f} ms"
        if self.unit == "KB":
            return f"{self.value:.1f} KB"
        if self.unit == "":
            return f"{self.value:.2f}"
        return f"{self.value:g} {self.unit}"


@dataclass
class Report:
    """Every figure of a run, printed as it is measured and summarised at the end."""

    figures: list[Figure] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        verdict = "" if figure.met is None else ("  met" if figure.met else "  NOT MET")
        target = f"  (target {figure.target})" if figure.target else ""
        note = f"  [{figure.note}]" if figure.note else ""
        print(f"  {figure.name:<58} {figure.shown():>12}{target}{verdict}{note}", flush=True)
        return figure

    def problem(self, section: str, text: str) -> None:
        self.problems.append(f"{section}: {text}")
        print(f"  PROBLEM in {section}: {text}", flush=True)

    def markdown(self) -> str:
        """The figures as a Markdown table, for RESULTS.md."""
        lines = ["| section | figure | value | target | met |", "|---|---|---|---|---|"]
        for f in self.figures:
            met = "" if f.met is None else ("yes" if f.met else "**no**")
            lines.append(f"| {f.section} | {f.name} | {f.shown()} | {f.target} | {met} |")
        return "\n".join(lines)

    def to_json(self) -> str:
        return json.dumps(
            {"figures": [asdict(f) for f in self.figures], "problems": self.problems}, indent=2
        )


def section(title: str) -> None:
    print(f"\n== {title}", flush=True)
