"""The double's scope: context manager, decorator, plain mock_aws, pytest plugin."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import boto3
import moto
import pytest
from botocore.awsrequest import AWSResponse
from botocore.config import Config
from botocore.exceptions import ClientError, EndpointConnectionError
from double_helpers import NO_RETRIES, ShapeChecker, checked_client

from pinpoint_sdk.testing import PinpointMock, get_backend, install, mock_pinpoint
from pinpoint_sdk.testing._urls import routes
from pinpoint_sdk.testing.pytest_plugin import pinpoint_mock

__all__ = ["pinpoint_mock"]

DEAD_ENDPOINT = "http://127.0.0.1:9"


def _dead_client() -> Any:
    config = Config(retries={"max_attempts": 1}, connect_timeout=1, read_timeout=1)
    return boto3.client(
        "pinpoint", region_name="us-east-1", endpoint_url=DEAD_ENDPOINT, config=config
    )


class _Raw(io.BytesIO):
    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self.read()


def _refuse_send(**_: Any) -> AWSResponse:
    """Answer any request that got past moto, so nothing reaches the network."""
    return AWSResponse(DEAD_ENDPOINT, 418, {}, _Raw(b"{}"))


def test_context_manager_scope() -> None:
    with mock_pinpoint():
        client = boto3.client("pinpoint", region_name="us-east-1", config=NO_RETRIES)
        client.meta.events.register_last("before-send", _refuse_send)
        app = client.create_app(CreateApplicationRequest={"Name": "inside"})
        assert app["ApplicationResponse"]["Name"] == "inside"
    # After the block moto no longer answers: the request falls through to our refusal.
    with pytest.raises(ClientError) as info:
        client.get_apps()
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 418
    with pytest.raises(EndpointConnectionError):
        _dead_client().get_apps()


def test_state_is_gone_after_the_block() -> None:
    with mock_pinpoint():
        client = boto3.client("pinpoint", region_name="us-east-1")
        client.create_app(CreateApplicationRequest={"Name": "first"})
        assert len(client.get_apps()["ApplicationsResponse"]["Item"]) == 1
    with mock_pinpoint():
        client = boto3.client("pinpoint", region_name="us-east-1")
        assert client.get_apps()["ApplicationsResponse"]["Item"] == []


def test_decorator_gives_a_fresh_double() -> None:
    @mock_pinpoint()
    def create(name: str) -> int:
        client = boto3.client("pinpoint", region_name="us-east-1")
        client.create_app(CreateApplicationRequest={"Name": name})
        return len(client.get_apps()["ApplicationsResponse"]["Item"])

    assert create("a") == 1
    assert create("b") == 1
    assert create.__name__ == "create"


def test_plain_mock_aws_gets_the_extension() -> None:
    install()
    install()  # idempotent
    with moto.mock_aws():
        client = boto3.client("pinpoint", region_name="eu-west-1")
        app_id = client.create_app(CreateApplicationRequest={"Name": "x"})[
            "ApplicationResponse"
        ]["Id"]
        client.create_segment(ApplicationId=app_id, WriteSegmentRequest={"Name": "s"})
        segments = client.get_segments(ApplicationId=app_id)["SegmentsResponse"]["Item"]
        assert [s["Name"] for s in segments] == ["s"]
        assert get_backend("eu-west-1").state(app_id).segments


def test_regions_and_accounts_are_separate(mock: PinpointMock) -> None:
    east = boto3.client("pinpoint", region_name="us-east-1")
    west = boto3.client("pinpoint", region_name="us-west-2")
    east.create_app(CreateApplicationRequest={"Name": "east"})
    assert west.get_apps()["ApplicationsResponse"]["Item"] == []
    assert len(mock.backend("us-east-1").moto.apps) == 1


def test_pytest_plugin_fixture(pinpoint_mock: PinpointMock) -> None:
    client = boto3.client("pinpoint")
    assert client.meta.region_name == "us-east-1"
    client.create_app(CreateApplicationRequest={"Name": "p"})
    assert len(pinpoint_mock.backend().moto.apps) == 1


def test_every_operation_has_a_route_and_handler(mock: PinpointMock) -> None:
    backend = mock.backend()
    operations = {route.operation for route in routes()}
    assert len(operations) == 122
    missing = sorted(op for op in operations if backend.handler(op) is None)
    assert missing == []


def test_unknown_path_is_not_found(mock: PinpointMock) -> None:
    checker = ShapeChecker()
    client = checked_client(checker)
    with pytest.raises(ClientError) as info:
        client.get_app(ApplicationId="a/b")
    assert info.value.response["Error"]["Code"] == "NotFoundException"
    assert checker.problems == []
