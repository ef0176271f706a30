"""An application's endpoints by id, indexed by user id, with per-request undo."""

from __future__ import annotations

from collections.abc import Hashable, ItemsView, Iterator, KeysView, MutableMapping, ValuesView
from typing import Any

Endpoint = dict[str, Any]


class _Unhashable:
    """An index key for a user id that cannot be hashed (a JSON list or object).

    Equal to another such key exactly when the ids are equal, as a scan comparing
    ``UserId`` values with ``==`` would find; every one of them hashes alike.
    """

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Unhashable) and bool(self.value == other.value)

    def __hash__(self) -> int:
        return 0


def _user_key(user_id: Any) -> Hashable:
    try:
        hash(user_id)
    except TypeError:
        return _Unhashable(user_id)
    key: Hashable = user_id
    return key


def user_id_of(endpoint: Endpoint) -> Any:
    """The endpoint's ``User.UserId`` (None when it has no user id)."""
    user = endpoint.get("User")
    return user.get("UserId") if isinstance(user, dict) else None


# What a journal remembers of an endpoint id: None when the id was absent, else the
# endpoint's place in the table order and the stored entry.
_Before = tuple[int, Endpoint] | None


class EndpointTable(MutableMapping[str, Endpoint]):
    """The endpoints of one application, in insertion order, like a dict.

    Each entry is indexed by its ``User.UserId``, so the endpoints of a user are found
    without a scan. The index cannot drift from the table: every change, whoever makes
    it, goes through ``__setitem__`` or ``__delitem__`` (``update``, ``pop``, ``clear``
    and the rest are built on those two), and they update both. This relies on stored
    entries being replaced, never edited in place, as the double does throughout.

    A request's changes can be undone: `begin` starts a journal of the entries a write
    replaces or removes, `rollback` puts them back (in their old places in the order)
    and `commit` forgets them; journals nest. Undo costs the number of endpoints the
    request changed, not the size of the table.
    """

    def __init__(self) -> None:
        self._data: dict[str, Endpoint] = {}
        # Endpoint id -> an increasing number giving its place in the table order.
        self._position: dict[str, int] = {}
        self._next_position = 0
        # Endpoint id -> its user key, and user key -> its endpoint ids.
        self._user_of: dict[str, Hashable] = {}
        self._by_user: dict[Hashable, set[str]] = {}
        self._journals: list[dict[str, _Before]] = []

    # -- reading -------------------------------------------------------------------
    def __getitem__(self, endpoint_id: str) -> Endpoint:
        return self._data[endpoint_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, endpoint_id: object) -> bool:
        return endpoint_id in self._data

    def __repr__(self) -> str:
        return f"EndpointTable({self._data!r})"

    def keys(self) -> KeysView[str]:
        """The endpoint ids, in table order."""
        return self._data.keys()

    def values(self) -> ValuesView[Endpoint]:
        """The endpoints, in table order."""
        return self._data.values()

    def items(self) -> ItemsView[str, Endpoint]:
        """(id, endpoint) pairs, in table order."""
        return self._data.items()

    def user_endpoint_ids(self, user_id: Any) -> list[str]:
        """Ids of the endpoints whose ``User.UserId`` equals ``user_id``, in table order."""
        if user_id is None:
            return [key for key, endpoint in self._data.items() if user_id_of(endpoint) is None]
        found = self._by_user.get(_user_key(user_id))
        if not found:
            return []
        return sorted(found, key=self._position.__getitem__)

    def user_index(self) -> list[tuple[Any, list[str]]]:
        """Each indexed user id with its endpoint ids, as `user_endpoint_ids` gives them.

        Users come in the table order of their first endpoint (for checks against a scan).
        """
        groups = [sorted(ids, key=self._position.__getitem__) for ids in self._by_user.values()]
        groups.sort(key=lambda ids: self._position[ids[0]])
        return [(user_id_of(self._data[ids[0]]), ids) for ids in groups]

    # -- writing -------------------------------------------------------------------
    def __setitem__(self, endpoint_id: str, endpoint: Endpoint) -> None:
        self._remember(endpoint_id)
        position = self._position.get(endpoint_id)
        if position is None:
            position = self._next_position
            self._next_position += 1
        self._put(endpoint_id, endpoint, position)

    def __delitem__(self, endpoint_id: str) -> None:
        if endpoint_id not in self._data:
            raise KeyError(endpoint_id)
        self._remember(endpoint_id)
        self._remove(endpoint_id)

    def _put(self, endpoint_id: str, endpoint: Endpoint, position: int) -> None:
        """Store ``endpoint`` at ``position``: the one place an entry is set."""
        if endpoint_id in self._data:
            self._unindex(endpoint_id)
        self._data[endpoint_id] = endpoint
        self._position[endpoint_id] = position
        user_id = user_id_of(endpoint)
        if user_id is not None:
            key = _user_key(user_id)
            self._user_of[endpoint_id] = key
            self._by_user.setdefault(key, set()).add(endpoint_id)

    def _remove(self, endpoint_id: str) -> None:
        """Forget ``endpoint_id``: the one place an entry is removed."""
        self._unindex(endpoint_id)
        del self._data[endpoint_id]
        del self._position[endpoint_id]

    def _unindex(self, endpoint_id: str) -> None:
        key = self._user_of.pop(endpoint_id, None)
        if key is None:
            return
        ids = self._by_user[key]
        ids.discard(endpoint_id)
        if not ids:
            del self._by_user[key]

    # -- undo ----------------------------------------------------------------------
    def _remember(self, endpoint_id: str) -> None:
        if not self._journals:
            return
        journal = self._journals[-1]
        if endpoint_id not in journal:
            journal[endpoint_id] = (
                (self._position[endpoint_id], self._data[endpoint_id])
                if endpoint_id in self._data
                else None
            )

    def begin(self) -> None:
        """Start recording what the following writes replace, for `rollback`."""
        self._journals.append({})

    def commit(self) -> None:
        """Keep the writes since the matching `begin`."""
        journal = self._journals.pop()
        if self._journals:
            outer = self._journals[-1]
            for endpoint_id, before in journal.items():
                outer.setdefault(endpoint_id, before)

    def rollback(self) -> None:
        """Undo every write since the matching `begin`, the table order included."""
        journal = self._journals.pop()
        reorder = False
        for endpoint_id, before in journal.items():
            if before is None:
                if endpoint_id in self._data:
                    self._remove(endpoint_id)
                continue
            position, endpoint = before
            if self._position.get(endpoint_id) != position:
                # Removed (and maybe added again at the end) since `begin`.
                reorder = True
            self._put(endpoint_id, endpoint, position)
        if reorder:
            self._data = dict(sorted(self._data.items(), key=lambda item: self._position[item[0]]))
