"""Bulk writes that stay within the service limits: endpoints and events.

:func:`upsert_endpoints` (behind ``app.endpoints.upsert_many``) and :func:`put_events`
(behind ``app.events.put_many``) pull items one at a time from any iterable, check each
against the documented limits in :mod:`pinpoint_sdk.limits`, and group the valid ones into
requests that respect both the item count and the payload size of the operation. Only the
request being assembled is held in memory, so a generator of a million rows streams.

Nothing is lost: every item ends up either counted in :attr:`BatchResult.succeeded` or
listed in :attr:`BatchResult.failed` as an :class:`ItemFailure` that names its position
in the input. Items that break a limit are never sent; a request the service rejects
(after botocore's retries) is recorded for every item it carried.

For millions of endpoints, prefer an S3 import job (``app.import_jobs.create(...)``):
one call instead of thousands.

Example:
    >>> from pinpoint_sdk import EventRecord, models
    >>> result = app.events.put_many(
    ...     EventRecord("ep-1", models.Event(event_type="purchase",
    ...                                      timestamp="2024-05-01T12:00:00Z"))
    ...     for _ in range(1000)
    ... )
    >>> result.succeeded, [f.index for f in result.failed]
    (1000, [])
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from botocore.exceptions import BotoCoreError

from pinpoint_sdk import _validation, errors, limits
from pinpoint_sdk.converter import unstructure

if TYPE_CHECKING:
    from pinpoint_sdk import models
    from pinpoint_sdk.client import PinpointClient

__all__ = [
    "BatchResult",
    "EventRecord",
    "ItemFailure",
    "ProgressCallback",
    "chunk",
    "put_events",
    "upsert_endpoints",
    "validate_endpoint_data",
    "validate_endpoint_id",
    "validate_endpoint_item",
    "validate_event",
]

T = TypeVar("T")

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(processed, failed)`` after each request: items handled so far
(sent or rejected) and how many of them failed."""

# Room left in every request for the JSON envelope around the items.
_ENVELOPE_BYTES = 1024


