"""The typed client refuses malformed values before sending, naming the snake_case path."""

from __future__ import annotations

import inspect
import math
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import attrs
import botocore.session
import pytest
from botocore import xform_name
from botocore.stub import Stubber
from fake_http import FakeHttp, rejected

from pinpoint_sdk import Pinpoint, PinpointClient, errors, limits, models


def _event(**changes: Any) -> models.Event:
    return models.Event(**{"event_type": "click", "timestamp": "2026-01-01T00:00:00Z", **changes})


def _events(event: models.Event | None = None, **endpoint: Any) -> models.EventsRequest:
    batch = models.EventsBatch(endpoint=models.PublicEndpoint(**endpoint),
                               events={"ev": event or _event()})
    return models.EventsRequest(batch_item={"ep": batch})


# --------------------------------------------------------------- identifiers in the URI


def test_get_app_with_an_empty_id_is_refused(client: PinpointClient) -> None:
    # Sent, it would request /v1/apps/ and parse the app list as one empty app.
    error = rejected(client, "get_app", application_id="")
    assert error.errors == [("application_id", "must not be empty")]


@pytest.mark.parametrize(
    ("call", "kwargs", "path"),
    [
        ("get_app", {"application_id": "  "}, "application_id"),
        ("delete_campaign", {"application_id": "app", "campaign_id": "\t"}, "campaign_id"),
        ("get_segment_version", {"application_id": "app", "segment_id": "s", "version": ""},
         "version"),
        ("get_email_template", {"template_name": " "}, "template_name"),
        ("list_tags_for_resource", {"resource_arn": ""}, "resource_arn"),
        ("get_user_endpoints", {"application_id": "app", "user_id": " "}, "user_id"),
    ],
)
def test_blank_uri_identifiers_are_refused(
    client: PinpointClient, call: str, kwargs: dict[str, Any], path: str
) -> None:
    assert rejected(client, call, **kwargs).path == path


def test_resource_get_with_an_empty_id_is_refused(client: PinpointClient) -> None:
    with Stubber(client.boto3_client), pytest.raises(errors.ValidationError) as info:
        Pinpoint(client).apps.get("")
    assert info.value.path == "application_id"


@pytest.mark.parametrize("call", ["get_endpoint", "delete_endpoint"])
def test_endpoint_ids_in_the_uri_are_checked(client: PinpointClient, call: str) -> None:
    error = rejected(client, call, application_id="app", endpoint_id="${x}")
    assert error.errors == [("endpoint_id", "must not contain '$' '{' '}'")]


# --------------------------------------------------------------- tags


def test_tags_are_checked_when_an_app_is_created(client: PinpointClient) -> None:
    request = models.CreateApplicationRequest(
        name="shop", tags={f"k{i}": "v" for i in range(limits.MAX_TAGS_PER_RESOURCE + 1)}
    )
    error = rejected(client, "create_app", create_application_request=request)
    assert error.path == "create_application_request.tags"
    assert "51 tags" in str(error)


def test_tag_key_and_value_lengths_are_checked(client: PinpointClient) -> None:
    key, value = "k" * (limits.MAX_TAG_KEY_LENGTH + 1), "v" * (limits.MAX_TAG_VALUE_LENGTH + 1)
    error = rejected(client, "tag_resource", resource_arn="arn:x",
                     tags_model=models.TagsModel(tags={key: "v", "team": value}))
    assert error.errors == [
        (f"tags_model.tags[{key!r}]", "key is 129 characters, at most 128 allowed"),
        ("tags_model.tags['team']", "value is 257 characters, at most 256 allowed"),
    ]


@pytest.mark.parametrize(
    ("call", "kwargs", "path"),
    [
        ("create_segment", {"application_id": "app", "write_segment_request":
                            models.WriteSegmentRequest(name="s", tags={"t": "v" * 300})},
         "write_segment_request.tags['t']"),
        ("create_campaign", {"application_id": "app", "write_campaign_request":
                             models.WriteCampaignRequest(name="c", tags={"t": "v" * 300})},
         "write_campaign_request.tags['t']"),
        ("create_sms_template", {"template_name": "t", "sms_template_request":
                                 models.SMSTemplateRequest(body="hi", tags={"t": "v" * 300})},
         "sms_template_request.tags['t']"),
        ("untag_resource", {"resource_arn": "arn:x", "tag_keys": ["team", "k" * 129]},
         "tag_keys[1]"),
    ],
)
def test_every_request_carrying_tags_is_checked(
    client: PinpointClient, call: str, kwargs: dict[str, Any], path: str
) -> None:
    assert rejected(client, call, **kwargs).path == path


