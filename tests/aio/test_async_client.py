"""Constructing, closing and calling AsyncPinpointClient: errors, validation before
sending, retry configuration, lazy creation and cancellation."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiobotocore.session import AioSession
from aiohelpers import SESSION, run_stubbed
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.stub import Stubber

from pinpoint_sdk import errors, models
from pinpoint_sdk.aio import AsyncPinpointClient

CLOSED_PORT = "http://127.0.0.1:9"  # connections are refused at once


def _retry_mode(client: AsyncPinpointClient) -> Any:
    return client.aiobotocore_client.meta.config.retries.get("mode")


def _spy_on_close(raw: Any) -> list[str]:
    """Record each close of the aiobotocore client ``raw`` (still closing it)."""
    closes: list[str] = []
    original = raw.close

    async def close() -> None:
        closes.append("closed")
        await original()

    raw.close = close
    return closes


def test_client_is_created_on_enter_with_standard_retries_and_closed_on_exit() -> None:
    async def main() -> tuple[Any, Any, Any, list[str]]:
        client = AsyncPinpointClient(region_name="eu-west-1", session=SESSION)
        before = client.aiobotocore_client
        async with client:
            raw = client.aiobotocore_client
            closes = _spy_on_close(raw)
            mode = _retry_mode(client)
            region = raw.meta.region_name
        await client.close()  # twice is harmless
        return before, (mode, region), client.aiobotocore_client, closes

    before, (mode, region), after, closes = asyncio.run(main())
    assert before is None and after is None
    assert closes == ["closed"]
    assert (mode, region) == ("standard", "eu-west-1")


def test_explicit_retry_mode_and_other_kwargs_reach_aiobotocore() -> None:
    async def main() -> tuple[Any, Any]:
        async with AsyncPinpointClient(
            region_name="us-east-1",
            config=Config(retries={"mode": "adaptive"}),
            endpoint_url="http://localhost:4566",
        ) as client:
            return _retry_mode(client), client.aiobotocore_client.meta.endpoint_url

    assert asyncio.run(main()) == ("adaptive", "http://localhost:4566")


def test_attempts_only_config_keeps_the_standard_mode() -> None:
    async def main() -> tuple[Any, Any]:
        async with AsyncPinpointClient(
            region_name="us-east-1", config=Config(retries={"max_attempts": 7})
        ) as client:
            retries = client.aiobotocore_client.meta.config.retries
            return retries.get("mode"), retries.get("total_max_attempts")

    assert asyncio.run(main()) == ("standard", 8)


def test_retry_mode_from_the_environment_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_RETRY_MODE", "legacy")

    async def main() -> Any:
        async with AsyncPinpointClient(region_name="us-east-1") as client:
            return _retry_mode(client)

    assert asyncio.run(main()) != "standard"


def test_concurrent_first_calls_create_one_client() -> None:
    async def main() -> tuple[int, Any]:
        client = AsyncPinpointClient(region_name="us-east-1")
        created: list[Any] = []
        original = AioSession.create_client

        def counting(self: AioSession, *args: Any, **kwargs: Any) -> Any:
            created.append(args)
            return original(self, *args, **kwargs)

        AioSession.create_client = counting  # type: ignore[method-assign]
        try:
            raws = await asyncio.gather(*(client._connect() for _ in range(10)))
        finally:
            AioSession.create_client = original  # type: ignore[method-assign]
            await client.close()
        return len(created), {id(raw) for raw in raws}

    count, distinct = asyncio.run(main())
    assert count == 1 and len(distinct) == 1


def test_from_client_wraps_and_leaves_the_client_open() -> None:
    async def main() -> tuple[list[str], str]:
        async with SESSION.create_client("pinpoint", region_name="us-east-1") as raw:
            closes = _spy_on_close(raw)
            async with AsyncPinpointClient.from_client(raw) as client:
                assert client.aiobotocore_client is raw
            await client.close()  # twice is harmless
            return list(closes), repr(client)

    closes, text = asyncio.run(main())
    assert closes == []
    assert text == "AsyncPinpointClient(region_name='us-east-1')"


def test_from_client_rejects_a_non_pinpoint_client() -> None:
    async def main() -> None:
        async with SESSION.create_client("sqs", region_name="us-east-1") as raw:
            with pytest.raises(TypeError, match="aiobotocore 'pinpoint' client"):
                AsyncPinpointClient.from_client(raw)

    asyncio.run(main())
    with pytest.raises(TypeError):
        AsyncPinpointClient.from_client(object())


def test_repr_before_creation_names_the_region() -> None:
    assert repr(AsyncPinpointClient(region_name="ap-south-1")) == (
        "AsyncPinpointClient(region_name='ap-south-1')"
    )


# ----------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("code", "status", "expected"),
    [
        ("NotFoundException", 404, errors.NotFoundError),
        ("BadRequestException", 400, errors.BadRequestError),
        ("TooManyRequestsException", 429, errors.TooManyRequestsError),
        ("Teapot", 418, errors.PinpointServiceError),
    ],
)
def test_service_errors_map_to_sdk_errors_that_are_client_errors(
    code: str, status: int, expected: type[Exception]
) -> None:
    async def body(client: AsyncPinpointClient, stubber: Stubber) -> None:
        stubber.add_client_error(
            "get_app", code, "no", status, response_meta={"RequestId": "req-9"}
        )
        with pytest.raises(expected) as info:
            await client.get_app(application_id="app")
        assert isinstance(info.value, ClientError)
        assert isinstance(info.value.__cause__, ClientError)
        assert "req-9" in str(info.value)

    run_stubbed(body)


def test_invalid_arguments_fail_before_anything_is_sent() -> None:
    async def body(client: AsyncPinpointClient, stubber: Stubber) -> None:
        with pytest.raises(errors.ValidationError) as info:
            await client.create_app(
                create_application_request=models.CreateApplicationRequest(name=5)  # type: ignore[arg-type]
            )
        assert info.value.path == "create_application_request.name"
        with pytest.raises(errors.ValidationError, match="page_size"):
            await client.get_apps(page_size=-1)

    run_stubbed(body)  # nothing queued: a request reaching the Stubber would fail it


def test_botocore_param_validation_becomes_validation_error_without_context() -> None:
    async def main() -> None:
        async with AsyncPinpointClient(
            region_name="us-east-1", endpoint_url=CLOSED_PORT
        ) as client:
            with pytest.raises(errors.ValidationError) as info:
                await client.get_application_date_range_kpi(
                    application_id="app", kpi_name="k", start_time="not a date"  # type: ignore[arg-type]
                )
        # Raised outside botocore's handler: its unmasked error is not chained as context.
        assert info.value.__context__ is None

    asyncio.run(main())


def test_result_carries_response_metadata() -> None:
    async def body(client: AsyncPinpointClient, stubber: Stubber) -> models.GetAppResponse:
        stubber.add_response(
            "get_app",
            {
                "ApplicationResponse": {"Id": "a", "Arn": "arn:a", "Name": "n"},
                "ResponseMetadata": {"RequestId": "req-1", "HTTPStatusCode": 200},
            },
        )
        return await client.get_app(application_id="a")

    result = run_stubbed(body)
    assert result.request_id == "req-1" and result.http_status_code == 200


# ------------------------------------------------------------------------- cancellation


def test_cancelled_call_propagates_and_the_client_stays_usable() -> None:
    async def body(client: AsyncPinpointClient, stubber: Stubber) -> models.GetAppResponse:
        started = asyncio.Event()

        async def hang(**_: Any) -> None:
            if not started.is_set():
                started.set()
                await asyncio.sleep(3600)

        client.aiobotocore_client.meta.events.register_first("before-parameter-build.pinpoint.GetApp", hang)
        stubber.add_response("get_app", {"ApplicationResponse": {"Id": "b", "Arn": "x", "Name": "n"}})
        task = asyncio.create_task(client.get_app(application_id="a"))
        await started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return await client.get_app(application_id="b")

    result = run_stubbed(body)
    assert result.application_response is not None
    assert result.application_response.id == "b"


def test_cancelled_listing_stops_between_pages() -> None:
    async def body(client: AsyncPinpointClient, stubber: Stubber) -> int:
        stubber.add_response("get_apps", {"ApplicationsResponse": {"Item": [], "NextToken": "t1"}})
        pages = 0

        async def listing() -> None:
            nonlocal pages
            async for _ in client.get_apps_pages():
                pages += 1
                await asyncio.sleep(3600)  # the consumer is cancelled while holding page 1

        task = asyncio.create_task(listing())
        while pages == 0:
            await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return pages

    assert run_stubbed(body) == 1  # the second page was never requested (Stubber: none left)
