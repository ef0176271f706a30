"""State kept by the double and the helpers every operation family shares."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Required, TypedDict, TypeVar

from moto.pinpoint.models import App, PinpointBackend
from moto.utilities.utils import get_partition

from ._endpoints import EndpointTable
from ._exceptions import BadRequestException, NotFoundException
from ._shapes import missing_required, operation_model

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 100


def now_iso() -> str:
    """The current UTC time as the ISO-8601 string the service uses for dates."""
    return _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def new_id() -> str:
    """A fresh 32-hex-digit identifier, like the service's ids."""
    return uuid.uuid4().hex


@dataclass
class Versioned:
    """A resource whose every update keeps the previous state as a version."""

    versions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def current(self) -> dict[str, Any]:
        """The latest version."""
        return self.versions[-1]


@dataclass
class Job:
    """An import or export job and the number of times it has been read."""

    data: dict[str, Any]
    polls: int = 0


@dataclass
class AppState:
    """Everything the double keeps for one application (project).

    Endpoint and event entries are replaced, not edited in place, once stored, and
    events are only ever appended: a request's checkpoint journals the endpoints it
    changes (`EndpointTable`), remembers only the length of the event list (both can be
    large), and copies everything else in full. Imported segments' members are tuples,
    replaced rather than edited, so their table is copied one level deep.
    """

    creation_date: str = field(default_factory=now_iso)
    settings: dict[str, Any] = field(default_factory=dict)
    settings_modified: str = field(default_factory=now_iso)
    channels: dict[str, dict[str, Any]] = field(default_factory=dict)
    endpoints: EndpointTable = field(default_factory=EndpointTable)
    events: list[dict[str, Any]] = field(default_factory=list)
    segments: dict[str, Versioned] = field(default_factory=dict)
    campaigns: dict[str, Versioned] = field(default_factory=dict)
    campaign_activities: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    journeys: dict[str, dict[str, Any]] = field(default_factory=dict)
    journey_runs: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    import_jobs: dict[str, Job] = field(default_factory=dict)
    export_jobs: dict[str, Job] = field(default_factory=dict)
    # Segment id -> ids of the endpoints its import jobs upserted, in import order.
    segment_members: dict[str, tuple[str, ...]] = field(default_factory=dict)
    event_stream: dict[str, Any] | None = None


