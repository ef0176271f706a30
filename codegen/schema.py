"""Render `pinpoint_sdk/_schema.py`: one typed schema record per shape and per operation.

The records are the classes of `pinpoint_sdk._schema_types`. Every distinct member type is
one module-level `TypeRef` constant that the members share, so the generated module stays
small and the common types can be compared by identity.
"""

from __future__ import annotations

import re

from codegen.emit import header
from codegen.service import Member, Operation, Service, Structure, TypeRef

_ENDPOINT_ATTRIBUTES = {
    "max_key_length": "MAX_ATTRIBUTE_NAME_LENGTH",
    "max_value_items": "MAX_VALUES_PER_ATTRIBUTE",
    "max_value_length": "MAX_ATTRIBUTE_VALUE_LENGTH",
}
_ENDPOINT_METRICS = {"max_key_length": "MAX_ATTRIBUTE_NAME_LENGTH"}
_TAGS = {
    "max_items": "MAX_TAGS_PER_RESOURCE",
    "max_key_length": "MAX_TAG_KEY_LENGTH",
    "max_value_length": "MAX_TAG_VALUE_LENGTH",
}

MEMBER_LIMITS: dict[tuple[str, str], dict[str, str]] = {
    **{(shape, "Attributes"): _ENDPOINT_ATTRIBUTES
       for shape in ("EndpointRequest", "EndpointBatchItem", "PublicEndpoint")},
    **{(shape, "Metrics"): _ENDPOINT_METRICS
       for shape in ("EndpointRequest", "EndpointBatchItem", "PublicEndpoint")},
    ("EndpointUser", "UserAttributes"): _ENDPOINT_ATTRIBUTES,
    ("EndpointBatchRequest", "Item"): {"max_items": "MAX_ENDPOINTS_PER_BATCH"},
    ("SendUsersMessageRequest", "Users"): {"max_items": "MAX_USERS_PER_MESSAGE"},
    ("Event", "Attributes"): {
        "max_key_length": "MAX_EVENT_ATTRIBUTE_NAME_LENGTH",
        "max_value_length": "MAX_EVENT_ATTRIBUTE_VALUE_LENGTH",
    },
    ("Event", "Metrics"): {"max_key_length": "MAX_EVENT_ATTRIBUTE_NAME_LENGTH"},
    ("WriteJourneyRequest", "Name"): {"max_length": "MAX_JOURNEY_NAME_LENGTH"},
    ("WriteJourneyRequest", "StartActivity"): {"max_length": "MAX_START_ACTIVITY_LENGTH"},
    ("WriteJourneyRequest", "Activities"): {
        "max_items": "MAX_ACTIVITIES_PER_JOURNEY",
        "max_key_length": "MAX_ACTIVITY_KEY_LENGTH",
    },
}
"""Documented limits of single members, as names of `pinpoint_sdk.limits` constants, by
(shape, wire name). Every request shape's ``tags`` map also gets the tagging limits. The
generated schema refers to the constants, so a changed quota stays a one-line change."""


def member_limits(service: Service) -> dict[tuple[str, str], dict[str, str]]:
    """`MEMBER_LIMITS` plus the tagging limits, checked against the service model.

    Raises:
        ValueError: an entry names a member the model does not have.
    """
    found = dict(MEMBER_LIMITS)
    for struct in service.structures.values():
        if struct.in_request and any(m.wire == "tags" for m in struct.members):
            found[(struct.name, "tags")] = _TAGS
    for shape, wire in found:
        struct = service.structures.get(shape)
        if struct is None or all(m.wire != wire for m in struct.members):
            raise ValueError(f"MEMBER_LIMITS names {shape}.{wire}, which the model lacks")
    return found


_PRIMITIVE_CONSTANTS = {
    "str": "STR",
    "int": "INT",
    "float": "FLOAT",
    "bool": "BOOL",
    "datetime": "DATETIME",
    "bytes": "BYTES",
}


_NOT_WORD = re.compile(r"\W")


def _tuple(items: list[str]) -> str:
    """A tuple display of ``items`` that needs no magic trailing comma."""
    if len(items) == 1:
        return f"({items[0]},)"
    return f"({', '.join(items)})"


def _quoted(values: tuple[str, ...] | list[str]) -> list[str]:
    return [f'"{value}"' for value in values]


def type_constant(t: TypeRef) -> str:
    """The module-level name of ``t`` in the generated schema (`STR`, `S_Schedule`,
    `L_S_Activity`, `M_L_STR`...)."""
    if t.kind == "prim":
        return _PRIMITIVE_CONSTANTS[t.name]
    if t.kind in ("enum", "struct"):
        return f"{t.kind[0].upper()}_{_NOT_WORD.sub('_', t.name)}"
    assert t.item is not None
    return f"{t.kind[0].upper()}_{type_constant(t.item)}"


