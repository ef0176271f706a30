"""Fluent builder for ``WriteJourneyRequest``: activities, splits, waits and settings."""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Self, Unpack

import attrs

from pinpoint_sdk import limits, models
from pinpoint_sdk._model_base import evolve
from pinpoint_sdk.builders import _checks
from pinpoint_sdk.builders._base import RequestBuilder
from pinpoint_sdk.builders._graph import (
    KINDS,
    Edge,
    activity_path,
    all_edges,
    check_graph,
    kinds_of,
    to_mermaid,
    to_svg,
)
from pinpoint_sdk.enums import FilterType, State, TimezoneEstimationMethodsElement
from pinpoint_sdk.errors import ValidationError

if TYPE_CHECKING:
    from pinpoint_sdk._fields import JourneySMSMessageFields, WriteJourneyRequestFields

__all__ = ["JourneyBuilder"]

_ACTIVITY_KEY = re.compile(r"[A-Za-z0-9]+")
_SETTINGS = tuple(
    a.name
    for a in attrs.fields(models.WriteJourneyRequest)
    if a.init
    and not a.name.startswith("_")
    and a.name not in ("name", "activities", "start_activity")
)
_SINGLE_NEXT = ("wait", "email", "sms", "push", "custom", "holdout", "contact_center")
_CHANNELS = ("email", "sms", "push", "voice", "custom")


def _wait_time(
    duration: str | timedelta | None, until: str | datetime | None
) -> models.WaitTime | None:
    if duration is None and until is None:
        return None
    return models.WaitTime(
        wait_for=None if duration is None else _checks.iso_duration(duration),
        wait_until=None if until is None else _checks.iso_datetime(until),
    )


