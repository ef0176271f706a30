"""Building blocks of the resource layer: resources, lazy collections, request helpers.

Resources and collections are served by the generated tables of
`pinpoint_sdk.resources._tables` (`ResourceTable`, `CollectionTable`). Serving a verb has
two halves: planning, which reads the table and the resource's identifiers and yields a
`Call` (the client method, its arguments, and what to make of the answer) without any
I/O, and performing, which makes the call (`perform`, `perform_pages`) and records its
`ResponseInfo`. Only the second half differs for an asynchronous client.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Container, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar, cast

import attrs
from botocore import xform_name

from pinpoint_sdk import errors, models
from pinpoint_sdk._base_client import _page_size
from pinpoint_sdk._model_base import evolve
from pinpoint_sdk.converter import structure, unstructure

if TYPE_CHECKING:
    from typing import Self

    import pandas

    from pinpoint_sdk._schema_types import MemberSchema, TypeRef
    from pinpoint_sdk.client import PinpointClient

__all__ = [
    "AppResource",
    "AppScoped",
    "AppScopedCollection",
    "Buildable",
    "Call",
    "Collection",
    "CollectionTable",
    "Listing",
    "Operation",
    "Resource",
    "ResourceTable",
    "ResponseInfo",
    "TableCollection",
    "unwrap",
]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
D = TypeVar("D")
R = TypeVar("R")
W = TypeVar("W")


class Buildable(Protocol[T_co]):
    """Anything with a ``build()`` returning a request model (the builders in
    `pinpoint_sdk.builders` qualify).

    Examples:
        >>> app.campaigns.create(CampaignBuilder("spring").segment(seg.id).email(...))
    """

    def build(self) -> T_co:
        """The validated request model."""
        ...


@attrs.frozen
class ResponseInfo:
    """What the service answered to one call, besides the data: like stripe's ``last_response``.

    Every resource keeps the one of its last call as `Resource.last_response`; quote
    ``request_id`` when you ask AWS support about a call.

    Attributes:
        operation: The operation's name (``GetCampaign``), when known.
        request_id: The AWS request id (``x-amzn-RequestId``).
        http_status: The HTTP status code of the answer.
        headers: The HTTP headers of the answer (lower-case names).
        retry_attempts: How many times botocore retried the call before this answer.

    Examples:
        >>> campaign = app.campaigns.get("c-123")
        >>> campaign.last_response.request_id, campaign.last_response.http_status
        ('4f2c...', 200)
    """

    operation: str | None = None
    request_id: str | None = None
    http_status: int | None = None
    headers: Mapping[str, str] = attrs.field(factory=dict)
    retry_attempts: int = 0

    @classmethod
    def of(cls, output: object) -> ResponseInfo | None:
        """The response info an operation output carries, or ``None`` when it has none."""
        metadata = getattr(output, "_response_metadata", None)
        if not isinstance(metadata, Mapping):
            return None
        name = type(output).__name__
        request_id = metadata.get("RequestId")
        status = metadata.get("HTTPStatusCode")
        headers = metadata.get("HTTPHeaders")
        retries = metadata.get("RetryAttempts")
        return cls(
            operation=name.removesuffix("Response") if name.endswith("Response") else None,
            request_id=request_id if isinstance(request_id, str) else None,
            http_status=status if isinstance(status, int) else None,
            headers=dict(headers) if isinstance(headers, Mapping) else {},
            retry_attempts=retries if isinstance(retries, int) else 0,
        )


class _Recorder:
    """The client as a resource calls it: each answer's `ResponseInfo` lands on the resource.

    Pages of a ``*_pages`` call are recorded as they are read.
    """

    __slots__ = ("_owner",)

    def __init__(self, owner: Resource[Any]) -> None:
        self._owner = owner

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._owner._client, name)
        if not callable(method):
            return method
        owner = self._owner

        def call(*args: Any, **kwargs: Any) -> Any:
            result = method(*args, **kwargs)
            if name.endswith("_pages"):
                return owner._record_pages(result)
            owner._record(result)
            return result

        return call


def with_response(resource: R, output: Any) -> R:
    """``resource`` with the `ResponseInfo` of ``output`` as its ``last_response``."""
    if isinstance(resource, ResourceCore):
        resource._record(output)
    return resource


def resolve_request(value: Any, cls: type[T], name: str = "request") -> T:
    """``value`` as a ``cls`` model: itself, or what its ``build()`` returns."""
    if isinstance(value, cls):
        return value
    build = getattr(value, "build", None)
    if callable(build):
        built = build()
        if isinstance(built, cls):
            return built
        raise errors.ValidationError(
            f"build() returned {type(built).__name__}, expected {cls.__name__}", name
        )
    raise errors.ValidationError(
        f"expected {cls.__name__} or a builder, got {type(value).__name__}", name
    )


def unwrap(value: T | None) -> T:
    """The payload member of an operation output; the service always sends it."""
    if value is None:
        raise errors.PinpointError("the service response lacks its expected payload")
    return value


@attrs.frozen
class Operation:
    """One service operation as the resource tables describe it (generated from the model).

    Attributes:
        name: The operation's name (``GetCampaign``).
        method: The client method that calls it (``get_campaign``).
        identifiers: The request members sent in the URI (``application_id``, ...).
        payload: The answer's member holding the model (``campaign_response``), if any.
        payload_model: The model class name of ``payload`` (``CampaignResponse``).
        request: The request's member holding the request model, if any.
        request_model: The model class name of ``request`` (``WriteCampaignRequest``).
    """

    name: str
    method: str
    identifiers: tuple[str, ...]
    payload: str | None
    payload_model: str | None
    request: str | None = None
    request_model: str | None = None

    def params(self, identifier: Callable[[str], str], **more: Any) -> dict[str, Any]:
        """The call's keyword arguments: each URI label's value from ``identifier``, then
        ``more``."""
        return {**{label: identifier(label) for label in self.identifiers}, **more}

    def model_of(self, output: Any) -> Any:
        """The model the answer ``output`` carries (its payload member)."""
        if self.payload is None:
            raise errors.PinpointError(f"{self.name} answers no model")
        return unwrap(getattr(output, self.payload, None))


@attrs.frozen
class ResourceTable:
    """What serves one kind of resource (generated from the model; see
    `pinpoint_sdk.resources._tables`).

    Attributes:
        name: The resource kind (``Campaign``).
        model: The response model class name the resource holds as ``data``.
        identifiers: ``(URI label, attribute of data holding its value)`` pairs.
        get: The operation that reads the resource.
        create: The operation that creates it.
        update: The operation that changes it.
        delete: The operation that deletes it.
    """

    name: str
    model: str
    identifiers: tuple[tuple[str, str], ...]
    get: Operation | None = None
    create: Operation | None = None
    update: Operation | None = None
    delete: Operation | None = None

    def attribute(self, label: str) -> str:
        """The attribute of the resource's data that holds the URI label ``label``."""
        return dict(self.identifiers)[label]

    def verb(self, verb: str) -> Operation:
        """The operation serving ``verb`` (``get``, ``create``, ``update``, ``delete``)."""
        op: Operation | None = getattr(self, verb)
        if op is None:
            raise errors.PinpointError(f"{self.name} has no {verb} operation")
        return op

    def returns_model(self, op: Operation) -> bool:
        """Whether ``op`` answers the resource's model (not only a message)."""
        return op.payload_model == self.model


