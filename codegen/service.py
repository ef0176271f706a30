"""Read the botocore ``pinpoint`` service model and derive what the generator emits.

Everything the SDK knows about the service (names, members, required sets, request or
response role, pagination tokens, module groups) is computed here, once, from the model.
"""

from __future__ import annotations

import html
import keyword
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import botocore
import botocore.session
from botocore import xform_name

from codegen.sensitive import secret_members

SERVICE_NAME = "pinpoint"
API_VERSION = "2016-12-01"

# Module groups for the generated models, chosen by the operation that uses a shape.
# The first pattern that matches an operation name wins.
OPERATION_GROUPS: tuple[tuple[str, str], ...] = (
    ("Kpi", "analytics"),
    ("ExportJob|ImportJob", "jobs"),
    ("Journey", "journeys"),
    ("Campaign", "campaigns"),
    ("Segment", "segments"),
    ("Template", "templates"),
    ("Recommender", "recommenders"),
    ("Channel", "channels"),
    ("EventStream|PutEvents", "events"),
    ("Endpoint|Attributes", "endpoints"),
    ("Messages|OTP|PhoneNumber|InAppMessages", "messaging"),
    ("Tag|Untag", "tags"),
    ("App", "apps"),
)
SHARED_GROUP = "common"

PRIMITIVES: dict[str, str] = {
    "string": "str",
    "integer": "int",
    "long": "int",
    "double": "float",
    "float": "float",
    "boolean": "bool",
    "timestamp": "datetime",
    "blob": "bytes",
}


@dataclass(frozen=True)
class TypeRef:
    """A member's type: a primitive, an enum, a structure, or a list/map of one."""

    kind: str  # "prim" | "enum" | "struct" | "list" | "map"
    name: str  # primitive python name, enum class, structure class; "" for containers
    item: TypeRef | None = None

    def annotation(self) -> str:
        if self.kind == "prim":
            return self.name
        if self.kind == "enum":
            return f"{self.name} | str"
        if self.kind == "struct":
            return self.name
        assert self.item is not None
        if self.kind == "list":
            return f"list[{self.item.annotation()}]"
        return f"dict[str, {self.item.annotation()}]"

    def leaves(self) -> Iterable[TypeRef]:
        if self.item is not None:
            yield from self.item.leaves()
        else:
            yield self


@dataclass
class Member:
    wire: str
    name: str
    type: TypeRef
    required: bool
    location: str | None
    location_name: str | None
    doc: str


@dataclass
class Structure:
    name: str
    doc: str
    members: list[Member]
    group: str = SHARED_GROUP
    in_request: bool = False
    in_response: bool = False
    payload: str | None = None
    sensitive: tuple[str, ...] = ()
    is_output: bool = False  # the output shape of an operation

    @property
    def request_only(self) -> bool:
        return self.in_request and not self.in_response


@dataclass
class Enum:
    shape: str
    name: str
    values: list[str]
    doc: str


@dataclass
class Pagination:
    input_token: str  # wire name of the input member ("Token" or "NextToken")
    output_token_path: tuple[str, ...]  # snake_case path on the output model; () if none
    page_size: str | None  # wire name of the page size member, if any


@dataclass
class Operation:
    name: str
    method: str
    doc: str
    http_method: str
    uri: str
    input: str
    output: str | None
    pagination: Pagination | None = None


@dataclass
class Service:
    botocore_version: str
    structures: dict[str, Structure]
    enums: dict[str, Enum]
    operations: dict[str, Operation]
    errors: dict[str, int]  # error shape -> HTTP status
    groups: dict[str, list[str]] = field(default_factory=dict)
    # input shape -> attribute names of the members sent in the request URI
    uri_labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # request shape -> {attribute name of a string member: (ISO 8601 kind, literals)}
    iso8601: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = field(default_factory=dict)


_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_ASCII = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
     "\u00a0": " "}
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


def _plain(fragment: str) -> str:
    """HTML fragment to one line of plain text, `<code>` kept as Markdown code spans."""
    text = re.sub(r"</?code>", "`", fragment)
    text = html.unescape(_TAG.sub("", text)).translate(_ASCII)
    return _SPACE.sub(" ", text).strip().replace("\\", "\\\\").replace('"""', "'''")


_VALUE_ITEM = re.compile(r"^`?([\w.-]+)`?\s+[-\u2013]\s")


def _listed(fragment: str) -> str:
    """The ``<ul>`` at the start of ``fragment`` as one sentence: values as code spans
    (``A``, ``B``...) when every item starts with ``VALUE - meaning``, else the items.

    The model sometimes leaves the list unclosed (``<ul><li>...</li></p>``); it then ends
    where the fragment does.
    """
    found = re.match(r"\s*<ul>(.*?)(?:</ul>|$)", fragment, re.S)
    if not found:
        return ""
    items = [_plain(item) for item in re.findall(r"<li>(.*?)</li>", found.group(1), re.S)]
    values = [_VALUE_ITEM.match(item) for item in items]
    if items and all(values):
        return ", ".join(f"`{v.group(1)}`" for v in values if v) + "."
    return "; ".join(item.rstrip(".") for item in items) + "."


