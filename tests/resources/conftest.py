"""Fixtures for the resource-layer tests: a stubbed boto3 client and a call recorder."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from pinpoint_sdk.client import PinpointClient
from pinpoint_sdk.resources import Pinpoint


@pytest.fixture(autouse=True)
def _fake_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    # The root conftest does the same; kept here so this directory runs on its own.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.delenv("AWS_PROFILE", raising=False)


@pytest.fixture(scope="session")
def _session() -> boto3.session.Session:
    # One session for the run: its loader caches the service model, so each test's
    # fresh client is cheap to build.
    return boto3.session.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
    )


@pytest.fixture
def client(_session: boto3.session.Session) -> PinpointClient:
    return PinpointClient(session=_session, region_name="us-east-1")


@pytest.fixture
def calls(client: PinpointClient) -> list[tuple[str, dict[str, Any]]]:
    """(operation name, request params) of every call the boto3 client makes, in order."""
    recorded: list[tuple[str, dict[str, Any]]] = []

    def record(params: dict[str, Any], model: Any, **_: Any) -> None:
        recorded.append((model.name, params))

    client.boto3_client.meta.events.register("before-parameter-build.pinpoint", record)
    return recorded


@pytest.fixture
def stub(client: PinpointClient, calls: list[Any]) -> Iterator[Stubber]:
    stubber = Stubber(client.boto3_client)
    with stubber:
        yield stubber


@pytest.fixture
def pp(client: PinpointClient) -> Pinpoint:
    return Pinpoint(client)
