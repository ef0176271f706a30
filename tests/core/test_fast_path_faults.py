"""Faulty replies on the fast response path, next to what a plain boto3 client makes of them.

Every reply a `PinpointClient` receives becomes the typed result holding everything its body
held, or a typed `pinpoint_sdk.errors.PinpointServiceError` carrying the request id; never a
result missing the body's data, never a bare ``AttributeError``, ``UnicodeDecodeError`` or
``RecursionError`` from reading the body, and never a secret quoted in an error message.
Each case is also sent to a boto3 client nobody opted in, to pin where botocore's parse
differs (it returns an empty result for a body it cannot read, or fails with a bare
exception). The async client runs the same cases in ``tests/aio``.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from typing import Any

import boto3
import botocore.endpoint
import pytest
from botocore import xform_name
from botocore.config import Config
from botocore.exceptions import ClientError
from http_faults import answer, fixed
from test_client_operations import call_arguments

from pinpoint_sdk import PinpointClient, errors, models
from pinpoint_sdk.converter import unknown_fields, unstructure

SESSION = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing",
                                region_name="us-east-1")

# A spread of outputs: one resource, an endpoint (maps of doubles), a listing, the two
# batch writers' per-item results, a delete; every Pinpoint output has one structure payload.
OPERATIONS = ["GetCampaign", "GetEndpoint", "GetApps", "PutEvents", "SendMessages", "DeleteApp"]
PAYLOAD = {
    "GetCampaign": "CampaignResponse",
    "GetEndpoint": "EndpointResponse",
    "GetApps": "ApplicationsResponse",
    "PutEvents": "EventsResponse",
    "SendMessages": "MessageResponse",
    "DeleteApp": "ApplicationResponse",
}
REQUEST_ID = "req-7"
JSON = {"Content-Type": "application/json", "x-amzn-RequestId": REQUEST_ID}
MARK = "Sensitive-Marker-9"  # body text no error message may quote
SECRET = "s3cr3t-api-key"


def sdk_client(attempts: int = 1) -> PinpointClient:
    """A `PinpointClient` that creates its boto3 client: the fast path."""
    return PinpointClient(session=SESSION, region_name="us-east-1",
                          config=Config(retries={"max_attempts": attempts}))


def boto3_client(attempts: int = 1) -> Any:
    """A boto3 client nobody opted in: botocore's parser alone."""
    return SESSION.client("pinpoint", config=Config(retries={"max_attempts": attempts}))


def call_sdk(client: Any, operation: str) -> Any:
    kwargs, _ = call_arguments(operation, full=False)
    return getattr(client, xform_name(operation))(**kwargs)


def call_boto3(client: Any, operation: str) -> Any:
    _, wire = call_arguments(operation, full=False)
    return getattr(client, xform_name(operation))(**wire)


def outcome(call: Callable[[], Any]) -> Any:
    """What ``call`` returned, or the exception it raised."""
    try:
        return call()
    except Exception as exc:  # the outcome is what is compared
        return exc


@pytest.fixture(autouse=True)
def _no_retry_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    # botocore backs off with time.sleep between attempts; these replies need no wait.
    monkeypatch.setattr(botocore.endpoint.time, "sleep", lambda _seconds: None)


# -- 2xx replies whose body is not the operation's JSON object -----------------------------------

UNREADABLE: dict[str, tuple[bytes, dict[str, str], str]] = {
    # case: (body, headers, what the message says)
    "truncated": (b'{"Id": "' + MARK.encode() + b'", "Name": "b', JSON, "is not JSON"),
    "html": (f"<html><body>{MARK}</body></html>".encode(),
             {"Content-Type": "text/html", "x-amzn-RequestId": REQUEST_ID}, "'text/html'"),
    "array": (f'[{{"Id": "{MARK}"}}]'.encode(), JSON, "is a JSON array"),
    "string": (json.dumps(MARK).encode(), JSON, "is a JSON string"),
    "number": (b"42", JSON, "is a JSON number"),
    "boolean": (b"true", JSON, "is a JSON boolean"),
    "not utf-8": (f'{{"Id": "{MARK}\xe9"}}'.encode("latin-1"), JSON, "is not UTF-8 text"),
    "gzip": (gzip.compress(json.dumps({"Id": MARK}).encode()),
             {**JSON, "Content-Encoding": "gzip"}, "Content-Encoding 'gzip'"),
    "deep nesting": (b"[" * 100_000 + b"]" * 100_000, JSON, "too deeply"),
    "integer too long": (b'{"Id": "a", "Version": ' + b"9" * 5000 + b"}", JSON,
                         "is not readable JSON"),
}


