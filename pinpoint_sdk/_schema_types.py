"""The records of the generated service schema (`pinpoint_sdk._schema`).

One `ShapeSchema` per model class, one `MemberSchema` per attribute and one
`OperationSchema` per client method: everything the hand-written layers (validation,
redaction, pagination, the resources' read-modify-write) need to know about a shape, read
by attribute name. Every record is frozen and slotted; the generated module shares one
`TypeRef` per distinct type, so the common ones can be compared by identity.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Iso8601",
    "Iso8601Kind",
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


@dataclass(frozen=True, slots=True)
class TypeRef:
    """A member's type: a primitive, an enum, a structure, or a list or map of a type.

    Attributes:
        kind: `"prim"`, `"enum"`, `"struct"`, `"list"` or `"map"`.
        name: The Python type name of a primitive (`"str"`, `"datetime"`...), the enum
            class name, or the shape name of a structure; `""` for a list or map.
        item: The type of a list's items or a map's values (map keys are strings).
    """

    kind: TypeKind
    name: str = ""
    item: TypeRef | None = None

    @property
    def is_container(self) -> bool:
        """Whether this is a list or a map."""
        return self.item is not None


@dataclass(frozen=True, slots=True)
class Iso8601:
    """A string member the service model documents as ISO 8601.

    Attributes:
        kind: `"date-time"`, `"duration"` (`P1D`) or `"time"` of day (`09:00`).
        literals: Words the service also accepts in place of a time (`IMMEDIATE`).
    """

    kind: Iso8601Kind
    literals: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MemberSchema:
    """One member of a shape.

    Attributes:
        name: The attribute name on the model class (`application_id`).
        wire: The member name on the wire and in boto3 (`ApplicationId`).
        type: The member's type.
        required: Whether the service model marks the member required.
        secret: Whether the member holds a secret (masked in reprs, logs and errors).
        uri_label: Whether the member is sent in the request URI (operation inputs only).
        iso8601: The ISO 8601 format the model documents for a string member, if any.
    """

    name: str
    wire: str
    type: TypeRef
    required: bool = False
    secret: bool = False
    uri_label: bool = False
    iso8601: Iso8601 | None = None


_BY_WIRE: dict[str, Mapping[str, MemberSchema]] = {}


@dataclass(frozen=True, slots=True)
class ShapeSchema:
    """One structure of the service model, the schema of one model class.

    Attributes:
        name: The shape name, which is also the model class name.
        group: The module of `pinpoint_sdk.models` the class is generated in.
        members: Every member, in the service model's order.
    """

    name: str
    group: str
    members: tuple[MemberSchema, ...]

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


@dataclass(frozen=True, slots=True)
class Pagination:
    """How an operation pages.

    Attributes:
        input_token: Wire name of the input member that carries the token (`Token`...).
        output_token_path: Attribute path of the next token on the output model, `()` when
            the output carries none.
        page_size: Wire name of the page-size member of the input, if any.
    """

    input_token: str
    output_token_path: tuple[str, ...]
    page_size: str | None = None


@dataclass(frozen=True, slots=True)
class OperationSchema:
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

    name: str
    method: str
    input: str
    output: str | None
    http_method: str
    uri: str
    pagination: Pagination | None = None

    def paging(self) -> Pagination:
        """The pagination of an operation that pages.

        Raises:
            LookupError: the operation does not page.
        """
        if self.pagination is None:
            raise LookupError(f"{self.name} does not page")
        return self.pagination
