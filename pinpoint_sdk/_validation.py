"""Client-side checks of request values against the service model, before sending.

Paths in messages use the SDK's names: ``write_campaign_request.schedule.start_time``,
``endpoint_batch_request.item[3].address``, ``activities['welcome'].email``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from pinpoint_sdk import _spec, limits, models

_PRIMITIVE_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
    "datetime": (datetime, date, str),
    "bytes": (bytes, bytearray, str),
}


def describe(value: Any) -> str:
    return type(value).__name__


def check_value(value: Any, type_spec: Any, path: str, errors: list[tuple[str, str]]) -> None:
    """Append ``(path, message)`` for every problem in ``value`` (not None) of ``type_spec``."""
    kind, target = type_spec
    if kind == "prim":
        allowed = _PRIMITIVE_TYPES[target]
        bad_bool = target in ("int", "float") and isinstance(value, bool)
        if bad_bool or not isinstance(value, allowed):
            errors.append((path, f"expected {target}, got {describe(value)}"))
    elif kind == "enum":
        if not isinstance(value, str):
            errors.append((path, f"expected {target} or str, got {describe(value)}"))
    elif kind == "struct":
        check_model(value, target, path, errors)
    elif kind == "list":
        if not isinstance(value, (list, tuple)):
            errors.append((path, f"expected a list, got {describe(value)}"))
            return
        for index, item in enumerate(value):
            item_path = f"{path}[{index}]"
            if item is None:
                errors.append((item_path, "list items may not be None"))
            else:
                check_value(item, target, item_path, errors)
    else:  # map
        if not isinstance(value, Mapping):
            errors.append((path, f"expected a dict, got {describe(value)}"))
            return
        for key, item in value.items():
            item_path = f"{path}[{key!r}]"
            if not isinstance(key, str):
                errors.append((item_path, f"map keys must be str, got {describe(key)}"))
            if item is None:
                errors.append((item_path, "map values may not be None"))
            else:
                check_value(item, target, item_path, errors)


def check_model(value: Any, shape: str, path: str, errors: list[tuple[str, str]]) -> None:
    """Check a model instance: its class, required members and every member's type."""
    cls = getattr(models, shape)
    if not isinstance(value, cls):
        errors.append((path, f"expected {shape}, got {describe(value)}"))
        return
    _group, fields, required, _sensitive = _spec.SHAPES[shape]
    for name, _wire, type_spec in fields:
        member = getattr(value, name)
        member_path = f"{path}.{name}" if path else name
        if member is None:
            if name in required:
                errors.append((member_path, "is required"))
            continue
        check_value(member, type_spec, member_path, errors)
    limit_check = _LIMIT_CHECKS.get(shape)
    if limit_check is not None:
        limit_check(value, path, errors)


def check_endpoint_id(endpoint_id: Any, path: str, errors: list[tuple[str, str]]) -> None:
    """Append a problem when ``endpoint_id`` is missing, blank or holds ``$``, ``{`` or ``}``."""
    if not isinstance(endpoint_id, str) or not endpoint_id:
        errors.append((path, "is required"))
        return
    bad = sorted(set(endpoint_id) & limits.ENDPOINT_ID_FORBIDDEN_CHARACTERS)
    if bad:
        errors.append((path, f"must not contain {' '.join(repr(c) for c in bad)}"))


