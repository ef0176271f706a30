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
  The body is read as JSON reads bytes (UTF-8 with or without a byte order mark, UTF-16,
  UTF-32) unless its Content-Type names another charset Python knows. An empty body or
  ``null`` is left to botocore (an empty result, as without the fast path); any other
  body that is not a JSON object (truncated, HTML, an array, undecodable, nested too
  deeply) raises `pinpoint_sdk.errors.UnreadableResponseError` with the reply's request
  id, where botocore's parser would return a result missing the body's data or fail with
  a bare ``AttributeError``.
* Error replies (status 300 and above) are botocore's to parse, so they become the same
  ``ClientError``. Only a body its error parser would crash on (a JSON array, string or
  ``null``, text that is not UTF-8, JSON nested too deeply, a ``__type`` that is not a
  string) is first replaced by a JSON object saying what was wrong, so the reply still
  becomes the error its status and ``x-amzn-ErrorType`` name, and is retried as such.

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
import codecs
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar

from pinpoint_sdk.errors import UnreadableResponseError, _header

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
    """botocore ``before-parse`` handler: the payload member from the raw JSON body.

    Raises:
        pinpoint_sdk.errors.UnreadableResponseError: a successful reply whose body is not
            empty and not a JSON object (botocore's parser would return an empty result
            for most such bodies, or fail with an ``AttributeError``).
    """
    if not _ACTIVE.get():
        return
    body = response_dict.get("body")
    if body.__class__ is not bytes:
        return
    if response_dict["status_code"] >= 300:
        _readable_error_body(response_dict, customized_response_dict)
        return
    name = operation_model.name
    plan = _PLANS[name] if name in _PLANS else _plan(operation_model)
    if plan is None or not body.strip():
        return
    data, problem = _load(body, response_dict["headers"])
    if problem is None and data is not None and data.__class__ is not dict:
        problem = f"is {_json_kind(data)}, not a JSON object"
    if problem is not None:
        # Raised outside any ``except``: the decoding error holds the whole body.
        raise _unreadable(name, response_dict, problem)
    if data is None:  # JSON ``null``: botocore's parser gives the member ``None`` too
        return
    member, fix = plan
    if fix is not None:
        fix(data)
    customized_response_dict[member] = data
    response_dict["body"] = b""


# Charsets ``json.loads`` recognises by itself from the bytes (with or without a BOM).
_UNICODE = {"utf-8", "utf-16", "utf-16-be", "utf-16-le", "utf-32", "utf-32-be", "utf-32-le"}


def _load(body: bytes, headers: Any) -> tuple[Any, str | None]:
    """The JSON value of ``body``, or ``None`` and what makes it unreadable.

    The problem never quotes the body (it may hold personal data or secrets).
    """
    content_type = _header(headers, "content-type")
    encoding = _declared_encoding(content_type)
    problem: str | None = None
    try:
        if encoding is not None:
            return json.loads(body.decode(encoding)), None
        # From bytes, json detects UTF-8 (skipping a byte order mark), UTF-16 and UTF-32.
        encoding = "UTF-8"
        return json.loads(body), None
    except UnicodeDecodeError as exc:
        problem = f"is not {encoding} text (byte {exc.start} of {len(body)})"
    except json.JSONDecodeError as exc:
        problem = f"is not JSON ({exc.msg}: line {exc.lineno}, column {exc.colno})"
    except ValueError as exc:  # an integer too long to convert, for one
        problem = f"is not readable JSON ({type(exc).__name__}: {str(exc)[:120]})"
    except RecursionError:
        problem = "nests JSON arrays or objects too deeply to read"
    encoding_header = _header(headers, "content-encoding")
    if encoding_header and encoding_header.strip().lower() != "identity":
        problem += f"; it was sent with Content-Encoding {encoding_header[:40]!r}, not decoded"
    if content_type and "json" not in content_type.lower():
        problem += f"; its Content-Type is {content_type[:80]!r}"
    return None, problem


