"""The async client against the offline double: in process (`mock_pinpoint()`, the pytest
fixture, plain `moto.mock_aws` once `pinpoint_sdk.testing` is imported), over HTTP with
`pinpoint_sdk.testing.server()`, and through moto's own threaded server.

The in-process round trips run one scenario written once through both clients, each on a
fresh double, and compare what they got: the same models, errors and pages.
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
import uuid
from collections.abc import Awaitable, Callable, Generator, Iterator
from dataclasses import dataclass, field
from typing import Any

import boto3
import moto
import pytest
from aiobotocore.session import AioSession
from aiohelpers import collect
from botocore.exceptions import EndpointConnectionError
from moto.server import ThreadedMotoServer

from pinpoint_sdk import PinpointClient, errors, models
from pinpoint_sdk.aio import AsyncPinpointClient
from pinpoint_sdk.converter import structure, unstructure
from pinpoint_sdk.testing import PinpointMock, mock_pinpoint, server
from pinpoint_sdk.testing._aio import serve_aiobotocore
from pinpoint_sdk.testing.pytest_plugin import pinpoint_mock

__all__ = ["pinpoint_mock"]

BUCKET = "aio-double-jobs"
IMPORT_URL = f"s3://{BUCKET}/in/endpoints.json"
STAGED = [
    {"Id": f"imported-{n}", "ChannelType": "EMAIL", "Address": f"imported{n}@example.com",
     "User": {"UserId": "imported-user"}}
    for n in range(3)
]


# -- one scenario, two drivers ------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """One client call of a scenario: ``method(**kwargs)`` (pages collected for ``*_pages``)."""

    method: str
    kwargs: dict[str, Any] = field(default_factory=dict)


Scenario = Callable[[], Generator[Call, Any, None]]
Transcript = list[tuple[str, Any]]

_VOLATILE = [
    (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "<uuid>"),
    (re.compile(r"[0-9a-f]{32}"), "<id>"),
    (re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?"), "<time>"),
]


def _mask(text: str) -> str:
    for pattern, replacement in _VOLATILE:
        text = pattern.sub(replacement, text)
    return text


def _normal(value: Any) -> Any:
    """What a call gave, with generated ids and times masked (the rest compared exactly)."""
    if isinstance(value, BaseException):
        code = getattr(value, "code", None)
        return {"raised": type(value).__name__, "code": code, "message": _mask(str(value))}
    if isinstance(value, list):
        return [_normal(page) for page in value]
    if value is None:
        return None
    dumped = json.dumps(unstructure(value), sort_keys=True, default=str)
    return {"status": value.http_status_code, "body": json.loads(_mask(dumped))}


def _is_pages(method: str) -> bool:
    return method.endswith("_pages")


async def run(scenario: Scenario, perform: Callable[[Call], Awaitable[Any]]) -> Transcript:
    """Feed each call's result (or exception) back to ``scenario``; what it got, masked."""
    transcript: Transcript = []
    steps = scenario()
    reply: Any = None
    while True:
        try:
            call = steps.send(reply)
        except StopIteration:
            return transcript
        try:
            reply = await perform(call)
        except Exception as exc:  # recorded and compared, like any result
            reply = exc
        transcript.append((call.method, _normal(reply)))


def run_sync(scenario: Scenario, client: PinpointClient) -> Transcript:
    async def perform(call: Call) -> Any:
        value = getattr(client, call.method)(**call.kwargs)
        return list(value) if _is_pages(call.method) else value

    return asyncio.run(run(scenario, perform))


async def run_async(scenario: Scenario, client: AsyncPinpointClient) -> Transcript:
    async def perform(call: Call) -> Any:
        if _is_pages(call.method):
            return await collect(getattr(client, call.method)(**call.kwargs))
        return await getattr(client, call.method)(**call.kwargs)

    return await run(scenario, perform)


def _model(cls: type[Any], **wire: Any) -> Any:
    return structure(wire, cls)


