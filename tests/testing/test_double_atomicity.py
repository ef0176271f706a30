"""Every request is all or nothing, and concurrent requests never lose each other's writes."""

from __future__ import annotations

import threading
import time
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from double_helpers import NO_RETRIES, error_code

from pinpoint_sdk.testing import PinpointMock, get_backend

TAGS_51 = {f"k{number}": "v" for number in range(51)}
THREADS = 8
CALLS_PER_THREAD = 50
SOAK_SECONDS = 10.0


def _email(endpoint_id: str, user_id: str) -> dict[str, Any]:
    return {
        "ChannelType": "EMAIL",
        "Address": f"{endpoint_id}@example.com",
        "User": {"UserId": user_id},
    }


def _one_user_batch(prefix: str, size: int) -> dict[str, Any]:
    """A batch whose last item gives one user a 16th endpoint (refused midway)."""
    return {
        "Item": [
            {"Id": f"{prefix}-{number}", **_email(f"{prefix}-{number}", prefix)}
            for number in range(size)
        ]
    }


def test_create_app_with_51_tags_creates_nothing(client: Any) -> None:
    code = error_code(
        lambda: client.create_app(CreateApplicationRequest={"Name": "big", "tags": TAGS_51})
    )
    assert code == "BadRequestException"
    assert client.get_apps()["ApplicationsResponse"]["Item"] == []


def test_create_segment_campaign_and_template_with_51_tags_create_nothing(
    client: Any, app_id: str
) -> None:
    segment_code = error_code(
        lambda: client.create_segment(
            ApplicationId=app_id, WriteSegmentRequest={"Name": "big", "tags": TAGS_51}
        )
    )
    segment_id = client.create_segment(
        ApplicationId=app_id, WriteSegmentRequest={"Name": "ok"}
    )["SegmentResponse"]["Id"]
    campaign_code = error_code(
        lambda: client.create_campaign(
            ApplicationId=app_id,
            WriteCampaignRequest={
                "Name": "big",
                "SegmentId": segment_id,
                "Schedule": {"StartTime": "IMMEDIATE"},
                "tags": TAGS_51,
            },
        )
    )
    template_code = error_code(
        lambda: client.create_email_template(
            TemplateName="big", EmailTemplateRequest={"Subject": "s", "tags": TAGS_51}
        )
    )
    assert (segment_code, campaign_code, template_code) == ("BadRequestException",) * 3
    assert client.list_templates()["TemplatesResponse"]["Item"] == []
    segments = client.get_segments(ApplicationId=app_id)["SegmentsResponse"]["Item"]
    assert [segment["Name"] for segment in segments] == ["ok"]
    assert client.get_campaigns(ApplicationId=app_id)["CampaignsResponse"]["Item"] == []
    # Nothing was tagged under an ARN that does not exist either.
    arn_prefix = client.get_app(ApplicationId=app_id)["ApplicationResponse"]["Arn"]
    tagged = get_backend().moto.tagger.tags
    assert [arn for arn in tagged if arn.startswith(arn_prefix) and "/" in arn[len(arn_prefix):]] == []


def test_batch_refused_midway_stores_none_of_its_items(client: Any, app_id: str) -> None:
    client.update_endpoint(
        ApplicationId=app_id, EndpointId="kept", EndpointRequest=_email("kept", "someone")
    )
    code = error_code(
        lambda: client.update_endpoints_batch(
            ApplicationId=app_id, EndpointBatchRequest=_one_user_batch("crowd", 16)
        )
    )
    assert code == "BadRequestException"
    assert list(get_backend().state(app_id).endpoints) == ["kept"]