@attrs.frozen
class CollectionTable:
    """What serves one listing (generated from the model).

    Attributes:
        name: The listing (``campaigns``, ``campaign_versions``...).
        operation: The operation that lists it, page by page.
        items: The member of the answer's payload holding the items (``item``).
        page_size: The request member holding the page size, if the operation has one.
        token: The request member holding the next-page token, if the operation pages.
        resource: The resource kind of the items, or ``None`` when they are models.
    """

    name: str
    operation: Operation
    items: str
    page_size: str | None = None
    token: str | None = None
    resource: str | None = None

    def items_of(self, page: Any) -> list[Any]:
        """The items one answer (page) holds."""
        return list(getattr(self.operation.model_of(page), self.items, None) or [])

    def params(
        self, identifier: Callable[[str], str], page_size: int | None, **more: Any
    ) -> dict[str, Any]:
        """The listing call's keyword arguments, with the page size where it has one."""
        sized = {self.page_size: page_size} if self.page_size is not None else {}
        return self.operation.params(identifier, **sized, **more)


@attrs.frozen
class Call(Generic[T]):
    """One client call a resource plans from its table: what to call and what to make
    of the answer. Planning does no I/O; `perform` makes the call (an async layer awaits
    the same method of its client instead).

    Attributes:
        method: The client method (``get_campaign``; ``get_campaigns_pages`` for pages).
        params: Its keyword arguments.
        result: Turns one answer (one page for a ``*_pages`` method) into the result.
    """

    method: str
    params: Mapping[str, Any]
    result: Callable[[Any], T]


