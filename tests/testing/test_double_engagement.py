"""Segments, campaigns, journeys, runs, metrics and KPIs."""

from __future__ import annotations

from typing import Any

from double_helpers import all_pages, error_code


def _segment(client: Any, app_id: str, name: str = "s") -> str:
    segment_id: str = client.create_segment(
        ApplicationId=app_id, WriteSegmentRequest={"Name": name}
    )["SegmentResponse"]["Id"]
    return segment_id


def test_segments_and_versions(client: Any, app_id: str) -> None:
    segment_id = _segment(client, app_id)
    for name in ("s2", "s3"):
        client.update_segment(
            ApplicationId=app_id, SegmentId=segment_id, WriteSegmentRequest={"Name": name}
        )
    current = client.get_segment(ApplicationId=app_id, SegmentId=segment_id)["SegmentResponse"]
    assert current["Version"] == 3 and current["Name"] == "s3"
    first = client.get_segment_version(ApplicationId=app_id, SegmentId=segment_id, Version="1")
    assert first["SegmentResponse"]["Name"] == "s"
    pages = all_pages(
        client.get_segment_versions, "SegmentsResponse",
        ApplicationId=app_id, SegmentId=segment_id, PageSize="1",
    )  # fmt: skip
    assert [p[0]["Version"] for p in pages] == [3, 2, 1]
    assert error_code(
        lambda: client.get_segment_version(ApplicationId=app_id, SegmentId=segment_id, Version="9")
    ) == "NotFoundException"
    assert error_code(
        lambda: client.get_segment(ApplicationId=app_id, SegmentId="nope")
    ) == "NotFoundException"
    for index in range(4):
        _segment(client, app_id, f"more{index}")
    pages = all_pages(client.get_segments, "SegmentsResponse", ApplicationId=app_id, PageSize="2")
    assert [len(p) for p in pages] == [2, 2, 1]
    client.delete_segment(ApplicationId=app_id, SegmentId=segment_id)
    assert error_code(
        lambda: client.delete_segment(ApplicationId=app_id, SegmentId=segment_id)
    ) == "NotFoundException"


def test_segment_bad_input(client: Any, app_id: str) -> None:
    groups = {"Groups": [{"Type": "ALL"}, {"Type": "ANY"}], "Include": "ALL"}
    assert error_code(
        lambda: client.create_segment(
            ApplicationId=app_id, WriteSegmentRequest={"Name": "x", "SegmentGroups": groups}
        )
    ) == "BadRequestException"


def test_campaigns_versions_activities_pause(client: Any, app_id: str) -> None:
    segment_id = _segment(client, app_id)
    campaign = client.create_campaign(
        ApplicationId=app_id,
        WriteCampaignRequest={
            "Name": "c", "SegmentId": segment_id,
            "AdditionalTreatments": [{"SizePercent": 20, "TreatmentName": "b"}],
        },
    )["CampaignResponse"]  # fmt: skip
    assert campaign["SegmentVersion"] == 1 and campaign["State"]["CampaignStatus"] == "SCHEDULED"
    assert campaign["AdditionalTreatments"][0]["Id"] == "1"
    campaign_id = campaign["Id"]
    paused = client.update_campaign(
        ApplicationId=app_id, CampaignId=campaign_id, WriteCampaignRequest={"IsPaused": True}
    )["CampaignResponse"]
    assert paused["IsPaused"] is True and paused["State"]["CampaignStatus"] == "PAUSED"
    for _ in range(2):
        client.update_campaign(
            ApplicationId=app_id, CampaignId=campaign_id, WriteCampaignRequest={"IsPaused": False}
        )
    versions = all_pages(
        client.get_campaign_versions, "CampaignsResponse",
        ApplicationId=app_id, CampaignId=campaign_id, PageSize="1",
    )  # fmt: skip
    assert [p[0]["Version"] for p in versions] == [4, 3, 2, 1]
    v2 = client.get_campaign_version(ApplicationId=app_id, CampaignId=campaign_id, Version="2")
    assert v2["CampaignResponse"]["IsPaused"] is True
    activities = all_pages(
        client.get_campaign_activities, "ActivitiesResponse",
        ApplicationId=app_id, CampaignId=campaign_id, PageSize="1",
    )  # fmt: skip
    assert len(activities) == 3
    for name in ("c2", "c3"):
        client.create_campaign(
            ApplicationId=app_id, WriteCampaignRequest={"Name": name, "SegmentId": segment_id}
        )
    pages = all_pages(client.get_campaigns, "CampaignsResponse", ApplicationId=app_id, PageSize="1")
    assert len(pages) == 3
    assert error_code(
        lambda: client.delete_segment(ApplicationId=app_id, SegmentId=segment_id)
    ) == "BadRequestException"
    client.delete_campaign(ApplicationId=app_id, CampaignId=campaign_id)
    assert error_code(
        lambda: client.get_campaign(ApplicationId=app_id, CampaignId=campaign_id)
    ) == "NotFoundException"


def test_campaign_bad_input(client: Any, app_id: str) -> None:
    segment_id = _segment(client, app_id)
    assert error_code(
        lambda: client.create_campaign(
            ApplicationId=app_id, WriteCampaignRequest={"Name": "c", "SegmentId": "nope"}
        )
    ) == "NotFoundException"
    assert error_code(
        lambda: client.create_campaign(
            ApplicationId=app_id,
            WriteCampaignRequest={"Name": "c", "SegmentId": segment_id, "Limits": {"Daily": 500}},
        )
    ) == "BadRequestException"
    assert error_code(
        lambda: client.create_campaign(ApplicationId=app_id, WriteCampaignRequest={"Name": "c"})
    ) == "BadRequestException"