class JourneyBuilder(
    RequestBuilder[
        models.WriteJourneyRequest, models.WriteJourneyRequest | models.JourneyResponse
    ]
):
    """Build a `pinpoint_sdk.models.WriteJourneyRequest` step by step.

    Every method changes the builder and returns it, so calls chain. ``build()`` checks
    the whole journey and raises `pinpoint_sdk.errors.ValidationError` listing
    every problem (with paths such as ``activities['welcome'].email.next_activity``).

    Examples:
        ```python
        from pinpoint_sdk.builders import JourneyBuilder, conditions as c

        journey = (
            JourneyBuilder("onboarding")
            .segment("new-users")
            .start("welcome")
            .email("welcome", "WelcomeTemplate", next="pause")
            .wait("pause", "P2D", next="opened")
            .conditional_split(
                "opened", c.message_event("welcome", "_email.open"),
                true_next="thanks", false_next="nudge",
            )
            .push("thanks", "ThanksPush")
            .sms("nudge", "NudgeSms")
            .build()
        )
        ```
    """

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self._activities: dict[str, models.Activity] = {}
        self._start: str | None = None
        self._settings: dict[str, Any] = {}
        self._early_problems: list[tuple[str, str]] = []

    # -- reading --------------------------------------------------------------------

    @property
    def name(self) -> str:
        """The journey name. Example: ``JourneyBuilder("j").name == "j"``."""
        return self._name

    @property
    def activities(self) -> Mapping[str, models.Activity]:
        """The activities so far, by key (a read-only copy of the mapping).

        Example: ``list(builder.activities)`` gives the keys in insertion order.
        """
        return dict(self._activities)

    @property
    def start_activity(self) -> str | None:
        """The key of the first activity, or ``None``. Example: ``builder.start_activity``."""
        return self._start

    def edges(self) -> list[Edge]:
        """Every link between activities as `Edge` ``(source, field, label, target)``.

        Example: ``[(e.source, e.target) for e in builder.edges()]``.
        """
        return all_edges(self._activities)

    # -- activities -----------------------------------------------------------------

    def activity(self, key: str, activity: models.Activity) -> Self:
        """Add any `pinpoint_sdk.models.Activity` under ``key``.

        Adding a key twice is reported by ``build()``; use `replace` to change one.

        Examples:
            ```python
            builder.activity("w", models.Activity(wait=models.WaitActivity(
                wait_time=models.WaitTime(wait_for="P1D"))))
            ```
        """
        if key in self._activities:
            self._early_problems.append(
                (activity_path(key), "defined twice; use .replace() to change an activity")
            )
        else:
            self._activities[key] = activity
        return self

    def replace(self, key: str, activity: models.Activity) -> Self:
        """Put ``activity`` under ``key``, replacing any existing one.

        Example: ``builder.replace("pause", models.Activity(wait=...))``.
        """
        self._activities[key] = activity
        return self

    def remove(self, key: str) -> Self:
        """Drop the activity ``key`` (links to it are then reported by ``build()``).

        Example: ``builder.remove("nudge")``.
        """
        self._activities.pop(key, None)
        return self

    def wait(
        self,
        key: str,
        duration: str | timedelta | None = None,
        *,
        until: str | datetime | None = None,
        next: str | None = None,
        description: str | None = None,
    ) -> Self:
        """Wait for an ISO 8601 ``duration`` (or ``timedelta``) or ``until`` a date.

        Example: ``builder.wait("pause", "P1D", next="remind")`` or
        ``builder.wait("launch", until=datetime(2030, 1, 1, tzinfo=UTC))``.
        """
        wait = models.WaitActivity(next_activity=next, wait_time=_wait_time(duration, until))
        return self.activity(key, models.Activity(wait=wait, description=description))

    def email(
        self,
        key: str,
        template: str | None = None,
        *,
        template_version: str | None = None,
        from_address: str | None = None,
        next: str | None = None,
        description: str | None = None,
    ) -> Self:
        """Send the email template ``template``.

        Example: ``builder.email("welcome", "Welcome", from_address="hi@example.com")``.
        """
        email = models.EmailMessageActivity(
            message_config=(
                models.JourneyEmailMessage(from_address=from_address) if from_address else None
            ),
            next_activity=next,
            template_name=template,
            template_version=template_version,
        )
        return self.activity(key, models.Activity(email=email, description=description))

    def sms(
        self,
        key: str,
        template: str | None = None,
        *,
        template_version: str | None = None,
        message: models.JourneySMSMessage | None = None,
        next: str | None = None,
        description: str | None = None,
        **message_fields: Unpack[JourneySMSMessageFields],
    ) -> Self:
        """Send the SMS template ``template``.

        ``message`` or keyword fields of `pinpoint_sdk.models.JourneySMSMessage`
        (``message_type``, ``origination_number``, ``sender_id``, ``entity_id``,
        ``template_id``) set the sending options. Example:

        ```python
        builder.sms("nudge", "Nudge", message_type="TRANSACTIONAL", next="done")
        ```
        """
        if message_fields:
            if message is not None:
                raise ValidationError(
                    "pass either message= or JourneySMSMessage fields, not both",
                    path=f"{activity_path(key)}.sms.message_config",
                )
            try:
                message = models.JourneySMSMessage(**message_fields)
            except TypeError as exc:
                raise ValidationError(
                    str(exc), path=f"{activity_path(key)}.sms.message_config"
                ) from exc
        sms = models.SMSMessageActivity(
            message_config=message,
            next_activity=next,
            template_name=template,
            template_version=template_version,
        )
        return self.activity(key, models.Activity(sms=sms, description=description))

    def push(
        self,
        key: str,
        template: str | None = None,
        *,
        template_version: str | None = None,
        time_to_live: str | int | None = None,
        next: str | None = None,
        description: str | None = None,
    ) -> Self:
        """Send the push template ``template`` (``time_to_live`` in seconds).

        Example: ``builder.push("thanks", "ThanksPush", time_to_live=3600)``.
        """
        push = models.PushMessageActivity(
            message_config=(
                models.JourneyPushMessage(time_to_live=str(time_to_live))
                if time_to_live is not None
                else None
            ),
            next_activity=next,
            template_name=template,
            template_version=template_version,
        )
        return self.activity(key, models.Activity(push=push, description=description))

    def in_app(self, key: str, template: str | None = None, **_: object) -> Self:
        """Not available: the Pinpoint journey model has no in-app message activity.

        The botocore ``pinpoint`` model (2016-12-01) defines in-app messages for campaigns
        only (`CampaignBuilder.in_app`); this method raises
        `pinpoint_sdk.errors.ValidationError` at once so the gap is visible.
        Example: use ``CampaignBuilder("c").in_app(...)`` instead.
        """
        raise ValidationError(
            "the Pinpoint journey model has no in-app activity; "
            "send in-app messages with a campaign (CampaignBuilder.in_app)",
            path=f"{activity_path(key)}.in_app",
        )

    def custom(
        self,
        key: str,
        delivery_uri: str | None = None,
        *,
        endpoint_types: Iterable[str] | None = None,
        data: str | None = None,
        template: str | None = None,
        template_version: str | None = None,
        next: str | None = None,
        description: str | None = None,
    ) -> Self:
        """Call a Lambda function or web hook (``delivery_uri``) to deliver the message.

        Example: ``builder.custom("hook", "arn:aws:lambda:...:function:send",
        endpoint_types=["CUSTOM"], data="hello")``.
        """
        custom = models.CustomMessageActivity(
            delivery_uri=delivery_uri,
            endpoint_types=list(endpoint_types) if endpoint_types is not None else None,
            message_config=models.JourneyCustomMessage(data=data) if data is not None else None,
            next_activity=next,
            template_name=template,
            template_version=template_version,
        )
        return self.activity(key, models.Activity(custom=custom, description=description))

    def conditional_split(
        self,
        key: str,
        condition: models.Condition | models.SimpleCondition,
        *,
        true_next: str | None = None,
        false_next: str | None = None,
        wait_for: str | timedelta | None = None,
        wait_until: str | datetime | None = None,
        description: str | None = None,
    ) -> Self:
        """Yes/no split on ``condition`` (see `pinpoint_sdk.builders.conditions`).

        ``wait_for``/``wait_until`` delay the evaluation. Example:

        ```python
        builder.conditional_split("opened", c.message_event("welcome", "_email.open"),
                                  true_next="thanks", false_next="nudge", wait_for="P1D")
        ```
        """
        if isinstance(condition, models.SimpleCondition):
            condition = models.Condition(conditions=[condition])
        split = models.ConditionalSplitActivity(
            condition=condition,
            evaluation_wait_time=_wait_time(wait_for, wait_until),
            true_activity=true_next,
            false_activity=false_next,
        )
        return self.activity(key, models.Activity(conditional_split=split, description=description))

    def multi_condition_split(
        self,
        key: str,
        branches: Iterable[tuple[models.SimpleCondition, str | None]],
        *,
        default_next: str | None = None,
        wait_for: str | timedelta | None = None,
        wait_until: str | datetime | None = None,
        description: str | None = None,
    ) -> Self:
        """Send participants down the first branch whose condition holds.

        ``branches`` is a list of ``(condition, next activity key)``; ``default_next``
        takes everyone else. Example:

        ```python
        builder.multi_condition_split("by_plan", [
            (c.endpoint_attribute("plan", "gold"), "gold_email"),
            (c.endpoint_attribute("plan", "silver"), "silver_email"),
        ], default_next="basic_email")
        ```
        """
        split = models.MultiConditionalSplitActivity(
            branches=[
                models.MultiConditionalBranch(condition=cond, next_activity=target)
                for cond, target in branches
            ],
            default_activity=default_next,
            evaluation_wait_time=_wait_time(wait_for, wait_until),
        )
        return self.activity(key, models.Activity(multi_condition=split, description=description))

    def random_split(
        self,
        key: str,
        branches: Mapping[str, int] | Iterable[tuple[str | None, int]],
        *,
        description: str | None = None,
    ) -> Self:
        """Split participants at random; percentages must add up to 100.

        ``branches`` maps the next activity key to its percentage (or is a list of
        ``(key or None, percentage)``; ``None`` ends that branch). Example:

        ```python
        builder.random_split("ab", {"variant_a": 50, "variant_b": 50})
        ```
        """
        pairs = branches.items() if isinstance(branches, Mapping) else branches
        split = models.RandomSplitActivity(
            branches=[
                models.RandomSplitEntry(next_activity=target, percentage=percentage)
                for target, percentage in pairs
            ]
        )
        return self.activity(key, models.Activity(random_split=split, description=description))

    def holdout(
        self,
        key: str,
        percentage: int,
        *,
        next: str | None = None,
        description: str | None = None,
    ) -> Self:
        """Stop the journey for ``percentage`` percent of participants (a control group).

        Example: ``builder.holdout("control", 10, next="welcome")``.
        """
        holdout = models.HoldoutActivity(percentage=percentage, next_activity=next)
        return self.activity(key, models.Activity(holdout=holdout, description=description))

    def contact_center(
        self, key: str, *, next: str | None = None, description: str | None = None
    ) -> Self:
        """Start an Amazon Connect call; needs `channel_settings`.

        Example: ``builder.contact_center("call", next="followup")``.
        """
        activity = models.ContactCenterActivity(next_activity=next)
        return self.activity(key, models.Activity(contact_center=activity, description=description))

    def chain(self, *keys: str) -> Self:
        """Link single-path activities in order: each one's next activity is the following key.

        Keys not yet defined or that are splits are reported by ``build()``. Example:

        ```python
        builder.email("a", "T").wait("b", "P1D").sms("c", "S").chain("a", "b", "c")
        ```
        """
        for source, target in itertools.pairwise(keys):
            activity = self._activities.get(source)
            kind = next((k for k in _SINGLE_NEXT if activity and getattr(activity, k)), None)
            if activity is None or kind is None:
                self._early_problems.append(
                    (activity_path(source), "chain() needs a defined single-path activity")
                )
                continue
            inner = evolve(getattr(activity, kind), next_activity=target)
            self._activities[source] = evolve(activity, **{kind: inner})
        return self

    def start(self, key: str) -> Self:
        """Make ``key`` the first activity. Example: ``builder.start("welcome")``."""
        self._start = key
        return self

    # -- journey settings ----------------------------------------------------------------

    def set(self, **fields: Unpack[WriteJourneyRequestFields]) -> Self:
        """Set any `pinpoint_sdk.models.WriteJourneyRequest` field by attribute name.

        Example: ``builder.set(state="DRAFT", local_time=True)``.
        """
        for name, value in fields.items():
            if name not in _SETTINGS:
                raise TypeError(f"WriteJourneyRequest has no settable field {name!r}")
            self._settings[name] = value
        return self

    def segment(self, segment_id: str, *, description: str | None = None) -> Self:
        """Enter every endpoint of the segment into the journey.

        Example: ``builder.segment("new-users")``.
        """
        condition = models.StartCondition(
            description=description,
            segment_start_condition=models.SegmentCondition(segment_id=segment_id),
        )
        return self.set(start_condition=condition)

    def start_on_event(
        self,
        *event_types: str,
        segment_id: str | None = None,
        attributes: Mapping[str, str | Iterable[str]] | None = None,
        metrics: Mapping[str, tuple[str, float]] | None = None,
        filter_type: FilterType | str = FilterType.ENDPOINT,
    ) -> Self:
        """Enter endpoints into the journey when they report one of ``event_types``.

        Example: ``builder.start_on_event("signup", segment_id="all-users")``.
        """
        from pinpoint_sdk.builders.conditions import event

        dims = event(*event_types, attributes=attributes, metrics=metrics).event_condition
        assert dims is not None
        start = models.EventStartCondition(
            event_filter=models.EventFilter(dimensions=dims.dimensions, filter_type=filter_type),
            segment_id=segment_id,
        )
        return self.set(start_condition=models.StartCondition(event_start_condition=start))

    def schedule(
        self,
        start: datetime | None = None,
        end: datetime | None = None,
        *,
        timezone: str | None = None,
        local_time: bool | None = None,
    ) -> Self:
        """When the journey runs; naive datetimes are UTC.

        Example: ``builder.schedule(datetime(2030, 1, 1), timezone="Europe/Paris")``.
        """
        self.set(
            schedule=models.JourneySchedule(
                start_time=_checks.aware(start) if start else None,
                end_time=_checks.aware(end) if end else None,
                timezone=timezone,
            )
        )
        if local_time is not None:
            self.set(local_time=local_time)
        return self

    def limits(
        self,
        *,
        daily_cap: int | None = None,
        total_cap: int | None = None,
        endpoint_reentry_cap: int | None = None,
        endpoint_reentry_interval: str | timedelta | None = None,
        messages_per_second: int | None = None,
        timeframe_cap: tuple[int, int] | None = None,
    ) -> Self:
        """Messaging and entry limits; ``timeframe_cap`` is ``(messages, days)``.

        Caps are 0..100 (0 = no limit) and timeframe days at most 30. Example:
        ``builder.limits(daily_cap=2, endpoint_reentry_cap=1, timeframe_cap=(5, 7))``.
        """
        return self.set(
            limits=models.JourneyLimits(
                daily_cap=daily_cap,
                total_cap=total_cap,
                endpoint_reentry_cap=endpoint_reentry_cap,
                endpoint_reentry_interval=(
                    None
                    if endpoint_reentry_interval is None
                    else _checks.iso_duration(endpoint_reentry_interval)
                ),
                messages_per_second=messages_per_second,
                timeframe_cap=(
                    models.JourneyTimeframeCap(cap=timeframe_cap[0], days=timeframe_cap[1])
                    if timeframe_cap is not None
                    else None
                ),
            )
        )

    def quiet_time(
        self, start: str, end: str, *, wait_for_quiet_time: bool | None = None
    ) -> Self:
        """Do not send between ``start`` and ``end`` (``HH:MM`` in the participant's zone).

        Example: ``builder.quiet_time("22:00", "07:00", wait_for_quiet_time=True)``.
        """
        self.set(quiet_time=models.QuietTime(start=start, end=end))
        if wait_for_quiet_time is not None:
            self.set(wait_for_quiet_time=wait_for_quiet_time)
        return self

    def refresh(
        self, frequency: str | timedelta | None = None, *, on_segment_update: bool | None = None
    ) -> Self:
        """How often segment and event data are re-evaluated (ISO duration).

        Example: ``builder.refresh("PT1H", on_segment_update=True)``.
        """
        if frequency is not None:
            self.set(refresh_frequency=_checks.iso_duration(frequency))
        if on_segment_update is not None:
            self.set(refresh_on_segment_update=on_segment_update)
        return self

    def timezone_estimation(
        self, *methods: TimezoneEstimationMethodsElement | str
    ) -> Self:
        """Guess missing endpoint time zones from ``PHONE_NUMBER`` and/or ``POSTAL_CODE``.

        Example: ``builder.timezone_estimation("PHONE_NUMBER", "POSTAL_CODE")``.
        """
        return self.set(timezone_estimation_methods=list(methods))

    def open_hours(
        self,
        open_hours: models.OpenHours | None = None,
        **channels: Mapping[str, Iterable[tuple[str, str]]],
    ) -> Self:
        """Send only inside these hours; turns the sending schedule on.

        Keyword per channel (``email``, ``sms``, ``push``, ``voice``, ``custom``) mapping a
        day of week to ``(start, end)`` pairs. Example:

        ```python
        builder.quiet_time("22:00", "07:00").open_hours(
            email={"MONDAY": [("09:00", "17:00")]})
        ```
        """
        if open_hours is None:
            open_hours = models.OpenHours(
                **{
                    channel: {
                        day: [models.OpenHoursRule(start_time=s, end_time=e) for s, e in rules]
                        for day, rules in days.items()
                    }
                    for channel, days in channels.items()
                }
            )
        return self.set(open_hours=open_hours, sending_schedule=True)

    def closed_days(
        self,
        closed_days: models.ClosedDays | None = None,
        **channels: Iterable[tuple[str, str, str]],
    ) -> Self:
        """Days without sending; turns the sending schedule on.

        Keyword per channel with ``(name, start, end)`` ISO date-time triples. Example:

        ```python
        builder.closed_days(email=[("new-year", "2030-01-01T00:00:00",
                                    "2030-01-02T00:00:00")])
        ```
        """
        if closed_days is None:
            rules_by_channel: dict[str, Any] = {
                channel: [
                    models.ClosedDaysRule(name=n, start_date_time=s, end_date_time=e)
                    for n, s, e in rules
                ]
                for channel, rules in channels.items()
            }
            closed_days = models.ClosedDays(**rules_by_channel)
        return self.set(closed_days=closed_days, sending_schedule=True)

    def channel_settings(
        self, connect_campaign_arn: str, connect_campaign_execution_role_arn: str
    ) -> Self:
        """The Amazon Connect campaign used by contact center activities.

        Example: ``builder.channel_settings("arn:aws:connect:...", "arn:aws:iam::...:role/x")``.
        """
        return self.set(
            journey_channel_settings=models.JourneyChannelSettings(
                connect_campaign_arn=connect_campaign_arn,
                connect_campaign_execution_role_arn=connect_campaign_execution_role_arn,
            )
        )

    def state(self, state: State | str) -> Self:
        """The journey status to write (``DRAFT``, ``ACTIVE``...). Example: ``.state("ACTIVE")``."""
        return self.set(state=state)

    # -- output ---------------------------------------------------------------------------

    def _assemble(self) -> models.WriteJourneyRequest:
        return models.WriteJourneyRequest(
            name=self._name,
            activities=copy.deepcopy(self._activities) if self._activities else None,
            start_activity=self._start,
            unknown_fields=self._unknown_fields(),
            **copy.deepcopy(self._settings),
        )

    def _problems(self, request: models.WriteJourneyRequest) -> list[tuple[str, str]]:
        return list(self._early_problems) + _journey_problems(request)

    def to_mermaid(self) -> str:
        """A Mermaid flowchart of the activities, split branches labelled.

        Example: ``print(builder.to_mermaid())``.
        """
        return to_mermaid(self._activities, self._start, title=self._name)

    def to_svg(self) -> str:
        """The activity graph as a self-contained SVG image (no JavaScript or network).

        Example: ``pathlib.Path("journey.svg").write_text(builder.to_svg())``.
        """
        return to_svg(self._activities, self._start, title=self._name)

    def __repr__(self) -> str:
        return (
            f"JourneyBuilder({self._name!r}, activities={len(self._activities)}, "
            f"start={self._start!r})"
        )

    @classmethod
    def from_model(
        cls, model: models.WriteJourneyRequest | models.JourneyResponse
    ) -> Self:
        """A builder holding an existing journey, to edit and build again.

        Settings the builder has no method for, activities of kinds it does not know and
        wire keys the SDK does not know are all kept. Example:

        ```python
        b = JourneyBuilder.from_model(client.get_journey(...).journey_response)
        b.replace("pause", models.Activity(wait=...)).build()
        ```
        """
        return super().from_model(model)

    def _load(self, model: models.WriteJourneyRequest | models.JourneyResponse) -> None:
        self._activities = copy.deepcopy(dict(model.activities or {}))
        self._start = model.start_activity
        for name in _SETTINGS:
            value = getattr(model, name, None)
            if value is not None:
                self._settings[name] = copy.deepcopy(value)


