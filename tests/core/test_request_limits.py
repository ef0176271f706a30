"""Service limits that the model does not express are checked before anything is sent."""

from __future__ import annotations

from typing import Any

from botocore.stub import Stubber
from fake_http import rejected
from hypothesis import given
from hypothesis import strategies as st

from pinpoint_sdk import PinpointClient, _validation, limits, models


def test_endpoint_batch_over_the_limit_is_rejected(client: PinpointClient) -> None:
    items = [models.EndpointBatchItem(id=str(i)) for i in range(limits.MAX_ENDPOINTS_PER_BATCH + 1)]
    error = rejected(
        client,
        "update_endpoints_batch",
        application_id="app",
        endpoint_batch_request=models.EndpointBatchRequest(item=items),
    )
    assert error.path == "endpoint_batch_request.item"
    assert "101 endpoints" in str(error)


def test_endpoint_batch_at_the_limit_is_sent(client: PinpointClient) -> None:
    items = [models.EndpointBatchItem(id=str(i)) for i in range(limits.MAX_ENDPOINTS_PER_BATCH)]
    with Stubber(client.boto3_client) as stub:
        stub.add_response("update_endpoints_batch", {"MessageBody": {"Message": "Accepted"}})
        result = client.update_endpoints_batch(
            application_id="app", endpoint_batch_request=models.EndpointBatchRequest(item=items)
        )
    assert result.message_body is not None
    assert result.message_body.message == "Accepted"


def test_events_are_counted_over_the_whole_request(client: PinpointClient) -> None:
    event = models.Event(event_type="click", timestamp="2026-01-01T00:00:00Z")
    batch = {
        f"endpoint-{e}": models.EventsBatch(
            endpoint=models.PublicEndpoint(),
            events={f"event-{e}-{i}": event for i in range(51)},
        )
        for e in range(2)
    }
    error = rejected(
        client,
        "put_events",
        application_id="app",
        events_request=models.EventsRequest(batch_item=batch),
    )
    assert error.path == "events_request.batch_item"
    assert "102 events" in str(error)


def test_message_recipients_count_addresses_and_endpoints(client: PinpointClient) -> None:
    request = models.MessageRequest(
        addresses={f"+1415555{i:04d}": models.AddressConfiguration() for i in range(60)},
        endpoints={f"endpoint-{i}": models.EndpointSendConfiguration() for i in range(41)},
        message_configuration=models.DirectMessageConfiguration(),
    )
    error = rejected(client, "send_messages", application_id="app", message_request=request)
    assert error.path == "message_request"
    assert "101 recipients" in str(error)


def test_users_per_message_over_the_limit_is_rejected(client: PinpointClient) -> None:
    request = models.SendUsersMessageRequest(
        message_configuration=models.DirectMessageConfiguration(),
        users={f"user-{i}": models.EndpointSendConfiguration() for i in range(101)},
    )
    error = rejected(
        client, "send_users_messages", application_id="app", send_users_message_request=request
    )
    assert error.path == "send_users_message_request.users"


def test_too_many_tags_are_rejected(client: PinpointClient) -> None:
    tags = models.TagsModel(tags={f"k{i}": "v" for i in range(limits.MAX_TAGS_PER_RESOURCE + 1)})
    error = rejected(client, "tag_resource", resource_arn="arn:x", tags_model=tags)
    assert error.path == "tags_model.tags"


# Endpoint data: the typed client runs the same check as the bulk writers.

def _endpoint_request(**changes: object) -> models.EndpointRequest:
    return models.EndpointRequest(channel_type="EMAIL", address="a@example.com", **changes)


def test_update_endpoint_rejects_too_many_attribute_values(client: PinpointClient) -> None:
    values = [f"v{i}" for i in range(limits.MAX_VALUES_PER_ATTRIBUTE + 1)]
    error = rejected(
        client, "update_endpoint", application_id="app", endpoint_id="ep",
        endpoint_request=_endpoint_request(attributes={"colors": values}),
    )
    assert error.errors == [("endpoint_request.attributes['colors']", "51 values, at most 50 allowed")]


def test_update_endpoint_rejects_a_long_user_attribute_value(client: PinpointClient) -> None:
    user = models.EndpointUser(user_attributes={"name": ["x" * 101]})
    error = rejected(
        client, "update_endpoint", application_id="app", endpoint_id="ep",
        endpoint_request=_endpoint_request(user=user),
    )
    assert error.path == "endpoint_request.user.user_attributes['name'][0]"
    assert "101 characters" in str(error)


