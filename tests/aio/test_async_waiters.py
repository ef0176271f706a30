"""`wait_for_job_async` follows the same polling policy as `wait_for_job`: the same
polls, sleeps, results and errors for the same job states; only the sleep is awaited."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest

from pinpoint_sdk import errors
from pinpoint_sdk.waiters import wait_for_job, wait_for_job_async


@dataclass
class Job:
    job_status: str | None
    id: str | None = "job-1"
    failures: Sequence[str] | None = field(default_factory=list)


@dataclass
class Clock:
    """A fake monotonic clock that only moves when the waiter sleeps."""

    now: float = 0.0
    sleeps: list[float] = field(default_factory=list)

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


def run_sync(states: list[Job], clock: Clock, **kwargs: Any) -> Job:
    polls = iter(states)
    return wait_for_job(lambda: next(polls), clock=clock, sleep=clock.sleep, **kwargs)


def run_async(states: list[Job], clock: Clock, **kwargs: Any) -> Job:
    polls = iter(states)

    async def fetch() -> Job:
        return next(polls)

    return asyncio.run(
        wait_for_job_async(fetch, clock=clock, sleep=clock.async_sleep, **kwargs)
    )


WAITERS: dict[str, Callable[..., Job]] = {"sync": run_sync, "async": run_async}


@pytest.mark.parametrize("waiter", WAITERS)
def test_returns_the_completed_job_after_sleeping_between_polls(waiter: str) -> None:
    clock = Clock()
    states = [Job("CREATED"), Job("PROCESSING"), Job("COMPLETED", id="done")]
    job = WAITERS[waiter](states, clock, poll_interval=5, timeout=60)
    assert job.id == "done"
    assert clock.sleeps == [5, 5]


@pytest.mark.parametrize("waiter", WAITERS)
def test_failed_job_raises_with_its_failures(waiter: str) -> None:
    clock = Clock()
    states = [Job("PROCESSING"), Job("FAILED", failures=["bad row 3", "bad row 9"])]
    with pytest.raises(errors.JobFailedError, match="job job-1 failed: bad row 3") as info:
        WAITERS[waiter](states, clock, poll_interval=1, timeout=60)
    assert info.value.failures == ["bad row 3", "bad row 9"]


@pytest.mark.parametrize("waiter", WAITERS)
def test_timeout_raises_with_the_last_job_and_never_oversleeps(waiter: str) -> None:
    clock = Clock()
    states = [Job("PROCESSING")] * 10
    with pytest.raises(errors.WaiterTimeoutError, match="still PROCESSING after 25 s") as info:
        WAITERS[waiter](states, clock, poll_interval=10, timeout=25)
    assert isinstance(info.value.last, Job)
    assert clock.sleeps == [10, 10, 5]


@pytest.mark.parametrize("waiter", WAITERS)
def test_negative_settings_are_refused_before_polling(waiter: str) -> None:
    with pytest.raises(errors.ValidationError, match="timeout/poll_interval"):
        WAITERS[waiter]([], Clock(), poll_interval=-1)


def test_cancelling_the_async_waiter_stops_polling() -> None:
    polls: list[int] = []

    async def main() -> None:
        async def fetch() -> Job:
            polls.append(1)
            return Job("PROCESSING")

        task = asyncio.create_task(wait_for_job_async(fetch, poll_interval=3600))
        while not polls:
            await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())
    assert polls == [1]
