"""The application (project) resource and its per-app helpers."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, TypeVar, Unpack, cast, overload

from pinpoint_sdk import errors, models
from pinpoint_sdk._model_base import evolve
from pinpoint_sdk.resources import _tables as tables
from pinpoint_sdk.resources._account import TemplateCollection
from pinpoint_sdk.resources._audience import EndpointCollection, EventCollection, UserCollection
from pinpoint_sdk.resources._base import (
    Call,
    Resource,
    ResourceCore,
    ResourceTable,
    ResponseInfo,
    TableCollection,
    perform,
    request_model,
    resolve_request,
    unwrap,
)
from pinpoint_sdk.resources._engagement import (
    CampaignCollection,
    JourneyCollection,
    SegmentCollection,
    kpi_call,
)
from pinpoint_sdk.resources._jobs import ExportJobCollection, ImportJobCollection
from pinpoint_sdk.resources._messaging import (
    MessageOptions,
    SendResult,
    UsersMessageOptions,
    build_message_request,
    build_otp_request,
    build_users_request,
    send_messages_call,
    send_otp_call,
    send_users_messages_call,
    verify_otp_call,
)

if TYPE_CHECKING:
    from typing import Self

    from pinpoint_sdk._fields import (
        SendOTPMessageRequestParametersFields,
        WriteApplicationSettingsRequestFields,
    )
    from pinpoint_sdk.aio._app_parts import AsyncChannel, AsyncChannels
    from pinpoint_sdk.client import PinpointClient  # noqa: F401 (string base classes)

__all__ = ["App", "AppCollection", "AppSettings", "Channel", "Channels", "EventStreamConfig"]

Req = TypeVar("Req")
Resp = TypeVar("Resp")


C = TypeVar("C")
T = TypeVar("T")


class AppPartCore(Generic[C]):
    """Planning of something an application has exactly one of (a channel, its
    settings, its event stream), served by a `ResourceTable` whose operations take only
    ``application_id``; the sync and async parts only perform the planned `Call`s.

    An app part holds no ``data`` of its own, so its verbs follow the one rule for
    settings: ``get()``, ``update(...)`` (or ``put``) and ``delete()`` each return the
    model the service answers: the settings as they now are, or as they were before a
    ``delete()``. Like every resource it keeps the `ResponseInfo` of its last call as
    ``last_response``.
    """

    _table: ResourceTable

    def __init__(self, client: C, application_id: str) -> None:
        self._client = client
        self.application_id = application_id
        self._last_response: ResponseInfo | None = None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} application_id={self.application_id!r}>"

    @property
    def last_response(self) -> ResponseInfo | None:
        """What the service answered to this part's last call (request id, status,
        headers), as `Resource.last_response`; ``None`` before any call.

        Examples:
            >>> app.settings.update(limits=models.CampaignLimits(daily=5))
            >>> app.settings.last_response.request_id
            '4f2c...'
        """
        return self._last_response

    def _performed(self, result: T, output: Any) -> T:
        """Keep the answer ``output`` as `last_response`; returns ``result``."""
        info = ResponseInfo.of(output)
        if info is not None:
            self._last_response = info
        return result

    def _part_call(self, verb: str, request: Any = None) -> Call[Any]:
        op = self._table.verb(verb)
        body = {} if request is None else {str(op.request): request}
        params = op.params(lambda _: self.application_id, **body)
        return Call(op.method, params, op.model_of)


class _AppPart(AppPartCore["PinpointClient"]):
    def _run(self, call: Call[T]) -> T:
        return self._performed(*perform(self._client, call))

    def _call(self, verb: str, request: Any = None) -> Any:
        return self._run(self._part_call(verb, request))


class ChannelCore(AppPartCore[C], Generic[C, Req, Resp]):
    """The planning shared by `Channel` and the async channel: its table and the
    request model its update takes."""

    def __init__(self, client: C, application_id: str, kind: str,
                 request_type: type[Req] | None = None) -> None:
        super().__init__(client, application_id)
        self.kind = kind
        self._table = tables.RESOURCES[kind.title().replace("_", "") + "Channel"]
        # The request model the update operation takes, unless given.
        self._request_type: type[Req] = request_type or request_model(self._table.verb("update"))

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.kind} application_id={self.application_id!r}>"

    def _update_call(self, request: Req) -> Call[Any]:
        return self._part_call("update", resolve_request(request, self._request_type))


class Channel(ChannelCore["PinpointClient", Req, Resp], _AppPart):
    """One channel of an application: ``get()``, ``update(request)``, ``delete()``.

    Each verb returns the channel's response model (``delete()``: the settings as they
    were) and records its answer as `last_response`.

    Examples:
        >>> app.channels.email.update(models.EmailChannelRequest(
        ...     from_address="noreply@example.com", identity=identity_arn, enabled=True))
        >>> app.channels.email.get().enabled
        True
    """

    def get(self) -> Resp:
        """The channel's settings (``errors.NotFoundError`` when it is not set up)."""
        return cast(Resp, self._call("get"))

    def update(self, request: Req) -> Resp:
        """Enable or change the channel."""
        return cast(Resp, self._run(self._update_call(request)))

    def delete(self) -> Resp:
        """Disable the channel and delete its settings; returns them as they were."""
        return cast(Resp, self._call("delete"))


