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
  kept, as sent, with the unknown keys (`unknown_fields`), and written back by `unstructure`;
* an explicit ``null`` on a member reads as ``None`` ("not set") and is left out by
  `unstructure` (boto3 refuses ``None`` for a member); ``null`` values inside unknown keys or
  inside values kept aside are written back as sent.

So ``unstructure(structure(d, cls)) == d`` for every wire dict ``d`` without explicit
``null`` members, and keys the SDK does not know, kept values and unlisted enum members
survive ``==``, `attrs.evolve`, `copy.deepcopy` and `pickle` as well.

This module is always ``pinpoint_sdk.converter``; the configured object is
``pinpoint_sdk.converter.converter``. Hooks registered on it for a model class (for the
class, by predicate or by factory, before or after the models are first used, from any
thread) apply wherever that model appears, nested ones and items of lists and maps
included, everywhere the SDK converts: clients (the fast response path too), resources,
bulk writers, builders, export and import. Hooks for other types (enums, ``datetime``)
apply only where cattrs converts that type itself, not inside models. Other
`PinpointConverter` instances and copies convert as ``converter`` does and keep their
hooks, nested ones included, to themselves (see the converter reference page).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any, TypeVar

import cattrs

from pinpoint_sdk._codec import (
    MODULES,
    REGISTRY,
    ShapeCodec,
    codec_for,
    load_copy,
    on_register,
)
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


def _structure_hook(cls: type, owner: PinpointConverter) -> Callable[[Any, Any], Any]:
    return owner._codec(cls).structure


def _unstructure_hook(cls: type, owner: PinpointConverter) -> Callable[[Any], Any]:
    return owner._codec(cls).unstructure


def default_structure_hook(
    cls: type[T], on: PinpointConverter | None = None
) -> Callable[[Any, Any], T]:
    """The SDK's own structure hook for model class ``cls`` (what is used without yours).

    Register it again to drop a hook of yours:
    ``converter.register_structure_hook(models.Schedule, default_structure_hook(models.Schedule))``.
    A hook of yours can call it to do the conversion and adjust the result.

    Args:
        cls: a model class.
        on: the converter whose nested hooks the returned function applies: the SDK's
            `converter` by default. In a hook registered on another `PinpointConverter`,
            pass that converter, so the members nested in ``cls`` follow its hooks.
    """
    if not _is_model(cls):
        raise TypeError(f"{cls!r} is not a pinpoint_sdk model class")
    return (on or converter)._codec(cls).structure


