"""Exceptions raised by pinpoint_sdk.

Service errors are `PinpointServiceError` subclasses, one per error the Pinpoint
model declares. Each is also a `botocore.exceptions.ClientError`, so code written
``except ClientError:`` keeps working. Problems found before anything is sent raise
`ValidationError`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError

if TYPE_CHECKING:
    from pinpoint_sdk.batching import BatchResult
    from pinpoint_sdk.support import SupportStatus
    from pinpoint_sdk.waiters import JobLike


__all__ = [
    "BadRequestError",
    "BatchInterrupted",
    "ConflictError",
    "ForbiddenError",
    "InternalServerError",
    "JobFailedError",
    "MethodNotAllowedError",
    "MissingIdentifierError",
    "NotFoundError",
    "PaginationError",
    "PayloadTooLargeError",
    "PinpointEndOfSupportWarning",
    "PinpointError",
    "PinpointServiceError",
    "TooManyRequestsError",
    "UnreadableResponseError",
    "ValidationError",
    "WaiterTimeoutError",
    "from_client_error",
]


class PinpointError(Exception):
    """Base class of every exception raised by pinpoint_sdk."""


class PinpointServiceError(PinpointError, ClientError):  # type: ignore[misc]
    """An error response from the Pinpoint service (or from the client on its behalf)."""

    # botocore ships no types, so checkers without its stubs read ``ClientError`` as
    # ``Any``; the attributes users read most are declared here.
    response: dict[str, Any]
    """The parsed error response (``Error``, ``ResponseMetadata``, ...)."""
    operation_name: str
    """The operation that failed, e.g. ``GetCampaign``."""

    #: Modeled error code this class stands for (``None`` for the catch-all base).
    error_code: str | None = None
    #: Whether repeating the same request can succeed.
    retryable_by_default = False

    def __init__(self, error_response: Mapping[str, Any], operation_name: str) -> None:
        ClientError.__init__(self, dict(error_response), operation_name)

    def __reduce__(self) -> tuple[Any, ...]:
        # botocore's ClientError.__reduce__ always rebuilds a bare ClientError; keep the class.
        return type(self), (self.response, self.operation_name)

    @property
    def code(self) -> str:
        """The service's error code, e.g. ``NotFoundException``."""
        return str(self.response.get("Error", {}).get("Code", ""))

    @property
    def message(self) -> str:
        """The service's error message."""
        error = self.response.get("Error", {})
        return str(error.get("Message") or self.response.get("Message") or "")

    @property
    def status_code(self) -> int | None:
        """HTTP status code of the failed response."""
        value = self.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        return value if isinstance(value, int) else None

    @property
    def request_id(self) -> str | None:
        """AWS request id, for support cases and log correlation.

        Taken from the parsed response, then the error body, then the ``x-amzn-RequestId``
        header (the only place a gateway's 502/504 HTML page carries it).
        """
        metadata = self.response.get("ResponseMetadata", {})
        error = self.response.get("Error", {})
        value = (
            metadata.get("RequestId")
            or self.response.get("RequestID")
            or error.get("RequestID")
            or _header(metadata.get("HTTPHeaders"), "x-amzn-requestid")
        )
        return str(value) if value else None

    @property
    def retryable(self) -> bool:
        """True when the same request may succeed later (throttling, timeouts, 5xx).

        The rules are botocore's ``standard`` retry mode's own transient and throttling
        checks (500/502/503/504, ``RequestTimeoutException``, ``LimitExceededException``,
        ``SlowDown``, ...), plus the classes retryable by nature (`TooManyRequestsError`,
        `InternalServerError`).
        """
        return self.retryable_by_default or _retry_rules().is_retryable(
            _retry_context(self.response)
        )

    def __str__(self) -> str:
        text = super().__str__()
        return f"{text} (request id: {self.request_id})" if self.request_id else text


class BadRequestError(PinpointServiceError):
    """The request was rejected as malformed or invalid (HTTP 400)."""

    error_code = "BadRequestException"


class ConflictError(PinpointServiceError):
    """The request conflicts with the current state of the resource (HTTP 409)."""

    error_code = "ConflictException"


class ForbiddenError(PinpointServiceError):
    """The caller may not perform this request (HTTP 403)."""

    error_code = "ForbiddenException"


class InternalServerError(PinpointServiceError):
    """The service failed to process the request (HTTP 500); retrying may succeed."""

    error_code = "InternalServerErrorException"
    retryable_by_default = True


class MethodNotAllowedError(PinpointServiceError):
    """The HTTP method is not allowed for this resource (HTTP 405)."""

    error_code = "MethodNotAllowedException"


