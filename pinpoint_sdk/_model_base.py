"""Base classes shared by every generated model.

Models are plain attrs classes: keyword-only, slotted, compared by value. Two private
slots travel with every instance without being fields of the shape:

* ``_unknown`` (constructor argument ``unknown_fields``) holds wire keys the model does not
  define yet, so a read-modify-write round trip never deletes data and a member newer than
  this SDK can still be sent (see `pinpoint_sdk.converter`);
* ``_response_metadata`` (operation outputs only) holds boto3's ``ResponseMetadata``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, MutableMapping
from enum import Enum
from importlib import import_module
from threading import RLock
from typing import TYPE_CHECKING, Any, ClassVar, TypedDict, TypeVar, cast

if TYPE_CHECKING:
    from _collections_abc import dict_items, dict_keys, dict_values

import attrs
from attrs import define, field

from pinpoint_sdk._masking import MASK as MASK

M = TypeVar("M")

_MAX_ITEMS = 3
_MAX_STRING = 80
# Identifying fields lead a repr, so a truncated line still says which object it is.
_LEADING = {"id": 0, "name": 1}


@define(kw_only=True, repr=False)
class Model:
    """Base class of every Pinpoint model."""

    _sensitive_fields: ClassVar[frozenset[str]] = frozenset()

    # Wire keys the model does not define. Structured responses fill it; users may pass
    # ``unknown_fields={"NewMember": ...}`` to send a member this SDK does not know yet,
    # and ``attrs.evolve`` carries it over.
    _unknown: dict[str, Any] | None = field(default=None, alias="unknown_fields", repr=False)

    def _set_fields(self) -> Iterator[tuple[str, Any]]:
        """(attribute name, value) for every field that is set (not ``None``)."""
        for attribute in attrs.fields(type(self)):
            if not attribute.name.startswith("_"):
                value = getattr(self, attribute.name)
                if value is not None:
                    yield attribute.name, value

    def _display_fields(self) -> list[tuple[str, Any]]:
        """Set fields in display order: ``id`` and ``name`` first, then model order."""
        fields = list(self._set_fields())
        return sorted(fields, key=lambda item: _LEADING.get(item[0], len(_LEADING)))

    def __repr__(self) -> str:
        parts = []
        for name, value in self._display_fields():
            shown = MASK if name in self._sensitive_fields else _short_repr(value)
            parts.append(f"{name}={shown}")
        return f"{type(self).__name__}({', '.join(parts)})"

    def _repr_html_(self) -> str:
        """HTML table for Jupyter: set fields, nested models collapsible, secrets masked."""
        # The HTML renderer is only needed in notebooks; keep it out of the import path.
        # It imports nothing back from here (``_html`` knows models by their members).
        from pinpoint_sdk._html import to_html

        return to_html(self)


class ResponseMetadata(TypedDict, total=False):
    """boto3's ``ResponseMetadata`` of one call, as `OperationOutput.response_metadata`
    holds it (a call that was not answered over HTTP may lack any of the keys)."""

    RequestId: str
    """The AWS request id (``x-amzn-RequestId``)."""
    HostId: str
    """The ``x-amz-id-2`` host id, when the service sends one."""
    HTTPStatusCode: int
    """The HTTP status code of the answer."""
    HTTPHeaders: dict[str, str]
    """The HTTP headers of the answer (lower-case names)."""
    RetryAttempts: int
    """How many times botocore retried the call before this answer."""


@define(kw_only=True, repr=False)
class OperationOutput(Model):
    """Base class of the models an operation returns; carries the response metadata."""

    _response_metadata: dict[str, Any] | None = field(
        init=False, default=None, repr=False, eq=False
    )

    @property
    def response_metadata(self) -> ResponseMetadata:
        """boto3's ``ResponseMetadata`` of the call that produced this result (or empty)."""
        return cast(ResponseMetadata, self._response_metadata or {})

    @property
    def request_id(self) -> str | None:
        """The AWS request id of the call that produced this result."""
        value = self.response_metadata.get("RequestId")
        return value if isinstance(value, str) else None

    @property
    def http_status_code(self) -> int | None:
        """The HTTP status code of the call that produced this result."""
        value = self.response_metadata.get("HTTPStatusCode")
        return value if isinstance(value, int) else None


class _Binder:
    """Binds, once, the names a generated module imports only for type checkers."""

    __slots__ = ("namespace", "sources")

    def __init__(self, namespace: MutableMapping[str, Any], sources: Mapping[str, str]) -> None:
        self.namespace = namespace
        self.sources: Mapping[str, str] | None = sources

    def bind(self) -> None:
        sources = self.sources
        if sources is None:
            return
        for name, module in sources.items():
            if name not in self.namespace:
                self.namespace[name] = getattr(import_module(module), name)
        self.sources = None


