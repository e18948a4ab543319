"""Section 4: how validate and build time grow from scale 1 to 10 to 100.

The growth exponent is the slope on a log-log plot between two neighbouring scales, taken on
CPU time (wall time on a shared two-core machine jumps with whatever else runs). Past the
schema's caps only the hand-written pages keep growing (see synthetic.py), so the exponent that
says whether the work is linear is taken against the input each step actually handles:
validation against the YAML bytes it reads (work time, interpreter start-up excluded: a constant
would flatter the slope), a build against the number of pages it writes. The slope against the
nominal scale factor is printed for information, and the plain MkDocs build's for comparison.
"""

from __future__ import annotations

import itertools

from tests.benchmarks.measure import Figure, Report, slope

TARGET = 1.1


def _pairs(times: dict[int, dict[str, float]]) -> list[tuple[int, int]]:
    return list(itertools.pairwise(sorted(times)))


def _judge(
    report: Report,
    what: str,
    times: dict[int, dict[str, float]],
    key: str,
    size: str,
    unit: str,
) -> None:
    for low, high in _pairs(times):
        a, b = times[low], times[high]
        by_size = slope(a[size], a[key], b[size], b[key])
        report.add(
            Figure(
                "growth",
                f"{what}: exponent vs {unit}, scale {low} -> {high}",
                by_size,
                "",
                target=f"<= {TARGET}",
                met=by_size <= TARGET,
                note=f"{a[size]:.0f} -> {b[size]:.0f} {unit}; {a[key]:.2f} -> {b[key]:.2f} s CPU",
            )
        )
        name = f"{what}: exponent vs scale factor, scale {low} -> {high}"
        report.add(Figure("growth", name, slope(low, a[key], high, b[key]), ""))


def run(
    report: Report,
    validate_times: dict[int, dict[str, float]],
    build_times: dict[int, dict[str, float]],
) -> None:
    if len(validate_times) < 2 and len(build_times) < 2:
        raise RuntimeError("growth needs the validate and build sections at two scales or more")
    if len(validate_times) >= 2:
        _judge(report, "validate work", validate_times, "work", "size", "YAML bytes")
    if len(build_times) >= 2:
        _judge(report, "playbook build", build_times, "cpu", "pages", "pages")
        for low, high in _pairs(build_times):
            a, b = build_times[low], build_times[high]
            report.add(
                Figure(
                    "growth",
                    f"plain mkdocs build: exponent vs pages, scale {low} -> {high}",
                    slope(a["pages"], a["plain_cpu"], b["pages"], b["plain_cpu"]),
                    "",
                    note="the same pages without our plugin, for comparison",
                )
            )
