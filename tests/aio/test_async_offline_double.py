"""The async client against the offline double: `pinpoint_sdk.testing.server()` and
moto's own threaded server answer it over real HTTP; moto's in-process `mock_aws` patches
botocore's synchronous send path only, so it does not reach aiobotocore."""

from __future__ import annotations

import asyncio
import socket
import uuid
from collections.abc import Iterator

import pytest
from aiohelpers import collect
from moto.server import ThreadedMotoServer

from pinpoint_sdk import errors, models
from pinpoint_sdk.aio import AsyncPinpointClient
from pinpoint_sdk.testing import mock_pinpoint, server


@pytest.fixture(scope="module")
def double_url() -> Iterator[str]:
    with server() as url:
        yield url


@pytest.fixture(scope="module")
def moto_url() -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    moto.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        moto.stop()


async def _app_campaigns_and_errors(url: str) -> tuple[models.CreateAppResponse, list[str], int]:
    async with AsyncPinpointClient(region_name="us-east-1", endpoint_url=url) as client:
        created = await client.create_app(
            create_application_request=models.CreateApplicationRequest(
                name=f"aio-{uuid.uuid4().hex[:8]}"
            )
        )
        assert created.application_response is not None
        app_id = created.application_response.id
        assert app_id is not None
        segment = await client.create_segment(
            application_id=app_id,
            write_segment_request=models.WriteSegmentRequest(
                name="all",
                dimensions=models.SegmentDimensions(
                    demographic=models.SegmentDemographics(
                        channel=models.SetDimension(values=["EMAIL"])
                    )
                ),
            ),
        )
        assert segment.segment_response is not None
        for n in range(5):
            await client.create_campaign(
                application_id=app_id,
                write_campaign_request=models.WriteCampaignRequest(
                    name=f"c{n}",
                    segment_id=segment.segment_response.id,
                    schedule=models.Schedule(start_time="IMMEDIATE"),
                    message_configuration=models.MessageConfiguration(
                        default_message=models.Message(body="hi")
                    ),
                ),
            )
        pages = await collect(client.get_campaigns_pages(application_id=app_id, page_size=2))
        names = [
            campaign.name
            for page in pages
            for campaign in page.campaigns_response.item or []
        ]
        with pytest.raises(errors.NotFoundError) as info:
            await client.get_campaign(application_id=app_id, campaign_id="missing")
        assert info.value.request_id
        return created, sorted(n for n in names if n is not None), len(pages)


def test_double_server_answers_the_async_client(double_url: str) -> None:
    created, names, pages = asyncio.run(_app_campaigns_and_errors(double_url))
    assert created.http_status_code == 201 and created.request_id
    assert names == ["c0", "c1", "c2", "c3", "c4"]
    assert pages == 3


def test_moto_threaded_server_answers_the_async_client(moto_url: str) -> None:
    created, names, pages = asyncio.run(_app_campaigns_and_errors(moto_url))
    assert created.http_status_code == 201
    assert names == ["c0", "c1", "c2", "c3", "c4"]
    assert pages == 3


def test_in_process_mock_does_not_reach_aiobotocore() -> None:
    # mock_aws answers botocore's synchronous "before-send" hook with a response whose
    # body is plain bytes; aiobotocore awaits the body, so the call fails inside it. The
    # guides point async tests at server mode for this reason.
    async def main() -> None:
        async with AsyncPinpointClient(region_name="us-east-1") as client:
            await client.get_apps()

    with mock_pinpoint(), pytest.raises(TypeError, match="can't be used in 'await'"):
        asyncio.run(main())
