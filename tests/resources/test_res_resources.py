"""Resources: state changes, read-modify-write updates, jobs and waiters, messaging."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber
from resource_helpers import APP_ID, campaign_wire, import_job_wire, journey_wire

from pinpoint_sdk import errors, models
from pinpoint_sdk.client import PinpointClient
from pinpoint_sdk.converter import structure, unknown_fields
from pinpoint_sdk.resources import App, Campaign, ImportJob, Journey, Pinpoint


def _app(client: PinpointClient) -> App:
    return App(client, models.ApplicationResponse(id=APP_ID, name="demo", arn="arn:app"))


def _journey(client: PinpointClient, **extra: Any) -> Journey:
    return Journey(client, structure(journey_wire(**extra), models.JourneyResponse))


# ------------------------------------------------------------------ journey state


@pytest.mark.parametrize(
    ("method", "state"), [("pause", "PAUSED"), ("resume", "ACTIVE"), ("cancel", "CANCELLED")]
)
def test_journey_state_changes_call_update_journey_state(
    stub: Stubber, client: PinpointClient, method: str, state: str
) -> None:
    stub.add_response(
        "update_journey_state",
        {"JourneyResponse": journey_wire(State=state)},
        {"ApplicationId": APP_ID, "JourneyId": "j1", "JourneyStateRequest": {"State": state}},
    )
    journey = _journey(client, State="ACTIVE" if state != "ACTIVE" else "PAUSED")

    returned = getattr(journey, method)()

    assert returned is journey
    assert journey.state == state
    stub.assert_no_pending_responses()


# ------------------------------------------------------------------ campaign pause


@pytest.mark.parametrize(("method", "paused"), [("pause", True), ("resume", False)])
def test_campaign_pause_and_resume_send_is_paused_with_the_campaign(
    stub: Stubber, client: PinpointClient, calls: list[tuple[str, dict[str, Any]]],
    method: str, paused: bool,
) -> None:
    wire = campaign_wire(1, IsPaused=not paused, HoldoutPercent=5,
                         State={"CampaignStatus": "SCHEDULED"}, Version=3)
    campaign = Campaign(client, structure(wire, models.CampaignResponse))
    stub.add_response("update_campaign", {"CampaignResponse": {**wire, "IsPaused": paused}})

    getattr(campaign, method)()

    name, params = calls[-1]
    assert name == "UpdateCampaign"
    assert params["CampaignId"] == "c1"
    assert params["WriteCampaignRequest"] == {
        "HoldoutPercent": 5, "IsPaused": paused, "Name": "campaign 1",
        "SegmentId": "s1", "SegmentVersion": 1,
    }
    assert campaign.data.is_paused is paused


# ------------------------------------------------------------------ read-modify-write


def _client_with_newer_botocore() -> PinpointClient:
    """A client whose botocore model knows an activity type the SDK's models do not."""
    session = boto3.session.Session(  # its own loader, so the patched model stays local
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
    )
    raw = session.client("pinpoint")
    shapes = raw.meta.service_model._shape_resolver._shape_map
    shapes["Activity"]["members"]["Teleport"] = {"shape": "TeleportActivity"}
    shapes["TeleportActivity"] = {"type": "structure", "members": {
        "Destination": {"shape": "__string"}, "NextActivity": {"shape": "__string"}}}
    return PinpointClient(raw)


def test_journey_update_round_trips_an_activity_type_the_sdk_does_not_know() -> None:
    client = _client_with_newer_botocore()
    teleport = {"Teleport": {"Destination": "moon", "NextActivity": "bye"}}
    activities = {
        "hello": {"Description": "first", **teleport},
        "bye": {"EMAIL": {"MessageConfig": {"FromAddress": "a@b.c"}}},
    }
    response = journey_wire(
        Activities=activities, StartActivity="hello", State="DRAFT",
        CreationDate="2024-01-01", LastModifiedDate="2024-01-02",
    )
    with Stubber(client.boto3_client) as stub:
        stub.add_response("get_journey", {"JourneyResponse": response})
        stub.add_response(
            "update_journey",
            {"JourneyResponse": {**response, "Name": "renamed"}},
            # Members WriteJourneyRequest lacks (Id, ApplicationId) are left out; the
            # activity the SDK cannot model travels back exactly as received.
            {"ApplicationId": APP_ID, "JourneyId": "j1", "WriteJourneyRequest": {
                "Activities": activities, "CreationDate": "2024-01-01",
                "LastModifiedDate": "2024-01-02", "Name": "renamed",
                "StartActivity": "hello", "State": "DRAFT",
            }},
        )
        journey = _app(client).journeys.get("j1")
        assert journey.data.activities is not None
        assert unknown_fields(journey.data.activities["hello"]) == teleport

        journey.update(name="renamed")

        stub.assert_no_pending_responses()
    assert journey.name == "renamed"


