"""The converter is a public, extensible thing.

* ``pinpoint_sdk.converter`` is always the module, whatever the import order; the
  configured cattrs converter is ``pinpoint_sdk.converter.converter``.
* A hook registered for a model applies wherever that model is nested, in both
  directions, including models of other groups and lists; registering again overrides,
  registering the SDK's default hook back removes it, and the typed client sends what
  the hook produced.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cattrs
import pytest
from attrs import evolve as attrs_evolve
from fake_http import FakeHttp

from pinpoint_sdk import PinpointClient, _schema, models
from pinpoint_sdk._schema_types import TypeRef
from pinpoint_sdk.converter import (
    PinpointConverter,
    converter,
    default_structure_hook,
    default_unstructure_hook,
    structure,
    unstructure,
)

ROOT = Path(__file__).resolve().parents[2]
TOUCHED = ("Schedule", "QuietTime", "WriteCampaignRequest")


@pytest.fixture(autouse=True)
def _default_hooks() -> Iterator[None]:
    """Every hook a test registers is replaced by the SDK's own afterwards."""
    yield
    for name in TOUCHED:
        cls = getattr(models, name)
        converter.register_unstructure_hook(cls, default_unstructure_hook(cls))
        converter.register_structure_hook(cls, default_structure_hook(cls))


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


# ------------------------------------------------------------------ one name each

ORDERS = {
    "attribute first": "import pinpoint_sdk\nfirst = pinpoint_sdk.converter\n"
    "import pinpoint_sdk.converter\n",
    "submodule first": "import pinpoint_sdk.converter\nimport pinpoint_sdk\n"
    "first = pinpoint_sdk.converter\n",
    "from-import": "from pinpoint_sdk import converter as first\nimport pinpoint_sdk\n",
    "after the object": "from pinpoint_sdk.converter import converter as c\n"
    "import pinpoint_sdk\nfirst = pinpoint_sdk.converter\n",
    "structure first": "from pinpoint_sdk import structure\nimport pinpoint_sdk\n"
    "first = pinpoint_sdk.converter\n",
}


@pytest.mark.parametrize("order", sorted(ORDERS))
def test_pinpoint_sdk_converter_is_always_the_module(order: str) -> None:
    out = _run(
        ORDERS[order]
        + "import types, cattrs, sys\n"
        "module = sys.modules['pinpoint_sdk.converter']\n"
        "print(first is module, pinpoint_sdk.converter is module,\n"
        "      isinstance(module.converter, cattrs.Converter))\n"
    )
    assert out == "True True True"


def test_the_configured_converter_has_one_public_name() -> None:
    import pinpoint_sdk

    assert isinstance(converter, PinpointConverter)
    assert isinstance(converter, cattrs.Converter)
    assert pinpoint_sdk.converter.converter is converter
    # Every public object of the package that is a Converter is that one object.
    converters = [
        name for name in pinpoint_sdk.__all__
        if isinstance(getattr(pinpoint_sdk, name), cattrs.Converter)
    ]
    assert converters == []


# ------------------------------------------------------------------ nested hooks


def _leaves(type_spec: TypeRef) -> Iterator[tuple[str, str]]:
    if type_spec.item is not None:
        yield from _leaves(type_spec.item)
    else:
        yield type_spec.kind, type_spec.name


def _paths_to(shape: str) -> dict[str, list[tuple[str, str, Any]]]:
    """For every model holding ``shape`` at any depth, one path of (attribute, wire name,
    type spec) members leading to it, found breadth first."""
    paths: dict[str, list[tuple[str, str, Any]]] = {shape: []}
    frontier = [shape]
    while frontier:
        following = []
        for name, shape_schema in _schema.SHAPES.items():
            if name in paths:
                continue
            for member in shape_schema.members:
                attribute, wire, type_spec = member.name, member.wire, member.type
                inner = next((t for k, t in _leaves(type_spec) if k == "struct" and t in frontier),
                             None)
                if inner is not None:
                    paths[name] = [(attribute, wire, type_spec), *paths[inner]]
                    following.append(name)
                    break
        frontier = following
    del paths[shape]
    return paths


def _holding(type_spec: TypeRef, value: Any) -> Any:
    if type_spec.item is None:
        return value
    if type_spec.kind == "list":
        return [_holding(type_spec.item, value)]
    return {"k": _holding(type_spec.item, value)}


def _required(cls: type) -> dict[str, Any]:
    """Placeholder values for the required members of a request-only model."""
    import attrs

    return {
        a.name: None for a in attrs.fields(cls)
        if a.init and a.default is attrs.NOTHING and not a.name.startswith("_")
    }


def _model_along(name: str, path: list[tuple[str, str, Any]], leaf: Any) -> Any:
    if not path:
        return leaf
    (attribute, _wire, type_spec), rest = path[0], path[1:]
    cls = getattr(models, name)
    inner_name = next(t for k, t in _leaves(type_spec) if k == "struct")
    return cls(**{**_required(cls), attribute: _holding(
        type_spec, _model_along(inner_name, rest, leaf))})


