"""The faulty replies of ``tests/core/test_fast_path_faults.py`` on the async client.

`AsyncPinpointClient` reads replies through aiobotocore's endpoint and parser with the
same fast path: each reply becomes the same typed result or the same typed error as on
the sync client, retries happen as often, and a plain aiobotocore client fails where a
plain boto3 client does.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import pytest
from aiobotocore.config import AioConfig
from aiobotocore.endpoint import AioEndpoint
from aiohelpers import SESSION
from botocore import xform_name
from botocore.exceptions import ClientError
from http_faults import Reply, fixed
from http_faults import answer as sync_answer
from test_async_fast_responses import aio_answer
from test_client_operations import call_arguments
from test_fast_path_faults import (
    BROKEN_ERRORS,
    CAMPAIGN,
    ERRORS,
    JSON,
    MARK,
    OPERATIONS,
    PAYLOAD,
    REQUEST_ID,
    SECRET,
    UNREADABLE,
    boto3_client,
    call_boto3,
    call_sdk,
    outcome,
    sdk_client,
)

from pinpoint_sdk import errors, models
from pinpoint_sdk.aio import AsyncPinpointClient
from pinpoint_sdk.converter import unknown_fields, unstructure

T = TypeVar("T")


@pytest.fixture(autouse=True)
def _no_retry_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    # aiobotocore awaits a backoff between attempts; these replies need no wait.
    async def no_wait(self: Any, seconds: float) -> None:
        return None

    monkeypatch.setattr(AioEndpoint, "_sleep", no_wait)


def config(attempts: int) -> AioConfig:
    return AioConfig(retries={"max_attempts": attempts})


async def _outcome(call: Callable[[], Awaitable[T]]) -> T | Exception:
    try:
        return await call()
    except Exception as exc:  # the outcome is what is compared
        return exc


def sdk(operation: str, *replies: Reply, attempts: int = 1,
        call: Callable[[AsyncPinpointClient], Awaitable[Any]] | None = None
        ) -> tuple[Any, int]:
    """(the async typed client's result or error, requests sent) for ``replies``."""

    async def main() -> tuple[Any, int]:
        async with AsyncPinpointClient(region_name="us-east-1", session=SESSION,
                                       config=config(attempts)) as client:
            sent = aio_answer(client.aiobotocore_client, operation, *replies)
            kwargs, _ = call_arguments(operation, full=False)
            method = call or (lambda c: getattr(c, xform_name(operation))(**kwargs))
            return await _outcome(lambda: method(client)), len(sent)

    return asyncio.run(main())


def plain(operation: str, *replies: Reply, attempts: int = 1) -> tuple[Any, int]:
    """(a plain aiobotocore client's result or error, requests sent) for ``replies``."""

    async def main() -> tuple[Any, int]:
        async with SESSION.create_client("pinpoint", region_name="us-east-1",
                                         config=config(attempts)) as raw:
            sent = aio_answer(raw, operation, *replies)
            _, wire = call_arguments(operation, full=False)
            return await _outcome(lambda: getattr(raw, xform_name(operation))(**wire)), \
                len(sent)

    return asyncio.run(main())


def sync(operation: str, *replies: Reply, attempts: int = 1) -> Any:
    """The sync typed client's result or error for ``replies``."""
    client = sdk_client(attempts)
    sync_answer(client, operation, *replies)
    return outcome(lambda: call_sdk(client, operation))


@pytest.mark.parametrize("case", list(UNREADABLE))
@pytest.mark.parametrize("operation", OPERATIONS)
def test_an_unreadable_success_body_raises_the_typed_error(operation: str, case: str) -> None:
    body, headers, says = UNREADABLE[case]
    error, _ = sdk(operation, fixed(200, body, headers))
    assert type(error) is errors.UnreadableResponseError
    assert (error.request_id, error.status_code, error.operation_name) == (
        REQUEST_ID, 200, operation)
    assert says in str(error)
    assert MARK not in str(error)
    assert error.__context__ is None
    assert str(error) == str(sync(operation, fixed(200, body, headers)))
    reference, _ = plain(operation, fixed(200, body, headers))
    if isinstance(reference, Exception):
        assert not isinstance(reference, ClientError)
    else:
        assert reference[PAYLOAD[operation]] == {}


@pytest.mark.parametrize("headers, body", [
    ({**JSON, "Content-Type": "application/json; charset=utf-8"},
     json.dumps(CAMPAIGN).encode()),
    (JSON, b"\xef\xbb\xbf" + json.dumps(CAMPAIGN).encode()),
    ({**JSON, "Content-Type": "application/json; charset=utf-16"},
     json.dumps(CAMPAIGN).encode("utf-16")),
    ({**JSON, "Content-Type": "application/json; charset=iso-8859-1"},
     json.dumps(CAMPAIGN, ensure_ascii=False).encode("latin-1")),
], ids=["charset", "bom", "utf-16", "latin-1"])
def test_declared_charsets_and_a_bom_are_read(headers: dict[str, str], body: bytes) -> None:
    result, _ = sdk("GetCampaign", fixed(200, body, headers))
    assert result == sync("GetCampaign", fixed(200, json.dumps(CAMPAIGN).encode(), JSON))
    assert result.campaign_response.name == "café"
    assert result.request_id == REQUEST_ID


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("body", [b"", b"{}", b"null"], ids=repr)
def test_bodies_without_data_give_what_the_sync_client_gives(operation: str,
                                                             body: bytes) -> None:
    result, _ = sdk(operation, fixed(200, body, JSON))
    assert result == sync(operation, fixed(200, body, JSON))
    assert result.request_id == REQUEST_ID


def test_unknown_keys_and_wrong_types_are_kept() -> None:
    body = {**CAMPAIGN, "New1": {"x": [1]}, "Schedule": [1], "Limits": {"Daily": "x", "N": 1},
            "MessageConfiguration": {"EmailMessage": {"Body": "b", "New3": 3}}}
    result, _ = sdk("GetCampaign", fixed(200, body, JSON))
    campaign = result.campaign_response
    assert unknown_fields(campaign) == {"New1": {"x": [1]}, "Schedule": [1]}
    assert unknown_fields(campaign.limits) == {"Daily": "x", "N": 1}
    assert unknown_fields(campaign.message_configuration.email_message) == {"New3": 3}
    assert unstructure(campaign) == body
    assert result == sync("GetCampaign", fixed(200, body, JSON))
    reference, _ = plain("GetCampaign", fixed(200, body, JSON))
    assert isinstance(reference, Exception) and not isinstance(reference, ClientError)


def test_huge_numbers_and_duplicate_keys() -> None:
    body = b'{"Id": "a", "Id": "c2", "SegmentVersion": 1' + b"0" * 40 + b', "HoldoutPercent": 1e400}'
    result, _ = sdk("GetCampaign", fixed(200, body, JSON))
    campaign = result.campaign_response
    assert (campaign.id, campaign.segment_version) == ("c2", 10 ** 40)
    assert unknown_fields(campaign) == {"HoldoutPercent": float("inf")}
    reference, _ = plain("GetCampaign", fixed(200, body, JSON))
    assert isinstance(reference, OverflowError)


@pytest.mark.parametrize("case", list(ERRORS))
@pytest.mark.parametrize("operation", ["GetCampaign", "PutEvents"])
def test_error_replies_are_typed_like_aiobotocores(operation: str, case: str) -> None:
    status, body, headers, cls, code, request_id = ERRORS[case]
    error, _ = sdk(operation, fixed(status, body, headers))
    assert type(error) is cls
    assert (error.code, error.status_code, error.request_id) == (code, status, request_id)
    reference, _ = plain(operation, fixed(status, body, headers))
    assert isinstance(reference, ClientError)
    assert error.response["Error"] == reference.response["Error"]
    assert str(error) == str(sync(operation, fixed(status, body, headers)))


@pytest.mark.parametrize("case", list(BROKEN_ERRORS))
@pytest.mark.parametrize("status, cls", [(400, errors.BadRequestError),
                                         (500, errors.InternalServerError)])
def test_error_bodies_aiobotocore_cannot_read_still_give_the_typed_error(
    status: int, cls: type[Exception], case: str
) -> None:
    body, botocore_raises, says = BROKEN_ERRORS[case]
    error, _ = sdk("GetCampaign", fixed(status, body, JSON))
    assert type(error) is cls
    assert (error.status_code, error.request_id) == (status, REQUEST_ID)
    assert says in error.message
    reference, _ = plain("GetCampaign", fixed(status, body, JSON))
    assert type(reference) is botocore_raises


def test_a_secret_echoed_in_an_error_message_is_masked() -> None:
    page = f'<html><pre>{{"ApiKey": "{SECRET}"}}</pre></html>'.encode()

    def call(client: AsyncPinpointClient) -> Awaitable[Any]:
        return client.update_gcm_channel(
            application_id="app", gcm_channel_request=models.GCMChannelRequest(api_key=SECRET))

    error, _ = sdk("UpdateGcmChannel", fixed(403, page, {"Content-Type": "text/html"}),
                   call=call)
    assert type(error) is errors.ForbiddenError
    assert '"ApiKey": "***"' in str(error)
    assert SECRET not in str(error) and SECRET not in str(error.__cause__)


@pytest.mark.parametrize("status, code, cls", [
    (429, "TooManyRequestsException", errors.TooManyRequestsError),
    (503, "ServiceUnavailable", errors.InternalServerError),
    (502, None, errors.InternalServerError),
])
def test_throttling_and_server_errors_are_retried_then_typed(
    status: int, code: str | None, cls: type[Exception]
) -> None:
    headers = {**JSON, "x-amzn-ErrorType": code} if code else {"x-amzn-RequestId": "gw-2"}
    body: Any = {"Message": "slow down"} if code else b"<html>Bad Gateway</html>"
    error, sent = sdk("PutEvents", fixed(status, body, headers), attempts=3)
    assert type(error) is cls
    assert error.retryable
    assert sent == 4
    reference, plain_sent = plain("PutEvents", fixed(status, body, headers), attempts=3)
    assert plain_sent == 4
    assert error.response == reference.response


@pytest.mark.parametrize("status, body", [(503, b"null"), (500, b"[1]")])
def test_unreadable_error_bodies_are_still_retried(status: int, body: bytes) -> None:
    apps = {"Item": [{"Id": "a1", "Arn": "arn", "Name": "n"}]}
    result, sent = sdk("GetApps", fixed(status, body, JSON), fixed(200, apps, JSON),
                       attempts=3)
    assert [app.id for app in result.applications_response.item] == ["a1"]
    assert sent == 2
    assert result.response_metadata["RetryAttempts"] == 1


def test_a_plain_boto3_client_agrees_with_the_plain_aiobotocore_client() -> None:
    # The references above are aiobotocore's; they are the sync tests' references too.
    body = b"[1]"
    reference, _ = plain("GetCampaign", fixed(200, body, JSON))
    client = boto3_client()
    sync_answer(client, "GetCampaign", fixed(200, body, JSON))
    sync_reference = outcome(lambda: call_boto3(client, "GetCampaign"))
    assert type(reference) is type(sync_reference) is AttributeError


def test_a_listing_stops_with_the_error_at_an_unreadable_page_rather_than_ending_early() -> None:
    first = {"Item": [{**CAMPAIGN, "Id": "c1"}], "NextToken": "t2"}
    seen: list[str] = []

    async def call(client: AsyncPinpointClient) -> Any:
        async for page in client.get_campaigns_pages(application_id="app"):
            seen.append(page.campaigns_response.item[0].id)

    error, sent = sdk("GetCampaigns", fixed(200, first, JSON),
                      fixed(200, b'{"Item": [{"Id": "c2"}], "NextTok', JSON), call=call)
    assert type(error) is errors.UnreadableResponseError
    assert (seen, sent) == (["c1"], 2)
