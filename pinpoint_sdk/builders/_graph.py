"""The journey activity graph: edges, validation and Mermaid rendering.

Works on plain ``Mapping[str, models.Activity]`` so a graph read from the service (which
may hold activity kinds this SDK does not know yet) is handled like a built one.
"""

from __future__ import annotations

import html
import itertools
import re
import zlib
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from pinpoint_sdk import models

# Activity attributes that each hold one kind of activity (every other attribute, such as
# ``description``, is shared by all kinds).
KINDS: tuple[str, ...] = (
    "wait",
    "email",
    "sms",
    "push",
    "custom",
    "conditional_split",
    "multi_condition",
    "random_split",
    "holdout",
    "contact_center",
)


class Edge(NamedTuple):
    """One link from an activity to the next: ``source --label--> target``.

    ``field`` is the path of the member holding the link, relative to the activity
    (e.g. ``conditional_split.true_activity``); ``label`` is ``None`` for plain sequence
    links and names the branch for splits (``"true"``, ``"50%"``, ``"default"``...).
    """

    source: str
    field: str
    label: str | None
    target: str


def activity_path(key: str) -> str:
    """The error path of an activity: ``activities['key']``."""
    return f"activities[{key!r}]"


def kinds_of(activity: models.Activity) -> list[str]:
    """The known kinds set on ``activity`` plus the wire names of unknown members."""
    found = [kind for kind in KINDS if getattr(activity, kind) is not None]
    found.extend(sorted((activity._unknown or {}).keys()))
    return found


def kind_of(activity: models.Activity) -> str:
    """A one-word description of what the activity does (``"?"`` when nothing is set)."""
    found = kinds_of(activity)
    return found[0] if found else "?"


