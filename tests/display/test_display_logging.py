"""The SDK logs its own progress on the ``pinpoint_sdk`` logger, with secrets masked."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from pinpoint_sdk import EventRecord, Pinpoint, errors, models
from pinpoint_sdk.testing import mock_pinpoint
from pinpoint_sdk.waiters import wait_for_job

SECRET = "AIzaSy-not-a-real-key"


@pytest.fixture
def app() -> Iterator[object]:
    with mock_pinpoint():
        yield Pinpoint(region_name="us-east-1").apps.create("logs")


def _lines(caplog: pytest.LogCaptureFixture, level: int | None = None) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "pinpoint_sdk" and (level is None or r.levelno == level)
    ]


def test_bulk_writes_log_each_request_and_the_totals(
    app: object, caplog: pytest.LogCaptureFixture
) -> None:
    items = [
        models.EndpointBatchItem(id=f"ep{i}", channel_type="EMAIL", address=f"u{i}@example.com")
        for i in range(250)
    ]
    with caplog.at_level(logging.DEBUG, logger="pinpoint_sdk"):
        app.endpoints.upsert_many(items)  # type: ignore[attr-defined]

    assert _lines(caplog, logging.DEBUG) == [
        "bulk write: request of 100 items sent; 100 succeeded, 0 failed so far",
        "bulk write: request of 100 items sent; 200 succeeded, 0 failed so far",
        "bulk write: request of 50 items sent; 250 succeeded, 0 failed so far",
    ]
    assert _lines(caplog, logging.INFO) == ["bulk write finished: 250 succeeded, 0 failed"]


def test_a_bulk_write_logs_its_first_failure(
    app: object, caplog: pytest.LogCaptureFixture
) -> None:
    event = models.Event(event_type="buy", timestamp="2024-05-01T12:00:00Z")
    records = [EventRecord("ep1", event, event_id="e1"), EventRecord("", event, event_id="e2")]
    with caplog.at_level(logging.DEBUG, logger="pinpoint_sdk"):
        app.events.put_many(records)  # type: ignore[attr-defined]

    assert _lines(caplog, logging.INFO) == ["bulk write finished: 1 succeeded, 1 failed"]
    assert any(line.startswith("bulk write: first failure at item 1 (e2): ") for line in
               _lines(caplog, logging.DEBUG))  # fmt: skip


def test_quiet_by_default_above_debug(app: object, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="pinpoint_sdk"):
        app.endpoints.upsert_many(  # type: ignore[attr-defined]
            [models.EndpointBatchItem(id="ep", channel_type="EMAIL", address="a@example.com")]
        )
    assert _lines(caplog) == []


def test_pagination_logs_each_page_fetched(
    app: object, caplog: pytest.LogCaptureFixture
) -> None:
    for name in ("a", "b", "c"):
        app.segments.create(  # type: ignore[attr-defined]
            models.WriteSegmentRequest(
                name=name,
                dimensions=models.SegmentDimensions(
                    demographic=models.SegmentDemographics(
                        channel=models.SetDimension(values=["EMAIL"])
                    )
                ),
            )
        )
    with caplog.at_level(logging.DEBUG, logger="pinpoint_sdk"):
        names = [s.name for s in app.segments.page_size(2)]  # type: ignore[attr-defined]

    assert sorted(names) == ["a", "b", "c"]
    assert _lines(caplog, logging.DEBUG) == [
        "GetSegments: page 1 fetched (2 items)",
        "GetSegments: page 2 fetched (1 item)",
    ]


@dataclass
class Job:
    job_status: str | None
    id: str | None = "job-1"
    failures: list[str] | None = None


@dataclass
class Clock:
    now: float = 0.0
    sleeps: list[float] = field(default_factory=list)

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def _fetch(*jobs: Job) -> object:
    queue = list(jobs)
    return lambda: queue.pop(0)


def test_waiter_logs_each_poll_and_the_completion(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    fetch = _fetch(Job("CREATED"), Job("PROCESSING"), Job("COMPLETED"))
    with caplog.at_level(logging.DEBUG, logger="pinpoint_sdk"):
        wait_for_job(fetch, poll_interval=5, clock=clock, sleep=clock.sleep,  # type: ignore[arg-type]
                     what="import job")  # fmt: skip

    assert _lines(caplog, logging.DEBUG) == [
        "import job job-1: CREATED; polling again in 5 s",
        "import job job-1: PROCESSING; polling again in 5 s",
    ]
    assert _lines(caplog, logging.INFO) == ["import job job-1: COMPLETED after 10 s"]


def test_waiter_logs_a_timeout_as_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    fetch = _fetch(*[Job("PROCESSING")] * 4)
    with caplog.at_level(logging.DEBUG, logger="pinpoint_sdk"), pytest.raises(
        errors.WaiterTimeoutError
    ):
        wait_for_job(fetch, timeout=20, poll_interval=10, clock=clock,  # type: ignore[arg-type]
                     sleep=clock.sleep)  # fmt: skip

    assert _lines(caplog, logging.WARNING) == ["job job-1: PROCESSING after 20 s: timed out"]


def test_a_failed_job_is_logged_with_its_secrets_masked(
    caplog: pytest.LogCaptureFixture,
) -> None:
    failure = f'invalid channel request {{"ApiKey": "{SECRET}", "Enabled": true}}'
    clock = Clock()
    fetch = _fetch(Job("FAILED", failures=[failure]))
    with caplog.at_level(logging.DEBUG, logger="pinpoint_sdk"), pytest.raises(
        errors.JobFailedError
    ):
        wait_for_job(fetch, clock=clock, sleep=clock.sleep, what="export job")  # type: ignore[arg-type]

    assert _lines(caplog, logging.WARNING) == [
        'export job job-1: FAILED after 0 s: invalid channel request {"ApiKey": "***", '
        '"Enabled": true}'
    ]
    assert SECRET not in caplog.text


def test_log_arguments_that_are_models_or_dicts_are_masked(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from pinpoint_sdk import _log

    gcm = models.GCMChannelRequest(api_key=SECRET, enabled=True)
    with caplog.at_level(logging.DEBUG, logger="pinpoint_sdk"):
        _log._emit(logging.INFO, "sent %s with %s", gcm, {"ApiKey": SECRET})

    assert SECRET not in caplog.text
    assert _lines(caplog) == [
        "sent GCMChannelRequest(api_key=***, enabled=True) with {'ApiKey': '***'}"
    ]
