"""Reading an export folder back as typed models, and recreating it in another app."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from pinpoint_sdk import errors, models
from pinpoint_sdk.batching import BatchResult, ProgressCallback
from pinpoint_sdk.converter import structure
from pinpoint_sdk.export._export import CHANNELS, ENDPOINTS_FILE, PARTS, to_pinpoint
from pinpoint_sdk.export._manifest import FORMAT_VERSION, MANIFEST_NAME, ExportManifest

if TYPE_CHECKING:
    from pinpoint_sdk.export._export import PinpointOrClient
    from pinpoint_sdk.resources import Pinpoint
    from pinpoint_sdk.resources._account import TemplateData

    ChannelData: TypeAlias = (
        models.EmailChannelResponse
        | models.SMSChannelResponse
        | models.VoiceChannelResponse
        | models.APNSChannelResponse
        | models.APNSSandboxChannelResponse
        | models.APNSVoipChannelResponse
        | models.APNSVoipSandboxChannelResponse
        | models.GCMChannelResponse
        | models.ADMChannelResponse
        | models.BaiduChannelResponse
        | dict[str, object]
    )
    """A channel as exported: its response model, or the wire dict for a channel type
    this SDK does not know."""

__all__ = [
    "ExportedApp",
    "ExportedCampaign",
    "ExportedJourney",
    "ExportedSegment",
    "ExportedTemplate",
    "ImportFailure",
    "ImportReport",
    "ImportedItem",
    "import_app",
    "load_export",
]

_CHANNEL_MODELS: dict[str, str] = {
    "EMAIL": "EmailChannelResponse", "SMS": "SMSChannelResponse",
    "VOICE": "VoiceChannelResponse", "APNS": "APNSChannelResponse",
    "APNS_SANDBOX": "APNSSandboxChannelResponse", "APNS_VOIP": "APNSVoipChannelResponse",
    "APNS_VOIP_SANDBOX": "APNSVoipSandboxChannelResponse", "GCM": "GCMChannelResponse",
    "ADM": "ADMChannelResponse", "BAIDU": "BaiduChannelResponse",
}  # fmt: skip
assert _CHANNEL_MODELS.keys() == CHANNELS.keys()

_TEMPLATE_MODELS: dict[str, tuple[str, str]] = {
    "EMAIL": ("EmailTemplateResponse", "EmailTemplateRequest"),
    "SMS": ("SMSTemplateResponse", "SMSTemplateRequest"),
    "VOICE": ("VoiceTemplateResponse", "VoiceTemplateRequest"),
    "PUSH": ("PushNotificationTemplateResponse", "PushNotificationTemplateRequest"),
    "INAPP": ("InAppTemplateResponse", "InAppTemplateRequest"),
}
"""Response and request model names per template type."""


@attrs.define(kw_only=True)
class ExportedSegment:
    """A segment as exported: its current state and every version, oldest first."""

    segment: models.SegmentResponse
    versions: list[models.SegmentResponse]

    @property
    def latest(self) -> models.SegmentResponse:
        """The newest version."""
        return self.versions[-1] if self.versions else self.segment


@attrs.define(kw_only=True)
class ExportedCampaign:
    """A campaign as exported: current state, every version (oldest first), activities."""

    campaign: models.CampaignResponse
    versions: list[models.CampaignResponse]
    activities: list[models.ActivityResponse]

    @property
    def latest(self) -> models.CampaignResponse:
        """The newest version."""
        return self.versions[-1] if self.versions else self.campaign


@attrs.define(kw_only=True)
class ExportedJourney:
    """A journey as exported, with its runs."""

    journey: models.JourneyResponse
    runs: list[models.JourneyRunResponse]


@attrs.define(kw_only=True)
class ExportedTemplate:
    """A message template as exported: the active version and every version, oldest first."""

    name: str
    type: str
    template: TemplateData
    versions: list[TemplateData]


@attrs.define(kw_only=True)
class ExportedApp:
    """An export folder read back as typed models (what `load_export` returns).

    Parts that were not exported (or failed) are empty. Endpoints are not loaded into
    memory: `endpoints()` streams them from ``endpoints.ndjson``.

    Attributes:
        path: the app folder.
        manifest: its manifest.
        application: the application.
        settings: its settings.
        tags: its tags.
        channels: channel responses by channel type (``"EMAIL"``, ``"GCM"``, ...); a
            channel type this SDK does not know stays the wire dict.
        event_stream: the event stream, if one was set.
        segments: every segment with every version.
        campaigns: every campaign with every version and its activities.
        journeys: every journey with its runs.
        templates: every template of the account, every version.
        recommenders: the account's recommender configurations.
        import_jobs: the import job history.
        export_jobs: the export job history.

    Examples:
        >>> exported = load_export("pinpoint-export/0123456789abcdef")
        >>> [s.latest.name for s in exported.segments]
        >>> sum(1 for _ in exported.endpoints())
    """

    path: Path
    manifest: ExportManifest
    application: models.ApplicationResponse | None = None
    settings: models.ApplicationSettingsResource | None = None
    tags: dict[str, str] = attrs.field(factory=dict)
    channels: dict[str, ChannelData] = attrs.field(factory=dict)
    event_stream: models.EventStream | None = None
    segments: list[ExportedSegment] = attrs.field(factory=list)
    campaigns: list[ExportedCampaign] = attrs.field(factory=list)
    journeys: list[ExportedJourney] = attrs.field(factory=list)
    templates: list[ExportedTemplate] = attrs.field(factory=list)
    recommenders: list[models.RecommenderConfigurationResponse] = attrs.field(factory=list)
    import_jobs: list[models.ImportJobResponse] = attrs.field(factory=list)
    export_jobs: list[models.ExportJobResponse] = attrs.field(factory=list)

    @property
    def application_id(self) -> str:
        """The id of the exported application."""
        return self.manifest.application_id

    def endpoints(self) -> Iterator[models.EndpointResponse]:
        """Every exported endpoint, read one line at a time.

        Only the part of the file the manifest marks as written by whole pieces is
        read, so a file left longer by an interrupted run yields no partial piece.
        """
        path = self.path / ENDPOINTS_FILE
        if not path.exists():
            return
        state = self.manifest.endpoints
        limit = state.committed_bytes if state is not None else None
        with path.open("rb") as source:
            read = 0
            for line in source:
                read += len(line)
                if limit is not None and read > limit:
                    return
                if line.strip():
                    yield structure(json.loads(line), models.EndpointResponse)


def _read(folder: Path, part: str) -> Any:
    path = folder / PARTS[part]
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as source:
        return json.load(source)


def _model(name: str) -> type[Any]:
    cls: type[Any] = getattr(models, name)
    return cls


def load_export(path: str | os.PathLike[str]) -> ExportedApp:
    """Read one app folder of an export back into typed models.

    Args:
        path: the app folder (``<dest>/<application id>``), or an export folder holding
            exactly one app folder.

    Raises:
        FileNotFoundError: no ``manifest.json`` there.
        pinpoint_sdk.errors.ValidationError: several app folders, or a layout newer
            than this SDK reads.

    Examples:
        >>> exported = load_export("pinpoint-export/0123456789abcdef")
        >>> exported.application.name, len(exported.templates)
    """
    folder = Path(path)
    if not (folder / MANIFEST_NAME).exists():
        apps = sorted(p for p in folder.glob(f"*/{MANIFEST_NAME}"))
        if len(apps) != 1:
            if not apps:
                raise FileNotFoundError(f"no {MANIFEST_NAME} in {folder} or its folders")
            raise errors.ValidationError(
                f"{folder} holds {len(apps)} app exports; pass one app folder", "path"
            )
        folder = apps[0].parent
    manifest = ExportManifest.load(folder)
    if manifest.format_version > FORMAT_VERSION:
        raise errors.ValidationError(
            f"export format {manifest.format_version} is newer than this SDK reads "
            f"({FORMAT_VERSION}); upgrade pinpoint_sdk", "path",
        )  # fmt: skip
    exported = ExportedApp(path=folder, manifest=manifest)
    app = _read(folder, "app") or {}
    if app.get("Application"):
        exported.application = structure(app["Application"], models.ApplicationResponse)
    if app.get("Settings"):
        exported.settings = structure(app["Settings"], models.ApplicationSettingsResource)
    exported.tags = dict(app.get("Tags") or {})
    for channel_type, data in (_read(folder, "channels") or {}).items():
        model = _CHANNEL_MODELS.get(channel_type)
        exported.channels[channel_type] = structure(data, _model(model)) if model else data
    stream = _read(folder, "event_stream")
    if stream:
        exported.event_stream = structure(stream, models.EventStream)
    exported.segments = [
        ExportedSegment(
            segment=structure(entry["Segment"], models.SegmentResponse),
            versions=[structure(v, models.SegmentResponse) for v in entry.get("Versions") or []],
        )
        for entry in _read(folder, "segments") or []
    ]  # fmt: skip
    exported.campaigns = [
        ExportedCampaign(
            campaign=structure(entry["Campaign"], models.CampaignResponse),
            versions=[structure(v, models.CampaignResponse) for v in entry.get("Versions") or []],
            activities=[structure(a, models.ActivityResponse)
                        for a in entry.get("Activities") or []],
        )
        for entry in _read(folder, "campaigns") or []
    ]  # fmt: skip
    exported.journeys = [
        ExportedJourney(
            journey=structure(entry["Journey"], models.JourneyResponse),
            runs=[structure(r, models.JourneyRunResponse) for r in entry.get("Runs") or []],
        )
        for entry in _read(folder, "journeys") or []
    ]  # fmt: skip
    for entry in _read(folder, "templates") or []:
        kind = str(entry["TemplateType"]).upper()
        response = _model(_TEMPLATE_MODELS[kind][0]) if kind in _TEMPLATE_MODELS \
            else models.TemplateResponse
        exported.templates.append(ExportedTemplate(
            name=entry["TemplateName"], type=kind,
            template=structure(entry["Template"], response),
            versions=[structure(v, response) for v in entry.get("Versions") or []],
        ))  # fmt: skip
    exported.recommenders = [
        structure(r, models.RecommenderConfigurationResponse)
        for r in _read(folder, "recommenders") or []
    ]
    jobs = _read(folder, "jobs") or {}
    exported.import_jobs = [structure(j, models.ImportJobResponse)
                            for j in jobs.get("ImportJobs") or []]
    exported.export_jobs = [structure(j, models.ExportJobResponse)
                            for j in jobs.get("ExportJobs") or []]
    return exported


# --------------------------------------------------------------------------- import


@attrs.define(kw_only=True)
class ImportedItem:
    """Something `import_app` created (or skipped).

    Attributes:
        kind: ``"template"``, ``"segment"``, ``"campaign"`` or ``"journey"``.
        name: its name (templates: ``name (TYPE)``).
        source_id: its id in the export.
        new_id: its id in the target (``None`` when skipped).
        versions: versions created (templates), else 1.
        reason: why it was skipped.
    """

    kind: str
    name: str | None
    source_id: str | None
    new_id: str | None = None
    versions: int = 1
    reason: str | None = None


@attrs.define(kw_only=True)
class ImportFailure:
    """Something `import_app` could not create, and why.

    Attributes:
        kind: ``"template"``, ``"segment"``, ``"campaign"``, ``"journey"`` or ``"endpoint"``.
        name: its name or endpoint id.
        source_id: its id in the export.
        message: the error.
    """

    kind: str
    name: str | None
    source_id: str | None
    message: str


@attrs.define(kw_only=True)
class ImportReport:
    """What `import_app` did: created, skipped, failed, and the id maps.

    Attributes:
        application_id: the target application.
        created: every template, segment, campaign and journey created.
        skipped: what already existed (templates by name and type) and was left alone.
        failed: every item that could not be created, with the service's message.
        endpoints: the endpoint upsert result (its ``failed`` lists each endpoint).
        segment_ids: old segment id to new segment id.

    Examples:
        >>> report = import_app(pp, load_export("out/0123456789abcdef"), new_app.id)
        >>> report.ok, report.endpoints.succeeded, [f.message for f in report.failed]
    """

    application_id: str
    created: list[ImportedItem] = attrs.field(factory=list)
    skipped: list[ImportedItem] = attrs.field(factory=list)
    failed: list[ImportFailure] = attrs.field(factory=list)
    endpoints: BatchResult = attrs.field(factory=BatchResult)
    segment_ids: dict[str, str] = attrs.field(factory=dict)

    @property
    def ok(self) -> bool:
        """Whether nothing failed (endpoints included)."""
        return not self.failed and not self.endpoints.failed

    def created_of(self, kind: str) -> list[ImportedItem]:
        """What was created of one kind."""
        return [item for item in self.created if item.kind == kind]


def _describe(exc: BaseException) -> str:
    from pinpoint_sdk.display import redact_text

    return redact_text(f"{type(exc).__name__}: {exc}")


def _remap_segments(value: Any, ids: dict[str, str], missing: set[str]) -> Any:
    """``value`` (a wire dict) with every ``SegmentId`` replaced by its new id."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key == "SegmentId" and isinstance(item, str):
                if item in ids:
                    item = ids[item]
                else:
                    missing.add(item)
            elif key == "SegmentVersion":
                continue  # the new segment has its own versions: use its latest
            out[key] = _remap_segments(item, ids, missing)
        return out
    if isinstance(value, list):
        return [_remap_segments(item, ids, missing) for item in value]
    return value


