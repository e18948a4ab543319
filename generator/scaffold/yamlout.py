"""Writing playbook YAML that reads back the same under YAML 1.2 and looks hand-written.

PyYAML's dumper quotes every string YAML 1.1 would read as something else (`No`, `2026-11-01`,
`1:30`), a superset of what YAML 1.2 needs, so dumped strings stay strings for editors too.
"""

from __future__ import annotations

from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    """Block style with sequences indented under their key, as the default playbook is written."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.rstrip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_file(data: dict[str, Any], header: list[str]) -> str:
    """A playbook file: its comment header (modeline first), a blank line, then the data."""
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
        indent=2,
    )
    return "\n".join(header) + "\n\n" + body


def comment_header(text: str) -> list[str]:
    """The leading comment lines of a file (the modeline and what the file is for)."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return lines
