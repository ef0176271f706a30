"""Every resource keeps what the service answered to its last call (``last_response``)."""

from __future__ import annotations

from typing import Any

from botocore.stub import Stubber

from pinpoint_sdk import models
from pinpoint_sdk.client import PinpointClient
from pinpoint_sdk.resources import App, ImportJobCollection, Pinpoint, ResponseInfo
from pinpoint_sdk.resources._audience import UserCollection
from pinpoint_sdk.resources._engagement import CampaignCollection
from pinpoint_sdk.testing import mock_pinpoint
from tests.resources.resource_helpers import APP_ID, campaign_wire, import_job_wire


def _meta(request_id: str, status: int = 200) -> dict[str, Any]:
    return {"ResponseMetadata": {
        "RequestId": request_id, "HTTPStatusCode": status, "RetryAttempts": 1,
        "HTTPHeaders": {"x-amzn-requestid": request_id, "content-type": "application/json"},
    }}


def test_campaign_last_response_follows_each_call(stub: Stubber, client: PinpointClient) -> None:
    ids = {"ApplicationId": APP_ID, "CampaignId": "c1"}
    stub.add_response("get_campaign", {"CampaignResponse": campaign_wire(1), **_meta("r-get")},
                      ids)
    stub.add_response("get_campaign", {"CampaignResponse": campaign_wire(1), **_meta("r-reload")},
                      ids)
    stub.add_response("update_campaign", {"CampaignResponse": campaign_wire(1, Name="x"),
                                          **_meta("r-update")})
    stub.add_response("get_campaign_versions", {"CampaignsResponse": {
        "Item": [campaign_wire(1)]}, **_meta("r-versions")})
    stub.add_response("delete_campaign", {"CampaignResponse": campaign_wire(1),
                                          **_meta("r-delete", 202)}, ids)

    campaign = CampaignCollection(client, APP_ID).get("c1")
    assert campaign.last_response == ResponseInfo(
        operation="GetCampaign", request_id="r-get", http_status=200,
        headers={"x-amzn-requestid": "r-get", "content-type": "application/json"},
        retry_attempts=1,
    )
    assert campaign.reload().last_response is not None
    assert campaign.last_response.request_id == "r-reload"
    campaign.update(name="x")
    assert campaign.last_response.request_id == "r-update"
    assert campaign.last_response.operation == "UpdateCampaign"
    list(campaign.versions())
    assert campaign.last_response.request_id == "r-versions"
    campaign.delete()
    assert (campaign.last_response.request_id, campaign.last_response.http_status) == \
        ("r-delete", 202)


def test_created_and_listed_resources_hold_their_calls_response(
    stub: Stubber, client: PinpointClient
) -> None:
    stub.add_response("create_import_job", {"ImportJobResponse": import_job_wire("CREATED"),
                                            **_meta("r-create")})
    stub.add_response("get_campaigns", {"CampaignsResponse": {
        "Item": [campaign_wire(1), campaign_wire(2)]}, **_meta("r-page")})
    made = ImportJobCollection(client, APP_ID).create(models.ImportJobRequest(
        s3_url="s3://b/k", role_arn="arn:role", format="CSV"))
    assert made.last_response is not None and made.last_response.request_id == "r-create"
    listed = list(CampaignCollection(client, APP_ID))
    assert [c.last_response.request_id for c in listed if c.last_response] == ["r-page"] * 2


def test_last_response_is_the_double_answers_request_id() -> None:
    with mock_pinpoint():
        pp = Pinpoint(region_name="us-east-1")
        captured: list[str] = []

        def keep(http_response: Any, **_: Any) -> None:
            captured.append(http_response.headers.get("x-amzn-requestid", ""))

        pp.client.boto3_client.meta.events.register("after-call.pinpoint", lambda **kw: keep(
            kw["http_response"]))
        app = pp.apps.create("demo")
        assert app.last_response is not None
        assert app.last_response.request_id == captured[-1] != ""
        assert app.last_response.operation == "CreateApp"
        app.tag({"env": "prod"})
        assert app.last_response.request_id == captured[-1]
        assert app.last_response.operation == "GetApp"
        assert len(set(captured)) == len(captured) == 3


