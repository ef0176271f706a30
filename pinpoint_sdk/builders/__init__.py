"""Fluent builders for journeys, campaigns and segments."""

from pinpoint_sdk.builders import conditions
from pinpoint_sdk.builders.journey import JourneyBuilder

__all__ = ["JourneyBuilder", "conditions"]