def _unknown_links(prefix: str, value: Any) -> Iterator[tuple[str, str]]:
    """(path, target) of every ``...Activity`` string member inside an unknown payload.

    The service names every link to another activity ``NextActivity``, ``TrueActivity``,
    ``DefaultActivity`` and so on, so links of a kind the SDK does not know are still
    found and the graph checks stay meaningful.
    """
    if isinstance(value, Mapping):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(item, str) and str(key).endswith("Activity"):
                yield path, item
            else:
                yield from _unknown_links(path, item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _unknown_links(f"{prefix}[{index}]", item)


def _split_branches(activity: models.Activity) -> Iterator[tuple[str, str, str | None]]:
    """(field, label, target) of every branch of a split, ``None`` where it ends the journey."""
    split = activity.conditional_split
    if split is not None:
        yield "conditional_split.true_activity", "true", split.true_activity
        yield "conditional_split.false_activity", "false", split.false_activity
    multi = activity.multi_condition
    if multi is not None:
        for index, branch in enumerate(multi.branches or []):
            field = f"multi_condition.branches[{index}].next_activity"
            yield field, f"branch {index + 1}", branch.next_activity
        yield "multi_condition.default_activity", "default", multi.default_activity
    rand = activity.random_split
    if rand is not None:
        for index, entry in enumerate(rand.branches or []):
            percent = "?" if entry.percentage is None else str(entry.percentage)
            field = f"random_split.branches[{index}].next_activity"
            yield field, f"{percent}%", entry.next_activity


def edges_of(key: str, activity: models.Activity) -> list[Edge]:
    """Every outgoing link of one activity, in a stable order."""
    result: list[Edge] = []

    def add(field: str, label: str | None, target: str | None) -> None:
        if target is not None:
            result.append(Edge(key, field, label, target))

    for kind in ("wait", "email", "sms", "push", "custom", "holdout", "contact_center"):
        inner = getattr(activity, kind)
        if inner is not None:
            add(f"{kind}.next_activity", None, inner.next_activity)
    for field, label, target in _split_branches(activity):
        add(field, label, target)
    for path, target in _unknown_links("", activity._unknown or {}):
        add(path, path.split(".")[0], target)
    return result


def exits_of(key: str, activity: models.Activity) -> list[Edge]:
    """The split branches of one activity that end the journey (no activity follows).

    Each comes back as an `Edge` whose ``target`` is `END`, so the graph drawings can show
    where participants leave: a conditional split without a false branch, a multi-condition
    split without a default, a random-split share that leads nowhere.
    """
    return [
        Edge(key, field, label, END)
        for field, label, target in _split_branches(activity)
        if target is None
    ]


END = "(end)"
"""The ``target`` of an `Edge` from `exits_of`: the journey ends there."""


def all_edges(activities: Mapping[str, models.Activity]) -> list[Edge]:
    """Every link of the graph, activity by activity."""
    return [edge for key, activity in activities.items() for edge in edges_of(key, activity)]


def check_graph(
    activities: Mapping[str, models.Activity], start: str | None
) -> list[tuple[str, str]]:
    """Problems of the graph's shape: dangling links, missing start, unreachable, cycles."""
    problems: list[tuple[str, str]] = []
    if not activities:
        problems.append(("activities", "a journey needs at least one activity"))
    if start is None:
        if activities:
            problems.append(("start_activity", "no start activity; call .start(key)"))
    elif start not in activities:
        problems.append(("start_activity", f"unknown activity {start!r}"))

    successors: dict[str, list[Edge]] = {key: [] for key in activities}
    for edge in all_edges(activities):
        if edge.target not in activities:
            problems.append(
                (f"{activity_path(edge.source)}.{edge.field}", f"unknown activity {edge.target!r}")
            )
        else:
            successors[edge.source].append(edge)

    if start is not None and start in activities:
        seen = {start}
        stack = [start]
        while stack:
            for edge in successors[stack.pop()]:
                if edge.target not in seen:
                    seen.add(edge.target)
                    stack.append(edge.target)
        for key in activities:
            if key not in seen:
                problems.append(
                    (activity_path(key), f"unreachable from the start activity {start!r}")
                )

    problems.extend(_cycles(successors))
    return problems


def _cycles(successors: Mapping[str, list[Edge]]) -> list[tuple[str, str]]:
    """One problem per back edge, at the link that closes the cycle."""
    problems: list[tuple[str, str]] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    for root in successors:
        if root in state:
            continue
        path = [root]
        state[root] = 1
        iterators = [iter(successors[root])]
        while iterators:
            edge = next(iterators[-1], None)
            if edge is None:
                state[path.pop()] = 2
                iterators.pop()
                continue
            mark = state.get(edge.target)
            if mark == 1:
                loop = [*path[path.index(edge.target) :], edge.target]
                problems.append(
                    (
                        f"{activity_path(edge.source)}.{edge.field}",
                        f"cycle {' -> '.join(loop)}",
                    )
                )
            elif mark is None:
                state[edge.target] = 1
                path.append(edge.target)
                iterators.append(iter(successors[edge.target]))
    return problems


_SAFE_ID = re.compile(r"[^A-Za-z0-9_]")


def node_id(key: str) -> str:
    """The Mermaid node id of an activity (prefixed, so keys like ``end`` are safe)."""
    cleaned = _SAFE_ID.sub("_", key)
    if cleaned != key:
        cleaned = f"{cleaned}_{zlib.crc32(key.encode()):08x}"
    return f"n_{cleaned}"


def _label(text: str) -> str:
    # Mermaid reads '#quot;' as a quote inside a quoted label; no HTML is used in labels
    # because exported notebooks and Markdown renderers strip tags such as <br/>.
    return text.replace('"', "#quot;")


def to_mermaid(
    activities: Mapping[str, models.Activity], start: str | None, title: str | None = None
) -> str:
    """A Mermaid ``flowchart TD`` with one node per activity and one arrow per link.

    Nodes read ``key (kind)``. Links to activities that do not exist are drawn to a
    ``missing`` node so a broken graph can still be looked at, and split branches that
    end the journey lead to an ``end`` node.
    """
    lines = ["flowchart TD"]
    if title:
        lines.append(f"    %% {title}")
    if start is not None:
        lines.append("    journey_start((start))")
    for key, activity in activities.items():
        text = _label(f"{key} ({kind_of(activity)})")
        if kind_of(activity) in _SPLITS:
            lines.append(f'    {node_id(key)}{{"{text}"}}')
        else:
            lines.append(f'    {node_id(key)}["{text}"]')
    exits = [edge for key, activity in activities.items() for edge in exits_of(key, activity)]
    if exits:
        lines.append("    journey_end((end))")
    if start is not None:
        lines.append(f"    journey_start --> {node_id(start)}")
    missing: set[str] = set()
    for edge in all_edges(activities):
        if edge.target not in activities and edge.target not in missing:
            missing.add(edge.target)
            lines.append(f'    {node_id(edge.target)}["{_label(edge.target)} (missing)"]')
        arrow = f"-->|{_label(edge.label)}|" if edge.label else "-->"
        lines.append(f"    {node_id(edge.source)} {arrow} {node_id(edge.target)}")
    for edge in exits:
        lines.append(f"    {node_id(edge.source)} -->|{_label(edge.label or '')}| journey_end")
    return "\n".join(lines) + "\n"


_SPLITS = frozenset({"conditional_split", "multi_condition", "random_split"})


# --------------------------------------------------------------------------- SVG

_FONT = 12
_CHAR = 7.2  # average advance of a 12 px sans-serif character
_NODE_H = 40
_ROW_GAP = 46
_COL_GAP = 28
_MARGIN = 16
_START = "(start)"
_VIA = 12.0  # width kept free in a row where a long arrow passes through


class _Box(NamedTuple):
    x: float  # centre
    y: float  # top
    width: float
    height: float
    shape: str  # "activity", "split", "missing", "terminal", "via"


def _layers(
    nodes: list[str], successors: Mapping[str, list[str]], roots: list[str]
) -> tuple[dict[str, int], set[tuple[str, str]]]:
    """A layer per node (longest path from a root) and the back edges that close cycles."""
    order: list[str] = []  # reverse post-order of a DFS is a topological order
    state: dict[str, int] = {}
    back: set[tuple[str, str]] = set()
    for root in [*roots, *nodes]:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(successors.get(root, ())))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                order.append(node)
                stack.pop()
            elif state.get(child) == 1:
                back.add((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(successors.get(child, ()))))
    layer = dict.fromkeys(nodes, 0)
    for node in reversed(order):
        for child in successors.get(node, ()):
            if (node, child) not in back:
                layer[child] = max(layer[child], layer[node] + 1)
    return layer, back


