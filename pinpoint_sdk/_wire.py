"""Helpers the generated codec (``pinpoint_sdk._codec``) calls off its fast path.

A wire value whose JSON type is not the one its member's annotation says (a string where
the model has a list, a list holding a number where the model has strings...) is never
stored on that member: the member stays ``None`` and the value is kept, exactly as sent,
with the instance's unknown wire keys (`pinpoint_sdk.converter.unknown_fields`), so
``unstructure`` writes it back unchanged and a read-modify-write never deletes it.

The generated functions test the exact class first (``v.__class__ is str``); only other
values reach these helpers, which accept subclasses (``str`` enums, say) and reject the rest
by raising `WrongType`.
"""

from __future__ import annotations

from collections.abc import Callable, Set
from datetime import datetime
from enum import Enum, StrEnum
from typing import Any, NoReturn, TypeAlias

Codec: TypeAlias = tuple[Callable[..., Any], Callable[[Any], Any]]
"""What a generated ``_codec_<Shape>`` factory makes for a class: (structure, unstructure);
structure takes the wire dict and, as a cattrs hook, the class too (ignored)."""


class WrongType(TypeError):
    """A wire value does not have the JSON type its annotation says.

    Inside a model the generated code catches it and keeps the value aside; it only
    reaches a caller who structures a non-object as a model (``structure("x", Schedule)``).
    """


def wrong() -> NoReturn:
    raise WrongType("a value of the wrong JSON type")


def not_an_object(value: Any, shape: str) -> NoReturn:
    """Raised by a shape's structure function given something other than a JSON object."""
    raise WrongType(f"{shape} needs a JSON object (dict), got {type(value).__name__}")


def keep(o: Any, wire: str, value: Any) -> Any:
    """Keep ``value`` with ``o``'s unknown wire keys (instead of on its member); ``None``."""
    if value is None:
        return None
    unknown = o._unknown
    if unknown is None:
        o._unknown = unknown = {}
    unknown[wire] = value
    return None


def extra(d: dict[str, Any], known: Set[str], kept: dict[str, Any] | None) -> dict[str, Any]:
    """The keys of ``d`` its model does not define, plus the values ``keep`` set aside."""
    unknown = {k: v for k, v in d.items() if k not in known}
    if kept:
        unknown.update(kept)
    return unknown


def merge_unknown(d: dict[str, Any], unknown: dict[str, Any]) -> None:
    """Write unknown wire keys back; a member the model sets wins over a kept value."""
    for key, value in unknown.items():
        if key not in d:
            d[key] = value


def field(o: Any, wire: str, value: Any, convert: Any) -> Any:
    """``convert(value)``, or ``None`` with ``value`` kept aside when its type is wrong."""
    if value is None:
        return None
    try:
        return convert(value)
    except WrongType:
        keep(o, wire, value)
        return None


def text(value: Any) -> Any:
    if isinstance(value, str):
        return value
    wrong()


def integer(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    wrong()


def number(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    wrong()


def boolean(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    wrong()


def timestamp(value: Any) -> Any:
    """A datetime, also from the ISO 8601 text JSON carries (exports, hand-written fixtures).

    Only text naming its offset is read: a naive time would be refused before sending, so it
    stays aside as written rather than being given a zone it never had.
    """
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            wrong()
        if parsed.tzinfo is not None:
            return parsed
    wrong()


def blob(value: Any) -> Any:
    if isinstance(value, bytes):
        return value
    wrong()


def member_of(enum: type[StrEnum]) -> Callable[[Any], Any]:
    """Reads a wire value that is not exactly ``str`` as a member of ``enum``: text of a
    ``str`` subclass (a member of this or another enum) is looked up by value, anything else
    is of the wrong JSON type."""

    def member(value: Any) -> Any:
        if isinstance(value, str):
            return enum(value)
        wrong()

    return member


def enum_text(value: Any) -> Any:
    """The wire form of an enum field's value that is not a member of the field's own enum:
    a member of another enum gives its value, anything else (a plain string) is sent as is."""
    return value._value_ if isinstance(value, Enum) else value