def perform(client: PinpointClient, call: Call[T]) -> tuple[T, Any]:
    """Make ``call`` with ``client``: its result and the raw answer."""
    output = getattr(client, call.method)(**call.params)
    return call.result(output), output


def perform_pages(client: PinpointClient, call: Call[T]) -> Iterator[tuple[T, Any]]:
    """Make the paged ``call`` with ``client``: each page's result and the page, lazily."""
    for page in getattr(client, call.method)(**call.params):
        yield call.result(page), page


_JSON_KINDS = {
    "struct": "an object", "map": "an object", "list": "a list", "enum": "a string",
    "str": "a string", "int": "a number", "float": "a number", "bool": "a boolean",
    "datetime": "a timestamp", "bytes": "a blob",
}


def _json_kind(value: Any) -> str:
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return "a string" if isinstance(value, str) else f"a {type(value).__name__}"


def _members(t: TypeRef | None) -> Mapping[str, MemberSchema]:
    """The members by wire name of the structure ``t``; none for another type or `None`."""
    from pinpoint_sdk._schema import SHAPES

    return SHAPES[t.name].by_wire() if t is not None and t.kind == "struct" else {}


def _project(
    value: Any, source: TypeRef | None, target: TypeRef, path: str,
    problems: list[tuple[str, str]],
) -> Any:
    """Keep what ``target`` (a request type of the schema) accepts from ``value``, a wire
    value the service returned as ``source`` (`None` where the response type is unknown).

    Members known to the response shape but not to the request shape (ids, dates,
    states...) are dropped; keys that neither shape knows are data the SDK does not
    understand yet and are kept as they are. A value whose JSON type does not fit the
    request shape (a list where an object belongs, an object where a string belongs)
    can neither be sent back as it is nor left out without deleting it on the
    server: it is reported in ``problems`` as ``(path, message)``. ``None`` carries
    nothing and is left out.
    """
    kind = target.kind
    fits = (isinstance(value, Mapping) if kind in ("struct", "map")
            else isinstance(value, list) if kind == "list"
            else not isinstance(value, (Mapping, list)))
    if not fits:
        expected = _JSON_KINDS[target.name if kind == "prim" else kind]
        problems.append((path, f"the service returned {_json_kind(value)} where "
                               f"{expected} belongs"))
        return value
    if kind == "struct":
        target_members = _members(target)
        source_members = _members(source)
        out: dict[str, Any] = {}
        for key, item in value.items():
            member = target_members.get(key)
            if member is not None:
                if item is not None:
                    known = source_members.get(key)
                    out[key] = _project(item, known.type if known is not None else None,
                                        member.type, f"{path}.{member.name}", problems)
            elif key not in source_members:
                out[key] = item
        return out
    if target.item is None:
        return value
    inner = source.item if source is not None and source.kind == kind else None
    if kind == "list":
        return [_project(item, inner, target.item, f"{path}[{index}]", problems)
                for index, item in enumerate(value) if item is not None]
    return {k: _project(v, inner, target.item, f"{path}[{k!r}]", problems)
            for k, v in value.items() if v is not None}


def to_write_request(
    client: PinpointClient, data: Any, cls: type[T], replaced: Container[str] = ()
) -> T:
    """Turn a response model into the request model ``cls`` for a read-modify-write.

    Goes through the wire dict and the generated schema of both shapes, so fields the
    SDK does not know (an activity type added to the service later, say) travel back
    unchanged while read-only members (``Id``, ``CreationDate``, ...) are left out.
    Members named in ``replaced`` (snake_case) are left out too: the caller sets them.
    ``client`` is the client the request will be sent with; the projection itself
    needs nothing from it.

    Raises:
        pinpoint_sdk.errors.ValidationError: a member of ``data`` has a JSON type the
            request shape cannot hold (the service returned a list where an object
            belongs, say). Such a value can be neither sent back nor dropped (the
            update replaces the whole resource, so dropping it would delete it), so
            nothing is sent; pass a complete request instead.
    """
    from pinpoint_sdk._schema_types import TypeRef

    source = TypeRef("struct", type(data).__name__)
    target = TypeRef("struct", cls.__name__)
    known = {**_members(target), **_members(source)}
    problems: list[tuple[str, str]] = []
    name = xform_name(cls.__name__)
    wire = {key: value for key, value in unstructure(data).items()
            if (known[key].name if key in known else xform_name(key)) not in replaced}
    projected = _project(wire, source, target, name, problems)
    if problems:
        problems.append((name, "the SDK cannot send these back as they are, and leaving "
                               "them out would delete them on the server; nothing was "
                               f"sent: pass a complete {cls.__name__}, or replace these "
                               "members in the same update"))
        raise errors.ValidationError(problems)
    return structure(projected, cls)