@pytest.mark.parametrize("case", list(UNREADABLE))
@pytest.mark.parametrize("operation", OPERATIONS)
def test_an_unreadable_success_body_raises_a_typed_error(operation: str, case: str) -> None:
    body, headers, says = UNREADABLE[case]
    client = sdk_client()
    answer(client, operation, fixed(200, body, headers))
    with pytest.raises(errors.UnreadableResponseError) as info:
        call_sdk(client, operation)
    error = info.value
    assert isinstance(error, ClientError)
    assert (error.request_id, error.status_code, error.operation_name) == (
        REQUEST_ID, 200, operation)
    assert error.code == "UnreadableResponse"
    assert not error.retryable
    assert says in str(error)
    assert MARK not in str(error)
    # Nothing in the chain holds the body (a JSONDecodeError keeps the whole document).
    assert error.__context__ is None
    assert error.__cause__ is None
    # botocore's parse loses the body: an empty result, or a bare exception.
    plain = boto3_client()
    answer(plain, operation, fixed(200, body, headers))
    reference = outcome(lambda: call_boto3(plain, operation))
    if isinstance(reference, Exception):
        assert not isinstance(reference, ClientError)
    else:
        assert reference[PAYLOAD[operation]] == {}


# -- 2xx replies the fast path reads (at least as well as botocore) ------------------------------

CAMPAIGN = {"Id": "c1", "ApplicationId": "app", "Arn": "arn", "Name": "café"}


def _same_as_boto3(operation: str, body: bytes, headers: dict[str, str],
                   reference_body: bytes | None = None) -> Any:
    """The SDK's result for ``body``; asserts it is what boto3 parses from
    ``reference_body`` (``body`` itself when omitted), structured."""
    client = sdk_client()
    answer(client, operation, fixed(200, body, headers))
    result = call_sdk(client, operation)
    plain = PinpointClient(boto3_client())
    answer(plain, operation, fixed(200, reference_body or body, JSON))
    reference = call_sdk(plain, operation)
    assert result == reference
    assert result.request_id == REQUEST_ID
    return result


@pytest.mark.parametrize("headers, body", [
    ({**JSON, "Content-Type": "application/json; charset=utf-8"},
     json.dumps(CAMPAIGN).encode()),
    ({**JSON, "Content-Type": "application/json;charset=UTF-8"},
     json.dumps(CAMPAIGN, ensure_ascii=False).encode()),
    (JSON, b"\xef\xbb\xbf" + json.dumps(CAMPAIGN).encode()),  # a UTF-8 byte order mark
    ({**JSON, "Content-Type": "application/json; charset=utf-16"},
     json.dumps(CAMPAIGN).encode("utf-16")),
    ({**JSON, "Content-Type": 'application/json; charset="ISO-8859-1"'},
     json.dumps(CAMPAIGN, ensure_ascii=False).encode("latin-1")),
    ({**JSON, "Content-Encoding": "identity"}, json.dumps(CAMPAIGN).encode()),
    ({**JSON, "Content-Type": "application/json; charset=no-such-codec"},
     json.dumps(CAMPAIGN).encode()),
], ids=["charset", "raw utf-8", "bom", "utf-16", "latin-1", "identity", "unknown charset"])
def test_declared_charsets_and_a_bom_are_read(headers: dict[str, str], body: bytes) -> None:
    result = _same_as_boto3("GetCampaign", body, headers, json.dumps(CAMPAIGN).encode())
    assert result.campaign_response.name == "café"


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("body", [b"", b"  \n", b"{}", b"null"], ids=repr)
def test_bodies_without_data_give_what_botocore_gives(operation: str, body: bytes) -> None:
    result = _same_as_boto3(operation, body, JSON)
    payload = getattr(result, xform_name(PAYLOAD[operation]))
    assert payload is None if body == b"null" else payload is not None


