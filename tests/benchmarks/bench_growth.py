"""Section 4: how validate and build time grow from scale 1 to 10 to 100.

The growth exponent is the slope on a log-log plot between two neighbouring scales. Past the
schema's caps only the hand-written pages keep growing (see synthetic.py), so the exponent that
says whether the work is linear is taken against the input actually read: the YAML bytes for
validation, the YAML plus Markdown bytes for a build. Validation is judged on its work time
(interpreter start-up excluded; a constant start-up would flatter the slope); the build on
whole-process time, where start-up is small. The slope against the nominal scale factor is
printed too, for information.
"""

from __future__ import annotations

import itertools

from tests.benchmarks.measure import Figure, Report, slope

TARGET = 1.1


def _pairs(times: dict[int, dict[str, float]]) -> list[tuple[int, int]]:
    scales = sorted(times)
    return list(itertools.pairwise(scales))


def _judge(report: Report, what: str, times: dict[int, dict[str, float]], key: str) -> None:
    for low, high in _pairs(times):
        a, b = times[low], times[high]
        by_size = slope(a["size"], a[key], b["size"], b[key])
        report.add(
            Figure(
                "growth",
                f"{what}: exponent vs input bytes, scale {low} -> {high}",
                by_size,
                "",
                target=f"<= {TARGET}",
                met=by_size <= TARGET,
                note=f"{a['size'] / 1e3:.0f} KB -> {b['size'] / 1e3:.0f} KB",
            )
        )
        by_factor = slope(low, a[key], high, b[key])
        report.add(
            Figure(
                "growth", f"{what}: exponent vs scale factor, scale {low} -> {high}", by_factor, ""
            )
        )


def run(
    report: Report,
    validate_times: dict[int, dict[str, float]],
    build_times: dict[int, dict[str, float]],
) -> None:
    if len(validate_times) < 2 and len(build_times) < 2:
        raise RuntimeError("growth needs the validate and build sections at two scales or more")
    if len(validate_times) >= 2:
        _judge(report, "validate work", validate_times, "work")
    if len(build_times) >= 2:
        _judge(report, "playbook build", build_times, "whole")
        for low, high in _pairs(build_times):
            a, b = build_times[low], build_times[high]
            report.add(
                Figure(
                    "growth",
                    f"plain mkdocs build: exponent vs input bytes, scale {low} -> {high}",
                    slope(a["size"], a["plain"], b["size"], b["plain"]),
                    "",
                    note="the same pages without our plugin, for comparison",
                )
            )
