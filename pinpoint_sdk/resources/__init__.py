"""Resources: the object layer over `pinpoint_sdk.PinpointClient`.

``Pinpoint`` is the root; applications hold campaigns, journeys, segments, endpoints,
events, users, jobs, channels and settings. Collections iterate lazily page by page,
``get(id)`` fetches at once, and ``create``/``update`` take request models or builders.

Examples:
    >>> from pinpoint_sdk.resources import Pinpoint
    >>> pp = Pinpoint(region_name="us-east-1")
    >>> app = pp.apps.get("0123456789abcdef")
    >>> for journey in app.journeys.limit(5):
    ...     print(journey)
    <Journey id='...' name='onboarding'>
"""

from __future__ import annotations

from pinpoint_sdk.resources._account import (
    RecommenderConfiguration,
    RecommenderConfigurationCollection,
    Template,
    TemplateCollection,
)
from pinpoint_sdk.resources._app import (
    App,
    AppCollection,
    AppSettings,
    Channel,
    Channels,
    EventStreamConfig,
)
from pinpoint_sdk.resources._audience import (
    Endpoint,
    EndpointCollection,
    EventCollection,
    User,
    UserCollection,
    UserEndpoints,
)
from pinpoint_sdk.resources._base import Buildable, Collection, Listing, Resource, ResponseInfo
from pinpoint_sdk.resources._engagement import (
    Campaign,
    CampaignCollection,
    Journey,
    JourneyCollection,
    Segment,
    SegmentCollection,
)
from pinpoint_sdk.resources._jobs import (
    ExportJob,
    ExportJobCollection,
    ImportJob,
    ImportJobCollection,
)
from pinpoint_sdk.resources._messaging import Delivery, SendResult
from pinpoint_sdk.resources._root import Pinpoint

__all__ = [
    "App",
    "AppCollection",
    "AppSettings",
    "Buildable",
    "Campaign",
    "CampaignCollection",
    "Channel",
    "Channels",
    "Collection",
    "Delivery",
    "Endpoint",
    "EndpointCollection",
    "EventCollection",
    "EventStreamConfig",
    "ExportJob",
    "ExportJobCollection",
    "ImportJob",
    "ImportJobCollection",
    "Journey",
    "JourneyCollection",
    "Listing",
    "Pinpoint",
    "RecommenderConfiguration",
    "RecommenderConfigurationCollection",
    "Resource",
    "ResponseInfo",
    "Segment",
    "SegmentCollection",
    "SendResult",
    "Template",
    "TemplateCollection",
    "User",
    "UserCollection",
    "UserEndpoints",
]
