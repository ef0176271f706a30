"""Campaigns, journeys and segments of an application, and their collections."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar, Unpack, overload

from pinpoint_sdk import errors, models
from pinpoint_sdk._model_base import evolve
from pinpoint_sdk.resources import _tables as tables
from pinpoint_sdk.resources._base import (
    AppResource,
    AppResourceCore,
    AppScopedCollection,
    Buildable,
    Call,
    Listing,
    perform,
    same,
    unwrap,
)
from pinpoint_sdk.resources._jobs import ExportJob, ExportJobCollection, ImportJob

if TYPE_CHECKING:
    from pinpoint_sdk._fields import (
        WriteCampaignRequestFields,
        WriteJourneyRequestFields,
        WriteSegmentRequestFields,
    )
    from pinpoint_sdk.client import PinpointClient  # noqa: F401 (string base classes)

__all__ = [
    "Campaign",
    "CampaignCollection",
    "Journey",
    "JourneyCollection",
    "Segment",
    "SegmentCollection",
]

def merged_kpi(pages: Iterator[Any], attribute: str) -> Any:
    """One KPI response holding the rows of every page."""
    first: Any = None
    rows: list[models.ResultRow] = []
    for page in pages:
        response = getattr(page, attribute)
        if first is None:
            first = response
        result = getattr(response, "kpi_result", None)
        rows.extend(getattr(result, "rows", None) or [])
    if first is None:  # pragma: no cover - a paginator always yields one page
        raise errors.PinpointError("the KPI operation returned no page")
    kpi_result = evolve(first.kpi_result, rows=rows) if first.kpi_result is not None \
        else models.BaseKpiResult(rows=rows)
    return evolve(first, kpi_result=kpi_result, next_token=None)


C = TypeVar("C")


def kpi_call(method: str, params: dict[str, Any], attribute: str) -> Call[Any]:
    """The paged KPI call ``method``; its result merges every page (an iterator of the
    pages, as the sync client returns it) into one response."""
    return Call(method, params, lambda pages: merged_kpi(pages, attribute))


class CampaignCore(AppResourceCore[C, models.CampaignResponse]):
    """What `Campaign` and the async campaign share: the views of `data` and the
    planning of the calls only campaigns make."""

    _table = tables.CAMPAIGN

    @property
    def state(self) -> str | None:
        """The campaign status (``SCHEDULED``, ``EXECUTING``, ``PAUSED``, ...)."""
        state = self.data.state
        return str(state.campaign_status) if state and state.campaign_status else None

    def _version_call(self, version: int) -> Call[models.CampaignResponse]:
        return Call(
            "get_campaign_version",
            {"application_id": self.application_id, "campaign_id": self.id,
             "version": str(version)},
            lambda output: unwrap(output.campaign_response),
        )

    def _kpi_call(self, name: str, start: datetime, end: datetime) -> Call[Any]:
        return kpi_call(
            "get_campaign_date_range_kpi_pages",
            {"application_id": self.application_id, "campaign_id": self.id, "kpi_name": name,
             "start_time": start, "end_time": end},
            "campaign_date_range_kpi_response",
        )


class JourneyCore(AppResourceCore[C, models.JourneyResponse]):
    """What `Journey` and the async journey share: the views of `data` and the
    planning of the metrics calls."""

    _table = tables.JOURNEY

    @property
    def state(self) -> str | None:
        """The journey state (``DRAFT``, ``ACTIVE``, ``PAUSED``, ``CANCELLED``, ...)."""
        return str(self.data.state) if self.data.state is not None else None

    @property
    def activities(self) -> dict[str, models.Activity]:
        """The journey's activities by key (from `data`)."""
        return dict(self.data.activities or {})

    def _ids(self) -> dict[str, Any]:
        return {"application_id": self.application_id, "journey_id": self.id}

    def _kpi_call(self, name: str, start: datetime, end: datetime) -> Call[Any]:
        return kpi_call(
            "get_journey_date_range_kpi_pages",
            {**self._ids(), "kpi_name": name, "start_time": start, "end_time": end},
            "journey_date_range_kpi_response",
        )

    def _execution_metrics_call(self, run_id: str | None) -> Call[
        models.JourneyExecutionMetricsResponse | models.JourneyRunExecutionMetricsResponse
    ]:
        if run_id is not None:
            return Call("get_journey_run_execution_metrics", {**self._ids(), "run_id": run_id},
                        lambda output: unwrap(output.journey_run_execution_metrics_response))
        return Call("get_journey_execution_metrics", self._ids(),
                    lambda output: unwrap(output.journey_execution_metrics_response))

    def _activity_metrics_call(self, activity_id: str, run_id: str | None) -> Call[
        models.JourneyExecutionActivityMetricsResponse
        | models.JourneyRunExecutionActivityMetricsResponse
    ]:
        ids = {**self._ids(), "journey_activity_id": activity_id}
        if run_id is not None:
            return Call(
                "get_journey_run_execution_activity_metrics", {**ids, "run_id": run_id},
                lambda output: unwrap(output.journey_run_execution_activity_metrics_response),
            )
        return Call("get_journey_execution_activity_metrics", ids,
                    lambda output: unwrap(output.journey_execution_activity_metrics_response))


