"""Property tests of the converter over the whole model: random wire dicts for every shape
survive structure -> unstructure unchanged, models survive unstructure -> structure, and
unstructured operation inputs pass botocore's own parameter validation."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import pytest
from botocore.validate import ParamValidator
from corehelpers import shape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pinpoint_sdk import _schema, enums, models
from pinpoint_sdk._schema_types import TypeRef
from pinpoint_sdk.converter import structure, unknown_fields, unstructure

MAX_DEPTH = 3
SETTINGS = settings(
    max_examples=12,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)

_PRIMS: dict[str, st.SearchStrategy[Any]] = {
    "str": st.text(max_size=6),
    "int": st.integers(min_value=-(2**31), max_value=2**31 - 1),
    "float": st.floats(allow_nan=False, allow_infinity=False),
    "bool": st.booleans(),
    "datetime": st.datetimes(timezones=st.just(dt.UTC)),
    "bytes": st.binary(max_size=6),
}
_KEYS = st.text(min_size=1, max_size=4)


def _value(type_spec: TypeRef, depth: int) -> st.SearchStrategy[Any]:
    kind, target, item = type_spec.kind, type_spec.name, type_spec.item
    if kind == "prim":
        return _PRIMS[target]
    if kind == "enum":
        return st.one_of(st.sampled_from(_schema.ENUMS[target]), st.text(max_size=6))
    if kind == "struct":
        return wire_dict(target, depth + 1)
    assert item is not None
    if kind == "list":
        return st.lists(_value(item, depth + 1), max_size=0 if depth >= MAX_DEPTH else 2)
    return st.dictionaries(_KEYS, _value(item, depth + 1), max_size=0 if depth >= MAX_DEPTH else 2)


@functools.cache
def wire_dict(shape_name: str, depth: int = 0) -> st.SearchStrategy[dict[str, Any]]:
    """A model-valid wire dict for ``shape_name``; beyond MAX_DEPTH only required members."""
    members = _schema.SHAPES[shape_name].members
    must = {m.wire: _value(m.type, depth) for m in members if m.required}
    may = {} if depth >= MAX_DEPTH else {
        m.wire: _value(m.type, depth) for m in members if not m.required
    }
    return st.fixed_dictionaries(must, optional=may)


def assert_same(actual: Any, expected: Any, path: str = "$") -> None:
    """Deep equality that also insists on identical types (bool is not int, str not enum)."""
    assert type(actual) is type(expected), f"{path}: {type(actual)} != {type(expected)}"
    if isinstance(expected, dict):
        assert actual.keys() == expected.keys(), path
        for key in expected:
            assert_same(actual[key], expected[key], f"{path}.{key}")
    elif isinstance(expected, list):
        assert len(actual) == len(expected), path
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            assert_same(a, e, f"{path}[{i}]")
    else:
        assert actual == expected, path


SHAPE_NAMES = sorted(_schema.SHAPES)
INPUT_SHAPES = sorted({op.input for op in _schema.OPERATIONS.values()})


@pytest.mark.parametrize("name", SHAPE_NAMES)
def test_structure_then_unstructure_returns_the_wire_dict(name: str) -> None:
    cls = getattr(models, name)

    @SETTINGS
    @given(wire_dict(name))
    def check(data: dict[str, Any]) -> None:
        model = structure(data, cls)
        assert isinstance(model, cls)
        assert_same(unstructure(model), data)
        assert structure(unstructure(model), cls) == model

    check()


@pytest.mark.parametrize("name", INPUT_SHAPES)
def test_unstructured_operation_input_passes_botocore_validation(name: str) -> None:
    cls = getattr(models, name)
    validator = ParamValidator()
    input_shape = shape(name)

    @SETTINGS
    @given(wire_dict(name))
    def check(data: dict[str, Any]) -> None:
        params = unstructure(structure(data, cls))
        report = validator.validate(params, input_shape)
        assert not report.has_errors(), report.generate_report()

    check()


def test_shape_strategy_covers_every_schema_shape() -> None:
    assert len(SHAPE_NAMES) == 451
    assert len(INPUT_SHAPES) == 122


# ------------------------------------------------------------ forward compatibility

def test_unknown_top_level_key_is_preserved() -> None:
    data = {"Id": "a", "NewField": {"x": [1, 2]}}
    model = structure(data, models.ApplicationResponse)
    assert unknown_fields(model) == {"NewField": {"x": [1, 2]}}
    assert unstructure(model) == data


def test_unknown_key_in_nested_structure_is_preserved() -> None:
    data = {"ApplicationResponse": {"Id": "a", "Shiny": True}, "Extra": 1}
    model = structure(data, models.GetAppResponse)
    assert model.application_response is not None
    assert model.application_response.id == "a"
    assert unstructure(model) == data


def test_unknown_key_inside_list_items_is_preserved() -> None:
    data = {"ApplicationsResponse": {"Item": [{"Id": "a"}, {"Id": "b", "Future": "x"}]}}
    model = structure(data, models.GetAppsResponse)
    assert model.applications_response is not None
    items = model.applications_response.item
    assert items is not None
    assert all(isinstance(item, models.ApplicationResponse) for item in items)
    assert unstructure(model) == data


def test_unknown_key_inside_map_values_is_preserved() -> None:
    data = {
        "Activities": {"a1": {"Description": "d", "Future": {"Deep": 1}}},
        "ApplicationId": "app",
        "Id": "j",
        "Name": "n",
    }
    model = structure(data, models.JourneyResponse)
    assert model.activities is not None
    assert isinstance(model.activities["a1"], models.Activity)
    assert unknown_fields(model.activities["a1"]) == {"Future": {"Deep": 1}}
    assert unstructure(model) == data


def test_known_enum_value_becomes_enum_member() -> None:
    model = structure({"CampaignStatus": "PAUSED"}, models.CampaignState)
    assert model.campaign_status is enums.CampaignStatus.PAUSED
    assert type(unstructure(model)["CampaignStatus"]) is str


def test_unknown_enum_value_is_kept_as_an_unlisted_member() -> None:
    model = structure({"CampaignStatus": "HIBERNATING"}, models.CampaignState)
    status = model.campaign_status
    assert status == "HIBERNATING" and isinstance(status, str)
    assert isinstance(status, enums.CampaignStatus)
    assert status not in list(enums.CampaignStatus)
    assert "not in the service model" in repr(status) and "HIBERNATING" in repr(status)
    assert enums.CampaignStatus("HIBERNATING") is status  # one member per unknown value
    wire = unstructure(model)["CampaignStatus"]
    assert wire == "HIBERNATING" and type(wire) is str


def test_unknown_enum_value_in_list_is_kept_as_an_unlisted_member() -> None:
    data = {"EndpointTypes": ["EMAIL", "CARRIER_PIGEON"]}
    model = structure(data, models.CustomDeliveryConfiguration)
    assert model.endpoint_types is not None
    assert [type(t) for t in model.endpoint_types] == [enums.EndpointTypesElement] * 2
    assert model.endpoint_types[0] is enums.EndpointTypesElement.EMAIL
    assert unstructure(model) == data


def test_constructors_take_plain_strings_for_enum_fields() -> None:
    assert models.CampaignState(campaign_status="PAUSED").campaign_status is (
        enums.CampaignStatus.PAUSED
    )
    unknown = models.CampaignState(campaign_status="HIBERNATING").campaign_status
    assert isinstance(unknown, enums.CampaignStatus) and unknown == "HIBERNATING"
    listed = models.CustomDeliveryConfiguration(endpoint_types=["SMS"]).endpoint_types
    assert listed == [enums.EndpointTypesElement.SMS]
    assert models.CampaignState(campaign_status="PAUSED") == structure(
        {"CampaignStatus": "PAUSED"}, models.CampaignState
    )


def test_a_non_text_enum_value_is_kept_aside_not_on_the_member() -> None:
    model = structure({"CampaignStatus": 7}, models.CampaignState)
    assert model.campaign_status is None
    assert unstructure(model) == {"CampaignStatus": 7}


def test_enum_member_unstructures_to_plain_string() -> None:
    model = models.CampaignState(campaign_status=enums.CampaignStatus.COMPLETED)
    value = unstructure(model)["CampaignStatus"]
    assert value == "COMPLETED" and type(value) is str


def test_missing_required_output_members_parse() -> None:
    model = structure({}, models.CampaignResponse)
    assert model == models.CampaignResponse()
    assert model.id is None and model.arn is None
    assert unstructure(model) == {}


def test_value_of_wrong_json_type_is_kept_as_sent() -> None:
    data = {"Id": "a", "CreationDate": 1715949000.123}
    model = structure(data, models.ApplicationResponse)
    # Kept aside with the unknown keys, never on the str-typed member.
    assert model.creation_date is None
    assert unknown_fields(model) == {"CreationDate": 1715949000.123}
    assert unstructure(model) == data


def test_wrong_container_types_are_kept_as_sent() -> None:
    data = {
        "ApplicationsResponse": {"Item": {"not": "a list"}, "NextToken": 5},
    }
    model = structure(data, models.GetAppsResponse)
    assert model.applications_response is not None
    assert model.applications_response.item is None
    assert model.applications_response.next_token is None
    assert unstructure(model) == data


def test_structure_where_a_string_was_sent_is_kept() -> None:
    data = {"ApplicationResponse": "gone"}
    model = structure(data, models.GetAppResponse)
    assert model.application_response is None
    assert unknown_fields(model) == {"ApplicationResponse": "gone"}
    assert unstructure(model) == data


def test_none_members_are_omitted_from_unstructure() -> None:
    model = models.ApplicationResponse(id="a", name=None)
    assert unstructure(model) == {"Id": "a"}


def test_datetime_and_bytes_pass_through_unchanged() -> None:
    when = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    blob = b"\x00\x01"
    event = models.RawEmail(data=blob)
    assert unstructure(event)["Data"] is blob
    assert unstructure(models.QuietTime(start="00:00")) == {"Start": "00:00"}
    kpi = models.GetApplicationDateRangeKpiRequest(
        application_id="a", kpi_name="k", start_time=when
    )
    assert unstructure(kpi)["StartTime"] is when


def test_model_built_by_constructor_round_trips() -> None:
    request = models.WriteCampaignRequest(
        name="c",
        segment_id="s",
        schedule=models.Schedule(start_time="IMMEDIATE", frequency=enums.Frequency.ONCE),
        message_configuration=models.MessageConfiguration(
            sms_message=models.CampaignSmsMessage(body="hi", message_type="PROMOTIONAL")
        ),
        tags={"team": "growth"},
    )
    assert structure(unstructure(request), models.WriteCampaignRequest) == request


def test_unknown_fields_survive_evolve() -> None:
    import attrs

    model = structure({"Id": "a", "Later": [1]}, models.ApplicationResponse)
    changed = attrs.evolve(model, name="renamed")
    assert unstructure(changed) == {"Id": "a", "Name": "renamed", "Later": [1]}


def test_structure_accepts_any_mapping_at_top_level() -> None:
    # structure() is typed ``data: Mapping[str, Any]``; a non-dict mapping must still
    # produce the model, not be returned unchanged.
    from collections import OrderedDict
    from types import MappingProxyType

    for data in (OrderedDict(Id="a"), MappingProxyType({"Id": "a"})):
        model = structure(data, models.ApplicationResponse)
        assert isinstance(model, models.ApplicationResponse)
        assert model.id == "a"
