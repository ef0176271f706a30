"""Async resources: `AsyncPinpoint` → `AsyncApp` → async collections and resources.

Every call is planned exactly as the sync resources plan it (the same generated tables,
identifiers, request models, read-modify-write projection and refusal rules of
`pinpoint_sdk.resources`); only performing differs: the call is awaited on an
`AsyncPinpointClient`, and listings are read with ``async for``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Iterable, Mapping
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, TypeVar, Unpack, cast, overload

from pinpoint_sdk import batching, limits, models
from pinpoint_sdk._base_client import BotocoreClient, ClientOptions
from pinpoint_sdk.aio._app_parts import AsyncAppSettings, AsyncChannels, AsyncEventStreamConfig
from pinpoint_sdk.aio._client import AsyncPinpointClient
from pinpoint_sdk.batching import BatchResult, EventRecord, ProgressCallback
from pinpoint_sdk.resources import _messaging as messaging
from pinpoint_sdk.resources import _tables as tables
from pinpoint_sdk.resources._account import (
    TemplateCollectionCore,
    TemplateCore,
    TemplateData,
    TemplateRequest,
)
from pinpoint_sdk.resources._app import AppCore
from pinpoint_sdk.resources._audience import (
    EndpointCore,
    EndpointSequence,
    UserCollectionCore,
    UserCore,
    upsert_call,
)
from pinpoint_sdk.resources._base import (
    AppResourceCore,
    Buildable,
    Call,
    CollectionCore,
    CollectionTable,
    ListingCore,
    ResourceCore,
    ResponseInfo,
    TableCore,
    item_call,
    same,
    unwrap,
    with_response,
)
from pinpoint_sdk.resources._engagement import CampaignCore, JourneyCore, SegmentCore
from pinpoint_sdk.resources._jobs import JobCore
from pinpoint_sdk.resources._messaging import MessageOptions, SendResult, UsersMessageOptions
from pinpoint_sdk.waiters import wait_for_job_async

if TYPE_CHECKING:
    from typing import Self

    import pandas
    from aiobotocore.session import AioSession

    from pinpoint_sdk._fields import (
        EmailTemplateRequestFields,
        EndpointRequestFields,
        InAppTemplateRequestFields,
        PushNotificationTemplateRequestFields,
        SendOTPMessageRequestParametersFields,
        SMSTemplateRequestFields,
        UpdateRecommenderConfigurationFields,
        VoiceTemplateRequestFields,
        WriteCampaignRequestFields,
        WriteJourneyRequestFields,
        WriteSegmentRequestFields,
    )

T = TypeVar("T")
D = TypeVar("D")
R = TypeVar("R")
Q = TypeVar("Q")


async def perform_async(client: AsyncPinpointClient, call: Call[T]) -> tuple[T, Any]:
    """Await ``call`` on ``client``: its result and the raw answer (the async twin of
    `pinpoint_sdk.resources._base.perform`)."""
    output = await getattr(client, call.method)(**call.params)
    return call.result(output), output


async def fetched_pages_async(
    client: AsyncPinpointClient, call: Call[list[R]],
    record: Callable[[Any], None] | None = None,
) -> AsyncIterator[list[R]]:
    """The pages of the paged ``call`` as lists of items, each holding its page's response
    (and handed to ``record``)."""
    async for page in getattr(client, call.method)(**call.params):
        if record is not None:
            record(page)
        yield [with_response(item, page) for item in call.result(page)]


class AsyncResource(ResourceCore[AsyncPinpointClient, D]):
    """Base of the async resources: `pinpoint_sdk.resources.Resource` with awaited verbs.

    ``data``, ``id``, ``name``, ``last_response``, equality and the return rule of every
    verb are those of the sync resources; ``reload()``, ``update(...)`` and ``delete()``
    are coroutines.

    Examples:
        ```python
        campaign = await app.campaigns.get("c-123")
        await campaign.reload()
        print(campaign.data.state, campaign.last_response.request_id)
        ```
    """

    async def _run(self, call: Call[T]) -> T:
        """Await ``call``, keep its answer as `last_response`, and return its result."""
        return self._performed(*await perform_async(self._client, call))

    async def _fetch(self) -> D:
        return cast(D, await self._run(self._plan("get")))

    async def _run_paged(self, call: Call[T]) -> T:
        """Await every page of the paged ``call`` (each one becomes `last_response`),
        then hand them to its result as the sync client's pages would be."""
        pages: list[Any] = []
        async for page in getattr(self._client, call.method)(**call.params):
            self._record(page)
            pages.append(page)
        return call.result(iter(pages))

    async def _delete(self, **more: Any) -> D:
        return self._deleted(await self._run(self._plan("delete", **more)))

    async def _update(self, request: Any, changes: Mapping[str, Any]) -> Self:
        return self._updated(await self._run(self._update_plan(request, changes)))

    def _listing(
        self, table: CollectionTable, wrap: Callable[[Any], R], *, what: str,
        page_size: int | None,
    ) -> AsyncListing[R]:
        """An `AsyncListing` of this resource's sub-items served by ``table``; each page's
        answer becomes `last_response` as it is read."""
        plan = self._listing_plan(table, wrap)

        def fetch(size: int | None) -> AsyncIterator[list[R]]:
            return fetched_pages_async(self._client, plan(size), self._record)

        listing: AsyncListing[R] = AsyncListing(
            self._client, fetch, what=what, sized=table.page_size is not None
        )
        return listing.page_size(page_size) if page_size is not None else listing

    async def reload(self) -> Self:
        """Fetch the resource again and replace `data`; returns ``self``.

        Examples:
            ```python
            state = (await campaign.reload()).data.state
            ```
        """
        return self._reloaded(await self._fetch())


class _AsyncAppResource(AppResourceCore[AsyncPinpointClient, D], AsyncResource[D]):
    pass


