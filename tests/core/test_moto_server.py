"""The typed client against moto's standalone server (real HTTP, real botocore parsing).

The server runs in this process with `pinpoint_sdk.testing` imported, so it answers
every Pinpoint operation from the offline double, not only moto's own few.
"""

from __future__ import annotations

import contextlib
import socket
import uuid
from collections.abc import Iterator

import pytest
from moto.server import ThreadedMotoServer

import pinpoint_sdk.testing  # noqa: F401  (installs the double before the server starts)
from pinpoint_sdk import PinpointClient, errors, models
from pinpoint_sdk.converter import unstructure


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def client(moto_endpoint: str) -> PinpointClient:
    return PinpointClient(endpoint_url=moto_endpoint, region_name="us-east-1")


@pytest.fixture
def app(client: PinpointClient) -> Iterator[models.ApplicationResponse]:
    created = client.create_app(
        create_application_request=models.CreateApplicationRequest(
            name=f"app-{uuid.uuid4().hex[:8]}", tags={"team": "core"}
        )
    )
    assert created.application_response is not None
    yield created.application_response
    assert created.application_response.id is not None
    with contextlib.suppress(errors.NotFoundError):
        client.delete_app(application_id=created.application_response.id)


def test_create_app_returns_typed_application(
    client: PinpointClient, app: models.ApplicationResponse
) -> None:
    assert isinstance(app, models.ApplicationResponse)
    assert app.id and app.arn and app.arn.endswith(app.id)
    assert app.name is not None and app.name.startswith("app-")


def test_create_app_result_carries_response_metadata(client: PinpointClient) -> None:
    result = client.create_app(
        create_application_request=models.CreateApplicationRequest(name="meta")
    )
    assert result.http_status_code == 201
    assert result.request_id
    assert result.application_response is not None
    assert result.application_response.id is not None
    client.delete_app(application_id=result.application_response.id)


def test_get_app_returns_what_was_created(
    client: PinpointClient, app: models.ApplicationResponse
) -> None:
    assert app.id is not None
    fetched = client.get_app(application_id=app.id).application_response
    assert fetched is not None
    assert (fetched.id, fetched.name, fetched.arn) == (app.id, app.name, app.arn)


def test_creation_date_is_kept_as_sent(
    client: PinpointClient, app: models.ApplicationResponse
) -> None:
    # Whatever the server sends as CreationDate (moto itself sends a JSON number) is kept.
    assert app.id is not None
    fetched = client.get_app(application_id=app.id).application_response
    assert fetched is not None
    raw = client.boto3_client.get_app(ApplicationId=app.id)["ApplicationResponse"]
    assert fetched.creation_date == raw.get("CreationDate")
    assert unstructure(fetched) == raw


def test_delete_app_then_get_raises_not_found(client: PinpointClient) -> None:
    created = client.create_app(
        create_application_request=models.CreateApplicationRequest(name="short-lived")
    ).application_response
    assert created is not None and created.id is not None
    deleted = client.delete_app(application_id=created.id).application_response
    assert deleted is not None and deleted.id == created.id
    with pytest.raises(errors.NotFoundError) as info:
        client.get_app(application_id=created.id)
    assert info.value.status_code == 404
    assert info.value.operation_name == "GetApp"


def test_missing_app_raises_not_found(client: PinpointClient) -> None:
    with pytest.raises(errors.NotFoundError) as info:
        client.get_app(application_id="does-not-exist")
    assert info.value.code == "NotFoundException"
    assert info.value.retryable is False


def test_get_apps_lists_created_app(
    client: PinpointClient, app: models.ApplicationResponse
) -> None:
    listed = client.get_apps().applications_response
    assert listed is not None and listed.item is not None
    assert app.id in {item.id for item in listed.item}
    assert all(isinstance(item, models.ApplicationResponse) for item in listed.item)


