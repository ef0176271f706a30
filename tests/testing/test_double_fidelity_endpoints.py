"""Endpoint fidelity: PutEvents with a rejected endpoint, the per-user endpoint limit."""

from __future__ import annotations

from typing import Any

import pytest
from double_helpers import error_code

from pinpoint_sdk.testing import PinpointMock

NOW = "2024-05-01T12:00:00Z"


def test_put_events_does_not_store_events_of_a_rejected_endpoint(
    client: Any, app_id: str, mock: PinpointMock
) -> None:
    response = client.put_events(
        ApplicationId=app_id,
        EventsRequest={
            "BatchItem": {
                "bad": {
                    "Endpoint": {"ChannelType": "EMAIL", "Attributes": {"x" * 51: ["v"]}},
                    "Events": {"e1": {"EventType": "purchase", "Timestamp": NOW}},
                },
                "good": {
                    "Endpoint": {"ChannelType": "EMAIL", "Address": "g@example.com"},
                    "Events": {"e2": {"EventType": "purchase", "Timestamp": NOW}},
                },
            }
        },
    )["EventsResponse"]["Results"]

    assert response["bad"]["EndpointItemResponse"]["StatusCode"] == 400
    rejected = response["bad"]["EventsItemResponse"]["e1"]
    assert rejected["StatusCode"] == 400 and "bad" in rejected["Message"]
    assert response["good"]["EventsItemResponse"]["e2"]["StatusCode"] == 202
    assert [(e["EndpointId"], e["EventId"]) for e in mock.backend().events(app_id)] == [
        ("good", "e2")
    ]
    assert error_code(
        lambda: client.get_endpoint(ApplicationId=app_id, EndpointId="bad")
    ) == "NotFoundException"


def _user_endpoint(client: Any, app_id: str, endpoint_id: str, channel: str) -> None:
    address = f"token-{endpoint_id}-0123456789" if channel != "EMAIL" else f"{endpoint_id}@x.com"
    client.update_endpoint(
        ApplicationId=app_id,
        EndpointId=endpoint_id,
        EndpointRequest={"ChannelType": channel, "Address": address, "User": {"UserId": "u"}},
    )


def _user_ids(client: Any, app_id: str) -> list[str]:
    items = client.get_user_endpoints(ApplicationId=app_id, UserId="u")["EndpointsResponse"]
    return sorted(e["Id"] for e in items["Item"])


def test_a_16th_push_endpoint_makes_the_oldest_push_endpoint_inactive(
    client: Any, app_id: str
) -> None:
    for index in range(5):
        _user_endpoint(client, app_id, f"mail{index}", "EMAIL")
    for index in range(10):
        _user_endpoint(client, app_id, f"push{index:02d}", "GCM" if index % 2 else "APNS")

    _user_endpoint(client, app_id, "newphone", "GCM")

    oldest = client.get_endpoint(ApplicationId=app_id, EndpointId="push00")["EndpointResponse"]
    assert oldest["EndpointStatus"] == "INACTIVE"
    assert "UserId" not in (oldest.get("User") or {})
    newest = client.get_endpoint(ApplicationId=app_id, EndpointId="newphone")["EndpointResponse"]
    assert newest["EndpointStatus"] == "ACTIVE" and newest["User"]["UserId"] == "u"
    ids = _user_ids(client, app_id)
    assert len(ids) == 15 and "push00" not in ids and "newphone" in ids
    second = client.get_endpoint(ApplicationId=app_id, EndpointId="push01")["EndpointResponse"]
    assert second["EndpointStatus"] == "ACTIVE"


@pytest.mark.parametrize(
    ("existing", "new"),
    [("APNS", "EMAIL"), ("EMAIL", "GCM")],
    ids=["non-push-16th-with-push-endpoints", "push-16th-without-push-endpoints"],
)
def test_a_16th_endpoint_that_cannot_displace_a_push_endpoint_is_refused(
    client: Any, app_id: str, existing: str, new: str
) -> None:
    for index in range(15):
        _user_endpoint(client, app_id, f"old{index:02d}", existing)

    assert error_code(lambda: _user_endpoint(client, app_id, "new", new)) == (
        "BadRequestException"
    )
    assert len(_user_ids(client, app_id)) == 15
    assert error_code(
        lambda: client.get_endpoint(ApplicationId=app_id, EndpointId="new")
    ) == "NotFoundException"


def test_updating_one_of_the_15_endpoints_is_not_a_16th(client: Any, app_id: str) -> None:
    for index in range(15):
        _user_endpoint(client, app_id, f"push{index:02d}", "APNS")

    _user_endpoint(client, app_id, "push00", "APNS")

    assert len(_user_ids(client, app_id)) == 15
    first = client.get_endpoint(ApplicationId=app_id, EndpointId="push00")["EndpointResponse"]
    assert first["EndpointStatus"] == "ACTIVE"
