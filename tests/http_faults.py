"""Replies crafted at the HTTP layer: a botocore ``before-send`` handler answers instead
of the network, so botocore's real serializer, retry handler, logging and parser all run.

`answer` registers replies on one operation of a client; `Respond` is a handler object for
tests that register it themselves.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from botocore.awsrequest import AWSPreparedRequest, AWSResponse

from pinpoint_sdk.client import PinpointClient

Reply = Callable[[AWSPreparedRequest], AWSResponse]


class _Raw(io.BytesIO):
    """The raw body botocore reads: ``.stream()`` and ``.read()``."""

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self.read()


def reply(
    request: AWSPreparedRequest,
    status: int,
    body: bytes | str | Any,
    headers: Mapping[str, str] | None = None,
) -> AWSResponse:
    """An HTTP reply to ``request``: ``body`` as given (bytes/str) or dumped as JSON.

    Without ``headers`` the reply carries JSON, a request id and, for an error status, an
    ``x-amzn-ErrorType``; given ``headers`` are sent exactly (a gateway's HTML 502 has
    none of those).
    """
    if isinstance(body, str):
        body = body.encode()
    elif not isinstance(body, bytes):
        body = json.dumps(body).encode()
    if headers is None:
        headers = {"Content-Type": "application/json", "x-amzn-RequestId": "req-1"}
        if status >= 400:
            headers["x-amzn-ErrorType"] = "InternalServerErrorException" if status >= 500 \
                else "BadRequestException"
    return AWSResponse(request.url, status, dict(headers), _Raw(body))


def request_body(request: AWSPreparedRequest) -> dict[str, Any]:
    """The JSON body botocore serialized for ``request``."""
    raw = request.body
    if isinstance(raw, bytes):
        raw = raw.decode()
    return json.loads(raw) if raw else {}


def answer(
    client: PinpointClient | Any, operation: str, *replies: Reply
) -> list[dict[str, Any]]:
    """Answer ``operation`` of ``client`` (typed or boto3) with ``replies`` in turn (the
    last one repeats); returns the request bodies sent, one per attempt, retries included."""
    sent: list[dict[str, Any]] = []

    def handler(request: AWSPreparedRequest, **_: Any) -> AWSResponse:
        sent.append(request_body(request))
        return replies[min(len(sent), len(replies)) - 1](request)

    boto3_client = getattr(client, "boto3_client", client)
    boto3_client.meta.events.register(f"before-send.pinpoint.{operation}", handler)
    return sent


def events_accepted(request: AWSPreparedRequest) -> AWSResponse:
    """A PutEvents reply that accepts every event and endpoint of the request."""
    batch = request_body(request)["BatchItem"]
    return reply(request, 202, {"Results": {
        endpoint_id: {
            "EndpointItemResponse": {"StatusCode": 202, "Message": "Accepted"},
            "EventsItemResponse": {
                event_id: {"StatusCode": 202, "Message": "Accepted"} for event_id in item["Events"]
            },
        }
        for endpoint_id, item in batch.items()
    }})


def endpoints_accepted(request: AWSPreparedRequest) -> AWSResponse:
    """The UpdateEndpointsBatch reply of the service: 202 and a MessageBody."""
    return reply(request, 202, {"Message": "Accepted", "RequestID": "req-1"})


def fixed(
    status: int, body: bytes | str | Any, headers: Mapping[str, str] | None = None
) -> Reply:
    """A reply with this status, body and headers, whatever the request."""
    return lambda request: reply(request, status, body, headers)


def raises(error: Exception) -> Reply:
    """No reply at all: ``error`` is raised where the HTTP send would be."""

    def handler(request: AWSPreparedRequest) -> AWSResponse:
        raise error

    return handler


class Respond:
    """A ``before-send`` handler answering every request with ``status`` and JSON ``body``,
    keeping the requests it saw in ``.requests``."""

    def __init__(self, body: Any, status: int = 200) -> None:
        self.body = body
        self.status = status
        self.requests: list[AWSPreparedRequest] = []

    def __call__(self, request: AWSPreparedRequest, **_: Any) -> AWSResponse:
        self.requests.append(request)
        return reply(request, self.status, self.body)
