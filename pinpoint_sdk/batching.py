"""Bulk writes that stay within the service limits: endpoints and events.

`upsert_endpoints` (behind ``app.endpoints.upsert_many``) and `put_events`
(behind ``app.events.put_many``) pull items one at a time from any iterable, check each
against the documented limits in `pinpoint_sdk.limits`, and group the valid ones into
requests that respect both the item count and the payload size of the operation. Only the
request being assembled is held in memory, so a generator of a million rows streams.

Nothing is lost: every item pulled from the input ends up either counted in
`BatchResult.succeeded` or listed in `BatchResult.failed` as an
`ItemFailure` that names its position in the input. Items that break a limit or
have a wrong type are never sent and fail alone, with their own message. An item counts
as succeeded only when the service said so for it: a PutEvents event needs its own 2xx
``StatusCode`` in the reply, an UpdateEndpointsBatch request a 2xx reply whose
``MessageBody`` carries a ``Message``. A reply that is missing, truncated or malformed
fails the items it should have answered, flagged ``unconfirmed`` (the service may have
stored them). A request that fails in any way (service error after botocore's retries,
connection error, unreadable reply) is recorded for every item it carried and the run
goes on. If the run itself is interrupted (the input iterable raises, the progress
callback raises), `pinpoint_sdk.errors.BatchInterrupted` is raised with the
partial result as ``.result``; ``KeyboardInterrupt`` and other ``BaseException``
subclasses propagate unchanged carrying it as ``.batch_result``.

botocore retries a request whose reply was lost (a 5xx, a timeout, a dropped
connection) by sending it again unchanged: a PutEvents that had already been stored can
then be stored twice. The event ids (``EventRecord.event_id``) are the same in every
attempt and are what the result reports, so they are the idempotency key: give records
ids derived from your own data and drop duplicates by that key downstream (see
docs/guides/batching.md, "Retries can store events twice").

For millions of endpoints, prefer an S3 import job (``app.import_jobs.create(...)``):
one call instead of thousands.

Examples:
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

import asyncio
import uuid
from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Callable,
    Iterable,
    Iterator,
    Mapping,
)
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from botocore.exceptions import ConnectTimeoutError, EndpointConnectionError

from pinpoint_sdk import _validation, errors, limits
from pinpoint_sdk._log import batch_finished, batch_request
from pinpoint_sdk.converter import unstructure
from pinpoint_sdk.support import warn_if_ended

if TYPE_CHECKING:
    from pinpoint_sdk import models
    from pinpoint_sdk.aio import AsyncPinpointClient
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
        event_id: the event's id in the request; a fresh UUID when omitted. It is the
            same in every attempt botocore makes and is how the result names the event,
            so an id from your own data makes a stored-twice event recognisable.
        endpoint: endpoint data to update along with the event (optional).

    Examples:
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
        self.endpoint_id: str = endpoint_id
        self.event: models.Event = event
        self.event_id: str = event_id if event_id else str(uuid.uuid4())
        self.endpoint: models.PublicEndpoint | None = endpoint

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
        status_code: the HTTP status the service gave for the item (or its request);
            ``None`` when there is none: the item was rejected client-side and never
            sent, or (with ``unconfirmed``) the reply said nothing about it.
        message: why, e.g. ``"attributes['color']: 51 values, at most 50 allowed"``.
        unconfirmed: ``True`` when the item was sent but the outcome is unknown: the
            reply lacked its result or could not be read, the connection dropped after
            sending, or the run was interrupted while the request was in flight. The
            service may have stored it; resend it with the same id (event ids let you
            drop duplicates downstream) or check before resending.

    Examples:
        ```python
        for failure in result.failed:
            print(failure.index, failure.item_id, failure.message)
        ```
    """

    index: int
    item_id: str | None
    status_code: int | None
    message: str
    unconfirmed: bool = False


