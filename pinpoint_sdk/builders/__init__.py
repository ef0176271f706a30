"""Fluent builders for journeys, campaigns and segments.

One mutability style for all builders: **methods change the builder in place and return
it**, so calls chain in one notebook cell. Use ``.copy()`` to branch off a variant.
``build()`` validates everything and returns the ``Write*Request`` model, or raises
`pinpoint_sdk.errors.ValidationError` listing every problem with its path;
``validate()`` returns the same problems without raising. ``from_model()`` loads an
existing request or response for editing and keeps what the builder does not model
(other fields, unknown activity kinds, unknown wire keys).

Examples:
    ```python
    from pinpoint_sdk.builders import JourneyBuilder, SegmentBuilder, conditions as c

    segment = SegmentBuilder("gold").channel("EMAIL").user_attribute("plan", "gold").build()
    journey = (
        JourneyBuilder("welcome")
        .segment("gold-segment-id")
        .start("hello")
        .email("hello", "WelcomeTemplate", next="check")
        .conditional_split("check", c.message_event("hello", "_email.open"),
                           true_next="thanks", wait_for="P1D")
        .push("thanks", "ThanksPush")
        .build()
    )
    ```
"""

from pinpoint_sdk.builders import conditions
from pinpoint_sdk.builders._graph import Edge
from pinpoint_sdk.builders.campaign import PUSH_PLATFORMS, CampaignBuilder
from pinpoint_sdk.builders.conditions import (
    all_of,
    any_of,
    endpoint_attribute,
    event,
    in_segment,
    message_event,
    metric,
    user_attribute,
)
from pinpoint_sdk.builders.journey import JourneyBuilder
from pinpoint_sdk.builders.segment import Dimensions, SegmentBuilder

__all__ = [
    "PUSH_PLATFORMS",
    "CampaignBuilder",
    "Dimensions",
    "Edge",
    "JourneyBuilder",
    "SegmentBuilder",
    "all_of",
    "any_of",
    "conditions",
    "endpoint_attribute",
    "event",
    "in_segment",
    "message_event",
    "metric",
    "user_attribute",
]
