"""Time of the offline double's endpoint writes and user lookups at 10,000 endpoints.

Usage::

    python benchmarks/double_endpoints.py                     # 10,000 endpoints
    python benchmarks/double_endpoints.py --endpoints 2000    # a quicker run

Each section runs in a fresh ``mock_pinpoint()`` through a boto3 client, one user per
endpoint (the case where each write's per-user limit check once cost a scan of every
endpoint of the app), and prints its wall time:

* ``UpdateEndpointsBatch``: the endpoints in batches of 100 items, every item with a
  ``User.UserId``;
* ``UpdateEndpoint``: the same endpoints one request each;
* import job: the endpoints staged at an S3 URL (``stage_import``) and imported by one job;
* ``GetUserEndpoints``: 1,000 lookups in the app filled by the batches.

A measurement to read, not a test: nothing here fails on a slow machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pinpoint_sdk.testing import mock_pinpoint  # noqa: E402

ROLE = "arn:aws:iam::123456789012:role/import"


def _item(i: int) -> dict[str, Any]:
    return {
        "Id": f"ep{i:06d}",
        "ChannelType": "EMAIL",
        "Address": f"user{i}@example.com",
        "Attributes": {"plan": ["gold" if i % 3 == 0 else "silver"]},
        "User": {"UserId": f"user{i}", "UserAttributes": {"tier": [str(i % 4)]}},
    }


def _app(client: Any) -> str:
    app_id: str = client.create_app(CreateApplicationRequest={"Name": "bench"})[
        "ApplicationResponse"
    ]["Id"]
    return app_id


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def bench_batches(count: int, lookups: int) -> tuple[float, float]:
    with mock_pinpoint():
        client = boto3.client("pinpoint", region_name="us-east-1")
        app_id = _app(client)

        def batches() -> None:
            for start in range(0, count, 100):
                items = [_item(i) for i in range(start, min(start + 100, count))]
                client.update_endpoints_batch(
                    ApplicationId=app_id, EndpointBatchRequest={"Item": items}
                )

        def reads() -> None:
            for i in range(0, count, max(1, count // lookups)):
                found = client.get_user_endpoints(ApplicationId=app_id, UserId=f"user{i}")
                assert len(found["EndpointsResponse"]["Item"]) == 1

        return _timed(batches), _timed(reads)


def bench_singles(count: int) -> float:
    with mock_pinpoint():
        client = boto3.client("pinpoint", region_name="us-east-1")
        app_id = _app(client)

        def singles() -> None:
            for i in range(count):
                item = _item(i)
                client.update_endpoint(
                    ApplicationId=app_id, EndpointId=item.pop("Id"), EndpointRequest=item
                )

        return _timed(singles)


def bench_import(count: int) -> float:
    with mock_pinpoint() as mock:
        client = boto3.client("pinpoint", region_name="us-east-1")
        app_id = _app(client)
        mock.backend().stage_import("s3://bench/in/part.json", [_item(i) for i in range(count)])

        def run_job() -> None:
            job_id = client.create_import_job(
                ApplicationId=app_id,
                ImportJobRequest={"Format": "JSON", "RoleArn": ROLE, "S3Url": "s3://bench/in/"},
            )["ImportJobResponse"]["Id"]
            for _ in range(10):
                job = client.get_import_job(ApplicationId=app_id, JobId=job_id)
                if job["ImportJobResponse"]["JobStatus"] == "COMPLETED":
                    assert job["ImportJobResponse"]["TotalFailures"] == 0
                    return
            raise AssertionError("the import job did not complete")

        return _timed(run_job)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoints", type=int, default=10_000)
    parser.add_argument("--lookups", type=int, default=1_000)
    args = parser.parse_args()
    count = args.endpoints
    batch_time, read_time = bench_batches(count, args.lookups)
    rows = [
        (f"UpdateEndpointsBatch, {count:,} items with user ids", batch_time),
        (f"GetUserEndpoints x{min(count, args.lookups):,} at {count:,} endpoints", read_time),
        (f"UpdateEndpoint x{count:,} with user ids", bench_singles(count)),
        (f"import job of {count:,} endpoints with user ids", bench_import(count)),
    ]
    for name, seconds in rows:
        print(f"{name:<60} {seconds:8.2f} s")


if __name__ == "__main__":
    main()
