"""Base classes shared by every generated model.

Models are plain attrs classes: keyword-only, slotted, compared by value. Two private
slots travel with every instance without being fields of the shape:

* ``_unknown`` (constructor argument ``unknown_fields``) holds wire keys the model does not
  define yet, so a read-modify-write round trip never deletes data and a member newer than
  this SDK can still be sent (see :mod:`pinpoint_sdk.converter`);
* ``_response_metadata`` (operation outputs only) holds boto3's ``ResponseMetadata``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import attrs
from attrs import define, field

MASK = "***"
_MAX_ITEMS = 3


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

    def __repr__(self) -> str:
        parts = []
        for name, value in self._set_fields():
            shown = MASK if name in self._sensitive_fields else _short_repr(value)
            parts.append(f"{name}={shown}")
        return f"{type(self).__name__}({', '.join(parts)})"


@define(kw_only=True, repr=False)
class OperationOutput(Model):
    """Base class of the models an operation returns; carries the response metadata."""

    _response_metadata: dict[str, Any] | None = field(
        init=False, default=None, repr=False, eq=False
    )

    @property
    def response_metadata(self) -> Mapping[str, Any]:
        """boto3's ``ResponseMetadata`` of the call that produced this result (or empty)."""
        return self._response_metadata or {}

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


def _short_repr(value: Any) -> str:
    """repr with long lists and maps summarised, so a model prints on a few lines."""
    if isinstance(value, list) and len(value) > _MAX_ITEMS:
        shown = ", ".join(_short_repr(v) for v in value[:_MAX_ITEMS])
        return f"[{shown}, ... {len(value) - _MAX_ITEMS} more]"
    if isinstance(value, dict) and len(value) > _MAX_ITEMS:
        items = list(value.items())[:_MAX_ITEMS]
        shown = ", ".join(f"{k!r}: {_short_repr(v)}" for k, v in items)
        return f"{{{shown}, ... {len(value) - _MAX_ITEMS} more}}"
    return repr(value)
