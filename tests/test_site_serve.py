"""`playbook serve --engine mkdocs|zensical`: the live preview rebuilds when a playbook YAML file
changes.

Runs the real command on a free local port against a copy of the default project, then edits
`severities.yaml` and waits (polling, with a generous deadline rather than a timed assertion)
until the served page shows the new text.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.layout import DEFAULT_PLAYBOOK_DIR, PROJECT_ROOT

DEADLINE = 120.0  # seconds; only bounds a hang, the test does not measure speed


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _heading(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            page = response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None
    found = re.search(r"<h1\b[^>]*>([^<]*)", page)
    return found.group(1) if found else None


def _wait_for(url: str, expected: str, server: subprocess.Popen[str]) -> None:
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        assert server.poll() is None, "playbook serve exited"
        if _heading(url) == expected:
            return
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {expected!r}")


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_serve_reloads_after_a_yaml_edit(tmp_path: Path, engine: str) -> None:
    project = tmp_path / "project"
    shutil.copytree(DEFAULT_PLAYBOOK_DIR, project / "playbook")
    shutil.copy(PROJECT_ROOT / "mkdocs.yml", project / "mkdocs.yml")
    port = _free_port()
    server = subprocess.Popen(
        [
            Path(sys.executable).parent / "playbook",
            *("serve", "--engine", engine, "--dev-addr", f"127.0.0.1:{port}"),
        ],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}/severities/sev1.html"
        _wait_for(url, "SEV-1 Critical", server)
        severities = project / "playbook" / "severities.yaml"
        text = severities.read_text(encoding="utf-8")
        severities.write_text(text.replace("name: Critical", "name: Meltdown", 1), "utf-8")
        _wait_for(url, "SEV-1 Meltdown", server)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    if engine == "mkdocs":  # MkDocs names what it watches; Zensical watches our rendered folder
        assert "Watching paths for changes" in output
        assert str(project / "playbook") in output or "'playbook'" in output
    assert "Traceback" not in output