class _Annotations(dict[str, Any]):
    """A model class's ``__annotations__``: reading them first binds the names they use.

    ``typing.get_type_hints``, ``inspect.get_annotations`` and ``attrs.resolve_types``
    evaluate the annotation strings in the module's namespace; the generated model modules
    import other groups' classes (and enums) only for type checkers, to keep imports
    cheap, so those names are bound here the first time anything reads the annotations.
    """

    __slots__ = ("_binder",)

    def __init__(self, annotations: Mapping[str, Any], binder: _Binder) -> None:
        super().__init__(annotations)
        self._binder = binder

    def __iter__(self) -> Iterator[str]:
        self._binder.bind()
        return super().__iter__()

    def keys(self) -> dict_keys[str, Any]:
        self._binder.bind()
        return super().keys()

    def items(self) -> dict_items[str, Any]:
        self._binder.bind()
        return super().items()

    def values(self) -> dict_values[str, Any]:
        self._binder.bind()
        return super().values()


class _Deferred:
    """A model class body that attrs builds into the model class on first use."""

    __slots__ = ("body", "options")

    def __init__(self, body: type, options: dict[str, Any]) -> None:
        self.body = body
        self.options = options


def define_later(**options: Any) -> Callable[[type], Any]:
    """``attrs.define(**options)``, applied when the class is first used (see
    `lazy_annotations`): type checkers see the generated modules call ``attrs.define``."""

    def later(body: type) -> Any:
        return _Deferred(body, options)

    return later


def lazy_annotations(namespace: MutableMapping[str, Any], sources: Mapping[str, str]) -> None:
    """Finish a generated model module (``namespace``, its globals).

    Its classes are built by attrs on first use (a module ``__getattr__``), so a program
    pays for the classes it uses, not for every class of the groups it touches. Their
    annotations resolve at runtime: ``sources`` maps each name they use from elsewhere to
    its module, imported (and the module's own classes built) on the first read of any of
    those annotations."""
    module = namespace["__name__"]
    deferred: dict[str, _Deferred] = {
        name: namespace.pop(name) for name in namespace["__all__"]
        if isinstance(namespace.get(name), _Deferred)
    }
    binder = _Binder(namespace, {**sources, **dict.fromkeys(deferred, module)})
    lock = RLock()

    def build(name: str) -> type:
        with lock:
            built = namespace.get(name)
            if built is None:
                pending = deferred[name]
                # The class's own annotations (not inherited ones), before the wrapper exists.
                own = pending.body.__dict__.get("__annotations__", {})  # noqa: RUF063
                built = define(**pending.options)(pending.body)
                built.__annotations__ = _Annotations(own, binder)
                namespace[name] = built
            return cast(type, built)

    def __getattr__(name: str) -> type:
        if name not in deferred:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        return build(name)

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(deferred))

    namespace["__getattr__"] = __getattr__
    namespace["__dir__"] = __dir__


def evolve(model: M, **changes: Any) -> M:
    """A copy of ``model`` with ``changes`` applied (``attrs.evolve``), whose unknown wire
    keys are a copy too, so editing one never changes the other."""
    result = attrs.evolve(model, **changes)  # type: ignore[misc]
    unknown = getattr(model, "_unknown", None)
    if unknown:
        object.__setattr__(result, "_unknown", dict(unknown))
    return result


def _short_repr(value: Any) -> str:
    """repr with long lists, maps and strings summarised, so a model prints on a few lines."""
    if isinstance(value, Enum):
        if type(value)._member_map_.get(value.name) is not value:  # a value the model lacks
            return f"{type(value).__name__}({value.value!r})"
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, str) and len(value) > _MAX_STRING:
        return f"{value[:_MAX_STRING]!r}... ({len(value)} chars)"
    if isinstance(value, list):
        shown = ", ".join(_short_repr(v) for v in value[:_MAX_ITEMS])
        more = len(value) - _MAX_ITEMS
        return f"[{shown}, ... {more} more]" if more > 0 else f"[{shown}]"
    if isinstance(value, dict):
        items = list(value.items())[:_MAX_ITEMS]
        shown = ", ".join(f"{k!r}: {_short_repr(v)}" for k, v in items)
        more = len(value) - _MAX_ITEMS
        return f"{{{shown}, ... {more} more}}" if more > 0 else f"{{{shown}}}"
    return repr(value)
