"""Runtime of the async typed client: the aiobotocore I/O over the shared client core.

Request building, validation, result handling, error mapping and the page guard are
those of `pinpoint_sdk._base_client`; this module only awaits the aiobotocore client.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, Unpack

from botocore.exceptions import ClientError, ParamValidationError

from pinpoint_sdk._base_client import (
    SERVICE_NAME,
    BotocoreClient,
    ClientCore,
    ClientOptions,
    _PageGuard,
    call_failure,
    result,
    retry_config,
)
from pinpoint_sdk._fastparse import active as fast_responses
from pinpoint_sdk._fastparse import install as install_fast_responses

if TYPE_CHECKING:
    from aiobotocore.session import AioSession

T = TypeVar("T")


class AsyncBaseClient(ClientCore):
    """Holds the aiobotocore client and awaits calls for the generated coroutines.

    The aiobotocore client is created on `async with` (or the first call) from
    ``session`` and closed by `close()`; a client passed to `from_client` stays the
    caller's. As with the sync client, a client this object creates builds its typed
    responses straight from the wire JSON; one passed to `from_client` is left as
    aiobotocore made it unless you call `pinpoint_sdk.enable_fast_responses` on it. A client and its connections belong to the event loop that created them:
    make one per loop (per `asyncio.run`) and reuse it for many calls.

    Args:
        session: the aiobotocore session to create the client from (a new
            `aiobotocore.session.AioSession` when omitted).
        region_name: the AWS Region, e.g. ``"us-east-1"``.
        **client_kwargs: passed to ``session.create_client`` (``endpoint_url``,
            ``config``, ...). As for the sync client, botocore's ``standard`` retry mode
            is used unless ``config``, ``AWS_RETRY_MODE`` or the profile names a mode.

    Examples:
        ```python
        async with AsyncPinpointClient(region_name="us-east-1") as client:
            await client.get_apps()
        ```
    """

    def __init__(
        self,
        *,
        session: AioSession | None = None,
        region_name: str | None = None,
        **client_kwargs: Unpack[ClientOptions],
    ) -> None:
        self._client = None
        self._owns_client = True
        self._session = session
        self._region_name = region_name
        self._client_kwargs = client_kwargs
        self._lock = asyncio.Lock()

    @classmethod
    def from_client(cls, client: BotocoreClient) -> Self:
        """Wrap an aiobotocore ``pinpoint`` client the caller created (and will close).

        Examples:
            ```python
            async with session.create_client("pinpoint") as raw:
                client = AsyncPinpointClient.from_client(raw)
                await client.get_apps()
            ```
        """
        self = cls()
        self._adopt(client, False, "an aiobotocore")
        return self

    @property
    def aiobotocore_client(self) -> Any:
        """The underlying aiobotocore ``pinpoint`` client (``None`` until it is created)."""
        return self._client

    def __repr__(self) -> str:
        region = self._region_name if self._client is None else self._client.meta.region_name
        return f"{type(self).__name__}(region_name={region!r})"

    async def _connect(self) -> Any:
        """The aiobotocore client, created on first use (once, however many calls wait)."""
        if self._client is None:
            async with self._lock:
                if self._client is None:
                    try:
                        from aiobotocore.config import AioConfig
                        from aiobotocore.session import AioSession
                    except ModuleNotFoundError as exc:
                        raise ModuleNotFoundError(
                            "AsyncPinpointClient needs aiobotocore: "
                            "pip install 'pinpoint-sdk[async]'"
                        ) from exc

                    session = self._session or AioSession()
                    kwargs = dict(self._client_kwargs)
                    config = kwargs.pop("config", None)
                    if config is not None and not isinstance(config, AioConfig):
                        config = AioConfig().merge(config)
                    config = retry_config(session, config, AioConfig)
                    if config is not None:
                        kwargs["config"] = config
                    client = await session.create_client(
                        SERVICE_NAME, region_name=self._region_name, **kwargs
                    ).__aenter__()
                    # Typed responses from the wire JSON for this object's calls (see
                    # `pinpoint_sdk._fastparse`); calls made on the aiobotocore client
                    # directly still get botocore's dicts.
                    install_fast_responses(client)
                    self._adopt(client, True, "an aiobotocore")
        return self._client

    async def close(self) -> None:
        """Close the aiobotocore client this object created (its connections).

        A client given to `from_client` is left open: whoever created it closes it.
        Calling `close()` twice, or before any call, is harmless.
        """
        if self._owns_client and self._client is not None:
            client, self._client = self._client, None
            await client.close()

    async def __aenter__(self) -> Self:
        await self._connect()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def _send(self, operation: str, request: Mapping[str, Any]) -> dict[str, Any]:
        from pinpoint_sdk import _schema

        client = await self._connect()
        method = getattr(client, _schema.OPERATIONS[operation].method)
        try:
            # The fast path (if installed on this client) acts on this call only: the flag
            # is a context variable, so other tasks' calls on the client are unaffected.
            with fast_responses():
                response: dict[str, Any] = await method(**request)
        except (ParamValidationError, ClientError) as exc:
            failure = call_failure(exc)
        else:
            return response
        raise failure

    async def _invoke(self, operation: str, output: type[T] | None,
                      params: Mapping[str, Any]) -> T:
        return await self._invoke_prepared(operation, output, self._request(operation, params))

    async def _invoke_prepared(
        self, operation: str, output: type[T] | None, request: Mapping[str, Any]
    ) -> T:
        from pinpoint_sdk.support import warn_if_ended

        warn_if_ended(operation)
        return result(output, await self._send(operation, request))

    def _paginate(
        self, operation: str, output: type[T] | None, params: Mapping[str, Any]
    ) -> AsyncIterator[T]:
        # Validate now, so bad arguments fail at the call rather than at the first page.
        request = self._request(operation, params)
        return self._pages(operation, output, request, self._page_guard(operation))

    async def _pages(
        self, operation: str, output: type[T] | None, request: dict[str, Any], guard: _PageGuard
    ) -> AsyncIterator[T]:
        next_request: dict[str, Any] | None = request
        while next_request is not None:
            page = guard.received(await self._invoke_prepared(operation, output, next_request))
            yield page
            next_request = guard.next_request(page, next_request)