def test_get_apps_pages_yields_created_apps(
    client: PinpointClient, app: models.ApplicationResponse
) -> None:
    ids = set()
    for page in client.get_apps_pages(page_size=2):
        assert isinstance(page, models.GetAppsResponse)
        assert page.applications_response is not None
        ids |= {item.id for item in page.applications_response.item or []}
    assert app.id in ids


def test_update_and_get_application_settings(
    client: PinpointClient, app: models.ApplicationResponse
) -> None:
    assert app.id is not None
    updated = client.update_application_settings(
        application_id=app.id,
        write_application_settings_request=models.WriteApplicationSettingsRequest(
            campaign_hook=models.CampaignHook(lambda_function_name="hook-fn", mode="FILTER"),
            cloud_watch_metrics_enabled=True,
            limits=models.CampaignLimits(daily=10, total=100),
            quiet_time=models.QuietTime(start="22:00", end="06:00"),
        ),
    ).application_settings_resource
    assert isinstance(updated, models.ApplicationSettingsResource)
    settings = client.get_application_settings(application_id=app.id)
    resource = settings.application_settings_resource
    assert resource is not None
    assert resource.application_id == app.id
    assert resource.quiet_time == models.QuietTime(start="22:00", end="06:00")
    assert isinstance(resource.campaign_hook, models.CampaignHook)
    assert resource.campaign_hook.lambda_function_name == "hook-fn"
    assert resource.limits is not None and resource.limits.daily == 10


def test_tag_list_untag(client: PinpointClient, app: models.ApplicationResponse) -> None:
    assert app.arn is not None
    result = client.tag_resource(
        resource_arn=app.arn, tags_model=models.TagsModel(tags={"env": "test"})
    )
    assert result is None
    tags = client.list_tags_for_resource(resource_arn=app.arn).tags_model
    assert tags is not None and tags.tags == {"team": "core", "env": "test"}
    client.untag_resource(resource_arn=app.arn, tag_keys=["team"])
    tags = client.list_tags_for_resource(resource_arn=app.arn).tags_model
    assert tags is not None and tags.tags == {"env": "test"}


def test_event_stream_put_get_delete(
    client: PinpointClient, app: models.ApplicationResponse
) -> None:
    assert app.id is not None
    stream_arn = "arn:aws:kinesis:us-east-1:123456789012:stream/events"
    role_arn = "arn:aws:iam::123456789012:role/pinpoint-events"
    put = client.put_event_stream(
        application_id=app.id,
        write_event_stream=models.WriteEventStream(
            destination_stream_arn=stream_arn, role_arn=role_arn
        ),
    ).event_stream
    assert isinstance(put, models.EventStream)
    got = client.get_event_stream(application_id=app.id).event_stream
    assert got is not None
    assert (got.application_id, got.destination_stream_arn, got.role_arn) == (
        app.id, stream_arn, role_arn
    )
    deleted = client.delete_event_stream(application_id=app.id).event_stream
    assert deleted is not None and deleted.destination_stream_arn == stream_arn
    with pytest.raises(errors.NotFoundError):
        client.get_event_stream(application_id=app.id)


def test_segments_endpoints_and_events_are_served(
    client: PinpointClient, app: models.ApplicationResponse
) -> None:
    assert app.id is not None
    segment = client.create_segment(
        application_id=app.id,
        write_segment_request=models.WriteSegmentRequest(name="everyone"),
    ).segment_response
    assert segment is not None and segment.name == "everyone"
    client.update_endpoint(
        application_id=app.id,
        endpoint_id="ep1",
        endpoint_request=models.EndpointRequest(channel_type="EMAIL", address="a@example.com"),
    )
    endpoint = client.get_endpoint(application_id=app.id, endpoint_id="ep1").endpoint_response
    assert endpoint is not None and endpoint.address == "a@example.com"
    segments = client.get_segments(application_id=app.id).segments_response
    assert segments is not None and segments.item is not None
    assert [item.id for item in segments.item] == [segment.id]