def _journey_problems(request: models.WriteJourneyRequest) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    problems += _checks.check_name(
        "name", request.name, "journey", limits.MAX_JOURNEY_NAME_LENGTH, spaces=False
    )

    activities = request.activities or {}
    if len(activities) > limits.MAX_ACTIVITIES_PER_JOURNEY:
        problems.append(
            (
                "activities",
                f"{len(activities)} activities, at most {limits.MAX_ACTIVITIES_PER_JOURNEY}",
            )
        )
    for key, activity in activities.items():
        problems += _activity_problems(key, activity)
    if request.start_activity is not None:
        problems += _checks.check_length(
            "start_activity", request.start_activity, limits.MAX_START_ACTIVITY_LENGTH
        )
    problems += check_graph(activities, request.start_activity)

    problems += _limits_problems(request.limits)
    schedule = request.schedule
    if (
        schedule
        and schedule.start_time
        and schedule.end_time
        and _checks.aware(schedule.end_time) <= _checks.aware(schedule.start_time)
    ):
        problems.append(("schedule.end_time", "must be after schedule.start_time"))
    for name in ("open_hours", "closed_days"):
        if getattr(request, name) is not None and not request.sending_schedule:
            problems.append((name, "needs sending_schedule=True (and a quiet time)"))
    problems += _start_condition_problems(request.start_condition)
    uses_contact_center = any(a.contact_center is not None for a in activities.values())
    settings = request.journey_channel_settings
    if uses_contact_center and (
        settings is None
        or not settings.connect_campaign_arn
        or not settings.connect_campaign_execution_role_arn
    ):
        problems.append(
            (
                "journey_channel_settings",
                "a contact center activity needs the Connect campaign ARN and execution role "
                "ARN; call .channel_settings()",
            )
        )
    return problems


