"""The decision tree leads every path to a severity: it starts at a real node, never loops, has
no orphan questions, and each answer goes to exactly one place."""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Finding
from generator.loader import DataPath
from generator.validate.document import Document, is_id
from generator.validate.suggest import did_you_mean

KIND = "decision-tree"


class _Tree:
    """The nodes with usable ids and, per node, its `next` edges with their paths."""

    def __init__(self, doc: Document) -> None:
        self.nodes: dict[str, DataPath] = {}
        self.edges: dict[str, list[tuple[str, DataPath]]] = {}
        self.severities: dict[str, list[str]] = {}  # node id -> severity ids its answers give
        for path, node in doc.entries(KIND, ("nodes",)):
            node_id = node.get("id")
            if not isinstance(node_id, str) or node_id in self.nodes:
                continue
            self.nodes[node_id] = (*path, "id")
            self.edges[node_id] = []
            self.severities[node_id] = []
            for answer_path, answer in doc.entries(KIND, (*path, "answers")):
                if is_id(answer.get("next")):
                    self.edges[node_id].append((answer["next"], (*answer_path, "next")))
                if is_id(answer.get("severity")):
                    self.severities[node_id].append(answer["severity"])

    def reachable(self, start: str) -> list[str]:
        seen = [start]
        queue = [start]
        while queue:
            for target, _ in self.edges.get(queue.pop(0), ()):
                if target in self.nodes and target not in seen:
                    seen.append(target)
                    queue.append(target)
        return seen


def _start(doc: Document, tree: _Tree) -> str | None:
    start = doc.get(KIND, ("start",))
    return start if isinstance(start, str) and start in tree.nodes else None


def check_start(doc: Document) -> Iterator[Finding]:
    """`tree-start-missing`: `start` names a question of the tree."""
    start = doc.get(KIND, ("start",))
    if not doc.has(KIND) or not is_id(start):
        return
    tree = _Tree(doc)
    if start not in tree.nodes:
        yield doc.finding(
            "tree-start-missing",
            f"start names the question '{start}', which is not in `nodes`",
            KIND,
            ("start",),
            hint=did_you_mean(start, tree.nodes),
        )


def check_answers(doc: Document) -> Iterator[Finding]:
    """`tree-answer-target`: each answer has exactly one of `next` and `severity`."""
    for node_path, _node in doc.entries(KIND, ("nodes",)):
        for path, answer in doc.entries(KIND, (*node_path, "answers")):
            given = [name for name in ("next", "severity") if answer.get(name) is not None]
            if len(given) == 1:
                continue
            label = answer.get("label")
            named = f"the answer '{label}'" if isinstance(label, str) else "this answer"
            if given:
                message = f"{named} has both `next` and `severity`; it can lead to only one"
                hint = "keep `next` to ask another question, or `severity` to end the tree here"
            else:
                message = f"{named} leads nowhere: it needs `next` or `severity`"
                hint = "add `next: <question id>` or `severity: <severity id>`"
            yield doc.finding("tree-answer-target", message, KIND, path, hint=hint)


def check_cycles(doc: Document) -> Iterator[Finding]:
    """`tree-cycle`: following answers never returns to an earlier question."""
    tree = _Tree(doc)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    reported: set[tuple[str, ...]] = set()
    for root in tree.nodes:
        if root in state:
            continue
        path: list[str] = [root]
        stack: list[Iterator[tuple[str, DataPath]]] = [iter(tree.edges[root])]
        state[root] = 1
        while stack:
            step = next(stack[-1], None)
            if step is None:
                state[path.pop()] = 2
                stack.pop()
                continue
            target, where = step
            if target not in tree.nodes:
                continue
            if state.get(target) == 1:
                loop = path[path.index(target) :]
                turn = loop.index(min(loop))
                canonical = tuple(loop[turn:] + loop[:turn])
                if canonical not in reported:
                    reported.add(canonical)
                    shown = " -> ".join([*loop, target])
                    yield doc.finding(
                        "tree-cycle",
                        f"the questions loop: {shown}; a responder would never reach a severity",
                        KIND,
                        where,
                        hint="point one answer of the loop at a later question or a severity",
                    )
            elif target not in state:
                state[target] = 1
                path.append(target)
                stack.append(iter(tree.edges[target]))


