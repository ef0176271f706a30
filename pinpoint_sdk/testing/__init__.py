"""Offline Amazon Pinpoint for tests: ``mock_pinpoint`` and the in-memory backend.

``mock_pinpoint()`` is moto's ``mock_aws`` with moto's ``pinpoint`` service extended to
every Pinpoint operation (apps, settings, channels, endpoints, events, segments,
campaigns, journeys, templates, jobs, recommenders, KPIs, tags and messaging). It works
as a context manager and as a decorator:

```python
from pinpoint_sdk.testing import mock_pinpoint

with mock_pinpoint() as pinpoint:
    client = boto3.client("pinpoint", region_name="us-east-1")
    app_id = client.create_app(CreateApplicationRequest={"Name": "demo"})[...]
    pinpoint.backend().sent_messages   # what the double "sent"
```

The async client (`pinpoint_sdk.aio.AsyncPinpointClient`, and any aiobotocore client made
from a session created after this package is imported) is answered in process the same way.
``server()`` serves the same double over HTTP for other processes (``with server() as
url:`` and pass ``endpoint_url=url``); ``pinpoint-sdk serve`` does it from the shell. Both
need moto's server dependencies (``pip install 'moto[server]'``), which
``mock_pinpoint()`` does not.
Importing this package also extends plain ``moto.mock_aws`` and moto's own server. With pytest, enable the
``pinpoint_mock`` fixture with ``pytest_plugins = ["pinpoint_sdk.testing.pytest_plugin"]``.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Coroutine
from types import TracebackType
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import moto
from moto.core.models import DEFAULT_ACCOUNT_ID

from ._backend import PinpointSdkBackend, get_backend
from ._core import SentMessage

if TYPE_CHECKING:
    from moto.core.config import DefaultConfig
from ._exceptions import (
    BadRequestException,
    ConflictException,
    NotFoundException,
    PinpointServiceError,
)
from ._install import install
from ._server import PinpointServer, reset_backends, server
from ._shapes import validate_response

__all__ = [
    "BadRequestException",
    "ConflictException",
    "NotFoundException",
    "PinpointMock",
    "PinpointSdkBackend",
    "PinpointServer",
    "PinpointServiceError",
    "SentMessage",
    "get_backend",
    "install",
    "mock_pinpoint",
    "reset_backends",
    "server",
    "validate_response",
]

P = ParamSpec("P")
R = TypeVar("R")


class PinpointMock:
    """An active (or activatable) offline Pinpoint; what ``mock_pinpoint()`` returns."""

    def __init__(self, *, config: DefaultConfig | None = None) -> None:
        self._config = config
        self._mock: Any = None

    def backend(
        self, region_name: str = "us-east-1", account_id: str = DEFAULT_ACCOUNT_ID
    ) -> PinpointSdkBackend:
        """The in-memory state of one account and region, for inspection."""
        return get_backend(region_name, account_id)

    def last_otp_code(self, destination: str, region_name: str = "us-east-1") -> str | None:
        """The last one-time code sent to ``destination`` in ``region_name``."""
        return self.backend(region_name).last_otp_code(destination)

    def start(self) -> None:
        """Start mocking (moto's ``mock_aws`` with the double installed)."""
        install()
        self._mock = moto.mock_aws(config=self._config)
        self._mock.start()

    def stop(self) -> None:
        """Stop mocking; the in-memory state is discarded."""
        if self._mock is not None:
            self._mock.stop()
            self._mock = None

    def __enter__(self) -> PinpointMock:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def __call__(self, func: Callable[P, R]) -> Callable[P, R]:
        """Use as a decorator: ``func`` runs with a fresh offline Pinpoint.

        ``func`` may be a function, a coroutine function (the double is active while the
        coroutine runs, not only while it is created) or a test class, whose test methods
        (and ``setUp`` / ``setup_method``) each run with the double, as moto's
        ``mock_aws`` does for classes.
        """
        if inspect.isclass(func):
            install()
            class_mock: Any = moto.mock_aws(config=self._config)
            decorated: Callable[P, R] = class_mock(func)
            return decorated
        if inspect.iscoroutinefunction(func):
            return self._decorate_coroutine(func)  # type: ignore[return-value]

        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            with PinpointMock(config=self._config):
                return func(*args, **kwargs)

        return wrapper

    def _decorate_coroutine(
        self, func: Callable[P, Coroutine[Any, Any, R]]
    ) -> Callable[P, Coroutine[Any, Any, R]]:
        @functools.wraps(func)
        async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            with PinpointMock(config=self._config):
                return await func(*args, **kwargs)

        return wrapper


def mock_pinpoint(*, config: DefaultConfig | None = None) -> PinpointMock:
    """Run boto3 and aiobotocore ``pinpoint`` clients against an in-memory Pinpoint.

    Usable as ``with mock_pinpoint() as pp:`` and as ``@mock_pinpoint()``. ``config`` is
    moto's (``moto.mock_aws(config=...)``). Nothing reaches AWS while it is active; other
    AWS services are mocked by moto as usual.
    """
    return PinpointMock(config=config)


install()
