"""The generated schema (`pinpoint_sdk._schema`) agrees with botocore's service model.

Every shape and operation is compared with botocore's own reading of the model: member
attribute and wire names in order, types, required members, URI labels, secrets, HTTP
method and URI, and the pagination members. The documented limits the schema carries are
the ones the client's checks enforce. The records are frozen, shared where equal, and the
schema-driven response -> write-request projection of the resources behaves as a
projection read from botocore's runtime model does (hypothesis, at every depth, with
values of the wrong JSON type and keys no model knows).
"""

from __future__ import annotations

import keyword
import re
import subprocess
import sys
from collections.abc import Mapping
from typing import Any

import pytest
from botocore import xform_name
from botocore.model import ListShape, MapShape, Shape, StructureShape
from botocore.validate import ParamValidator
from corehelpers import model_structure_names, service_model, shape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_property_roundtrip import wire_dict
from test_runtime_types import corrupted

from pinpoint_sdk import _schema, _validation, errors, limits, models
from pinpoint_sdk._schema_types import Limits, MemberSchema, ShapeSchema, TypeRef
from pinpoint_sdk.converter import structure, unstructure
from pinpoint_sdk.resources._base import to_write_request

PRIMITIVES = {
    "string": "str", "integer": "int", "long": "int", "double": "float", "float": "float",
    "boolean": "bool", "timestamp": "datetime", "blob": "bytes",
}


def _type_of(s: Shape) -> TypeRef:
    """The schema type botocore's shape ``s`` should have, derived independently."""
    if isinstance(s, StructureShape):
        return TypeRef("struct", s.name)
    if isinstance(s, ListShape):
        return TypeRef("list", item=_type_of(s.member))
    if isinstance(s, MapShape):
        return TypeRef("map", item=_type_of(s.value))
    if s.type_name == "string" and s.enum:
        return TypeRef("enum", s.name.lstrip("_"))
    return TypeRef("prim", PRIMITIVES[s.type_name])


def _attribute(wire: str) -> str:
    name = xform_name(wire)
    return f"{name}_" if keyword.iskeyword(name) else name


def _all_members() -> list[tuple[ShapeSchema, MemberSchema]]:
    return [(s, m) for s in _schema.SHAPES.values() for m in s.members]


def _operation_inputs() -> set[str]:
    return {op.input for op in _schema.OPERATIONS.values()}


# ------------------------------------------------------------------------ shapes


def test_one_schema_per_model_class_and_per_operation() -> None:
    assert sorted(_schema.SHAPES) == model_structure_names()
    assert sorted(_schema.OPERATIONS) == sorted(service_model().operation_names)
    assert len(_schema.SHAPES) == 451 and len(_schema.OPERATIONS) == 122
    for name, schema in _schema.SHAPES.items():
        assert schema.name == name
        assert getattr(models, name).__module__ == f"pinpoint_sdk.models._{schema.group}"


def test_members_names_wire_names_types_and_required_match_botocore() -> None:
    wrong = []
    for name, schema in _schema.SHAPES.items():
        botocore_shape = shape(name)
        assert isinstance(botocore_shape, StructureShape)
        expected = [
            (_attribute(wire), wire, _type_of(member), wire in botocore_shape.required_members)
            for wire, member in botocore_shape.members.items()
        ]
        actual = [(m.name, m.wire, m.type, m.required) for m in schema.members]
        if actual != expected:
            wrong.append(name)
    assert wrong == []


def test_member_names_are_the_model_class_attributes() -> None:
    import attrs

    for name, schema in _schema.SHAPES.items():
        public = [a.name for a in attrs.fields(getattr(models, name)) if not a.name.startswith("_")]
        assert sorted(public) == sorted(m.name for m in schema.members), name
        assert schema.required == tuple(m.name for m in schema.members if m.required)


def test_uri_labels_are_the_members_botocore_sends_in_the_uri() -> None:
    inputs = _operation_inputs()
    labelled = 0
    for s, m in _all_members():
        in_uri = s.name in inputs and shape(s.name).members[m.wire].serialization.get(
            "location") == "uri"
        assert m.uri_label == in_uri, (s.name, m.wire)
        labelled += in_uri
    assert labelled > 100


