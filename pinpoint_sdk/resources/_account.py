"""Account-level resources: message templates and recommender configurations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple, Unpack

from pinpoint_sdk import errors, models
from pinpoint_sdk.resources._base import (
    Collection,
    Listing,
    Resource,
    listing,
    paged,
    resolve_request,
    same,
    unwrap,
    with_response,
)
from pinpoint_sdk.resources._engagement import write_request

if TYPE_CHECKING:
    from pinpoint_sdk._fields import UpdateRecommenderConfigurationFields
    from pinpoint_sdk.client import PinpointClient

__all__ = [
    "RecommenderConfiguration",
    "RecommenderConfigurationCollection",
    "Template",
    "TemplateCollection",
]

TemplateRequest = (
    models.EmailTemplateRequest
    | models.SMSTemplateRequest
    | models.VoiceTemplateRequest
    | models.PushNotificationTemplateRequest
    | models.InAppTemplateRequest
)
"""The request models that create or update a template, one per template type."""

TemplateData = (
    models.EmailTemplateResponse
    | models.SMSTemplateResponse
    | models.VoiceTemplateResponse
    | models.PushNotificationTemplateResponse
    | models.InAppTemplateResponse
    | models.TemplateResponse
)
"""What `Template.data` holds: the full template, or the summary from a listing."""


class _Kind(NamedTuple):
    operation: str  # ``<verb>_<operation>_template`` on the client
    request_member: str
    response_member: str
    request: type[Any]


_KINDS: dict[str, _Kind] = {
    "EMAIL": _Kind("email", "email_template_request", "email_template_response",
                   models.EmailTemplateRequest),
    "SMS": _Kind("sms", "sms_template_request", "sms_template_response",
                 models.SMSTemplateRequest),
    "VOICE": _Kind("voice", "voice_template_request", "voice_template_response",
                   models.VoiceTemplateRequest),
    "PUSH": _Kind("push", "push_notification_template_request",
                  "push_notification_template_response", models.PushNotificationTemplateRequest),
    "INAPP": _Kind("in_app", "in_app_template_request", "in_app_template_response",
                   models.InAppTemplateRequest),
}


def _kind(template_type: str) -> _Kind:
    kind = _KINDS.get(str(template_type).upper())
    if kind is None:
        raise errors.ValidationError(
            f"unknown template type {template_type!r}; one of {', '.join(_KINDS)}",
            "template_type",
        )
    return kind


class Template(Resource[TemplateData]):
    """A message template (email, SMS, voice, push or in-app).

    Examples:
        >>> template = pp.templates.get("welcome", "EMAIL")
        >>> template.update(subject="Welcome!", create_new_version=True)
        >>> [v.version for v in template.versions()]
    """

    def __init__(self, client: PinpointClient, data: TemplateData) -> None:
        super().__init__(client, data)

    @property
    def id(self) -> str:
        """The template name (templates are identified by name and type).

        Raises:
            pinpoint_sdk.errors.MissingIdentifierError: `data` has no template name.
        """
        return self._required("template_name", self.data.template_name)

    @property
    def name(self) -> str:
        """The template name."""
        return self.id

    @property
    def type(self) -> str:
        """The template type: ``EMAIL``, ``SMS``, ``VOICE``, ``PUSH`` or ``INAPP``."""
        value = self.data.template_type
        return self._required("template_type", str(value) if value is not None else None)

    def _identity(self) -> tuple[Any, ...]:
        return (self.data.template_type, self.data.template_name)

    def __repr__(self) -> str:
        template_type = self.data.template_type
        shown = str(template_type) if template_type is not None else None
        return f"<Template id={self.data.template_name!r} type={shown!r}>"

    def _fetch(self, version: str | None = None) -> TemplateData:
        kind = _kind(self.type)
        response = getattr(self._api, f"get_{kind.operation}_template")(
            template_name=self.id, version=version
        )
        data: TemplateData = getattr(response, kind.response_member)
        return data

    def get_version(self, version: str) -> TemplateData:
        """One version of the template (the active one is `data` after reload)."""
        return self._fetch(version)

    def update(
        self,
        request: TemplateRequest | None = None,
        /,
        *,
        create_new_version: bool | None = None,
        version: str | None = None,
        **changes: Any,
    ) -> Template:
        """Update the template with ``request``, or the current content with ``changes``.

        Read-modify-write needs the full template: a template from a listing is
        reloaded first.

        Examples:
            >>> template.update(html_part="<p>Hi {{User.Name}}</p>", create_new_version=True)
        """
        kind = _kind(self.type)
        if request is None and isinstance(self.data, models.TemplateResponse):
            self.reload()
        body = write_request(self, request, changes, kind.request)
        getattr(self._api, f"update_{kind.operation}_template")(
            template_name=self.id, create_new_version=create_new_version, version=version,
            **{kind.request_member: body},
        )
        return self.reload()

    def delete(self, version: str | None = None) -> TemplateData:
        """Delete the template (or one ``version`` of it); returns its last state.

        The delete operations answer only a message, so the last state is `data` as
        last fetched (see `Resource` for the rule every resource follows).
        """
        kind = _kind(self.type)
        getattr(self._api, f"delete_{kind.operation}_template")(
            template_name=self.id, version=version
        )
        return self.data

    def versions(
        self, *, page_size: int | None = None
    ) -> Listing[models.TemplateVersionResponse]:
        """Every version of the template, as a chainable `Listing`.

        Examples:
            >>> [v.version for v in template.versions().limit(10)]
        """
        name, template_type = self.id, self.type
        return listing(
            self._api,
            lambda size: self._api.list_template_versions_pages(
                template_name=name, template_type=template_type, page_size=size
            ),
            lambda page: unwrap(page.template_versions_response).item, same,
            what=f"versions of template {name!r}", page_size=page_size,
        )

    def set_active_version(self, version: str) -> Template:
        """Make ``version`` the active version of the template, then reload; returns ``self``.

        Examples:
            >>> template.set_active_version("2").data.version
            '2'
        """
        self._api.update_template_active_version(
            template_name=self.id, template_type=self.type,
            template_active_version_request=models.TemplateActiveVersionRequest(version=version),
        )
        return self.reload()


class TemplateCollection(Collection[Template]):
    """``pp.templates``: iterate (summaries), ``get(name, type)``, ``create(name, request)``.

    Examples:
        >>> pp.templates.create("welcome", models.EmailTemplateRequest(
        ...     subject="Hi", html_part="<p>Hi</p>"))
        >>> [t.name for t in pp.templates.filter(template_type="EMAIL")]
    """

    def __init__(self, client: PinpointClient) -> None:
        super().__init__(client)
        self._prefix: str | None = None
        self._template_type: str | None = None

    def filter(self, *, prefix: str | None = None, template_type: str | None = None) -> (
        TemplateCollection
    ):
        """A copy listing only templates whose name starts with ``prefix`` / of a type."""
        return self._clone(_prefix=prefix, _template_type=template_type)

    def _fetch_pages(self, page_size: int | None) -> Iterator[list[Template]]:
        pages = self._client.list_templates_pages(
            page_size=page_size, prefix=self._prefix, template_type=self._template_type
        )
        return paged(pages, lambda p: p.templates_response.item,
                     lambda data: Template(self._client, data))

    def get(self, name: str, template_type: str, *, version: str | None = None) -> Template:
        """Fetch one template now (``errors.NotFoundError`` when it does not exist)."""
        kind = _kind(template_type)
        response = getattr(self._client, f"get_{kind.operation}_template")(
            template_name=name, version=version
        )
        return with_response(Template(self._client, getattr(response, kind.response_member)),
                             response)

    def create(self, name: str, request: TemplateRequest) -> Template:
        """Create a template; its type follows from the request model's class."""
        for template_type, kind in _KINDS.items():
            if isinstance(request, kind.request):
                getattr(self._client, f"create_{kind.operation}_template")(
                    template_name=name, **{kind.request_member: request}
                )
                return self.get(name, template_type)
        raise errors.ValidationError(
            f"expected a template request model, got {type(request).__name__}", "request"
        )