def test_unknown_keys_are_kept_at_every_level() -> None:
    body = {
        "Item": [{**CAMPAIGN, "New1": 1,
                  "Schedule": {"StartTime": "2026-01-01T00:00:00Z", "New2": [1, {"x": None}]},
                  "MessageConfiguration": {"EmailMessage": {"Body": "b", "New3": {"y": 2}}},
                  "tags": {"t": "v"}}],
        "NextToken": "n",
        "New0": "top",
    }
    client = sdk_client()
    answer(client, "GetCampaigns", fixed(200, body, JSON))
    page = client.get_campaigns(application_id="app").campaigns_response
    campaign = page.item[0]
    assert unknown_fields(page) == {"New0": "top"}
    assert unknown_fields(campaign) == {"New1": 1}
    assert unknown_fields(campaign.schedule) == {"New2": [1, {"x": None}]}
    assert unknown_fields(campaign.message_configuration.email_message) == {"New3": {"y": 2}}
    assert (campaign.tags, campaign.schedule.start_time, page.next_token) == (
        {"t": "v"}, "2026-01-01T00:00:00Z", "n")
    # Nothing is lost: the model writes back every key it was read from.
    assert unstructure(page) == body


def test_values_of_the_wrong_type_deep_inside_are_kept_not_raised() -> None:
    body = {**CAMPAIGN, "Schedule": [1, 2], "Limits": "none",
            "MessageConfiguration": {"EmailMessage": 5, "SMSMessage": {"Body": ["x"]}},
            "HoldoutPercent": {"deep": [[["x"]]]}, "TreatmentName": 7}
    client = sdk_client()
    answer(client, "GetCampaign", fixed(200, body, JSON))
    campaign = client.get_campaign(application_id="app", campaign_id="c1").campaign_response
    assert (campaign.id, campaign.schedule, campaign.limits, campaign.treatment_name) == (
        "c1", None, None, None)
    assert unknown_fields(campaign) == {"Schedule": [1, 2], "Limits": "none",
                                        "HoldoutPercent": {"deep": [[["x"]]]},
                                        "TreatmentName": 7}
    message = campaign.message_configuration
    assert unknown_fields(message) == {"EmailMessage": 5}
    assert unknown_fields(message.sms_message) == {"Body": ["x"]}
    assert unstructure(campaign) == body
    # botocore's parser fails on the same body with a bare exception.
    plain = boto3_client()
    answer(plain, "GetCampaign", fixed(200, body, JSON))
    reference = outcome(lambda: plain.get_campaign(ApplicationId="app", CampaignId="c1"))
    assert isinstance(reference, Exception) and not isinstance(reference, ClientError)


def test_huge_numbers_and_duplicate_keys() -> None:
    big = 123456789012345678901234567890
    body = (b'{"Id": "c1", "Id": "c2", "SegmentVersion": ' + str(big).encode()
            + b', "HoldoutPercent": 1e400, "Version": -0}')
    client = sdk_client()
    answer(client, "GetCampaign", fixed(200, body, JSON))
    campaign = client.get_campaign(application_id="app", campaign_id="c1").campaign_response
    # The last duplicate wins, as with botocore; integers keep every digit.
    assert (campaign.id, campaign.segment_version, campaign.version) == ("c2", big, 0)
    # 1e400 is no integer: kept aside (as infinity), where botocore fails with OverflowError.
    assert campaign.holdout_percent is None
    assert unknown_fields(campaign) == {"HoldoutPercent": float("inf")}
    plain = boto3_client()
    answer(plain, "GetCampaign", fixed(200, body, JSON))
    reference = outcome(lambda: plain.get_campaign(ApplicationId="app", CampaignId="c1"))
    assert isinstance(reference, OverflowError)


@pytest.mark.parametrize("value", [-1e20, 1e400, float("nan"), 10 ** 30, "not a time",
                                   "99999-99-99T99:99:99Z"], ids=repr)
def test_timestamps_beyond_datetime_are_kept_not_raised(value: Any) -> None:
    body = json.dumps({"Id": "j", "Schedule": {"StartTime": value}}).encode()
    client = sdk_client()
    answer(client, "GetJourney", fixed(200, body, JSON))
    journey = client.get_journey(application_id="app", journey_id="j").journey_response
    assert journey.schedule.start_time is None
    kept = unknown_fields(journey.schedule)["StartTime"]
    assert kept == value or (kept != kept and value != value)  # NaN is kept as NaN
    plain = boto3_client()
    answer(plain, "GetJourney", fixed(200, body, JSON))
    reference = outcome(lambda: plain.get_journey(ApplicationId="app", JourneyId="j"))
    assert isinstance(reference, Exception) and not isinstance(reference, ClientError)


