"""`make bench`: every benchmark section in one run, figures and ratios printed side by side.

    python -m tests.benchmarks.run [--only validate,build,growth,pages,reload] [--runs N]
                                   [--scales 1,10,100] [--markdown FILE] [--json FILE]

Generates the synthetic playbooks (scales 1, 10, 100) in a temporary folder, then runs the
sections in order. A section whose prerequisite is missing is reported as a problem and the
others still run; the exit code is 1 if any target is not met or any section failed.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from importlib import metadata
from pathlib import Path

from tests.benchmarks import synthetic
from tests.benchmarks.measure import Report, section

SCALES = (1, 10, 100)
SECTIONS = ("validate", "build", "growth", "pages", "reload")


def versions() -> str:
    names = ("mkdocs", "mkdocs-material", "jsonschema", "check-jsonschema", "playwright")
    found = []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} missing")
    chromium = subprocess.run(
        ["/usr/bin/chromium", "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return ", ".join([f"Python {platform.python_version()}", *found, chromium or "no chromium"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="incident-playbook benchmarks")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure (median)")
    parser.add_argument(
        "--scales", default=",".join(map(str, SCALES)), help="comma-separated scale factors"
    )
    parser.add_argument("--markdown", type=Path, help="also write the figures as a Markdown table")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    wanted = [s.strip() for s in args.only.split(",") if s.strip()]
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    unknown = set(wanted) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")

    started = time.perf_counter()
    print(f"incident-playbook benchmarks, {datetime.date.today().isoformat()}")
    print(f"cores (nproc): {os.cpu_count()}; {versions()}")
    print(f"each figure: median of {args.runs} runs (fewer where noted), runs interleaved")
    report = Report()
    validate_times: dict[int, dict[str, float]] = {}
    build_times: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="playbook-bench-") as tmp:
        work = Path(tmp)
        playbooks = {s: synthetic.generate(work / f"scale-{s}" / "playbook", s) for s in scales}
        for scale, folder in playbooks.items():
            pages = sum(1 for _ in folder.rglob("*.md"))
            print(f"scale {scale}: {folder} ({pages} hand-written pages)")

        def attempt(name: str, title: str, job) -> None:  # type: ignore[no-untyped-def]
            if name not in wanted:
                return
            section(title)
            try:
                job()
            except Exception as error:
                report.problem(name, f"{type(error).__name__}: {error}")
                traceback.print_exc(limit=3)

        def do_validate() -> None:
            from tests.benchmarks import bench_validate

            validate_times.update(bench_validate.run(report, playbooks, args.runs))

        def do_build() -> None:
            from tests.benchmarks import bench_build

            build_times.update(bench_build.run(report, playbooks, args.runs, work))

        def do_growth() -> None:
            from tests.benchmarks import bench_growth

            bench_growth.run(report, validate_times, build_times)

        def do_pages() -> None:
            from tests.benchmarks import bench_pages

            bench_pages.run(report, work, args.runs)

        def do_reload() -> None:
            from tests.benchmarks import bench_reload

            bench_reload.run(report, work, args.runs)

        attempt("validate", "2. validation: playbook validate vs check-jsonschema", do_validate)
        attempt("build", "3. build overhead: playbook build vs plain mkdocs build", do_build)
        attempt("growth", "4. growth exponents (log-log slope between scales)", do_growth)
        attempt("pages", "5. responder page speed in headless Chromium (file://)", do_pages)
        attempt("reload", "6. live reload in playbook serve", do_reload)

    section("summary")
    missed = [f for f in report.figures if f.met is False]
    for figure in report.figures:
        if figure.met is not None:
            verdict = "met" if figure.met else "NOT MET"
            print(f"  {verdict:<8} {figure.section:<9} {figure.name}: {figure.shown()}")
    for problem in report.problems:
        print(f"  FAILED   {problem}")
    print(f"total time {time.perf_counter() - started:.0f} s")
    if args.markdown:
        args.markdown.write_text(report.markdown() + "\n", encoding="utf-8")
    if args.json:
        args.json.write_text(report.to_json() + "\n", encoding="utf-8")
    return 1 if missed or report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