def check_attribute_map(values: Any, path: str, errors: list[tuple[str, str]]) -> int:
    """Check an endpoint/user attribute or metric map; returns how many keys it has.

    Names are at most 50 characters; an attribute holds at most 50 values of at most 100
    characters each.
    """
    if not values or not isinstance(values, Mapping):
        return 0
    for name, value in values.items():
        key_path = f"{path}[{name!r}]"
        if isinstance(name, str) and len(name) > limits.MAX_ATTRIBUTE_NAME_LENGTH:
            errors.append(
                (key_path, f"name is {len(name)} characters, at most "
                           f"{limits.MAX_ATTRIBUTE_NAME_LENGTH} allowed")
            )
        if isinstance(value, list):
            if len(value) > limits.MAX_VALUES_PER_ATTRIBUTE:
                errors.append(
                    (key_path, f"{len(value)} values, at most "
                               f"{limits.MAX_VALUES_PER_ATTRIBUTE} allowed")
                )
            for position, item in enumerate(value):
                if isinstance(item, str) and len(item) > limits.MAX_ATTRIBUTE_VALUE_LENGTH:
                    errors.append(
                        (f"{key_path}[{position}]", f"value is {len(item)} characters, at "
                                                    f"most {limits.MAX_ATTRIBUTE_VALUE_LENGTH} allowed")
                    )
    return len(values)


def check_endpoint_data(endpoint: Any, path: str, errors: list[tuple[str, str]]) -> None:
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


def _endpoint_batch_item(value: Any, path: str, errors: list[tuple[str, str]]) -> None:
    if value.id is not None:
        check_endpoint_id(value.id, f"{path}.id", errors)
    check_endpoint_data(value, path, errors)


def _at_most(count: int, limit: int, what: str, path: str, errors: list[tuple[str, str]]) -> None:
    if count > limit:
        errors.append((path, f"{count} {what}; the service accepts at most {limit} per request"))


def _endpoint_batch(value: Any, path: str, errors: list[tuple[str, str]]) -> None:
    items = value.item if isinstance(value.item, (list, tuple)) else ()
    _at_most(len(items), limits.MAX_ENDPOINTS_PER_BATCH, "endpoints", f"{path}.item", errors)


def _events_request(value: Any, path: str, errors: list[tuple[str, str]]) -> None:
    batches = value.batch_item if isinstance(value.batch_item, Mapping) else {}
    count = sum(
        len(batch.events) for batch in batches.values()
        if isinstance(getattr(batch, "events", None), Mapping)
    )
    _at_most(count, limits.MAX_EVENTS_PER_REQUEST, "events", f"{path}.batch_item", errors)
    for endpoint_id in batches:
        check_endpoint_id(endpoint_id, f"{path}.batch_item[{endpoint_id!r}]", errors)


def _message_request(value: Any, path: str, errors: list[tuple[str, str]]) -> None:
    count = sum(
        len(member) for member in (value.addresses, value.endpoints)
        if isinstance(member, Mapping)
    )
    _at_most(count, limits.MAX_MESSAGE_RECIPIENTS, "recipients (addresses + endpoints)",
             path, errors)


def _users_message_request(value: Any, path: str, errors: list[tuple[str, str]]) -> None:
    users = value.users if isinstance(value.users, Mapping) else {}
    _at_most(len(users), limits.MAX_USERS_PER_MESSAGE, "users", f"{path}.users", errors)


def _tags(value: Any, path: str, errors: list[tuple[str, str]]) -> None:
    tags = value.tags if isinstance(value.tags, Mapping) else {}
    _at_most(len(tags), limits.MAX_TAGS_PER_RESOURCE, "tags", f"{path}.tags", errors)


# Service limits on request shapes that the model itself does not express.
_LIMIT_CHECKS = {
    "EndpointBatchItem": _endpoint_batch_item,
    "EndpointBatchRequest": _endpoint_batch,
    "EndpointRequest": check_endpoint_data,
    "PublicEndpoint": check_endpoint_data,
    "EventsRequest": _events_request,
    "MessageRequest": _message_request,
    "SendUsersMessageRequest": _users_message_request,
    "TagsModel": _tags,
}


def check_request(shape: str, params: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Problems with the keyword arguments of an operation whose input shape is ``shape``."""
    errors: list[tuple[str, str]] = []
    _group, fields, required, _sensitive = _spec.SHAPES[shape]
    for name, wire, type_spec in fields:
        value = params.get(wire)
        if value is None:
            if name in required:
                errors.append((name, "is required"))
            continue
        check_value(value, type_spec, name, errors)
    return errors
