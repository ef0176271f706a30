"""Apps, settings, channels, event streams and tags."""

from __future__ import annotations

from typing import Any

import pytest
from double_helpers import all_pages, error_code

CHANNEL_REQUESTS: dict[str, dict[str, Any]] = {
    "email": {"FromAddress": "me@example.com", "Identity": "arn:aws:ses:us-east-1:1:identity/x"},
    "sms": {"SenderId": "ACME"},
    "voice": {"Enabled": True},
    "apns": {"Certificate": "cert", "PrivateKey": "key"},
    "apns_sandbox": {"Certificate": "cert", "PrivateKey": "key"},
    "apns_voip": {"TokenKey": "tk", "TokenKeyId": "id", "TeamId": "t", "BundleId": "b"},
    "apns_voip_sandbox": {"Certificate": "cert", "PrivateKey": "key"},
    "gcm": {"ApiKey": "secret"},
    "adm": {"ClientId": "id", "ClientSecret": "secret"},
    "baidu": {"ApiKey": "k", "SecretKey": "s"},
}
REQUEST_MEMBER = {
    "email": "EmailChannelRequest", "sms": "SMSChannelRequest", "voice": "VoiceChannelRequest",
    "apns": "APNSChannelRequest", "apns_sandbox": "APNSSandboxChannelRequest",
    "apns_voip": "APNSVoipChannelRequest", "apns_voip_sandbox": "APNSVoipSandboxChannelRequest",
    "gcm": "GCMChannelRequest", "adm": "ADMChannelRequest", "baidu": "BaiduChannelRequest",
}  # fmt: skip


def test_app_lifecycle(client: Any) -> None:
    created = client.create_app(CreateApplicationRequest={"Name": "demo", "tags": {"a": "1"}})
    app = created["ApplicationResponse"]
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert app["Arn"].endswith(f":apps/{app['Id']}")
    assert client.get_app(ApplicationId=app["Id"])["ApplicationResponse"]["tags"] == {"a": "1"}
    deleted = client.delete_app(ApplicationId=app["Id"])["ApplicationResponse"]
    assert deleted["Name"] == "demo"
    assert error_code(lambda: client.get_app(ApplicationId=app["Id"])) == "NotFoundException"
    assert error_code(lambda: client.delete_app(ApplicationId=app["Id"])) == "NotFoundException"


def test_create_app_needs_a_name(unchecked_client: Any) -> None:
    assert error_code(
        lambda: unchecked_client.create_app(CreateApplicationRequest={})
    ) == "BadRequestException"


def test_get_apps_pagination(client: Any) -> None:
    for index in range(5):
        client.create_app(CreateApplicationRequest={"Name": f"app{index}"})
    pages = all_pages(client.get_apps, "ApplicationsResponse", PageSize="2")
    assert [len(page) for page in pages] == [2, 2, 1]
    assert sorted(a["Name"] for page in pages for a in page) == [f"app{i}" for i in range(5)]
    assert error_code(lambda: client.get_apps(PageSize="zero")) == "BadRequestException"
    assert error_code(lambda: client.get_apps(Token="garbage")) == "BadRequestException"


def test_settings(client: Any, app_id: str) -> None:
    settings = client.get_application_settings(ApplicationId=app_id)["ApplicationSettingsResource"]
    assert settings["ApplicationId"] == app_id
    updated = client.update_application_settings(
        ApplicationId=app_id,
        WriteApplicationSettingsRequest={
            "Limits": {"Daily": 10, "MessagesPerSecond": 50},
            "QuietTime": {"Start": "22:00", "End": "07:00"},
        },
    )["ApplicationSettingsResource"]
    assert updated["Limits"]["Daily"] == 10
    client.update_application_settings(
        ApplicationId=app_id, WriteApplicationSettingsRequest={"CloudWatchMetricsEnabled": True}
    )
    again = client.get_application_settings(ApplicationId=app_id)["ApplicationSettingsResource"]
    assert again["QuietTime"] == {"Start": "22:00", "End": "07:00"}
    assert error_code(
        lambda: client.update_application_settings(
            ApplicationId=app_id, WriteApplicationSettingsRequest={"Limits": {"Daily": 1000}}
        )
    ) == "BadRequestException"
    assert error_code(
        lambda: client.get_application_settings(ApplicationId="missing")
    ) == "NotFoundException"