def check_unreachable(doc: Document) -> Iterator[Finding]:
    """`tree-unreachable-node`: every question can be reached from `start`."""
    tree = _Tree(doc)
    start = _start(doc, tree)
    if start is None:
        return
    reached = set(tree.reachable(start))
    for node_id, path in tree.nodes.items():
        if node_id not in reached:
            yield doc.finding(
                "tree-unreachable-node",
                f"no answer leads to the question '{node_id}', and it is not the start",
                KIND,
                path,
                hint="point an answer's `next` at it, or remove it",
            )


def check_severities_reached(doc: Document) -> Iterator[Finding]:
    """`tree-severity-unreachable` (warning): the tree can end at every severity."""
    tree = _Tree(doc)
    start = _start(doc, tree)
    if start is None or not doc.has("severities"):
        return
    results = {sev for node in tree.reachable(start) for sev in tree.severities[node]}
    for path, severity in doc.entries("severities", ("severities",)):
        severity_id = severity.get("id")
        if is_id(severity_id) and severity_id not in results:
            yield doc.finding(
                "tree-severity-unreachable",
                f"no answer in decision-tree.yaml leads to the severity '{severity_id}'",
                "severities",
                (*path, "id"),
                hint="add an answer with `severity: " + str(severity_id) + "` to the tree",
            )


DEFAULT_MAX_ANSWERS = 4


def _max_answers(doc: Document) -> int:
    value = doc.get("organisation", ("decision_tree_max_answers",))
    valid = isinstance(value, int) and not isinstance(value, bool) and value >= 1
    return value if valid else DEFAULT_MAX_ANSWERS


def check_path_length(doc: Document) -> Iterator[Finding]:
    """`tree-path-long` (warning): a responder reaches a severity within the organisation's
    number of answers; reported once, at the first question a path reaches too late."""
    tree = _Tree(doc)
    start = _start(doc, tree)
    if start is None:
        return
    limit = _max_answers(doc)
    depth, came_from = _longest_depths(tree, start)
    for node_id, node_depth in depth.items():
        before = came_from.get(node_id)
        if node_depth < limit or (before is not None and depth[before] >= limit):
            continue
        route = [node_id]
        while route[-1] in came_from:
            route.append(came_from[route[-1]])
        shown = " -> ".join(reversed(route))
        yield doc.finding(
            "tree-path-long",
            f"a responder can reach the question '{node_id}' only after {node_depth} answers"
            f" ({shown}), so a severity takes {node_depth + 1} or more; the organisation allows"
            f" {limit} (decision_tree_max_answers)",
            KIND,
            tree.nodes[node_id],
            hint="merge questions into one with more answers, or let an earlier answer lead"
            " straight to a severity",
        )


def _longest_depths(tree: _Tree, start: str) -> tuple[dict[str, int], dict[str, str]]:
    """Per reachable node, the most answers any route from `start` needs to reach it, and the
    node before it on that route. Loops (reported by `tree-cycle`) are not followed."""
    order: list[str] = []
    state: dict[str, int] = {}
    stack: list[tuple[str, Iterator[tuple[str, DataPath]]]] = [(start, iter(tree.edges[start]))]
    state[start] = 1
    while stack:
        node, edges = stack[-1]
        step = next(edges, None)
        if step is None:
            state[node] = 2
            order.append(node)
            stack.pop()
            continue
        target = step[0]
        if target in tree.nodes and target not in state:
            state[target] = 1
            stack.append((target, iter(tree.edges[target])))
    rank = {node: index for index, node in enumerate(order)}  # finish order
    depth = {start: 0}
    came_from: dict[str, str] = {}
    for node in reversed(order):  # a topological order of the reachable part
        if node not in depth:
            continue
        for target, _ in tree.edges[node]:
            forward = target in rank and rank[target] < rank[node]  # not a loop back
            if forward and depth[node] + 1 > depth.get(target, -1):
                depth[target] = depth[node] + 1
                came_from[target] = node
    return depth, came_from
