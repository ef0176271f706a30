"""The async client tests reuse the sync client tests' model facts and wire values, and
the async resource tests the sync resource tests' faults."""

from __future__ import annotations

import sys
from pathlib import Path

import boto3
import pytest

from pinpoint_sdk.client import PinpointClient

for _folder in ("core", "resources"):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / _folder))


# One session for the run: its loader caches the service model once.
_SESSION = boto3.session.Session(aws_access_key_id="testing",
                                 aws_secret_access_key="testing", region_name="us-east-1")


@pytest.fixture
def client() -> PinpointClient:
    """A sync typed client (SDK-created) whose replies tests craft with http_faults."""
    return PinpointClient(session=_SESSION, region_name="us-east-1")
