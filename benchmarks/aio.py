"""100 concurrent async `get_campaign` calls against 100 sequential sync ones.

Usage::

    python benchmarks/aio.py              # 100 calls, best of 5 rounds
    python benchmarks/aio.py --calls 200 --rounds 3

The offline Pinpoint (``pinpoint-sdk serve``) runs in its own process on a free local
port, so the measuring process only does client work. One app with one campaign is
created there; then each round times

* sync: one `PinpointClient` calling ``get_campaign`` ``--calls`` times in a row;
* async: one `AsyncPinpointClient` with ``--calls`` ``get_campaign`` calls in flight at
  once (``asyncio.gather``), its connection pool sized to match (``max_pool_connections``).

Both clients are warmed up first (model loading, first connections). Prints the best
wall time of each side and their ratio (sync time over async time: above 1 means the
concurrent calls finished faster).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from botocore.config import Config  # noqa: E402

from pinpoint_sdk import PinpointClient, models  # noqa: E402
from pinpoint_sdk.aio import AsyncPinpointClient  # noqa: E402
from pinpoint_sdk.errors import PinpointEndOfSupportWarning  # noqa: E402

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def start_server() -> tuple[subprocess.Popen[str], str]:
    """``pinpoint-sdk serve --port 0`` in a child process, and the URL it serves."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pinpoint_sdk", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if "Serving the offline Pinpoint at " not in line:
        proc.kill()
        raise SystemExit(f"the server did not start: {line!r}")
    return proc, line.split(" at ", 1)[1].split()[0]


def seed(url: str) -> tuple[str, str]:
    client = PinpointClient(region_name="us-east-1", endpoint_url=url, **CREDENTIALS)
    created = client.create_app(
        create_application_request=models.CreateApplicationRequest(name="bench")
    )
    assert created.application_response is not None
    app_id = created.application_response.id
    assert app_id is not None
    segment = client.create_segment(
        application_id=app_id,
        write_segment_request=models.WriteSegmentRequest(
            name="all", dimensions=models.SegmentDimensions()
        ),
    ).segment_response
    assert segment is not None
    campaign = client.create_campaign(
        application_id=app_id,
        write_campaign_request=models.WriteCampaignRequest(
            name="bench",
            segment_id=segment.id,
            schedule=models.Schedule(start_time="IMMEDIATE"),
            message_configuration=models.MessageConfiguration(
                default_message=models.Message(body="hello")
            ),
        ),
    ).campaign_response
    assert campaign is not None and campaign.id is not None
    return app_id, campaign.id


def time_sync(url: str, app_id: str, campaign_id: str, calls: int, rounds: int) -> float:
    client = PinpointClient(region_name="us-east-1", endpoint_url=url, **CREDENTIALS)
    client.get_campaign(application_id=app_id, campaign_id=campaign_id)  # warm up
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(calls):
            client.get_campaign(application_id=app_id, campaign_id=campaign_id)
        best = min(best, time.perf_counter() - start)
    client.close()
    return best


async def time_async(url: str, app_id: str, campaign_id: str, calls: int, rounds: int) -> float:
    config = Config(max_pool_connections=calls)
    async with AsyncPinpointClient(
        region_name="us-east-1", endpoint_url=url, config=config, **CREDENTIALS
    ) as client:
        await asyncio.gather(  # warm up, opening the pool's connections
            *(client.get_campaign(application_id=app_id, campaign_id=campaign_id)
              for _ in range(calls))
        )
        best = float("inf")
        for _ in range(rounds):
            start = time.perf_counter()
            results = await asyncio.gather(
                *(client.get_campaign(application_id=app_id, campaign_id=campaign_id)
                  for _ in range(calls))
            )
            best = min(best, time.perf_counter() - start)
            assert all(r.campaign_response and r.campaign_response.id == campaign_id
                       for r in results)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    warnings.simplefilter("ignore", PinpointEndOfSupportWarning)
    proc, url = start_server()
    try:
        app_id, campaign_id = seed(url)
        sync = time_sync(url, app_id, campaign_id, args.calls, args.rounds)
        concurrent = asyncio.run(time_async(url, app_id, campaign_id, args.calls, args.rounds))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    print(f"get_campaign x{args.calls} against the offline server ({url}), "
          f"best of {args.rounds} rounds, {os.cpu_count()} CPUs")
    print(f"  sync, sequential   {sync * 1000:8.1f} ms")
    print(f"  async, concurrent  {concurrent * 1000:8.1f} ms")
    print(f"  ratio sync/async   {sync / concurrent:8.2f}x")


if __name__ == "__main__":
    main()
