"""Client-side checks of request values against the service model, before sending.

Paths in messages use the SDK's names: ``write_campaign_request.schedule.start_time``,
``endpoint_batch_request.item[3].address``, ``activities['welcome'].email``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from pinpoint_sdk import _spec, models
from pinpoint_sdk._model_base import Model

_PRIMITIVE_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
    "datetime": (datetime, date, str),
    "bytes": (bytes, bytearray, str),
}


def describe(value: Any) -> str:
    return type(value).__name__


def check_value(value: Any, type_spec: Any, path: str, errors: list[tuple[str, str]]) -> None:
    """Append ``(path, message)`` for every problem in ``value`` (not None) of ``type_spec``."""
    kind, target = type_spec
    if kind == "prim":
        allowed = _PRIMITIVE_TYPES[target]
        bad_bool = target in ("int", "float") and isinstance(value, bool)
        if bad_bool or not isinstance(value, allowed):
            errors.append((path, f"expected {target}, got {describe(value)}"))
    elif kind == "enum":
        if not isinstance(value, str):
            errors.append((path, f"expected {target} or str, got {describe(value)}"))
    elif kind == "struct":
        check_model(value, target, path, errors)
    elif kind == "list":
        if not isinstance(value, (list, tuple)):
            errors.append((path, f"expected a list, got {describe(value)}"))
            return
        for index, item in enumerate(value):
            item_path = f"{path}[{index}]"
            if item is None:
                errors.append((item_path, "list items may not be None"))
            else:
                check_value(item, target, item_path, errors)
    else:  # map
        if not isinstance(value, Mapping):
            errors.append((path, f"expected a dict, got {describe(value)}"))
            return
        for key, item in value.items():
            item_path = f"{path}[{key!r}]"
            if not isinstance(key, str):
                errors.append((item_path, f"map keys must be str, got {describe(key)}"))
            if item is None:
                errors.append((item_path, "map values may not be None"))
            else:
                check_value(item, target, item_path, errors)


def check_model(value: Any, shape: str, path: str, errors: list[tuple[str, str]]) -> None:
    """Check a model instance: its class, required members and every member's type."""
    cls = getattr(models, shape)
    if not isinstance(value, cls):
        errors.append((path, f"expected {shape}, got {describe(value)}"))
        return
    _group, fields, required, _sensitive = _spec.SHAPES[shape]
    for name, _wire, type_spec in fields:
        member = getattr(value, name)
        member_path = f"{path}.{name}" if path else name
        if member is None:
            if name in required:
                errors.append((member_path, "is required"))
            continue
        check_value(member, type_spec, member_path, errors)


def check_request(shape: str, params: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Problems with the keyword arguments of an operation whose input shape is ``shape``."""
    errors: list[tuple[str, str]] = []
    _group, fields, required, _sensitive = _spec.SHAPES[shape]
    for name, wire, type_spec in fields:
        value = params.get(wire)
        if value is None:
            if name in required:
                errors.append((name, "is required"))
            continue
        check_value(value, type_spec, name, errors)
    return errors


def is_model(value: Any) -> bool:
    return isinstance(value, Model)
