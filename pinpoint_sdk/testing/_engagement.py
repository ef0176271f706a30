"""Segments, campaigns, journeys, their versions, runs, metrics and KPIs."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from ._analytics import Message, counts, kpi_rows, messages_of, parse_time
from ._core import BackendCore, MessageOrigin, Versioned, new_id, now_iso
from ._exceptions import BadRequestException, ConflictException, NotFoundException
from ._messaging import DeliveryMixin
from ._resources import PUSH_CHANNELS, ResourcesMixin

_ACTIVITY_TYPES = {
    "EMAIL": "EMAIL",
    "SMS": "SMS",
    "PUSH": "PUSH",
    "CUSTOM": "CUSTOM",
    "Wait": "WAIT",
    "ConditionalSplit": "CONDITIONAL_SPLIT",
    "MultiCondition": "MULTI_CONDITIONAL_SPLIT",
    "RandomSplit": "RANDOM_SPLIT",
    "Holdout": "HOLDOUT",
    "ContactCenter": "CONTACT_CENTER",
}
_KPI_NAME = re.compile(r"^[a-z0-9-]+$")
MAX_JOURNEY_ACTIVITIES = 40
_APNS = {"APNS", "APNS_SANDBOX", "APNS_VOIP", "APNS_VOIP_SANDBOX"}
# Message (or template) member of a campaign -> the endpoint channels it reaches.
_MESSAGE_CHANNELS: dict[str, set[str]] = {
    "EmailMessage": {"EMAIL"},
    "SMSMessage": {"SMS"},
    "CustomMessage": {"CUSTOM"},
    "APNSMessage": _APNS,
    "GCMMessage": {"GCM"},
    "ADMMessage": {"ADM"},
    "BaiduMessage": {"BAIDU"},
    "DefaultMessage": set(PUSH_CHANNELS),
    "EmailTemplate": {"EMAIL"},
    "SMSTemplate": {"SMS"},
    "VoiceTemplate": {"VOICE"},
    "PushTemplate": set(PUSH_CHANNELS),
}
_EVENT_FREQUENCIES = {"EVENT", "IN_APP_EVENT"}


def _parse_time(raw: str, field_name: str) -> _dt.datetime:
    try:
        parsed = _dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise BadRequestException(f"{field_name} must be IMMEDIATE or an ISO 8601 time") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=_dt.UTC)


def _runs_now(campaign: dict[str, Any]) -> bool:
    """Whether saving ``campaign`` runs it now (not paused, not waiting for a time or event)."""
    if campaign.get("IsPaused"):
        return False
    schedule = campaign.get("Schedule") or {}
    if schedule.get("Frequency") in _EVENT_FREQUENCIES:
        return False
    start = schedule.get("StartTime")
    if start in (None, "", "IMMEDIATE"):
        return True
    return _parse_time(str(start), "Schedule.StartTime") <= _dt.datetime.now(_dt.UTC)


def _campaign_status(campaign: dict[str, Any]) -> str:
    """The CampaignStatus of a saved campaign.

    PAUSED when paused; a campaign with a start time (IMMEDIATE or past) that ran is
    COMPLETED when it runs once and PENDING_NEXT_RUN when it recurs; everything else
    (no schedule, a future start, event-triggered) is SCHEDULED.
    """
    if campaign.get("IsPaused"):
        return "PAUSED"
    schedule = campaign.get("Schedule") or {}
    if not schedule.get("StartTime") or not _runs_now(campaign):
        return "SCHEDULED"
    return "COMPLETED" if schedule.get("Frequency", "ONCE") == "ONCE" else "PENDING_NEXT_RUN"


class EngagementMixin(DeliveryMixin, ResourcesMixin, BackendCore):
    """Segments, campaigns and journeys."""

    def _arn(self, app_id: str, kind: str, item_id: str) -> str:
        return f"{self.app(app_id).arn}/{kind}/{item_id}"

    # -- segments ------------------------------------------------------------------
    def _segment_json(self, app_id: str, data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "tags": self.tags_of(data["Arn"])}

    def _check_segment(self, body: dict[str, Any]) -> None:
        groups = (body.get("SegmentGroups") or {}).get("Groups") or []
        if len(groups) > 1:
            raise BadRequestException("SegmentGroups supports only one group")

    def create_segment(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateSegment."""
        app_id = params["ApplicationId"]
        state = self.state(app_id)
        body = self.body(params, "CreateSegment")
        self._check_segment(body)
        return self.new_segment(app_id, state, body, "DIMENSIONAL")

    def new_segment(
        self, app_id: str, state: Any, body: dict[str, Any], segment_type: str
    ) -> dict[str, Any]:
        """Store a new segment (also used by import jobs that define one)."""
        segment_id = new_id()
        now = now_iso()
        data = {key: value for key, value in body.items() if key != "tags"} | {
            "ApplicationId": app_id,
            "Arn": self._arn(app_id, "segments", segment_id),
            "CreationDate": now,
            "LastModifiedDate": now,
            "Id": segment_id,
            "SegmentType": segment_type,
            "Version": 1,
        }
        state.segments[segment_id] = Versioned([data])
        self.set_tags(data["Arn"], body.get("tags"))
        return self._segment_json(app_id, data)

    def _segment(self, params: dict[str, Any]) -> Versioned:
        state = self.state(params["ApplicationId"])
        return self.lookup(state.segments, params["SegmentId"], "Segment")

    def get_segment(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetSegment."""
        return self._segment_json(params["ApplicationId"], self._segment(params).current)

    def update_segment(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateSegment: a new version with the sent members replaced."""
        versioned = self._segment(params)
        body = self.body(params, "UpdateSegment")
        self._check_segment(body)
        old = versioned.current
        data = {**old, **{k: v for k, v in body.items() if k != "tags"}}
        data["Version"] = old["Version"] + 1
        data["LastModifiedDate"] = now_iso()
        versioned.versions.append(data)
        self.set_tags(data["Arn"], body.get("tags"))
        return self._segment_json(params["ApplicationId"], data)

    def delete_segment(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteSegment (refused while a campaign uses it)."""
        versioned = self._segment(params)
        state = self.state(params["ApplicationId"])
        for campaign in state.campaigns.values():
            if campaign.current.get("SegmentId") == params["SegmentId"]:
                raise BadRequestException("Segment is used by a campaign")
        result = self._segment_json(params["ApplicationId"], versioned.current)
        del state.segments[params["SegmentId"]]
        state.segment_members.pop(params["SegmentId"], None)
        self.drop_tags(result["Arn"])
        return result

    def get_segments(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetSegments."""
        state = self.state(params["ApplicationId"])
        items, token = self.page(list(state.segments.values()), params)
        app_id = params["ApplicationId"]
        return {"Item": [self._segment_json(app_id, v.current) for v in items], "NextToken": token}

    @staticmethod
    def _version(versioned: Versioned, raw: str) -> dict[str, Any]:
        if not raw.isdigit() or not 1 <= int(raw) <= len(versioned.versions):
            raise NotFoundException("Version not found")
        return versioned.versions[int(raw) - 1]

    def get_segment_version(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetSegmentVersion."""
        data = self._version(self._segment(params), params["Version"])
        return self._segment_json(params["ApplicationId"], data)

    def get_segment_versions(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetSegmentVersions (newest first)."""
        versioned = self._segment(params)
        items, token = self.page(versioned.versions[::-1], params)
        app_id = params["ApplicationId"]
        return {"Item": [self._segment_json(app_id, v) for v in items], "NextToken": token}

    # -- campaigns -----------------------------------------------------------------
    def _campaign_json(self, data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "tags": self.tags_of(data["Arn"])}

    def _check_campaign(self, app_id: str, body: dict[str, Any]) -> None:
        state = self.state(app_id)
        segment_id = body.get("SegmentId")
        if segment_id is not None:
            versioned = self.lookup(state.segments, segment_id, "Segment")
            version = body.get("SegmentVersion")
            if version is not None and not 1 <= version <= len(versioned.versions):
                raise BadRequestException(f"Segment version {version} does not exist")
        limits = body.get("Limits") or {}
        for key in ("Daily", "Total"):
            if key in limits and not 0 <= limits[key] <= 100:
                raise BadRequestException(f"Limits.{key} must be between 0 and 100")
        holdout = body.get("HoldoutPercent")
        if holdout is not None and not 0 <= holdout <= 100:
            raise BadRequestException("HoldoutPercent must be between 0 and 100")
        treatments = body.get("AdditionalTreatments") or []
        if sum(t.get("SizePercent", 0) for t in treatments) > 100:
            raise BadRequestException("Treatment sizes add up to more than 100 percent")

    def _campaign_fields(self, body: dict[str, Any], old: dict[str, Any] | None) -> dict[str, Any]:
        data = {**(old or {}), **{k: v for k, v in body.items() if k != "tags"}}
        treatments = body.get("AdditionalTreatments")
        if treatments is not None:
            data["AdditionalTreatments"] = [
                {**t, "Id": str(index + 1), "State": {"CampaignStatus": "SCHEDULED"}}
                for index, t in enumerate(treatments)
            ]
        status = _campaign_status(data)
        for treatment in data.get("AdditionalTreatments") or []:
            treatment["State"] = {"CampaignStatus": status}
        data["State"] = {"CampaignStatus": status}
        data["DefaultState"] = {"CampaignStatus": status}
        return data

    def create_campaign(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateCampaign."""
        app_id = params["ApplicationId"]
        state = self.state(app_id)
        body = self.body(params, "CreateCampaign")
        if not body.get("SegmentId"):
            raise BadRequestException("SegmentId is required")
        self._check_campaign(app_id, body)
        campaign_id = new_id()
        now = now_iso()
        data = self._campaign_fields(body, None) | {
            "ApplicationId": app_id,
            "Arn": self._arn(app_id, "campaigns", campaign_id),
            "CreationDate": now,
            "LastModifiedDate": now,
            "Id": campaign_id,
            "SegmentVersion": body.get("SegmentVersion")
            or len(state.segments[body["SegmentId"]].versions),
            "Version": 1,
        }
        state.campaigns[campaign_id] = Versioned([data])
        if _runs_now(data):
            self._add_activity(app_id, data)
        self.set_tags(data["Arn"], body.get("tags"))
        return self._campaign_json(data)

    def _add_activity(self, app_id: str, campaign: dict[str, Any]) -> None:
        """Run ``campaign`` once: deliver its messages and record the run as an activity.

        Every endpoint of the app whose channel one of the campaign's messages (or
        templates) reaches gets the message; the run's counts are those endpoints and
        the deliveries that succeeded.
        """
        state = self.state(app_id)
        now = now_iso()
        activity_id = new_id()
        channels: set[str] = set()
        for holder in ("MessageConfiguration", "TemplateConfiguration"):
            for member, config in (campaign.get(holder) or {}).items():
                if config:
                    channels |= _MESSAGE_CHANNELS.get(member, set())
        request = {
            "MessageConfiguration": campaign.get("MessageConfiguration") or {},
            "TemplateConfiguration": campaign.get("TemplateConfiguration") or {},
        }
        origin = MessageOrigin(
            CampaignId=campaign["Id"], CampaignActivityId=activity_id, TreatmentId="0"
        )
        targets = [
            endpoint_id
            for endpoint_id, endpoint in state.endpoints.items()
            if endpoint.get("ChannelType") in channels
        ]
        delivered = sum(
            1
            for endpoint_id in targets
            if self._deliver_endpoint(app_id, endpoint_id, request, origin)["StatusCode"] == 200
        )
        state.campaign_activities.setdefault(campaign["Id"], []).append(
            {
                "ApplicationId": app_id,
                "CampaignId": campaign["Id"],
                "Id": activity_id,
                "ScheduledStart": now,
                "Start": now,
                "End": now,
                "Result": "SUCCESS",
                "State": "COMPLETED",
                "TotalEndpointCount": len(targets),
                "SuccessfulEndpointCount": delivered,
                "TimezonesTotalCount": 1,
                "TimezonesCompletedCount": 1,
                "TreatmentId": "0",
                "ExecutionMetrics": {},
            }
        )

    def _campaign(self, params: dict[str, Any]) -> Versioned:
        state = self.state(params["ApplicationId"])
        return self.lookup(state.campaigns, params["CampaignId"], "Campaign")

    def get_campaign(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetCampaign."""
        return self._campaign_json(self._campaign(params).current)

    def update_campaign(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateCampaign: a new version; pausing is ``IsPaused``."""
        app_id = params["ApplicationId"]
        versioned = self._campaign(params)
        body = self.body(params, "UpdateCampaign")
        self._check_campaign(app_id, body)
        old = versioned.current
        data = self._campaign_fields(body, old)
        data["Version"] = old["Version"] + 1
        data["LastModifiedDate"] = now_iso()
        versioned.versions.append(data)
        if _runs_now(data):
            self._add_activity(app_id, data)
        self.set_tags(data["Arn"], body.get("tags"))
        return self._campaign_json(data)

    def delete_campaign(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteCampaign."""
        result = self._campaign_json(self._campaign(params).current)
        state = self.state(params["ApplicationId"])
        del state.campaigns[params["CampaignId"]]
        state.campaign_activities.pop(params["CampaignId"], None)
        self.drop_tags(result["Arn"])
        return result

    def get_campaigns(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetCampaigns."""
        state = self.state(params["ApplicationId"])
        items, token = self.page(list(state.campaigns.values()), params)
        return {"Item": [self._campaign_json(v.current) for v in items], "NextToken": token}

    def get_campaign_version(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetCampaignVersion."""
        return self._campaign_json(self._version(self._campaign(params), params["Version"]))

    def get_campaign_versions(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetCampaignVersions (newest first)."""
        items, token = self.page(self._campaign(params).versions[::-1], params)
        return {"Item": [self._campaign_json(v) for v in items], "NextToken": token}

    def get_campaign_activities(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetCampaignActivities: one completed activity per scheduled version."""
        self._campaign(params)
        state = self.state(params["ApplicationId"])
        activities = state.campaign_activities.get(params["CampaignId"], [])
        items, token = self.page(activities[::-1], params)
        messages = self.messages(params["ApplicationId"])
        return {
            "Item": [
                {
                    **activity,
                    "ExecutionMetrics": {
                        name: str(value)
                        for name, value in counts(
                            [m for m in messages if m.campaign_activity_id == activity["Id"]]
                        ).items()
                    },
                }
                for activity in items
            ],
            "NextToken": token,
        }

    # -- journeys ------------------------------------------------------------------
    def _check_journey(self, app_id: str, body: dict[str, Any]) -> None:
        activities = body.get("Activities") or {}
        if len(activities) > MAX_JOURNEY_ACTIVITIES:
            raise BadRequestException(
                f"A journey can have at most {MAX_JOURNEY_ACTIVITIES} activities"
            )
        if " " in body.get("Name", ""):
            raise BadRequestException("Journey name must not contain spaces")
        start = body.get("StartActivity")
        if start is not None and start not in activities:
            raise BadRequestException(f"StartActivity {start!r} is not an activity")
        for key in activities:
            if not re.fullmatch(r"[A-Za-z0-9]{1,100}", key):
                raise BadRequestException(f"Invalid activity key {key!r}")
        segment = ((body.get("StartCondition") or {}).get("SegmentStartCondition") or {}).get(
            "SegmentId"
        )
        if segment is not None:
            self.lookup(self.state(app_id).segments, segment, "Segment")
        limits = body.get("Limits") or {}
        for key in ("DailyCap", "EndpointReentryCap", "TotalCap"):
            if key in limits and not 0 <= limits[key] <= 100:
                raise BadRequestException(f"Limits.{key} must be between 0 and 100")

    def _journey_json(self, data: dict[str, Any]) -> dict[str, Any]:
        arn = self._arn(data["ApplicationId"], "journeys", data["Id"])
        return {**data, "tags": self.tags_of(arn)}

    def create_journey(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateJourney (state DRAFT unless ACTIVE is asked for)."""
        app_id = params["ApplicationId"]
        state = self.state(app_id)
        body = self.body(params, "CreateJourney")
        self._check_journey(app_id, body)
        requested = body.get("State", "DRAFT")
        if requested not in {"DRAFT", "ACTIVE"}:
            raise BadRequestException("A new journey must be DRAFT or ACTIVE")
        journey_id = new_id()
        now = now_iso()
        data = dict(body) | {
            "ApplicationId": app_id,
            "CreationDate": now,
            "LastModifiedDate": now,
            "Id": journey_id,
            "State": requested,
        }
        state.journeys[journey_id] = data
        state.journey_runs[journey_id] = []
        if requested == "ACTIVE":
            self._start_run(app_id, journey_id)
        return self._journey_json(data)

    def _journey(self, params: dict[str, Any]) -> dict[str, Any]:
        state = self.state(params["ApplicationId"])
        return self.lookup(state.journeys, params["JourneyId"], "Journey")

    def _start_run(self, app_id: str, journey_id: str) -> None:
        now = now_iso()
        self.state(app_id).journey_runs.setdefault(journey_id, []).append(
            {"CreationTime": now, "LastUpdateTime": now, "RunId": new_id(), "Status": "RUNNING"}
        )

    def _set_runs(self, app_id: str, journey_id: str, status: str) -> None:
        for run in self.state(app_id).journey_runs.get(journey_id, []):
            if run["Status"] in {"RUNNING", "SCHEDULED"}:
                run["Status"] = status
                run["LastUpdateTime"] = now_iso()

    def get_journey(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetJourney."""
        return self._journey_json(self._journey(params))

    def update_journey(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateJourney: an ACTIVE journey's activities cannot change."""
        app_id = params["ApplicationId"]
        data = self._journey(params)
        body = self.body(params, "UpdateJourney")
        self._check_journey(app_id, body)
        if data["State"] in {"CANCELLED", "COMPLETED", "CLOSED"}:
            raise ConflictException(f"Journey is {data['State']} and cannot be changed")
        if data["State"] == "ACTIVE" and body.get("Activities", data.get("Activities")) != data.get(
            "Activities"
        ):
            raise BadRequestException("Activities of an ACTIVE journey cannot be changed")
        new_state = body.get("State", data["State"])
        if "State" in body and new_state not in {"DRAFT", "ACTIVE"}:
            raise BadRequestException(
                f"State {new_state} is not supported when updating a journey; "
                "use UpdateJourneyState to pause, resume or cancel it"
            )
        if new_state == "ACTIVE" and data["State"] == "DRAFT":
            self._start_run(app_id, data["Id"])
        data.update({k: v for k, v in body.items() if k not in {"CreationDate"}})
        data["State"] = new_state
        data["LastModifiedDate"] = now_iso()
        return self._journey_json(data)

    def update_journey_state(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateJourneyState: pause, resume (ACTIVE) or cancel."""
        app_id = params["ApplicationId"]
        data = self._journey(params)
        wanted = self.body(params, "UpdateJourneyState").get("State")
        if wanted not in {"ACTIVE", "PAUSED", "CANCELLED"}:
            raise BadRequestException("State must be ACTIVE, PAUSED or CANCELLED")
        current = data["State"]
        if current in {"CANCELLED", "COMPLETED", "CLOSED"}:
            raise ConflictException(f"Journey is {current}; its state cannot change")
        if wanted == "PAUSED" and current != "ACTIVE":
            raise BadRequestException("Only an ACTIVE journey can be paused")
        if wanted == "PAUSED" and not data.get("RefreshFrequency"):
            raise BadRequestException(
                "Only a journey with a segment refresh interval (RefreshFrequency) can be paused"
            )
        if wanted == "ACTIVE" and current == "DRAFT":
            self._start_run(app_id, data["Id"])
        if wanted == "CANCELLED":
            self._set_runs(app_id, data["Id"], "CANCELLED")
        data["State"] = wanted
        data["LastModifiedDate"] = now_iso()
        return self._journey_json(data)

    def delete_journey(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteJourney."""
        result = self._journey_json(self._journey(params))
        state = self.state(params["ApplicationId"])
        del state.journeys[params["JourneyId"]]
        state.journey_runs.pop(params["JourneyId"], None)
        self.drop_tags(self._arn(params["ApplicationId"], "journeys", params["JourneyId"]))
        return result

    def list_journeys(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListJourneys."""
        state = self.state(params["ApplicationId"])
        items, token = self.page(list(state.journeys.values()), params)
        return {"Item": [self._journey_json(j) for j in items], "NextToken": token}

    def get_journey_runs(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetJourneyRuns (newest first)."""
        journey = self._journey(params)
        runs = self.state(params["ApplicationId"]).journey_runs.get(journey["Id"], [])
        items, token = self.page(runs[::-1], params)
        return {"Item": items, "NextToken": token}

    def _run(self, params: dict[str, Any]) -> dict[str, Any]:
        runs = self.state(params["ApplicationId"]).journey_runs.get(params["JourneyId"], [])
        for run in runs:
            if run["RunId"] == params["RunId"]:
                return run
        raise NotFoundException("Journey run not found")

    def _activity_type(self, journey: dict[str, Any], activity_id: str) -> str:
        activity = self.lookup(journey.get("Activities") or {}, activity_id, "Activity")
        for key, kind in _ACTIVITY_TYPES.items():
            if key in activity:
                return kind
        return "UNKNOWN"

    def _metrics_page(self, params: dict[str, Any]) -> None:
        self.page([], params, "NextToken")

    def _journey_metrics(
        self, params: dict[str, Any], *, run: bool, activity: bool
    ) -> dict[str, Any]:
        """The four journey execution-metrics operations, counted from the journey's messages.

        A message belongs to a journey (and activity, and run) through the ``journey_id``
        (``journey_activity_id``, ``journey_run_id``) attributes of its events; one
        without a run id counts for the journey's latest run.
        """
        journey = self._journey(params)
        scope: dict[str, Any] = {
            "ApplicationId": params["ApplicationId"],
            "JourneyId": journey["Id"],
        }
        messages = [
            m for m in self.messages(params["ApplicationId"]) if m.journey_id == journey["Id"]
        ]
        if run:
            run_id = self._run(params)["RunId"]
            scope["RunId"] = run_id
            runs = self.state(params["ApplicationId"]).journey_runs.get(journey["Id"], [])
            latest = runs[-1]["RunId"] if runs else None
            messages = [m for m in messages if (m.journey_run_id or latest) == run_id]
        self._metrics_page(params)
        if activity:
            activity_id = params["JourneyActivityId"]
            scope["ActivityType"] = self._activity_type(journey, activity_id)
            scope["JourneyActivityId"] = activity_id
            messages = [m for m in messages if m.journey_activity_id == activity_id]
        entered = len({m.endpoint for m in messages})
        if activity:
            tally = counts(messages)
            metrics = {
                "ENDPOINT_ENTERED": entered,
                "SUCCESS": tally["DELIVERED"],
                "PERMANENT_FAILURE": tally["HARD_BOUNCED"],
                "TEMPORARY_FAILURE": tally["SOFT_BOUNCED"],
            }
        else:
            metrics = {
                "ENDPOINT_ENTERED": entered,
                "ENDPOINT_ACTIVE": entered,
                "ENDPOINT_LEFT": 0,
                "REENTRY_CAP_EXCEEDED": 0,
            }
        return {
            **scope,
            "LastEvaluatedTime": now_iso(),
            "Metrics": {name: str(value) for name, value in metrics.items()},
        }

    def get_journey_execution_metrics(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetJourneyExecutionMetrics, counted from the journey's messages."""
        return self._journey_metrics(params, run=False, activity=False)

    def get_journey_execution_activity_metrics(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetJourneyExecutionActivityMetrics."""
        return self._journey_metrics(params, run=False, activity=True)

    def get_journey_run_execution_metrics(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetJourneyRunExecutionMetrics."""
        return self._journey_metrics(params, run=True, activity=False)

    def get_journey_run_execution_activity_metrics(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetJourneyRunExecutionActivityMetrics."""
        return self._journey_metrics(params, run=True, activity=True)

    # -- KPIs ----------------------------------------------------------------------
    def messages(self, app_id: str) -> list[Message]:
        """Every message of the app the analytics count (sent by the double or evented)."""
        state = self.state(app_id)
        sent = [record for record in self.sent_messages if record.get("ApplicationId") == app_id]
        return messages_of(sent, state.events)

    def _kpi(self, params: dict[str, Any], scope: str | None = None) -> dict[str, Any]:
        """A date-range KPI over the app's messages (of one campaign or journey)."""
        name = params["KpiName"]
        if not _KPI_NAME.match(name):
            raise BadRequestException(f"Invalid KpiName {name!r}")
        self.page([], params, "NextToken")
        end = params.get("EndTime") or now_iso()
        start = params.get("StartTime")
        if start is None:
            start = (_dt.datetime.now(_dt.UTC) - _dt.timedelta(days=7)).strftime(
                "%Y-%m-%dT%H:%M:%SZ"
            )
        try:
            first, last = parse_time(start), parse_time(end)
        except ValueError:
            raise BadRequestException("StartTime and EndTime must be ISO 8601 times") from None
        if first > last:
            raise BadRequestException("StartTime must be before EndTime")
        messages = [
            m
            for m in self.messages(params["ApplicationId"])
            if first <= m.time <= last and (scope is None or scope in (m.campaign_id, m.journey_id))
        ]
        return {
            "ApplicationId": params["ApplicationId"],
            "KpiName": name,
            "KpiResult": {"Rows": kpi_rows(name, messages)},
            "StartTime": start,
            "EndTime": end,
        }

    def get_application_date_range_kpi(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetApplicationDateRangeKpi, computed from the app's messages."""
        self.state(params["ApplicationId"])
        return self._kpi(params)

    def get_campaign_date_range_kpi(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetCampaignDateRangeKpi, computed from the campaign's messages."""
        self._campaign(params)
        return self._kpi(params, params["CampaignId"]) | {"CampaignId": params["CampaignId"]}

    def get_journey_date_range_kpi(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetJourneyDateRangeKpi, computed from the journey's messages."""
        self._journey(params)
        return self._kpi(params, params["JourneyId"]) | {"JourneyId": params["JourneyId"]}