class SegmentCore(AppResourceCore[C, models.SegmentResponse]):
    """What `Segment` and the async segment share: the planning of the calls only
    segments make."""

    _table = tables.SEGMENT

    def _version_call(self, version: int) -> Call[models.SegmentResponse]:
        return Call(
            "get_segment_version",
            {"application_id": self.application_id, "segment_id": self.id,
             "version": str(version)},
            lambda output: unwrap(output.segment_response),
        )

    def _export_request(self, s3_url: str, role_arn: str,
                        version: int | None) -> models.ExportJobRequest:
        return models.ExportJobRequest(s3_url_prefix=s3_url, role_arn=role_arn,
                                       segment_id=self.id, segment_version=version)


class Campaign(CampaignCore["PinpointClient"], AppResource[models.CampaignResponse]):
    """A campaign of an application.

    Examples:
        >>> campaign = app.campaigns.get("c-123")
        >>> campaign.pause()
        >>> campaign.update(description="spring sale, second wave")
    """

    def update(
        self,
        request: models.WriteCampaignRequest | Buildable[models.WriteCampaignRequest]
        | None = None,
        /,
        **changes: Unpack[WriteCampaignRequestFields],
    ) -> Campaign:
        """Replace the campaign with ``request``, or change some fields of the current one.

        Without a request, the current `data` (read-modify-write; call
        `reload` first if it may be stale) is turned into a
        ``WriteCampaignRequest`` keeping every field, including ones the SDK does not
        know, and ``changes`` (snake_case field names) are applied. A member the
        service returned with an unexpected JSON type (a list where an object belongs)
        cannot be sent back, and leaving it out would delete it: the update is then
        refused with ``errors.ValidationError`` naming it, unless ``changes`` replaces
        that member.

        Examples:
            >>> campaign.update(name="spring", holdout_percent=10)
        """
        return self._update(request, changes)

    def delete(self) -> models.CampaignResponse:
        """Delete the campaign; returns its last state."""
        return self._delete()

    def pause(self) -> Campaign:
        """Pause the campaign (UpdateCampaign with ``IsPaused=true``).

        Examples:
            >>> campaign.pause().data.is_paused
            True
        """
        return self.update(is_paused=True)

    def resume(self) -> Campaign:
        """Resume a paused campaign (UpdateCampaign with ``IsPaused=false``)."""
        return self.update(is_paused=False)

    def versions(self, *, page_size: int | None = None) -> Listing[models.CampaignResponse]:
        """Every version of the campaign, newest first, as a chainable `Listing`.

        Examples:
            >>> [v.version for v in campaign.versions()]
            >>> campaign.versions().limit(5).to_dataframe()
        """
        return self._listing(
            tables.CAMPAIGN_VERSIONS, same,
            what=f"versions of campaign {self.id!r}", page_size=page_size,
        )

    def version(self, version: int) -> models.CampaignResponse:
        """One version of the campaign."""
        return perform(self._api, self._version_call(version))[0]

    def activities(self, *, page_size: int | None = None) -> Listing[models.ActivityResponse]:
        """The campaign's runs (activities), as a chainable `Listing`.

        Examples:
            >>> [a.state for a in campaign.activities()]
            >>> campaign.activities().page_size(50).limit(100)
        """
        return self._listing(
            tables.CAMPAIGN_ACTIVITIES, same,
            what=f"activities of campaign {self.id!r}", page_size=page_size,
        )

    def kpi(self, name: str, start: datetime, end: datetime) -> models.CampaignDateRangeKpiResponse:
        """A campaign KPI over a date range, every page merged into one result.

        Examples:
            >>> campaign.kpi("unique-deliveries", start, end).kpi_result.rows
        """
        result: models.CampaignDateRangeKpiResponse = perform(
            self._api, self._kpi_call(name, start, end))[0]
        return result


