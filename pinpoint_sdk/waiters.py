"""Polling until an import or export job finishes.

Used by `pinpoint_sdk.resources.ImportJob.wait` and
`pinpoint_sdk.resources.ExportJob.wait`. The clock and the sleep function are
parameters so tests run instantly. Each poll is logged at ``DEBUG`` on the
``pinpoint_sdk`` logger, the outcome at ``INFO`` (completed) or ``WARNING``.

Examples:
    >>> job = app.import_jobs.create(request)
    >>> job.wait(timeout=1800, poll_interval=15).data.total_processed
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from pinpoint_sdk import _log, errors

__all__ = ["DONE_STATES", "FAILED_STATES", "JobLike", "wait_for_job"]

DONE_STATES = frozenset({"COMPLETED"})
"""Job states that mean success."""
FAILED_STATES = frozenset({"FAILED"})
"""Job states that mean the job will never complete."""


class JobLike(Protocol):
    """What the waiter reads from a job model (``ImportJobResponse``/``ExportJobResponse``)."""

    @property
    def job_status(self) -> str | None:
        """The job's state, e.g. ``PROCESSING`` or ``COMPLETED``."""
        ...

    @property
    def failures(self) -> Sequence[str] | None:
        """Failure messages reported for the job."""
        ...

    @property
    def id(self) -> str | None:
        """The job id."""
        ...


J = TypeVar("J", bound=JobLike)


def wait_for_job(
    fetch: Callable[[], J],
    *,
    timeout: float = 3600.0,
    poll_interval: float = 10.0,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    what: str = "job",
) -> J:
    """Call ``fetch()`` until the job is COMPLETED and return that last job model.

    Raises:
        errors.JobFailedError: the job reached FAILED (its ``failures`` are attached).
        errors.WaiterTimeoutError: ``timeout`` seconds passed first (the last job model
            is in ``.last``).
    """
    if poll_interval < 0 or timeout < 0:
        raise errors.ValidationError("must not be negative", "timeout/poll_interval")
    started = clock()
    deadline = started + timeout
    while True:
        job = fetch()
        status = str(job.job_status) if job.job_status is not None else None
        if status in DONE_STATES:
            _log.job_finished(what, job.id, status, clock() - started)
            return job
        if status in FAILED_STATES:
            failures = list(job.failures or ())
            detail = f": {failures[0]}" if failures else ""
            _log.job_finished(what, job.id, status, clock() - started, detail[2:])
            raise errors.JobFailedError(
                f"{what} {job.id} failed{detail}", job=job, failures=failures
            )
        remaining = deadline - clock()
        if remaining <= 0:
            _log.job_finished(what, job.id, status, clock() - started, "timed out")
            raise errors.WaiterTimeoutError(
                f"{what} {job.id} still {status} after {timeout:g} s", last=job
            )
        _log.job_polled(what, job.id, status, min(poll_interval, remaining))
        sleep(min(poll_interval, remaining))
