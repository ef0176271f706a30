"""The double over HTTP: moto's server application with this package's Pinpoint."""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable, Iterator
from typing import Any

from werkzeug.serving import BaseWSGIServer, make_server

from ._install import install

__all__ = ["DEFAULT_HOST", "PinpointServer", "reset_backends", "server"]

DEFAULT_HOST = "127.0.0.1"

SERVER_REQUIREMENT = (
    "serving the offline Pinpoint over HTTP needs moto's server dependencies "
    "(Flask); install them with: python -m pip install 'moto[server]'"
)


def _moto_app() -> Any:
    # moto's WSGI application imports Flask, which only moto's `server` extra installs;
    # importing it here keeps `mock_pinpoint()` usable with the plain `testing` extra.
    try:
        from moto.moto_server import werkzeug_app
    except ImportError as error:
        raise ImportError(f"{SERVER_REQUIREMENT} ({error})", name=error.name) from error
    return werkzeug_app


@functools.cache
def _handler(quiet: bool) -> Any:
    base: Any = _moto_app().MotoRequestHandler
    if not quiet:
        return base

    class QuietRequestHandler(base):  # type: ignore[misc]
        """moto's request handler without one log line per request."""

        def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
            """Requests are not logged (errors still are)."""

    return QuietRequestHandler


class PinpointServer:
    """The offline Pinpoint (and moto's other services) served over HTTP.

    Requests are answered from the same in-memory backends that `mock_pinpoint()`
    and `moto.mock_aws` use in this process, on a thread per request.

    Examples:
        ```python
        srv = PinpointServer(port=0)
        srv.start()
        client = boto3.client("pinpoint", endpoint_url=srv.url, region_name="us-east-1")
        ...
        srv.stop()
        ```
    """

    def __init__(self, host: str = DEFAULT_HOST, port: int = 0, *, quiet: bool = True) -> None:
        self.host = host
        self.port = port
        self._quiet = quiet
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """``http://<host>:<port>`` of the running server (the bound port for port 0)."""
        if self._server is None:
            raise RuntimeError("the server is not running; call start() first")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def _make(self) -> BaseWSGIServer:
        moto_app = _moto_app()
        install()
        app: Any = moto_app.DomainDispatcherApplication(moto_app.create_backend_app)
        handler = _handler(self._quiet)
        return make_server(self.host, self.port, app, threaded=True, request_handler=handler)

    def start(self) -> None:
        """Bind the port and serve in a daemon thread; returns once requests are accepted."""
        if self._server is not None:
            raise RuntimeError("the server is already running")
        self._server = self._make()
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="pinpoint-sdk-server", daemon=True
        )
        self._thread.start()

    def serve_forever(self, ready: Callable[[str], object] | None = None) -> None:
        """Bind the port and serve in the calling thread until interrupted.

        `ready` is called with the URL once the port is bound.
        """
        if self._server is not None:
            raise RuntimeError("the server is already running")
        self._server = self._make()
        if ready is not None:
            ready(self.url)
        try:
            self._server.serve_forever()
        finally:
            self._server.server_close()
            self._server = None

    def stop(self) -> None:
        """Stop serving and release the port (the in-memory state is kept)."""
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join()
        self._server = None
        self._thread = None


@contextlib.contextmanager
def server(port: int = 0, host: str = DEFAULT_HOST) -> Iterator[str]:
    """Serve the offline Pinpoint over HTTP for the duration of a `with` block.

    Yields the base URL to pass as `endpoint_url`. `port=0` picks a free port. The
    server shares its state with `mock_pinpoint()` and `moto.mock_aws` in this process
    (entering one of those resets it, as moto always does) and also answers moto's
    other services, such as S3.

    Examples:
        ```python
        from pinpoint_sdk.testing import server

        with server() as url:
            client = boto3.client("pinpoint", endpoint_url=url, region_name="us-east-1")
            client.create_app(CreateApplicationRequest={"Name": "demo"})
        ```
    """
    running = PinpointServer(host=host, port=port)
    running.start()
    try:
        yield running.url
    finally:
        running.stop()


def reset_backends() -> None:
    """Forget every resource of every moto service in this process, Pinpoint included.

    What entering `mock_pinpoint()` does, and what ``POST <url>/moto-api/reset`` does on
    a running server; useful between tests that share one `server()`.
    """
    from moto.moto_api._internal.models import moto_api_backend

    moto_api_backend.reset()
