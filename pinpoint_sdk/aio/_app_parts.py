"""What an async application has exactly one of: its channels, settings and event stream.

Each is planned by the core the sync part uses (`pinpoint_sdk.resources._app`): the same
tables, request models and checks; only the call is awaited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, Unpack, cast

from pinpoint_sdk import models
from pinpoint_sdk.aio._client import AsyncPinpointClient
from pinpoint_sdk.resources._app import (
    AppPartCore,
    AppSettingsCore,
    ChannelCore,
    ChannelsCore,
    EventStreamCore,
)
from pinpoint_sdk.resources._base import Call

if TYPE_CHECKING:
    from pinpoint_sdk._fields import WriteApplicationSettingsRequestFields

__all__ = ["AsyncAppSettings", "AsyncChannel", "AsyncChannels", "AsyncEventStreamConfig"]

T = TypeVar("T")
Req = TypeVar("Req")
Resp = TypeVar("Resp")


class _AsyncAppPart(AppPartCore[AsyncPinpointClient]):
    async def _run(self, call: Call[T]) -> T:
        output = await getattr(self._client, call.method)(**call.params)
        return self._performed(call.result(output), output)

    async def _call(self, verb: str, request: Any = None) -> Any:
        return await self._run(self._part_call(verb, request))


class AsyncChannel(ChannelCore[AsyncPinpointClient, Req, Resp], _AsyncAppPart):
    """One channel of an application: `pinpoint_sdk.resources.Channel` with awaited verbs.

    Examples:
        ```python
        await app.channels.sms.update(models.SMSChannelRequest(enabled=True))
        print((await app.channels.sms.get()).enabled)
        ```
    """

    async def get(self) -> Resp:
        """The channel's settings (``errors.NotFoundError`` when it is not set up)."""
        return cast(Resp, await self._call("get"))

    async def update(self, request: Req) -> Resp:
        """Enable or change the channel."""
        return cast(Resp, await self._run(self._update_call(request)))

    async def delete(self) -> Resp:
        """Disable the channel and delete its settings; returns them as they were."""
        return cast(Resp, await self._call("delete"))


class AsyncChannels(ChannelsCore[AsyncPinpointClient], _AsyncAppPart):
    """``app.channels``: one `AsyncChannel` per channel type (``app.channels.email``, ...),
    and ``await all()``.

    Examples:
        ```python
        statuses = await app.channels.all()
        print({name: c.enabled for name, c in statuses.items()})
        ```
    """

    def _channel(self, kind: str) -> AsyncChannel[Any, Any]:
        return AsyncChannel(self._client, self.application_id, kind)

    async def all(self) -> dict[str, models.ChannelResponse]:
        """Every channel's status, keyed by channel type (GetChannels)."""
        return await self._run(self._all_call())


class AsyncAppSettings(AppSettingsCore[AsyncPinpointClient], _AsyncAppPart):
    """``app.settings``: ``await get()`` and ``await update(request_or_changes)``.

    Examples:
        ```python
        await app.settings.update(quiet_time=models.QuietTime(start="22:00", end="07:00"))
        ```
    """

    async def get(self) -> models.ApplicationSettingsResource:
        """The application's settings."""
        result: models.ApplicationSettingsResource = await self._call("get")
        return result

    async def update(
        self,
        request: models.WriteApplicationSettingsRequest | None = None,
        /,
        **changes: Unpack[WriteApplicationSettingsRequestFields],
    ) -> models.ApplicationSettingsResource:
        """Write ``request``, or a request with just ``changes`` (snake_case fields)."""
        return await self._run(self._update_call(request, changes))


class AsyncEventStreamConfig(EventStreamCore[AsyncPinpointClient], _AsyncAppPart):
    """``app.event_stream``: where events are streamed (Kinesis / Firehose), awaited.

    Examples:
        ```python
        await app.event_stream.put(stream_arn, role_arn)
        print((await app.event_stream.get()).destination_stream_arn)
        ```
    """

    async def get(self) -> models.EventStream:
        """The event stream settings (``errors.NotFoundError`` when there is none)."""
        result: models.EventStream = await self._call("get")
        return result

    async def put(self, destination_stream_arn: str, role_arn: str) -> models.EventStream:
        """Create or replace the event stream."""
        return await self._run(self._put_call(destination_stream_arn, role_arn))

    update = put
    """Same as `put()`: create or replace the event stream settings."""

    async def delete(self) -> models.EventStream:
        """Stop streaming events; returns the settings as they were."""
        result: models.EventStream = await self._call("delete")
        return result