@dataclass
class BatchResult:
    """Outcome of a bulk write.

    Attributes:
        succeeded: how many items the service accepted, each one confirmed by the
            service's reply.
        failed: one `ItemFailure` per item that was not accepted (client-side,
            by the service, or without a confirmation), in input order.
        complete: ``False`` when the run stopped before the end of the input. With
            ``fail_fast=True``, items after the first failure (and valid items waiting
            in the same request) were then neither sent nor counted. When the run was
            interrupted (see `pinpoint_sdk.errors.BatchInterrupted`), every item pulled
            from the input is counted, so the input can be resumed at `processed`.
        warnings: items that were accepted (and counted in ``succeeded``) while
            something they carried was not: with ``put_many``, an event the service
            stored whose attached endpoint update it rejected or did not confirm.
            Retrying such an item would store the event twice, so it is not listed in
            ``failed``.

    Examples:
        ```python
        result = app.endpoints.upsert_many(items)
        if not result.ok:
            retry = [f.index for f in result.failed if f.status_code == 429]
            check = [f.item_id for f in result.unconfirmed]   # may have been stored
        ```
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

    @property
    def unconfirmed(self) -> list[ItemFailure]:
        """The failures whose outcome is unknown: sent, but the service's reply did not
        say whether they were stored (see `ItemFailure.unconfirmed`)."""
        return [failure for failure in self.failed if failure.unconfirmed]


# --------------------------------------------------------------------------- limits
# Every item check is `pinpoint_sdk._validation.check_shape`, the check the typed client
# runs on the same shapes inside its requests.


def validate_endpoint_id(endpoint_id: Any, path: str = "endpoint_id") -> list[tuple[str, str]]:
    """Problems with an endpoint id (missing, or containing ``$``, ``{`` or ``}``).

    The typed client runs the same check on every endpoint id it sends.

    Examples:
        >>> validate_endpoint_id("a{b}")
        [('endpoint_id', "must not contain '{' '}'")]
    """
    problems: list[tuple[str, str]] = []
    _validation.check_endpoint_id(endpoint_id, path, problems)
    return problems


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


def _id_required(item: Any, path: str, problems: list[tuple[str, str]]) -> None:
    # The model lets an item go without an id; a bulk write names each item by it.
    if item.id is None:
        problems.append((f"{path}.id" if path else "id", "is required"))


_BULK_RULES = _validation.combine_rules(
    _validation.SERVICE_RULES, {"EndpointBatchItem": (_id_required,)}
)


def validate_endpoint_item(item: Any) -> list[tuple[str, str]]:
    """Type and limit problems of one ``EndpointBatchItem``, as ``(path, message)`` pairs.

    Every member is checked against the service model (``id=123`` is ``expected str,
    got int``), then the id (required here: results name items by it) and the attribute
    limits; a member of the wrong type is reported as such, not measured against a limit.

    Examples:
        ```python
        >>> validate_endpoint_item(models.EndpointBatchItem(id="a$b"))
        [('id', "must not contain '$'")]
        ```
    """
    return _validation.check_shape("EndpointBatchItem", item, rules=_BULK_RULES)


def validate_event(record: Any) -> list[tuple[str, str]]:
    """Type and limit problems of one `EventRecord`, as ``(path, message)`` pairs.

    Checks the endpoint id and event id, every member of ``event`` (an ``Event``) and
    of ``endpoint`` (a ``PublicEndpoint``, if given) against the service model, and the
    documented event and endpoint limits.

    Examples:
        ```python
        >>> event = models.Event(event_type="", timestamp="2024-05-01T12:00:00Z")
        >>> validate_event(EventRecord("ep", event))
        [('event.event_type', 'is required')]
        ```
    """
    if not isinstance(record, EventRecord):
        return [("", f"expected EventRecord, got {type(record).__name__}")]
    problems: list[tuple[str, str]] = []
    for path, value in (("endpoint_id", record.endpoint_id), ("event_id", record.event_id)):
        if value is not None and not isinstance(value, str):
            problems.append((path, f"expected str, got {type(value).__name__}"))
    if record.endpoint_id is None or isinstance(record.endpoint_id, str):
        _validation.check_endpoint_id(record.endpoint_id, "endpoint_id", problems)
    problems += _validation.check_shape("Event", record.event, "event")
    if record.endpoint is not None:
        problems += _validation.check_shape("PublicEndpoint", record.endpoint, "endpoint")
    return problems


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

    Examples:
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
    wire: Any  # the item as the request carries it, unstructured once when checked


class _Progress:
    """Adapts ``progress=`` (callable, True for tqdm, or None) to one ``update`` call."""

    def __init__(self, progress: ProgressCallback | bool | None, total: int | None,
                 description: str) -> None:
        self._callback: ProgressCallback | None = None
        self._bar: Any = None
        if progress is True:
            from pinpoint_sdk._progress import tqdm_bar

            self._bar = tqdm_bar(total, description, "item")
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


# What a request's reply means for its items: per-item failures and warnings. Every
# other item of the request succeeded. Nothing is recorded until the reply is
# interpreted, so a request that fails half-way is recorded once, as a whole.
_Outcome = tuple[list[ItemFailure], list[ItemFailure]]

# Errors raised before the request reached the service: nothing can have been stored.
_NOT_SENT_ERRORS = (errors.ValidationError, EndpointConnectionError, ConnectTimeoutError)


class _Run(Generic[T]):
    """The bookkeeping of one bulk write, shared by the sync and the async sender:
    chunking (`take`, `rest`), recording each request's outcome (`settle`), stopping
    (`fail_fast`) and reporting an interruption (`guard`).

    ``waiting`` holds the items pulled from the input but not yet handed to a request.
    """

    def __init__(
        self,
        *,
        max_items: int,
        max_bytes: int,
        fail_fast: bool,
        progress: _Progress,
        splits_before: Callable[[list[_Prepared[T]], _Prepared[T]], bool] | None = None,
    ) -> None:
        self.max_items = max_items
        self.max_bytes = max_bytes - _ENVELOPE_BYTES
        self.fail_fast = fail_fast
        self.progress = progress
        self.splits_before = splits_before
        self.result = BatchResult()
        self.waiting: list[_Prepared[T]] = []
        self.waiting_bytes = 0

    def fail(self, index: int, item_id: str | None, status: int | None, message: str) -> None:
        self.result.failed.append(ItemFailure(index, item_id, status, message))

    def check_stop(self) -> None:
        if self.fail_fast and self.result.failed:
            raise _Stop

    def take(self, item: _Prepared[T]) -> list[_Prepared[T]] | None:
        """Add ``item`` to the request being assembled; the previous request, ready to
        send, when ``item`` does not fit in it."""
        self.check_stop()  # a client-side rejection while preparing
        waiting = self.waiting
        full = (len(waiting) >= self.max_items
                or self.waiting_bytes + item.size > self.max_bytes)
        if waiting and (full or (self.splits_before is not None
                                 and self.splits_before(waiting, item))):
            self.waiting, self.waiting_bytes = [item], item.size
            return waiting
        waiting.append(item)
        self.waiting_bytes += item.size
        return None

    def rest(self) -> list[_Prepared[T]] | None:
        """The last request, once the input is exhausted (``None`` when it is empty)."""
        self.check_stop()
        batch, self.waiting = self.waiting, []
        return batch or None

    def fail_request(self, batch: list[_Prepared[T]], exc: BaseException) -> None:
        status: int | None = None
        unconfirmed = False
        if isinstance(exc, errors.UnreadableResponseError):
            # The service accepted the request; only its answer item by item is lost.
            unconfirmed = True
            message = (f"result missing: HTTP {exc.status_code} reply that cannot be read: "
                       f"{exc.message}; the service may have stored it")
        elif isinstance(exc, errors.PinpointServiceError):
            status = exc.status_code
            message = f"request rejected: {exc.code or type(exc).__name__}: {exc.message}"
            # A server fault says the request failed, not that nothing of it was stored.
            if status is not None and status >= 500:
                unconfirmed = True
                message += "; the service may have stored it"
        elif isinstance(exc, _NOT_SENT_ERRORS):
            message = f"request not sent: {type(exc).__name__}: {exc}"
        elif isinstance(exc, Exception):
            unconfirmed = True
            message = (f"request failed: {type(exc).__name__}: {exc}; "
                       "the service may have stored it")
        else:
            unconfirmed = True
            message = (f"interrupted by {type(exc).__name__} while the request was in "
                       "flight; the service may have stored it")
        self.result.failed.extend(
            ItemFailure(p.index, p.item_id, status, message, unconfirmed) for p in batch
        )

    def settle(self, batch: list[_Prepared[T]], outcome: _Outcome | BaseException,
               *, report: bool = True) -> None:
        """Record what one request's reply (or its failure, ``outcome`` an exception)
        means for its items, then report progress (unless ``report`` is false)."""
        if isinstance(outcome, BaseException):
            self.fail_request(batch, outcome)
        else:
            failures, warnings = outcome
            self.result.succeeded += len(batch) - len(failures)
            self.result.failed.extend(failures)
            self.result.warnings.extend(warnings)
        if report:
            self.progress.update(self.result)
        batch_request(len(batch), self.result)

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Around a run: a ``fail_fast`` stop ends it quietly, anything else that breaks
        it is reported with the partial result (`errors.BatchInterrupted` for an
        ``Exception``; a ``BaseException`` such as ``KeyboardInterrupt`` or
        ``asyncio.CancelledError`` propagates carrying it as ``batch_result``)."""
        try:
            try:
                yield
            except _Stop:
                # fail_fast: what is still waiting is neither sent nor counted.
                self.result.complete = False
                self.waiting = []
            self.result.failed.sort(key=lambda failure: failure.index)
            self.progress.update(self.result)
        except BaseException as exc:
            self._interrupted(exc)
            if isinstance(exc, Exception):
                raise errors.BatchInterrupted(self.result, exc) from exc
            raise
        finally:
            self.progress.close()
        batch_finished(self.result)

    def _interrupted(self, exc: BaseException) -> None:
        """Record the items no request took and hand the partial result to ``exc``."""
        message = f"not sent: the run was interrupted by {type(exc).__name__}"
        for prepared in self.waiting:
            self.fail(prepared.index, prepared.item_id, None, message)
        self.waiting = []
        self.result.complete = False
        self.result.failed.sort(key=lambda failure: failure.index)
        if not isinstance(exc, Exception):
            try:
                exc.batch_result = self.result  # type: ignore[attr-defined]
                exc.add_note(
                    f"bulk write interrupted: {self.result.succeeded} items succeeded and "
                    f"{len(self.result.failed)} failed before it; see .batch_result"
                )
            except (AttributeError, TypeError):  # pragma: no cover - exotic exception types
                pass

    def run(
        self,
        prepared: Iterator[_Prepared[T]],
        send: Callable[[list[_Prepared[T]]], _Outcome],
    ) -> BatchResult:
        """Send every request in turn, waiting for each reply."""
        with self.guard():
            for item in prepared:
                batch = self.take(item)
                if batch is not None:
                    self._send(batch, send)
            batch = self.rest()
            if batch is not None:
                self._send(batch, send)
        return self.result

    def _send(self, batch: list[_Prepared[T]],
              send: Callable[[list[_Prepared[T]]], _Outcome]) -> None:
        try:
            outcome = send(batch)
        except BaseException as exc:
            self.settle(batch, exc)
            if not isinstance(exc, Exception):
                raise
        else:
            self.settle(batch, outcome)
        self.check_stop()


