"""Builders check what they build with the SDK's one model check plus their own rules."""

from __future__ import annotations

from datetime import datetime

from builderhelpers import problems_of

from pinpoint_sdk import limits, models
from pinpoint_sdk._validation import check_shape
from pinpoint_sdk.builders import CampaignBuilder, JourneyBuilder, SegmentBuilder
from pinpoint_sdk.builders._checks import BUILDER_RULES


def _spring() -> CampaignBuilder:
    return (
        CampaignBuilder("spring")
        .segment("all")
        .at(datetime(2030, 3, 1, 9), timezone="UTC")
        .email(title="Sale", html_body="<p>20% off</p>", from_address="a@example.com")
    )


def test_a_builder_reports_the_service_limits_the_client_checks() -> None:
    tags = {f"k{i}": "v" for i in range(limits.MAX_TAGS_PER_RESOURCE + 1)}
    builder = SegmentBuilder("s").channel("SMS").tags(tags)

    problems = builder.validate()

    assert problems == [("tags", "51 tags; the service accepts at most 50 per request")]
    # The same check, and message, as the typed client's on the built request.
    assert check_shape("WriteSegmentRequest", builder._assemble()) == problems


def test_a_builder_reports_a_member_of_the_wrong_type() -> None:
    builder = _spring().set(holdout_percent="10")  # type: ignore[typeddict-item]

    # The builder's range rule does not trip over it: the type is what is reported.
    assert problems_of(builder.build) == [("holdout_percent", "expected int, got str")]


def test_builder_rules_hold_wherever_their_shape_is_nested() -> None:
    # A journey's event start filter is the same EventDimensions as a split's condition.
    long_name = "n" * (limits.MAX_ATTRIBUTE_NAME_LENGTH + 1)
    builder = (
        JourneyBuilder("j").start("a").wait("a", "P1D")
        .start_on_event("signup", attributes={long_name: "x"}, metrics={"m": ("odd", 1.0)})
    )

    problems = builder.validate()

    where = "start_condition.event_start_condition.event_filter.dimensions"
    assert sorted(problems) == [
        (f"{where}.attributes[{long_name!r}]", "name has 51 characters, at most 50"),
        (f"{where}.metrics['m'].comparison_operator", "unknown operator 'odd'"),
    ]


def test_quiet_time_is_checked_in_a_treatment_schedule_too() -> None:
    treatment_schedule = models.Schedule(start_time="IMMEDIATE",
                                         quiet_time=models.QuietTime(start="22:00"))
    builder = _spring().treatment(treatment_name="B", size_percent=10,
                                  schedule=treatment_schedule)

    assert ("additional_treatments[0].schedule.quiet_time.end",
            "quiet time needs both start and end") in builder.validate()


def test_a_builder_message_replaces_the_generic_one_at_the_same_path() -> None:
    problems = JourneyBuilder("").start("a").wait("a", "P1D").validate()

    # The model requires ``name``; the builder says so in its own words, once.
    assert [p for p in problems if p[0] == "name"] == [("name", "a journey name is required")]
    unnamed = models.WriteJourneyRequest(name=None)  # type: ignore[arg-type]
    assert check_shape("WriteJourneyRequest", unnamed, rules=BUILDER_RULES) == [
        ("name", "is required")
    ]


def test_builder_rules_do_not_apply_to_the_clients_check() -> None:
    condition = models.SimpleCondition()
    request = models.WriteJourneyRequest(name="j", activities={"a": models.Activity(
        conditional_split=models.ConditionalSplitActivity(
            condition=models.Condition(conditions=[condition])))})

    assert check_shape("WriteJourneyRequest", request) == []
    assert check_shape("WriteJourneyRequest", request, rules=BUILDER_RULES) == [
        ("activities['a'].conditional_split.condition.conditions[0]", "the condition is empty"),
    ]