def _operations_carrying_tags() -> list[tuple[str, str, str]]:
    """(method, payload argument, payload shape) of every operation whose request, per
    botocore's model, carries a ``tags`` map."""
    service = botocore.session.get_session().get_service_model("pinpoint")
    found = []
    for operation in service.operation_names:
        for wire, member in service.operation_model(operation).input_shape.members.items():
            if member.type_name == "structure" and "tags" in member.members:
                found.append((xform_name(operation), xform_name(wire), member.name))
    return found


@pytest.mark.parametrize(("call", "argument", "shape"), _operations_carrying_tags())
def test_tags_are_checked_on_every_operation_that_carries_them(
    client: PinpointClient, call: str, argument: str, shape: str
) -> None:
    cls = getattr(models, shape)
    required = {field.name: "x" for field in attrs.fields(cls)
                if field.default is attrs.NOTHING and field.name != "tags"}
    payload = cls(**required, tags={"team": "v" * (limits.MAX_TAG_VALUE_LENGTH + 1)})
    labels = {name: "x" for name in inspect.signature(getattr(client, call)).parameters
              if name not in (argument, "create_new_version", "version")}
    error = rejected(client, call, **labels, **{argument: payload})
    assert (f"{argument}.tags['team']", "value is 257 characters, at most 256 allowed") \
        in error.errors


# --------------------------------------------------------------- numbers


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_endpoint_metrics_are_refused(client: PinpointClient, bad: float) -> None:
    request = models.EndpointRequest(channel_type="EMAIL", metrics={"score": bad})
    error = rejected(client, "update_endpoint", application_id="app", endpoint_id="ep",
                     endpoint_request=request)
    assert error.errors == [("endpoint_request.metrics['score']",
                             f"must be a finite number, got {bad}")]


def test_non_finite_event_metrics_are_refused(client: PinpointClient) -> None:
    error = rejected(client, "put_events", application_id="app",
                     events_request=_events(_event(metrics={"price": math.nan})))
    assert error.path == "events_request.batch_item['ep'].events['ev'].metrics['price']"


def test_non_finite_numbers_are_refused_anywhere(client: PinpointClient) -> None:
    dims = models.SegmentDimensions(
        location=models.SegmentLocation(gps_point=models.GPSPointDimension(
            coordinates=models.GPSCoordinates(latitude=math.inf, longitude=0.0)
        ))
    )
    request = models.WriteSegmentRequest(name="s", dimensions=dims)
    error = rejected(client, "create_segment", application_id="app",
                     write_segment_request=request)
    assert error.path == "write_segment_request.dimensions.location.gps_point.coordinates.latitude"


# --------------------------------------------------------------- timestamps


def test_naive_datetimes_are_refused(client: PinpointClient) -> None:
    # botocore would read it as UTC whatever the caller's local zone is.
    error = rejected(client, "get_application_date_range_kpi", application_id="app",
                     kpi_name="k", start_time=datetime(2026, 1, 1, 9, 0))
    assert error.path == "start_time"
    assert "has no time zone" in str(error)


def _sent(call: str, **kwargs: Any) -> FakeHttp:
    fake = FakeHttp(lambda _request: (200, {}), max_requests=1)
    getattr(PinpointClient(fake.client), call)(**kwargs)
    assert len(fake.requests) == 1
    return fake


def test_aware_datetimes_are_sent() -> None:
    start = datetime(2026, 1, 1, 9, 0, tzinfo=timezone(timedelta(hours=2)))
    fake = _sent("get_application_date_range_kpi", application_id="app", kpi_name="k",
                 start_time=start)
    assert "start-time=2026-01-01T07%3A00%3A00Z" in fake.requests[0].url


def test_timestamp_errors_name_the_snake_case_member(client: PinpointClient) -> None:
    error = rejected(client, "get_application_date_range_kpi", application_id="app",
                     kpi_name="k", start_time="yesterday", end_time=date(2026, 1, 2))
    assert error.errors == [
        ("end_time", "expected datetime, got date"),
        ("start_time", "'yesterday' is not an ISO 8601 date-time"),
    ]
    assert "StartTime" not in str(error)


