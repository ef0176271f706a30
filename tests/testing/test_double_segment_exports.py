"""Export jobs with a SegmentId write that segment's endpoints, or fail; never a superset."""

from __future__ import annotations

import gzip
import json
from typing import Any

import pytest
from double_helpers import error_code, finished_job

from pinpoint_sdk.testing import PinpointMock

ROLE = "arn:aws:iam::123456789012:role/pinpoint"
PREFIX = "s3://exports/segments/"


@pytest.fixture
def endpoints(client: Any, app_id: str) -> None:
    """Three endpoints: an iOS one in the US, an Android one in France, a bare email."""
    items = [
        {"Id": "ios-us", "ChannelType": "APNS", "Address": "token-1",
         "Demographic": {"Platform": "ios"}, "Location": {"Country": "US"},
         "Attributes": {"plan": ["gold"]}, "Metrics": {"score": 9}},
        {"Id": "android-fr", "ChannelType": "GCM", "Address": "token-2",
         "Demographic": {"Platform": "android"}, "Location": {"Country": "FR"},
         "Attributes": {"plan": ["silver"]}, "Metrics": {"score": 2}},
        {"Id": "email", "ChannelType": "EMAIL", "Address": "e@example.com"},
    ]  # fmt: skip
    client.update_endpoints_batch(ApplicationId=app_id, EndpointBatchRequest={"Item": items})


def _segment(client: Any, app_id: str, **request: Any) -> str:
    segment_id: str = client.create_segment(
        ApplicationId=app_id, WriteSegmentRequest={"Name": "s", **request}
    )["SegmentResponse"]["Id"]
    return segment_id


def _export(client: Any, app_id: str, segment_id: str, **extra: Any) -> dict[str, Any]:
    request = {"RoleArn": ROLE, "S3UrlPrefix": PREFIX, "SegmentId": segment_id, **extra}
    job_id = client.create_export_job(ApplicationId=app_id, ExportJobRequest=request)[
        "ExportJobResponse"
    ]["Id"]
    return finished_job(client, "export", app_id, job_id)


def _import(client: Any, app_id: str, url: str, **extra: Any) -> dict[str, Any]:
    request = {"RoleArn": ROLE, "S3Url": url, "Format": "JSON", **extra}
    job_id = client.create_import_job(ApplicationId=app_id, ImportJobRequest=request)[
        "ImportJobResponse"
    ]["Id"]
    return finished_job(client, "import", app_id, job_id)


def _exported_ids(s3: Any, job: dict[str, Any]) -> list[str]:
    listed = s3.list_objects_v2(Bucket="exports", Prefix=f"segments/{job['Id']}/")
    ids = []
    for item in listed.get("Contents", []):
        body = s3.get_object(Bucket="exports", Key=item["Key"])["Body"].read()
        ids += [json.loads(line)["Id"] for line in gzip.decompress(body).decode().splitlines()]
    return sorted(ids)


@pytest.mark.usefixtures("endpoints")
def test_a_dimensional_segment_exports_only_its_endpoints(
    client: Any, app_id: str, s3: Any
) -> None:
    segment_id = _segment(
        client, app_id,
        Dimensions={"Demographic": {"Platform": {"DimensionType": "INCLUSIVE",
                                                 "Values": ["ios", "android"]}},
                    "Metrics": {"score": {"ComparisonOperator": "GREATER_THAN", "Value": 5}}},
    )  # fmt: skip

    job = _export(client, app_id, segment_id)

    assert (job["JobStatus"], job["TotalProcessed"]) == ("COMPLETED", 1)
    assert _exported_ids(s3, job) == ["ios-us"]


@pytest.mark.usefixtures("endpoints")
def test_a_segment_group_with_a_source_segment_exports_its_endpoints(
    client: Any, app_id: str, s3: Any
) -> None:
    apps = _segment(
        client, app_id, Dimensions={"Demographic": {"Channel": {"Values": ["APNS", "GCM"]}}}
    )
    group = {
        "SourceSegments": [{"Id": apps}],
        "Dimensions": [{"Location": {"Country": {"DimensionType": "EXCLUSIVE", "Values": ["US"]}}}],
    }
    segment_id = _segment(client, app_id, SegmentGroups={"Include": "ALL", "Groups": [group]})

    job = _export(client, app_id, segment_id)

    assert _exported_ids(s3, job) == ["android-fr"]


