"""Journey builder: a multi-step journey, drawn, validated, created, paused and resumed.

Shows ``JourneyBuilder`` beyond the quick start:

* a welcome email, a two-day wait, a conditional split on "did they open it?",
  a random A/B split between two SMS reminders, and a thank-you push;
* ``to_mermaid()`` to draw the graph (paste it into any Mermaid viewer, or a Markdown
  cell in Jupyter, where the builder itself renders);
* ``build()`` catching a mistake *before* anything is sent: a typo in a next-activity key
  raises ``errors.ValidationError`` whose message names the path, e.g.
  ``activities['pause'].wait.next_activity: unknown activity 'opned'``;
* creating the journey ACTIVE, then ``journey.pause()`` and ``journey.resume()``.

Run it offline (the default; no AWS account needed):

    python examples/journey_builder.py

Live (creates, then deletes, an application in your account; email/SMS/push templates
named below need not exist for the journey to be created):

    python examples/journey_builder.py --aws
"""

from __future__ import annotations

# _runtime.py (next to this file): offline double by default, real AWS with --aws
from _runtime import connect, example_parser

from pinpoint_sdk import errors
from pinpoint_sdk.builders import JourneyBuilder, SegmentBuilder
from pinpoint_sdk.builders import conditions as c


def onboarding(segment_id: str, *, after_wait: str = "opened") -> JourneyBuilder:
    """The journey, as a builder. ``after_wait`` lets us inject a typo below."""
    return (
        JourneyBuilder("onboarding")
        .segment(segment_id)
        .limits(daily_cap=2, endpoint_reentry_cap=1)
        .quiet_time("22:00", "07:00")
        .refresh("PT1H")  # only a journey with a refresh interval can be paused
        .start("welcome")
        .email("welcome", "WelcomeEmail", next="pause")
        .wait("pause", "P2D", next=after_wait)
        # Yes/no: did the endpoint open the welcome email? (evaluated after one more day)
        .conditional_split(
            "opened",
            c.message_event("welcome", "_email.open"),
            true_next="thanks",
            false_next="abtest",
            wait_for="P1D",
        )
        # Those who did not open it get one of two SMS reminders, 50/50.
        .random_split("abtest", {"reminderA": 50, "reminderB": 50})
        .sms("reminderA", "ReminderShort", message_type="TRANSACTIONAL")
        .sms("reminderB", "ReminderFriendly", message_type="TRANSACTIONAL")
        .push("thanks", "ThanksPush", time_to_live=3600)
    )


def main() -> None:
    args = example_parser(__doc__).parse_args()
    with connect(args) as rt:
        app = rt.pinpoint.apps.create("journey-builder-demo")
        segment = app.segments.create(SegmentBuilder("new-signups").recency("DAY_7"))
        print(f"app {app.id}, segment {segment.name} ({segment.id})")

        # 1. Draw it. Mermaid text works in GitHub Markdown, mermaid.live and notebooks.
        builder = onboarding(segment.id)
        print("\nMermaid diagram of the journey:")
        print(builder.to_mermaid())

        # 2. Mistakes are caught before sending, with the path to the problem.
        print("validation before sending (a typo in a next-activity key):")
        try:
            onboarding(segment.id, after_wait="opned").build()
        except errors.ValidationError as exc:
            print(f"  ValidationError at {exc.path}")
            for path, message in exc.errors:
                print(f"    {path}: {message}")

        # 3. Create it ACTIVE (DRAFT is the default), then pause and resume it.
        journey = app.journeys.create(builder.state("ACTIVE"))
        print(
            f"\ncreated journey {journey.name} ({journey.id}): state={journey.state}, "
            f"{len(journey.activities)} activities"
        )
        journey.pause()
        print(f"paused:  state={journey.state}")
        journey.resume()
        print(f"resumed: state={journey.state}")

        rt.clean_up(app)


if __name__ == "__main__":
    main()
