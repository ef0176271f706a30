"""The double's scope: context manager, decorator, plain mock_aws, pytest plugin."""

from __future__ import annotations

import asyncio
import inspect
import io
import unittest
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


def _guarded_client() -> Any:
    # A request the double does not answer gets a 418 here instead of reaching AWS.
    client = boto3.client("pinpoint", region_name="us-east-1", config=NO_RETRIES)
    client.meta.events.register_last("before-send", _refuse_send)
    return client


def _app_names(client: Any) -> list[str]:
    return [a["Name"] for a in client.get_apps()["ApplicationsResponse"]["Item"]]


def test_a_decorated_coroutine_runs_with_the_double_while_it_is_awaited() -> None:
    @mock_pinpoint()
    async def create(name: str) -> list[str]:
        await asyncio.sleep(0)
        client = _guarded_client()
        client.create_app(CreateApplicationRequest={"Name": name})
        return _app_names(client)

    assert inspect.iscoroutinefunction(create)  # async test plugins still see a coroutine
    assert asyncio.run(create("a")) == ["a"]
    assert asyncio.run(create("b")) == ["b"]


def test_a_decorated_test_class_runs_each_test_method_with_a_fresh_double() -> None:
    @mock_pinpoint()
    class TestApps:
        def test_create(self) -> list[str]:
            client = _guarded_client()
            client.create_app(CreateApplicationRequest={"Name": "one"})
            return _app_names(client)

        def test_empty(self) -> list[str]:
            return _app_names(_guarded_client())

    assert inspect.isclass(TestApps)  # still collected by pytest as a class of tests
    tests = TestApps()
    assert (tests.test_create(), tests.test_empty(), tests.test_create()) == (
        ["one"], [], ["one"]
    )


def test_a_decorated_unittest_case_has_the_double_in_set_up_too() -> None:
    seen: list[list[str]] = []

    @mock_pinpoint()
    class AppsCase(unittest.TestCase):
        def setUp(self) -> None:
            _guarded_client().create_app(CreateApplicationRequest={"Name": "from-setup"})

        def test_sees_the_app_set_up_made(self) -> None:
            seen.append(_app_names(_guarded_client()))

    outcome = unittest.TextTestRunner(stream=io.StringIO()).run(
        unittest.defaultTestLoader.loadTestsFromTestCase(AppsCase)
    )
    assert (outcome.testsRun, outcome.errors, outcome.failures) == (1, [], [])
    assert seen == [["from-setup"]]


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
