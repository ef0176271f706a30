"""The SDK's own log lines: bulk-write requests, pages fetched and job polls.

Everything goes to the ``pinpoint_sdk`` logger: each request, page and poll at ``DEBUG``,
a finished bulk write or job at ``INFO``, a job that failed at ``WARNING``. Nothing is
printed unless the application configures logging. Every line is formatted here and
passed through `pinpoint_sdk.display.redact_text` (models and dicts through
`pinpoint_sdk.display.redact` first), so no secret reaches a handler even when a service
message echoes a request.

Examples:
    ```python
    import logging

    logging.basicConfig()
    logging.getLogger("pinpoint_sdk").setLevel(logging.DEBUG)
    app.endpoints.upsert_many(items)
    # DEBUG:pinpoint_sdk:bulk write: request of 100 items sent; 100 succeeded, 0 failed so far
    # INFO:pinpoint_sdk:bulk write finished: 250 succeeded, 0 failed
    ```
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pinpoint_sdk.batching import BatchResult

__all__ = ["batch_finished", "batch_request", "export_part", "job_finished", "job_polled", "logger", "page"]

logger = logging.getLogger("pinpoint_sdk")
"""The logger every SDK log line goes to."""


def _emit(level: int, message: str, *args: Any) -> None:
    """Log ``message % args`` with secrets masked; formats only when the level is on."""
    if not logger.isEnabledFor(level):
        return
    from pinpoint_sdk._model_base import Model
    from pinpoint_sdk.display import redact, redact_text

    shown = tuple(
        repr(arg) if isinstance(arg, Model) else redact(arg) if isinstance(arg, Mapping | list)
        else arg
        for arg in args
    )  # fmt: skip
    # Formatted here, so a handler's own formatting cannot bring a secret back.
    logger.log(level, "%s", redact_text(message % shown if shown else message), stacklevel=3)


def batch_request(size: int, result: BatchResult) -> None:
    """One bulk-write request was sent and its results recorded in ``result``."""
    _emit(
        logging.DEBUG,
        "bulk write: request of %d item%s sent; %d succeeded, %d failed so far",
        size, "" if size == 1 else "s", result.succeeded, len(result.failed),
    )  # fmt: skip


def batch_finished(result: BatchResult) -> None:
    """A bulk write ended: the totals, and the first failure if there was one."""
    stopped = "" if result.complete else " (stopped early: fail_fast)"
    _emit(
        logging.INFO,
        "bulk write finished: %d succeeded, %d failed%s%s",
        result.succeeded, len(result.failed),
        f", {len(result.warnings)} with warnings" if result.warnings else "", stopped,
    )  # fmt: skip
    if result.failed:
        first = result.failed[0]
        _emit(
            logging.DEBUG,
            "bulk write: first failure at item %d (%s): %s",
            first.index, first.item_id, first.message,
        )  # fmt: skip


def page(operation: str, number: int, result: Any) -> None:
    """Page ``number`` (from 1) of a paginated ``operation`` was fetched."""
    count = _item_count(result)
    _emit(
        logging.DEBUG,
        "%s: page %d fetched%s",
        operation, number, "" if count is None else f" ({count} item{'' if count == 1 else 's'})",
    )  # fmt: skip


def _item_count(result: Any) -> int | None:
    """How many items a page holds: the first list found in its (wrapped) payload."""
    from pinpoint_sdk._model_base import Model

    value = result
    for _depth in range(3):
        if not isinstance(value, Model):
            return None
        fields = list(value._set_fields())
        for _name, member in fields:
            if isinstance(member, list):
                return len(member)
        nested = [member for _name, member in fields if isinstance(member, Model)]
        if len(nested) != 1:
            return None
        value = nested[0]
    return None


def job_polled(what: str, job_id: str | None, status: str | None, next_poll: float) -> None:
    """A job was fetched and is not done yet; the next poll is ``next_poll`` seconds away."""
    _emit(
        logging.DEBUG, "%s %s: %s; polling again in %.3g s", what, job_id, status, next_poll
    )


def job_finished(
    what: str, job_id: str | None, status: str | None, waited: float, detail: str = ""
) -> None:
    """The waiter stopped after ``waited`` seconds: the job completed, failed or timed out.

    ``INFO`` when it completed, ``WARNING`` otherwise; ``detail`` (a failure message, or
    why the waiter gave up) is appended after a colon, with secrets masked.
    """
    level = logging.INFO if status == "COMPLETED" else logging.WARNING
    _emit(level, "%s %s: %s after %.3g s%s", what, job_id, status, waited,
          f": {detail}" if detail else "")  # fmt: skip


def export_part(application_id: str, part: str, count: int | None, error: str | None) -> None:
    """A part of an export was written (``count`` items) or failed (``error``)."""
    if error is None:
        _emit(logging.INFO, "export %s: %s written (%d)", application_id, part, count or 0)
    else:
        _emit(logging.WARNING, "export %s: %s failed: %s", application_id, part, error)
