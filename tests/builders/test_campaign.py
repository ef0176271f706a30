"""CampaignBuilder: valid campaigns pass botocore; every invalid one names its path."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from builderhelpers import assert_valid_for, problems_of

from pinpoint_sdk import converter, errors, models
from pinpoint_sdk.builders import CampaignBuilder


def spring() -> CampaignBuilder:
    return (
        CampaignBuilder("spring")
        .segment("all", version=2)
        .at(datetime(2030, 3, 1, 9), timezone="UTC")
        .email(title="Sale", html_body="<p>20% off</p>", from_address="a@example.com")
    )


def test_full_campaign_is_accepted_by_botocore() -> None:
    request = (
        spring()
        .description("promo")
        .quiet_time("22:00", "07:00")
        .sms(body="Sale!", message_type="PROMOTIONAL")
        .push(body="Sale today", title="Sale", platforms=["default", "apns", "gcm"])
        .in_app(layout="TOP_BANNER")
        .custom(data="x", delivery_uri="https://example.com/h", endpoint_types=["CUSTOM"])
        .template("voice", "Voice", version="2")
        .treatment(size_percent=30, treatment_name="B",
                   template_configuration=models.TemplateConfiguration(
                       email_template=models.Template(name="SaleB")))
        .default_treatment("A", "control subject")
        .holdout(10)
        .limits(daily=1, total=3, messages_per_second=100, maximum_duration=60)
        .hook(lambda_function_name="filter", mode="FILTER")
        .priority(2)
        .paused()
        .tags({"team": "growth"})
        .build()
    )
    wire = converter.unstructure(request)
    assert wire["Schedule"]["QuietTime"] == {"Start": "22:00", "End": "07:00"}
    assert wire["MessageConfiguration"]["APNSMessage"]["Body"] == "Sale today"
    assert wire["CustomDeliveryConfiguration"]["DeliveryUri"] == "https://example.com/h"
    assert wire["TemplateConfiguration"]["VoiceTemplate"] == {"Name": "Voice", "Version": "2"}
    assert wire["AdditionalTreatments"][0]["SizePercent"] == 30
    assert_valid_for("CreateCampaign", request)


@pytest.mark.parametrize(
    "schedule",
    [
        lambda b: b.immediately(),
        lambda b: b.recurring("WEEKLY", datetime(2030, 1, 6), end=datetime(2030, 6, 1),
                              local_time=True),
        lambda b: b.on_event("cart", attributes={"store": "eu"}, metrics={"total": (">", 5)}),
        lambda b: b.schedule(models.Schedule(start_time="IMMEDIATE"), frequency="ONCE"),
    ],
    ids=["immediately", "recurring", "on_event", "model"],
)
def test_schedule_sugar_is_accepted_by_botocore(
    schedule: Callable[[CampaignBuilder], CampaignBuilder],
) -> None:
    request = schedule(spring()).build()
    assert request.schedule is not None and request.schedule.start_time
    assert_valid_for("CreateCampaign", request)


def test_event_campaign_writes_the_event_filter() -> None:
    wire = converter.unstructure(spring().on_event("cart").build())
    assert wire["Schedule"]["Frequency"] == "EVENT"
    assert wire["Schedule"]["EventFilter"]["Dimensions"]["EventType"]["Values"] == ["cart"]
    assert wire["Schedule"]["EventFilter"]["FilterType"] == "ENDPOINT"


def test_template_alone_is_enough_message() -> None:
    request = (
        CampaignBuilder("c").segment("s").immediately().template("sms", "Promo").build()
    )
    assert request.message_configuration is None
    assert_valid_for("CreateCampaign", request)


def test_unknown_push_platform_and_template_channel_are_rejected_at_once() -> None:
    with pytest.raises(ValueError, match="unknown push platform 'fax'"):
        CampaignBuilder("c").push(body="x", platforms=["fax"])
    with pytest.raises(ValueError, match="unknown template channel 'fax'"):
        CampaignBuilder("c").template("fax", "T")


def test_from_response_keeps_treatments_and_unknown_keys() -> None:
    wire = converter.unstructure(spring().treatment(size_percent=20, treatment_name="B").build())
    wire["AdditionalTreatments"][0]["Id"] = "t-1"
    wire["FutureFlag"] = "x"
    response = converter.structure({**wire, "Id": "c-1", "Version": 3}, models.CampaignResponse)
    rebuilt = converter.unstructure(CampaignBuilder.from_model(response).build())
    assert rebuilt["FutureFlag"] == "x"
    assert rebuilt["AdditionalTreatments"] == [{"SizePercent": 20, "TreatmentName": "B"}]
    assert "Id" not in rebuilt
    assert rebuilt["SegmentVersion"] == 2


def test_from_request_round_trips() -> None:
    request = spring().quiet_time("22:00", "06:00").holdout(5).build()
    assert CampaignBuilder.from_model(request).build() == request


BAD_CAMPAIGNS: dict[str, tuple[Callable[[], CampaignBuilder], str, str]] = {
    "no segment": (
        lambda: CampaignBuilder("c").immediately().email(title="t", body="b"),
        "segment_id", "a segment is required; call .segment(segment_id)",
    ),
    "no schedule": (
        lambda: CampaignBuilder("c").segment("s").email(title="t", body="b"),
        "schedule", "a schedule is required (.immediately(), .at(), .recurring(), ...)",
    ),
    "no name": (
        lambda: CampaignBuilder("").segment("s").immediately().email(title="t", body="b"),
        "name", "a campaign name is required",
    ),
    "no message": (
        lambda: CampaignBuilder("c").segment("s").immediately(),
        "message_configuration",
        "a message or a template is required (.email(), .sms(), .push(), .template())",
    ),
    "no start time": (
        lambda: spring().schedule(models.Schedule(start_time="")),
        "schedule.start_time", "a start time is required ('IMMEDIATE' or a date)",
    ),
    "bad start time": (
        lambda: spring().schedule(start_time="soon"),
        "schedule.start_time", "'soon' is not 'IMMEDIATE' or an ISO date",
    ),
    "bad end time": (
        lambda: spring().schedule(end_time="later"),
        "schedule.end_time", "'later' is not an ISO date",
    ),
    "event without filter": (
        lambda: spring().schedule(frequency="EVENT"),
        "schedule.event_filter", "an event-triggered campaign needs an event type",
    ),
    "filter without event": (
        lambda: spring().on_event("cart").schedule(frequency="ONCE"),
        "schedule.event_filter", "only used with frequency EVENT or IN_APP_EVENT",
    ),
    "quiet time": (
        lambda: spring().quiet_time("late", "07:00"),
        "schedule.quiet_time.start", "'late' is not a time of day like '22:00'",
    ),
    "push body": (
        lambda: spring().push(body="x" * 201, platforms=["gcm"]),
        "message_configuration.gcm_message.body", "201 characters, at most 200",
    ),
    "email subject": (
        lambda: spring().email(title=None),
        "message_configuration.email_message.title", "a subject is required",
    ),
    "email body": (
        lambda: spring().email(html_body=None),
        "message_configuration.email_message", "an html_body or body is required",
    ),
    "email headers": (
        lambda: spring().email(headers=[models.MessageHeader(name="h", value="v")] * 16),
        "message_configuration.email_message.headers", "16 headers, at most 15",
    ),
    "sms body": (
        lambda: spring().sms(message_type="PROMOTIONAL"),
        "message_configuration.sms_message.body", "an SMS body is required",
    ),
    "custom without delivery": (
        lambda: spring().custom(data="x"),
        "custom_delivery_configuration", "a custom message needs a delivery_uri",
    ),
    "template name": (
        lambda: spring().template("push", "bad name!"),
        "template_configuration.push_template.name",
        "'bad name!' must start alphanumeric and hold only letters, digits, _ and -",
    ),
    "treatments over 100": (
        lambda: spring().treatment(size_percent=60).treatment(size_percent=35).holdout(10),
        "additional_treatments",
        "treatment sizes (60 + 35) and holdout (10) add up to 105, more than 100",
    ),
    "treatment size": (
        lambda: spring().treatment(size_percent=120),
        "additional_treatments[0].size_percent", "120 is out of range 0..100",
    ),
    "treatment schedule": (
        lambda: spring().treatment(size_percent=10, schedule=models.Schedule(start_time="x")),
        "additional_treatments[0].schedule.start_time", "'x' is not 'IMMEDIATE' or an ISO date",
    ),
    "treatment push body": (
        lambda: spring().treatment(size_percent=10, message_configuration=models.MessageConfiguration(
            default_message=models.Message(body="y" * 250))),
        "additional_treatments[0].message_configuration.default_message.body",
        "250 characters, at most 200",
    ),
    "holdout": (
        lambda: spring().holdout(101), "holdout_percent", "101 is out of range 0..100",
    ),
    "daily": (
        lambda: spring().limits(daily=101), "limits.daily", "101 is out of range 0..100",
    ),
    "total": (
        lambda: spring().limits(total=200), "limits.total", "200 is out of range 0..100",
    ),
    "messages per second": (
        lambda: spring().limits(messages_per_second=0),
        "limits.messages_per_second", "0 is out of range 1..20000",
    ),
    "maximum duration": (
        lambda: spring().limits(maximum_duration=30),
        "limits.maximum_duration", "30 seconds, at least 60",
    ),
    "hook target": (
        lambda: spring().hook(mode="FILTER"), "hook", "a hook needs lambda_function_name or web_url",
    ),
}


@pytest.mark.parametrize("case", list(BAD_CAMPAIGNS))
def test_invalid_campaign_reports_the_path(case: str) -> None:
    make, path, message = BAD_CAMPAIGNS[case]
    assert (path, message) in problems_of(make().build)


def test_campaign_problems_are_reported_together() -> None:
    paths = [p for p, _ in problems_of(CampaignBuilder("c").holdout(150).build)]
    assert paths == ["segment_id", "schedule", "message_configuration", "holdout_percent"]


def test_set_rejects_unknown_fields() -> None:
    with pytest.raises(TypeError, match="no settable field 'colour'"):
        CampaignBuilder("c").set(colour="red")
    with pytest.raises(TypeError, match="WriteTreatmentResource has no field 'colour'"):
        CampaignBuilder("c").treatment(colour="red")


def test_schedule_sugar_replaces_the_previous_schedule() -> None:
    request = spring().on_event("cart").immediately().build()
    assert request.schedule is not None
    assert request.schedule.event_filter is None
    assert request.schedule.start_time == "IMMEDIATE"


def test_schedule_fields_apply_on_top_of_the_current_schedule() -> None:
    request = spring().immediately().schedule(timezone="Europe/Paris").build()
    assert request.schedule is not None
    assert (request.schedule.start_time, request.schedule.timezone) == (
        "IMMEDIATE", "Europe/Paris",
    )


def test_tags_that_are_not_a_mapping_are_a_validation_error_naming_the_field() -> None:
    with pytest.raises(errors.ValidationError, match=r"^tags: expected a dict, got list$"):
        spring().tags(["team"]).build()  # type: ignore[arg-type]
