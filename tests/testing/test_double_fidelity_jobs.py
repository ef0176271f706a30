"""Import and export jobs against moto's S3."""

from __future__ import annotations

import gzip
import json
from typing import Any

import boto3
import pytest

from pinpoint_sdk import models
from pinpoint_sdk.resources import Pinpoint
from pinpoint_sdk.testing import PinpointMock

ROLE = "arn:aws:iam::123456789012:role/pinpoint"


@pytest.fixture
def s3(mock: PinpointMock) -> Any:
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket="exports")
    return client


def _finish(get: Any, app_id: str, job_id: str, wrapper: str) -> dict[str, Any]:
    for _ in range(10):
        job: dict[str, Any] = get(ApplicationId=app_id, JobId=job_id)[wrapper]
        if job["JobStatus"] in {"COMPLETED", "FAILED"}:
            return job
    raise AssertionError(f"job stuck in {job['JobStatus']}")


def _export(client: Any, app_id: str, prefix: str) -> dict[str, Any]:
    job_id = client.create_export_job(
        ApplicationId=app_id, ExportJobRequest={"RoleArn": ROLE, "S3UrlPrefix": prefix}
    )["ExportJobResponse"]["Id"]
    return _finish(client.get_export_job, app_id, job_id, "ExportJobResponse")


def _read_export(s3: Any, bucket: str, prefix: str) -> tuple[list[str], list[dict[str, Any]]]:
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix=prefix)["Contents"]]
    rows = []
    for key in keys:
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        rows += [json.loads(line) for line in gzip.decompress(body).decode().splitlines()]
    return keys, rows


def test_an_export_job_writes_gzipped_ndjson_pieces_to_s3(
    client: Any, app_id: str, mock: PinpointMock, s3: Any
) -> None:
    items = [
        {"Id": f"e{i}", "ChannelType": "EMAIL", "Address": f"u{i}@example.com",
         "Attributes": {"plan": ["gold"]}}
        for i in range(5)
    ]  # fmt: skip
    client.update_endpoints_batch(ApplicationId=app_id, EndpointBatchRequest={"Item": items})
    mock.backend().export_piece_size = 2

    job = _export(client, app_id, "s3://exports/pinpoint/out/")

    assert job["JobStatus"] == "COMPLETED"
    assert (job["TotalProcessed"], job["TotalPieces"], job["CompletedPieces"]) == (5, 3, 3)
    keys, rows = _read_export(s3, "exports", "pinpoint/out/")
    assert keys == [f"pinpoint/out/{job['Id']}/part-0000{n}.gz" for n in range(3)]
    assert sorted(row["Id"] for row in rows) == [f"e{i}" for i in range(5)]
    assert rows[0]["Attributes"] == {"plan": ["gold"]} and rows[0]["ApplicationId"] == app_id


def test_an_export_to_a_missing_bucket_fails(client: Any, app_id: str, s3: Any) -> None:
    job = _export(client, app_id, "s3://no-such-bucket/out/")

    assert job["JobStatus"] == "FAILED"
    assert "no-such-bucket" in job["Failures"][0]


def _import(client: Any, app_id: str, url: str, file_format: str) -> dict[str, Any]:
    job_id = client.create_import_job(
        ApplicationId=app_id,
        ImportJobRequest={"RoleArn": ROLE, "S3Url": url, "Format": file_format},
    )["ImportJobResponse"]["Id"]
    return _finish(client.get_import_job, app_id, job_id, "ImportJobResponse")


def test_an_import_job_reads_json_and_csv_files_from_s3(
    client: Any, app_id: str, s3: Any
) -> None:
    lines = [
        {"Id": "j1", "ChannelType": "EMAIL", "Address": "j1@example.com"},
        {"Id": "j2", "ChannelType": "PIGEON", "Address": "coo"},
    ]
    s3.put_object(
        Bucket="exports", Key="in/json/a.json",
        Body="\n".join(json.dumps(line) for line in lines) + "\nnot json\n",
    )  # fmt: skip
    s3.put_object(
        Bucket="exports", Key="in/csv/b.csv",
        Body="Id,ChannelType,Address,User.UserId,Attributes.plan,Metrics.score\n"
             "c1,SMS,+14155550100,u1,gold,4.5\n",
    )  # fmt: skip

    json_job = _import(client, app_id, "s3://exports/in/json/", "JSON")
    csv_job = _import(client, app_id, "s3://exports/in/csv/b.csv", "CSV")

    assert (json_job["TotalProcessed"], json_job["TotalFailures"]) == (3, 2)
    assert [f.split(": ")[1] for f in json_job["Failures"]] == ["j2", "line 3"]
    assert (csv_job["TotalProcessed"], csv_job["TotalFailures"]) == (1, 0)
    c1 = client.get_endpoint(ApplicationId=app_id, EndpointId="c1")["EndpointResponse"]
    assert c1["User"]["UserId"] == "u1" and c1["Attributes"] == {"plan": ["gold"]}
    assert c1["Metrics"] == {"score": 4.5} and c1["Address"] == "+14155550100"
    j1 = client.get_endpoint(ApplicationId=app_id, EndpointId="j1")["EndpointResponse"]
    assert j1["Address"] == "j1@example.com"


def test_an_export_reimports_into_another_app_through_the_sdk(
    mock: PinpointMock, s3: Any
) -> None:
    pp = Pinpoint(region_name="us-east-1")
    source, target = pp.apps.create("source"), pp.apps.create("target")
    source.endpoints.upsert_many(
        models.EndpointBatchItem(id=f"ep{i}", channel_type="EMAIL", address=f"u{i}@example.com")
        for i in range(3)
    )
    export = source.export_jobs.create(
        models.ExportJobRequest(s3_url_prefix="s3://exports/copy/", role_arn=ROLE)
    )
    export.wait(poll_interval=0)

    imported = target.import_jobs.create(
        models.ImportJobRequest(s3_url="s3://exports/copy/", role_arn=ROLE, format="JSON")
    )
    imported.wait(poll_interval=0)

    assert imported.data.total_processed == 3
    copied = target.endpoints.get("ep2").data
    assert (copied.address, copied.application_id) == ("u2@example.com", target.id)
