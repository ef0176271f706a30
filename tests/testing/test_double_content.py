"""Templates, recommender configurations and import/export jobs."""

from __future__ import annotations

from typing import Any

import pytest
from double_helpers import all_pages, error_code, finished_job

from pinpoint_sdk.testing import PinpointMock

TEMPLATES: dict[str, tuple[str, dict[str, Any]]] = {
    "email": ("EmailTemplateRequest", {"Subject": "hi", "HtmlPart": "<p>hi</p>"}),
    "sms": ("SMSTemplateRequest", {"Body": "hi"}),
    "push": ("PushNotificationTemplateRequest", {"Default": {"Body": "hi"}}),
    "voice": ("VoiceTemplateRequest", {"Body": "hi", "LanguageCode": "en-US"}),
    "in_app": ("InAppTemplateRequest", {"Layout": "BOTTOM_BANNER"}),
}
TYPE_OF = {"email": "EMAIL", "sms": "SMS", "push": "PUSH", "voice": "VOICE", "in_app": "INAPP"}


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_template_lifecycle(client: Any, kind: str) -> None:
    member, request = TEMPLATES[kind]
    create = getattr(client, f"create_{kind}_template")
    get = getattr(client, f"get_{kind}_template")
    update = getattr(client, f"update_{kind}_template")
    delete = getattr(client, f"delete_{kind}_template")

    def body(response: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = next(v for k, v in response.items() if k != "ResponseMetadata")
        return found

    created = body(create(TemplateName="tpl", **{member: request}))
    assert created["Arn"].endswith(f"templates/tpl/{TYPE_OF[kind]}")
    assert error_code(lambda: create(TemplateName="tpl", **{member: request})) == (
        "BadRequestException"
    )
    new = {**request, "TemplateDescription": "v2"}
    update(TemplateName="tpl", CreateNewVersion=True, **{member: new})
    assert body(get(TemplateName="tpl")).get("Version") == "1"  # active stays 1
    assert body(get(TemplateName="tpl", Version="2"))["TemplateDescription"] == "v2"
    client.update_template_active_version(
        TemplateName="tpl", TemplateType=TYPE_OF[kind], TemplateActiveVersionRequest={"Version": "2"}
    )
    fetched = body(get(TemplateName="tpl"))
    assert fetched["Version"] == "2" and fetched["TemplateType"] == TYPE_OF[kind]
    versions = client.list_template_versions(TemplateName="tpl", TemplateType=TYPE_OF[kind])
    assert [v["Version"] for v in versions["TemplateVersionsResponse"]["Item"]] == ["2", "1"]
    delete(TemplateName="tpl")
    assert error_code(lambda: get(TemplateName="tpl")) == "NotFoundException"
    assert error_code(lambda: delete(TemplateName="tpl")) == "NotFoundException"


def test_template_bad_input_and_listing(client: Any) -> None:
    assert error_code(
        lambda: client.create_sms_template(TemplateName="-bad", SMSTemplateRequest={"Body": "x"})
    ) == "BadRequestException"
    assert error_code(
        lambda: client.create_sms_template(TemplateName="long", SMSTemplateRequest={"Body": "x" * 1601})
    ) == "BadRequestException"
    for index in range(5):
        client.create_sms_template(TemplateName=f"t{index}", SMSTemplateRequest={"Body": "x"})
    client.create_email_template(TemplateName="t9", EmailTemplateRequest={"Subject": "s"})
    pages = all_pages(client.list_templates, "TemplatesResponse", "NextToken", PageSize="2")
    assert [len(p) for p in pages] == [2, 2, 2]
    sms = client.list_templates(TemplateType="SMS", Prefix="t")["TemplatesResponse"]["Item"]
    assert len(sms) == 5
    for _ in range(3):
        client.update_sms_template(
            TemplateName="t0", CreateNewVersion=True, SMSTemplateRequest={"Body": "y"}
        )
    versions = all_pages(
        client.list_template_versions, "TemplateVersionsResponse", "NextToken",
        TemplateName="t0", TemplateType="SMS", PageSize="1",
    )  # fmt: skip
    assert [p[0]["Version"] for p in versions] == ["4", "3", "2", "1"]
    assert error_code(
        lambda: client.update_template_active_version(
            TemplateName="t0", TemplateType="SMS", TemplateActiveVersionRequest={"Version": "9"}
        )
    ) == "NotFoundException"


RECOMMENDER = {
    "RecommendationProviderRoleArn": "arn:aws:iam::123456789012:role/r",
    "RecommendationProviderUri": "arn:aws:personalize:us-east-1:123456789012:campaign/c",
}


def test_recommenders(client: Any) -> None:
    ids = [
        client.create_recommender_configuration(
            CreateRecommenderConfiguration={**RECOMMENDER, "Name": f"r{i}"}
        )["RecommenderConfigurationResponse"]["Id"]
        for i in range(3)
    ]
    pages = all_pages(
        client.get_recommender_configurations, "ListRecommenderConfigurationsResponse",
        PageSize="1",
    )  # fmt: skip
    assert len(pages) == 3
    updated = client.update_recommender_configuration(
        RecommenderId=ids[0],
        UpdateRecommenderConfiguration={**RECOMMENDER, "RecommendationsPerMessage": 3},
    )["RecommenderConfigurationResponse"]
    assert updated["RecommendationsPerMessage"] == 3
    assert error_code(
        lambda: client.update_recommender_configuration(
            RecommenderId=ids[0],
            UpdateRecommenderConfiguration={**RECOMMENDER, "RecommendationsPerMessage": 9},
        )
    ) == "BadRequestException"
    client.delete_recommender_configuration(RecommenderId=ids[0])
    assert error_code(
        lambda: client.get_recommender_configuration(RecommenderId=ids[0])
    ) == "NotFoundException"


IMPORT = {"Format": "CSV", "RoleArn": "arn:aws:iam::123456789012:role/r"}


def test_import_job_progression(client: Any, app_id: str) -> None:
    job = client.create_import_job(
        ApplicationId=app_id,
        ImportJobRequest={**IMPORT, "S3Url": "s3://bucket/x.csv", "DefineSegment": True,
                          "SegmentName": "imported"},
    )["ImportJobResponse"]  # fmt: skip
    assert job["JobStatus"] == "CREATED"
    seen = []
    for _ in range(6):
        seen.append(
            client.get_import_job(ApplicationId=app_id, JobId=job["Id"])["ImportJobResponse"]
        )
    statuses = [j["JobStatus"] for j in seen]
    assert statuses[-1] == "COMPLETED" and statuses.count("COMPLETED") >= 2
    assert statuses.index("COMPLETED") > 0
    segment_id = seen[-1]["Definition"]["SegmentId"]
    segment = client.get_segment(ApplicationId=app_id, SegmentId=segment_id)["SegmentResponse"]
    assert segment["SegmentType"] == "IMPORT"
    jobs = client.get_segment_import_jobs(ApplicationId=app_id, SegmentId=segment_id)
    assert [j["Id"] for j in jobs["ImportJobsResponse"]["Item"]] == [job["Id"]]
    assert error_code(
        lambda: client.get_import_job(ApplicationId=app_id, JobId="nope")
    ) == "NotFoundException"
    assert error_code(
        lambda: client.create_import_job(
            ApplicationId=app_id, ImportJobRequest={**IMPORT, "S3Url": "http://x"}
        )
    ) == "BadRequestException"


def _finish_import(client: Any, app_id: str, s3_url: str) -> dict[str, Any]:
    job_id = client.create_import_job(
        ApplicationId=app_id, ImportJobRequest={**IMPORT, "S3Url": s3_url}
    )["ImportJobResponse"]["Id"]
    job = finished_job(client, "import", app_id, job_id)
    assert job["JobStatus"] == "COMPLETED", job
    return job


def test_import_job_upserts_the_endpoints_staged_at_its_url(
    client: Any, app_id: str, mock: PinpointMock
) -> None:
    mock.backend().stage_import("s3://bucket/in/part-1.json", [
        {"Id": "a", "ChannelType": "EMAIL", "Address": "a@example.com"},
        {"Id": "b", "ChannelType": "SMS", "Address": "+14155550100"},
    ])
    mock.backend().stage_import("s3://bucket/in/part-2.json", [
        {"Id": "c", "ChannelType": "PIGEON", "Address": "coo"},
    ])
    mock.backend().stage_import("s3://bucket/other.json", [{"Id": "z", "ChannelType": "EMAIL"}])

    job = _finish_import(client, app_id, "s3://bucket/in/")

    assert job["TotalProcessed"] == 3
    assert job["TotalFailures"] == 1
    assert [failure.split(": ")[1] for failure in job["Failures"]] == ["c"]
    stored = client.get_endpoint(ApplicationId=app_id, EndpointId="b")["EndpointResponse"]
    assert stored["Address"] == "+14155550100"
    assert error_code(
        lambda: client.get_endpoint(ApplicationId=app_id, EndpointId="z")
    ) == "NotFoundException"


def test_import_job_with_nothing_staged_processes_nothing(client: Any, app_id: str) -> None:
    client.update_endpoint(
        ApplicationId=app_id, EndpointId="existing",
        EndpointRequest={"ChannelType": "EMAIL", "Address": "e@example.com"},
    )

    job = _finish_import(client, app_id, "s3://bucket/empty.csv")

    assert job["TotalProcessed"] == 0
    assert job["TotalFailures"] == 0


def test_fail_job_fails_that_job_only(client: Any, app_id: str, mock: PinpointMock) -> None:
    export = {"RoleArn": IMPORT["RoleArn"], "S3UrlPrefix": "s3://bucket/out/"}
    failing_id, other_id = (
        client.create_export_job(ApplicationId=app_id, ExportJobRequest=export)[
            "ExportJobResponse"
        ]["Id"]
        for _ in range(2)
    )
    mock.backend().fail_job(failing_id)

    failing = finished_job(client, "export", app_id, failing_id)
    other = finished_job(client, "export", app_id, other_id)

    assert failing["JobStatus"] == "FAILED" and failing["Failures"]
    # The other job reaches the real check: the bucket does not exist in moto's S3.
    assert other["Failures"] != failing["Failures"]
    assert "bucket does not exist" in other["Failures"][0]


def test_fail_jobs_at_fails_jobs_at_or_under_the_url(
    client: Any, app_id: str, mock: PinpointMock
) -> None:
    mock.backend().fail_jobs_at("s3://bucket/in")
    urls = ["s3://bucket/in", "s3://bucket/in/", "s3://bucket/in/2024/a.csv", "s3://bucket/inbox/"]
    job_ids = [
        client.create_import_job(ApplicationId=app_id, ImportJobRequest={**IMPORT, "S3Url": url})[
            "ImportJobResponse"
        ]["Id"]
        for url in urls
    ]

    jobs = [finished_job(client, "import", app_id, job_id) for job_id in job_ids]

    assert [job["JobStatus"] for job in jobs] == ["FAILED", "FAILED", "FAILED", "COMPLETED"]
    assert jobs[0]["Failures"] == ["Unable to access the S3 location"]


def test_fail_jobs_at_applies_to_a_job_already_running(
    client: Any, app_id: str, mock: PinpointMock
) -> None:
    job_id = client.create_import_job(
        ApplicationId=app_id, ImportJobRequest={**IMPORT, "S3Url": "s3://bucket/late.csv"}
    )["ImportJobResponse"]["Id"]
    client.get_import_job(ApplicationId=app_id, JobId=job_id)

    mock.backend().fail_jobs_at("s3://bucket/late.csv")

    assert finished_job(client, "import", app_id, job_id)["JobStatus"] == "FAILED"


def test_a_url_containing_fail_is_an_ordinary_url(client: Any, app_id: str) -> None:
    job = _finish_import(client, app_id, "s3://failover-bucket/fail.csv")

    assert job["JobStatus"] == "COMPLETED"


def test_fail_jobs_at_needs_an_s3_url(mock: PinpointMock) -> None:
    with pytest.raises(ValueError, match="s3://"):
        mock.backend().fail_jobs_at("bucket/in")


def test_export_jobs_pagination(client: Any, app_id: str) -> None:
    segment_id = client.create_segment(ApplicationId=app_id, WriteSegmentRequest={"Name": "s"})[
        "SegmentResponse"
    ]["Id"]
    request = {"RoleArn": IMPORT["RoleArn"], "S3UrlPrefix": "s3://b/", "SegmentId": segment_id}
    for _ in range(3):
        client.create_export_job(ApplicationId=app_id, ExportJobRequest=request)
    pages = all_pages(
        client.get_export_jobs, "ExportJobsResponse", ApplicationId=app_id, PageSize="1"
    )
    assert len(pages) == 3
    segment_pages = all_pages(
        client.get_segment_export_jobs, "ExportJobsResponse",
        ApplicationId=app_id, SegmentId=segment_id, PageSize="2",
    )  # fmt: skip
    assert [len(p) for p in segment_pages] == [2, 1]
    assert error_code(
        lambda: client.get_segment_export_jobs(ApplicationId=app_id, SegmentId="nope")
    ) == "NotFoundException"
    assert error_code(
        lambda: client.create_export_job(
            ApplicationId=app_id, ExportJobRequest={**request, "SegmentId": "nope"}
        )
    ) == "NotFoundException"
    import_pages = all_pages(
        client.get_import_jobs, "ImportJobsResponse", ApplicationId=app_id, PageSize="1"
    )
    assert import_pages == [[]]
