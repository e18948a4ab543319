"""The severity decision tree drawn for readers who do not run the widget: a static SVG
flowchart laid out at build time, and a nested outline of the questions.

A small layered layout of our own (no Mermaid, no JavaScript, nothing fetched): questions are
boxes, severities are rounded boxes linking to their page, answers are labelled arrows. Every
question sits in the layer of its longest path from the start, so arrows always point down; each
question gets its own severity boxes right below it, so no arrow has to cross the chart to reach
a shared one. All text is XML-escaped.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import escape

from generator.i18n import gettext as _
from generator.model import Answer, DecisionNode, DecisionTree, Playbook
from generator.render.filters import plain_text

BOX_W = 220
GAP_X = 50
GAP_Y = 64
LINE_H = 16
PAD_Y = 12
CHARS = 30  # characters per line inside a box at 13px (a wide character, as in Japanese, is two)
MARGIN = 10


@dataclass
class _Node:
    key: str
    lines: list[str]
    severity: str | None = None  # severity id for a terminal box
    layer: int = 0
    x: float = 0.0
    y: float = 0.0
    parents: list[str] = field(default_factory=list)

    @property
    def height(self) -> int:
        return len(self.lines) * LINE_H + 2 * PAD_Y


@dataclass(frozen=True)
class _Edge:
    source: str
    target: str
    label: str


def flowchart_svg(model: Playbook, *, href: Callable[[str], str]) -> str:
    """The whole `<svg>` element; `href` maps a site path such as `severities/sev1.md` to a link."""
    tree = model.decision_tree
    if tree is None:
        raise ValueError("the playbook has no decision tree to draw")
    nodes, edges = _graph(tree, model)
    layers = _layers(nodes, tree.start)
    width, height = _place(nodes, layers)
    return _draw(nodes, edges, width, height, href)


def _graph(tree: DecisionTree, model: Playbook) -> tuple[dict[str, _Node], list[_Edge]]:
    nodes: dict[str, _Node] = {}
    for node in tree.nodes:
        nodes[f"q:{node.id}"] = _Node(f"q:{node.id}", _wrap(plain_text(node.question)))
    labels: dict[tuple[str, str], list[str]] = {}
    for node in tree.nodes:
        for answer in node.answers:
            if answer.next:
                target = f"q:{answer.next}"
            else:
                # An answer that also names an incident type gets its own box, labelled with it.
                target = f"s:{node.id}:{answer.severity}:{answer.type or ''}"
                if target not in nodes:
                    severity = model.severity(str(answer.severity))
                    text = f"{severity.label} {severity.name}".strip()
                    if answer.type:
                        kind = model.incident_type(answer.type).name
                        text = _("%(severity)s, %(type)s") % {"severity": text, "type": kind}
                    nodes[target] = _Node(target, _wrap(text), severity.id)
            labels.setdefault((f"q:{node.id}", target), []).append(plain_text(answer.label))
    edges = [_Edge(src, dst, " / ".join(names)) for (src, dst), names in labels.items()]
    for edge in edges:
        nodes[edge.target].parents.append(edge.source)
    return nodes, edges


def _layers(nodes: dict[str, _Node], start: str) -> list[list[str]]:
    """Longest-path layering from the start; discovery order within a layer, then one sweep."""
    order: list[str] = []
    children: dict[str, list[str]] = {key: [] for key in nodes}
    for key, node in nodes.items():
        for parent in node.parents:
            children[parent].append(key)
    depth: dict[str, int] = {}

    def visit(key: str, level: int, trail: frozenset[str]) -> None:
        if key in trail or depth.get(key, -1) >= level:
            return
        if key not in depth:
            order.append(key)
        depth[key] = level
        for child in children[key]:
            visit(child, level + 1, trail | {key})

    visit(f"q:{start}", 0, frozenset())
    for key in nodes:  # unreachable questions (validation reports them) still get drawn
        if key not in depth:
            visit(key, max(depth.values(), default=-1) + 1, frozenset())
    layers: list[list[str]] = [[] for _ in range(max(depth.values()) + 1)]
    for key in order:
        nodes[key].layer = depth[key]
        layers[depth[key]].append(key)
    for index in range(1, len(layers)):
        above = {key: i for i, key in enumerate(layers[index - 1])}

        def centre(key: str, above: dict[str, int] = above) -> float:
            spots = [above[p] for p in nodes[key].parents if p in above]
            return sum(spots) / len(spots) if spots else float(len(above))

        layers[index].sort(key=centre)
    return layers


def _place(nodes: dict[str, _Node], layers: list[list[str]]) -> tuple[int, int]:
    widest = max(len(layer) for layer in layers)
    width = widest * BOX_W + (widest - 1) * GAP_X + 2 * MARGIN
    y = MARGIN
    for layer in layers:
        tallest = max(nodes[key].height for key in layer)
        span = len(layer) * BOX_W + (len(layer) - 1) * GAP_X
        left = (width - span) / 2
        for i, key in enumerate(layer):
            nodes[key].x = left + i * (BOX_W + GAP_X)
            nodes[key].y = y + (tallest - nodes[key].height) / 2
        y += tallest + GAP_Y
    return int(width), int(y - GAP_Y + MARGIN)


def _draw(
    nodes: dict[str, _Node],
    edges: list[_Edge],
    width: int,
    height: int,
    href: Callable[[str], str],
) -> str:
    title = _("Flowchart of the decision tree")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="pb-fc-title" '
        'font-family="sans-serif" font-size="13">',
        f'<title id="pb-fc-title">{escape(title)}</title>',
        '<defs><marker id="pb-fc-arrow" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
    ]
    for edge in edges:
        out.extend(_edge(nodes[edge.source], nodes[edge.target], edge.label))
    for node in nodes.values():
        out.extend(_box(node, href))
    out.append("</svg>")
    return "\n".join(out)


def _edge(source: _Node, target: _Node, label: str) -> list[str]:
    sx, sy = source.x + BOX_W / 2, source.y + source.height
    tx, ty = target.x + BOX_W / 2, target.y
    my = (sy + ty) / 2
    lx, ly = (sx + tx) / 2, my
    text_w = _width(label) * 7 + 10
    return [
        f'<path class="pb-fc-edge" d="M{_n(sx)},{_n(sy)} C{_n(sx)},{_n(my)} {_n(tx)},{_n(my)} '
        f'{_n(tx)},{_n(ty)}" fill="none" stroke="#555" stroke-width="1.5" '
        'marker-end="url(#pb-fc-arrow)"/>',
        f'<rect class="pb-fc-label-bg" x="{_n(lx - text_w / 2)}" y="{_n(ly - 10)}" '
        f'width="{_n(text_w)}" height="18" rx="3" fill="#fff"/>',
        f'<text class="pb-fc-label" x="{_n(lx)}" y="{_n(ly + 4)}" text-anchor="middle" '
        f'font-style="italic">{escape(label)}</text>',
    ]


def _box(node: _Node, href: Callable[[str], str]) -> list[str]:
    kind = "severity" if node.severity else "question"
    radius = 18 if node.severity else 3
    fill = "#eee" if node.severity else "#fff"
    lines = [
        f'<rect class="pb-fc-{kind}" x="{_n(node.x)}" y="{_n(node.y)}" width="{BOX_W}" '
        f'height="{node.height}" rx="{radius}" fill="{fill}" stroke="#333" stroke-width="1.5"/>'
    ]
    weight = ' font-weight="bold"' if node.severity else ""
    for i, line in enumerate(node.lines):
        y = node.y + PAD_Y + (i + 1) * LINE_H - 4
        lines.append(
            f'<text x="{_n(node.x + BOX_W / 2)}" y="{_n(y)}" text-anchor="middle"{weight}>'
            f"{escape(line)}</text>"
        )
    if node.severity:
        link = escape(href(f"severities/{node.severity}.md"))
        lines = [f'<a href="{link}" class="pb-fc-link">', *lines, "</a>"]
    return lines


def _wrap(text: str) -> list[str]:
    text = " ".join(text.split())
    if _width(text) == len(text):  # no wide characters: break between words
        return textwrap.wrap(text, CHARS, break_on_hyphens=False) or [""]
    return _wrap_wide(text)


def _width(text: str) -> int:
    """Columns the text takes: two for a wide character (CJK), one for any other."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


