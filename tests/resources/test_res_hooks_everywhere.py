"""Hooks registered on ``pinpoint_sdk.converter.converter`` for a nested model apply at
every place the SDK converts, here against the offline double: the typed client (its
responses read on the fast path), the resources (get and read-modify-write), the bulk
writers and the async client."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import attrs
import pytest

from pinpoint_sdk import models
from pinpoint_sdk.aio import AsyncPinpointClient
from pinpoint_sdk.converter import converter, default_structure_hook, default_unstructure_hook
from pinpoint_sdk.resources import Pinpoint
from pinpoint_sdk.testing import mock_pinpoint

pytestmark = pytest.mark.filterwarnings("ignore::pinpoint_sdk.errors.PinpointEndOfSupportWarning")

HOOKED = (models.Schedule, models.EndpointDemographic)


@pytest.fixture(autouse=True)
def _hooks() -> Iterator[None]:
    """A Schedule is read with a marked time zone and written in local time; an endpoint's
    demographic is written with a locale."""

    def read(data: dict[str, Any], cls: type) -> Any:
        return attrs.evolve(default_structure_hook(models.Schedule)(data, cls), timezone="hook")

    def write(schedule: models.Schedule) -> dict[str, Any]:
        return {**default_unstructure_hook(models.Schedule)(schedule), "IsLocalTime": True}

    def locale(demographic: models.EndpointDemographic) -> dict[str, Any]:
        wire = default_unstructure_hook(models.EndpointDemographic)(demographic)
        return {**wire, "Locale": "en_GB"}

    converter.register_structure_hook(models.Schedule, read)
    converter.register_unstructure_hook(models.Schedule, write)
    converter.register_unstructure_hook(models.EndpointDemographic, locale)
    yield
    for cls in HOOKED:
        converter.register_structure_hook(cls, default_structure_hook(cls))
        converter.register_unstructure_hook(cls, default_unstructure_hook(cls))


def test_every_conversion_site_uses_the_hooks_of_nested_models() -> None:
    with mock_pinpoint() as double:
        pp = Pinpoint(region_name="us-east-1")
        raw = pp.client.boto3_client
        fast: list[bool] = []
        raw.meta.events.register_last(  # after the SDK's handler, which empties a body it reads
            "before-parse.pinpoint",
            lambda operation_model, response_dict, **_: fast.append(response_dict["body"] == b"")
            if operation_model.name == "GetCampaign" else None)
        app = pp.apps.create("hooks")
        segment = app.segments.create(models.WriteSegmentRequest(
            name="s", dimensions=models.SegmentDimensions()))
        campaign = app.campaigns.create(models.WriteCampaignRequest(
            name="c", segment_id=segment.id, schedule=models.Schedule(start_time="IMMEDIATE"),
            additional_treatments=[models.WriteTreatmentResource(
                size_percent=10, schedule=models.Schedule(start_time="IMMEDIATE"))],
            message_configuration=models.MessageConfiguration(
                sms_message=models.CampaignSmsMessage(body="x")),
        ))
        state = double.backend().state(app.id)
        stored = state.campaigns[campaign.id].current
        # Sent through the unstructure hook, nested at two depths (a list's item too).
        assert stored["Schedule"] == {"StartTime": "IMMEDIATE", "IsLocalTime": True}
        assert stored["AdditionalTreatments"][0]["Schedule"]["IsLocalTime"] is True

        # Read through the structure hook: typed client (fast path) and resource.
        response = pp.client.get_campaign(application_id=app.id, campaign_id=campaign.id)
        assert fast == [True]
        assert response.campaign_response is not None
        assert response.campaign_response.schedule is not None
        assert response.campaign_response.schedule.timezone == "hook"
        got = app.campaigns.get(campaign.id)
        assert got.data.schedule is not None and got.data.schedule.timezone == "hook"
        assert got.data.additional_treatments is not None
        assert got.data.additional_treatments[0].schedule.timezone == "hook"

        # Read-modify-write sends what the hooks made of what was read.
        got.update(name="renamed")
        stored = state.campaigns[campaign.id].current
        assert stored["Name"] == "renamed"
        assert stored["Schedule"] == {
            "StartTime": "IMMEDIATE", "IsLocalTime": True, "Timezone": "hook"}

        # Bulk writers.
        app.endpoints.upsert_many([models.EndpointBatchItem(
            id="e1", channel_type="SMS", address="+15555550100",
            demographic=models.EndpointDemographic(platform="ios"))])
        endpoint = raw.get_endpoint(ApplicationId=app.id, EndpointId="e1")["EndpointResponse"]
        assert endpoint["Demographic"] == {"Platform": "ios", "Locale": "en_GB"}

        # The async client.
        async def read_async() -> Any:
            async with AsyncPinpointClient(region_name="us-east-1") as client:
                return await client.get_campaign(application_id=app.id, campaign_id=campaign.id)

        answer = asyncio.run(read_async())
        assert answer.campaign_response.schedule.timezone == "hook"
        assert answer.campaign_response.additional_treatments[0].schedule.timezone == "hook"
