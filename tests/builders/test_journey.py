"""JourneyBuilder: valid journeys pass botocore; every invalid one names its path."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from builderhelpers import assert_valid_for, problems_of

from pinpoint_sdk import converter, models
from pinpoint_sdk.builders import JourneyBuilder
from pinpoint_sdk.builders import conditions as c
from pinpoint_sdk.errors import ValidationError


def onboarding() -> JourneyBuilder:
    return (
        JourneyBuilder("onboarding")
        .segment("new-users")
        .start("welcome")
        .email("welcome", "Welcome", from_address="hi@example.com", next="pause")
        .wait("pause", "P2D", next="opened")
        .conditional_split(
            "opened",
            c.message_event("welcome", "_email.open"),
            true_next="thanks",
            false_next="nudge",
            wait_for=timedelta(hours=12),
        )
        .push("thanks", "ThanksPush", time_to_live=3600)
        .sms("nudge", "NudgeSms", message_type="TRANSACTIONAL")
    )


def every_kind() -> JourneyBuilder:
    return (
        JourneyBuilder("every-kind")
        .start("control")
        .holdout("control", 10, next="ab")
        .random_split("ab", {"mail": 50, "plan": 50})
        .email("mail", "Mail", next="later")
        .multi_condition_split(
            "plan",
            [
                (c.endpoint_attribute("plan", ["gold"]), "text"),
                (c.metric("visits", ">=", 3), "notify"),
                (c.in_segment("vip"), "hook"),
            ],
            default_next="call",
            wait_until=datetime(2030, 1, 1, tzinfo=UTC),
        )
        .wait("later", until=datetime(2030, 2, 1))
        .sms("text", "Text")
        .push("notify", "Notify")
        .custom("hook", "arn:aws:lambda:us-east-1:1:function:f", endpoint_types=["CUSTOM"],
                data="x")
        .contact_center("call")
        .channel_settings("arn:aws:connect:x", "arn:aws:iam::1:role/r")
    )


def test_onboarding_journey_is_accepted_by_botocore() -> None:
    request = onboarding().build()
    assert isinstance(request, models.WriteJourneyRequest)
    assert request.start_activity == "welcome"
    assert_valid_for("CreateJourney", request)


def test_every_activity_kind_is_accepted_by_botocore() -> None:
    request = every_kind().build()
    assert request.activities is not None
    assert set(request.activities) == {
        "control", "ab", "mail", "plan", "later", "text", "notify", "hook", "call",
    }
    assert_valid_for("CreateJourney", request)


def test_journey_settings_are_written_and_accepted_by_botocore() -> None:
    request = (
        onboarding()
        .schedule(datetime(2030, 1, 1), datetime(2030, 2, 1), timezone="UTC", local_time=True)
        .limits(daily_cap=2, total_cap=10, endpoint_reentry_cap=1,
                endpoint_reentry_interval=timedelta(days=7), messages_per_second=50,
                timeframe_cap=(5, 30))
        .quiet_time("22:00", "07:00", wait_for_quiet_time=True)
        .refresh("PT1H", on_segment_update=True)
        .timezone_estimation("PHONE_NUMBER", "POSTAL_CODE")
        .open_hours(email={"MONDAY": [("09:00", "17:00")]})
        .closed_days(sms=[("holiday", "2030-01-01T00:00:00", "2030-01-02T00:00:00")])
        .state("DRAFT")
        .build()
    )
    wire = converter.unstructure(request)
    assert wire["Limits"]["EndpointReentryInterval"] == "P7D"
    assert wire["Limits"]["TimeframeCap"] == {"Cap": 5, "Days": 30}
    assert wire["SendingSchedule"] is True
    assert wire["OpenHours"]["EMAIL"]["MONDAY"] == [{"StartTime": "09:00", "EndTime": "17:00"}]
    assert wire["ClosedDays"]["SMS"][0]["Name"] == "holiday"
    assert wire["WaitForQuietTime"] is True
    assert wire["RefreshOnSegmentUpdate"] is True
    assert_valid_for("CreateJourney", request)


def test_event_start_condition_is_accepted_by_botocore() -> None:
    request = onboarding().start_on_event("signup", segment_id="all", attributes={"src": "web"})
    built = request.build()
    start = converter.unstructure(built)["StartCondition"]["EventStartCondition"]
    assert start["EventFilter"]["Dimensions"]["EventType"]["Values"] == ["signup"]
    assert start["SegmentId"] == "all"
    assert_valid_for("CreateJourney", built)


def test_wait_until_a_naive_datetime_is_written_as_utc() -> None:
    request = JourneyBuilder("j").start("w").wait("w", until=datetime(2030, 1, 1)).build()
    assert request.activities is not None
    wait = request.activities["w"].wait
    assert wait is not None and wait.wait_time is not None
    assert wait.wait_time.wait_until == "2030-01-01T00:00:00+00:00"


def test_timedelta_wait_becomes_an_iso_duration() -> None:
    request = JourneyBuilder("j").start("w").wait("w", timedelta(days=1, minutes=30)).build()
    assert request.activities is not None
    wait = request.activities["w"].wait
    assert wait is not None and wait.wait_time is not None
    assert wait.wait_time.wait_for == "P1DT30M"


def test_chain_links_single_path_activities_in_order() -> None:
    builder = (
        JourneyBuilder("j").start("a").email("a", "T").wait("b", "P1D").sms("c", "S")
        .chain("a", "b", "c")
    )
    assert [(e.source, e.target) for e in builder.edges()] == [("a", "b"), ("b", "c")]
    builder.build()


def test_chain_through_a_split_is_reported() -> None:
    builder = JourneyBuilder("j").start("a").random_split("a", {"b": 100}).wait("b", "P1D")
    problems = problems_of(builder.chain("a", "b").build)
    assert ("activities['a']", "chain() needs a defined single-path activity") in problems


def test_copy_is_independent() -> None:
    original = onboarding()
    variant = original.copy().remove("nudge")
    assert "nudge" in original.activities
    assert "nudge" not in variant.activities


def test_in_app_is_rejected_because_journeys_have_no_in_app_activity() -> None:
    with pytest.raises(ValidationError) as info:
        JourneyBuilder("j").in_app("popup", "Template")
    assert info.value.path == "activities['popup'].in_app"


def test_all_problems_are_reported_at_once() -> None:
    builder = (
        JourneyBuilder("bad name")
        .email("welcome", next="x")
        .random_split("r", {"welcome": 40})
    )
    paths = [path for path, _ in problems_of(builder.build)]
    assert paths == [
        "name",
        "activities['welcome'].email.template_name",
        "activities['r'].random_split.branches",
        "start_activity",
        "activities['welcome'].email.next_activity",
    ]


def test_error_message_names_path_and_unknown_activity() -> None:
    builder = JourneyBuilder("j").start("welcome").email("welcome", "T", next="x")
    with pytest.raises(ValidationError) as info:
        builder.build()
    assert str(info.value) == "activities['welcome'].email.next_activity: unknown activity 'x'"


def _bad(*methods: Callable[[JourneyBuilder], object]) -> JourneyBuilder:
    builder = JourneyBuilder("j").start("a").wait("a", "P1D")
    for method in methods:
        method(builder)
    return builder


def _many(count: int) -> JourneyBuilder:
    builder = JourneyBuilder("j").start("a0")
    for index in range(count):
        nxt = f"a{index + 1}" if index + 1 < count else None
        builder.wait(f"a{index}", "P1D", next=nxt)
    return builder


def _raw(activity: models.Activity) -> JourneyBuilder:
    return JourneyBuilder("j").start("a").activity("a", activity)


BAD_JOURNEYS: dict[str, tuple[Callable[[], JourneyBuilder], str, str]] = {
    "unknown next": (
        lambda: _bad(lambda b: b.replace("a", models.Activity(
            wait=models.WaitActivity(next_activity="zz",
                                     wait_time=models.WaitTime(wait_for="P1D"))))),
        "activities['a'].wait.next_activity", "unknown activity 'zz'",
    ),
    "unknown true branch": (
        lambda: _raw(models.Activity(conditional_split=models.ConditionalSplitActivity(
            condition=c.all_of(c.in_segment("s")), true_activity="nope"))),
        "activities['a'].conditional_split.true_activity", "unknown activity 'nope'",
    ),
    "unknown multi branch": (
        lambda: JourneyBuilder("j").start("a").multi_condition_split(
            "a", [(c.in_segment("s"), None), (c.in_segment("t"), "nope")]),
        "activities['a'].multi_condition.branches[1].next_activity", "unknown activity 'nope'",
    ),
    "unknown default branch": (
        lambda: JourneyBuilder("j").start("a").multi_condition_split(
            "a", [(c.in_segment("s"), None)], default_next="nope"),
        "activities['a'].multi_condition.default_activity", "unknown activity 'nope'",
    ),
    "unknown random branch": (
        lambda: JourneyBuilder("j").start("a").random_split("a", {"nope": 100}),
        "activities['a'].random_split.branches[0].next_activity", "unknown activity 'nope'",
    ),
    "no start": (
        lambda: JourneyBuilder("j").wait("a", "P1D"),
        "start_activity", "no start activity; call .start(key)",
    ),
    "unknown start": (
        lambda: JourneyBuilder("j").start("b").wait("a", "P1D"),
        "start_activity", "unknown activity 'b'",
    ),
    "no activities": (
        lambda: JourneyBuilder("j"),
        "activities", "a journey needs at least one activity",
    ),
    "unreachable": (
        lambda: _bad(lambda b: b.wait("orphan", "P1D")),
        "activities['orphan']", "unreachable from the start activity 'a'",
    ),
    "cycle": (
        lambda: JourneyBuilder("j").start("a").wait("a", "P1D", next="b")
        .wait("b", "P1D", next="a"),
        "activities['b'].wait.next_activity", "cycle a -> b -> a",
    ),
    "random split sum": (
        lambda: JourneyBuilder("j").start("a").random_split("a", [(None, 30), (None, 60)]),
        "activities['a'].random_split.branches", "percentages add up to 90, not 100",
    ),
    "random split missing percentage": (
        lambda: _raw(models.Activity(random_split=models.RandomSplitActivity(
            branches=[models.RandomSplitEntry(next_activity=None)]))),
        "activities['a'].random_split.branches[0].percentage", "a percentage is required",
    ),
    "random split no branches": (
        lambda: JourneyBuilder("j").start("a").random_split("a", {}),
        "activities['a'].random_split.branches", "at least one branch is required",
    ),
    "email template": (
        lambda: JourneyBuilder("j").start("a").email("a"),
        "activities['a'].email.template_name", "a message template is required",
    ),
    "sms template": (
        lambda: JourneyBuilder("j").start("a").sms("a"),
        "activities['a'].sms.template_name", "a message template is required",
    ),
    "push template": (
        lambda: JourneyBuilder("j").start("a").push("a"),
        "activities['a'].push.template_name", "a message template is required",
    ),
    "bad template name": (
        lambda: JourneyBuilder("j").start("a").email("a", "-bad name"),
        "activities['a'].email.template_name",
        "'-bad name' must start alphanumeric and hold only letters, digits, _ and -",
    ),
    "custom delivery uri": (
        lambda: JourneyBuilder("j").start("a").custom("a"),
        "activities['a'].custom.delivery_uri",
        "a delivery URI (Lambda function ARN or https URL) is required",
    ),
    "contact center settings": (
        lambda: JourneyBuilder("j").start("a").contact_center("a"),
        "journey_channel_settings",
        "a contact center activity needs the Connect campaign ARN and execution role ARN; "
        "call .channel_settings()",
    ),
    "too many activities": (
        lambda: _many(41), "activities", "41 activities, at most 40",
    ),
    "name too long": (
        lambda: _bad(lambda b: setattr(b, "_name", "n" * 151)),
        "name", "151 characters, at most 150",
    ),
    "name with space": (
        lambda: _bad(lambda b: setattr(b, "_name", "my journey")),
        "name", "'my journey' must not contain spaces",
    ),
    "empty name": (
        lambda: _bad(lambda b: setattr(b, "_name", "")),
        "name", "a journey name is required",
    ),
    "key characters": (
        lambda: JourneyBuilder("j").start("a-1").wait("a-1", "P1D"),
        "activities['a-1']", "an activity key must be alphanumeric (A-Z, a-z, 0-9)",
    ),
    "key length": (
        lambda: JourneyBuilder("j").start("k" * 101).wait("k" * 101, "P1D"),
        f"activities[{'k' * 101!r}]", "key has 101 characters, at most 100",
    ),
    "start length": (
        lambda: _bad(lambda b: b.start("s" * 129)),
        "start_activity", "129 characters, at most 128",
    ),
    "daily cap": (
        lambda: _bad(lambda b: b.limits(daily_cap=101)),
        "limits.daily_cap", "101 is out of range 0..100",
    ),
    "total cap": (
        lambda: _bad(lambda b: b.limits(total_cap=-1)),
        "limits.total_cap", "-1 is out of range 0..100",
    ),
    "reentry cap": (
        lambda: _bad(lambda b: b.limits(endpoint_reentry_cap=500)),
        "limits.endpoint_reentry_cap", "500 is out of range 0..100",
    ),
    "timeframe cap": (
        lambda: _bad(lambda b: b.limits(timeframe_cap=(101, 7))),
        "limits.timeframe_cap.cap", "101 is out of range 0..100",
    ),
    "timeframe days": (
        lambda: _bad(lambda b: b.limits(timeframe_cap=(5, 31))),
        "limits.timeframe_cap.days", "31 is out of range 0..30",
    ),
    "reentry interval": (
        lambda: _bad(lambda b: b.limits(endpoint_reentry_interval="7 days")),
        "limits.endpoint_reentry_interval", "'7 days' is not an ISO 8601 duration",
    ),
    "messages per second": (
        lambda: _bad(lambda b: b.limits(messages_per_second=0)),
        "limits.messages_per_second", "must be at least 1",
    ),
    "wait without time": (
        lambda: JourneyBuilder("j").start("a").wait("a"),
        "activities['a'].wait.wait_time", "a wait time is required (a duration or a date)",
    ),
    "wait both": (
        lambda: JourneyBuilder("j").start("a").wait("a", "P1D", until="2030-01-01T00:00:00Z"),
        "activities['a'].wait.wait_time",
        "set exactly one of wait_for (a duration) or wait_until (a date)",
    ),
    "wait bad duration": (
        lambda: JourneyBuilder("j").start("a").wait("a", "1 day"),
        "activities['a'].wait.wait_time.wait_for", "'1 day' is not an ISO 8601 duration",
    ),
    "wait bad date": (
        lambda: JourneyBuilder("j").start("a").wait("a", until="tomorrow"),
        "activities['a'].wait.wait_time.wait_until", "'tomorrow' is not an ISO 8601 date-time",
    ),
    "split evaluation wait": (
        lambda: JourneyBuilder("j").start("a").conditional_split(
            "a", c.in_segment("s"), wait_for="soon"),
        "activities['a'].conditional_split.evaluation_wait_time.wait_for",
        "'soon' is not an ISO 8601 duration",
    ),
    "split without condition": (
        lambda: JourneyBuilder("j").start("a").conditional_split("a", models.Condition()),
        "activities['a'].conditional_split.condition", "a condition is required",
    ),
    "split with empty simple condition": (
        lambda: JourneyBuilder("j").start("a").conditional_split("a", models.SimpleCondition()),
        "activities['a'].conditional_split.condition.conditions[0]", "the condition is empty",
    ),
    "split metric operator": (
        lambda: JourneyBuilder("j").start("a").conditional_split(
            "a", c.metric("visits", "about", 3)),
        "activities['a'].conditional_split.condition.conditions[0]"
        ".segment_dimensions.metrics['visits'].comparison_operator",
        "unknown operator 'about'",
    ),
    "split attribute without values": (
        lambda: JourneyBuilder("j").start("a").conditional_split(
            "a", c.endpoint_attribute("plan", [])),
        "activities['a'].conditional_split.condition.conditions[0]"
        ".segment_dimensions.attributes['plan'].values",
        "at least one value is required",
    ),
    "event condition without types": (
        lambda: JourneyBuilder("j").start("a").conditional_split("a", c.event()),
        "activities['a'].conditional_split.condition.conditions[0]"
        ".event_condition.dimensions.event_type.values",
        "at least one value is required",
    ),
    "multi split without branches": (
        lambda: JourneyBuilder("j").start("a").multi_condition_split("a", []),
        "activities['a'].multi_condition.branches", "at least one branch is required",
    ),
    "multi split branch without condition": (
        lambda: _raw(models.Activity(multi_condition=models.MultiConditionalSplitActivity(
            branches=[models.MultiConditionalBranch()]))),
        "activities['a'].multi_condition.branches[0].condition", "a condition is required",
    ),
    "holdout percentage": (
        lambda: JourneyBuilder("j").start("a").holdout("a", 120),
        "activities['a'].holdout.percentage", "120 is out of range 0..100",
    ),
    "holdout missing percentage": (
        lambda: _raw(models.Activity(holdout=models.HoldoutActivity(percentage=None))),
        "activities['a'].holdout.percentage", "a percentage is required",
    ),
    "duplicate key": (
        lambda: _bad(lambda b: b.email("a", "T")),
        "activities['a']", "defined twice; use .replace() to change an activity",
    ),
    "two kinds": (
        lambda: _raw(models.Activity(
            wait=models.WaitActivity(wait_time=models.WaitTime(wait_for="P1D")),
            holdout=models.HoldoutActivity(percentage=5))),
        "activities['a']", "more than one activity kind set: wait, holdout",
    ),
    "no kind": (
        lambda: _raw(models.Activity(description="nothing")),
        "activities['a']", "no activity kind set (wait, email, conditional_split, ...)",
    ),
    "quiet time format": (
        lambda: _bad(lambda b: b.quiet_time("10pm", "07:00")),
        "quiet_time.start", "'10pm' is not a time of day like '22:00'",
    ),
    "quiet time half": (
        lambda: _bad(lambda b: b.set(quiet_time=models.QuietTime(start="22:00"))),
        "quiet_time.end", "quiet time needs both start and end",
    ),
    "open hours without sending schedule": (
        lambda: _bad(lambda b: b.set(open_hours=models.OpenHours())),
        "open_hours", "needs sending_schedule=True (and a quiet time)",
    ),
    "closed days without sending schedule": (
        lambda: _bad(lambda b: b.set(closed_days=models.ClosedDays())),
        "closed_days", "needs sending_schedule=True (and a quiet time)",
    ),
    "refresh frequency": (
        lambda: _bad(lambda b: b.refresh("hourly")),
        "refresh_frequency", "'hourly' is not an ISO 8601 duration",
    ),
    "schedule order": (
        lambda: _bad(lambda b: b.schedule(datetime(2030, 2, 1), datetime(2030, 1, 1))),
        "schedule.end_time", "must be after schedule.start_time",
    ),
    "event start without types": (
        lambda: _bad(lambda b: b.start_on_event()),
        "start_condition.event_start_condition.event_filter.dimensions.event_type",
        "at least one event type is required",
    ),
    "segment start without id": (
        lambda: _bad(lambda b: b.segment("")),
        "start_condition.segment_start_condition.segment_id", "required",
    ),
}


@pytest.mark.parametrize("case", list(BAD_JOURNEYS))
def test_invalid_journey_reports_the_path(case: str) -> None:
    make, path, message = BAD_JOURNEYS[case]
    assert (path, message) in problems_of(make().build)


@pytest.mark.parametrize("case", list(BAD_JOURNEYS))
def test_validate_returns_the_same_problems_without_raising(case: str) -> None:
    make, path, message = BAD_JOURNEYS[case]
    assert (path, message) in make().validate()


def test_set_rejects_fields_the_request_does_not_have() -> None:
    with pytest.raises(TypeError, match="no settable field 'colour'"):
        JourneyBuilder("j").set(colour="red")


def test_to_mermaid_draws_nodes_with_kinds_and_labelled_branches() -> None:
    text = onboarding().to_mermaid()
    assert text.startswith("flowchart TD\n")
    assert 'n_welcome["welcome (email)"]' in text
    assert 'n_opened{"opened (conditional_split)"}' in text
    assert "journey_start --> n_welcome" in text
    assert "n_welcome --> n_pause" in text
    assert "n_opened -->|true| n_thanks" in text
    assert "n_opened -->|false| n_nudge" in text


def test_to_mermaid_labels_random_and_multi_branches() -> None:
    text = every_kind().to_mermaid()
    assert "n_ab -->|50%| n_mail" in text
    assert "n_plan -->|branch 2| n_notify" in text
    assert "n_plan -->|default| n_call" in text


def test_to_mermaid_makes_keys_that_mermaid_reserves_safe() -> None:
    text = JourneyBuilder("j").start("end").wait("end", "P1D").to_mermaid()
    assert 'n_end["end (wait)"]' in text
    assert "\n    end[" not in text


def test_to_mermaid_draws_links_to_missing_activities() -> None:
    text = JourneyBuilder("j").start("a").wait("a", "P1D", next="gone").to_mermaid()
    assert 'n_gone["gone (missing)"]' in text


def test_mermaid_labels_hold_no_html_that_exported_notebooks_strip() -> None:
    # Tags such as <br/> are removed by HTML exports and Markdown sanitizers, which glued
    # the key and the kind together ("welcomeemail").
    text = every_kind().to_mermaid()
    assert "<" not in text.replace("-->", "")


def test_to_mermaid_draws_split_branches_that_end_the_journey() -> None:
    builder = (
        JourneyBuilder("j")
        .start("check")
        .conditional_split("check", c.in_segment("vip"), true_next="gift", wait_for="P1D")
        .push("gift", "Gift")
    )
    text = builder.to_mermaid()
    assert "journey_end((end))" in text
    assert "n_check -->|false| journey_end" in text
    assert "n_check -->|true| n_gift" in text
    assert "n_gift --> journey_end" not in text  # only split branches end explicitly


def test_from_response_keeps_settings_and_builds_the_same_journey() -> None:
    request = onboarding().limits(daily_cap=3).build()
    wire = converter.unstructure(request)
    response = converter.structure(
        {**wire, "Id": "j-1", "ApplicationId": "app", "State": "DRAFT"}, models.JourneyResponse
    )
    rebuilt = JourneyBuilder.from_model(response).build()
    assert rebuilt == attrs_evolve_state(request, "DRAFT")


def attrs_evolve_state(request: models.WriteJourneyRequest, state: str) -> models.WriteJourneyRequest:
    import attrs

    return attrs.evolve(request, state=state)


def test_from_model_keeps_unknown_wire_keys_and_unknown_activity_kinds() -> None:
    wire = converter.unstructure(onboarding().build())
    wire["FutureSetting"] = {"Enabled": True}
    wire["Activities"]["thanks"]["PUSH"]["NextActivity"] = "popup"
    wire["Activities"]["popup"] = {"InApp": {"TemplateName": "Popup", "NextActivity": "bye"}}
    wire["Activities"]["bye"] = {"Wait": {"WaitTime": {"WaitFor": "P1D"}, "Later": 1}}
    request = converter.structure(wire, models.WriteJourneyRequest)

    builder = JourneyBuilder.from_model(request)
    rebuilt = converter.unstructure(builder.build())

    assert rebuilt["FutureSetting"] == {"Enabled": True}
    assert rebuilt["Activities"]["popup"] == {
        "InApp": {"TemplateName": "Popup", "NextActivity": "bye"}
    }
    assert rebuilt["Activities"]["bye"]["Wait"]["Later"] == 1
    assert rebuilt == wire
    assert 'n_popup["popup (InApp)"]' in builder.to_mermaid()
    assert "n_popup -->|InApp| n_bye" in builder.to_mermaid()


def test_links_inside_unknown_activity_kinds_are_checked() -> None:
    wire = converter.unstructure(JourneyBuilder("j").start("a").wait("a", "P1D").build())
    wire["Activities"]["a"] = {"InApp": {"NextActivity": "ghost"}}
    builder = JourneyBuilder.from_model(converter.structure(wire, models.WriteJourneyRequest))
    assert ("activities['a'].InApp.NextActivity", "unknown activity 'ghost'") in problems_of(
        builder.build
    )