def test_infinite_doubles_are_floats_as_in_botocore() -> None:
    body = b'{"Id": "e1", "Metrics": {"big": 1e400, "small": -1e400, "n": 2}}'
    result = _same_as_boto3("GetEndpoint", body, JSON)
    assert result.endpoint_response.metrics == {"big": float("inf"), "small": float("-inf"),
                                                "n": 2.0}


def test_an_integer_beyond_a_float_is_kept_not_raised() -> None:
    huge = 10 ** 400
    body = b'{"Id": "e1", "Metrics": {"huge": ' + str(huge).encode() + b', "n": 2}}'
    client = sdk_client()
    answer(client, "GetEndpoint", fixed(200, body, JSON))
    endpoint = client.get_endpoint(application_id="app", endpoint_id="e1").endpoint_response
    assert endpoint.metrics == {"huge": huge, "n": 2.0}
    plain = boto3_client()
    answer(plain, "GetEndpoint", fixed(200, body, JSON))
    reference = outcome(lambda: plain.get_endpoint(ApplicationId="app", EndpointId="e1"))
    assert isinstance(reference, OverflowError)


def test_deep_nesting_the_parser_can_read_is_kept() -> None:
    depth = 500
    body = b'{"Id": "c1", "Deep": ' + b"[" * depth + b"]" * depth + b"}"
    client = sdk_client()
    answer(client, "GetCampaign", fixed(200, body, JSON))
    campaign = client.get_campaign(application_id="app", campaign_id="c1").campaign_response
    value, levels = unknown_fields(campaign)["Deep"], 0
    while value:
        value, levels = value[0], levels + 1
    assert (campaign.id, levels) == ("c1", depth - 1)


def test_a_reply_to_an_operation_without_output_is_ignored_on_success() -> None:
    client = sdk_client()
    answer(client, "TagResource", fixed(204, b"[not json", JSON))
    assert client.tag_resource(resource_arn="arn", tags_model=models.TagsModel(tags={"k": "v"})) is None


# -- error replies -------------------------------------------------------------------------------

ERRORS: dict[str, tuple[int, bytes | dict[str, Any], dict[str, str], type[Exception], str,
                        str | None]] = {
    # case: (status, body, headers, class, code, request id)
    "Message and RequestID": (
        400, {"Message": "bad", "RequestID": "body-id"},
        {**JSON, "x-amzn-ErrorType": "BadRequestException"},
        errors.BadRequestError, "BadRequestException", REQUEST_ID),
    "__type": (404, {"__type": "NotFoundException", "message": "gone"}, JSON,
               errors.NotFoundError, "NotFoundException", REQUEST_ID),
    "namespaced __type": (
        404, {"__type": "com.amazonaws.pinpoint#NotFoundException", "Message": "gone"}, JSON,
        errors.NotFoundError, "NotFoundException", REQUEST_ID),
    "header with a URL": (
        403, {"Message": "no"},
        {**JSON, "x-amzn-ErrorType": "ForbiddenException:http://internal.amazon.com/"},
        errors.ForbiddenError, "ForbiddenException", REQUEST_ID),
    "status only": (409, {"message": "busy"}, JSON, errors.ConflictError, "409", REQUEST_ID),
    "request id in the body only": (
        400, {"Message": "bad", "RequestID": "body-id"}, {"Content-Type": "application/json"},
        errors.BadRequestError, "400", "body-id"),
    "modeled, request id in the body only": (
        404, {"__type": "NotFoundException", "Message": "gone", "RequestID": "body-id"},
        {"Content-Type": "application/json"}, errors.NotFoundError, "NotFoundException",
        "body-id"),
    "gateway html": (502, b"<html><body>Bad Gateway</body></html>",
                     {"Content-Type": "text/html", "x-amzn-RequestId": "gw-1"},
                     errors.InternalServerError, "502", "gw-1"),
    "empty 500": (500, b"", {"x-amzn-RequestId": "e-1"}, errors.InternalServerError, "500",
                  "e-1"),
    "empty 403, no headers": (403, b"", {}, errors.ForbiddenError, "403", None),
    "truncated json": (400, b'{"Message": "ba', JSON, errors.BadRequestError, "400",
                       REQUEST_ID),
    "html 400": (400, b"<html>denied</html>", {"Content-Type": "text/html"},
                 errors.BadRequestError, "400", None),
    "throttled by the front door": (
        400, {"message": "Rate exceeded"}, {**JSON, "x-amzn-ErrorType": "ThrottlingException"},
        errors.TooManyRequestsError, "ThrottlingException", REQUEST_ID),
}


