"""The records of the generated service schema (`pinpoint_sdk._schema`).

One `ShapeSchema` per model class, one `MemberSchema` per attribute and one
`OperationSchema` per client method: everything the hand-written layers (validation,
redaction, pagination, the resources' read-modify-write) need to know about a shape, read
by attribute name. Every record is frozen and slotted, compared and hashed by value; the
generated module shares one `TypeRef` per distinct type, so the common ones can be compared
by identity.

The records are plain slotted classes rather than dataclasses: the schema is built on the
first call of the client, and creating the classes and their ~2,400 instances this way costs
a fraction of what the dataclass machinery would.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, NoReturn

__all__ = [
    "Iso8601",
    "Iso8601Kind",
    "Limits",
    "MemberSchema",
    "OperationSchema",
    "Pagination",
    "PrimitiveName",
    "ShapeSchema",
    "TypeKind",
    "TypeRef",
]

TypeKind = Literal["prim", "enum", "struct", "list", "map"]
PrimitiveName = Literal["str", "int", "float", "bool", "datetime", "bytes"]
Iso8601Kind = Literal["date-time", "duration", "time"]

_set = object.__setattr__


class _Record:
    """Base of the schema records: frozen, compared, hashed and shown by the values of
    the slots the subclass declares."""

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot set {name!r}")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self is other or self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self).__name__, *self._values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"


class TypeRef(_Record):
    """A member's type: a primitive, an enum, a structure, or a list or map of a type.

    Attributes:
        kind: `"prim"`, `"enum"`, `"struct"`, `"list"` or `"map"`.
        name: The Python type name of a primitive (`"str"`, `"datetime"`...), the enum
            class name, or the shape name of a structure; `""` for a list or map.
        item: The type of a list's items or a map's values (map keys are strings).
    """

    __slots__ = ("item", "kind", "name")
    kind: TypeKind
    name: str
    item: TypeRef | None

    def __init__(self, kind: TypeKind, name: str = "", item: TypeRef | None = None) -> None:
        _set(self, "kind", kind)
        _set(self, "name", name)
        _set(self, "item", item)

    @property
    def is_container(self) -> bool:
        """Whether this is a list or a map."""
        return self.item is not None


class Iso8601(_Record):
    """A string member the service model documents as ISO 8601.

    Attributes:
        kind: `"date-time"`, `"duration"` (`P1D`) or `"time"` of day (`09:00`).
        literals: Words the service also accepts in place of a time (`IMMEDIATE`).
    """

    __slots__ = ("kind", "literals")
    kind: Iso8601Kind
    literals: tuple[str, ...]

    def __init__(self, kind: Iso8601Kind, literals: tuple[str, ...] = ()) -> None:
        _set(self, "kind", kind)
        _set(self, "literals", literals)


class Limits(_Record):
    """Documented service limits of one member that the service model does not state
    (the values are those of `pinpoint_sdk.limits`); `None` where nothing is documented.

    Attributes:
        max_length: Characters of a string member.
        max_items: Entries of a list or map member.
        max_key_length: Characters of each key of a map member.
        max_value_length: Characters of each string value of a map member (of each item,
            where the values are lists).
        max_value_items: Items of each list value of a map member.
    """

    __slots__ = ("max_items", "max_key_length", "max_length", "max_value_items",
                 "max_value_length")
    max_length: int | None
    max_items: int | None
    max_key_length: int | None
    max_value_length: int | None
    max_value_items: int | None

    def __init__(
        self,
        *,
        max_length: int | None = None,
        max_items: int | None = None,
        max_key_length: int | None = None,
        max_value_length: int | None = None,
        max_value_items: int | None = None,
    ) -> None:
        _set(self, "max_length", max_length)
        _set(self, "max_items", max_items)
        _set(self, "max_key_length", max_key_length)
        _set(self, "max_value_length", max_value_length)
        _set(self, "max_value_items", max_value_items)


class MemberSchema(_Record):
    """One member of a shape.

    Attributes:
        name: The attribute name on the model class (`application_id`).
        wire: The member name on the wire and in boto3 (`ApplicationId`).
        type: The member's type.
        required: Whether the service model marks the member required.
        secret: Whether the member holds a secret (masked in reprs, logs and errors).
        uri_label: Whether the member is sent in the request URI (operation inputs only).
        iso8601: The ISO 8601 format the model documents for a string member, if any.
        limits: The documented service limits of the member, if any.
        json_name: The member's key in a JSON body where the wire uses another name than
            `wire` (`segmentDimensions` of `SimpleCondition`); `None` where the key is
            `wire` or the member is not sent in the body.
    """

    __slots__ = ("iso8601", "json_name", "limits", "name", "required", "secret", "type",
                 "uri_label", "wire")
    name: str
    wire: str
    type: TypeRef
    required: bool
    secret: bool
    uri_label: bool
    iso8601: Iso8601 | None
    limits: Limits | None
    json_name: str | None

    def __init__(
        self,
        name: str,
        wire: str,
        type: TypeRef,
        *,
        required: bool = False,
        secret: bool = False,
        uri_label: bool = False,
        iso8601: Iso8601 | None = None,
        limits: Limits | None = None,
        json_name: str | None = None,
    ) -> None:
        _set(self, "name", name)
        _set(self, "wire", wire)
        _set(self, "type", type)
        _set(self, "required", required)
        _set(self, "secret", secret)
        _set(self, "uri_label", uri_label)
        _set(self, "iso8601", iso8601)
        _set(self, "limits", limits)
        _set(self, "json_name", json_name)


_BY_WIRE: dict[str, Mapping[str, MemberSchema]] = {}


class ShapeSchema(_Record):
    """One structure of the service model, the schema of one model class.

    Attributes:
        name: The shape name, which is also the model class name.
        group: The module of `pinpoint_sdk.models` the class is generated in.
        members: Every member, in the service model's order.
        payload: The wire name of the member that is the whole HTTP body (every
            operation output has one: `CampaignResponse` of `GetCampaignResponse`), if any.
    """

    __slots__ = ("group", "members", "name", "payload")
    name: str
    group: str
    members: tuple[MemberSchema, ...]
    payload: str | None

    def __init__(
        self,
        name: str,
        group: str,
        members: tuple[MemberSchema, ...],
        *,
        payload: str | None = None,
    ) -> None:
        _set(self, "name", name)
        _set(self, "group", group)
        _set(self, "members", members)
        _set(self, "payload", payload)

    @property
    def required(self) -> tuple[str, ...]:
        """Attribute names of the required members."""
        return tuple(member.name for member in self.members if member.required)

    @property
    def secret(self) -> tuple[str, ...]:
        """Attribute names of the secret members."""
        return tuple(member.name for member in self.members if member.secret)

    def by_wire(self) -> Mapping[str, MemberSchema]:
        """The members by wire name (built once per shape)."""
        found = _BY_WIRE.get(self.name)
        if found is None:
            found = _BY_WIRE[self.name] = {member.wire: member for member in self.members}
        return found


class Pagination(_Record):
    """How an operation pages.

    Attributes:
        input_token: Wire name of the input member that carries the token (`Token`...).
        output_token_path: Attribute path of the next token on the output model, `()` when
            the output carries none.
        page_size: Wire name of the page-size member of the input, if any.
    """

    __slots__ = ("input_token", "output_token_path", "page_size")
    input_token: str
    output_token_path: tuple[str, ...]
    page_size: str | None

    def __init__(
        self, input_token: str, output_token_path: tuple[str, ...], page_size: str | None = None
    ) -> None:
        _set(self, "input_token", input_token)
        _set(self, "output_token_path", output_token_path)
        _set(self, "page_size", page_size)


class OperationSchema(_Record):
    """One operation of the service model.

    Attributes:
        name: The operation name (`GetCampaign`).
        method: The client method name (`get_campaign`).
        input: The input shape name.
        output: The output shape name, `None` for an operation without output.
        http_method: The HTTP method (`GET`).
        uri: The request URI template (`/v1/apps/{application-id}`).
        pagination: How the operation pages, `None` when it does not.
    """

    __slots__ = ("http_method", "input", "method", "name", "output", "pagination", "uri")
    name: str
    method: str
    input: str
    output: str | None
    http_method: str
    uri: str
    pagination: Pagination | None

    def __init__(
        self,
        name: str,
        method: str,
        input: str,
        output: str | None,
        http_method: str,
        uri: str,
        *,
        pagination: Pagination | None = None,
    ) -> None:
        _set(self, "name", name)
        _set(self, "method", method)
        _set(self, "input", input)
        _set(self, "output", output)
        _set(self, "http_method", http_method)
        _set(self, "uri", uri)
        _set(self, "pagination", pagination)

    def paging(self) -> Pagination:
        """The pagination of an operation that pages.

        Raises:
            LookupError: the operation does not page.
        """
        if self.pagination is None:
            raise LookupError(f"{self.name} does not page")
        return self.pagination
