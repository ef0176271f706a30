"""Message templates, recommender configurations and import/export jobs."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections.abc import Iterator
from typing import Any

from moto.s3.exceptions import MissingBucket
from moto.s3.models import S3Backend, s3_backends
from moto.utilities.utils import get_partition

from ._core import AppState, BackendCore, Job, Versioned, new_id, now_iso
from ._endpoints import Endpoint
from ._engagement import EngagementMixin
from ._exceptions import BadRequestException, NotFoundException
from ._resources import ResourcesMixin
from ._segments import SegmentError, SegmentEvaluator
from ._shapes import project, shape

# Operation-name infix -> (TemplateType, payload member of Create/Update)
TEMPLATE_KINDS: dict[str, tuple[str, str]] = {
    "Email": ("EMAIL", "EmailTemplateRequest"),
    "Sms": ("SMS", "SMSTemplateRequest"),
    "Push": ("PUSH", "PushNotificationTemplateRequest"),
    "Voice": ("VOICE", "VoiceTemplateRequest"),
    "InApp": ("INAPP", "InAppTemplateRequest"),
}
_TEMPLATE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$")
_TEMPLATE_LIMITS = {"SMS": ("Body", 1600), "VOICE": ("Body", 10000), "EMAIL": ("HtmlPart", 500000)}
MAX_TEMPLATE_VERSIONS = 5000

# Job status progression, one step per read of the job.
IMPORT_STEPS = ["CREATED", "INITIALIZING", "PROCESSING", "COMPLETING", "COMPLETED"]
EXPORT_STEPS = ["CREATED", "PREPARING_FOR_INITIALIZATION", "PROCESSING", "COMPLETED"]
FAIL_STEPS = ["CREATED", "INITIALIZING", "FAILING", "FAILED"]
# Endpoints per exported file ("piece"); tests may lower it on the backend.
EXPORT_PIECE_SIZE = 10_000
_GZIP_MAGIC = b"\x1f\x8b"
_LIST_COLUMNS = ("Attributes.", "User.UserAttributes.")
_NUMBER_COLUMNS = ("Metrics.", "Location.Latitude", "Location.Longitude")


class JobFailure(Exception):
    """A job cannot finish; the message goes into the job's ``Failures``."""


def split_s3_url(url: str) -> tuple[str, str]:
    """``s3://bucket/some/key`` -> ``("bucket", "some/key")``."""
    bucket, _, key = url[len("s3://") :].partition("/")
    return bucket, key


def s3_url_under(url: str, location: str) -> bool:
    """Whether ``url`` is the S3 location ``location`` or inside it (a trailing ``/`` aside)."""
    base = location.rstrip("/")
    return url.rstrip("/") == base or url.startswith(f"{base}/")


def _csv_endpoint(row: dict[str, str]) -> dict[str, Any]:
    """One CSV row with dotted column names (``User.UserId``...) as a nested endpoint."""
    endpoint: dict[str, Any] = {}
    for column, raw in row.items():
        if not column or raw in (None, ""):
            continue
        value: Any = raw
        if column.startswith(_LIST_COLUMNS):
            value = [raw]
        elif column.startswith(_NUMBER_COLUMNS):
            value = float(raw)
        *parents, leaf = column.split(".")
        holder = endpoint
        for parent in parents:
            holder = holder.setdefault(parent, {})
        holder[leaf] = value
    return endpoint


def parse_endpoint_file(data: bytes, file_format: str) -> Iterator[dict[str, Any] | str]:
    """The endpoints of one import file (gzip or not); a string for each unreadable row."""
    if data.startswith(_GZIP_MAGIC):
        data = gzip.decompress(data)
    text = data.decode("utf-8-sig")
    if file_format == "CSV":
        for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
            try:
                yield _csv_endpoint(row)
            except ValueError as exc:
                yield f"line {number}: {exc}"
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            parsed = json.loads(line)
        except json.JSONDecodeError:
            yield f"line {number}: not a JSON object"
            continue
        yield parsed if isinstance(parsed, dict) else f"line {number}: not a JSON object"


def template_type(raw: str) -> str:
    """Normalise a URI template type (``email``, ``EMAIL``, ``in-app``...)."""
    value = raw.upper().replace("-", "").replace("_", "")
    if value not in {kind for kind, _ in TEMPLATE_KINDS.values()}:
        raise BadRequestException(f"Invalid template type {raw!r}")
    return value


