"""Service errors map onto pinpoint_sdk.errors; bad input is rejected before sending."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.loaders import Loader
from botocore.stub import Stubber
from corehelpers import exception_names, shape
from http_faults import answer, fixed

from pinpoint_sdk import PinpointClient, _schema, errors, models

EXPECTED_CLASSES = {
    "BadRequestException": errors.BadRequestError,
    "ConflictException": errors.ConflictError,
    "ForbiddenException": errors.ForbiddenError,
    "InternalServerErrorException": errors.InternalServerError,
    "MethodNotAllowedException": errors.MethodNotAllowedError,
    "NotFoundException": errors.NotFoundError,
    "PayloadTooLargeException": errors.PayloadTooLargeError,
    "TooManyRequestsException": errors.TooManyRequestsError,
}
STATUS = {name: shape(name).metadata["error"]["httpStatusCode"] for name in exception_names()}


def _fail(stubber: Stubber, code: str, status: int, request_id: str = "req-123") -> None:
    stubber.add_client_error(
        "get_app",
        service_error_code=code,
        service_message=f"{code} happened",
        http_status_code=status,
        response_meta={"RequestId": request_id},
        expected_params={"ApplicationId": "app"},
    )


def test_modeled_errors_match_botocore_model() -> None:
    assert sorted(EXPECTED_CLASSES) == sorted(exception_names())
    assert STATUS == _schema.ERRORS


@pytest.mark.parametrize("code", sorted(EXPECTED_CLASSES))
def test_modeled_error_code_maps_to_its_class(
    code: str, stubbed: tuple[PinpointClient, Stubber]
) -> None:
    client, stubber = stubbed
    _fail(stubber, code, STATUS[code])
    with pytest.raises(errors.PinpointError) as info:
        client.get_app(application_id="app")
    error = info.value
    assert type(error) is EXPECTED_CLASSES[code]
    assert isinstance(error, ClientError)
    assert isinstance(error, errors.PinpointServiceError)
    assert error.code == code
    assert error.message == f"{code} happened"
    assert error.status_code == STATUS[code]
    assert error.request_id == "req-123"
    assert error.operation_name == "GetApp"
    assert error.retryable is (STATUS[code] in (429, 500))


def test_not_found_is_not_retryable(stubbed: tuple[PinpointClient, Stubber]) -> None:
    client, stubber = stubbed
    _fail(stubber, "NotFoundException", 404)
    with pytest.raises(errors.NotFoundError) as info:
        client.get_app(application_id="app")
    assert info.value.retryable is False


def test_except_client_error_still_catches(stubbed: tuple[PinpointClient, Stubber]) -> None:
    client, stubber = stubbed
    _fail(stubber, "ConflictException", 409)
    try:
        client.get_app(application_id="app")
    except ClientError as exc:
        assert exc.response["Error"]["Code"] == "ConflictException"
    else:
        pytest.fail("no error raised")


def test_service_error_chains_the_botocore_error(stubbed: tuple[PinpointClient, Stubber]) -> None:
    client, stubber = stubbed
    _fail(stubber, "BadRequestException", 400)
    with pytest.raises(errors.BadRequestError) as info:
        client.get_app(application_id="app")
    assert isinstance(info.value.__cause__, ClientError)
    assert "req-123" in str(info.value)


@pytest.mark.parametrize(
    ("code", "status", "expected"),
    [
        ("AccessDeniedException", 403, errors.ForbiddenError),
        ("UnrecognizedClientException", 400, errors.BadRequestError),
        ("ResourceGone", 404, errors.NotFoundError),
        ("ServiceUnavailable", 503, errors.InternalServerError),
        ("ThrottlingException", 400, errors.TooManyRequestsError),
        ("RequestEntityTooLarge", 413, errors.PayloadTooLargeError),
        ("Teapot", 418, errors.PinpointServiceError),
    ],
)
def test_unmodeled_error_codes_map_by_status(
    code: str, status: int, expected: type, stubbed: tuple[PinpointClient, Stubber]
) -> None:
    client, stubber = stubbed
    _fail(stubber, code, status)
    with pytest.raises(errors.PinpointServiceError) as info:
        client.get_app(application_id="app")
    assert type(info.value) is expected
    assert info.value.code == code
    assert isinstance(info.value, ClientError)


def test_unmodeled_server_fault_is_retryable(stubbed: tuple[PinpointClient, Stubber]) -> None:
    client, stubber = stubbed
    _fail(stubber, "ServiceUnavailable", 503)
    with pytest.raises(errors.PinpointServiceError) as info:
        client.get_app(application_id="app")
    assert info.value.retryable is True


def test_from_client_error_without_metadata_falls_back_to_base() -> None:
    raw = ClientError({"Error": {"Code": "Weird", "Message": "m"}}, "GetApp")
    error = errors.from_client_error(raw)
    assert type(error) is errors.PinpointServiceError
    assert error.status_code is None and error.request_id is None
    assert error.retryable is False


# --------------------------------------------------------------- validation before sending
# The stubber has no queued responses: had anything been sent, botocore would raise
# UnStubbedResponseError instead of the ValidationError the tests expect.


def test_validation_error_is_value_error_and_pinpoint_error() -> None:
    assert issubclass(errors.ValidationError, ValueError)
    assert issubclass(errors.ValidationError, errors.PinpointError)


def test_wrong_type_of_top_level_member_names_the_argument(
    stubbed: tuple[PinpointClient, Stubber],
) -> None:
    client, _ = stubbed
    with pytest.raises(errors.ValidationError) as info:
        client.get_app(application_id=123)  # type: ignore[arg-type]
    assert info.value.path == "application_id"
    assert "application_id" in str(info.value)


def test_wrong_type_of_nested_member_names_the_snake_case_path(
    stubbed: tuple[PinpointClient, Stubber],
) -> None:
    client, _ = stubbed
    request = models.WriteCampaignRequest(segment_id="s", segment_version="1")  # type: ignore[arg-type]
    with pytest.raises(errors.ValidationError) as info:
        client.create_campaign(application_id="app", write_campaign_request=request)
    assert info.value.path == "write_campaign_request.segment_version"
    assert str(info.value).startswith("write_campaign_request.segment_version:")


def test_missing_required_nested_member_names_its_path(
    stubbed: tuple[PinpointClient, Stubber],
) -> None:
    client, _ = stubbed
    request = models.WriteCampaignRequest(segment_id="s", schedule=models.Schedule())
    with pytest.raises(errors.ValidationError) as info:
        client.create_campaign(application_id="app", write_campaign_request=request)
    assert info.value.path == "write_campaign_request.schedule.start_time"
    assert "is required" in str(info.value)


def test_wrong_type_inside_a_list_names_the_index(stubbed: tuple[PinpointClient, Stubber]) -> None:
    client, _ = stubbed
    batch = models.EndpointBatchRequest(
        item=[models.EndpointBatchItem(address="a"), models.EndpointBatchItem(address=5)]  # type: ignore[arg-type]
    )
    with pytest.raises(errors.ValidationError) as info:
        client.update_endpoints_batch(application_id="app", endpoint_batch_request=batch)
    assert info.value.path == "endpoint_batch_request.item[1].address"


def test_wrong_type_inside_a_map_names_the_key(stubbed: tuple[PinpointClient, Stubber]) -> None:
    client, _ = stubbed
    journey = models.WriteJourneyRequest(
        name="j", activities={"welcome": models.Activity(description=3)}  # type: ignore[arg-type]
    )
    with pytest.raises(errors.ValidationError) as info:
        client.create_journey(application_id="app", write_journey_request=journey)
    assert info.value.path == "write_journey_request.activities['welcome'].description"


def test_wrong_model_class_is_rejected(stubbed: tuple[PinpointClient, Stubber]) -> None:
    client, _ = stubbed
    wrong = models.WriteJourneyRequest(name="j")
    with pytest.raises(errors.ValidationError) as info:
        client.create_campaign(application_id="app", write_campaign_request=wrong)  # type: ignore[arg-type]
    assert info.value.path == "write_campaign_request"


def test_required_argument_passed_as_none_is_rejected(
    stubbed: tuple[PinpointClient, Stubber],
) -> None:
    client, _ = stubbed
    with pytest.raises(errors.ValidationError) as info:
        client.get_app(application_id=None)  # type: ignore[arg-type]
    assert info.value.errors == [("application_id", "is required")]


def test_every_problem_is_reported(stubbed: tuple[PinpointClient, Stubber]) -> None:
    client, _ = stubbed
    request = models.WriteCampaignRequest(
        name=1, schedule=models.Schedule()  # type: ignore[arg-type]
    )
    with pytest.raises(errors.ValidationError) as info:
        client.create_campaign(application_id="app", write_campaign_request=request)
    paths = {path for path, _ in info.value.errors}
    assert paths == {"write_campaign_request.name", "write_campaign_request.schedule.start_time"}


def test_bool_is_not_accepted_as_int(stubbed: tuple[PinpointClient, Stubber]) -> None:
    client, _ = stubbed
    request = models.WriteCampaignRequest(segment_version=True)  # type: ignore[arg-type]
    with pytest.raises(errors.ValidationError):
        client.create_campaign(application_id="app", write_campaign_request=request)


def test_unknown_keyword_argument_is_a_type_error(
    stubbed: tuple[PinpointClient, Stubber],
) -> None:
    client, _ = stubbed
    with pytest.raises(TypeError):
        client.get_app(application_id="app", applicationid="x")  # type: ignore[call-arg]


def test_botocore_param_validation_becomes_validation_error() -> None:
    # The Stubber answers before botocore validates, so use a client pointed at a closed
    # local port: reaching the network would raise a connection error, not ValidationError.
    client = PinpointClient(
        region_name="us-east-1",
        endpoint_url="http://127.0.0.1:9",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    with pytest.raises(errors.ValidationError):
        client.get_application_date_range_kpi(
            application_id="app", kpi_name="k", start_time="not a date"  # type: ignore[arg-type]
        )


@pytest.mark.parametrize("code", sorted(EXPECTED_CLASSES))
def test_service_error_survives_pickling(code: str) -> None:
    # Errors cross process boundaries (multiprocessing, concurrent.futures); the class and
    # its attributes must survive instead of decaying to a bare botocore ClientError.
    import pickle

    raw = ClientError(
        {
            "Error": {"Code": code, "Message": "m"},
            "ResponseMetadata": {"HTTPStatusCode": STATUS[code], "RequestId": "r-1"},
        },
        "GetApp",
    )
    error = errors.from_client_error(raw)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is EXPECTED_CLASSES[code]
    assert (copy.code, copy.request_id, copy.operation_name) == (code, "r-1", "GetApp")


def test_validation_error_survives_pickling() -> None:
    import pickle

    error = errors.ValidationError([("a.b", "bad"), ("c", "worse")])
    copy = pickle.loads(pickle.dumps(error))
    assert copy.errors == error.errors and copy.path == "a.b" and str(copy) == str(error)


# ------------------------------------------------ retryability at the HTTP layer
# Answers come from a before-send hook, so botocore's real parser decides the error code
# and status; total_max_attempts=1 makes botocore give up at once instead of retrying.


@pytest.fixture
def http_client() -> PinpointClient:
    config = Config(retries={"mode": "standard", "total_max_attempts": 1})
    return PinpointClient(boto3.client("pinpoint", region_name="us-east-1", config=config))


def _get_app_error(client: PinpointClient) -> errors.PinpointServiceError:
    with pytest.raises(errors.PinpointServiceError) as info:
        client.get_app(application_id="app")
    return info.value


@pytest.mark.parametrize(
    ("code", "status", "expected"),
    [
        ("LimitExceededException", 400, errors.TooManyRequestsError),
        ("SlowDown", 503, errors.TooManyRequestsError),
        ("RequestThrottledException", 400, errors.TooManyRequestsError),
        ("TooManyRequestsException", 429, errors.TooManyRequestsError),
        ("RequestTimeoutException", 408, errors.PinpointServiceError),
    ],
)
def test_codes_botocore_retries_are_retryable(
    code: str, status: int, expected: type, http_client: PinpointClient
) -> None:
    answer(
        http_client.boto3_client, "GetApp", fixed(status, {"message": f"{code} happened"},
        {"x-amzn-ErrorType": code, "x-amzn-RequestId": "req-9"}))
    error = _get_app_error(http_client)
    assert (error.code, error.status_code) == (code, status)
    assert type(error) is expected
    assert error.retryable is True


@pytest.mark.parametrize("status", [502, 503, 504])
def test_gateway_html_answers_are_retryable_server_errors(
    status: int, http_client: PinpointClient
) -> None:
    answer(http_client.boto3_client, "GetApp", fixed(status, b"<html><body>gateway</body></html>", {}))
    error = _get_app_error(http_client)
    assert type(error) is errors.InternalServerError
    assert error.status_code == status
    assert error.retryable is True


def test_request_id_comes_from_the_header_when_the_body_has_none(
    http_client: PinpointClient,
) -> None:
    sent = answer(
        http_client.boto3_client, "GetApp", fixed(502, b"<html><body>Bad Gateway</body></html>",
        {"x-amzn-RequestId": "gw-req-1", "Content-Type": "text/html"}))
    error = _get_app_error(http_client)
    assert len(sent) == 1
    assert error.request_id == "gw-req-1"
    assert "gw-req-1" in str(error)


def test_request_id_in_the_body_wins_over_the_header() -> None:
    raw = ClientError(
        {
            "Error": {"Code": "BadRequestException", "Message": "m", "RequestID": "body-id"},
            "ResponseMetadata": {
                "HTTPStatusCode": 400, "HTTPHeaders": {"x-amzn-requestid": "header-id"}
            },
        },
        "GetApp",
    )
    assert errors.from_client_error(raw).request_id == "body-id"


def _retry_json_definitions() -> list[tuple[str, dict[str, Any]]]:
    # botocore's legacy retry configuration, read through its public data loader: an
    # independent list of what botocore considers worth retrying.
    data = Loader().load_data("_retry")
    policies = data["retry"]["__default__"]["policies"]
    definitions = data["definitions"]
    result = []
    for name, policy in sorted(policies.items()):
        response = definitions[policy["$ref"]]["applies_when"].get("response")
        if response is not None:
            result.append((name, response))
    return result


@pytest.mark.parametrize(
    ("name", "when"), _retry_json_definitions(), ids=[n for n, _ in _retry_json_definitions()]
)
def test_every_response_botocores_retry_config_retries_is_retryable(
    name: str, when: dict[str, Any]
) -> None:
    code = when.get("service_error_code", "SomethingElse")
    raw = ClientError(
        {
            "Error": {"Code": code, "Message": name},
            "ResponseMetadata": {"HTTPStatusCode": when["http_status_code"]},
        },
        "GetApp",
    )
    error = errors.from_client_error(raw)
    assert error.retryable is True
    if "service_error_code" in when:
        assert type(error) is errors.TooManyRequestsError


def test_client_errors_botocore_does_not_retry_stay_not_retryable(
    http_client: PinpointClient,
) -> None:
    answer(
        http_client.boto3_client, "GetApp", fixed(400, {"message": "no"},
        {"x-amzn-ErrorType": "BadRequestException"}))
    error = _get_app_error(http_client)
    assert type(error) is errors.BadRequestError
    assert error.retryable is False
