"""Account-level resources: message templates and recommender configurations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, Unpack, overload

from pinpoint_sdk import errors, models
from pinpoint_sdk.resources import _tables as tables
from pinpoint_sdk.resources._base import (
    Buildable,
    Call,
    Listing,
    Resource,
    ResourceCore,
    ResourceTable,
    ResponseInfo,
    TableCollection,
    TableCore,
    no_model,
    perform,
    request_model,
    same,
)

if TYPE_CHECKING:
    from typing import Self

    from pinpoint_sdk._fields import (
        EmailTemplateRequestFields,
        InAppTemplateRequestFields,
        PushNotificationTemplateRequestFields,
        SMSTemplateRequestFields,
        UpdateRecommenderConfigurationFields,
        VoiceTemplateRequestFields,
    )
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
    table: ResourceTable


def _template_kind(table: ResourceTable) -> _Kind:
    get, update = table.verb("get"), table.verb("update")
    return _Kind(
        get.method.removeprefix("get_").removesuffix("_template"), str(update.request),
        str(get.payload), request_model(update), table,
    )


_KINDS: dict[str, _Kind] = {
    template_type: _template_kind(table)
    for template_type, table in (
        ("EMAIL", tables.EMAIL_TEMPLATE),
        ("SMS", tables.SMS_TEMPLATE),
        ("VOICE", tables.VOICE_TEMPLATE),
        ("PUSH", tables.PUSH_TEMPLATE),
        ("INAPP", tables.IN_APP_TEMPLATE),
    )
}


def _kind(template_type: str) -> _Kind:
    kind = _KINDS.get(str(template_type).upper())
    if kind is None:
        raise errors.ValidationError(
            f"unknown template type {template_type!r}; one of {', '.join(_KINDS)}",
            "template_type",
        )
    return kind


C = TypeVar("C")
R = TypeVar("R")


class TemplateCore(ResourceCore[C, TemplateData]):
    """What a template is without its I/O: its identity (name and type) and the calls
    its verbs plan; `Template` performs them with the sync client,
    `pinpoint_sdk.aio.AsyncTemplate` awaits them."""

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
        return f"<{type(self).__name__} id={self.data.template_name!r} type={shown!r}>"

    def _resource_table(self) -> ResourceTable:
        return _kind(self.type).table

    def _needs_full_data(self, request: Any) -> bool:
        """Whether a read-modify-write must reload first: a listing's summary lacks the
        template's content."""
        return request is None and isinstance(self.data, models.TemplateResponse)

    def _activate_plan(self, version: str) -> Call[None]:
        """The call making ``version`` the active version."""
        return Call("update_template_active_version", {
            "template_name": self.id, "template_type": self.type,
            "template_active_version_request": models.TemplateActiveVersionRequest(
                version=version),
        }, no_model)


class Template(TemplateCore["PinpointClient"], Resource[TemplateData]):
    """A message template (email, SMS, voice, push or in-app).

    Examples:
        >>> template = pp.templates.get("welcome", "EMAIL")
        >>> template.update(subject="Welcome!", create_new_version=True)
        >>> [v.version for v in template.versions()]
    """

    def __init__(
        self, client: PinpointClient, data: TemplateData, *,
        last_response: ResponseInfo | None = None,
    ) -> None:
        super().__init__(client, data, last_response=last_response)

    def _fetch(self, version: str | None = None) -> TemplateData:
        data: TemplateData = self._run(self._plan("get", version=version))
        return data

    def get_version(self, version: str) -> TemplateData:
        """One version of the template (the active one is `data` after reload)."""
        return self._fetch(version)

    # A request, or (one overload per template type) ``changes`` naming fields of that
    # type's request model, so a misspelt field is a type error whatever the type.
    @overload
    def update(
        self,
        request: TemplateRequest | None = None,
        /,
        *,
        create_new_version: bool | None = None,
        version: str | None = None,
    ) -> Template: ...

    @overload
    def update(
        self,
        request: None = None,
        /,
        *,
        create_new_version: bool | None = None,
        version: str | None = None,
        **changes: Unpack[EmailTemplateRequestFields],
    ) -> Template: ...

    @overload
    def update(
        self,
        request: None = None,
        /,
        *,
        create_new_version: bool | None = None,
        version: str | None = None,
        **changes: Unpack[SMSTemplateRequestFields],
    ) -> Template: ...

    @overload
    def update(
        self,
        request: None = None,
        /,
        *,
        create_new_version: bool | None = None,
        version: str | None = None,
        **changes: Unpack[VoiceTemplateRequestFields],
    ) -> Template: ...

    @overload
    def update(
        self,
        request: None = None,
        /,
        *,
        create_new_version: bool | None = None,
        version: str | None = None,
        **changes: Unpack[PushNotificationTemplateRequestFields],
    ) -> Template: ...

    @overload
    def update(
        self,
        request: None = None,
        /,
        *,
        create_new_version: bool | None = None,
        version: str | None = None,
        **changes: Unpack[InAppTemplateRequestFields],
    ) -> Template: ...

    def update(
        self,
        request: TemplateRequest | None = None,
        /,
        *,
        create_new_version: bool | None = None,
        version: str | None = None,
        **changes: object,
    ) -> Template:
        """Update the template with ``request``, or the current content with ``changes``.

        ``changes`` are snake_case fields of the template type's request model
        (`pinpoint_sdk.models.EmailTemplateRequest`, ``SMSTemplateRequest``,
        ``VoiceTemplateRequest``, ``PushNotificationTemplateRequest`` or
        ``InAppTemplateRequest``); type checkers accept the fields of any of them, and
        a field the template's type does not have is refused at run time with
        ``errors.ValidationError``.

        Read-modify-write needs the full template: a template from a listing is
        reloaded first.

        Examples:
            >>> template.update(html_part="<p>Hi {{User.Name}}</p>", create_new_version=True)
        """
        if self._needs_full_data(request):
            self.reload()
        self._run(self._update_plan(
            request, changes, create_new_version=create_new_version, version=version
        ))
        return self.reload()

    def delete(self, version: str | None = None) -> TemplateData:
        """Delete the template (or one ``version`` of it); returns its last state.

        The delete operations answer only a message, so the last state is `data` as
        last fetched (see `Resource` for the rule every resource follows).
        """
        return self._delete(version=version)

    def versions(
        self, *, page_size: int | None = None
    ) -> Listing[models.TemplateVersionResponse]:
        """Every version of the template, as a chainable `Listing`.

        Examples:
            >>> [v.version for v in template.versions().limit(10)]
        """
        return self._listing(
            tables.TEMPLATE_VERSIONS, same,
            what=f"versions of template {self.id!r}", page_size=page_size,
        )

    def set_active_version(self, version: str) -> Template:
        """Make ``version`` the active version of the template, then reload; returns ``self``.

        Examples:
            >>> template.set_active_version("2").data.version
            '2'
        """
        self._run(self._activate_plan(version))
        return self.reload()


