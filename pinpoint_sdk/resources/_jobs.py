"""Import and export jobs: the way to move millions of endpoints in and out (via S3)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from pinpoint_sdk import models
from pinpoint_sdk.resources import _tables as tables
from pinpoint_sdk.resources._base import (
    AppResource,
    AppResourceCore,
    AppScopedCollection,
    Buildable,
)
from pinpoint_sdk.waiters import wait_for_job

if TYPE_CHECKING:
    from typing import Self

    from pinpoint_sdk.client import PinpointClient  # noqa: F401 (string base classes)

__all__ = ["ExportJob", "ExportJobCollection", "ImportJob", "ImportJobCollection"]

J = TypeVar("J", models.ImportJobResponse, models.ExportJobResponse)


C = TypeVar("C")


class JobCore(AppResourceCore[C, J], Generic[C, J]):
    """What the sync and async import/export jobs share: the views of `data`."""

    @property
    def status(self) -> str | None:
        """The job status (``CREATED``, ``PROCESSING``, ``COMPLETED``, ``FAILED``, ...)."""
        return str(self.data.job_status) if self.data.job_status is not None else None

    @property
    def failures(self) -> list[str]:
        """Failure messages the service reported for the job so far."""
        return list(self.data.failures or [])

    def __repr__(self) -> str:
        return f"<{type(self).__name__} id={self.data.id!r} status={self.status!r}>"


class _Job(JobCore["PinpointClient", J], AppResource[J], Generic[J]):
    def wait(
        self,
        *,
        timeout: float = 3600.0,
        poll_interval: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> Self:
        """Poll until the job is COMPLETED; returns ``self`` with the final `data`.

        Raises:
            errors.JobFailedError: the job FAILED (``.failures`` lists why).
            errors.WaiterTimeoutError: still running after ``timeout`` seconds.

        Examples:
            >>> job = app.import_jobs.create(request).wait(timeout=1800, poll_interval=15)
            >>> job.data.total_processed
        """

        def fetch() -> J:
            self._data = self._fetch()
            return self._data

        wait_for_job(
            fetch, timeout=timeout, poll_interval=poll_interval, clock=clock, sleep=sleep,
            what=type(self).__name__,
        )
        return self


class ImportJob(_Job[models.ImportJobResponse]):
    """An endpoint import job (from S3).

    Examples:
        >>> job = app.import_jobs.create(models.ImportJobRequest(
        ...     s3_url="s3://bucket/endpoints/", role_arn=role, format="CSV",
        ...     define_segment=True, segment_name="imported"))
        >>> job.wait()
    """

    _table = tables.IMPORT_JOB


class ExportJob(_Job[models.ExportJobResponse]):
    """An endpoint export job (to S3).

    Examples:
        >>> app.export_jobs.create(models.ExportJobRequest(
        ...     s3_url_prefix="s3://bucket/out/", role_arn=role)).wait()
    """

    _table = tables.EXPORT_JOB


class ImportJobCollection(AppScopedCollection[ImportJob]):
    """``app.import_jobs``: iterate, ``get(id)``, ``create(ImportJobRequest)``.

    This is the scale path: to load millions of endpoints, write them to S3 (CSV or
    JSON lines) and create one import job, rather than calling ``upsert_many``, which
    needs one UpdateEndpointsBatch request per 100 endpoints.

    Examples:
        >>> job = app.import_jobs.create(models.ImportJobRequest(
        ...     s3_url="s3://bucket/endpoints/", role_arn=role, format="JSON",
        ...     register_endpoints=True))
        >>> job.wait(timeout=3 * 3600, poll_interval=30)
    """

    _table = tables.IMPORT_JOBS
    _item = ImportJob

    def get(self, job_id: str) -> ImportJob:
        """Fetch one import job now (``errors.NotFoundError`` when it does not exist)."""
        return self._get(job_id)

    def create(
        self, request: models.ImportJobRequest | Buildable[models.ImportJobRequest]
    ) -> ImportJob:
        """Start an import job; call ``.wait()`` on the result to block until it is done."""
        return self._create(request)


class ExportJobCollection(AppScopedCollection[ExportJob]):
    """``app.export_jobs``: iterate, ``get(id)``, ``create(ExportJobRequest)``.

    Examples:
        >>> app.export_jobs.create(models.ExportJobRequest(
        ...     s3_url_prefix="s3://bucket/out/", role_arn=role)).wait()
    """

    _table = tables.EXPORT_JOBS
    _item = ExportJob

    def get(self, job_id: str) -> ExportJob:
        """Fetch one export job now (``errors.NotFoundError`` when it does not exist)."""
        return self._get(job_id)

    def create(
        self, request: models.ExportJobRequest | Buildable[models.ExportJobRequest]
    ) -> ExportJob:
        """Start an export job; call ``.wait()`` on the result to block until it is done."""
        return self._create(request)
