"""Runtime of the typed client: calling boto3, converting, errors and pagination.

`pinpoint_sdk.client.PinpointClient` (generated) adds one method per operation on
top of `BaseClient`; each method only names its operation, output model and
arguments.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol, Self, TypedDict, TypeVar, Unpack

from botocore.exceptions import ClientError, ParamValidationError

from pinpoint_sdk import errors, limits
from pinpoint_sdk._fastparse import active as fast_responses
from pinpoint_sdk._fastparse import install as install_fast_responses
from pinpoint_sdk._log import page as log_page

if TYPE_CHECKING:
    import boto3
    from botocore.config import Config

T = TypeVar("T")

SERVICE_NAME = "pinpoint"


class BotocoreClient(Protocol):
    """A boto3 or aiobotocore client, as type checkers can know one.

    botocore ships no types, so its clients are usually ``Any`` to a checker and pass;
    with stubs installed (``types-boto3``), any typed client passes. What does not pass
    is a value that cannot be a client at all (a string, a number, ``Pinpoint``).
    Whether it is a ``pinpoint`` client is checked at run time.
    """

    @property
    def meta(self) -> object:
        """botocore's ``ClientMeta`` (service model, region, events)."""
        ...


class ClientOptions(TypedDict, total=False):
    """Keyword arguments of `BaseClient` passed on to boto3's ``Session.client``.

    Typed, so a misspelt option (``endpoint_ur=``) is a type error rather than a
    ``TypeError`` at run time.
    """

    api_version: str | None
    use_ssl: bool
    verify: bool | str | None
    endpoint_url: str | None
    aws_access_key_id: str | None
    aws_secret_access_key: str | None
    aws_session_token: str | None
    config: Config | None
    aws_account_id: str | None