def _start_condition_problems(start: models.StartCondition | None) -> list[tuple[str, str]]:
    if start is None:
        return []
    problems: list[tuple[str, str]] = []
    segment = start.segment_start_condition
    if segment is not None and not segment.segment_id:
        problems.append(("start_condition.segment_start_condition.segment_id", "required"))
    event = start.event_start_condition
    if event is not None and event.event_filter is not None:
        dims = event.event_filter.dimensions
        if dims is None or dims.event_type is None or not dims.event_type.values:
            problems.append(
                (
                    "start_condition.event_start_condition.event_filter.dimensions.event_type",
                    "at least one event type is required",
                )
            )
    return problems


def _limits_problems(journey_limits: models.JourneyLimits | None) -> list[tuple[str, str]]:
    if journey_limits is None:
        return []
    cap = limits.MAX_JOURNEY_CAP
    problems: list[tuple[str, str]] = []
    for name in ("daily_cap", "total_cap", "endpoint_reentry_cap"):
        problems += _checks.check_range(f"limits.{name}", getattr(journey_limits, name), 0, cap)
    frame = journey_limits.timeframe_cap
    if frame is not None:
        problems += _checks.check_range("limits.timeframe_cap.cap", frame.cap, 0, cap)
        problems += _checks.check_range(
            "limits.timeframe_cap.days", frame.days, 0, limits.MAX_TIMEFRAME_CAP_DAYS
        )
    if journey_limits.messages_per_second is not None and journey_limits.messages_per_second < 1:
        problems.append(("limits.messages_per_second", "must be at least 1"))
    return problems


