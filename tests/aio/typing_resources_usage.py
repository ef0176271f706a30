"""Typed use of the async resources; `test_async_typing.py` runs ``mypy --strict`` on it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime

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
    AsyncUser,
)
from pinpoint_sdk.builders import SegmentBuilder
from pinpoint_sdk.resources import ResponseInfo, SendResult


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


async def extras(pp: AsyncPinpoint, app: AsyncApp, journey: AsyncJourney) -> list[object]:
    sms = models.DirectMessageConfiguration(sms_message=models.SMSMessage(body="hi"))
    sent: SendResult = await app.send_messages(addresses={"+15555550100": "SMS"}, message=sms)
    to_users: SendResult = await app.send_users_messages(users=["u1"], message=sms)
    otp: SendResult = await app.send_otp(brand_name="Acme", channel="SMS", reference_id="r",
                                         destination_identity="+15555550100",
                                         origination_identity="+15555550199")
    valid: bool = await app.verify_otp("+15555550100", "123456", "r")
    phone: models.NumberValidateResponse = await pp.validate_phone_number("+12065550100")
    sms_channel: models.SMSChannelResponse = await app.channels.sms.update(
        models.SMSChannelRequest(enabled=True))
    email: models.EmailChannelResponse = await app.channels.email.get()
    channels: dict[str, models.ChannelResponse] = await app.channels.all()
    settings: models.ApplicationSettingsResource = await app.settings.update(
        quiet_time=models.QuietTime(start="22:00", end="07:00"))
    stream: models.EventStream = await app.event_stream.put("arn:stream", "arn:role")
    user: AsyncUser = await (await app.users.get("u1")).reload()
    first: AsyncEndpoint = user.endpoints[0]
    gone: list[AsyncEndpoint] = await user.delete()
    start, end = datetime(2024, 1, 1), datetime(2024, 2, 1)
    kpi: models.ApplicationDateRangeKpiResponse = await app.kpi("email-open-rate", start, end)
    run_metrics: models.JourneyRunExecutionMetricsResponse = await journey.execution_metrics(
        run_id="r1")
    activity: models.JourneyExecutionActivityMetricsResponse = await journey.activity_metrics("a")
    state: str | None = journey.state
    frame = await app.campaigns.limit(5).to_dataframe()
    return [sent, to_users, otp, valid, phone, sms_channel, email, channels, settings, stream,
            first, gone, kpi, run_metrics, activity, state, frame.shape]


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
