"""Answer boto3 requests at the HTTP layer, so botocore's serializer, logging and parser run.

Register the handler on a client's ``before-send`` event; it records each request it sees.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

from botocore.awsrequest import AWSPreparedRequest, AWSResponse


class _Raw(io.BytesIO):
    """The raw body botocore reads an `AWSResponse` from."""

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self.read()


class Respond:
    """A `before-send` handler answering every request with ``status`` and JSON ``body``."""

    def __init__(self, body: Any, status: int = 200) -> None:
        self.body = json.dumps(body).encode()
        self.status = status
        self.requests: list[AWSPreparedRequest] = []

    def __call__(self, request: AWSPreparedRequest, **_: Any) -> AWSResponse:
        self.requests.append(request)
        headers = {"Content-Type": "application/json"}
        return AWSResponse(request.url, self.status, headers, _Raw(self.body))