class Journey(JourneyCore["PinpointClient"], AppResource[models.JourneyResponse]):
    """A journey of an application.

    Examples:
        >>> journey = app.journeys.get("j-123")
        >>> journey.pause(); journey.resume()
        >>> journey.execution_metrics().metrics
    """

    def update(
        self,
        request: models.WriteJourneyRequest | Buildable[models.WriteJourneyRequest]
        | None = None,
        /,
        **changes: Unpack[WriteJourneyRequestFields],
    ) -> Journey:
        """Replace the journey with ``request``, or change some fields of the current one.

        Without a request, the current `data` becomes a ``WriteJourneyRequest``
        through the wire dict, so activities of kinds this SDK does not know are sent
        back unchanged; ``changes`` (snake_case field names) are applied on top.

        Examples:
            >>> journey.update(name="onboarding-v2")
            >>> journey.update(JourneyBuilder.from_model(journey.data).start("welcome"))
        """
        return self._update(request, changes)

    def delete(self) -> models.JourneyResponse:
        """Delete the journey; returns its last state."""
        return self._delete()

    def _set_state(self, state: str) -> Journey:
        self._data = unwrap(self._api.update_journey_state(
            application_id=self.application_id,
            journey_id=self.id,
            journey_state_request=models.JourneyStateRequest(state=state),
        ).journey_response)
        return self

    def pause(self) -> Journey:
        """Pause the journey (UpdateJourneyState ``PAUSED``)."""
        return self._set_state("PAUSED")

    def resume(self) -> Journey:
        """Resume a paused journey (UpdateJourneyState ``ACTIVE``)."""
        return self._set_state("ACTIVE")

    def cancel(self) -> Journey:
        """Cancel the journey for good (UpdateJourneyState ``CANCELLED``)."""
        return self._set_state("CANCELLED")

    def runs(self, *, page_size: int | None = None) -> Listing[models.JourneyRunResponse]:
        """The journey's runs, as a chainable `Listing`.

        Examples:
            >>> [(r.run_id, r.status) for r in journey.runs()]
            >>> journey.runs().limit(10).to_dataframe()
        """
        return self._listing(
            tables.JOURNEY_RUNS, same,
            what=f"runs of journey {self.id!r}", page_size=page_size,
        )

    @overload
    def execution_metrics(self, *, run_id: None = None) -> models.JourneyExecutionMetricsResponse:
        ...

    @overload
    def execution_metrics(self, *, run_id: str) -> models.JourneyRunExecutionMetricsResponse:
        ...

    def execution_metrics(self, *, run_id: str | None = None) -> (
        models.JourneyExecutionMetricsResponse | models.JourneyRunExecutionMetricsResponse
    ):
        """Execution metrics of the journey, or of one run when ``run_id`` is given."""
        return perform(self._api, self._execution_metrics_call(run_id))[0]

    @overload
    def activity_metrics(
        self, activity_id: str, *, run_id: None = None
    ) -> models.JourneyExecutionActivityMetricsResponse:
        ...

    @overload
    def activity_metrics(
        self, activity_id: str, *, run_id: str
    ) -> models.JourneyRunExecutionActivityMetricsResponse:
        ...

    def activity_metrics(self, activity_id: str, *, run_id: str | None = None) -> (
        models.JourneyExecutionActivityMetricsResponse
        | models.JourneyRunExecutionActivityMetricsResponse
    ):
        """Execution metrics of one activity (of one run when ``run_id`` is given).

        Examples:
            >>> journey.activity_metrics("welcome").metrics
        """
        return perform(self._api, self._activity_metrics_call(activity_id, run_id))[0]

    def kpi(self, name: str, start: datetime, end: datetime) -> models.JourneyDateRangeKpiResponse:
        """A journey KPI over a date range, every page merged into one result."""
        result: models.JourneyDateRangeKpiResponse = perform(
            self._api, self._kpi_call(name, start, end))[0]
        return result