def test_channel_settings_and_event_stream_keep_last_response(
    stub: Stubber, client: PinpointClient
) -> None:
    app = App(client, models.ApplicationResponse(id=APP_ID, arn="arn:app", name="demo"))
    sms = {"ApplicationId": APP_ID, "Enabled": True, "Platform": "SMS"}
    stub.add_response("get_sms_channel", {"SMSChannelResponse": sms, **_meta("r-sms-get")})
    stub.add_response("update_sms_channel", {"SMSChannelResponse": sms, **_meta("r-sms-put")})
    stub.add_response("delete_sms_channel", {"SMSChannelResponse": sms,
                                             **_meta("r-sms-del", 202)})
    stub.add_response("update_application_settings", {"ApplicationSettingsResource": {
        "ApplicationId": APP_ID}, **_meta("r-settings")})
    stream = {"ApplicationId": APP_ID, "DestinationStreamArn": "arn:s", "RoleArn": "arn:r"}
    stub.add_response("put_event_stream", {"EventStream": stream, **_meta("r-stream-put")})
    stub.add_response("delete_event_stream", {"EventStream": stream, **_meta("r-stream-del")})

    assert app.channels.sms.last_response is None
    assert app.channels.sms is app.channels.sms  # one channel, so its record stays
    assert app.channels.sms.get().enabled is True
    assert app.channels.sms.last_response is not None
    assert app.channels.sms.last_response.request_id == "r-sms-get"
    assert app.channels.sms.last_response.operation == "GetSmsChannel"
    updated = app.channels.sms.update(models.SMSChannelRequest(enabled=True))
    assert isinstance(updated, models.SMSChannelResponse)
    assert app.channels.sms.last_response.request_id == "r-sms-put"
    assert isinstance(app.channels.sms.delete(), models.SMSChannelResponse)
    assert (app.channels.sms.last_response.request_id,
            app.channels.sms.last_response.http_status) == ("r-sms-del", 202)

    assert app.settings.last_response is None
    settings = app.settings.update(cloud_watch_metrics_enabled=True)
    assert isinstance(settings, models.ApplicationSettingsResource)
    assert app.settings.last_response is not None
    assert app.settings.last_response.request_id == "r-settings"

    assert isinstance(app.event_stream.put("arn:s", "arn:r"), models.EventStream)
    assert app.event_stream.last_response is not None
    assert app.event_stream.last_response.request_id == "r-stream-put"
    assert app.event_stream.delete().destination_stream_arn == "arn:s"
    assert app.event_stream.last_response.request_id == "r-stream-del"


def test_user_delete_updates_user_last_response(stub: Stubber, client: PinpointClient) -> None:
    endpoint = {"Id": "ep1", "ApplicationId": APP_ID, "User": {"UserId": "u1"}}
    ids = {"ApplicationId": APP_ID, "UserId": "u1"}
    stub.add_response("get_user_endpoints", {"EndpointsResponse": {"Item": [endpoint]},
                                             **_meta("r-user-get")}, ids)
    stub.add_response("delete_user_endpoints", {"EndpointsResponse": {"Item": [endpoint]},
                                                **_meta("r-user-del", 202)}, ids)
    user = UserCollection(client, APP_ID).get("u1")
    assert user.last_response is not None and user.last_response.request_id == "r-user-get"
    deleted = user.delete()
    assert [e.id for e in deleted] == ["ep1"]
    assert (user.last_response.request_id, user.last_response.http_status) == \
        ("r-user-del", 202)
    assert user.last_response.operation == "DeleteUserEndpoints"
    assert [e.last_response.request_id for e in deleted if e.last_response] == ["r-user-del"]
