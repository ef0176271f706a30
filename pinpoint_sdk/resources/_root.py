"""The resource root, :class:`Pinpoint`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pinpoint_sdk import models
from pinpoint_sdk._base_client import create_boto3_client
from pinpoint_sdk.client import PinpointClient
from pinpoint_sdk.resources._account import (
    RecommenderConfigurationCollection,
    TemplateCollection,
)
from pinpoint_sdk.resources._app import AppCollection
from pinpoint_sdk.resources._base import unwrap

if TYPE_CHECKING:
    import boto3

__all__ = ["Pinpoint"]


class Pinpoint:
    """Entry point of the resource layer: applications, templates, recommenders.

    Args:
        client: a :class:`~pinpoint_sdk.PinpointClient` or a boto3 ``pinpoint`` client
            to use. When omitted, a boto3 client is created from ``session`` /
            ``region_name`` with botocore's ``adaptive`` retry mode, which also throttles
            client-side when the service answers 429 (useful for bulk writes).
        session: the boto3 session to create the client from.
        region_name: the AWS Region, e.g. ``"us-east-1"``.
        **client_kwargs: passed to ``session.client`` when the client is created here
            (``endpoint_url``, ``config``, credentials, ...); a given ``config`` is merged
            over the adaptive retry default.

    Example:
        >>> from pinpoint_sdk import Pinpoint
        >>> pp = Pinpoint(region_name="us-east-1")
        >>> app = pp.apps.create("demo")
        >>> [a.name for a in pp.apps]
        ['demo']
    """

    def __init__(
        self,
        client: PinpointClient | Any = None,
        *,
        session: boto3.session.Session | None = None,
        region_name: str | None = None,
        **client_kwargs: Any,
    ) -> None:
        if client is None:
            client = PinpointClient(
                create_boto3_client(session, region_name, "adaptive", **client_kwargs)
            )
        elif session is not None or region_name is not None or client_kwargs:
            raise TypeError("pass either a client or the arguments to create one, not both")
        elif not isinstance(client, PinpointClient):
            client = PinpointClient(client)
        self._client: PinpointClient = client

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

        Example:
            >>> pp.validate_phone_number("+1 206 555 0100").phone_type
            'MOBILE'
        """
        return unwrap(self._client.phone_number_validate(
            number_validate_request=models.NumberValidateRequest(
                phone_number=phone_number, iso_country_code=iso_country_code
            )
        ).number_validate_response)
