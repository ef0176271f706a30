"""A read-modify-write through ``update()`` on the offline double loses nothing the
service sent: values the SDK does not list go back as sent, and keys it does not know are
sent back too (a botocore that does not know them refuses the call, so nothing is lost)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from pinpoint_sdk import errors, models
from pinpoint_sdk.converter import unknown_fields
from pinpoint_sdk.resources import App, Pinpoint
from pinpoint_sdk.testing import mock_pinpoint

pytestmark = pytest.mark.filterwarnings("ignore::pinpoint_sdk.errors.PinpointEndOfSupportWarning")


@pytest.fixture
def pp() -> Iterator[Pinpoint]:
    with mock_pinpoint():
        yield Pinpoint(region_name="us-east-1")


def _campaign(app: App) -> Any:
    segment = app.segments.create(models.WriteSegmentRequest(
        name="s", dimensions=models.SegmentDimensions()))
    return app.campaigns.create(models.WriteCampaignRequest(
        name="c", segment_id=segment.id, schedule=models.Schedule(start_time="IMMEDIATE"),
        additional_treatments=[models.WriteTreatmentResource(size_percent=10)],
        message_configuration=models.MessageConfiguration(
            sms_message=models.CampaignSmsMessage(body="x")),
    ))


def _newer_service(pp: Pinpoint, change: Any) -> None:
    """Make GetCampaign answers look like a newer service's: ``change`` edits the JSON."""

    def edit(response_dict: dict[str, Any], operation_model: Any, **_: Any) -> None:
        if operation_model.name == "GetCampaign" and response_dict["status_code"] < 300:
            body = json.loads(response_dict["body"])
            change(body)
            response_dict["body"] = json.dumps(body).encode()

    # Ahead of the SDK's own handler, which reads the body.
    pp.client.boto3_client.meta.events.register_first("before-parse.pinpoint", edit)


def _sent(pp: Pinpoint) -> list[dict[str, Any]]:
    """The parameters of each UpdateCampaign call, as the SDK built them."""
    sent: list[dict[str, Any]] = []
    pp.client.boto3_client.meta.events.register(
        "before-parameter-build.pinpoint.UpdateCampaign",
        lambda params, **_: sent.append(json.loads(json.dumps(params))))
    return sent


def test_values_the_sdk_does_not_list_go_back_as_the_service_sent_them(pp: Pinpoint) -> None:
    app = pp.apps.create("rmw")
    campaign = _campaign(app)

    def newer(body: dict[str, Any]) -> None:
        body["Schedule"]["Frequency"] = "FORTNIGHTLY"
        body["MessageConfiguration"]["SMSMessage"]["MessageType"] = "CONVERSATIONAL"
        body["AdditionalTreatments"][0]["Schedule"] = {
            "Frequency": "HOURLY", "StartTime": "IMMEDIATE", "Timezone": None}

    _newer_service(pp, newer)
    sent = _sent(pp)
    read = app.campaigns.get(campaign.id)
    read.update(name="renamed")

    request = sent[0]["WriteCampaignRequest"]
    assert request["Name"] == "renamed"
    assert request["Schedule"] == {"Frequency": "FORTNIGHTLY", "StartTime": "IMMEDIATE"}
    assert request["MessageConfiguration"]["SMSMessage"] == {
        "Body": "x", "MessageType": "CONVERSATIONAL"}
    assert request["AdditionalTreatments"][0]["Schedule"] == {
        "Frequency": "HOURLY", "StartTime": "IMMEDIATE"}
    stored = pp.client.boto3_client.get_campaign(
        ApplicationId=app.id, CampaignId=campaign.id)["CampaignResponse"]
    assert stored["Schedule"]["Frequency"] == "FORTNIGHTLY"
    assert stored["MessageConfiguration"]["SMSMessage"]["MessageType"] == "CONVERSATIONAL"


def test_keys_the_sdk_does_not_know_are_sent_back_or_nothing_is_sent(pp: Pinpoint) -> None:
    app = pp.apps.create("rmw")
    campaign = _campaign(app)
    before = pp.client.boto3_client.get_campaign(
        ApplicationId=app.id, CampaignId=campaign.id)["CampaignResponse"]

    def newer(body: dict[str, Any]) -> None:
        body["FutureKnob"] = {"x": [1, None]}
        body["Schedule"]["FutureZone"] = "mars"
        body["AdditionalTreatments"][0]["FutureWeight"] = 2
        body["MessageConfiguration"]["FutureChannel"] = {"Body": "hi"}

    _newer_service(pp, newer)
    sent = _sent(pp)
    read = app.campaigns.get(campaign.id)
    assert unknown_fields(read.data) == {"FutureKnob": {"x": [1, None]}}
    assert read.data.schedule is not None
    assert unknown_fields(read.data.schedule) == {"FutureZone": "mars"}

    with pytest.raises(errors.ValidationError) as raised:
        read.update(name="renamed")

    request = sent[0]["WriteCampaignRequest"]
    assert request["FutureKnob"] == {"x": [1, None]}
    assert request["Schedule"]["FutureZone"] == "mars"
    assert request["AdditionalTreatments"][0]["FutureWeight"] == 2
    assert request["MessageConfiguration"]["FutureChannel"] == {"Body": "hi"}
    for key in ("FutureKnob", "FutureZone", "FutureWeight", "FutureChannel"):
        assert key in str(raised.value)
    after = pp.client.boto3_client.get_campaign(
        ApplicationId=app.id, CampaignId=campaign.id)["CampaignResponse"]
    assert after == before  # nothing was sent, nothing deleted
