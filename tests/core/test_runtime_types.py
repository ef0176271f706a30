"""Types that never leak, at runtime.

* ``typing.get_type_hints`` resolves for every one of the 451 models (names from other
  groups are bound lazily, so importing one group still does not import the others), and
  cattrs can register hooks for any model (it resolves the hints to do so).
* A wire value whose JSON type is not its member's annotation is never stored on that
  member: it is kept, as sent, with the instance's unknown keys and written back by
  ``unstructure`` (checked with hypothesis over every shape, at every depth).
"""

from __future__ import annotations

import functools
import subprocess
import sys
import types
import typing
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_property_roundtrip import assert_same, wire_dict

from pinpoint_sdk import _schema, models
from pinpoint_sdk._model_base import Model
from pinpoint_sdk._schema_types import TypeRef
from pinpoint_sdk.converter import (
    converter,
    default_unstructure_hook,
    structure,
    unknown_fields,
    unstructure,
)

ROOT = Path(__file__).resolve().parents[2]
SHAPE_NAMES = sorted(_schema.SHAPES)

# ------------------------------------------------------------------ hints resolve


def test_every_model_has_runtime_type_hints() -> None:
    assert len(SHAPE_NAMES) == 451
    for name in SHAPE_NAMES:
        cls = getattr(models, name)
        hints = typing.get_type_hints(cls)
        fields = [a.name for a in attrs.fields(cls) if not a.name.startswith("_")]
        assert set(fields) <= set(hints), name
        for field in fields:
            assert not isinstance(hints[field], (str, typing.ForwardRef)), (name, field)
    # A cross-group name resolves to the class itself, an enum to the enum.
    hints = typing.get_type_hints(models.Schedule)
    assert hints["event_filter"] == models.CampaignEventFilter | None
    assert typing.get_args(hints["frequency"])[0].__name__ == "Frequency"


def test_hints_resolve_in_a_fresh_interpreter_without_loading_other_groups_eagerly() -> None:
    code = (
        "import sys, typing\n"
        "from pinpoint_sdk import models\n"
        "cls = models.Schedule\n"
        "print('pinpoint_sdk.models._common' in sys.modules)\n"
        "hints = typing.get_type_hints(cls)\n"
        "print(hints['quiet_time'])\n"
        "import attrs\n"
        "attrs.resolve_types(models.JourneySchedule)\n"
        "print(attrs.fields(models.JourneySchedule).start_time.type)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "False",
        "pinpoint_sdk.models._common.QuietTime | None",
        "datetime.datetime | None",
    ]


def test_a_hook_can_be_registered_for_every_model() -> None:
    for name in SHAPE_NAMES:
        cls = getattr(models, name)
        converter.register_unstructure_hook(cls, default_unstructure_hook(cls))
    assert unstructure(models.Schedule(timezone="UTC")) == {"Timezone": "UTC"}


# ------------------------------------------------------------------ wrong wire types

_WRONG_VALUES: list[Any] = ["oops", 7, 1.5, True, [1, "x"], {"K": 1}]


def _fits(value: Any, spec: TypeRef) -> bool:
    """Whether ``value`` has the JSON type of wire ``spec`` (the codec's notion)."""
    kind, target = spec.kind, spec.name
    if kind == "prim":
        return {
            "str": isinstance(value, str),
            "int": isinstance(value, int) and not isinstance(value, bool),
            "float": isinstance(value, (int, float)) and not isinstance(value, bool),
            "bool": isinstance(value, bool),
            "datetime": isinstance(value, datetime),
            "bytes": isinstance(value, bytes),
        }[target]
    if kind == "enum":
        return isinstance(value, str)
    if kind in ("struct", "map"):
        return isinstance(value, dict)
    return isinstance(value, list)


def _wrong_for(spec: TypeRef) -> st.SearchStrategy[Any]:
    return st.sampled_from([v for v in _WRONG_VALUES if not _fits(v, spec)])


@st.composite
def corrupted(draw: st.DrawFn, shape: str) -> dict[str, Any]:
    """A valid wire dict of ``shape`` with one value, at any depth, of a wrong JSON type."""
    data = draw(wire_dict(shape))
    fields = {member.wire: member.type for member in _schema.SHAPES[shape].members}
    present = sorted(k for k in data if k in fields)
    if not present:
        wire = draw(st.sampled_from(sorted(fields))) if fields else None
        if wire is not None:
            data[wire] = draw(_wrong_for(fields[wire]))
        return data
    wire = draw(st.sampled_from(present))
    _corrupt(draw, data, wire, fields[wire])
    return data


def _corrupt(draw: st.DrawFn, holder: Any, key: Any, spec: TypeRef) -> None:
    """Replace ``holder[key]`` (of wire type ``spec``), or something inside it."""
    value = holder[key]
    kind, item = spec.kind, spec.item
    descend = draw(st.booleans())
    if descend and kind == "struct" and value:
        inner = {member.wire: member.type for member in _schema.SHAPES[spec.name].members}
        present = sorted(k for k in value if k in inner)
        if present:
            wire = draw(st.sampled_from(present))
            _corrupt(draw, value, wire, inner[wire])
            return
    if descend and kind == "list" and value and item is not None:
        _corrupt(draw, value, draw(st.integers(0, len(value) - 1)), item)
        return
    if descend and kind == "map" and value and item is not None:
        _corrupt(draw, value, draw(st.sampled_from(sorted(value))), item)
        return
    holder[key] = draw(_wrong_for(spec))