def write_request(
    resource: ResourceCore[Any, Any], request: Any, changes: Mapping[str, Any], cls: type[W]
) -> W:
    """The request for ``.update()``: the given one, or the current data with ``changes``.

    Raises ``errors.ValidationError`` (nothing sent) when the current data holds a
    value of a JSON type the request cannot carry, unless ``changes`` replaces it:
    leaving it out would delete it on the server.
    """
    if request is not None:
        if changes:
            raise TypeError("pass either a request/builder or field changes, not both")
        return resolve_request(request, cls)
    current = to_write_request(resource.client, resource.data, cls, changes)
    try:
        return evolve(current, **changes)
    except TypeError as exc:
        raise errors.ValidationError(str(exc), cls.__name__) from exc


def request_model(op: Operation) -> type[Any]:
    """The request model class ``op`` takes as its body."""
    if op.request_model is None:
        raise errors.PinpointError(f"{op.name} takes no request model")
    cls: type[Any] = getattr(models, op.request_model)
    return cls


def same(value: T) -> T:
    """The item itself (for listings of models)."""
    return value


def no_model(output: Any) -> None:
    # The result of an operation that answers only a message.
    return None


def pages_call(
    table: CollectionTable,
    identifier: Callable[[str], str],
    page_size: int | None,
    wrap: Callable[[Any], R],
    **more: Any,
) -> Call[list[R]]:
    """The paged call listing ``table``: each page's items wrapped by ``wrap``."""
    return Call(
        f"{table.operation.method}_pages",
        table.params(identifier, page_size, **more),
        lambda page: [wrap(item) for item in table.items_of(page)],
    )


def item_call(
    table: ResourceTable,
    verb: str,
    scope: Mapping[str, str],
    identifiers: Sequence[str],
    wrap: Callable[[Any], R],
    **more: Any,
) -> Call[R]:
    """The call serving ``verb`` for one item of a collection living under ``scope``
    (see `item_params`); the result is the answer's model wrapped by ``wrap``."""
    op, params = item_params(table, verb, scope, identifiers, **more)
    return Call(op.method, params, lambda output: wrap(op.model_of(output)))


def item_params(
    table: ResourceTable,
    verb: str,
    scope: Mapping[str, str],
    identifiers: Sequence[str],
    **more: Any,
) -> tuple[Operation, dict[str, Any]]:
    """The operation serving ``verb`` for one item of a collection living under ``scope``,
    and its arguments: the URI labels ``scope`` does not hold take ``identifiers`` in
    order."""
    op = table.verb(verb)
    free = [label for label in op.identifiers if label not in scope]
    values = {**scope, **dict(zip(free, identifiers, strict=True))}
    return op, op.params(values.__getitem__, **more)


def fetched_pages(
    client: PinpointClient, call: Call[list[R]], record: Callable[[Any], None] | None = None
) -> Iterator[list[R]]:
    """The pages of ``call`` as lists of items, each item holding its page's response."""
    for items, page in perform_pages(client, call):
        if record is not None:
            record(page)
        yield [with_response(item, page) for item in items]


C = TypeVar("C")


