"""Fluent builder for ``WriteCampaignRequest``: audience, schedule, messages, A/B tests."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Self, TypedDict, Unpack

import attrs

from pinpoint_sdk import limits, models
from pinpoint_sdk._model_base import evolve
from pinpoint_sdk._validation import is_iso_member
from pinpoint_sdk.builders import _checks
from pinpoint_sdk.builders._base import RequestBuilder
from pinpoint_sdk.builders.conditions import event
from pinpoint_sdk.enums import FilterType, Frequency

if TYPE_CHECKING:
    from pinpoint_sdk._fields import (
        CampaignCustomMessageFields,
        CampaignEmailMessageFields,
        CampaignHookFields,
        CampaignInAppMessageFields,
        CampaignLimitsFields,
        CampaignSmsMessageFields,
        MessageFields,
        WriteCampaignRequestFields,
        WriteTreatmentResourceFields,
    )

__all__ = ["PUSH_PLATFORMS", "CampaignBuilder"]

PUSH_PLATFORMS: Mapping[str, str] = {
    "default": "default_message",
    "apns": "apns_message",
    "gcm": "gcm_message",
    "adm": "adm_message",
    "baidu": "baidu_message",
}
"""Push platforms accepted by `CampaignBuilder.push` and the message each one sets.

Example: ``CampaignBuilder("c").push(body="Hi", platforms=["apns", "gcm"])``.
"""

_TEMPLATE_CHANNELS = {
    "email": "email_template",
    "sms": "sms_template",
    "push": "push_template",
    "voice": "voice_template",
    "in_app": "in_app_template",
}
_SETTINGS = tuple(
    a.name
    for a in attrs.fields(models.WriteCampaignRequest)
    if a.init and not a.name.startswith("_") and a.name != "name"
)
_TREATMENT_FIELDS = tuple(
    a.name
    for a in attrs.fields(models.WriteTreatmentResource)
    if a.init and not a.name.startswith("_")
)


class ScheduleFields(TypedDict, total=False):
    """`pinpoint_sdk.models.Schedule` fields as `CampaignBuilder.schedule` takes them:
    ``start_time`` and ``end_time`` may also be datetimes (a naive one is UTC)."""

    end_time: str | datetime | None
    event_filter: models.CampaignEventFilter | None
    frequency: Frequency | str | None
    is_local_time: bool | None
    quiet_time: models.QuietTime | None
    start_time: str | datetime | None
    timezone: str | None


def _merge(model: Any, cls: type[Any], fields: Mapping[str, Any]) -> Any:
    """``model`` (or a new ``cls``) with ``fields`` applied on top."""
    if model is None:
        return cls(**fields)
    return evolve(model, **fields) if fields else model


class CampaignBuilder(
    RequestBuilder[
        models.WriteCampaignRequest, models.WriteCampaignRequest | models.CampaignResponse
    ]
):
    """Build a `pinpoint_sdk.models.WriteCampaignRequest` step by step.

    Every method changes the builder and returns it. ``build()`` checks the campaign and
    raises `pinpoint_sdk.errors.ValidationError` with every problem at once.

    Examples:
        ```python
        from pinpoint_sdk.builders import CampaignBuilder

        request = (
            CampaignBuilder("spring-sale")
            .segment("all-customers")
            .at(datetime(2030, 3, 1, 9, 0), timezone="UTC")
            .quiet_time("22:00", "07:00")
            .email(title="Spring sale", html_body="<p>20% off</p>")
            .treatment(size_percent=40, treatment_name="B", template_configuration=...)
            .holdout(10)
            .limits(daily=1, messages_per_second=100)
            .build()
        )
        ```
    """

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self._settings: dict[str, Any] = {}
        self._messages: dict[str, Any] = {}
        self._templates: dict[str, models.Template] = {}
        self._treatments: list[models.WriteTreatmentResource] = []
        self._quiet_time: models.QuietTime | None = None

    @property
    def name(self) -> str:
        """The campaign name. Example: ``CampaignBuilder("c").name == "c"``."""
        return self._name

    def set(self, **fields: Unpack[WriteCampaignRequestFields]) -> Self:
        """Set any `pinpoint_sdk.models.WriteCampaignRequest` field by attribute name.

        Example: ``builder.set(description="Q2 promo", priority=2)``.
        """
        for name, value in fields.items():
            if name not in _SETTINGS:
                raise TypeError(f"WriteCampaignRequest has no settable field {name!r}")
            self._settings[name] = value
        return self

    # -- audience and schedule -------------------------------------------------------------

    def segment(self, segment_id: str, version: int | None = None) -> Self:
        """Send to the segment (a given ``version``, or the latest).

        Example: ``builder.segment("all-customers", version=3)``.
        """
        return self.set(segment_id=segment_id, segment_version=version)

    def description(self, text: str) -> Self:
        """The campaign description. Example: ``builder.description("Spring promo")``."""
        return self.set(description=text)

    def schedule(
        self, schedule: models.Schedule | None = None, **fields: Unpack[ScheduleFields]
    ) -> Self:
        """Set the schedule from a model and/or `pinpoint_sdk.models.Schedule` fields.

        Fields are applied on top of ``schedule`` (or, without it, of the current schedule),
        so ``.immediately().schedule(timezone="UTC")`` keeps the start time. Example:

        ```python
        builder.schedule(start_time="2030-01-01T09:00:00Z", frequency="WEEKLY",
                         end_time="2030-03-01T09:00:00Z", timezone="UTC")
        ```
        """
        values: dict[str, Any] = dict(fields)
        for key in ("start_time", "end_time"):
            if isinstance(values.get(key), datetime):
                values[key] = _checks.iso_datetime(values[key])
        base = schedule if schedule is not None else self._settings.get("schedule")
        return self.set(schedule=_merge(base, models.Schedule, values))

    def immediately(self) -> Self:
        """Send once, as soon as the campaign is created. Example: ``builder.immediately()``."""
        return self.schedule(models.Schedule(), start_time="IMMEDIATE", frequency=Frequency.ONCE)

    def at(
        self,
        when: datetime | str,
        *,
        timezone: str | None = None,
        local_time: bool | None = None,
    ) -> Self:
        """Send once at ``when`` (a naive datetime is UTC; ``local_time`` = recipient's zone).

        Example: ``builder.at(datetime(2030, 1, 1, 9), local_time=True)``.
        """
        return self.schedule(
            models.Schedule(),
            start_time=_checks.iso_datetime(when),
            frequency=Frequency.ONCE,
            timezone=timezone,
            is_local_time=local_time,
        )

    def recurring(
        self,
        frequency: Frequency | str,
        start: datetime | str,
        *,
        end: datetime | str | None = None,
        timezone: str | None = None,
        local_time: bool | None = None,
    ) -> Self:
        """Send every ``HOURLY``/``DAILY``/``WEEKLY``/``MONTHLY`` from ``start`` to ``end``.

        Example: ``builder.recurring("WEEKLY", datetime(2030, 1, 6, 9), end=datetime(2030, 6, 1))``.
        """
        return self.schedule(
            models.Schedule(),
            start_time=_checks.iso_datetime(start),
            end_time=None if end is None else _checks.iso_datetime(end),
            frequency=frequency,
            timezone=timezone,
            is_local_time=local_time,
        )

    def on_event(
        self,
        *event_types: str,
        attributes: Mapping[str, str | Iterable[str]] | None = None,
        metrics: Mapping[str, tuple[str, float]] | None = None,
        filter_type: FilterType | str = FilterType.ENDPOINT,
        start: datetime | str = "IMMEDIATE",
        end: datetime | str | None = None,
    ) -> Self:
        """Send when an endpoint reports one of ``event_types`` (an event-triggered campaign).

        Example: ``builder.on_event("cart_abandoned", attributes={"store": "eu"})``.
        """
        condition = event(*event_types, attributes=attributes, metrics=metrics).event_condition
        assert condition is not None
        return self.schedule(
            models.Schedule(),
            start_time=_checks.iso_datetime(start),
            end_time=None if end is None else _checks.iso_datetime(end),
            frequency=Frequency.EVENT,
            event_filter=models.CampaignEventFilter(
                dimensions=condition.dimensions, filter_type=filter_type
            ),
        )

    def quiet_time(self, start: str, end: str) -> Self:
        """Do not send between ``start`` and ``end`` (``HH:MM``), whatever the schedule.

        Example: ``builder.immediately().quiet_time("22:00", "07:00")``.
        """
        self._quiet_time = models.QuietTime(start=start, end=end)
        return self

    # -- messages ----------------------------------------------------------------------------

    def email(
        self, message: models.CampaignEmailMessage | None = None, **fields: Unpack[CampaignEmailMessageFields]
    ) -> Self:
        """The email message (subject ``title``, ``html_body``/``body``, ``from_address``).

        Example: ``builder.email(title="Hello", html_body="<h1>Hi {{User.UserAttributes.Name}}</h1>")``.
        """
        self._messages["email_message"] = _merge(message, models.CampaignEmailMessage, fields)
        return self

    def sms(
        self, message: models.CampaignSmsMessage | None = None, **fields: Unpack[CampaignSmsMessageFields]
    ) -> Self:
        """The SMS message (``body``, ``message_type``, ``origination_number``...).

        Example: ``builder.sms(body="Sale today!", message_type="PROMOTIONAL")``.
        """
        self._messages["sms_message"] = _merge(message, models.CampaignSmsMessage, fields)
        return self

    def push(
        self,
        message: models.Message | None = None,
        *,
        platforms: Iterable[str] = ("default",),
        **fields: Unpack[MessageFields],
    ) -> Self:
        """The push message for the given ``platforms`` (see `PUSH_PLATFORMS`).

        The body is at most 200 characters. Example:

        ```python
        builder.push(title="Sale", body="20% off today", action="OPEN_APP")
        ```
        """
        built = _merge(message, models.Message, fields)
        for platform in platforms:
            if platform not in PUSH_PLATFORMS:
                raise ValueError(f"unknown push platform {platform!r}; use {list(PUSH_PLATFORMS)}")
            self._messages[PUSH_PLATFORMS[platform]] = built
        return self

    def in_app(
        self, message: models.CampaignInAppMessage | None = None, **fields: Unpack[CampaignInAppMessageFields]
    ) -> Self:
        """The in-app message (``content``, ``layout``, ``custom_config``).

        Example: ``builder.in_app(layout="TOP_BANNER", content=[models.InAppMessageContent(...)])``.
        """
        self._messages["in_app_message"] = _merge(message, models.CampaignInAppMessage, fields)
        return self

    def custom(
        self,
        message: models.CampaignCustomMessage | None = None,
        *,
        delivery_uri: str | None = None,
        endpoint_types: Iterable[str] | None = None,
        **fields: Unpack[CampaignCustomMessageFields],
    ) -> Self:
        """A custom message delivered by a Lambda function or web hook (``delivery_uri``).

        Example: ``builder.custom(data="hello", delivery_uri="https://example.com/hook",
        endpoint_types=["CUSTOM"])``.
        """
        self._messages["custom_message"] = _merge(message, models.CampaignCustomMessage, fields)
        if delivery_uri is not None:
            self.set(
                custom_delivery_configuration=models.CustomDeliveryConfiguration(
                    delivery_uri=delivery_uri,
                    endpoint_types=list(endpoint_types) if endpoint_types is not None else None,
                )
            )
        return self

    def template(self, channel: str, name: str, version: str | None = None) -> Self:
        """Use a message template for ``channel`` (email, sms, push, voice or in_app).

        Example: ``builder.template("email", "SpringSale", version="3")``.
        """
        if channel not in _TEMPLATE_CHANNELS:
            raise ValueError(
                f"unknown template channel {channel!r}; use {list(_TEMPLATE_CHANNELS)}"
            )
        self._templates[_TEMPLATE_CHANNELS[channel]] = models.Template(name=name, version=version)
        return self

    # -- A/B tests, limits, hooks ---------------------------------------------------------------

    def treatment(
        self,
        treatment: models.WriteTreatmentResource | None = None,
        **fields: Unpack[WriteTreatmentResourceFields],
    ) -> Self:
        """Add an A/B treatment with its own ``size_percent`` of the audience.

        The default treatment gets what the treatments and the holdout leave. Example:

        ```python
        builder.treatment(size_percent=30, treatment_name="short-subject",
                          message_configuration=models.MessageConfiguration(
                              email_message=models.CampaignEmailMessage(title="Sale")))
        ```
        """
        values: dict[str, Any] = dict(fields)
        unknown = set(values) - set(_TREATMENT_FIELDS)
        if unknown:
            raise TypeError(f"WriteTreatmentResource has no field {sorted(unknown)[0]!r}")
        if treatment is None:
            values.setdefault("size_percent", 0)
            treatment = models.WriteTreatmentResource(**values)
        elif values:
            treatment = evolve(treatment, **values)
        self._treatments.append(treatment)
        return self

    def default_treatment(
        self, name: str | None = None, description: str | None = None
    ) -> Self:
        """Name and describe the campaign's default treatment.

        Example: ``builder.default_treatment("control", "current subject line")``.
        """
        return self.set(treatment_name=name, treatment_description=description)

    def holdout(self, percent: int) -> Self:
        """Keep ``percent`` percent of the segment out of the campaign (a control group).

        Example: ``builder.holdout(10)``.
        """
        return self.set(holdout_percent=percent)

    def limits(
        self, limits: models.CampaignLimits | None = None, **fields: Unpack[CampaignLimitsFields]
    ) -> Self:
        """Message limits (``daily``, ``total``, ``messages_per_second``, ``maximum_duration``,
        ``session``).

        Example: ``builder.limits(daily=1, total=3, messages_per_second=50)``.
        """
        return self.set(limits=_merge(limits, models.CampaignLimits, fields))

    def hook(
        self, hook: models.CampaignHook | None = None, **fields: Unpack[CampaignHookFields]
    ) -> Self:
        """A Lambda hook (``lambda_function_name``, ``mode`` FILTER/DELIVERY, or ``web_url``).

        Example: ``builder.hook(lambda_function_name="filter-fn", mode="FILTER")``.
        """
        return self.set(hook=_merge(hook, models.CampaignHook, fields))

    def priority(self, priority: int) -> Self:
        """Priority when campaigns collide. Example: ``builder.priority(1)``."""
        return self.set(priority=priority)

    def paused(self, paused: bool = True) -> Self:
        """Create the campaign paused. Example: ``builder.paused()``."""
        return self.set(is_paused=paused)

    def tags(self, tags: Mapping[str, str]) -> Self:
        """Tags for the campaign. Example: ``builder.tags({"team": "growth"})``."""
        return self.set(tags=dict(tags) if isinstance(tags, Mapping) else tags)

    # -- output --------------------------------------------------------------------------------

    def _assemble(self) -> models.WriteCampaignRequest:
        settings = copy.deepcopy(self._settings)
        if self._messages:
            settings["message_configuration"] = _merge(
                settings.get("message_configuration"),
                models.MessageConfiguration,
                copy.deepcopy(self._messages),
            )
        if self._templates:
            settings["template_configuration"] = _merge(
                settings.get("template_configuration"),
                models.TemplateConfiguration,
                copy.deepcopy(self._templates),
            )
        if self._treatments:
            settings["additional_treatments"] = copy.deepcopy(self._treatments)
        if self._quiet_time is not None:
            settings["schedule"] = _merge(
                settings.get("schedule"), models.Schedule, {"quiet_time": self._quiet_time}
            )
        return models.WriteCampaignRequest(
            name=self._name, unknown_fields=self._unknown_fields(), **settings
        )

    def _problems(self, request: models.WriteCampaignRequest) -> list[tuple[str, str]]:
        return _campaign_problems(request)

    def __repr__(self) -> str:
        return f"CampaignBuilder({self._name!r}, segment={self._settings.get('segment_id')!r})"

    @classmethod
    def from_model(
        cls, model: models.WriteCampaignRequest | models.CampaignResponse
    ) -> Self:
        """A builder holding an existing campaign, to edit and build again.

        Fields and unknown wire keys the builder has no method for are kept. Example:

        ```python
        b = CampaignBuilder.from_model(campaign_response).holdout(5)
        ```
        """
        return super().from_model(model)

    def _load(self, model: models.WriteCampaignRequest | models.CampaignResponse) -> None:
        for name in _SETTINGS:
            value = getattr(model, name, None)
            if value is None:
                continue
            if name == "additional_treatments":
                self._treatments = [_write_treatment(t) for t in value]
            else:
                self._settings[name] = copy.deepcopy(value)


def _write_treatment(
    treatment: models.WriteTreatmentResource | models.TreatmentResource,
) -> models.WriteTreatmentResource:
    if isinstance(treatment, models.WriteTreatmentResource):
        return copy.deepcopy(treatment)
    fields = {
        name: copy.deepcopy(getattr(treatment, name))
        for name in _TREATMENT_FIELDS
        if getattr(treatment, name, None) is not None
    }
    fields.setdefault("size_percent", 0)
    result = models.WriteTreatmentResource(**fields)
    if treatment._unknown:
        result._unknown = copy.deepcopy(treatment._unknown)
    return result


def _schedule_problems(path: str, schedule: models.Schedule | None) -> list[tuple[str, str]]:
    if schedule is None:
        return []
    problems: list[tuple[str, str]] = []
    start = schedule.start_time
    if not start:
        problems.append((f"{path}.start_time", "a start time is required ('IMMEDIATE' or a date)"))
    elif not is_iso_member("Schedule", "start_time", start):
        problems.append((f"{path}.start_time", f"{start!r} is not 'IMMEDIATE' or an ISO date"))
    if schedule.end_time is not None and not is_iso_member("Schedule", "end_time",
                                                           schedule.end_time):
        problems.append((f"{path}.end_time", f"{schedule.end_time!r} is not an ISO date"))
    frequency = schedule.frequency
    if frequency == Frequency.EVENT:
        dims = schedule.event_filter.dimensions if schedule.event_filter else None
        if dims is None or dims.event_type is None or not dims.event_type.values:
            problems.append(
                (f"{path}.event_filter", "an event-triggered campaign needs an event type")
            )
    elif schedule.event_filter is not None and frequency != Frequency.IN_APP_EVENT:
        problems.append((f"{path}.event_filter", "only used with frequency EVENT or IN_APP_EVENT"))
    return problems


def _message_problems(
    path: str,
    config: models.MessageConfiguration | None,
    templates: models.TemplateConfiguration | None,
) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    has_template = templates is not None and any(
        getattr(templates, name) is not None for name in _TEMPLATE_CHANNELS.values()
    )
    has_message = config is not None and (
        any(v is not None for _, v in config._set_fields()) or bool(config._unknown)
    )
    if not has_template and not has_message:
        problems.append(
            (path, "a message or a template is required (.email(), .sms(), .push(), .template())")
        )
    if templates is not None:
        for name in _TEMPLATE_CHANNELS.values():
            template = getattr(templates, name)
            if template is not None:
                where = f"template_configuration.{name}.name"
                if not template.name:
                    problems.append((where, "a template name is required"))
                problems += _checks.check_template_name(where, template.name)
    if config is None:
        return problems
    for name in PUSH_PLATFORMS.values():
        message = getattr(config, name)
        if message is not None and message.body is not None:
            problems += _checks.check_length(
                f"{path}.{name}.body", message.body, limits.MAX_PUSH_BODY_LENGTH
            )
    email = config.email_message
    email_template = templates is not None and templates.email_template is not None
    if email is not None and not email_template:
        if not email.title:
            problems.append((f"{path}.email_message.title", "a subject is required"))
        if not email.html_body and not email.body:
            problems.append((f"{path}.email_message", "an html_body or body is required"))
    if email is not None and email.headers and len(email.headers) > limits.MAX_EMAIL_HEADERS:
        problems.append(
            (
                f"{path}.email_message.headers",
                f"{len(email.headers)} headers, at most {limits.MAX_EMAIL_HEADERS}",
            )
        )
    sms = config.sms_message
    sms_template = templates is not None and templates.sms_template is not None
    if sms is not None and not sms_template and not sms.body:
        problems.append((f"{path}.sms_message.body", "an SMS body is required"))
    return problems


def _campaign_problems(request: models.WriteCampaignRequest) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    problems += _checks.check_name(
        "name", request.name, "campaign", limits.MAX_CAMPAIGN_NAME_LENGTH
    )
    if not request.segment_id:
        problems.append(("segment_id", "a segment is required; call .segment(segment_id)"))
    if request.schedule is None:
        problems.append(
            ("schedule", "a schedule is required (.immediately(), .at(), .recurring(), ...)")
        )
    problems += _schedule_problems("schedule", request.schedule)
    problems += _message_problems(
        "message_configuration", request.message_configuration, request.template_configuration
    )
    if request.message_configuration is not None and (
        request.message_configuration.custom_message is not None
        and request.custom_delivery_configuration is None
    ):
        problems.append(("custom_delivery_configuration", "a custom message needs a delivery_uri"))
    delivery = request.custom_delivery_configuration
    if delivery is not None and not delivery.delivery_uri:
        problems.append(("custom_delivery_configuration.delivery_uri", "required"))

    holdout = request.holdout_percent or 0
    problems += _checks.check_range("holdout_percent", request.holdout_percent, 0, 100)
    sizes: list[int] = []
    for index, treatment in enumerate(request.additional_treatments or []):
        where = f"additional_treatments[{index}]"
        problems += _checks.check_range(f"{where}.size_percent", treatment.size_percent, 0, 100)
        sizes.append(treatment.size_percent)
        problems += _schedule_problems(f"{where}.schedule", treatment.schedule)
        if treatment.message_configuration is not None or treatment.template_configuration:
            problems += _message_problems(
                f"{where}.message_configuration",
                treatment.message_configuration,
                treatment.template_configuration,
            )
    if sizes and sum(sizes) + holdout > 100:
        shown = " + ".join(str(size) for size in sizes)
        problems.append(
            (
                "additional_treatments",
                f"treatment sizes ({shown}) and holdout ({holdout}) add up to "
                f"{sum(sizes) + holdout}, more than 100",
            )
        )

    campaign_limits = request.limits
    if campaign_limits is not None:
        problems += _checks.check_range(
            "limits.daily", campaign_limits.daily, 0, limits.MAX_CAMPAIGN_DAILY
        )
        problems += _checks.check_range(
            "limits.total", campaign_limits.total, 0, limits.MAX_CAMPAIGN_TOTAL
        )
        low, high = limits.CAMPAIGN_MESSAGES_PER_SECOND
        problems += _checks.check_range(
            "limits.messages_per_second", campaign_limits.messages_per_second, low, high
        )
        duration = campaign_limits.maximum_duration
        if duration is not None and duration < limits.MIN_CAMPAIGN_MAXIMUM_DURATION:
            problems.append(
                (
                    "limits.maximum_duration",
                    f"{duration} seconds, at least {limits.MIN_CAMPAIGN_MAXIMUM_DURATION}",
                )
            )
    hook = request.hook
    if hook is not None and not hook.lambda_function_name and not hook.web_url:
        problems.append(("hook", "a hook needs lambda_function_name or web_url"))
    return problems