class Segment(SegmentCore["PinpointClient"], AppResource[models.SegmentResponse]):
    """A segment of an application.

    Examples:
        >>> segment = app.segments.get("s-123")
        >>> job = segment.export_to("s3://bucket/exports/", role_arn).wait()
    """

    def update(
        self,
        request: models.WriteSegmentRequest | Buildable[models.WriteSegmentRequest]
        | None = None,
        /,
        **changes: Unpack[WriteSegmentRequestFields],
    ) -> Segment:
        """Replace the segment with ``request``, or change some fields of the current one.

        Examples:
            >>> segment.update(name="active-users")
        """
        return self._update(request, changes)

    def delete(self) -> models.SegmentResponse:
        """Delete the segment; returns its last state."""
        return self._delete()

    def versions(self, *, page_size: int | None = None) -> Listing[models.SegmentResponse]:
        """Every version of the segment, as a chainable `Listing`."""
        return self._listing(
            tables.SEGMENT_VERSIONS, same,
            what=f"versions of segment {self.id!r}", page_size=page_size,
        )

    def version(self, version: int) -> models.SegmentResponse:
        """One version of the segment."""
        return perform(self._api, self._version_call(version))[0]

    def export_to(self, s3_url: str, role_arn: str, *, version: int | None = None) -> ExportJob:
        """Start exporting the segment's endpoints to S3; returns the export job.

        Examples:
            >>> segment.export_to("s3://bucket/prefix/", "arn:aws:iam::1:role/x").wait()
        """
        return ExportJobCollection(self._api, self.application_id).create(
            self._export_request(s3_url, role_arn, version)
        )

    def export_jobs(self, *, page_size: int | None = None) -> Listing[ExportJob]:
        """The segment's export jobs, as a chainable `Listing` of `ExportJob`."""
        return self._listing(
            tables.SEGMENT_EXPORT_JOBS, lambda data: ExportJob(self.client, data),
            what=f"export jobs of segment {self.id!r}", page_size=page_size,
        )

    def import_jobs(self, *, page_size: int | None = None) -> Listing[ImportJob]:
        """The segment's import jobs, as a chainable `Listing` of `ImportJob`.

        Examples:
            >>> [job.status for job in segment.import_jobs().limit(5)]
        """
        return self._listing(
            tables.SEGMENT_IMPORT_JOBS, lambda data: ImportJob(self.client, data),
            what=f"import jobs of segment {self.id!r}", page_size=page_size,
        )


class CampaignCollection(AppScopedCollection[Campaign]):
    """``app.campaigns``: iterate, ``get(id)``, ``create(request_or_builder)``.

    Examples:
        >>> for campaign in app.campaigns:
        ...     print(campaign.id, campaign.name)
        >>> campaign = app.campaigns.create(CampaignBuilder("spring").segment(seg.id))
    """

    _table = tables.CAMPAIGNS
    _item = Campaign

    def get(self, campaign_id: str) -> Campaign:
        """Fetch one campaign now (``errors.NotFoundError`` when it does not exist)."""
        return self._get(campaign_id)

    def create(
        self, request: models.WriteCampaignRequest | Buildable[models.WriteCampaignRequest]
    ) -> Campaign:
        """Create a campaign from a ``WriteCampaignRequest`` or a builder."""
        return self._create(request)


class JourneyCollection(AppScopedCollection[Journey]):
    """``app.journeys``: iterate, ``get(id)``, ``create(request_or_builder)``.

    Examples:
        >>> journey = app.journeys.create(JourneyBuilder("onboarding")...)
        >>> [j.name for j in app.journeys.limit(10)]
    """

    _table = tables.JOURNEYS
    _item = Journey

    def get(self, journey_id: str) -> Journey:
        """Fetch one journey now (``errors.NotFoundError`` when it does not exist)."""
        return self._get(journey_id)

    def create(
        self, request: models.WriteJourneyRequest | Buildable[models.WriteJourneyRequest]
    ) -> Journey:
        """Create a journey from a ``WriteJourneyRequest`` or a builder."""
        return self._create(request)


class SegmentCollection(AppScopedCollection[Segment]):
    """``app.segments``: iterate, ``get(id)``, ``create(request_or_builder)``.

    Examples:
        >>> segment = app.segments.create(SegmentBuilder("vip").channel("EMAIL"))
    """

    _table = tables.SEGMENTS
    _item = Segment

    def get(self, segment_id: str) -> Segment:
        """Fetch one segment now (``errors.NotFoundError`` when it does not exist)."""
        return self._get(segment_id)

    def create(
        self, request: models.WriteSegmentRequest | Buildable[models.WriteSegmentRequest]
    ) -> Segment:
        """Create a segment from a ``WriteSegmentRequest`` or a builder."""
        return self._create(request)
