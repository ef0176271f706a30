"""moto's own Pinpoint behaviour still holds with the double loaded (plain ``mock_aws``).

These cases restate what moto's ``tests/test_pinpoint`` suite checks for apps,
application settings, tags and event streams, so code written against moto keeps
passing when this package is imported. They are rewritten rather than fetched from
moto's sdist so that the suite runs offline. moto 5.2's 14 cases, and the test here
that asserts the same (in the same regions):

- test_pinpoint.py: ``test_create_app`` and ``test_get_app`` ->
  ``test_create_and_get_app``; ``test_delete_app`` ->
  ``test_delete_app_returns_it_then_get_says_application_not_found``;
  ``test_get_apps_initial`` and ``test_get_apps`` ->
  ``test_get_apps_starts_empty_then_lists_the_app``; ``test_update_application_settings``
  and ``test_get_application_settings`` -> ``test_update_then_get_application_settings``.
- test_pinpoint_application_tags.py: ``test_list_tags_for_resource_empty`` ->
  ``test_new_app_lists_empty_tags``; ``test_list_tags_for_resource`` ->
  ``test_tags_given_at_creation_are_listed``; ``test_tag_resource`` ->
  ``test_tag_resource_adds_tags``; ``test_untag_resource`` ->
  ``test_untag_resource_removes_only_named_keys``.
- test_pinpoint_event_stream.py: ``test_put_event_stream`` and ``test_get_event_stream``
  -> ``test_put_and_get_event_stream_keep_names_as_sent``; ``test_delete_event_stream``
  -> ``test_delete_event_stream_returns_it_then_get_says_resource_not_found``.
"""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

import pinpoint_sdk.testing  # noqa: F401  (importing it installs the double)

SETTINGS = {
    "CampaignHook": {"LambdaFunctionName": "lfn"},
    "CloudWatchMetricsEnabled": True,
    "EventTaggingEnabled": True,
    "Limits": {"Daily": 42},
}
STREAM = {"DestinationStreamArn": "kinesis:arn", "RoleArn": "iam:arn"}


@pytest.fixture
def region() -> str:
    return "us-east-1"


@pytest.fixture
def pinpoint(region: str) -> Any:
    with mock_aws():
        yield boto3.client("pinpoint", region_name=region)


def _new_app(client: Any, **extra: Any) -> dict[str, Any]:
    request = {"Name": "myfirstapp", **extra}
    created: dict[str, Any] = client.create_app(CreateApplicationRequest=request)[
        "ApplicationResponse"
    ]
    return created


def _assert_app(app: dict[str, Any], region: str) -> None:
    assert region in app["Arn"]
    assert app["Name"] == "myfirstapp"
    assert {"Id", "CreationDate"} <= set(app)


@pytest.mark.parametrize("region", ["us-east-1", "eu-west-1"])
def test_create_and_get_app(pinpoint: Any, region: str) -> None:
    created = _new_app(pinpoint)
    _assert_app(created, region)
    fetched = pinpoint.get_app(ApplicationId=created["Id"])["ApplicationResponse"]
    _assert_app(fetched, region)
    assert fetched["Id"] == created["Id"]


@pytest.mark.parametrize("region", ["ap-southeast-1"])
def test_delete_app_returns_it_then_get_says_application_not_found(pinpoint: Any) -> None:
    created = _new_app(pinpoint)
    assert pinpoint.delete_app(ApplicationId=created["Id"])["ApplicationResponse"] == created
    with pytest.raises(ClientError) as info:
        pinpoint.get_app(ApplicationId=created["Id"])
    assert info.value.response["Error"]["Code"] == "NotFoundException"
    assert info.value.response["Error"]["Message"] == "Application not found"


def test_get_apps_starts_empty_then_lists_the_app(pinpoint: Any) -> None:
    assert pinpoint.get_apps()["ApplicationsResponse"] == {"Item": []}
    created = _new_app(pinpoint)
    items = pinpoint.get_apps()["ApplicationsResponse"]["Item"]
    assert len(items) == 1
    assert items[0]["Id"] == created["Id"]
    assert items[0]["Name"] == "myfirstapp"
    assert {"Arn", "CreationDate"} <= set(items[0])


