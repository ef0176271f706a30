"""Async resources: ``AsyncPinpoint``, read-modify-write, bulk writes with concurrency.

Shows the async resource layer (``pinpoint_sdk.aio.AsyncPinpoint``) in an ``asyncio``
program:

1. create an application and a segment (from a builder) with ``await``;
2. create a campaign, change it with ``await campaign.update(...)`` and pause it;
3. list campaigns with ``async for``;
4. upsert 1,000 endpoints from an async generator, one request at a time and then with
   four requests in flight, and compare the results and the time taken;
5. record events with ``await app.events.put_many(...)``.

Run it (no AWS account needed; offline it serves the in-memory Pinpoint of
pinpoint_sdk.testing over local HTTP, which the async client talks to):

    python examples/async_resources.py

Against real AWS (default credential chain; the app is deleted at the end unless --keep):

    python examples/async_resources.py --aws --region us-east-1
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

from async_quickstart import main

from pinpoint_sdk import EventRecord, models
from pinpoint_sdk.aio import AsyncPinpoint
from pinpoint_sdk.builders import SegmentBuilder


async def endpoints(count: int, prefix: str) -> AsyncIterator[models.EndpointBatchItem]:
    for n in range(count):
        yield models.EndpointBatchItem(id=f"{prefix}-{n:04d}", channel_type="EMAIL",
                                       address=f"{prefix}{n}@example.com")


async def run(client_kwargs: dict[str, Any], live: bool, keep: bool) -> None:
    async with AsyncPinpoint(**client_kwargs) as pp:
        # 1. An application and a segment built with the (shared) builder.
        app = await pp.apps.create("async-resources")
        print(f"app:       {app.id}  name={app.name}")
        segment = await app.segments.create(SegmentBuilder("email-users").channel("EMAIL"))

        # 2. A campaign, changed by read-modify-write, then paused.
        campaign = await app.campaigns.create(models.WriteCampaignRequest(
            name="spring", segment_id=segment.id,
            schedule=models.Schedule(start_time="IMMEDIATE"),
            message_configuration=models.MessageConfiguration(
                email_message=models.CampaignEmailMessage(
                    title="Spring sale", html_body="<p>sale</p>")),
        ))
        await campaign.update(description="second wave")
        await campaign.pause()
        print(f"campaign:  {campaign.name}  description={campaign.data.description!r}  "
              f"paused={campaign.data.is_paused}")

        # 3. Every campaign, lazily.
        print(f"campaigns: {[c.name async for c in app.campaigns]}")

        # 4. Bulk upserts from an async generator, sequential then concurrent.
        for concurrency in (1, 4):
            started = time.perf_counter()
            result = await app.endpoints.upsert_many(
                endpoints(1000, f"c{concurrency}"), concurrency=concurrency)
            took = time.perf_counter() - started
            print(f"upserted:  {result.succeeded} endpoints, {len(result.failed)} failed, "
                  f"concurrency={concurrency}, {took:.2f} s")

        # 5. Events.
        events = await app.events.put_many(
            EventRecord(f"c1-{n:04d}", models.Event(event_type="purchase",
                                                    timestamp="2024-05-01T12:00:00Z"))
            for n in range(250))
        print(f"events:    {events.succeeded} recorded, ok={events.ok}")

        if live and not keep:
            await app.delete()
            print(f"deleted application {app.id} (pass --keep to keep it)")


if __name__ == "__main__":
    main(run, __doc__)
