"""Endpoints, users and events of an application."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Generic, TypeVar, Unpack, overload

from pinpoint_sdk import batching, limits, models
from pinpoint_sdk.resources import _tables as tables
from pinpoint_sdk.resources._base import (
    AppResource,
    AppResourceCore,
    AppScoped,
    Call,
    Listing,
    ResponseInfo,
    item_call,
    item_params,
    no_model,
    perform,
    resolve_request,
    unwrap,
    with_response,
)

if TYPE_CHECKING:
    from pinpoint_sdk._fields import EndpointRequestFields
    from pinpoint_sdk.batching import BatchResult, EventRecord, ProgressCallback
    from pinpoint_sdk.client import PinpointClient

__all__ = [
    "Endpoint",
    "EndpointCollection",
    "EventCollection",
    "User",
    "UserCollection",
    "UserEndpoints",
]


C = TypeVar("C")


class EndpointCore(AppResourceCore[C, models.EndpointResponse]):
    """What `Endpoint` and the async endpoint share: the views of `data`."""

    _table = tables.ENDPOINT

    @property
    def user_id(self) -> str | None:
        """The id of the user the endpoint belongs to, if any."""
        return self.data.user.user_id if self.data.user is not None else None

    def __repr__(self) -> str:
        return (f"<{type(self).__name__} id={self.data.id!r} "
                f"channel_type={self.data.channel_type!s} address={self.data.address!r}>")

    def _in_app_messages_call(self) -> Call[models.InAppMessagesResponse]:
        return Call(
            "get_in_app_messages",
            {"application_id": self.application_id, "endpoint_id": self.id},
            lambda output: unwrap(output.in_app_messages_response),
        )


def upsert_call(application_id: str, endpoint_id: str,
                request: models.EndpointRequest) -> Call[None]:
    """The UpdateEndpoint call writing ``request`` to one endpoint, checked first.

    Raises:
        pinpoint_sdk.errors.ValidationError: the id or the data breaks a documented
            limit (nothing is sent).
    """
    problems = batching.validate_endpoint_id(endpoint_id)
    problems.extend(batching.validate_endpoint_data(request, "endpoint_request"))
    if problems:
        from pinpoint_sdk import errors

        raise errors.ValidationError(problems)
    body = resolve_request(request, models.EndpointRequest)
    op, params = item_params(tables.ENDPOINT, "update", {"application_id": application_id},
                             (endpoint_id,), endpoint_request=body)
    return Call(op.method, params, no_model)


class Endpoint(EndpointCore["PinpointClient"], AppResource[models.EndpointResponse]):
    """One endpoint (a destination: an address on a channel) of an application.

    Examples:
        >>> endpoint = app.endpoints.get("ep-1")
        >>> endpoint.update(opt_out="ALL")
        >>> endpoint.reload().data.opt_out
    """

    def update(
        self, request: models.EndpointRequest | None = None, /, **changes: Unpack[EndpointRequestFields]
    ) -> Endpoint:
        """Write ``request``, or the current data with ``changes``, to the endpoint.

        UpdateEndpoint returns no endpoint, so `data` is unchanged; call
        `reload` to see what the service stored.

        Examples:
            >>> endpoint.update(attributes={"plan": ["pro"]})
        """
        return self._update(request, changes)

    def delete(self) -> models.EndpointResponse:
        """Delete the endpoint; returns its last state."""
        return self._delete()

    def in_app_messages(self) -> models.InAppMessagesResponse:
        """The in-app messages the endpoint should show now."""
        return perform(self._api, self._in_app_messages_call())[0]


class EndpointCollection(AppScoped):
    """``app.endpoints``: ``get``, ``upsert``, ``delete`` and bulk ``upsert_many``.

    Pinpoint has no operation that lists endpoints, so this collection is not
    iterable; export a segment or use ``app.export_jobs`` to read them all.

    Examples:
        >>> app.endpoints.upsert("ep-1", models.EndpointRequest(
        ...     channel_type="EMAIL", address="ana@example.com"))
        >>> app.endpoints.get("ep-1").data.address
        'ana@example.com'
    """

    def _scope(self) -> dict[str, str]:
        return {"application_id": self.application_id}

    def _plan(self, verb: str, endpoint_id: str) -> Call[Endpoint]:
        return item_call(tables.ENDPOINT, verb, self._scope(), (endpoint_id,),
                         lambda data: Endpoint(self._client, data))

    def get(self, endpoint_id: str) -> Endpoint:
        """Fetch one endpoint now (``errors.NotFoundError`` when it does not exist)."""
        endpoint, output = perform(self._client, self._plan("get", endpoint_id))
        return with_response(endpoint, output)

    def upsert(self, endpoint_id: str, request: models.EndpointRequest) -> None:
        """Create or update one endpoint (UpdateEndpoint).

        Raises ``errors.ValidationError`` when the data breaks a documented limit.
        """
        perform(self._client, upsert_call(self.application_id, endpoint_id, request))

    def delete(self, endpoint_id: str) -> models.EndpointResponse:
        """Delete one endpoint; returns its last state."""
        endpoint, _ = perform(self._client, self._plan("delete", endpoint_id))
        return endpoint.data

    def upsert_many(
        self,
        items: Iterable[models.EndpointBatchItem],
        *,
        batch_size: int = limits.MAX_ENDPOINTS_PER_BATCH,
        progress: ProgressCallback | bool | None = None,
        fail_fast: bool = False,
    ) -> BatchResult:
        """Create or update endpoints from any iterable, in UpdateEndpointsBatch requests.

        Items are read one at a time (a generator of a million rows is fine), checked
        against the service model (each member's type) and the documented limits
        (attribute counts and lengths, values per attribute, endpoint size, ``$ { }``
        in ids) and sent in requests of at most ``batch_size`` (≤ 100) items and 7 MB.
        An invalid item is listed in the result with its own message and not sent; the
        rest of its request still goes out. Items count as succeeded only when the
        reply confirms them (a 2xx with a ``MessageBody`` ``Message``); a request that
        fails in any way after botocore's retries, or whose reply confirms nothing, is
        listed for each of its items (``unconfirmed`` when they may have been stored),
        and the run goes on unless ``fail_fast=True``.

        If the input iterable or ``progress`` raises, `errors.BatchInterrupted` is
        raised with the partial result as ``.result``; ``KeyboardInterrupt`` propagates
        as is, carrying it as ``.batch_result``. See docs/guides/batching.md.
        Throttling is retried by botocore (``standard`` mode unless the client's config
        names another).

        ``progress`` is a callable ``(processed, failed)`` or ``True`` for a tqdm bar
        (``pip install 'pinpoint-sdk[progress]'``).

        For millions of endpoints, an S3 import job (``app.import_jobs.create``) is much
        cheaper: one call instead of one per 100 endpoints.

        Examples:
            >>> result = app.endpoints.upsert_many(
            ...     models.EndpointBatchItem(id=row["id"], channel_type="EMAIL",
            ...                              address=row["email"])
            ...     for row in csv.DictReader(open("users.csv")))
            >>> result.succeeded, [(f.index, f.message) for f in result.failed]
        """
        return batching.upsert_endpoints(
            self._client, self.application_id, items,
            batch_size=batch_size, progress=progress, fail_fast=fail_fast,
        )


class EventCollection(AppScoped):
    """``app.events``: record events with ``put`` and ``put_many``.

    Examples:
        >>> app.events.put(EventRecord("ep-1", models.Event(
        ...     event_type="purchase", timestamp="2024-05-01T12:00:00Z")))
    """

    def put(self, record: EventRecord) -> BatchResult:
        """Record one event; same checks and result as `put_many`."""
        return self.put_many([record])

    def put_many(
        self,
        records: Iterable[EventRecord],
        *,
        batch_size: int = limits.MAX_EVENTS_PER_REQUEST,
        progress: ProgressCallback | bool | None = None,
        fail_fast: bool = False,
    ) -> BatchResult:
        """Record events from any iterable, in PutEvents requests within the limits.

        Records are read one at a time, checked (every member's type against the
        service model, ``EventType`` and ``Timestamp`` present, at most 40 attributes +
        metrics, keys ≤ 50 and attribute values ≤ 200 characters, event ≤ 1,000 KB,
        endpoint attribute limits, endpoint id without ``$ { }``) and sent in requests
        of at most ``batch_size`` (≤ 100) events and 4 MB. An event counts as succeeded
        only when the reply gives it a 2xx ``StatusCode``. Events the service answers
        with a per-event 400, events the reply says nothing about (``unconfirmed``),
        and every event of a failed request are listed in the result's ``failed`` by
        input index and event id; the run goes on unless ``fail_fast=True``.

        botocore may resend a request whose reply was lost, so an event can be stored
        twice: the event id is the idempotency key (give ids from your own data). If
        the input iterable or ``progress`` raises, `errors.BatchInterrupted` carries the
        partial result as ``.result``; ``KeyboardInterrupt`` propagates as is, carrying
        it as ``.batch_result``. See docs/guides/batching.md.

        Examples:
            >>> result = app.events.put_many(records, progress=True)
            >>> [(f.index, f.item_id, f.status_code) for f in result.failed]
        """
        return batching.put_events(
            self._client, self.application_id, records,
            batch_size=batch_size, progress=progress, fail_fast=fail_fast,
        )


E = TypeVar("E")


class EndpointSequence(Generic[E]):
    """The sequence side (``len()``, ``[i]``) of a user's endpoints, sync or async."""

    _items: list[E]

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> E: ...

    @overload
    def __getitem__(self, index: slice) -> list[E]: ...

    def __getitem__(self, index: int | slice) -> E | list[E]:
        return self._items[index]


class UserEndpoints(EndpointSequence[Endpoint], Listing[Endpoint]):
    """A user's endpoints as GetUserEndpoints last returned them: a chainable `Listing`
    (``limit``, ``pages``, iteration, ``to_dataframe``) that is also a sequence
    (``len()``, ``[i]``), as the list it replaces was.

    GetUserEndpoints answers in one call without a page size, so ``page_size`` is
    refused; `User.reload` fetches them again.

    Examples:
        >>> user.endpoints.to_dataframe()
        >>> user.endpoints[0].data.address
    """

    def __init__(self, client: PinpointClient, user_id: str, endpoints: list[Endpoint]) -> None:
        super().__init__(client, lambda size: iter([list(endpoints)]),
                         what=f"endpoints of user {user_id!r}", sized=False)
        self._items = endpoints


class UserCollectionCore(Generic[C]):
    """The planning of ``app.users`` shared by the sync and async layers: what
    GetUserEndpoints and DeleteUserEndpoints are called with and what they answer."""

    def __init__(self, client: C, application_id: str) -> None:
        self._client = client
        self.application_id = application_id

    def __repr__(self) -> str:
        return f"<{type(self).__name__} application_id={self.application_id!r}>"

    def _get_call(self, user_id: str) -> Call[list[models.EndpointResponse]]:
        listing = tables.USER_ENDPOINTS
        ids = {"application_id": self.application_id, "user_id": user_id}
        return Call(listing.operation.method, listing.operation.params(ids.__getitem__),
                    listing.items_of)

    def _delete_call(self, user_id: str) -> Call[list[models.EndpointResponse]]:
        return Call(
            "delete_user_endpoints", {"application_id": self.application_id, "user_id": user_id},
            lambda output: list(unwrap(output.endpoints_response).item or []),
        )


class UserCore(Generic[C, E]):
    """What `User` and the async user share: a user id, its application, its endpoints
    (``E``) as last fetched, and the answer they came with."""

    def __init__(self, client: C, application_id: str, user_id: str,
                 endpoints: list[models.EndpointResponse],
                 last_response: ResponseInfo | None = None) -> None:
        self._client = client
        self.application_id: str = application_id
        self.id: str = user_id
        self.endpoints: E = self._endpoints_of(endpoints, last_response)
        self.last_response: ResponseInfo | None = last_response
        """What the service answered to the user's last call (see `Resource.last_response`)."""

    def _endpoints_of(self, endpoints: list[models.EndpointResponse],
                      last_response: ResponseInfo | None) -> E:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} id={self.id!r} endpoints={len(self.endpoints)}>"  # type: ignore[arg-type]


