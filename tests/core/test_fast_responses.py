"""Typed responses built from the wire JSON (`pinpoint_sdk._fastparse`).

The fast path must give, for every body whose values have their modeled JSON types, the
model botocore's parser followed by ``structure`` gives; it must act only on calls made
through `PinpointClient`, leave a client the user passes in alone unless they opt in, and
keep what botocore's parser would drop or coerce.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import boto3
import botocore.session
import pytest
from botocore.parsers import RestJSONParser
from http_faults import answer, fixed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pinpoint_sdk import (
    PinpointClient,
    _fastparse,
    _schema,
    enable_fast_responses,
    errors,
    models,
)
from pinpoint_sdk.converter import structure, unknown_fields, unstructure

SERVICE = botocore.session.get_session().get_service_model("pinpoint")
OPERATIONS = [name for name in SERVICE.operation_names
              if SERVICE.operation_model(name).output_shape is not None]
MAX_DEPTH = 5


def _output_class(operation: str) -> Any:
    return getattr(models, SERVICE.operation_model(operation).output_shape.name)


def _parsed_by_botocore(operation: str, body: bytes) -> dict[str, Any]:
    response = {"body": body, "headers": {"x-amzn-requestid": "req-1"}, "status_code": 200}
    parsed: dict[str, Any] = RestJSONParser().parse(
        response, SERVICE.operation_model(operation).output_shape)
    return parsed


def taken_by_the_fast_path(operation: str, body: bytes) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the response dict left for the parser, the payload member) after ``before-parse``."""
    response = {"body": body, "headers": {"x-amzn-requestid": "req-1"}, "status_code": 200}
    customized: dict[str, Any] = {}
    with _fastparse.active():
        _fastparse.before_parse(operation_model=SERVICE.operation_model(operation),
                                response_dict=response, customized_response_dict=customized)
    assert response["body"] == b"", "the fast path did not take the body"
    return response, customized


def _parsed_fast(operation: str, body: bytes) -> dict[str, Any]:
    """What botocore's endpoint hands back with the handler installed (its own sequence)."""
    response, customized = taken_by_the_fast_path(operation, body)
    parsed: dict[str, Any] = RestJSONParser().parse(
        response, SERVICE.operation_model(operation).output_shape)
    parsed.update(customized)
    return parsed


def _typed(parsed: dict[str, Any], operation: str) -> Any:
    metadata = parsed.pop("ResponseMetadata")
    assert metadata["RequestId"] == "req-1"
    assert metadata["HTTPStatusCode"] == 200
    return structure(parsed, _output_class(operation))


def assert_same_model(operation: str, body: bytes) -> None:
    reference = _typed(_parsed_by_botocore(operation, body), operation)
    fast = _typed(_parsed_fast(operation, body), operation)
    assert fast == reference
    # repr tells 42 from 42.0 and one datetime zone from another, which == does not.
    assert repr(unstructure(fast)) == repr(unstructure(reference))


# Wire values by botocore shape: every member with its modeled JSON type.


def _json_name(name: str, member: Any) -> str:
    return str(member.serialization.get("name", name))


_TIMESTAMPS = st.one_of(
    st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2100, 1, 1),
                 timezones=st.sampled_from([UTC, None])).map(lambda t: t.isoformat()),
    st.integers(min_value=0, max_value=4_000_000_000),
)
_STRATEGIES: dict[tuple[str, int], st.SearchStrategy[Any]] = {}