def _readable_error_body(response_dict: dict[str, Any], customized: dict[str, Any]) -> None:
    """Replace an error reply's body that botocore's error parser would crash on, and keep
    the body's ``RequestID``.

    botocore reads an error body as JSON and calls ``.get`` on it: a JSON array, string,
    number or ``null`` raises ``AttributeError``, text that is not UTF-8
    ``UnicodeDecodeError``, deep nesting ``RecursionError`` and a non-string ``__type``
    ``TypeError``. Such a body becomes a JSON object whose message says what was wrong, so
    the reply becomes the error its status and ``x-amzn-ErrorType`` header name. Bodies
    botocore reads (JSON objects, text that is not JSON, an HTML page) are left as they
    are. botocore keeps the ``RequestID`` of an error body only when the error code is
    one the model declares; it is added to the error response (``customized``) for any
    code, so `pinpoint_sdk.errors.PinpointServiceError.request_id` finds it when no
    ``x-amzn-RequestId`` header came.
    """
    body: bytes = response_dict["body"]
    if not body.strip():
        return
    status = response_dict["status_code"]
    replacement: dict[str, Any] = {}
    problem: str | None = None
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as exc:
        problem = f"is not UTF-8 text (byte {exc.start} of {len(body)})"
    except RecursionError:
        problem = "nests JSON arrays or objects too deeply to read"
    except ValueError:  # botocore takes the text as the message
        return
    else:
        if data.__class__ is dict:
            request_id = data.get("RequestID")
            if request_id.__class__ is str and request_id:
                customized["RequestID"] = request_id
            kind = data.get("__type")
            if kind is None or kind.__class__ is str:
                return
            problem = f"names its error type with {_json_kind(kind)}"
            for key in ("Message", "message", "RequestID"):
                if data.get(key).__class__ is str:
                    replacement[key] = data[key]
        else:
            problem = f"is {_json_kind(data)}, not a JSON object"
    if "Message" not in replacement and "message" not in replacement:
        replacement["message"] = f"the HTTP {status} reply's body {problem}"
    response_dict["body"] = json.dumps(replacement).encode()


def _unreadable(operation: str, response_dict: dict[str, Any], problem: str) -> Exception:
    """The `pinpoint_sdk.errors.UnreadableResponseError` of a successful reply."""
    headers = response_dict["headers"]
    status = response_dict["status_code"]
    metadata: dict[str, Any] = {"HTTPStatusCode": status,
                                "HTTPHeaders": {str(k).lower(): v for k, v in headers.items()}}
    request_id = _header(headers, "x-amzn-requestid")
    if request_id:
        metadata["RequestId"] = request_id
    error = {"Code": UnreadableResponseError.error_code,
             "Message": f"the HTTP {status} reply's body {problem}, so it cannot be read "
                        "as the operation's result"}
    return UnreadableResponseError({"Error": error, "ResponseMetadata": metadata}, operation)


def _declared_encoding(content_type: str | None) -> str | None:
    """The codec a Content-Type's ``charset`` names, unless JSON's own detection covers
    it (UTF-8, -16, -32) or Python does not know it (then the body is read as botocore
    reads it, as UTF-8)."""
    for parameter in (content_type or "").split(";")[1:]:
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset":
            try:
                name = codecs.lookup(value.strip().strip('"')).name
            except LookupError:
                return None
            return None if name in _UNICODE else name
    return None


def _json_kind(value: Any) -> str:
    """``value``'s JSON type, with an article: ``a JSON array``, ``a JSON number``..."""
    if isinstance(value, bool):
        return "a JSON boolean"
    if isinstance(value, (int, float)):
        return "a JSON number"
    if isinstance(value, str):
        return "a JSON string"
    if isinstance(value, list):
        return "a JSON array"
    if isinstance(value, dict):
        return "a JSON object"
    return "JSON null"


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
    if value.__class__ is int:
        try:
            return float(value)
        except OverflowError:  # beyond a float: kept as sent, never raised
            return value
    return value


def _timestamp(value: Any) -> Any:
    if value.__class__ in (str, int, float):
        from botocore.parsers import DEFAULT_TIMESTAMP_PARSER

        try:
            return DEFAULT_TIMESTAMP_PARSER(value)
        # An epoch beyond what datetime holds ends in botocore's RuntimeError.
        except (ValueError, TypeError, OverflowError, OSError, RuntimeError):
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
