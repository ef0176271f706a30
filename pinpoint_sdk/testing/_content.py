"""Message templates, recommender configurations and import/export jobs."""

from __future__ import annotations

import re
from typing import Any

from ._core import BackendCore, Job, Versioned, new_id, now_iso
from ._engagement import EngagementMixin
from ._exceptions import BadRequestException, NotFoundException
from ._resources import ResourcesMixin

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


def template_type(raw: str) -> str:
    """Normalise a URI template type (``email``, ``EMAIL``, ``in-app``...)."""
    value = raw.upper().replace("-", "").replace("_", "")
    if value not in {kind for kind, _ in TEMPLATE_KINDS.values()}:
        raise BadRequestException(f"Invalid template type {raw!r}")
    return value


class ContentMixin(EngagementMixin, ResourcesMixin, BackendCore):
    """Templates, recommenders and jobs."""

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
    def _new_job(self, app_id: str, kind: str, definition: dict[str, Any], url: str) -> Job:
        job_id = new_id()
        data = {
            "ApplicationId": app_id,
            "CreationDate": now_iso(),
            "Definition": definition,
            "Id": job_id,
            "JobStatus": "CREATED",
            "Type": kind,
        }
        fail = "fail" in url.lower() or job_id in self.failing_jobs
        return Job(data=data, fail=fail)

    def create_import_job(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateImportJob (an S3Url containing "fail" makes the job fail)."""
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
            self.lookup(state.segments, body["SegmentId"], "Segment")
        job = self._new_job(app_id, "IMPORT", definition, body["S3Url"])
        state.import_jobs[job.data["Id"]] = job
        return job.data

    def create_export_job(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateExportJob (an S3UrlPrefix containing "fail" makes the job fail)."""
        app_id = params["ApplicationId"]
        state = self.state(app_id)
        body = self.body(params, "CreateExportJob")
        if not str(body["S3UrlPrefix"]).startswith("s3://"):
            raise BadRequestException("S3UrlPrefix must start with s3://")
        if body.get("SegmentId"):
            self.lookup(state.segments, body["SegmentId"], "Segment")
        job = self._new_job(app_id, "EXPORT", dict(body), body["S3UrlPrefix"])
        state.export_jobs[job.data["Id"]] = job
        return job.data

    def _advance(self, app_id: str, job: Job) -> dict[str, Any]:
        steps = (
            FAIL_STEPS
            if job.fail or job.data["Id"] in self.failing_jobs
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
            data.update(
                {
                    "CompletionDate": now_iso(),
                    "CompletedPieces": 0,
                    "FailedPieces": 1,
                    "TotalPieces": 1,
                    "TotalFailures": 1,
                    "TotalProcessed": 0,
                    "Failures": ["Unable to access the S3 location"],
                }
            )
        return data

    def _import_staged(self, app_id: str, s3_url: str) -> tuple[int, list[str]]:
        """Upsert the endpoints staged under ``s3_url``: (processed, failure messages)."""
        prefix = s3_url if s3_url.endswith("/") else f"{s3_url}/"
        processed, failures = 0, []
        for url, endpoints in self.staged_imports.items():
            if url != s3_url and not url.startswith(prefix):
                continue
            for endpoint in endpoints:
                processed += 1
                try:
                    if not endpoint.get("Id"):
                        raise BadRequestException("endpoint without an Id")
                    self.upsert_endpoint(app_id, endpoint["Id"], endpoint)
                except BadRequestException as exc:
                    failures.append(f"{url}: {endpoint.get('Id') or '?'}: {exc.message}")
        return processed, failures

    def _complete(self, app_id: str, job: Job) -> None:
        data = job.data
        definition = data["Definition"]
        processed, failures = (
            self._import_staged(app_id, definition["S3Url"])
            if data["Type"] == "IMPORT"
            else (len(self.state(app_id).endpoints), [])
        )
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
        data.update(
            {
                "CompletionDate": now_iso(),
                "CompletedPieces": 1,
                "FailedPieces": 0,
                "TotalPieces": 1,
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
