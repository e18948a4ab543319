"""The loader's shortcuts that choose the parser answer exactly as the full checks they skip.

`_python_only` decides whether libyaml may read a text; its quick paths (a pattern searched only
when its character occurs, a flow line without quotes judged by counting brackets) must give the
same answer as the character-by-character scan and the single pattern they replaced.
"""

from __future__ import annotations

import random
import re

from generator.loader.build import _PYTHON_ONLY_PATTERNS, _lenient_flow, _lenient_flow_scan

#: The single pattern the three searches of `_PYTHON_ONLY_PATTERNS` replaced.
COMBINED = re.compile(r"[|>][-+0-9]*#|(?:^|[\s\[{,])!|^%", re.M)


def test_flow_lines_without_quotes_are_judged_as_the_scan_judges_them() -> None:
    draw = random.Random(7)
    differing = []
    for _ in range(100_000):
        line = "".join(draw.choice("ab :,?[]{} x") for _ in range(draw.randint(0, 14)))
        if _lenient_flow(line) != _lenient_flow_scan(line):
            differing.append(line)
    assert differing == []
    assert _lenient_flow("text: 「{service}」で障害") is False
    assert _lenient_flow("a: {b: , c: d}") is True
    assert _lenient_flow("a: [b, c") is True
    assert _lenient_flow("a: {? b}") is True


def test_the_three_searches_find_what_the_combined_pattern_finds() -> None:
    draw = random.Random(3)
    differing = []
    for _ in range(100_000):
        text = "".join(draw.choice("|>-+09#! \n[{,%a") for _ in range(draw.randint(0, 12)))
        split = any(
            mark in text and pattern.search(text) for mark, pattern in _PYTHON_ONLY_PATTERNS
        )
        if split != bool(COMBINED.search(text)):
            differing.append(text)
    assert differing == []