class _ChannelOf(Generic[Req, Resp]):
    """``app.channels.<kind>``: the channel of one type of the application at hand
    (a `Channel` of `Channels`, an async channel of the async channels)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    @overload
    def __get__(self, channels: None, owner: type[Any]) -> Self: ...

    @overload
    def __get__(self, channels: Channels, owner: type[Any] | None = None) -> (
        Channel[Req, Resp]
    ): ...

    @overload
    def __get__(self, channels: AsyncChannels, owner: type[Any] | None = None) -> (
        AsyncChannel[Req, Resp]
    ): ...

    def __get__(self, channels: ChannelsCore[Any] | None, owner: type[Any] | None = None) -> (
        Channel[Req, Resp] | AsyncChannel[Req, Resp] | Self
    ):
        if channels is None:
            return self
        channel = channels._channel(self.kind)
        # Kept on the instance, so ``app.channels.email`` is one channel whose
        # ``last_response`` follows its calls.
        channels.__dict__[self.kind] = channel
        return cast("Channel[Req, Resp]", channel)


class ChannelsCore(AppPartCore[C]):
    """``app.channels`` of either layer: one channel per channel type, and the planning
    of ``all()``."""

    def _channel(self, kind: str) -> ChannelCore[C, Any, Any]:
        raise NotImplementedError

    def _all_call(self) -> Call[dict[str, models.ChannelResponse]]:
        return Call(
            "get_channels", {"application_id": self.application_id},
            lambda output: dict(unwrap(output.channels_response).channels or {}),
        )

    email: _ChannelOf[models.EmailChannelRequest, models.EmailChannelResponse] = _ChannelOf("email")
    """The email channel."""

    sms: _ChannelOf[models.SMSChannelRequest, models.SMSChannelResponse] = _ChannelOf("sms")
    """The SMS channel."""

    voice: _ChannelOf[models.VoiceChannelRequest, models.VoiceChannelResponse] = _ChannelOf("voice")
    """The voice channel."""

    apns: _ChannelOf[models.APNSChannelRequest, models.APNSChannelResponse] = _ChannelOf("apns")
    """The APNs (production) channel."""

    apns_sandbox: _ChannelOf[
        models.APNSSandboxChannelRequest, models.APNSSandboxChannelResponse
    ] = _ChannelOf("apns_sandbox")
    """The APNs sandbox channel."""

    apns_voip: _ChannelOf[
        models.APNSVoipChannelRequest, models.APNSVoipChannelResponse
    ] = _ChannelOf("apns_voip")
    """The APNs VoIP channel."""

    apns_voip_sandbox: _ChannelOf[
        models.APNSVoipSandboxChannelRequest, models.APNSVoipSandboxChannelResponse
    ] = _ChannelOf("apns_voip_sandbox")
    """The APNs VoIP sandbox channel."""

    gcm: _ChannelOf[models.GCMChannelRequest, models.GCMChannelResponse] = _ChannelOf("gcm")
    """The FCM (formerly GCM) channel."""

    adm: _ChannelOf[models.ADMChannelRequest, models.ADMChannelResponse] = _ChannelOf("adm")
    """The Amazon Device Messaging channel."""

    baidu: _ChannelOf[models.BaiduChannelRequest, models.BaiduChannelResponse] = _ChannelOf("baidu")
    """The Baidu Cloud Push channel."""


class Channels(ChannelsCore["PinpointClient"], _AppPart):
    """``app.channels``: one `Channel` per channel type, and ``all()``.

    Examples:
        >>> {name: c.enabled for name, c in app.channels.all().items()}
    """

    def _channel(self, kind: str) -> Channel[Any, Any]:
        return Channel(self._client, self.application_id, kind)

    def all(self) -> dict[str, models.ChannelResponse]:
        """Every channel's status, keyed by channel type (GetChannels)."""
        return self._run(self._all_call())


