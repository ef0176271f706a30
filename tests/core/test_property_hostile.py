"""Property tests of the converter over hostile wire dicts for every shape.

Each member of a generated dict may be missing, valid, an explicit ``null``, or of the
wrong JSON type (at any depth: a list with one bad item, a map with a non-object value),
and every object carries keys its model does not define; enum members take values the
SDK does not list. What the converter promises for all of them:

* ``unstructure(structure(d))`` gives ``d`` back, except that explicit ``null`` values on the
  members a model reads are left out (``None`` means "not set"; boto3 refuses ``null``);
  ``null`` values inside unknown keys or inside values kept aside come back as sent;
* a value is never stored under a member whose annotation it does not fit;
* ``==``, ``copy.deepcopy``, ``pickle`` and ``attrs.evolve`` keep unknown keys and the
  values kept aside.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import pickle
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st
from test_property_roundtrip import assert_same

from pinpoint_sdk import _schema, models
from pinpoint_sdk._schema_types import TypeRef
from pinpoint_sdk.converter import structure, unknown_fields, unstructure

MAX_DEPTH = 3
SETTINGS = settings(
    max_examples=10, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)

_JSON_LEAVES = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.floats(-2, 2), st.text(max_size=4)
)
_JSON = st.recursive(
    _JSON_LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=2), st.dictionaries(st.text(max_size=3), inner, max_size=2)
    ),
    max_leaves=4,
)
_VALID_PRIMS: dict[str, st.SearchStrategy[Any]] = {
    "str": st.text(max_size=6),
    "int": st.integers(-(2**31), 2**31 - 1),
    "float": st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers(-9, 9)),
    "bool": st.booleans(),
    "datetime": st.datetimes(timezones=st.just(dt.UTC)),
    "bytes": st.binary(max_size=4),
}


def fits(value: Any, t: TypeRef) -> bool:
    """Whether the generated codec stores ``value`` on a member of type ``t``."""
    if t.kind == "prim":
        if t.name == "str":
            return isinstance(value, str)
        if t.name == "int":
            return isinstance(value, int) and not isinstance(value, bool)
        if t.name == "float":
            return isinstance(value, (int, float)) and not isinstance(value, bool)
        if t.name == "bool":
            return isinstance(value, bool)
        if t.name == "datetime":
            return isinstance(value, dt.datetime)
        return isinstance(value, bytes)
    if t.kind == "enum":
        return isinstance(value, str)
    if t.kind == "struct":
        return value.__class__ is dict
    assert t.item is not None
    if t.kind == "list":
        return value.__class__ is list and all(fits(item, t.item) for item in value)
    return value.__class__ is dict and all(
        isinstance(key, str) and fits(item, t.item) for key, item in value.items())


def expected(value: Any, t: TypeRef) -> Any:
    """What ``unstructure`` gives back for ``value``, which fits ``t``."""
    if t.kind == "struct":
        return expected_object(value, t.name)
    if t.kind in ("prim", "enum"):
        return value
    assert t.item is not None
    if t.kind == "list":
        return [expected(item, t.item) for item in value]
    return {key: expected(item, t.item) for key, item in value.items()}


def expected_object(data: dict[str, Any], shape: str) -> dict[str, Any]:
    members = _schema.SHAPES[shape].by_wire()
    out: dict[str, Any] = {}
    for key, value in data.items():
        member = members.get(key)
        if member is None:
            out[key] = value  # unknown: kept as sent
        elif value is None:
            continue  # an explicit null on a member is "not set"
        elif fits(value, member.type):
            out[key] = expected(value, member.type)
        else:
            out[key] = value  # kept aside as sent
    return out


def _wrong(t: TypeRef, depth: int) -> st.SearchStrategy[Any]:
    """A value of another JSON type than ``t``, or a container with one bad item."""
    candidates: list[st.SearchStrategy[Any]] = [
        _JSON.filter(lambda v: v is not None and not fits(v, t))
    ]
    if t.item is not None:
        bad = _wrong(t.item, depth + 1) if depth < MAX_DEPTH else st.just(None)
        good = _valid(t.item, depth + 1)
        if t.kind == "list":
            candidates.append(st.tuples(st.lists(good, max_size=1), bad).map(
                lambda pair: [*pair[0], pair[1]]))
        else:
            candidates.append(st.tuples(st.dictionaries(st.text(max_size=2), good, max_size=1),
                                        bad).map(lambda pair: {**pair[0], "bad!": pair[1]}))
    return st.one_of(candidates)


def _valid(t: TypeRef, depth: int) -> st.SearchStrategy[Any]:
    if t.kind == "prim":
        return _VALID_PRIMS[t.name]
    if t.kind == "enum":
        return st.one_of(st.sampled_from(_schema.ENUMS[t.name]), st.text(max_size=6))
    if t.kind == "struct":
        return hostile_dict(t.name, depth + 1)
    assert t.item is not None
    size = 0 if depth >= MAX_DEPTH else 2
    if t.kind == "list":
        return st.lists(_valid(t.item, depth + 1), max_size=size)
    return st.dictionaries(st.text(max_size=3), _valid(t.item, depth + 1), max_size=size)


def _member(t: TypeRef, depth: int) -> st.SearchStrategy[Any]:
    if depth >= MAX_DEPTH:
        return st.one_of(st.none(), _JSON.filter(lambda v: not fits(v, t)))
    return st.one_of(_valid(t, depth), _valid(t, depth), st.none(), _wrong(t, depth))


@functools.cache
def hostile_dict(shape: str, depth: int = 0) -> st.SearchStrategy[dict[str, Any]]:
    members = _schema.SHAPES[shape].members
    known = {m.wire for m in members}
    extra = st.dictionaries(
        st.text(min_size=1, max_size=3).filter(lambda k: k not in known), _JSON, max_size=2)
    body = st.fixed_dictionaries({}, optional={m.wire: _member(m.type, depth) for m in members})
    return st.tuples(body, extra).map(lambda pair: {**pair[0], **pair[1]})


def _stored_fits(model: Any, shape: str) -> None:
    """No member of ``model`` (at any depth) holds a value its annotation does not allow."""
    for member in _schema.SHAPES[shape].members:
        value = getattr(model, member.name)
        if value is not None:
            _value_fits(value, member.type, f"{shape}.{member.name}")


def _value_fits(value: Any, t: TypeRef, path: str) -> None:
    if t.kind == "struct":
        assert isinstance(value, getattr(models, t.name)), path
        _stored_fits(value, t.name)
    elif t.kind == "enum":
        assert type(value).__name__ == t.name, path
    elif t.kind == "prim":
        assert fits(value, t), path
    elif t.kind == "list":
        assert t.item is not None and isinstance(value, list), path
        for index, item in enumerate(value):
            _value_fits(item, t.item, f"{path}[{index}]")
    else:
        assert t.item is not None and isinstance(value, dict), path
        for key, item in value.items():
            _value_fits(item, t.item, f"{path}[{key!r}]")


@pytest.mark.parametrize("name", sorted(_schema.SHAPES))
def test_hostile_wire_dicts_come_back_as_sent_and_never_land_on_the_wrong_member(
    name: str,
) -> None:
    cls = getattr(models, name)

    @SETTINGS
    @given(hostile_dict(name))
    def check(data: dict[str, Any]) -> None:
        model = structure(data, cls)
        _stored_fits(model, name)
        wire = expected_object(data, name)
        assert_same(unstructure(model), wire)
        assert structure(unstructure(model), cls) == model
        for same in (copy.deepcopy(model), pickle.loads(pickle.dumps(model)),
                     attrs.evolve(model)):
            assert same == model
            assert unknown_fields(same) == unknown_fields(model)
            assert_same(unstructure(same), wire)

    check()


def _troubles(data: dict[str, Any]) -> set[str]:
    """The kinds of trouble a ``WriteCampaignRequest`` wire dict holds at its top level."""
    seen: set[str] = set()
    members = _schema.SHAPES["WriteCampaignRequest"].by_wire()
    for key, value in data.items():
        member = members.get(key)
        if member is None:
            seen.add("unknown")
        elif value is None:
            seen.add("null")
        elif not fits(value, member.type):
            seen.add("list item" if isinstance(value, list) else "wrong")
    schedule = data.get("Schedule")
    frequency = schedule.get("Frequency") if isinstance(schedule, dict) else None
    if isinstance(frequency, str) and frequency not in _schema.ENUMS["Frequency"]:
        seen.add("unlisted enum")
    return seen


@pytest.mark.parametrize("trouble", ["unknown", "null", "wrong", "list item", "unlisted enum"])
def test_the_hostile_strategy_reaches_every_kind_of_trouble(trouble: str) -> None:
    """Kept-aside values, nulls, unknown keys and unlisted enum values all occur (searched
    for deterministically, so the answer does not depend on the run's random seed)."""
    found = find(
        hostile_dict("WriteCampaignRequest"),
        lambda data: trouble in _troubles(data),
        settings=settings(max_examples=5000, database=None, derandomize=True,
                          suppress_health_check=list(HealthCheck)),
    )
    assert trouble in _troubles(found)
