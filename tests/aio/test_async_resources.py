"""Async resources and collections against the offline server: every resource kind of
DESIGN §6 through `AsyncPinpoint` (get, create, update, delete, reload, listing), the
read-modify-write refusal shared with the sync layer, and ``await job.wait()``."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Iterator
from typing import TypeVar

import boto3
import pytest

from pinpoint_sdk import errors, models
from pinpoint_sdk.aio import (
    AsyncApp,
    AsyncCampaign,
    AsyncEndpoint,
    AsyncExportJob,
    AsyncImportJob,
    AsyncJourney,
    AsyncPinpoint,
    AsyncPinpointClient,
    AsyncRecommenderConfiguration,
    AsyncSegment,
    AsyncTemplate,
)
from pinpoint_sdk.builders import SegmentBuilder
from pinpoint_sdk.converter import structure, unstructure
from pinpoint_sdk.testing import get_backend, server

T = TypeVar("T")
ROLE = "arn:aws:iam::123456789012:role/pinpoint"


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with server() as running:
        yield running


def run(url: str, body: Callable[[AsyncPinpoint, AsyncApp], Awaitable[T]]) -> T:
    """Run ``body`` with an `AsyncPinpoint` on the offline server and a fresh app."""

    async def main() -> T:
        async with AsyncPinpoint(region_name="us-east-1", endpoint_url=url) as pp:
            app = await pp.apps.create(f"aio-{uuid.uuid4().hex[:8]}", tags={"team": "a"})
            return await body(pp, app)

    return asyncio.run(main())


def _segment_request(name: str) -> models.WriteSegmentRequest:
    return SegmentBuilder(name).channel("EMAIL").build()


def _campaign_request(segment_id: str, name: str) -> models.WriteCampaignRequest:
    return models.WriteCampaignRequest(
        name=name, segment_id=segment_id,
        message_configuration=models.MessageConfiguration(
            email_message=models.CampaignEmailMessage(
                title="Hi", html_body="<p>Hi</p>", from_address="a@example.com")),
        schedule=models.Schedule(start_time="IMMEDIATE"),
    )


def test_apps_create_get_list_reload_delete(url: str) -> None:
    async def body(pp: AsyncPinpoint, app: AsyncApp) -> None:
        assert isinstance(app, AsyncApp) and app.last_response is not None
        assert app.last_response.operation == "CreateApp"
        got = await pp.apps.get(app.id)
        assert got == app and got.data.tags == {"team": "a"}
        listed = [a async for a in pp.apps]
        assert app in listed
        assert [a async for a in pp.apps.page_size(1).limit(1)] == listed[:1]
        assert (await pp.apps.first()) == listed[0]
        assert (await app.reload()) is app
        last = await app.delete()
        assert last.id == app.id
        with pytest.raises(errors.NotFoundError):
            await pp.apps.get(app.id)

    run(url, body)


def test_segments_and_campaigns_read_modify_write(url: str) -> None:
    async def body(pp: AsyncPinpoint, app: AsyncApp) -> None:
        segment = await app.segments.create(SegmentBuilder("all").channel("EMAIL"))
        assert isinstance(segment, AsyncSegment) and segment.application_id == app.id
        assert (await segment.update(name="all-2")) is segment
        assert segment.data.name == "all-2"
        # The dimensions the update did not name were sent back unchanged.
        assert segment.data.dimensions == _segment_request("x").dimensions

        campaign = await app.campaigns.create(_campaign_request(segment.id, "spring"))
        assert isinstance(campaign, AsyncCampaign)
        await campaign.update(description="second wave")
        fetched = await app.campaigns.get(campaign.id)
        assert (fetched.data.name, fetched.data.description) == ("spring", "second wave")
        await campaign.pause()
        assert campaign.data.is_paused is True
        await campaign.resume()
        assert (await campaign.reload()).data.is_paused is False
        assert [c.id async for c in app.campaigns] == [campaign.id]
        assert [s.name async for s in app.segments] == ["all-2"]

        assert (await campaign.delete()).id == campaign.id
        assert (await segment.delete()).name == "all-2"
        assert [c async for c in app.campaigns] == []
        with pytest.raises(errors.NotFoundError):
            await segment.reload()

    run(url, body)


def test_update_refuses_what_it_cannot_send_back_like_the_sync_layer(url: str) -> None:
    async def body(pp: AsyncPinpoint, app: AsyncApp) -> None:
        segment = await app.segments.create(_segment_request("s"))
        campaign = await app.campaigns.create(_campaign_request(segment.id, "c"))
        before = campaign.data
        # A member the service returned with the wrong JSON type: neither sendable nor
        # droppable without deleting it, so nothing is sent.
        wire = unstructure(before)
        wire["Schedule"]["QuietTime"] = {"Start": {"hour": 22}, "End": "06:00"}
        campaign._data = structure(wire, models.CampaignResponse)
        with pytest.raises(errors.ValidationError) as info:
            await campaign.update(description="x")
        assert info.value.errors[0] == (
            "write_campaign_request.schedule.quiet_time.start",
            "the service returned an object where a string belongs")
        assert (await app.campaigns.get(campaign.id)).data.description is None
        # Replacing that member in the same update is accepted.
        await campaign.update(schedule=models.Schedule(start_time="IMMEDIATE"),
                              description="x")
        assert (await campaign.reload()).data.description == "x"

    run(url, body)


def test_journeys_state_changes_and_delete(url: str) -> None:
    async def body(pp: AsyncPinpoint, app: AsyncApp) -> None:
        journey = await app.journeys.create(models.WriteJourneyRequest(name="onboarding"))
        assert isinstance(journey, AsyncJourney)
        await journey.update(name="onboarding-2")
        assert journey.data.name == "onboarding-2"
        assert [j.name async for j in app.journeys] == ["onboarding-2"]
        await journey.cancel()
        assert journey.data.state == "CANCELLED"
        assert journey.last_response is not None
        assert journey.last_response.operation == "UpdateJourneyState"
        assert (await journey.delete()).id == journey.id

    run(url, body)


def test_endpoints_get_update_reload_delete(url: str) -> None:
    async def body(pp: AsyncPinpoint, app: AsyncApp) -> None:
        result = await app.endpoints.upsert_many([models.EndpointBatchItem(
            id="ep-1", channel_type="EMAIL", address="a@example.com")])
        assert result.ok
        endpoint = await app.endpoints.get("ep-1")
        assert isinstance(endpoint, AsyncEndpoint) and endpoint.id == "ep-1"
        await endpoint.update(attributes={"plan": ["pro"]})
        assert endpoint.data.attributes is None  # UpdateEndpoint answers no endpoint
        assert (await endpoint.reload()).data.attributes == {"plan": ["pro"]}
        assert endpoint.data.address == "a@example.com"
        assert (await app.endpoints.delete("ep-1")).id == "ep-1"
        with pytest.raises(errors.NotFoundError):
            await app.endpoints.get("ep-1")

    run(url, body)


def test_export_and_import_jobs_wait_for_completion_and_failure(url: str) -> None:
    boto3.client("s3", endpoint_url=url, region_name="us-east-1").create_bucket(Bucket="aio-jobs")
    get_backend().fail_jobs_at("s3://aio-jobs/broken/")

    async def body(pp: AsyncPinpoint, app: AsyncApp) -> None:
        await app.endpoints.upsert_many(
            models.EndpointBatchItem(id=f"ep{i}", channel_type="EMAIL",
                                     address=f"u{i}@example.com") for i in range(3))
        export = await app.export_jobs.create(
            models.ExportJobRequest(s3_url_prefix="s3://aio-jobs/out/", role_arn=ROLE))
        assert isinstance(export, AsyncExportJob)
        assert (await export.wait(poll_interval=0)) is export
        assert export.status == "COMPLETED"
        assert [j.id async for j in app.export_jobs] == [export.id]

        target = await pp.apps.create("target")
        imported = await target.import_jobs.create(models.ImportJobRequest(
            s3_url="s3://aio-jobs/out/", role_arn=ROLE, format="JSON"))
        assert isinstance(imported, AsyncImportJob)
        await imported.wait(poll_interval=0)
        assert imported.data.total_processed == 3
        assert (await target.endpoints.get("ep2")).data.address == "u2@example.com"
        assert (await target.import_jobs.get(imported.id)) == imported

        failing = await app.import_jobs.create(models.ImportJobRequest(
            s3_url="s3://aio-jobs/broken/", role_arn=ROLE, format="CSV"))
        with pytest.raises(errors.JobFailedError) as info:
            await failing.wait(poll_interval=0)
        assert info.value.failures and failing.status == "FAILED"

        stuck = await app.export_jobs.create(
            models.ExportJobRequest(s3_url_prefix="s3://aio-jobs/slow/", role_arn=ROLE))
        with pytest.raises(errors.WaiterTimeoutError):
            await stuck.wait(timeout=0)

    run(url, body)


def test_a_resource_wraps_a_client_passed_in_and_leaves_it_open(url: str) -> None:
    async def main() -> list[str]:
        async with AsyncPinpointClient(region_name="us-east-1", endpoint_url=url) as client:
            async with AsyncPinpoint(client) as pp:
                app = await pp.apps.create("kept-open")
            # The client passed in is still usable after the resource root closed.
            names = [a.name async for a in AsyncPinpoint(client).apps]
            await app.delete()
            return [name for name in names if name == "kept-open"]

    assert asyncio.run(main()) == ["kept-open"]
    with pytest.raises(TypeError):
        AsyncPinpoint(object(), region_name="us-east-1")


def test_templates_create_update_versions_and_delete(url: str) -> None:
    name = f"welcome-{uuid.uuid4().hex[:6]}"

    async def body(pp: AsyncPinpoint, app: AsyncApp) -> None:
        template = await pp.templates.create(
            name, models.EmailTemplateRequest(subject="Hi", html_part="<p>Hi</p>"))
        assert isinstance(template, AsyncTemplate)
        assert (template.id, template.type) == (name, "EMAIL")
        # From a listing (a summary): the update reloads the full template first.
        listed = [t async for t in app.templates.filter(prefix=name)]
        assert [t.name for t in listed] == [name]
        summary = listed[0]
        assert (await summary.update(subject="Hello")) is summary
        assert summary.data.subject == "Hello" and summary.data.html_part == "<p>Hi</p>"
        fetched = await pp.templates.get(name, "EMAIL")
        assert fetched == summary and fetched.data.subject == "Hello"
        await fetched.update(subject="Hola", create_new_version=True)
        newest = await fetched.get_version(str(int(fetched.data.version or "1") + 1))
        assert newest.subject == "Hola" and fetched.data.subject == "Hello"
        await fetched.set_active_version(str(newest.version))
        assert fetched.data.subject == "Hola"
        assert fetched.last_response is not None
        assert sorted([v.version async for v in fetched.versions()]) == ["1", "2"]
        last = await fetched.delete()
        assert last.template_name == name
        with pytest.raises(errors.NotFoundError):
            await pp.templates.get(name, "EMAIL")
        with pytest.raises(errors.ValidationError, match="template request model"):
            await pp.templates.create(name, models.WriteSegmentRequest(name="x"))  # type: ignore[arg-type]

    run(url, body)


def test_recommender_configurations(url: str) -> None:
    async def body(pp: AsyncPinpoint, app: AsyncApp) -> None:
        config = await pp.recommender_configurations.create(
            models.CreateRecommenderConfiguration(
                recommendation_provider_role_arn=ROLE,
                recommendation_provider_uri="arn:aws:personalize:us-east-1:1:campaign/c",
                name="recs",
            ))
        assert isinstance(config, AsyncRecommenderConfiguration)
        await config.update(description="v2")
        assert (await pp.recommender_configurations.get(config.id)).data.description == "v2"
        assert config.id in [c.id async for c in pp.recommender_configurations]
        assert (await config.delete()).id == config.id

    run(url, body)


def test_sub_item_listings_versions_activities_runs_and_jobs(url: str) -> None:
    boto3.client("s3", endpoint_url=url, region_name="us-east-1").create_bucket(
        Bucket="aio-listings")

    async def body(pp: AsyncPinpoint, app: AsyncApp) -> None:
        segment = await app.segments.create(_segment_request("s"))
        await segment.update(name="s-2")
        assert sorted([v.version async for v in segment.versions()]) == [1, 2]
        assert sorted([v.name async for v in segment.versions()]) == ["s", "s-2"]
        assert len([v async for v in segment.versions().page_size(1).limit(1)]) == 1
        campaign = await app.campaigns.create(_campaign_request(segment.id, "c"))
        await campaign.update(description="v2")
        versions = [v.version async for v in campaign.versions()]
        assert sorted(versions) == [1, 2]
        assert campaign.last_response is not None
        assert campaign.last_response.operation == "GetCampaignVersions"
        activities = [a async for a in campaign.activities()]
        assert all(a.campaign_id == campaign.id for a in activities)
        journey = await app.journeys.create(models.WriteJourneyRequest(name="j"))
        assert [r async for r in journey.runs().limit(5)] == []
        export = await app.export_jobs.create(models.ExportJobRequest(
            s3_url_prefix="s3://aio-listings/out/", role_arn=ROLE, segment_id=segment.id))
        jobs = [j async for j in segment.export_jobs()]
        assert jobs == [export] and isinstance(jobs[0], AsyncExportJob)
        assert [j async for j in segment.import_jobs()] == []

    run(url, body)