#: Punctuation that must not start a line (it stays with the text before it) and brackets that
#: must not end one (they go with the text after them), as Japanese line breaking has it.
_NO_START = frozenset(
    "、。，．・：；？！）」』】〕〉》"  # noqa: RUF001 (full-width punctuation is meant)
    "ー〜…‥ゝゞ々ぁぃぅぇぉっゃゅょァィゥェォッャュョ,.:;?!)]}"
)
_NO_END = frozenset("（「『【〔〈《([{")  # noqa: RUF001 (full-width brackets are meant)
_HELD = _NO_START | _NO_END


def _wrap_wide(text: str) -> list[str]:
    """Lines of at most `CHARS` columns for text with wide characters: a line may break after any
    wide character or at a space, never inside a run of narrow ones (a word, a number) unless
    the run alone is too long, and not before closing or after opening punctuation."""
    units: list[str] = []  # pieces that stay on one line
    for char in text:
        last = units[-1][-1] if units else ""
        in_word = char != " " and char not in _HELD and _width(char) == 1
        joins_word = in_word and last not in ("", " ") and _width(last) == 1
        if last and (char in _NO_START or last in _NO_END or joins_word):
            units[-1] += char
        else:
            units.append(char)
    lines: list[str] = []
    line = ""
    for unit in units:
        if line and _width(line + unit.rstrip()) > CHARS:
            lines.append(line.rstrip())
            line = unit.lstrip()
        else:
            line += unit
        while _width(line) > CHARS:  # a single run wider than a line: cut it
            cut = 1
            while _width(line[: cut + 1]) <= CHARS:
                cut += 1
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _n(value: float) -> str:
    """Coordinates with at most one decimal, written the same way on every run."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


# --------------------------------------------------------------------------- the outline


@dataclass(frozen=True)
class OutlineBranch:
    """An answer in the static tree outline: leads to a nested question, a severity, or a
    question already shown above (`seen`), which is linked instead of repeated."""

    answer: Answer
    node: OutlineNode | None = None
    seen: DecisionNode | None = None
    seen_number: int = 0


@dataclass(frozen=True)
class OutlineNode:
    node: DecisionNode
    number: int
    branches: list[OutlineBranch] = field(default_factory=list)


def tree_outline(tree: DecisionTree) -> OutlineNode:
    """The tree as nested questions from the start; each question is expanded once."""
    nodes = {node.id: node for node in tree.nodes}
    numbers: dict[str, int] = {}

    def expand(node: DecisionNode) -> OutlineNode:
        numbers[node.id] = len(numbers) + 1
        outline = OutlineNode(node, numbers[node.id])
        for answer in node.answers:
            if answer.next is None:
                outline.branches.append(OutlineBranch(answer))
            elif answer.next in numbers:
                seen = nodes[answer.next]
                outline.branches.append(
                    OutlineBranch(answer, seen=seen, seen_number=numbers[answer.next])
                )
            else:
                outline.branches.append(OutlineBranch(answer, node=expand(nodes[answer.next])))
        return outline

    return expand(nodes[tree.start])