class ResourceCore(Generic[C, D]):
    """What a resource is without its I/O: a client of type ``C``, the data, the
    identifiers, and the calls its verbs plan from its table. `Resource` performs those
    calls with the sync client, `pinpoint_sdk.aio.AsyncResource` awaits them.
    """

    def __init__(
        self, client: C, data: D, *, last_response: ResponseInfo | None = None
    ) -> None:
        self._client = client
        self._data = data
        self._last_response = last_response

    @property
    def last_response(self) -> ResponseInfo | None:
        """What the service answered to this resource's last call (request id, status,
        headers), like stripe's ``last_response``; ``None`` before any call.

        Updated by every call the resource makes (`reload`, ``update``, ``delete``,
        state changes, listings as their pages are read...); a resource from a
        collection's ``get``/``create`` holds that call's, one from a listing the page's.
        A call that raises leaves it as it was: the error carries its own
        ``request_id``.

        Examples:
            >>> campaign.update(name="spring").last_response.request_id
            '4f2c...'
        """
        return self._last_response

    def _record(self, output: Any) -> None:
        info = ResponseInfo.of(output)
        if info is not None:
            self._last_response = info

    @property
    def client(self) -> C:
        """The typed client this resource uses."""
        return self._client

    @property
    def data(self) -> D:
        """The response model last fetched for this resource."""
        return self._data

    @property
    def id(self) -> str:
        """The resource's identifier.

        Raises:
            pinpoint_sdk.errors.MissingIdentifierError: `data` has no id.
        """
        return self._required("id", getattr(self._data, "id", None))

    def _required(self, identifier: str, value: Any) -> str:
        """``value`` if it is a non-empty identifier; raises `MissingIdentifierError` else."""
        if isinstance(value, str) and value:
            return value
        raise errors.MissingIdentifierError(type(self).__name__, identifier)

    @property
    def name(self) -> str | None:
        """The resource's name, if it has one."""
        value = getattr(self._data, "name", None)
        return value if isinstance(value, str) else None

    def _identity(self) -> tuple[Any, ...]:
        # Raw values: comparing or hashing a resource never raises, even without an id.
        table = type(self)._table
        if table is None:
            return (getattr(self._data, "id", None),)
        return tuple(getattr(self._data, attribute, None) for _, attribute in table.identifiers)

    _table: ClassVar[ResourceTable | None] = None
    # The table serving this kind of resource (from `pinpoint_sdk.resources._tables`).

    def _resource_table(self) -> ResourceTable:
        table = type(self)._table
        if table is None:
            raise NotImplementedError(f"{type(self).__name__} has no resource table")
        return table

    def _identifier(self, label: str) -> str:
        """The value of the URI label ``label`` for this resource, read from `data`.

        Raises:
            pinpoint_sdk.errors.MissingIdentifierError: `data` lacks it.
        """
        attribute = self._resource_table().attribute(label)
        if attribute == "id":
            return self.id
        value = getattr(self._data, attribute, None)
        return self._required(attribute, str(value) if value is not None else None)

    def _plan(self, verb: str, **more: Any) -> Call[Any]:
        """The call serving ``verb`` on this resource; its result is the model the answer
        carries, or ``None`` where the operation answers only a message."""
        table = self._resource_table()
        op = table.verb(verb)
        result = op.model_of if table.returns_model(op) else no_model
        return Call(op.method, op.params(self._identifier, **more), result)

    def _listing_plan(
        self, table: CollectionTable, wrap: Callable[[Any], R]
    ) -> Callable[[int | None], Call[list[R]]]:
        """The paged call listing this resource's sub-items served by ``table``, for a
        page size. The identifiers are read now: a missing one raises here."""
        ids = {label: self._identifier(label) for label in table.operation.identifiers}
        return lambda size: pages_call(table, ids.__getitem__, size, wrap)

    def _performed(self, result: T, output: Any) -> T:
        """Keep the answer ``output`` as `last_response` and return the call's result."""
        self._record(output)
        return result

    def _deleted(self, model: Any) -> D:
        """The last state after a delete: the model the delete operation answered, or
        `data` as last fetched where it answers only a message."""
        return cast(D, self._data if model is None else model)

    def _update_plan(self, request: Any, changes: Mapping[str, Any], **more: Any) -> Call[Any]:
        """The update call: ``request``, or the current data with ``changes``, as the
        update operation's request model."""
        op = self._resource_table().verb("update")
        body = write_request(self, request, changes, request_model(op))
        return self._plan("update", **{cast(str, op.request): body}, **more)

    def _updated(self, model: Any) -> Self:
        """After an update: `data` becomes the answer where the operation returns the
        resource, and stays as it was where it does not."""
        if model is not None:
            self._data = model
        return self

    def _reloaded(self, model: Any) -> Self:
        """After a fetch: `data` becomes ``model``."""
        self._data = cast(D, model)
        return self

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._identity() == cast(ResourceCore[Any, Any], other)._identity()

    def __hash__(self) -> int:
        return hash((type(self).__name__, *self._identity()))

    def __repr__(self) -> str:
        name = self.name
        shown = f" name={name!r}" if name is not None else ""
        return f"<{type(self).__name__} id={self._identity()[-1]!r}{shown}>"

    def _repr_html_(self) -> str:
        from pinpoint_sdk._html import to_html

        return to_html(self)


