"""Creating and wrapping boto3 clients, and the response metadata kept beside results."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from unittest import mock

import attrs
import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.stub import Stubber
from http_faults import answer, fixed

from pinpoint_sdk import Pinpoint, PinpointClient, errors, models
from pinpoint_sdk.converter import unstructure


def test_default_client_uses_standard_retry_mode() -> None:
    client = PinpointClient(region_name="us-east-1")
    assert client.boto3_client.meta.config.retries["mode"] == "standard"
    assert client.boto3_client.meta.service_model.service_name == "pinpoint"


def test_region_name_is_passed_to_boto3() -> None:
    assert PinpointClient(region_name="eu-west-1").boto3_client.meta.region_name == "eu-west-1"


def test_region_defaults_from_environment() -> None:
    assert PinpointClient().boto3_client.meta.region_name == "us-east-1"


def test_explicit_retry_config_wins() -> None:
    client = PinpointClient(
        region_name="us-east-1", config=Config(retries={"mode": "adaptive", "max_attempts": 7})
    )
    retries = client.boto3_client.meta.config.retries
    assert retries["mode"] == "adaptive"


def test_config_without_retries_keeps_standard_mode() -> None:
    client = PinpointClient(region_name="us-east-1", config=Config(connect_timeout=3))
    assert client.boto3_client.meta.config.retries["mode"] == "standard"
    assert client.boto3_client.meta.config.connect_timeout == 3


def test_client_kwargs_reach_boto3() -> None:
    client = PinpointClient(region_name="us-east-1", endpoint_url="http://127.0.0.1:4566")
    assert client.boto3_client.meta.endpoint_url == "http://127.0.0.1:4566"


def test_given_session_is_used() -> None:
    session = boto3.session.Session(region_name="ap-south-1")
    client = PinpointClient(session=session)
    assert client.boto3_client.meta.region_name == "ap-south-1"


def test_wraps_a_given_boto3_client() -> None:
    raw = boto3.client("pinpoint", region_name="us-east-1")
    assert PinpointClient(raw).boto3_client is raw
    assert PinpointClient(client=raw).boto3_client is raw


def test_rejects_a_non_pinpoint_client() -> None:
    with pytest.raises(TypeError):
        PinpointClient(boto3.client("sqs", region_name="us-east-1"))


def test_rejects_an_arbitrary_object() -> None:
    with pytest.raises(TypeError):
        PinpointClient(object())


def test_rejects_client_together_with_creation_arguments() -> None:
    raw = boto3.client("pinpoint", region_name="us-east-1")
    with pytest.raises(TypeError):
        PinpointClient(raw, region_name="eu-west-1")


def test_repr_names_the_region() -> None:
    assert "us-east-1" in repr(PinpointClient(region_name="us-east-1"))


# ------------------------------------------------------------------ response metadata

@pytest.fixture
def stubbed() -> Iterator[tuple[PinpointClient, Stubber]]:
    raw = boto3.client("pinpoint", region_name="us-east-1")
    with Stubber(raw) as stubber:
        yield PinpointClient(raw), stubber
        stubber.assert_no_pending_responses()


def _app_response(request_id: str) -> dict[str, Any]:
    return {
        "ApplicationResponse": {"Id": "app", "Arn": "arn:app", "Name": "demo"},
        "ResponseMetadata": {
            "RequestId": request_id,
            "HTTPStatusCode": 200,
            "HTTPHeaders": {"x-amzn-requestid": request_id},
            "RetryAttempts": 0,
        },
    }


def test_result_exposes_request_id_and_status(stubbed: tuple[PinpointClient, Stubber]) -> None:
    client, stubber = stubbed
    stubber.add_response("get_app", _app_response("req-1"), {"ApplicationId": "app"})
    result = client.get_app(application_id="app")
    assert result.request_id == "req-1"
    assert result.http_status_code == 200
    assert result.response_metadata["RequestId"] == "req-1"
    assert result.response_metadata["HTTPHeaders"]["x-amzn-requestid"] == "req-1"


def test_metadata_is_not_a_model_field(stubbed: tuple[PinpointClient, Stubber]) -> None:
    client, stubber = stubbed
    stubber.add_response("get_app", _app_response("req-1"), {"ApplicationId": "app"})
    result = client.get_app(application_id="app")
    shape_fields = {a.name for a in attrs.fields(type(result)) if "wire" in a.metadata}
    assert shape_fields == {"application_response"}
    init_names = {a.alias for a in attrs.fields(type(result)) if a.init}
    assert not init_names & {"response_metadata", "_response_metadata"}
    assert "ResponseMetadata" not in unstructure(result)
    assert "req-1" not in repr(result)


def test_results_compare_equal_regardless_of_metadata(
    stubbed: tuple[PinpointClient, Stubber],
) -> None:
    client, stubber = stubbed
    stubber.add_response("get_app", _app_response("req-1"), {"ApplicationId": "app"})
    stubber.add_response("get_app", _app_response("req-2"), {"ApplicationId": "app"})
    first = client.get_app(application_id="app")
    second = client.get_app(application_id="app")
    assert first.request_id != second.request_id
    assert first == second
    assert first == models.GetAppResponse(
        application_response=models.ApplicationResponse(id="app", arn="arn:app", name="demo")
    )


def test_model_built_by_hand_has_empty_metadata() -> None:
    result = models.GetAppResponse()
    assert result.response_metadata == {}
    assert result.request_id is None and result.http_status_code is None


def test_client_error_is_raised_as_pinpoint_error(stubbed: tuple[PinpointClient, Stubber]) -> None:
    client, stubber = stubbed
    stubber.add_client_error("get_app", "NotFoundException", "gone", 404)
    with pytest.raises(ClientError) as info:
        client.get_app(application_id="app")
    assert type(info.value).__module__ == "pinpoint_sdk.errors"


# ------------------------------------------------------------------ retry defaults
# One session for the tests below: its loader caches the service model between clients.


@pytest.fixture(scope="module")
def session() -> boto3.session.Session:
    return boto3.session.Session(region_name="us-east-1")


def test_attempts_only_retry_config_keeps_the_default_mode(
    session: boto3.session.Session,
) -> None:
    client = PinpointClient(session=session, config=Config(retries={"max_attempts": 7}))
    retries = client.boto3_client.meta.config.retries
    assert retries["mode"] == "standard"
    assert retries["total_max_attempts"] == 8


def test_pinpoint_attempts_only_retry_config_keeps_the_default_mode(
    session: boto3.session.Session,
) -> None:
    pp = Pinpoint(session=session, config=Config(retries={"max_attempts": 7}))
    retries = pp.client.boto3_client.meta.config.retries
    assert retries["mode"] == "standard"
    assert retries["total_max_attempts"] == 8


def test_pinpoint_explicit_retry_mode_wins(session: boto3.session.Session) -> None:
    pp = Pinpoint(session=session, config=Config(retries={"mode": "adaptive"}))
    assert pp.client.boto3_client.meta.config.retries["mode"] == "adaptive"


def test_pinpoint_and_client_default_to_one_retry_mode(session: boto3.session.Session) -> None:
    client = PinpointClient(session=session).boto3_client.meta.config.retries
    pp = Pinpoint(session=session).client.boto3_client.meta.config.retries
    assert client["mode"] == pp["mode"] == "standard"


@pytest.mark.parametrize("make", [PinpointClient, Pinpoint], ids=["client", "pinpoint"])
def test_a_retry_mode_named_in_the_environment_is_kept(
    make: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_RETRY_MODE", "adaptive")
    made = make(region_name="us-east-1", config=Config(retries={"max_attempts": 4}))
    client = made if isinstance(made, PinpointClient) else made.client
    retries = client.boto3_client.meta.config.retries
    assert retries["mode"] == "adaptive"
    assert retries["total_max_attempts"] == 5


def test_a_retry_mode_named_in_the_profile_is_kept(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file = tmp_path / "config"
    config_file.write_text("[profile bulk]\nretry_mode = legacy\nmax_attempts = 2\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config_file))
    client = PinpointClient(session=boto3.session.Session(profile_name="bulk"),
                            region_name="us-east-1")
    retries = client.boto3_client.meta.config.retries
    assert retries == {"mode": "legacy", "total_max_attempts": 2}


def test_a_config_naming_a_mode_wins_over_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_RETRY_MODE", "legacy")
    client = PinpointClient(region_name="us-east-1",
                            config=Config(retries={"mode": "adaptive"}))
    assert client.boto3_client.meta.config.retries["mode"] == "adaptive"


def test_attempts_only_config_still_retries_what_standard_mode_retries(
    session: boto3.session.Session,
) -> None:
    # botocore's legacy mode does not retry LimitExceededException; standard mode does.
    client = PinpointClient(session=session, config=Config(retries={"max_attempts": 1}))
    sent = answer(
        client.boto3_client, "GetApp", fixed(400, {"message": "slow down"},
        {"x-amzn-ErrorType": "LimitExceededException"}))
    with pytest.raises(errors.TooManyRequestsError):
        client.get_app(application_id="app")
    assert len(sent) == 2


# ------------------------------------------------------------------ closing


def _spy_on_close(raw: Any) -> mock.MagicMock:
    spy = mock.MagicMock(wraps=raw.close)
    raw.close = spy
    return spy


def test_client_is_a_context_manager_that_closes_its_boto3_client(
    session: boto3.session.Session,
) -> None:
    with PinpointClient(session=session) as client:
        spy = _spy_on_close(client.boto3_client)
        assert isinstance(client, PinpointClient)
        spy.assert_not_called()
    spy.assert_called_once_with()


def test_client_close_twice_is_harmless(session: boto3.session.Session) -> None:
    client = PinpointClient(session=session)
    spy = _spy_on_close(client.boto3_client)
    client.close()
    client.close()
    assert spy.call_count == 2


def test_client_close_leaves_a_wrapped_boto3_client_open(
    session: boto3.session.Session,
) -> None:
    raw = session.client("pinpoint")
    spy = _spy_on_close(raw)
    with PinpointClient(raw):
        pass
    PinpointClient(raw).close()
    spy.assert_not_called()


def test_pinpoint_is_a_context_manager_that_closes_the_client_it_created(
    session: boto3.session.Session,
) -> None:
    with Pinpoint(session=session) as pp:
        spy = _spy_on_close(pp.client.boto3_client)
        assert isinstance(pp, Pinpoint)
    spy.assert_called_once_with()


@pytest.mark.parametrize("wrap", [False, True], ids=["boto3-client", "pinpoint-client"])
def test_pinpoint_close_leaves_a_given_client_open(
    wrap: bool, session: boto3.session.Session
) -> None:
    raw = session.client("pinpoint")
    spy = _spy_on_close(raw)
    with Pinpoint(PinpointClient(raw) if wrap else raw) as pp:
        assert pp.client.boto3_client is raw
    spy.assert_not_called()
