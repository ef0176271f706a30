"""KPIs and execution metrics computed from sent messages and PutEvents events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pinpoint_sdk import models, to_dataframe
from pinpoint_sdk.builders import CampaignBuilder, SegmentBuilder
from pinpoint_sdk.resources import Pinpoint
from pinpoint_sdk.testing import PinpointMock
from pinpoint_sdk.testing._analytics import KPI_NAMES

ROOT = Path(__file__).resolve().parents[2]


def _now() -> datetime:
    return datetime.now(UTC)


def _today() -> str:
    return _now().date().isoformat()


def _rows(response: dict[str, Any]) -> list[tuple[Any, ...]]:
    """(grouped-by values..., key, value) of each KPI row."""
    body = next(v for k, v in response.items() if k != "ResponseMetadata")
    rows = []
    for row in body["KpiResult"]["Rows"]:
        [value] = row["Values"]
        groups = [g["Value"] for g in row["GroupedBys"]]
        rows.append((*groups, value["Key"], float(value["Value"])))
    return rows


def _events(client: Any, app_id: str, events: dict[str, list[tuple[str, dict[str, str]]]]) -> None:
    """PutEvents: per endpoint, a list of (event type, attributes)."""
    batch = {
        endpoint_id: {
            "Endpoint": {},
            "Events": {
                f"{endpoint_id}-{index}": {
                    "EventType": event_type, "Timestamp": _now().strftime("%Y-%m-%dT%H:%M:%SZ"), "Attributes": attributes,
                }
                for index, (event_type, attributes) in enumerate(items)
            },
        }
        for endpoint_id, items in events.items()
    }  # fmt: skip
    client.put_events(ApplicationId=app_id, EventsRequest={"BatchItem": batch})


def _email_campaign(client: Any, app_id: str, count: int) -> str:
    items = [
        {"Id": f"e{i}", "ChannelType": "EMAIL", "Address": f"u{i}@example.com"}
        for i in range(count)
    ]
    client.update_endpoints_batch(ApplicationId=app_id, EndpointBatchRequest={"Item": items})
    segment_id = client.create_segment(ApplicationId=app_id, WriteSegmentRequest={"Name": "s"})[
        "SegmentResponse"
    ]["Id"]
    campaign_id: str = client.create_campaign(
        ApplicationId=app_id,
        WriteCampaignRequest={
            "Name": "c", "SegmentId": segment_id, "Schedule": {"StartTime": "IMMEDIATE"},
            "MessageConfiguration": {"EmailMessage": {"Title": "t", "HtmlBody": "<p>b</p>"}},
        },
    )["CampaignResponse"]["Id"]  # fmt: skip
    return campaign_id


def test_campaign_kpis_count_deliveries_and_the_events_about_them(
    client: Any, app_id: str, mock: PinpointMock
) -> None:
    campaign_id = _email_campaign(client, app_id, 4)
    sent = {m["EndpointId"]: m["MessageId"] for m in mock.backend().sent_messages}
    _events(client, app_id, {
        "e0": [("_email.open", {"message_id": sent["e0"]}),
               ("_email.open", {"message_id": sent["e0"]})],
        "e1": [("_email.open", {"message_id": sent["e1"]})],
        "e3": [("_email.hardbounce", {"message_id": sent["e3"]})],
    })  # fmt: skip
    ids = {"ApplicationId": app_id}

    def app_kpi(name: str) -> list[tuple[Any, ...]]:
        return _rows(client.get_application_date_range_kpi(**ids, KpiName=name))

    assert app_kpi("successful-delivery-rate") == [("SuccessfulDeliveryRate", 0.75)]
    assert app_kpi("email-open-rate") == [("EmailOpenRate", 2 / 3)]
    assert app_kpi("unique-deliveries") == [("UniqueDeliveries", 3.0)]
    assert app_kpi("successful-delivery-rate-grouped-by-date") == [
        (_today(), "SuccessfulDeliveryRate", 0.75)
    ]
    assert app_kpi("successful-deliveries-grouped-by-campaign") == [
        (campaign_id, "SuccessfulDeliveries", 3.0)
    ]
    assert app_kpi("push-open-rate") == []
    activity = client.get_campaign_activities(**ids, CampaignId=campaign_id)[
        "ActivitiesResponse"
    ]["Item"][0]
    campaign_kpi = client.get_campaign_date_range_kpi(
        **ids, CampaignId=campaign_id, KpiName="hard-bounce-rate-grouped-by-campaign-activity"
    )
    assert _rows(campaign_kpi) == [(activity["Id"], "HardBounceRate", 0.25)]
    assert activity["ExecutionMetrics"]["DELIVERED"] == "3"
    assert activity["ExecutionMetrics"]["OPENED"] == "2"


def test_events_without_a_message_id_count_on_their_own(client: Any, app_id: str) -> None:
    campaign_id = _email_campaign(client, app_id, 0)
    link = {"campaign_id": campaign_id}
    _events(client, app_id, {
        f"x{i}": [("_email.delivered", link)] + ([("_email.open", link)] if i == 0 else [])
        for i in range(4)
    })  # fmt: skip

    response = client.get_campaign_date_range_kpi(
        ApplicationId=app_id, CampaignId=campaign_id, KpiName="email-open-rate"
    )

    assert _rows(response) == [("EmailOpenRate", 0.25)]


def test_transactional_kpis_count_direct_messages(client: Any, app_id: str, mock: PinpointMock) -> None:
    client.send_messages(
        ApplicationId=app_id,
        MessageRequest={
            "Addresses": {"a@example.com": {"ChannelType": "EMAIL"},
                          "b@example.com": {"ChannelType": "EMAIL"},
                          "+14155550100": {"ChannelType": "SMS"}},
            "MessageConfiguration": {"DefaultMessage": {"Body": "hi"}},
        },
    )  # fmt: skip
    first = mock.backend().sent_messages[0]["MessageId"]
    _events(client, app_id, {"a": [("_email.open", {"message_id": first}),
                                   ("_email.click", {"message_id": first}),
                                   ("_email.click", {"message_id": first})]})  # fmt: skip

    def kpi(name: str) -> list[tuple[Any, ...]]:
        return _rows(client.get_application_date_range_kpi(ApplicationId=app_id, KpiName=name))

    assert kpi("txn-emails-sent") == [("TxnEmailsSent", 2.0)]
    assert kpi("txn-emails-opened") == [("TxnEmailsOpened", 1.0)]
    assert kpi("txn-emails-clicked") == [("TxnEmailsClicked", 2.0)]
    assert kpi("txn-sms-delivered-grouped-by-date") == [(_today(), "TxnSmsDelivered", 1.0)]
    assert kpi("successful-delivery-rate") == []  # no campaign sent anything


def test_journey_kpis_and_execution_metrics_follow_journey_events(
    client: Any, app_id: str
) -> None:
    journey = client.create_journey(
        ApplicationId=app_id,
        WriteJourneyRequest={
            "Name": "j", "State": "ACTIVE", "StartActivity": "mail",
            "Activities": {"mail": {"EMAIL": {}}, "other": {"Wait": {}}},
        },
    )["JourneyResponse"]  # fmt: skip
    ids = {"ApplicationId": app_id, "JourneyId": journey["Id"]}
    link = {"journey_id": journey["Id"], "journey_activity_id": "mail"}
    _events(client, app_id, {
        "p1": [("_email.delivered", {**link, "message_id": "m1"}),
               ("_email.open", {**link, "message_id": "m1"})],
        "p2": [("_email.delivered", {**link, "message_id": "m2"})],
        "p3": [("_email.hardbounce", {**link, "message_id": "m3"})],
    })  # fmt: skip

    opened = client.get_journey_date_range_kpi(**ids, KpiName="journey-emails-opened")
    per_activity = client.get_journey_date_range_kpi(
        **ids, KpiName="emails-delivered-grouped-by-journey-activity"
    )
    metrics = client.get_journey_execution_metrics(**ids)["JourneyExecutionMetricsResponse"]
    activity = client.get_journey_execution_activity_metrics(**ids, JourneyActivityId="mail")
    idle = client.get_journey_execution_activity_metrics(**ids, JourneyActivityId="other")
    run_id = client.get_journey_runs(**ids)["JourneyRunsResponse"]["Item"][0]["RunId"]
    run_metrics = client.get_journey_run_execution_metrics(**ids, RunId=run_id)

    assert _rows(opened) == [("JourneyEmailsOpened", 1.0)]
    assert _rows(per_activity) == [("mail", "JourneyEmailsDelivered", 2.0)]
    assert metrics["Metrics"]["ENDPOINT_ENTERED"] == "3"
    activity_metrics = activity["JourneyExecutionActivityMetricsResponse"]["Metrics"]
    assert (activity_metrics["SUCCESS"], activity_metrics["PERMANENT_FAILURE"]) == ("2", "1")
    assert idle["JourneyExecutionActivityMetricsResponse"]["Metrics"]["ENDPOINT_ENTERED"] == "0"
    assert run_metrics["JourneyRunExecutionMetricsResponse"]["Metrics"]["ENDPOINT_ENTERED"] == "3"


def test_kpis_only_count_messages_in_the_date_range(client: Any, app_id: str) -> None:
    client.send_messages(
        ApplicationId=app_id,
        MessageRequest={"Addresses": {"a@example.com": {"ChannelType": "EMAIL"}},
                        "MessageConfiguration": {"DefaultMessage": {"Body": "hi"}}},
    )  # fmt: skip
    old = {"EventType": "_email.delivered", "Timestamp": "2020-03-01T10:00:00Z"}
    client.put_events(
        ApplicationId=app_id,
        EventsRequest={"BatchItem": {"x": {"Endpoint": {}, "Events": {"old": old}}}},
    )

    def sent(start: datetime, end: datetime) -> list[tuple[Any, ...]]:
        return _rows(
            client.get_application_date_range_kpi(
                ApplicationId=app_id, KpiName="txn-emails-delivered-grouped-by-date",
                StartTime=start, EndTime=end,
            )
        )  # fmt: skip

    march = datetime(2020, 3, 1, tzinfo=UTC)
    assert sent(march, march + timedelta(days=2)) == [("2020-03-01", "TxnEmailsDelivered", 1.0)]
    now = _now()
    assert sent(now - timedelta(hours=1), now + timedelta(hours=1)) == [
        (_today(), "TxnEmailsDelivered", 1.0)
    ]


def test_the_notebook_kpi_frame_is_not_empty_offline(mock: PinpointMock) -> None:
    pytest.importorskip("pandas")
    app = Pinpoint(region_name="us-east-1").apps.create("shop")
    app.endpoints.upsert_many(
        models.EndpointBatchItem(id=f"u{i}", channel_type="EMAIL", address=f"u{i}@example.com")
        for i in range(3)
    )
    segment = app.segments.create(SegmentBuilder("everyone"))
    app.campaigns.create(
        CampaignBuilder("welcome").segment(segment.id).immediately()
        .email(title="Welcome", html_body="<p>Hello</p>", from_address="shop@example.com")
    )  # fmt: skip

    now = _now()
    start, end = now - timedelta(days=7), now + timedelta(minutes=5)
    frame = to_dataframe(app.kpi("successful-delivery-rate-grouped-by-date", start, end))

    assert list(frame.columns) == ["Date", "SuccessfulDeliveryRate"]
    assert frame["SuccessfulDeliveryRate"].tolist() == [1.0]
    assert frame["Date"].dt.date.tolist() == [now.date()]


def _guide_kpi_names() -> set[str]:
    """The KPI names of the testing guide's table (``-x`` items extend the row's prefix)."""
    guide = (ROOT / "docs" / "guides" / "testing.md").read_text(encoding="utf-8")
    table = guide.split("| KPI names | computed as |", 1)[1].split("\n\n", 1)[0]
    names: set[str] = set()
    for line in table.splitlines()[2:]:
        cell = line.split("|")[1]
        items = [item.strip().strip("`") for item in cell.split(",")]
        prefix = items[0].rsplit("-", 1)[0]
        names.update(f"{prefix}{item}" if item.startswith("-") else item for item in items)
    return names


def test_the_guide_lists_exactly_the_kpi_names_the_double_computes() -> None:
    assert _guide_kpi_names() == set(KPI_NAMES)


def test_every_documented_kpi_name_gives_rows_once_something_happened(
    client: Any, app_id: str, mock: PinpointMock
) -> None:
    campaign_id = _email_campaign(client, app_id, 2)
    client.send_messages(
        ApplicationId=app_id,
        MessageRequest={
            "Addresses": {"t@example.com": {"ChannelType": "EMAIL"},
                          "+14155550100": {"ChannelType": "SMS"}},
            "MessageConfiguration": {"DefaultMessage": {"Body": "hi"}},
        },
    )  # fmt: skip
    journey_id = client.create_journey(
        ApplicationId=app_id, WriteJourneyRequest={"Name": "j", "State": "ACTIVE"}
    )["JourneyResponse"]["Id"]
    sent = {m.get("EndpointId") or m.get("Address"): m["MessageId"] for m in mock.backend().sent_messages}
    about = {"message_id": sent["e0"]}
    direct = {"message_id": sent["t@example.com"]}
    push = {"campaign_id": campaign_id}
    journey = {"journey_id": journey_id, "journey_activity_id": "a"}
    _events(client, app_id, {
        "e0": [("_email.open", about), ("_email.click", about)],
        "e1": [("_email.hardbounce", {"message_id": sent["e1"]})],
        "p0": [("_campaign.received_foreground", push), ("_campaign.opened_notification", push)],
        "t": [("_email.open", direct), ("_email.click", direct), ("_email.complaint", direct)],
        "j0": [("_email.delivered", journey), ("_email.open", journey)],
    })  # fmt: skip

    empty = []
    for name in sorted(KPI_NAMES):
        for variant in (name, f"{name}-grouped-by-date"):
            if name.startswith("journey-"):
                response = client.get_journey_date_range_kpi(
                    ApplicationId=app_id, JourneyId=journey_id, KpiName=variant
                )
            else:
                response = client.get_application_date_range_kpi(
                    ApplicationId=app_id, KpiName=variant
                )
            rows = _rows(response)
            expected_key = "".join(part.capitalize() for part in name.split("-"))
            if not rows or any(row[-2] != expected_key for row in rows):
                empty.append((variant, rows))
    assert empty == []