def _clone(value: Any) -> Any:
    """A deep copy of the double's plain data (dicts, lists, sets, dataclasses)."""
    kind = type(value)
    if kind is dict:
        return {key: _clone(item) for key, item in value.items()}
    if kind is list:
        return [_clone(item) for item in value]
    if kind is set:
        return set(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(
            value, **{f.name: _clone(getattr(value, f.name)) for f in dataclasses.fields(value)}
        )
    return value


def _copy(table: dict[Any, Any]) -> dict[Any, Any]:
    """A copy of a table of dicts or lists and of each entry's top level."""
    return {key: type(item)(item) for key, item in table.items()}


@dataclass(frozen=True)
class _Length:
    """What a checkpoint keeps of an append-only list: how long it was."""

    length: int


def _length(items: list[Any]) -> _Length:
    return _Length(len(items))


def _put_back(target: Any, saved: Any) -> Any:
    """Make the container ``target`` equal ``saved`` in place; other values are returned.

    An append-only list saved as its `_Length` loses what was appended since.
    """
    if isinstance(saved, _Length) and isinstance(target, list):
        del target[saved.length :]
        return target
    if type(target) is not type(saved):
        return saved
    if isinstance(target, dict):
        target.clear()
        target.update(saved)
    elif isinstance(target, list):
        target[:] = saved
    elif isinstance(target, set):
        target.clear()
        target.update(saved)
    else:
        return saved
    return target


# How a checkpoint copies each table: in full by default; the tables that can grow
# large hold entries that are replaced rather than edited in place (`_copy` or `dict`,
# one level deep) or are only appended to (`_length`: nothing is copied, so a request
# costs the same however many records came before it). An app's endpoints are not
# copied: their table journals what a request changes (`EndpointTable.begin`).
_BACKEND_TABLES: dict[str, Callable[[Any], Any]] = {
    "app_states": dict,
    "templates": _clone,
    "template_active": dict,
    "recommenders": _clone,
    "otp_codes": _clone,
    "last_otp": dict,
    "failing_jobs": set,
    "failing_s3_urls": set,
    "sent_messages": _length,
    "staged_imports": _copy,
}
_STATE_TABLES: dict[str, Callable[[Any], Any]] = {"events": _length, "segment_members": dict}


class MessageOrigin(TypedDict, total=False):
    """Where a delivered message came from, merged into its `SentMessage` record."""

    EndpointId: str
    """Set when the message went to an endpoint (not to a bare address)."""
    CampaignId: str
    CampaignActivityId: str
    TreatmentId: str


class SentMessage(MessageOrigin, total=False):
    """One message the double delivered, as `BackendCore.sent_messages` records it."""

    ApplicationId: Required[str]
    ChannelType: Required[str | None]
    """``EMAIL``, ``SMS``, ``PUSH`` ... as the request or the endpoint named it."""
    Address: Required[str | None]
    MessageId: Required[str]
    SentAt: Required[str]
    """ISO-8601 time of delivery."""
    MessageConfiguration: dict[str, Any]
    """The request's ``MessageConfiguration`` in wire form (not for one-time codes)."""
    TemplateConfiguration: dict[str, Any]
    """The request's ``TemplateConfiguration`` in wire form (not for one-time codes)."""
    Otp: str
    """The one-time code, for a SendOTPMessage delivery."""
    BrandName: str
    """The brand name of a SendOTPMessage delivery."""


class BackendCore:
    """Shared state and helpers; the operation families are mixins on top of it."""

    def __init__(self, moto_backend: PinpointBackend) -> None:
        self.moto = moto_backend
        self.account_id: str = moto_backend.account_id
        self.region_name: str = moto_backend.region_name
        self.app_states: dict[str, AppState] = {}
        self.templates: dict[tuple[str, str], Versioned] = {}
        self.template_active: dict[tuple[str, str], str] = {}
        self.recommenders: dict[str, dict[str, Any]] = {}
        self.otp_codes: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.last_otp: dict[str, str] = {}
        self.sent_messages: list[SentMessage] = []
        self.failing_jobs: set[str] = set()
        # Jobs whose S3 URL is one of these or under one end FAILED (see fail_jobs_at).
        self.failing_s3_urls: set[str] = set()
        # Endpoints "stored" at S3 URLs, read by import jobs (see stage_import).
        self.staged_imports: dict[str, list[dict[str, Any]]] = {}
        # Held by every request for its whole run, so each one sees and leaves a
        # consistent state; re-entrant for helpers that run inside a request.
        self.lock = threading.RLock()

    # -- transactions --------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self, application_id: str | None = None) -> Iterator[None]:
        """Run a request alone and undo everything it changed if it raises.

        Holds `lock` throughout. The checkpoint covers the backend-wide tables, moto's
        apps and tags, and the state of ``application_id`` (the only application a
        request can address).
        """
        with self.lock:
            restore, keep = self._checkpoint(application_id)
            try:
                yield
            except BaseException:
                restore()
                raise
            keep()

    def _checkpoint(
        self, application_id: str | None
    ) -> tuple[Callable[[], None], Callable[[], None]]:
        """Copy what a request may change.

        Returns the function that puts it back in place and the one that keeps the
        request's changes; the request calls exactly one of them.
        """
        apps = dict(self.moto.apps)
        tagger = self.moto.tagger
        tags = {arn: dict(values) for arn, values in tagger.tags.items()}
        shared = {name: copy(getattr(self, name)) for name, copy in _BACKEND_TABLES.items()}
        state = self.app_states.get(application_id) if application_id else None
        saved_state = (
            {
                f.name: _STATE_TABLES.get(f.name, _clone)(getattr(state, f.name))
                for f in dataclasses.fields(state)
                if f.name != "endpoints"
            }
            if state is not None
            else {}
        )
        endpoints = state.endpoints if state is not None else None
        if endpoints is not None:
            endpoints.begin()

        def restore() -> None:
            if endpoints is not None:
                endpoints.rollback()
            _put_back(self.moto.apps, apps)
            _put_back(tagger.tags, tags)
            for name, value in shared.items():
                setattr(self, name, _put_back(getattr(self, name), value))
            for name, value in saved_state.items():
                setattr(state, name, _put_back(getattr(state, name), value))

        def keep() -> None:
            if endpoints is not None:
                endpoints.commit()

        return restore, keep

    # -- identifiers ---------------------------------------------------------------
    @property
    def arn_prefix(self) -> str:
        """``arn:<partition>:mobiletargeting:<region>:<account>:``."""
        partition = get_partition(self.region_name)
        return f"arn:{partition}:mobiletargeting:{self.region_name}:{self.account_id}:"

    # -- lookups -------------------------------------------------------------------
    def app(self, application_id: str) -> App:
        """The moto ``App`` for ``application_id`` or NotFoundException."""
        found = self.moto.apps.get(application_id)
        if found is None:
            raise NotFoundException("Application not found")
        return found

    def state(self, application_id: str) -> AppState:
        """The double's state for an existing application."""
        self.app(application_id)
        if application_id not in self.app_states:
            self.app_states[application_id] = AppState()
        return self.app_states[application_id]

    @staticmethod
    def lookup(table: Mapping[str, T], key: str, what: str = "Resource") -> T:
        """``table[key]`` or NotFoundException."""
        if key not in table:
            raise NotFoundException(f"{what} not found")
        return table[key]

    # -- tags ----------------------------------------------------------------------
    def tags_of(self, arn: str) -> dict[str, str]:
        """Tags stored for ``arn`` in moto's tagging service."""
        tags: dict[str, str] = self.moto.tagger.get_tag_dict_for_resource(arn)
        return tags

    def set_tags(self, arn: str, tags: dict[str, str] | None) -> None:
        """Add ``tags`` to ``arn`` (checking the service limits)."""
        if not tags:
            return
        if len({**self.tags_of(arn), **tags}) > 50:
            raise BadRequestException("A resource can have at most 50 tags")
        for key, value in tags.items():
            if not 1 <= len(key) <= 128 or len(value) > 256:
                raise BadRequestException(f"Invalid tag {key!r}")
        self.moto.tagger.tag_resource(arn, self.moto.tagger.convert_dict_to_tags_input(tags))

    def drop_tags(self, arn: str) -> None:
        """Forget every tag of a deleted resource."""
        self.moto.tagger.delete_all_tags_for_resource(arn)

    # -- input checks --------------------------------------------------------------
    @staticmethod
    def body(params: dict[str, Any], operation: str, *, check: bool = True) -> dict[str, Any]:
        """The payload member of ``params``, checked for the model's required members.

        ``check=False`` skips the required-member check, for operations that report
        missing members per item instead of failing the whole request.
        """
        op = operation_model(operation)
        payload_name = op.input_shape.serialization.get("payload")
        payload = params.get(payload_name)
        if payload is None:
            payload = {}
        if not isinstance(payload, dict):
            raise BadRequestException(f"{payload_name} must be a JSON object")
        if not check:
            return payload
        problems = missing_required(payload, op.input_shape.members[payload_name], "")
        if problems:
            raise BadRequestException(f"Missing required field(s): {', '.join(problems)}")
        return payload

    @staticmethod
    def page(
        items: Sequence[T], params: dict[str, Any], token_name: str = "Token"
    ) -> tuple[list[T], str | None]:
        """Slice ``items`` by the PageSize and token parameters.

        Returns the page and the token of the next page (None when nothing remains).
        """
        raw_size = params.get("PageSize")
        size = DEFAULT_PAGE_SIZE
        if raw_size not in (None, ""):
            if not str(raw_size).isdigit() or int(raw_size) < 1:
                raise BadRequestException(f"Invalid PageSize: {raw_size!r}")
            size = int(raw_size)
        raw_token = params.get(token_name)
        start = 0
        if raw_token not in (None, ""):
            text = str(raw_token)
            if not text.startswith("page-") or not text[5:].isdigit():
                raise BadRequestException(f"Invalid {token_name}: {raw_token!r}")
            start = int(text[5:])
        chunk = list(items[start : start + size])
        more = start + size < len(items)
        return chunk, (f"page-{start + size}" if more else None)
