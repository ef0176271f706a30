"""Facts about the botocore pinpoint model, derived independently of pinpoint_sdk._schema.

Also deterministic builders of wire values and model arguments used by several test files.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from typing import Any

import botocore.session
from botocore import xform_name
from botocore.model import ListShape, MapShape, ServiceModel, Shape, StructureShape


@functools.cache
def service_model() -> ServiceModel:
    return botocore.session.get_session().get_service_model("pinpoint")


def shape(name: str) -> Shape:
    return service_model().shape_for(name)


def structure_names() -> list[str]:
    model = service_model()
    return sorted(
        name for name in model.shape_names if model.shape_for(name).type_name == "structure"
    )


def exception_names() -> list[str]:
    return [name for name in structure_names() if shape(name).metadata.get("exception")]


def model_structure_names() -> list[str]:
    """Every structure that should have a model class (all but the error shapes)."""
    errors = set(exception_names())
    return [name for name in structure_names() if name not in errors]


def enum_shapes() -> dict[str, list[str]]:
    model = service_model()
    result = {}
    for name in model.shape_names:
        s = model.shape_for(name)
        if s.type_name == "string" and s.enum:
            result[name] = list(s.enum)
    return result


def _reachable(root: Shape, into: set[str]) -> None:
    if isinstance(root, StructureShape):
        if root.name in into:
            return
        into.add(root.name)
        for member in root.members.values():
            _reachable(member, into)
    elif isinstance(root, ListShape):
        _reachable(root.member, into)
    elif isinstance(root, MapShape):
        _reachable(root.value, into)


@functools.cache
def request_and_response_shapes() -> tuple[frozenset[str], frozenset[str]]:
    """(structures reachable from an operation input, ... from an operation output)."""
    requests: set[str] = set()
    responses: set[str] = set()
    model = service_model()
    for op_name in model.operation_names:
        op = model.operation_model(op_name)
        if op.input_shape is not None:
            _reachable(op.input_shape, requests)
        if op.output_shape is not None:
            _reachable(op.output_shape, responses)
    return frozenset(requests), frozenset(responses)


def operation_names() -> list[str]:
    return list(service_model().operation_names)


def paginated_operations() -> list[str]:
    result = []
    for op_name in operation_names():
        op = service_model().operation_model(op_name)
        if op.input_shape is not None and (
            "Token" in op.input_shape.members or "NextToken" in op.input_shape.members
        ):
            result.append(op_name)
    return result


def payload_member(op_name: str) -> str | None:
    """Wire name of the output's payload member (Pinpoint outputs wrap one structure)."""
    out = service_model().operation_model(op_name).output_shape
    if out is None:
        return None
    return out.serialization.get("payload")


# --------------------------------------------------------------- deterministic wire values

FIXED_TIME = dt.datetime(2024, 5, 17, 12, 30, tzinfo=dt.UTC)


def wire_value(s: Shape, path: str, depth: int = 0, *, full: bool = True) -> Any:
    """A deterministic, model-valid wire value for shape ``s``.

    Structures get every member (``full``) or only required members, nested to a bounded
    depth; lists and maps get one item. Strings encode the path so mismatches are visible.
    """
    t = s.type_name
    if t == "structure":
        assert isinstance(s, StructureShape)
        result = {}
        for name, member in s.members.items():
            if not full and name not in s.required_members:
                continue
            if depth > 4 and name not in s.required_members:
                continue
            if s.name == "OpenHoursRule" and member.type_name == "string":
                result[name] = "09:00"  # documented as ISO 8601, taken as a time of day
                continue
            result[name] = wire_value(member, f"{path}.{name}", depth + 1, full=full)
        return result
    if t == "list":
        assert isinstance(s, ListShape)
        return [wire_value(s.member, f"{path}[0]", depth + 1, full=full)]
    if t == "map":
        assert isinstance(s, MapShape)
        return {"k": wire_value(s.value, f"{path}[k]", depth + 1, full=full)}
    if t == "string":
        if s.enum:
            return s.enum[len(path) % len(s.enum)]
        if "ISO 8601" in (s.documentation or ""):
            return "P1D" if "duration" in s.documentation.lower() else "2024-05-17T12:30:00Z"
        return f"v{len(path)}-{path.rsplit('.', 1)[-1]}"
    if t in ("integer", "long"):
        return 7 + len(path) % 5
    if t in ("double", "float"):
        return 1.5
    if t == "boolean":
        return True
    if t == "timestamp":
        return FIXED_TIME
    if t == "blob":
        return b"blob-bytes"
    raise AssertionError(f"unhandled shape type {t}")


def members(structure: str) -> Iterator[tuple[str, Shape]]:
    s = shape(structure)
    assert isinstance(s, StructureShape)
    yield from s.members.items()


def attr(wire: str) -> str:
    return xform_name(wire)
