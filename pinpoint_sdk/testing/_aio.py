"""The in-process double for aiobotocore clients.

moto's ``mock_aws`` answers botocore's ``before-send`` event with a synchronous
``AWSResponse``. aiobotocore emits the same event (and awaits coroutine handlers) but reads
the response the asynchronous way (``await response.content``), so moto's answer breaks
inside it. `serve_aiobotocore` is moto's handler for aiobotocore: it asks moto's
``botocore_stubber`` for the answer (same routing, same backends, same on/off switch) and
hands aiobotocore an ``AioAWSResponse`` over the finished body.

aiobotocore registers async equivalents of botocore's built-in handlers through its
handler mapping when a session is created; `install_aiobotocore` adds moto's handler to that
mapping, so every aiobotocore session created afterwards answers from moto (and the double)
while a mock is active, for every service moto knows.
"""

from __future__ import annotations

import inspect
import threading
from typing import Any

from moto.core.models import botocore_stubber

__all__ = ["aio_response", "install_aiobotocore", "serve_aiobotocore"]

_lock = threading.Lock()


class _AsyncBody:
    """A finished response body, read the way aiobotocore reads aiohttp's.

    ``await read()`` serves ``AioAWSResponse.content``; ``content.read(n)``,
    ``content.at_eof()``, ``url`` and ``close()`` serve aiobotocore's streaming bodies
    (S3 ``GetObject`` through moto).
    """

    def __init__(self, data: bytes, url: str) -> None:
        self._data = data
        self._position = 0
        self.url = url

    @property
    def content(self) -> _AsyncBody:
        return self

    async def read(self, amt: int | None = -1) -> bytes:
        end = len(self._data) if amt is None or amt < 0 else self._position + amt
        chunk = self._data[self._position:end]
        self._position += len(chunk)
        return chunk

    def at_eof(self) -> bool:
        return self._position >= len(self._data)

    def close(self) -> None:
        self._position = len(self._data)


async def serve_aiobotocore(event_name: str, request: Any, **kwargs: Any) -> Any:
    """aiobotocore ``before-send`` handler: moto's answer as an ``AioAWSResponse``.

    ``None`` (send over the network) when no mock is active or moto passes the request
    through, exactly as moto's own handler decides for botocore.
    """
    if not botocore_stubber.enabled:
        return None
    read = getattr(request.body, "read", None)
    if read is not None and inspect.iscoroutinefunction(read):
        # aiobotocore's chunked (checksum trailer) bodies are read asynchronously; moto
        # reads bodies synchronously, so it gets the same bytes, already read.
        request.body = await read()
    response = botocore_stubber(event_name, request, **kwargs)
    return None if response is None else aio_response(response)


def aio_response(response: Any) -> Any:
    """The finished botocore ``AWSResponse`` as the ``AioAWSResponse`` aiobotocore reads."""
    from aiobotocore.awsrequest import AioAWSResponse

    return AioAWSResponse(
        response.url, response.status_code, response.headers,
        _AsyncBody(response.content, response.url),
    )


def install_aiobotocore() -> bool:
    """Make aiobotocore sessions created from now on use `serve_aiobotocore` (idempotent).

    Returns whether it could: ``False`` when aiobotocore is not installed, or keeps no
    handler mapping (then only server mode serves aiobotocore clients).
    """
    try:
        from aiobotocore import hooks
    except ModuleNotFoundError:
        return False
    mapping = getattr(hooks, "_HANDLER_MAPPING", None)
    if not isinstance(mapping, dict):
        return False
    with _lock:
        mapping[botocore_stubber] = serve_aiobotocore
    return True
