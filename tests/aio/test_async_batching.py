"""Async bulk writes: `AsyncApp.endpoints.upsert_many` / `AsyncApp.events.put_many`.

Faults are those of tests/resources/test_res_batching_faults.py, crafted at the HTTP
layer by a botocore ``before-send`` handler: the async sender awaits a sync typed client
on a worker thread (`Threaded`), so botocore's real serializer and parser run between
the sender and the fault. Concurrency and cancellation also run against the offline
server with a real `AsyncPinpointClient`.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any, cast

import boto3
import pytest
from botocore.awsrequest import AWSPreparedRequest, AWSResponse
from http_faults import answer, endpoints_accepted, events_accepted, fixed, reply, request_body
from test_res_batching_faults import MALFORMED_ENDPOINT_REPLIES, MALFORMED_EVENT_REPLIES

from pinpoint_sdk import errors, models
from pinpoint_sdk.aio import AsyncApp, AsyncPinpoint, AsyncPinpointClient
from pinpoint_sdk.batching import BatchResult, EventRecord
from pinpoint_sdk.client import PinpointClient
from pinpoint_sdk.resources import App
from pinpoint_sdk.testing import get_backend, server

TS = "2024-05-01T12:00:00Z"
APP_ID = "app1"


class Threaded:
    """What the async sender awaits (``_invoke_prepared``), served by a sync typed client
    on a worker thread; ``gate`` holds back every request after the first ``free``."""

    def __init__(self, client: PinpointClient, free: int | None = None) -> None:
        self._client = client
        self._free = free
        self.started = 0
        self.in_flight = 0
        self.most_in_flight = 0
        self.gate = asyncio.Event()

    async def _invoke_prepared(self, operation: str, output: Any,
                               request: Mapping[str, Any]) -> Any:
        self.started += 1
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            if self._free is not None and self.started > self._free:
                await self.gate.wait()
            return await asyncio.to_thread(self._client._invoke_prepared, operation, output,
                                           request)
        finally:
            self.in_flight -= 1


def _app(client: Any) -> AsyncApp:
    return AsyncApp(cast(AsyncPinpointClient, client),
                    models.ApplicationResponse(id=APP_ID, name="demo", arn="arn:app"))


def _records(count: int, endpoint_id: str = "ep") -> list[EventRecord]:
    return [EventRecord(endpoint_id, models.Event(event_type="buy", timestamp=TS), f"e{i}")
            for i in range(count)]


def _endpoints(count: int) -> list[models.EndpointBatchItem]:
    return [models.EndpointBatchItem(id=f"ep{i}", channel_type="EMAIL",
                                     address=f"u{i}@example.com") for i in range(count)]


def _every_seventh_rejected(request: AWSPreparedRequest) -> AWSResponse:
    """PutEvents: a 400 for every event id divisible by 7, a missing result for ids
    ending in 5, 202 for the rest; whatever order the requests come in."""
    results: dict[str, Any] = {}
    for endpoint_id, item in request_body(request)["BatchItem"].items():
        events = {}
        for event_id in item["Events"]:
            number = int(event_id[1:])
            if number % 10 == 5:
                continue
            events[event_id] = ({"StatusCode": 400, "Message": "bad"} if number % 7 == 0
                                else {"StatusCode": 202, "Message": "Accepted"})
        results[endpoint_id] = {"EventsItemResponse": events}
    return reply(request, 202, {"Results": results})


def _accounts_for(result: BatchResult, pulled: int) -> None:
    """Every item pulled is counted exactly once: in ``succeeded`` or in ``failed``."""
    indices = [f.index for f in result.failed]
    assert len(indices) == len(set(indices))
    assert result.processed == pulled
    assert set(indices) <= set(range(pulled))


# ------------------------------------------------------------ the faults of the sync tests


@pytest.mark.parametrize("body", MALFORMED_EVENT_REPLIES.values(),
                         ids=MALFORMED_EVENT_REPLIES.keys())
def test_put_events_reply_without_per_event_results_confirms_nothing(
    client: PinpointClient, body: Any
) -> None:
    answer(client, "PutEvents", fixed(202, body))

    result = asyncio.run(_app(Threaded(client)).events.put_many(_records(100)))

    assert result.succeeded == 0
    assert [f.item_id for f in result.failed] == [f"e{i}" for i in range(100)]
    assert all(f.unconfirmed and "result missing" in f.message for f in result.failed)


def test_put_events_partial_failures_are_reported_per_event(client: PinpointClient) -> None:
    answer(client, "PutEvents", fixed(202, {"Results": {"ep": {"EventsItemResponse": {
        "e0": {"StatusCode": 202, "Message": "Accepted"},
        "e1": {"StatusCode": 400, "Message": "Invalid timestamp"},
        "e2": {"Message": "Accepted"},
    }}}}))

    result = asyncio.run(_app(Threaded(client)).events.put_many(_records(4)))

    assert result.succeeded == 1
    assert [(f.index, f.status_code, f.unconfirmed) for f in result.failed] == [
        (1, 400, False), (2, None, True), (3, None, True),
    ]
    assert result.failed[0].message == "Invalid timestamp"


@pytest.mark.parametrize("body", MALFORMED_ENDPOINT_REPLIES.values(),
                         ids=MALFORMED_ENDPOINT_REPLIES.keys())
def test_update_endpoints_batch_reply_without_a_message_confirms_nothing(
    client: PinpointClient, body: Any
) -> None:
    answer(client, "UpdateEndpointsBatch", fixed(202, body), endpoints_accepted)

    result = asyncio.run(_app(Threaded(client)).endpoints.upsert_many(_endpoints(150)))

    assert result.succeeded == 50
    assert [f.index for f in result.failed] == list(range(100))
    assert all(f.unconfirmed for f in result.failed)
    assert "result missing: HTTP 202" in result.failed[0].message


@pytest.mark.parametrize("body", [{"Results": [1, 2]}, {"Results": {"ep": [1]}}],
                         ids=["Results a list", "ItemResponse a list"])
def test_a_reply_botocore_cannot_parse_fails_its_request_and_the_run_goes_on(body: Any) -> None:
    plain = PinpointClient(boto3.session.Session(region_name="us-east-1").client("pinpoint"))
    answer(plain, "PutEvents", fixed(202, body), events_accepted)

    result = asyncio.run(_app(Threaded(plain)).events.put_many(_records(150)))

    assert result.succeeded == 50 and result.complete
    assert [f.item_id for f in result.failed] == [f"e{i}" for i in range(100)]
    assert result.failed[0].message.startswith("request failed: AttributeError")
    assert all(f.unconfirmed for f in result.failed)


def test_a_bad_item_fails_alone_and_async_input_that_raises_keeps_the_result(
    client: PinpointClient,
) -> None:
    sent = answer(client, "UpdateEndpointsBatch", endpoints_accepted)

    async def rows() -> AsyncIterator[models.EndpointBatchItem]:
        for index, item in enumerate(_endpoints(120)):
            yield models.EndpointBatchItem(id="a$b") if index == 3 else item
        raise OSError("disk read failed")

    async def main() -> errors.BatchInterrupted:
        with pytest.raises(errors.BatchInterrupted) as info:
            await _app(Threaded(client)).endpoints.upsert_many(rows())
        return info.value

    interrupted = asyncio.run(main())
    result = interrupted.result
    assert [len(body["Item"]) for body in sent] == [100]
    assert result.succeeded == 100
    assert result.failed[0].index == 3 and "must not contain '$'" in result.failed[0].message
    assert [f.index for f in result.failed[1:]] == list(range(101, 120))
    assert all(f.message.startswith("not sent") for f in result.failed[1:])
    assert isinstance(interrupted.__cause__, OSError)
    _accounts_for(result, 120)


# ------------------------------------------------------------ streaming and concurrency


def test_input_is_streamed_not_materialised(client: PinpointClient) -> None:
    pulled = 0
    pulled_at_send: list[int] = []

    def accepted(request: AWSPreparedRequest) -> AWSResponse:
        pulled_at_send.append(pulled)
        return events_accepted(request)

    answer(client, "PutEvents", accepted)

    def rows() -> Iterator[EventRecord]:
        nonlocal pulled
        for record in _records(450):
            pulled += 1
            yield record

    result = asyncio.run(_app(Threaded(client)).events.put_many(rows()))

    assert result.ok and result.succeeded == 450
    # Each request went out once its 100 items (and the one that did not fit) were read.
    assert pulled_at_send == [101, 201, 301, 401, 450]


def test_concurrent_requests_give_the_same_result_as_one_at_a_time(
    client: PinpointClient,
) -> None:
    answer(client, "PutEvents", _every_seventh_rejected)
    records = _records(1000)
    sync = App(client, models.ApplicationResponse(id=APP_ID)).events.put_many(
        records, batch_size=50)
    progress: list[tuple[int, int]] = []

    async def run(concurrency: int) -> tuple[BatchResult, int]:
        threaded = Threaded(client)
        result = await _app(threaded).events.put_many(
            records, batch_size=50, concurrency=concurrency,
            progress=lambda done, failed: progress.append((done, failed)))
        return result, threaded.most_in_flight

    one, one_in_flight = asyncio.run(run(1))
    four, four_in_flight = asyncio.run(run(4))

    assert one == four == sync
    assert one.succeeded == 1000 - len(one.failed) and len(one.failed) > 100
    assert (one_in_flight, four_in_flight) == (1, 4)
    assert progress[-1] == (1000, len(one.failed))


def test_concurrency_against_the_offline_server_matches_one_at_a_time() -> None:
    items = [*_endpoints(330), models.EndpointBatchItem(id="bad{id}")]
    records = _records(240, "ep7")

    async def main(url: str) -> list[tuple[BatchResult, BatchResult]]:
        async with AsyncPinpoint(region_name="us-east-1", endpoint_url=url) as pp:
            app = await pp.apps.create(f"batch-{uuid.uuid4().hex[:6]}")
            results = []
            for concurrency in (1, 3):
                async def gen() -> AsyncIterator[models.EndpointBatchItem]:
                    for item in items:
                        yield item
                results.append((
                    await app.endpoints.upsert_many(gen(), concurrency=concurrency),
                    await app.events.put_many(records, concurrency=concurrency),
                ))
            stored = await app.endpoints.get("ep329")
            assert stored.data.address == "u329@example.com"
            return results

    with server() as url:
        (ep1, ev1), (ep3, ev3) = asyncio.run(main(url))
    assert ep1 == ep3 and ev1 == ev3
    assert (ep1.succeeded, [f.index for f in ep1.failed]) == (330, [330])
    assert ev1.ok and ev1.succeeded == 240


@pytest.mark.parametrize("concurrency", [0, -1, True, 1.5])
def test_concurrency_must_be_a_positive_integer(
    client: PinpointClient, concurrency: Any
) -> None:
    with pytest.raises(errors.ValidationError, match="concurrency"):
        asyncio.run(_app(Threaded(client)).events.put_many(_records(1),
                                                           concurrency=concurrency))


# ------------------------------------------------------------ cancellation


def test_cancelling_mid_run_reports_every_request_in_flight(client: PinpointClient) -> None:
    # Requests 1 and 2 are answered; 3 and 4 hang until cancelled.
    sent = answer(client, "UpdateEndpointsBatch", endpoints_accepted)
    threaded = Threaded(client, free=2)
    pulled = 0

    def rows() -> Iterator[models.EndpointBatchItem]:
        nonlocal pulled
        for item in _endpoints(1000):
            pulled += 1
            yield item

    async def main() -> BatchResult:
        task = asyncio.ensure_future(_app(threaded).endpoints.upsert_many(
            rows(), concurrency=2))
        while threaded.started < 4 or threaded.in_flight < 2:
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError) as info:
            await task
        return cast(BatchResult, info.value.batch_result)  # type: ignore[attr-defined]

    result = asyncio.run(main())

    assert len(sent) == 2  # the hanging requests never reached the HTTP layer
    assert result.succeeded == 200 and not result.complete
    in_flight = [f for f in result.failed if f.unconfirmed]
    assert [f.index for f in in_flight] == list(range(200, 400))
    assert all("CancelledError while the request was in flight" in f.message
               for f in in_flight)
    waiting = [f for f in result.failed if not f.unconfirmed]
    assert [f.index for f in waiting] == [400]  # pulled for the fifth request
    assert waiting[0].message == "not sent: the run was interrupted by CancelledError"
    _accounts_for(result, pulled)


def test_cancelling_against_the_offline_server_accounts_for_every_item() -> None:
    pulled = 0

    async def rows() -> AsyncIterator[EventRecord]:
        nonlocal pulled
        for record in _records(2000):
            pulled += 1
            yield record

    async def main(url: str) -> tuple[BatchResult, int]:
        async with AsyncPinpoint(region_name="us-east-1", endpoint_url=url) as pp:
            app = await pp.apps.create("cancelled")
            task = asyncio.current_task()
            assert task is not None

            def progress(done: int, failed: int) -> None:
                if done >= 300:
                    task.cancel()  # delivered at the sender's next await

            try:
                await app.events.put_many(rows(), concurrency=3, progress=progress)
            except asyncio.CancelledError as exc:
                task.uncancel()
                result: BatchResult = exc.batch_result  # type: ignore[attr-defined]
            return result, len(get_backend().events(app.id))

    with server() as url:
        result, stored = asyncio.run(main(url))

    assert not result.complete and result.succeeded >= 300
    _accounts_for(result, pulled)
    # What the result counts as succeeded was stored; what it lists as in flight may be.
    unconfirmed = len(result.unconfirmed)
    assert result.succeeded <= stored <= result.succeeded + unconfirmed
    assert pulled < 2000


def test_the_async_sender_runs_on_the_loop_thread_only(client: PinpointClient) -> None:
    # Bookkeeping (progress callbacks) happens on the event loop's thread even though the
    # requests here are served on worker threads.
    answer(client, "PutEvents", events_accepted)
    threads: set[int] = set()

    async def main() -> BatchResult:
        return await _app(Threaded(client)).events.put_many(
            _records(300), concurrency=3,
            progress=lambda done, failed: threads.add(threading.get_ident()))

    assert asyncio.run(main()).succeeded == 300
    assert threads == {threading.get_ident()}
