"""The SDK's one check of models against the service model, before sending.

`check_shape` walks a model once, driven by the shape facts (members, required members,
ISO 8601 members), and runs a table of rules by shape on every value it meets: the typed
client runs it on each request member (`check_request`), the bulk writers on each item,
the request builders on what they build, with their own rules added (`combine_rules`).

Besides required members and types: identifiers in the request URI must not be blank,
numbers must be finite, datetimes must carry a time zone, strings the model documents
as ISO 8601 must parse as such, and the limits of `pinpoint_sdk.limits` that the model
does not express (tags, endpoint attributes, events, items and bytes per request) hold.

Paths in messages use the SDK's names: ``write_campaign_request.schedule.start_time``,
``endpoint_batch_request.item[3].address``, ``activities['welcome'].email``.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, time
from typing import Any

from pinpoint_sdk import _schema, limits, models
from pinpoint_sdk._schema import STR as _STR
from pinpoint_sdk._schema_types import Iso8601, MemberSchema, TypeRef

Problems = list[tuple[str, str]]
Rule = Callable[[Any, str, Problems], None]
"""A check of one shape's value: ``rule(value, path, problems)`` appends what it finds."""
Rules = Mapping[str, tuple[Rule, ...]]
"""Shape name -> the checks run on every value of that shape, wherever it is nested."""


# ------------------------------------------------------------------ shape facts
# Every fact about a shape is read through these accessors.


def _members(shape: str) -> tuple[MemberSchema, ...]:
    """Every member of ``shape`` (attribute name, wire name, type, required, ISO 8601 form)."""
    return _schema.SHAPES[shape].members


def _required(shape: str) -> tuple[str, ...]:
    """Attribute names of the members ``shape`` requires."""
    return _schema.SHAPES[shape].required


@functools.cache
def _iso(shape: str) -> Mapping[str, Iso8601]:
    """Members the model documents as ISO 8601: attribute name -> their form."""
    return {m.name: m.iso8601 for m in _schema.SHAPES[shape].members if m.iso8601 is not None}


def _shapes() -> Iterable[str]:
    """Every shape name of the model."""
    return _schema.SHAPES.keys()


def input_shape(operation: str) -> str:
    """The input shape of ``operation`` (``"UpdateEndpointsBatch"`` ->
    ``"UpdateEndpointsBatchRequest"``)."""
    return _schema.OPERATIONS[operation].input


# ------------------------------------------------------------------ the walker

_PRIMITIVE_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
    "datetime": (datetime, str),
    "bytes": (bytes, bytearray, str),
}

# The type of most members, checked inline; the schema shares one instance of it.
_TEXT = _STR

_ISO_DURATION = re.compile(
    r"P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?"
)


class _Facts:
    """What the walker needs of one shape, gathered once per rule table."""

    __slots__ = ("cls", "iso", "members", "required", "rules")

    def __init__(self, shape: str, rules: Rules) -> None:
        self.cls: type = getattr(models, shape)
        self.members = _members(shape)
        self.required = frozenset(_required(shape))
        iso = _iso(shape)
        self.iso = iso or None
        self.rules = rules.get(shape, ())


# id(rule table) -> (the table, kept alive so its id stays its own; shape -> facts).
_FACTS: dict[int, tuple[Rules, dict[str, _Facts]]] = {}


def _facts(shape: str, rules: Rules) -> _Facts:
    entry = _FACTS.get(id(rules))
    if entry is None:
        entry = _FACTS[id(rules)] = (rules, {})
    table = entry[1]
    facts = table.get(shape)
    if facts is None:
        facts = table[shape] = _Facts(shape, rules)
    return facts


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


def check_value(
    value: Any, type_spec: TypeRef, path: str, errors: Problems, rules: Rules | None = None
) -> None:
    """Append ``(path, message)`` for every problem in ``value`` (not None) of ``type_spec``.

    ``rules`` replaces the service's checks of each nested shape (`SERVICE_RULES`).
    """
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
        check_model(value, target, path, errors, rules)
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
                check_value(item, inner, item_path, errors, rules)
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
                check_value(item, inner, item_path, errors, rules)


def check_model(
    value: Any, shape: str, path: str, errors: Problems, rules: Rules | None = None
) -> None:
    """Check a model instance: its class, required members, every member's type, the
    formats the model documents, and the checks ``rules`` (by default `SERVICE_RULES`:
    the service limits the model does not express) holds for each shape met on the way."""
    if rules is None:
        rules = SERVICE_RULES
    facts = _facts(shape, rules)
    if not isinstance(value, facts.cls):
        errors.append((path, f"expected {shape}, got {describe(value)}"))
        return
    required = facts.required
    iso = facts.iso
    for field in facts.members:
        name, type_spec = field.name, field.type
        member = getattr(value, name)
        if member is None:
            if name in required:
                errors.append((f"{path}.{name}" if path else name, "is required"))
            continue
        if type_spec is _TEXT and member.__class__ is str:  # most members: nothing to format
            if iso is not None and name in iso:
                _check_iso_member(member, iso[name], f"{path}.{name}" if path else name, errors)
            continue
        if type_spec.kind == "enum" and isinstance(member, str):  # a member or an unknown value
            continue
        member_path = f"{path}.{name}" if path else name
        check_value(member, type_spec, member_path, errors, rules)
        if iso is not None and name in iso and isinstance(member, str):
            _check_iso_member(member, iso[name], member_path, errors)
    for rule in facts.rules:
        rule(value, path, errors)