class AsyncCollection(CollectionCore[AsyncPinpointClient, R]):
    """A lazy, re-iterable async view over a listing API: ``async for`` instead of ``for``.

    ``limit(n)`` and ``page_size(n)`` return new collections as in the sync layer;
    ``pages()`` is an async iterator of lists, ``await first()`` the first item.

    Examples:
        ```python
        async for campaign in app.campaigns.page_size(50).limit(120):
            print(campaign.name)
        ```
    """

    def _fetch_pages(self, page_size: int | None) -> AsyncIterator[list[R]]:
        raise NotImplementedError

    async def pages(self) -> AsyncIterator[list[R]]:
        """One list of resources per service page, fetched as you iterate."""
        budget = self._budget()
        if budget.spent:
            return
        async for page in self._fetch_pages(self._page_size):
            yield budget.take(page)
            if budget.spent:
                return

    async def __aiter__(self) -> AsyncIterator[R]:
        async for page in self.pages():
            for item in page:
                yield item

    async def first(self) -> R | None:
        """The first item, or ``None`` when there is none (or the limit is 0); reads
        pages only until one holds an item."""
        async for item in self._first_only():
            return item
        return None

    async def to_dataframe(self) -> pandas.DataFrame:
        """Every item as a row of a pandas DataFrame (needs the ``pandas`` extra): the
        items are collected with ``async for``, then framed as the sync collections'
        ``to_dataframe`` frames them.

        Examples:
            ```python
            frame = await app.campaigns.limit(50).to_dataframe()
            ```
        """
        from pinpoint_sdk.dataframe import to_dataframe

        return to_dataframe([item async for item in self])


class AsyncTableCollection(TableCore[AsyncPinpointClient, R], AsyncCollection[R]):
    """An async collection served by the generated tables, like
    `pinpoint_sdk.resources._base.TableCollection`."""

    def _fetch_pages(self, page_size: int | None) -> AsyncIterator[list[R]]:
        return fetched_pages_async(self._client, self._pages_call(page_size))

    async def _run(self, call: Call[R]) -> R:
        item, output = await perform_async(self._client, call)
        return with_response(item, output)


class AsyncListing(ListingCore[AsyncPinpointClient, R, AsyncIterator[list[R]]],
                   AsyncCollection[R]):
    """An async collection over one resource's sub-items (a campaign's versions or
    activities, a journey's runs, a segment's versions and jobs, a template's versions):
    `pinpoint_sdk.resources.Listing` read with ``async for``.

    Examples:
        ```python
        async for version in campaign.versions().limit(3):
            print(version.version)
        ```
    """


class _AsyncItems(AsyncTableCollection[R], Generic[R, Q]):
    """A collection whose items are fetched by one id and created from a request model
    ``Q`` or a builder of one; subclasses name their tables in the class statement."""

    def __init_subclass__(cls, *, table: CollectionTable | None = None,
                          item: type[ResourceCore[Any, Any]] | None = None) -> None:
        super().__init_subclass__()
        if table is not None and item is not None:
            cls._table, cls._item = table, item

    async def _get(self, item_id: str) -> R:
        """Fetch one item now (``errors.NotFoundError`` when it does not exist)."""
        return await self._run(self._plan("get", item_id))

    async def _create(self, request: Q | Buildable[Q]) -> R:
        """Create an item from its request model or a builder (builders are shared with
        the sync layer: they only produce models)."""
        return await self._run(self._create_plan(request))


class _AsyncAppItems(_AsyncItems[R, Q]):
    """An application's collection of such items."""

    def __init__(self, client: AsyncPinpointClient, application_id: str) -> None:
        super().__init__(client, application_id=application_id)
        self.application_id = application_id


class AsyncCampaign(CampaignCore[AsyncPinpointClient],
                    _AsyncAppResource[models.CampaignResponse]):
    """A campaign: `pinpoint_sdk.resources.Campaign` with awaited verbs.

    Examples:
        ```python
        campaign = await app.campaigns.get("c-123")
        await campaign.update(description="spring sale, second wave")
        await campaign.pause()
        ```
    """

    async def update(
        self,
        request: models.WriteCampaignRequest | Buildable[models.WriteCampaignRequest]
        | None = None,
        /,
        **changes: Unpack[WriteCampaignRequestFields],
    ) -> Self:
        """Replace the campaign with ``request``, or change some fields of the current one
        (read-modify-write with the same projection and refusals as
        `pinpoint_sdk.resources.Campaign.update`)."""
        return await self._update(request, changes)

    async def delete(self) -> models.CampaignResponse:
        """Delete the campaign; returns its last state."""
        return await self._delete()

    async def pause(self) -> Self:
        """Pause the campaign (UpdateCampaign with ``IsPaused=true``)."""
        return await self._update(None, {"is_paused": True})

    async def resume(self) -> Self:
        """Resume a paused campaign (UpdateCampaign with ``IsPaused=false``)."""
        return await self._update(None, {"is_paused": False})

    async def version(self, version: int) -> models.CampaignResponse:
        """One version of the campaign."""
        return await self._run(self._version_call(version))

    def versions(self, *, page_size: int | None = None) -> AsyncListing[models.CampaignResponse]:
        """Every version of the campaign, newest first (``async for``)."""
        return self._listing(tables.CAMPAIGN_VERSIONS, same, page_size=page_size,
                             what=f"versions of campaign {self.id!r}")

    def activities(
        self, *, page_size: int | None = None
    ) -> AsyncListing[models.ActivityResponse]:
        """The campaign's runs (activities) (``async for``)."""
        return self._listing(tables.CAMPAIGN_ACTIVITIES, same, page_size=page_size,
                             what=f"activities of campaign {self.id!r}")

    async def kpi(
        self, name: str, start: datetime, end: datetime
    ) -> models.CampaignDateRangeKpiResponse:
        """A campaign KPI over a date range, every page merged into one result.

        Examples:
            ```python
            kpi = await campaign.kpi("unique-deliveries", start, end)
            ```
        """
        result: models.CampaignDateRangeKpiResponse = await self._run_paged(
            self._kpi_call(name, start, end))
        return result


