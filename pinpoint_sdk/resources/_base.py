"""Building blocks of the resource layer: resources, lazy collections, request helpers."""

from __future__ import annotations

import copy
from collections.abc import Callable, Container, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, cast

import attrs
from botocore import xform_name

from pinpoint_sdk import errors
from pinpoint_sdk._base_client import _page_size
from pinpoint_sdk.converter import structure, unstructure

if TYPE_CHECKING:
    from typing import Self

    import pandas

    from pinpoint_sdk._schema_types import MemberSchema, TypeRef
    from pinpoint_sdk.client import PinpointClient

__all__ = ["Buildable", "Collection", "Listing", "Resource", "ResponseInfo", "unwrap"]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
D = TypeVar("D")
R = TypeVar("R")
M = TypeVar("M")


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
    def of(cls, output: Any) -> ResponseInfo | None:
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
    if isinstance(resource, Resource):
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


class Resource(Generic[D]):
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

    Examples:
        >>> campaign.update(name="spring").pause() is campaign
        True
        >>> last_state = campaign.delete()   # a CampaignResponse
    """

    def __init__(
        self, client: PinpointClient, data: D, *, last_response: ResponseInfo | None = None
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

        Examples:
            >>> campaign.update(name="spring").last_response.request_id
            '4f2c...'
        """
        return self._last_response

    @property
    def _api(self) -> PinpointClient:
        # The client, recording each answer as `last_response`.
        return cast("PinpointClient", _Recorder(self))

    def _record(self, output: Any) -> None:
        info = ResponseInfo.of(output)
        if info is not None:
            self._last_response = info

    def _record_pages(self, pages: Iterator[T]) -> Iterator[T]:
        for page in pages:
            self._record(page)
            yield page

    @property
    def client(self) -> PinpointClient:
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
        return (getattr(self._data, "id", None),)

    def _fetch(self) -> D:
        raise NotImplementedError

    def reload(self) -> Self:
        """Fetch the resource again and replace `data`; returns ``self``.

        Examples:
            >>> campaign.reload().data.state
        """
        self._data = self._fetch()
        return self

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._identity() == cast(Resource[Any], other)._identity()

    def __hash__(self) -> int:
        return hash((type(self).__name__, *self._identity()))

    def __repr__(self) -> str:
        name = self.name
        shown = f" name={name!r}" if name is not None else ""
        return f"<{type(self).__name__} id={self._identity()[-1]!r}{shown}>"

    def _repr_html_(self) -> str:
        from pinpoint_sdk._html import to_html

        return to_html(self)


class Collection(Generic[R]):
    """A lazy, re-iterable view over a listing API.

    Iterating requests one page at a time and only as far as you read; ``limit(n)``
    stops after ``n`` items without fetching further pages, ``page_size(n)`` sets the
    service page size, ``pages()`` yields one list per service page. ``limit`` and
    ``page_size`` return new collections; the original is unchanged.

    Examples:
        >>> for campaign in app.campaigns.page_size(50).limit(120):
        ...     print(campaign.name)
    """

    def __init__(self, client: PinpointClient) -> None:
        self._client = client
        self._page_size: int | None = None
        self._limit: int | None = None

    def _fetch_pages(self, page_size: int | None) -> Iterator[list[R]]:
        raise NotImplementedError

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

    def pages(self) -> Iterator[list[R]]:
        """One list of resources per service page, fetched as you iterate.

        Examples:
            >>> for page in app.segments.page_size(100).pages():
            ...     print(len(page))
        """
        remaining = self._limit
        if remaining == 0:
            return
        for page in self._fetch_pages(self._page_size):
            if remaining is not None:
                page = page[:remaining]
                remaining -= len(page)
            yield page
            if remaining is not None and remaining <= 0:
                return

    def __iter__(self) -> Iterator[R]:
        for page in self.pages():
            yield from page

    def first(self) -> R | None:
        """The first item, or ``None`` when there is none (fetches one page at most)."""
        return next(iter(self.limit(1)), None)

    def to_dataframe(self) -> pandas.DataFrame:
        """Every item as a row of a pandas DataFrame (needs the ``pandas`` extra).

        Examples:
            >>> app.campaigns.limit(50).to_dataframe()[["id", "name"]]
        """
        from pinpoint_sdk.dataframe import to_dataframe

        return to_dataframe(self)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


class Listing(Collection[R]):
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

    def __init__(
        self,
        client: PinpointClient,
        fetch: Callable[[int | None], Iterator[list[R]]],
        *,
        what: str,
        sized: bool = True,
    ) -> None:
        super().__init__(client)
        self._fetch = fetch
        self._what = what
        self._sized = sized

    def _fetch_pages(self, page_size: int | None) -> Iterator[list[R]]:
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
        return f"<Listing {self._what}>"


def listing(
    client: PinpointClient,
    pages: Callable[[int | None], Iterator[Any]],
    items_of: Callable[[Any], list[Any] | None],
    wrap: Callable[[Any], R],
    *,
    what: str,
    page_size: int | None = None,
) -> Listing[R]:
    """A `Listing` of what ``items_of`` finds in each page ``pages(page_size)`` yields."""
    result: Listing[R] = Listing(
        client, lambda size: paged(pages(size), items_of, wrap), what=what
    )
    return result.page_size(page_size) if page_size is not None else result


def same(value: T) -> T:
    """The item itself (for listings of models)."""
    return value


def paged(
    pages: Iterator[Any], items_of: Callable[[Any], list[Any] | None], wrap: Callable[[Any], R]
) -> Iterator[list[R]]:
    """Turn an iterator of page models into lists of wrapped items, lazily."""
    for page in pages:
        yield [with_response(wrap(item), page) for item in (items_of(page) or [])]
