"""Helpers for the async client tests: a stubbed `AsyncPinpointClient` run in `asyncio.run`.

Each test runs its own event loop with ``asyncio.run`` (a client belongs to one loop),
so no async test plugin is needed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from aiobotocore.session import AioSession
from botocore.stub import Stubber

from pinpoint_sdk.aio import AsyncPinpointClient

T = TypeVar("T")

# One session for the whole run: its loader caches the service model once.
SESSION = AioSession()


def run_stubbed(body: Callable[[AsyncPinpointClient, Stubber], Awaitable[T]]) -> T:
    """Run ``body`` with a typed async client over a stubbed aiobotocore client."""

    async def main() -> T:
        async with SESSION.create_client("pinpoint", region_name="us-east-1") as raw:
            with Stubber(raw) as stubber:
                value = await body(AsyncPinpointClient.from_client(raw), stubber)
                stubber.assert_no_pending_responses()
                return value

    return asyncio.run(main())


async def collect(pages: Any) -> list[Any]:
    """Every item of an async iterator, in order."""
    return [page async for page in pages]
