"""Exporting applications to a folder: every resource in wire form, endpoints via S3."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast
from urllib.parse import urlparse

import attrs

from pinpoint_sdk import errors, models
from pinpoint_sdk._model_base import Model
from pinpoint_sdk.converter import structure, unstructure
from pinpoint_sdk.export._manifest import (
    EndpointPiece,
    EndpointsStatus,
    ExportFailure,
    ExportManifest,
    PartStatus,
    count_versions,
    dump_json,
    now_iso,
    write_atomically,
)

if TYPE_CHECKING:
    from typing import TypeAlias

    from pinpoint_sdk._base_client import BotocoreClient
    from pinpoint_sdk.client import PinpointClient
    from pinpoint_sdk.resources import App, Pinpoint

    PinpointOrClient: TypeAlias = Pinpoint | PinpointClient | BotocoreClient
    """What the export and import functions work through: a `Pinpoint`, a
    `PinpointClient` or a boto3 ``pinpoint`` client."""

__all__ = ["ENDPOINTS_FILE", "PARTS", "EndpointExport", "ExportProgress", "export_all",
           "export_app", "to_pinpoint"]

ENDPOINTS_FILE = "endpoints.ndjson"
"""File name of the endpoints (one wire-form ``EndpointResponse`` a line)."""

PARTS: dict[str, str] = {
    "app": "app.json",
    "channels": "channels.json",
    "event_stream": "event_stream.json",
    "segments": "segments.json",
    "campaigns": "campaigns.json",
    "journeys": "journeys.json",
    "templates": "templates.json",
    "recommenders": "recommenders.json",
    "endpoints": ENDPOINTS_FILE,
    "jobs": "jobs.json",
}
"""Every part of an app export and its file, in the order they are written.

``jobs`` comes after ``endpoints`` so the job history includes the export job itself.
"""

CHANNELS: dict[str, str] = {
    "EMAIL": "email", "SMS": "sms", "VOICE": "voice", "APNS": "apns",
    "APNS_SANDBOX": "apns_sandbox", "APNS_VOIP": "apns_voip",
    "APNS_VOIP_SANDBOX": "apns_voip_sandbox", "GCM": "gcm", "ADM": "adm", "BAIDU": "baidu",
}  # fmt: skip
"""Channel types as ``channels.json`` keys them, and the client's operation name part."""

ExportProgress = Callable[[str, int], None]
"""``progress(part, count)``: called when a part is written (its item count) and after
each endpoint piece (endpoints written so far, under the part name ``"endpoints"``)."""


