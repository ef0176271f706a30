"""Journey and campaign states as the service model documents them."""

from __future__ import annotations

from typing import Any

from double_helpers import error_code

from pinpoint_sdk.builders import CampaignBuilder, SegmentBuilder
from pinpoint_sdk.resources import Pinpoint
from pinpoint_sdk.testing import PinpointMock

JOURNEY = {
    "Name": "welcome",
    "StartActivity": "first",
    "Activities": {"first": {"EMAIL": {"NextActivity": "pause"}}, "pause": {"Wait": {}}},
}


def _journey(client: Any, app_id: str, **extra: Any) -> dict[str, Any]:
    ids: dict[str, Any] = {
        "ApplicationId": app_id,
        "JourneyId": client.create_journey(
            ApplicationId=app_id, WriteJourneyRequest={**JOURNEY, **extra}
        )["JourneyResponse"]["Id"],
    }
    return ids


def test_update_journey_refuses_states_only_update_journey_state_sets(
    client: Any, app_id: str
) -> None:
    ids = _journey(client, app_id, State="ACTIVE", RefreshFrequency="PT1H")

    for state in ("CANCELLED", "PAUSED", "COMPLETED", "CLOSED"):
        assert error_code(
            lambda state=state: client.update_journey(
                **ids, WriteJourneyRequest={**JOURNEY, "State": state}
            )
        ) == "BadRequestException"

    journey = client.get_journey(**ids)["JourneyResponse"]
    assert journey["State"] == "ACTIVE"
    runs = client.get_journey_runs(**ids)["JourneyRunsResponse"]["Item"]
    assert [run["Status"] for run in runs] == ["RUNNING"]


def test_update_journey_to_active_starts_a_run(client: Any, app_id: str) -> None:
    ids = _journey(client, app_id)

    client.update_journey(**ids, WriteJourneyRequest={**JOURNEY, "State": "ACTIVE"})

    runs = client.get_journey_runs(**ids)["JourneyRunsResponse"]["Item"]
    assert [run["Status"] for run in runs] == ["RUNNING"]


def test_pausing_needs_a_segment_refresh_interval(client: Any, app_id: str) -> None:
    plain = _journey(client, app_id, State="ACTIVE")
    refreshed = _journey(client, app_id, Name="refreshed", State="ACTIVE", RefreshFrequency="PT1H")

    assert error_code(
        lambda: client.update_journey_state(**plain, JourneyStateRequest={"State": "PAUSED"})
    ) == "BadRequestException"
    assert client.get_journey(**plain)["JourneyResponse"]["State"] == "ACTIVE"
    paused = client.update_journey_state(**refreshed, JourneyStateRequest={"State": "PAUSED"})
    assert paused["JourneyResponse"]["State"] == "PAUSED"


def test_a_draft_journey_cannot_be_paused(client: Any, app_id: str) -> None:
    # Only a published journey pauses; the journeys guide once paused a DRAFT and failed.
    draft = _journey(client, app_id, RefreshFrequency="PT1H")

    assert error_code(
        lambda: client.update_journey_state(**draft, JourneyStateRequest={"State": "PAUSED"})
    ) == "BadRequestException"
    assert client.get_journey(**draft)["JourneyResponse"]["State"] == "DRAFT"


def _campaign(client: Any, app_id: str, **request: Any) -> dict[str, Any]:
    segment_id = client.create_segment(ApplicationId=app_id, WriteSegmentRequest={"Name": "s"})[
        "SegmentResponse"
    ]["Id"]
    campaign: dict[str, Any] = client.create_campaign(
        ApplicationId=app_id,
        WriteCampaignRequest={"Name": "c", "SegmentId": segment_id, **request},
    )["CampaignResponse"]
    return campaign


def _activities(client: Any, app_id: str, campaign_id: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = client.get_campaign_activities(
        ApplicationId=app_id, CampaignId=campaign_id
    )["ActivitiesResponse"]["Item"]
    return items


def test_an_immediate_campaign_that_runs_once_is_completed(client: Any, app_id: str) -> None:
    campaign = _campaign(
        client, app_id, Schedule={"StartTime": "IMMEDIATE", "Frequency": "ONCE"}
    )

    assert campaign["State"]["CampaignStatus"] == "COMPLETED"
    stored = client.get_campaign(ApplicationId=app_id, CampaignId=campaign["Id"])
    assert stored["CampaignResponse"]["State"]["CampaignStatus"] == "COMPLETED"
    assert len(_activities(client, app_id, campaign["Id"])) == 1


def test_a_recurring_campaign_waits_for_its_next_run(client: Any, app_id: str) -> None:
    campaign = _campaign(
        client, app_id, Schedule={"StartTime": "2020-01-01T00:00:00Z", "Frequency": "DAILY"}
    )

    assert campaign["State"]["CampaignStatus"] == "PENDING_NEXT_RUN"
    assert len(_activities(client, app_id, campaign["Id"])) == 1


def test_a_future_or_event_campaign_stays_scheduled_and_has_not_run(
    client: Any, app_id: str
) -> None:
    future = _campaign(
        client, app_id, Schedule={"StartTime": "2999-01-01T00:00:00Z", "Frequency": "ONCE"}
    )
    on_event = _campaign(
        client, app_id,
        Schedule={"StartTime": "IMMEDIATE", "Frequency": "EVENT",
                  "EventFilter": {"FilterType": "ENDPOINT", "Dimensions": {}}},
    )  # fmt: skip

    for campaign in (future, on_event):
        assert campaign["State"]["CampaignStatus"] == "SCHEDULED"
        assert _activities(client, app_id, campaign["Id"]) == []


def test_a_campaign_run_delivers_to_the_endpoints_its_messages_reach(
    client: Any, app_id: str, mock: PinpointMock
) -> None:
    for endpoint_id, channel, address in (
        ("mail", "EMAIL", "a@example.com"),
        ("phone", "SMS", "+14155550100"),
        ("gone", "EMAIL", "b@example.com"),
    ):
        client.update_endpoint(
            ApplicationId=app_id, EndpointId=endpoint_id,
            EndpointRequest={"ChannelType": channel, "Address": address,
                             "OptOut": "ALL" if endpoint_id == "gone" else "NONE"},
        )  # fmt: skip

    campaign = _campaign(
        client, app_id,
        Schedule={"StartTime": "IMMEDIATE"},
        MessageConfiguration={"EmailMessage": {"Title": "Hi", "HtmlBody": "<p>hi</p>"}},
    )  # fmt: skip

    [activity] = _activities(client, app_id, campaign["Id"])
    assert (activity["TotalEndpointCount"], activity["SuccessfulEndpointCount"]) == (2, 1)
    [sent] = mock.backend().sent_messages
    assert (sent["EndpointId"], sent["CampaignId"], sent["CampaignActivityId"]) == (
        "mail", campaign["Id"], activity["Id"],
    )


def test_an_immediate_campaign_built_with_the_sdk_completes(mock: PinpointMock) -> None:
    app = Pinpoint(region_name="us-east-1").apps.create("shop")
    segment = app.segments.create(SegmentBuilder("everyone"))

    campaign = app.campaigns.create(
        CampaignBuilder("welcome").segment(segment.id).immediately()
        .email(title="Welcome", html_body="<p>Hello</p>", from_address="shop@example.com")
    )  # fmt: skip

    assert campaign.state == "COMPLETED"
