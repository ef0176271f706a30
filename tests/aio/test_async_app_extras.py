"""The async application's messaging, OTP and phone validation against the in-process
offline double: the same requests, checks and `SendResult`s as the sync `App`, each call's
answer kept as `last_response`."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import pytest

from pinpoint_sdk import Pinpoint, errors, models
from pinpoint_sdk.aio import AsyncApp, AsyncPinpoint
from pinpoint_sdk.testing import PinpointMock, mock_pinpoint

T = TypeVar("T")
SMS = models.DirectMessageConfiguration(sms_message=models.SMSMessage(body="Your order shipped"))


def run(body: Callable[[AsyncPinpoint, AsyncApp, PinpointMock], Awaitable[T]]) -> T:
    """Run ``body`` with an `AsyncPinpoint` on a fresh in-process double and a new app."""

    async def main(double: PinpointMock) -> T:
        async with AsyncPinpoint(region_name="us-east-1") as pp:
            app = await pp.apps.create("aio-extras")
            return await body(pp, app, double)

    with mock_pinpoint() as double:
        return asyncio.run(main(double))


def test_send_messages_reports_every_address_and_records_the_response() -> None:
    async def body(pp: AsyncPinpoint, app: AsyncApp, double: PinpointMock) -> None:
        result = await app.send_messages(
            addresses={"+15555550100": "SMS", "+15555550101": "SMS"}, message=SMS
        )
        assert sorted(d.recipient for d in result.deliveries) == ["+15555550100",
                                                                  "+15555550101"]
        assert result.ok and result.request_id
        assert app.last_response is not None
        assert app.last_response.request_id
        sent = [m["Address"] for m in double.backend().sent_messages]
        assert sorted(sent) == ["+15555550100", "+15555550101"]

    run(body)


def test_send_messages_refuses_bad_input_before_any_call() -> None:
    async def body(pp: AsyncPinpoint, app: AsyncApp, double: PinpointMock) -> None:
        with pytest.raises(errors.ValidationError, match="at most 100"):
            await app.send_messages(addresses={f"+1555{i:07d}": "SMS" for i in range(101)})
        with pytest.raises(errors.ValidationError, match="no recipients"):
            await app.send_messages(message=SMS)
        with pytest.raises(TypeError, match="not both"):
            await app.send_messages(models.MessageRequest(
                message_configuration=SMS, addresses={"+15555550100": models.AddressConfiguration(
                    channel_type="SMS")}), trace_id="t")
        assert double.backend().sent_messages == []

    run(body)


def test_send_users_messages_reaches_each_users_endpoints() -> None:
    async def body(pp: AsyncPinpoint, app: AsyncApp, double: PinpointMock) -> None:
        items = [models.EndpointBatchItem(id=f"ep-{n}", channel_type="SMS",
                                          address=f"+1555555010{n}",
                                          user=models.EndpointUser(user_id="user-42"))
                 for n in range(2)]
        assert (await app.endpoints.upsert_many(items)).succeeded == 2
        result = await app.send_users_messages(users=["user-42"], message=SMS)
        assert sorted((d.user_id, d.endpoint_id) for d in result.deliveries) == [
            ("user-42", "ep-0"), ("user-42", "ep-1")]
        with pytest.raises(errors.ValidationError, match="no recipients"):
            await app.send_users_messages(users=[], message=SMS)

    run(body)


def test_otp_round_trip_and_phone_validation() -> None:
    async def body(pp: AsyncPinpoint, app: AsyncApp, double: PinpointMock) -> None:
        sent = await app.send_otp(brand_name="Acme", channel="SMS", reference_id="login-1",
                                  destination_identity="+15555550100",
                                  origination_identity="+15555550199")
        assert [d.recipient for d in sent.succeeded] == ["+15555550100"]
        code = double.last_otp_code("+15555550100")
        assert code is not None
        wrong = "0" * len(code) if code != "0" * len(code) else "1" * len(code)
        assert await app.verify_otp("+15555550100", wrong, "login-1") is False
        assert await app.verify_otp("+15555550100", code, "login-1") is True
        with pytest.raises(errors.ValidationError, match="SendOTPMessageRequestParameters"):
            await app.send_otp(brand_name="Acme")
        sync = Pinpoint(region_name="us-east-1").validate_phone_number("+1 206 555 0100")
        info = await pp.validate_phone_number("+1 206 555 0100")
        assert info == sync
        assert info.phone_type is not None

    run(body)


def test_channels_get_update_delete_and_all() -> None:
    async def body(pp: AsyncPinpoint, app: AsyncApp, double: PinpointMock) -> None:
        assert repr(app.channels.sms) == (
            f"<AsyncChannel sms application_id={app.id!r}>")
        with pytest.raises(errors.NotFoundError):
            await app.channels.sms.get()
        updated = await app.channels.sms.update(models.SMSChannelRequest(enabled=True))
        assert isinstance(updated, models.SMSChannelResponse) and updated.enabled is True
        assert (await app.channels.sms.get()).enabled is True
        sms = app.channels.sms
        assert sms is app.channels.sms  # one channel object, whose last_response follows it
        assert sms.last_response is not None and sms.last_response.http_status == 200
        statuses = await app.channels.all()
        assert statuses["SMS"].enabled is True
        with pytest.raises(errors.ValidationError):
            await app.channels.sms.update({"Enabled": "yes"})  # type: ignore[arg-type]
        assert (await app.channels.sms.delete()).enabled is True
        with pytest.raises(errors.NotFoundError):
            await app.channels.sms.get()

    run(body)


def test_settings_update_from_changes_or_a_request() -> None:
    async def body(pp: AsyncPinpoint, app: AsyncApp, double: PinpointMock) -> None:
        quiet = models.QuietTime(start="22:00", end="07:00")
        written = await app.settings.update(quiet_time=quiet)
        assert written.quiet_time == quiet
        assert (await app.settings.get()).quiet_time == quiet
        with pytest.raises(errors.ValidationError, match="WriteApplicationSettingsRequest"):
            await app.settings.update(no_such_field=1)  # type: ignore[call-arg]

    run(body)


def test_event_stream_put_get_delete() -> None:
    stream = "arn:aws:kinesis:us-east-1:123456789012:stream/events"
    role = "arn:aws:iam::123456789012:role/pinpoint-events"

    async def body(pp: AsyncPinpoint, app: AsyncApp, double: PinpointMock) -> None:
        put = await app.event_stream.put(stream, role)
        assert (put.destination_stream_arn, put.role_arn) == (stream, role)
        assert (await app.event_stream.get()).destination_stream_arn == stream
        assert (await app.event_stream.delete()).destination_stream_arn == stream
        with pytest.raises(errors.NotFoundError):
            await app.event_stream.get()

    run(body)


def _people(app: AsyncApp) -> list[models.EndpointBatchItem]:
    return [models.EndpointBatchItem(id=f"ep-{n}", channel_type="EMAIL",
                                     address=f"p{n}@example.com",
                                     user=models.EndpointUser(user_id="user-7" if n < 2 else "u8"))
            for n in range(3)]


def test_users_get_reload_and_delete_their_endpoints() -> None:
    async def body(pp: AsyncPinpoint, app: AsyncApp, double: PinpointMock) -> None:
        assert (await app.endpoints.upsert_many(_people(app))).succeeded == 3
        user = await app.users.get("user-7")
        assert len(user.endpoints) == 2 and user.last_response is not None
        assert sorted(e.id for e in user.endpoints[:]) == ["ep-0", "ep-1"]
        assert [e.id async for e in user.endpoints.limit(1)] == [user.endpoints[0].id]
        with pytest.raises(errors.ValidationError, match="page size"):
            user.endpoints.page_size(5)
        assert (await user.reload()) is user and len(user.endpoints) == 2
        before = user.last_response
        deleted = await user.delete()
        assert user.last_response is not None and user.last_response is not before
        assert all(e.last_response is user.last_response for e in deleted)
        assert sorted(e.data.address or "" for e in deleted) == ["p0@example.com",
                                                                 "p1@example.com"]
        with pytest.raises(errors.NotFoundError):
            await app.users.get("user-7")
        assert len((await app.users.get("u8")).endpoints) == 1

    run(body)


def test_kpis_and_journey_metrics_match_the_sync_layer() -> None:
    from datetime import UTC, datetime, timedelta

    from pinpoint_sdk.builders import SegmentBuilder

    end = datetime.now(UTC) + timedelta(days=1)
    start = end - timedelta(days=7)

    async def body(pp: AsyncPinpoint, app: AsyncApp, double: PinpointMock) -> None:
        segment = await app.segments.create(SegmentBuilder("all").channel("EMAIL").build())
        campaign = await app.campaigns.create(models.WriteCampaignRequest(
            name="c", segment_id=segment.id,
            schedule=models.Schedule(start_time="IMMEDIATE"),
            message_configuration=models.MessageConfiguration(
                email_message=models.CampaignEmailMessage(title="t", body="b")),
        ))
        assert campaign.state == (str(campaign.data.state.campaign_status)
                                  if campaign.data.state and campaign.data.state.campaign_status
                                  else None)
        journey = await app.journeys.create(models.WriteJourneyRequest(name="j"))
        assert journey.state == "DRAFT" and journey.activities == {}
        sync_app = Pinpoint(region_name="us-east-1").apps.get(app.id)
        kpi = await app.kpi("successful-delivery-rate", start, end)
        assert kpi == sync_app.kpi("successful-delivery-rate", start, end)
        assert kpi.kpi_result is not None and app.last_response is not None
        sync_campaign = sync_app.campaigns.get(campaign.id)
        assert (await campaign.kpi("unique-deliveries", start, end)
                == sync_campaign.kpi("unique-deliveries", start, end))
        sync_journey = sync_app.journeys.get(journey.id)
        assert (await journey.kpi("unique-deliveries", start, end)
                == sync_journey.kpi("unique-deliveries", start, end))
        metrics = await journey.execution_metrics()
        assert metrics.journey_id == journey.id
        assert metrics.metrics == sync_journey.execution_metrics().metrics

    run(body)


def test_to_dataframe_collects_then_frames_like_the_sync_collection() -> None:
    pytest.importorskip("pandas")

    async def body(pp: AsyncPinpoint, app: AsyncApp, double: PinpointMock) -> None:
        from pinpoint_sdk.builders import SegmentBuilder

        for name in ("s1", "s2", "s3"):
            await app.segments.create(SegmentBuilder(name).channel("EMAIL").build())
        frame = await app.segments.limit(2).to_dataframe()
        assert len(frame) == 2
        sync_frame = Pinpoint(region_name="us-east-1").apps.get(app.id).segments.limit(2) \
            .to_dataframe()
        assert list(frame.columns) == list(sync_frame.columns)
        assert sorted(frame["name"]) == sorted(sync_frame["name"])

    run(body)


def test_unknown_send_options_are_refused_by_both_layers() -> None:
    async def body(pp: AsyncPinpoint, app: AsyncApp, double: PinpointMock) -> None:
        with pytest.raises(TypeError, match="addreses"):
            await app.send_messages(addreses={"+15555550100": "SMS"})  # type: ignore[call-arg]
        sync_app = Pinpoint(region_name="us-east-1").apps.get(app.id)
        with pytest.raises(TypeError, match="user"):
            sync_app.send_users_messages(user=["u"])  # type: ignore[call-arg]
        assert double.backend().sent_messages == []

    run(body)


def test_versions_tags_and_segment_export() -> None:
    from pinpoint_sdk.builders import SegmentBuilder

    async def body(pp: AsyncPinpoint, app: AsyncApp, double: PinpointMock) -> None:
        tagged = await app.tag({"env": "prod"}, team="growth")
        assert tagged is app and app.tags["env"] == "prod" and app.tags["team"] == "growth"
        assert "env" not in (await app.untag("env")).tags
        segment = await app.segments.create(SegmentBuilder("v").channel("EMAIL").build())
        await segment.update(name="v2")
        first = await segment.version(1)
        assert first.name == "v" and (await segment.version(2)).name == "v2"
        campaign = await app.campaigns.create(models.WriteCampaignRequest(
            name="c1", segment_id=segment.id, schedule=models.Schedule(start_time="IMMEDIATE"),
            message_configuration=models.MessageConfiguration(
                email_message=models.CampaignEmailMessage(title="t", body="b"))))
        await campaign.update(name="c2")
        assert (await campaign.version(1)).name == "c1"
        with pytest.raises(errors.NotFoundError):
            await campaign.version(9)
        job = await segment.export_to("s3://bucket/out/", "arn:aws:iam::123456789012:role/x",
                                      version=1)
        assert job.data.definition is not None
        assert job.data.definition.segment_id == segment.id
        assert job.data.definition.segment_version == 1

    run(body)


def test_an_app_with_tags_that_are_not_a_mapping_is_refused_naming_the_field() -> None:
    async def body(pp: AsyncPinpoint, app: AsyncApp, double: PinpointMock) -> str:
        with pytest.raises(errors.ValidationError) as raised:
            await pp.apps.create("tagged", tags=["team"])  # type: ignore[arg-type]
        return str(raised.value)

    assert run(body) == "create_application_request.tags: expected a dict, got list"