@attrs.define
class EndpointExport:
    """Where and how to export endpoints: they can only leave Pinpoint through S3.

    The export starts an export job writing to ``s3_url`` (the role must let Pinpoint
    write there), waits for it, then reads every piece the job wrote under that
    prefix from S3, one line at a time, into ``endpoints.ndjson``. Give the job a
    prefix of its own: pieces are those under ``<s3_url>/<job id>/`` when the job wrote
    any there, otherwise every object under ``s3_url``.

    Attributes:
        s3_url: ``s3://bucket/prefix/`` for the job's files.
        role_arn: the IAM role Pinpoint assumes to write to the bucket.
        delete_after_read: delete each S3 object once its endpoints are written.
        segment_id: export only this segment's endpoints (default: all).
        segment_version: the segment version (default: the latest).
        s3_client: a boto3 S3 client to read with; by default one is created with the
            Pinpoint client's credentials, Region and (custom) endpoint URL.
        timeout: seconds to wait for the job.
        poll_interval: seconds between job polls.

    Examples:
        >>> EndpointExport("s3://my-bucket/pinpoint/", "arn:aws:iam::123456789012:role/export")
    """

    s3_url: str
    role_arn: str
    delete_after_read: bool = False
    segment_id: str | None = attrs.field(default=None, kw_only=True)
    segment_version: int | None = attrs.field(default=None, kw_only=True)
    s3_client: Any = attrs.field(default=None, kw_only=True, repr=False)
    timeout: float = attrs.field(default=3600.0, kw_only=True)
    poll_interval: float = attrs.field(default=10.0, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not str(self.s3_url).startswith("s3://") or not urlparse(str(self.s3_url)).netloc:
            raise errors.ValidationError(
                f"must look like s3://bucket/prefix, got {self.s3_url!r}", "s3_url"
            )

    def for_app(self, application_id: str) -> EndpointExport:
        """The same export with the app id appended to the prefix (``export_all``)."""
        return attrs.evolve(self, s3_url=f"{self.s3_url.rstrip('/')}/{application_id}/")


def to_pinpoint(pinpoint_or_client: PinpointOrClient) -> Pinpoint:
    """A `Pinpoint` for a `Pinpoint`, a `PinpointClient` or a boto3 pinpoint client."""
    from pinpoint_sdk.resources import Pinpoint

    if isinstance(pinpoint_or_client, Pinpoint):
        return pinpoint_or_client
    return Pinpoint(pinpoint_or_client)


# --------------------------------------------------------------------------- secrets


def strip_secrets(model: Model, wire: Any, removed: list[str], path: str = "") -> Any:
    """``wire`` (the unstructured ``model``) without its secret members.

    The members are those `pinpoint_sdk.display` masks (the service model's secrets, and
    keys the SDK does not know that carry a secret's name); ``removed`` collects their paths.
    """
    from pinpoint_sdk.display import REMOVE, replace_secrets

    def remove(secret_path: str) -> Any:
        removed.append(secret_path)
        return REMOVE

    return replace_secrets(model, wire, remove, path)


# --------------------------------------------------------------------------- progress


class _Progress:
    """``progress=``: a callable, ``True`` for a tqdm bar, or ``None``."""

    def __init__(self, progress: ExportProgress | bool | None, application_id: str) -> None:
        self._callback: ExportProgress | None = None
        self._bar: Any = None
        if progress is True:
            from pinpoint_sdk._progress import tqdm_bar

            self._bar = tqdm_bar(len(PARTS), f"export {application_id}", "part")
        elif callable(progress):
            self._callback = progress

    def __call__(self, part: str, count: int, *, finished: bool = True) -> None:
        if self._callback is not None:
            self._callback(part, count)
        if self._bar is not None:
            self._bar.set_postfix_str(f"{part}: {count}", refresh=False)
            if finished:
                self._bar.update(1)
            else:
                self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


# --------------------------------------------------------------------------- export


@attrs.define
class _AccountCache:
    """Account-level parts (templates, recommenders), fetched once per ``export_all``."""

    parts: dict[str, tuple[Any, PartStatus]] = attrs.field(factory=dict)


def export_app(
    pinpoint_or_client: PinpointOrClient,
    application_id: str,
    dest: str | os.PathLike[str],
    *,
    endpoints: EndpointExport | None = None,
    include_secrets: bool = False,
    progress: ExportProgress | bool | None = None,
) -> ExportManifest:
    """Export one application into ``dest/<application_id>/``; returns its manifest.

    Every part (see the guide for the layout) is written in the service's wire form to
    its own JSON file, atomically. A part that fails is recorded in the manifest's
    ``failures`` and the export goes on; a rerun with the same ``dest`` skips what the
    manifest marks done (endpoint pieces included) and retries the rest.

    Args:
        pinpoint_or_client: a `Pinpoint`, a `PinpointClient` or a boto3 pinpoint client.
        application_id: the application to export.
        dest: the export folder (``str`` or path-like); created when missing.
        endpoints: export endpoints through an S3 export job; ``None`` leaves them out.
        include_secrets: write secret channel members (API keys, certificates,
            credentials) when the service returns them; otherwise they are removed
            and the manifest lists what was removed.
        progress: ``progress(part, count)`` callable, or ``True`` for a tqdm bar
            (the ``progress`` extra).

    Returns:
        The manifest as written; ``manifest.complete`` tells whether anything failed.

    Raises:
        pinpoint_sdk.errors.NotFoundError: the application does not exist.

    Examples:
        >>> manifest = export_app(pp, app.id, "pinpoint-export",
        ...     endpoints=EndpointExport("s3://bucket/pinpoint/", role_arn))
        >>> manifest.complete
        True
    """
    return _export_app(to_pinpoint(pinpoint_or_client), application_id, Path(dest),
                       endpoints, include_secrets, progress, _AccountCache())


def export_all(
    pinpoint_or_client: PinpointOrClient,
    dest: str | os.PathLike[str],
    *,
    endpoints: EndpointExport | None = None,
    include_secrets: bool = False,
    progress: ExportProgress | bool | None = None,
) -> list[ExportManifest]:
    """Export every application of the account and Region, one folder each.

    Same options as `export_app`. Templates and recommender configurations belong to
    the account: they are read once and a copy is written into each app folder, so
    every folder is complete on its own. With ``endpoints``, each app's job writes
    under ``<s3_url>/<application id>/``.

    Returns:
        One manifest per application, in listing order.

    Examples:
        >>> manifests = export_all(pp, "pinpoint-export")
        >>> [m.application_id for m in manifests if not m.complete]
        []
    """
    pp = to_pinpoint(pinpoint_or_client)
    cache = _AccountCache()
    return [
        _export_app(pp, app.id, Path(dest),
                    endpoints.for_app(app.id) if endpoints is not None else None,
                    include_secrets, progress, cache, app=app)
        for app in pp.apps
    ]  # fmt: skip


def _versions() -> tuple[str, str]:
    import botocore

    from pinpoint_sdk import __version__

    try:
        from importlib.metadata import version

        sdk = version("pinpoint-sdk")
    except Exception:
        sdk = __version__
    return sdk, str(botocore.__version__)


def _open_manifest(folder: Path, pp: Pinpoint, application_id: str,
                   include_secrets: bool) -> ExportManifest:
    manifest: ExportManifest | None = None
    if (folder / "manifest.json").exists():
        try:
            manifest = ExportManifest.load(folder)
        except (OSError, ValueError, KeyError):
            manifest = None  # unreadable: start over rather than trust it
        if manifest is not None and manifest.application_id != application_id:
            raise errors.ValidationError(
                f"{folder} holds an export of {manifest.application_id}, not {application_id}",
                "dest",
            )
    if manifest is None:
        manifest = ExportManifest(application_id=application_id)
    if manifest.include_secrets != include_secrets and "channels" in manifest.parts:
        manifest.parts["channels"].done = False  # written under the other choice
    manifest.include_secrets = include_secrets
    manifest.sdk_version, manifest.botocore_version = _versions()
    manifest.region = pp.client.boto3_client.meta.region_name
    manifest.runs += 1
    manifest.failures = []
    manifest.finished_at = None
    return manifest


def _export_app(
    pp: Pinpoint,
    application_id: str,
    dest: Path,
    endpoints: EndpointExport | None,
    include_secrets: bool,
    progress: ExportProgress | bool | None,
    cache: _AccountCache,
    app: App | None = None,
) -> ExportManifest:
    from pinpoint_sdk import _log

    app = app if app is not None else pp.apps.get(application_id)
    folder = dest / application_id
    folder.mkdir(parents=True, exist_ok=True)
    manifest = _open_manifest(folder, pp, application_id, include_secrets)
    manifest.save(folder)
    report = _Progress(progress, application_id)
    writers: dict[str, Callable[[], tuple[Any, PartStatus]]] = {
        "app": lambda: _app_part(pp, app),
        "channels": lambda: _channels_part(pp, app, include_secrets),
        "event_stream": lambda: _event_stream_part(pp, app),
        "segments": lambda: _segments_part(app),
        "campaigns": lambda: _campaigns_part(app),
        "journeys": lambda: _journeys_part(app),
        "templates": lambda: _account_part(cache, "templates", lambda: _templates_part(pp)),
        "recommenders": lambda: _account_part(cache, "recommenders",
                                              lambda: _recommenders_part(pp)),
        "jobs": lambda: _jobs_part(app),
    }
    try:
        for part, file_name in PARTS.items():
            if part == "endpoints":
                if endpoints is not None:
                    _EndpointRun(pp, app, folder, endpoints, manifest, report).run()
                continue
            if manifest.done(part):
                report(part, manifest.parts[part].count)
                continue
            try:
                payload, status = writers[part]()
                removed: list[str] | None = None if include_secrets else []
                data = _wire(payload, removed)
                if removed:
                    status.detail["SecretsRemoved"] = removed
                write_atomically(folder / file_name, dump_json(data))
            except Exception as exc:
                manifest.parts[part] = PartStatus(file=file_name, done=False)
                manifest.failures.append(ExportFailure(part=part, message=_describe(exc)))
                _log.export_part(application_id, part, None, _describe(exc))
            else:
                status.done, status.finished_at = True, now_iso()
                manifest.parts[part] = status
                _log.export_part(application_id, part, status.count, None)
            manifest.save(folder)
            report(part, manifest.parts[part].count)
    finally:
        manifest.finished_at = now_iso()
        manifest.save(folder)
        report.close()
    return manifest


def _describe(exc: BaseException) -> str:
    from pinpoint_sdk.display import redact_text

    return redact_text(f"{type(exc).__name__}: {exc}")


# A part's payload keeps models until written, so secrets can be removed per model.
class _Wire:
    """A model to write in wire form (unstructured at write time)."""

    __slots__ = ("model",)

    def __init__(self, model: Model) -> None:
        self.model = model


def _wire(payload: Any, removed: list[str] | None, path: str = "") -> Any:
    """``payload`` in wire form; without secrets (their paths added to it) when ``removed``
    is a list."""
    if isinstance(payload, _Wire):
        data = unstructure(payload.model)
        return data if removed is None else strip_secrets(payload.model, data, removed, path)
    if isinstance(payload, dict):
        return {key: _wire(value, removed, f"{path}{key}.") for key, value in payload.items()}
    if isinstance(payload, list):
        return [_wire(item, removed, f"{path}[{index}].") for index, item in enumerate(payload)]
    return payload


def _account_part(cache: _AccountCache, name: str,
                  fetch: Callable[[], tuple[Any, PartStatus]]) -> tuple[Any, PartStatus]:
    if name not in cache.parts:
        cache.parts[name] = fetch()
    payload, status = cache.parts[name]
    return payload, attrs.evolve(status, detail=dict(status.detail))


def _by_version(items: list[Any]) -> list[Any]:
    """Versions oldest first (the service lists the newest first)."""

    def key(item: Any) -> tuple[int, str]:
        version = str(getattr(item, "version", "") or "")
        return (int(version), "") if version.isdigit() else (1 << 62, version)

    return sorted(items, key=key)


def _app_part(pp: Pinpoint, app: App) -> tuple[Any, PartStatus]:
    tags: dict[str, str] = {}
    if app.arn:
        model = pp.client.list_tags_for_resource(resource_arn=app.arn).tags_model
        tags = dict((model.tags if model is not None else None) or {})
    payload = {"Application": _Wire(app.data), "Settings": _Wire(app.settings.get()),
               "Tags": tags}
    return payload, PartStatus(file=PARTS["app"], count=1)


def _channels_part(pp: Pinpoint, app: App, include_secrets: bool) -> tuple[Any, PartStatus]:
    channels: dict[str, Any] = {}
    for channel_type, operation in CHANNELS.items():
        try:
            response = getattr(pp.client, f"get_{operation}_channel")(application_id=app.id)
        except errors.NotFoundError:
            continue
        channels[channel_type] = _Wire(getattr(response, f"{operation}_channel_response"))
    return channels, PartStatus(file=PARTS["channels"], count=len(channels),
                                detail={"IncludeSecrets": include_secrets})


def _event_stream_part(pp: Pinpoint, app: App) -> tuple[Any, PartStatus]:
    try:
        stream: Any = _Wire(app.event_stream.get())
    except errors.NotFoundError:
        stream = None
    return stream, PartStatus(file=PARTS["event_stream"], count=0 if stream is None else 1)


def _segments_part(app: App) -> tuple[Any, PartStatus]:
    entries = []
    for segment in app.segments:
        versions = _by_version(list(segment.versions())) or [segment.data]
        entries.append({"Segment": _Wire(segment.data),
                        "Versions": [_Wire(v) for v in versions]})
    return entries, PartStatus(file=PARTS["segments"], count=len(entries),
                               versions=count_versions(entries))


def _campaigns_part(app: App) -> tuple[Any, PartStatus]:
    entries = []
    for campaign in app.campaigns:
        versions = _by_version(list(campaign.versions())) or [campaign.data]
        entries.append({"Campaign": _Wire(campaign.data),
                        "Versions": [_Wire(v) for v in versions],
                        "Activities": [_Wire(a) for a in campaign.activities()]})
    return entries, PartStatus(file=PARTS["campaigns"], count=len(entries),
                               versions=count_versions(entries))


def _journeys_part(app: App) -> tuple[Any, PartStatus]:
    entries = [{"Journey": _Wire(journey.data), "Runs": [_Wire(r) for r in journey.runs()]}
               for journey in app.journeys]
    return entries, PartStatus(file=PARTS["journeys"], count=len(entries))


def _templates_part(pp: Pinpoint) -> tuple[Any, PartStatus]:
    from pinpoint_sdk.resources._account import _kind

    entries = []
    for summary in pp.templates:
        kind = _kind(summary.type)
        fetch = getattr(pp.client, f"get_{kind.operation}_template")
        active = getattr(fetch(template_name=summary.name), kind.response_member)
        versions = [
            getattr(fetch(template_name=summary.name, version=v.version), kind.response_member)
            for v in _by_version(list(summary.versions()))
        ] or [active]
        entries.append({"TemplateName": summary.name, "TemplateType": summary.type,
                        "Template": _Wire(active), "Versions": [_Wire(v) for v in versions]})
    return entries, PartStatus(file=PARTS["templates"], count=len(entries),
                               versions=count_versions(entries),
                               detail={"Scope": "account"})


def _recommenders_part(pp: Pinpoint) -> tuple[Any, PartStatus]:
    entries = [_Wire(config.data) for config in pp.recommender_configurations]
    return entries, PartStatus(file=PARTS["recommenders"], count=len(entries),
                               detail={"Scope": "account"})


def _jobs_part(app: App) -> tuple[Any, PartStatus]:
    imports = [_Wire(job.data) for job in app.import_jobs]
    exports = [_Wire(job.data) for job in app.export_jobs]
    return ({"ImportJobs": imports, "ExportJobs": exports},
            PartStatus(file=PARTS["jobs"], count=len(imports) + len(exports),
                       detail={"ImportJobs": len(imports), "ExportJobs": len(exports)}))


# --------------------------------------------------------------------------- endpoints


def split_s3_url(url: str) -> tuple[str, str]:
    """``("bucket", "prefix/")`` of ``s3://bucket/prefix``."""
    parsed = urlparse(url)
    prefix = parsed.path.lstrip("/")
    if prefix and not prefix.endswith("/"):
        prefix += "/"
    return parsed.netloc, prefix


def s3_client_for(pp: Pinpoint) -> Any:
    """An S3 client with the Pinpoint client's credentials, Region and custom endpoint."""
    import boto3

    pinpoint = pp.client.boto3_client
    kwargs: dict[str, Any] = {"region_name": pinpoint.meta.region_name}
    endpoint = str(pinpoint.meta.endpoint_url or "")
    if endpoint and not urlparse(endpoint).hostname.endswith(  # type: ignore[union-attr]
        ("amazonaws.com", "amazonaws.com.cn", "api.aws")
    ):
        kwargs["endpoint_url"] = endpoint  # an offline server serves S3 at the same address
    signer = getattr(pinpoint, "_request_signer", None)
    credentials = getattr(signer, "_credentials", None)
    if credentials is not None:
        frozen = credentials.get_frozen_credentials()
        kwargs.update(aws_access_key_id=frozen.access_key, aws_secret_access_key=frozen.secret_key,
                      aws_session_token=frozen.token)
    return boto3.session.Session().client("s3", **kwargs)


class _EndpointRun:
    """One run of the endpoint part: the job, then each piece streamed into the file."""

    def __init__(self, pp: Pinpoint, app: App, folder: Path, spec: EndpointExport,
                 manifest: ExportManifest, report: _Progress) -> None:
        self.pp, self.app, self.folder, self.spec = pp, app, folder, spec
        self.manifest, self.report = manifest, report
        self.path = folder / ENDPOINTS_FILE

    def fail(self, message: str, key: str | None = None) -> None:
        from pinpoint_sdk import _log

        self.manifest.failures.append(ExportFailure(part="endpoints", message=message, key=key))
        _log.export_part(self.app.id, "endpoints" if key is None else f"endpoints {key}",
                         None, message)

    def status(self) -> PartStatus:
        state = self.manifest.endpoints
        assert state is not None
        pieces = state.pieces.values()
        return PartStatus(
            file=ENDPOINTS_FILE, count=state.count,
            done=bool(state.job_id) and all(p.done for p in pieces) and not any(
                f.part == "endpoints" for f in self.manifest.failures),
            finished_at=now_iso(),
            detail={"JobId": state.job_id, "Pieces": len(state.pieces),
                    "PiecesDone": sum(1 for p in pieces if p.done)},
        )  # fmt: skip

    def run(self) -> None:
        manifest = self.manifest
        state = manifest.endpoints
        if state is not None and state.s3_url != self.spec.s3_url:
            state = None  # another destination: what was read came from another job
            manifest.parts.pop("endpoints", None)
        if state is None:
            state = manifest.endpoints = EndpointsStatus(s3_url=self.spec.s3_url)
        if manifest.done("endpoints"):
            self.report("endpoints", state.count)
            return
        try:
            job = self.job(state)
            if job is not None:
                self.read_pieces(state, job.id)
        except Exception as exc:
            self.fail(_describe(exc))
        manifest.parts["endpoints"] = self.status()
        manifest.save(self.folder)
        self.report("endpoints", state.count)

    def job(self, state: EndpointsStatus) -> Any:
        from pinpoint_sdk.resources import ExportJob

        job: ExportJob | None = None
        if state.job_id:
            try:
                job = self.app.export_jobs.get(state.job_id)
            except errors.NotFoundError:
                job = None
            if job is None or job.status == "FAILED":
                # A new job writes new pieces: what came from the old one is dropped.
                state.pieces, state.committed_bytes, state.job_id = {}, 0, None
                job = None
        if job is None:
            job = self.app.export_jobs.create(models.ExportJobRequest(
                s3_url_prefix=self.spec.s3_url, role_arn=self.spec.role_arn,
                segment_id=self.spec.segment_id, segment_version=self.spec.segment_version,
            ))  # fmt: skip
            state.job_id = job.id
            self.manifest.save(self.folder)
        try:
            job.wait(timeout=self.spec.timeout, poll_interval=self.spec.poll_interval)
        except errors.JobFailedError as exc:
            self.fail(f"export job {job.id} failed: {'; '.join(job.failures) or exc}")
            return None
        return job

    def keys(self, job_id: str) -> list[str]:
        bucket, prefix = split_s3_url(self.spec.s3_url)
        paginator = self.s3.get_paginator("list_objects_v2")
        keys = [item["Key"] for page in paginator.paginate(Bucket=bucket, Prefix=prefix)
                for item in page.get("Contents") or [] if not item["Key"].endswith("/")]
        own = [key for key in keys if f"/{job_id}/" in f"/{key}"]
        return sorted(own or keys)

    def read_pieces(self, state: EndpointsStatus, job_id: str) -> None:
        self.s3 = self.spec.s3_client or s3_client_for(self.pp)
        bucket, _prefix = split_s3_url(self.spec.s3_url)
        mode = "r+b" if self.path.exists() else "w+b"
        with self.path.open(mode) as out:
            out.seek(state.committed_bytes)
            out.truncate()  # drops a piece a crashed run wrote only in part
            for key in self.keys(job_id):
                piece = state.pieces.get(key)
                if piece is not None and piece.done:
                    continue
                try:
                    count = self.stream_piece(bucket, key, out)
                except Exception as exc:
                    out.seek(state.committed_bytes)
                    out.truncate()
                    state.pieces[key] = EndpointPiece(done=False, error=_describe(exc))
                    self.fail(_describe(exc), key)
                    self.manifest.save(self.folder)
                    continue
                out.flush()
                os.fsync(out.fileno())
                state.committed_bytes = out.tell()
                state.pieces[key] = EndpointPiece(done=True, count=count)
                self.manifest.save(self.folder)
                if self.spec.delete_after_read:
                    try:
                        self.s3.delete_object(Bucket=bucket, Key=key)
                        state.pieces[key].deleted = True
                    except Exception as exc:
                        self.fail(f"read but not deleted: {_describe(exc)}", key)
                    self.manifest.save(self.folder)
                self.report("endpoints", state.count, finished=False)

    def stream_piece(self, bucket: str, key: str, out: IO[bytes]) -> int:
        """Append the endpoints of one gzipped NDJSON piece to ``out``; their count."""
        body = self.s3.get_object(Bucket=bucket, Key=key)["Body"]
        count = 0
        try:
            for number, endpoint in enumerate(iter_endpoints(body), 1):
                out.write(json.dumps(unstructure(endpoint), ensure_ascii=False,
                                     separators=(",", ":")).encode() + b"\n")
                count = number
        finally:
            body.close()
        return count


def iter_endpoints(source: Any) -> Iterator[models.EndpointResponse]:
    """Typed endpoints from a gzipped NDJSON stream, one line at a time.

    Raises:
        ValueError: a line that is not a JSON object (named by its line number).
        OSError: the stream is not gzip (``gzip.BadGzipFile``) or ends early.
    """
    with gzip.GzipFile(fileobj=cast(IO[bytes], source), mode="rb") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except ValueError as exc:
                raise ValueError(f"line {number}: not JSON ({exc})") from None
            if not isinstance(data, dict):
                raise ValueError(f"line {number}: not a JSON object")
            yield structure(data, models.EndpointResponse)