def test_secrets_include_whatever_botocore_marks_sensitive_and_are_text() -> None:
    secret = {(s.name, m.wire) for s, m in _all_members() if m.secret}
    marked = {
        (s.name, m.wire) for s, m in _all_members()
        if shape(s.name).members[m.wire].metadata.get("sensitive")
        or shape(s.name).metadata.get("sensitive")
    }
    assert marked <= secret
    assert {"ClientSecret", "PrivateKey", "ApiKey", "Otp"} <= {wire for _s, wire in secret}
    for s, m in _all_members():
        if m.secret:
            leaf = m.type
            while leaf.item is not None:
                leaf = leaf.item
            assert (leaf.kind, leaf.name) in {("prim", "str"), ("prim", "bytes")}, (s.name, m)


def test_iso8601_formats_sit_on_string_members_documented_as_iso_8601() -> None:
    found = 0
    for s, m in _all_members():
        if m.iso8601 is None:
            continue
        found += 1
        assert m.type is _schema.STR
        assert re.search(r"ISO[ -]8601", shape(s.name).members[m.wire].documentation), m
        assert m.iso8601.kind in ("date-time", "duration", "time")
    assert found > 10
    start = _schema.SHAPES["Schedule"].by_wire()["StartTime"].iso8601
    assert start is not None and "IMMEDIATE" in start.literals


def test_errors_and_enums_match_botocore() -> None:
    model = service_model()
    assert {name: shape(name).metadata["error"]["httpStatusCode"]
            for name in model.shape_names if shape(name).metadata.get("exception")} \
        == dict(_schema.ERRORS)
    enums = {name.lstrip("_"): tuple(shape(name).enum) for name in model.shape_names
             if shape(name).type_name == "string" and shape(name).enum}
    assert enums == dict(_schema.ENUMS)


# -------------------------------------------------------------------- operations


def test_operations_match_botocore() -> None:
    for name, op in _schema.OPERATIONS.items():
        model = service_model().operation_model(name)
        assert op.name == name
        assert op.method == xform_name(name)
        assert op.input == model.input_shape.name
        assert op.output == (model.output_shape.name if model.output_shape else None)
        assert op.http_method == model.http["method"]
        assert op.uri == model.http["requestUri"]


def _follow(shape_name: str, path: tuple[str, ...]) -> MemberSchema:
    member = None
    for attribute in path:
        member = next(m for m in _schema.SHAPES[shape_name].members if m.name == attribute)
        shape_name = member.type.name
    assert member is not None
    return member


def test_pagination_names_members_botocore_has() -> None:
    paged = 0
    for name, op in _schema.OPERATIONS.items():
        inputs = shape(op.input).members
        token = next((t for t in ("Token", "NextToken") if t in inputs), None)
        if token is None:
            assert op.pagination is None, name
            with pytest.raises(LookupError, match=name):
                op.paging()
            continue
        paged += 1
        pagination = op.paging()
        assert pagination.input_token == token
        assert pagination.page_size == ("PageSize" if "PageSize" in inputs else None)
        if pagination.output_token_path:
            assert op.output is not None
            last = _follow(op.output, pagination.output_token_path)
            assert (last.wire, last.type) == ("NextToken", _schema.STR)
    assert paged == 22
    assert _schema.OPERATIONS["GetCampaigns"].paging().output_token_path == (
        "campaigns_response", "next_token")


# ------------------------------------------------------------------------ records


def test_equal_types_are_one_shared_object() -> None:
    seen: dict[TypeRef, TypeRef] = {}
    for _s, m in _all_members():
        t: TypeRef | None = m.type
        while t is not None:
            assert seen.setdefault(t, t) is t, t
            t = t.item
    assert seen[TypeRef("prim", "str")] is _schema.STR


def test_records_are_frozen_slotted_and_compared_by_value() -> None:
    member = _schema.SHAPES["QuietTime"].members[0]
    with pytest.raises(AttributeError, match="frozen"):
        member.name = "other"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="frozen"):
        del _schema.OPERATIONS["GetApp"].method
    assert not hasattr(member, "__dict__")
    copy = MemberSchema(member.name, member.wire, TypeRef("prim", "str"))
    assert copy == member and hash(copy) == hash(member)
    assert copy != MemberSchema(member.name, member.wire, _schema.INT)
    assert "wire='End'" in repr(member)


