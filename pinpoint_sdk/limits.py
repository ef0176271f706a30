"""Documented Amazon Pinpoint service limits that the SDK checks or chunks around.

Every number the SDK enforces client-side lives here, with where it comes from, so a
changed quota is a one-line change. Values are the current published quotas (Amazon
Pinpoint developer guide, "Quotas"), or the botocore model where it states them.
"""

from __future__ import annotations

from typing import Final

# Request size and batching
MAX_REQUEST_PAYLOAD_BYTES: Final = 7 * 1024 * 1024
"""Invocation payload (request + response) for most operations: 7 MB."""
MAX_ENDPOINTS_PER_BATCH: Final = 100
"""EndpointBatchItems per UpdateEndpointsBatch request."""
MAX_EVENTS_PER_REQUEST: Final = 100
"""Events per PutEvents request, counted over the whole request."""
MAX_PUT_EVENTS_PAYLOAD_BYTES: Final = 4 * 1024 * 1024
"""PutEvents request size: 4 MB."""
MAX_EVENT_BYTES: Final = 1000 * 1024
"""Size of one event: 1,000 KB."""
MAX_MESSAGE_RECIPIENTS: Final = 100
"""SendMessages: Addresses + Endpoints per request."""
MAX_USERS_PER_MESSAGE: Final = 100
"""SendUsersMessages: users per request."""

# Endpoint, user and attribute data
MAX_ENDPOINT_ATTRIBUTES: Final = 250
"""Custom attributes of all kinds (Attributes + Metrics + UserAttributes) per application."""
MAX_ENDPOINT_BYTES: Final = 15 * 1024
"""Endpoint size including all attributes: 15 KB."""
MAX_ATTRIBUTE_NAME_LENGTH: Final = 50
"""Characters in an endpoint attribute, user attribute or metric name."""
MAX_ATTRIBUTE_VALUE_LENGTH: Final = 100
"""Characters in one endpoint attribute / user attribute value."""
MAX_VALUES_PER_ATTRIBUTE: Final = 50
"""Values in one endpoint attribute / user attribute list."""
ENDPOINT_ID_FORBIDDEN_CHARACTERS: Final = frozenset("${}")
"""Characters an endpoint id must not contain."""
MAX_ENDPOINTS_PER_USER: Final = 15
"""Endpoints per user id."""

# Event ingestion (PutEvents)
MAX_EVENT_ATTRIBUTES_AND_METRICS: Final = 40
"""Attribute + metric keys on one event."""
MAX_EVENT_ATTRIBUTE_NAME_LENGTH: Final = 50
"""Characters in an event attribute key."""
MAX_EVENT_ATTRIBUTE_VALUE_LENGTH: Final = 200
"""Characters in an event attribute value; the service drops longer events."""

# Campaigns, segments, journeys
MAX_ACTIVITIES_PER_JOURNEY: Final = 40
"""Activities per journey."""
MAX_JOURNEY_NAME_LENGTH: Final = 150
"""Characters in a journey name (no spaces)."""
MAX_ACTIVITY_KEY_LENGTH: Final = 100
"""Characters in an activity key (alphanumeric)."""
MAX_START_ACTIVITY_LENGTH: Final = 128
"""Characters in ``WriteJourneyRequest.StartActivity``."""
MAX_JOURNEY_CAP: Final = 100
"""DailyCap, EndpointReentryCap, TotalCap and TimeframeCap.Cap (0 means off)."""
MAX_TIMEFRAME_CAP_DAYS: Final = 30
"""JourneyTimeframeCap.Days."""
MAX_SEGMENT_DIMENSIONS: Final = 100
"""Dimensions per segment."""
MAX_SEGMENT_GROUPS: Final = 1
"""Segment groups per WriteSegmentRequest.SegmentGroups."""
MAX_CAMPAIGN_DAILY: Final = 100
"""CampaignLimits.Daily."""
MAX_CAMPAIGN_TOTAL: Final = 100
"""CampaignLimits.Total."""
CAMPAIGN_MESSAGES_PER_SECOND: Final = (1, 20_000)
"""CampaignLimits.MessagesPerSecond range."""
MIN_CAMPAIGN_MAXIMUM_DURATION: Final = 60
"""CampaignLimits.MaximumDuration in seconds."""
MAX_PUSH_BODY_LENGTH: Final = 200
"""Characters in a campaign push body (``Message.Body``)."""
MAX_EMAIL_HEADERS: Final = 15
"""Headers on a SimpleEmail."""

# Templates and tags
MAX_TEMPLATE_NAME_LENGTH: Final = 128
"""Characters in a template name; starts alphanumeric, ``[A-Za-z0-9_-]``."""
MAX_SMS_TEMPLATE_LENGTH: Final = 1600
"""Characters in an SMS template body."""
MAX_TAGS_PER_RESOURCE: Final = 50
"""Tags per resource."""
MAX_TAG_KEY_LENGTH: Final = 128
"""Characters in a tag key."""
MAX_TAG_VALUE_LENGTH: Final = 256
"""Characters in a tag value."""

# Campaign and segment names
# No maximum length is documented for either. The botocore model says only "A custom name
# for the campaign." (WriteCampaignRequest.Name) and "The name of the segment."
# (WriteSegmentRequest.Name), with no min/max/pattern; the API reference pages are made
# from the same text; the developer guide's quotas page (campaign and segment sections) and
# the user guide's "Create a campaign" / "Building segments" steps give none either (the
# only console name limit stated is 64 characters for a project). None of them is
# enforced, so no made-up number rejects names the service accepts; builders read these
# at check time, so a published number becomes a one-line change.
MAX_CAMPAIGN_NAME_LENGTH: Final[int | None] = None
"""Characters in ``WriteCampaignRequest.Name``: no documented maximum (``None``)."""
MAX_SEGMENT_NAME_LENGTH: Final[int | None] = None
"""Characters in ``WriteSegmentRequest.Name``: no documented maximum (``None``)."""

# Safeguards of the SDK itself (not service quotas)
MAX_EMPTY_PAGES: Final = 100
"""Pages in a row without items (each with a fresh token) that ``*_pages`` follows before
raising ``PaginationError``; set ``client.max_empty_pages`` to change it per client."""
REMEMBERED_PAGE_TOKENS: Final = 1000
"""Most recent pagination tokens kept to recognize a token the service repeats."""