class ContentMixin(EngagementMixin, ResourcesMixin, BackendCore):
    """Templates, recommenders and jobs."""

    export_piece_size: int = EXPORT_PIECE_SIZE

    # -- templates -----------------------------------------------------------------
    def template_arn(self, name: str, kind: str) -> str:
        """ARN of a message template."""
        return f"{self.arn_prefix}templates/{name}/{kind}"

    def _template(self, name: str, kind: str) -> Versioned:
        found = self.templates.get((name, kind))
        if found is None:
            raise NotFoundException("Template not found")
        return found

    def _template_json(self, name: str, kind: str, data: dict[str, Any]) -> dict[str, Any]:
        arn = self.template_arn(name, kind)
        return {**data, "Arn": arn, "tags": self.tags_of(arn)}

    def _pick_version(self, versioned: Versioned, name: str, kind: str, raw: str | None) -> int:
        if raw in (None, ""):
            return int(self.template_active.get((name, kind), versioned.current["Version"]))
        text = str(raw)
        for index, version in enumerate(versioned.versions):
            if version["Version"] == text:
                return index + 1
        raise NotFoundException(f"Template version {text} not found")

    def _check_template(self, kind: str, body: dict[str, Any]) -> None:
        limit = _TEMPLATE_LIMITS.get(kind)
        if limit and len(str(body.get(limit[0]) or "")) > limit[1]:
            raise BadRequestException(f"{limit[0]} is longer than {limit[1]} characters")
        if kind == "INAPP" and len(body.get("Content") or []) > 5:
            raise BadRequestException("An in-app template has at most 5 content items")

    def template_create(self, infix: str, params: dict[str, Any]) -> dict[str, Any]:
        """Create<Kind>Template."""
        kind, _ = TEMPLATE_KINDS[infix]
        name = params["TemplateName"]
        if not _TEMPLATE_NAME.match(name):
            raise BadRequestException(f"Invalid template name {name!r}")
        if (name, kind) in self.templates:
            raise BadRequestException(f"Template {name} ({kind}) already exists")
        body = self.body(params, f"Create{infix}Template")
        self._check_template(kind, body)
        now = now_iso()
        data = {k: v for k, v in body.items() if k != "tags"} | {
            "TemplateName": name,
            "TemplateType": kind,
            "CreationDate": now,
            "LastModifiedDate": now,
            "Version": "1",
        }
        self.templates[(name, kind)] = Versioned([data])
        self.template_active[(name, kind)] = "1"
        arn = self.template_arn(name, kind)
        self.set_tags(arn, body.get("tags"))
        return {"Arn": arn, "Message": "Created", "RequestID": new_id()}

    def template_get(self, infix: str, params: dict[str, Any]) -> dict[str, Any]:
        """Get<Kind>Template (the active version unless Version is given)."""
        kind, _ = TEMPLATE_KINDS[infix]
        name = params["TemplateName"]
        versioned = self._template(name, kind)
        number = self._pick_version(versioned, name, kind, params.get("Version"))
        return self._template_json(name, kind, versioned.versions[number - 1])

    def template_update(self, infix: str, params: dict[str, Any]) -> dict[str, Any]:
        """Update<Kind>Template: overwrite the latest version or add a new one."""
        kind, _ = TEMPLATE_KINDS[infix]
        name = params["TemplateName"]
        versioned = self._template(name, kind)
        body = self.body(params, f"Update{infix}Template")
        self._check_template(kind, body)
        create_new = str(params.get("CreateNewVersion", "false")).lower() == "true"
        now = now_iso()
        fields = {k: v for k, v in body.items() if k != "tags"}
        if create_new:
            if len(versioned.versions) >= MAX_TEMPLATE_VERSIONS:
                raise BadRequestException("Too many template versions")
            number = int(versioned.current["Version"]) + 1
            base = versioned.current
            versioned.versions.append(
                {
                    "TemplateName": name,
                    "TemplateType": kind,
                    "CreationDate": base["CreationDate"],
                    **fields,
                    "LastModifiedDate": now,
                    "Version": str(number),
                }
            )
        else:
            raw = params.get("Version")
            index = (
                self._pick_version(versioned, name, kind, raw) - 1
                if raw
                else len(versioned.versions) - 1
            )
            old = versioned.versions[index]
            versioned.versions[index] = (
                {
                    key: value
                    for key, value in old.items()
                    if key in {"TemplateName", "TemplateType", "CreationDate", "Version"}
                }
                | fields
                | {"LastModifiedDate": now}
            )
        self.set_tags(self.template_arn(name, kind), body.get("tags"))
        return {"Message": "Accepted", "RequestID": new_id()}

    def template_delete(self, infix: str, params: dict[str, Any]) -> dict[str, Any]:
        """Delete<Kind>Template (one version, or the whole template)."""
        kind, _ = TEMPLATE_KINDS[infix]
        name = params["TemplateName"]
        versioned = self._template(name, kind)
        raw = params.get("Version")
        if raw and len(versioned.versions) > 1:
            number = self._pick_version(versioned, name, kind, raw)
            del versioned.versions[number - 1]
            if self.template_active.get((name, kind)) == str(raw):
                self.template_active[(name, kind)] = versioned.current["Version"]
        else:
            if raw:
                self._pick_version(versioned, name, kind, raw)
            del self.templates[(name, kind)]
            self.template_active.pop((name, kind), None)
            self.drop_tags(self.template_arn(name, kind))
        return {"Message": "Accepted", "RequestID": new_id()}

    def list_templates(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListTemplates, filtered by Prefix and TemplateType."""
        prefix = params.get("Prefix") or ""
        wanted = params.get("TemplateType")
        wanted_kind = template_type(wanted) if wanted else None
        summaries = []
        for (name, kind), versioned in sorted(self.templates.items()):
            if not name.startswith(prefix) or (wanted_kind and kind != wanted_kind):
                continue
            data = versioned.versions[self._pick_version(versioned, name, kind, None) - 1]
            summaries.append(self._template_json(name, kind, data))
        items, token = self.page(summaries, params, "NextToken")
        return {"Item": items, "NextToken": token}

    def list_template_versions(self, params: dict[str, Any]) -> dict[str, Any]:
        """ListTemplateVersions (newest first)."""
        kind = template_type(params["TemplateType"])
        versioned = self._template(params["TemplateName"], kind)
        items, token = self.page(versioned.versions[::-1], params, "NextToken")
        return {"Item": items, "NextToken": token, "Message": "OK", "RequestID": new_id()}

    def update_template_active_version(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateTemplateActiveVersion."""
        kind = template_type(params["TemplateType"])
        name = params["TemplateName"]
        versioned = self._template(name, kind)
        version = self.body(params, "UpdateTemplateActiveVersion").get("Version")
        if not version:
            raise BadRequestException("Version is required")
        self._pick_version(versioned, name, kind, version)
        self.template_active[(name, kind)] = str(version)
        return {"Message": "Accepted", "RequestID": new_id()}

    # -- recommenders --------------------------------------------------------------
    def _check_recommender(self, body: dict[str, Any]) -> None:
        per_message = body.get("RecommendationsPerMessage")
        if per_message is not None and not 1 <= per_message <= 5:
            raise BadRequestException("RecommendationsPerMessage must be between 1 and 5")
        attributes = body.get("Attributes") or {}
        if len(attributes) > 10:
            raise BadRequestException("At most 10 recommendation attributes")
        for key in ("RecommendationProviderRoleArn", "RecommendationProviderUri"):
            if key in body and not str(body[key]).startswith("arn:"):
                raise BadRequestException(f"{key} must be an ARN")

    def create_recommender_configuration(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateRecommenderConfiguration."""
        body = self.body(params, "CreateRecommenderConfiguration")
        self._check_recommender(body)
        now = now_iso()
        recommender_id = new_id()
        data = dict(body) | {"Id": recommender_id, "CreationDate": now, "LastModifiedDate": now}
        data.setdefault("RecommendationsPerMessage", 5)
        self.recommenders[recommender_id] = data
        return data

    def get_recommender_configuration(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetRecommenderConfiguration."""
        return self.lookup(self.recommenders, params["RecommenderId"], "Recommender")

    def update_recommender_configuration(self, params: dict[str, Any]) -> dict[str, Any]:
        """UpdateRecommenderConfiguration."""
        data = self.get_recommender_configuration(params)
        body = self.body(params, "UpdateRecommenderConfiguration")
        self._check_recommender(body)
        data.update(body)
        data["LastModifiedDate"] = now_iso()
        return data

    def delete_recommender_configuration(self, params: dict[str, Any]) -> dict[str, Any]:
        """DeleteRecommenderConfiguration."""
        data = self.get_recommender_configuration(params)
        del self.recommenders[params["RecommenderId"]]
        return data

    def get_recommender_configurations(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetRecommenderConfigurations."""
        items, token = self.page(list(self.recommenders.values()), params)
        return {"Item": items, "NextToken": token}

    # -- jobs ----------------------------------------------------------------------
    def _new_job(self, app_id: str, kind: str, definition: dict[str, Any]) -> Job:
        data = {
            "ApplicationId": app_id,
            "CreationDate": now_iso(),
            "Definition": definition,
            "Id": new_id(),
            "JobStatus": "CREATED",
            "Type": kind,
        }
        return Job(data=data)

    def _made_to_fail(self, job: Job) -> bool:
        """Whether a test asked for ``job`` to fail (`fail_job`, `fail_jobs_at`)."""
        definition = job.data["Definition"]
        url = str(definition.get("S3Url") or definition.get("S3UrlPrefix") or "")
        return job.data["Id"] in self.failing_jobs or any(
            s3_url_under(url, location) for location in self.failing_s3_urls
        )

    def create_import_job(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateImportJob."""
        app_id = params["ApplicationId"]
        state = self.state(app_id)
        body = self.body(params, "CreateImportJob")
        if not str(body["S3Url"]).startswith("s3://"):
            raise BadRequestException("S3Url must start with s3://")
        if body["Format"] not in {"CSV", "JSON"}:
            raise BadRequestException("Format must be CSV or JSON")
        if (
            sum(
                1
                for j in state.import_jobs.values()
                if j.data["JobStatus"] != "COMPLETED" and j.data["JobStatus"] != "FAILED"
            )
            >= 10
        ):
            raise BadRequestException("Too many concurrent import jobs")
        definition = dict(body)
        if body.get("SegmentId"):
            segment = self.lookup(state.segments, body["SegmentId"], "Segment").current
            if not body.get("DefineSegment") and segment.get("SegmentType") != "IMPORT":
                raise BadRequestException(
                    f"Segment {body['SegmentId']} is a dimensional segment: an import job "
                    "can only add endpoints to an imported segment"
                )
        job = self._new_job(app_id, "IMPORT", definition)
        state.import_jobs[job.data["Id"]] = job
        return job.data

    def create_export_job(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateExportJob."""
        app_id = params["ApplicationId"]
        state = self.state(app_id)
        body = self.body(params, "CreateExportJob")
        if not str(body["S3UrlPrefix"]).startswith("s3://"):
            raise BadRequestException("S3UrlPrefix must start with s3://")
        if body.get("SegmentId"):
            segment = self.lookup(state.segments, body["SegmentId"], "Segment")
            version = body.get("SegmentVersion")
            if version is not None and not 1 <= version <= len(segment.versions):
                raise BadRequestException(f"Segment {body['SegmentId']} has no version {version}")
        job = self._new_job(app_id, "EXPORT", dict(body))
        state.export_jobs[job.data["Id"]] = job
        return job.data

    def _advance(self, app_id: str, job: Job) -> dict[str, Any]:
        steps = (
            FAIL_STEPS
            if self._made_to_fail(job)
            else (IMPORT_STEPS if job.data["Type"] == "IMPORT" else EXPORT_STEPS)
        )
        job.polls += 1
        status = steps[min(job.polls, len(steps) - 1)]
        data = job.data
        if data["JobStatus"] in {"COMPLETED", "FAILED"}:
            return data
        data["JobStatus"] = status
        if status == "COMPLETED":
            self._complete(app_id, job)
        elif status == "FAILED":
            self._fail(job, "Unable to access the S3 location")
        return data

    # -- S3 (moto's) -------------------------------------------------------------
    def _s3(self) -> S3Backend:
        backend: S3Backend = s3_backends[self.account_id][get_partition(self.region_name)]
        return backend

    def _s3_files(self, s3_url: str) -> list[tuple[str, bytes]]:
        """``(url, content)`` of every object in moto's S3 at ``s3_url`` or under it."""
        bucket_name, key = split_s3_url(s3_url)
        try:
            bucket = self._s3().get_bucket(bucket_name)
        except MissingBucket:
            return []
        folder = key if key.endswith("/") or not key else f"{key}/"
        return [
            (f"s3://{bucket_name}/{name}", bucket.keys[name].value)
            for name in sorted(bucket.keys.keys())
            if (name == key or name.startswith(folder)) and not name.endswith("/")
        ]

    def _import_sources(
        self, s3_url: str, file_format: str
    ) -> Iterator[tuple[str, dict[str, Any] | str]]:
        """Endpoints to import: staged ones, then those in moto's S3, with their file."""
        for url, endpoints in self.staged_imports.items():
            if s3_url_under(url, s3_url):
                for staged in endpoints:
                    yield url, staged
        for url, content in self._s3_files(s3_url):
            for parsed in parse_endpoint_file(content, file_format):
                yield url, parsed

    def _import_endpoints(
        self, app_id: str, s3_url: str, file_format: str
    ) -> tuple[int, list[str], list[str]]:
        """Upsert the endpoints found at ``s3_url``.

        Returns how many were processed, the failure messages and the ids upserted.
        """
        processed, failures, upserted = 0, [], []
        for url, endpoint in self._import_sources(s3_url, file_format):
            processed += 1
            if isinstance(endpoint, str):
                failures.append(f"{url}: {endpoint}")
                continue
            try:
                if not endpoint.get("Id"):
                    raise BadRequestException("endpoint without an Id")
                # Exported files carry response-only members (ApplicationId, CohortId...).
                writable = project(endpoint, shape("EndpointBatchItem"))
                self.upsert_endpoint(app_id, endpoint["Id"], writable)
            except BadRequestException as exc:
                failures.append(f"{url}: {endpoint.get('Id') or '?'}: {exc.message}")
            else:
                upserted.append(str(endpoint["Id"]))
        return processed, failures, upserted

    def _exported_endpoints(self, app_id: str, definition: dict[str, Any]) -> list[Endpoint]:
        """The app's endpoints, or only its segment's with a ``SegmentId``."""
        state = self.state(app_id)
        segment_id = definition.get("SegmentId")
        if not segment_id:
            return list(state.endpoints.values())
        evaluator = SegmentEvaluator(state.endpoints, state.segments, state.segment_members)
        try:
            ids = evaluator.endpoint_ids(segment_id, definition.get("SegmentVersion"))
        except SegmentError as error:
            raise JobFailure(
                f"Segment {segment_id} cannot be evaluated by the offline double: {error}"
            ) from None
        return [state.endpoints[endpoint_id] for endpoint_id in ids]

    def _add_members(self, state: AppState, segment_id: str, endpoint_ids: list[str]) -> None:
        """Record the endpoints an import upserted as members of its imported segment."""
        segment = state.segments.get(segment_id)
        if segment is None:
            return
        members = dict.fromkeys(state.segment_members.get(segment_id, ()))
        members.update(dict.fromkeys(endpoint_ids))
        state.segment_members[segment_id] = tuple(members)
        imported = segment.current.get("ImportDefinition")
        if isinstance(imported, dict):
            segment.current["ImportDefinition"] = {**imported, "Size": len(members)}

    def _export_endpoints(self, app_id: str, job: Job) -> tuple[int, int]:
        """Write the app's (or segment's) endpoints to moto's S3 as gzipped NDJSON.

        Returns the number of endpoints and of pieces. Files are
        ``<S3UrlPrefix>/<job id>/part-00000.gz``, ``part-00001.gz``, ... with at most
        ``export_piece_size`` endpoints each (one file when there are none).
        """
        bucket_name, key = split_s3_url(job.data["Definition"]["S3UrlPrefix"])
        try:
            self._s3().get_bucket(bucket_name)
        except MissingBucket:
            raise JobFailure(
                f"Unable to access the S3 location: bucket {bucket_name} does not exist"
            ) from None
        folder = f"{key.rstrip('/')}/" if key.strip("/") else ""
        # Each line is what GetEndpoint answers for the endpoint: its wire form, without
        # any member the model does not know (a raw HTTP request could have stored one).
        wire = shape("EndpointResponse")
        endpoints = [
            project(e, wire) for e in self._exported_endpoints(app_id, job.data["Definition"])
        ]
        size = max(1, int(self.export_piece_size))
        pieces = [endpoints[start : start + size] for start in range(0, len(endpoints), size)]
        for number, piece in enumerate(pieces or [[]]):
            lines = "".join(json.dumps(endpoint, sort_keys=True) + "\n" for endpoint in piece)
            name = f"{folder}{job.data['Id']}/part-{number:05d}.gz"
            self._s3().put_object(bucket_name, name, gzip.compress(lines.encode()))
        return len(endpoints), max(1, len(pieces))

    def _fail(self, job: Job, failure: str) -> None:
        job.data.update(
            {
                "JobStatus": "FAILED",
                "CompletionDate": now_iso(),
                "CompletedPieces": 0,
                "FailedPieces": 1,
                "TotalPieces": 1,
                "TotalFailures": 1,
                "TotalProcessed": 0,
                "Failures": [failure],
            }
        )

    def _complete(self, app_id: str, job: Job) -> None:
        data = job.data
        definition = data["Definition"]
        pieces = 1
        upserted: list[str] = []
        if data["Type"] == "IMPORT":
            processed, failures, upserted = self._import_endpoints(
                app_id, definition["S3Url"], definition["Format"]
            )
        else:
            try:
                processed, pieces = self._export_endpoints(app_id, job)
            except JobFailure as exc:
                self._fail(job, str(exc))
                return
            failures = []
        state = self.state(app_id)
        if data["Type"] == "IMPORT" and definition.get("DefineSegment"):
            segment = self.new_segment(
                app_id,
                state,
                {"Name": definition.get("SegmentName") or "imported"},
                "IMPORT",
            )
            segment_data = state.segments[segment["Id"]].current
            segment_data["ImportDefinition"] = {
                "ExternalId": definition.get("ExternalId") or "",
                "Format": definition["Format"],
                "RoleArn": definition["RoleArn"],
                "S3Url": definition["S3Url"],
                "Size": processed - len(failures),
            }
            definition["SegmentId"] = segment["Id"]
        if data["Type"] == "IMPORT" and definition.get("SegmentId"):
            self._add_members(state, definition["SegmentId"], upserted)
        data.update(
            {
                "CompletionDate": now_iso(),
                "CompletedPieces": pieces,
                "FailedPieces": 0,
                "TotalPieces": pieces,
                "TotalFailures": len(failures),
                "TotalProcessed": processed,
            }
        )
        if failures:
            data["Failures"] = failures

    def get_import_job(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetImportJob: each read moves the job one step towards COMPLETED/FAILED."""
        state = self.state(params["ApplicationId"])
        job = self.lookup(state.import_jobs, params["JobId"], "Job")
        return self._advance(params["ApplicationId"], job)

    def get_export_job(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetExportJob: each read moves the job one step towards COMPLETED/FAILED."""
        state = self.state(params["ApplicationId"])
        job = self.lookup(state.export_jobs, params["JobId"], "Job")
        return self._advance(params["ApplicationId"], job)

    def _jobs(self, jobs: dict[str, Job], params: dict[str, Any], segment: str | None) -> Any:
        chosen = [
            job.data
            for job in jobs.values()
            if segment is None or job.data["Definition"].get("SegmentId") == segment
        ]
        items, token = self.page(chosen[::-1], params)
        return {"Item": items, "NextToken": token}

    def get_import_jobs(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetImportJobs (newest first)."""
        state = self.state(params["ApplicationId"])
        result: dict[str, Any] = self._jobs(state.import_jobs, params, None)
        return result

    def get_export_jobs(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetExportJobs (newest first)."""
        state = self.state(params["ApplicationId"])
        result: dict[str, Any] = self._jobs(state.export_jobs, params, None)
        return result

    def get_segment_import_jobs(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetSegmentImportJobs."""
        state = self.state(params["ApplicationId"])
        self.lookup(state.segments, params["SegmentId"], "Segment")
        result: dict[str, Any] = self._jobs(state.import_jobs, params, params["SegmentId"])
        return result

    def get_segment_export_jobs(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetSegmentExportJobs."""
        state = self.state(params["ApplicationId"])
        self.lookup(state.segments, params["SegmentId"], "Segment")
        result: dict[str, Any] = self._jobs(state.export_jobs, params, params["SegmentId"])
        return result