def test_the_schema_is_not_imported_by_import_or_client_construction() -> None:
    code = ("import sys, boto3, pinpoint_sdk\n"
            "pinpoint_sdk.PinpointClient(boto3.client('pinpoint', region_name='us-east-1',"
            " aws_access_key_id='k', aws_secret_access_key='s'))\n"
            "print('pinpoint_sdk._schema' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


# ------------------------------------------- projection: schema against botocore


def _reference(value: Any, source: Any, target: Any, path: str,
               problems: list[tuple[str, str]]) -> Any:
    """The response -> request projection read from botocore's runtime shapes."""
    kinds = {"structure": "an object", "map": "an object", "list": "a list",
             "string": "a string", "integer": "a number", "long": "a number",
             "float": "a number", "double": "a number", "boolean": "a boolean"}
    type_name = target.type_name
    fits = (isinstance(value, Mapping) if type_name in ("structure", "map")
            else isinstance(value, list) if type_name == "list"
            else not isinstance(value, (Mapping, list)))
    if not fits:
        got = ("an object" if isinstance(value, Mapping) else "a list" if isinstance(value, list)
               else "a boolean" if isinstance(value, bool)
               else "a number" if isinstance(value, (int, float)) else "a string")
        problems.append((path, f"the service returned {got} where "
                               f"{kinds.get(type_name, 'a ' + type_name)} belongs"))
        return value
    if type_name == "structure":
        known = source.members if source is not None and source.type_name == "structure" else {}
        out = {}
        for key, item in value.items():
            if key in target.members:
                if item is not None:
                    out[key] = _reference(item, known.get(key), target.members[key],
                                          f"{path}.{xform_name(key)}", problems)
            elif key not in known:
                out[key] = item
        return out
    if type_name == "list":
        inner = source.member if source is not None and source.type_name == "list" else None
        return [_reference(item, inner, target.member, f"{path}[{i}]", problems)
                for i, item in enumerate(value) if item is not None]
    if type_name == "map":
        inner = source.value if source is not None and source.type_name == "map" else None
        return {k: _reference(v, inner, target.value, f"{path}[{k!r}]", problems)
                for k, v in value.items() if v is not None}
    return value


PAIRS = [
    ("CampaignResponse", "WriteCampaignRequest"),
    ("JourneyResponse", "WriteJourneyRequest"),
    ("SegmentResponse", "WriteSegmentRequest"),
    ("EndpointResponse", "EndpointBatchItem"),
]
PROJECTION = settings(max_examples=25, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))


def _projected(source: str, target: str, wire: dict[str, Any]) -> tuple[Any, Any]:
    """(what `to_write_request` gives: the request wire dict or the problems it raised,
    the same from the botocore-driven reference)."""
    data = structure(wire, getattr(models, source))
    cls = getattr(models, target)
    try:
        ours: Any = unstructure(to_write_request(None, data, cls))  # type: ignore[arg-type]
    except errors.ValidationError as exc:
        ours = exc.errors[:-1]
    problems: list[tuple[str, str]] = []
    reference = _reference(unstructure(data), shape(source), shape(target),
                           xform_name(target), problems)
    if problems:
        return ours, problems
    return ours, unstructure(structure(reference, cls))


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_projection_of_any_valid_response_is_botocores_and_validates(
    source: str, target: str
) -> None:
    validator = ParamValidator()

    @PROJECTION
    @given(wire_dict(source), st.dictionaries(st.sampled_from(["FutureKnob", "NewThing"]),
                                              st.integers(), max_size=1))
    def check(wire: dict[str, Any], unknown: dict[str, Any]) -> None:
        ours, reference = _projected(source, target, {**wire, **unknown})
        assert ours == reference
        assert isinstance(ours, dict)
        known = {key: value for key, value in ours.items() if key not in unknown}
        report = validator.validate(known, shape(target))
        assert not report.has_errors(), report.generate_report()
        assert {key: ours[key] for key in unknown} == unknown

    check()


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_projection_of_a_response_with_a_wrong_json_type_refuses_as_botocores_does(
    source: str, target: str
) -> None:
    @PROJECTION
    @given(corrupted(source))
    def check(wire: dict[str, Any]) -> None:
        ours, reference = _projected(source, target, wire)
        assert ours == reference

    check()


def test_a_wrong_json_type_under_a_request_member_is_reported_with_its_path() -> None:
    wire = {"Name": "c", "Schedule": {"StartTime": "IMMEDIATE", "QuietTime": ["x"]}}
    data = structure(wire, models.CampaignResponse)
    with pytest.raises(errors.ValidationError) as raised:
        to_write_request(None, data, models.WriteCampaignRequest)  # type: ignore[arg-type]
    assert raised.value.errors[0] == (
        "write_campaign_request.schedule.quiet_time",
        "the service returned a list where an object belongs",
    )