def check_shape(shape: str, value: Any, path: str = "", rules: Rules | None = None) -> Problems:
    """Every problem of ``value`` as a model of ``shape``, as ``(path, message)`` pairs.

    The one check of the SDK's models: the typed client runs it on every request member,
    the bulk writers on every item, the request builders on what they build (adding their
    own rules). Paths start at ``path`` (``"event"`` -> ``"event.timestamp"``).

    Examples:
        ```python
        >>> check_shape("EndpointBatchItem", models.EndpointBatchItem(id="a$b"))
        [('id', "must not contain '$'")]
        ```
    """
    problems: Problems = []
    check_model(value, shape, path, problems, rules)
    # Checks of the same value from two angles (types, limits) may both report.
    return list(dict.fromkeys(problems))


def is_iso_member(shape: str, name: str, value: str) -> bool:
    """Whether ``value`` is in the ISO 8601 form (or one of the literals) the model
    documents for member ``name`` of ``shape``; true for a member with no such form."""
    spec = _iso(shape).get(name)
    return spec is None or value in spec.literals or is_iso8601(value, spec.kind)


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
    if isinstance(value.id, str):  # another type is reported as such
        check_endpoint_id(value.id, f"{path}.id" if path else "id", errors)
    check_endpoint_data(value, path, errors)


def _event(value: Any, path: str, errors: Problems) -> None:
    """A recorded event: a type and time (not blank), attribute names and values within
    their lengths, at most 40 attributes and metrics together."""
    prefix = f"{path}." if path else ""
    for name in ("event_type", "timestamp"):
        if getattr(value, name) == "":  # None is reported as a required member
            errors.append((f"{prefix}{name}", "is required"))
    attributes = value.attributes if isinstance(value.attributes, Mapping) else {}
    metrics = value.metrics if isinstance(value.metrics, Mapping) else {}
    name_limit = limits.MAX_EVENT_ATTRIBUTE_NAME_LENGTH
    value_limit = limits.MAX_EVENT_ATTRIBUTE_VALUE_LENGTH
    for kind, entries in (("attributes", attributes), ("metrics", metrics)):
        for name, item in entries.items():
            key_path = f"{prefix}{kind}[{name!r}]"
            if isinstance(name, str) and len(name) > name_limit:
                errors.append((key_path, f"name is {len(name)} characters, at most "
                                         f"{name_limit} allowed"))
            if kind == "attributes" and isinstance(item, str) and len(item) > value_limit:
                errors.append((key_path, f"value is {len(item)} characters, at most "
                                         f"{value_limit} allowed"))
    total = len(attributes) + len(metrics)
    if total > limits.MAX_EVENT_ATTRIBUTES_AND_METRICS:
        errors.append((path or "event", f"{total} attributes and metrics, at most "
                                        f"{limits.MAX_EVENT_ATTRIBUTES_AND_METRICS} allowed"))


def _tags(value: Any, path: str, errors: Problems) -> None:
    check_tags(value.tags, f"{path}.tags" if path else "tags", errors)


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


def _service_rules() -> dict[str, tuple[Rule, ...]]:
    rules: dict[str, tuple[Rule, ...]] = {
        "EndpointBatchItem": (_endpoint_batch_item,),
        "EndpointBatchRequest": (_endpoint_batch,),
        "EndpointRequest": (check_endpoint_data,),
        "PublicEndpoint": (check_endpoint_data,),
        "Event": (_event,),
        "EventsRequest": (_events_request,),
        "MessageRequest": (_message_request,),
        "SendUsersMessageRequest": (_users_message_request,),
    }
    # Every shape with a ``tags`` map is held to the tagging limits.
    for shape in _shapes():
        if any(member.name == "tags" for member in _members(shape)):
            rules[shape] = (*rules.get(shape, ()), _tags)
    return rules


SERVICE_RULES: Rules = _service_rules()
"""The service limits the model does not express, by shape; `check_model`'s default."""


def combine_rules(*tables: Rules) -> dict[str, tuple[Rule, ...]]:
    """One rule table running, for each shape, the rules of every table in order."""
    combined: dict[str, tuple[Rule, ...]] = {}
    for table in tables:
        for shape, rules in table.items():
            combined[shape] = (*combined.get(shape, ()), *rules)
    return combined


def check_label(value: Any, path: str, errors: Problems) -> None:
    """A member sent in the request URI: an empty one would collapse the URI onto another
    operation's (``get_app("")`` would request ``/v1/apps/`` and get the app list back)."""
    if not isinstance(value, str):
        errors.append((path, f"expected a non-blank str, got {value!r}"))
    elif not value.strip():
        errors.append((path, "must not be blank" if value else "must not be empty"))