def _activity_problems(key: str, activity: models.Activity) -> list[tuple[str, str]]:
    path = activity_path(key)
    problems: list[tuple[str, str]] = []
    if not _ACTIVITY_KEY.fullmatch(key):
        problems.append((path, "an activity key must be alphanumeric (A-Z, a-z, 0-9)"))
    problems += _checks.check_length(path, key, limits.MAX_ACTIVITY_KEY_LENGTH, "key has ")
    found = kinds_of(activity)
    if not found:
        problems.append((path, "no activity kind set (wait, email, conditional_split, ...)"))
    elif len([k for k in found if k in KINDS]) > 1:
        problems.append((path, f"more than one activity kind set: {', '.join(found)}"))

    for channel in ("email", "sms", "push"):
        message = getattr(activity, channel)
        if message is not None:
            where = f"{path}.{channel}.template_name"
            if not message.template_name:
                problems.append((where, "a message template is required"))
            problems += _checks.check_template_name(where, message.template_name)
    if activity.custom is not None:
        custom = activity.custom
        if not custom.delivery_uri:
            problems.append(
                (
                    f"{path}.custom.delivery_uri",
                    "a delivery URI (Lambda function ARN or https URL) is required",
                )
            )
        problems += _checks.check_template_name(
            f"{path}.custom.template_name", custom.template_name
        )
    if activity.wait is not None:
        problems += _checks.check_wait_time(f"{path}.wait.wait_time", activity.wait.wait_time)
    if activity.holdout is not None:
        where = f"{path}.holdout.percentage"
        if activity.holdout.percentage is None:
            problems.append((where, "a percentage is required"))
        problems += _checks.check_range(where, activity.holdout.percentage, 0, 100)
    split = activity.conditional_split
    if split is not None:
        where = f"{path}.conditional_split"
        conditions = split.condition.conditions if split.condition else None
        if not conditions:
            problems.append((f"{where}.condition", "a condition is required"))
        for index, cond in enumerate(conditions or []):
            problems += _checks.check_condition(f"{where}.condition.conditions[{index}]", cond)
    multi = activity.multi_condition
    if multi is not None:
        where = f"{path}.multi_condition"
        if not multi.branches:
            problems.append((f"{where}.branches", "at least one branch is required"))
        for index, branch in enumerate(multi.branches or []):
            problems += _checks.check_condition(
                f"{where}.branches[{index}].condition", branch.condition
            )
    rand = activity.random_split
    if rand is not None:
        problems += _random_split_problems(f"{path}.random_split", rand)
    return problems


def _random_split_problems(where: str, split: models.RandomSplitActivity) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    branches = split.branches or []
    if not branches:
        return [(f"{where}.branches", "at least one branch is required")]
    total = 0
    for index, entry in enumerate(branches):
        item = f"{where}.branches[{index}].percentage"
        if entry.percentage is None:
            problems.append((item, "a percentage is required"))
            continue
        problems += _checks.check_range(item, entry.percentage, 0, 100)
        total += entry.percentage
    if not problems and total != 100:
        problems.append((f"{where}.branches", f"percentages add up to {total}, not 100"))
    return problems
