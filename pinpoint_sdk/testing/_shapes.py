"""Access to the botocore ``pinpoint`` service model and shape-driven helpers.

The service model is the single source of truth for what a request may carry and what a
response may contain. Responses built by the double are projected onto their output shape
(unknown keys dropped) and the same walker validates what tests receive.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import botocore.session

__all__ = [
    "missing_required",
    "operation_model",
    "project",
    "service_model",
    "validate_response",
    "validate_value",
]


@lru_cache(maxsize=1)
def service_model() -> Any:
    """Return botocore's ``pinpoint`` service model (loaded once)."""
    return botocore.session.get_session().get_service_model("pinpoint")


def operation_model(name: str) -> Any:
    """Return the botocore operation model for ``name`` (e.g. ``"GetCampaign"``)."""
    return service_model().operation_model(name)


def shape(name: str) -> Any:
    """Return the named shape of the service model."""
    return service_model().shape_for(name)


def project(value: Any, shp: Any) -> Any:
    """Copy ``value`` keeping only what ``shp`` can carry.

    Structure members unknown to the shape are dropped, recursively, and ``None`` values
    are omitted. Scalars are passed through unchanged.
    """
    kind = shp.type_name
    if kind == "structure":
        if not isinstance(value, Mapping):
            return value
        members = shp.members
        return {
            key: project(item, members[key])
            for key, item in value.items()
            if key in members and item is not None
        }
    if kind == "list":
        if not isinstance(value, list):
            return value
        return [project(item, shp.member) for item in value]
    if kind == "map":
        if not isinstance(value, Mapping):
            return value
        return {key: project(item, shp.value) for key, item in value.items()}
    return value


def missing_required(value: Any, shp: Any, path: str) -> list[str]:
    """Return the paths of required members absent from ``value`` (recursively)."""
    problems: list[str] = []
    kind = shp.type_name
    if kind == "structure" and isinstance(value, Mapping):
        for name in shp.required_members:
            if value.get(name) is None:
                problems.append(f"{path}.{name}" if path else name)
        for key, item in value.items():
            if key in shp.members and item is not None:
                child = f"{path}.{key}" if path else key
                problems.extend(missing_required(item, shp.members[key], child))
    elif kind == "list" and isinstance(value, list):
        for index, item in enumerate(value):
            problems.extend(missing_required(item, shp.member, f"{path}[{index}]"))
    elif kind == "map" and isinstance(value, Mapping):
        for key, item in value.items():
            problems.extend(missing_required(item, shp.value, f"{path}[{key!r}]"))
    return problems


_SCALAR_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "long": (int,),
    "double": (int, float),
    "float": (int, float),
    "boolean": (bool,),
    "blob": (bytes, bytearray, str),
    "timestamp": (_dt.datetime, str, int, float),
}


def validate_value(
    value: Any, shp: Any, path: str = "", *, check_required: bool = True
) -> list[str]:
    """Walk ``value`` against ``shp`` and return every mismatch found.

    Checks the Python type of every member, rejects keys the shape does not define,
    checks enum membership and (optionally) that required members are present.
    """
    errors: list[str] = []
    where = path or "<root>"
    kind = shp.type_name
    if kind == "structure":
        if not isinstance(value, Mapping):
            return [f"{where}: expected structure {shp.name}, got {type(value).__name__}"]
        for key, item in value.items():
            child = f"{path}.{key}" if path else key
            if key not in shp.members:
                errors.append(f"{child}: not a member of {shp.name}")
                continue
            errors.extend(
                validate_value(item, shp.members[key], child, check_required=check_required)
            )
        if check_required:
            errors.extend(
                f"{where}: required member {name} of {shp.name} missing"
                for name in shp.required_members
                if name not in value
            )
        return errors
    if kind == "list":
        if not isinstance(value, list):
            return [f"{where}: expected list, got {type(value).__name__}"]
        for index, item in enumerate(value):
            errors.extend(
                validate_value(item, shp.member, f"{path}[{index}]", check_required=check_required)
            )
        return errors
    if kind == "map":
        if not isinstance(value, Mapping):
            return [f"{where}: expected map, got {type(value).__name__}"]
        for key, item in value.items():
            if not isinstance(key, str):
                errors.append(f"{where}: map key {key!r} is not a string")
            errors.extend(
                validate_value(item, shp.value, f"{path}[{key!r}]", check_required=check_required)
            )
        return errors
    expected = _SCALAR_TYPES.get(kind)
    if expected is None:
        return [f"{where}: unsupported shape type {kind}"]
    if kind in {"integer", "long", "double", "float"} and isinstance(value, bool):
        return [f"{where}: expected {kind}, got bool"]
    if not isinstance(value, expected):
        return [f"{where}: expected {kind}, got {type(value).__name__}"]
    enum = shp.enum if kind == "string" else None
    if enum and value not in enum:
        errors.append(f"{where}: {value!r} is not one of {list(enum)}")
    return errors


def validate_response(operation_name: str, response: Mapping[str, Any]) -> list[str]:
    """Validate a boto3 response (or a raw response payload) for ``operation_name``.

    ``response`` may be what a boto3 client returned (the payload under its member name,
    plus ``ResponseMetadata``), which is checked against the operation's output shape.
    Returns a list of problems; an empty list means the response fits the model.
    """
    output = operation_model(operation_name).output_shape
    body = {key: item for key, item in response.items() if key != "ResponseMetadata"}
    if output is None:
        return [f"{key}: {operation_name} has no output" for key in body]
    return validate_value(body, output)