def _conforms(value: Any, hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_conforms(value, arg) for arg in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if origin is list:
        (item,) = typing.get_args(hint)
        return isinstance(value, list) and all(_conforms(x, item) for x in value)
    if origin is dict:
        _key, item = typing.get_args(hint)
        return isinstance(value, dict) and all(
            isinstance(k, str) and _conforms(v, item) for k, v in value.items()
        )
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(hint, type) and issubclass(hint, Model):
        return isinstance(value, hint) and not _misplaced(value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return isinstance(value, hint)
    return isinstance(value, hint)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _misplaced(model: Model) -> list[str]:
    """Members of ``model`` (deeply) whose value is not what their annotation says.

    ``None`` is absence: a required member of a request shape is ``None`` when the data
    lacks it (or its value was kept aside), which the client's checks report before sending.
    """
    hints = _hints(type(model))
    return [
        a.name for a in attrs.fields(type(model))
        if not a.name.startswith("_")
        and getattr(model, a.name) is not None
        and not _conforms(getattr(model, a.name), hints[a.name])
    ]


WRONG_SETTINGS = settings(
    max_examples=400, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)


@WRONG_SETTINGS
@given(st.sampled_from(SHAPE_NAMES).flatmap(lambda name: st.tuples(st.just(name),
                                                                    corrupted(name))))
def test_a_wrongly_typed_value_is_kept_aside_and_written_back(case: tuple[str, Any]) -> None:
    name, data = case
    cls = getattr(models, name)
    model = structure(data, cls)
    assert isinstance(model, cls)
    # Nothing anywhere holds a value its annotation does not allow...
    assert _misplaced(model) == [], (name, data)
    # ...nothing is lost: the wire dict comes back exactly, and again after a round trip.
    assert_same(unstructure(model), data)
    assert structure(unstructure(model), cls) == model


@pytest.mark.parametrize("name", SHAPE_NAMES)
def test_every_shape_keeps_a_wrong_top_level_value_aside(name: str) -> None:
    for member in _schema.SHAPES[name].members:
        wire, spec = member.wire, member.type
        for wrong in _WRONG_VALUES:
            if _fits(wrong, spec):
                continue
            model = structure({wire: wrong}, getattr(models, name))
            assert _misplaced(model) == [], (name, wire, wrong)
            assert unknown_fields(model) == {wire: wrong}
            assert unstructure(model) == {wire: wrong}


def test_the_issue_example() -> None:
    response = structure({"Item": "oops", "NextToken": "t"}, models.CampaignsResponse)
    assert response.item is None
    assert response.next_token == "t"
    assert unknown_fields(response) == {"Item": "oops"}
    assert unstructure(response) == {"Item": "oops", "NextToken": "t"}
    # One bad element keeps the whole list aside, as sent.
    response = structure({"Item": [{"Id": "c"}, "oops"]}, models.CampaignsResponse)
    assert response.item is None
    assert unstructure(response) == {"Item": [{"Id": "c"}, "oops"]}


def test_a_member_set_later_wins_over_the_value_kept_aside() -> None:
    from pinpoint_sdk._model_base import evolve

    response = structure({"Item": "oops"}, models.CampaignsResponse)
    fixed = evolve(response, item=[models.CampaignResponse(id="c")])
    assert unstructure(fixed) == {"Item": [{"Id": "c"}]}
    # A model's own unknown keys (members newer than the SDK) are still sent.
    request = models.Schedule(timezone="UTC", unknown_fields={"NewMember": 1})
    assert unstructure(request) == {"Timezone": "UTC", "NewMember": 1}


def test_accepted_subclasses_and_numbers() -> None:
    # An int is a valid float (JSON has one number type); a str enum member is a str.
    from pinpoint_sdk.enums import Frequency

    metrics = structure({"Metrics": {"m": 2}}, models.EndpointRequest)
    assert metrics.metrics == {"m": 2}
    schedule = structure({"Frequency": Frequency.ONCE, "Timezone": Frequency.ONCE},
                         models.Schedule)
    assert schedule.frequency is Frequency.ONCE
    assert schedule.timezone == "ONCE"
    assert unknown_fields(schedule) == {}
    # bool is not an int.
    limits = structure({"Daily": True}, models.CampaignLimits)
    assert limits.daily is None and unknown_fields(limits) == {"Daily": True}


def test_structuring_a_non_object_as_a_model_is_a_type_error() -> None:
    # Inside a model such a value is kept aside; as the whole input there is nowhere to keep it.
    with pytest.raises(TypeError, match="Schedule needs a JSON object"):
        structure("oops", models.Schedule)  # type: ignore[arg-type]


def test_timestamps_are_read_from_iso_8601_text_with_an_offset() -> None:
    # JSON has no datetime: exports and fixtures carry ISO 8601 text for timestamp members.
    schedule = structure(
        {"StartTime": "2026-10-30T12:00:00+00:00", "EndTime": "2026-11-01T00:00:00Z"},
        models.JourneySchedule,
    )
    assert schedule.start_time == datetime(2026, 10, 30, 12, tzinfo=UTC)
    assert schedule.end_time == datetime(2026, 11, 1, tzinfo=UTC)
    assert unknown_fields(schedule) == {}
    # Naive or unreadable text names no instant: it stays aside, written back as sent.
    kept = structure({"StartTime": "2026-10-30T12:00:00", "EndTime": "soon"},
                     models.JourneySchedule)
    assert kept.start_time is None and kept.end_time is None
    assert unstructure(kept) == {"StartTime": "2026-10-30T12:00:00", "EndTime": "soon"}
