"""Bulk writes under faults injected at the HTTP layer: missing or malformed replies,
replies botocore cannot parse, interruptions, badly typed items and retried requests.

Every reply here is crafted by a botocore ``before-send`` handler, so the real
serializer, retry handler and parser run between the SDK and the fault.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ConnectionClosedError, EndpointConnectionError, ReadTimeoutError
from http_faults import answer, endpoints_accepted, events_accepted, fixed, raises
from resource_helpers import APP_ID

from pinpoint_sdk import errors, models
from pinpoint_sdk.batching import EventRecord, ItemFailure
from pinpoint_sdk.client import PinpointClient
from pinpoint_sdk.resources import App

TS = "2024-05-01T12:00:00Z"


@pytest.fixture(autouse=True)
def _no_retry_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    # botocore's retries back off with time.sleep; the faults here need no real wait.
    import botocore.endpoint

    monkeypatch.setattr(botocore.endpoint.time, "sleep", lambda _seconds: None)


def _app(client: PinpointClient) -> App:
    return App(client, models.ApplicationResponse(id=APP_ID, name="demo", arn="arn:app"))


def _records(count: int, endpoint_id: str = "ep", start: int = 0) -> list[EventRecord]:
    return [EventRecord(endpoint_id, models.Event(event_type="buy", timestamp=TS), f"e{i}")
            for i in range(start, start + count)]


def _endpoints(count: int, start: int = 0) -> list[models.EndpointBatchItem]:
    return [models.EndpointBatchItem(id=f"ep{i}", channel_type="EMAIL",
                                     address=f"u{i}@example.com")
            for i in range(start, start + count)]


def _event_ids(body: dict[str, Any]) -> list[str]:
    return [event_id for item in body["BatchItem"].values() for event_id in item["Events"]]


# ------------------------------------------------------------ missing or malformed results

MALFORMED_EVENT_REPLIES = {
    "truncated JSON": b'{"Results": {"ep": {"EventsItemResponse": {"e0": {"StatusCo',
    "JSON array": b'[{"Results": {}}]',
    "HTML page": b"<html><body>Accepted</body></html>",
    "not UTF-8": b'{"Results": {"\xe9p": {}}}',
    "empty body": b"",
    "empty Results": {"Results": {}},
    "no Results": {},
    "EventsItemResponse null": {"Results": {"ep": {"EventsItemResponse": None}}},
    "items without StatusCode": {"Results": {"ep": {"EventsItemResponse": {
        f"e{i}": {"Message": "Accepted"} for i in range(100)}}}},
    "StatusCode null": {"Results": {"ep": {"EventsItemResponse": {
        f"e{i}": {"StatusCode": None, "Message": "Accepted"} for i in range(100)}}}},
    "StatusCode true": {"Results": {"ep": {"EventsItemResponse": {
        f"e{i}": {"StatusCode": True, "Message": "Accepted"} for i in range(100)}}}},
    "StatusCode not a status": {"Results": {"ep": {"EventsItemResponse": {
        f"e{i}": {"StatusCode": 2, "Message": "Accepted"} for i in range(100)}}}},
    "results under another endpoint": {"Results": {"other": {"EventsItemResponse": {
        f"e{i}": {"StatusCode": 202} for i in range(100)}}}},
}


@pytest.mark.parametrize("body", MALFORMED_EVENT_REPLIES.values(),
                         ids=MALFORMED_EVENT_REPLIES.keys())
def test_put_events_reply_without_per_event_results_confirms_nothing(
    client: PinpointClient, body: Any
) -> None:
    answer(client, "PutEvents", fixed(202, body))

    result = _app(client).events.put_many(_records(100))

    assert result.succeeded == 0
    assert [f.item_id for f in result.failed] == [f"e{i}" for i in range(100)]
    assert all(f.unconfirmed and f.status_code is None for f in result.failed)
    assert all("result missing" in f.message for f in result.failed)
    assert result.unconfirmed == result.failed
    assert not result.ok


def test_put_events_counts_only_the_events_the_reply_answers(client: PinpointClient) -> None:
    answer(client, "PutEvents", fixed(202, {"Results": {"ep": {"EventsItemResponse": {
        "e0": {"StatusCode": 202, "Message": "Accepted"},
        "e1": {"StatusCode": 400, "Message": "Invalid timestamp"},
        "e2": {"Message": "Accepted"},
        # e3: absent
    }}}}))

    result = _app(client).events.put_many(_records(4))

    assert result.succeeded == 1
    assert [(f.index, f.status_code, f.unconfirmed) for f in result.failed] == [
        (1, 400, False), (2, None, True), (3, None, True),
    ]
    assert result.failed[0].message == "Invalid timestamp"
    assert "result without a StatusCode" in result.failed[1].message
    assert "no result" in result.failed[2].message


def test_put_events_missing_endpoint_result_is_a_warning_on_a_stored_event(
    client: PinpointClient,
) -> None:
    answer(client, "PutEvents", fixed(202, {"Results": {"ep": {"EventsItemResponse": {
        "e0": {"StatusCode": 202, "Message": "Accepted"}}}}}))
    endpoint = models.PublicEndpoint(address="a@b.c", channel_type="EMAIL")
    record = EventRecord("ep", models.Event(event_type="buy", timestamp=TS), "e0", endpoint)

    result = _app(client).events.put_many([record])

    assert result.succeeded == 1
    assert [(w.index, w.unconfirmed) for w in result.warnings] == [(0, True)]
    assert result.warnings[0].message.startswith("event stored; endpoint update failed: "
                                                 "result missing")


MALFORMED_ENDPOINT_REPLIES = {
    "truncated JSON": b'{"Message": "Acc',
    "JSON string": b'"Accepted"',
    "not UTF-8": b'{"Message": "Acc\xe9pted"}',
    "empty body": b"",
    "empty object": {},
    "MessageBody nested": {"MessageBody": {"Message": "Accepted"}},
    "RequestID only": {"RequestID": "r"},
    "Message not text": {"Message": {"text": "Accepted"}},
}


@pytest.mark.parametrize("body", MALFORMED_ENDPOINT_REPLIES.values(),
                         ids=MALFORMED_ENDPOINT_REPLIES.keys())
def test_update_endpoints_batch_reply_without_a_message_confirms_nothing(
    client: PinpointClient, body: Any
) -> None:
    answer(client, "UpdateEndpointsBatch", fixed(202, body), endpoints_accepted)

    result = _app(client).endpoints.upsert_many(_endpoints(150))

    assert result.succeeded == 50  # the second request got the real reply
    assert [f.index for f in result.failed] == list(range(100))
    assert all(f.unconfirmed for f in result.failed)
    assert "result missing: HTTP 202" in result.failed[0].message
    assert len(result.unconfirmed) == 100


def test_update_endpoints_batch_accepted_reply_confirms_the_request(
    client: PinpointClient,
) -> None:
    sent = answer(client, "UpdateEndpointsBatch", endpoints_accepted)

    result = _app(client).endpoints.upsert_many(_endpoints(150))

    assert result.ok and result.succeeded == 150
    assert [len(body["Item"]) for body in sent] == [100, 50]


# ------------------------------------------------------------ exceptions mid-batch


@pytest.mark.parametrize("body", [{"Results": [1, 2]}, {"Results": {"ep": [1]}}],
                         ids=["Results a list", "ItemResponse a list"])
def test_a_reply_botocore_cannot_parse_fails_its_request_and_the_run_goes_on(
    client: PinpointClient, body: Any
) -> None:
    # A boto3 client passed in keeps botocore's parser, which fails on the reply.
    plain = PinpointClient(boto3.session.Session(region_name="us-east-1").client("pinpoint"))
    for typed, failure in ((plain, "request failed: AttributeError"),
                           # The SDK's own client reads the wire JSON: the value of the
                           # wrong type is kept aside, so the reply holds no results.
                           (client, "result missing: the PutEvents reply holds no result")):
        answer(typed, "PutEvents", fixed(202, body), events_accepted)

        result = _app(typed).events.put_many(_records(150))

        assert result.succeeded == 50
        assert [f.item_id for f in result.failed] == [f"e{i}" for i in range(100)]
        assert all(f.unconfirmed for f in result.failed)
        assert result.failed[0].message.startswith(failure)
        assert result.complete


def test_input_that_raises_keeps_what_was_already_stored(client: PinpointClient) -> None:
    sent = answer(client, "PutEvents", events_accepted)

    def rows() -> Iterator[EventRecord]:
        yield from _records(250)
        raise OSError("disk read failed")

    with pytest.raises(errors.BatchInterrupted) as info:
        _app(client).events.put_many(rows())

    result = info.value.result
    assert [len(_event_ids(body)) for body in sent] == [100, 100]
    assert result.succeeded == 200
    # The 50 events waiting for the third request were pulled but never sent.
    assert [f.index for f in result.failed] == list(range(200, 250))
    assert all(f.message == "not sent: the run was interrupted by OSError"
               and not f.unconfirmed for f in result.failed)
    assert result.processed == 250 and not result.complete
    assert isinstance(info.value.__cause__, OSError)
    assert info.value.batch_result is result
    assert "200 items succeeded" in str(info.value)


def test_endpoint_input_that_raises_keeps_what_was_already_stored(
    client: PinpointClient,
) -> None:
    answer(client, "UpdateEndpointsBatch", endpoints_accepted)

    def rows() -> Iterator[models.EndpointBatchItem]:
        yield from _endpoints(120)
        raise ValueError("bad CSV row 121")

    with pytest.raises(errors.BatchInterrupted) as info:
        _app(client).endpoints.upsert_many(rows())

    assert info.value.result.succeeded == 100
    assert [f.index for f in info.value.result.failed] == list(range(100, 120))


def test_progress_callback_that_raises_keeps_the_result(client: PinpointClient) -> None:
    answer(client, "PutEvents", events_accepted)

    def progress(done: int, failed: int) -> None:
        if done >= 200:
            raise RuntimeError("dashboard down")

    with pytest.raises(errors.BatchInterrupted) as info:
        _app(client).events.put_many(_records(300), progress=progress)

    result = info.value.result
    assert result.succeeded == 200
    # The run stopped at once: only the item pulled for the third request is left,
    # recorded as not sent; the input can be resumed at result.processed.
    assert [(f.index, f.unconfirmed) for f in result.failed] == [(200, False)]
    assert result.processed == 201


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, asyncio.CancelledError])
def test_an_interruption_in_the_input_propagates_with_the_partial_result(
    client: PinpointClient, interruption: type[BaseException]
) -> None:
    answer(client, "PutEvents", events_accepted)

    def rows() -> Iterator[EventRecord]:
        yield from _records(130)
        raise interruption

    with pytest.raises(interruption) as info:
        _app(client).events.put_many(rows())

    result = info.value.batch_result  # type: ignore[attr-defined]
    assert result.succeeded == 100
    assert [f.index for f in result.failed] == list(range(100, 130))
    assert not result.complete


def test_keyboard_interrupt_during_a_request_marks_its_items_unconfirmed(
    client: PinpointClient,
) -> None:
    answer(client, "PutEvents", events_accepted, raises(KeyboardInterrupt()))

    with pytest.raises(KeyboardInterrupt) as info:
        _app(client).events.put_many(_records(250))

    result = info.value.batch_result  # type: ignore[attr-defined]
    assert result.succeeded == 100
    in_flight = [f for f in result.failed if f.unconfirmed]
    assert [f.index for f in in_flight] == list(range(100, 200))
    assert "while the request was in flight" in in_flight[0].message
    # The item that had already been pulled for the third request was never sent.
    assert [(f.index, f.unconfirmed) for f in result.failed[100:]] == [(200, False)]


# ------------------------------------------------------------ a bad item fails alone


def test_badly_typed_endpoint_fails_alone_with_its_own_message(
    client: PinpointClient,
) -> None:
    sent = answer(client, "UpdateEndpointsBatch", endpoints_accepted)
    items = _endpoints(100)
    items[3] = models.EndpointBatchItem(id=123)  # type: ignore[arg-type]
    items[7] = models.EndpointBatchItem(id="ep7", attributes={"plan": "pro"})  # type: ignore[dict-item]
    items[9] = models.EndpointBatchItem(id="ep9", attributes={5: ["x"]})  # type: ignore[dict-item]
    items[11] = models.EndpointBatchItem(id="ep11", address=42)  # type: ignore[arg-type]

    result = _app(client).endpoints.upsert_many(items)

    assert result.succeeded == 96
    assert result.failed == [
        ItemFailure(3, None, None, "id: expected str, got int"),
        ItemFailure(7, "ep7", None, "attributes['plan']: expected a list, got str"),
        ItemFailure(9, "ep9", None, "attributes[5]: map keys must be str, got int"),
        ItemFailure(11, "ep11", None, "address: expected str, got int"),
    ]
    assert len(sent) == 1 and len(sent[0]["Item"]) == 96


def test_badly_typed_event_fails_alone_with_its_own_message(client: PinpointClient) -> None:
    sent = answer(client, "PutEvents", events_accepted)
    records = _records(100)
    records[1] = EventRecord(
        "ep", models.Event(event_type="buy", timestamp=TS, metrics={"m": "1"}),  # type: ignore[dict-item]
        "e1",
    )
    records[2] = EventRecord(7, models.Event(event_type="buy", timestamp=TS), "e2")  # type: ignore[arg-type]
    records[3] = EventRecord("ep", models.Event(event_type="buy", timestamp=TS), "e3",
                             models.PublicEndpoint(attributes={"a": [1]}))  # type: ignore[list-item]
    records[4] = EventRecord("ep", {"EventType": "buy"}, "e4")  # type: ignore[arg-type]
    records[5] = EventRecord("ep", models.Event(event_type="buy", timestamp=TS,
                                                attributes={9: "x"}), "e5")  # type: ignore[dict-item]

    result = _app(client).events.put_many(records)

    assert result.succeeded == 95
    assert [(f.index, f.message) for f in result.failed] == [
        (1, "event.metrics['m']: expected float, got str"),
        (2, "endpoint_id: expected str, got int"),
        (3, "endpoint.attributes['a'][0]: expected str, got int"),
        (4, "event: expected Event, got dict"),
        (5, "event.attributes[9]: map keys must be str, got int"),
    ]
    assert len(_event_ids(sent[0])) == 95


# ------------------------------------------------------------ retries and duplicates


def test_a_retried_put_events_carries_the_same_event_ids(client: PinpointClient) -> None:
    sent = answer(client, "PutEvents",
                  fixed(500, {"message": "internal"}), events_accepted)

    result = _app(client).events.put_many(_records(10))

    # botocore sent the request twice; had the first one been stored before the 500,
    # the service now holds each event twice, under the same event id.
    assert len(sent) == 2
    assert _event_ids(sent[0]) == _event_ids(sent[1]) == [f"e{i}" for i in range(10)]
    assert result.ok and result.succeeded == 10


def test_a_reply_lost_after_sending_is_retried_with_the_same_event_ids(
    client: PinpointClient,
) -> None:
    lost = ConnectionClosedError(endpoint_url="https://pinpoint.us-east-1.amazonaws.com")
    sent = answer(client, "PutEvents", raises(lost), events_accepted)

    result = _app(client).events.put_many(_records(5))

    assert len(sent) == 2 and _event_ids(sent[0]) == _event_ids(sent[1])
    assert result.succeeded == 5


def test_a_reply_lost_on_every_attempt_leaves_the_events_unconfirmed(
    client: PinpointClient,
) -> None:
    lost = ReadTimeoutError(endpoint_url="https://pinpoint.us-east-1.amazonaws.com")
    sent = answer(client, "PutEvents", raises(lost))

    result = _app(client).events.put_many(_records(5))

    assert len(sent) == 3  # the standard retry mode's attempts, all the same events
    assert all(_event_ids(body) == _event_ids(sent[0]) for body in sent)
    assert [f.item_id for f in result.unconfirmed] == [f"e{i}" for i in range(5)]
    assert "the service may have stored it" in result.failed[0].message


def test_a_connection_never_made_is_a_plain_failure(client: PinpointClient) -> None:
    refused = EndpointConnectionError(endpoint_url="https://pinpoint.us-east-1.amazonaws.com")
    answer(client, "PutEvents", raises(refused))

    result = _app(client).events.put_many(_records(2))

    assert [f.unconfirmed for f in result.failed] == [False, False]
    assert result.failed[0].message.startswith("request not sent: EndpointConnectionError")


def test_batch_interrupted_survives_pickling_with_its_result() -> None:
    import pickle

    from pinpoint_sdk.batching import BatchResult

    partial = BatchResult(succeeded=3, failed=[ItemFailure(3, "e3", None, "not sent")],
                          complete=False)
    copy = pickle.loads(pickle.dumps(errors.BatchInterrupted(partial, OSError("disk"))))

    assert type(copy) is errors.BatchInterrupted
    assert copy.result == partial and "3 items succeeded" in str(copy)


def test_a_server_fault_after_every_retry_leaves_the_events_unconfirmed(
    client: PinpointClient,
) -> None:
    sent = answer(client, "PutEvents", fixed(503, {"message": "unavailable"}))

    result = _app(client).events.put_many(_records(3))

    assert len(sent) == 3
    assert [(f.status_code, f.unconfirmed) for f in result.failed] == [(503, True)] * 3
    assert result.failed[0].message.endswith("the service may have stored it")


@pytest.mark.parametrize("application_id", ["", "  ", "\t", None])
@pytest.mark.parametrize("write", ["put_events", "upsert_endpoints"])
def test_a_blank_application_id_is_refused_before_sending(
    client: PinpointClient, application_id: Any, write: str
) -> None:
    from pinpoint_sdk import batching

    events_sent = answer(client, "PutEvents", events_accepted)
    endpoints_sent = answer(client, "UpdateEndpointsBatch", endpoints_accepted)
    items = _records(3) if write == "put_events" else _endpoints(3)

    with pytest.raises(errors.ValidationError) as info:
        getattr(batching, write)(client, application_id, items)

    assert info.value.path == "application_id"
    assert events_sent == endpoints_sent == []
