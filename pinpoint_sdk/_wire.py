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

from collections.abc import Callable, Mapping, Set
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


# Collections of JSON scalars, the most common collection members. Plain loops: on Python
# 3.11 a comprehension costs a function frame each time it runs, more than a short loop.


def scalar_list(value: Any, exact: type, check: Callable[[Any], Any]) -> list[Any]:
    """A copy of wire list ``value`` whose items are all of class ``exact`` or accepted by
    ``check`` (which returns what it accepts unchanged); `WrongType` otherwise."""
    if value.__class__ is not list:
        wrong()
    for item in value:
        if item.__class__ is not exact:
            check(item)
    copy: list[Any] = value.copy()
    return copy


def scalar_map(value: Any, exact: type, check: Callable[[Any], Any]) -> dict[str, Any]:
    """A copy of wire object ``value``: text keys, values as `scalar_list` items."""
    if value.__class__ is not dict:
        wrong()
    for key, item in value.items():
        if key.__class__ is not str:
            text(key)
        if item.__class__ is not exact:
            check(item)
    copy: dict[str, Any] = value.copy()
    return copy


def scalar_list_map(value: Any, exact: type, check: Callable[[Any], Any]) -> dict[str, Any]:
    """A copy of wire object ``value``: text keys, each value a `scalar_list`."""
    if value.__class__ is not dict:
        wrong()
    result: dict[str, Any] = {}
    for key, items in value.items():
        if key.__class__ is not str:
            text(key)
        if items.__class__ is not list:
            wrong()
        for item in items:
            if item.__class__ is not exact:
                check(item)
        result[key] = items.copy()
    return result


def list_map_out(value: Any) -> Any:
    """The wire form of a model's map of scalar lists: a dict of list copies (a value that
    is not a mapping, or an item that is not a sequence, is passed on as it is)."""
    if value.__class__ is not dict and not isinstance(value, dict):
        return value
    result = {}
    for key, items in value.items():
        result[key] = (
            list(items) if items.__class__ is list or isinstance(items, (list, tuple)) else items
        )
    return result


def enum_list(
    value: Any, members: Mapping[str, Any], enum: type[StrEnum], member: Callable[[Any], Any]
) -> list[Any]:
    """Wire list ``value`` read as members of ``enum`` (``members``: value -> member; text
    of another class goes through ``member``, see `member_of`); `WrongType` otherwise."""
    if value.__class__ is not list:
        wrong()
    result = []
    for item in value:
        result.append((members.get(item) or enum(item)) if item.__class__ is str else member(item))
    return result


def enum_list_out(value: Any, enum: type[StrEnum]) -> Any:
    """The wire form of a model's list of ``enum`` members (see `enum_text`); a value that
    is not a list or tuple is passed on as it is."""
    if value.__class__ is not list and not isinstance(value, (list, tuple)):
        return value
    result = []
    for item in value:
        result.append(item._value_ if item.__class__ is enum else enum_text(item))
    return result


def struct_map(value: Any, structure: Callable[[Any], Any]) -> dict[str, Any]:
    """Wire object ``value`` with text keys, each value read by ``structure``."""
    if value.__class__ is not dict:
        wrong()
    result = {}
    for key, item in value.items():
        if key.__class__ is not str:
            text(key)
        result[key] = structure(item)
    return result


def struct_map_out(value: Any, unstructure: Callable[[Any], Any]) -> Any:
    """The wire form of a model's map of models; a value that is not a mapping is passed on."""
    if value.__class__ is not dict and not isinstance(value, dict):
        return value
    result = {}
    for key, item in value.items():
        result[key] = unstructure(item)
    return result
