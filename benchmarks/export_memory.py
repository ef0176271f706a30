"""Peak memory of exporting a million endpoints through `pinpoint_sdk.export`'s streaming path.

Usage::

    python benchmarks/export_memory.py                      # 1,000,000 endpoints
    python benchmarks/export_memory.py --endpoints 100000   # a quicker run
    python benchmarks/export_memory.py --tracemalloc        # also Python's own peak (slower)

Setup (measured apart, as the baseline, with a warm-up export that loads the modules): the offline double (moto) holds an app whose
export job has completed, and the job's folder in moto's S3 holds the endpoints as
gzipped NDJSON pieces of ``--piece-size`` endpoints, written one piece at a time. The
manifest of the export folder names that job, so ``export_app`` resumes with it: it
lists the pieces and streams each one, line by line, through typed ``EndpointResponse``
models into ``endpoints.ndjson``. Only that call is measured.

Printed: the resident set size (``ru_maxrss`` high-water mark) before and after the
export and its growth, and with ``--tracemalloc`` the peak of Python allocations during
the export (tracemalloc slows the run several times). The compressed pieces live in the
same process (moto's S3), which is why they are reported as the baseline.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import resource
import sys
import tempfile
import time
import tracemalloc
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BUCKET = "pinpoint-benchmark"
ROLE = "arn:aws:iam::123456789012:role/export"


def _rss_mib() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _endpoint(app_id: str, i: int) -> dict[str, object]:
    return {
        "Id": f"ep{i:07d}", "ApplicationId": app_id, "ChannelType": "EMAIL",
        "Address": f"user{i}@example.com", "EndpointStatus": "ACTIVE", "OptOut": "NONE",
        "Attributes": {"plan": ["gold" if i % 3 == 0 else "silver"], "city": ["Seattle"]},
        "Metrics": {"score": float(i % 7)}, "User": {"UserId": f"user{i}"},
        "Location": {"Country": "US", "PostalCode": "98101"},
        "EffectiveDate": "2026-01-01T00:00:00.000Z", "CreationDate": "2026-01-01T00:00:00.000Z",
        "CohortId": str(i % 100),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--endpoints", type=int, default=1_000_000)
    parser.add_argument("--piece-size", type=int, default=10_000)
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also measure the Python allocation peak (slower)")
    args = parser.parse_args()

    import boto3

    from pinpoint_sdk import models
    from pinpoint_sdk.errors import PinpointEndOfSupportWarning
    from pinpoint_sdk.export import EndpointExport, ExportManifest, export_app
    from pinpoint_sdk.export._manifest import EndpointsStatus
    from pinpoint_sdk.resources import Pinpoint
    from pinpoint_sdk.testing import mock_pinpoint

    warnings.simplefilter("ignore", PinpointEndOfSupportWarning)
    with mock_pinpoint(), tempfile.TemporaryDirectory() as dest:
        start_rss = _rss_mib()
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket=BUCKET)
        pp = Pinpoint(region_name="us-east-1")
        app = pp.apps.create("benchmark")
        url = f"s3://{BUCKET}/out/"
        job = app.export_jobs.create(
            models.ExportJobRequest(s3_url_prefix=url, role_arn=ROLE)
        ).wait(poll_interval=0)
        compressed = 0
        for number, first in enumerate(range(0, args.endpoints, args.piece_size)):
            last = min(first + args.piece_size, args.endpoints)
            lines = "".join(json.dumps(_endpoint(app.id, i)) + "\n" for i in range(first, last))
            body = gzip.compress(lines.encode())
            compressed += len(body)
            s3.put_object(Bucket=BUCKET, Key=f"out/{job.id}/part-{number:05d}.gz", Body=body)
            del lines, body
        ExportManifest(application_id=app.id,
                       endpoints=EndpointsStatus(s3_url=url, job_id=job.id)).save(
            Path(dest) / app.id)
        # Warm-up outside the measurement: the first export imports the model, codec and
        # client modules once per process (a one-time cost, not the streaming's).
        export_app(pp, app.id, Path(dest) / "warm-up")
        from pinpoint_sdk.converter import structure, unstructure

        unstructure(structure(_endpoint(app.id, 0), models.EndpointResponse))
        gc.collect()
        baseline_rss = _rss_mib()
        print(f"setup: {args.endpoints:,} endpoints in "
              f"{-(-args.endpoints // args.piece_size)} pieces of {args.piece_size:,}, "
              f"{compressed / 2**20:.1f} MiB gzipped in moto's S3")
        print(f"baseline (after setup): ru_maxrss {baseline_rss:.1f} MiB "
              f"(process start {start_rss:.1f} MiB)")

        if args.tracemalloc:
            tracemalloc.start()
        began = time.perf_counter()
        manifest = export_app(pp, app.id, dest,
                              endpoints=EndpointExport(url, ROLE, poll_interval=0))
        elapsed = time.perf_counter() - began
        peak = tracemalloc.get_traced_memory()[1] if args.tracemalloc else None
        if args.tracemalloc:
            tracemalloc.stop()
        after_rss = _rss_mib()
        size = (Path(dest) / app.id / "endpoints.ndjson").stat().st_size

        assert manifest.complete, manifest.failures
        assert manifest.parts["endpoints"].count == args.endpoints
        print(f"export: {manifest.parts['endpoints'].count:,} endpoints written "
              f"({size / 2**20:.1f} MiB NDJSON) in {elapsed:.1f} s "
              f"({args.endpoints / elapsed:,.0f} endpoints/s"
              f"{', under tracemalloc' if peak is not None else ''})")
        print(f"export: ru_maxrss {after_rss:.1f} MiB, growth over the baseline "
              f"{after_rss - baseline_rss:.1f} MiB")
        if peak is not None:
            print(f"export: tracemalloc peak {peak / 2**20:.2f} MiB")


if __name__ == "__main__":
    main()
