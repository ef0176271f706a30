"""Event ingestion: record a stream of events with ``put_many`` and report the rejects.

Shows ``app.events.put_many`` and ``pinpoint_sdk.EventRecord``:

* each ``EventRecord(endpoint_id, event, event_id=None, endpoint=None)`` is one event of
  one endpoint (a missing ``event_id`` gets a fresh UUID; here we set readable ones);
* records stream from any iterable into PutEvents requests of at most 100 events / 4 MB;
* PutEvents answers 202 or 400 *per event*; boto3 alone makes you dig through
  ``Results[endpoint]["EventsItemResponse"][event_id]``. ``put_many`` flattens that into
  ``BatchResult.failed``: one ``ItemFailure(index, item_id, status_code, message)`` per
  rejected event, ``index`` being its position in your input and ``item_id`` its event id.
  Events that break a documented limit are rejected before sending (status "not sent");
  events the service refuses carry its HTTP status (400).

The mix below: 200 events over 20 endpoints, five of them bad:

* #7 has no timestamp, #19 an attribute value over 200 characters, #33 has 41
  attributes and metrics (40 at most) - all caught client-side;
* #48 carries an endpoint update with an unknown channel type, #120 one with an invalid
  endpoint status - the offline double refuses the endpoint update and, with it, the
  events recorded under that endpoint id (400 each), so they land in ``failed``. Should
  the service store an event while refusing only its endpoint update (per-event 202,
  per-endpoint 400), put_many counts the event as accepted and lists it in
  ``BatchResult.warnings`` (message "event stored; endpoint update failed: ...")
  instead: resend just the endpoint fix then, not the event, or it is counted twice.

Run it offline (the default; no AWS account needed):

    python examples/event_ingestion.py

Live (creates, then deletes, an application in your account):

    python examples/event_ingestion.py --aws
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

# _runtime.py (next to this file): offline double by default, real AWS with --aws
from _runtime import connect, example_parser

from pinpoint_sdk import BatchResult, EventRecord, models

EVENT_COUNT = 200
START = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def events() -> Iterator[EventRecord]:
    """Page views and purchases from 20 devices, with five bad records mixed in."""
    for i in range(EVENT_COUNT):
        endpoint_id = f"device-{i % 20:02d}"
        timestamp = (START + timedelta(seconds=i)).isoformat()
        event = models.Event(
            event_type="purchase" if i % 10 == 0 else "page_view",
            timestamp=timestamp,
            attributes={"page": f"/products/{i % 7}"},
            metrics={"price": 19.99} if i % 10 == 0 else None,
        )
        endpoint = None
        if i == 7:
            event.timestamp = ""  # required
        elif i == 19:
            event.attributes = {"referrer": "https://example.com/?" + "q" * 250}
        elif i == 33:
            event.attributes = {f"a{n}": "x" for n in range(41)}
        elif i == 48:
            endpoint_id = "device-pigeon"
            endpoint = models.PublicEndpoint(channel_type="PIGEON", address="coop-7")
        elif i == 120:
            endpoint_id = "device-deleted"
            endpoint = models.PublicEndpoint(
                channel_type="EMAIL", address="old@example.com", endpoint_status="DELETED"
            )
        yield EventRecord(endpoint_id, event, event_id=f"evt-{i:04d}", endpoint=endpoint)


def report(result: BatchResult) -> None:
    """One line per rejected event (and per partly accepted one): input position, id,
    status, why."""
    print(f"accepted {result.succeeded}, rejected {len(result.failed)}")
    for title, rows in (("rejected", result.failed), ("accepted with warnings", result.warnings)):
        if not rows:
            continue
        print(f"{title}:")
        print(f"{'index':>5}  {'event id':<9}  {'status':<8}  message")
        for row in rows:
            status = "not sent" if row.status_code is None else str(row.status_code)
            print(f"{row.index:>5}  {row.item_id or '-':<9}  {status:<8}  {row.message}")


def main() -> None:
    args = example_parser(__doc__).parse_args()
    with connect(args) as rt:
        app = rt.pinpoint.apps.create("event-ingestion-demo")
        print(f"app {app.id}: recording {EVENT_COUNT} events")

        result = app.events.put_many(events())
        report(result)

        # Typical follow-up: retry only what the service throttled (429) or failed (5xx).
        retryable = [f.index for f in result.failed if (f.status_code or 0) in (429, 500, 503)]
        print(f"retryable rejects: {retryable or 'none'}")

        rt.clean_up(app)


if __name__ == "__main__":
    main()
