"""Fixtures for the offline Pinpoint tests: fake credentials, a mocked client, checks.

Every response the double sends through the ``client`` fixture is checked twice against
the botocore model: the raw JSON body (strictly: no unknown keys, enum values known,
required members present) and the parsed boto3 dict.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config

from pinpoint_sdk.testing import PinpointMock, mock_pinpoint, validate_response
from pinpoint_sdk.testing._shapes import validate_value

NO_RETRIES = Config(retries={"max_attempts": 1, "mode": "standard"})


@pytest.fixture(autouse=True)
def fake_aws_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No real credentials or profile can be picked up by any test."""
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.setenv(name, "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/dev/null")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")


class ShapeChecker:
    """Collects model mismatches of every response a client receives."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.checked = 0

    def raw(self, operation_model: Any, response_dict: dict[str, Any], **_: Any) -> None:
        if response_dict["status_code"] >= 300:
            body = json.loads(response_dict["body"] or b"{}")
            if set(body) != {"Message", "RequestID"}:
                self.problems.append(f"{operation_model.name}: error body {body}")
            return
        output = operation_model.output_shape
        self.checked += 1
        if output is None:
            if response_dict["body"]:
                self.problems.append(f"{operation_model.name}: body for an op without output")
            return
        payload = output.members[output.serialization["payload"]]
        body = json.loads(response_dict["body"])
        self.problems.extend(
            f"{operation_model.name} raw: {problem}" for problem in validate_value(body, payload)
        )

    def parsed(self, model: Any, parsed: dict[str, Any], **_: Any) -> None:
        if parsed.get("Error"):
            return
        self.problems.extend(
            f"{model.name} parsed: {problem}"
            for problem in validate_response(model.name, parsed)
        )


def checked_client(checker: ShapeChecker, region: str = "us-east-1") -> Any:
    """A boto3 pinpoint client whose every response goes through ``checker``."""
    client = boto3.client("pinpoint", region_name=region, config=NO_RETRIES)
    client.meta.events.register("before-parse.pinpoint.*", checker.raw)
    client.meta.events.register("after-call.pinpoint.*", checker.parsed)
    return client


@pytest.fixture
def checker() -> ShapeChecker:
    """The shape checker shared by the test's clients."""
    return ShapeChecker()


@pytest.fixture
def mock() -> Iterator[PinpointMock]:
    """An active offline Pinpoint."""
    with mock_pinpoint() as active:
        yield active


@pytest.fixture
def client(mock: PinpointMock, checker: ShapeChecker) -> Iterator[Any]:
    """A checked client; the test fails if any response broke the model."""
    yield checked_client(checker)
    assert checker.problems == []


@pytest.fixture
def unchecked_client(mock: PinpointMock, checker: ShapeChecker) -> Iterator[Any]:
    """A client with client-side validation off, to send what botocore would refuse."""
    config = NO_RETRIES.merge(Config(parameter_validation=False))
    client = boto3.client("pinpoint", region_name="us-east-1", config=config)
    client.meta.events.register("before-parse.pinpoint.*", checker.raw)
    yield client
    assert checker.problems == []


@pytest.fixture
def app_id(client: Any) -> str:
    """A fresh application."""
    app_id: str = client.create_app(CreateApplicationRequest={"Name": "test"})[
        "ApplicationResponse"
    ]["Id"]
    return app_id