def test_a_request_that_raises_midway_changes_nothing(
    client: Any, app_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = get_backend()
    client.update_endpoint(
        ApplicationId=app_id, EndpointId="before", EndpointRequest=_email("before", "u")
    )
    sent_before = list(backend.sent_messages)
    template_count = len(backend.templates)
    original = type(backend).update_endpoint

    def half_done(self: Any, params: dict[str, Any]) -> Any:
        original(self, params)
        self.sent_messages.append({"fake": True})
        self.templates[("x", "EMAIL")] = None
        self.state(params["ApplicationId"]).events.append({"EventId": "half"})
        raise RuntimeError("injected failure after the writes")

    monkeypatch.setattr(type(backend), "update_endpoint", half_done)
    with pytest.raises(RuntimeError, match="injected failure"):
        client.update_endpoint(
            ApplicationId=app_id, EndpointId="after", EndpointRequest=_email("after", "u")
        )
    monkeypatch.undo()
    assert list(backend.state(app_id).endpoints) == ["before"]
    assert backend.sent_messages == sent_before
    assert len(backend.templates) == template_count
    assert backend.events(app_id) == []


def test_delete_app_failing_at_the_last_step_keeps_app_and_tags(
    client: Any, app_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.create_segment(
        ApplicationId=app_id, WriteSegmentRequest={"Name": "s", "tags": {"a": "b"}}
    )

    def unavailable(**_: Any) -> None:
        raise RuntimeError("injected failure after the tags were dropped")

    monkeypatch.setattr(get_backend().moto, "delete_app", unavailable)
    with pytest.raises(RuntimeError, match="injected failure"):
        client.delete_app(ApplicationId=app_id)
    monkeypatch.undo()
    segment = client.get_segments(ApplicationId=app_id)["SegmentsResponse"]["Item"][0]
    assert segment["tags"] == {"a": "b"}


def test_eight_threads_lose_no_acknowledged_write(mock: PinpointMock) -> None:
    """Soak: 8 threads, 400 UpdateEndpoint calls mixed with refused batches and reads.

    Bounded by count and by time: each thread stops after its calls or the deadline.
    """
    clients = [
        boto3.client("pinpoint", region_name="us-east-1", config=NO_RETRIES)
        for _ in range(THREADS)
    ]
    app_id = clients[0].create_app(CreateApplicationRequest={"Name": "soak"})[
        "ApplicationResponse"
    ]["Id"]
    acknowledged: list[list[str]] = [[] for _ in range(THREADS)]
    refused_batches: list[list[str]] = [[] for _ in range(THREADS)]
    unexpected: list[BaseException] = []
    start = threading.Barrier(THREADS)
    deadline = time.monotonic() + SOAK_SECONDS

    def work(number: int) -> None:
        client = clients[number]
        start.wait()
        try:
            for call in range(CALLS_PER_THREAD):
                if time.monotonic() > deadline:
                    return
                endpoint_id = f"t{number}-{call}"
                user_id = f"user-{number}-{call // 10}"
                client.update_endpoint(
                    ApplicationId=app_id,
                    EndpointId=endpoint_id,
                    EndpointRequest=_email(endpoint_id, user_id),
                )
                acknowledged[number].append(endpoint_id)
                if call % 10 == 5:
                    prefix = f"batch-{number}-{call}"
                    try:
                        client.update_endpoints_batch(
                            ApplicationId=app_id,
                            EndpointBatchRequest=_one_user_batch(prefix, 16),
                        )
                    except ClientError as error:
                        assert error.response["Error"]["Code"] == "BadRequestException"
                        refused_batches[number].append(prefix)
                if call % 5 == 0:
                    mine = client.get_user_endpoints(ApplicationId=app_id, UserId=user_id)
                    ids = {item["Id"] for item in mine["EndpointsResponse"]["Item"]}
                    assert endpoint_id in ids
        except BaseException as error:  # collected and reported by the main thread
            unexpected.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(SOAK_SECONDS + 30)
    assert not any(thread.is_alive() for thread in threads)
    assert unexpected == []

    stored = set(get_backend().state(app_id).endpoints)
    expected = {endpoint_id for ids in acknowledged for endpoint_id in ids}
    assert len(expected) >= THREADS * 10, "the soak made too little progress to mean much"
    missing = expected - stored
    assert not missing, f"{len(missing)} of {len(expected)} acknowledged writes were lost"
    assert all(refused for refused in refused_batches)
    assert {endpoint for endpoint in stored if endpoint.startswith("batch-")} == set()
    assert stored == expected