def import_app(
    pinpoint_or_client: PinpointOrClient,
    exported: ExportedApp | str | os.PathLike[str],
    application_id: str,
    *,
    endpoints: bool = True,
    progress: ProgressCallback | bool | None = None,
) -> ImportReport:
    """Recreate an export in another application (or Region, or the offline double).

    What the service still accepts is recreated, in this order:

    - templates (account level): every version, oldest first, and the active version
      set as it was; a template whose name and type exist already is skipped (listed in
      ``skipped``), not overwritten;
    - segments: the latest version of each (new ids; ``segment_ids`` maps them);
    - campaigns: the latest version, pointed at the new segment ids;
    - journeys: the latest version, segment ids mapped, created as ``DRAFT``;
    - endpoints: streamed from ``endpoints.ndjson`` through ``upsert_many`` in batches.

    Settings, channels (their secrets are not in an export unless asked for), the
    event stream, recommenders and job history are not recreated. Each failure is
    recorded in the report and the import goes on.

    Args:
        pinpoint_or_client: a `Pinpoint`, a `PinpointClient` or a boto3 pinpoint client.
        exported: what `load_export` returned, or an app folder to load.
        application_id: the target application (it must exist).
        endpoints: also import the endpoints.
        progress: for the endpoint upsert, as in ``upsert_many``.

    Examples:
        >>> target = pp.apps.create("restored")
        >>> report = import_app(pp, "pinpoint-export/0123456789abcdef", target.id)
        >>> report.ok
        True
    """
    pp = to_pinpoint(pinpoint_or_client)
    if not isinstance(exported, ExportedApp):
        exported = load_export(exported)
    app = pp.apps.get(application_id)
    report = ImportReport(application_id=application_id)
    for template in exported.templates:
        _import_template(pp, template, report)
    for segment in exported.segments:
        _import_segment(pp, application_id, segment, report)
    for campaign in exported.campaigns:
        _import_engagement(pp, application_id, "campaign", campaign.latest,
                           models.WriteCampaignRequest, report)
    for journey in exported.journeys:
        _import_engagement(pp, application_id, "journey", journey.journey,
                           models.WriteJourneyRequest, report)
    if endpoints:
        report.endpoints = app.endpoints.upsert_many(
            (_endpoint_item(pp, endpoint) for endpoint in exported.endpoints()),
            progress=progress,
        )
    return report


