"""Import job: load endpoints from S3, wait for the job, and handle a failed one.

Import jobs are the scale path: for millions of endpoints, write them to S3 as CSV or
JSON lines and start ONE import job, instead of the thousands of UpdateEndpointsBatch
calls (100 endpoints each) that ``upsert_many`` would need (see bulk_endpoints.py).

Shows ``app.import_jobs``:

* ``create(models.ImportJobRequest(...))`` starts the job and returns an ``ImportJob``;
* ``job.wait(timeout=..., poll_interval=...)`` polls until COMPLETED and returns the job
  with its final data (processed count, the segment it defined, ...);
* a job that ends FAILED makes ``wait()`` raise ``errors.JobFailedError``, whose
  ``.failures`` lists the service's reasons (and ``.job`` holds the final job model);
  a job still running at the timeout raises ``errors.WaiterTimeoutError``.

Offline, the in-memory Pinpoint stands in for S3 too: ``mock.backend().stage_import(url,
endpoints)`` puts endpoints at a URL for import jobs to read. It completes a job after a
few polls, and ``mock.backend().fail_jobs_at(url)`` makes the jobs at a URL fail, so both
paths run without AWS.

Run it offline (the default; no AWS account needed):

    python examples/import_job.py

Live, you need an S3 prefix holding endpoint files and an IAM role Pinpoint can assume
to read it (the failing job points at a prefix next to it that does not exist):

    python examples/import_job.py --aws \\
        --s3-url s3://my-bucket/endpoints/ \\
        --role-arn arn:aws:iam::123456789012:role/PinpointImportRole
"""

from __future__ import annotations

# _runtime.py (next to this file): offline double by default, real AWS with --aws
from _runtime import connect, example_parser, is_live

from pinpoint_sdk import errors, models

OFFLINE_S3_URL = "s3://example-pinpoint-imports/endpoints/"
OFFLINE_ROLE_ARN = "arn:aws:iam::123456789012:role/PinpointImportRole"


def main() -> None:
    parser = example_parser(__doc__)
    parser.add_argument("--s3-url", help="S3 prefix of the endpoint files (live runs)")
    parser.add_argument("--role-arn", help="IAM role Pinpoint assumes to read it (live runs)")
    parser.add_argument("--format", choices=("CSV", "JSON"), default="CSV")
    args = parser.parse_args()
    if is_live(args) and not (args.s3_url and args.role_arn):
        parser.error("live runs need --s3-url and --role-arn")

    with connect(args) as rt:
        s3_url: str = args.s3_url or OFFLINE_S3_URL
        role_arn: str = args.role_arn or OFFLINE_ROLE_ARN

        app = rt.pinpoint.apps.create("import-job-demo")
        print(f"app {app.id}")
        if rt.mock is not None:
            # Offline only: the files the job will "read" from S3 (one row is invalid).
            rt.mock.backend().stage_import(f"{s3_url}customers-1.json", [
                {"Id": f"customer-{i}", "ChannelType": "EMAIL",
                 "Address": f"customer{i}@example.com", "Attributes": {"plan": ["gold"]}}
                for i in range(25)
            ] + [{"Id": "customer-bad", "ChannelType": "PIGEON", "Address": "coo"}])

        # 1. A job that works: import the files and define a segment from them.
        job = app.import_jobs.create(
            models.ImportJobRequest(
                s3_url=s3_url,
                role_arn=role_arn,
                format=args.format,
                define_segment=True,
                segment_name="imported-customers",
                register_endpoints=True,
            )
        )
        print(f"started import job {job.id}: {job.status}")
        job.wait(timeout=3600, poll_interval=rt.poll_interval)
        definition = job.data.definition
        segment_id = definition.segment_id if definition else None
        print(
            f"import job {job.id}: {job.status}, processed {job.data.total_processed} "
            f"endpoints, {job.data.total_failures} rejected, segment {segment_id}"
        )
        for reason in job.data.failures or []:
            print(f"  rejected: {reason}")
        if segment_id:
            print(f"  the job defined segment {app.segments.get(segment_id).name!r}")

        # 2. A job that fails: wait() raises JobFailedError carrying the reasons.
        bad_url = s3_url.rstrip("/") + "-does-not-exist/"
        if rt.mock is not None:
            # Offline only: the double has no S3 permissions to deny, so ask it to fail.
            rt.mock.backend().fail_jobs_at(bad_url)
        bad = app.import_jobs.create(
            models.ImportJobRequest(s3_url=bad_url, role_arn=role_arn, format=args.format)
        )
        print(f"started import job {bad.id} from {bad_url}")
        try:
            bad.wait(timeout=3600, poll_interval=rt.poll_interval)
        except errors.JobFailedError as exc:
            print(f"JobFailedError: {exc}")
            for reason in exc.failures:
                print(f"  failure: {reason}")
        except errors.WaiterTimeoutError as exc:  # not offline; live jobs can be slow
            print(f"WaiterTimeoutError: {exc}")
        else:
            print(f"import job {bad.id} unexpectedly ended {bad.status}")

        # Every job of the app, newest first, with its status.
        for listed in app.import_jobs:
            print(f"  listed: {listed.id} {listed.status}")

        rt.clean_up(app)


if __name__ == "__main__":
    main()
