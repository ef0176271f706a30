"""The offline double's segment evaluator, one dimension kind at a time."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pinpoint_sdk.testing._core import Versioned
from pinpoint_sdk.testing._segments import SegmentError, SegmentEvaluator, distance_km

ENDPOINTS: dict[str, dict[str, Any]] = {
    "ios-us": {
        "ChannelType": "APNS",
        "Demographic": {"Platform": "ios", "AppVersion": "2.0", "Make": "Apple", "Model": "iPhone"},
        "Location": {"Country": "US", "Latitude": 47.61, "Longitude": -122.33},
        "Attributes": {"plan": ["gold"], "signup": ["2024-03-10T08:00:00Z"]},
        "User": {"UserId": "u1", "UserAttributes": {"team": ["blue", "red"]}},
        "Metrics": {"score": 10.0},
    },
    "android-fr": {
        "ChannelType": "GCM",
        "Demographic": {"Platform": "android", "AppVersion": "1.0", "Make": "Google"},
        "Location": {"Country": "FR", "Latitude": 48.86, "Longitude": 2.35},
        "Attributes": {"plan": ["silver", "trial"], "signup": ["2024-03-11T23:30:00Z"]},
        "User": {"UserId": "u2", "UserAttributes": {"team": ["green"]}},
        "Metrics": {"score": 3.5},
    },
    "email-bare": {"ChannelType": "EMAIL", "Address": "a@example.com"},
}


def _segments(*definitions: dict[str, Any], imported: bool = False) -> dict[str, Versioned]:
    kind = "IMPORT" if imported else "DIMENSIONAL"
    return {"s": Versioned([{**d, "SegmentType": kind} for d in definitions])}


def select(
    definition: dict[str, Any],
    endpoints: dict[str, dict[str, Any]] | None = None,
    **others: dict[str, Any],
) -> list[str]:
    """Ids of the endpoints a dimensional segment with ``definition`` holds."""
    segments = _segments(definition)
    for segment_id, other in others.items():
        segments[segment_id] = Versioned([{**other, "SegmentType": "DIMENSIONAL"}])
    return SegmentEvaluator(
        ENDPOINTS if endpoints is None else endpoints, segments, {}
    ).endpoint_ids("s")


def dims(**members: Any) -> dict[str, Any]:
    return {"Dimensions": members}


def error_of(definition: dict[str, Any], **others: dict[str, Any]) -> SegmentError:
    with pytest.raises(SegmentError) as info:
        select(definition, **others)
    return info.value


# -- no criteria ---------------------------------------------------------------------------
def test_a_segment_without_criteria_holds_every_endpoint_in_table_order() -> None:
    assert select({"Name": "all"}) == ["ios-us", "android-fr", "email-bare"]


# -- Demographic and Location: SetDimension --------------------------------------------------
@pytest.mark.parametrize(
    ("name", "values", "inside"),
    [
        ("Platform", ["ios"], ["ios-us"]),
        ("AppVersion", ["1.0", "3.0"], ["android-fr"]),
        ("Make", ["Apple", "Google"], ["ios-us", "android-fr"]),
        ("Model", ["iPhone"], ["ios-us"]),
        ("Channel", ["EMAIL", "GCM"], ["android-fr", "email-bare"]),
    ],
)
def test_demographic_inclusive_and_exclusive(
    name: str, values: list[str], inside: list[str]
) -> None:
    inclusive = {name: {"DimensionType": "INCLUSIVE", "Values": values}}
    exclusive = {name: {"DimensionType": "EXCLUSIVE", "Values": values}}

    assert select(dims(Demographic=inclusive)) == inside
    assert select(dims(Demographic=exclusive)) == [e for e in ENDPOINTS if e not in inside]


def test_dimension_type_defaults_to_inclusive() -> None:
    assert select(dims(Demographic={"Platform": {"Values": ["android"]}})) == ["android-fr"]


def test_a_value_that_is_not_a_string_is_never_listed() -> None:
    odd = {"odd": {"Demographic": {"Platform": ["ios"]}}}
    platform = {"Values": ["ios"]}

    assert select(dims(Demographic={"Platform": platform}), odd) == []
    assert select(
        dims(Demographic={"Platform": {**platform, "DimensionType": "EXCLUSIVE"}}), odd
    ) == ["odd"]


def test_a_source_segment_version_that_is_not_a_number_fails() -> None:
    error = error_of(_group(SourceSegments=[{"Id": "src", "Version": [1]}]), src={})

    assert error.path == "SegmentGroups.Groups[0].SourceSegments[0].Version"


def test_location_country() -> None:
    country = {"Country": {"DimensionType": "EXCLUSIVE", "Values": ["US"]}}

    assert select(dims(Location=country)) == ["android-fr", "email-bare"]


def test_location_gps_point_selects_endpoints_within_range() -> None:
    seattle = {"Latitude": 47.6, "Longitude": -122.3}
    near = {"GPSPoint": {"Coordinates": seattle, "RangeInKilometers": 10}}
    far = {"GPSPoint": {"Coordinates": seattle, "RangeInKilometers": 9000}}

    assert select(dims(Location=near)) == ["ios-us"]
    assert select(dims(Location=far)) == ["ios-us", "android-fr"]


def test_gps_point_without_a_range_is_not_guessed() -> None:
    point = {"GPSPoint": {"Coordinates": {"Latitude": 0, "Longitude": 0}}}

    assert error_of(dims(Location=point)).path == "Dimensions.Location.GPSPoint.RangeInKilometers"


def test_distance_km_between_paris_and_seattle() -> None:
    assert 8000 < distance_km(48.86, 2.35, 47.61, -122.33) < 8100
    assert distance_km(10, 20, 10, 20) == 0


# -- what the double cannot evaluate --------------------------------------------------------
def test_recency_fails_naming_the_dimension() -> None:
    recency = {"Recency": {"Duration": "DAY_7", "RecencyType": "ACTIVE"}}

    error = error_of(dims(Behavior=recency))

    assert error.path == "Dimensions.Behavior.Recency"
    assert "engagement history" in str(error)


def test_device_type_fails_naming_the_dimension() -> None:
    device = {"DeviceType": {"Values": ["PHONE"]}}

    assert error_of(dims(Demographic=device)).path == "Dimensions.Demographic.DeviceType"


def test_an_unknown_dimension_fails() -> None:
    assert error_of(dims(Weather={"Values": ["sunny"]})).path == "Dimensions.Weather"


def test_an_unsupported_dimension_fails_even_with_no_endpoints() -> None:
    recency = {"Recency": {"Duration": "DAY_7", "RecencyType": "ACTIVE"}}

    with pytest.raises(SegmentError):
        select(dims(Behavior=recency), endpoints={})


# -- Attributes and UserAttributes: AttributeDimension ---------------------------------------
@pytest.mark.parametrize(
    ("kind", "values", "inside"),
    [
        ("INCLUSIVE", ["gold", "trial"], ["ios-us", "android-fr"]),
        ("INCLUSIVE", ["platinum"], []),
        ("EXCLUSIVE", ["trial"], ["ios-us", "email-bare"]),
        ("CONTAINS", ["ilv"], ["android-fr"]),
        ("CONTAINS", ["o", "zzz"], ["ios-us"]),
    ],
)
def test_attribute_value_kinds(kind: str, values: list[str], inside: list[str]) -> None:
    attributes = {"plan": {"AttributeType": kind, "Values": values}}

    assert select(dims(Attributes=attributes)) == inside


@pytest.mark.parametrize(
    ("kind", "values", "inside"),
    [
        ("BEFORE", ["2024-03-11T00:00:00Z"], ["ios-us"]),
        ("BEFORE", ["2024-03-10T08:00:00Z"], []),
        ("AFTER", ["2024-03-10T08:00:00Z"], ["android-fr"]),
        ("ON", ["2024-03-11T05:00:00Z"], ["android-fr"]),
        ("ON", ["2024-03-10"], ["ios-us"]),
        ("BETWEEN", ["2024-03-10T08:00:00Z", "2024-03-11T00:00:00Z"], ["ios-us"]),
        ("BETWEEN", ["2024-01-01T00:00:00Z", "2024-12-31T00:00:00Z"], ["ios-us", "android-fr"]),
        ("AFTER", ["2024-03-11T22:30:00-02:00"], []),
    ],
)
def test_attribute_date_kinds(kind: str, values: list[str], inside: list[str]) -> None:
    attributes = {"signup": {"AttributeType": kind, "Values": values}}

    assert select(dims(Attributes=attributes)) == inside


def test_date_kinds_skip_values_that_are_not_dates() -> None:
    attributes = {"plan": {"AttributeType": "AFTER", "Values": ["2000-01-01T00:00:00Z"]}}

    assert select(dims(Attributes=attributes)) == []


@pytest.mark.parametrize(
    ("kind", "values", "path"),
    [
        ("BEFORE", ["yesterday"], "Dimensions.Attributes.signup.Values[0]"),
        ("BETWEEN", ["2024-01-01T00:00:00Z"], "Dimensions.Attributes.signup.Values"),
        (
            "BETWEEN",
            ["2025-01-01T00:00:00Z", "2024-01-01T00:00:00Z"],
            "Dimensions.Attributes.signup.Values",
        ),
        ("SOUNDS_LIKE", ["x"], "Dimensions.Attributes.signup.AttributeType"),
    ],
)
def test_malformed_attribute_dimensions_name_the_member(
    kind: str, values: list[str], path: str
) -> None:
    attributes = {"signup": {"AttributeType": kind, "Values": values}}

    assert error_of(dims(Attributes=attributes)).path == path


def test_user_attributes_match_the_user_of_the_endpoint() -> None:
    inclusive = {"team": {"AttributeType": "INCLUSIVE", "Values": ["red"]}}
    exclusive = {"team": {"AttributeType": "EXCLUSIVE", "Values": ["red"]}}

    assert select(dims(UserAttributes=inclusive)) == ["ios-us"]
    assert select(dims(UserAttributes=exclusive)) == ["android-fr", "email-bare"]


# -- Metrics: MetricDimension ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("operator", "value", "inside"),
    [
        ("GREATER_THAN", 3.5, ["ios-us"]),
        ("GREATER_THAN_OR_EQUAL", 3.5, ["ios-us", "android-fr"]),
        ("LESS_THAN", 10, ["android-fr"]),
        ("LESS_THAN_OR_EQUAL", 10, ["ios-us", "android-fr"]),
        ("EQUAL", 3.5, ["android-fr"]),
    ],
)
def test_metric_operators(operator: str, value: float, inside: list[str]) -> None:
    metrics = {"score": {"ComparisonOperator": operator, "Value": value}}

    assert select(dims(Metrics=metrics)) == inside


def test_an_unknown_comparison_operator_fails() -> None:
    metrics = {"score": {"ComparisonOperator": "ABOUT", "Value": 3}}

    assert error_of(dims(Metrics=metrics)).path == "Dimensions.Metrics.score.ComparisonOperator"


# -- combining criteria ----------------------------------------------------------------------
def test_the_criteria_of_one_dimensions_object_must_all_hold() -> None:
    both = dims(
        Demographic={"Platform": {"Values": ["ios", "android"]}},
        Location={"Country": {"Values": ["FR", "DE"]}},
    )

    assert select(both) == ["android-fr"]


def _group(**members: Any) -> dict[str, Any]:
    return {"SegmentGroups": {"Include": "ALL", "Groups": [members]}}


IOS = {"Demographic": {"Platform": {"Values": ["ios"]}}}
FR = {"Location": {"Country": {"Values": ["FR"]}}}


@pytest.mark.parametrize(
    ("how", "inside"),
    [("ALL", []), ("ANY", ["ios-us", "android-fr"]), ("NONE", ["email-bare"])],
)
def test_group_type_combines_its_dimensions(how: str, inside: list[str]) -> None:
    assert select(_group(Dimensions=[IOS, FR], Type=how)) == inside


def test_several_dimensions_without_a_type_are_not_guessed() -> None:
    assert error_of(_group(Dimensions=[IOS, FR])).path == "SegmentGroups.Groups[0].Type"


def test_include_none_holds_the_endpoints_outside_the_group() -> None:
    segment = {"SegmentGroups": {"Include": "NONE", "Groups": [{"Dimensions": [IOS]}]}}

    assert select(segment) == ["android-fr", "email-bare"]


def test_top_level_dimensions_and_groups_must_both_hold() -> None:
    segment = {**dims(**FR), **_group(Dimensions=[IOS], Type="NONE")}

    assert select(segment) == ["android-fr"]


@pytest.mark.parametrize(
    ("how", "inside"),
    [("ALL", ["ios-us"]), ("ANY", ["ios-us", "android-fr"]), ("NONE", ["email-bare"])],
)
def test_source_segments_combine_by_source_type(how: str, inside: list[str]) -> None:
    sources = [{"Id": "ios"}, {"Id": "apps"}]
    apps = dims(Demographic={"Channel": {"Values": ["APNS", "GCM"]}})

    found = select(_group(SourceSegments=sources, SourceType=how), ios=dims(**IOS), apps=apps)

    assert found == inside


def test_a_group_filters_its_source_segment_by_its_dimensions() -> None:
    apps = dims(Demographic={"Channel": {"Values": ["APNS", "GCM"]}})

    found = select(_group(SourceSegments=[{"Id": "apps"}], Dimensions=[FR]), apps=apps)

    assert found == ["android-fr"]


def test_a_source_segment_version_is_evaluated_as_it_was() -> None:
    segments = _segments({"Name": "s", **_group(SourceSegments=[{"Id": "src", "Version": 1}])})
    segments["src"] = Versioned(
        [
            {"SegmentType": "DIMENSIONAL", **dims(**FR)},
            {"SegmentType": "DIMENSIONAL", **dims(**IOS)},
        ]
    )
    evaluator = SegmentEvaluator(ENDPOINTS, segments, {})

    assert evaluator.endpoint_ids("s") == ["android-fr"]
    assert evaluator.endpoint_ids("src") == ["ios-us"]
    assert evaluator.endpoint_ids("src", 1) == ["android-fr"]


def test_a_missing_source_segment_fails_naming_the_reference() -> None:
    error = error_of(_group(SourceSegments=[{"Id": "gone"}]))

    assert error.path == "SegmentGroups.Groups[0].SourceSegments[0]"
    assert "gone does not exist" in str(error)


def test_an_unsupported_dimension_in_a_source_segment_fails_naming_both() -> None:
    recency = dims(Behavior={"Recency": {"Duration": "DAY_7", "RecencyType": "ACTIVE"}})

    error = error_of(_group(SourceSegments=[{"Id": "src"}]), src=recency)

    assert "SourceSegments[0] (segment src): Dimensions.Behavior.Recency" in str(error)


def test_segments_built_on_each_other_in_a_cycle_fail() -> None:
    error = error_of(_group(SourceSegments=[{"Id": "a"}]), a=_group(SourceSegments=[{"Id": "s"}]))

    assert "cycle: s -> a -> s" in str(error)


# -- imported segments -----------------------------------------------------------------------
def test_an_imported_segment_holds_its_existing_members_in_table_order() -> None:
    evaluator = SegmentEvaluator(
        ENDPOINTS,
        _segments({"Name": "i"}, imported=True),
        {"s": ("email-bare", "deleted", "ios-us")},
    )

    assert evaluator.endpoint_ids("s") == ["ios-us", "email-bare"]


def test_an_imported_segment_without_members_is_empty() -> None:
    evaluator = SegmentEvaluator(ENDPOINTS, _segments({"Name": "i"}, imported=True), {})

    assert evaluator.endpoint_ids("s") == []


# -- properties ------------------------------------------------------------------------------
WORDS = st.sampled_from(["a", "b", "ab", "ba", "2024-01-01", "2024-06-30T12:00:00Z"])
ENDPOINT_SETS = st.dictionaries(
    st.text("xyz", min_size=1, max_size=4),
    st.fixed_dictionaries(
        {},
        optional={
            "Demographic": st.fixed_dictionaries({}, optional={"Platform": WORDS}),
            "Attributes": st.fixed_dictionaries({}, optional={"k": st.lists(WORDS, max_size=3)}),
            "Metrics": st.fixed_dictionaries({}, optional={"m": st.floats(-5, 5, allow_nan=False)}),
        },
    ),
    max_size=8,
)


@given(ENDPOINT_SETS, st.lists(WORDS, max_size=3))
def test_inclusive_and_exclusive_set_dimensions_partition_the_endpoints(
    endpoints: dict[str, dict[str, Any]], values: list[str]
) -> None:
    inside = select(dims(Demographic={"Platform": {"Values": values}}), endpoints)
    outside = select(
        dims(Demographic={"Platform": {"DimensionType": "EXCLUSIVE", "Values": values}}), endpoints
    )

    assert sorted(inside + outside) == sorted(endpoints)
    assert not set(inside) & set(outside)


@given(ENDPOINT_SETS, st.lists(WORDS, max_size=3))
def test_inclusive_and_exclusive_attributes_partition_the_endpoints(
    endpoints: dict[str, dict[str, Any]], values: list[str]
) -> None:
    inside = select(
        dims(Attributes={"k": {"AttributeType": "INCLUSIVE", "Values": values}}), endpoints
    )
    outside = select(
        dims(Attributes={"k": {"AttributeType": "EXCLUSIVE", "Values": values}}), endpoints
    )

    assert sorted(inside + outside) == sorted(endpoints)
    assert not set(inside) & set(outside)


@given(ENDPOINT_SETS, st.floats(-5, 5, allow_nan=False))
def test_less_equal_and_greater_partition_the_endpoints_with_the_metric(
    endpoints: dict[str, dict[str, Any]], bound: float
) -> None:
    def chosen(operator: str) -> list[str]:
        metrics = {"m": {"ComparisonOperator": operator, "Value": bound}}
        return select(dims(Metrics=metrics), endpoints)

    with_metric = [key for key, e in endpoints.items() if "m" in e.get("Metrics", {})]

    assert sorted(chosen("LESS_THAN") + chosen("EQUAL") + chosen("GREATER_THAN")) == sorted(
        with_metric
    )
    assert sorted(chosen("LESS_THAN_OR_EQUAL")) == sorted(chosen("LESS_THAN") + chosen("EQUAL"))


@given(ENDPOINT_SETS)
def test_group_none_is_the_complement_of_group_any(endpoints: dict[str, dict[str, Any]]) -> None:
    criteria = [
        {"Demographic": {"Platform": {"Values": ["a"]}}},
        {"Attributes": {"k": {"AttributeType": "CONTAINS", "Values": ["b"]}}},
    ]
    any_of = select(_group(Dimensions=criteria, Type="ANY"), endpoints)
    none_of = select(_group(Dimensions=criteria, Type="NONE"), endpoints)

    assert sorted(any_of + none_of) == sorted(endpoints)
    assert not set(any_of) & set(none_of)
