"""The resource layer end to end against the offline double (``pinpoint_sdk.testing``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pinpoint_sdk import errors, models
from pinpoint_sdk.batching import EventRecord
from pinpoint_sdk.resources import App, Pinpoint
from pinpoint_sdk.testing import mock_pinpoint


@pytest.fixture
def pp() -> Iterator[Pinpoint]:
    with mock_pinpoint():
        yield Pinpoint(region_name="us-east-1")


@pytest.fixture
def app(pp: Pinpoint) -> App:
    return pp.apps.create("demo", tags={"team": "growth"})


def test_apps_create_get_iterate_delete(pp: Pinpoint) -> None:
    created = [pp.apps.create(f"app{i}") for i in range(3)]

    assert sorted(a.name or "" for a in pp.apps.page_size(1)) == ["app0", "app1", "app2"]
    assert pp.apps.get(created[1].id) == created[1]
    created[1].delete()
    with pytest.raises(errors.NotFoundError):
        pp.apps.get(created[1].id)


def test_upserted_endpoints_can_be_read_back(app: App) -> None:
    result = app.endpoints.upsert_many(
        models.EndpointBatchItem(
            id=f"ep{i}", channel_type="EMAIL", address=f"u{i}@example.com",
            user=models.EndpointUser(user_id="u1") if i < 3 else None,
        )
        for i in range(250)
    )

    assert result.ok and result.succeeded == 250
    assert app.endpoints.get("ep249").data.address == "u249@example.com"
    assert [e.id for e in app.users.get("u1").endpoints] == ["ep0", "ep1", "ep2"]


def test_put_many_against_the_double(app: App) -> None:
    records = (
        EventRecord(f"ep{i}", models.Event(event_type="buy", timestamp="2024-05-01T12:00:00Z"))
        for i in range(150)
    )

    result = app.events.put_many(records)

    assert (result.succeeded, result.failed) == (150, [])


def test_segment_update_and_journey_lifecycle(app: App) -> None:
    segment = app.segments.create(models.WriteSegmentRequest(
        name="emailers",
        dimensions=models.SegmentDimensions(demographic=models.SegmentDemographics(
            channel=models.SetDimension(values=["EMAIL"]))),
    ))
    segment.update(name="email-users")
    journey = app.journeys.create(
        models.WriteJourneyRequest(name="onboarding", refresh_frequency="PT1H")
    )

    assert app.segments.get(segment.id).name == "email-users"
    assert journey.resume().state == "ACTIVE"
    assert journey.pause().state == "PAUSED"
    assert journey.cancel().state == "CANCELLED"
    assert [j.id for j in app.journeys] == [journey.id]


def test_missing_ids_raise_not_found_from_get(app: App) -> None:
    with pytest.raises(errors.NotFoundError):
        app.campaigns.get("missing")
    with pytest.raises(errors.NotFoundError):
        app.journeys.get("missing")
    with pytest.raises(errors.NotFoundError):
        app.endpoints.get("missing")


def test_templates_create_update_and_list(pp: Pinpoint) -> None:
    template = pp.templates.create(
        "welcome", models.EmailTemplateRequest(subject="Hi", html_part="<p>Hi</p>")
    )

    template.update(subject="Hello")

    assert template.type == "EMAIL"
    assert pp.templates.get("welcome", "EMAIL").data.subject == "Hello"
    assert pp.templates.get("welcome", "EMAIL").data.html_part == "<p>Hi</p>"
    assert [t.name for t in pp.templates.filter(template_type="EMAIL")] == ["welcome"]


def test_campaign_versions_and_segment_versions(app: App) -> None:
    segment = app.segments.create(models.WriteSegmentRequest(
        name="all", dimensions=models.SegmentDimensions()))
    segment.update(name="all-v2")
    campaign = app.campaigns.create(models.WriteCampaignRequest(
        name="spring", segment_id=segment.id,
        schedule=models.Schedule(start_time="IMMEDIATE"),
        message_configuration=models.MessageConfiguration(
            default_message=models.Message(body="hi")),
    ))
    campaign.update(description="second")

    assert sorted(s.version or 0 for s in segment.versions()) == [1, 2]
    assert sorted(c.version or 0 for c in campaign.versions()) == [1, 2]


def test_pinpoint_forwards_client_arguments_and_keeps_standard_retries() -> None:
    with mock_pinpoint():
        pp = Pinpoint(region_name="eu-west-1", endpoint_url="https://pinpoint.example.test")
        meta = pp.client.boto3_client.meta
        assert meta.endpoint_url == "https://pinpoint.example.test"
        assert meta.region_name == "eu-west-1"
        assert meta.config.retries["mode"] == "standard"


def test_pinpoint_refuses_a_client_together_with_client_arguments(pp: Pinpoint) -> None:
    with pytest.raises(TypeError):
        Pinpoint(pp.client, endpoint_url="https://pinpoint.example.test")


def test_collection_to_dataframe_has_one_row_per_item(pp: Pinpoint) -> None:
    names = {pp.apps.create(f"frame{i}").name for i in range(3)}

    frame = pp.apps.page_size(2).to_dataframe()

    assert set(frame["name"]) == names
    assert len(frame) == 3


def test_resource_renders_its_data_as_html(app: App) -> None:
    html = app._repr_html_()

    assert "demo" in html
    assert app.id in html
