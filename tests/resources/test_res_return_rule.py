"""One rule for what resource verbs return: the resource for update/tag/state changes,
the deleted resource's last state (the type of ``data``) for delete."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pinpoint_sdk import models
from pinpoint_sdk.resources import App, Pinpoint, Resource
from pinpoint_sdk.testing import mock_pinpoint

pytestmark = pytest.mark.filterwarnings("ignore::pinpoint_sdk.errors.PinpointEndOfSupportWarning")


@pytest.fixture
def pp() -> Iterator[Pinpoint]:
    with mock_pinpoint():
        yield Pinpoint(region_name="us-east-1")


@pytest.fixture
def app(pp: Pinpoint) -> App:
    return pp.apps.create("demo")


def _deleted_like_data(resource: Resource[object]) -> None:
    data_type = type(resource.data)
    last = resource.delete()  # type: ignore[attr-defined]
    assert type(last) is data_type
    assert getattr(last, "id", None) == getattr(resource.data, "id", None)


def test_engagement_resources_follow_the_rule(app: App) -> None:
    segment = app.segments.create(models.WriteSegmentRequest(
        name="s", dimensions=models.SegmentDimensions()))
    campaign = app.campaigns.create(models.WriteCampaignRequest(
        name="c", segment_id=segment.id, schedule=models.Schedule(start_time="IMMEDIATE")))
    journey = app.journeys.create(models.WriteJourneyRequest(name="j"))

    assert segment.update(name="s2") is segment and segment.data.name == "s2"
    assert campaign.update(name="c2") is campaign and campaign.data.name == "c2"
    assert campaign.pause() is campaign and campaign.data.is_paused is True
    assert campaign.resume() is campaign
    assert journey.update(name="j2") is journey and journey.data.name == "j2"
    assert journey.reload() is journey
    for resource in (campaign, journey, segment):
        _deleted_like_data(resource)


def test_app_endpoint_template_recommender_follow_the_rule(pp: Pinpoint, app: App) -> None:
    assert app.tag({"env": "prod"}) is app and app.tags == {"env": "prod"}
    assert app.untag("env") is app and app.tags == {}

    app.endpoints.upsert("ep1", models.EndpointRequest(channel_type="EMAIL", address="a@x.com"))
    endpoint = app.endpoints.get("ep1")
    assert endpoint.update(address="b@x.com") is endpoint
    assert endpoint.reload().data.address == "b@x.com"
    _deleted_like_data(endpoint)

    template = pp.templates.create("t", models.EmailTemplateRequest(subject="a", html_part="x"))
    assert template.update(subject="b") is template and template.data.subject == "b"
    template.update(subject="c", create_new_version=True)
    assert template.data.subject == "b"  # a new version is not the active one
    assert template.set_active_version("2") is template
    assert template.data.subject == "c"  # reloaded after the switch
    last = template.delete()
    assert isinstance(last, models.EmailTemplateResponse) and last.template_name == "t"

    config = pp.recommender_configurations.create(models.CreateRecommenderConfiguration(
        recommendation_provider_role_arn="arn:aws:iam::123456789012:role/r",
        recommendation_provider_uri="arn:aws:personalize:us-east-1:123456789012:campaign/c",
        name="rec"))
    assert config.update(description="v2") is config and config.data.description == "v2"
    _deleted_like_data(config)

    _deleted_like_data(app)


def test_app_parts_return_the_service_answer(app: App) -> None:
    # Channels, settings and the event stream hold no `data`: each verb returns the model
    # the service answers, delete the settings as they were.
    email = app.channels.email
    updated = email.update(models.EmailChannelRequest(
        from_address="a@example.com", identity="arn:aws:ses:us-east-1:1:identity/x",
        enabled=True))
    assert isinstance(updated, models.EmailChannelResponse) and updated.enabled is True
    assert email.get().from_address == "a@example.com"
    last = email.delete()
    assert isinstance(last, models.EmailChannelResponse)
    assert last.from_address == "a@example.com"
    assert email.last_response is not None and email.last_response.operation == \
        "DeleteEmailChannel"

    settings = app.settings.update(limits=models.CampaignLimits(daily=5))
    assert isinstance(settings, models.ApplicationSettingsResource)
    got = app.settings.get().limits
    assert got is not None and got.daily == 5

    stream_arn = "arn:aws:kinesis:us-east-1:123456789012:stream/s"
    role_arn = "arn:aws:iam::123456789012:role/r"
    put = app.event_stream.put(stream_arn, role_arn)
    assert isinstance(put, models.EventStream) and put.destination_stream_arn == stream_arn
    assert app.event_stream.update(stream_arn, role_arn).role_arn == role_arn
    gone = app.event_stream.delete()
    assert isinstance(gone, models.EventStream) and gone.destination_stream_arn == stream_arn
    assert app.event_stream.last_response is not None


def test_user_delete_returns_the_endpoints_as_they_were(app: App) -> None:
    app.endpoints.upsert("ep1", models.EndpointRequest(
        channel_type="EMAIL", address="a@x.com", user=models.EndpointUser(user_id="u1")))
    user = app.users.get("u1")
    before = user.last_response
    deleted = user.delete()
    assert [e.id for e in deleted] == ["ep1"] and deleted[0].data.address == "a@x.com"
    assert user.last_response is not None and user.last_response != before
    assert user.last_response.operation == "DeleteUserEndpoints"
