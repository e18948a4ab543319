"""Section 3: `playbook build` against a plain `mkdocs build` of the same pages.

The plain build gets exactly what our plugin would hand MkDocs: the Markdown that
`playbook render --out` writes (rendered once, untimed, own pages included under guides/), our
assets under `assets/`, and a copy of the project's mkdocs.yml without the `playbook`
plugin but with the same theme, features, Markdown extensions, other plugins, navigation,
`extra_css`, deferred `extra_javascript` and polyfill the plugin would register. The difference
between the two is what the plugin costs: loading and validating the YAML, rendering the pages.
The plain build also publishes the summary download as a page (MkDocs has no other way to keep
a `.md` file verbatim), which makes it do slightly more work, not less.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import yaml

from generator.layout import PAGES_DIR, TEMPLATES_DIR
from generator.mkdocs_plugin import ASSETS, POLYFILLS
from generator.pipeline import validate_playbook
from generator.render import site_nav
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

#: Timed rounds per scale: a scale-100 build of ~1,000 pages takes about a minute each way, so
#: it runs once to keep `make bench` under ten minutes on two cores.
ROUNDS = {1: 5, 10: 3, 100: 1}


def project_config() -> dict[str, Any]:
    return yaml.safe_load(PROJECT_CONFIG.read_text(encoding="utf-8"))


def _without_playbook_plugin(plugins: list[Any]) -> list[Any]:
    kept = []
    for plugin in plugins:
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name != "playbook":
            kept.append(plugin)
    return kept


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


def plain_config(root: Path, playbook: Path) -> Path:
    """Rendered pages + assets, and a mkdocs.yml with everything but our plugin."""
    docs = root / "plain-docs"
    if docs.exists():
        shutil.rmtree(docs)
    run_once(
        [str(BIN / "playbook"), "render", "--out", str(docs), "--playbook", str(playbook)],
        env=env_without_noise(),
    )
    shutil.copytree(TEMPLATES_DIR / ASSETS, docs / ASSETS, dirs_exist_ok=True)
    assets = sorted(
        p.relative_to(docs).as_posix() for p in (docs / ASSETS).rglob("*") if p.is_file()
    )
    result = validate_playbook(playbook)
    assert result.model is not None, "the synthetic playbook must be valid"

    config = project_config()
    config["docs_dir"] = str(docs)
    config["plugins"] = _without_playbook_plugin(config["plugins"])
    config["nav"] = site_nav(result.model, playbook / PAGES_DIR)
    config["extra_css"] = [a for a in assets if a.endswith(".css")]
    config["extra_javascript"] = [
        {"path": a, "defer": True}
        for a in assets
        if a.endswith(".js") and a.rsplit("/", 1)[-1] not in POLYFILLS
    ]
    polyfills = [a for a in assets if a.rsplit("/", 1)[-1] in POLYFILLS]
    if polyfills:
        config.setdefault("extra", {})["polyfills"] = polyfills
    path = root / "mkdocs-plain.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


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


def run(
    report: Report, playbooks: dict[int, Path], runs: int, work: Path
) -> dict[int, dict[str, float]]:
    """Time both builds at every scale; returns scale -> {"whole", "plain", "size", "pages"}."""
    env = env_without_noise()
    out: dict[int, dict[str, float]] = {}
    for scale, playbook in playbooks.items():
        root = playbook.parent
        ours_cfg, plain_cfg = ours_config(root, playbook), plain_config(root, playbook)
        ours_site, plain_site = root / "site-ours", root / "site-plain"
        ours_cmd = [
            str(BIN / "playbook"),
            "build",
            "--config",
            str(ours_cfg),
            "--site-dir",
            str(ours_site),
        ]
        plain_cmd = [
            str(BIN / "mkdocs"),
            "build",
            "--strict",
            "--config-file",
            str(plain_cfg),
            "--site-dir",
            str(plain_site),
        ]
        rounds = min(runs, ROUNDS.get(scale, runs))
        cpu: dict[str, list[float]] = {"ours": [], "plain": []}

        def timed(name: str, cmd: list[str], cpu: dict[str, list[float]] = cpu) -> float:
            wall, used = run_timed(cmd, env=env)
            cpu[name].append(used)
            return wall

        times = interleaved(
            {
                "ours": lambda c=ours_cmd: timed("ours", c),
                "plain": lambda c=plain_cmd: timed("plain", c),
            },
            rounds,
            warmup=0,
        )
        ours, plain = median(times["ours"]), median(times["plain"])
        ours_cpu, plain_cpu = median(cpu["ours"]), median(cpu["plain"])
        pages = sum(1 for _ in ours_site.rglob("*.html"))
        label = f"scale {scale} ({pages} pages, {rounds} runs)"
        report.add(Figure("build", f"{label}: playbook build", ours, "s"))
        report.add(Figure("build", f"{label}: plain mkdocs build", plain, "s"))
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