def to_svg(
    activities: Mapping[str, models.Activity], start: str | None, title: str | None = None
) -> str:
    """The journey graph as a self-contained SVG image, laid out in Python.

    Needs no JavaScript, network or renderer, so it shows in exported notebooks, HTML
    reports and any browser. Same content as `to_mermaid`: one box per activity (key and
    kind; splits as hexagons), labelled arrows, ``start`` and ``end`` circles (one ``end``
    under each split branch that ends the journey), dashed red boxes for links to
    activities that do not exist and red arrows for links that close a cycle. Every text
    is escaped.
    """
    links: list[Edge] = []
    if start is not None:
        links.append(Edge(_START, "start_activity", None, start))
    links.extend(all_edges(activities))
    nodes: list[str] = [_START] if start is not None else []
    nodes.extend(activities)
    nodes.extend(dict.fromkeys(e.target for e in links if e.target not in nodes))
    for key, activity in activities.items():
        for edge in exits_of(key, activity):
            end = f"{END}{len(nodes)}"
            nodes.append(end)
            links.append(edge._replace(target=end))
    successors: dict[str, list[str]] = {node: [] for node in nodes}
    for link in links:
        successors[link.source].append(link.target)
    layer, back = _layers(nodes, successors, [_START] if start is not None else [])

    # Arrows that skip rows pass through a narrow placeholder in each row they cross, so
    # the row ordering keeps them clear of the boxes.
    routes: dict[int, list[str]] = {}
    chains: list[tuple[str, str]] = []
    for index, link in enumerate(links):
        route = [link.source]
        if (link.source, link.target) not in back and layer[link.target] > layer[link.source]:
            for crossed in range(layer[link.source] + 1, layer[link.target]):
                via = f"(via){index}.{crossed}"
                layer[via] = crossed
                route.append(via)
        route.append(link.target)
        routes[index] = route
        chains.extend(itertools.pairwise(route))

    texts = {node: _node_text(node, activities) for node in nodes}
    sizes = {node: _node_size(node, texts.get(node, ("", "")), activities) for node in layer}
    rows: dict[int, list[str]] = {}
    for node in layer:  # nodes first, then placeholders, each in a stable order
        rows.setdefault(layer[node], []).append(node)
    row_widths = {
        index: sum(sizes[n][0] for n in row) + _COL_GAP * (len(row) - 1)
        for index, row in rows.items()
    }
    width = max(row_widths.values(), default=0.0) + 2 * _MARGIN
    top = _MARGIN + (_FONT + 8 if title else 0)
    boxes: dict[str, _Box] = {}
    for index in sorted(rows):
        row = _ordered(rows[index], chains, boxes)
        x = (width - row_widths[index]) / 2
        y = top + index * (_NODE_H + _ROW_GAP)
        for node in row:
            w, h = sizes[node]
            boxes[node] = _Box(x + w / 2, y + (_NODE_H - h) / 2, w, h, _shape(node, activities))
            x += w + _COL_GAP
    height = top + max(len(rows) * (_NODE_H + _ROW_GAP) - _ROW_GAP, 0) + _MARGIN
    # Ids inside one SVG must not collide with another drawing on the same page.
    marker = f"pinpoint-arrow-{zlib.crc32(repr((title, links)).encode()):08x}"
    right = max((b.x + b.width / 2 for b in boxes.values()), default=0.0)
    if back:
        width = max(width, right + 48 + _MARGIN)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pinpoint-journey" role="img" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'font-family="sans-serif" font-size="{_FONT}">',
        f"<title>{_esc('journey ' + title if title else 'journey')}</title>",
        f"<defs>{_marker(marker, '#555')}{_marker(marker + '-cycle', '#c0392b')}</defs>",
        '<rect width="100%" height="100%" fill="#fff"/>',
    ]
    if title:
        parts.append(
            f'<text x="{_MARGIN}" y="{_MARGIN + _FONT}" font-weight="600" fill="#222">'
            f"{_esc(title)}</text>"
        )
    labels: list[str] = []
    for index, link in enumerate(links):
        drawn = [boxes[node] for node in routes[index]]
        if (link.source, link.target) in back:
            path, at = _around(drawn[0], drawn[-1], right + 36)
            colour, tip = "#c0392b", f"{marker}-cycle"
        else:
            path, at = _down(drawn)
            colour, tip = "#555", marker
        parts.append(
            f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="1.3" '
            f'marker-end="url(#{tip})"/>'
        )
        if link.label:
            labels.append(_edge_label(link.label, *at))
    for node in nodes:
        parts.append(_node_svg(boxes[node], texts[node]))
    parts.extend(labels)  # on top of arrows and boxes, so they stay readable
    parts.append("</svg>")
    return "".join(parts)


