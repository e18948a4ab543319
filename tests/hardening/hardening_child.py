"""Hardening helpers: run the real `playbook` command as a child and measure what it used.

The resource bounds of issue 6 (2 s and 300 MB per broken input) are limits the product must
meet, asserted as bounds, not as benchmarks: the child gets a wall-clock `timeout` with a wide
margin (busy CI machines run slowly) and a CPU-time rlimit, and its peak memory comes from the
kernel's own accounting of that one child (`os.wait4`), so no other process blurs it.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

PLAYBOOK_CLI = Path(sys.executable).parent / "playbook"

#: The memory bound of the issue: peak resident memory of one `playbook validate`.
MAX_RSS_BYTES = 300 * 1024 * 1024
#: Wall-clock bound: a hang guard, wide because CI machines are shared (the product needs < 2 s).
WALL_SECONDS = float(os.environ.get("PLAYBOOK_HARDENING_WALL", "30"))
#: CPU-seconds rlimit of the child; the kernel stops it beyond that. Five times the 2 s of the
#: issue, because CPU seconds stretch too on a loaded machine (the worst case, a million items,
#: takes about 1.5 s on an idle one).
CPU_SECONDS = int(os.environ.get("PLAYBOOK_HARDENING_CPU", "10"))


@dataclass(frozen=True)
class Run:
    """What one child did: exit code, output, peak memory and whether a bound stopped it."""

    returncode: int
    stdout: str
    stderr: str
    max_rss: int  # bytes
    timed_out: bool

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _limit_cpu() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))


def run_measured(
    args: list[str], cwd: Path, *, timeout: float = WALL_SECONDS, env: dict | None = None
) -> Run:
    """Run `args` in `cwd` under the CPU rlimit; kill it after `timeout` seconds of wall time."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(
            args,
            cwd=cwd,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=env,
            preexec_fn=_limit_cpu,
        )
        expired = threading.Event()

        def kill() -> None:
            expired.set()
            child.send_signal(signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            returncode=child.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            max_rss=usage.ru_maxrss * 1024,  # Linux reports kilobytes
            timed_out=expired.is_set(),
        )


def validate(folder: Path | str, cwd: Path) -> Run:
    """`playbook validate FOLDER` in `cwd`, measured."""
    return run_measured([str(PLAYBOOK_CLI), "validate", str(folder)], cwd)


def assert_within_bounds(run: Run) -> None:
    """The child finished on its own, within the CPU and memory bounds, without a traceback."""
    assert not run.timed_out, f"still running after {WALL_SECONDS:.0f} s:\n{run.output[-2000:]}"
    assert run.returncode != -signal.SIGXCPU, f"used more than {CPU_SECONDS} s of CPU"
    assert run.max_rss < MAX_RSS_BYTES, f"peak memory {run.max_rss // 2**20} MB"
    assert "Traceback" not in run.output, run.output
    assert "internal error" not in run.output, run.output