def clean_doc(raw: str | None, *, limit: int = 320) -> str:
    """Turn the model's HTML documentation into one short plain-text paragraph.

    A first paragraph that introduces a list ("Valid values are:") keeps the list.
    """
    if not raw:
        return ""
    first, _, rest = raw.partition("</p>")
    # The list follows the paragraph, or sits inside it when the model nests a <ul> in a <p>.
    intro, nested, inside = first.partition("<ul>")
    text = _plain(intro)
    if text.endswith(":") and (listed := _listed(nested + inside if nested else rest)):
        return f"{text} {listed}"
    return _shorten(_plain(first), limit)


def _document_wrappers(
    structures: Mapping[str, Structure], operations: Mapping[str, Operation]
) -> None:
    """Say what the undocumented operation input and output shapes are, let any other
    undocumented structure take the documentation of the member typed as it, and let members
    typed as an undocumented structure reuse that structure's documentation."""
    for op in operations.values():
        for shape, role in ((op.input, "Input"), (op.output, "Output")):
            struct = structures[shape] if shape else None
            if struct is None or struct.doc:
                continue
            struct.doc = f"{role} of `PinpointClient.{op.method}`."
            payload = next((m for m in struct.members if m.wire == struct.payload), None)
            if payload is not None and payload.type.kind == "struct":
                inner = structures[payload.type.name].doc
                if inner:
                    struct.doc += f" Payload `{payload.name}`: {inner}"
    for struct in structures.values():
        if not struct.doc:  # e.g. ContactCenterActivity, documented as Activity.ContactCenter
            struct.doc = next(
                (
                    member.doc
                    for owner in structures.values()
                    for member in owner.members
                    if member.doc and member.type.kind == "struct" and member.type.name == struct.name
                ),
                "",
            )
    for struct in structures.values():
        for member in struct.members:
            if not member.doc and member.type.kind == "struct":
                member.doc = _shorten(structures[member.type.name].doc, 200)


def _shorten(text: str, limit: int) -> str:
    """An already clean ``text`` cut to ``limit`` characters at a sentence end."""
    if len(text) <= limit:
        return text
    out = ""
    for sentence in _SENTENCE.split(text):
        if out and len(out) + len(sentence) + 1 > limit:
            break
        out = f"{out} {sentence}".strip()
    if len(out) > limit:
        out = out[: limit - 3].rsplit(" ", 1)[0] + "..."
    return out


def enum_member_name(value: str) -> str:
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", value)
    name = re.sub(r"[^0-9A-Za-z]+", "_", name).strip("_").upper()
    if not name or name[0].isdigit():
        name = f"V_{name}"
    return name


def attribute_name(wire: str) -> str:
    name = xform_name(wire)
    if keyword.iskeyword(name) or name in ("self",):
        name += "_"
    return name


