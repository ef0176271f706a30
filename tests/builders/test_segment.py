"""SegmentBuilder and the condition DSL: valid output passes botocore; bad input names its path."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from builderhelpers import assert_valid_for, problems_of

from pinpoint_sdk import converter, models
from pinpoint_sdk.builders import Dimensions, SegmentBuilder
from pinpoint_sdk.builders import conditions as c


def gold() -> SegmentBuilder:
    return SegmentBuilder("gold").channel("EMAIL").user_attribute("plan", ["gold"])


def test_every_criterion_is_accepted_by_botocore() -> None:
    request = (
        gold()
        .attribute("city", ["Paris"], exclude=True)
        .attribute("signup", ["2024-01-01T00:00:00Z"], attribute_type="AFTER")
        .metric("sessions", ">=", 5)
        .location("US", "CA", latitude=47.6, longitude=-122.3, range_km=50)
        .recency("DAY_7", active=False)
        .app_version("2.1.0").platform("ios").make("apple").model("iPhone").device_type("PHONE")
        .tags({"team": "growth"})
        .build()
    )
    dims = converter.unstructure(request)["Dimensions"]
    assert dims["Attributes"]["city"]["AttributeType"] == "EXCLUSIVE"
    assert dims["Attributes"]["signup"]["AttributeType"] == "AFTER"
    assert dims["Metrics"]["sessions"] == {"ComparisonOperator": "GREATER_THAN_OR_EQUAL",
                                           "Value": 5.0}
    assert dims["Behavior"]["Recency"] == {"Duration": "DAY_7", "RecencyType": "INACTIVE"}
    assert dims["Location"]["GPSPoint"]["RangeInKilometers"] == 50.0
    assert set(dims["Demographic"]) == {"Channel", "AppVersion", "Platform", "Make", "Model",
                                        "DeviceType"}
    assert_valid_for("CreateSegment", request)


def test_segment_group_with_any_of_dimensions_and_source_segments() -> None:
    request = (
        SegmentBuilder("either")
        .group(
            Dimensions().channel("EMAIL"),
            Dimensions().channel("SMS"),
            match="ANY",
            source_segments=["base", ("other", 2)],
        )
        .include("ALL")
        .build()
    )
    groups = converter.unstructure(request)["SegmentGroups"]
    assert groups["Include"] == "ALL"
    assert groups["Groups"][0]["Type"] == "ANY"
    assert groups["Groups"][0]["SourceType"] == "ANY"
    assert groups["Groups"][0]["SourceSegments"] == [{"Id": "base"}, {"Id": "other", "Version": 2}]
    assert_valid_for("CreateSegment", request)


def test_none_group_excludes_its_dimensions() -> None:
    request = SegmentBuilder("not-sms").group(Dimensions().channel("SMS"), match="NONE").build()
    assert request.segment_groups is not None and request.segment_groups.groups is not None
    assert request.segment_groups.groups[0].type == "NONE"
    assert_valid_for("CreateSegment", request)


def test_from_model_round_trips_and_keeps_unknown_keys() -> None:
    wire = converter.unstructure(gold().group(Dimensions().platform("ios")).build())
    wire["Dimensions"]["FutureDimension"] = {"X": 1}
    wire["SegmentGroups"]["FutureGroupFlag"] = True
    response = converter.structure({**wire, "Id": "s-1", "SegmentType": "DIMENSIONAL"},
                                   models.SegmentResponse)
    rebuilt = converter.unstructure(SegmentBuilder.from_model(response).build())
    assert rebuilt == wire


def test_dimensions_builder_alone_returns_segment_dimensions() -> None:
    dims = Dimensions().metric("visits", ">", 3).build()
    assert dims == models.SegmentDimensions(
        metrics={"visits": models.MetricDimension(comparison_operator="GREATER_THAN", value=3.0)}
    )


def _many_attributes(count: int) -> SegmentBuilder:
    builder = SegmentBuilder("big")
    for index in range(count):
        builder.attribute(f"a{index}", "v")
    return builder


BAD_SEGMENTS: dict[str, tuple[Callable[[], SegmentBuilder], str, str]] = {
    "no name": (lambda: SegmentBuilder("").channel("SMS"), "name", "a segment name is required"),
    "too many dimensions": (
        lambda: _many_attributes(101), "dimensions", "101 dimensions, at most 100",
    ),
    "dimensions counted across groups": (
        lambda: _many_attributes(100).group(Dimensions().channel("SMS")),
        "dimensions", "101 dimensions, at most 100",
    ),
    "two groups": (
        lambda: gold().group(Dimensions().channel("SMS")).group(Dimensions().channel("EMAIL")),
        "segment_groups.groups", "2 groups, at most 1",
    ),
    "attribute without values": (
        lambda: gold().attribute("city", []),
        "dimensions.attributes['city'].values", "at least one value is required",
    ),
    "attribute name length": (
        lambda: gold().user_attribute("n" * 51, "v"),
        f"dimensions.user_attributes[{'n' * 51!r}]", "name has 51 characters, at most 50",
    ),
    "too many values": (
        lambda: gold().attribute("city", [str(i) for i in range(51)]),
        "dimensions.attributes['city'].values", "51 values, at most 50",
    ),
    "metric operator": (
        lambda: gold().metric("visits", "~", 1),
        "dimensions.metrics['visits'].comparison_operator", "unknown operator '~'",
    ),
    "latitude": (
        lambda: gold().location(latitude=91.0, longitude=0.0),
        "dimensions.location.gps_point.coordinates.latitude", "91.0 is out of range -90..90",
    ),
    "longitude": (
        lambda: gold().location(latitude=0.0, longitude=-181.0),
        "dimensions.location.gps_point.coordinates.longitude",
        "-181.0 is out of range -180..180",
    ),
    "range": (
        lambda: gold().location(latitude=0.0, longitude=0.0, range_km=0),
        "dimensions.location.gps_point.range_in_kilometers", "must be greater than 0",
    ),
    "empty channel": (
        lambda: SegmentBuilder("s").channel(),
        "dimensions.demographic.channel.values", "at least one value is required",
    ),
    "group dimension": (
        lambda: SegmentBuilder("s").group(Dimensions().metric("m", "bigger", 1)),
        "segment_groups.groups[0].dimensions[0].metrics['m'].comparison_operator",
        "unknown operator 'bigger'",
    ),
    "source segment id": (
        lambda: SegmentBuilder("s").group(source_segments=[""]),
        "segment_groups.groups[0].source_segments[0].id", "required",
    ),
}


@pytest.mark.parametrize("case", list(BAD_SEGMENTS))
def test_invalid_segment_reports_the_path(case: str) -> None:
    make, path, message = BAD_SEGMENTS[case]
    assert (path, message) in problems_of(make().build)


def test_exactly_100_dimensions_are_allowed() -> None:
    assert _many_attributes(100).validate() == []


@pytest.mark.parametrize(
    ("symbol", "wire"),
    [(">", "GREATER_THAN"), ("<", "LESS_THAN"), (">=", "GREATER_THAN_OR_EQUAL"),
     ("<=", "LESS_THAN_OR_EQUAL"), ("==", "EQUAL"), ("LESS_THAN", "LESS_THAN")],
)
def test_metric_operators_map_to_service_names(symbol: str, wire: str) -> None:
    dims = c.metric("m", symbol, 1).segment_dimensions
    assert dims is not None and dims.metrics is not None
    assert dims.metrics["m"].comparison_operator == wire


def test_condition_combinators_set_the_operator() -> None:
    both = c.all_of(c.in_segment("a"), c.user_attribute("plan", "gold"))
    either = c.any_of(c.in_segment("a"))
    assert both.operator == "ALL" and both.conditions is not None and len(both.conditions) == 2
    assert either.operator == "ANY"


def test_excluded_event_condition_is_exclusive() -> None:
    cond = c.event("purchase", exclude=True).event_condition
    assert cond is not None and cond.dimensions is not None
    assert cond.dimensions.event_type is not None
    assert cond.dimensions.event_type.dimension_type == "EXCLUSIVE"
