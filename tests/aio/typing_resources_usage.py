"""Typed use of the async resources; `test_async_typing.py` runs ``mypy --strict`` on it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from pinpoint_sdk import BatchResult, EventRecord, models
from pinpoint_sdk.aio import (
    AsyncApp,
    AsyncCampaign,
    AsyncEndpoint,
    AsyncExportJob,
    AsyncImportJob,
    AsyncJourney,
    AsyncPinpoint,
    AsyncPinpointClient,
    AsyncSegment,
    AsyncTemplate,
)
from pinpoint_sdk.builders import SegmentBuilder
from pinpoint_sdk.resources import ResponseInfo


async def rows() -> AsyncIterator[models.EndpointBatchItem]:
    for index in range(3):
        yield models.EndpointBatchItem(id=f"ep{index}", channel_type="EMAIL",
                                       address=f"u{index}@example.com")


async def campaigns(app: AsyncApp) -> list[str | None]:
    names = [campaign.name async for campaign in app.campaigns.page_size(20).limit(5)]
    first: AsyncCampaign | None = await app.campaigns.first()
    if first is not None:
        versions: list[models.CampaignResponse] = [
            v async for v in first.versions(page_size=10).limit(3)]
        names.extend(v.name for v in versions)
        updated: AsyncCampaign = await first.update(description="second wave")
        paused: AsyncCampaign = await updated.pause()
        last: models.CampaignResponse = await paused.delete()
        names.append(last.name)
    return names


async def main() -> None:
    client = AsyncPinpointClient(region_name="us-east-1")
    async with AsyncPinpoint(client) as pp:
        app: AsyncApp = await pp.apps.create("typed", tags={"team": "a"})
        info: ResponseInfo | None = app.last_response
        print(info.request_id if info is not None else None)
        segment: AsyncSegment = await app.segments.create(SegmentBuilder("vip").channel("EMAIL"))
        segment = await segment.update(name="vip-2")
        journey: AsyncJourney = await app.journeys.get("j-1")
        state: str | None = (await journey.pause()).data.state
        endpoints: BatchResult = await app.endpoints.upsert_many(rows(), concurrency=4)
        events: BatchResult = await app.events.put_many(
            [EventRecord("ep0", models.Event(event_type="buy", timestamp="2024-05-01T12:00:00Z"))],
            progress=lambda done, failed: print(done, failed),
        )
        endpoint: AsyncEndpoint = await (await app.endpoints.get("ep0")).reload()
        template: AsyncTemplate = await pp.templates.create(
            "welcome", models.EmailTemplateRequest(subject="Hi", html_part="<p>Hi</p>"))
        template = await template.update(subject="Hello", create_new_version=True)
        jobs: list[AsyncExportJob] = [job async for job in segment.export_jobs()]
        job: AsyncImportJob = await app.import_jobs.create(models.ImportJobRequest(
            s3_url="s3://bucket/in/", role_arn="arn:aws:iam::1:role/r", format="CSV"))
        done: AsyncImportJob = await job.wait(timeout=600, poll_interval=5)
        processed: int | None = done.data.total_processed
        print(state, endpoints.ok, events.failed, endpoint.id, processed, await campaigns(app),
              template.type, len(jobs))
    await client.close()


if __name__ == "__main__":
    asyncio.run(main())