def _total(items: Iterable[Any] | AsyncIterable[Any]) -> int | None:
    try:
        return len(items)  # type: ignore[arg-type]
    except TypeError:
        return None


# What an item's checks give: its problems, or its wire form and size in a request.
_Checked = tuple[list[tuple[str, str]], Any, int]


# An item's checks unstructure it once; that wire dict is both measured and sent.


def _check_endpoint_item(item: Any) -> _Checked:
    problems = validate_endpoint_item(item)
    if problems:
        return problems, None, 0
    wire = unstructure(item)
    size = _validation.check_item_size("EndpointBatchItem", wire, "", problems)
    return problems, wire, size + 2  # and the ", " before it in the item list


def _check_event_record(record: Any) -> _Checked:
    problems = validate_event(record)
    if problems:
        return problems, None, 0
    event = unstructure(record.event)
    event_size = _validation.check_item_size("Event", event, "event", problems)
    if problems:
        return problems, None, 0
    endpoint = unstructure(record.endpoint) if record.endpoint is not None else None
    # Counted as if alone in its EventsBatch: an over-estimate when events share an
    # endpoint, which only makes requests a little smaller than they could be.
    endpoint_size = _validation.body_size(endpoint) if endpoint is not None else 2
    size = event_size + endpoint_size + len(record.endpoint_id) + len(record.event_id) + 40
    return [], (event, endpoint), size


