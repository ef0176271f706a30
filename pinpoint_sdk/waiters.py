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

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar

from pinpoint_sdk import _log, errors

if TYPE_CHECKING:
    from pinpoint_sdk.models import ExportJobResponse, ImportJobResponse

__all__ = ["DONE_STATES", "FAILED_STATES", "JobLike", "wait_for_job", "wait_for_job_async"]

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


# The two job models are named beside the protocol: pyright does not match attrs fields
# with converters (the enum-typed ``job_status``) against a protocol's members.
J = TypeVar("J", bound="JobLike | ImportJobResponse | ExportJobResponse")


class _Polling:
    """The polling policy both waiters share: when to stop, fail or poll again."""

    def __init__(
        self, timeout: float, poll_interval: float, clock: Callable[[], float], what: str
    ) -> None:
        if poll_interval < 0 or timeout < 0:
            raise errors.ValidationError("must not be negative", "timeout/poll_interval")
        self.timeout = timeout
        self.poll_interval = poll_interval
        self.clock = clock
        self.what = what
        self.started = clock()
        self.deadline = self.started + timeout

    def delay(self, job: JobLike) -> float | None:
        """Seconds to sleep before polling again, or ``None`` once ``job`` is COMPLETED.

        Raises:
            errors.JobFailedError: the job reached FAILED.
            errors.WaiterTimeoutError: the timeout passed.
        """
        what, clock, started = self.what, self.clock, self.started
        status = str(job.job_status) if job.job_status is not None else None
        if status in DONE_STATES:
            _log.job_finished(what, job.id, status, clock() - started)
            return None
        if status in FAILED_STATES:
            failures = list(job.failures or ())
            detail = f": {failures[0]}" if failures else ""
            _log.job_finished(what, job.id, status, clock() - started, detail[2:])
            raise errors.JobFailedError(
                f"{what} {job.id} failed{detail}", job=job, failures=failures
            )
        remaining = self.deadline - clock()
        if remaining <= 0:
            _log.job_finished(what, job.id, status, clock() - started, "timed out")
            raise errors.WaiterTimeoutError(
                f"{what} {job.id} still {status} after {self.timeout:g} s", last=job
            )
        _log.job_polled(what, job.id, status, min(self.poll_interval, remaining))
        return min(self.poll_interval, remaining)


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
    polling = _Polling(timeout, poll_interval, clock, what)
    while True:
        job = fetch()
        delay = polling.delay(job)
        if delay is None:
            return job
        sleep(delay)


async def wait_for_job_async(
    fetch: Callable[[], Awaitable[J]],
    *,
    timeout: float = 3600.0,
    poll_interval: float = 10.0,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    what: str = "job",
) -> J:
    """Await ``fetch()`` until the job is COMPLETED and return that last job model.

    The same policy as `wait_for_job` (timeout, interval, logging, errors); the wait
    between polls is ``await sleep(...)``, so other tasks run meanwhile, and cancelling
    the waiting task stops the polling.

    Raises:
        errors.JobFailedError: the job reached FAILED (its ``failures`` are attached).
        errors.WaiterTimeoutError: ``timeout`` seconds passed first (the last job model
            is in ``.last``).

    Examples:
        ```python
        async def fetch() -> models.ImportJobResponse:
            got = await client.get_import_job(application_id=app_id, job_id=job_id)
            assert got.import_job_response is not None
            return got.import_job_response

        job = await wait_for_job_async(fetch, timeout=1800, poll_interval=15)
        ```
    """
    polling = _Polling(timeout, poll_interval, clock, what)
    while True:
        job = await fetch()
        delay = polling.delay(job)
        if delay is None:
            return job
        await sleep(delay)