@pytest.mark.usefixtures("endpoints")
def test_an_export_of_an_old_segment_version_uses_that_version(
    client: Any, app_id: str, s3: Any
) -> None:
    segment_id = _segment(client, app_id, Dimensions={"Location": {"Country": {"Values": ["FR"]}}})
    client.update_segment(
        ApplicationId=app_id, SegmentId=segment_id,
        WriteSegmentRequest={"Dimensions": {"Location": {"Country": {"Values": ["US"]}}}},
    )  # fmt: skip

    old = _export(client, app_id, segment_id, SegmentVersion=1)
    latest = _export(client, app_id, segment_id)

    assert _exported_ids(s3, old) == ["android-fr"]
    assert _exported_ids(s3, latest) == ["ios-us"]
    assert error_code(
        lambda: _export(client, app_id, segment_id, SegmentVersion=3)
    ) == "BadRequestException"


@pytest.mark.usefixtures("endpoints")
def test_an_unsupported_dimension_fails_the_export_naming_it(
    client: Any, app_id: str, s3: Any
) -> None:
    segment_id = _segment(
        client, app_id,
        Dimensions={"Behavior": {"Recency": {"Duration": "DAY_7", "RecencyType": "ACTIVE"}}},
    )  # fmt: skip

    job = _export(client, app_id, segment_id)

    assert job["JobStatus"] == "FAILED"
    [failure] = job["Failures"]
    assert segment_id in failure and "Dimensions.Behavior.Recency" in failure
    assert _exported_ids(s3, job) == []


def _stage_emails(mock: PinpointMock, url: str, *endpoint_ids: str) -> None:
    mock.backend().stage_import(
        url,
        [{"Id": i, "ChannelType": "EMAIL", "Address": f"{i}@example.com"} for i in endpoint_ids],
    )


def _imported_segment(
    client: Any, app_id: str, mock: PinpointMock, url: str, *endpoint_ids: str
) -> str:
    """An imported segment defined by importing email endpoints staged at ``url``."""
    _stage_emails(mock, url, *endpoint_ids)
    job = _import(client, app_id, url, DefineSegment=True, SegmentName="vip")
    segment_id: str = job["Definition"]["SegmentId"]
    return segment_id


@pytest.mark.usefixtures("endpoints")
def test_an_imported_segment_exports_the_endpoints_its_imports_upserted(
    client: Any, app_id: str, mock: PinpointMock, s3: Any
) -> None:
    mock.backend().stage_import("s3://in/first/", [{"Id": "bad", "ChannelType": "PIGEON"}])
    segment_id = _imported_segment(client, app_id, mock, "s3://in/first/", "new-1", "email")
    _stage_emails(mock, "s3://in/second/", "new-2")

    only_first = _export(client, app_id, segment_id)
    _import(client, app_id, "s3://in/second/", SegmentId=segment_id)
    both = _export(client, app_id, segment_id)

    assert _exported_ids(s3, only_first) == ["email", "new-1"]
    assert _exported_ids(s3, both) == ["email", "new-1", "new-2"]
    segment = client.get_segment(ApplicationId=app_id, SegmentId=segment_id)["SegmentResponse"]
    assert segment["ImportDefinition"]["Size"] == 3


@pytest.mark.usefixtures("endpoints")
def test_an_imported_segment_leaves_out_endpoints_deleted_since(
    client: Any, app_id: str, mock: PinpointMock, s3: Any
) -> None:
    segment_id = _imported_segment(client, app_id, mock, "s3://in/", "new-1", "new-2")
    client.delete_endpoint(ApplicationId=app_id, EndpointId="new-1")

    job = _export(client, app_id, segment_id)

    assert _exported_ids(s3, job) == ["new-2"]


def test_an_import_cannot_add_to_a_dimensional_segment(client: Any, app_id: str) -> None:
    segment_id = _segment(client, app_id)

    assert error_code(
        lambda: _import(client, app_id, "s3://in/", SegmentId=segment_id)
    ) == "BadRequestException"


def test_a_deleted_segment_forgets_its_members(
    client: Any, app_id: str, mock: PinpointMock
) -> None:
    segment_id = _imported_segment(client, app_id, mock, "s3://in/", "a")
    members = mock.backend().state(app_id).segment_members
    assert members[segment_id] == ("a",)

    client.delete_segment(ApplicationId=app_id, SegmentId=segment_id)

    assert segment_id not in members