class AsyncJourney(JourneyCore[AsyncPinpointClient], _AsyncAppResource[models.JourneyResponse]):
    """A journey: `pinpoint_sdk.resources.Journey` with awaited verbs.

    Examples:
        ```python
        journey = await app.journeys.get("j-123")
        await journey.pause()
        await journey.resume()
        ```
    """

    async def update(
        self,
        request: models.WriteJourneyRequest | Buildable[models.WriteJourneyRequest]
        | None = None,
        /,
        **changes: Unpack[WriteJourneyRequestFields],
    ) -> Self:
        """Replace the journey with ``request``, or change some fields of the current one
        (activities of kinds the SDK does not know travel back unchanged)."""
        return await self._update(request, changes)

    async def delete(self) -> models.JourneyResponse:
        """Delete the journey; returns its last state."""
        return await self._delete()

    async def _set_state(self, state: str) -> Self:
        call = Call(
            "update_journey_state",
            {"application_id": self.application_id, "journey_id": self.id,
             "journey_state_request": models.JourneyStateRequest(state=state)},
            lambda output: unwrap(output.journey_response),
        )
        return self._reloaded(await self._run(call))

    async def pause(self) -> Self:
        """Pause the journey (UpdateJourneyState ``PAUSED``)."""
        return await self._set_state("PAUSED")

    async def resume(self) -> Self:
        """Resume a paused journey (UpdateJourneyState ``ACTIVE``)."""
        return await self._set_state("ACTIVE")

    async def cancel(self) -> Self:
        """Cancel the journey for good (UpdateJourneyState ``CANCELLED``)."""
        return await self._set_state("CANCELLED")

    def runs(self, *, page_size: int | None = None) -> AsyncListing[models.JourneyRunResponse]:
        """The journey's runs (``async for``)."""
        return self._listing(tables.JOURNEY_RUNS, same, page_size=page_size,
                             what=f"runs of journey {self.id!r}")

    @overload
    async def execution_metrics(
        self, *, run_id: None = None
    ) -> models.JourneyExecutionMetricsResponse: ...

    @overload
    async def execution_metrics(self, *, run_id: str) -> models.JourneyRunExecutionMetricsResponse:
        ...

    async def execution_metrics(self, *, run_id: str | None = None) -> (
        models.JourneyExecutionMetricsResponse | models.JourneyRunExecutionMetricsResponse
    ):
        """Execution metrics of the journey, or of one run when ``run_id`` is given."""
        return await self._run(self._execution_metrics_call(run_id))

    @overload
    async def activity_metrics(
        self, activity_id: str, *, run_id: None = None
    ) -> models.JourneyExecutionActivityMetricsResponse: ...

    @overload
    async def activity_metrics(
        self, activity_id: str, *, run_id: str
    ) -> models.JourneyRunExecutionActivityMetricsResponse: ...

    async def activity_metrics(self, activity_id: str, *, run_id: str | None = None) -> (
        models.JourneyExecutionActivityMetricsResponse
        | models.JourneyRunExecutionActivityMetricsResponse
    ):
        """Execution metrics of one activity (of one run when ``run_id`` is given)."""
        return await self._run(self._activity_metrics_call(activity_id, run_id))

    async def kpi(
        self, name: str, start: datetime, end: datetime
    ) -> models.JourneyDateRangeKpiResponse:
        """A journey KPI over a date range, every page merged into one result."""
        result: models.JourneyDateRangeKpiResponse = await self._run_paged(
            self._kpi_call(name, start, end))
        return result


class AsyncSegment(SegmentCore[AsyncPinpointClient], _AsyncAppResource[models.SegmentResponse]):
    """A segment: `pinpoint_sdk.resources.Segment` with awaited verbs.

    Examples:
        ```python
        segment = await app.segments.get("s-123")
        await segment.update(name="active-users")
        ```
    """

    async def update(
        self,
        request: models.WriteSegmentRequest | Buildable[models.WriteSegmentRequest]
        | None = None,
        /,
        **changes: Unpack[WriteSegmentRequestFields],
    ) -> Self:
        """Replace the segment with ``request``, or change some fields of the current one."""
        return await self._update(request, changes)

    async def delete(self) -> models.SegmentResponse:
        """Delete the segment; returns its last state."""
        return await self._delete()

    async def version(self, version: int) -> models.SegmentResponse:
        """One version of the segment."""
        return await self._run(self._version_call(version))

    async def export_to(self, s3_url: str, role_arn: str, *,
                        version: int | None = None) -> AsyncExportJob:
        """Start exporting the segment's endpoints to S3; returns the export job.

        Examples:
            ```python
            job = await segment.export_to("s3://bucket/prefix/", role_arn)
            await job.wait()
            ```
        """
        return await AsyncExportJobCollection(self.client, self.application_id).create(
            self._export_request(s3_url, role_arn, version)
        )

    def versions(self, *, page_size: int | None = None) -> AsyncListing[models.SegmentResponse]:
        """Every version of the segment (``async for``)."""
        return self._listing(tables.SEGMENT_VERSIONS, same, page_size=page_size,
                             what=f"versions of segment {self.id!r}")

    def export_jobs(self, *, page_size: int | None = None) -> AsyncListing[AsyncExportJob]:
        """The segment's export jobs, as `AsyncExportJob`s (``async for``)."""
        return self._listing(tables.SEGMENT_EXPORT_JOBS,
                             lambda data: AsyncExportJob(self.client, data),
                             page_size=page_size, what=f"export jobs of segment {self.id!r}")

    def import_jobs(self, *, page_size: int | None = None) -> AsyncListing[AsyncImportJob]:
        """The segment's import jobs, as `AsyncImportJob`s (``async for``)."""
        return self._listing(tables.SEGMENT_IMPORT_JOBS,
                             lambda data: AsyncImportJob(self.client, data),
                             page_size=page_size, what=f"import jobs of segment {self.id!r}")


