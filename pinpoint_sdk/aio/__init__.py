"""Async Amazon Pinpoint: `AsyncPinpointClient` on aiobotocore (the ``async`` extra).

Install with ``pip install 'pinpoint-sdk[async]'``. The client is generated beside
`pinpoint_sdk.PinpointClient` from the same service model: the same method names,
keyword arguments, models, errors, validation and response metadata, with every
operation a coroutine and every ``<operation>_pages`` method an async iterator.
`wait_for_job_async` polls an import or export job like `pinpoint_sdk.waiters.wait_for_job`.

Examples:
    ```python
    import asyncio

    from pinpoint_sdk.aio import AsyncPinpointClient

    async def main() -> None:
        async with AsyncPinpointClient(region_name="us-east-1") as client:
            async for page in client.get_apps_pages():
                for app in page.applications_response.item or []:
                    print(app.id, app.name)

    asyncio.run(main())
    ```
"""

from __future__ import annotations

from pinpoint_sdk.aio._app_parts import (
    AsyncAppSettings,
    AsyncChannel,
    AsyncChannels,
    AsyncEventStreamConfig,
)
from pinpoint_sdk.aio._client import AsyncPinpointClient
from pinpoint_sdk.aio._resources import (
    AsyncApp,
    AsyncAppCollection,
    AsyncCampaign,
    AsyncCampaignCollection,
    AsyncCollection,
    AsyncEndpoint,
    AsyncEndpointCollection,
    AsyncEventCollection,
    AsyncExportJob,
    AsyncExportJobCollection,
    AsyncImportJob,
    AsyncImportJobCollection,
    AsyncJourney,
    AsyncJourneyCollection,
    AsyncListing,
    AsyncPinpoint,
    AsyncRecommenderConfiguration,
    AsyncRecommenderConfigurationCollection,
    AsyncResource,
    AsyncSegment,
    AsyncSegmentCollection,
    AsyncTemplate,
    AsyncTemplateCollection,
    AsyncUser,
    AsyncUserCollection,
    AsyncUserEndpoints,
)
from pinpoint_sdk.waiters import wait_for_job_async

__all__ = [
    "AsyncApp",
    "AsyncAppCollection",
    "AsyncAppSettings",
    "AsyncCampaign",
    "AsyncCampaignCollection",
    "AsyncChannel",
    "AsyncChannels",
    "AsyncCollection",
    "AsyncEndpoint",
    "AsyncEndpointCollection",
    "AsyncEventCollection",
    "AsyncEventStreamConfig",
    "AsyncExportJob",
    "AsyncExportJobCollection",
    "AsyncImportJob",
    "AsyncImportJobCollection",
    "AsyncJourney",
    "AsyncJourneyCollection",
    "AsyncListing",
    "AsyncPinpoint",
    "AsyncPinpointClient",
    "AsyncRecommenderConfiguration",
    "AsyncRecommenderConfigurationCollection",
    "AsyncResource",
    "AsyncSegment",
    "AsyncSegmentCollection",
    "AsyncTemplate",
    "AsyncTemplateCollection",
    "AsyncUser",
    "AsyncUserCollection",
    "AsyncUserEndpoints",
    "wait_for_job_async",
]
