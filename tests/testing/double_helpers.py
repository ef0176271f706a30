"""Helpers shared by the offline Pinpoint tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError


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
