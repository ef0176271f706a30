"""The TypedDicts behind the builders' and resources' typed ``**fields`` match the models.

(That a misspelt keyword is a type error is checked by tests/typing/test_typos.py.)
"""

from __future__ import annotations

from datetime import datetime

import attrs
import pytest

from pinpoint_sdk import _fields, _schema, models
from pinpoint_sdk.builders import CampaignBuilder, JourneyBuilder
from pinpoint_sdk.builders.campaign import ScheduleFields
from pinpoint_sdk.errors import ValidationError


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


def test_journey_sms_fields_build_the_message_and_refuse_bad_input() -> None:
    builder = JourneyBuilder("j").start("nudge").sms(
        "nudge", "Nudge", message_type="TRANSACTIONAL", sender_id="Shop"
    )
    sms = builder.build().activities["nudge"].sms  # type: ignore[index]
    assert sms is not None and sms.message_config == models.JourneySMSMessage(
        message_type="TRANSACTIONAL", sender_id="Shop")

    with pytest.raises(ValidationError) as both:
        JourneyBuilder("j").sms("nudge", message=models.JourneySMSMessage(), sender_id="S")
    assert "nudge" in str(both.value) and "message_config" in str(both.value)
    with pytest.raises(ValidationError) as typo:
        JourneyBuilder("j").sms("nudge", sendr_id="S")  # type: ignore[call-arg]
    assert "sendr_id" in str(typo.value) and "nudge" in str(typo.value)


def test_template_update_fields_cover_every_template_type() -> None:
    # `Template.update`'s overloads take the fields of each template type's request model.
    for name in ("EmailTemplateRequest", "SMSTemplateRequest", "VoiceTemplateRequest",
                 "PushNotificationTemplateRequest", "InAppTemplateRequest"):
        assert set(getattr(_fields, f"{name}Fields").__annotations__) == _attributes(
            getattr(models, name))
