"""Every `PinpointConverter` converts models as the SDK does, and keeps its hooks to itself.

``converter`` (the SDK's) owns the slots of the generated functions; another instance
(``PinpointConverter()``, ``converter.copy()``) converts through private copies of them, so
its hooks apply inside every model it converts and never reach another converter.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest

from pinpoint_sdk import models
from pinpoint_sdk._codec import REGISTRY, _campaigns, _common
from pinpoint_sdk.converter import (
    PinpointConverter,
    converter,
    default_structure_hook,
    default_unstructure_hook,
    structure,
    unstructure,
)

TOUCHED = (models.Schedule, models.QuietTime, models.WriteTreatmentResource)
RESET = (*TOUCHED, models.WriteCampaignRequest)

REQUEST = models.WriteCampaignRequest(
    name="c",
    schedule=models.Schedule(start_time="IMMEDIATE", quiet_time=models.QuietTime(start="22:00")),
    additional_treatments=[models.WriteTreatmentResource(
        size_percent=5, schedule=models.Schedule(timezone="UTC"))],
)
WIRE = {
    "Name": "c",
    "Schedule": {"StartTime": "IMMEDIATE", "QuietTime": {"Start": "22:00"}},
    "AdditionalTreatments": [{"SizePercent": 5, "Schedule": {"Timezone": "UTC"}}],
}


@pytest.fixture(autouse=True)
def _default_hooks() -> Iterator[None]:
    """Hooks a test registers on the SDK's converter are replaced by its own afterwards."""
    yield
    for cls in RESET:
        converter.register_unstructure_hook(cls, default_unstructure_hook(cls))
        converter.register_structure_hook(cls, default_structure_hook(cls))


def _marking(
    cls: type, mark: str, on: PinpointConverter | None = None
) -> Callable[[Any], dict[str, Any]]:
    def hook(value: Any) -> dict[str, Any]:
        return {**default_unstructure_hook(cls, on)(value), "Mark": mark}

    return hook


def _reading(cls: type, mark: str) -> Callable[[Any, Any], Any]:
    def hook(data: dict[str, Any], hooked: type) -> Any:
        return attrs.evolve(default_structure_hook(cls)(data, hooked), unknown_fields={"M": mark})

    return hook


def _schedules_marked(wire: dict[str, Any], mark: str | None) -> bool:
    """Whether both schedules of a `REQUEST` wire dict carry ``mark`` (``None``: no mark)."""
    found = [wire["Schedule"].get("Mark"), wire["AdditionalTreatments"][0]["Schedule"].get("Mark")]
    return found == [mark, mark]


def test_a_converter_of_ones_own_converts_models_as_the_sdks_does() -> None:
    own = PinpointConverter()
    assert own.unstructure(REQUEST) == unstructure(REQUEST) == WIRE
    data = {**WIRE, "Future": [1], "HoldoutPercent": "ten"}
    model = own.structure(data, models.WriteCampaignRequest)
    assert model == structure(data, models.WriteCampaignRequest)
    assert model.schedule == REQUEST.schedule and model.holdout_percent is None
    assert own.unstructure(model) == data


def test_a_hook_on_another_converter_applies_nested_there_and_nowhere_else() -> None:
    own = PinpointConverter()
    own.register_unstructure_hook(models.Schedule, _marking(models.Schedule, "own"))
    own.register_structure_hook(models.QuietTime, _reading(models.QuietTime, "own"))

    assert _schedules_marked(own.unstructure(REQUEST), "own")
    assert own.structure(WIRE, models.WriteCampaignRequest).schedule.quiet_time == (
        attrs.evolve(REQUEST.schedule.quiet_time, unknown_fields={"M": "own"}))
    # The SDK's converter, and so the client, resources and builders, are unchanged.
    assert unstructure(REQUEST) == WIRE
    assert structure(WIRE, models.WriteCampaignRequest) == REQUEST
    assert _campaigns._u_Schedule is _campaigns.unstructure_Schedule
    assert _common._s_QuietTime is _common.structure_QuietTime


def test_a_hook_on_the_sdks_converter_does_not_reach_other_converters() -> None:
    own, copied = PinpointConverter(), converter.copy()
    assert own.unstructure(REQUEST) == copied.unstructure(REQUEST) == WIRE

    converter.register_unstructure_hook(models.Schedule, _marking(models.Schedule, "sdk"))
    converter.register_structure_hook(models.QuietTime, _reading(models.QuietTime, "sdk"))

    assert _schedules_marked(unstructure(REQUEST), "sdk")
    for other in (own, copied, PinpointConverter()):
        assert other.unstructure(REQUEST) == WIRE
        assert other.structure(WIRE, models.WriteCampaignRequest) == REQUEST


