"""Typed responses built straight from the wire JSON, through botocore's ``before-parse`` event.

botocore turns a response body into a dict by walking the whole output shape; the SDK then
walks the same data again to build its models. On this fast path the SDK's generated
structure functions read the JSON body itself, and botocore's parser only builds what it
adds around the body (``ResponseMetadata``: request id, HTTP status and headers). Signing,
retries, endpoints, credentials and error parsing stay botocore's, untouched.

How it is wired:

* `install` registers `before_parse` on one boto3 client's own event emitter (botocore gives
  every client a copy of its session's emitter, so no session and no other client changes).
  `pinpoint_sdk.PinpointClient` installs it on the clients it creates;
  `enable_fast_responses` installs it on a client the user passes in, if they ask.
* aiobotocore emits the same ``before-parse`` event with the same arguments (its emitter
  calls plain functions as well as coroutines), after reading the body into bytes, so
  `pinpoint_sdk.aio.AsyncPinpointClient` installs the same handler on the aiobotocore
  clients it creates. `active` is a context variable: inside one task, only the awaited
  call of the SDK sees it set; other tasks calling the same client directly do not.
* The handler acts only inside `active`, which the SDK's client enters around its own
  calls: ``client.boto3_client.get_campaigns(...)`` called directly still gets botocore's
  dict, exactly as before, from the same client.
* For a successful (status below 300) response whose output wraps one structure payload
  member (every Pinpoint output does), the handler decodes the JSON body, converts what
  botocore's parser would convert (see below), hands the result to botocore as that
  member's value (``customized_response_dict``) and leaves botocore an empty body to parse.
  Anything else (errors, an empty body, a body that is not a JSON object) is left to
  botocore, so errors become the same ``ClientError``.

What botocore's parser does that the raw body needs too, derived at first use from the
SDK's generated schema of each output shape (`pinpoint_sdk._schema`, which records each
member's botocore type and any JSON key that differs from its name): members the wire
names differently are renamed to botocore's (model) names, timestamps (epoch numbers or text) become ``datetime``
through botocore's own timestamp parser, JSON integers of ``double`` members become
``float``, base64 text of ``blob`` members becomes ``bytes``. For every body whose values
have their modeled JSON types the typed result equals botocore's parse followed by
``structure`` (a property test checks every operation). Two differences are deliberate:

* keys the model does not define are kept (`pinpoint_sdk.converter.unknown_fields`),
  where botocore's parser drops them;
* a value of the wrong JSON type (``"Daily": true`` for an integer) is kept aside with the
  unknown fields, as the converter does for any dict, where botocore's parser would coerce
  it (``int(True) == 1``, ``"yes"`` as a boolean is ``False``) or fail on it.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from pinpoint_sdk._schema_types import TypeRef

__all__ = ["active", "before_parse", "enable_fast_responses", "fixer", "install"]

_ACTIVE: ContextVar[bool] = ContextVar("pinpoint_sdk_fast_responses", default=False)
_EVENT = "before-parse.pinpoint"
_HANDLER_ID = "pinpoint_sdk.fast_responses"

_Client = TypeVar("_Client")

Fix = Callable[[Any], Any]
"""Converts one wire value in place where it can, and returns the value to store."""

# Per operation name: (payload member name, fixer or None), or None for no fast path.
_PLANS: dict[str, tuple[str, Fix | None] | None] = {}


@contextmanager
def active() -> Iterator[None]:
    """Let `before_parse` act on the calls made inside the block (in this thread/task)."""
    token = _ACTIVE.set(True)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def install(client: Any) -> None:
    """Register `before_parse` on ``client``'s own event emitter (once)."""
    client.meta.events.register(_EVENT, before_parse, unique_id=_HANDLER_ID)


def enable_fast_responses(client: _Client) -> _Client:
    """Build typed responses straight from the wire JSON on a boto3 client you created.

    A `pinpoint_sdk.PinpointClient` that creates its boto3 client does this already. A
    client you pass in (``PinpointClient(my_boto3_client)``) is left as botocore made it
    unless you call this. It registers one ``before-parse`` handler on this client's own
    event emitter; the handler acts only on calls made through `pinpoint_sdk.PinpointClient`,
    so calling the boto3 client directly still returns botocore's dicts. Returns ``client``.

    An aiobotocore ``pinpoint`` client works the same way, for
    `pinpoint_sdk.aio.AsyncPinpointClient.from_client`
    (``AsyncPinpointClient.from_client(enable_fast_responses(raw))``).

    Args:
        client: a boto3 (or aiobotocore) ``pinpoint`` client.

    Examples:
        ```python
        import boto3
        from pinpoint_sdk import PinpointClient, enable_fast_responses

        boto = boto3.client("pinpoint", region_name="us-east-1")
        client = PinpointClient(enable_fast_responses(boto))
        ```
    """
    service = getattr(getattr(getattr(client, "meta", None), "service_model", None),
                      "service_name", None)
    if service != "pinpoint":
        raise TypeError(f"expected a boto3 'pinpoint' client, got {client!r}")
    install(client)
    return client


