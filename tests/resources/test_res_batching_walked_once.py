"""Requests are walked once: every item is checked once and unstructured once, by the bulk
writers and by the typed client alike, and the dict measured is the dict sent."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.stub import Stubber
from resource_helpers import APP_ID

from pinpoint_sdk import _validation, batching, models
from pinpoint_sdk.batching import EventRecord
from pinpoint_sdk.client import PinpointClient
from pinpoint_sdk.converter import converter, default_unstructure_hook

ACCEPTED = {"MessageBody": {"Message": "Accepted", "RequestID": "r"}}
TS = "2024-05-01T12:00:00Z"
COUNTED = (models.EndpointBatchItem, models.Event, models.PublicEndpoint)


class Walks:
    """How often each item was unstructured and checked, keyed by its id."""

    def __init__(self) -> None:
        self.unstructured: Counter[str] = Counter()
        self.checked: Counter[str] = Counter()


def _key(value: Any) -> str:
    # Endpoints carry their id; events and attached endpoints a marker in their data.
    if isinstance(value, models.EndpointBatchItem):
        return f"endpoint:{value.id}"
    if isinstance(value, models.Event):
        return f"event:{value.app_title}"
    return f"public:{value.request_id}"


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> Iterator[Walks]:
    found = Walks()
    for cls in COUNTED:
        default = default_unstructure_hook(cls)

        def counting(value: Any, default: Any = default) -> Any:
            found.unstructured[_key(value)] += 1
            return default(value)

        converter.register_unstructure_hook(cls, counting)

    check_model = _validation.check_model

    def counting_check(value: Any, shape: str, *args: Any, **kwargs: Any) -> None:
        if isinstance(value, COUNTED):
            found.checked[_key(value)] += 1
        check_model(value, shape, *args, **kwargs)

    # check_shape and the walker's own recursion look the function up at each call.
    monkeypatch.setattr(_validation, "check_model", counting_check)
    try:
        yield found
    finally:
        for cls in COUNTED:
            converter.register_unstructure_hook(cls, default_unstructure_hook(cls))


def _endpoint(index: int) -> models.EndpointBatchItem:
    return models.EndpointBatchItem(id=f"ep{index}", channel_type="EMAIL",
                                    address=f"u{index}@example.com",
                                    attributes={"plan": ["pro"]})


def _sent(calls: list[tuple[str, dict[str, Any]]], operation: str) -> list[dict[str, Any]]:
    return [params for name, params in calls if name == operation]


def test_upsert_many_unstructures_and_checks_each_endpoint_once(
    stub: Stubber, client: PinpointClient, calls: list[tuple[str, dict[str, Any]]],
    walks: Walks,
) -> None:
    for _ in range(2):
        stub.add_response("update_endpoints_batch", ACCEPTED)
    items = [_endpoint(i) for i in range(150)]

    result = batching.upsert_endpoints(client, APP_ID, iter(items))

    assert result.succeeded == 150
    every = {f"endpoint:ep{i}": 1 for i in range(150)}
    assert walks.unstructured == every
    assert walks.checked == every
    sent = [item for params in _sent(calls, "UpdateEndpointsBatch")
            for item in params["EndpointBatchRequest"]["Item"]]
    # The dict that was measured and sent is the item's own wire form.
    assert sent == [default_unstructure_hook(models.EndpointBatchItem)(i) for i in items]


def test_put_many_unstructures_and_checks_each_event_and_endpoint_once(
    stub: Stubber, client: PinpointClient, calls: list[tuple[str, dict[str, Any]]],
    walks: Walks,
) -> None:
    records = [
        EventRecord(f"ep{i % 3}", models.Event(event_type="buy", timestamp=TS,
                                               app_title=f"e{i}"), f"e{i}",
                    models.PublicEndpoint(request_id=f"p{i}") if i % 2 else None)
        for i in range(6)
    ]
    stub.add_response("put_events", {"EventsResponse": {"Results": {
        f"ep{i % 3}": {"EventsItemResponse": {f"e{j}": {"StatusCode": 202}
                                              for j in range(6) if j % 3 == i % 3},
                       "EndpointItemResponse": {"StatusCode": 202}}
        for i in range(3)
    }}})

    result = batching.put_events(client, APP_ID, records)

    assert result.succeeded == 6, result.failed
    expected = Counter({f"event:e{i}": 1 for i in range(6)})
    expected.update({f"public:p{i}": 1 for i in range(6) if i % 2})
    assert walks.unstructured == expected
    assert walks.checked == expected
    (params,) = _sent(calls, "PutEvents")
    batch = params["EventsRequest"]["BatchItem"]
    assert batch["ep1"]["Events"]["e4"]["AppTitle"] == "e4"


def test_the_client_unstructures_and_checks_each_request_item_once(
    stub: Stubber, client: PinpointClient, calls: list[tuple[str, dict[str, Any]]],
    walks: Walks,
) -> None:
    stub.add_response("update_endpoints_batch", ACCEPTED)
    items = [_endpoint(i) for i in range(5)]

    client.update_endpoints_batch(
        application_id=APP_ID, endpoint_batch_request=models.EndpointBatchRequest(item=items)
    )

    every = {f"endpoint:ep{i}": 1 for i in range(5)}
    assert walks.unstructured == every
    assert walks.checked == every
    (params,) = _sent(calls, "UpdateEndpointsBatch")
    assert [item["Id"] for item in params["EndpointBatchRequest"]["Item"]] == [
        f"ep{i}" for i in range(5)
    ]


def test_a_rejected_item_is_checked_once_and_never_unstructured(
    stub: Stubber, client: PinpointClient, walks: Walks,
) -> None:
    stub.add_response("update_endpoints_batch", ACCEPTED)
    items = [_endpoint(0), models.EndpointBatchItem(id="bad$id"), _endpoint(2)]

    result = batching.upsert_endpoints(client, APP_ID, items)

    assert [(f.index, f.message) for f in result.failed] == [(1, "id: must not contain '$'")]
    assert walks.checked == {"endpoint:ep0": 1, "endpoint:bad$id": 1, "endpoint:ep2": 1}
    assert walks.unstructured == {"endpoint:ep0": 1, "endpoint:ep2": 1}
