"""The journey activity graph: edges, validation and Mermaid rendering.

Works on plain ``Mapping[str, models.Activity]`` so a graph read from the service (which
may hold activity kinds this SDK does not know yet) is handled like a built one.
"""

from __future__ import annotations

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
    split = activity.conditional_split
    if split is not None:
        add("conditional_split.true_activity", "true", split.true_activity)
        add("conditional_split.false_activity", "false", split.false_activity)
    multi = activity.multi_condition
    if multi is not None:
        for index, branch in enumerate(multi.branches or []):
            add(
                f"multi_condition.branches[{index}].next_activity",
                f"branch {index + 1}",
                branch.next_activity,
            )
        add("multi_condition.default_activity", "default", multi.default_activity)
    rand = activity.random_split
    if rand is not None:
        for index, entry in enumerate(rand.branches or []):
            percent = "?" if entry.percentage is None else str(entry.percentage)
            add(f"random_split.branches[{index}].next_activity", f"{percent}%", entry.next_activity)
    for path, target in _unknown_links("", activity._unknown or {}):
        add(path, path.split(".")[0], target)
    return result


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
    return text.replace('"', "#quot;")


def to_mermaid(
    activities: Mapping[str, models.Activity], start: str | None, title: str | None = None
) -> str:
    """A Mermaid ``flowchart TD`` with one node per activity and one arrow per link.

    Links to activities that do not exist are drawn to a dashed ``missing`` node so a
    broken graph can still be looked at.
    """
    lines = ["flowchart TD"]
    if title:
        lines.append(f"    %% {title}")
    if start is not None:
        lines.append("    journey_start((start))")
    for key, activity in activities.items():
        text = f"{_label(key)}<br/>{kind_of(activity)}"
        if kind_of(activity) in _SPLITS:
            lines.append(f'    {node_id(key)}{{"{text}"}}')
        else:
            lines.append(f'    {node_id(key)}["{text}"]')
    if start is not None:
        lines.append(f"    journey_start --> {node_id(start)}")
    for edge in all_edges(activities):
        if edge.target not in activities:
            lines.append(f'    {node_id(edge.target)}["{_label(edge.target)}<br/>missing"]')
        arrow = f"-->|{_label(edge.label)}|" if edge.label else "-->"
        lines.append(f"    {node_id(edge.source)} {arrow} {node_id(edge.target)}")
    return "\n".join(lines) + "\n"


_SPLITS = frozenset({"conditional_split", "multi_condition", "random_split"})
