"""Typed use of the async client; `test_typing.py` runs ``mypy --strict`` on this file."""

from __future__ import annotations

import asyncio

from aiobotocore.session import AioSession

from pinpoint_sdk import errors, models
from pinpoint_sdk.aio import AsyncPinpointClient, wait_for_job_async


async def campaign_names(client: AsyncPinpointClient, app_id: str) -> list[str]:
    names: list[str] = []
    async for page in client.get_campaigns_pages(application_id=app_id, page_size=50):
        assert page.campaigns_response is not None
        for campaign in page.campaigns_response.item or []:
            name: str | None = campaign.name
            if name is not None:
                names.append(name)
    return names


async def import_job(client: AsyncPinpointClient, app_id: str, job_id: str) -> int | None:
    async def fetch() -> models.ImportJobResponse:
        got = await client.get_import_job(application_id=app_id, job_id=job_id)
        assert got.import_job_response is not None
        return got.import_job_response

    job: models.ImportJobResponse = await wait_for_job_async(fetch, timeout=600)
    return job.total_processed


async def main() -> None:
    async with AsyncPinpointClient(region_name="us-east-1") as client:
        created: models.CreateAppResponse = await client.create_app(
            create_application_request=models.CreateApplicationRequest(name="typed")
        )
        status: int | None = created.http_status_code
        app = created.application_response
        assert app is not None and app.id is not None
        try:
            await client.get_app(application_id=app.id)
        except errors.NotFoundError as exc:
            print(exc.request_id, status)
        print(await campaign_names(client, app.id))
        await client.close()
    async with AioSession().create_client("pinpoint", region_name="us-east-1") as raw:
        wrapped = AsyncPinpointClient.from_client(raw)
        apps: models.GetAppsResponse = await wrapped.get_apps(page_size="10")
        print(apps.applications_response)


asyncio.run(main())
