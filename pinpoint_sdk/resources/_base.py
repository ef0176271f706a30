"""Building blocks of the resource layer: resources, lazy collections, request helpers."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, cast

from pinpoint_sdk import errors
from pinpoint_sdk._base_client import _page_size
from pinpoint_sdk.converter import structure, unstructure

if TYPE_CHECKING:
    from typing import Self

    from pinpoint_sdk.client import PinpointClient

__all__ = ["Buildable", "Collection", "Resource", "unwrap"]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
D = TypeVar("D")
R = TypeVar("R")
M = TypeVar("M")


class Buildable(Protocol[T_co]):
    """Anything with a ``build()`` returning a request model (the builders in
    :mod:`pinpoint_sdk.builders` qualify).

    Example:
        >>> app.campaigns.create(CampaignBuilder("spring").segment(seg.id).email(...))
    """

    def build(self) -> T_co:
        """The validated request model."""
        ...


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


def _project(value: Any, source: Any, target: Any) -> Any:
    """Keep what ``target`` (botocore shape) accepts from ``value`` shaped as ``source``.

    Members known to the response shape but not to the request shape (ids, dates,
    states...) are dropped; keys that neither shape knows are data the SDK does not
    understand yet and are kept as they are.
    """
    type_name = target.type_name
    if type_name == "structure":
        if not isinstance(value, Mapping):
            return _DROP
        target_members = target.members
        source_members = source.members if source is not None and \
            source.type_name == "structure" else {}
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key in target_members:
                projected = _project(item, source_members.get(key), target_members[key])
                if projected is not _DROP:
                    out[key] = projected
            elif key not in source_members:
                out[key] = item
        return out
    if type_name == "list":
        if not isinstance(value, list):
            return _DROP
        source_member = source.member if source is not None and source.type_name == "list" \
            else None
        items = [_project(item, source_member, target.member) for item in value]
        return [item for item in items if item is not _DROP]
    if type_name == "map":
        if not isinstance(value, Mapping):
            return _DROP
        source_value = source.value if source is not None and source.type_name == "map" \
            else None
        projected_map = {k: _project(v, source_value, target.value) for k, v in value.items()}
        return {k: v for k, v in projected_map.items() if v is not _DROP}
    if isinstance(value, (Mapping, list)):
        return _DROP
    return value


_DROP = object()


def to_write_request(client: PinpointClient, data: Any, cls: type[T]) -> T:
    """Turn a response model into the request model ``cls`` for a read-modify-write.

    Goes through the wire dict and the installed botocore model, so fields the SDK
    does not know (an activity type added to the service later, say) travel back
    unchanged while read-only members (``Id``, ``CreationDate``, ...) are left out.
    """
    service_model = client.boto3_client.meta.service_model
    source = service_model.shape_for(type(data).__name__)
    target = service_model.shape_for(cls.__name__)
    projected = _project(unstructure(data), source, target)
    return structure(projected, cls)


class Resource(Generic[D]):
    """Base of every resource: a client, identifiers and the last response model.

    ``.data`` is the model the service last returned; ``.reload()`` fetches it again.
    Resources compare equal when they have the same class and identifiers.
    """

    def __init__(self, client: PinpointClient, data: D) -> None:
        self._client = client
        self._data = data

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
        """The resource's identifier."""
        return str(getattr(self._data, "id", None) or "")

    @property
    def name(self) -> str | None:
        """The resource's name, if it has one."""
        value = getattr(self._data, "name", None)
        return value if isinstance(value, str) else None

    def _identity(self) -> tuple[Any, ...]:
        return (self.id,)

    def _fetch(self) -> D:
        raise NotImplementedError

    def reload(self) -> Self:
        """Fetch the resource again and replace :attr:`data`; returns ``self``.

        Example:
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
        return f"<{type(self).__name__} id={self.id!r}{shown}>"

    def _repr_html_(self) -> str:
        from pinpoint_sdk.display import to_html

        return to_html(self)


class Collection(Generic[R]):
    """A lazy, re-iterable view over a listing API.

    Iterating requests one page at a time and only as far as you read; ``limit(n)``
    stops after ``n`` items without fetching further pages, ``page_size(n)`` sets the
    service page size, ``pages()`` yields one list per service page. ``limit`` and
    ``page_size`` return new collections; the original is unchanged.

    Example:
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

        Example:
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

    def to_dataframe(self) -> Any:
        """Every item as a row of a pandas DataFrame (needs the ``pandas`` extra).

        Example:
            >>> app.campaigns.limit(50).to_dataframe()[["id", "name"]]
        """
        from pinpoint_sdk.dataframe import to_dataframe

        return to_dataframe(self)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


def paged(
    pages: Iterator[Any], items_of: Callable[[Any], list[Any] | None], wrap: Callable[[Any], R]
) -> Iterator[list[R]]:
    """Turn an iterator of page models into lists of wrapped items, lazily."""
    for page in pages:
        yield [wrap(item) for item in (items_of(page) or [])]
