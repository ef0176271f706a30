"""Bulk writes: chunking by count and bytes, streaming, per-item and per-request failures."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.stub import Stubber
from http_faults import answer, events_accepted
from resource_helpers import APP_ID

from pinpoint_sdk import batching, limits, models
from pinpoint_sdk.batching import BatchResult, EventRecord, ItemFailure, chunk
from pinpoint_sdk.client import PinpointClient
from pinpoint_sdk.resources import App

ACCEPTED = {"MessageBody": {"Message": "Accepted", "RequestID": "r"}}
TS = "2024-05-01T12:00:00Z"


def _app(client: PinpointClient) -> App:
    return App(client, models.ApplicationResponse(id=APP_ID, name="demo", arn="arn:app"))


def _endpoint(index: int, **fields: Any) -> models.EndpointBatchItem:
    return models.EndpointBatchItem(
        id=f"ep{index}", channel_type="EMAIL", address=f"u{index}@example.com", **fields
    )


def _event(event_type: str = "purchase", **fields: Any) -> models.Event:
    return models.Event(event_type=event_type, timestamp=TS, **fields)


def _sent_items(calls: list[tuple[str, dict[str, Any]]]) -> list[list[str]]:
    return [[item["Id"] for item in params["EndpointBatchRequest"]["Item"]]
            for name, params in calls if name == "UpdateEndpointsBatch"]


def _sent_event_ids(calls: list[tuple[str, dict[str, Any]]]) -> list[list[str]]:
    return [
        [event_id for batch in params["EventsRequest"]["BatchItem"].values()
         for event_id in batch["Events"]]
        for name, params in calls if name == "PutEvents"
    ]


def _accepted(*event_ids: str, endpoint_id: str = "ep") -> dict[str, Any]:
    return {"EventsResponse": {"Results": {endpoint_id: {"EventsItemResponse": {
        event_id: {"StatusCode": 202, "Message": "Accepted"} for event_id in event_ids
    }}}}}


# ------------------------------------------------------------------ endpoints


def test_250_endpoints_go_out_in_3_requests_of_at_most_100(
    stub: Stubber, client: PinpointClient, calls: list[tuple[str, dict[str, Any]]]
) -> None:
    for _ in range(3):
        stub.add_response("update_endpoints_batch", ACCEPTED)

    result = _app(client).endpoints.upsert_many(_endpoint(i) for i in range(250))

    assert result == BatchResult(succeeded=250, failed=[])
    assert [len(items) for items in _sent_items(calls)] == [100, 100, 50]
    assert _sent_items(calls)[2][-1] == "ep249"


def test_endpoints_split_by_payload_bytes(
    stub: Stubber, client: PinpointClient, calls: list[tuple[str, dict[str, Any]]]
) -> None:
    # Each item is ~5 KB: a 20 KB budget fits at most 3 per request (1 KB is envelope).
    big = {f"attr{k}": ["x" * 100] * 10 for k in range(5)}
    for _ in range(4):
        stub.add_response("update_endpoints_batch", ACCEPTED)

    result = batching.upsert_endpoints(
        client, APP_ID, [_endpoint(i, attributes=big) for i in range(10)],
        max_request_bytes=20 * 1024,
    )

    sizes = [len(items) for items in _sent_items(calls)]
    assert result.succeeded == 10
    assert sizes == [3, 3, 3, 1]


def test_invalid_endpoints_are_reported_and_not_sent(
    stub: Stubber, client: PinpointClient, calls: list[tuple[str, dict[str, Any]]]
) -> None:
    stub.add_response("update_endpoints_batch", ACCEPTED)
    items = [
        _endpoint(0),
        models.EndpointBatchItem(id="bad$id", channel_type="EMAIL", address="a@b.c"),
        _endpoint(2, attributes={"plan": ["p"] * 51}),
        _endpoint(3, attributes={"n" * 51: ["v"]}),
        _endpoint(4, attributes={"plan": ["v" * 101]}),
        _endpoint(5, metrics={f"m{k}": 1.0 for k in range(limits.MAX_ENDPOINT_ATTRIBUTES + 1)}),
        _endpoint(6),
    ]

    result = _app(client).endpoints.upsert_many(items)

    assert result.succeeded == 2
    assert [(f.index, f.item_id, f.status_code) for f in result.failed] == [
        (1, "bad$id", None), (2, "ep2", None), (3, "ep3", None), (4, "ep4", None),
        (5, "ep5", None),
    ]
    messages = [f.message for f in result.failed]
    assert messages[0] == "id: must not contain '$'"
    assert messages[1] == "attributes['plan']: 51 values, at most 50 allowed"
    assert "name is 51 characters" in messages[2]
    assert messages[3].startswith("attributes['plan'][0]: value is 101 characters")
    assert "251 custom attributes and metrics" in messages[4]
    assert _sent_items(calls) == [["ep0", "ep6"]]


def test_rejected_endpoint_request_is_recorded_for_its_items_and_the_run_continues(
    stub: Stubber, client: PinpointClient
) -> None:
    stub.add_client_error("update_endpoints_batch", "BadRequestException", "nope", 400)
    stub.add_response("update_endpoints_batch", ACCEPTED)

    result = _app(client).endpoints.upsert_many(
        (_endpoint(i) for i in range(150)), batch_size=100
    )

    assert result.succeeded == 50
    assert [f.index for f in result.failed] == list(range(100))
    assert {f.status_code for f in result.failed} == {400}
    assert "BadRequestException: nope" in result.failed[0].message
    assert result.complete


def test_fail_fast_stops_after_the_first_failed_request(
    stub: Stubber, client: PinpointClient, calls: list[tuple[str, dict[str, Any]]]
) -> None:
    stub.add_client_error("update_endpoints_batch", "ForbiddenException", "denied", 403)

    result = _app(client).endpoints.upsert_many(
        (_endpoint(i) for i in range(300)), fail_fast=True
    )

    assert len(_sent_items(calls)) == 1
    assert result.succeeded == 0
    assert len(result.failed) == 100
    assert result.complete is False
    assert not result.ok


def test_fail_fast_stops_at_a_client_side_rejection_before_sending(
    stub: Stubber, client: PinpointClient, calls: list[tuple[str, dict[str, Any]]]
) -> None:
    pulled: list[int] = []

    def items() -> Iterator[models.EndpointBatchItem]:
        for i in range(50):
            pulled.append(i)
            yield _endpoint(i) if i != 3 else models.EndpointBatchItem(id="{x}")

    result = _app(client).endpoints.upsert_many(items(), fail_fast=True)

    assert calls == []
    assert pulled == [0, 1, 2, 3]
    assert result.failed == [ItemFailure(3, "{x}", None, "id: must not contain '{' '}'")]
    assert not result.complete


def test_a_generator_is_consumed_incrementally(
    stub: Stubber, client: PinpointClient, calls: list[tuple[str, dict[str, Any]]]
) -> None:
    pulled_when_sent: list[int] = []
    pulled = 0

    def on_call(**_: Any) -> None:
        pulled_when_sent.append(pulled)

    client.boto3_client.meta.events.register(
        "before-parameter-build.pinpoint.UpdateEndpointsBatch", on_call
    )

    def items() -> Iterator[models.EndpointBatchItem]:
        nonlocal pulled
        for i in range(1000):
            pulled += 1
            yield _endpoint(i)

    for _ in range(10):
        stub.add_response("update_endpoints_batch", ACCEPTED)

    result = _app(client).endpoints.upsert_many(items())

    assert result.succeeded == 1000
    # The first request leaves after 101 items were pulled (100 sent + the one that
    # did not fit), not after all 1000.
    assert pulled_when_sent[:3] == [101, 201, 301]
    assert pulled_when_sent[-1] == 1000


def test_batch_size_above_the_service_limit_is_refused(client: PinpointClient) -> None:
    with pytest.raises(batching.errors.ValidationError, match="batch_size"):
        _app(client).endpoints.upsert_many([], batch_size=101)


def test_progress_callback_receives_counts(stub: Stubber, client: PinpointClient) -> None:
    for _ in range(3):
        stub.add_response("update_endpoints_batch", ACCEPTED)
    seen: list[tuple[int, int]] = []

    _app(client).endpoints.upsert_many(
        [_endpoint(i) for i in range(250)] + [models.EndpointBatchItem(id="$")],
        progress=lambda done, failed: seen.append((done, failed)),
    )

    assert seen[:3] == [(100, 0), (200, 0), (251, 1)]


def test_progress_true_draws_a_tqdm_bar(
    stub: Stubber, client: PinpointClient, capsys: pytest.CaptureFixture[str]
) -> None:
    stub.add_response("update_endpoints_batch", ACCEPTED)

    _app(client).endpoints.upsert_many([_endpoint(i) for i in range(5)], progress=True)

    assert "5/5" in capsys.readouterr().err


def test_progress_true_without_tqdm_names_the_extra(
    client: PinpointClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)

    with pytest.raises(ImportError, match=r"pinpoint-sdk\[progress\]"):
        _app(client).endpoints.upsert_many([_endpoint(0)], progress=True)


# ------------------------------------------------------------------ events


def test_event_record_gets_a_fresh_uuid_when_no_id_is_given() -> None:
    first = EventRecord("ep", _event())
    second = EventRecord("ep", _event())

    assert uuid.UUID(first.event_id)
    assert first.event_id != second.event_id
    assert EventRecord("ep", _event(), event_id="fixed").event_id == "fixed"


def test_put_many_reports_exactly_the_events_the_service_rejected(
    stub: Stubber, client: PinpointClient
) -> None:
    records = [EventRecord(f"ep{i % 3}", _event(), event_id=f"e{i}") for i in range(6)]
    rejected = {"e1": "Event attribute value exceeds", "e4": "Invalid timestamp"}
    results: dict[str, Any] = {}
    for record in records:
        status = 400 if record.event_id in rejected else 202
        results.setdefault(record.endpoint_id, {"EventsItemResponse": {}})
        results[record.endpoint_id]["EventsItemResponse"][record.event_id] = {
            "StatusCode": status, "Message": rejected.get(record.event_id, "Accepted"),
        }
    stub.add_response("put_events", {"EventsResponse": {"Results": results}})

    result = _app(client).events.put_many(records)

    assert result.succeeded == 4
    assert result.failed == [
        ItemFailure(1, "e1", 400, "Event attribute value exceeds"),
        ItemFailure(4, "e4", 400, "Invalid timestamp"),
    ]


def test_event_stored_with_a_refused_endpoint_update_is_a_warning_not_a_failure(
    stub: Stubber, client: PinpointClient
) -> None:
    endpoint = models.PublicEndpoint(address="a@b.c", channel_type="PIGEON")
    stub.add_response("put_events", {"EventsResponse": {"Results": {"ep": {
        "EndpointItemResponse": {"StatusCode": 400, "Message": "Invalid ChannelType"},
        "EventsItemResponse": {"e1": {"StatusCode": 202, "Message": "Accepted"}},
    }}}})

    result = _app(client).events.put_many([EventRecord("ep", _event(), "e1", endpoint)])

    # The event was stored: retrying it from `failed` would record it twice.
    assert result.succeeded == 1
    assert result.failed == []
    assert result.warnings == [
        ItemFailure(0, "e1", 400, "event stored; endpoint update failed: Invalid ChannelType")
    ]
    assert not result.ok


def test_events_of_one_endpoint_share_an_events_batch(
    stub: Stubber, client: PinpointClient, calls: list[tuple[str, dict[str, Any]]]
) -> None:
    endpoint = models.PublicEndpoint(address="a@b.c", channel_type="EMAIL")
    stub.add_response("put_events", _accepted("e1", "e2"), {
        "ApplicationId": APP_ID,
        "EventsRequest": {"BatchItem": {"ep": {
            "Endpoint": {"Address": "a@b.c", "ChannelType": "EMAIL"},
            "Events": {"e1": {"EventType": "a", "Timestamp": TS},
                       "e2": {"EventType": "b", "Timestamp": TS}},
        }}},
    })

    result = _app(client).events.put_many([
        EventRecord("ep", _event("a"), "e1", endpoint),
        EventRecord("ep", _event("b"), "e2"),
    ])

    assert result.succeeded == 2
    stub.assert_no_pending_responses()


def test_put_many_splits_at_100_events_and_4_mb(
    client: PinpointClient, calls: list[tuple[str, dict[str, Any]]]
) -> None:
    # 60 events of ~200 KB each: the 4 MB request budget, not the 100-event cap, decides.
    big = _event(app_title="t" * 200_000)
    records = [EventRecord(f"ep{i}", big, event_id=f"e{i}") for i in range(60)]
    answer(client, "PutEvents", events_accepted)

    result = _app(client).events.put_many(records)

    sizes = [len(ids) for ids in _sent_event_ids(calls)]
    assert result.succeeded == 60
    assert sizes == [20, 20, 20]
    assert max(sizes) * 200_000 < limits.MAX_PUT_EVENTS_PAYLOAD_BYTES


def test_put_many_caps_requests_at_100_events(
    client: PinpointClient, calls: list[tuple[str, dict[str, Any]]]
) -> None:
    answer(client, "PutEvents", events_accepted)

    result = _app(client).events.put_many(EventRecord("ep", _event()) for _ in range(201))

    assert result.succeeded == 201
    assert [len(ids) for ids in _sent_event_ids(calls)] == [100, 100, 1]


def test_whole_put_events_failure_is_recorded_for_its_events_and_processing_continues(
    stub: Stubber, client: PinpointClient
) -> None:
    stub.add_client_error("put_events", "TooManyRequestsException", "slow down", 429)
    stub.add_response("put_events", _accepted(*(f"e{i}" for i in range(100, 150))))
    records = [EventRecord("ep", _event(), event_id=f"e{i}") for i in range(150)]

    result = _app(client).events.put_many(records)

    assert result.succeeded == 50
    assert [f.item_id for f in result.failed] == [f"e{i}" for i in range(100)]
    assert {f.status_code for f in result.failed} == {429}
    assert result.complete


def test_put_many_fail_fast_stops_after_a_per_event_rejection(
    stub: Stubber, client: PinpointClient, calls: list[tuple[str, dict[str, Any]]]
) -> None:
    answer_of_first = _accepted(*(f"e{i}" for i in range(1, 100)))
    answer_of_first["EventsResponse"]["Results"]["ep"]["EventsItemResponse"]["e0"] = {
        "StatusCode": 400, "Message": "bad"}
    stub.add_response("put_events", answer_of_first)
    records = (EventRecord("ep", _event(), event_id=f"e{i}") for i in range(250))

    result = _app(client).events.put_many(records, fail_fast=True)

    assert len(calls) == 1
    assert result.failed == [ItemFailure(0, "e0", 400, "bad")]
    assert result.succeeded == 99
    assert not result.complete


def test_events_breaking_limits_are_reported_and_not_sent(
    stub: Stubber, client: PinpointClient, calls: list[tuple[str, dict[str, Any]]]
) -> None:
    stub.add_response("put_events", _accepted("ok1", "ok2"))
    records = [
        EventRecord("ep", _event(), "ok1"),
        EventRecord("ep", models.Event(event_type=None, timestamp=TS), "no-type"),  # type: ignore[arg-type]
        EventRecord("ep", models.Event(event_type="x", timestamp=None), "no-ts"),  # type: ignore[arg-type]
        EventRecord("ep", _event(attributes={"note": "n" * 201}), "long-value"),
        EventRecord("ep", _event(attributes={f"a{k}": "v" for k in range(30)},
                                 metrics={f"m{k}": 1.0 for k in range(11)}), "too-many"),
        EventRecord("e$p", _event(), "bad-endpoint"),
        EventRecord("ep", _event(), "ok2"),
    ]

    result = _app(client).events.put_many(records)

    assert result.succeeded == 2
    assert [(f.index, f.item_id) for f in result.failed] == [
        (1, "no-type"), (2, "no-ts"), (3, "long-value"), (4, "too-many"), (5, "bad-endpoint"),
    ]
    assert [f.message for f in result.failed] == [
        "event.event_type: is required",
        "event.timestamp: is required",
        "event.attributes['note']: value is 201 characters, at most 200 allowed",
        "event: 41 attributes and metrics, at most 40 allowed",
        "endpoint_id: must not contain '$'",
    ]
    assert _sent_event_ids(calls) == [["ok1", "ok2"]]


# ------------------------------------------------------------------ chunk


def test_chunk_respects_both_count_and_bytes() -> None:
    sizes = [4, 4, 4, 9, 1, 1, 1]

    groups = list(chunk(sizes, max_items=3, max_bytes=10, size_of=lambda n: n))

    assert groups == [[4, 4], [4], [9, 1], [1, 1]]


def test_chunk_is_lazy() -> None:
    pulled: list[int] = []

    def source() -> Iterator[int]:
        for i in range(1_000_000):
            pulled.append(i)
            yield i

    first = next(chunk(source(), max_items=10, max_bytes=10**9, size_of=lambda _: 1))

    assert first == list(range(10))
    assert len(pulled) == 11
