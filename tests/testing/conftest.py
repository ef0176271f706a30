"""Fixtures for the offline Pinpoint tests: fake credentials, a mocked client, checks.

Every response the double sends through the ``client`` fixture is checked twice against
the botocore model: the raw JSON body (strictly: no unknown keys, enum values known,
required members present) and the parsed boto3 dict.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config
from double_helpers import NO_RETRIES, ShapeChecker, checked_client

from pinpoint_sdk.testing import PinpointMock, mock_pinpoint


@pytest.fixture(autouse=True)
def fake_aws_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No real credentials or profile can be picked up by any test."""
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.setenv(name, "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/dev/null")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")


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
def s3(mock: PinpointMock) -> Any:
    """moto's S3 with an ``exports`` bucket."""
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket="exports")
    return client


@pytest.fixture
def app_id(client: Any) -> str:
    """A fresh application."""
    app_id: str = client.create_app(CreateApplicationRequest={"Name": "test"})[
        "ApplicationResponse"
    ]["Id"]
    return app_id
