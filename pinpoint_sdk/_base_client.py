"""Runtime of the typed client: calling boto3, converting, errors and pagination.

:class:`pinpoint_sdk.client.PinpointClient` (generated) adds one method per operation on
top of :class:`BaseClient`; each method only names its operation, output model and
arguments.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from botocore.exceptions import ClientError, ParamValidationError

from pinpoint_sdk import errors

if TYPE_CHECKING:
    import boto3

T = TypeVar("T")

SERVICE_NAME = "pinpoint"


def _page_size(value: Any) -> Any:
    # PageSize is a string on the wire (a query parameter); users pass ints.
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 1:
            raise errors.ValidationError(f"must be a positive integer, got {value}", "page_size")
        return str(value)
    return value


class ClientOwner:
    """A context manager whose `close()` closes ``_client`` only if it created it."""

    _client: Any
    _owns_client: bool

    def close(self) -> None:
        """Close the client this object created (its boto3 client's connections).

        A client passed in is left open: whoever created it closes it. Calling `close()`
        twice is harmless.
        """
        if self._owns_client:
            self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class BaseClient(ClientOwner):
    """Holds the boto3 client and performs calls for the generated methods.

    A client is a context manager: leaving the `with` block calls `close()`.

    Args:
        client: an existing boto3 ``pinpoint`` client to wrap. It stays the caller's:
            `close()` leaves it open (it may be shared, stubbed or mocked elsewhere).
        session: the boto3 session to create the client from (a new
            `boto3.session.Session` when omitted).
        region_name: the AWS Region, e.g. ``"us-east-1"``.
        **client_kwargs: passed to ``session.client`` (``endpoint_url``, ``config``, ...).
            The client created here uses botocore's ``standard`` retry mode
            (`DEFAULT_RETRY_MODE`, the same as `Pinpoint`) unless ``config`` names a retry
            ``mode``; other retry settings (``max_attempts``, ...) keep that mode.

    Examples:
        ```python
        with PinpointClient(region_name="us-east-1") as client:
            client.get_apps()
        ```
    """

    def __init__(
        self,
        client: Any = None,
        *,
        session: boto3.session.Session | None = None,
        region_name: str | None = None,
        **client_kwargs: Any,
    ) -> None:
        owned = client is None
        if client is None:
            client = create_boto3_client(session, region_name, **client_kwargs)
        elif session is not None or region_name is not None or client_kwargs:
            raise TypeError("pass either an existing client or the arguments to create one")
        service = getattr(getattr(getattr(client, "meta", None), "service_model", None),
                          "service_name", None)
        if service != SERVICE_NAME:
            raise TypeError(f"expected a boto3 'pinpoint' client, got {client!r}")
        self._client = client
        self._owns_client = owned

    @property
    def boto3_client(self) -> Any:
        """The underlying boto3 ``pinpoint`` client."""
        return self._client

    def __repr__(self) -> str:
        return f"{type(self).__name__}(region_name={self._client.meta.region_name!r})"

    def _request(self, operation: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """Validate and unstructure keyword arguments into boto3's request dict."""
        # Imported on first call: the spec tables and cattrs are not needed by import alone.
        from pinpoint_sdk import _spec
        from pinpoint_sdk._validation import check_request
        from pinpoint_sdk.converter import converter

        input_shape = _spec.OPERATIONS[operation][1]
        values = {wire: value for wire, value in params.items() if value is not None}
        if "PageSize" in values:
            values["PageSize"] = _page_size(values["PageSize"])
        problems = check_request(input_shape, values)
        if problems:
            raise errors.ValidationError(problems)
        return {wire: converter.unstructure(value) for wire, value in values.items()}

    def _send(self, operation: str, request: Mapping[str, Any]) -> dict[str, Any]:
        from pinpoint_sdk import _spec

        method = _spec.OPERATIONS[operation][0]
        try:
            response: dict[str, Any] = getattr(self._client, method)(**request)
        except ParamValidationError as exc:
            raise errors.ValidationError(str(exc.kwargs.get("report", exc))) from exc
        except ClientError as exc:
            raise errors.from_client_error(exc) from exc
        return response

    def _invoke(self, operation: str, output: type[T] | None, params: Mapping[str, Any]) -> T:
        return self._invoke_prepared(operation, output, self._request(operation, params))

    def _paginate(
        self, operation: str, output: type[T] | None, params: Mapping[str, Any]
    ) -> Iterator[T]:
        # Validate now, so bad arguments fail at the call rather than at the first next().
        return self._pages(operation, output, self._request(operation, params))

    def _pages(
        self, operation: str, output: type[T] | None, request: dict[str, Any]
    ) -> Iterator[T]:
        from pinpoint_sdk import _spec

        input_token, token_path, _page_size_member = _spec.OPERATIONS[operation][5]
        seen: set[str] = set()
        while True:
            page = self._invoke_prepared(operation, output, request)
            yield page
            token: Any = page
            for name in token_path:
                token = getattr(token, name, None) if token is not None else None
            if not token_path or not isinstance(token, str) or not token:
                return
            if token in seen:
                raise errors.PaginationError(
                    f"{operation} returned the token {token!r} twice; stopping to avoid a loop"
                )
            seen.add(token)
            request = {**request, input_token: token}

    def _invoke_prepared(
        self, operation: str, output: type[T] | None, request: Mapping[str, Any]
    ) -> T:
        from pinpoint_sdk.converter import converter

        response = self._send(operation, request)
        if output is None:
            return None  # type: ignore[return-value]
        metadata = response.pop("ResponseMetadata", None)
        result: T = converter.structure(response, output)
        result._response_metadata = metadata  # type: ignore[attr-defined]
        return result


DEFAULT_RETRY_MODE = "standard"
"""botocore retry mode of every client the SDK creates (`PinpointClient` and `Pinpoint`).

``standard`` is the mode AWS recommends for all SDKs: it retries throttling, timeouts and
5xx answers with capped exponential backoff and a retry quota. ``adaptive`` adds one
client-side rate limiter shared by every operation of the client; Pinpoint's quotas differ
per operation (2 requests/s for UpdateEndpointsBatch, 300 for most reads), so a throttled
bulk write would slow every other call of the client too. Opt in for a client that only
does bulk writes: ``PinpointClient(config=Config(retries={"mode": "adaptive"}))``.
"""


def create_boto3_client(
    session: boto3.session.Session | None,
    region_name: str | None,
    **client_kwargs: Any,
) -> Any:
    """A boto3 ``pinpoint`` client using `DEFAULT_RETRY_MODE` unless ``config`` names a mode.

    A ``config`` whose ``retries`` only sets attempts (``{"max_attempts": 7}``) keeps the
    default mode; botocore alone would fall back to ``legacy`` there.
    """
    import boto3
    from botocore.config import Config

    session = session or boto3.session.Session()
    config = client_kwargs.pop("config", None)
    retries = {"mode": DEFAULT_RETRY_MODE, **((config and config.retries) or {})}
    base = Config(retries=retries)
    client_kwargs["config"] = base if config is None else config.merge(base)
    return session.client(SERVICE_NAME, region_name=region_name, **client_kwargs)
