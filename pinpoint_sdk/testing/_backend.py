"""The in-memory Pinpoint: one instance per moto account/region backend."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from botocore import xform_name
from moto.core.models import DEFAULT_ACCOUNT_ID
from moto.pinpoint.models import PinpointBackend, pinpoint_backends

from ._content import TEMPLATE_KINDS, ContentMixin
from ._core import BackendCore
from ._engagement import EngagementMixin
from ._messaging import MessagingMixin
from ._resources import CHANNELS, ResourcesMixin

__all__ = ["PinpointSdkBackend", "get_backend", "sdk_backend_for"]

_STATE_ATTRIBUTE = "_pinpoint_sdk_backend"
_CHANNEL_OP = re.compile(r"^(Get|Update|Delete)(\w+)Channel$")
_TEMPLATE_OP = re.compile(r"^(Create|Get|Update|Delete)(\w+)Template$")

Handler = Callable[[dict[str, Any]], Any]

_attach_lock = threading.Lock()


class PinpointSdkBackend(
    MessagingMixin, ContentMixin, EngagementMixin, ResourcesMixin, BackendCore
):
    """Every Pinpoint operation, over state attached to moto's ``PinpointBackend``.

    Besides the operations, tests can read what the double did: ``sent_messages``
    (one record per delivered message), ``last_otp_code(destination)``,
    ``events(application_id)``, ``fail_job(job_id)``, ``fail_jobs_at(s3_url)`` and
    ``stage_import(s3_url, ...)``.
    """

    def handler(self, operation: str) -> Handler | None:
        """The function implementing ``operation`` (None when there is none)."""
        method = getattr(self, xform_name(operation), None)
        if callable(method):
            found: Handler = method
            return found
        channel = _CHANNEL_OP.match(operation)
        if channel and channel.group(2) in CHANNELS:
            verb, kind = channel.groups()
            action = {"Get": self.channel_get, "Update": self.channel_update}.get(
                verb, self.channel_delete
            )
            return lambda params: action(kind, params)
        template = _TEMPLATE_OP.match(operation)
        if template and template.group(2) in TEMPLATE_KINDS:
            verb, infix = template.groups()
            actions = {
                "Create": self.template_create,
                "Get": self.template_get,
                "Update": self.template_update,
                "Delete": self.template_delete,
            }
            chosen = actions[verb]
            return lambda params: chosen(infix, params)
        return None

    # -- test helpers --------------------------------------------------------------
    def last_otp_code(self, destination: str) -> str | None:
        """The last one-time code sent to ``destination`` (an E.164 number)."""
        with self.lock:
            return self.last_otp.get(destination)

    def events(self, application_id: str) -> list[dict[str, Any]]:
        """Events accepted by PutEvents for the app, oldest first."""
        with self.lock:
            return list(self.state(application_id).events)

    def fail_job(self, job_id: str) -> None:
        """Make the import or export job ``job_id`` end in FAILED."""
        with self.lock:
            self.failing_jobs.add(job_id)

    def fail_jobs_at(self, s3_url: str) -> None:
        """Make every import or export job at ``s3_url`` or under it end in FAILED.

        A job is at ``s3_url`` when its ``S3Url`` (import) or ``S3UrlPrefix`` (export)
        is that URL or inside it: ``fail_jobs_at("s3://bucket/out")`` fails jobs at
        ``s3://bucket/out/`` and ``s3://bucket/out/2024/``, not at ``s3://bucket/outbox/``.
        It applies to jobs created before the call and after it, until the job ends.
        """
        if not s3_url.startswith("s3://"):
            raise ValueError(f"s3_url must start with s3://, got {s3_url!r}")
        with self.lock:
            self.failing_s3_urls.add(s3_url)

    def stage_import(self, s3_url: str, endpoints: Iterable[Mapping[str, Any]]) -> None:
        """Put endpoints at ``s3_url`` for import jobs to read.

        Each endpoint is a wire dict shaped like an ``EndpointBatchItem`` (``Id``,
        ``ChannelType``, ``Address``, ``Attributes``, ...). An import job whose ``S3Url``
        is ``s3_url`` or a folder above it upserts them into its application when it
        completes and reports how many it processed (and rejected, with reasons).
        """
        staged = [dict(e) for e in endpoints]
        with self.lock:
            self.staged_imports.setdefault(s3_url, []).extend(staged)


def sdk_backend_for(moto_backend: PinpointBackend) -> PinpointSdkBackend:
    """The double's state for a moto backend, created on first use.

    It lives in the moto backend's instance dict, so moto's reset (which clears that
    dict) clears it too.
    """
    found = moto_backend.__dict__.get(_STATE_ATTRIBUTE)
    if isinstance(found, PinpointSdkBackend):
        return found
    with _attach_lock:
        found = moto_backend.__dict__.get(_STATE_ATTRIBUTE)
        if not isinstance(found, PinpointSdkBackend):
            found = PinpointSdkBackend(moto_backend)
            moto_backend.__dict__[_STATE_ATTRIBUTE] = found
        return found


def get_backend(
    region_name: str = "us-east-1", account_id: str = DEFAULT_ACCOUNT_ID
) -> PinpointSdkBackend:
    """The in-memory Pinpoint of one account and region (for inspection in tests)."""
    return sdk_backend_for(pinpoint_backends[account_id][region_name])