def test_projection_drops_read_only_members_but_keeps_keys_no_model_knows(
    client: PinpointClient,
) -> None:
    from pinpoint_sdk.converter import unstructure
    from pinpoint_sdk.resources._base import to_write_request

    data = structure(campaign_wire(1, FutureKnob={"x": 1}, State={"CampaignStatus": "PAUSED"},
                                   AdditionalTreatments=[{"Id": "t1", "SizePercent": 10,
                                                          "TreatmentName": "b"}]),
                     models.CampaignResponse)

    wire = unstructure(to_write_request(client, data, models.WriteCampaignRequest))

    assert wire == {"AdditionalTreatments": [{"SizePercent": 10, "TreatmentName": "b"}],
                    "FutureKnob": {"x": 1}, "Name": "campaign 1", "SegmentId": "s1",
                    "SegmentVersion": 1}


def test_update_with_a_request_and_changes_together_is_refused(client: PinpointClient) -> None:
    with pytest.raises(TypeError, match="not both"):
        _journey(client).update(models.WriteJourneyRequest(name="x"), name="y")


def test_update_with_an_unknown_field_names_it(client: PinpointClient) -> None:
    with pytest.raises(errors.ValidationError, match="colour"):
        _journey(client).update(colour="blue")


# ------------------------------------------------------------------ jobs and waiters


class _FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def _job(client: PinpointClient) -> ImportJob:
    return ImportJob(client, structure(import_job_wire("CREATED"), models.ImportJobResponse))


def test_wait_polls_until_completed(stub: Stubber, client: PinpointClient) -> None:
    for status in ["PROCESSING", "PROCESSING", "COMPLETED"]:
        stub.add_response("get_import_job", {"ImportJobResponse": import_job_wire(
            status, TotalProcessed=42)}, {"ApplicationId": APP_ID, "JobId": "job1"})
    clock = _FakeClock()

    job = _job(client).wait(timeout=60, poll_interval=5, clock=clock, sleep=clock.sleep)

    assert job.status == "COMPLETED"
    assert job.data.total_processed == 42
    assert clock.sleeps == [5, 5]


def test_wait_raises_job_failed_with_the_failures(stub: Stubber, client: PinpointClient) -> None:
    stub.add_response("get_import_job", {"ImportJobResponse": import_job_wire(
        "FAILED", Failures=["row 3: bad address", "row 9: bad channel"])})
    clock = _FakeClock()

    with pytest.raises(errors.JobFailedError) as info:
        _job(client).wait(clock=clock, sleep=clock.sleep)

    assert info.value.failures == ["row 3: bad address", "row 9: bad channel"]
    assert info.value.job.job_status == "FAILED"
    assert "row 3" in str(info.value)


def test_wait_times_out_with_the_last_state(stub: Stubber, client: PinpointClient) -> None:
    for _ in range(4):
        stub.add_response("get_import_job", {"ImportJobResponse": import_job_wire("PROCESSING")})
    clock = _FakeClock()

    with pytest.raises(errors.WaiterTimeoutError) as info:
        _job(client).wait(timeout=25, poll_interval=10, clock=clock, sleep=clock.sleep)

    assert isinstance(info.value, TimeoutError)
    assert info.value.last.job_status == "PROCESSING"
    assert clock.sleeps == [10, 10, 5]


def test_import_jobs_create_returns_a_waitable_job(stub: Stubber, client: PinpointClient) -> None:
    request = models.ImportJobRequest(format="CSV", role_arn="arn:role", s3_url="s3://b/k")
    stub.add_response(
        "create_import_job", {"ImportJobResponse": import_job_wire("CREATED")},
        {"ApplicationId": APP_ID,
         "ImportJobRequest": {"Format": "CSV", "RoleArn": "arn:role", "S3Url": "s3://b/k"}},
    )

    job = _app(client).import_jobs.create(request)

    assert (job.id, job.status) == ("job1", "CREATED")
    assert repr(job) == "<ImportJob id='job1' status='CREATED'>"