def _new_app(name: str) -> Generator[Call, Any, str]:
    created = yield Call("create_app", {"create_application_request": _model(
        models.CreateApplicationRequest, Name=name)})
    app_id: str = created.application_response.id
    return app_id


def _segment_request(name: str) -> Any:
    return _model(models.WriteSegmentRequest, Name=name, Dimensions={
        "Demographic": {"Channel": {"DimensionType": "INCLUSIVE", "Values": ["EMAIL"]}}})


def _campaign_request(name: str, segment_id: str, **extra: Any) -> Any:
    return _model(models.WriteCampaignRequest, Name=name, SegmentId=segment_id,
                  Schedule={"StartTime": "IMMEDIATE"},
                  MessageConfiguration={"DefaultMessage": {"Body": "hello"}}, **extra)


# -- scenarios ------------------------------------------------------------------------------


def apps() -> Generator[Call, Any, None]:
    app_id = yield from _new_app("apps")
    yield Call("get_app", {"application_id": app_id})
    yield Call("get_apps")
    yield Call("update_application_settings", {
        "application_id": app_id,
        "write_application_settings_request": _model(
            models.WriteApplicationSettingsRequest, Limits={"Daily": 5, "Total": 20},
            QuietTime={"Start": "22:00", "End": "06:00"})})
    yield Call("get_application_settings", {"application_id": app_id})
    yield Call("delete_app", {"application_id": app_id})
    yield Call("get_app", {"application_id": app_id})  # NotFoundError


def segments() -> Generator[Call, Any, None]:
    app_id = yield from _new_app("segments")
    created = yield Call("create_segment", {"application_id": app_id,
                                            "write_segment_request": _segment_request("s1")})
    segment_id = created.segment_response.id
    for n in range(4):
        yield Call("create_segment", {"application_id": app_id,
                                      "write_segment_request": _segment_request(f"more-{n}")})
    yield Call("update_segment", {"application_id": app_id, "segment_id": segment_id,
                                  "write_segment_request": _segment_request("renamed")})
    yield Call("get_segment", {"application_id": app_id, "segment_id": segment_id})
    yield Call("get_segment_versions", {"application_id": app_id, "segment_id": segment_id})
    yield Call("get_segments_pages", {"application_id": app_id, "page_size": 2})
    yield Call("delete_segment", {"application_id": app_id, "segment_id": segment_id})
    yield Call("get_segment", {"application_id": app_id, "segment_id": segment_id})


def campaigns() -> Generator[Call, Any, None]:
    app_id = yield from _new_app("campaigns")
    segment = yield Call("create_segment", {"application_id": app_id,
                                            "write_segment_request": _segment_request("all")})
    segment_id = segment.segment_response.id
    created = yield Call("create_campaign", {"application_id": app_id,
                                             "write_campaign_request":
                                                 _campaign_request("c0", segment_id)})
    campaign_id = created.campaign_response.id
    for n in range(1, 5):
        yield Call("create_campaign", {"application_id": app_id,
                                       "write_campaign_request":
                                           _campaign_request(f"c{n}", segment_id)})
    yield Call("update_campaign", {
        "application_id": app_id, "campaign_id": campaign_id,
        "write_campaign_request": _campaign_request("c0-v2", segment_id,
                                                    Limits={"Daily": 3})})
    yield Call("get_campaign", {"application_id": app_id, "campaign_id": campaign_id})
    yield Call("get_campaign_versions_pages", {"application_id": app_id,
                                               "campaign_id": campaign_id, "page_size": 1})
    yield Call("get_campaigns_pages", {"application_id": app_id, "page_size": 2})
    yield Call("create_campaign", {"application_id": app_id,  # the double refuses it
                                   "write_campaign_request":
                                       _campaign_request("orphan", "no-such-segment")})
    yield Call("delete_campaign", {"application_id": app_id, "campaign_id": campaign_id})
    yield Call("get_campaign", {"application_id": app_id, "campaign_id": campaign_id})


