"""Fixtures of the export tests: the offline double with moto's S3, and a bucket."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from export_helpers import BUCKET

from pinpoint_sdk.errors import PinpointEndOfSupportWarning
from pinpoint_sdk.resources import Pinpoint
from pinpoint_sdk.testing import PinpointMock, mock_pinpoint

FAKE_ENV = {
    "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing", "AWS_DEFAULT_REGION": "us-east-1",
}  # fmt: skip


@pytest.fixture(scope="module")
def module_mock() -> Iterator[PinpointMock]:
    """One offline Pinpoint for a module whose tests read the same export."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in FAKE_ENV.items():
            patch.setenv(name, value)
        patch.delenv("AWS_PROFILE", raising=False)
        with warnings.catch_warnings(), mock_pinpoint() as active:
            warnings.simplefilter("ignore", PinpointEndOfSupportWarning)
            boto3.client("s3", region_name="us-east-1").create_bucket(Bucket=BUCKET)
            yield active


@pytest.fixture
def mock() -> Iterator[PinpointMock]:
    """An active offline Pinpoint for one test."""
    with mock_pinpoint() as active:
        yield active


@pytest.fixture
def s3(mock: PinpointMock) -> Any:
    """moto's S3, with the export bucket."""
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    return client


@pytest.fixture
def pp(mock: PinpointMock) -> Pinpoint:
    """The resource root on the double."""
    return Pinpoint(region_name="us-east-1")