class RecommenderConfiguration(Resource[models.RecommenderConfigurationResponse]):
    """A recommender model configuration (account level).

    Examples:
        >>> config = pp.recommender_configurations.get("rec-1")
        >>> config.update(description="v2")
    """

    def _fetch(self) -> models.RecommenderConfigurationResponse:
        return unwrap(self._api.get_recommender_configuration(
            recommender_id=self.id
        ).recommender_configuration_response)

    def update(
        self,
        request: models.UpdateRecommenderConfiguration | None = None,
        /,
        **changes: Unpack[UpdateRecommenderConfigurationFields],
    ) -> RecommenderConfiguration:
        """Replace the configuration with ``request``, or change some of its fields."""
        body = write_request(self, request, changes, models.UpdateRecommenderConfiguration)
        self._data = unwrap(self._api.update_recommender_configuration(
            recommender_id=self.id, update_recommender_configuration=body
        ).recommender_configuration_response)
        return self

    def delete(self) -> models.RecommenderConfigurationResponse:
        """Delete the configuration; returns its last state."""
        return unwrap(self._api.delete_recommender_configuration(
            recommender_id=self.id
        ).recommender_configuration_response)


class RecommenderConfigurationCollection(Collection[RecommenderConfiguration]):
    """``pp.recommender_configurations``: iterate, ``get(id)``, ``create(request)``.

    Examples:
        >>> [c.name for c in pp.recommender_configurations]
    """

    def _fetch_pages(self, page_size: int | None) -> Iterator[list[RecommenderConfiguration]]:
        pages = self._client.get_recommender_configurations_pages(page_size=page_size)
        return paged(pages, lambda p: p.list_recommender_configurations_response.item,
                     lambda data: RecommenderConfiguration(self._client, data))

    def get(self, recommender_id: str) -> RecommenderConfiguration:
        """Fetch one configuration now (``errors.NotFoundError`` when it does not exist)."""
        output = self._client.get_recommender_configuration(recommender_id=recommender_id)
        return with_response(RecommenderConfiguration(
            self._client, unwrap(output.recommender_configuration_response)), output)

    def create(self, request: models.CreateRecommenderConfiguration) -> RecommenderConfiguration:
        """Create a recommender configuration."""
        body = resolve_request(request, models.CreateRecommenderConfiguration)
        output = self._client.create_recommender_configuration(
            create_recommender_configuration=body
        )
        return with_response(RecommenderConfiguration(
            self._client, unwrap(output.recommender_configuration_response)), output)