def _check_application_id(application_id: Any) -> None:
    # The requests skip the typed client's argument checks (their items are checked one
    # by one), so the URI label check is run here: a blank id names no application.
    problems: list[tuple[str, str]] = []
    _validation.check_label(application_id, "application_id", problems)
    if problems:
        raise errors.ValidationError(problems)


class _Writer(Generic[T]):
    """One bulk operation as both senders use it: the item checks, the request a batch
    becomes and what the reply means for each item. Only the sending differs between
    `_write` (sync) and `_write_async`."""

    operation: ClassVar[str]
    what: ClassVar[str]
    max_batch: ClassVar[int]
    max_bytes: ClassVar[int]  # the payload budget of one request unless the caller gives one
    id_member: ClassVar[str]  # the item's member that names it in the result
    checks: ClassVar[Callable[[Any], _Checked]]  # the item's checks

    def __init__(self, application_id: str, *, batch_size: int, fail_fast: bool,
                 progress: ProgressCallback | bool | None, max_request_bytes: int | None,
                 total: int | None) -> None:
        if not 1 <= batch_size <= self.max_batch:
            raise errors.ValidationError(
                f"must be between 1 and {self.max_batch}, got {batch_size}", "batch_size",
            )
        _check_application_id(application_id)
        self.application_id = application_id
        self.fail_fast = fail_fast
        self.run: _Run[T] = _Run(
            max_items=batch_size,
            max_bytes=self.max_bytes if max_request_bytes is None else max_request_bytes,
            fail_fast=fail_fast,
            progress=_Progress(progress, total, self.what),
            splits_before=self.splits_before,
        )

    @property
    def output(self) -> type[Any]:
        """The response model of `operation`."""
        from pinpoint_sdk import models

        cls: type[Any] = getattr(models, f"{self.operation}Response")
        return cls

    def splits_before(self, batch: list[_Prepared[T]], item: _Prepared[T]) -> bool:
        return False

    def request(self, batch: list[_Prepared[T]]) -> dict[str, Any]:
        raise NotImplementedError

    def outcome(self, batch: list[_Prepared[T]], response: Any) -> _Outcome:
        raise NotImplementedError

    def prepare(self, index: int, item: Any) -> _Prepared[T] | None:
        """``item`` checked, with its wire form and size; ``None`` (and the item recorded
        as failed, alone) when its checks find a problem."""
        item_id = getattr(item, self.id_member, None)
        try:
            problems, wire, size = type(self).checks(item)
        except Exception as exc:  # a check tripping over odd input fails that item only
            problems, wire, size = [("", f"could not check the item: {type(exc).__name__}: "
                                         f"{exc}")], None, 0
        if problems:
            self.run.fail(index, item_id if isinstance(item_id, str) else None, None,
                          _message(problems))
            return None
        return _Prepared(index, item_id, item, size, wire)

    def prepared(self, items: Iterable[Any]) -> Iterator[_Prepared[T]]:
        """The valid items of ``items``, checked one at a time as they are pulled."""
        for index, item in enumerate(items):
            prepared = self.prepare(index, item)
            if prepared is not None:
                yield prepared
            elif self.fail_fast:
                return


