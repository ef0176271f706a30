"""pytest plugin offering the ``pinpoint_mock`` fixture.

Enable it in a ``conftest.py``::

    pytest_plugins = ["pinpoint_sdk.testing.pytest_plugin"]

then ask for ``pinpoint_mock`` in a test: boto3 ``pinpoint`` clients created in the test
talk to the in-memory Pinpoint, with fake credentials and region ``us-east-1`` set.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from . import PinpointMock, mock_pinpoint

__all__ = ["pinpoint_mock"]

_FAKE_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
}


@pytest.fixture
def pinpoint_mock(monkeypatch: pytest.MonkeyPatch) -> Iterator[PinpointMock]:
    """An active offline Pinpoint with fake AWS credentials and region us-east-1."""
    for name, value in _FAKE_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    with mock_pinpoint() as mock:
        yield mock