class User(UserCore["PinpointClient", UserEndpoints]):
    """The endpoints of one user id.

    Examples:
        >>> user = app.users.get("user-42")
        >>> [e.data.address for e in user.endpoints]
        >>> user.delete()
    """

    def _endpoints_of(self, endpoints: list[models.EndpointResponse],
                      last_response: ResponseInfo | None) -> UserEndpoints:
        return UserEndpoints(self._client, self.id, [
            Endpoint(self._client, data, last_response=last_response) for data in endpoints
        ])

    def reload(self) -> User:
        """Fetch the user's endpoints again; returns ``self``."""
        fresh = UserCollection(self._client, self.application_id).get(self.id)
        self.endpoints, self.last_response = fresh.endpoints, fresh.last_response
        return self

    def delete(self) -> list[Endpoint]:
        """Delete every endpoint of the user; returns them as they were.

        The answer becomes the user's `last_response` (and each returned endpoint's).
        """
        endpoints, info = UserCollection(self._client, self.application_id)._delete(self.id)
        if info is not None:
            self.last_response = info
        return endpoints


class UserCollection(UserCollectionCore["PinpointClient"]):
    """``app.users``: the endpoints of a user id, and deleting them.

    Examples:
        >>> app.users.get("user-42").endpoints
    """

    def get(self, user_id: str) -> User:
        """Fetch the endpoints of ``user_id`` now (``errors.NotFoundError`` if none)."""
        endpoints, output = perform(self._client, self._get_call(user_id))
        return User(self._client, self.application_id, user_id, endpoints,
                    ResponseInfo.of(output))

    def delete(self, user_id: str) -> list[Endpoint]:
        """Delete every endpoint of ``user_id``; returns them as they were, each holding
        the answer as its ``last_response``."""
        return self._delete(user_id)[0]

    def _delete(self, user_id: str) -> tuple[list[Endpoint], ResponseInfo | None]:
        """Delete the endpoints of ``user_id``: them as they were, and the answer's info."""
        deleted, output = perform(self._client, self._delete_call(user_id))
        info = ResponseInfo.of(output)
        return [Endpoint(self._client, data, last_response=info) for data in deleted], info