def _node_text(node: str, activities: Mapping[str, models.Activity]) -> tuple[str, str]:
    if node == _START:
        return ("start", "")
    if node.startswith(END) and node not in activities:
        return ("end", "")
    if node not in activities:
        return (node, "missing")
    return (node, kind_of(activities[node]))


def _shape(node: str, activities: Mapping[str, models.Activity]) -> str:
    if node in activities:
        return "split" if kind_of(activities[node]) in _SPLITS else "activity"
    if node.startswith("(via)"):
        return "via"
    if node == _START or node.startswith(END):
        return "terminal"
    return "missing"


def _node_size(
    node: str, text: tuple[str, str], activities: Mapping[str, models.Activity]
) -> tuple[float, float]:
    shape = _shape(node, activities)
    if shape == "via":
        return (_VIA, float(_NODE_H))
    if shape == "terminal":
        return (44.0, 28.0)
    chars = max(len(text[0]), len(text[1]))
    extra = 36 if shape == "split" else 20
    return (max(80.0, chars * _CHAR + extra), float(_NODE_H))


def _ordered(
    row: list[str], chains: list[tuple[str, str]], placed: Mapping[str, _Box]
) -> list[str]:
    """Nodes of one row sorted under their parents (mean x of the placed sources)."""

    def parent_x(node: str) -> float:
        xs = [placed[s].x for s, t in chains if t == node and s in placed]
        return sum(xs) / len(xs) if xs else float("inf")

    position = {node: index for index, node in enumerate(row)}
    return sorted(row, key=lambda node: (parent_x(node), position[node]))


