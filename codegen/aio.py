"""The async client module, derived from the rendered sync client.

`AsyncPinpointClient` must stay the sync client's twin: same methods, parameters,
annotations and docstrings. So it is not rendered from its own template: the sync
client's text (from `codegen.emit.render_client`) is rewritten method by method, only
where the two differ: operations become coroutines that ``await`` the call, and the
``*_pages`` methods return async iterators.
"""

from __future__ import annotations

import re

from codegen.service import Service

CLASS_DOC = '''\
class AsyncPinpointClient(AsyncBaseClient):
    """Async typed client for Amazon Pinpoint (one coroutine per API operation).

    The twin of `pinpoint_sdk.PinpointClient` on aiobotocore: the same keyword-only
    arguments, models, errors and client-side validation, but every operation is a
    coroutine, and each ``<operation>_pages`` method returns an async iterator. One
    client belongs to one event loop; reuse it for many calls.

    Examples:
        ```python
        async with AsyncPinpointClient(region_name="us-east-1") as client:
            apps = await client.get_apps()
            async for page in client.get_campaigns_pages(application_id="abc"):
                ...
        ```
    """
'''

_SWAPS = (
    (
        '"""The typed Pinpoint client: one method per operation, models in and models out."""',
        '"""The async typed Pinpoint client: one coroutine per operation, models in and out."""',
    ),
    ("from collections.abc import Iterator\n", "from collections.abc import AsyncIterator\n"),
    (
        "from pinpoint_sdk._base_client import BaseClient\n",
        "from pinpoint_sdk.aio._base import AsyncBaseClient\n",
    ),
    ('__all__ = ["PinpointClient"]', '__all__ = ["AsyncPinpointClient"]'),
)


def _swap(text: str, old: str, new: str, count: int = 1) -> str:
    """``text`` with ``old`` replaced; fails the generation if the sync client changed shape."""
    found = text.count(old)
    if found != count:
        raise ValueError(f"expected {old!r} {count} time(s) in the sync client, found {found}")
    return text.replace(old, new)


def _async_method(chunk: str) -> str:
    if "self._paginate(" in chunk:
        return _swap(chunk, ") -> Iterator[", ") -> AsyncIterator[")
    chunk = _swap(chunk, "\n    def ", "\n    async def ")
    return _swap(chunk, "self._invoke(", "await self._invoke(")


def render_async_client(service: Service) -> str:
    """`pinpoint_sdk/aio/_client.py`: the sync client rewritten into its async twin."""
    from codegen.emit import render_client

    head, _, body = render_client(service).partition("\nclass PinpointClient(BaseClient):\n")
    for old, new in _SWAPS:
        head = _swap(head, old, new)
    docstring_end = body.index('\n    """\n') + len('\n    """\n')
    methods = re.split(r"(?=\n    def )", body[docstring_end:])
    return head + "\n" + CLASS_DOC + "".join(_async_method(m) if m.strip() else m for m in methods)