class Resource(ResourceCore["PinpointClient", D]):
    """Base of every resource: a client, identifiers and the last response model.

    ``.data`` is the model the service last returned; ``.reload()`` fetches it again.
    Resources compare equal when they have the same class and identifiers.

    What the verbs return, one rule for every resource (`App`, `Campaign`, `Journey`,
    `Segment`, `Endpoint`, `Template`, `RecommenderConfiguration`, import/export jobs):

    * ``reload()``, ``update(...)`` and the verbs that change the resource (``tag``,
      ``untag``, ``pause``, ``resume``, ``cancel``, ``set_active_version``, ``wait``)
      return the resource itself, so calls chain. ``data`` then holds the service's
      answer where the operation returns the resource, or is fetched again where it
      does not (``tag``, templates). UpdateEndpoint is the one exception to the
      refresh: the service accepts it asynchronously (202) and returns no endpoint,
      so `Endpoint.update` leaves ``data`` as it was; ``reload()`` later.
    * ``delete()`` returns the deleted resource's last state as its response model
      (the type of ``data``): what the delete operation answers, or ``data`` as last
      fetched where the operation answers only a message (templates).
    * ``last_response`` is the `ResponseInfo` of the resource's last call, whichever
      verb made it.
    * The parts an application has exactly one of (`Channel`, `AppSettings`,
      `EventStreamConfig`) hold no ``data``: their ``get``, ``update``/``put`` and
      ``delete`` return the model the service answers (for ``delete``, the settings as
      they were), and they keep ``last_response`` like every resource. A `User` (the
      endpoints of one user id) keeps ``last_response`` too; its ``delete()`` returns
      the deleted endpoints.

    Examples:
        >>> campaign.update(name="spring").pause() is campaign
        True
        >>> last_state = campaign.delete()   # a CampaignResponse
    """

    @property
    def _api(self) -> PinpointClient:
        # The client, recording each answer as `last_response`.
        return cast("PinpointClient", _Recorder(self))

    def _record_pages(self, pages: Iterator[T]) -> Iterator[T]:
        for page in pages:
            self._record(page)
            yield page

    def _run(self, call: Call[T]) -> T:
        """Make ``call``, keep its answer as `last_response`, and return its result."""
        return self._performed(*perform(self._client, call))

    def _fetch(self) -> D:
        return cast(D, self._run(self._plan("get")))

    def _delete(self, **more: Any) -> D:
        """Delete the resource; its last state (see `_deleted`)."""
        return self._deleted(self._run(self._plan("delete", **more)))

    def _update(self, request: Any, changes: Mapping[str, Any]) -> Self:
        """Send the update (see `_updated` for what becomes of `data`)."""
        return self._updated(self._run(self._update_plan(request, changes)))

    def _listing(
        self,
        table: CollectionTable,
        wrap: Callable[[Any], R],
        *,
        what: str,
        page_size: int | None,
    ) -> Listing[R]:
        """A `Listing` of this resource's sub-items served by ``table``.

        The identifiers are read now (a missing one raises here), pages when iterated;
        each page's answer becomes `last_response`.
        """
        plan = self._listing_plan(table, wrap)

        def fetch(size: int | None) -> Iterator[list[R]]:
            return fetched_pages(self._client, plan(size), self._record)

        result: Listing[R] = Listing(
            self._client, fetch, what=what, sized=table.page_size is not None
        )
        return result.page_size(page_size) if page_size is not None else result

    def reload(self) -> Self:
        """Fetch the resource again and replace `data`; returns ``self``.

        Examples:
            >>> campaign.reload().data.state
        """
        self._data = self._fetch()
        return self