def test_a_copy_starts_with_its_originals_hooks_nested_too_and_then_goes_its_own_way() -> None:
    # The SDK's defaults put back for classes (as after removing a hook) stand for each
    # copy's own, also in a copy of a copy.
    for cls in (models.WriteCampaignRequest, models.WriteTreatmentResource):
        converter.register_unstructure_hook(cls, default_unstructure_hook(cls))
    converter.register_unstructure_hook(models.Schedule, _marking(models.Schedule, "sdk"))
    copied = converter.copy()
    again = copied.copy()
    converter.register_unstructure_hook(models.Schedule, default_unstructure_hook(models.Schedule))
    copied.register_unstructure_hook(
        models.WriteTreatmentResource, _marking(models.WriteTreatmentResource, "copy", copied))

    wire = copied.unstructure(REQUEST)
    assert _schedules_marked(wire, "sdk")
    assert wire["AdditionalTreatments"][0]["Mark"] == "copy"
    assert _schedules_marked(again.unstructure(REQUEST), "sdk")
    assert "Mark" not in again.unstructure(REQUEST)["AdditionalTreatments"][0]
    assert unstructure(REQUEST) == WIRE


def test_the_sdks_default_hook_registered_on_another_converter_stands_for_its_own() -> None:
    own = PinpointConverter()
    own.register_unstructure_hook(models.QuietTime, _marking(models.QuietTime, "own"))
    assert own.unstructure(REQUEST)["Schedule"]["QuietTime"]["Mark"] == "own"
    # A hook on the SDK's converter must not come back through the default put back here.
    converter.register_unstructure_hook(models.QuietTime, _marking(models.QuietTime, "sdk"))

    own.register_unstructure_hook(models.QuietTime, default_unstructure_hook(models.QuietTime))
    own.register_unstructure_hook(models.Schedule, default_unstructure_hook(models.Schedule))

    assert own.unstructure(REQUEST) == WIRE
    assert own.unstructure(REQUEST.schedule) == WIRE["Schedule"]
    assert own.get_unstructure_hook(models.Schedule) is not default_unstructure_hook(
        models.Schedule)  # its own copy's function, whose nested slots follow ``own``


def test_predicates_and_factories_on_another_converter_apply_nested() -> None:
    own = PinpointConverter()
    own.register_unstructure_hook_func(
        lambda t: t is models.QuietTime, lambda q: {"Via": "predicate"})

    @own.register_structure_hook_factory(lambda t: t is models.Schedule)
    def schedules(cls: type) -> Callable[[Any, Any], Any]:
        return _reading(cls, "factory")

    assert own.unstructure(REQUEST)["Schedule"]["QuietTime"] == {"Via": "predicate"}
    read = own.structure(WIRE, models.WriteCampaignRequest)
    assert read.schedule is not None and read.additional_treatments is not None
    assert [read.schedule._unknown, read.additional_treatments[0].schedule._unknown] == [
        {"M": "factory"}, {"M": "factory"}]
    assert unstructure(REQUEST) == WIRE


def test_the_sdks_converter_converts_through_the_registered_generated_functions() -> None:
    """No per-converter indirection on the SDK's own converter: the hook cattrs returns
    for a model is the generated function itself."""
    for cls in (models.WriteCampaignRequest, models.Schedule, models.QuietTime):
        unstructure(cls())
        assert converter.get_unstructure_hook(cls) is REGISTRY[cls].unstructure
        assert converter.get_structure_hook(cls) is REGISTRY[cls].structure


def test_hooks_registered_from_many_threads_all_take_effect() -> None:
    own = PinpointConverter()
    marks = {(target, cls): _marking(cls, cls.__name__, target)
             for cls in TOUCHED for target in (converter, own)}
    start = threading.Barrier(2 * len(TOUCHED) + 1)
    failures: list[BaseException] = []

    def register(target: PinpointConverter, cls: type) -> None:
        try:
            start.wait()
            for _ in range(20):
                target.register_unstructure_hook(cls, default_unstructure_hook(cls))
                target.register_unstructure_hook(cls, marks[target, cls])
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    def first_use() -> None:
        start.wait()
        for _ in range(20):
            own.unstructure(REQUEST)

    threads = [threading.Thread(target=register, args=(target, cls))
               for cls in TOUCHED for target in (converter, own)]
    threads[-1:] = [threading.Thread(target=first_use), *threads[-1:]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []

    for target in (converter, own):
        wire = target.unstructure(REQUEST)
        assert wire["Schedule"]["Mark"] == "Schedule"
        assert wire["Schedule"]["QuietTime"]["Mark"] == "QuietTime"
        assert wire["AdditionalTreatments"][0]["Mark"] == "WriteTreatmentResource"
        assert wire["AdditionalTreatments"][0]["Schedule"]["Mark"] == "Schedule"