class AsyncEndpoint(EndpointCore[AsyncPinpointClient],
                    _AsyncAppResource[models.EndpointResponse]):
    """An endpoint: `pinpoint_sdk.resources.Endpoint` with awaited verbs.

    UpdateEndpoint returns no endpoint, so ``await endpoint.update(...)`` leaves `data`
    as it was; ``await endpoint.reload()`` shows what the service stored.

    Examples:
        ```python
        endpoint = await app.endpoints.get("ep-1")
        await endpoint.update(opt_out="ALL")
        ```
    """

    async def update(
        self, request: models.EndpointRequest | None = None, /,
        **changes: Unpack[EndpointRequestFields],
    ) -> Self:
        """Write ``request``, or the current data with ``changes``, to the endpoint."""
        return await self._update(request, changes)

    async def delete(self) -> models.EndpointResponse:
        """Delete the endpoint; returns its last state."""
        return await self._delete()

    async def in_app_messages(self) -> models.InAppMessagesResponse:
        """The in-app messages the endpoint should show now."""
        return await self._run(self._in_app_messages_call())


J = TypeVar("J", models.ImportJobResponse, models.ExportJobResponse)


class _AsyncJob(JobCore[AsyncPinpointClient, J], _AsyncAppResource[J], Generic[J]):
    async def wait(
        self,
        *,
        timeout: float = 3600.0,
        poll_interval: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> Self:
        """Poll until the job is COMPLETED; returns ``self`` with the final `data`.

        The same policy and errors as the sync ``wait`` (`wait_for_job_async`); the wait
        between polls is ``await asyncio.sleep``, so other tasks run meanwhile, and
        cancelling the waiting task stops the polling.

        Raises:
            errors.JobFailedError: the job FAILED (``.failures`` lists why).
            errors.WaiterTimeoutError: still running after ``timeout`` seconds.

        Examples:
            ```python
            job = await app.import_jobs.create(request)
            await job.wait(timeout=1800, poll_interval=15)
            ```
        """

        async def fetch() -> J:
            await self.reload()
            return self._data

        await wait_for_job_async(
            fetch, timeout=timeout, poll_interval=poll_interval, clock=clock, sleep=sleep,
            what=type(self).__name__.removeprefix("Async"),
        )
        return self


class AsyncImportJob(_AsyncJob[models.ImportJobResponse]):
    """An endpoint import job (from S3); ``await job.wait()`` until it is done."""

    _table = tables.IMPORT_JOB


class AsyncExportJob(_AsyncJob[models.ExportJobResponse]):
    """An endpoint export job (to S3); ``await job.wait()`` until it is done."""

    _table = tables.EXPORT_JOB


class AsyncCampaignCollection(_AsyncAppItems[AsyncCampaign, models.WriteCampaignRequest],
                              table=tables.CAMPAIGNS, item=AsyncCampaign):
    """``app.campaigns``: ``async for``, ``await get(id)``, ``await create(request)``."""

    async def get(self, campaign_id: str) -> AsyncCampaign:
        """Fetch one campaign now (``errors.NotFoundError`` when it does not exist)."""
        return await self._get(campaign_id)

    async def create(
        self, request: models.WriteCampaignRequest | Buildable[models.WriteCampaignRequest]
    ) -> AsyncCampaign:
        """Create a campaign from a ``WriteCampaignRequest`` or a builder."""
        return await self._create(request)


class AsyncJourneyCollection(_AsyncAppItems[AsyncJourney, models.WriteJourneyRequest],
                             table=tables.JOURNEYS, item=AsyncJourney):
    """``app.journeys``: ``async for``, ``await get(id)``, ``await create(request)``."""

    async def get(self, journey_id: str) -> AsyncJourney:
        """Fetch one journey now (``errors.NotFoundError`` when it does not exist)."""
        return await self._get(journey_id)

    async def create(
        self, request: models.WriteJourneyRequest | Buildable[models.WriteJourneyRequest]
    ) -> AsyncJourney:
        """Create a journey from a ``WriteJourneyRequest`` or a builder."""
        return await self._create(request)


class AsyncSegmentCollection(_AsyncAppItems[AsyncSegment, models.WriteSegmentRequest],
                             table=tables.SEGMENTS, item=AsyncSegment):
    """``app.segments``: ``async for``, ``await get(id)``, ``await create(request)``."""

    async def get(self, segment_id: str) -> AsyncSegment:
        """Fetch one segment now (``errors.NotFoundError`` when it does not exist)."""
        return await self._get(segment_id)

    async def create(
        self, request: models.WriteSegmentRequest | Buildable[models.WriteSegmentRequest]
    ) -> AsyncSegment:
        """Create a segment from a ``WriteSegmentRequest`` or a builder."""
        return await self._create(request)


class AsyncImportJobCollection(_AsyncAppItems[AsyncImportJob, models.ImportJobRequest],
                               table=tables.IMPORT_JOBS, item=AsyncImportJob):
    """``app.import_jobs``: ``async for``, ``await get(id)``, ``await create(request)``."""

    async def get(self, job_id: str) -> AsyncImportJob:
        """Fetch one import job now (``errors.NotFoundError`` when it does not exist)."""
        return await self._get(job_id)

    async def create(
        self, request: models.ImportJobRequest | Buildable[models.ImportJobRequest]
    ) -> AsyncImportJob:
        """Create an import job from an ``ImportJobRequest`` or a builder."""
        return await self._create(request)


class AsyncExportJobCollection(_AsyncAppItems[AsyncExportJob, models.ExportJobRequest],
                               table=tables.EXPORT_JOBS, item=AsyncExportJob):
    """``app.export_jobs``: ``async for``, ``await get(id)``, ``await create(request)``."""

    async def get(self, job_id: str) -> AsyncExportJob:
        """Fetch one export job now (``errors.NotFoundError`` when it does not exist)."""
        return await self._get(job_id)

    async def create(
        self, request: models.ExportJobRequest | Buildable[models.ExportJobRequest]
    ) -> AsyncExportJob:
        """Create an export job from an ``ExportJobRequest`` or a builder."""
        return await self._create(request)


class _AsyncAppScoped:
    def __init__(self, client: AsyncPinpointClient, application_id: str) -> None:
        self._client = client
        self.application_id = application_id

    def __repr__(self) -> str:
        return f"<{type(self).__name__} application_id={self.application_id!r}>"


class AsyncEndpointCollection(_AsyncAppScoped):
    """``app.endpoints``: ``await get(id)``, ``await delete(id)`` and bulk
    ``await upsert_many(items)``. As in the sync layer it is not iterable (Pinpoint has
    no operation listing endpoints).

    Examples:
        ```python
        result = await app.endpoints.upsert_many(items, concurrency=4)
        print(result.succeeded, [f.index for f in result.failed])
        ```
    """

    def _plan(self, verb: str, endpoint_id: str) -> Call[AsyncEndpoint]:
        return item_call(tables.ENDPOINT, verb, {"application_id": self.application_id},
                         (endpoint_id,), lambda data: AsyncEndpoint(self._client, data))

    async def get(self, endpoint_id: str) -> AsyncEndpoint:
        """Fetch one endpoint now (``errors.NotFoundError`` when it does not exist)."""
        return with_response(*await perform_async(self._client, self._plan("get", endpoint_id)))

    async def upsert(self, endpoint_id: str, request: models.EndpointRequest) -> None:
        """Create or update one endpoint (UpdateEndpoint), checked as the sync ``upsert``
        checks it.

        Raises ``errors.ValidationError`` when the data breaks a documented limit.
        """
        await perform_async(self._client, upsert_call(self.application_id, endpoint_id, request))

    async def delete(self, endpoint_id: str) -> models.EndpointResponse:
        """Delete one endpoint; returns its last state."""
        endpoint, _ = await perform_async(self._client, self._plan("delete", endpoint_id))
        return endpoint.data

    async def upsert_many(
        self,
        items: Iterable[models.EndpointBatchItem] | AsyncIterable[models.EndpointBatchItem],
        *,
        batch_size: int = limits.MAX_ENDPOINTS_PER_BATCH,
        progress: ProgressCallback | bool | None = None,
        fail_fast: bool = False,
        concurrency: int = 1,
    ) -> BatchResult:
        """Create or update endpoints from a sync or async iterable, in UpdateEndpointsBatch
        requests: the same checks, requests and `BatchResult` as the sync
        ``upsert_many``, items pulled one at a time (never materialised).

        ``concurrency`` requests may be in flight at once (default 1); the result does
        not depend on it. Throttling (``TooManyRequestsException``) is retried by
        botocore's retry mode, as for the sync client. Cancelling the awaiting task
        cancels the requests in flight: the ``CancelledError`` propagates and carries
        the partial result as ``batch_result``, in which every item pulled so far is
        counted (in-flight ones as ``unconfirmed``, waiting ones as not sent).

        Raises:
            errors.BatchInterrupted: the input or ``progress`` raised (``.result``).
        """
        return await batching._write_async(
            batching._EndpointsWriter, self._client, self.application_id, items,
            concurrency=concurrency, batch_size=batch_size, progress=progress,
            fail_fast=fail_fast, max_request_bytes=None,
        )


class AsyncEventCollection(_AsyncAppScoped):
    """``app.events``: ``await put_many(records)`` records events in PutEvents requests.

    Examples:
        ```python
        result = await app.events.put_many(records, concurrency=2)
        ```
    """

    async def put(self, record: EventRecord) -> BatchResult:
        """Record one event; same checks and result as `put_many`."""
        return await self.put_many([record])

    async def put_many(
        self,
        records: Iterable[EventRecord] | AsyncIterable[EventRecord],
        *,
        batch_size: int = limits.MAX_EVENTS_PER_REQUEST,
        progress: ProgressCallback | bool | None = None,
        fail_fast: bool = False,
        concurrency: int = 1,
    ) -> BatchResult:
        """Record events from a sync or async iterable: the same checks, requests and
        `BatchResult` as the sync ``put_many``; ``concurrency`` and cancellation as in
        `AsyncEndpointCollection.upsert_many`.

        Raises:
            errors.BatchInterrupted: the input or ``progress`` raised (``.result``).
        """
        return await batching._write_async(
            batching._EventsWriter, self._client, self.application_id, records,
            concurrency=concurrency, batch_size=batch_size, progress=progress,
            fail_fast=fail_fast, max_request_bytes=None,
        )


class AsyncUserEndpoints(EndpointSequence[AsyncEndpoint], AsyncListing[AsyncEndpoint]):
    """A user's endpoints as GetUserEndpoints last returned them: an `AsyncListing`
    (``async for``, ``limit``, ``pages``) that is also a sequence (``len()``, ``[i]``),
    like `pinpoint_sdk.resources.UserEndpoints`."""

    def __init__(self, client: AsyncPinpointClient, user_id: str,
                 endpoints: list[AsyncEndpoint]) -> None:
        async def fetch(size: int | None) -> AsyncIterator[list[AsyncEndpoint]]:
            yield list(endpoints)

        super().__init__(client, fetch, what=f"endpoints of user {user_id!r}", sized=False)
        self._items = endpoints


class AsyncUser(UserCore[AsyncPinpointClient, AsyncUserEndpoints]):
    """The endpoints of one user id, with awaited ``reload()`` and ``delete()``.

    Examples:
        ```python
        user = await app.users.get("user-42")
        print([e.data.address for e in user.endpoints[:]])
        await user.delete()
        ```
    """

    def _endpoints_of(self, endpoints: list[models.EndpointResponse],
                      last_response: ResponseInfo | None) -> AsyncUserEndpoints:
        return AsyncUserEndpoints(self._client, self.id, [
            AsyncEndpoint(self._client, data, last_response=last_response) for data in endpoints
        ])

    async def reload(self) -> Self:
        """Fetch the user's endpoints again; returns ``self``."""
        fresh = await AsyncUserCollection(self._client, self.application_id).get(self.id)
        self.endpoints, self.last_response = fresh.endpoints, fresh.last_response
        return self

    async def delete(self) -> list[AsyncEndpoint]:
        """Delete every endpoint of the user; returns them as they were.

        The answer becomes the user's `last_response` (and each returned endpoint's).
        """
        users = AsyncUserCollection(self._client, self.application_id)
        endpoints, info = await users._delete(self.id)
        if info is not None:
            self.last_response = info
        return endpoints


class AsyncUserCollection(UserCollectionCore[AsyncPinpointClient]):
    """``app.users``: the endpoints of a user id, and deleting them.

    Examples:
        ```python
        user = await app.users.get("user-42")
        ```
    """

    async def get(self, user_id: str) -> AsyncUser:
        """Fetch the endpoints of ``user_id`` now (``errors.NotFoundError`` if none)."""
        endpoints, output = await perform_async(self._client, self._get_call(user_id))
        return AsyncUser(self._client, self.application_id, user_id, endpoints,
                         ResponseInfo.of(output))

    async def delete(self, user_id: str) -> list[AsyncEndpoint]:
        """Delete every endpoint of ``user_id``; returns them as they were, each holding
        the answer as its ``last_response``."""
        return (await self._delete(user_id))[0]

    async def _delete(self, user_id: str) -> tuple[list[AsyncEndpoint], ResponseInfo | None]:
        deleted, output = await perform_async(self._client, self._delete_call(user_id))
        info = ResponseInfo.of(output)
        return [AsyncEndpoint(self._client, d, last_response=info) for d in deleted], info


class AsyncTemplate(TemplateCore[AsyncPinpointClient], AsyncResource[TemplateData]):
    """A message template: `pinpoint_sdk.resources.Template` with awaited verbs.

    Examples:
        ```python
        template = await pp.templates.get("welcome", "EMAIL")
        await template.update(subject="Welcome!", create_new_version=True)
        ```
    """

    async def _fetch(self, version: str | None = None) -> TemplateData:
        data: TemplateData = await self._run(self._plan("get", version=version))
        return data

    async def get_version(self, version: str) -> TemplateData:
        """One version of the template (the active one is `data` after reload)."""
        return await self._fetch(version)

    @overload
    async def update(
        self,
        request: TemplateRequest | None = None,
        /,
        *,
        create_new_version: bool | None = None,
        version: str | None = None,
    ) -> Self: ...

    @overload
    async def update(
        self,
        request: None = None,
        /,
        *,
        create_new_version: bool | None = None,
        version: str | None = None,
        **changes: Unpack[EmailTemplateRequestFields],
    ) -> Self: ...

    @overload
    async def update(
        self,
        request: None = None,
        /,
        *,
        create_new_version: bool | None = None,
        version: str | None = None,
        **changes: Unpack[SMSTemplateRequestFields],
    ) -> Self: ...

    @overload
    async def update(
        self,
        request: None = None,
        /,
        *,
        create_new_version: bool | None = None,
        version: str | None = None,
        **changes: Unpack[VoiceTemplateRequestFields],
    ) -> Self: ...

    @overload
    async def update(
        self,
        request: None = None,
        /,
        *,
        create_new_version: bool | None = None,
        version: str | None = None,
        **changes: Unpack[PushNotificationTemplateRequestFields],
    ) -> Self: ...

    @overload
    async def update(
        self,
        request: None = None,
        /,
        *,
        create_new_version: bool | None = None,
        version: str | None = None,
        **changes: Unpack[InAppTemplateRequestFields],
    ) -> Self: ...

    async def update(
        self,
        request: TemplateRequest | None = None,
        /,
        *,
        create_new_version: bool | None = None,
        version: str | None = None,
        **changes: object,
    ) -> Self:
        """Update the template with ``request``, or the current content with ``changes``
        (a template from a listing is reloaded first), then reload it.

        ``changes`` are snake_case fields of the template type's request model, as for
        `pinpoint_sdk.resources.Template.update`; a field the template's type does not
        have is refused at run time with ``errors.ValidationError``."""
        if self._needs_full_data(request):
            await self.reload()
        await self._run(self._update_plan(
            request, changes, create_new_version=create_new_version, version=version
        ))
        return await self.reload()

    async def delete(self, version: str | None = None) -> TemplateData:
        """Delete the template (or one ``version`` of it); returns its last state."""
        return await self._delete(version=version)

    def versions(
        self, *, page_size: int | None = None
    ) -> AsyncListing[models.TemplateVersionResponse]:
        """Every version of the template (``async for``)."""
        return self._listing(tables.TEMPLATE_VERSIONS, same, page_size=page_size,
                             what=f"versions of template {self.id!r}")

    async def set_active_version(self, version: str) -> Self:
        """Make ``version`` the active version of the template, then reload."""
        await self._run(self._activate_plan(version))
        return await self.reload()


class AsyncTemplateCollection(TemplateCollectionCore[AsyncPinpointClient, AsyncTemplate],
                              AsyncTableCollection[AsyncTemplate]):
    """``pp.templates``: ``async for`` (summaries), ``filter(...)``,
    ``await get(name, type)``, ``await create(name, request)``."""

    _item = AsyncTemplate

    async def get(self, name: str, template_type: str, *,
                  version: str | None = None) -> AsyncTemplate:
        """Fetch one template now (``errors.NotFoundError`` when it does not exist)."""
        return await self._run(self._get_plan(name, template_type, version))

    async def create(self, name: str, request: TemplateRequest) -> AsyncTemplate:
        """Create a template; its type follows from the request model's class."""
        call, template_type = self._template_create_plan(name, request)
        await perform_async(self._client, call)
        return await self.get(name, template_type)


class AsyncRecommenderConfiguration(AsyncResource[models.RecommenderConfigurationResponse]):
    """A recommender model configuration, with awaited verbs."""

    _table = tables.RECOMMENDER_CONFIGURATION

    async def update(
        self,
        request: models.UpdateRecommenderConfiguration | None = None,
        /,
        **changes: Unpack[UpdateRecommenderConfigurationFields],
    ) -> Self:
        """Replace the configuration with ``request``, or change some of its fields."""
        return await self._update(request, changes)

    async def delete(self) -> models.RecommenderConfigurationResponse:
        """Delete the configuration; returns its last state."""
        return await self._delete()


class AsyncRecommenderConfigurationCollection(
    _AsyncItems[AsyncRecommenderConfiguration, models.CreateRecommenderConfiguration],
    table=tables.RECOMMENDER_CONFIGURATIONS, item=AsyncRecommenderConfiguration,
):
    """``pp.recommender_configurations``: ``async for``, ``await get(id)``,
    ``await create(request)``."""

    async def get(self, recommender_id: str) -> AsyncRecommenderConfiguration:
        """Fetch one configuration now (``errors.NotFoundError`` when it does not exist)."""
        return await self._get(recommender_id)

    async def create(
        self, request: models.CreateRecommenderConfiguration
        | Buildable[models.CreateRecommenderConfiguration],
    ) -> AsyncRecommenderConfiguration:
        """Create a recommender configuration from its request model or a builder."""
        return await self._create(request)


class AsyncApp(AppCore[AsyncPinpointClient], AsyncResource[models.ApplicationResponse]):
    """An application: `pinpoint_sdk.resources.App` with awaited verbs and async collections.

    Examples:
        ```python
        app = await pp.apps.create("demo")
        async for campaign in app.campaigns:
            print(campaign.name)
        await app.delete()
        ```
    """

    async def delete(self) -> models.ApplicationResponse:
        """Delete the application and everything in it; returns its last state."""
        return await self._delete()

    async def tag(self, tags: Mapping[str, str] | None = None, /, **more: str) -> Self:
        """Add or overwrite tags, then reload.

        Examples:
            ```python
            print((await app.tag({"env": "prod"})).tags["env"])
            ```
        """
        await self._run(self._tag_call(await self._arn(), tags, more))
        return await self.reload()

    async def untag(self, *keys: str) -> Self:
        """Remove tags by key, then reload."""
        await self._run(self._untag_call(await self._arn(), keys))
        return await self.reload()

    async def _arn(self) -> str:
        if not self.data.arn:
            await self.reload()
        return self._required("arn", self.data.arn)

    @cached_property
    def settings(self) -> AsyncAppSettings:
        """The application's settings (``await app.settings.get()``)."""
        return AsyncAppSettings(self.client, self.id)

    @cached_property
    def channels(self) -> AsyncChannels:
        """The application's channels (``await app.channels.email.get()``)."""
        return AsyncChannels(self.client, self.id)

    @cached_property
    def event_stream(self) -> AsyncEventStreamConfig:
        """Where the application's events are streamed."""
        return AsyncEventStreamConfig(self.client, self.id)

    @property
    def campaigns(self) -> AsyncCampaignCollection:
        """The application's campaigns."""
        return AsyncCampaignCollection(self.client, self.id)

    @property
    def segments(self) -> AsyncSegmentCollection:
        """The application's segments."""
        return AsyncSegmentCollection(self.client, self.id)

    @property
    def journeys(self) -> AsyncJourneyCollection:
        """The application's journeys."""
        return AsyncJourneyCollection(self.client, self.id)

    @property
    def endpoints(self) -> AsyncEndpointCollection:
        """The application's endpoints (get, delete, bulk ``upsert_many``)."""
        return AsyncEndpointCollection(self.client, self.id)

    @property
    def events(self) -> AsyncEventCollection:
        """Recording events for the application's endpoints."""
        return AsyncEventCollection(self.client, self.id)

    @property
    def import_jobs(self) -> AsyncImportJobCollection:
        """The application's import jobs."""
        return AsyncImportJobCollection(self.client, self.id)

    @property
    def export_jobs(self) -> AsyncExportJobCollection:
        """The application's export jobs."""
        return AsyncExportJobCollection(self.client, self.id)

    @property
    def templates(self) -> AsyncTemplateCollection:
        """Message templates; they belong to the account, shared by every app."""
        return AsyncTemplateCollection(self.client)

    @property
    def users(self) -> AsyncUserCollection:
        """The endpoints of the application's user ids (``await app.users.get(id)``)."""
        return AsyncUserCollection(self.client, self.id)

    async def kpi(
        self, name: str, start: datetime, end: datetime
    ) -> models.ApplicationDateRangeKpiResponse:
        """An application KPI over a date range, every page merged into one result.

        Examples:
            ```python
            kpi = await app.kpi("email-open-rate", start, end)
            ```
        """
        result: models.ApplicationDateRangeKpiResponse = await self._run_paged(
            self._kpi_call(name, start, end))
        return result

    async def send_messages(
        self,
        request: models.MessageRequest | None = None,
        /,
        **options: Unpack[MessageOptions],
    ) -> SendResult:
        """Send a direct message to addresses and/or endpoints (at most 100 per call):
        the same arguments, checks and `SendResult` as
        `pinpoint_sdk.resources.App.send_messages`.

        Examples:
            ```python
            result = await app.send_messages(
                addresses={"+15555550100": "SMS"},
                message=models.DirectMessageConfiguration(
                    sms_message=models.SMSMessage(body="Your order shipped")),
            )
            print(result.failed_recipients)
            ```
        """
        body = messaging.build_message_request(request, **options)
        return await self._run(messaging.send_messages_call(self.id, body))

    async def send_users_messages(
        self,
        request: models.SendUsersMessageRequest | None = None,
        /,
        **options: Unpack[UsersMessageOptions],
    ) -> SendResult:
        """Send a direct message to every endpoint of some user ids (at most 100 users),
        as `pinpoint_sdk.resources.App.send_users_messages` does.

        Examples:
            ```python
            result = await app.send_users_messages(users=["user-42"], message=msg)
            print([(d.user_id, d.endpoint_id) for d in result.failed])
            ```
        """
        body = messaging.build_users_request(request, **options)
        return await self._run(messaging.send_users_messages_call(self.id, body))

    async def send_otp(
        self,
        request: models.SendOTPMessageRequestParameters | None = None,
        /,
        **fields: Unpack[SendOTPMessageRequestParametersFields],
    ) -> SendResult:
        """Send a one-time password (fields as in ``SendOTPMessageRequestParameters``).

        Examples:
            ```python
            sent = await app.send_otp(
                brand_name="Acme", channel="SMS", reference_id="login-1",
                destination_identity="+15555550100", origination_identity="+15555550199",
            )
            ```
        """
        body = messaging.build_otp_request(request, fields)
        return await self._run(messaging.send_otp_call(self.id, body))

    async def verify_otp(self, destination_identity: str, otp: str, reference_id: str) -> bool:
        """Whether ``otp`` is the valid code sent to ``destination_identity``.

        Examples:
            ```python
            valid = await app.verify_otp("+15555550100", "123456", "login-1")
            ```
        """
        return await self._run(
            messaging.verify_otp_call(self.id, destination_identity, otp, reference_id)
        )


class AsyncAppCollection(AsyncTableCollection[AsyncApp]):
    """``pp.apps``: ``async for`` every application, ``await get(id)``,
    ``await create(name, tags)``."""

    _table = tables.APPS
    _item = AsyncApp

    async def get(self, application_id: str) -> AsyncApp:
        """Fetch one application now (``errors.NotFoundError`` when it does not exist)."""
        return await self._run(self._plan("get", application_id))

    async def create(self, name: str, tags: Mapping[str, str] | None = None) -> AsyncApp:
        """Create an application."""
        return await self._run(self._create_plan(models.CreateApplicationRequest(
            name=name, tags=dict(tags) if isinstance(tags, Mapping) else tags
        )))


class AsyncPinpoint:
    """Entry point of the async resource layer, on an `AsyncPinpointClient`.

    ``async with AsyncPinpoint(region_name=...) as pp:`` creates the client and closes
    it on exit; a client passed in (an `AsyncPinpointClient` or an aiobotocore
    ``pinpoint`` client) stays the caller's. Like the client, it belongs to the event
    loop it is used in.

    Args:
        client: an `AsyncPinpointClient` or an aiobotocore ``pinpoint`` client to use.
        session: the aiobotocore session to create the client from.
        region_name: the AWS Region, e.g. ``"us-east-1"``.
        **client_kwargs: passed on as ``AsyncPinpointClient(...)`` takes them
            (``endpoint_url``, ``config``, ...), with the same retry default.

    Examples:
        ```python
        async with AsyncPinpoint(region_name="us-east-1") as pp:
            app = await pp.apps.create("demo")
            print([a.name async for a in pp.apps])
        ```
    """

    def __init__(
        self,
        client: AsyncPinpointClient | BotocoreClient | None = None,
        *,
        session: AioSession | None = None,
        region_name: str | None = None,
        **client_kwargs: Unpack[ClientOptions],
    ) -> None:
        self._owns_client = client is None
        if client is None:
            client = AsyncPinpointClient(session=session, region_name=region_name,
                                         **client_kwargs)
        elif session is not None or region_name is not None or client_kwargs:
            raise TypeError("pass either a client or the arguments to create one, not both")
        elif not isinstance(client, AsyncPinpointClient):
            client = AsyncPinpointClient.from_client(client)
        self._client: AsyncPinpointClient = client

    @property
    def client(self) -> AsyncPinpointClient:
        """The async typed client (for operations the resources do not cover)."""
        return self._client

    async def close(self) -> None:
        """Close the client this object created; a client passed in is left open."""
        if self._owns_client:
            await self._client.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"<AsyncPinpoint {self._client!r}>"

    @property
    def apps(self) -> AsyncAppCollection:
        """Every application in the Region."""
        return AsyncAppCollection(self._client)

    @property
    def templates(self) -> AsyncTemplateCollection:
        """Message templates of the account."""
        return AsyncTemplateCollection(self._client)

    @property
    def recommender_configurations(self) -> AsyncRecommenderConfigurationCollection:
        """Recommender model configurations of the account."""
        return AsyncRecommenderConfigurationCollection(self._client)

    async def validate_phone_number(
        self, phone_number: str, iso_country_code: str | None = None
    ) -> models.NumberValidateResponse:
        """Carrier, type and cleansed format of a phone number (PhoneNumberValidate).

        Examples:
            ```python
            info = await pp.validate_phone_number("+1 206 555 0100")
            print(info.phone_type)
            ```
        """
        call = messaging.validate_phone_call(phone_number, iso_country_code)
        return (await perform_async(self._client, call))[0]

