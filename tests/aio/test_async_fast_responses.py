"""Typed responses from the wire JSON on the async client (`pinpoint_sdk._fastparse`).

The aiobotocore clients `AsyncPinpointClient` creates take the same fast path as the sync
ones; through aiobotocore's real endpoint and parser, every operation's fully populated
body gives the model the sync client gives on botocore's path. The aiobotocore client called
directly, and one passed in, keep botocore's dicts unless opted in.
"""

from __future__ import annotations

import asyncio
import functools
import json
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import pytest
from aiohelpers import SESSION, collect
from botocore import xform_name
from botocore.config import Config
from http_faults import Reply, answer, fixed, request_body
from hypothesis import HealthCheck, given, settings
from test_client_operations import call_arguments
from test_fast_responses import (
    BODY,
    CAMPAIGN,
    ERROR_CASES,
    OPERATIONS,
    SERVICE,
    _check_botocore,
    _check_fast,
    _parsed_by_botocore,
    _payload_shape,
    _typed,
    error_reply,
    full_value,
    plain_client,
    taken_by_the_fast_path,
    wire_value,
)

from pinpoint_sdk import _fastparse, enable_fast_responses, errors, models
from pinpoint_sdk.aio import AsyncPinpointClient
from pinpoint_sdk.converter import structure, unstructure
from pinpoint_sdk.testing._aio import aio_response

T = TypeVar("T")


def aio_answer(raw: Any, operation: str, *replies: Reply) -> list[dict[str, Any]]:
    """`http_faults.answer` for an aiobotocore client: the same replies, read asynchronously.

    The handler is a coroutine that lets other tasks run before it answers, so concurrent
    calls interleave as they would over a network.
    """
    sent: list[dict[str, Any]] = []

    async def handler(request: Any, **_: Any) -> Any:
        sent.append(request_body(request))
        await asyncio.sleep(0)
        return aio_response(replies[min(len(sent), len(replies)) - 1](request))

    raw.meta.events.register(f"before-send.pinpoint.{operation}", handler)
    return sent


def run_sdk(body: Callable[[AsyncPinpointClient], Awaitable[T]], **client_kwargs: Any) -> T:
    """Run ``body`` with an `AsyncPinpointClient` that creates its aiobotocore client."""

    async def main() -> T:
        async with AsyncPinpointClient(region_name="us-east-1", session=SESSION,
                                       **client_kwargs) as client:
            return await body(client)

    return asyncio.run(main())


def run_passed_in(body: Callable[[AsyncPinpointClient, Any], Awaitable[T]]) -> T:
    """Run ``body`` with an `AsyncPinpointClient` over an aiobotocore client made here."""

    async def main() -> T:
        async with SESSION.create_client("pinpoint", region_name="us-east-1") as raw:
            return await body(AsyncPinpointClient.from_client(raw), raw)

    return asyncio.run(main())


# -- every operation: async fast path == sync botocore path -------------------------------------

# The reference client is made in the first test, once the fake credentials are set.
_reference = functools.cache(plain_client)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_every_operation_gives_botocores_model_on_the_async_fast_path(operation: str) -> None:
    payload = full_value(_payload_shape(operation))
    body = json.dumps(payload).encode()
    kwargs, _ = call_arguments(operation, full=False)
    method = xform_name(operation)
    # The reference: botocore's parser on a client nobody opted in, then ``structure``.
    answer(_reference(), operation, fixed(200, body))
    reference = getattr(_reference(), method)(**kwargs)
    taken: list[bool] = []

    async def call(client: AsyncPinpointClient) -> Any:
        raw = client.aiobotocore_client
        aio_answer(raw, operation, fixed(200, body))

        def spy(response_dict: dict[str, Any], **_: Any) -> None:
            taken.append(response_dict["body"] == b"")  # the fast path took the body

        raw.meta.events.register_last("before-parse.pinpoint", spy)
        return await getattr(client, method)(**kwargs)

    fast = run_sdk(call)
    assert taken == [True]
    assert fast == reference
    # repr tells 42 from 42.0 and one datetime zone from another, which == does not.
    assert repr(unstructure(fast)) == repr(unstructure(reference))
    assert (fast.request_id, fast.http_status_code) == (
        reference.request_id, reference.http_status_code)


async def _parsed_fast_by_aiobotocore(operation: str, body: bytes) -> dict[str, Any]:
    """aiobotocore endpoint's sequence: ``before-parse`` (the handler), its parser, update."""
    from aiobotocore.parsers import AioRestJSONParser

    response, customized = taken_by_the_fast_path(operation, body)
    parsed: dict[str, Any] = await AioRestJSONParser().parse(
        response, SERVICE.operation_model(operation).output_shape)
    parsed.update(customized)
    return parsed


