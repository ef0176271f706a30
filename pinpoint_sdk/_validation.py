"""Client-side checks of request values against the service model, before sending.

Besides required members and types: identifiers in the request URI must not be blank,
numbers must be finite, datetimes must carry a time zone, strings the model documents
as ISO 8601 must parse as such, and the limits of `pinpoint_sdk.limits` that the model
does not express (tags, endpoint attributes, items and bytes per request) hold.

Paths in messages use the SDK's names: ``write_campaign_request.schedule.start_time``,
``endpoint_batch_request.item[3].address``, ``activities['welcome'].email``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from datetime import datetime, time
from typing import Any

from pinpoint_sdk import _schema, limits, models
from pinpoint_sdk._schema_types import Iso8601, TypeRef

Problems = list[tuple[str, str]]

_PRIMITIVE_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
    "datetime": (datetime, str),
    "bytes": (bytes, bytearray, str),
}

_TEXT = _schema.STR  # the type of most members, checked inline (one shared instance)

_ISO_DURATION = re.compile(
    r"P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?"
)

# Request shapes with a ``tags`` map: every one is checked against the tagging limits.
_TAGGED = frozenset(
    name for name, shape in _schema.SHAPES.items()
    if any(member.name == "tags" for member in shape.members)
)


def describe(value: Any) -> str:
    return type(value).__name__


def is_iso8601(value: str, kind: str = "date-time") -> bool:
    """Whether ``value`` is an ISO 8601 ``kind``: ``"date-time"``, ``"duration"`` or ``"time"``.

    Date-times may be a date alone and may end in ``Z``; durations look like ``P1DT2H``;
    times of day like ``09:00``.
    """
    if kind == "duration":
        return _ISO_DURATION.fullmatch(value) is not None
    parse = time.fromisoformat if kind == "time" else datetime.fromisoformat
    try:
        parse(value)
    except ValueError:
        return False
    return True


def _check_datetime(value: Any, path: str, errors: Problems) -> None:
    if isinstance(value, str):
        if not is_iso8601(value):
            errors.append((path, f"{value!r} is not an ISO 8601 date-time"))
    elif value.utcoffset() is None:
        # botocore would silently read a naive datetime as UTC.
        errors.append((path, f"{value.isoformat()} has no time zone; pass an aware datetime "
                             "such as datetime(2026, 1, 1, tzinfo=UTC)"))


def check_value(value: Any, type_spec: TypeRef, path: str, errors: Problems) -> None:
    """Append ``(path, message)`` for every problem in ``value`` (not None) of ``type_spec``."""
    kind, target = type_spec.kind, type_spec.name
    if kind == "prim":
        if target == "str":  # most members: the fast path
            if value.__class__ is not str and not isinstance(value, str):
                errors.append((path, f"expected str, got {describe(value)}"))
            return
        allowed = _PRIMITIVE_TYPES[target]
        bad_bool = target in ("int", "float") and isinstance(value, bool)
        if bad_bool or not isinstance(value, allowed):
            errors.append((path, f"expected {target}, got {describe(value)}"))
        elif target == "float" and isinstance(value, float) and not math.isfinite(value):
            errors.append((path, f"must be a finite number, got {value}"))
        elif target == "datetime":
            _check_datetime(value, path, errors)
    elif kind == "enum":
        if not isinstance(value, str):
            errors.append((path, f"expected {target} or str, got {describe(value)}"))
    elif kind == "struct":
        check_model(value, target, path, errors)
    elif kind == "list":
        if not isinstance(value, (list, tuple)):
            errors.append((path, f"expected a list, got {describe(value)}"))
            return
        # An item's path is only formatted for an item that is not plain text.
        inner = type_spec.item or _TEXT
        text = inner is _TEXT
        for index, item in enumerate(value):
            if text and item.__class__ is str:
                continue
            item_path = f"{path}[{index}]"
            if item is None:
                errors.append((item_path, "list items may not be None"))
            else:
                check_value(item, inner, item_path, errors)
    else:  # map
        if not isinstance(value, Mapping):
            errors.append((path, f"expected a dict, got {describe(value)}"))
            return
        inner = type_spec.item or _TEXT
        text = inner is _TEXT
        for key, item in value.items():
            if text and key.__class__ is str and item.__class__ is str:
                continue
            item_path = f"{path}[{key!r}]"
            if not isinstance(key, str):
                errors.append((item_path, f"map keys must be str, got {describe(key)}"))
            if item is None:
                errors.append((item_path, "map values may not be None"))
            else:
                check_value(item, inner, item_path, errors)


def check_model(value: Any, shape: str, path: str, errors: Problems) -> None:
    """Check a model instance: its class, required members, every member's type and the
    service limits and formats the model documents but does not enforce."""
    cls = getattr(models, shape)
    if not isinstance(value, cls):
        errors.append((path, f"expected {shape}, got {describe(value)}"))
        return
    for field in _schema.SHAPES[shape].members:
        name, type_spec, iso = field.name, field.type, field.iso8601
        member = getattr(value, name)
        if member is None:
            if field.required:
                errors.append((f"{path}.{name}" if path else name, "is required"))
            continue
        if type_spec is _TEXT and member.__class__ is str:  # most members: nothing to format
            if iso is not None:
                _check_iso_member(member, iso, f"{path}.{name}" if path else name, errors)
            continue
        if type_spec.kind == "enum" and isinstance(member, str):  # a member or an unknown value
            continue
        member_path = f"{path}.{name}" if path else name
        check_value(member, type_spec, member_path, errors)
        if iso is not None and isinstance(member, str):
            _check_iso_member(member, iso, member_path, errors)
    if shape in _TAGGED:
        check_tags(value.tags, f"{path}.tags" if path else "tags", errors)
    limit_check = _LIMIT_CHECKS.get(shape)
    if limit_check is not None:
        limit_check(value, path, errors)


def _check_iso_member(value: str, spec: Iso8601, path: str, errors: Problems) -> None:
    kind, literals = spec.kind, spec.literals
    if value in literals or is_iso8601(value, kind):
        return
    alternatives = "".join(f" or {literal!r}" for literal in literals)
    errors.append((path, f"{value!r} is not an ISO 8601 {kind}{alternatives}"))


def check_tags(tags: Any, path: str, errors: Problems) -> None:
    """At most 50 tags; keys of at most 128 characters, values of at most 256."""
    if not isinstance(tags, Mapping):
        return
    _at_most(len(tags), limits.MAX_TAGS_PER_RESOURCE, "tags", path, errors)
    for key, value in tags.items():
        _check_tag_key(key, f"{path}[{key!r}]", errors)
        if isinstance(value, str) and len(value) > limits.MAX_TAG_VALUE_LENGTH:
            errors.append((f"{path}[{key!r}]", f"value is {len(value)} characters, at most "
                                               f"{limits.MAX_TAG_VALUE_LENGTH} allowed"))


def _check_tag_key(key: Any, path: str, errors: Problems) -> None:
    if isinstance(key, str) and len(key) > limits.MAX_TAG_KEY_LENGTH:
        errors.append((path, f"key is {len(key)} characters, at most "
                             f"{limits.MAX_TAG_KEY_LENGTH} allowed"))


def check_endpoint_id(endpoint_id: Any, path: str, errors: Problems) -> None:
    """Append a problem when ``endpoint_id`` is missing, blank or holds ``$``, ``{`` or ``}``."""
    if not isinstance(endpoint_id, str) or not endpoint_id:
        errors.append((path, "is required"))
        return
    bad = sorted(set(endpoint_id) & limits.ENDPOINT_ID_FORBIDDEN_CHARACTERS)
    if bad:
        errors.append((path, f"must not contain {' '.join(repr(c) for c in bad)}"))


def check_attribute_map(values: Any, path: str, errors: Problems) -> int:
    """Check an endpoint/user attribute or metric map; returns how many keys it has.

    Names are at most 50 characters; an attribute holds at most 50 values of at most 100
    characters each.
    """
    if not values or not isinstance(values, Mapping):
        return 0
    name_limit = limits.MAX_ATTRIBUTE_NAME_LENGTH
    value_limit = limits.MAX_ATTRIBUTE_VALUE_LENGTH
    for name, value in values.items():
        if isinstance(name, str) and len(name) > name_limit:
            errors.append((f"{path}[{name!r}]",
                           f"name is {len(name)} characters, at most {name_limit} allowed"))
        if not isinstance(value, list):
            continue
        if len(value) > limits.MAX_VALUES_PER_ATTRIBUTE:
            errors.append((f"{path}[{name!r}]", f"{len(value)} values, at most "
                                                f"{limits.MAX_VALUES_PER_ATTRIBUTE} allowed"))
        for position, item in enumerate(value):
            if isinstance(item, str) and len(item) > value_limit:
                errors.append((f"{path}[{name!r}][{position}]", f"value is {len(item)} "
                               f"characters, at most {value_limit} allowed"))
    return len(values)


def check_endpoint_data(endpoint: Any, path: str, errors: Problems) -> None:
    """Limits of endpoint data (``EndpointRequest``, ``EndpointBatchItem``, ``PublicEndpoint``).

    Attribute, user attribute and metric names, values per attribute, value lengths and
    the total number of custom attributes. The typed client and the bulk writers in
    `pinpoint_sdk.batching` both use this check.
    """
    prefix = f"{path}." if path else ""
    count = check_attribute_map(getattr(endpoint, "attributes", None),
                                f"{prefix}attributes", errors)
    count += check_attribute_map(getattr(endpoint, "metrics", None), f"{prefix}metrics", errors)
    user = getattr(endpoint, "user", None)
    if user is not None:
        count += check_attribute_map(getattr(user, "user_attributes", None),
                                     f"{prefix}user.user_attributes", errors)
    if count > limits.MAX_ENDPOINT_ATTRIBUTES:
        errors.append(
            (path or "endpoint", f"{count} custom attributes and metrics, at most "
                                 f"{limits.MAX_ENDPOINT_ATTRIBUTES} allowed")
        )


def _endpoint_batch_item(value: Any, path: str, errors: Problems) -> None:
    if isinstance(value.id, str):  # another type is reported by the type check
        check_endpoint_id(value.id, f"{path}.id" if path else "id", errors)
    check_endpoint_data(value, path, errors)


def _at_most(count: int, limit: int, what: str, path: str, errors: Problems) -> None:
    if count > limit:
        errors.append((path, f"{count} {what}; the service accepts at most {limit} per request"))


def _endpoint_batch(value: Any, path: str, errors: Problems) -> None:
    items = value.item if isinstance(value.item, (list, tuple)) else ()
    _at_most(len(items), limits.MAX_ENDPOINTS_PER_BATCH, "endpoints", f"{path}.item", errors)


def _events_request(value: Any, path: str, errors: Problems) -> None:
    batches = value.batch_item if isinstance(value.batch_item, Mapping) else {}
    count = sum(
        len(batch.events) for batch in batches.values()
        if isinstance(getattr(batch, "events", None), Mapping)
    )
    _at_most(count, limits.MAX_EVENTS_PER_REQUEST, "events", f"{path}.batch_item", errors)
    for endpoint_id in batches:
        check_endpoint_id(endpoint_id, f"{path}.batch_item[{endpoint_id!r}]", errors)


def _message_request(value: Any, path: str, errors: Problems) -> None:
    count = sum(
        len(member) for member in (value.addresses, value.endpoints)
        if isinstance(member, Mapping)
    )
    _at_most(count, limits.MAX_MESSAGE_RECIPIENTS, "recipients (addresses + endpoints)",
             path, errors)


def _users_message_request(value: Any, path: str, errors: Problems) -> None:
    users = value.users if isinstance(value.users, Mapping) else {}
    _at_most(len(users), limits.MAX_USERS_PER_MESSAGE, "users", f"{path}.users", errors)


# Service limits on request shapes that the model itself does not express.
_LIMIT_CHECKS = {
    "EndpointBatchItem": _endpoint_batch_item,
    "EndpointBatchRequest": _endpoint_batch,
    "EndpointRequest": check_endpoint_data,
    "PublicEndpoint": check_endpoint_data,
    "EventsRequest": _events_request,
    "MessageRequest": _message_request,
    "SendUsersMessageRequest": _users_message_request,
}


def check_request(shape: str, params: Mapping[str, Any]) -> Problems:
    """Problems with the keyword arguments of an operation whose input shape is ``shape``."""
    errors: Problems = []
    for field in _schema.SHAPES[shape].members:
        name, wire = field.name, field.wire
        value = params.get(wire)
        if value is None:
            if field.required:
                errors.append((name, "is required"))
            continue
        check_value(value, field.type, name, errors)
        if field.uri_label and isinstance(value, str):
            # An empty label collapses the URI onto another operation's: get_app("")
            # would request /v1/apps/ and get the app list back.
            if not value.strip():
                errors.append((name, "must not be blank" if value else "must not be empty"))
            elif wire == "EndpointId":
                check_endpoint_id(value, name, errors)
        elif shape == "UntagResourceRequest" and wire == "TagKeys":
            for index, key in enumerate(value if isinstance(value, list) else ()):
                _check_tag_key(key, f"{name}[{index}]", errors)
    # Checks of the same map from two angles (types, endpoint limits) may both report.
    return list(dict.fromkeys(errors))


# Operation -> (payload member, most bytes its JSON body may have).
_PAYLOAD_LIMITS: dict[str, tuple[str, int]] = {
    "UpdateEndpointsBatch": ("EndpointBatchRequest", limits.MAX_REQUEST_PAYLOAD_BYTES),
    "PutEvents": ("EventsRequest", limits.MAX_PUT_EVENTS_PAYLOAD_BYTES),
}


def body_size(value: Any) -> int:
    """Bytes of ``value`` (a boto3 dict) as a JSON request body the way botocore writes it:
    ``json.dumps`` with its default separators and non-ASCII characters escaped."""
    try:
        text = json.dumps(value)
    except TypeError:  # a datetime or bytes value: botocore writes those as strings too
        text = json.dumps(value, default=str)
    return len(text)  # ASCII only (non-ASCII is escaped), so characters are bytes


def check_payload_size(operation: str, request: Mapping[str, Any]) -> Problems:
    """A problem when the request body of a bulk operation is over the service's size limit.

    ``request`` is the unstructured boto3 request; the body is measured by `body_size`.
    """
    limit = _PAYLOAD_LIMITS.get(operation)
    if limit is None:
        return []
    member, maximum = limit
    body = request.get(member)
    if body is None:
        return []
    size = body_size(body)
    if size <= maximum:
        return []
    message = f"the request body is {size} bytes, at most {maximum} allowed"
    return [(_member_name(operation, member), message)]


def _member_name(operation: str, wire: str) -> str:
    return _schema.SHAPES[_schema.OPERATIONS[operation].input].by_wire()[wire].name
