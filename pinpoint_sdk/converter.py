"""Conversion between models and the dicts boto3 sends and returns.

`converter` is the configured ``cattrs.Converter`` (a `PinpointConverter`), with hooks for
every Pinpoint model. The hooks are straight-line functions generated per member list
(``pinpoint_sdk._codec``, whose registry says which function converts which class, loading
a group's functions on first use): they map snake_case attributes to wire names, omit ``None``, pass
datetimes and bytes through, write enums as their string values, and keep what the model
does not know:

* keys the service sends that the model does not define are kept on the instance and
  written back by `unstructure`;
* enum values the SDK does not know are read as unlisted members of their enum (equal
  to the text, and written back as sent; see `pinpoint_sdk.enums`);
* a value whose JSON type differs from its member's annotation (a string where the model
  has a list) is never stored on that member: the member stays ``None`` and the value is
  kept, as sent, with the unknown keys (`unknown_fields`), and written back by `unstructure`.

This module is always ``pinpoint_sdk.converter``; the configured object is
``pinpoint_sdk.converter.converter``. Hooks registered on it for a model class apply
wherever that model appears, nested ones included (see the converter reference page).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import cattrs

from pinpoint_sdk._codec import MODULES, REGISTRY, ShapeCodec, codec_for, on_register
from pinpoint_sdk._model_base import Model
from pinpoint_sdk._wire import not_an_object

__all__ = [
    "PinpointConverter",
    "converter",
    "default_structure_hook",
    "default_unstructure_hook",
    "structure",
    "unknown_fields",
    "unstructure",
]

T = TypeVar("T")


def _is_model(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, Model) and cls.__module__ in MODULES


def _structure_hook(cls: type) -> Callable[[Any, Any], Any]:
    return codec_for(cls).structure


def _unstructure_hook(cls: type) -> Callable[[Any], Any]:
    return codec_for(cls).unstructure


def default_structure_hook(cls: type[T]) -> Callable[[Any, Any], T]:
    """The SDK's own structure hook for model class ``cls`` (what is used without yours).

    Register it again to drop a hook of yours:
    ``converter.register_structure_hook(models.Schedule, default_structure_hook(models.Schedule))``.
    """
    if not _is_model(cls):
        raise TypeError(f"{cls!r} is not a pinpoint_sdk model class")
    return _structure_hook(cls)


def default_unstructure_hook(cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
    """The SDK's own unstructure hook for model class ``cls``; see `default_structure_hook`."""
    if not _is_model(cls):
        raise TypeError(f"{cls!r} is not a pinpoint_sdk model class")
    return _unstructure_hook(cls)


def _bound(hook: Callable[[Any, Any], Any], cls: type) -> Callable[[Any], Any]:
    def structure_nested(data: Any) -> Any:
        if data.__class__ is not dict:  # kept aside by the caller, as without a hook
            not_an_object(data, cls.__name__)
        return hook(data, cls)

    return structure_nested


class PinpointConverter(cattrs.Converter):
    """The SDK's ``cattrs.Converter``: a hook registered for a model applies everywhere.

    cattrs users expect a hook registered for a class to be used wherever that class
    appears. The generated per-shape functions call nested shapes through slots; while no
    hook is registered, each slot is the generated function itself (nothing is looked up
    per call). Any registration re-points, on `converter`, every slot whose class now has
    a different hook, so the nested members of every model (a ``Schedule`` inside a
    ``WriteCampaignRequest``) go through it.

    Copies (``converter.copy()``) apply their hooks at the top level only.
    """

    _customised = False

    def register_unstructure_hook(self, cls: Any = None, func: Any = None) -> Any:
        """`cattrs.Converter.register_unstructure_hook`; nested models use the hook too."""
        result = super().register_unstructure_hook(cls, func)
        self._hooks_changed()
        return result

    def register_structure_hook(self, cl: Any, func: Any = None) -> Any:
        """`cattrs.Converter.register_structure_hook`; nested models use the hook too."""
        result = super().register_structure_hook(cl, func)
        self._hooks_changed()
        return result

    def register_unstructure_hook_func(self, check_func: Any, func: Any) -> None:
        """`cattrs.Converter.register_unstructure_hook_func`; nested models use it too."""
        super().register_unstructure_hook_func(check_func, func)
        self._hooks_changed()

    def register_structure_hook_func(self, check_func: Any, func: Any) -> None:
        """`cattrs.Converter.register_structure_hook_func`; nested models use it too."""
        super().register_structure_hook_func(check_func, func)
        self._hooks_changed()

    def register_unstructure_hook_factory(self, predicate: Any, factory: Any = None) -> Any:
        """`cattrs.Converter.register_unstructure_hook_factory`; nested models use it too."""
        if factory is None:  # used as a decorator
            def decorator(factory: Any) -> Any:
                self.register_unstructure_hook_factory(predicate, factory)
                return factory

            return decorator
        result = super().register_unstructure_hook_factory(predicate, factory)
        self._hooks_changed()
        return result

    def register_structure_hook_factory(self, predicate: Any, factory: Any = None) -> Any:
        """`cattrs.Converter.register_structure_hook_factory`; nested models use it too."""
        if factory is None:  # used as a decorator
            def decorator(factory: Any) -> Any:
                self.register_structure_hook_factory(predicate, factory)
                return factory

            return decorator
        result = super().register_structure_hook_factory(predicate, factory)
        self._hooks_changed()
        return result

    def _hooks_changed(self) -> None:
        # Only the module's converter owns the slots; its own set-up does not count.
        if self is not globals().get("converter") or not _READY:
            return
        self._customised = True
        self._point_slots(list(REGISTRY.values()))

    def _point_slots(self, codecs: list[ShapeCodec]) -> None:
        """Point the nested-conversion slots of ``codecs`` at this converter's hooks."""
        for codec in codecs:
            s_hook = self.get_structure_hook(codec.cls)
            structure = codec.structure if s_hook is codec.structure else _bound(s_hook, codec.cls)
            codec.point(structure, self.get_unstructure_hook(codec.cls))


def _loaded(codecs: list[ShapeCodec]) -> None:
    """A codec module was loaded: point its slots at user hooks, if there are any."""
    if converter._customised:
        converter._point_slots(codecs)


_READY = False
converter: PinpointConverter = PinpointConverter()
"""The configured converter (a `PinpointConverter`), for users who register their own hooks."""
converter.register_structure_hook_factory(_is_model, _structure_hook)
converter.register_unstructure_hook_factory(_is_model, _unstructure_hook)
on_register(_loaded)
_READY = True


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
    """Wire keys that ``obj`` was built with but its model does not define, and values
    kept aside because their JSON type is not their member's (read-only)."""
    return dict(obj._unknown or {})
