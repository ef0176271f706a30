"""Fixtures shared by the core tests: a boto3 pinpoint client and a stubbed typed client."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from pinpoint_sdk import PinpointClient


@pytest.fixture(scope="module")
def boto3_client() -> Any:
    session = boto3.session.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
    )
    return session.client("pinpoint")


@pytest.fixture
def stubbed(boto3_client: Any) -> Iterator[tuple[PinpointClient, Stubber]]:
    with Stubber(boto3_client) as stubber:
        yield PinpointClient(boto3_client), stubber
        stubber.assert_no_pending_responses()


@pytest.fixture(scope="module")
def client() -> PinpointClient:
    """A typed client with its own boto3 client; tests stub or fake its HTTP side."""
    return PinpointClient(region_name="us-east-1")
