"""Every listing of a resource's sub-items is a chainable Collection (``Listing``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from botocore.stub import Stubber

from pinpoint_sdk import errors, models
from pinpoint_sdk.client import PinpointClient
from pinpoint_sdk.converter import structure
from pinpoint_sdk.resources import (
    App,
    Collection,
    ExportJob,
    ImportJob,
    Journey,
    Listing,
    Pinpoint,
    Segment,
)
from pinpoint_sdk.testing import mock_pinpoint
from tests.resources.resource_helpers import APP_ID, import_job_wire, journey_wire

pytestmark = pytest.mark.filterwarnings("ignore::pinpoint_sdk.errors.PinpointEndOfSupportWarning")


@pytest.fixture
def pp() -> Iterator[Pinpoint]:
    with mock_pinpoint():
        yield Pinpoint(region_name="us-east-1")


@pytest.fixture
def app(pp: Pinpoint) -> App:
    return pp.apps.create("demo")


def _count(pp: Pinpoint) -> list[str]:
    sent: list[str] = []
    pp.client.boto3_client.meta.events.register(
        "before-call.pinpoint", lambda model, **_: sent.append(model.name))
    return sent


def _segment(app: App, versions: int) -> Segment:
    segment = app.segments.create(models.WriteSegmentRequest(
        name="s0", dimensions=models.SegmentDimensions()))
    for number in range(1, versions):
        segment.update(name=f"s{number}")
    return segment


def test_campaign_versions_limit_page_size_pages(pp: Pinpoint, app: App) -> None:
    segment = _segment(app, 1)
    campaign = app.campaigns.create(models.WriteCampaignRequest(
        name="c0", segment_id=segment.id, schedule=models.Schedule(start_time="IMMEDIATE")))
    for number in range(1, 5):
        campaign.update(name=f"c{number}")
    sent = _count(pp)

    versions = campaign.versions()
    assert isinstance(versions, Collection) and isinstance(versions, Listing)
    assert [len(page) for page in versions.page_size(2).pages()] == [2, 2, 1]
    assert sent == ["GetCampaignVersions"] * 3
    sent.clear()
    assert [v.version for v in versions.page_size(2).limit(3)] == [5, 4, 3]
    assert sent == ["GetCampaignVersions"] * 2  # the third page is never asked for
    # The call style of before: a keyword page size, and plain iteration (re-iterable now).
    assert [v.version for v in campaign.versions(page_size=2)] == [5, 4, 3, 2, 1]
    assert [v.version for v in versions] == [5, 4, 3, 2, 1]
    assert versions.first() is not None
    activities = campaign.activities()
    assert isinstance(activities, Listing)
    assert all(isinstance(a, models.ActivityResponse) for a in activities.page_size(1).limit(2))


def test_segment_versions_page_and_to_dataframe(pp: Pinpoint, app: App) -> None:
    pytest.importorskip("pandas")
    segment = _segment(app, 5)
    sent = _count(pp)

    pages = list(segment.versions().page_size(2).pages())
    assert [[v.version for v in page] for page in pages] == [[5, 4], [3, 2], [1]]
    frame = segment.versions().page_size(2).limit(3).to_dataframe()
    assert list(frame["version"]) == [5, 4, 3]
    assert sent == ["GetSegmentVersions"] * 5


def test_template_versions_is_a_listing(pp: Pinpoint) -> None:
    template = pp.templates.create("t", models.EmailTemplateRequest(subject="a", html_part="x"))
    for number in range(3):
        template.update(subject=f"s{number}", create_new_version=True)

    assert [len(p) for p in template.versions().page_size(3).pages()] == [3, 1]
    assert [v.version for v in template.versions().limit(2)] == ["4", "3"]


def test_journey_runs_and_segment_jobs_are_listings(stub: Stubber, client: PinpointClient,
                                                    calls: list[Any]) -> None:
    run = {"CreationTime": "t", "LastUpdateTime": "t", "RunId": "r1", "Status": "RUNNING"}
    stub.add_response("get_journey_runs", {"JourneyRunsResponse": {
        "Item": [run, {**run, "RunId": "r2"}], "NextToken": "n"}})
    stub.add_response("get_segment_export_jobs", {"ExportJobsResponse": {"Item": [{
        **import_job_wire("COMPLETED"), "Type": "EXPORT",
        "Definition": {"RoleArn": "arn:role", "S3UrlPrefix": "s3://b/p"}}]}})
    stub.add_response("get_segment_import_jobs", {"ImportJobsResponse": {"Item": [
        import_job_wire("COMPLETED")]}})
    journey = Journey(client, structure(journey_wire(), models.JourneyResponse))
    segment = Segment(client, models.SegmentResponse(application_id=APP_ID, id="s1"))

    assert [r.run_id for r in journey.runs().page_size(2).limit(2)] == ["r1", "r2"]
    exports = segment.export_jobs().page_size(5)
    assert [type(j) for j in exports] == [ExportJob]
    assert [type(j) for j in segment.import_jobs()] == [ImportJob]
    assert [(name, params.get("PageSize")) for name, params in calls] == [
        ("GetJourneyRuns", "2"), ("GetSegmentExportJobs", "5"), ("GetSegmentImportJobs", None)]


def test_user_endpoints_are_a_listing_and_still_a_sequence(app: App) -> None:
    app.endpoints.upsert_many(
        models.EndpointBatchItem(id=f"ep{i}", channel_type="EMAIL", address=f"u{i}@x.com",
                                 user=models.EndpointUser(user_id="u1"))
        for i in range(3)
    )
    endpoints = app.users.get("u1").endpoints

    assert isinstance(endpoints, Listing)
    assert len(endpoints) == 3 and endpoints[0].id == "ep0"
    assert [e.id for e in endpoints.limit(2)] == ["ep0", "ep1"]
    assert [len(page) for page in endpoints.pages()] == [3]
    with pytest.raises(errors.ValidationError, match="no page size"):
        endpoints.page_size(2)