class _EndpointsWriter(_Writer[Any]):
    operation, what, id_member = "UpdateEndpointsBatch", "endpoints", "id"
    max_batch, max_bytes = limits.MAX_ENDPOINTS_PER_BATCH, limits.MAX_REQUEST_PAYLOAD_BYTES
    checks = _check_endpoint_item

    def request(self, batch: list[_Prepared[Any]]) -> dict[str, Any]:
        # Every item was checked and unstructured on its way in; the request is sent as
        # is rather than checked and unstructured a second time by update_endpoints_batch.
        return {"ApplicationId": self.application_id,
                "EndpointBatchRequest": {"Item": [p.wire for p in batch]}}

    def outcome(self, batch: list[_Prepared[Any]], response: Any) -> _Outcome:
        problem = _missing_endpoints_reply(response)
        if problem is None:
            return [], []
        return [ItemFailure(p.index, p.item_id, None, problem, True) for p in batch], []


class _EventsWriter(_Writer[EventRecord]):
    operation, what, id_member = "PutEvents", "events", "event_id"
    max_batch, max_bytes = limits.MAX_EVENTS_PER_REQUEST, limits.MAX_PUT_EVENTS_PAYLOAD_BYTES
    checks = _check_event_record

    def splits_before(self, batch: list[_Prepared[EventRecord]],
                      item: _Prepared[EventRecord]) -> bool:
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

    def request(self, batch: list[_Prepared[EventRecord]]) -> dict[str, Any]:
        by_endpoint: dict[str, dict[str, Any]] = {}
        for prepared in batch:
            record = prepared.item
            event, endpoint = prepared.wire
            entry = by_endpoint.get(record.endpoint_id)
            if entry is None:
                entry = by_endpoint[record.endpoint_id] = {"Endpoint": {}, "Events": {}}
            if endpoint is not None:
                entry["Endpoint"] = endpoint
            entry["Events"][record.event_id] = event
        # Checked and unstructured per record already (see _EndpointsWriter.request).
        return {"ApplicationId": self.application_id,
                "EventsRequest": {"BatchItem": by_endpoint}}

    def outcome(self, batch: list[_Prepared[EventRecord]], response: Any) -> _Outcome:
        events_response = getattr(response, "events_response", None)
        results = getattr(events_response, "results", None)
        if not isinstance(results, Mapping):
            results = {}
        failures: list[ItemFailure] = []
        warnings: list[ItemFailure] = []
        for prepared in batch:
            record = prepared.item
            item_response = results.get(record.endpoint_id)
            event_results = getattr(item_response, "events_item_response", None)
            event_result = (event_results.get(record.event_id)
                            if isinstance(event_results, Mapping) else None)
            failure = _item_failure(prepared, event_result, "event")
            if failure is not None:
                failures.append(failure)
                continue
            if record.endpoint is not None:
                endpoint_result = getattr(item_response, "endpoint_item_response", None)
                partial = _item_failure(prepared, endpoint_result, "endpoint update",
                                        "event stored; endpoint update failed: ")
                if partial is not None:
                    warnings.append(partial)
        return failures, warnings