class EventRecord:
    """One event to record for one endpoint, the unit of ``app.events.put_many``.

    Args:
        endpoint_id: the endpoint the event belongs to.
        event: the event (``event_type`` and ``timestamp`` are required).
        event_id: the event's id in the request; a fresh UUID when omitted.
        endpoint: endpoint data to update along with the event (optional).

    Example:
        >>> EventRecord("ep-1", models.Event(event_type="login",
        ...                                  timestamp="2024-05-01T12:00:00Z"))
        EventRecord(endpoint_id='ep-1', event_id='...', event_type='login')
    """

    __slots__ = ("endpoint", "endpoint_id", "event", "event_id")

    def __init__(
        self,
        endpoint_id: str,
        event: models.Event,
        event_id: str | None = None,
        endpoint: models.PublicEndpoint | None = None,
    ) -> None:
        self.endpoint_id = endpoint_id
        self.event = event
        self.event_id: str = event_id if event_id else str(uuid.uuid4())
        self.endpoint = endpoint

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, EventRecord):
            return NotImplemented
        return (self.endpoint_id, self.event, self.event_id, self.endpoint) == (
            other.endpoint_id,
            other.event,
            other.event_id,
            other.endpoint,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        event_type = getattr(self.event, "event_type", None)
        return (
            f"EventRecord(endpoint_id={self.endpoint_id!r}, event_id={self.event_id!r}, "
            f"event_type={event_type!r})"
        )


@dataclass(frozen=True)
class ItemFailure:
    """One input item that was not accepted.

    Attributes:
        index: position of the item in the input iterable (0-based).
        item_id: the endpoint id (endpoints) or the event id (events), if known.
        status_code: the HTTP status the service gave, ``None`` when the item was
            rejected client-side and never sent.
        message: why, e.g. ``"attributes['color']: 51 values, at most 50 allowed"``.

    Example:
        >>> for failure in result.failed:
        ...     print(failure.index, failure.item_id, failure.message)
    """

    index: int
    item_id: str | None
    status_code: int | None
    message: str


@dataclass
class BatchResult:
    """Outcome of a bulk write.

    Attributes:
        succeeded: how many items the service accepted.
        failed: one :class:`ItemFailure` per item that was rejected (client-side or by
            the service), in input order.
        complete: ``False`` when ``fail_fast=True`` stopped the run early; items after
            the first failure (and valid items waiting in the same request) were then
            neither sent nor counted.
        warnings: items that were accepted (and counted in ``succeeded``) while
            something they carried was not: with ``put_many``, an event the service
            stored whose attached endpoint update it rejected. Retrying such an item
            would store the event twice, so it is not listed in ``failed``.

    Example:
        >>> result = app.endpoints.upsert_many(items)
        >>> if not result.ok:
        ...     retry = [f.index for f in result.failed if f.status_code == 429]
    """

    succeeded: int = 0
    failed: list[ItemFailure] = field(default_factory=list)
    complete: bool = True
    warnings: list[ItemFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every item was accepted whole and the whole input was processed."""
        return self.complete and not self.failed and not self.warnings

    @property
    def processed(self) -> int:
        """Items accepted plus items rejected."""
        return self.succeeded + len(self.failed)


# --------------------------------------------------------------------------- limits


def _check_endpoint_id(endpoint_id: Any, path: str, problems: list[tuple[str, str]]) -> None:
    _validation.check_endpoint_id(endpoint_id, path, problems)


def validate_endpoint_id(endpoint_id: Any, path: str = "endpoint_id") -> list[tuple[str, str]]:
    """Problems with an endpoint id (missing, or containing ``$``, ``{`` or ``}``).

    The typed client runs the same check on every endpoint id it sends.

    Example:
        >>> validate_endpoint_id("a{b}")
        [('endpoint_id', "must not contain '{' '}'")]
    """
    problems: list[tuple[str, str]] = []
    _validation.check_endpoint_id(endpoint_id, path, problems)
    return problems


def _check_attribute_map(
    values: Mapping[str, Any] | None, path: str, problems: list[tuple[str, str]]
) -> int:
    """Check an endpoint/user attribute or metric map; returns how many keys it has."""
    return _validation.check_attribute_map(values, path, problems)


def validate_endpoint_data(endpoint: Any, path: str = "") -> list[tuple[str, str]]:
    """Limit problems of endpoint data (``EndpointBatchItem``, ``PublicEndpoint``, ...).

    Checks attribute, user attribute and metric names, values per attribute, value
    lengths and the total number of custom attributes, as ``(path, message)`` pairs:
    the same check the typed client runs on ``update_endpoint``,
    ``update_endpoints_batch`` and the endpoints of ``put_events``.
    """
    problems: list[tuple[str, str]] = []
    _validation.check_endpoint_data(endpoint, path, problems)
    return problems


def validate_endpoint_item(item: models.EndpointBatchItem) -> list[tuple[str, str]]:
    """Limit problems of one ``EndpointBatchItem``, as ``(path, message)`` pairs.

    Example:
        >>> validate_endpoint_item(models.EndpointBatchItem(id="a$b"))
        [('id', "must not contain '$'")]
    """
    problems: list[tuple[str, str]] = []
    _check_endpoint_id(item.id, "id", problems)
    problems.extend(validate_endpoint_data(item))
    return problems


def validate_event(record: EventRecord) -> list[tuple[str, str]]:
    """Limit problems of one :class:`EventRecord`, as ``(path, message)`` pairs.

    Example:
        >>> validate_event(EventRecord("ep", models.Event(event_type="x", timestamp="")))
        [('event.timestamp', 'is required')]
    """
    problems: list[tuple[str, str]] = []
    _check_endpoint_id(record.endpoint_id, "endpoint_id", problems)
    event = record.event
    if not getattr(event, "event_type", None):
        problems.append(("event.event_type", "is required"))
    if not getattr(event, "timestamp", None):
        problems.append(("event.timestamp", "is required"))
    attributes: Mapping[str, Any] = getattr(event, "attributes", None) or {}
    metrics: Mapping[str, Any] = getattr(event, "metrics", None) or {}
    for name, value in attributes.items():
        key_path = f"event.attributes[{name!r}]"
        if len(name) > limits.MAX_EVENT_ATTRIBUTE_NAME_LENGTH:
            problems.append((key_path, f"name is {len(name)} characters, at most "
                                       f"{limits.MAX_EVENT_ATTRIBUTE_NAME_LENGTH} allowed"))
        if isinstance(value, str) and len(value) > limits.MAX_EVENT_ATTRIBUTE_VALUE_LENGTH:
            problems.append((key_path, f"value is {len(value)} characters, at most "
                                       f"{limits.MAX_EVENT_ATTRIBUTE_VALUE_LENGTH} allowed"))
    for name in metrics:
        if len(name) > limits.MAX_EVENT_ATTRIBUTE_NAME_LENGTH:
            problems.append((f"event.metrics[{name!r}]", f"name is {len(name)} characters, "
                             f"at most {limits.MAX_EVENT_ATTRIBUTE_NAME_LENGTH} allowed"))
    total = len(attributes) + len(metrics)
    if total > limits.MAX_EVENT_ATTRIBUTES_AND_METRICS:
        problems.append(("event", f"{total} attributes and metrics, at most "
                                  f"{limits.MAX_EVENT_ATTRIBUTES_AND_METRICS} allowed"))
    if record.endpoint is not None:
        problems.extend(validate_endpoint_data(record.endpoint, "endpoint"))
    return problems


def _json_size(value: Any) -> int:
    return len(json.dumps(value, separators=(",", ":"), default=str).encode("utf-8"))


def _message(problems: list[tuple[str, str]]) -> str:
    return str(errors.ValidationError(problems))


# --------------------------------------------------------------------------- chunking


def chunk(
    items: Iterable[T],
    *,
    max_items: int,
    max_bytes: int,
    size_of: Callable[[T], int],
) -> Iterator[list[T]]:
    """Group ``items`` lazily into lists of at most ``max_items`` and ``max_bytes``.

    An item larger than ``max_bytes`` on its own still gets a list of its own (callers
    reject such items before chunking). Only the list being filled is held in memory.

    Example:
        >>> list(chunk(range(5), max_items=2, max_bytes=10**6, size_of=lambda _: 1))
        [[0, 1], [2, 3], [4]]
    """
    if max_items < 1:
        raise errors.ValidationError(f"must be at least 1, got {max_items}", "max_items")
    current: list[T] = []
    current_bytes = 0
    for item in items:
        size = size_of(item)
        if current and (len(current) >= max_items or current_bytes + size > max_bytes):
            yield current
            current, current_bytes = [], 0
        current.append(item)
        current_bytes += size
    if current:
        yield current


# --------------------------------------------------------------------------- runner


@dataclass
class _Prepared(Generic[T]):
    index: int
    item_id: str | None
    item: T
    size: int


class _Progress:
    """Adapts ``progress=`` (callable, True for tqdm, or None) to one ``update`` call."""

    def __init__(self, progress: ProgressCallback | bool | None, total: int | None,
                 description: str) -> None:
        self._callback: ProgressCallback | None = None
        self._bar: Any = None
        if progress is True:
            try:
                from tqdm.auto import tqdm  # type: ignore[import-untyped]
            except ImportError as exc:  # pragma: no cover - depends on the environment
                raise ImportError(
                    "progress=True needs tqdm, an optional extra: "
                    "pip install 'pinpoint-sdk[progress]'"
                ) from exc
            self._bar = tqdm(total=total, desc=description, unit="item")
        elif callable(progress):
            self._callback = progress
        self._shown = 0

    def update(self, result: BatchResult) -> None:
        processed = result.processed
        if self._callback is not None:
            self._callback(processed, len(result.failed))
        if self._bar is not None:
            self._bar.update(processed - self._shown)
            self._bar.set_postfix(failed=len(result.failed), refresh=False)
        self._shown = processed

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


class _Stop(Exception):
    """Raised inside a run when ``fail_fast`` saw a failure."""


class _Run(Generic[T]):
    """Shared loop of the bulk writers: validate, chunk, send, record."""

    def __init__(
        self,
        *,
        max_items: int,
        max_bytes: int,
        fail_fast: bool,
        progress: _Progress,
    ) -> None:
        self.max_items = max_items
        self.max_bytes = max_bytes - _ENVELOPE_BYTES
        self.fail_fast = fail_fast
        self.progress = progress
        self.result = BatchResult()

    def fail(self, index: int, item_id: str | None, status: int | None, message: str) -> None:
        self.result.failed.append(ItemFailure(index, item_id, status, message))

    def check_stop(self) -> None:
        if self.fail_fast and self.result.failed:
            raise _Stop

    def fail_request(self, batch: list[_Prepared[T]], exc: Exception) -> None:
        status: int | None = None
        if isinstance(exc, errors.PinpointServiceError):
            status = exc.status_code
            message = f"request rejected: {exc.code or type(exc).__name__}: {exc.message}"
        else:
            message = f"request failed: {type(exc).__name__}: {exc}"
        for prepared in batch:
            self.fail(prepared.index, prepared.item_id, status, message)

    def run(
        self,
        prepared: Iterator[_Prepared[T]],
        send: Callable[[list[_Prepared[T]]], None],
        splits_before: Callable[[list[_Prepared[T]], _Prepared[T]], bool] | None = None,
    ) -> BatchResult:
        batch: list[_Prepared[T]] = []
        batch_bytes = 0
        try:
            for item in prepared:
                self.check_stop()  # a client-side rejection while preparing
                full = len(batch) >= self.max_items or batch_bytes + item.size > self.max_bytes
                if batch and (full or (splits_before is not None and splits_before(batch, item))):
                    self._send(batch, send)
                    batch, batch_bytes = [], 0
                batch.append(item)
                batch_bytes += item.size
            self.check_stop()
            if batch:
                self._send(batch, send)
        except _Stop:
            self.result.complete = False
        finally:
            self.progress.update(self.result)
            self.progress.close()
        self.result.failed.sort(key=lambda failure: failure.index)
        return self.result

    def _send(self, batch: list[_Prepared[T]], send: Callable[[list[_Prepared[T]]], None]) -> None:
        try:
            send(batch)
        except (errors.PinpointError, BotoCoreError) as exc:
            self.fail_request(batch, exc)
        self.progress.update(self.result)
        self.check_stop()


def _total(items: Iterable[Any]) -> int | None:
    try:
        return len(items)  # type: ignore[arg-type]
    except TypeError:
        return None


def upsert_endpoints(
    client: PinpointClient,
    application_id: str,
    items: Iterable[models.EndpointBatchItem],
    *,
    batch_size: int = limits.MAX_ENDPOINTS_PER_BATCH,
    progress: ProgressCallback | bool | None = None,
    fail_fast: bool = False,
    max_request_bytes: int = limits.MAX_REQUEST_PAYLOAD_BYTES,
) -> BatchResult:
    """Create or update endpoints with as few UpdateEndpointsBatch calls as the limits allow.

    See ``app.endpoints.upsert_many`` (the usual entry point). ``max_request_bytes`` is
    the payload budget per request (7 MB by default).
    """
    if not 1 <= batch_size <= limits.MAX_ENDPOINTS_PER_BATCH:
        raise errors.ValidationError(
            f"must be between 1 and {limits.MAX_ENDPOINTS_PER_BATCH}, got {batch_size}",
            "batch_size",
        )
    from pinpoint_sdk import models

    run: _Run[models.EndpointBatchItem] = _Run(
        max_items=batch_size,
        max_bytes=max_request_bytes,
        fail_fast=fail_fast,
        progress=_Progress(progress, _total(items), "endpoints"),
    )

    def prepare() -> Iterator[_Prepared[models.EndpointBatchItem]]:
        for index, item in enumerate(items):
            item_id = getattr(item, "id", None)
            if not isinstance(item, models.EndpointBatchItem):
                run.fail(index, None, None, f"expected EndpointBatchItem, got "
                                            f"{type(item).__name__}")
                if fail_fast:
                    return
                continue
            problems = validate_endpoint_item(item)
            size = _json_size(unstructure(item)) + 1
            if size > limits.MAX_ENDPOINT_BYTES:
                problems.append(("", f"endpoint is {size} bytes, at most "
                                     f"{limits.MAX_ENDPOINT_BYTES} allowed"))
            if problems:
                run.fail(index, item_id, None, _message(problems))
                if fail_fast:
                    return
                continue
            yield _Prepared(index, item_id, item, size)

    def send(batch: list[_Prepared[models.EndpointBatchItem]]) -> None:
        client.update_endpoints_batch(
            application_id=application_id,
            endpoint_batch_request=models.EndpointBatchRequest(item=[p.item for p in batch]),
        )
        run.result.succeeded += len(batch)

    return run.run(prepare(), send)


def put_events(
    client: PinpointClient,
    application_id: str,
    records: Iterable[EventRecord],
    *,
    batch_size: int = limits.MAX_EVENTS_PER_REQUEST,
    progress: ProgressCallback | bool | None = None,
    fail_fast: bool = False,
    max_request_bytes: int = limits.MAX_PUT_EVENTS_PAYLOAD_BYTES,
) -> BatchResult:
    """Record events with as few PutEvents calls as the limits allow.

    See ``app.events.put_many`` (the usual entry point). ``max_request_bytes`` is the
    payload budget per request (4 MB by default).
    """
    if not 1 <= batch_size <= limits.MAX_EVENTS_PER_REQUEST:
        raise errors.ValidationError(
            f"must be between 1 and {limits.MAX_EVENTS_PER_REQUEST}, got {batch_size}",
            "batch_size",
        )
    from pinpoint_sdk import models

    run: _Run[EventRecord] = _Run(
        max_items=batch_size,
        max_bytes=max_request_bytes,
        fail_fast=fail_fast,
        progress=_Progress(progress, _total(records), "events"),
    )

    def prepare() -> Iterator[_Prepared[EventRecord]]:
        for index, record in enumerate(records):
            if not isinstance(record, EventRecord):
                run.fail(index, None, None, f"expected EventRecord, got {type(record).__name__}")
                if fail_fast:
                    return
                continue
            problems = validate_event(record)
            event_size = _json_size(unstructure(record.event))
            if event_size > limits.MAX_EVENT_BYTES:
                problems.append(("event", f"event is {event_size} bytes, at most "
                                          f"{limits.MAX_EVENT_BYTES} allowed"))
            if problems:
                run.fail(index, record.event_id, None, _message(problems))
                if fail_fast:
                    return
                continue
            # Counted as if alone in its EventsBatch: an over-estimate when events share
            # an endpoint, which only makes requests a little smaller than they could be.
            endpoint_size = _json_size(unstructure(record.endpoint)) if record.endpoint else 2
            size = (event_size + endpoint_size + len(record.endpoint_id)
                    + len(record.event_id) + 40)
            yield _Prepared(index, record.event_id, record, size)

    def splits_before(batch: list[_Prepared[EventRecord]], item: _Prepared[EventRecord]) -> bool:
        # Two records that would collide in the request's maps go to separate requests.
        new = item.item
        for prepared in batch:
            old = prepared.item
            if old.endpoint_id != new.endpoint_id:
                continue
            if old.event_id == new.event_id:
                return True
            if new.endpoint is not None and old.endpoint is not None \
                    and old.endpoint != new.endpoint:
                return True
        return False

    def send(batch: list[_Prepared[EventRecord]]) -> None:
        by_endpoint: dict[str, models.EventsBatch] = {}
        for prepared in batch:
            record = prepared.item
            entry = by_endpoint.get(record.endpoint_id)
            if entry is None:
                entry = models.EventsBatch(
                    endpoint=record.endpoint or models.PublicEndpoint(), events={}
                )
                by_endpoint[record.endpoint_id] = entry
            elif record.endpoint is not None:
                entry.endpoint = record.endpoint
            entry.events[record.event_id] = record.event
        response = client.put_events(
            application_id=application_id,
            events_request=models.EventsRequest(batch_item=by_endpoint),
        )
        results = (response.events_response.results if response.events_response else None) or {}
        for prepared in batch:
            record = prepared.item
            item_response = results.get(record.endpoint_id)
            event_result = None
            endpoint_result = None
            if item_response is not None:
                event_result = (item_response.events_item_response or {}).get(record.event_id)
                endpoint_result = item_response.endpoint_item_response
            failure = _item_failure(event_result)
            if failure is not None:
                run.fail(prepared.index, record.event_id, failure[0], failure[1])
                continue
            run.result.succeeded += 1
            partial = _item_failure(endpoint_result, "event stored; endpoint update failed: ")
            if partial is not None and record.endpoint is not None:
                run.result.warnings.append(
                    ItemFailure(prepared.index, record.event_id, partial[0], partial[1])
                )

    return run.run(prepare(), send, splits_before)


def _item_failure(result: Any, prefix: str = "") -> tuple[int, str] | None:
    """(status, message) when a per-item result is not a 2xx; None when it is or is absent."""
    if result is None:
        return None
    status = getattr(result, "status_code", None)
    if status is None or 200 <= status < 300:
        return None
    return status, f"{prefix}{getattr(result, 'message', None) or 'rejected'}"