def endpoints() -> Generator[Call, Any, None]:
    app_id = yield from _new_app("endpoints")
    yield Call("update_endpoint", {
        "application_id": app_id, "endpoint_id": "e1",
        "endpoint_request": _model(models.EndpointRequest, ChannelType="EMAIL",
                                   Address="one@example.com", User={"UserId": "u1"},
                                   Location={"Latitude": 47, "Longitude": 8.5})})
    yield Call("update_endpoints_batch", {
        "application_id": app_id,
        "endpoint_batch_request": _model(models.EndpointBatchRequest, Item=[
            {"Id": f"b{n}", "ChannelType": "EMAIL", "Address": f"b{n}@example.com",
             "User": {"UserId": "u1"}, "Attributes": {"plan": ["pro"]}}
            for n in range(3)])})
    yield Call("get_endpoint", {"application_id": app_id, "endpoint_id": "e1"})
    yield Call("get_user_endpoints", {"application_id": app_id, "user_id": "u1"})
    yield Call("delete_endpoint", {"application_id": app_id, "endpoint_id": "b0"})
    yield Call("get_endpoint", {"application_id": app_id, "endpoint_id": "b0"})
    yield Call("delete_user_endpoints", {"application_id": app_id, "user_id": "u1"})
    yield Call("get_user_endpoints", {"application_id": app_id, "user_id": "u1"})


def events_and_messages() -> Generator[Call, Any, None]:
    app_id = yield from _new_app("events")
    yield Call("update_email_channel", {
        "application_id": app_id,
        "email_channel_request": _model(models.EmailChannelRequest, Enabled=True,
                                        FromAddress="from@example.com",
                                        Identity="arn:aws:ses:us-east-1:123456789012:"
                                                 "identity/example.com")})
    yield Call("put_events", {
        "application_id": app_id,
        "events_request": _model(models.EventsRequest, BatchItem={
            "e1": {"Endpoint": {"ChannelType": "EMAIL", "Address": "e1@example.com"},
                   "Events": {"ev1": {"EventType": "purchase", "Timestamp":
                                      "2026-01-02T03:04:05Z",
                                      "Metrics": {"price": 9.5}}}}})})
    yield Call("send_messages", {
        "application_id": app_id,
        "message_request": _model(models.MessageRequest, Addresses={
            "to@example.com": {"ChannelType": "EMAIL"},
            "+15555550100": {"ChannelType": "SMS"}},
            MessageConfiguration={"EmailMessage": {"SimpleEmail": {
                "Subject": {"Data": "hi"}, "HtmlPart": {"Data": "<p>hi</p>"}}}})})
    yield Call("send_users_messages", {
        "application_id": app_id,
        "send_users_message_request": _model(
            models.SendUsersMessageRequest, Users={"nobody": {}},
            MessageConfiguration={"DefaultMessage": {"Body": "x"}})})


def jobs() -> Generator[Call, Any, None]:
    app_id = yield from _new_app("jobs")
    created = yield Call("create_import_job", {
        "application_id": app_id,
        "import_job_request": _model(models.ImportJobRequest, S3Url=IMPORT_URL, Format="JSON",
                                     RoleArn="arn:aws:iam::123456789012:role/import",
                                     DefineSegment=True, SegmentName="imported")})
    job_id = created.import_job_response.id
    job = created
    while job.import_job_response.job_status not in {"COMPLETED", "FAILED"}:
        job = yield Call("get_import_job", {"application_id": app_id, "job_id": job_id})
    yield Call("get_endpoint", {"application_id": app_id, "endpoint_id": "imported-1"})
    exported = yield Call("create_export_job", {
        "application_id": app_id,
        "export_job_request": _model(models.ExportJobRequest,
                                     S3UrlPrefix=f"s3://{BUCKET}/out/",
                                     RoleArn="arn:aws:iam::123456789012:role/export")})
    job_id = exported.export_job_response.id
    job = exported
    while job.export_job_response.job_status not in {"COMPLETED", "FAILED"}:
        job = yield Call("get_export_job", {"application_id": app_id, "job_id": job_id})
    yield Call("get_import_jobs", {"application_id": app_id})
    yield Call("create_import_job", {
        "application_id": app_id,
        "import_job_request": _model(models.ImportJobRequest, S3Url="https://not-s3/x",
                                     Format="JSON", RoleArn="arn:aws:iam::1:role/r")})