def _request(pp: Pinpoint, data: Any, cls: type[Any], changes: dict[str, Any] | None = None,
             ids: dict[str, str] | None = None) -> Any:
    from pinpoint_sdk.converter import unstructure
    from pinpoint_sdk.resources._base import to_write_request

    request = to_write_request(pp.client, data, cls)
    if ids is None and not changes:
        return request
    wire = unstructure(request)
    missing: set[str] = set()
    if ids is not None:
        wire = _remap_segments(wire, ids, missing)
    if missing:
        raise errors.ValidationError(
            f"refers to segments that were not imported: {', '.join(sorted(missing))}",
            "segment_id",
        )
    wire.update(changes or {})
    return structure(wire, cls)


def _endpoint_item(pp: Pinpoint, endpoint: models.EndpointResponse) -> models.EndpointBatchItem:
    from pinpoint_sdk.resources._base import to_write_request

    item: models.EndpointBatchItem = to_write_request(pp.client, endpoint,
                                                      models.EndpointBatchItem)
    return item


def _import_template(pp: Pinpoint, template: ExportedTemplate, report: ImportReport) -> None:
    from pinpoint_sdk.resources._account import _kind

    label = f"{template.name} ({template.type})"
    try:
        kind = _kind(template.type)
        try:
            pp.templates.get(template.name, template.type)
        except errors.NotFoundError:
            pass
        else:
            report.skipped.append(ImportedItem(kind="template", name=label,
                                               source_id=template.name, reason="exists"))
            return
        request_cls = _model(_TEMPLATE_MODELS[template.type][1])
        versions = template.versions or [template.template]
        for number, version in enumerate(versions):
            body = _request(pp, version, request_cls)
            if number == 0:
                getattr(pp.client, f"create_{kind.operation}_template")(
                    template_name=template.name, **{kind.request_member: body})
            else:
                getattr(pp.client, f"update_{kind.operation}_template")(
                    template_name=template.name, create_new_version=True,
                    **{kind.request_member: body})
        active = str(getattr(template.template, "version", "") or "")
        old = [str(getattr(v, "version", "") or "") for v in versions]
        if len(versions) > 1 and active in old:
            # Versions are renumbered from 1 in the same order; which one is active
            # after creation differs between services, so it is always set.
            pp.client.update_template_active_version(
                template_name=template.name, template_type=template.type,
                template_active_version_request=models.TemplateActiveVersionRequest(
                    version=str(old.index(active) + 1)),
            )  # fmt: skip
    except Exception as exc:
        report.failed.append(ImportFailure(kind="template", name=label,
                                           source_id=template.name, message=_describe(exc)))
        return
    report.created.append(ImportedItem(kind="template", name=label, source_id=template.name,
                                       new_id=template.name, versions=len(versions)))