def _wire_along(path: list[tuple[str, str, Any]], leaf: Any) -> Any:
    if not path:
        return leaf
    (_attribute, wire, type_spec), rest = path[0], path[1:]
    return {wire: _holding(type_spec, _wire_along(rest, leaf))}


def _found(model: Any, path: list[tuple[str, str, Any]]) -> Any:
    for attribute, _wire, _type_spec in path:
        model = getattr(model, attribute)
        while isinstance(model, (list, dict)):
            model = model[0] if isinstance(model, list) else model["k"]
    return model


def _mark(schedule: models.Schedule) -> dict[str, Any]:
    wire = default_unstructure_hook(models.Schedule)(schedule)
    return {**wire, "Marked": True}


# A campaign-group shape and a shared one nested in models of several groups.
LEAVES = {
    "Schedule": (models.Schedule(start_time="IMMEDIATE"), {"StartTime": "IMMEDIATE"}),
    "QuietTime": (models.QuietTime(start="22:00"), {"Start": "22:00"}),
}
PATHS = {target: _paths_to(target) for target in LEAVES}
CASES = [(target, name) for target in LEAVES for name in sorted(PATHS[target])]


def _marking(target: str) -> Any:
    cls = getattr(models, target)

    def mark(value: Any) -> dict[str, Any]:
        return {**default_unstructure_hook(cls)(value), "Marked": True}

    return mark


def test_the_hooked_shapes_are_nested_in_many_models_of_several_groups() -> None:
    assert {"WriteCampaignRequest", "CampaignResponse", "CreateCampaignRequest",
            "GetCampaignsResponse", "WriteTreatmentResource"} <= set(PATHS["Schedule"])
    # Through lists (CampaignsResponse.item, additional_treatments) and other groups.
    assert any(t.kind == "list" for path in PATHS["Schedule"].values() for _a, _w, t in path)
    assert len({_schema.SHAPES[name].group for name in PATHS["QuietTime"]}) >= 3
    assert len(CASES) > 40


@pytest.mark.parametrize(("target", "name"), CASES)
def test_a_user_unstructure_hook_applies_inside_every_model_that_holds_it(
    target: str, name: str
) -> None:
    path = PATHS[target][name]
    model = _model_along(name, path, LEAVES[target][0])
    before = unstructure(model)
    assert "Marked" not in json.dumps(before, default=str)
    converter.register_unstructure_hook(getattr(models, target), _marking(target))
    assert unstructure(model) == _merged(before, [(w, t) for _a, w, t in path])


def _merged(before: Any, wire_path: list[tuple[str, Any]]) -> Any:
    """``before`` with the Schedule at the end of ``wire_path`` marked."""
    result = json.loads(json.dumps(before, default=str))
    node = result
    for wire, type_spec in wire_path:
        holder, key = node, wire
        node = holder[key]
        while type_spec.item is not None:  # the path's lists and maps hold one item each
            holder, key = node, (0 if type_spec.kind == "list" else "k")
            node = holder[key]
            type_spec = type_spec.item
    node["Marked"] = True
    return result


@pytest.mark.parametrize(("target", "name"), CASES)
def test_a_user_structure_hook_applies_inside_every_model_that_holds_it(
    target: str, name: str
) -> None:
    path = PATHS[target][name]
    cls = getattr(models, target)
    data = _wire_along(path, LEAVES[target][1])
    seen: list[type] = []

    def hook(value: dict[str, Any], hooked: type) -> Any:
        seen.append(hooked)
        return attrs_evolve(default_structure_hook(cls)(value, cls), unknown_fields={"H": 1})

    converter.register_structure_hook(cls, hook)
    model = structure(data, getattr(models, name))
    assert _found(model, path) == attrs_evolve(LEAVES[target][0], unknown_fields={"H": 1})
    assert seen == [cls]


def test_overriding_and_removing_a_hook() -> None:
    request = models.WriteCampaignRequest(name="c", schedule=models.Schedule(timezone="UTC"))
    default = unstructure(request)
    converter.register_unstructure_hook(models.Schedule, _mark)
    assert unstructure(request)["Schedule"] == {"Timezone": "UTC", "Marked": True}
    # The last registration wins.
    converter.register_unstructure_hook(models.Schedule, lambda s: {"Timezone": "X"})
    assert unstructure(request)["Schedule"] == {"Timezone": "X"}
    # Registering the SDK's own hook back removes yours, nested uses included.
    converter.register_unstructure_hook(models.Schedule, default_unstructure_hook(models.Schedule))
    assert unstructure(request) == default
    assert converter.get_unstructure_hook(models.Schedule) is default_unstructure_hook(
        models.Schedule
    )