@pytest.mark.parametrize("region", ["eu-west-1", "ap-southeast-1"])
def test_update_then_get_application_settings(pinpoint: Any) -> None:
    app_id = _new_app(pinpoint)["Id"]
    updated = pinpoint.update_application_settings(
        ApplicationId=app_id, WriteApplicationSettingsRequest=SETTINGS
    )["ApplicationSettingsResource"]
    fetched = pinpoint.get_application_settings(ApplicationId=app_id)[
        "ApplicationSettingsResource"
    ]
    for settings in (updated, fetched):
        assert settings["ApplicationId"] == app_id
        assert settings["CampaignHook"] == {"LambdaFunctionName": "lfn"}
        assert settings["Limits"] == {"Daily": 42}
        assert "LastModifiedDate" in settings


@pytest.mark.parametrize("region", ["ap-southeast-1"])
def test_new_app_lists_empty_tags(pinpoint: Any) -> None:
    arn = _new_app(pinpoint)["Arn"]
    assert pinpoint.list_tags_for_resource(ResourceArn=arn)["TagsModel"] == {"tags": {}}


@pytest.mark.parametrize("region", ["ap-southeast-1"])
def test_tags_given_at_creation_are_listed(pinpoint: Any) -> None:
    arn = _new_app(pinpoint, tags={"key1": "value1", "key2": "value2"})["Arn"]
    tags = pinpoint.list_tags_for_resource(ResourceArn=arn)["TagsModel"]["tags"]
    assert tags == {"key1": "value1", "key2": "value2"}


def test_tag_resource_adds_tags(pinpoint: Any) -> None:
    arn = _new_app(pinpoint)["Arn"]
    pinpoint.tag_resource(
        ResourceArn=arn, TagsModel={"tags": {"key1": "value1", "key2": "value2"}}
    )
    tags = pinpoint.list_tags_for_resource(ResourceArn=arn)["TagsModel"]["tags"]
    assert tags == {"key1": "value1", "key2": "value2"}


@pytest.mark.parametrize("region", ["eu-west-1"])
def test_untag_resource_removes_only_named_keys(pinpoint: Any) -> None:
    arn = _new_app(pinpoint, tags={"key1": "value1"})["Arn"]
    pinpoint.tag_resource(ResourceArn=arn, TagsModel={"tags": {"key2": "value2", "key3": "value3"}})
    pinpoint.untag_resource(ResourceArn=arn, TagKeys=["key2"])
    tags = pinpoint.list_tags_for_resource(ResourceArn=arn)["TagsModel"]["tags"]
    assert tags == {"key1": "value1", "key3": "value3"}


def _assert_stream(stream: dict[str, Any], app_id: str) -> None:
    assert stream["ApplicationId"] == app_id
    assert stream["DestinationStreamArn"] == "kinesis:arn"
    assert stream["RoleArn"] == "iam:arn"
    assert "LastModifiedDate" in stream


@pytest.mark.parametrize("region", ["eu-west-1", "us-east-1"])
def test_put_and_get_event_stream_keep_names_as_sent(pinpoint: Any) -> None:
    app_id = _new_app(pinpoint)["Id"]
    put = pinpoint.put_event_stream(ApplicationId=app_id, WriteEventStream=STREAM)
    _assert_stream(put["EventStream"], app_id)
    _assert_stream(pinpoint.get_event_stream(ApplicationId=app_id)["EventStream"], app_id)


def test_delete_event_stream_returns_it_then_get_says_resource_not_found(
    pinpoint: Any,
) -> None:
    app_id = _new_app(pinpoint)["Id"]
    pinpoint.put_event_stream(ApplicationId=app_id, WriteEventStream=STREAM)
    _assert_stream(pinpoint.delete_event_stream(ApplicationId=app_id)["EventStream"], app_id)
    with pytest.raises(ClientError) as info:
        pinpoint.get_event_stream(ApplicationId=app_id)
    assert info.value.response["Error"]["Code"] == "NotFoundException"
    assert info.value.response["Error"]["Message"] == "Resource not found"