@pytest.mark.parametrize("channel", sorted(CHANNEL_REQUESTS))
def test_channel_get_update_delete(client: Any, app_id: str, channel: str) -> None:
    suffix = f"{channel}_channel"
    get = getattr(client, f"get_{suffix}")
    assert error_code(lambda: get(ApplicationId=app_id)) == "NotFoundException"
    update = getattr(client, f"update_{suffix}")
    response = update(ApplicationId=app_id, **{REQUEST_MEMBER[channel]: CHANNEL_REQUESTS[channel]})
    body = next(v for k, v in response.items() if k != "ResponseMetadata")
    assert body["Platform"] == channel.upper()
    assert body["ApplicationId"] == app_id
    for secret in ("PrivateKey", "ApiKey", "ClientSecret", "SecretKey", "TokenKey"):
        assert secret not in body
    assert body["Version"] == 1
    again = update(ApplicationId=app_id, **{REQUEST_MEMBER[channel]: {**CHANNEL_REQUESTS[channel], "Enabled": False}})
    again_body = next(v for k, v in again.items() if k != "ResponseMetadata")
    assert again_body["Version"] == 2 and again_body["Enabled"] is False
    channels = client.get_channels(ApplicationId=app_id)["ChannelsResponse"]["Channels"]
    assert channel.upper() in channels
    getattr(client, f"delete_{suffix}")(ApplicationId=app_id)
    assert error_code(lambda: get(ApplicationId=app_id)) == "NotFoundException"
    assert error_code(lambda: get(ApplicationId="missing")) == "NotFoundException"


def test_email_channel_bad_input(client: Any, app_id: str, unchecked_client: Any) -> None:
    assert error_code(
        lambda: client.update_email_channel(
            ApplicationId=app_id, EmailChannelRequest={"FromAddress": "nope", "Identity": "arn:x"}
        )
    ) == "BadRequestException"
    assert error_code(
        lambda: unchecked_client.update_email_channel(
            ApplicationId=app_id, EmailChannelRequest={"Identity": "arn:x"}
        )
    ) == "BadRequestException"


def test_event_stream(client: Any, app_id: str) -> None:
    assert error_code(lambda: client.get_event_stream(ApplicationId=app_id)) == "NotFoundException"
    stream = {
        "DestinationStreamArn": "arn:aws:kinesis:us-east-1:123456789012:stream/s",
        "RoleArn": "arn:aws:iam::123456789012:role/r",
    }
    put = client.put_event_stream(ApplicationId=app_id, WriteEventStream=stream)["EventStream"]
    assert put["DestinationStreamArn"] == stream["DestinationStreamArn"]
    assert client.get_event_stream(ApplicationId=app_id)["EventStream"]["RoleArn"] == stream[
        "RoleArn"
    ]
    client.delete_event_stream(ApplicationId=app_id)
    assert error_code(lambda: client.delete_event_stream(ApplicationId=app_id)) == (
        "NotFoundException"
    )
    # Like moto's own Pinpoint, the double keeps the names as sent, ARN or not.
    kept = client.put_event_stream(
        ApplicationId=app_id, WriteEventStream={**stream, "RoleArn": "role"}
    )["EventStream"]
    assert kept["RoleArn"] == "role"


def test_tags_on_every_taggable_resource(client: Any, app_id: str) -> None:
    app_arn = client.get_app(ApplicationId=app_id)["ApplicationResponse"]["Arn"]
    segment = client.create_segment(ApplicationId=app_id, WriteSegmentRequest={"Name": "s"})[
        "SegmentResponse"
    ]
    campaign = client.create_campaign(
        ApplicationId=app_id, WriteCampaignRequest={"Name": "c", "SegmentId": segment["Id"]}
    )["CampaignResponse"]
    journey = client.create_journey(ApplicationId=app_id, WriteJourneyRequest={"Name": "j"})[
        "JourneyResponse"
    ]
    template_arn = client.create_sms_template(
        TemplateName="t1", SMSTemplateRequest={"Body": "hi"}
    )["CreateTemplateMessageBody"]["Arn"]
    journey_arn = f"{app_arn}/journeys/{journey['Id']}"
    for arn in (app_arn, segment["Arn"], campaign["Arn"], journey_arn, template_arn):
        client.tag_resource(ResourceArn=arn, TagsModel={"tags": {"team": "x", "env": "t"}})
        client.untag_resource(ResourceArn=arn, TagKeys=["env"])
        assert client.list_tags_for_resource(ResourceArn=arn)["TagsModel"]["tags"] == {
            "team": "x"
        }
    assert client.get_campaign(ApplicationId=app_id, CampaignId=campaign["Id"])[
        "CampaignResponse"
    ]["tags"] == {"team": "x"}
    missing = f"{app_arn}/campaigns/nope"
    assert error_code(lambda: client.list_tags_for_resource(ResourceArn=missing)) == (
        "NotFoundException"
    )
    too_many = {f"k{i}": "v" for i in range(51)}
    assert error_code(
        lambda: client.tag_resource(ResourceArn=app_arn, TagsModel={"tags": too_many})
    ) == "BadRequestException"
    assert error_code(
        lambda: client.list_tags_for_resource(ResourceArn="not-an-arn")
    ) == "BadRequestException"
