"""Analytics computed from what happened: the messages the double sent and PutEvents events.

Every message is one `Message`: those in ``sent_messages`` (sent and delivered) and
those that PutEvents events describe (``_email.*``, ``_SMS.*``, push opens). An event
whose ``message_id`` attribute names a known message updates that message; any other
event is a message of its own. KPIs and execution metrics count these messages.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ._resources import PUSH_CHANNELS

__all__ = ["KPI_NAMES", "Message", "counts", "kpi_rows", "messages_of", "parse_time"]

# PutEvents event type -> (channel, what it says about the message)
EVENT_KINDS: dict[str, tuple[str, str]] = {
    "_email.send": ("EMAIL", "send"),
    "_email.delivered": ("EMAIL", "delivered"),
    "_email.open": ("EMAIL", "open"),
    "_email.click": ("EMAIL", "click"),
    "_email.hardbounce": ("EMAIL", "hardbounce"),
    "_email.softbounce": ("EMAIL", "softbounce"),
    "_email.complaint": ("EMAIL", "complaint"),
    "_email.rejected": ("EMAIL", "rejected"),
    "_email.unsubscribe": ("EMAIL", "unsubscribe"),
    "_SMS.BUFFERED": ("SMS", "send"),
    "_SMS.SUCCESS": ("SMS", "delivered"),
    "_SMS.FAILURE": ("SMS", "failure"),
    "_campaign.opened_notification": ("PUSH", "open"),
    "_campaign.received_foreground": ("PUSH", "delivered"),
    "_campaign.received_background": ("PUSH", "delivered"),
}
# Event attribute -> Message field it links the event to.
LINK_ATTRIBUTES = {
    "campaign_id": "campaign_id",
    "campaign_activity_id": "campaign_activity_id",
    "journey_id": "journey_id",
    "journey_activity_id": "journey_activity_id",
    "journey_run_id": "journey_run_id",
}


def parse_time(raw: Any) -> _dt.datetime:
    """An ISO-8601 string (``Z`` or offset, naive = UTC) or datetime as an aware datetime."""
    if isinstance(raw, _dt.datetime):
        value = raw
    else:
        value = _dt.datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=_dt.UTC)


@dataclass
class Message:
    """One message and everything known about what became of it."""

    key: str
    channel: str
    time: _dt.datetime
    endpoint: str | None = None
    campaign_id: str | None = None
    campaign_activity_id: str | None = None
    journey_id: str | None = None
    journey_activity_id: str | None = None
    journey_run_id: str | None = None
    sent: bool = False
    delivered_flag: bool = False
    opens: int = 0
    clicks: int = 0
    hard_bounce: bool = False
    soft_bounce: bool = False
    failed: bool = False
    complaint: bool = False
    rejected: bool = False
    unsubscribes: int = 0

    @property
    def delivered(self) -> bool:
        """Delivered and not bounced, failed or rejected afterwards."""
        return self.delivered_flag and not (
            self.hard_bounce or self.soft_bounce or self.failed or self.rejected
        )

    @property
    def transactional(self) -> bool:
        """Sent directly (SendMessages and friends), not by a campaign or journey."""
        return self.campaign_id is None and self.journey_id is None

    def apply(self, kind: str) -> None:
        """Record one event of ``kind`` about this message."""
        if kind in {"send", "delivered", "hardbounce", "softbounce", "failure"}:
            self.sent = True
        if kind == "delivered":
            self.delivered_flag = True
        elif kind == "open":
            self.opens += 1
        elif kind == "click":
            self.clicks += 1
        elif kind == "hardbounce":
            self.hard_bounce = True
        elif kind == "softbounce":
            self.soft_bounce = True
        elif kind == "failure":
            self.failed = True
        elif kind == "complaint":
            self.complaint = True
        elif kind == "rejected":
            self.rejected = True
        elif kind == "unsubscribe":
            self.unsubscribes += 1


def _channel(raw: str | None) -> str:
    return "PUSH" if raw in PUSH_CHANNELS else str(raw or "")


def messages_of(
    sent: Iterable[Mapping[str, Any]], events: Iterable[Mapping[str, Any]]
) -> list[Message]:
    """The messages of one app: ``sent`` records first, then what ``events`` add."""
    found: dict[str, Message] = {}
    for record in sent:
        when = record.get("SentAt")
        if not when:
            continue
        found[record["MessageId"]] = Message(
            key=record["MessageId"],
            channel=_channel(record.get("ChannelType")),
            time=parse_time(when),
            endpoint=record.get("EndpointId") or record.get("Address"),
            campaign_id=record.get("CampaignId"),
            campaign_activity_id=record.get("CampaignActivityId"),
            sent=True,
            delivered_flag=True,
        )
    for event in events:
        kind = EVENT_KINDS.get(str(event.get("EventType")))
        if kind is None:
            continue
        attributes = event.get("Attributes") or {}
        key = attributes.get("message_id") or f"event:{event['EndpointId']}:{event['EventId']}"
        message = found.get(key)
        if message is None:
            try:
                when = parse_time(event["Timestamp"])
            except ValueError:
                continue
            message = found[key] = Message(
                key=key, channel=kind[0], time=when, endpoint=event["EndpointId"]
            )
        for attribute, field_name in LINK_ATTRIBUTES.items():
            if attributes.get(attribute) and getattr(message, field_name) is None:
                setattr(message, field_name, attributes[attribute])
        message.apply(kind[1])
    return list(found.values())


Measure = Callable[[list[Message]], float | None]


def _count(test: Callable[[Message], bool]) -> Measure:
    return lambda messages: float(sum(1 for m in messages if test(m)))


def _total(value: Callable[[Message], int]) -> Measure:
    return lambda messages: float(sum(value(m) for m in messages))


def _distinct(test: Callable[[Message], bool]) -> Measure:
    return lambda messages: float(len({m.endpoint for m in messages if test(m)}))


def _rate(top: Callable[[Message], bool], bottom: Callable[[Message], bool]) -> Measure:
    """Messages where ``top`` holds over messages where ``bottom`` does (None without any).

    Counted independently, so an open event that names no message still counts.
    """

    def measure(messages: list[Message]) -> float | None:
        below = sum(1 for m in messages if bottom(m))
        return sum(1 for m in messages if top(m)) / below if below else None

    return measure


def _sent(m: Message) -> bool:
    return m.sent


def _delivered(m: Message) -> bool:
    return m.delivered


def _opened(m: Message) -> bool:
    return m.opens > 0


def _clicked(m: Message) -> bool:
    return m.clicks > 0


MEASURES: dict[str, Measure] = {
    "sent": _count(_sent),
    "delivered": _count(_delivered),
    "delivery-rate": _rate(_delivered, _sent),
    "opened": _count(_opened),
    "open-rate": _rate(_opened, _delivered),
    "unique-opens": _distinct(_opened),
    "clicked": _total(lambda m: m.clicks),
    "unique-clicks": _distinct(_clicked),
    "hard-bounced": _count(lambda m: m.hard_bounce),
    "hard-bounce-rate": _rate(lambda m: m.hard_bounce, _sent),
    "soft-bounced": _count(lambda m: m.soft_bounce),
    "with-complaints": _count(lambda m: m.complaint),
    "complaint-rate": _rate(lambda m: m.complaint, _sent),
    "rejected": _count(lambda m: m.rejected),
    "unsubscribed": _total(lambda m: m.unsubscribes),
    "unique-deliveries": _distinct(_delivered),
}

_TXN_EMAIL_MEASURES = (
    "sent", "delivered", "delivery-rate", "opened", "unique-opens", "clicked",
    "unique-clicks", "hard-bounced", "soft-bounced", "with-complaints", "complaint-rate",
)  # fmt: skip
# journey-emails-<name> -> measure
_JOURNEY_EMAIL_MEASURES = {
    "sent": "sent", "delivered": "delivered", "opened": "opened", "clicked": "clicked",
    "hardbounced": "hard-bounced", "softbounced": "soft-bounced",
    "complained": "with-complaints", "rejected": "rejected", "unsubscribed": "unsubscribed",
}  # fmt: skip
# KPI name (without its -grouped-by-... suffix) -> (which messages, measure).
# Which messages: "campaign" = sent by campaigns, "txn" = sent directly,
# "journey" = sent by journeys; plus the channel (None = every channel).
KPI_NAMES: dict[str, tuple[str, str | None, str]] = {
    "successful-delivery-rate": ("campaign", None, "delivery-rate"),
    "successful-deliveries": ("campaign", None, "delivered"),
    "attempted-deliveries": ("campaign", None, "sent"),
    "unique-deliveries": ("campaign", None, "unique-deliveries"),
    "email-open-rate": ("campaign", "EMAIL", "open-rate"),
    "push-open-rate": ("campaign", "PUSH", "open-rate"),
    "hard-bounce-rate": ("campaign", "EMAIL", "hard-bounce-rate"),
    "direct-email-opens": ("campaign", "EMAIL", "opened"),
    "direct-push-opens": ("campaign", "PUSH", "opened"),
    "clicks": ("campaign", "EMAIL", "clicked"),
    **{f"txn-emails-{name}": ("txn", "EMAIL", name) for name in _TXN_EMAIL_MEASURES},
    **{f"txn-sms-{name}": ("txn", "SMS", name) for name in ("sent", "delivered", "delivery-rate")},
    **{
        f"journey-emails-{name}": ("journey", "EMAIL", measure)
        for name, measure in _JOURNEY_EMAIL_MEASURES.items()
    },
}
# "emails-<x>-grouped-by-journey-activity" is journey-emails-<x> per activity.
_JOURNEY_ACTIVITY_ALIAS = "emails-"
GROUPS: dict[str, tuple[str, str]] = {
    "-grouped-by-date": ("Date", "Date"),
    "-grouped-by-campaign-activity": ("CampaignActivityId", "String"),
    "-grouped-by-campaign": ("CampaignId", "String"),
    "-grouped-by-journey-activity": ("JourneyActivityId", "String"),
}
_GROUP_VALUE: dict[str, Callable[[Message], str | None]] = {
    "Date": lambda m: m.time.date().isoformat(),
    "CampaignActivityId": lambda m: m.campaign_activity_id,
    "CampaignId": lambda m: m.campaign_id,
    "JourneyActivityId": lambda m: m.journey_activity_id,
}


def _value_key(base: str) -> str:
    """The result column of a KPI: its name in PascalCase (``UniqueDeliveries``)."""
    return "".join(part.capitalize() for part in base.split("-"))


def _in_scope(message: Message, scope: str, channel: str | None) -> bool:
    if channel is not None and message.channel != channel:
        return False
    if scope == "campaign":
        return message.campaign_id is not None
    if scope == "journey":
        return message.journey_id is not None
    return message.transactional


def kpi_rows(name: str, messages: list[Message]) -> list[dict[str, Any]]:
    """The ``KpiResult.Rows`` of KPI ``name`` over ``messages`` (already in range and scope).

    Unknown names give no rows, as do metrics without data (a rate with nothing below it).
    """
    base, group = name, None
    for suffix, grouping in GROUPS.items():
        if name.endswith(suffix):
            base, group = name[: -len(suffix)], grouping
            break
    if (
        group is not None
        and group[0] == "JourneyActivityId"
        and base.startswith(_JOURNEY_ACTIVITY_ALIAS)
    ):
        base = "journey-" + base
    spec = KPI_NAMES.get(base)
    if spec is None:
        return []
    scope, channel, measure_name = spec
    measure = MEASURES[measure_name]
    chosen = [m for m in messages if _in_scope(m, scope, channel)]
    key = _value_key(base)
    if group is None:
        value = measure(chosen) if chosen else None
        return [] if value is None else [{"GroupedBys": [], "Values": [_cell(key, value)]}]
    buckets: dict[str, list[Message]] = {}
    for message in chosen:
        label = _GROUP_VALUE[group[0]](message)
        if label is not None:
            buckets.setdefault(label, []).append(message)
    rows = []
    for label in sorted(buckets):
        value = measure(buckets[label])
        if value is not None:
            rows.append(
                {
                    "GroupedBys": [{"Key": group[0], "Type": group[1], "Value": label}],
                    "Values": [_cell(key, value)],
                }
            )
    return rows


def _cell(key: str, value: float) -> dict[str, str]:
    return {"Key": key, "Type": "Double", "Value": repr(float(value))}


def counts(messages: list[Message]) -> dict[str, int]:
    """Delivery counters of some messages, for execution metrics."""
    return {
        "SENT": sum(1 for m in messages if m.sent),
        "DELIVERED": sum(1 for m in messages if m.delivered),
        "OPENED": sum(1 for m in messages if m.opens),
        "CLICKED": sum(1 for m in messages if m.clicks),
        "HARD_BOUNCED": sum(1 for m in messages if m.hard_bounce),
        "SOFT_BOUNCED": sum(1 for m in messages if m.soft_bounce),
    }
