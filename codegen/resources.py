"""Emit the resource tables (``pinpoint_sdk/resources/_tables.py``) from the service model.

A table says, for one kind of resource, which operations read, create, change and
delete it, which request members identify it (the URI labels of those operations) and
which member of each request and answer carries the model; for one collection, which
operation lists it, where its items are and how its pages are asked for. Everything
but the grouping is read from the botocore model: which operations belong to one
resource is the one thing the model cannot tell, and `RESOURCES` / `COLLECTIONS` below
say it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from codegen.service import Operation, Service, attribute_name


@dataclass(frozen=True)
class ResourceSpec:
    """Which operations form one resource, and where its identifiers are in its model
    (the model the resource holds as ``data`` is what its ``get`` operation answers)."""

    get: str
    # (URI label, member of ``model`` holding its value), both wire names
    identifiers: tuple[tuple[str, str], ...]
    create: str | None = None
    update: str | None = None
    delete: str | None = None


@dataclass(frozen=True)
class CollectionSpec:
    """The operation that lists a collection, and the resource kind of its items."""

    operation: str
    resource: str | None = None  # a key of RESOURCES, or None for a listing of models


def _crud(noun: str, label: str, *, create: bool = True) -> ResourceSpec:
    """A resource of an application read, changed and deleted by ``<Verb><noun>``."""
    return ResourceSpec(
        get=f"Get{noun}",
        identifiers=(("ApplicationId", "ApplicationId"), (label, "Id")),
        create=f"Create{noun}" if create else None,
        update=f"Update{noun}",
        delete=f"Delete{noun}",
    )


def _template(noun: str) -> ResourceSpec:
    return ResourceSpec(
        get=f"Get{noun}Template",
        identifiers=(("TemplateName", "TemplateName"), ("TemplateType", "TemplateType")),
        create=f"Create{noun}Template",
        update=f"Update{noun}Template",
        delete=f"Delete{noun}Template",
    )


def _app_part(noun: str, *, update: str = "Update", delete: bool = True) -> ResourceSpec:
    """Something an application has exactly one of (a channel, its settings...)."""
    return ResourceSpec(
        get=f"Get{noun}",
        identifiers=(("ApplicationId", "ApplicationId"),),
        update=f"{update}{noun}",
        delete=f"Delete{noun}" if delete else None,
    )


_CHANNELS = (
    "Email", "Sms", "Voice", "Apns", "ApnsSandbox", "ApnsVoip", "ApnsVoipSandbox", "Gcm", "Adm",
    "Baidu",
)

RESOURCES: dict[str, ResourceSpec] = {
    "App": ResourceSpec(
        get="GetApp",
        identifiers=(("ApplicationId", "Id"),),
        create="CreateApp",
        delete="DeleteApp",
    ),
    "Campaign": _crud("Campaign", "CampaignId"),
    "Journey": _crud("Journey", "JourneyId"),
    "Segment": _crud("Segment", "SegmentId"),
    "Endpoint": _crud("Endpoint", "EndpointId", create=False),
    "ImportJob": ResourceSpec(
        get="GetImportJob",
        identifiers=(("ApplicationId", "ApplicationId"), ("JobId", "Id")),
        create="CreateImportJob",
    ),
    "ExportJob": ResourceSpec(
        get="GetExportJob",
        identifiers=(("ApplicationId", "ApplicationId"), ("JobId", "Id")),
        create="CreateExportJob",
    ),
    "RecommenderConfiguration": ResourceSpec(
        get="GetRecommenderConfiguration",
        identifiers=(("RecommenderId", "Id"),),
        create="CreateRecommenderConfiguration",
        update="UpdateRecommenderConfiguration",
        delete="DeleteRecommenderConfiguration",
    ),
    "EmailTemplate": _template("Email"),
    "SmsTemplate": _template("Sms"),
    "VoiceTemplate": _template("Voice"),
    "PushTemplate": _template("Push"),
    "InAppTemplate": _template("InApp"),
    "ApplicationSettings": _app_part("ApplicationSettings", delete=False),
    "EventStream": _app_part("EventStream", update="Put"),
    **{f"{name}Channel": _app_part(f"{name}Channel") for name in _CHANNELS},
}

COLLECTIONS: dict[str, CollectionSpec] = {
    "apps": CollectionSpec("GetApps", "App"),
    "campaigns": CollectionSpec("GetCampaigns", "Campaign"),
    "journeys": CollectionSpec("ListJourneys", "Journey"),
    "segments": CollectionSpec("GetSegments", "Segment"),
    "import_jobs": CollectionSpec("GetImportJobs", "ImportJob"),
    "export_jobs": CollectionSpec("GetExportJobs", "ExportJob"),
    "templates": CollectionSpec("ListTemplates"),
    "recommender_configurations": CollectionSpec(
        "GetRecommenderConfigurations", "RecommenderConfiguration"
    ),
    "campaign_versions": CollectionSpec("GetCampaignVersions"),
    "campaign_activities": CollectionSpec("GetCampaignActivities"),
    "journey_runs": CollectionSpec("GetJourneyRuns"),
    "segment_versions": CollectionSpec("GetSegmentVersions"),
    "segment_export_jobs": CollectionSpec("GetSegmentExportJobs", "ExportJob"),
    "segment_import_jobs": CollectionSpec("GetSegmentImportJobs", "ImportJob"),
    "template_versions": CollectionSpec("ListTemplateVersions"),
    "user_endpoints": CollectionSpec("GetUserEndpoints", "Endpoint"),
}


def _literal(value: object) -> str:
    """``value`` (a string, ``None`` or nested tuples of them) as ``ruff format`` writes it."""
    if isinstance(value, tuple):
        inner = ", ".join(_literal(item) for item in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return json.dumps(value) if isinstance(value, str) else repr(value)


def _constant(name: str) -> str:
    out = []
    for index, char in enumerate(name):
        if char.isupper() and index and not name[index - 1].isupper():
            out.append("_")
        out.append(char.upper())
    return "".join(out)


def _labels(service: Service, op: Operation) -> tuple[str, ...]:
    return tuple(
        m.name for m in service.structures[op.input].members if m.location == "uri"
    )


def _payload(service: Service, shape: str | None) -> tuple[str | None, str | None]:
    """(attribute, shape) of the member a request or answer carries its model in."""
    if shape is None:
        return None, None
    struct = service.structures[shape]
    if struct.payload is None:
        return None, None
    member = next(m for m in struct.members if m.wire == struct.payload)
    return member.name, member.type.name


def _operation(service: Service, name: str) -> list[str]:
    """``Operation(...)`` for ``name``, one argument a line, without indentation."""
    op = service.operations[name]
    payload, payload_model = _payload(service, op.output)
    request, request_model = _payload(service, op.input)
    return [
        "Operation(",
        f"    name={_literal(name)},",
        f"    method={_literal(op.method)},",
        f"    identifiers={_literal(_labels(service, op))},",
        f"    payload={_literal(payload)},",
        f"    payload_model={_literal(payload_model)},",
    ] + ([
        f"    request={_literal(request)},",
        f"    request_model={_literal(request_model)},",
    ] if request is not None else []) + ["),"]


def _argument(name: str, lines: list[str]) -> Iterator[str]:
    yield f"    {name}={lines[0]}"
    yield from (f"    {line}" for line in lines[1:])


def _resource(service: Service, key: str, spec: ResourceSpec) -> Iterator[str]:
    identifiers = tuple(
        (attribute_name(label), attribute_name(member)) for label, member in spec.identifiers
    )
    yield f"{_constant(key)} = ResourceTable("
    yield f"    name={_literal(key)},"
    yield f"    model={_literal(_payload(service, service.operations[spec.get].output)[1])},"
    yield f"    identifiers={_literal(identifiers)},"
    for verb in ("get", "create", "update", "delete"):
        name = getattr(spec, verb)
        if name is not None:
            yield from _argument(verb, _operation(service, name))
    yield ")"


def _collection(service: Service, key: str, spec: CollectionSpec) -> Iterator[str]:
    op = service.operations[spec.operation]
    payload_model = _payload(service, op.output)[1]
    assert payload_model is not None, spec.operation
    items = next(
        m.name for m in service.structures[payload_model].members if m.type.kind == "list"
    )
    pagination = op.pagination
    page_size = token = None
    if pagination is not None:
        token = attribute_name(pagination.input_token)
        page_size = attribute_name(pagination.page_size) if pagination.page_size else None
    yield f"{_constant(key)} = CollectionTable("
    yield f"    name={_literal(key)},"
    yield from _argument("operation", _operation(service, spec.operation))
    yield f"    items={_literal(items)},"
    for name, value in (("page_size", page_size), ("token", token),
                        ("resource", spec.resource)):
        if value is not None:
            yield f"    {name}={_literal(value)},"
    yield ")"


def render_resource_tables(service: Service) -> str:
    """The text of ``pinpoint_sdk/resources/_tables.py``."""
    from codegen.emit import header

    out = [
        header(service).rstrip("\n"),
        '"""The resource tables: which operations serve each resource and collection.',
        "",
        "Read by the generic bases of `pinpoint_sdk.resources`; see `ResourceTable` and",
        '`CollectionTable`."""',
        "",
        "from __future__ import annotations",
        "",
        "from pinpoint_sdk.resources._base import CollectionTable, Operation, ResourceTable",
    ]
    for key, spec in RESOURCES.items():
        out += ["", *_resource(service, key, spec)]
    for key, coll in COLLECTIONS.items():
        out += ["", *_collection(service, key, coll)]
    out += ["", "RESOURCES: dict[str, ResourceTable] = {"]
    out += [f"    {_literal(key)}: {_constant(key)}," for key in RESOURCES]
    out += ["}", "", "COLLECTIONS: dict[str, CollectionTable] = {"]
    out += [f"    {_literal(key)}: {_constant(key)}," for key in COLLECTIONS]
    out += ["}", ""]
    return "\n".join(out)
