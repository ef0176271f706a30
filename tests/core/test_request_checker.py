"""The one model check: the same shape gets the same problems from the typed client, the
bulk writers and `check_shape`, and shape facts are read in one place."""

from __future__ import annotations

import ast
import inspect

from fake_http import rejected

from pinpoint_sdk import PinpointClient, _validation, batching, models
from pinpoint_sdk._validation import check_shape

TS = "2026-01-01T00:00:00Z"


def test_put_events_holds_events_to_the_limits_put_many_uses(client: PinpointClient) -> None:
    event = models.Event(event_type="click", timestamp=TS, attributes={"note": "n" * 201})
    request = models.EventsRequest(batch_item={"ep": models.EventsBatch(
        endpoint=models.PublicEndpoint(), events={"ev": event})})

    error = rejected(client, "put_events", application_id="app", events_request=request)

    assert error.errors == [
        ("events_request.batch_item['ep'].events['ev'].attributes['note']",
         "value is 201 characters, at most 200 allowed"),
    ]
    # put_many reports the same problem of the same event, from the event's own path.
    assert batching.validate_event(batching.EventRecord("ep", event, "ev")) == [
        ("event.attributes['note']", "value is 201 characters, at most 200 allowed"),
    ]


def test_check_shape_paths_start_where_the_caller_says() -> None:
    item = models.EndpointBatchItem(id="a{b", attributes={"plan": "pro"})  # type: ignore[dict-item]

    assert check_shape("EndpointBatchItem", item, "item[4]") == [
        ("item[4].attributes['plan']", "expected a list, got str"),
        ("item[4].id", "must not contain '{'"),
    ]
    assert check_shape("EndpointBatchItem", "ep1") == [("", "expected EndpointBatchItem, got str")]


def test_a_blank_event_type_or_time_is_reported_once() -> None:
    event = models.Event(event_type="", timestamp=None)  # type: ignore[arg-type]

    assert check_shape("Event", event, "event") == [
        ("event.timestamp", "is required"),
        ("event.event_type", "is required"),
    ]


ACCESSORS = {"_members", "_required", "_iso", "_shapes", "input_shape"}


def test_shape_facts_are_read_only_by_the_accessors() -> None:
    tree = ast.parse(inspect.getsource(_validation))
    readers = set()
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Name) and node.id == "_schema":
                    readers.add(function.name)
    module_level = [
        node for statement in tree.body if not isinstance(statement, ast.FunctionDef | ast.ClassDef)
        for node in ast.walk(statement) if isinstance(node, ast.Name) and node.id == "_schema"
    ]
    assert readers == ACCESSORS
    assert module_level == []


def test_a_bulk_item_needs_the_id_its_result_is_named_by() -> None:
    item = models.EndpointBatchItem(address="a@example.com", channel_type="EMAIL")

    assert batching.validate_endpoint_item(item) == [("id", "is required")]
    # The model itself lets a batch item go without one: the client sends it as is.
    assert check_shape("EndpointBatchItem", item) == []