@pytest.mark.parametrize("case", list(ERRORS))
@pytest.mark.parametrize("operation", ["GetCampaign", "GetApps", "PutEvents", "DeleteApp"])
def test_error_replies_are_typed_like_botocores(operation: str, case: str) -> None:
    status, body, headers, cls, code, request_id = ERRORS[case]
    client = sdk_client()
    answer(client, operation, fixed(status, body, headers))
    error = outcome(lambda: call_sdk(client, operation))
    assert type(error) is cls
    assert (error.code, error.status_code, error.request_id) == (code, status, request_id)
    plain = boto3_client()
    answer(plain, operation, fixed(status, body, headers))
    reference = outcome(lambda: call_boto3(plain, operation))
    assert isinstance(reference, ClientError)
    assert error.response["Error"] == reference.response["Error"]
    assert error.__cause__.response["Error"] == reference.response["Error"]


# Error bodies botocore's error parser fails on with a bare exception.
BROKEN_ERRORS: dict[str, tuple[bytes, type[Exception], str]] = {
    # case: (body, what botocore raises, what the message says)
    "array": (b'[{"Message": "x"}]', AttributeError, "is a JSON array, not a JSON object"),
    "string": (b'"oops"', AttributeError, "is a JSON string"),
    "null": (b"null", AttributeError, "is JSON null"),
    "not utf-8": ('{"Message": "\xe9"}'.encode("latin-1"), UnicodeDecodeError,
                  "is not UTF-8 text"),
    "deep nesting": (b"[" * 100_000 + b"]" * 100_000, RecursionError, "too deeply"),
    "number as __type": (b'{"__type": 5, "Message": "kept"}', TypeError, "kept"),
}


@pytest.mark.parametrize("case", list(BROKEN_ERRORS))
@pytest.mark.parametrize("status, cls", [(400, errors.BadRequestError),
                                         (404, errors.NotFoundError),
                                         (500, errors.InternalServerError)])
def test_error_bodies_botocore_cannot_read_still_give_the_typed_error(
    status: int, cls: type[Exception], case: str
) -> None:
    body, botocore_raises, says = BROKEN_ERRORS[case]
    client = sdk_client()
    answer(client, "GetCampaign", fixed(status, body, JSON))
    error = outcome(lambda: client.get_campaign(application_id="app", campaign_id="c"))
    assert type(error) is cls
    assert (error.code, error.status_code, error.request_id) == (str(status), status,
                                                                 REQUEST_ID)
    assert says in error.message
    plain = boto3_client()
    answer(plain, "GetCampaign", fixed(status, body, JSON))
    reference = outcome(lambda: plain.get_campaign(ApplicationId="app", CampaignId="c"))
    assert type(reference) is botocore_raises


def test_an_operation_without_output_gets_the_typed_error_too() -> None:
    client = sdk_client()
    answer(client, "TagResource", fixed(404, b'["gone"]', JSON))
    error = outcome(lambda: client.tag_resource(
        resource_arn="arn", tags_model=models.TagsModel(tags={"k": "v"})))
    assert type(error) is errors.NotFoundError
    assert error.request_id == REQUEST_ID


def test_the_error_type_header_names_the_class_whatever_the_body() -> None:
    client = sdk_client()
    headers = {**JSON, "x-amzn-ErrorType": "NotFoundException"}
    answer(client, "GetCampaign", fixed(400, b"[1]", headers))
    error = outcome(lambda: client.get_campaign(application_id="app", campaign_id="c"))
    assert type(error) is errors.NotFoundError
    assert error.code == "NotFoundException"


