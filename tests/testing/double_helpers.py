"""Helpers shared by the offline Pinpoint tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from pinpoint_sdk.testing import validate_response
from pinpoint_sdk.testing._shapes import validate_value


def error_code(call: Callable[[], Any]) -> str:
    """Run ``call``, expecting a ClientError, and return its error code."""
    with pytest.raises(ClientError) as info:
        call()
    code: str = info.value.response["Error"]["Code"]
    return code


def all_pages(
    fetch: Callable[..., dict[str, Any]], wrapper: str, token_name: str = "Token", **kwargs: Any
) -> list[list[Any]]:
    """Follow the in-payload NextToken, returning the items of each page."""
    pages: list[list[Any]] = []
    token: str | None = None
    while True:
        extra = {token_name: token} if token else {}
        body = fetch(**kwargs, **extra)[wrapper]
        pages.append(body["Item"])
        token = body.get("NextToken")
        if not token:
            return pages
        assert len(pages) < 50, "pagination does not end"


def finished_job(client: Any, kind: str, app_id: str, job_id: str) -> dict[str, Any]:
    """Read the ``kind`` ("import" or "export") job until it ends COMPLETED or FAILED."""
    get = client.get_import_job if kind == "import" else client.get_export_job
    wrapper = "ImportJobResponse" if kind == "import" else "ExportJobResponse"
    for _ in range(10):
        job: dict[str, Any] = get(ApplicationId=app_id, JobId=job_id)[wrapper]
        if job["JobStatus"] in {"COMPLETED", "FAILED"}:
            return job
    raise AssertionError(f"{kind} job stuck in {job['JobStatus']}")


NO_RETRIES = Config(retries={"max_attempts": 1, "mode": "standard"})


class ShapeChecker:
    """Collects model mismatches of every response a client receives."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.checked = 0

    def raw(self, operation_model: Any, response_dict: dict[str, Any], **_: Any) -> None:
        if response_dict["status_code"] >= 300:
            body = json.loads(response_dict["body"] or b"{}")
            if set(body) != {"Message", "RequestID"}:
                self.problems.append(f"{operation_model.name}: error body {body}")
            return
        output = operation_model.output_shape
        self.checked += 1
        if output is None:
            if response_dict["body"]:
                self.problems.append(f"{operation_model.name}: body for an op without output")
            return
        payload = output.members[output.serialization["payload"]]
        body = json.loads(response_dict["body"])
        self.problems.extend(
            f"{operation_model.name} raw: {problem}" for problem in validate_value(body, payload)
        )

    def parsed(self, model: Any, parsed: dict[str, Any], **_: Any) -> None:
        if parsed.get("Error"):
            return
        self.problems.extend(
            f"{model.name} parsed: {problem}"
            for problem in validate_response(model.name, parsed)
        )


def checked_client(
    checker: ShapeChecker, region: str = "us-east-1", endpoint_url: str | None = None
) -> Any:
    """A boto3 pinpoint client whose every response goes through ``checker``."""
    client = boto3.client(
        "pinpoint", region_name=region, endpoint_url=endpoint_url, config=NO_RETRIES
    )
    client.meta.events.register("before-parse.pinpoint.*", checker.raw)
    client.meta.events.register("after-call.pinpoint.*", checker.parsed)
    return client