def load_service() -> Service:
    session = botocore.session.get_session()
    loader = session.get_component("data_loader")
    raw = loader.load_service_model(SERVICE_NAME, "service-2", API_VERSION)
    shapes: Mapping[str, Any] = raw["shapes"]

    enums: dict[str, Enum] = {}
    for shape_name, shape in shapes.items():
        if shape["type"] == "string" and "enum" in shape:
            enums[shape_name] = Enum(
                shape=shape_name,
                name=shape_name.lstrip("_"),
                values=list(shape["enum"]),
                doc=clean_doc(shape.get("documentation")),
            )

    def type_of(shape_name: str) -> TypeRef:
        shape = shapes[shape_name]
        kind = shape["type"]
        if kind == "structure":
            return TypeRef("struct", shape_name)
        if kind == "list":
            return TypeRef("list", "", type_of(shape["member"]["shape"]))
        if kind == "map":
            return TypeRef("map", "", type_of(shape["value"]["shape"]))
        if shape_name in enums:
            return TypeRef("enum", enums[shape_name].name)
        return TypeRef("prim", PRIMITIVES[kind])

    errors: dict[str, int] = {}
    structures: dict[str, Structure] = {}
    secrets = secret_members(shapes)
    for shape_name, shape in shapes.items():
        if shape["type"] != "structure":
            continue
        if shape.get("exception"):
            errors[shape_name] = int(shape.get("error", {}).get("httpStatusCode", 400))
            continue
        required = set(shape.get("required", ()))
        members = []
        seen: set[str] = set()
        for wire, member in shape["members"].items():
            name = attribute_name(wire)
            if name in seen:
                raise ValueError(f"{shape_name}: two members map to {name!r}")
            seen.add(name)
            members.append(
                Member(
                    wire=wire,
                    name=name,
                    type=type_of(member["shape"]),
                    required=wire in required,
                    location=member.get("location"),
                    location_name=member.get("locationName"),
                    doc=clean_doc(member.get("documentation"), limit=200),
                )
            )
        structures[shape_name] = Structure(
            name=shape_name,
            doc=clean_doc(shape.get("documentation")),
            members=members,
            payload=shape.get("payload"),
            sensitive=secrets.get(shape_name, ()),
        )

    def reach(root: str) -> set[str]:
        found: set[str] = set()
        stack = [root]
        while stack:
            name = stack.pop()
            if name in found:
                continue
            found.add(name)
            for member in structures[name].members:
                for leaf in member.type.leaves():
                    if leaf.kind == "struct":
                        stack.append(leaf.name)
        return found

    operations: dict[str, Operation] = {}
    group_votes: dict[str, set[str]] = {name: set() for name in structures}
    for op_name, op in raw["operations"].items():
        in_shape = op["input"]["shape"]
        out_shape = op.get("output", {}).get("shape")
        group = next(g for pattern, g in OPERATION_GROUPS if re.search(pattern, op_name))
        for name in reach(in_shape):
            structures[name].in_request = True
            group_votes[name].add(group)
        if out_shape:
            structures[out_shape].is_output = True
            for name in reach(out_shape):
                structures[name].in_response = True
                group_votes[name].add(group)
        operations[op_name] = Operation(
            name=op_name,
            method=xform_name(op_name),
            doc=clean_doc(op.get("documentation"), limit=400),
            http_method=op["http"]["method"],
            uri=op["http"]["requestUri"],
            input=in_shape,
            output=out_shape,
            pagination=_pagination(structures, in_shape, out_shape),
        )

    for name, votes in group_votes.items():
        structures[name].group = votes.pop() if len(votes) == 1 else SHARED_GROUP

    groups: dict[str, list[str]] = {}
    for name in sorted(structures):
        groups.setdefault(structures[name].group, []).append(name)

    _document_wrappers(structures, operations)
    return Service(
        botocore_version=botocore.__version__,
        structures=dict(sorted(structures.items())),
        enums=dict(sorted(enums.items(), key=lambda item: item[1].name)),
        operations=dict(sorted(operations.items())),
        errors=dict(sorted(errors.items())),
        groups=dict(sorted(groups.items())),
        uri_labels=_uri_labels(structures, operations.values()),
        iso8601=_iso8601_members(shapes, structures),
    )


def _uri_labels(
    structures: Mapping[str, Structure], operations: Iterable[Operation]
) -> dict[str, tuple[str, ...]]:
    labels = {}
    for op in operations:
        names = tuple(m.name for m in structures[op.input].members if m.location == "uri")
        if names:
            labels[op.input] = names
    return dict(sorted(labels.items()))


# The model documents these as "in ISO 8601 format" but the service takes a time of day
# there ("09:00"), so the documentation alone would call them date-times.
ISO8601_KIND_OVERRIDES: dict[tuple[str, str], str] = {
    ("OpenHoursRule", "StartTime"): "time",
    ("OpenHoursRule", "EndTime"): "time",
}
_ISO8601 = re.compile(r"ISO[ -]8601")
_LITERAL = re.compile(r"\b([A-Z]{4,})\b, to ")


def _iso8601_members(
    shapes: Mapping[str, Any], structures: Mapping[str, Structure]
) -> dict[str, dict[str, tuple[str, tuple[str, ...]]]]:
    """String members of request shapes whose documentation says they hold ISO 8601.

    A member documented as a duration holds a duration (``P1D``), any other a date-time;
    words the documentation offers instead of a time (``IMMEDIATE, to start the campaign
    immediately``) are kept as accepted literals.
    """
    found: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {}
    for struct in structures.values():
        if not struct.in_request:
            continue
        raw_members = shapes[struct.name]["members"]
        for member in struct.members:
            if member.type.kind != "prim" or member.type.name != "str":
                continue
            doc = raw_members[member.wire].get("documentation", "")
            if not _ISO8601.search(doc):
                continue
            kind = ISO8601_KIND_OVERRIDES.get((struct.name, member.wire))
            if kind is None:
                kind = "duration" if "duration" in doc.lower() else "date-time"
            literals = tuple(_LITERAL.findall(doc))
            found.setdefault(struct.name, {})[member.name] = (kind, literals)
    return dict(sorted(found.items()))


def _pagination(
    structures: Mapping[str, Structure], in_shape: str, out_shape: str | None
) -> Pagination | None:
    inputs = {m.wire: m for m in structures[in_shape].members}
    token = next((t for t in ("Token", "NextToken") if t in inputs), None)
    if token is None:
        return None
    path: tuple[str, ...] = ()
    if out_shape:
        for member in structures[out_shape].members:
            if member.type.kind != "struct":
                continue
            inner = structures[member.type.name]
            for candidate in inner.members:
                if candidate.wire == "NextToken":
                    path = (member.name, candidate.name)
    page_size = "PageSize" if "PageSize" in inputs else None
    return Pagination(input_token=token, output_token_path=path, page_size=page_size)