def validation() -> Generator[Call, Any, None]:
    # Refused by the SDK before anything is sent, on both clients alike.
    yield Call("get_campaigns_pages", {"application_id": "app", "page_size": 0})
    yield Call("get_app", {"application_id": ""})
    yield Call("create_app", {"create_application_request": _model(
        models.CreateApplicationRequest)})


SCENARIOS: dict[str, Scenario] = {
    "apps": apps,
    "segments": segments,
    "campaigns": campaigns,
    "endpoints": endpoints,
    "events-and-messages": events_and_messages,
    "jobs": jobs,
    "validation": validation,
}


def _stage_import() -> None:
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket=BUCKET)
    s3.put_object(Bucket=BUCKET, Key="in/endpoints.json",
                  Body="\n".join(json.dumps(item) for item in STAGED).encode())


def _sync_transcript(scenario: Scenario) -> Transcript:
    with mock_pinpoint():
        _stage_import()
        return run_sync(scenario, PinpointClient(region_name="us-east-1"))


def _async_transcript(scenario: Scenario) -> Transcript:
    async def main() -> Transcript:
        async with AsyncPinpointClient(region_name="us-east-1") as client:
            return await run_async(scenario, client)

    with mock_pinpoint():
        _stage_import()
        return asyncio.run(main())


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_in_process_double_answers_the_async_client_like_the_sync_one(name: str) -> None:
    sync = _sync_transcript(SCENARIOS[name])
    aio = _async_transcript(SCENARIOS[name])
    assert [method for method, _ in aio] == [method for method, _ in sync]
    for (method, got), (_, expected) in zip(aio, sync, strict=True):
        assert got == expected, method


def test_transcripts_hold_real_answers_and_errors() -> None:
    # What the comparison above compares is the double's work, not two empty records.
    transcript = dict(_async_transcript(campaigns) + _async_transcript(jobs))
    pages = transcript["get_campaigns_pages"]
    assert [len(page["body"]["CampaignsResponse"]["Item"]) for page in pages] == [2, 2, 1]
    assert transcript["get_campaign"]["code"] == "NotFoundException"
    assert transcript["create_campaign"]["raised"] in {"NotFoundError", "BadRequestError"}
    assert transcript["get_export_job"]["body"]["ExportJobResponse"]["JobStatus"] == "COMPLETED"
    imported = transcript["get_endpoint"]["body"]["EndpointResponse"]
    assert imported["Address"] == "imported1@example.com"
    assert transcript["create_import_job"]["raised"] == "BadRequestError"
    sent = dict(_async_transcript(events_and_messages))["send_messages"]["body"]
    assert {address: result["DeliveryStatus"] for address, result
            in sent["MessageResponse"]["Result"].items()} == {
        "to@example.com": "SUCCESSFUL", "+15555550100": "SUCCESSFUL"}
    checks = dict(_async_transcript(validation))
    assert checks["get_campaigns_pages"]["raised"] == "ValidationError"
    assert "page_size" in checks["get_campaigns_pages"]["message"]


# -- in-process: state, raw clients, plain mock_aws, the fixture --------------------------------


def test_async_and_sync_clients_share_the_doubles_state() -> None:
    async def main(app_id: str) -> tuple[str | None, str]:
        async with AsyncPinpointClient(region_name="us-east-1") as client:
            app = await client.get_app(application_id=app_id)
            made = await client.create_segment(application_id=app_id,
                                               write_segment_request=_segment_request("aio"))
            return app.application_response.name, made.segment_response.id

    with mock_pinpoint() as double:
        sync = PinpointClient(region_name="us-east-1")
        app_id = sync.create_app(create_application_request=_model(
            models.CreateApplicationRequest, Name="shared")).application_response.id
        name, segment_id = asyncio.run(main(app_id))
        assert name == "shared"
        got = sync.get_segment(application_id=app_id, segment_id=segment_id)
        assert got.segment_response.name == "aio"
        assert segment_id in double.backend().state(app_id).segments