def wire_value(shape: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    key = (shape.name, depth)
    if key not in _STRATEGIES:
        _STRATEGIES[key] = _wire_value(shape, depth)
    return _STRATEGIES[key]


def _wire_value(shape: Any, depth: int) -> st.SearchStrategy[Any]:
    kind = shape.type_name
    if kind == "structure":
        if depth > MAX_DEPTH:
            return st.just({})
        return st.fixed_dictionaries({}, optional={
            _json_name(name, member): wire_value(member, depth + 1)
            for name, member in shape.members.items()
        })
    if kind == "list":
        return st.lists(wire_value(shape.member, depth + 1), max_size=2)
    if kind == "map":
        return st.dictionaries(st.text(max_size=4), wire_value(shape.value, depth + 1),
                               max_size=2)
    if kind == "string":
        if getattr(shape, "enum", None):
            return st.sampled_from(shape.enum) | st.text(max_size=6)
        return st.text(max_size=8)
    if kind in ("integer", "long"):
        return st.integers(min_value=-(2**31), max_value=2**31 - 1)
    if kind in ("double", "float"):
        return st.integers(-1000, 1000) | st.floats(allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "timestamp":
        return _TIMESTAMPS
    raise AssertionError(f"no wire values for {shape.name} ({kind})")


def full_value(shape: Any, depth: int = 0) -> Any:
    """Every member set, lists and maps of two: each member of every shape appears."""
    kind = shape.type_name
    if kind == "structure":
        if depth > MAX_DEPTH + 2:
            return {}
        return {_json_name(name, member): full_value(member, depth + 1)
                for name, member in shape.members.items()}
    if kind == "list":
        return [full_value(shape.member, depth + 1) for _ in range(2)]
    if kind == "map":
        return {f"k{i}": full_value(shape.value, depth + 1) for i in range(2)}
    if kind == "string":
        return (getattr(shape, "enum", None) or ["text"])[0]
    return { "integer": 7, "long": 7,
            "double": 3, "float": 3, "boolean": True,
            "timestamp": "2026-01-02T03:04:05Z"}[kind]


def _payload_shape(operation: str) -> Any:
    output = SERVICE.operation_model(operation).output_shape
    return output.members[output.serialization["payload"]]


def test_every_output_has_one_structure_payload_taken_by_the_fast_path() -> None:
    # What the plan relies on; a model update adding header members would show here.
    for operation in OPERATIONS:
        output = SERVICE.operation_model(operation).output_shape
        assert list(output.members) == [output.serialization["payload"]], operation
        assert _payload_shape(operation).type_name == "structure", operation
        assert _fastparse._plan(SERVICE.operation_model(operation)) is not None


_SCHEMA_PRIMITIVES = {"string": "str", "integer": "int", "long": "int", "double": "float",
                      "float": "float", "boolean": "bool", "timestamp": "datetime",
                      "blob": "bytes"}


def test_the_schema_holds_every_fact_the_fast_path_reads() -> None:
    # Payload member, botocore type of each primitive member and the JSON key of each body
    # member: the facts `_fastparse` reads from `_schema` instead of botocore's model.
    renamed = []
    for name, schema in _schema.SHAPES.items():
        shape = SERVICE.shape_for(name)
        assert schema.payload == shape.serialization.get("payload"), name
        for member in schema.members:
            botocore_member = shape.members[member.wire]
            if botocore_member.type_name in _SCHEMA_PRIMITIVES:
                assert (member.type.kind, member.type.name) in {
                    ("prim", _SCHEMA_PRIMITIVES[botocore_member.type_name]),
                    ("enum", member.type.name),
                }, (name, member.wire)
            body_key = (None if "location" in botocore_member.serialization
                        else _json_name(member.wire, botocore_member))
            expected = body_key if body_key not in (None, member.wire) else None
            assert member.json_name == expected, (name, member.wire)
            if expected is not None:
                renamed.append((name, member.wire, expected))
    assert ("SimpleCondition", "SegmentDimensions", "segmentDimensions") in renamed


def test_the_plan_needs_only_the_operation_name(monkeypatch: pytest.MonkeyPatch) -> None:
    # Nothing but the name is read from botocore's operation model: no output shape.
    monkeypatch.setattr(_fastparse, "_PLANS", {})

    class NameOnly:
        name = "GetJourney"

    body = json.dumps({"Id": "j", "Schedule": {"StartTime": 1767225600}, "Activities": {
        "split": {"ConditionalSplit": {"Condition": {"Conditions": [{
            "segmentDimensions": {"Demographic": {"Channel": {"Values": ["SMS"]}}}}]}}}},
    }).encode()
    response = {"body": body, "headers": {}, "status_code": 200}
    customized: dict[str, Any] = {}
    with _fastparse.active():
        _fastparse.before_parse(operation_model=NameOnly(), response_dict=response,
                                customized_response_dict=customized)
    payload = customized["JourneyResponse"]
    assert payload["Schedule"]["StartTime"] == datetime(2026, 1, 1, tzinfo=UTC)
    condition = payload["Activities"]["split"]["ConditionalSplit"]["Condition"]
    simple = condition["Conditions"][0]
    assert "segmentDimensions" not in simple and "Demographic" in simple["SegmentDimensions"]
    assert_same_model("GetJourney", body)

    class Unknown:
        name = "SomeNewerOperation"

    assert _fastparse._plan(Unknown()) is None  # left to botocore


@pytest.mark.parametrize("operation", OPERATIONS)
def test_fully_populated_body_gives_botocores_model(operation: str) -> None:
    body = json.dumps(full_value(_payload_shape(operation))).encode()
    assert_same_model(operation, body)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_random_valid_bodies_give_botocores_model(operation: str) -> None:
    @settings(max_examples=8, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(wire_value(_payload_shape(operation)))
    def check(payload: dict[str, Any]) -> None:
        assert_same_model(operation, json.dumps(payload).encode())

    check()


def test_doubles_sent_as_integers_become_floats() -> None:
    body = json.dumps({"Location": {"Latitude": 47, "Longitude": 8.5}}).encode()
    endpoint = _typed(_parsed_fast("GetEndpoint", body), "GetEndpoint").endpoint_response
    assert endpoint.location.latitude == 47.0
    assert type(endpoint.location.latitude) is float


def test_journey_timestamps_parse_like_botocore() -> None:
    body = json.dumps({"Id": "j", "Schedule": {
        "StartTime": "2026-01-02T03:04:05Z", "EndTime": 1767225600, "Timezone": "UTC"}}).encode()
    fast = _typed(_parsed_fast("GetJourney", body), "GetJourney").journey_response.schedule
    assert fast.start_time == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert fast.end_time == datetime(2026, 1, 1, tzinfo=UTC)
    assert_same_model("GetJourney", body)


def test_unreadable_timestamp_is_kept_not_raised() -> None:
    body = json.dumps({"Id": "j", "Schedule": {"EndTime": "not a time"}}).encode()
    with pytest.raises(ValueError):  # botocore's parser fails the whole call here
        _parsed_by_botocore("GetJourney", body)
    schedule = _typed(_parsed_fast("GetJourney", body), "GetJourney").journey_response.schedule
    assert schedule.end_time is None
    assert unknown_fields(schedule) == {"EndTime": "not a time"}


@pytest.mark.parametrize("body", [b"", b"  ", b"null"])
def test_empty_and_null_bodies_are_left_to_botocore(body: bytes) -> None:
    operation_model = SERVICE.operation_model("GetApp")
    response = {"body": body, "headers": {}, "status_code": 200}
    customized: dict[str, Any] = {}
    with _fastparse.active():
        _fastparse.before_parse(operation_model=operation_model, response_dict=response,
                                customized_response_dict=customized)
    assert customized == {}
    assert response["body"] == body


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'"text"', b"7", b'{"Id": "a'])
def test_other_bodies_that_are_not_json_objects_raise(body: bytes) -> None:
    response = {"body": body, "headers": {"X-Amzn-RequestId": "req-3"}, "status_code": 200}
    with _fastparse.active(), pytest.raises(errors.UnreadableResponseError) as info:
        _fastparse.before_parse(operation_model=SERVICE.operation_model("GetApp"),
                                response_dict=response, customized_response_dict={})
    assert info.value.request_id == "req-3"
    assert info.value.status_code == 200
    assert info.value.operation_name == "GetApp"


def test_handler_does_nothing_outside_the_sdks_calls() -> None:
    body = b'{"Id": "app", "Name": "demo"}'
    response = {"body": body, "headers": {}, "status_code": 200}
    customized: dict[str, Any] = {}
    _fastparse.before_parse(operation_model=SERVICE.operation_model("GetApp"),
                            response_dict=response, customized_response_dict=customized)
    assert (customized, response["body"]) == ({}, body)


# Through real boto3 clients: endpoint, signing, retry handler and parser all run; a
# before-send handler answers instead of the network.

CAMPAIGN = {
    "Id": "c1", "ApplicationId": "app", "Arn": "arn", "CreationDate": "2026-01-01T00:00:00Z",
    "LastModifiedDate": "2026-01-01T00:00:00Z", "SegmentId": "s", "SegmentVersion": 1,
    "IsPaused": "yes",  # wrong JSON type: botocore's parser makes it False
    "Limits": {"Daily": True, "Total": 5},  # wrong type: botocore's parser makes Daily 1
    "FutureField": {"kept": True},  # not in the model: botocore's parser drops it
}
BODY = {"Item": [CAMPAIGN], "NextToken": "t"}


def _sdk_client() -> PinpointClient:
    return PinpointClient(region_name="us-east-1")


def _check_fast(result: models.GetCampaignsResponse) -> None:
    campaign = result.campaigns_response.item[0]
    assert campaign.is_paused is None
    assert campaign.limits.daily is None
    assert campaign.limits.total == 5
    assert unknown_fields(campaign) == {"IsPaused": "yes", "FutureField": {"kept": True}}
    assert unknown_fields(campaign.limits) == {"Daily": True}
    # Written back as sent: a read-modify-write keeps what the service sent.
    assert unstructure(campaign)["FutureField"] == {"kept": True}
    assert result.request_id == "req-1"
    assert result.http_status_code == 200


def _check_botocore(result: models.GetCampaignsResponse) -> None:
    campaign = result.campaigns_response.item[0]
    assert campaign.is_paused is False
    assert campaign.limits.daily == 1
    assert unknown_fields(campaign) == {}


def test_clients_the_sdk_creates_use_the_fast_path() -> None:
    client = _sdk_client()
    answer(client, "GetCampaigns", fixed(200, BODY))
    _check_fast(client.get_campaigns(application_id="app"))
    assert _fastparse._ACTIVE.get() is False


def test_the_boto3_client_called_directly_still_returns_botocores_dict() -> None:
    client = _sdk_client()
    answer(client, "GetCampaigns", fixed(200, BODY))
    raw = client.boto3_client.get_campaigns(ApplicationId="app")
    campaign = raw["CampaignsResponse"]["Item"][0]
    assert "FutureField" not in campaign
    assert campaign["IsPaused"] is False
    assert campaign["Limits"]["Daily"] == 1
    assert raw["ResponseMetadata"]["RequestId"] == "req-1"
    # ... and the typed calls on the same client still take the fast path.
    _check_fast(client.get_campaigns(application_id="app"))


def _users_client() -> Any:
    return boto3.session.Session(region_name="us-east-1").client("pinpoint")


def test_a_passed_in_client_is_untouched_unless_opted_in() -> None:
    boto = _users_client()
    client = PinpointClient(boto)
    answer(boto, "GetCampaigns", fixed(200, BODY))
    _check_botocore(client.get_campaigns(application_id="app"))

    assert enable_fast_responses(boto) is boto
    _check_fast(client.get_campaigns(application_id="app"))
    _check_botocore(structure(
        {"CampaignsResponse": boto.get_campaigns(ApplicationId="app")["CampaignsResponse"]},
        models.GetCampaignsResponse))


def test_opting_in_a_session_client_leaves_other_clients_of_the_session_alone() -> None:
    session = boto3.session.Session(region_name="us-east-1")
    opted, other = session.client("pinpoint"), session.client("pinpoint")
    enable_fast_responses(opted)
    for boto in (opted, other):
        answer(boto, "GetCampaigns", fixed(200, BODY))
    _check_fast(PinpointClient(opted).get_campaigns(application_id="app"))
    _check_botocore(PinpointClient(other).get_campaigns(application_id="app"))
    fresh = PinpointClient(session=session)  # the session itself was not changed either
    answer(fresh, "GetCampaigns", fixed(200, BODY))
    _check_fast(fresh.get_campaigns(application_id="app"))


def test_enable_fast_responses_refuses_other_clients() -> None:
    with pytest.raises(TypeError, match="pinpoint"):
        enable_fast_responses(boto3.session.Session(region_name="us-east-1").client("sqs"))


ERROR_CASES = [
    (404, "NotFoundException", errors.NotFoundError),
    (400, "BadRequestException", errors.BadRequestError),
    (429, "TooManyRequestsException", errors.TooManyRequestsError),
]


def error_reply(status: int, error_type: str) -> Any:
    """A modeled error reply (request id ``req-9``) of the service."""
    body = {"Message": "no such thing", "RequestID": "body-id"}
    headers = {"Content-Type": "application/json", "x-amzn-RequestId": "req-9",
               "x-amzn-ErrorType": error_type}
    return fixed(status, body, headers)


def plain_client(**client_kwargs: Any) -> PinpointClient:
    """A `PinpointClient` over a boto3 client nobody opted in: botocore's parser."""
    return PinpointClient(boto3.session.Session(region_name="us-east-1").client(
        "pinpoint", **client_kwargs))


@pytest.mark.parametrize("status, error_type, expected", ERROR_CASES)
def test_errors_are_the_same_on_both_paths(
    status: int, error_type: str, expected: type[errors.PinpointServiceError]
) -> None:
    from botocore.config import Config

    config = Config(retries={"max_attempts": 1})
    fast = PinpointClient(region_name="us-east-1", config=config)
    plain = plain_client(config=config)
    caught = []
    for client in (fast, plain):
        answer(client, "GetCampaign", error_reply(status, error_type))
        with pytest.raises(expected) as info:
            client.get_campaign(application_id="app", campaign_id="c")
        caught.append(info.value)
    assert str(caught[0]) == str(caught[1])
    assert caught[0].response == caught[1].response
    assert caught[0].request_id == "req-9"
    assert _fastparse._ACTIVE.get() is False


def test_pages_follow_tokens_on_the_fast_path() -> None:
    client = _sdk_client()
    pages = [{"Item": [{**CAMPAIGN, "Id": "c1"}], "NextToken": "t2"},
             {"Item": [{**CAMPAIGN, "Id": "c2"}]}]
    answer(client, "GetCampaigns", *(fixed(200, page) for page in pages))
    ids = [page.campaigns_response.item[0].id
           for page in client.get_campaigns_pages(application_id="app")]
    assert ids == ["c1", "c2"]


def test_resources_root_creates_a_fast_path_client() -> None:
    from pinpoint_sdk import Pinpoint

    pp = Pinpoint(region_name="us-east-1")
    answer(pp.client, "GetCampaigns", fixed(200, BODY))
    _check_fast(pp.client.get_campaigns(application_id="app"))