@pytest.mark.parametrize("operation", OPERATIONS)
def test_random_valid_bodies_give_botocores_model_through_aiobotocores_parser(
    operation: str,
) -> None:
    @settings(max_examples=4, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(wire_value(_payload_shape(operation)))
    def check(payload: dict[str, Any]) -> None:
        body = json.dumps(payload).encode()
        reference = _typed(_parsed_by_botocore(operation, body), operation)
        fast = _typed(asyncio.run(_parsed_fast_by_aiobotocore(operation, body)), operation)
        assert fast == reference
        assert repr(unstructure(fast)) == repr(unstructure(reference))

    check()


# -- which calls take it ----------------------------------------------------------------------------


def test_clients_the_async_client_creates_use_the_fast_path() -> None:
    async def call(client: AsyncPinpointClient) -> models.GetCampaignsResponse:
        aio_answer(client.aiobotocore_client, "GetCampaigns", fixed(200, BODY))
        return await client.get_campaigns(application_id="app")

    _check_fast(run_sdk(call))
    assert _fastparse._ACTIVE.get() is False


def test_the_aiobotocore_client_called_directly_still_returns_botocores_dict() -> None:
    async def call(client: AsyncPinpointClient) -> tuple[dict[str, Any], Any]:
        raw = client.aiobotocore_client
        aio_answer(raw, "GetCampaigns", fixed(200, BODY))
        direct = await raw.get_campaigns(ApplicationId="app")
        return direct, await client.get_campaigns(application_id="app")

    direct, typed = run_sdk(call)
    campaign = direct["CampaignsResponse"]["Item"][0]
    assert "FutureField" not in campaign
    assert campaign["IsPaused"] is False
    assert campaign["Limits"]["Daily"] == 1
    assert direct["ResponseMetadata"]["RequestId"] == "req-1"
    _check_fast(typed)  # ... and the typed calls on the same client still take it


def test_direct_calls_in_other_tasks_are_untouched_while_an_sdk_call_is_in_flight() -> None:
    # The flag is per task: while the SDK's call awaits its answer, a direct call on the
    # same aiobotocore client from another task gets botocore's dict.
    async def call(client: AsyncPinpointClient) -> tuple[Any, ...]:
        raw = client.aiobotocore_client
        aio_answer(raw, "GetCampaigns", fixed(200, BODY))
        results = await asyncio.gather(
            client.get_campaigns(application_id="app"),
            raw.get_campaigns(ApplicationId="app"),
            client.get_campaigns(application_id="app"),
            raw.get_campaigns(ApplicationId="app"),
        )
        return tuple(results)

    typed_1, direct_1, typed_2, direct_2 = run_sdk(call)
    for typed in (typed_1, typed_2):
        _check_fast(typed)
    for direct in (direct_1, direct_2):
        _check_botocore(structure({"CampaignsResponse": direct["CampaignsResponse"]},
                                  models.GetCampaignsResponse))


def test_a_passed_in_aiobotocore_client_is_untouched_unless_opted_in() -> None:
    async def call(client: AsyncPinpointClient, raw: Any) -> tuple[Any, Any, dict[str, Any]]:
        aio_answer(raw, "GetCampaigns", fixed(200, BODY))
        before = await client.get_campaigns(application_id="app")
        assert enable_fast_responses(raw) is raw
        after = await client.get_campaigns(application_id="app")
        return before, after, await raw.get_campaigns(ApplicationId="app")

    before, after, direct = run_passed_in(call)
    _check_botocore(before)
    _check_fast(after)
    _check_botocore(structure({"CampaignsResponse": direct["CampaignsResponse"]},
                              models.GetCampaignsResponse))


def test_opting_in_one_aiobotocore_client_leaves_the_session_alone() -> None:
    async def main() -> tuple[Any, Any]:
        async with SESSION.create_client("pinpoint", region_name="us-east-1") as opted, \
                SESSION.create_client("pinpoint", region_name="us-east-1") as other:
            enable_fast_responses(opted)
            for raw in (opted, other):
                aio_answer(raw, "GetCampaigns", fixed(200, BODY))
            return (await AsyncPinpointClient.from_client(opted).get_campaigns(
                        application_id="app"),
                    await AsyncPinpointClient.from_client(other).get_campaigns(
                        application_id="app"))

    opted, other = asyncio.run(main())
    _check_fast(opted)
    _check_botocore(other)


@pytest.mark.parametrize("status, error_type, expected", ERROR_CASES)
def test_errors_are_the_same_on_the_async_fast_path_and_botocores(
    status: int, error_type: str, expected: type[errors.PinpointServiceError]
) -> None:
    config = Config(retries={"max_attempts": 1})
    plain = plain_client(config=config)
    answer(plain, "GetCampaign", error_reply(status, error_type))
    with pytest.raises(expected) as sync_info:
        plain.get_campaign(application_id="app", campaign_id="c")

    async def call(client: AsyncPinpointClient) -> BaseException:
        aio_answer(client.aiobotocore_client, "GetCampaign", error_reply(status, error_type))
        with pytest.raises(expected) as info:
            await client.get_campaign(application_id="app", campaign_id="c")
        return info.value

    caught = run_sdk(call, config=config)
    assert isinstance(caught, expected)
    assert str(caught) == str(sync_info.value)
    assert caught.response == sync_info.value.response
    assert caught.request_id == "req-9"
    assert _fastparse._ACTIVE.get() is False


def test_pages_follow_tokens_on_the_async_fast_path() -> None:
    pages = [{"Item": [{**CAMPAIGN, "Id": "c1"}], "NextToken": "t2"},
             {"Item": [{**CAMPAIGN, "Id": "c2"}]}]

    async def call(client: AsyncPinpointClient) -> tuple[list[Any], list[dict[str, Any]]]:
        sent = aio_answer(client.aiobotocore_client, "GetCampaigns",
                          *(fixed(200, page) for page in pages))
        return await collect(client.get_campaigns_pages(application_id="app")), sent

    got, sent = run_sdk(call)
    assert [page.campaigns_response.item[0].id for page in got] == ["c1", "c2"]
    _check_fast(got[0])
    assert len(sent) == 2