# ------------------------------------------------------------------------ limits


def _limited() -> dict[tuple[str, str], Limits]:
    return {(s.name, m.wire): m.limits for s, m in _all_members() if m.limits is not None}


def test_documented_limits_are_the_constants_the_generator_names() -> None:
    from codegen.__main__ import load_service
    from codegen.schema import member_limits

    named = member_limits(load_service())
    assert set(_limited()) == set(named)
    for key, record in _limited().items():
        expected = {field: getattr(limits, constant) for field, constant in named[key].items()}
        actual = {field: getattr(record, field) for field in record.__slots__
                  if getattr(record, field) is not None}
        assert actual == expected, key
    tagged = {shape for shape, wire in _limited() if wire == "tags"}
    assert {"TagsModel", "WriteCampaignRequest", "CreateApplicationRequest"} <= tagged


def _problems(model: Any) -> list[tuple[str, str]]:
    """What the client's check reports for ``model``, paths relative to the model."""
    found: list[tuple[str, str]] = []
    name = type(model).__name__
    _validation.check_model(model, name, xform_name(name), found)
    return [(path.removeprefix(xform_name(name) + "."), message) for path, message in found]


def _over(limit: int | None) -> int:
    assert limit is not None
    return limit + 1


def _limits_of(shape_name: str, wire: str) -> Limits:
    return _limited()[(shape_name, wire)]


def test_the_client_checks_enforce_the_schema_tag_limits() -> None:
    tags = _limits_of("TagsModel", "tags")
    at_limit = {f"k{i}": "v" for i in range(tags.max_items or 0)}
    assert _problems(models.TagsModel(tags=at_limit)) == []
    assert [p for p, _m in _problems(models.TagsModel(
        tags={f"k{i}": "v" for i in range(_over(tags.max_items))}))] == ["tags"]
    long_key = "k" * _over(tags.max_key_length)
    assert _problems(models.TagsModel(tags={long_key: "v"}))[0][0] == f"tags[{long_key!r}]"
    assert _problems(models.TagsModel(tags={"k": "v" * _over(tags.max_value_length)}))


def test_the_client_checks_enforce_the_schema_endpoint_attribute_limits() -> None:
    for shape_name in ("EndpointRequest", "EndpointBatchItem", "PublicEndpoint"):
        attributes = _limits_of(shape_name, "Attributes")
        cls = getattr(models, shape_name)
        fine = {"a" * (attributes.max_key_length or 0):
                ["v" * (attributes.max_value_length or 0)] * (attributes.max_value_items or 0)}
        assert _problems(cls(attributes=fine)) == []
        for bad in ({"a" * _over(attributes.max_key_length): ["v"]},
                    {"a": ["v" * _over(attributes.max_value_length)]},
                    {"a": ["v"] * _over(attributes.max_value_items)}):
            paths = [path for path, _message in _problems(cls(attributes=bad))]
            assert paths and paths[0].startswith("attributes["), (shape_name, bad)
        metric = "m" * _over(_limits_of(shape_name, "Metrics").max_key_length)
        assert _problems(cls(metrics={metric: 1.0})) != []
    user = _limits_of("EndpointUser", "UserAttributes")
    endpoint = models.EndpointRequest(user=models.EndpointUser(
        user_attributes={"u" * _over(user.max_key_length): ["v"]}))
    assert _problems(endpoint)[0][0].startswith("user.user_attributes[")


def test_the_client_checks_enforce_the_schema_item_counts() -> None:
    batch = _limits_of("EndpointBatchRequest", "Item").max_items or 0
    items = [models.EndpointBatchItem(id=f"e{i}") for i in range(batch)]
    assert _problems(models.EndpointBatchRequest(item=items)) == []
    over = models.EndpointBatchRequest(item=[*items, models.EndpointBatchItem(id="last")])
    assert [p for p, _m in _problems(over)] == ["item"]
    users = _limits_of("SendUsersMessageRequest", "Users").max_items or 0
    config = models.DirectMessageConfiguration()
    request = models.SendUsersMessageRequest(
        message_configuration=config,
        users={f"u{i}": models.EndpointSendConfiguration() for i in range(_over(users))})
    assert [p for p, _m in _problems(request)] == ["users"]