def _down(route: list[_Box]) -> tuple[str, tuple[float, float]]:
    """A path down through ``route`` (source, placeholders, target) and its label point."""
    first = route[0]
    x, y = first.x, first.y + first.height
    path = [f"M{x:.1f},{y:.1f}"]
    label_at = (x, y)
    for step, box in enumerate(route[1:]):
        bend = (box.y - y) / 2
        path.append(
            f"C{x:.1f},{y + bend:.1f} {box.x:.1f},{box.y - bend:.1f} {box.x:.1f},{box.y:.1f}"
        )
        if step == 0:  # past the middle, where arrows fanning out of a split are apart
            label_at = (
                _bezier(0.7, x, x, box.x, box.x),
                _bezier(0.7, y, y + bend, box.y - bend, box.y),
            )
        x, y = box.x, box.y
        if box.shape == "via":
            y = box.y + box.height
            path.append(f"L{x:.1f},{y:.1f}")
    return " ".join(path), label_at


def _bezier(t: float, p0: float, p1: float, p2: float, p3: float) -> float:
    u = 1 - t
    return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3


def _around(source: _Box, target: _Box, reach: float) -> tuple[str, tuple[float, float]]:
    """A path from ``source`` back up to ``target`` past the right of the drawing."""
    x1, y1 = source.x + source.width / 2, source.y + source.height / 2
    x2, y2 = target.x + target.width / 2, target.y + target.height / 2
    path = f"M{x1:.1f},{y1:.1f} C{reach:.1f},{y1:.1f} {reach:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
    return path, (reach - 8, (y1 + y2) / 2)


def _marker(marker_id: str, colour: str) -> str:
    return (
        f'<marker id="{marker_id}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="{colour}"/></marker>'
    )


def _edge_label(label: str, x: float, y: float) -> str:
    w = len(label) * (_CHAR - 0.6) + 8
    return (
        f'<g class="pinpoint-edge-label"><rect x="{x - w / 2:.1f}" y="{y - 9:.1f}" '
        f'width="{w:.1f}" height="16" rx="3" fill="#fff" stroke="#ccc"/>'
        f'<text x="{x:.1f}" y="{y + 3:.1f}" text-anchor="middle" fill="#333" '
        f'font-size="{_FONT - 1}">{_esc(label)}</text></g>'
    )


def _node_svg(box: _Box, text: tuple[str, str]) -> str:
    left, right = box.x - box.width / 2, box.x + box.width / 2
    top, bottom = box.y, box.y + box.height
    middle = box.y + box.height / 2
    if box.shape == "terminal":
        shape = (
            f'<ellipse cx="{box.x:.1f}" cy="{middle:.1f}" rx="{box.width / 2:.1f}" '
            f'ry="{box.height / 2:.1f}" fill="#eee" stroke="#555"/>'
        )
    elif box.shape == "split":
        inset = 12
        points = " ".join(
            f"{px:.1f},{py:.1f}"
            for px, py in (
                (left, middle), (left + inset, top), (right - inset, top),
                (right, middle), (right - inset, bottom), (left + inset, bottom),
            )
        )  # fmt: skip
        shape = f'<polygon points="{points}" fill="#fff4d6" stroke="#b08000"/>'
    else:
        dashed = box.shape == "missing"
        fill, stroke = ("#fde8e8", "#c0392b") if dashed else ("#e8f0fe", "#3b6bc8")
        dash = ' stroke-dasharray="4 3"' if dashed else ""
        shape = (
            f'<rect x="{left:.1f}" y="{top:.1f}" width="{box.width:.1f}" '
            f'height="{box.height:.1f}" rx="6" fill="{fill}" stroke="{stroke}"{dash}/>'
        )
    name, kind = text
    if not kind:
        return (
            f'<g class="pinpoint-terminal">{shape}<text x="{box.x:.1f}" y="{middle + 4:.1f}" '
            f'text-anchor="middle" fill="#222">{_esc(name)}</text></g>'
        )
    return (
        f'<g class="pinpoint-activity">{shape}'
        f'<text x="{box.x:.1f}" y="{middle - 3:.1f}" text-anchor="middle" font-weight="600" '
        f'fill="#222">{_esc(name)}</text>'
        f'<text x="{box.x:.1f}" y="{middle + 11:.1f}" text-anchor="middle" fill="#666" '
        f'font-size="{_FONT - 1}">{_esc(kind)}</text></g>'
    )


def _esc(text: str) -> str:
    return html.escape(text, quote=True)
