"""Models mirror the botocore pinpoint model: one class per structure, names, wire names,
required/optional members, enums and lazy loading."""

from __future__ import annotations

import enum
import json
import re
import subprocess
import sys

import attrs
import pytest
from botocore import xform_name
from corehelpers import (
    enum_shapes,
    exception_names,
    model_structure_names,
    request_and_response_shapes,
    shape,
)

import pinpoint_sdk
from pinpoint_sdk import enums, models
from pinpoint_sdk._model_base import Model

STRUCTURES = model_structure_names()
REQUESTS, RESPONSES = request_and_response_shapes()
REQUEST_ONLY = sorted(REQUESTS - RESPONSES)
IN_RESPONSES = sorted(RESPONSES)
UPPER_SNAKE = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")


def _fields(cls: type) -> list[attrs.Attribute]:
    """The fields that stand for members of the shape (they carry the wire name)."""
    return [a for a in attrs.fields(cls) if "wire" in a.metadata]


def test_model_has_451_structures_and_8_error_shapes() -> None:
    assert len(STRUCTURES) == 451
    assert len(exception_names()) == 8


def test_every_structure_has_a_model_class() -> None:
    missing = [name for name in STRUCTURES if not hasattr(models, name)]
    assert missing == []


def test_models_all_lists_exactly_the_structures() -> None:
    assert sorted(models.__all__) == STRUCTURES


def test_error_shapes_are_not_models() -> None:
    assert [name for name in exception_names() if name in models.__all__] == []


@pytest.mark.parametrize("name", STRUCTURES)
def test_model_class_shape(name: str) -> None:
    cls = getattr(models, name)
    assert cls.__name__ == name
    assert attrs.has(cls) and issubclass(cls, Model)
    wire_members = list(shape(name).members)
    fields = _fields(cls)
    # attribute name -> wire name, independent of declaration order
    assert {f.name: f.metadata["wire"] for f in fields} == {xform_name(m): m for m in wire_members}
    assert len(fields) == len(wire_members)
    assert all(f.kw_only for f in fields)


def test_attribute_names_use_xform_name_on_acronyms() -> None:
    names = {f.name for f in _fields(models.UpdateApnsChannelRequest)}
    assert "apns_channel_request" in names
    assert "application_id" in names


def test_positional_construction_is_rejected() -> None:
    with pytest.raises(TypeError):
        models.ApplicationResponse("arn")  # type: ignore[misc]


def test_request_and_response_shape_sets_overlap_by_76() -> None:
    assert len(REQUESTS & RESPONSES) == 76


@pytest.mark.parametrize("name", REQUEST_ONLY)
def test_request_only_shape_requires_its_required_members(name: str) -> None:
    required = {xform_name(m) for m in shape(name).required_members}
    cls = getattr(models, name)
    mandatory = {f.name for f in _fields(cls) if f.default is attrs.NOTHING}
    assert mandatory == required
    optional = [f for f in _fields(cls) if f.name not in required]
    assert all(f.default is None for f in optional)


@pytest.mark.parametrize("name", IN_RESPONSES)
def test_response_shape_members_are_all_optional(name: str) -> None:
    cls = getattr(models, name)
    assert all(f.default is None for f in _fields(cls))
    cls()  # constructible with no arguments at all


def test_required_member_missing_raises_type_error() -> None:
    with pytest.raises(TypeError):
        models.CreateApplicationRequest()  # type: ignore[call-arg]


def test_models_compare_by_value() -> None:
    a = models.ApplicationResponse(id="a", name="n")
    assert a == models.ApplicationResponse(id="a", name="n")
    assert a != models.ApplicationResponse(id="b", name="n")


# ------------------------------------------------------------------------------ enums

ENUM_SHAPES = enum_shapes()


def test_enum_module_has_28_enums() -> None:
    assert len(ENUM_SHAPES) == 28
    assert sorted(enums.__all__) == sorted(n.lstrip("_") for n in ENUM_SHAPES)


@pytest.mark.parametrize("shape_name", sorted(ENUM_SHAPES))
def test_enum_matches_model(shape_name: str) -> None:
    cls = getattr(enums, shape_name.lstrip("_"))
    assert issubclass(cls, enum.StrEnum)
    assert [m.value for m in cls] == ENUM_SHAPES[shape_name]
    assert all(UPPER_SNAKE.match(m.name) for m in cls), [m.name for m in cls]


def test_enum_member_equals_its_string() -> None:
    assert enums.ChannelType.SMS == "SMS"
    assert enums.EndpointTypesElement("EMAIL") is enums.EndpointTypesElement.EMAIL


# ----------------------------------------------------------------------- lazy loading

_PROBE = """
import json, sys
{stmt}
print(json.dumps(sorted(m for m in sys.modules if m.startswith("pinpoint_sdk"))))
"""


def _loaded_after(stmt: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE.format(stmt=stmt)],
        capture_output=True,
        text=True,
        check=True,
        cwd=str(pinpoint_sdk.__path__[0] + "/.."),
    )
    return set(json.loads(out.stdout))


def _groups(loaded: set[str]) -> set[str]:
    return {m for m in loaded if m.startswith("pinpoint_sdk.models._")}


def test_import_pinpoint_sdk_loads_no_model_group() -> None:
    loaded = _loaded_after("import pinpoint_sdk")
    assert _groups(loaded) == set()
    assert "pinpoint_sdk.models" not in loaded


def test_accessing_one_class_imports_only_its_group() -> None:
    loaded = _loaded_after("import pinpoint_sdk\npinpoint_sdk.models.CampaignResponse")
    assert _groups(loaded) == {"pinpoint_sdk.models._campaigns"}


def test_importing_the_client_loads_no_model_group() -> None:
    loaded = _loaded_after("from pinpoint_sdk import PinpointClient")
    assert _groups(loaded) == set()


def test_unknown_model_name_raises_attribute_error() -> None:
    with pytest.raises(AttributeError):
        models.NoSuchShape  # noqa: B018


# ------------------------------------------------------------------- sensitive members

def _sensitive_members() -> list[tuple[str, str]]:
    # The botocore model has no ``sensitive`` trait here; the generator's list is in _schema.
    from pinpoint_sdk import _schema

    return [(name, attr) for name, shape in sorted(_schema.SHAPES.items()) for attr in shape.secret]


SENSITIVE = _sensitive_members()


def test_model_declares_sensitive_members() -> None:
    assert ("ADMChannelRequest", "client_secret") in SENSITIVE


@pytest.mark.parametrize(("name", "attribute"), SENSITIVE)
def test_sensitive_member_is_masked_in_repr(name: str, attribute: str) -> None:
    cls = getattr(models, name)
    kwargs = {f.name: "x" for f in _fields(cls) if f.default is attrs.NOTHING}
    kwargs[attribute] = "TOP-SECRET-VALUE"
    text = repr(cls(**kwargs))
    assert "TOP-SECRET-VALUE" not in text
    assert f"{attribute}=***" in text