def test_a_raw_aiobotocore_client_is_served_in_process() -> None:
    async def main() -> tuple[int, list[str]]:
        session = AioSession()
        async with session.create_client("pinpoint", region_name="us-east-1") as raw:
            created = await raw.create_app(CreateApplicationRequest={"Name": "raw"})
            listed = await raw.get_apps()
            return (created["ResponseMetadata"]["HTTPStatusCode"],
                    [app["Name"] for app in listed["ApplicationsResponse"]["Item"]])

    with mock_pinpoint() as double:
        status, names = asyncio.run(main())
        assert (status, names) == (201, ["raw"])
        assert [app.name for app in double.backend().moto.apps.values()] == ["raw"]


def test_plain_mock_aws_serves_aiobotocore_for_pinpoint_and_s3() -> None:
    # Importing pinpoint_sdk.testing installed the double into moto and taught moto's
    # handler to answer aiobotocore; plain mock_aws then serves both services.
    async def main() -> tuple[int, bytes, list[str]]:
        session = AioSession()
        async with session.create_client("s3", region_name="us-east-1") as s3:
            await s3.create_bucket(Bucket="plain-mock")
            await s3.put_object(Bucket="plain-mock", Key="k", Body=b"x" * 5000)
            got = await s3.get_object(Bucket="plain-mock", Key="k")
            async with got["Body"] as stream:
                data = await stream.read()
        async with AsyncPinpointClient(region_name="us-east-1") as client:
            created = await client.create_app(create_application_request=_model(
                models.CreateApplicationRequest, Name="plain"))
            with pytest.raises(errors.NotFoundError):
                await client.get_segment(application_id=created.application_response.id,
                                         segment_id="nope")
            apps = await client.get_apps()
        return (created.http_status_code, data,
                [app.name for app in apps.applications_response.item or []])

    with moto.mock_aws():
        status, data, names = asyncio.run(main())
    assert (status, data, names) == (201, b"x" * 5000, ["plain"])


def test_import_job_reads_what_aiobotocore_put_in_s3() -> None:
    async def main() -> tuple[str | None, str | None]:
        async with AioSession().create_client("s3", region_name="us-east-1") as s3:
            await s3.create_bucket(Bucket=BUCKET)
            await s3.put_object(Bucket=BUCKET, Key="in/endpoints.json",
                                Body="\n".join(json.dumps(e) for e in STAGED).encode())
        async with AsyncPinpointClient(region_name="us-east-1") as client:
            app_id = (await client.create_app(create_application_request=_model(
                models.CreateApplicationRequest, Name="s3"))).application_response.id
            job = await client.create_import_job(
                application_id=app_id, import_job_request=_model(
                    models.ImportJobRequest, S3Url=IMPORT_URL, Format="JSON",
                    RoleArn="arn:aws:iam::123456789012:role/import"))
            response = job.import_job_response
            for _ in range(10):
                if response.job_status in {"COMPLETED", "FAILED"}:
                    break
                response = (await client.get_import_job(
                    application_id=app_id, job_id=response.id)).import_job_response
            endpoint = await client.get_endpoint(application_id=app_id,
                                                 endpoint_id="imported-2")
            return response.job_status, endpoint.endpoint_response.address

    with mock_pinpoint():
        assert asyncio.run(main()) == ("COMPLETED", "imported2@example.com")


