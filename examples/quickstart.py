"""Quick start: an app, its endpoints, a segment, a campaign and a journey, in one go.

Shows the resource layer (``Pinpoint`` -> ``App`` -> collections) and the three builders:

1. create an application (``pp.apps.create``);
2. add endpoints in bulk (``app.endpoints.upsert_many``, batched 100 per request);
3. define a segment with ``SegmentBuilder`` (email endpoints on the "gold" plan);
4. create a campaign for it with ``CampaignBuilder`` (an email, sent at once);
5. create a journey with ``JourneyBuilder`` (email, wait two days, SMS reminder);

and prints what it created, ids and names.

Run it (no AWS account needed; it uses the in-memory Pinpoint of pinpoint_sdk.testing):

    python examples/quickstart.py

Against real AWS (default credential chain; the app is deleted at the end unless --keep):

    python examples/quickstart.py --aws --region us-east-1
"""

from __future__ import annotations

# _runtime.py (next to this file): offline double by default, real AWS with --aws
from _runtime import connect, example_parser

from pinpoint_sdk import models
from pinpoint_sdk.builders import CampaignBuilder, JourneyBuilder, SegmentBuilder

CUSTOMERS = [
    ("ana", "ana@example.com", "gold"),
    ("ben", "ben@example.com", "silver"),
    ("chloe", "chloe@example.com", "gold"),
    ("dev", "dev@example.com", "bronze"),
]


def main() -> None:
    args = example_parser(__doc__).parse_args()
    with connect(args) as rt:
        pp = rt.pinpoint

        # 1. An application (a "project" in the console) holds everything else.
        app = pp.apps.create("quickstart-demo", tags={"example": "quickstart"})
        print(f"app:       {app.id}  name={app.name}")

        # 2. Endpoints: one per address. upsert_many takes any iterable (a generator is
        #    fine), sends batches of at most 100 and reports every failure.
        result = app.endpoints.upsert_many(
            models.EndpointBatchItem(
                id=f"email-{user}",
                channel_type="EMAIL",
                address=email,
                attributes={"plan": [plan]},
                user=models.EndpointUser(user_id=user),
            )
            for user, email, plan in CUSTOMERS
        )
        print(
            f"endpoints: {result.succeeded} upserted, {len(result.failed)} failed "
            f"({', '.join(f'email-{user}' for user, _, _ in CUSTOMERS)})"
        )

        # 3. A segment: who to talk to. build() checks the definition before sending.
        segment = app.segments.create(
            SegmentBuilder("gold-customers").channel("EMAIL").attribute("plan", ["gold"])
        )
        print(f"segment:   {segment.id}  name={segment.name}")

        # 4. A campaign: one message to the segment, sent now.
        campaign = app.campaigns.create(
            CampaignBuilder("gold-welcome")
            .segment(segment.id)
            .immediately()
            .email(
                title="Welcome, gold member",
                html_body="<p>Thanks for being gold.</p>",
                from_address="hello@example.com",
            )
        )
        print(f"campaign:  {campaign.id}  name={campaign.name}  state={campaign.state}")

        # 5. A journey: a multi-step flow. Activity keys are alphanumeric.
        journey = app.journeys.create(
            JourneyBuilder("gold-onboarding")
            .segment(segment.id)
            .start("welcome")
            .email("welcome", "WelcomeEmail", next="pause")
            .wait("pause", "P2D", next="reminder")
            .sms("reminder", "ReminderSms")
        )
        print(
            f"journey:   {journey.id}  name={journey.name}  state={journey.state}  "
            f"activities={', '.join(journey.activities)}"
        )

        rt.clean_up(app)


if __name__ == "__main__":
    main()
