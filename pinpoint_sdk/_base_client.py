"""Runtime of the typed client: calling boto3, converting, errors and pagination.

:class:`pinpoint_sdk.client.PinpointClient` (generated) adds one method per operation on
top of :class:`BaseClient`; each method only names its operation, output model and
arguments.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from botocore.exceptions import ClientError, ParamValidationError

from pinpoint_sdk import errors
from pinpoint_sdk._log import page as log_page

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


class BaseClient:
    """Holds the boto3 client and performs calls for the generated methods.

    Args:
        client: an existing boto3 ``pinpoint`` client to wrap. When omitted, one is
            created from ``session`` (or a new :class:`boto3.session.Session`) with
            ``region_name`` and ``client_kwargs``, using botocore's ``standard`` retry
            mode unless ``config`` says otherwise.
        session: the boto3 session to create the client from.
        region_name: the AWS Region, e.g. ``"us-east-1"``.
        **client_kwargs: passed to ``session.client`` (``endpoint_url``, ``config``, ...).
    """

    def __init__(
        self,
        client: Any = None,
        *,
        session: boto3.session.Session | None = None,
        region_name: str | None = None,
        **client_kwargs: Any,
    ) -> None:
        if client is None:
            client = create_boto3_client(session, region_name, "standard", **client_kwargs)
        elif session is not None or region_name is not None or client_kwargs:
            raise TypeError("pass either an existing client or the arguments to create one")
        service = getattr(getattr(getattr(client, "meta", None), "service_model", None),
                          "service_name", None)
        if service != SERVICE_NAME:
            raise TypeError(f"expected a boto3 'pinpoint' client, got {client!r}")
        self._client = client

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
            from pinpoint_sdk.display import redact_text

            # botocore's report quotes the bad value; a secret's must not reach the error.
            report = redact_text(str(exc.kwargs.get("report", exc)))
            raise errors.ValidationError(report) from ParamValidationError(report=report)
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
            log_page(operation, len(seen) + 1, page)
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
        from pinpoint_sdk.support import warn_if_ended

        warn_if_ended(operation)
        response = self._send(operation, request)
        if output is None:
            return None  # type: ignore[return-value]
        metadata = response.pop("ResponseMetadata", None)
        result: T = converter.structure(response, output)
        result._response_metadata = metadata  # type: ignore[attr-defined]
        return result


def create_boto3_client(
    session: boto3.session.Session | None,
    region_name: str | None,
    retry_mode: str,
    **client_kwargs: Any,
) -> Any:
    """A boto3 ``pinpoint`` client with ``retry_mode`` unless ``config`` sets retries."""
    import boto3
    from botocore.config import Config

    session = session or boto3.session.Session()
    default = Config(retries={"mode": retry_mode})
    config = client_kwargs.pop("config", None)
    client_kwargs["config"] = default if config is None else default.merge(config)
    return session.client(SERVICE_NAME, region_name=region_name, **client_kwargs)