class CollectionCore(Generic[C, R]):
    """What a lazy collection is without its I/O: a client of type ``C``, a page size
    and a limit. `Collection` iterates with the sync client,
    `pinpoint_sdk.aio.AsyncCollection` with ``async for``."""

    def __init__(self, client: C) -> None:
        self._client = client
        self._page_size: int | None = None
        self._limit: int | None = None

    def _clone(self, **changes: Any) -> Self:
        clone = copy.copy(self)
        for key, value in changes.items():
            setattr(clone, key, value)
        return clone

    def all(self, *, page_size: int | None = None) -> Self:
        """Every item (optionally with a service page size); same as iterating."""
        return self.page_size(page_size) if page_size is not None else self._clone()

    def page_size(self, count: int) -> Self:
        """A copy that asks the service for ``count`` items per page (a positive integer)."""
        return self._clone(_page_size=int(_page_size(count)))

    def limit(self, count: int) -> Self:
        """A copy that yields at most ``count`` items (and fetches no page beyond them)."""
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise errors.ValidationError(
                f"must be a non-negative integer, got {count!r}", "limit"
            )
        return self._clone(_limit=count)

    def _first_only(self) -> Self:
        """A copy that yields at most the first item (none when the limit is 0)."""
        return self._clone(_limit=1 if self._limit is None else min(self._limit, 1))

    def _budget(self) -> _Budget:
        """How many items iterating may still yield (the limit)."""
        return _Budget(self._limit)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


class _Budget:
    """The items an iteration may still yield: ``None`` for no limit."""

    __slots__ = ("remaining",)

    def __init__(self, remaining: int | None) -> None:
        self.remaining = remaining

    @property
    def spent(self) -> bool:
        """Whether no further item (nor page) may be read."""
        return self.remaining is not None and self.remaining <= 0

    def take(self, page: list[R]) -> list[R]:
        """The part of ``page`` the budget allows, counted off it."""
        if self.remaining is None:
            return page
        page = page[:self.remaining]
        self.remaining -= len(page)
        return page


class Collection(CollectionCore["PinpointClient", R]):
    """A lazy, re-iterable view over a listing API.

    Iterating requests one page at a time and only as far as you read; ``limit(n)``
    stops after ``n`` items without fetching further pages, ``page_size(n)`` sets the
    service page size, ``pages()`` yields one list per service page. ``limit`` and
    ``page_size`` return new collections; the original is unchanged.

    Examples:
        >>> for campaign in app.campaigns.page_size(50).limit(120):
        ...     print(campaign.name)
    """

    def _fetch_pages(self, page_size: int | None) -> Iterator[list[R]]:
        raise NotImplementedError

    def pages(self) -> Iterator[list[R]]:
        """One list of resources per service page, fetched as you iterate.

        Examples:
            >>> for page in app.segments.page_size(100).pages():
            ...     print(len(page))
        """
        budget = self._budget()
        if budget.spent:
            return
        for page in self._fetch_pages(self._page_size):
            yield budget.take(page)
            if budget.spent:
                return

    def __iter__(self) -> Iterator[R]:
        for page in self.pages():
            yield from page

    def first(self) -> R | None:
        """The first item, or ``None`` when there is none (or the limit is 0); reads
        pages only until one holds an item."""
        return next(iter(self._first_only()), None)

    def to_dataframe(self) -> pandas.DataFrame:
        """Every item as a row of a pandas DataFrame (needs the ``pandas`` extra).

        Examples:
            >>> app.campaigns.limit(50).to_dataframe()[["id", "name"]]
        """
        from pinpoint_sdk.dataframe import to_dataframe

        return to_dataframe(self)


class AppResourceCore(ResourceCore[C, D]):
    """A resource of either layer that belongs to one application."""

    @property
    def application_id(self) -> str:
        """The id of the application the resource belongs to."""
        return self._required("application_id", getattr(self._data, "application_id", None))


class AppResource(AppResourceCore["PinpointClient", D], Resource[D]):
    """A resource that belongs to one application."""