def test_iso_timestamp_strings_in_timestamp_members_are_sent() -> None:
    _sent("get_application_date_range_kpi", application_id="app", kpi_name="k",
          start_time="2026-01-01T00:00:00Z")


# --------------------------------------------------------------- ISO 8601 strings


def test_event_timestamp_must_be_iso_8601(client: PinpointClient) -> None:
    error = rejected(client, "put_events", application_id="app",
                     events_request=_events(_event(timestamp="yesterday")))
    assert error.errors == [("events_request.batch_item['ep'].events['ev'].timestamp",
                             "'yesterday' is not an ISO 8601 date-time")]


def test_endpoint_effective_date_must_be_iso_8601(client: PinpointClient) -> None:
    error = rejected(client, "update_endpoint", application_id="app", endpoint_id="ep",
                     endpoint_request=models.EndpointRequest(effective_date="01/02/2026"))
    assert error.path == "endpoint_request.effective_date"


def test_campaign_start_time_takes_iso_8601_or_immediate(client: PinpointClient) -> None:
    request = models.WriteCampaignRequest(name="c", schedule=models.Schedule(start_time="soon"))
    error = rejected(client, "create_campaign", application_id="app",
                     write_campaign_request=request)
    assert error.errors == [("write_campaign_request.schedule.start_time",
                             "'soon' is not an ISO 8601 date-time or 'IMMEDIATE'")]


def test_journey_durations_must_be_iso_8601(client: PinpointClient) -> None:
    wait = models.Activity(wait=models.WaitActivity(wait_time=models.WaitTime(wait_for="1 day")))
    request = models.WriteJourneyRequest(name="j", activities={"w": wait},
                                         refresh_frequency="hourly")
    error = rejected(client, "create_journey", application_id="app",
                     write_journey_request=request)
    assert error.errors == [
        ("write_journey_request.activities['w'].wait.wait_time.wait_for",
         "'1 day' is not an ISO 8601 duration"),
        ("write_journey_request.refresh_frequency", "'hourly' is not an ISO 8601 duration"),
    ]


@pytest.mark.parametrize(
    "schedule",
    [
        models.Schedule(start_time="IMMEDIATE"),
        models.Schedule(start_time="2026-03-01T09:00:00Z", end_time="2026-03-02"),
        models.Schedule(start_time=datetime(2026, 3, 1, tzinfo=UTC).isoformat()),
    ],
)
def test_valid_iso_values_are_sent(schedule: models.Schedule) -> None:
    _sent("create_campaign", application_id="app",
          write_campaign_request=models.WriteCampaignRequest(name="c", schedule=schedule))


def test_open_hours_take_a_time_of_day(client: PinpointClient) -> None:
    rules = {"MONDAY": [models.OpenHoursRule(start_time="09:00", end_time="5pm")]}
    request = models.WriteJourneyRequest(name="j", open_hours=models.OpenHours(email=rules))
    error = rejected(client, "create_journey", application_id="app",
                     write_journey_request=request)
    assert error.errors == [("write_journey_request.open_hours.email['MONDAY'][0].end_time",
                             "'5pm' is not an ISO 8601 time")]


# --------------------------------------------------------------- page sizes


@pytest.mark.parametrize("bad", [-5, 0, "-5", "0", "abc", "", " 7", "2.5", 2.5, True])
def test_bad_page_sizes_are_refused(client: PinpointClient, bad: Any) -> None:
    error = rejected(client, "get_apps", page_size=bad)
    assert error.errors == [("page_size", f"must be a positive integer, got {bad!r}")]


def test_bad_page_sizes_are_refused_by_pages_methods(client: PinpointClient) -> None:
    with Stubber(client.boto3_client), pytest.raises(errors.ValidationError):
        client.get_segments_pages(application_id="app", page_size="-1")


@pytest.mark.parametrize("bad", ["x", -1, 0, 1.5])
def test_collections_refuse_bad_page_sizes(client: PinpointClient, bad: Any) -> None:
    with pytest.raises(errors.ValidationError) as info:
        Pinpoint(client).apps.page_size(bad)
    assert info.value.path == "page_size"
    with pytest.raises(errors.ValidationError):
        Pinpoint(client).apps.all(page_size=bad)