@pytest.mark.parametrize("status, body, headers", [
    (400, json.dumps({"Message": json.dumps({"ApiKey": SECRET, "Enabled": True})}).encode(),
     JSON),
    (403, f'<html><pre>{{"ApiKey": "{SECRET}"}}</pre></html>'.encode(),
     {"Content-Type": "text/html"}),
    (400, f'{{"PrivateKey": "{SECRET}", "Message": '.encode(), JSON),
    (400, json.dumps({"Message": {"ApiKey": SECRET}}).encode(), JSON),
], ids=["json message", "html page", "truncated json", "message not text"])
def test_a_secret_echoed_in_an_error_message_is_masked(
    status: int, body: bytes, headers: dict[str, str]
) -> None:
    client = sdk_client()
    answer(client, "UpdateGcmChannel", fixed(status, body, headers))
    error = outcome(lambda: client.update_gcm_channel(
        application_id="app", gcm_channel_request=models.GCMChannelRequest(api_key=SECRET)))
    assert isinstance(error, errors.PinpointServiceError)
    assert "***" in str(error)
    chain: BaseException | None = error
    while chain is not None:
        assert SECRET not in str(chain)
        assert SECRET not in repr(getattr(chain, "response", ""))
        chain = chain.__cause__ or chain.__context__


# -- throttling and 5xx: retried, then typed -----------------------------------------------------

@pytest.mark.parametrize("status, code, cls", [
    (429, "TooManyRequestsException", errors.TooManyRequestsError),
    (400, "ThrottlingException", errors.TooManyRequestsError),
    (503, "ServiceUnavailable", errors.InternalServerError),
    (500, "InternalServerErrorException", errors.InternalServerError),
    (502, None, errors.InternalServerError),
])
@pytest.mark.parametrize("operation", ["GetCampaign", "PutEvents"])
def test_throttling_and_server_errors_are_retried_then_typed(
    operation: str, status: int, code: str | None, cls: type[Exception]
) -> None:
    headers = {**JSON, "x-amzn-ErrorType": code} if code else {"x-amzn-RequestId": "gw-2"}
    body: Any = {"Message": "slow down"} if code else b"<html>Bad Gateway</html>"
    client = sdk_client(attempts=3)
    sent = answer(client, operation, fixed(status, body, headers))
    error = outcome(lambda: call_sdk(client, operation))
    assert type(error) is cls
    assert error.retryable
    assert error.request_id == (REQUEST_ID if code else "gw-2")
    assert len(sent) == 4  # botocore's max_attempts counts the retries
    plain = boto3_client(attempts=3)
    plain_sent = answer(plain, operation, fixed(status, body, headers))
    reference = outcome(lambda: call_boto3(plain, operation))
    assert len(plain_sent) == 4
    assert error.response == reference.response


@pytest.mark.parametrize("status, body, headers", [
    (429, b"[]", {**JSON, "x-amzn-ErrorType": "TooManyRequestsException"}),
    (503, b"null", JSON),
    (500, b'"down"', JSON),
    (502, '{"Message": "\xe9"}'.encode("latin-1"), JSON),
])
def test_unreadable_error_bodies_are_still_retried(
    status: int, body: bytes, headers: dict[str, str]
) -> None:
    client = sdk_client(attempts=3)
    sent = answer(client, "GetApps", fixed(status, body, headers),
                  fixed(200, {"Item": [{"Id": "a1", "Arn": "arn", "Name": "n"}]}, JSON))
    page = client.get_apps()
    assert [app.id for app in page.applications_response.item] == ["a1"]
    assert len(sent) == 2
    assert page.response_metadata["RetryAttempts"] == 1


def test_a_throttled_attempt_then_success_gives_the_full_result() -> None:
    client = sdk_client(attempts=3)
    body = {"Item": [{**CAMPAIGN, "New": 1}]}
    sent = answer(client, "GetCampaigns",
                  fixed(429, {"Message": "slow"},
                        {**JSON, "x-amzn-ErrorType": "TooManyRequestsException"}),
                  fixed(200, body, JSON))
    page = client.get_campaigns(application_id="app").campaigns_response
    assert len(sent) == 2
    assert unstructure(page) == body


def test_a_listing_stops_with_the_error_at_an_unreadable_page_rather_than_ending_early() -> None:
    client = sdk_client()
    first = {"Item": [{**CAMPAIGN, "Id": "c1"}], "NextToken": "t2"}
    answer(client, "GetCampaigns", fixed(200, first, JSON),
           fixed(200, b'{"Item": [{"Id": "c2"}], "NextTok', JSON))
    pages = client.get_campaigns_pages(application_id="app")
    assert next(pages).campaigns_response.item[0].id == "c1"
    with pytest.raises(errors.UnreadableResponseError):
        next(pages)
