"""Every PinpointClient method, exercised through botocore's Stubber: the request boto3
receives, and the typed result built from the stubbed response."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from botocore import xform_name
from botocore.model import ListShape, MapShape, Shape, StructureShape
from botocore.stub import Stubber
from corehelpers import (
    operation_names,
    paginated_operations,
    payload_member,
    service_model,
    wire_value,
)

from pinpoint_sdk import PinpointClient, _schema, errors, models
from pinpoint_sdk.converter import structure, unstructure

OPERATIONS = operation_names()
PAGINATED = paginated_operations()


def call_arguments(op_name: str, *, full: bool, skip: tuple[str, ...] = ()) -> tuple[
    dict[str, Any], dict[str, Any]
]:
    """(keyword arguments for the SDK method, the wire params boto3 should receive)."""
    op = service_model().operation_model(op_name)
    input_shape = op.input_shape
    assert isinstance(input_shape, StructureShape)
    kwargs: dict[str, Any] = {}
    wire: dict[str, Any] = {}
    for name, member in input_shape.members.items():
        if name in skip or (not full and name not in input_shape.required_members):
            continue
        value = wire_value(member, f"{op_name}.{name}", full=full)
        wire[name] = value
        if isinstance(member, StructureShape):
            kwargs[xform_name(name)] = structure(value, getattr(models, member.name))
        elif name == "PageSize":
            wire[name] = "25"
            kwargs["page_size"] = 25
        else:
            kwargs[xform_name(name)] = value
    return kwargs, wire


def assert_typed(value: Any, s: Shape, path: str = "result") -> None:
    """Every structure in ``value`` is an instance of the model named like its shape."""
    if isinstance(s, StructureShape):
        cls = getattr(models, s.name)
        assert isinstance(value, cls), f"{path}: {type(value).__name__} is not {s.name}"
        for name, member in s.members.items():
            child = getattr(value, xform_name(name))
            if child is not None:
                assert_typed(child, member, f"{path}.{xform_name(name)}")
    elif isinstance(s, ListShape):
        assert isinstance(value, list), path
        for i, item in enumerate(value):
            assert_typed(item, s.member, f"{path}[{i}]")
    elif isinstance(s, MapShape):
        assert isinstance(value, dict), path
        for key, item in value.items():
            assert_typed(item, s.value, f"{path}[{key!r}]")


def test_client_has_one_method_per_operation_and_22_pages() -> None:
    public = {
        name for name, _ in inspect.getmembers(PinpointClient, inspect.isfunction)
        if not name.startswith("_")
    }
    expected = {xform_name(op) for op in OPERATIONS}
    expected |= {f"{xform_name(op)}_pages" for op in PAGINATED}
    assert len(OPERATIONS) == 122 and len(PAGINATED) == 22
    assert expected <= public
    assert {m for m in public if m.endswith("_pages")} == {
        f"{xform_name(op)}_pages" for op in PAGINATED
    }


@pytest.mark.parametrize("op_name", OPERATIONS)
def test_method_parameters_are_keyword_only_member_names(op_name: str) -> None:
    input_shape = service_model().operation_model(op_name).input_shape
    signature = inspect.signature(getattr(PinpointClient, xform_name(op_name)))
    params = [p for p in signature.parameters.values() if p.name != "self"]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params)
    assert {p.name for p in params} == {xform_name(m) for m in input_shape.members}
    required = {p.name for p in params if p.default is inspect.Parameter.empty}
    assert required == {xform_name(m) for m in input_shape.required_members}


@pytest.mark.parametrize("full", [True, False], ids=["all-members", "required-only"])
@pytest.mark.parametrize("op_name", OPERATIONS)
def test_operation_round_trip_through_stubber(
    op_name: str, full: bool, stubbed: tuple[PinpointClient, Stubber]
) -> None:
    client, stubber = stubbed
    op = service_model().operation_model(op_name)
    kwargs, expected_params = call_arguments(op_name, full=full)
    output_shape = op.output_shape
    response = wire_value(output_shape, op_name, full=full) if output_shape is not None else {}
    stubber.add_response(xform_name(op_name), response, expected_params)

    result = getattr(client, xform_name(op_name))(**kwargs)

    if output_shape is None:
        assert result is None
        return
    assert type(result) is getattr(models, output_shape.name)
    assert_typed(result, output_shape)
    assert unstructure(result) == response
    payload = payload_member(op_name)
    if payload is not None and full:
        payload_shape = output_shape.members[payload]
        value = getattr(result, xform_name(payload))
        if isinstance(payload_shape, StructureShape):
            assert isinstance(value, getattr(models, payload_shape.name))


# ----------------------------------------------------------------------------- pages

TOKEN_PAGINATED = [op for op in PAGINATED if "NextToken" in service_model()
                   .operation_model(op).output_shape.members[payload_member(op)].members]
NO_TOKEN_PAGINATED = [op for op in PAGINATED if op not in TOKEN_PAGINATED]


def _input_token(op_name: str) -> str:
    members = service_model().operation_model(op_name).input_shape.members
    return "Token" if "Token" in members else "NextToken"


def _page(op_name: str, token: str | None) -> dict[str, Any]:
    output_shape = service_model().operation_model(op_name).output_shape
    payload = payload_member(op_name)
    assert payload is not None
    body = wire_value(output_shape.members[payload], f"{op_name}.page", full=False)
    if token is not None:
        body["NextToken"] = token
    return {payload: body}


def _stub_pages(stubber: Stubber, op_name: str, tokens: list[str | None]) -> dict[str, Any]:
    """Queue one page per entry of ``tokens`` (the NextToken each page returns)."""
    kwargs, params = call_arguments(op_name, full=False, skip=("Token", "NextToken"))
    kwargs["page_size"] = 25
    params["PageSize"] = "25"
    sent: str | None = None
    for token in tokens:
        expected = dict(params)
        if sent:
            expected[_input_token(op_name)] = sent
        stubber.add_response(xform_name(op_name), _page(op_name, token), expected)
        sent = token
    return kwargs


def test_four_journey_metric_operations_have_no_output_token() -> None:
    assert sorted(NO_TOKEN_PAGINATED) == [
        "GetJourneyExecutionActivityMetrics",
        "GetJourneyExecutionMetrics",
        "GetJourneyRunExecutionActivityMetrics",
        "GetJourneyRunExecutionMetrics",
    ]


@pytest.mark.parametrize("op_name", TOKEN_PAGINATED)
def test_pages_follow_the_token_until_absent(
    op_name: str, stubbed: tuple[PinpointClient, Stubber]
) -> None:
    client, stubber = stubbed
    kwargs = _stub_pages(stubber, op_name, ["t1", "t2", "t3", None])
    pages = list(getattr(client, f"{xform_name(op_name)}_pages")(**kwargs))
    assert len(pages) == 4
    output_cls = getattr(models, service_model().operation_model(op_name).output_shape.name)
    assert all(type(page) is output_cls for page in pages)


@pytest.mark.parametrize("op_name", TOKEN_PAGINATED)
def test_pages_stop_on_empty_token(op_name: str, stubbed: tuple[PinpointClient, Stubber]) -> None:
    client, stubber = stubbed
    kwargs = _stub_pages(stubber, op_name, ["t1", ""])
    assert len(list(getattr(client, f"{xform_name(op_name)}_pages")(**kwargs))) == 2


@pytest.mark.parametrize("op_name", TOKEN_PAGINATED)
def test_pages_raise_on_repeating_token(
    op_name: str, stubbed: tuple[PinpointClient, Stubber]
) -> None:
    client, stubber = stubbed
    kwargs = _stub_pages(stubber, op_name, ["t1", "t2", "t1"])
    pages = getattr(client, f"{xform_name(op_name)}_pages")(**kwargs)
    seen = []
    with pytest.raises(errors.PaginationError):
        for page in pages:
            seen.append(page)
    assert len(seen) == 3


@pytest.mark.parametrize("op_name", NO_TOKEN_PAGINATED)
def test_pages_without_output_token_yield_one_page(
    op_name: str, stubbed: tuple[PinpointClient, Stubber]
) -> None:
    client, stubber = stubbed
    kwargs = _stub_pages(stubber, op_name, [None])
    pages = list(getattr(client, f"{xform_name(op_name)}_pages")(**kwargs))
    assert len(pages) == 1


@pytest.mark.parametrize("op_name", PAGINATED)
def test_pages_method_takes_no_token_argument(op_name: str) -> None:
    signature = inspect.signature(getattr(PinpointClient, f"{xform_name(op_name)}_pages"))
    assert "token" not in signature.parameters
    assert "next_token" not in signature.parameters
    assert "page_size" in signature.parameters


def test_page_size_int_is_sent_as_string(stubbed: tuple[PinpointClient, Stubber]) -> None:
    client, stubber = stubbed
    stubber.add_response("get_apps", {"ApplicationsResponse": {}}, {"PageSize": "7"})
    client.get_apps(page_size=7)


def test_page_size_string_is_sent_unchanged(stubbed: tuple[PinpointClient, Stubber]) -> None:
    client, stubber = stubbed
    stubber.add_response("get_apps", {"ApplicationsResponse": {}}, {"PageSize": "7"})
    client.get_apps(page_size="7")


def test_nonpositive_page_size_is_rejected_before_sending(
    stubbed: tuple[PinpointClient, Stubber],
) -> None:
    client, _stubber = stubbed
    with pytest.raises(errors.ValidationError) as info:
        client.get_apps(page_size=0)
    assert info.value.path == "page_size"


def test_pages_are_lazy(stubbed: tuple[PinpointClient, Stubber]) -> None:
    client, stubber = stubbed
    stubber.add_response("get_apps", {"ApplicationsResponse": {"NextToken": "t1"}}, {})
    first = next(client.get_apps_pages())
    assert first.applications_response is not None
    assert first.applications_response.next_token == "t1"


def test_nested_payload_is_converted_into_models(stubbed: tuple[PinpointClient, Stubber]) -> None:
    client, stubber = stubbed
    response = {
        "CampaignResponse": {
            "ApplicationId": "app", "Arn": "arn", "CreationDate": "2024-01-01",
            "Id": "c", "LastModifiedDate": "2024-01-01", "SegmentId": "s", "SegmentVersion": 1,
            "Schedule": {"StartTime": "IMMEDIATE", "Frequency": "ONCE"},
            "State": {"CampaignStatus": "COMPLETED"},
        }
    }
    stubber.add_response(
        "get_campaign", response, {"ApplicationId": "app", "CampaignId": "c"}
    )
    result = client.get_campaign(application_id="app", campaign_id="c")
    campaign = result.campaign_response
    assert isinstance(campaign, models.CampaignResponse)
    assert isinstance(campaign.schedule, models.Schedule)
    assert campaign.state == models.CampaignState(campaign_status="COMPLETED")


def test_schema_operations_match_botocore() -> None:
    assert sorted(_schema.OPERATIONS) == sorted(OPERATIONS)
    for op_name, schema in _schema.OPERATIONS.items():
        op = service_model().operation_model(op_name)
        assert schema.method == xform_name(op_name)
        assert schema.input == op.input_shape.name
        assert schema.output == (op.output_shape.name if op.output_shape else None)
