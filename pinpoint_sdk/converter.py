"""Conversion between models and the dicts boto3 sends and returns.

`converter` is a `cattrs.Converter` with hooks for every Pinpoint model. The
hooks are straight-line functions generated per shape (``pinpoint_sdk._codec``): they map
snake_case attributes to wire names, omit ``None``, pass datetimes and bytes through, write
enums as their string values, and keep what the model does not know:

* keys the service sends that the model does not define are kept on the instance and
  written back by `unstructure`;
* enum values the SDK does not know stay plain ``str``;
* a value whose JSON type differs from the model is kept exactly as sent.

Extend `converter` like any cattrs converter; hooks registered for a model class
take effect when that class is (un)structured at the top level.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any, TypeVar

import cattrs

from pinpoint_sdk._model_base import Model

__all__ = ["converter", "structure", "unknown_fields", "unstructure"]

T = TypeVar("T")

converter = cattrs.Converter()
"""The configured converter (exposed for users who register their own hooks)."""


def _is_model(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, Model) and cls.__module__.startswith(
        "pinpoint_sdk.models."
    )


def _codec(kind: str, cls: type) -> Callable[..., Any]:
    group = cls.__module__.rsplit(".", 1)[1]
    module = import_module(f"pinpoint_sdk._codec.{group}")
    function: Callable[..., Any] = getattr(module, f"{kind}_{cls.__name__}")
    return function


converter.register_structure_hook_factory(_is_model, lambda cls: _codec("structure", cls))
converter.register_unstructure_hook_factory(_is_model, lambda cls: _codec("unstructure", cls))


def structure(data: Mapping[str, Any], cls: type[T]) -> T:
    """Build a ``cls`` model from a boto3-style dict (wire names)."""
    if data.__class__ is not dict and isinstance(data, Mapping):
        # The generated hooks keep non-dict values as sent; a caller's Mapping is a dict here.
        data = dict(data)
    result: T = converter.structure(data, cls)
    return result


def unstructure(obj: Model) -> dict[str, Any]:
    """Turn a model into the dict boto3 accepts (wire names, ``None`` omitted)."""
    result: dict[str, Any] = converter.unstructure(obj)
    return result


def unknown_fields(obj: Model) -> Mapping[str, Any]:
    """Wire keys that ``obj`` was built with but its model does not define (read-only)."""
    return dict(obj._unknown or {})
