"""Answer a boto3 client's requests at the HTTP layer, below botocore's retries and parser.

A `before-send` handler returns the canned response instead of opening a connection, so
botocore's real serializer, retry handler and response parser all run.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping
from typing import Any

from botocore.awsrequest import AWSPreparedRequest, AWSResponse


class RawBody(io.BytesIO):
    """A response body offering what botocore reads: `.stream()` and `.read()`."""

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self.read()


def answer(
    client: Any,
    operation: str,
    status: int,
    body: bytes | Mapping[str, Any] = b"",
    headers: Mapping[str, str] | None = None,
) -> list[AWSPreparedRequest]:
    """Make every ``operation`` call of boto3 ``client`` get this HTTP response.

    ``body`` may be a dict (sent as JSON). Returns the list the sent requests are
    appended to, one per attempt, so a test can count botocore's retries.
    """
    payload = json.dumps(body).encode() if isinstance(body, Mapping) else body
    sent: list[AWSPreparedRequest] = []

    def handler(request: AWSPreparedRequest, **_: Any) -> AWSResponse:
        sent.append(request)
        return AWSResponse(request.url, status, dict(headers or {}), RawBody(payload))

    client.meta.events.register(f"before-send.pinpoint.{operation}", handler)
    return sent
