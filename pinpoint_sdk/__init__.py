"""pinpoint_sdk: a typed, high-level Python SDK for Amazon Pinpoint, on top of boto3.

The package imports lazily: ``import pinpoint_sdk`` is cheap, and each layer (models,
client, resources) loads on first use.

Examples:
    >>> from pinpoint_sdk import PinpointClient, models
    >>> client = PinpointClient(region_name="us-east-1")
    >>> client.create_app(
    ...     create_application_request=models.CreateApplicationRequest(name="demo")
    ... )
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pinpoint_sdk import converter, enums, errors, models
    from pinpoint_sdk._fastparse import enable_fast_responses
    from pinpoint_sdk.batching import BatchResult, EventRecord, ItemFailure
    from pinpoint_sdk.client import PinpointClient
    from pinpoint_sdk.converter import structure, unstructure
    from pinpoint_sdk.dataframe import to_dataframe
    from pinpoint_sdk.resources import Pinpoint
    from pinpoint_sdk.support import SupportStatus, support_status

__version__ = "0.1.0"

_EXPORTS: dict[str, tuple[str, str | None]] = {
    "BatchResult": ("pinpoint_sdk.batching", "BatchResult"),
    "EventRecord": ("pinpoint_sdk.batching", "EventRecord"),
    "ItemFailure": ("pinpoint_sdk.batching", "ItemFailure"),
    "Pinpoint": ("pinpoint_sdk.resources", "Pinpoint"),
    "to_dataframe": ("pinpoint_sdk.dataframe", "to_dataframe"),
    "enable_fast_responses": ("pinpoint_sdk._fastparse", "enable_fast_responses"),
    "PinpointClient": ("pinpoint_sdk.client", "PinpointClient"),
    "SupportStatus": ("pinpoint_sdk.support", "SupportStatus"),
    "support_status": ("pinpoint_sdk.support", "support_status"),
    # The module, always: the configured cattrs converter is ``pinpoint_sdk.converter.converter``.
    # (Mapping this name to the object made ``pinpoint_sdk.converter`` the module or the
    # object depending on whether the submodule had been imported first.)
    "converter": ("pinpoint_sdk.converter", None),
    "structure": ("pinpoint_sdk.converter", "structure"),
    "unstructure": ("pinpoint_sdk.converter", "unstructure"),
    "enums": ("pinpoint_sdk.enums", None),
    "errors": ("pinpoint_sdk.errors", None),
    "models": ("pinpoint_sdk.models", None),
}

__all__ = [
    "BatchResult",
    "EventRecord",
    "ItemFailure",
    "Pinpoint",
    "PinpointClient",
    "SupportStatus",
    "converter",
    "enable_fast_responses",
    "enums",
    "errors",
    "models",
    "structure",
    "support_status",
    "to_dataframe",
    "unstructure",
]


# Hidden from type checkers, which see only the names imported above: ``pinpoint_sdk.Pinpont``
# is a type error, not Any.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        target = _EXPORTS.get(name)
        if target is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        module = import_module(target[0])
        value = module if target[1] is None else getattr(module, target[1])
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