def test_segment_export_to_creates_an_export_job_for_the_segment(
    stub: Stubber, client: PinpointClient
) -> None:
    from pinpoint_sdk.resources import Segment

    segment = Segment(client, models.SegmentResponse(id="s1", application_id=APP_ID))
    stub.add_response(
        "create_export_job",
        {"ExportJobResponse": {**import_job_wire("CREATED"), "Type": "EXPORT",
                               "Definition": {"RoleArn": "arn:role", "S3UrlPrefix": "s3://o/"}}},
        {"ApplicationId": APP_ID, "ExportJobRequest": {
            "RoleArn": "arn:role", "S3UrlPrefix": "s3://o/", "SegmentId": "s1"}},
    )

    job = segment.export_to("s3://o/", "arn:role")

    assert job.data.type == "EXPORT"


# ------------------------------------------------------------------ messaging


def test_send_messages_lists_failed_addresses(stub: Stubber, client: PinpointClient) -> None:
    stub.add_response("send_messages", {"MessageResponse": {
        "ApplicationId": APP_ID,
        "RequestId": "req-1",
        "Result": {
            "+15555550100": {"DeliveryStatus": "SUCCESSFUL", "StatusCode": 200,
                             "MessageId": "m1"},
            "+15555550199": {"DeliveryStatus": "PERMANENT_FAILURE", "StatusCode": 400,
                             "StatusMessage": "Invalid number"},
        },
    }}, {"ApplicationId": APP_ID, "MessageRequest": {
        "Addresses": {"+15555550100": {"ChannelType": "SMS"},
                      "+15555550199": {"ChannelType": "SMS"}},
        "MessageConfiguration": {"SMSMessage": {"Body": "hi"}},
    }})

    result = _app(client).send_messages(
        addresses={"+15555550100": "SMS", "+15555550199": "SMS"},
        message=models.DirectMessageConfiguration(sms_message=models.SMSMessage(body="hi")),
    )

    assert not result.ok
    assert result.failed_recipients == ["+15555550199"]
    assert result.failed[0].status_message == "Invalid number"
    assert [d.message_id for d in result.succeeded] == ["m1"]
    assert result.request_id == "req-1"


def test_send_messages_refuses_more_than_100_recipients(client: PinpointClient) -> None:
    with pytest.raises(errors.ValidationError, match="101 recipients"):
        _app(client).send_messages(addresses={f"+1555{i:07d}": "SMS" for i in range(101)})


@pytest.mark.parametrize(
    ("method", "options", "path", "says"),
    [
        ("send_messages", {"endpoints": "ep-1"}, "endpoints", "for one recipient write ['ep-1']"),
        ("send_users_messages", {"users": "user-42"}, "users",
         "for one recipient write ['user-42']"),
        ("send_messages", {"addresses": "+15555550100"}, "addresses",
         "e.g. {'+15555550100': 'SMS'}, got str"),
        ("send_messages", {"addresses": [("+15555550100", "SMS")]}, "addresses", "got list"),
    ],
)
def test_a_lone_recipient_string_is_refused_rather_than_sent_to_each_character(
    stub: Stubber, client: PinpointClient,
    method: str, options: dict[str, Any], path: str, says: str,
) -> None:
    # No response is stubbed: a request that reached boto3 would fail in the Stubber.
    message = models.DirectMessageConfiguration(sms_message=models.SMSMessage(body="hi"))
    with pytest.raises(errors.ValidationError) as raised:
        getattr(_app(client), method)(message=message, **options)
    assert raised.value.path == path
    assert says in str(raised.value)


def test_send_users_messages_flattens_users_and_endpoints(
    stub: Stubber, client: PinpointClient
) -> None:
    stub.add_response("send_users_messages", {"SendUsersMessageResponse": {
        "ApplicationId": APP_ID,
        "Result": {"u1": {
            "ep1": {"DeliveryStatus": "SUCCESSFUL", "StatusCode": 200},
            "ep2": {"DeliveryStatus": "OPT_OUT", "StatusCode": 400},
        }},
    }})

    result = _app(client).send_users_messages(users=["u1"])

    assert [(d.user_id, d.endpoint_id) for d in result.failed] == [("u1", "ep2")]
    assert len(result.deliveries) == 2