def default_unstructure_hook(
    cls: type[Any], on: PinpointConverter | None = None
) -> Callable[[Any], dict[str, Any]]:
    """The SDK's own unstructure hook for model class ``cls``; see `default_structure_hook`."""
    if not _is_model(cls):
        raise TypeError(f"{cls!r} is not a pinpoint_sdk model class")
    return (on or converter)._codec(cls).unstructure


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
    per call). Any registration re-points every slot whose class now has a different
    hook, so the nested members of every model (a ``Schedule`` inside a
    ``WriteCampaignRequest``) go through it.

    `converter` owns the slots of the generated modules. Any other instance (made with
    ``PinpointConverter()`` or ``converter.copy()``) converts models through private copies
    of those modules, made on its first use of each group, whose slots follow its own
    hooks: hooks registered on one converter never change what another produces. A copy
    starts with the hooks of the converter it was copied from, as in cattrs.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._ready = False
        self._customised = False
        self._lock = threading.RLock()
        self._copies: dict[str, ModuleType] = {}
        self._codecs: dict[type, ShapeCodec] = {}
        self._loading: dict[type, ShapeCodec] = {}
        super().__init__(*args, **kwargs)
        self.register_structure_hook_factory(_is_model, _structure_hook)
        self.register_unstructure_hook_factory(_is_model, _unstructure_hook)
        self._ready = True

    def _codec(self, cls: type) -> ShapeCodec:
        """This converter's generated conversion of model class ``cls``."""
        if not _READY or self is converter:
            return codec_for(cls)
        codec = self._codecs.get(cls)
        if codec is not None:
            return codec
        with self._lock:
            codec = self._codecs.get(cls) or self._loading.get(cls)
            if codec is not None:
                return codec
            made = load_copy(MODULES[cls.__module__], self._copies)
            self._loading.update((c.cls, c) for c in made)
            try:
                self._point_slots(made)
                self._codecs.update((c.cls, c) for c in made)
            finally:
                for c in made:
                    del self._loading[c.cls]
            return self._codecs[cls]

    def _own(
        self, cls: Any, func: Any, structure: bool, source: PinpointConverter | None = None
    ) -> Any:
        """``func``, or this converter's own hook where ``func`` is the default of model
        class ``cls`` on the SDK's converter (or on ``source``, the one copied)."""
        if self is converter or not _is_model(cls):
            return func
        defaults = [codec_for(cls)]
        if source is not None and cls in source._codecs:
            defaults.append(source._codecs[cls])
        if all(func is not (d.structure if structure else d.unstructure) for d in defaults):
            return func
        codec = self._codec(cls)
        return codec.structure if structure else codec.unstructure

    def copy(self, *args: Any, **kwargs: Any) -> Any:
        """`cattrs.Converter.copy`: the copy starts with this converter's hooks, nested
        ones included, and keeps the hooks registered on it from then on to itself."""
        result: PinpointConverter = super().copy(*args, **kwargs)
        with result._lock:
            # A hook the copy took over that is a default of the SDK's converter (or of
            # this one) becomes the copy's own; only classes whose group is loaded can
            # have one. Registered past this class's overrides, which would re-point
            # every slot per class: the slots are pointed once, below.
            for cls in list(REGISTRY):
                s_hook = result.get_structure_hook(cls)
                s_own = result._own(cls, s_hook, True, self)
                if s_own is not s_hook:
                    cattrs.Converter.register_structure_hook(result, cls, s_own)
                u_hook = result.get_unstructure_hook(cls)
                u_own = result._own(cls, u_hook, False, self)
                if u_own is not u_hook:
                    cattrs.Converter.register_unstructure_hook(result, cls, u_own)
            result._point_slots(list(result._codecs.values()))
        return result

    def register_unstructure_hook(self, cls: Any = None, func: Any = None) -> Any:
        """`cattrs.Converter.register_unstructure_hook`; nested models use the hook too."""
        with self._lock:
            if func is not None:
                func = self._own(cls, func, structure=False)
            result = super().register_unstructure_hook(cls, func)
            self._hooks_changed()
        return result

    def register_structure_hook(self, cl: Any, func: Any = None) -> Any:
        """`cattrs.Converter.register_structure_hook`; nested models use the hook too."""
        with self._lock:
            if func is not None:
                func = self._own(cl, func, structure=True)
            result = super().register_structure_hook(cl, func)
            self._hooks_changed()
        return result

    def register_unstructure_hook_func(self, check_func: Any, func: Any) -> None:
        """`cattrs.Converter.register_unstructure_hook_func`; nested models use it too."""
        with self._lock:
            super().register_unstructure_hook_func(check_func, func)
            self._hooks_changed()

    def register_structure_hook_func(self, check_func: Any, func: Any) -> None:
        """`cattrs.Converter.register_structure_hook_func`; nested models use it too."""
        with self._lock:
            super().register_structure_hook_func(check_func, func)
            self._hooks_changed()

    def register_unstructure_hook_factory(self, predicate: Any, factory: Any = None) -> Any:
        """`cattrs.Converter.register_unstructure_hook_factory`; nested models use it too."""
        if factory is None:  # used as a decorator
            def decorator(factory: Any) -> Any:
                self.register_unstructure_hook_factory(predicate, factory)
                return factory

            return decorator
        with self._lock:
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
        with self._lock:
            result = super().register_structure_hook_factory(predicate, factory)
            self._hooks_changed()
        return result

    def _hooks_changed(self) -> None:
        # The converter's own set-up (and the module's, for `converter`) does not count.
        if not self._ready or not _READY:
            return
        self._customised = True
        if self is converter:
            self._point_slots(list(REGISTRY.values()))
        else:
            self._point_slots(list(self._codecs.values()))

    def _point_slots(self, codecs: list[ShapeCodec]) -> None:
        """Point the nested-conversion slots of ``codecs`` at this converter's hooks."""
        for codec in codecs:
            s_hook = self.get_structure_hook(codec.cls)
            u_hook = self.get_unstructure_hook(codec.cls)
            if self is not converter:  # the SDK converter's defaults stand for this one's
                sdk = REGISTRY.get(codec.cls)
                if sdk is not None:
                    s_hook = codec.structure if s_hook is sdk.structure else s_hook
                    u_hook = codec.unstructure if u_hook is sdk.unstructure else u_hook
            structure = codec.structure if s_hook is codec.structure else _bound(s_hook, codec.cls)
            codec.point(structure, u_hook)


def _loaded(codecs: list[ShapeCodec]) -> None:
    """A codec module was loaded: point its slots at user hooks, if there are any."""
    with converter._lock:
        if converter._customised:
            converter._point_slots(codecs)


_READY = False
converter: PinpointConverter = PinpointConverter()
"""The configured converter (a `PinpointConverter`), for users who register their own hooks."""
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
