"""Endpoints, users, attributes and PutEvents."""

from __future__ import annotations

from typing import Any

from double_helpers import error_code

from pinpoint_sdk.testing import PinpointMock

NOW = "2024-05-01T12:00:00Z"


def test_endpoint_upsert_get_delete(client: Any, app_id: str) -> None:
    accepted = client.update_endpoint(
        ApplicationId=app_id,
        EndpointId="e1",
        EndpointRequest={
            "Address": "+12065550100", "ChannelType": "SMS",
            "Attributes": {"colour": ["red"], "size": ["L"]},
            "User": {"UserId": "u1", "UserAttributes": {"tier": ["gold"]}},
        },
    )  # fmt: skip
    assert accepted["ResponseMetadata"]["HTTPStatusCode"] == 202
    client.update_endpoint(
        ApplicationId=app_id, EndpointId="e1", EndpointRequest={"Attributes": {"colour": ["blue"]}}
    )
    endpoint = client.get_endpoint(ApplicationId=app_id, EndpointId="e1")["EndpointResponse"]
    assert endpoint["Attributes"] == {"colour": ["blue"], "size": ["L"]}
    assert endpoint["Address"] == "+12065550100"
    assert endpoint["EndpointStatus"] == "ACTIVE" and endpoint["OptOut"] == "NONE"
    deleted = client.delete_endpoint(ApplicationId=app_id, EndpointId="e1")["EndpointResponse"]
    assert deleted["Id"] == "e1"
    assert error_code(
        lambda: client.get_endpoint(ApplicationId=app_id, EndpointId="e1")
    ) == "NotFoundException"
    assert error_code(
        lambda: client.delete_endpoint(ApplicationId=app_id, EndpointId="e1")
    ) == "NotFoundException"


def test_endpoint_bad_input(client: Any, app_id: str) -> None:
    for request in (
        {"ChannelType": "PIGEON"},
        {"Attributes": {"x" * 51: ["v"]}},
        {"Attributes": {"a": ["v" * 101]}},
    ):
        assert error_code(
            lambda request=request: client.update_endpoint(
                ApplicationId=app_id, EndpointId="e", EndpointRequest=request
            )
        ) == "BadRequestException"


def test_batch_limit_and_users(client: Any, app_id: str) -> None:
    items = [
        {"Id": f"e{i}", "ChannelType": "EMAIL", "Address": f"u{i}@example.com",
         "User": {"UserId": "u1" if i < 3 else "u2"}}
        for i in range(5)
    ]  # fmt: skip
    client.update_endpoints_batch(ApplicationId=app_id, EndpointBatchRequest={"Item": items})
    users = client.get_user_endpoints(ApplicationId=app_id, UserId="u1")["EndpointsResponse"]
    assert sorted(e["Id"] for e in users["Item"]) == ["e0", "e1", "e2"]
    too_many = [{"Id": f"x{i}", "ChannelType": "EMAIL"} for i in range(101)]
    assert error_code(
        lambda: client.update_endpoints_batch(
            ApplicationId=app_id, EndpointBatchRequest={"Item": too_many}
        )
    ) == "BadRequestException"
    assert error_code(
        lambda: client.get_endpoint(ApplicationId=app_id, EndpointId="x0")
    ) == "NotFoundException"
    removed = client.delete_user_endpoints(ApplicationId=app_id, UserId="u1")["EndpointsResponse"]
    assert len(removed["Item"]) == 3
    assert error_code(
        lambda: client.get_user_endpoints(ApplicationId=app_id, UserId="u1")
    ) == "NotFoundException"
    assert error_code(
        lambda: client.delete_user_endpoints(ApplicationId=app_id, UserId="nobody")
    ) == "NotFoundException"