def _import_segment(pp: Pinpoint, application_id: str, segment: ExportedSegment,
                    report: ImportReport) -> None:
    latest = segment.latest
    try:
        body = _request(pp, latest, models.WriteSegmentRequest)
        created = pp.client.create_segment(application_id=application_id,
                                           write_segment_request=body).segment_response
        new_id = created.id if created is not None else None
    except Exception as exc:
        report.failed.append(ImportFailure(kind="segment", name=latest.name,
                                           source_id=latest.id, message=_describe(exc)))
        return
    if latest.id and new_id:
        report.segment_ids[latest.id] = new_id
    report.created.append(ImportedItem(kind="segment", name=latest.name, source_id=latest.id,
                                       new_id=new_id))


def _import_engagement(pp: Pinpoint, application_id: str, kind: str, data: Any,
                       cls: type[Any], report: ImportReport) -> None:
    try:
        if kind == "campaign":
            body = _request(pp, data, cls, ids=report.segment_ids)
            response: Any = pp.client.create_campaign(
                application_id=application_id, write_campaign_request=body
            ).campaign_response
        else:
            body = _request(pp, data, cls, {"State": "DRAFT"}, ids=report.segment_ids)
            response = pp.client.create_journey(
                application_id=application_id, write_journey_request=body
            ).journey_response
    except Exception as exc:
        report.failed.append(ImportFailure(kind=kind, name=data.name, source_id=data.id,
                                           message=_describe(exc)))
        return
    report.created.append(ImportedItem(kind=kind, name=data.name, source_id=data.id,
                                       new_id=response.id if response is not None else None))