def check_request(shape: str, params: Mapping[str, Any]) -> Problems:
    """Problems with the keyword arguments of an operation whose input shape is ``shape``."""
    errors: Problems = []
    rules = SERVICE_RULES
    for field in _members(shape):
        name, wire, type_spec = field.name, field.wire, field.type
        value = params.get(wire)
        if value is None:
            if field.required:
                errors.append((name, "is required"))
            continue
        check_value(value, type_spec, name, errors, rules)
        if field.uri_label and isinstance(value, str):
            if not value.strip():
                check_label(value, name, errors)
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

# Shape -> (what it is called, most bytes one item of it may have in a request).
_ITEM_LIMITS: dict[str, tuple[str, int]] = {
    "EndpointBatchItem": ("endpoint", limits.MAX_ENDPOINT_BYTES),
    "Event": ("event", limits.MAX_EVENT_BYTES),
}


def body_size(value: Any) -> int:
    """Bytes of ``value`` (a boto3 dict) as a JSON request body the way botocore writes it:
    ``json.dumps`` with its default separators and non-ASCII characters escaped."""
    try:
        text = json.dumps(value)
    except TypeError:  # a datetime or bytes value: botocore writes those as strings too
        text = json.dumps(value, default=str)
    return len(text)  # ASCII only (non-ASCII is escaped), so characters are bytes


def check_item_size(shape: str, wire: Any, path: str, errors: Problems) -> int:
    """Bytes ``wire`` (an item of ``shape`` as unstructured for the request) takes in a
    request body; a problem when that is over the item limit of its shape."""
    size = body_size(wire)
    limit = _ITEM_LIMITS.get(shape)
    if limit is not None and size > limit[1]:
        what, maximum = limit
        errors.append((path, f"{what} is {size} bytes, at most {maximum} allowed"))
    return size


def check_payload_size(operation: str, request: Mapping[str, Any]) -> Problems:
    """Problems with the sizes of a request whose body or items have a size limit: the
    JSON body of a bulk operation, each endpoint of ``UpdateEndpoint``/``UpdateEndpointsBatch``
    (15 KB) and each event of ``PutEvents`` (1,000 KB), as the bulk writers check them.

    ``request`` is the unstructured boto3 request; sizes are measured by `body_size`, each
    JSON text once (a batch body's size is the sum of its items' when it holds nothing
    else).
    """
    if operation == "UpdateEndpoint":
        endpoint = request.get("EndpointRequest")
        problems: Problems = []
        if endpoint is not None:
            check_item_size("EndpointBatchItem", endpoint, "endpoint_request", problems)
        return problems
    limit = _PAYLOAD_LIMITS.get(operation)
    if limit is None:
        return []
    member, maximum = limit
    body = request.get(member)
    if body is None:
        return []
    path = _member_name(operation, member)
    problems = []
    if operation == "UpdateEndpointsBatch":
        size = _endpoint_batch_size(body, path, problems)
    else:
        size = body_size(body)
        if size > limits.MAX_EVENT_BYTES:  # else no one event in it can be over the limit
            _check_event_sizes(body, path, problems)
    if size > maximum:
        problems.insert(0, (path, f"the request body is {size} bytes, at most {maximum} allowed"))
    return problems


# The JSON text around the items of ``{"Item": [...]}`` as ``json.dumps`` writes it.
_ITEM_LIST_FRAME = len('{"Item": []}')


def _endpoint_batch_size(body: Any, path: str, problems: Problems) -> int:
    """Size of an ``EndpointBatchRequest`` body, checking each item against the endpoint
    limit on the way; the items' sizes add up to the body's when it holds only ``Item``."""
    items = body.get("Item") if isinstance(body, dict) else None
    if not isinstance(items, list):
        return body_size(body)
    size = _ITEM_LIST_FRAME + 2 * max(len(items) - 1, 0)  # and the ", " between items
    for index, item in enumerate(items):
        size += check_item_size("EndpointBatchItem", item, f"{path}.item[{index}]", problems)
    # Other keys (sent with ``unknown_fields``) are in the body too: measure it whole.
    return size if len(body) == 1 else body_size(body)


def _check_event_sizes(body: Any, path: str, problems: Problems) -> None:
    """Each event of a ``PutEvents`` body against the limit of one event."""
    batches = body.get("BatchItem") if isinstance(body, dict) else None
    for endpoint_id, batch in (batches.items() if isinstance(batches, dict) else ()):
        events = batch.get("Events") if isinstance(batch, dict) else None
        for event_id, event in (events.items() if isinstance(events, dict) else ()):
            where = f"{path}.batch_item[{endpoint_id!r}].events[{event_id!r}]"
            check_item_size("Event", event, where, problems)


def _member_name(operation: str, wire: str) -> str:
    return next(m.name for m in _members(input_shape(operation)) if m.wire == wire)