def test_endpoints_per_user_limit(client: Any, app_id: str) -> None:
    items = [
        {"Id": f"e{i}", "ChannelType": "SMS", "Address": f"+1206555{i:04d}",
         "User": {"UserId": "busy"}}
        for i in range(16)
    ]  # fmt: skip
    assert error_code(
        lambda: client.update_endpoints_batch(
            ApplicationId=app_id, EndpointBatchRequest={"Item": items}
        )
    ) == "BadRequestException"
    assert error_code(
        lambda: client.get_user_endpoints(ApplicationId=app_id, UserId="busy")
    ) == "NotFoundException"


def test_remove_attributes(client: Any, app_id: str) -> None:
    client.update_endpoint(
        ApplicationId=app_id,
        EndpointId="e",
        EndpointRequest={"Attributes": {"keep": ["1"], "drop": ["2"]}, "Metrics": {"m": 1.0}},
    )
    result = client.remove_attributes(
        ApplicationId=app_id,
        AttributeType="endpoint-custom-attributes",
        UpdateAttributesRequest={"Blacklist": ["drop"]},
    )["AttributesResource"]
    assert result["Attributes"] == ["drop"]
    endpoint = client.get_endpoint(ApplicationId=app_id, EndpointId="e")["EndpointResponse"]
    assert endpoint["Attributes"] == {"keep": ["1"]}
    assert endpoint["Metrics"] == {"m": 1.0}
    assert error_code(
        lambda: client.remove_attributes(
            ApplicationId=app_id, AttributeType="bogus", UpdateAttributesRequest={}
        )
    ) == "BadRequestException"


def test_put_events_per_item_results(
    unchecked_client: Any, client: Any, app_id: str, mock: PinpointMock
) -> None:
    response = unchecked_client.put_events(
        ApplicationId=app_id,
        EventsRequest={
            "BatchItem": {
                "ep1": {
                    "Endpoint": {"ChannelType": "EMAIL", "Address": "a@example.com"},
                    "Events": {
                        "ok": {"EventType": "purchase", "Timestamp": NOW},
                        "no-type": {"Timestamp": NOW},
                        "no-time": {"EventType": "x"},
                    },
                },
                "ep2": {"Endpoint": {}, "Events": {"e": {"EventType": "y", "Timestamp": NOW}}},
            }
        },
    )
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 202
    results = response["EventsResponse"]["Results"]
    events = results["ep1"]["EventsItemResponse"]
    assert events["ok"]["StatusCode"] == 202
    assert events["no-type"]["StatusCode"] == 400 and "EventType" in events["no-type"]["Message"]
    assert events["no-time"]["StatusCode"] == 400 and "Timestamp" in events["no-time"]["Message"]
    assert results["ep1"]["EndpointItemResponse"]["StatusCode"] == 202
    assert results["ep2"]["EventsItemResponse"]["e"]["StatusCode"] == 202
    endpoint = client.get_endpoint(ApplicationId=app_id, EndpointId="ep1")["EndpointResponse"]
    assert endpoint["Address"] == "a@example.com"
    assert [e["EventId"] for e in mock.backend().events(app_id)] == ["ok", "e"]


def test_put_events_limits(client: Any, app_id: str) -> None:
    many = {f"ev{i}": {"EventType": "t", "Timestamp": NOW} for i in range(101)}
    assert error_code(
        lambda: client.put_events(
            ApplicationId=app_id, EventsRequest={"BatchItem": {"e": {"Endpoint": {}, "Events": many}}}
        )
    ) == "BadRequestException"
    assert error_code(
        lambda: client.put_events(ApplicationId="missing", EventsRequest={"BatchItem": {}})
    ) == "NotFoundException"
    long_value = {"a": {"EventType": "t", "Timestamp": NOW, "Attributes": {"k": "v" * 201}}}
    result = client.put_events(
        ApplicationId=app_id,
        EventsRequest={"BatchItem": {"e": {"Endpoint": {}, "Events": long_value}}},
    )["EventsResponse"]["Results"]["e"]["EventsItemResponse"]["a"]
    assert result["StatusCode"] == 400
