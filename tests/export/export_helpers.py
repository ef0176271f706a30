"""Populating the offline double with every resource kind an export covers."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs

from pinpoint_sdk import models
from pinpoint_sdk.builders import CampaignBuilder, JourneyBuilder, SegmentBuilder
from pinpoint_sdk.resources import App, Pinpoint
from pinpoint_sdk.testing import PinpointMock

ROLE = "arn:aws:iam::123456789012:role/pinpoint-export"
BUCKET = "pinpoint-exports"
JOURNEY_START = datetime(2027, 1, 4, 9, 30, tzinfo=UTC)
"""When the exported journey's schedule starts (a timestamp member, ISO 8601 in the files)."""
SECRET = "gcm-api-key-7f3c9b1e-SECRET"
"""A secret channel member; the double echoes it back as the GCM ``Credential``."""


@attrs.define
class Populated:
    """What `populate` created, to compare the export against."""

    app: App
    segment_ids: list[str]
    campaign_id: str
    journey_id: str
    templates: dict[str, str]  # name -> type
    recommender_id: str
    import_job_id: str


def populate(pp: Pinpoint, mock: PinpointMock, s3: Any, *, endpoints: int,
             name: str = "shop", template_prefix: str = "t") -> Populated:
    """An app with every resource kind, versions, and ``endpoints`` endpoints."""
    app = pp.apps.create(name, tags={"team": "growth", "cost-centre": "42"})
    app.settings.update(quiet_time=models.QuietTime(start="22:00", end="07:00"))
    app.channels.email.update(models.EmailChannelRequest(
        from_address="shop@example.com",
        identity="arn:aws:ses:us-east-1:123456789012:identity/example.com", enabled=True))
    app.channels.gcm.update(models.GCMChannelRequest(api_key=SECRET, enabled=True))
    # The service may echo a credential; make the double do it so masking is tested.
    mock.backend().state(app.id).channels["GCM"]["Credential"] = SECRET
    app.event_stream.put("arn:aws:kinesis:us-east-1:123456789012:stream/events",
                         "arn:aws:iam::123456789012:role/stream")
    gold = app.segments.create(SegmentBuilder("gold").attribute("plan", ["gold"]))
    gold.update(SegmentBuilder("gold").attribute("plan", ["gold", "platinum"]))
    gold.update(SegmentBuilder("gold-v3").attribute("plan", ["platinum"]))
    silver = app.segments.create(SegmentBuilder("silver").attribute("plan", ["silver"]))
    campaign = app.campaigns.create(
        CampaignBuilder("welcome").segment(gold.id).immediately()
        .email(title="Welcome", html_body="<p>Hello</p>", from_address="shop@example.com"))
    campaign.update(name="welcome-v2")
    journey = app.journeys.create(
        JourneyBuilder("onboarding").segment(silver.id).start("welcome")
        .email("welcome", f"{template_prefix}-email", next="pause").wait("pause", "P2D")
        .schedule(JOURNEY_START, JOURNEY_START + timedelta(days=30), timezone="UTC"))
    templates = {
        f"{template_prefix}-email": "EMAIL", f"{template_prefix}-sms": "SMS",
        f"{template_prefix}-voice": "VOICE", f"{template_prefix}-push": "PUSH",
        f"{template_prefix}-inapp": "INAPP",
    }  # fmt: skip
    email = pp.templates.create(f"{template_prefix}-email", models.EmailTemplateRequest(
        subject="Hi v1", html_part="<p>v1</p>"))
    email.update(subject="Hi v2", create_new_version=True)
    sms = pp.templates.create(f"{template_prefix}-sms", models.SMSTemplateRequest(body="sms v1"))
    sms.update(body="sms v2", create_new_version=True)
    sms.set_active_version("2")  # the email template keeps version 1 active
    pp.templates.create(f"{template_prefix}-voice", models.VoiceTemplateRequest(
        body="voice", language_code="en-US", voice_id="Joanna"))
    pp.templates.create(f"{template_prefix}-push", models.PushNotificationTemplateRequest(
        default=models.DefaultPushNotificationTemplate(title="Hi", body="push")))
    pp.templates.create(f"{template_prefix}-inapp", models.InAppTemplateRequest(
        layout="BOTTOM_BANNER", content=[models.InAppMessageContent(
            body_config=models.InAppMessageBodyConfig(
                alignment="LEFT", body="in-app", text_color="#000000"))]))
    recommender = pp.recommender_configurations.create(models.CreateRecommenderConfiguration(
        name=f"{template_prefix}-rec",
        recommendation_provider_role_arn="arn:aws:iam::123456789012:role/personalize",
        recommendation_provider_uri="arn:aws:personalize:us-east-1:123456789012:campaign/c"))
    s3.put_object(Bucket=BUCKET, Key=f"imports/{name}/a.json", Body=json.dumps(
        {"Id": "imported-1", "ChannelType": "EMAIL", "Address": "imported@example.com"}))
    import_job = app.import_jobs.create(models.ImportJobRequest(
        s3_url=f"s3://{BUCKET}/imports/{name}/", role_arn=ROLE, format="JSON"))
    import_job.wait(poll_interval=0)
    app.endpoints.upsert_many(endpoint(i) for i in range(endpoints))
    return Populated(app=app, segment_ids=[gold.id, silver.id], campaign_id=campaign.id,
                     journey_id=journey.id, templates=templates,
                     recommender_id=recommender.id, import_job_id=import_job.id)


def endpoint(i: int) -> models.EndpointBatchItem:
    """Endpoint number ``i``, with attributes, metrics, and a user for every 100th.

    Most endpoints have no user, so exports carry both kinds (a user id on every
    endpoint would cost little: the double finds a user's endpoints by an index).
    """
    return models.EndpointBatchItem(
        id=f"ep{i:05d}", channel_type="EMAIL", address=f"user{i}@example.com",
        attributes={"plan": ["gold" if i % 3 == 0 else "silver"]},
        metrics={"score": float(i % 7)},
        user=models.EndpointUser(user_id=f"user{i}", user_attributes={"tier": [str(i % 4)]})
        if i % 100 == 0 else None,
    )  # fmt: skip


def read_json(path: Path) -> Any:
    """A JSON file's content."""
    return json.loads(path.read_text(encoding="utf-8"))


def read_ndjson(path: Path) -> list[dict[str, Any]]:
    """Every line of an NDJSON file."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def all_text(folder: Path) -> str:
    """Every file under ``folder`` as one string (to look for a secret in)."""
    return "".join(p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*"))
                   if p.is_file())