def test_verify_otp_returns_the_verdict(stub: Stubber, client: PinpointClient) -> None:
    stub.add_response(
        "verify_otp_message", {"VerificationResponse": {"Valid": True}},
        {"ApplicationId": APP_ID, "VerifyOTPMessageRequestParameters": {
            "DestinationIdentity": "+15555550100", "Otp": "123456", "ReferenceId": "r1"}},
    )

    assert _app(client).verify_otp("+15555550100", "123456", "r1") is True


def test_validate_phone_number(stub: Stubber, pp: Pinpoint) -> None:
    stub.add_response(
        "phone_number_validate",
        {"NumberValidateResponse": {"PhoneType": "MOBILE", "CountryCodeIso2": "US"}},
        {"NumberValidateRequest": {"PhoneNumber": "+12065550100"}},
    )

    assert pp.validate_phone_number("+12065550100").phone_type == "MOBILE"


# ------------------------------------------------------------------ app bits


def test_kpi_merges_rows_of_every_page(stub: Stubber, client: PinpointClient) -> None:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    end = datetime(2024, 1, 8, tzinfo=UTC)

    def page(value: str, token: str | None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ApplicationId": APP_ID, "KpiName": "email-open-rate", "StartTime": start,
            "EndTime": end, "KpiResult": {"Rows": [{"GroupedBys": [], "Values": [
                {"Key": "Rate", "Type": "Double", "Value": value}]}]},
        }
        if token:
            body["NextToken"] = token
        return {"ApplicationDateRangeKpiResponse": body}

    stub.add_response("get_application_date_range_kpi", page("0.5", "n1"))
    stub.add_response("get_application_date_range_kpi", page("0.7", None))

    kpi = _app(client).kpi("email-open-rate", start, end)

    assert kpi.kpi_result is not None
    assert [row.values[0].value for row in kpi.kpi_result.rows or []] == ["0.5", "0.7"]
    assert kpi.next_token is None


def test_channel_get_update_delete(stub: Stubber, client: PinpointClient) -> None:
    response = {"EmailChannelResponse": {"Platform": "EMAIL", "Enabled": True,
                                         "FromAddress": "a@b.c"}}
    stub.add_response("update_email_channel", response, {
        "ApplicationId": APP_ID,
        "EmailChannelRequest": {"FromAddress": "a@b.c", "Identity": "arn:id", "Enabled": True},
    })
    stub.add_response("get_email_channel", response, {"ApplicationId": APP_ID})
    stub.add_response("delete_email_channel", response, {"ApplicationId": APP_ID})
    channel = _app(client).channels.email

    updated = channel.update(models.EmailChannelRequest(
        from_address="a@b.c", identity="arn:id", enabled=True))

    assert updated.from_address == "a@b.c"
    assert channel.get().enabled is True
    assert channel.delete().platform == "EMAIL"


def test_tag_sends_tags_and_reloads(stub: Stubber, client: PinpointClient) -> None:
    stub.add_response("tag_resource", {}, {"ResourceArn": "arn:app",
                                           "TagsModel": {"tags": {"env": "prod"}}})
    stub.add_response("get_app", {"ApplicationResponse": {
        "Arn": "arn:app", "Id": APP_ID, "Name": "demo", "tags": {"env": "prod"}}})

    app = _app(client).tag(env="prod")

    assert app.tags == {"env": "prod"}


def test_users_get_wraps_the_user_endpoints(stub: Stubber, client: PinpointClient) -> None:
    stub.add_response("get_user_endpoints", {"EndpointsResponse": {"Item": [
        {"Id": "ep1", "ApplicationId": APP_ID, "Address": "a@b.c", "ChannelType": "EMAIL",
         "User": {"UserId": "u1"}},
    ]}}, {"ApplicationId": APP_ID, "UserId": "u1"})

    user = _app(client).users.get("u1")

    assert [e.id for e in user.endpoints] == ["ep1"]
    assert user.endpoints[0].user_id == "u1"


@pytest.mark.parametrize("tags", [["team"], "team=growth"])
def test_an_app_with_tags_that_are_not_a_mapping_is_refused_naming_the_field(
    stub: Stubber, pp: Pinpoint, tags: Any
) -> None:
    with pytest.raises(errors.ValidationError) as raised:
        pp.apps.create("demo", tags=tags)
    assert raised.value.path == "create_application_request.tags"
    assert str(raised.value).startswith("create_application_request.tags: expected a dict")
