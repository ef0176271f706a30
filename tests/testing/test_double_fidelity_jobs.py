"""Import and export jobs against moto's S3."""

from __future__ import annotations

import gzip
import json
from typing import Any

from double_helpers import finished_job

from pinpoint_sdk import models
from pinpoint_sdk.resources import Pinpoint
from pinpoint_sdk.testing import PinpointMock

ROLE = "arn:aws:iam::123456789012:role/pinpoint"


def _export(client: Any, app_id: str, prefix: str) -> dict[str, Any]:
    job_id = client.create_export_job(
        ApplicationId=app_id, ExportJobRequest={"RoleArn": ROLE, "S3UrlPrefix": prefix}
    )["ExportJobResponse"]["Id"]
    return finished_job(client, "export", app_id, job_id)


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
    return finished_job(client, "import", app_id, job_id)


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


FULL_ENDPOINT = {
    "ChannelType": "EMAIL",
    "Attributes": {"plan": ["gold", "trial"]},
    "Metrics": {"score": 4.5},
    "User": {"UserId": "u1", "UserAttributes": {"tier": ["vip"]}},
    "Location": {"Country": "FR", "City": "Lyon", "Latitude": 45.76, "Longitude": 4.84},
    "Demographic": {"Platform": "ios", "Locale": "fr_FR"},
    "EffectiveDate": "2024-01-01T00:00:00Z",
    "OptOut": "NONE",
    "RequestId": "req-1",
}


def _plain_s3_pieces(s3: Any, bucket: str, prefix: str) -> dict[str, list[dict[str, Any]]]:
    """Every ``.gz`` object under ``prefix``, read as export code would: paginated
    ListObjectsV2, GetObject, gunzip, one JSON object per line."""
    pieces: dict[str, list[dict[str, Any]]] = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for listed in page.get("Contents", []):
            key = listed["Key"]
            assert key.endswith(".gz"), key
            body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
            text = gzip.decompress(body).decode("utf-8")
            assert text == "" or text.endswith("\n")
            pieces[key] = [json.loads(line) for line in text.splitlines()]
    return pieces


def test_export_pieces_read_with_plain_s3_calls_are_what_get_endpoint_returns(
    client: Any, app_id: str, mock: PinpointMock, s3: Any
) -> None:
    for number in range(7):
        client.update_endpoint(
            ApplicationId=app_id,
            EndpointId=f"ep{number}",
            EndpointRequest={**FULL_ENDPOINT, "Address": f"u{number}@example.com"},
        )
    mock.backend().export_piece_size = 3
    prefix = "s3://exports/pinpoint/exports/endpoints/"

    created = client.create_export_job(
        ApplicationId=app_id, ExportJobRequest={"RoleArn": ROLE, "S3UrlPrefix": prefix}
    )["ExportJobResponse"]
    job = finished_job(client, "export", app_id, created["Id"])

    pieces = _plain_s3_pieces(s3, "exports", "pinpoint/exports/endpoints/")
    assert sorted(pieces) == [
        f"pinpoint/exports/endpoints/{job['Id']}/part-{n:05d}.gz" for n in range(3)
    ]
    assert [len(rows) for _, rows in sorted(pieces.items())] == [3, 3, 1]
    exported = {row["Id"]: row for rows in pieces.values() for row in rows}
    for endpoint_id, row in exported.items():
        fetched = client.get_endpoint(ApplicationId=app_id, EndpointId=endpoint_id)
        assert row == fetched["EndpointResponse"]
    assert exported["ep0"]["Location"]["City"] == "Lyon"
    assert exported["ep0"]["User"] == FULL_ENDPOINT["User"]

    assert created["JobStatus"] == "CREATED"
    assert {
        key: job[key]
        for key in ("JobStatus", "Type", "TotalPieces", "CompletedPieces", "FailedPieces",
                    "TotalProcessed", "TotalFailures", "ApplicationId")
    } == {
        "JobStatus": "COMPLETED", "Type": "EXPORT", "TotalPieces": 3, "CompletedPieces": 3,
        "FailedPieces": 0, "TotalProcessed": 7, "TotalFailures": 0, "ApplicationId": app_id,
    }  # fmt: skip
    assert job["Definition"] == {"RoleArn": ROLE, "S3UrlPrefix": prefix}
    assert "Failures" not in job and job["CompletionDate"] >= job["CreationDate"]
    listed = client.get_export_jobs(ApplicationId=app_id)["ExportJobsResponse"]["Item"]
    assert listed == [job]


def test_export_leaves_out_members_the_model_does_not_know(
    app_id: str, mock: PinpointMock, s3: Any, client: Any
) -> None:
    # What only a raw HTTP request could store; GetEndpoint does not return it either.
    mock.backend().upsert_endpoint(
        app_id, "odd", {"ChannelType": "EMAIL", "Address": "o@example.com", "Bogus": 1}
    )

    job = _export(client, app_id, "s3://exports/odd")

    [rows] = _plain_s3_pieces(s3, "exports", f"odd/{job['Id']}/").values()
    assert "Bogus" not in rows[0] and rows[0]["Address"] == "o@example.com"


def test_two_exports_under_one_prefix_keep_their_pieces_apart(
    client: Any, app_id: str, s3: Any
) -> None:
    client.update_endpoint(
        ApplicationId=app_id, EndpointId="a", EndpointRequest={"ChannelType": "SMS", "Address": "+14155550100"}
    )  # fmt: skip
    first = _export(client, app_id, "s3://exports/shared/")
    client.update_endpoint(
        ApplicationId=app_id, EndpointId="b", EndpointRequest={"ChannelType": "SMS", "Address": "+14155550101"}
    )  # fmt: skip
    second = _export(client, app_id, "s3://exports/shared/")

    per_job = {
        job["Id"]: _plain_s3_pieces(s3, "exports", f"shared/{job['Id']}/")
        for job in (first, second)
    }
    ids = {job_id: sorted(r["Id"] for rows in p.values() for r in rows) for job_id, p in per_job.items()}
    assert ids == {first["Id"]: ["a"], second["Id"]: ["a", "b"]}
    assert (first["TotalProcessed"], second["TotalProcessed"]) == (1, 2)


def test_an_export_of_an_app_without_endpoints_writes_one_empty_piece(
    client: Any, app_id: str, s3: Any
) -> None:
    job = _export(client, app_id, "s3://exports/empty/")

    assert (job["JobStatus"], job["TotalProcessed"], job["TotalPieces"]) == ("COMPLETED", 0, 1)
    assert _plain_s3_pieces(s3, "exports", "empty/") == {f"empty/{job['Id']}/part-00000.gz": []}