def test_update_endpoint_counts_every_kind_of_custom_attribute(client: PinpointClient) -> None:
    request = _endpoint_request(
        attributes={f"a{i}": ["x"] for i in range(100)},
        metrics={f"m{i}": 1.0 for i in range(100)},
        user=models.EndpointUser(user_attributes={f"u{i}": ["y"] for i in range(51)}),
    )
    error = rejected(client, "update_endpoint", application_id="app", endpoint_id="ep",
                     endpoint_request=request)
    assert error.errors == [("endpoint_request", "251 custom attributes and metrics, at most 250 allowed")]


def test_update_endpoint_rejects_forbidden_endpoint_id_characters(client: PinpointClient) -> None:
    error = rejected(client, "update_endpoint", application_id="app", endpoint_id="a{b}",
                     endpoint_request=_endpoint_request())
    assert error.errors == [("endpoint_id", "must not contain '{' '}'")]


def test_batch_items_are_checked_like_the_bulk_writer_checks_them(client: PinpointClient) -> None:
    item = models.EndpointBatchItem(id="a$b", attributes={"n" * 51: ["x"]})
    error = rejected(
        client, "update_endpoints_batch", application_id="app",
        endpoint_batch_request=models.EndpointBatchRequest(item=[item]),
    )
    assert error.errors == [
        ("endpoint_batch_request.item[0].id", "must not contain '$'"),
        (f"endpoint_batch_request.item[0].attributes[{'n' * 51!r}]",
         "name is 51 characters, at most 50 allowed"),
    ]


def test_put_events_checks_endpoint_ids_and_endpoint_data(client: PinpointClient) -> None:
    event = models.Event(event_type="click", timestamp="2026-01-01T00:00:00Z")
    endpoint = models.PublicEndpoint(metrics={"m" * 51: 1.0})
    request = models.EventsRequest(
        batch_item={"e{1}": models.EventsBatch(endpoint=endpoint, events={"ev": event})}
    )
    error = rejected(client, "put_events", application_id="app", events_request=request)
    assert error.errors == [
        (f"events_request.batch_item['e{{1}}'].endpoint.metrics[{'m' * 51!r}]",
         "name is 51 characters, at most 50 allowed"),
        ("events_request.batch_item['e{1}']", "must not contain '{' '}'"),
    ]


# Request body size of the raw bulk operations, measured as botocore serializes it.

def _big_endpoint(tag: str) -> dict[str, list[str]]:
    # 50 attributes x 50 values x 100 characters: the most one attribute map may hold.
    return {f"{tag}-{a}": ["x" * 100] * 50 for a in range(50)}


def test_update_endpoints_batch_over_7_mb_is_rejected(client: PinpointClient) -> None:
    items = [models.EndpointBatchItem(id=f"ep{i}", attributes=_big_endpoint("a"))
             for i in range(30)]
    error = rejected(
        client, "update_endpoints_batch", application_id="app",
        endpoint_batch_request=models.EndpointBatchRequest(item=items),
    )
    assert error.path == "endpoint_batch_request"
    assert f"at most {limits.MAX_REQUEST_PAYLOAD_BYTES} allowed" in str(error)


def _big_events(endpoints: int) -> models.EventsRequest:
    event = models.Event(event_type="click", timestamp="2026-01-01T00:00:00Z")
    return models.EventsRequest(batch_item={
        f"ep{i}": models.EventsBatch(endpoint=models.PublicEndpoint(attributes=_big_endpoint("a")),
                                     events={f"ev{i}": event})
        for i in range(endpoints)
    })


def test_put_events_over_4_mb_is_rejected(client: PinpointClient) -> None:
    error = rejected(client, "put_events", application_id="app", events_request=_big_events(17))
    assert error.path == "events_request"
    assert f"at most {limits.MAX_PUT_EVENTS_PAYLOAD_BYTES} allowed" in str(error)


def test_request_size_counts_bytes_as_botocore_escapes_them(client: PinpointClient) -> None:
    # "é" is 2 bytes in UTF-8 but 6 in botocore's ASCII-escaped JSON ("\u00e9").
    values = {f"a{a}": ["é" * 100] * 50 for a in range(50)}
    items = [models.EndpointBatchItem(id=f"ep{i}", attributes=values) for i in range(5)]
    error = rejected(
        client, "update_endpoints_batch", application_id="app",
        endpoint_batch_request=models.EndpointBatchRequest(item=items),
    )
    assert error.path == "endpoint_batch_request"