def test_pytest_fixture_serves_the_async_client(pinpoint_mock: PinpointMock) -> None:
    async def main() -> str:
        async with AsyncPinpointClient() as client:  # region from the fixture's environment
            created = await client.create_app(create_application_request=_model(
                models.CreateApplicationRequest, Name="fixture"))
            app_id: str = created.application_response.id
            return app_id

    app_id = asyncio.run(main())
    assert pinpoint_mock.backend().moto.apps[app_id].name == "fixture"


def test_concurrent_calls_on_the_in_process_double() -> None:
    async def main() -> list[str]:
        async with AsyncPinpointClient(region_name="us-east-1") as client:
            app_id = (await client.create_app(create_application_request=_model(
                models.CreateApplicationRequest, Name="many"))).application_response.id
            await asyncio.gather(*(
                client.update_endpoint(application_id=app_id, endpoint_id=f"u{n}",
                                       endpoint_request=_model(models.EndpointRequest,
                                                               ChannelType="EMAIL",
                                                               Address=f"u{n}@example.com"))
                for n in range(20)))
            got = await asyncio.gather(*(
                client.get_endpoint(application_id=app_id, endpoint_id=f"u{n}")
                for n in range(20)))
            return [e.endpoint_response.address for e in got]

    with mock_pinpoint():
        assert asyncio.run(main()) == [f"u{n}@example.com" for n in range(20)]


def test_nothing_is_answered_in_process_without_an_active_mock() -> None:
    class Request:
        url = "https://pinpoint.us-east-1.amazonaws.com/v1/apps"
        body = b""

    assert asyncio.run(serve_aiobotocore("before-send.pinpoint.GetApps", Request())) is None

    async def main() -> None:
        async with AsyncPinpointClient(
            region_name="us-east-1", endpoint_url="http://127.0.0.1:9",
            config=_no_retries(),
        ) as client:
            await client.get_apps()

    with mock_pinpoint():
        pass
    # After the mock stopped, the request goes to the (closed) network port again.
    with pytest.raises(EndpointConnectionError):
        asyncio.run(main())


def _no_retries() -> Any:
    from botocore.config import Config

    return Config(retries={"max_attempts": 1, "mode": "standard"}, connect_timeout=2)


# -- server mode ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def double_url() -> Iterator[str]:
    with server() as url:
        yield url


@pytest.fixture(scope="module")
def moto_url() -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    moto_server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    moto_server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        moto_server.stop()


async def _app_campaigns_and_errors(url: str) -> tuple[models.CreateAppResponse, list[str], int]:
    async with AsyncPinpointClient(region_name="us-east-1", endpoint_url=url) as client:
        created = await client.create_app(
            create_application_request=models.CreateApplicationRequest(
                name=f"aio-{uuid.uuid4().hex[:8]}"
            )
        )
        assert created.application_response is not None
        app_id = created.application_response.id
        assert app_id is not None
        segment = await client.create_segment(
            application_id=app_id, write_segment_request=_segment_request("all"))
        assert segment.segment_response is not None
        for n in range(5):
            await client.create_campaign(
                application_id=app_id,
                write_campaign_request=_campaign_request(f"c{n}", segment.segment_response.id),
            )
        pages = await collect(client.get_campaigns_pages(application_id=app_id, page_size=2))
        names = [
            campaign.name
            for page in pages
            for campaign in page.campaigns_response.item or []
        ]
        with pytest.raises(errors.NotFoundError) as info:
            await client.get_campaign(application_id=app_id, campaign_id="missing")
        assert info.value.request_id
        return created, sorted(n for n in names if n is not None), len(pages)


def test_double_server_answers_the_async_client(double_url: str) -> None:
    created, names, pages = asyncio.run(_app_campaigns_and_errors(double_url))
    assert created.http_status_code == 201 and created.request_id
    assert names == ["c0", "c1", "c2", "c3", "c4"]
    assert pages == 3


def test_moto_threaded_server_answers_the_async_client(moto_url: str) -> None:
    created, names, pages = asyncio.run(_app_campaigns_and_errors(moto_url))
    assert created.http_status_code == 201
    assert names == ["c0", "c1", "c2", "c3", "c4"]
    assert pages == 3
