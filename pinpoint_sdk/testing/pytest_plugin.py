"""pytest plugin offering the ``pinpoint_mock`` and ``pinpoint_server`` fixtures.

Enable it in a ``conftest.py``:

```python
pytest_plugins = ["pinpoint_sdk.testing.pytest_plugin"]
```

then ask for ``pinpoint_mock`` in a test: boto3 ``pinpoint`` clients and async clients
(`pinpoint_sdk.aio.AsyncPinpointClient`) created in the test talk to the in-memory Pinpoint, with fake credentials and region ``us-east-1`` set. Ask
for ``pinpoint_server`` instead to get the URL of the same double served over HTTP (for
subprocesses and clients given an ``endpoint_url``).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from . import PinpointMock, mock_pinpoint, reset_backends, server

__all__ = ["pinpoint_mock", "pinpoint_server"]

_FAKE_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
}


def _fake_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in _FAKE_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)


@pytest.fixture
def pinpoint_mock(monkeypatch: pytest.MonkeyPatch) -> Iterator[PinpointMock]:
    """An active offline Pinpoint with fake AWS credentials and region us-east-1."""
    _fake_credentials(monkeypatch)
    with mock_pinpoint() as mock:
        yield mock


@pytest.fixture
def pinpoint_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The URL of an empty offline Pinpoint served on 127.0.0.1, with fake credentials.

    The environment variables are set for the test process (subprocesses started with
    it inherit them); every moto backend is emptied before and after the test.
    """
    _fake_credentials(monkeypatch)
    reset_backends()
    try:
        with server() as url:
            yield url
    finally:
        reset_backends()
