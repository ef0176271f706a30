"""Exporting from the offline double served over HTTP: S3 is read at the same address."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest

from pinpoint_sdk.export import EndpointExport, export_app, populate_sample_app
from pinpoint_sdk.resources import Pinpoint
from pinpoint_sdk.testing import server

ROLE = "arn:aws:iam::123456789012:role/pinpoint-export"
KEYS = {"aws_access_key_id": "served", "aws_secret_access_key": "served"}


@pytest.fixture
def url() -> Iterator[str]:
    with server(port=0) as address:
        boto3.client("s3", region_name="us-east-1", endpoint_url=address,
                     **KEYS).create_bucket(Bucket="served-exports")
        yield address


def test_the_s3_client_follows_the_pinpoint_client_s_endpoint(url: str, tmp_path: Path) -> None:
    pp = Pinpoint(region_name="us-east-1", endpoint_url=url, **KEYS)
    app = populate_sample_app(pp, endpoints=30, name="served-shop")

    manifest = export_app(pp, app.id, tmp_path, endpoints=EndpointExport(
        "s3://served-exports/p/", ROLE, poll_interval=0))

    assert manifest.complete, manifest.failures
    assert manifest.parts["endpoints"].count == 30


def test_the_command_line_exports_from_endpoint_url(url: str, tmp_path: Path) -> None:
    pp = Pinpoint(region_name="us-east-1", endpoint_url=url, **KEYS)
    app = populate_sample_app(pp, endpoints=12, name="cli-shop")
    env = {**os.environ, "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull}

    result = subprocess.run(
        [sys.executable, "-m", "pinpoint_sdk", "export", app.id, str(tmp_path),
         "--endpoint-url", url, "--region", "us-east-1",
         "--endpoints-s3", "s3://served-exports/cli/", "--role-arn", ROLE,
         "--poll-interval", "0"],
        capture_output=True, text=True, timeout=300, env=env,
        cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / app.id / "manifest.json").read_text())
    assert manifest["Complete"] is True and manifest["Parts"]["endpoints"]["Count"] == 12