class AppSettingsCore(AppPartCore[C]):
    """The planning shared by `AppSettings` and the async settings."""

    _table = tables.APPLICATION_SETTINGS

    def _update_call(
        self, request: models.WriteApplicationSettingsRequest | None, changes: Mapping[str, Any]
    ) -> Call[models.ApplicationSettingsResource]:
        if request is None:
            try:
                request = models.WriteApplicationSettingsRequest(**dict(changes))
            except TypeError as exc:
                raise errors.ValidationError(str(exc), "WriteApplicationSettingsRequest") from exc
        elif changes:
            request = evolve(request, **dict(changes))
        return self._part_call(
            "update", resolve_request(request, models.WriteApplicationSettingsRequest)
        )


class AppSettings(AppSettingsCore["PinpointClient"], _AppPart):
    """``app.settings``: ``get()`` and ``update(request_or_changes)``.

    Examples:
        >>> app.settings.update(quiet_time=models.QuietTime(start="22:00", end="07:00"))
    """

    def get(self) -> models.ApplicationSettingsResource:
        """The application's settings."""
        result: models.ApplicationSettingsResource = self._call("get")
        return result

    def update(
        self,
        request: models.WriteApplicationSettingsRequest | None = None,
        /,
        **changes: Unpack[WriteApplicationSettingsRequestFields],
    ) -> models.ApplicationSettingsResource:
        """Write ``request``, or a request with just ``changes`` (snake_case fields)."""
        return self._run(self._update_call(request, changes))


class EventStreamCore(AppPartCore[C]):
    """The planning shared by `EventStreamConfig` and the async event stream."""

    _table = tables.EVENT_STREAM

    def _put_call(self, destination_stream_arn: str, role_arn: str) -> Call[models.EventStream]:
        return self._part_call("update", models.WriteEventStream(
            destination_stream_arn=destination_stream_arn, role_arn=role_arn
        ))


class EventStreamConfig(EventStreamCore["PinpointClient"], _AppPart):
    """``app.event_stream``: where events are streamed (Kinesis / Firehose).

    Examples:
        >>> app.event_stream.put(stream_arn, role_arn)
        >>> app.event_stream.get().destination_stream_arn
    """

    def get(self) -> models.EventStream:
        """The event stream settings (``errors.NotFoundError`` when there is none)."""
        result: models.EventStream = self._call("get")
        return result

    def put(self, destination_stream_arn: str, role_arn: str) -> models.EventStream:
        """Create or replace the event stream."""
        return self._run(self._put_call(destination_stream_arn, role_arn))

    update = put
    """Same as `put()`: create or replace the event stream settings."""

    def delete(self) -> models.EventStream:
        """Stop streaming events; returns the settings as they were."""
        result: models.EventStream = self._call("delete")
        return result