def _type_expr(t: TypeRef) -> str:
    if t.item is not None:
        return f'TypeRef("{t.kind}", item={type_constant(t.item)})'
    return f'TypeRef("{t.kind}", "{t.name}")'


def _depth(t: TypeRef) -> int:
    return 0 if t.item is None else 1 + _depth(t.item)


def _all_types(service: Service) -> list[TypeRef]:
    """Every member type and the item types inside it, items before their containers."""
    found: set[TypeRef] = set()
    for struct in service.structures.values():
        for member in struct.members:
            t: TypeRef | None = member.type
            while t is not None:
                found.add(t)
                t = t.item
    return sorted(found, key=lambda t: (_depth(t), type_constant(t)))


def _member(
    service: Service,
    struct: Structure,
    member: Member,
    limits: dict[tuple[str, str], dict[str, str]],
) -> str:
    args = [f'"{member.name}"', f'"{member.wire}"', type_constant(member.type)]
    if member.required:
        args.append("required=True")
    if member.wire in struct.sensitive:
        args.append("secret=True")
    if member.name in service.uri_labels.get(struct.name, ()):
        args.append("uri_label=True")
    iso = service.iso8601.get(struct.name, {}).get(member.name)
    if iso is not None:
        kind, literals = iso
        tail = f", {_tuple(_quoted(literals))}" if literals else ""
        args.append(f'iso8601=Iso8601("{kind}"{tail})')
    documented = limits.get((struct.name, member.wire))
    if documented:
        values = ", ".join(f"{key}={name}" for key, name in documented.items())
        args.append(f"limits=Limits({values})")
    if member.location is None and member.location_name not in (None, member.wire):
        args.append(f'json_name="{member.location_name}"')
    return f"MemberSchema({', '.join(args)})"


def _shape(
    service: Service, struct: Structure, limits: dict[tuple[str, str], dict[str, str]]
) -> str:
    members = _tuple([_member(service, struct, member, limits) for member in struct.members])
    payload = f', payload="{struct.payload}"' if struct.payload else ""
    return f'"{struct.name}": ShapeSchema("{struct.name}", "{struct.group}", {members}{payload}),'


def _operation(op: Operation) -> str:
    output = f'"{op.output}"' if op.output else "None"
    args = [*_quoted([op.name, op.method, op.input]), output]
    args += _quoted([op.http_method, op.uri])
    pag = op.pagination
    if pag is not None:
        path = _tuple(_quoted(pag.output_token_path))
        page_size = f'"{pag.page_size}"' if pag.page_size else "None"
        args.append(f'pagination=Pagination("{pag.input_token}", {path}, {page_size})')
    return f'"{op.name}": OperationSchema({", ".join(args)}),'


def render_schema(service: Service) -> str:
    """The text of `pinpoint_sdk/_schema.py` (laid out by the formatter afterwards)."""
    limits = member_limits(service)
    out = [
        header(service),
        '"""The Pinpoint service model as typed records, one per shape and per operation.',
        "",
        "`SHAPES` maps a shape (model class) name to its `ShapeSchema`, `OPERATIONS` an",
        "operation name to its `OperationSchema`, `ERRORS` a modeled error code to its HTTP",
        "status and `ENUMS` an enum class name to its values. The record types are in",
        "`pinpoint_sdk._schema_types`. Imported on first use, not by `import pinpoint_sdk`.",
        '"""',
        "",
        "from collections.abc import Mapping",
        "",
        "from pinpoint_sdk._schema_types import (",
        "    Iso8601,",
        "    Limits,",
        "    MemberSchema,",
        "    OperationSchema,",
        "    Pagination,",
        "    ShapeSchema,",
        "    TypeRef,",
        ")",
        "from pinpoint_sdk.limits import (",
        *(f"    {name}," for name in sorted({n for d in limits.values() for n in d.values()},
                                          key=lambda constant: constant.split("_"))),
        ")",
        "",
        f'BOTOCORE_VERSION = "{service.botocore_version}"',
        "",
    ]
    out += [f"{type_constant(t)} = {_type_expr(t)}" for t in _all_types(service)]
    out += ["", "SHAPES: Mapping[str, ShapeSchema] = {"]
    out += [_shape(service, struct, limits) for struct in service.structures.values()]
    out += ["}", "", "OPERATIONS: Mapping[str, OperationSchema] = {"]
    out += [_operation(op) for op in service.operations.values()]
    out += ["}", "", "ERRORS: Mapping[str, int] = {"]
    out += [f'"{code}": {status},' for code, status in service.errors.items()]
    out += ["}", "", "ENUMS: Mapping[str, tuple[str, ...]] = {"]
    out += [f'"{e.name}": {_tuple(_quoted(e.values))},' for e in service.enums.values()]
    out.append("}")
    return "\n".join(out) + "\n"
