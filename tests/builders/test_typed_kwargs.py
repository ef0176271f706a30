"""The TypedDicts behind the builders' and resources' typed ``**fields`` match the models.

(That a misspelt keyword is a type error is checked by tests/typing/test_typos.py.)
"""

from __future__ import annotations

from datetime import datetime

import attrs

from pinpoint_sdk import _fields, _schema, models
from pinpoint_sdk.builders import CampaignBuilder
from pinpoint_sdk.builders.campaign import ScheduleFields


def _attributes(cls: type) -> set[str]:
    return {a.name for a in attrs.fields(cls) if not a.name.startswith("_")}


def test_every_model_has_a_fields_typeddict_with_its_attributes() -> None:
    for name in _schema.SHAPES:
        typed = getattr(_fields, f"{name}Fields")
        assert typed.__total__ is False
        assert set(typed.__annotations__) == _attributes(getattr(models, name)), name


def test_the_schedule_arguments_are_the_schedule_fields_plus_datetimes() -> None:
    assert set(ScheduleFields.__annotations__) == _attributes(models.Schedule)
    assert "datetime" in ScheduleFields.__annotations__["start_time"].__forward_arg__
    request = CampaignBuilder("c").segment("s").sms(body="Hi").schedule(
        start_time=datetime(2030, 1, 1, 9), frequency="ONCE"
    ).build()
    assert request.schedule == models.Schedule(start_time="2030-01-01T09:00:00+00:00",
                                             frequency="ONCE")