JOURNEY = {
    "Name": "welcome",
    "StartActivity": "first",
    "Activities": {
        "first": {"EMAIL": {"NextActivity": "pause"}},
        "pause": {"Wait": {"WaitTime": {"WaitFor": "P1D"}}},
    },
}


def test_journey_state_runs_and_metrics(client: Any, app_id: str) -> None:
    refreshed = {**JOURNEY, "RefreshFrequency": "PT1H"}
    journey = client.create_journey(ApplicationId=app_id, WriteJourneyRequest=refreshed)[
        "JourneyResponse"
    ]
    assert journey["State"] == "DRAFT"
    journey_id = journey["Id"]
    ids = {"ApplicationId": app_id, "JourneyId": journey_id}
    assert client.get_journey_runs(**ids)["JourneyRunsResponse"]["Item"] == []
    for state in ("ACTIVE", "PAUSED", "ACTIVE"):
        result = client.update_journey_state(**ids, JourneyStateRequest={"State": state})
        assert result["JourneyResponse"]["State"] == state
    runs = client.get_journey_runs(**ids)["JourneyRunsResponse"]["Item"]
    assert len(runs) == 1 and runs[0]["Status"] == "RUNNING"
    changed = {**JOURNEY, "Activities": {"first": {"SMS": {}}}, "StartActivity": "first"}
    assert error_code(
        lambda: client.update_journey(**ids, WriteJourneyRequest=changed)
    ) == "BadRequestException"
    metrics = client.get_journey_execution_metrics(**ids)["JourneyExecutionMetricsResponse"]
    assert metrics["JourneyId"] == journey_id
    activity = client.get_journey_execution_activity_metrics(**ids, JourneyActivityId="pause")
    assert activity["JourneyExecutionActivityMetricsResponse"]["ActivityType"] == "WAIT"
    run_id = runs[0]["RunId"]
    run_metrics = client.get_journey_run_execution_metrics(**ids, RunId=run_id)
    assert run_metrics["JourneyRunExecutionMetricsResponse"]["RunId"] == run_id
    run_activity = client.get_journey_run_execution_activity_metrics(
        **ids, RunId=run_id, JourneyActivityId="first"
    )["JourneyRunExecutionActivityMetricsResponse"]
    assert run_activity["ActivityType"] == "EMAIL"
    assert error_code(
        lambda: client.get_journey_run_execution_metrics(**ids, RunId="nope")
    ) == "NotFoundException"
    assert error_code(
        lambda: client.get_journey_execution_activity_metrics(**ids, JourneyActivityId="nope")
    ) == "NotFoundException"
    client.update_journey_state(**ids, JourneyStateRequest={"State": "CANCELLED"})
    assert client.get_journey_runs(**ids)["JourneyRunsResponse"]["Item"][0]["Status"] == (
        "CANCELLED"
    )
    assert error_code(
        lambda: client.update_journey_state(**ids, JourneyStateRequest={"State": "ACTIVE"})
    ) == "ConflictException"


def test_journey_crud_and_pagination(client: Any, app_id: str) -> None:
    for index in range(3):
        client.create_journey(
            ApplicationId=app_id, WriteJourneyRequest={**JOURNEY, "Name": f"j{index}"}
        )
    pages = all_pages(client.list_journeys, "JourneysResponse", ApplicationId=app_id, PageSize="1")
    assert [p[0]["Name"] for p in pages] == ["j0", "j1", "j2"]
    journey_id = pages[0][0]["Id"]
    updated = client.update_journey(
        ApplicationId=app_id, JourneyId=journey_id, WriteJourneyRequest={**JOURNEY, "Name": "new"}
    )["JourneyResponse"]
    assert updated["Name"] == "new"
    client.delete_journey(ApplicationId=app_id, JourneyId=journey_id)
    assert error_code(
        lambda: client.get_journey(ApplicationId=app_id, JourneyId=journey_id)
    ) == "NotFoundException"
    bad = {**JOURNEY, "StartActivity": "missing"}
    assert error_code(
        lambda: client.create_journey(ApplicationId=app_id, WriteJourneyRequest=bad)
    ) == "BadRequestException"


def test_kpis(client: Any, app_id: str) -> None:
    segment_id = _segment(client, app_id)
    campaign_id = client.create_campaign(
        ApplicationId=app_id, WriteCampaignRequest={"Name": "c", "SegmentId": segment_id}
    )["CampaignResponse"]["Id"]
    journey_id = client.create_journey(ApplicationId=app_id, WriteJourneyRequest=JOURNEY)[
        "JourneyResponse"
    ]["Id"]
    app_kpi = client.get_application_date_range_kpi(
        ApplicationId=app_id, KpiName="successful-delivery-rate"
    )["ApplicationDateRangeKpiResponse"]
    assert app_kpi["KpiResult"]["Rows"] == [] and app_kpi["KpiName"] == "successful-delivery-rate"
    campaign_kpi = client.get_campaign_date_range_kpi(
        ApplicationId=app_id, CampaignId=campaign_id, KpiName="email-open-rate"
    )["CampaignDateRangeKpiResponse"]
    assert campaign_kpi["CampaignId"] == campaign_id
    journey_kpi = client.get_journey_date_range_kpi(
        ApplicationId=app_id, JourneyId=journey_id, KpiName="email-open-rate"
    )["JourneyDateRangeKpiResponse"]
    assert journey_kpi["JourneyId"] == journey_id
    assert error_code(
        lambda: client.get_application_date_range_kpi(ApplicationId=app_id, KpiName="Bad Name")
    ) == "BadRequestException"
    assert error_code(
        lambda: client.get_campaign_date_range_kpi(
            ApplicationId=app_id, CampaignId="nope", KpiName="x"
        )
    ) == "NotFoundException"