def _write(kind: type[_Writer[Any]], client: PinpointClient, application_id: str,
           items: Iterable[Any], **options: Any) -> BatchResult:
    """Write ``items`` with a ``kind`` writer and the sync client, one request at a time;
    ``options`` are the writer's (``batch_size``, ``progress``, ``fail_fast``,
    ``max_request_bytes``)."""
    writer = kind(application_id, total=_total(items), **options)

    def send(batch: list[_Prepared[Any]]) -> _Outcome:
        response = client._invoke_prepared(writer.operation, writer.output,
                                           writer.request(batch))
        return writer.outcome(batch, response)

    return writer.run.run(writer.prepared(items), send)


async def _async_items(items: Iterable[Any] | AsyncIterable[Any]) -> AsyncIterator[Any]:
    """The items of a sync or async iterable, pulled one at a time."""
    if isinstance(items, AsyncIterable):
        async for item in items:
            yield item
    else:
        for item in items:
            yield item


def _task_outcome(task: asyncio.Task[_Outcome]) -> _Outcome | BaseException:
    """What a finished request task gives: its outcome, or the exception it ended with."""
    if task.cancelled():
        return asyncio.CancelledError()
    return task.exception() or task.result()


async def _write_async(
    kind: type[_Writer[Any]],
    client: AsyncPinpointClient,
    application_id: str,
    items: Iterable[Any] | AsyncIterable[Any],
    *,
    concurrency: int = 1,
    **options: Any,
) -> BatchResult:
    """Write ``items`` with a ``kind`` writer and the async client, at most ``concurrency``
    requests in flight; ``options`` as for `_write`.

    The requests are the ones `_write` sends, in the same order, and each reply is read
    the same way, so the result is the same whatever ``concurrency`` is (``failed`` is
    in input order). When the run is cancelled, the requests in flight are cancelled
    too and their items listed as ``unconfirmed`` (they may have reached the service),
    the items pulled but not yet sent as not sent, and the ``CancelledError``
    propagates carrying that partial result as ``batch_result``.
    """
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise errors.ValidationError(
            f"must be a positive integer, got {concurrency!r}", "concurrency"
        )
    writer = kind(application_id, total=_total(items), **options)
    run = writer.run
    flights: dict[asyncio.Task[_Outcome], list[_Prepared[Any]]] = {}

    async def send(batch: list[_Prepared[Any]]) -> _Outcome:
        response = await client._invoke_prepared(writer.operation, writer.output,
                                                 writer.request(batch))
        return writer.outcome(batch, response)

    async def land(keep: int) -> None:
        # Wait until at most ``keep`` requests are in flight, recording each reply.
        while len(flights) > keep:
            done, _ = await asyncio.wait(flights, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                run.settle(flights.pop(task), _task_outcome(task))
            run.check_stop()

    async def launch(batch: list[_Prepared[Any]]) -> None:
        # The request runs as a task of its own, with no frame of the caller's code on its
        # stack: an end-of-support warning is issued here, where the caller's line still is.
        warn_if_ended(writer.operation)
        flights[asyncio.ensure_future(send(batch))] = batch
        await land(concurrency - 1)

    async def abort() -> None:
        # The run stops: cancel what is in flight and record how each request ended
        # (a cancelled one as interrupted in flight: it may have reached the service).
        for task in flights:
            task.cancel()
        await asyncio.gather(*flights, return_exceptions=True)
        for task, batch in list(flights.items()):
            run.settle(batch, _task_outcome(task), report=False)
        flights.clear()

    with run.guard():
        try:
            index = 0
            async for item in _async_items(items):
                prepared = writer.prepare(index, item)
                index += 1
                if prepared is None:
                    if writer.fail_fast:
                        break
                    continue
                batch = run.take(prepared)
                if batch is not None:
                    await launch(batch)
            batch = run.rest()
            if batch is not None:
                await launch(batch)
            await land(0)
        except _Stop:
            # fail_fast stopped the run: the requests in flight were sent, so their
            # replies are still read and recorded.
            with suppress(_Stop):
                await land(0)
            raise
        except BaseException:
            await abort()
            raise
    return run.result


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

    The service answers a whole UpdateEndpointsBatch request with one ``MessageBody``;
    its items count as succeeded only when that reply is a 2xx whose body parsed into a
    ``MessageBody`` with a non-empty ``Message`` (``"Accepted"``). Any other reply
    fails every item of the request as ``unconfirmed``.

    Raises:
        pinpoint_sdk.errors.BatchInterrupted: the input iterable or the progress
            callback raised; ``.result`` holds what was done before.
    """
    return _write(_EndpointsWriter, client, application_id, items, batch_size=batch_size,
                  progress=progress, fail_fast=fail_fast, max_request_bytes=max_request_bytes)


def _missing_endpoints_reply(response: Any) -> str | None:
    """Why an UpdateEndpointsBatch reply does not confirm its items; None when it does."""
    metadata = getattr(response, "_response_metadata", None) or {}
    status = metadata.get("HTTPStatusCode") if isinstance(metadata, Mapping) else None
    body = getattr(response, "message_body", None)
    message = getattr(body, "message", None)
    status_ok = status is None or (isinstance(status, int) and 200 <= status < 300)
    if status_ok and isinstance(message, str) and message:
        return None
    shown = f"HTTP {status}" if status is not None else "the reply"
    return (f"result missing: {shown} without a MessageBody Message confirming the "
            "request; the service may have stored the endpoints")


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

    An event counts as succeeded only when the reply holds a 2xx ``StatusCode`` for it
    (``Results[endpoint_id].EventsItemResponse[event_id]``); an event the reply says
    nothing about fails as ``unconfirmed``.

    Raises:
        pinpoint_sdk.errors.BatchInterrupted: the input iterable or the progress
            callback raised; ``.result`` holds what was done before.
    """
    return _write(_EventsWriter, client, application_id, records, batch_size=batch_size,
                  progress=progress, fail_fast=fail_fast, max_request_bytes=max_request_bytes)


def _item_failure(
    prepared: _Prepared[Any], result: Any, what: str, prefix: str = ""
) -> ItemFailure | None:
    """The failure a per-item result stands for; None only for a 2xx ``StatusCode``."""
    status = getattr(result, "status_code", None)
    if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 599:
        # Anything but an HTTP status says nothing about the item: a JSON ``true`` (read
        # as 1) is no more a rejection than a missing StatusCode is a success.
        got = ("no result" if result is None
               else "a result without a StatusCode" if status is None
               else f"a result whose StatusCode {status!r} is not an HTTP status")
        return ItemFailure(
            prepared.index, prepared.item_id, None,
            f"{prefix}result missing: the PutEvents reply holds {got} for this {what}; "
            "the service may have stored it", True,
        )
    if 200 <= status < 300:
        return None
    message = getattr(result, "message", None)
    text = message if isinstance(message, str) and message else "rejected"
    return ItemFailure(prepared.index, prepared.item_id, status, f"{prefix}{text}")
