"""Hooking the double into moto's ``pinpoint`` URL module."""

from __future__ import annotations

import threading

import moto.pinpoint.urls as _moto_pinpoint_urls

from ._aio import install_aiobotocore
from ._responses import PinpointSdkResponse
from ._urls import url_paths_patterns

__all__ = ["install"]

_install_lock = threading.Lock()


def install() -> None:
    """Route moto's ``pinpoint`` URLs to the double (idempotent).

    Every pattern of moto's ``moto.pinpoint.urls.url_paths`` is pointed at
    `PinpointSdkResponse`, and one pattern covering all ``/v1/...`` paths is added, so
    requests that ``mock_aws`` intercepts, and those moto's server receives, reach this
    package. A moto server application built before the first call keeps moto's routes.

    It also gives aiobotocore moto's in-process answers (`install_aiobotocore`): aiobotocore
    sessions created after the first call are served by ``mock_aws`` and `mock_pinpoint`,
    like boto3's. Sessions created before it send to the network as they did.
    """
    install_aiobotocore()
    with _install_lock:
        paths = _moto_pinpoint_urls.url_paths
        handler = PinpointSdkResponse.dispatch
        for pattern in list(paths):
            paths[pattern] = handler
        for pattern in url_paths_patterns():
            paths[pattern] = handler
