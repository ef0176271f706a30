"""Async quick start: an app, endpoints and campaigns with ``AsyncPinpointClient``.

Shows the async client (``pinpoint_sdk.aio``) in an ``asyncio`` program:

1. open one client with ``async with`` and reuse it for every call;
2. create an application, then 20 endpoints concurrently (``asyncio.gather``);
3. create a segment and three campaigns concurrently;
4. list the campaigns page by page with ``async for`` over ``get_campaigns_pages``;
5. read them back concurrently and catch a typed ``NotFoundError``.

Run it (no AWS account needed; offline it serves the in-memory Pinpoint of
pinpoint_sdk.testing over local HTTP, which the async client talks to):

    python examples/async_quickstart.py

Against real AWS (default credential chain; the app is deleted at the end unless --keep):

    python examples/async_quickstart.py --aws --region us-east-1
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Callable, Coroutine, Iterator
from typing import Any

# _runtime.py (next to this file): the options and the live switch every example shares
from _runtime import example_parser, is_live

from pinpoint_sdk import errors, models
from pinpoint_sdk.aio import AsyncPinpointClient

CAMPAIGNS = ["welcome", "reminder", "win-back"]


async def run(client_kwargs: dict[str, Any], live: bool, keep: bool) -> None:
    async with AsyncPinpointClient(**client_kwargs) as client:
        # 2. One application, then its endpoints: 20 calls in flight at once.
        created = await client.create_app(
            create_application_request=models.CreateApplicationRequest(name="async-demo")
        )
        app = created.application_response
        assert app is not None and app.id is not None
        print(f"app:       {app.id}  name={app.name}  (HTTP {created.http_status_code})")
        await asyncio.gather(
            *(
                client.update_endpoint(
                    application_id=app.id,
                    endpoint_id=f"user-{n:02d}",
                    endpoint_request=models.EndpointRequest(
                        channel_type="EMAIL", address=f"user{n}@example.com"
                    ),
                )
                for n in range(20)
            )
        )
        print("endpoints: 20 upserted concurrently")

        # 3. A segment of email endpoints and three campaigns for it, concurrently.
        segment = await client.create_segment(
            application_id=app.id,
            write_segment_request=models.WriteSegmentRequest(
                name="email-users",
                dimensions=models.SegmentDimensions(
                    demographic=models.SegmentDemographics(
                        channel=models.SetDimension(values=["EMAIL"])
                    )
                ),
            ),
        )
        assert segment.segment_response is not None
        await asyncio.gather(
            *(
                client.create_campaign(
                    application_id=app.id,
                    write_campaign_request=models.WriteCampaignRequest(
                        name=name,
                        segment_id=segment.segment_response.id,
                        schedule=models.Schedule(start_time="IMMEDIATE"),
                        message_configuration=models.MessageConfiguration(
                            email_message=models.CampaignEmailMessage(
                                title=f"{name} subject", html_body=f"<p>{name}</p>"
                            )
                        ),
                    ),
                )
                for name in CAMPAIGNS
            )
        )

        # 4. Every campaign, two per page: the token is followed for you.
        ids: list[str] = []
        pages = 0
        async for page in client.get_campaigns_pages(application_id=app.id, page_size=2):
            pages += 1
            assert page.campaigns_response is not None
            ids += [c.id for c in page.campaigns_response.item or [] if c.id is not None]
        print(f"campaigns: {len(ids)} listed in {pages} pages")

        # 5. Read them back concurrently; a missing one raises a typed error.
        got = await asyncio.gather(
            *(client.get_campaign(application_id=app.id, campaign_id=i) for i in ids)
        )
        names = sorted(g.campaign_response.name or "" for g in got if g.campaign_response)
        print(f"read back: {', '.join(names)}")
        try:
            await client.get_campaign(application_id=app.id, campaign_id="no-such-campaign")
        except errors.NotFoundError as exc:
            print(f"not found: {exc.code} status={exc.status_code} retryable={exc.retryable}")

        if live and not keep:
            await client.delete_app(application_id=app.id)
            print(f"deleted application {app.id} (pass --keep to keep it)")


@contextlib.contextmanager
def offline_kwargs(region: str) -> Iterator[dict[str, Any]]:
    """The in-memory Pinpoint on a local port, and how to reach it with fake credentials."""
    from botocore.config import Config

    from pinpoint_sdk.testing import server

    with server() as url:
        yield {
            "region_name": region,
            "endpoint_url": url,
            "aws_access_key_id": "testing",
            "aws_secret_access_key": "testing",
            # The server is on this machine: never route it through a configured proxy.
            "config": Config(proxies={}),
        }


Run = Callable[[dict[str, Any], bool, bool], Coroutine[Any, Any, None]]


def main(program: Run | None = None, doc: str | None = __doc__) -> None:
    """Run ``program`` (this example's `run` by default) offline, or live with ``--aws``;
    the async examples share it."""
    program = program or run
    args = example_parser(doc).parse_args()
    if not is_live(args):
        print("offline: in-memory Pinpoint over local HTTP (no AWS account needed)")
        with offline_kwargs(args.region) as kwargs:
            asyncio.run(program(kwargs, False, False))
        return
    import boto3

    if boto3.session.Session(region_name=args.region).get_credentials() is None:
        print(
            "error: live mode (--aws / PINPOINT_SDK_LIVE) needs AWS credentials and none "
            "were found in the default chain; configure them or run without --aws",
            file=sys.stderr,
        )
        raise SystemExit(2)
    print(f"LIVE: running against real AWS in {args.region}; this creates real resources")
    try:
        asyncio.run(program({"region_name": args.region}, True, args.keep))
    except errors.PinpointError as exc:
        print(f"error: live call failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc


if __name__ == "__main__":
    main()
