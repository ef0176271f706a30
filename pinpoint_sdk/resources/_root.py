"""The resource root, `Pinpoint`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from pinpoint_sdk import models
from pinpoint_sdk._base_client import BotocoreClient, ClientOptions, ClientOwner
from pinpoint_sdk.client import PinpointClient
from pinpoint_sdk.resources._account import (
    RecommenderConfigurationCollection,
    TemplateCollection,
)
from pinpoint_sdk.resources._app import AppCollection
from pinpoint_sdk.resources._base import perform
from pinpoint_sdk.resources._messaging import validate_phone_call

if TYPE_CHECKING:
    import boto3

__all__ = ["Pinpoint"]


class Pinpoint(ClientOwner):
    """Entry point of the resource layer: applications, templates, recommenders.

    `Pinpoint` is a context manager: leaving the `with` block calls `close()`.

    Args:
        client: a `PinpointClient` or a boto3 ``pinpoint`` client to use. It stays the
            caller's: `close()` leaves it open. When omitted, a `PinpointClient` is created
            from ``session`` / ``region_name`` / ``client_kwargs`` exactly as
            ``PinpointClient(...)`` would, with the same retry default, so moving between
            the two layers never changes retry behaviour. The default is botocore's
            ``standard`` mode, the one AWS recommends: ``adaptive`` adds a single
            client-side rate limiter for all operations of a client, while Pinpoint's
            quotas differ per operation (2 requests/s for UpdateEndpointsBatch, 300 for
            most reads), so one throttled bulk write would slow every other call.
        session: the boto3 session to create the client from.
        region_name: the AWS Region, e.g. ``"us-east-1"``.
        **client_kwargs: passed to ``session.client`` when the client is created here
            (``endpoint_url``, ``config``, credentials, ...); a ``config`` that names no
            retry ``mode`` keeps the default mode, unless ``AWS_RETRY_MODE`` or the
            profile's ``retry_mode`` names one.

    Examples:
        ```python
        from pinpoint_sdk import Pinpoint

        with Pinpoint(region_name="us-east-1") as pp:
            app = pp.apps.create("demo")
            print([a.name for a in pp.apps])
        ```

        For a client that only does bulk writes, client-side rate limiting can help:

        ```python
        from botocore.config import Config

        pp = Pinpoint(region_name="us-east-1", config=Config(retries={"mode": "adaptive"}))
        ```
    """

    def __init__(
        self,
        client: PinpointClient | BotocoreClient | None = None,
        *,
        session: boto3.session.Session | None = None,
        region_name: str | None = None,
        **client_kwargs: Unpack[ClientOptions],
    ) -> None:
        owned = client is None
        if client is None:
            client = PinpointClient(session=session, region_name=region_name, **client_kwargs)
        elif session is not None or region_name is not None or client_kwargs:
            raise TypeError("pass either a client or the arguments to create one, not both")
        elif not isinstance(client, PinpointClient):
            client = PinpointClient(client)
        self._client: PinpointClient = client
        self._owns_client = owned

    @property
    def client(self) -> PinpointClient:
        """The typed client (for operations the resources do not cover)."""
        return self._client

    def __repr__(self) -> str:
        return f"<Pinpoint region_name={self._client.boto3_client.meta.region_name!r}>"

    @property
    def apps(self) -> AppCollection:
        """Every application in the Region."""
        return AppCollection(self._client)

    @property
    def templates(self) -> TemplateCollection:
        """Message templates of the account."""
        return TemplateCollection(self._client)

    @property
    def recommender_configurations(self) -> RecommenderConfigurationCollection:
        """Recommender model configurations of the account."""
        return RecommenderConfigurationCollection(self._client)

    def validate_phone_number(
        self, phone_number: str, iso_country_code: str | None = None
    ) -> models.NumberValidateResponse:
        """Carrier, type and cleansed format of a phone number (PhoneNumberValidate).

        Examples:
            >>> pp.validate_phone_number("+1 206 555 0100").phone_type
            'MOBILE'
        """
        return perform(self._client, validate_phone_call(phone_number, iso_country_code))[0]
