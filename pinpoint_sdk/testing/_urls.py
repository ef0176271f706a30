"""Routing table for the double, derived from the botocore service model.

Every Pinpoint operation is reachable: each ``requestUri`` of the model becomes an
anchored regular expression, and ``url_paths`` holds the patterns registered with moto's
``pinpoint`` URL module so that ``mock_aws`` hands the requests to this package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

from ._shapes import service_model

__all__ = ["Route", "match_route", "routes", "url_paths_patterns"]

_LABEL = re.compile(r"\{([^}]+)\}")


@dataclass(frozen=True)
class Route:
    """One operation's HTTP binding."""

    operation: str
    method: str
    pattern: re.Pattern[str]
    labels: dict[str, str]
    query: dict[str, str]
    payload: str | None
    status: int
    literal_segments: int


def _build(operation: str, op: Any) -> Route:
    http = op.http
    uri = http["requestUri"].split("?")[0]
    labels: dict[str, str] = {}
    query: dict[str, str] = {}
    payload = None
    if op.input_shape is not None:
        payload = op.input_shape.serialization.get("payload")
        for name, member in op.input_shape.members.items():
            location = member.serialization.get("location")
            if location == "uri":
                labels[member.serialization["name"]] = name
            elif location == "querystring":
                query[member.serialization["name"]] = name
    regex = ""
    for index, part in enumerate(_LABEL.split(uri)):
        if index % 2:
            group = re.sub(r"\W", "_", part)
            regex += f"(?P<{group}>.+)" if part == "resource-arn" else f"(?P<{group}>[^/]+)"
        else:
            regex += re.escape(part)
    literal = sum(1 for seg in uri.split("/") if seg and not seg.startswith("{"))
    return Route(
        operation=operation,
        method=http["method"],
        pattern=re.compile(f"^{regex}/?$"),
        labels=labels,
        query=query,
        payload=payload,
        status=int(http.get("responseCode", 200)),
        literal_segments=literal,
    )


@lru_cache(maxsize=1)
def routes() -> tuple[Route, ...]:
    """Every operation route, most literal path segments first."""
    model = service_model()
    built = [_build(name, model.operation_model(name)) for name in model.operation_names]
    built.sort(key=lambda route: -route.literal_segments)
    return tuple(built)


def match_route(method: str, path: str) -> tuple[Route, dict[str, str]] | None:
    """Find the route for ``method`` and the (still percent-encoded) ``path``.

    Returns the route and its URI parameters keyed by input member name, decoded.
    """
    for route in routes():
        if route.method != method:
            continue
        found = route.pattern.match(path)
        if found is None:
            continue
        values: dict[str, str] = {}
        for label, member in route.labels.items():
            values[member] = unquote(found.group(re.sub(r"\W", "_", label)))
        return route, values
    return None


def url_paths_patterns() -> list[str]:
    """URL patterns (moto ``url_paths`` keys, ``{0}`` = URL base) owned by the double.

    The path is a named group because moto's server turns each ``(?P<name>regex)`` into
    a Flask ``regex`` converter and every other character into a literal: a bare ``.*``
    would only match the path ``/v1/.*`` itself there, while in-process ``mock_aws``
    reads the same key as a regular expression.
    """
    return ["{0}/v1/(?P<pinpoint_path>.+)$"]
