"""Section 3: `playbook build --engine E` against the engine's own build of the same pages.

The plain build gets exactly what `playbook build` hands the engine: the docs folder and the
mkdocs.yml that `playbook render` writes (rendered once, untimed: pages, own pages under guides/,
assets, data, navigation, the project's settings without the `playbook` plugin). The difference
between the two is what we cost: start-up, loading and validating the YAML, rendering, and the
offline zip (reported on its own). `playbook build` keeps its last render, so repeated builds of
the same playbook (the "ours" figure) skip validating and rendering; "after an edit" deletes the
kept render before each run and shows the first build after a change. For Zensical both sides
keep its own cache between runs (`.cache/` beside the configuration, as a user's repeated builds
do), after one untimed warm-up.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import yaml

from generator.layout import PAGES_DIR
from generator.site_build import write_offline_zip
from tests.benchmarks.measure import (
    BIN,
    PROJECT_ROOT,
    Figure,
    Report,
    env_without_noise,
    interleaved,
    median,
    run_once,
    run_timed,
)

TARGET = 1.10
PROJECT_CONFIG = PROJECT_ROOT / "mkdocs.yml"

#: Timed rounds per scale (medians of at least 5, and 3 at scale 100, where one build of ~1,000
#: pages takes about a minute each way).
ROUNDS = {1: 5, 10: 5, 100: 3}


def project_config() -> dict[str, Any]:
    return yaml.safe_load(PROJECT_CONFIG.read_text(encoding="utf-8"))


def ours_config(root: Path, playbook: Path) -> Path:
    """The project's mkdocs.yml pointed at a synthetic playbook (the plugin reads it)."""
    config = project_config()
    config["docs_dir"] = str(playbook / PAGES_DIR)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "playbook" in plugin:
            plugin["playbook"] = {**(plugin["playbook"] or {}), "playbook_dir": str(playbook)}
    path = root / "mkdocs-ours.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def plain_config(root: Path, playbook: Path, ours_cfg: Path, engine: str) -> Path:
    """`playbook render` of the playbook (untimed): a docs folder and a plain mkdocs.yml."""
    folder = root / f"plain-{engine}"
    if folder.exists():
        shutil.rmtree(folder)
    command = [str(BIN / "playbook"), "render", str(playbook), "--out", str(folder / "docs")]
    run_once([*command, "--config", str(ours_cfg), "--engine", engine], env=env_without_noise())
    return folder / "mkdocs.yml"


def _zip_seconds(site: Path) -> float:
    """What `write_offline_zip` costs on a site of this size, timed on the plain site (a scratch
    folder the next plain build cleans)."""
    started = time.perf_counter()
    zipped = write_offline_zip(site)
    elapsed = time.perf_counter() - started
    zipped.unlink()
    return elapsed


def site_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


ENGINES = ("mkdocs", "zensical")


def _without_render_cache(root: Path) -> None:
    """Before a `playbook build` "after an edit": delete the kept render, so the build validates
    and renders as the first build after any change does."""
    (root / ".cache" / "playbook-render.json").unlink(missing_ok=True)


def _commands(engine: str, ours_cfg: Path, plain_cfg: Path, root: Path) -> dict[str, list[str]]:
    ours = [str(BIN / "playbook"), "build", "--engine", engine, "--config", str(ours_cfg)]
    ours += ["--site-dir", str(root / f"site-ours-{engine}")]
    if engine == "zensical":  # its site folder must be inside the configuration's folder
        plain = [str(BIN / "zensical"), "build", "--strict", "--config-file", str(plain_cfg)]
    else:
        plain = [str(BIN / "mkdocs"), "build", "--strict", "--config-file", str(plain_cfg)]
        plain += ["--site-dir", str(plain_cfg.parent / "site")]
    return {"ours": ours, "plain": plain, "cold": ours}


def run(
    report: Report, playbooks: dict[int, Path], runs: int, work: Path
) -> dict[int, dict[str, float]]:
    """Time both builds at every scale for each engine; returns, for MkDocs, scale -> {"whole",
    "plain", "cpu", "plain_cpu", "size", "pages", "site_bytes"} (the growth section reads it)."""
    env = env_without_noise()
    out: dict[int, dict[str, float]] = {}
    for scale, playbook in playbooks.items():
        root = playbook.parent
        ours_cfg = ours_config(root, playbook)
        for engine in ENGINES:
            plain_cfg = plain_config(root, playbook, ours_cfg, engine)
            commands = _commands(engine, ours_cfg, plain_cfg, root)
            rounds = min(runs, ROUNDS.get(scale, runs))
            cpu: dict[str, list[float]] = {"ours": [], "plain": [], "cold": []}

            def timed(
                name: str, cmd: list[str], cpu: dict[str, list[float]] = cpu, root: Path = root
            ) -> float:
                if name == "cold":
                    _without_render_cache(root)
                wall, used = run_timed(cmd, env=env)
                cpu[name].append(used)
                return wall

            times = interleaved(
                {name: (lambda n=name, c=cmd: timed(n, c)) for name, cmd in commands.items()},
                rounds,
                warmup=1 if engine == "zensical" else 0,
            )
            ours, plain, cold = (median(times[n]) for n in ("ours", "plain", "cold"))
            ours_cpu, plain_cpu = median(cpu["ours"][-rounds:]), median(cpu["plain"][-rounds:])
            ours_site, plain_site = root / f"site-ours-{engine}", plain_cfg.parent / "site"
            pages = sum(1 for _ in ours_site.rglob("*.html"))
            label = f"{engine}, scale {scale} ({pages} pages, {rounds} runs)"
            report.add(Figure("build", f"{label}: playbook build", ours, "s"))
            report.add(Figure("build", f"{label}: plain {engine} build", plain, "s"))
            ratio = ours / plain
            report.add(
                Figure(
                    "build",
                    f"{label}: ratio ours / plain",
                    ratio,
                    "x",
                    target=f"<= {TARGET:.2f}",
                    met=ratio <= TARGET,
                )
            )
            report.add(
                Figure(
                    "build",
                    f"{label}: ratio ours after an edit (no kept render) / plain",
                    cold / plain,
                    "x",
                    note=f"{cold:.2f} s; the first build after any change validates and renders",
                )
            )
            report.add(
                Figure(
                    "build",
                    f"{label}: ratio of CPU time ours / plain",
                    ours_cpu / plain_cpu,
                    "x",
                    note=f"CPU {ours_cpu:.1f} s / {plain_cpu:.1f} s; information",
                )
            )
            zip_seconds = median([_zip_seconds(plain_site) for _ in range(rounds)])
            report.add(
                Figure(
                    "build",
                    f"{label}: of ours, the offline zip (plain builds have none)",
                    zip_seconds,
                    "s",
                )
            )
            report.add(
                Figure(
                    "build",
                    f"{label}: ratio ours without the zip / plain",
                    (ours - zip_seconds) / plain,
                    "x",
                    note="information",
                )
            )
            if engine != "mkdocs":
                continue
            pages_in = sum(p.stat().st_size for p in (playbook / PAGES_DIR).rglob("*.md"))
            yaml_in = sum(p.stat().st_size for p in playbook.glob("*.yaml"))
            out[scale] = {
                "whole": ours,
                "plain": plain,
                "cpu": ours_cpu,
                "plain_cpu": plain_cpu,
                "size": yaml_in + pages_in,
                "pages": pages,
                "site_bytes": site_bytes(ours_site),
            }
    return out