class AppCore(ResourceCore[C, models.ApplicationResponse]):
    """What `App` and the async application share: the views of `data` and the
    planning of the calls only applications make."""

    _table = tables.APP

    @property
    def arn(self) -> str | None:
        """The application's ARN."""
        return self.data.arn

    @property
    def tags(self) -> dict[str, str]:
        """The application's tags (as last fetched)."""
        return dict(self.data.tags or {})

    def _tag_call(self, arn: str, tags: Mapping[str, str] | None,
                  more: Mapping[str, str]) -> Call[None]:
        values = {**(tags or {}), **more}
        return Call("tag_resource",
                    {"resource_arn": arn, "tags_model": models.TagsModel(tags=values)},
                    lambda output: None)

    def _untag_call(self, arn: str, keys: tuple[str, ...]) -> Call[None]:
        return Call("untag_resource", {"resource_arn": arn, "tag_keys": list(keys)},
                    lambda output: None)

    def _kpi_call(self, name: str, start: datetime, end: datetime) -> Call[Any]:
        return kpi_call(
            "get_application_date_range_kpi_pages",
            {"application_id": self.id, "kpi_name": name, "start_time": start, "end_time": end},
            "application_date_range_kpi_response",
        )


class App(AppCore["PinpointClient"], Resource[models.ApplicationResponse]):
    """An Amazon Pinpoint application (a "project" in the console).

    Examples:
        >>> app = pp.apps.create("demo", tags={"team": "growth"})
        >>> app.campaigns.create(request)
        >>> app.endpoints.upsert_many(items)
        >>> app.delete()
    """

    def delete(self) -> models.ApplicationResponse:
        """Delete the application and everything in it; returns its last state."""
        return self._delete()

    def tag(self, tags: Mapping[str, str] | None = None, /, **more: str) -> App:
        """Add or overwrite tags, then reload.

        Examples:
            >>> app.tag({"env": "prod"}).tags["env"]
            'prod'
        """
        self._run(self._tag_call(self._arn(), tags, more))
        return self.reload()

    def untag(self, *keys: str) -> App:
        """Remove tags by key, then reload."""
        self._run(self._untag_call(self._arn(), keys))
        return self.reload()

    def _arn(self) -> str:
        if not self.data.arn:
            self.reload()
        return self._required("arn", self.data.arn)

    @cached_property
    def settings(self) -> AppSettings:
        """The application's settings."""
        return AppSettings(self.client, self.id)

    @cached_property
    def channels(self) -> Channels:
        """The application's channels."""
        return Channels(self.client, self.id)

    @cached_property
    def event_stream(self) -> EventStreamConfig:
        """The application's event stream."""
        return EventStreamConfig(self.client, self.id)

    @property
    def campaigns(self) -> CampaignCollection:
        """The application's campaigns."""
        return CampaignCollection(self.client, self.id)

    @property
    def segments(self) -> SegmentCollection:
        """The application's segments."""
        return SegmentCollection(self.client, self.id)

    @property
    def journeys(self) -> JourneyCollection:
        """The application's journeys."""
        return JourneyCollection(self.client, self.id)

    @property
    def endpoints(self) -> EndpointCollection:
        """The application's endpoints."""
        return EndpointCollection(self.client, self.id)

    @property
    def events(self) -> EventCollection:
        """Recording events for the application's endpoints."""
        return EventCollection(self.client, self.id)

    @property
    def users(self) -> UserCollection:
        """The application's users (endpoints grouped by user id)."""
        return UserCollection(self.client, self.id)

    @property
    def import_jobs(self) -> ImportJobCollection:
        """The application's import jobs (the way to load millions of endpoints)."""
        return ImportJobCollection(self.client, self.id)

    @property
    def export_jobs(self) -> ExportJobCollection:
        """The application's export jobs."""
        return ExportJobCollection(self.client, self.id)

    @property
    def templates(self) -> TemplateCollection:
        """Message templates; they belong to the account, shared by every app."""
        return TemplateCollection(self.client)

    def kpi(self, name: str, start: datetime, end: datetime) -> (
        models.ApplicationDateRangeKpiResponse
    ):
        """An application KPI over a date range, every page merged into one result.

        Examples:
            >>> kpi = app.kpi("email-open-rate", start, end)
            >>> [(r.grouped_bys, r.values) for r in kpi.kpi_result.rows]
        """
        result: models.ApplicationDateRangeKpiResponse = perform(
            self._api, self._kpi_call(name, start, end))[0]
        return result

    def send_messages(
        self,
        request: models.MessageRequest | None = None,
        /,
        **options: Unpack[MessageOptions],
    ) -> SendResult:
        """Send a direct message to addresses and/or endpoints (at most 100 per call).

        ``addresses`` maps an address to its channel type (or an
        ``AddressConfiguration``); ``endpoints`` is endpoint ids (or a mapping to
        ``EndpointSendConfiguration``). The result lists every recipient, and
        ``result.failed`` those the service did not accept.

        Examples:
            >>> result = app.send_messages(
            ...     addresses={"+15555550100": "SMS"},
            ...     message=models.DirectMessageConfiguration(
            ...         sms_message=models.SMSMessage(body="Your order shipped")))
            >>> result.failed_recipients
            []
        """
        body = build_message_request(request, **options)
        return self._run(send_messages_call(self.id, body))

    def send_users_messages(
        self,
        request: models.SendUsersMessageRequest | None = None,
        /,
        **options: Unpack[UsersMessageOptions],
    ) -> SendResult:
        """Send a direct message to every endpoint of some user ids (at most 100 users).

        Examples:
            >>> result = app.send_users_messages(users=["user-42"], message=msg)
            >>> [(d.user_id, d.endpoint_id) for d in result.failed]
        """
        body = build_users_request(request, **options)
        return self._run(send_users_messages_call(self.id, body))

    def send_otp(
        self,
        request: models.SendOTPMessageRequestParameters | None = None,
        /,
        **fields: Unpack[SendOTPMessageRequestParametersFields],
    ) -> SendResult:
        """Send a one-time password (fields as in ``SendOTPMessageRequestParameters``).

        Examples:
            >>> app.send_otp(brand_name="Acme", channel="SMS", reference_id="login-1",
            ...              destination_identity="+15555550100",
            ...              origination_identity="+15555550199").ok
            True
        """
        return self._run(send_otp_call(self.id, build_otp_request(request, fields)))

    def verify_otp(self, destination_identity: str, otp: str, reference_id: str) -> bool:
        """Whether ``otp`` is the valid code sent to ``destination_identity``.

        Examples:
            >>> app.verify_otp("+15555550100", "123456", "login-1")
            True
        """
        return self._run(verify_otp_call(self.id, destination_identity, otp, reference_id))


class AppCollection(TableCollection[App]):
    """``pp.apps``: iterate every application, ``get(id)``, ``create(name, tags)``.

    Examples:
        >>> [app.name for app in pp.apps]
        >>> app = pp.apps.create("demo")
    """

    _table = tables.APPS
    _item = App

    def get(self, application_id: str) -> App:
        """Fetch one application now (``errors.NotFoundError`` when it does not exist)."""
        return self._get(application_id)

    def create(self, name: str, tags: Mapping[str, str] | None = None) -> App:
        """Create an application."""
        return self._create(models.CreateApplicationRequest(
            name=name, tags=dict(tags) if isinstance(tags, Mapping) else tags
        ))
