"""A fake Pinpoint HTTP endpoint behind a real boto3 client, for fault injection.

`FakeHttp` answers every request through botocore's ``before-send`` event, so the real
serializer, retry handler and parser run, and records what was sent. A test proves that
nothing left the client with ``fake.requests == []``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
import pytest
from botocore.awsrequest import AWSPreparedRequest, AWSResponse
from botocore.config import Config
from botocore.stub import Stubber
from http_faults import reply

from pinpoint_sdk import PinpointClient, errors

Answer = Callable[[AWSPreparedRequest], tuple[int, Any]]


class FakeHttp:
    """Registers on a fresh boto3 client; ``answer(request)`` returns (status, JSON body).

    ``max_requests`` caps how many requests are answered: past it the fake raises, so a
    client that would loop forever fails the test instead of hanging it.
    """

    def __init__(self, answer: Answer, *, max_requests: int = 1000) -> None:
        self.answer = answer
        self.max_requests = max_requests
        self.requests: list[AWSPreparedRequest] = []
        self.client = boto3.session.Session(
            aws_access_key_id="testing", aws_secret_access_key="testing",
            region_name="us-east-1",
        ).client("pinpoint", config=Config(retries={"max_attempts": 1}))
        self.client.meta.events.register("before-send.pinpoint", self._send)

    def _send(self, request: AWSPreparedRequest, **_: Any) -> AWSResponse:
        self.requests.append(request)
        if len(self.requests) > self.max_requests:
            raise AssertionError(f"the client sent more than {self.max_requests} requests")
        status, body = self.answer(request)
        return reply(request, status, body)


def refuse(request: AWSPreparedRequest) -> tuple[int, Any]:
    """An answer for tests where nothing may be sent."""
    raise AssertionError(f"nothing should have been sent, got {request.method} {request.url}")


def rejected(client: PinpointClient, call: str, **kwargs: Any) -> errors.ValidationError:
    """The ValidationError of ``client.<call>(**kwargs)``, proving nothing was sent.

    Nothing is queued on the Stubber: a request that got through would fail differently.
    """
    with Stubber(client.boto3_client), pytest.raises(errors.ValidationError) as info:
        getattr(client, call)(**kwargs)
    return info.value