class NotFoundError(PinpointServiceError):
    """The requested resource does not exist (HTTP 404)."""

    error_code = "NotFoundException"


class PayloadTooLargeError(PinpointServiceError):
    """The request payload exceeds the service's size limit (HTTP 413)."""

    error_code = "PayloadTooLargeException"


class TooManyRequestsError(PinpointServiceError):
    """The request was throttled (HTTP 429); retry later."""

    error_code = "TooManyRequestsException"
    retryable_by_default = True


class UnreadableResponseError(PinpointServiceError):
    """The service answered, but its body cannot be read as the operation's result or error.

    Raised for a successful (2xx) reply whose body is not a JSON object (truncated JSON,
    an HTML page, a list, text that is not UTF-8, JSON nested beyond what can be read,
    a compressed body the HTTP layer did not decode) rather than returning a model
    missing the data the body held. An error reply (4xx/5xx) whose body cannot be read
    keeps the class of its status and code, with a message saying what was wrong.
    `request_id` and `status_code` are those of the reply; the message describes the
    body without quoting it.
    """

    error_code = "UnreadableResponse"


_BY_CODE: dict[str, type[PinpointServiceError]] = {
    cls.error_code: cls
    for cls in (
        BadRequestError,
        ConflictError,
        ForbiddenError,
        InternalServerError,
        MethodNotAllowedError,
        NotFoundError,
        PayloadTooLargeError,
        TooManyRequestsError,
        UnreadableResponseError,
    )
    if cls.error_code
}

# Errors that do not come from the Pinpoint model (IAM, throttling by the front door,
# signature problems) are mapped by HTTP status so they still land in the hierarchy.
_BY_STATUS: dict[int, type[PinpointServiceError]] = {
    400: BadRequestError,
    403: ForbiddenError,
    404: NotFoundError,
    405: MethodNotAllowedError,
    409: ConflictError,
    413: PayloadTooLargeError,
    429: TooManyRequestsError,
}


def _header(headers: Any, name: str) -> str | None:
    """Header ``name`` (lower case) of a reply, whatever the case it was sent in: from
    botocore's ``HTTPHeaders`` or the raw headers of a response (``None`` when there are
    no headers to read)."""
    if not hasattr(headers, "items"):
        return None
    for key, value in headers.items():
        if str(key).lower() == name:
            return str(value)
    return None


def _retry_context(response: Mapping[str, Any]) -> Any:
    """botocore's view of a failed first attempt, as its retry checkers read it."""
    from botocore.awsrequest import AWSResponse
    from botocore.retries.standard import RetryContext

    status = response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    http = AWSResponse("", status, {}, None) if isinstance(status, int) else None
    return RetryContext(attempt_number=1, parsed_response=response, http_response=http)


@functools.cache
def _throttling_rule() -> Any:
    """botocore's standard-mode test for "this error code is throttling"."""
    from botocore.retries.standard import ThrottledRetryableChecker

    return ThrottledRetryableChecker()


@functools.cache
def _retry_rules() -> Any:
    """botocore's standard-mode retry conditions that can apply to a Pinpoint answer.

    Left out: the attempt count, the modeled-retryable check (the Pinpoint model marks no
    error retryable) and two checks for STS and DynamoDB responses.
    """
    from botocore.retries import standard

    return standard.OrRetryChecker(
        [standard.TransientRetryableChecker(), _throttling_rule()]
    )


def from_client_error(error: ClientError) -> PinpointServiceError:
    """The `PinpointServiceError` subclass instance for a botocore ClientError.

    A modeled error code picks its class; any code botocore treats as throttling
    (``LimitExceededException``, ``SlowDown``, ``RequestThrottledException``, ...) becomes
    `TooManyRequestsError`; anything else is mapped by HTTP status.
    """
    response: dict[str, Any] = dict(error.response)
    code = str(response.get("Error", {}).get("Code", ""))
    status = response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    cls = _BY_CODE.get(code)
    if cls is None and _throttling_rule().is_retryable(_retry_context(response)):
        cls = TooManyRequestsError
    if cls is None and isinstance(status, int):
        cls = InternalServerError if status >= 500 else _BY_STATUS.get(status)
    return (cls or PinpointServiceError)(response, error.operation_name)