class TemplateCollectionCore(TableCore[C, R]):
    """What the template listing plans without I/O: its filters, and the calls of
    ``get`` and ``create`` (whose operation follows from the template type)."""

    _table = tables.TEMPLATES

    def __init__(self, client: C) -> None:
        super().__init__(client)
        self._prefix: str | None = None
        self._template_type: str | None = None

    def filter(self, *, prefix: str | None = None, template_type: str | None = None) -> Self:
        """A copy listing only templates whose name starts with ``prefix`` / of a type."""
        return self._clone(_prefix=prefix, _template_type=template_type)

    def _filters(self) -> dict[str, Any]:
        return {"prefix": self._prefix, "template_type": self._template_type}

    def _get_plan(self, name: str, template_type: str, version: str | None) -> Call[R]:
        op = _kind(template_type).table.verb("get")
        return Call(
            op.method, op.params({"template_name": name}.__getitem__, version=version),
            lambda output: self._wrap(op.model_of(output)),
        )

    def _template_create_plan(self, name: str, request: Any) -> tuple[Call[Any], str]:
        """The create call for ``request`` and the template type it creates."""
        for template_type, kind in _KINDS.items():
            if isinstance(request, kind.request):
                op = kind.table.verb("create")
                params = op.params({"template_name": name}.__getitem__,
                                   **{kind.request_member: request})
                return Call(op.method, params, same), template_type
        raise errors.ValidationError(
            f"expected a template request model, got {type(request).__name__}", "request"
        )


class TemplateCollection(TemplateCollectionCore["PinpointClient", Template],
                         TableCollection[Template]):
    """``pp.templates``: iterate (summaries), ``get(name, type)``, ``create(name, request)``.

    Examples:
        >>> pp.templates.create("welcome", models.EmailTemplateRequest(
        ...     subject="Hi", html_part="<p>Hi</p>"))
        >>> [t.name for t in pp.templates.filter(template_type="EMAIL")]
    """

    _item = Template

    def get(self, name: str, template_type: str, *, version: str | None = None) -> Template:
        """Fetch one template now (``errors.NotFoundError`` when it does not exist)."""
        return self._run(self._get_plan(name, template_type, version))

    def create(self, name: str, request: TemplateRequest) -> Template:
        """Create a template; its type follows from the request model's class."""
        call, template_type = self._template_create_plan(name, request)
        perform(self._client, call)
        return self.get(name, template_type)


class RecommenderConfiguration(Resource[models.RecommenderConfigurationResponse]):
    """A recommender model configuration (account level).

    Examples:
        >>> config = pp.recommender_configurations.get("rec-1")
        >>> config.update(description="v2")
    """

    _table = tables.RECOMMENDER_CONFIGURATION

    def update(
        self,
        request: models.UpdateRecommenderConfiguration | None = None,
        /,
        **changes: Unpack[UpdateRecommenderConfigurationFields],
    ) -> RecommenderConfiguration:
        """Replace the configuration with ``request``, or change some of its fields."""
        return self._update(request, changes)

    def delete(self) -> models.RecommenderConfigurationResponse:
        """Delete the configuration; returns its last state."""
        return self._delete()


class RecommenderConfigurationCollection(TableCollection[RecommenderConfiguration]):
    """``pp.recommender_configurations``: iterate, ``get(id)``, ``create(request)``.

    Examples:
        >>> [c.name for c in pp.recommender_configurations]
    """

    _table = tables.RECOMMENDER_CONFIGURATIONS
    _item = RecommenderConfiguration

    def get(self, recommender_id: str) -> RecommenderConfiguration:
        """Fetch one configuration now (``errors.NotFoundError`` when it does not exist)."""
        return self._get(recommender_id)

    def create(
        self,
        request: models.CreateRecommenderConfiguration
        | Buildable[models.CreateRecommenderConfiguration],
    ) -> RecommenderConfiguration:
        """Create a recommender configuration."""
        return self._create(request)
