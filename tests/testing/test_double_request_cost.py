"""What a request costs does not grow with the records stored before it.

Events and sent messages are only appended to, so a request's checkpoint keeps their
lengths instead of copying them; copying would make n requests cost O(n^2).
"""

from __future__ import annotations

import tracemalloc
from typing import Any

from pinpoint_sdk.testing import PinpointMock

STORED = 200_000
# A copy of a list of STORED references allocates 8 bytes a reference on 64-bit CPython.
COPY_BYTES = STORED * 8


def _put_event(client: Any, app_id: str, event_id: str) -> None:
    client.put_events(
        ApplicationId=app_id,
        EventsRequest={
            "BatchItem": {
                "endpoint-1": {
                    "Endpoint": {},
                    "Events": {
                        event_id: {"EventType": "opened", "Timestamp": "2026-01-01T00:00:00Z"}
                    },
                }
            }
        },
    )


def _send_sms(client: Any, app_id: str) -> None:
    client.send_messages(
        ApplicationId=app_id,
        MessageRequest={
            "Addresses": {"+14155550100": {"ChannelType": "SMS"}},
            "MessageConfiguration": {"SMSMessage": {"Body": "hi"}},
        },
    )


def _peak_bytes(request: Any) -> int:
    """Bytes allocated at the peak of ``request()`` above what was allocated before."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        request()
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


def test_put_events_appends_to_the_stored_list(
    client: Any, app_id: str, mock: PinpointMock
) -> None:
    state = mock.backend().state(app_id)
    stored = state.events

    _put_event(client, app_id, "first")
    _put_event(client, app_id, "second")

    assert state.events is stored
    assert [event["EventId"] for event in stored] == ["first", "second"]
    assert mock.backend().events(app_id) is not stored
    assert mock.backend().events(app_id) == stored


def test_put_events_allocates_the_same_with_many_events_stored(
    client: Any, app_id: str, mock: PinpointMock
) -> None:
    _put_event(client, app_id, "warm-up")
    few = _peak_bytes(lambda: _put_event(client, app_id, "few"))
    events = mock.backend().state(app_id).events
    events.extend([events[0]] * STORED)

    many = _peak_bytes(lambda: _put_event(client, app_id, "many"))

    assert many - few < COPY_BYTES // 2
    assert len(mock.backend().state(app_id).events) == STORED + 3


def test_sending_allocates_the_same_with_many_messages_sent(
    client: Any, app_id: str, mock: PinpointMock
) -> None:
    client.update_sms_channel(ApplicationId=app_id, SMSChannelRequest={"Enabled": True})
    _send_sms(client, app_id)
    few = _peak_bytes(lambda: _send_sms(client, app_id))
    sent = mock.backend().sent_messages
    sent.extend([sent[0]] * STORED)

    many = _peak_bytes(lambda: _send_sms(client, app_id))

    assert many - few < COPY_BYTES // 2
    assert len(mock.backend().sent_messages) == STORED + 3