def test_put_events_under_4_mb_is_sent(client: PinpointClient) -> None:
    with Stubber(client.boto3_client) as stub:
        stub.add_response("put_events", {"EventsResponse": {}})
        client.put_events(application_id="app", events_request=_big_events(15))


# Size of one item (an endpoint, an event), checked by the client as the bulk writers do.

def _endpoint_of(size: int) -> dict[str, list[str]]:
    """Attributes making an endpoint of about ``size`` bytes (at most 100 characters a value)."""
    values = size // 104 + 1
    return {f"a{a}": ["x" * 100] * 50 for a in range(values // 50)} | {"rest": ["y" * 100] * (values % 50)}


def test_one_oversized_endpoint_in_a_batch_is_named_and_nothing_is_sent(
    client: PinpointClient,
) -> None:
    small = models.EndpointBatchItem(id="small", attributes={"plan": ["pro"]})
    big = models.EndpointBatchItem(id="big", attributes=_endpoint_of(limits.MAX_ENDPOINT_BYTES + 500))
    error = rejected(
        client, "update_endpoints_batch", application_id="app",
        endpoint_batch_request=models.EndpointBatchRequest(item=[small, big, small]),
    )
    assert [path for path, _ in error.errors] == ["endpoint_batch_request.item[1]"]
    assert f"at most {limits.MAX_ENDPOINT_BYTES} allowed" in str(error)


def test_endpoints_under_the_item_limit_are_sent_in_a_batch_over_it(client: PinpointClient) -> None:
    # Each endpoint is under 15 KB, the batch well over it: only items are held to 15 KB.
    items = [models.EndpointBatchItem(id=f"ep{i}", attributes=_endpoint_of(limits.MAX_ENDPOINT_BYTES - 1000))
             for i in range(20)]
    with Stubber(client.boto3_client) as stub:
        stub.add_response("update_endpoints_batch", {"MessageBody": {"Message": "Accepted"}})
        client.update_endpoints_batch(
            application_id="app", endpoint_batch_request=models.EndpointBatchRequest(item=items))
        stub.assert_no_pending_responses()


def test_update_endpoint_over_the_endpoint_limit_is_rejected(client: PinpointClient) -> None:
    error = rejected(
        client, "update_endpoint", application_id="app", endpoint_id="ep",
        endpoint_request=models.EndpointRequest(attributes=_endpoint_of(limits.MAX_ENDPOINT_BYTES + 1)),
    )
    assert error.path == "endpoint_request"
    assert "endpoint is" in str(error)


def test_an_event_over_1000_kb_is_named_and_nothing_is_sent(client: PinpointClient) -> None:
    small = models.Event(event_type="click", timestamp="2026-01-01T00:00:00Z")
    # No member of an event has a length limit of its own that would be reported first.
    big = models.Event(event_type="blob", timestamp="2026-01-01T00:00:00Z",
                       app_title="z" * limits.MAX_EVENT_BYTES)
    request = models.EventsRequest(batch_item={
        "ep": models.EventsBatch(endpoint=models.PublicEndpoint(), events={"a": small, "b": big}),
    })
    error = rejected(client, "put_events", application_id="app", events_request=request)
    assert [path for path, _ in error.errors] == ["events_request.batch_item['ep'].events['b']"]
    assert f"at most {limits.MAX_EVENT_BYTES} allowed" in str(error)


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=12,
)


@given(st.lists(st.dictionaries(st.text(), _json_values, max_size=4), max_size=5))
def test_a_batch_body_measured_item_by_item_is_its_whole_json_size(items: list[dict[str, Any]]) -> None:
    problems: list[tuple[str, str]] = []
    body = {"Item": items}
    assert _validation._endpoint_batch_size(body, "b", problems) == _validation.body_size(body)
    assert problems == []


def test_items_are_checked_when_the_batch_body_carries_other_keys(client: PinpointClient) -> None:
    big = models.EndpointBatchItem(id="big", attributes=_endpoint_of(limits.MAX_ENDPOINT_BYTES + 500))
    request = models.EndpointBatchRequest(item=[big], unknown_fields={"Newer": "x" * 100})
    error = rejected(client, "update_endpoints_batch", application_id="app",
                     endpoint_batch_request=request)
    assert [path for path, _ in error.errors] == ["endpoint_batch_request.item[0]"]
    problems: list[tuple[str, str]] = []
    body = {"Item": [{"Id": "a"}], "Newer": "x" * 100}
    assert _validation._endpoint_batch_size(body, "b", problems) == _validation.body_size(body)