def test_the_decorator_and_predicate_forms_apply_nested_too() -> None:
    request = models.WriteCampaignRequest(
        name="c", schedule=models.Schedule(quiet_time=models.QuietTime(start="22:00"))
    )

    # Predicates run in a fresh interpreter: in cattrs a hook registered for the class
    # itself (as the other tests here do, and undo) wins over any predicate.
    out = _run(
        "from pinpoint_sdk import models\n"
        "from pinpoint_sdk.converter import converter, unstructure\n"
        "converter.register_unstructure_hook_func(\n"
        "    lambda t: t is models.QuietTime, lambda q: {'Via': 'predicate'})\n"
        "r = models.WriteCampaignRequest(name='c',\n"
        "    schedule=models.Schedule(quiet_time=models.QuietTime(start='22:00')))\n"
        "print(unstructure(r)['Schedule']['QuietTime'])\n"
    )
    assert out == "{'Via': 'predicate'}"

    @converter.register_unstructure_hook
    def quiet(value: models.QuietTime) -> dict[str, Any]:
        return {"Start": value.start, "Via": "decorator"}

    assert unstructure(request)["Schedule"]["QuietTime"] == {"Start": "22:00", "Via": "decorator"}
    converter.register_unstructure_hook(
        models.QuietTime, default_unstructure_hook(models.QuietTime)
    )
    assert unstructure(request)["Schedule"]["QuietTime"] == {"Start": "22:00"}


def test_a_hook_registered_before_the_models_load_applies_once_they_do() -> None:
    out = _run(
        "import sys\n"
        "from pinpoint_sdk import models\n"
        "from pinpoint_sdk.converter import converter, unstructure\n"
        "converter.register_unstructure_hook(models.QuietTime, lambda q: {'Q': q.start})\n"
        "assert 'pinpoint_sdk._codec._campaigns' not in sys.modules\n"
        "r = models.WriteCampaignRequest(name='c',\n"
        "    schedule=models.Schedule(quiet_time=models.QuietTime(start='22:00')))\n"
        "print(unstructure(r)['Schedule']['QuietTime'])\n"
    )
    assert out == "{'Q': '22:00'}"


def test_a_top_level_hook_and_the_unknown_fields_still_work() -> None:
    converter.register_unstructure_hook(
        models.WriteCampaignRequest, lambda r: {"Name": r.name.upper()}
    )
    assert unstructure(models.WriteCampaignRequest(name="c")) == {"Name": "C"}
    schedule = structure({"Timezone": "UTC", "Future": 1}, models.Schedule)
    assert unstructure(schedule) == {"Timezone": "UTC", "Future": 1}


def test_the_typed_client_sends_what_the_user_hook_produced() -> None:
    sent: list[dict[str, Any]] = []

    def answer(request: Any) -> tuple[int, Any]:
        sent.append(json.loads(request.body))
        return 201, {"Id": "c-1", "Name": "c", "Schedule": {"StartTime": "IMMEDIATE"}}

    fake = FakeHttp(answer, max_requests=1)
    client = PinpointClient(fake.client)

    def local_time(schedule: models.Schedule) -> dict[str, Any]:
        return {**default_unstructure_hook(models.Schedule)(schedule), "IsLocalTime": True}

    converter.register_unstructure_hook(models.Schedule, local_time)
    converter.register_structure_hook(
        models.Schedule,
        lambda d, _t: models.Schedule(start_time=d["StartTime"], timezone="read-by-hook"),
    )
    response = client.create_campaign(
        application_id="app",
        write_campaign_request=models.WriteCampaignRequest(
            name="c", schedule=models.Schedule(start_time="IMMEDIATE"),
            additional_treatments=[models.WriteTreatmentResource(
                size_percent=10, schedule=models.Schedule(start_time="IMMEDIATE"))],
        ),
    )
    assert sent == [{
        "Name": "c",
        "Schedule": {"StartTime": "IMMEDIATE", "IsLocalTime": True},
        "AdditionalTreatments": [
            {"SizePercent": 10, "Schedule": {"StartTime": "IMMEDIATE", "IsLocalTime": True}}
        ],
    }]
    assert response.campaign_response is not None
    assert response.campaign_response.schedule == models.Schedule(
        start_time="IMMEDIATE", timezone="read-by-hook"
    )


def test_without_user_hooks_nested_members_use_the_generated_functions() -> None:
    """No lookup per call: each nested slot is the generated function itself."""
    from pinpoint_sdk._codec import _campaigns

    unstructure(models.WriteCampaignRequest(name="c"))
    assert _campaigns._u_Schedule is _campaigns.unstructure_Schedule
    assert _campaigns._s_Schedule is _campaigns.structure_Schedule
    converter.register_unstructure_hook(models.Schedule, _mark)
    assert _campaigns._u_Schedule is _mark
    converter.register_unstructure_hook(models.Schedule, default_unstructure_hook(models.Schedule))
    assert _campaigns._u_Schedule is _campaigns.unstructure_Schedule


def test_with_a_user_hook_a_wrongly_typed_nested_value_is_still_kept_aside() -> None:
    calls: list[Any] = []
    converter.register_structure_hook(
        models.Schedule, lambda d, cls: calls.append(d) or default_structure_hook(cls)(d, cls)
    )
    data = {"Name": "c", "Schedule": "oops",
            "AdditionalTreatments": [{"SizePercent": 1, "Schedule": {"Timezone": "UTC"}}, 5]}
    request = structure(data, models.WriteCampaignRequest)
    assert request.schedule is None and request.additional_treatments is None
    assert unstructure(request) == data
    assert calls == [{"Timezone": "UTC"}]  # the hook only ever sees objects
