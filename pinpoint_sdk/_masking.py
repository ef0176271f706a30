"""Which members are secret, and the mask shown in their place.

A leaf module (it imports no other module of the SDK at import time): the model base
classes, the notebook HTML renderer and `pinpoint_sdk.display` all read it, and none of
them has to import another to mask a secret.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

__all__ = ["MASK", "is_model", "mask_plain", "sensitive_wire_names"]

MASK = "***"
"""What is shown in place of a secret value."""


def is_model(value: Any) -> bool:
    """Whether ``value`` is a Pinpoint model (an instance of ``_model_base.Model``),
    recognised by the members every model has, without importing the model base."""
    cls = type(value)
    return hasattr(cls, "__attrs_attrs__") and hasattr(cls, "_display_fields") \
        and hasattr(cls, "_sensitive_fields")


@cache
def sensitive_wire_names() -> frozenset[str]:
    """Wire names of every secret member in the service model (``ApiKey``, ``PrivateKey``...).

    Used to mask plain dicts whose shape is unknown, such as a boto3 request logged by
    hand. In the Pinpoint model these names are only ever used for secrets.
    """
    from pinpoint_sdk._schema import SHAPES

    return frozenset(
        member.wire for shape in SHAPES.values() for member in shape.members if member.secret
    )


def mask_plain(obj: Any) -> Any:
    """Mask values under secret wire names in plain containers; models are left as they
    are (their repr and HTML mask their own secrets)."""
    if isinstance(obj, Mapping) and not is_model(obj):
        secret = sensitive_wire_names()
        return {
            key: MASK if key in secret and value is not None else mask_plain(value)
            for key, value in obj.items()
        }
    if type(obj) in (list, tuple):
        return type(obj)(mask_plain(item) for item in obj)
    return obj
