"""Section 6: live reload in `playbook serve --engine E`, from saving a YAML file to the browser
showing it, for each engine.

A scale-1 synthetic playbook is served on 127.0.0.1 (a free port); Chromium opens the first
phase's page; each round rewrites phases.yaml with a new goal for that phase and times, from the
moment the file is closed, until the new text is on the page (the engine's live reload rebuilds
the site and the page reloads itself). One Chromium for both engines.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import yaml

from generator.loader.yaml12 import Yaml12Loader
from tests.benchmarks import synthetic
from tests.benchmarks.bench_build import ours_config
from tests.benchmarks.measure import BIN, Figure, Report, env_without_noise, median
from tests.chromium import CHROMIUM, CHROMIUM_ARGS

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # the benchmark then fails at launch, naming Playwright
    PlaywrightTimeout = TimeoutError  # type: ignore[misc,assignment]

TARGETS = {"mkdocs": 2.0, "zensical": 1.0}
START_TIMEOUT = 120.0
#: A save not on the page after this long is counted as missed (a reload at scale 1 takes 1-3 s).
MISSED_AFTER_MS = 15_000
#: How MkDocs logs the time of one rebuild (Zensical's server does not log it).
_BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_served(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"playbook serve exited: {log.read_text(errors='replace')[-1500:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"playbook serve did not answer within {START_TIMEOUT:.0f} s")


def _wait_for(condition: object, page: object, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise RuntimeError("the page did not reconnect to the live-reload server")
        page.wait_for_timeout(50)  # type: ignore[attr-defined]


def set_first_goal(playbook: Path, goal: str) -> None:
    """Save phases.yaml with a new goal for the first phase, as an editor would (one write)."""
    path = playbook / "phases.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
    data["phases"][0]["goal"] = goal
    path.write_text(synthetic.dump_file("phases", data), encoding="utf-8")


def run(report: Report, work: Path, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for engine in TARGETS:
                measure(report, browser, work / f"reload-{engine}", engine, runs)
        finally:
            browser.close()


def measure(report: Report, browser: object, root: Path, engine: str, runs: int) -> None:
    playbook = synthetic.generate(root / "playbook", 1)
    config = ours_config(root, playbook)
    first = yaml.load((playbook / "phases.yaml").read_text("utf-8"), Loader=Yaml12Loader)
    phase_id = first["phases"][0]["id"]
    port = free_port()
    url = f"http://127.0.0.1:{port}/phases/{phase_id}.html"
    log = root / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [
                str(BIN / "playbook"),
                "serve",
                "--engine",
                engine,
                "--config",
                str(config),
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env_without_noise(),
            start_new_session=True,
        )
    samples: list[float] = []
    missed = 0
    try:
        wait_until_served(url, server, log)
        page = browser.new_page()  # type: ignore[attr-defined]
        # Zensical pushes "reload" over a WebSocket the page opens once loaded: a save before it
        # is connected is never shown (MkDocs' polling asks "anything since my version?" and
        # cannot miss one). So each round starts when the page is listening again.
        # A round whose save never reaches the page (the page reloaded early, on a build that did
        # not have the change yet, and heard no second reload) is counted as missed, and the page
        # is reloaded by hand to go on; the figure is the median of the rounds that arrived.
        connected: list[str] = []
        loads: list[str] = []
        page.on("console", lambda m: connected.append(m.text) if "Connected to" in m.text else None)
        page.on("load", lambda p: loads.append(p.url))
        try:
            page.goto(url, wait_until="load")
            round_no = 0
            while len(samples) < max(runs, 5) and round_no < 4 * max(runs, 5):
                time.sleep(1.0)  # let the previous rebuild and reload settle
                if engine == "zensical":
                    _wait_for(lambda: len(connected) >= len(loads), page)
                marker = f"Reload benchmark marker {round_no} {time.time_ns()}"
                set_first_goal(playbook, marker)
                saved = time.perf_counter()
                try:
                    page.get_by_text(marker).first.wait_for(timeout=MISSED_AFTER_MS)
                except PlaywrightTimeout:
                    missed += 1
                    page.reload(wait_until="load")
                    round_no += 1
                    continue
                elapsed = time.perf_counter() - saved
                if round_no:  # round 0 warms up, unrecorded
                    samples.append(elapsed)
                round_no += 1
        finally:
            page.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    value = median(samples)
    target = TARGETS[engine]
    rebuilds = [float(m) for m in _BUILT.findall(log.read_text(errors="replace"))][1:]
    report.add(
        Figure(
            "reload",
            f"{engine}, scale 1: save -> new text in the browser ({len(samples)} runs)",
            value,
            "s",
            target=f"< {target:g} s",
            met=value < target,
        )
    )
    report.add(
        Figure(
            "reload",
            f"{engine}, scale 1: saves never shown (page reloaded too early; by hand after 15 s)",
            missed,
            "",
            note=f"of {len(samples) + missed} timed saves",
        )
    )
    if rebuilds:
        report.add(
            Figure(
                "reload",
                f"{engine}, scale 1: of which the site rebuild (the engine's own log)",
                median(rebuilds),
                "s",
                note="the rest: noticing the change, rendering, the browser's reload and page load",
            )
        )
