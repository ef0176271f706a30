"""A small sample application, so an offline export (``pinpoint-sdk export --offline``)
has something to show."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pinpoint_sdk import models

if TYPE_CHECKING:
    from pinpoint_sdk.resources import App, Pinpoint

__all__ = ["populate_sample_app"]


def populate_sample_app(pp: Pinpoint, *, endpoints: int = 250, name: str = "sample-shop") -> App:
    """Create an app with one of each resource kind (meant for the offline double).

    Settings, an email and an SMS channel, tags, a segment with two versions, a campaign
    with two versions, a draft journey, one template of each of the five kinds (the
    email one with two versions), a recommender configuration and ``endpoints``
    endpoints.

    Examples:
        >>> with mock_pinpoint():
        ...     app = populate_sample_app(Pinpoint(region_name="us-east-1"))
    """
    from pinpoint_sdk.builders import CampaignBuilder, JourneyBuilder, SegmentBuilder

    app = pp.apps.create(name, tags={"team": "growth"})
    app.settings.update(quiet_time=models.QuietTime(start="22:00", end="07:00"))
    app.channels.email.update(models.EmailChannelRequest(
        from_address="shop@example.com",
        identity="arn:aws:ses:us-east-1:123456789012:identity/example.com", enabled=True))
    app.channels.sms.update(models.SMSChannelRequest(enabled=True, sender_id="SHOP"))
    gold = app.segments.create(SegmentBuilder("gold").attribute("plan", ["gold"]))
    gold.update(SegmentBuilder("gold").attribute("plan", ["gold", "platinum"]))
    campaign = app.campaigns.create(
        CampaignBuilder("welcome").segment(gold.id).immediately()
        .email(title="Welcome", html_body="<p>Hello</p>", from_address="shop@example.com")
    )
    campaign.update(name="welcome-v2")
    app.journeys.create(
        JourneyBuilder("onboarding").segment(gold.id).start("welcome")
        .email("welcome", "SampleWelcome", next="pause").wait("pause", "P2D")
    )
    email = pp.templates.create(f"{name}-welcome", models.EmailTemplateRequest(
        subject="Welcome", html_part="<p>Hello {{User.UserAttributes.Name}}</p>"))
    email.update(subject="Welcome!", create_new_version=True)
    pp.templates.create(f"{name}-sms", models.SMSTemplateRequest(body="Your code is ready"))
    pp.templates.create(f"{name}-voice", models.VoiceTemplateRequest(
        body="Hello from the shop", language_code="en-US", voice_id="Joanna"))
    pp.templates.create(f"{name}-push", models.PushNotificationTemplateRequest(
        default=models.DefaultPushNotificationTemplate(title="Hi", body="New in the shop")))
    pp.templates.create(f"{name}-inapp", models.InAppTemplateRequest(
        layout="BOTTOM_BANNER",
        content=[models.InAppMessageContent(
            body_config=models.InAppMessageBodyConfig(
                alignment="LEFT", body="Spring sale", text_color="#000000"))]))
    pp.recommender_configurations.create(models.CreateRecommenderConfiguration(
        name=f"{name}-recommender",
        recommendation_provider_role_arn="arn:aws:iam::123456789012:role/personalize",
        recommendation_provider_uri=(
            "arn:aws:personalize:us-east-1:123456789012:campaign/shop"),
    ))  # fmt: skip
    app.endpoints.upsert_many(
        models.EndpointBatchItem(
            id=f"ep{i}", channel_type="EMAIL", address=f"user{i}@example.com",
            attributes={"plan": ["gold" if i % 3 == 0 else "silver"]},
            user=models.EndpointUser(user_id=f"user{i}"),
        )
        for i in range(endpoints)
    )  # fmt: skip
    return app