def _page_size(value: Any) -> str:
    """``PageSize`` as the service takes it: a string of a positive whole number.

    The member is a string on the wire (a query parameter); users pass ints or digit
    strings. Anything else (``-5``, ``"abc"``, ``2.5``, ``True``) is refused here rather
    than sent.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        if value >= 1:
            return str(value)
    elif isinstance(value, str) and _DIGITS.fullmatch(value) and int(value) >= 1:
        return str(int(value))
    raise errors.ValidationError(f"must be a positive integer, got {value!r}", "page_size")


_DIGITS = re.compile(r"[0-9]+")


def _kept_value(model: Any, name: str) -> Any:
    """The value kept aside for member ``name`` of ``model`` (wrong JSON type), if any."""
    unknown = getattr(model, "_unknown", None)
    if not unknown:
        return None
    import attrs

    member = attrs.fields_dict(type(model)).get(name)
    return None if member is None else unknown.get(member.metadata.get("wire"))


class _PageGuard:
    """Decides whether to follow a page's token, and stops listings that never end.

    A token that is not a string, a token seen among the last
    `limits.REMEMBERED_PAGE_TOKENS`, and more than ``max_empty_pages`` pages in a row
    without items (each with a fresh token) raise `errors.PaginationError`.
    """

    def __init__(self, operation: str, token_path: tuple[str, ...], max_empty_pages: int) -> None:
        if isinstance(max_empty_pages, bool) or not isinstance(max_empty_pages, int) \
                or max_empty_pages < 0:
            raise errors.ValidationError(
                f"must be a non-negative integer, got {max_empty_pages!r}", "max_empty_pages"
            )
        self.operation = operation
        self.token_path = token_path
        self.max_empty_pages = max_empty_pages
        self.empty_pages = 0
        self.pages = 0
        self.seen: dict[str, None] = {}  # insertion-ordered, so the oldest goes first

    def next_token(self, page: Any) -> str | None:
        """The token to request the next page with, or ``None`` when the listing is done."""
        if not self.token_path:
            return None
        payload = getattr(page, self.token_path[0], None)
        token: Any = page
        parent: Any = None
        for name in self.token_path:
            parent, token = token, getattr(token, name, None) if token is not None else None
        if token is None and parent is not None:
            # A token of the wrong JSON type is kept with the unknown wire keys, not on
            # the member: it is still a token the listing must not silently stop at.
            token = _kept_value(parent, self.token_path[-1])
        if token is None or token == "":
            return None
        if not isinstance(token, str):
            raise errors.PaginationError(
                f"{self.operation} returned a {type(token).__name__} as its pagination token "
                f"({token!r}); expected a string"
            )
        if token in self.seen:
            raise errors.PaginationError(
                f"{self.operation} returned the token {token!r} twice; stopping to avoid a loop"
            )
        self.seen[token] = None
        if len(self.seen) > limits.REMEMBERED_PAGE_TOKENS:
            del self.seen[next(iter(self.seen))]
        if _has_items(payload):
            self.empty_pages = 0
        else:
            self.empty_pages += 1
            if self.empty_pages > self.max_empty_pages:
                raise errors.PaginationError(
                    f"{self.operation} returned {self.empty_pages} pages in a row without "
                    "items, each with a new token; stopping (raise max_empty_pages on the "
                    "client to follow more)"
                )
        return token

    def received(self, page: T) -> T:
        """Count and log ``page``, just fetched; returns it."""
        self.pages += 1
        log_page(self.operation, self.pages, page)
        return page

    def next_request(self, page: Any, request: Mapping[str, Any]) -> dict[str, Any] | None:
        """``request`` with the token of ``page``, or ``None`` when the listing is done."""
        from pinpoint_sdk import _schema

        token = self.next_token(page)
        if token is None:
            return None
        return {**request, _schema.OPERATIONS[self.operation].paging().input_token: token}


def _has_items(payload: Any, depth: int = 0) -> bool:
    """Whether a page payload holds any list or map entries (its items, KPI rows, ...)."""
    from pinpoint_sdk import _schema

    shape = _schema.SHAPES.get(type(payload).__name__)
    if shape is None or depth > 2:
        return False
    for member in shape.members:
        kind = member.type.kind
        value = getattr(payload, member.name, None)
        if kind in ("list", "map") and value:
            return True
        if kind == "struct" and value is not None and _has_items(value, depth + 1):
            return True
    return False


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


class ClientCore:
    """What the sync `BaseClient` and the async client share: request building, pages.

    Subclasses hold the SDK client in ``_client`` and add the I/O: calling it and
    handing its response to `result()`.
    """

    _client: Any

    def _adopt(self, client: Any, owned: bool, kind: str) -> None:
        """Keep ``client`` after checking it is a ``pinpoint`` client of ``kind``."""
        service = getattr(getattr(getattr(client, "meta", None), "service_model", None),
                          "service_name", None)
        if service != SERVICE_NAME:
            raise TypeError(f"expected {kind} 'pinpoint' client, got {client!r}")
        self._client = client
        self._owns_client = owned

    max_empty_pages: int = limits.MAX_EMPTY_PAGES
    """Pages in a row without items, each with a fresh token, that ``*_pages`` methods
    (and the collections built on them) follow before raising `errors.PaginationError`.
    Set it on a client to allow more (``client.max_empty_pages = 500``)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}(region_name={self._client.meta.region_name!r})"

    def _request(self, operation: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """Validate and unstructure keyword arguments into boto3's request dict.

        Each value is checked, then unstructured exactly once; the dict returned is what
        `_invoke_prepared` sends (and what the bulk writers build themselves from items
        they checked and unstructured one by one).
        """
        # Imported on first call: the schema and cattrs are not needed by import alone.
        from pinpoint_sdk._validation import check_payload_size, check_request, input_shape
        from pinpoint_sdk.converter import converter

        values = {wire: value for wire, value in params.items() if value is not None}
        if "PageSize" in values:
            values["PageSize"] = _page_size(values["PageSize"])
        problems = check_request(input_shape(operation), values)
        if problems:
            raise errors.ValidationError(problems)
        request = {wire: converter.unstructure(value) for wire, value in values.items()}
        problems = check_payload_size(operation, request)
        if problems:
            raise errors.ValidationError(problems)
        return request

    def _page_guard(self, operation: str) -> _PageGuard:
        """A fresh guard for one listing of ``operation``, with this client's limits."""
        from pinpoint_sdk import _schema

        token_path = _schema.OPERATIONS[operation].paging().output_token_path
        return _PageGuard(operation, token_path, self.max_empty_pages)


class BaseClient(ClientOwner, ClientCore):
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
            (`DEFAULT_RETRY_MODE`, the same as `Pinpoint`) unless ``config``, the
            ``AWS_RETRY_MODE`` environment variable or the profile's ``retry_mode`` names
            a mode; other retry settings (``max_attempts``, ...) keep that mode.

    Examples:
        ```python
        with PinpointClient(region_name="us-east-1") as client:
            client.get_apps()
        ```
    """

    def __init__(
        self,
        client: BotocoreClient | None = None,
        *,
        session: boto3.session.Session | None = None,
        region_name: str | None = None,
        **client_kwargs: Unpack[ClientOptions],
    ) -> None:
        owned = client is None
        if client is None:
            client = create_boto3_client(session, region_name, **client_kwargs)
        elif session is not None or region_name is not None or client_kwargs:
            raise TypeError("pass either an existing client or the arguments to create one")
        self._adopt(client, owned, "a boto3")

    @property
    def boto3_client(self) -> Any:
        """The underlying boto3 ``pinpoint`` client."""
        return self._client

    def _send(self, operation: str, request: Mapping[str, Any]) -> dict[str, Any]:
        from pinpoint_sdk import _schema

        method = _schema.OPERATIONS[operation].method
        try:
            # The fast path (if installed on this client) acts on this call only.
            with fast_responses():
                response: dict[str, Any] = getattr(self._client, method)(**request)
        except (ParamValidationError, ClientError) as exc:
            failure = call_failure(exc)
        else:
            return response
        raise failure

    def _invoke(self, operation: str, output: type[T] | None, params: Mapping[str, Any]) -> T:
        return self._invoke_prepared(operation, output, self._request(operation, params))

    def _paginate(
        self, operation: str, output: type[T] | None, params: Mapping[str, Any]
    ) -> Iterator[T]:
        # Validate now, so bad arguments fail at the call rather than at the first next().
        request = self._request(operation, params)
        return self._pages(operation, output, request, self._page_guard(operation))

    def _pages(
        self, operation: str, output: type[T] | None, request: dict[str, Any], guard: _PageGuard
    ) -> Iterator[T]:
        next_request: dict[str, Any] | None = request
        while next_request is not None:
            page = guard.received(self._invoke_prepared(operation, output, next_request))
            yield page
            next_request = guard.next_request(page, next_request)

    def _invoke_prepared(
        self, operation: str, output: type[T] | None, request: Mapping[str, Any]
    ) -> T:
        from pinpoint_sdk.support import warn_if_ended

        warn_if_ended(operation)
        response = self._send(operation, request)
        return result(output, response)


def result(output: type[T] | None, response: dict[str, Any]) -> T:
    """The typed model of ``response`` (``None`` for operations without output), carrying
    the response metadata."""
    from pinpoint_sdk.converter import converter

    if output is None:
        return None  # type: ignore[return-value]
    metadata = response.pop("ResponseMetadata", None)
    model: T = converter.structure(response, output)
    model._response_metadata = metadata  # type: ignore[attr-defined]
    return model


def call_failure(exc: ParamValidationError | ClientError) -> Exception:
    """The SDK error to raise for what botocore raised (raise it outside the handler).

    A `ClientError` becomes its `pinpoint_sdk.errors` subclass (one the SDK raised while
    reading the reply is one already). botocore's parameter report quotes the bad value,
    and an error message may quote a request (a proxy's error page echoing the body, for
    one), so a secret's value is masked in both; the masked error is raised outside the
    ``except`` block because inside it botocore's unmasked error would stay reachable as
    ``__context__`` (error reporters and debuggers walk that chain).
    """
    from pinpoint_sdk.display import redact_text

    if isinstance(exc, errors.PinpointServiceError):
        return exc
    if isinstance(exc, ClientError):
        error = exc.response.get("Error")
        message = error.get("Message") if isinstance(error, Mapping) else None
        # A body's "Message" may be any JSON value; botocore prints it as it is.
        text = message if isinstance(message, str) or message is None else str(message)
        masked = redact_text(text) if text is not None else None
        if masked != text:
            response = {**exc.response, "Error": {**error, "Message": masked}}
            exc = ClientError(response, exc.operation_name)
        mapped = errors.from_client_error(exc)
        mapped.__cause__ = exc
        return mapped

    report = redact_text(str(exc.kwargs.get("report", exc)))
    failure = errors.ValidationError(report)
    failure.__cause__ = ParamValidationError(report=report)
    return failure


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
    **client_kwargs: Unpack[ClientOptions],
) -> Any:
    """A boto3 ``pinpoint`` client using `DEFAULT_RETRY_MODE` unless the user names a mode.

    A mode is named by ``config`` (``Config(retries={"mode": "adaptive"})``), by the
    ``AWS_RETRY_MODE`` environment variable or by ``retry_mode`` in the AWS config file's
    profile, in botocore's order of precedence. A ``config`` whose ``retries`` only sets
    attempts (``{"max_attempts": 7}``) keeps the default mode; botocore alone would fall
    back to ``legacy`` there.

    The client gets the SDK's ``before-parse`` handler (`pinpoint_sdk._fastparse`): calls
    made through `BaseClient` build their models from the wire JSON, calls made on the
    boto3 client directly still return botocore's dicts.
    """
    import boto3
    from botocore.config import Config

    session = session or boto3.session.Session()
    config = retry_config(session._session, client_kwargs.pop("config", None), Config)
    if config is not None:
        client_kwargs["config"] = config
    client = session.client(SERVICE_NAME, region_name=region_name, **client_kwargs)
    # Typed responses from the wire JSON for the SDK's own calls (see `_fastparse`); calls
    # made on the boto3 client directly still get botocore's dicts.
    install_fast_responses(client)
    return client


def retry_config(botocore_session: Any, config: Any, config_cls: type[Any]) -> Any:
    """``config`` (a botocore ``Config`` or ``None``) with `DEFAULT_RETRY_MODE` added where
    neither it nor the session's environment or profile names a retry mode.

    ``config_cls`` builds the added settings: botocore's ``Config``, or aiobotocore's
    ``AioConfig`` for the async client.
    """
    retries = dict((config and config.retries) or {})
    if "mode" not in retries and _configured_retry_mode(botocore_session) is None:
        retries["mode"] = DEFAULT_RETRY_MODE
    if retries:
        base = config_cls(retries=retries)
        config = base if config is None else config.merge(base)
    return config


def _configured_retry_mode(botocore_session: Any) -> str | None:
    """The retry mode the session's environment or profile names, if any (not the default)."""
    import os

    # Where botocore looks before falling back to its default, in its order.
    for mode in (
        botocore_session.instance_variables().get("retry_mode"),
        os.environ.get("AWS_RETRY_MODE"),
        botocore_session.get_scoped_config().get("retry_mode"),
    ):
        if isinstance(mode, str) and mode:
            return mode
    return None