def before_parse(
    operation_model: Any, response_dict: dict[str, Any],
    customized_response_dict: dict[str, Any], **_: Any,
) -> None:
    """botocore ``before-parse`` handler: the payload member from the raw JSON body."""
    if not _ACTIVE.get() or response_dict["status_code"] >= 300:
        return
    name = operation_model.name
    plan = _PLANS[name] if name in _PLANS else _plan(operation_model)
    body = response_dict.get("body")
    if plan is None or not body or body.__class__ is not bytes:
        return
    try:
        data = json.loads(body.decode("utf-8"))
    except ValueError:  # botocore reads such a body as a message; let it
        return
    if data.__class__ is not dict:
        return
    member, fix = plan
    if fix is not None:
        fix(data)
    customized_response_dict[member] = data
    response_dict["body"] = b""


def _plan(operation_model: Any) -> tuple[str, Fix | None] | None:
    """What `before_parse` does for an operation: its payload member and value fixer.

    Read from the generated schema (`pinpoint_sdk._schema`): an operation the schema does
    not know (a newer botocore's) or whose output has no structure payload is left to
    botocore.
    """
    from pinpoint_sdk._schema import OPERATIONS, SHAPES

    name = operation_model.name
    plan: tuple[str, Fix | None] | None = None
    operation = OPERATIONS.get(name)
    output = None if operation is None or operation.output is None else SHAPES.get(
        operation.output
    )
    if output is not None and output.payload is not None:
        member = next(m for m in output.members if m.wire == output.payload)
        if member.type.kind == "struct":
            plan = (member.wire, fixer(member.type.name))
    _PLANS[name] = plan
    return plan


# Values botocore's JSON parser converts. Only values of the JSON type the model gives are
# touched; anything else is left for the converter to keep aside.


def _double(value: Any) -> Any:
    return float(value) if value.__class__ is int else value


def _timestamp(value: Any) -> Any:
    if value.__class__ in (str, int, float):
        from botocore.parsers import DEFAULT_TIMESTAMP_PARSER

        try:
            return DEFAULT_TIMESTAMP_PARSER(value)
        except (ValueError, TypeError, OverflowError, OSError):
            return value  # kept aside by the converter, never raised
    return value


def _blob(value: Any) -> Any:
    if value.__class__ is str:
        try:
            return base64.b64decode(value)
        except (binascii.Error, ValueError):
            return value
    return value


# By the schema's primitive type name: botocore's ``double``/``float`` are ``float``, its
# ``timestamp`` is ``datetime`` and its ``blob`` is ``bytes``.
_LEAVES: dict[str, Fix] = {"float": _double, "datetime": _timestamp, "bytes": _blob}


def _structure(members: list[tuple[str, Fix]], renamed: list[tuple[str, str, Fix]]) -> Fix:
    def fix(value: Any) -> Any:
        if value.__class__ is dict:
            for key, convert in members:
                item = value.get(key)
                if item is not None:
                    value[key] = convert(item)
            for wire, key, convert in renamed:
                if wire in value:
                    item = value.pop(wire)
                    value[key] = item if item is None else convert(item)
        return value

    return fix


def _list(convert: Fix) -> Fix:
    def fix(value: Any) -> Any:
        if value.__class__ is list:
            for index, item in enumerate(value):
                if item is not None:
                    value[index] = convert(item)
        return value

    return fix


def _map(convert: Fix) -> Fix:
    def fix(value: Any) -> Any:
        if value.__class__ is dict:
            for key, item in value.items():
                if item is not None:
                    value[key] = convert(item)
        return value

    return fix


def fixer(shape: str) -> Fix | None:
    """The function converting what botocore's parser converts in a value of the structure
    named ``shape``, from its schema (`pinpoint_sdk._schema.SHAPES`).

    Besides values, botocore's dicts name a member by its name in the model where the wire
    uses another (``segmentDimensions`` of ``SimpleCondition`` is ``SegmentDimensions``,
    `pinpoint_sdk._schema_types.MemberSchema.json_name`): such keys are renamed. ``None``
    when nothing in the shape needs converting.
    """
    return _struct_fixer(shape, {}, set())


def _type_fixer(t: TypeRef, done: dict[str, Fix | None], visiting: set[str]) -> Fix | None:
    if t.kind == "prim":
        return _LEAVES.get(t.name)
    if t.kind == "struct":
        return _struct_fixer(t.name, done, visiting)
    if t.kind == "enum" or t.item is None:  # a string botocore leaves as it is
        return None
    convert = _type_fixer(t.item, done, visiting)
    if convert is None:
        return None
    return _list(convert) if t.kind == "list" else _map(convert)


def _struct_fixer(name: str, done: dict[str, Fix | None], visiting: set[str]) -> Fix | None:
    if name in done:
        return done[name]
    if name in visiting:  # a recursive shape: resolve through the finished table
        return lambda value: (done.get(name) or _identity)(value)
    from pinpoint_sdk._schema import SHAPES

    visiting.add(name)
    members: list[tuple[str, Fix]] = []
    renamed: list[tuple[str, str, Fix]] = []
    for member in SHAPES[name].members:
        convert = _type_fixer(member.type, done, visiting)
        if member.json_name is not None:
            renamed.append((member.json_name, member.wire, convert or _identity))
        elif convert is not None:
            members.append((member.wire, convert))
    result = _structure(members, renamed) if members or renamed else None
    visiting.discard(name)
    done[name] = result
    return result


def _identity(value: Any) -> Any:
    return value