class TableCore(CollectionCore[C, R]):
    """What a table-served collection plans without I/O: listing, ``get`` and ``create``
    calls from the collection's `CollectionTable` and its items' `ResourceTable`.

    ``scope`` holds the identifiers the collection lives under (``application_id``).
    """

    _table: ClassVar[CollectionTable]
    _item: ClassVar[type[ResourceCore[Any, Any]]]

    def __init__(self, client: C, **scope: str) -> None:
        super().__init__(client)
        self._scope = scope

    def _wrap(self, data: Any) -> R:
        return cast(R, self._item(self._client, data))

    def _filters(self) -> dict[str, Any]:
        # Further arguments of the listing call (none unless a subclass filters).
        return {}

    def _pages_call(self, page_size: int | None) -> Call[list[R]]:
        """The paged listing call."""
        return pages_call(
            self._table, self._scope.__getitem__, page_size, self._wrap, **self._filters()
        )

    def _plan(self, verb: str, *identifiers: str, **more: Any) -> Call[R]:
        """The call serving ``verb`` for one item (see `item_call`)."""
        table = self._item._table
        assert table is not None
        return item_call(table, verb, self._scope, identifiers, self._wrap, **more)

    def _create_plan(self, request: Any, *identifiers: str, **more: Any) -> Call[R]:
        """The create call: ``request`` (a model or a builder) as the create operation's
        request model."""
        table = self._item._table
        assert table is not None
        op = table.verb("create")
        body = resolve_request(request, request_model(op))
        return self._plan("create", *identifiers, **{cast(str, op.request): body}, **more)

    def __repr__(self) -> str:
        scope = "".join(f" {key}={value!r}" for key, value in self._scope.items())
        return f"<{type(self).__name__}{scope}>"


class TableCollection(TableCore["PinpointClient", R], Collection[R]):
    """A `Collection` served by the tables: listing, ``get`` and ``create`` are planned
    from the collection's `CollectionTable` and its items' `ResourceTable`.

    ``scope`` holds the identifiers the collection lives under (``application_id``).
    """

    _table: ClassVar[CollectionTable]
    _item: ClassVar[type[Resource[Any]]]

    def _fetch_pages(self, page_size: int | None) -> Iterator[list[R]]:
        return fetched_pages(self._client, self._pages_call(page_size))

    def _run(self, call: Call[R]) -> R:
        """Make ``call``; the item it returns holds the answer as its `last_response`."""
        item, output = perform(self._client, call)
        return with_response(item, output)

    def _get(self, *identifiers: str) -> R:
        return self._run(self._plan("get", *identifiers))

    def _create(self, request: Any, *identifiers: str, **more: Any) -> R:
        return self._run(self._create_plan(request, *identifiers, **more))


class AppScoped:
    """Something that lives under one application: a client and an application id."""

    def __init__(self, client: PinpointClient, application_id: str) -> None:
        self._client = client
        self.application_id = application_id

    def __repr__(self) -> str:
        return f"<{type(self).__name__} application_id={self.application_id!r}>"


class AppScopedCollection(TableCollection[R]):
    """A table-served collection of one application's resources."""

    def __init__(self, client: PinpointClient, application_id: str) -> None:
        super().__init__(client, application_id=application_id)
        self.application_id = application_id


P = TypeVar("P")


class ListingCore(CollectionCore[C, R], Generic[C, R, P]):
    """What a listing of one resource's sub-items is without its I/O: the function that
    fetches its pages (``P``: an iterator of pages, or an async one), what it lists, and
    whether it has a page size. `Listing` and `pinpoint_sdk.aio.AsyncListing` read it."""

    def __init__(
        self,
        client: C,
        fetch: Callable[[int | None], P],
        *,
        what: str,
        sized: bool = True,
    ) -> None:
        super().__init__(client)
        self._fetch = fetch
        self._what = what
        self._sized = sized

    def _fetch_pages(self, page_size: int | None) -> P:
        return self._fetch(page_size)

    def page_size(self, count: int) -> Self:
        """A copy that asks the service for ``count`` items per page (a positive integer).

        Raises:
            pinpoint_sdk.errors.ValidationError: the listing is one service call
                without a page size.
        """
        if not self._sized:
            raise errors.ValidationError(
                f"{self._what} come in one service call, which has no page size", "page_size"
            )
        return super().page_size(count)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._what}>"


class Listing(ListingCore["PinpointClient", R, Iterator[list[R]]], Collection[R]):
    """A `Collection` over one resource's sub-items: a campaign's versions or activities,
    a journey's runs, a segment's versions and jobs, a template's versions, a user's
    endpoints.

    Chainable like every collection (``limit``, ``page_size``, ``pages``, iteration,
    ``to_dataframe``) and re-iterable: each iteration asks the service again. The
    method that returns it still takes ``page_size=`` as a keyword. A listing the service
    answers in one call (a user's endpoints) has no page size; ``page_size`` refuses it.

    Examples:
        >>> campaign.versions().limit(3).to_dataframe()
        >>> for page in journey.runs().page_size(20).pages():
        ...     print([run.run_id for run in page])
    """