class ValidationError(PinpointError, ValueError):
    """Bad input found before anything was sent.

    ``str(error)`` lists every problem as ``path: message``; `errors` holds the
    same as ``(path, message)`` pairs and `path` the first path.
    """

    def __init__(self, errors: Iterable[tuple[str, str]] | str, path: str = "") -> None:
        if isinstance(errors, str):
            errors = [(path, errors)]
        self.errors: list[tuple[str, str]] = list(errors)
        self.path: str = self.errors[0][0] if self.errors else path
        super().__init__("; ".join(f"{p}: {m}" if p else m for p, m in self.errors))


class BatchInterrupted(PinpointError):
    """A bulk write (``upsert_many``, ``put_many``) stopped before the end of its input.

    Raised when something outside the requests themselves fails: the input iterable
    raises, or the progress callback does. The original exception is ``__cause__``.
    `result` is the partial `BatchResult`: every item pulled from the input so
    far is in it, counted in ``succeeded`` or listed in ``failed`` (items that were
    waiting for the next request as "not sent"), and ``result.complete`` is ``False``.

    ``KeyboardInterrupt`` and other ``BaseException``s are not turned into this error
    (Ctrl-C keeps working as usual); they propagate unchanged and carry the same
    partial result as their ``batch_result`` attribute. `batch_result` is an
    alias of `result`, so one ``getattr(exc, "batch_result", None)`` covers both.

    Examples:
        ```python
        try:
            result = app.events.put_many(read_rows())
        except errors.BatchInterrupted as exc:
            result = exc.result        # what was stored before the input failed
            resume_at = result.processed
        ```
    """

    def __init__(self, result: BatchResult, cause: BaseException) -> None:
        self.result: BatchResult = result
        super().__init__(
            f"bulk write interrupted by {type(cause).__name__}: {cause} "
            f"({result.succeeded} items succeeded and {len(result.failed)} failed before "
            f"it; see .result)"
        )

    @property
    def batch_result(self) -> BatchResult:
        """The partial `BatchResult` (same as `result`)."""
        return self.result

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild_batch_interrupted, (self.result, str(self))


def _rebuild_batch_interrupted(result: BatchResult, text: str) -> BatchInterrupted:
    error = BatchInterrupted.__new__(BatchInterrupted)
    Exception.__init__(error, text)
    error.result = result
    return error


class PaginationError(PinpointError, RuntimeError):
    """A listing would not end: the service repeated a pagination token, sent one that is
    not a string, or sent more than ``client.max_empty_pages`` pages in a row without items."""


class MissingIdentifierError(PinpointError, ValueError):
    """A resource's data lacks an identifier the SDK needs to address it.

    Raised when the identifier is read (``campaign.id``, ``campaign.application_id``,
    ``template.type``...) rather than sending a request for the resource ``""``.
    `resource` names the resource class, `identifier` the missing attribute.
    """

    def __init__(self, resource: str, identifier: str) -> None:
        # ``AsyncImportJob`` -> ``import job``: the kind of thing, whichever layer.
        kind = " ".join(re.findall(r"[A-Z][a-z0-9]*", resource.removeprefix("Async"))).lower()
        super().__init__(
            f"{resource} has no {identifier}: the service response it was built from "
            f"lacks it, so the {kind or resource} cannot be addressed"
        )
        self.resource: str = resource
        self.identifier: str = identifier

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.resource, self.identifier))


class JobFailedError(PinpointError):
    """An import or export job ended in the FAILED state.

    `failures` holds the job's failure messages, `job` the final job model.
    """

    def __init__(
        self, message: str, *, job: JobLike | None = None, failures: Sequence[str] = ()
    ) -> None:
        super().__init__(message)
        self.job: JobLike | None = job
        self.failures: list[str] = list(failures)


class WaiterTimeoutError(PinpointError, TimeoutError):
    """A waiter gave up before the resource reached the state it was waiting for.

    `last` holds the last state observed.
    """

    def __init__(self, message: str, *, last: JobLike | None = None) -> None:
        super().__init__(message)
        self.last: JobLike | None = last


class PinpointEndOfSupportWarning(UserWarning):
    """A call to an operation AWS ended with Pinpoint's engagement features on 2026-10-30.

    Issued once per operation per process by the typed client (and so by the resources,
    which call through it). A `UserWarning`, so Python shows it by default; silence it
    with the `warnings` module. `status` holds the operation's
    `pinpoint_sdk.support.SupportStatus` (successor and source).

    Examples:
        ```python
        import warnings
        from pinpoint_sdk.errors import PinpointEndOfSupportWarning

        warnings.filterwarnings("ignore", category=PinpointEndOfSupportWarning)
        ```
    """

    def __init__(self, message: str, status: SupportStatus | None = None) -> None:
        super().__init__(message)
        self.status: SupportStatus | None = status
