"""Server mode: the double over real HTTP, for boto3, the AWS CLI and other processes."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import moto
import pytest
from botocore import xform_name
from botocore.config import Config
from botocore.exceptions import ClientError
from double_helpers import NO_RETRIES, ShapeChecker, checked_client

import pinpoint_sdk.cli
from pinpoint_sdk.testing import (
    PinpointServer,
    get_backend,
    mock_pinpoint,
    reset_backends,
    server,
)
from pinpoint_sdk.testing.pytest_plugin import pinpoint_server

ROOT = Path(__file__).resolve().parents[2]
SMS = {"SMSMessage": {"Body": "hello", "MessageType": "TRANSACTIONAL"}}
FAKE_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
}
START_TIMEOUT = 60.0

__all__ = ["pinpoint_server"]


def _http_client(url: str, checker: ShapeChecker | None = None) -> Any:
    return checked_client(checker or ShapeChecker(), endpoint_url=url)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _child_env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "AWS_PROFILE"}
    env.update(FAKE_ENV)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _wait_for_port(port: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited early: {process.communicate()}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on port {port} after {START_TIMEOUT}s")


def _first_line(process: subprocess.Popen[str]) -> str:
    lines: queue.Queue[str] = queue.Queue()
    assert process.stdout is not None
    stdout = process.stdout
    threading.Thread(target=lambda: lines.put(stdout.readline()), daemon=True).start()
    try:
        return lines.get(timeout=START_TIMEOUT)
    except queue.Empty:
        raise AssertionError("the server printed nothing") from None


def _exercise(client: Any) -> str:
    """Create app, segment, endpoint, event and message; return the app id."""
    app_id: str = client.create_app(CreateApplicationRequest={"Name": "served"})[
        "ApplicationResponse"
    ]["Id"]
    segment = client.create_segment(
        ApplicationId=app_id, WriteSegmentRequest={"Name": "everyone"}
    )["SegmentResponse"]
    assert segment["Name"] == "everyone"
    client.update_endpoint(
        ApplicationId=app_id,
        EndpointId="ep1",
        EndpointRequest={"ChannelType": "SMS", "Address": "+447700900123"},
    )
    endpoint = client.get_endpoint(ApplicationId=app_id, EndpointId="ep1")["EndpointResponse"]
    assert endpoint["Address"] == "+447700900123"
    events = client.put_events(
        ApplicationId=app_id,
        EventsRequest={
            "BatchItem": {
                "ep1": {
                    "Endpoint": {},
                    "Events": {"e1": {"EventType": "open", "Timestamp": "2024-01-01T00:00:00Z"}},
                }
            }
        },
    )["EventsResponse"]
    assert events["Results"]["ep1"]["EventsItemResponse"]["e1"]["StatusCode"] == 202
    sent = client.send_messages(
        ApplicationId=app_id,
        MessageRequest={"Endpoints": {"ep1": {}}, "MessageConfiguration": SMS},
    )["MessageResponse"]
    assert sent["EndpointResult"]["ep1"]["DeliveryStatus"] == "SUCCESSFUL"
    return app_id


@pytest.fixture(autouse=True)
def fresh_backends() -> Iterator[None]:
    """The server keeps moto's process-wide state: start and end each test empty."""
    reset_backends()
    yield
    reset_backends()


@pytest.fixture
def url() -> Iterator[str]:
    with server() as running:
        yield running


def test_server_answers_every_operation_family_over_http(url: str) -> None:
    checker = ShapeChecker()
    client = _http_client(url, checker)
    app_id = _exercise(client)
    journey = client.create_journey(
        ApplicationId=app_id, WriteJourneyRequest={"Name": "j"}
    )["JourneyResponse"]
    assert client.get_journey(ApplicationId=app_id, JourneyId=journey["Id"])
    client.create_email_template(
        TemplateName="welcome", EmailTemplateRequest={"Subject": "hi", "TextPart": "x"}
    )
    segment = client.get_segments(ApplicationId=app_id)["SegmentsResponse"]["Item"][0]
    client.tag_resource(ResourceArn=segment["Arn"], TagsModel={"tags": {"team": "growth"}})
    tags = client.list_tags_for_resource(ResourceArn=segment["Arn"])["TagsModel"]["tags"]
    assert tags == {"team": "growth"}
    assert checker.problems == []
    assert checker.checked >= 8


def test_server_listens_on_loopback_and_releases_its_port() -> None:
    with server(port=0) as url:
        host, port = url.removeprefix("http://").split(":")
        assert host == "127.0.0.1"
        assert _http_client(url).get_apps()["ApplicationsResponse"]["Item"] == []
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", int(port)))  # free again


def test_server_object_reports_its_url_and_refuses_a_second_start() -> None:
    running = PinpointServer()
    with pytest.raises(RuntimeError, match="not running"):
        _ = running.url
    running.start()
    try:
        assert running.url.startswith("http://127.0.0.1:")
        with pytest.raises(RuntimeError, match="already running"):
            running.start()
    finally:
        running.stop()
    running.stop()  # stopping twice is harmless


def test_state_is_shared_with_mock_pinpoint_both_ways(url: str) -> None:
    http = _http_client(url)
    with mock_pinpoint() as mock:
        app_id = http.create_app(CreateApplicationRequest={"Name": "over-http"})[
            "ApplicationResponse"
        ]["Id"]
        assert mock.backend().app(app_id).name == "over-http"
        in_process = boto3.client("pinpoint", region_name="us-east-1", config=NO_RETRIES)
        in_process.update_endpoint(
            ApplicationId=app_id,
            EndpointId="ep",
            EndpointRequest={"ChannelType": "EMAIL", "Address": "a@example.com"},
        )
        fetched = http.get_endpoint(ApplicationId=app_id, EndpointId="ep")["EndpointResponse"]
        assert fetched["Address"] == "a@example.com"


def test_state_is_shared_with_plain_mock_aws(url: str) -> None:
    with moto.mock_aws():
        in_process = boto3.client("pinpoint", region_name="eu-west-1", config=NO_RETRIES)
        app_id = in_process.create_app(CreateApplicationRequest={"Name": "mocked"})[
            "ApplicationResponse"
        ]["Id"]
        http = boto3.client(
            "pinpoint", region_name="eu-west-1", endpoint_url=url, config=NO_RETRIES
        )
        assert http.get_app(ApplicationId=app_id)["ApplicationResponse"]["Name"] == "mocked"


def test_s3_works_through_the_same_server_for_imports(url: str) -> None:
    s3 = boto3.client(
        "s3",
        region_name="us-east-1",
        endpoint_url=url,
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
    )
    s3.create_bucket(Bucket="imports")
    line = json.dumps({"Id": "imported", "ChannelType": "EMAIL", "Address": "i@example.com"})
    s3.put_object(Bucket="imports", Key="in/endpoints.json", Body=line.encode())
    assert s3.get_object(Bucket="imports", Key="in/endpoints.json")["Body"].read() == line.encode()
    http = _http_client(url)
    app_id = http.create_app(CreateApplicationRequest={"Name": "imports"})[
        "ApplicationResponse"
    ]["Id"]
    # Nothing is staged: the job reads the object put through the server's S3.
    job = http.create_import_job(
        ApplicationId=app_id,
        ImportJobRequest={
            "Format": "JSON",
            "RoleArn": "arn:aws:iam::123456789012:role/import",
            "S3Url": "s3://imports/in/",
        },
    )["ImportJobResponse"]
    for _ in range(10):
        job = http.get_import_job(ApplicationId=app_id, JobId=job["Id"])["ImportJobResponse"]
        if job["JobStatus"] in {"COMPLETED", "FAILED"}:
            break
    assert (job["JobStatus"], job["TotalProcessed"], job["TotalFailures"]) == ("COMPLETED", 1, 0)
    fetched = http.get_endpoint(ApplicationId=app_id, EndpointId="imported")["EndpointResponse"]
    assert fetched["Address"] == "i@example.com"


def test_concurrent_http_clients_keep_every_write(url: str) -> None:
    app_id = _http_client(url).create_app(CreateApplicationRequest={"Name": "busy"})[
        "ApplicationResponse"
    ]["Id"]
    clients = [_http_client(url) for _ in range(8)]
    failures: list[BaseException] = []

    def write(number: int) -> None:
        try:
            for call in range(15):
                clients[number].update_endpoint(
                    ApplicationId=app_id,
                    EndpointId=f"t{number}-{call}",
                    EndpointRequest={"ChannelType": "EMAIL", "Address": f"{number}@example.com"},
                )
        except BaseException as error:  # reported below
            failures.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == []
    assert len(get_backend().state(app_id).endpoints) == 8 * 15


def _path_style_s3(url: str) -> Any:
    return boto3.client(
        "s3",
        region_name="us-east-1",
        endpoint_url=url,
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
    )


def test_jobs_and_s3_under_eight_threads_over_http_lose_nothing(url: str) -> None:
    """Soak, bounded by count (12 rounds a thread) and time (20 s): each thread writes
    endpoints, exports to its own prefix (and reads the export back), puts a file in S3
    and imports the folder, while the others do the same. No request fails, each export
    holds every write its thread had acknowledged, and no acknowledged write is lost."""
    _path_style_s3(url).create_bucket(Bucket="exports")
    app_id = _http_client(url).create_app(CreateApplicationRequest={"Name": "jobs"})[
        "ApplicationResponse"
    ]["Id"]
    role = "arn:aws:iam::123456789012:role/jobs"
    deadline = time.monotonic() + 20.0
    acknowledged: list[list[str]] = [[] for _ in range(8)]
    exports: list[list[dict[str, Any]]] = [[] for _ in range(8)]
    failures: list[BaseException] = []

    def finish(get: Any, wrapper: str, job_id: str) -> dict[str, Any]:
        for _ in range(10):
            job: dict[str, Any] = get(ApplicationId=app_id, JobId=job_id)[wrapper]
            if job["JobStatus"] in {"COMPLETED", "FAILED"}:
                return job
        raise AssertionError(f"job {job_id} stuck")

    def work(number: int) -> None:
        client, s3 = _http_client(url), _path_style_s3(url)
        try:
            for call in range(12):
                if time.monotonic() > deadline:
                    return
                endpoint_id = f"t{number}-{call}"
                client.update_endpoint(
                    ApplicationId=app_id,
                    EndpointId=endpoint_id,
                    EndpointRequest={"ChannelType": "EMAIL", "Address": f"{endpoint_id}@x.com"},
                )
                acknowledged[number].append(endpoint_id)
                if call % 4 != 0:
                    continue
                export_id = client.create_export_job(
                    ApplicationId=app_id,
                    ExportJobRequest={"RoleArn": role, "S3UrlPrefix": f"s3://exports/{number}/"},
                )["ExportJobResponse"]["Id"]
                export = finish(client.get_export_job, "ExportJobResponse", export_id)
                exports[number].append(export)
                [key] = [
                    o["Key"]
                    for o in s3.list_objects_v2(Bucket="exports", Prefix=f"{number}/{export_id}/")[
                        "Contents"
                    ]
                ]
                body = gzip.decompress(s3.get_object(Bucket="exports", Key=key)["Body"].read())
                exported = {json.loads(row)["Id"] for row in body.decode().splitlines()}
                # The export ran after this thread's acknowledged writes: it has them all.
                assert set(acknowledged[number]) <= exported
                assert export["TotalProcessed"] == len(exported)
                line = json.dumps({"Id": f"in{number}-{call}", "ChannelType": "SMS",
                                   "Address": "+14155550100"})  # fmt: skip
                s3.put_object(Bucket="exports", Key=f"in/{number}-{call}.json", Body=line.encode())
                import_id = client.create_import_job(
                    ApplicationId=app_id,
                    ImportJobRequest={"RoleArn": role, "S3Url": "s3://exports/in/", "Format": "JSON"},
                )["ImportJobResponse"]["Id"]
                imported = finish(client.get_import_job, "ImportJobResponse", import_id)
                assert imported["JobStatus"] == "COMPLETED" and imported["TotalFailures"] == 0
                acknowledged[number].append(f"in{number}-{call}")
        except BaseException as error:  # reported by the main thread
            failures.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(thread.is_alive() for thread in threads)
    assert failures == []
    expected = {endpoint_id for ids in acknowledged for endpoint_id in ids}
    assert len(expected) >= 8 * 4, "the soak made too little progress to mean much"
    assert expected <= set(get_backend().state(app_id).endpoints)
    done = [job for jobs in exports for job in jobs]
    assert done and all(job["JobStatus"] == "COMPLETED" for job in done)
    assert all(job["TotalPieces"] == job["CompletedPieces"] == 1 for job in done)


def test_console_script_points_at_the_cli() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    target = project["project"]["scripts"]["pinpoint-sdk"]
    module, _, name = target.partition(":")
    assert (module, name) == ("pinpoint_sdk.cli", "main")
    assert getattr(pinpoint_sdk.cli, name) is pinpoint_sdk.cli.main


def test_cli_without_a_subcommand_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        pinpoint_sdk.cli.main([])
    assert info.value.code == 2
    assert "serve" in capsys.readouterr().err


def test_cli_serve_refuses_an_impossible_port(capsys: pytest.CaptureFixture[str]) -> None:
    assert pinpoint_sdk.cli.main(["serve", "--port", "70000"]) == 2
    assert "--port" in capsys.readouterr().err


def _console_script() -> list[str]:
    # Installing the package (pip install -e '.[dev]') puts the script beside python.
    script = Path(sys.executable).with_name("pinpoint-sdk")
    assert script.is_file(), f"{script} is missing: install the package first"
    return [str(script)]


@pytest.mark.parametrize(
    ("launcher", "explicit_port"),
    [(_console_script, True), (lambda: [sys.executable, "-m", "pinpoint_sdk"], False)],
    ids=["pinpoint-sdk-serve--port-N", "python-m-pinpoint_sdk-serve--port-0"],
)
def test_pinpoint_sdk_serve_runs_until_interrupted(
    launcher: Any, explicit_port: bool
) -> None:
    port = _free_port() if explicit_port else 0
    process = subprocess.Popen(
        [*launcher(), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_child_env(),
    )
    try:
        line = _first_line(process)
        assert line.startswith("Serving the offline Pinpoint at http://127.0.0.1:"), line
        url = line.split(" at ")[1].split()[0]
        if explicit_port:
            assert url == f"http://127.0.0.1:{port}"
        _exercise(_http_client(url))
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr


def test_moto_server_with_the_package_loaded_serves_the_double() -> None:
    port = _free_port()
    code = "import sys, pinpoint_sdk.testing, moto.server; moto.server.main(sys.argv[1:])"
    process = subprocess.Popen(
        [sys.executable, "-c", code, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=_child_env(),
    )
    try:
        _wait_for_port(port, process)
        _exercise(_http_client(f"http://127.0.0.1:{port}"))
    finally:
        process.terminate()
        process.communicate(timeout=30)


def _aws_cli() -> list[str]:
    # awscli comes with the dev extra; running it as a module uses this interpreter's
    # botocore rather than whatever `aws` is first on PATH.
    return [sys.executable, "-m", "awscli"]


def test_aws_cli_drives_the_server(url: str) -> None:
    base = [*_aws_cli(), "pinpoint", "--endpoint-url", url, "--output", "json"]

    def aws(*args: str) -> Any:
        done = subprocess.run(
            [*base, *args], capture_output=True, text=True, env=_child_env(), timeout=120
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout) if done.stdout.strip() else None

    app_id = aws("create-app", "--create-application-request", json.dumps({"Name": "cli"}))[
        "ApplicationResponse"
    ]["Id"]
    segment = aws(
        "create-segment",
        "--application-id", app_id,
        "--write-segment-request", json.dumps({"Name": "all"}),
    )["SegmentResponse"]  # fmt: skip
    aws(
        "update-endpoint",
        "--application-id", app_id,
        "--endpoint-id", "ep1",
        "--endpoint-request", json.dumps({"ChannelType": "SMS", "Address": "+447700900123"}),
    )  # fmt: skip
    endpoint = aws("get-endpoint", "--application-id", app_id, "--endpoint-id", "ep1")
    batch = {
        "BatchItem": {
            "ep1": {
                "Endpoint": {},
                "Events": {"e1": {"EventType": "open", "Timestamp": "2024-01-01T00:00:00Z"}},
            }
        }
    }
    events = aws(
        "put-events", "--application-id", app_id, "--events-request", json.dumps(batch)
    )
    sent = aws(
        "send-messages",
        "--application-id", app_id,
        "--message-request",
        json.dumps({"Endpoints": {"ep1": {}}, "MessageConfiguration": SMS}),
    )  # fmt: skip

    assert segment["Name"] == "all"
    assert endpoint["EndpointResponse"]["Address"] == "+447700900123"
    assert events["EventsResponse"]["Results"]["ep1"]["EventsItemResponse"]["e1"] == {
        "StatusCode": 202,
        "Message": "Accepted",
    }
    assert sent["MessageResponse"]["EndpointResult"]["ep1"]["DeliveryStatus"] == "SUCCESSFUL"
    backend = get_backend()
    assert [event["EventType"] for event in backend.events(app_id)] == ["open"]
    assert backend.sent_messages[-1]["Address"] == "+447700900123"


def test_the_guide_server_example_runs() -> None:
    guide = (ROOT / "docs" / "guides" / "testing.md").read_text(encoding="utf-8")
    section = guide.split("## Server mode", 1)[1].split("\n## ", 1)[0]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(code, "testing.md", "exec"), {})
    assert "pinpoint-sdk serve --port 5000" in section


def test_pytest_plugin_serves_an_empty_double(pinpoint_server: str) -> None:
    assert os.environ["AWS_ACCESS_KEY_ID"] == "testing"
    client = boto3.client("pinpoint", endpoint_url=pinpoint_server, config=NO_RETRIES)
    assert client.get_apps()["ApplicationsResponse"]["Item"] == []
    client.create_app(CreateApplicationRequest={"Name": "from-the-fixture"})
    assert len(get_backend().moto.apps) == 1


def test_a_fault_of_the_double_is_a_json_500_over_http(
    url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    client = _http_client(url)
    app_id = client.create_app(CreateApplicationRequest={"Name": "faulty"})[
        "ApplicationResponse"
    ]["Id"]

    def broken(self: Any, params: dict[str, Any]) -> Any:
        raise KeyError("injected")

    monkeypatch.setattr(type(get_backend()), "get_segments", broken)
    with (
        caplog.at_level("ERROR", logger="pinpoint_sdk.testing"),
        pytest.raises(ClientError) as info,
    ):
        client.get_segments(ApplicationId=app_id)
    error = info.value.response["Error"]
    assert error["Code"] == "InternalServerErrorException"
    assert "KeyError" in error["Message"] and "injected" in error["Message"]
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500
    assert "failed on GET" in caplog.text


def _minimal_params(operation: Any, app_id: str) -> dict[str, Any]:
    """The operation's required members with placeholder values (the real app's id)."""
    shape = operation.input_shape
    if shape is None:
        return {}
    params: dict[str, Any] = {}
    for name in shape.required_members:
        member = shape.members[name]
        if name == "ApplicationId":
            params[name] = app_id
        elif member.type_name == "structure":
            params[name] = {}
        elif member.type_name == "list":
            params[name] = ["x"]
        else:
            params[name] = "x"
    return params


def test_threaded_moto_server_routes_every_operation_to_the_double() -> None:
    """moto's own ThreadedMotoServer, with the package imported, reaches the double for
    each of the model's operations: none is left to moto's partial handler or to the
    web framework's 404 (which once met CreateSegment)."""
    from moto.server import ThreadedMotoServer

    served = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    served.start()
    try:
        host, port = served.get_host_and_port()
        url = f"http://{host}:{port}"
        app_id = _http_client(url).create_app(CreateApplicationRequest={"Name": "threaded"})[
            "ApplicationResponse"
        ]["Id"]
        segment = _http_client(url).create_segment(
            ApplicationId=app_id, WriteSegmentRequest={"Name": "everyone"}
        )["SegmentResponse"]
        assert get_backend().state(app_id).segments[segment["Id"]].current["Name"] == "everyone"

        raw: list[tuple[str, int, bytes]] = []
        client = boto3.client(
            "pinpoint",
            region_name="us-east-1",
            endpoint_url=url,
            config=NO_RETRIES.merge(Config(parameter_validation=False)),
        )
        client.meta.events.register(
            "before-parse.pinpoint.*",
            lambda operation_model, response_dict, **_: raw.append(
                (operation_model.name, response_dict["status_code"], response_dict["body"])
            ),
        )
        model = client.meta.service_model
        for name in model.operation_names:
            operation = model.operation_model(name)
            with contextlib.suppress(ClientError):
                getattr(client, xform_name(name))(**_minimal_params(operation, app_id))
    finally:
        served.stop()

    assert len(raw) == len(model.operation_names) == 122
    unrouted = []
    for name, status, body in raw:
        try:
            message = json.loads(body or b"{}").get("Message", "") if status >= 300 else ""
        except ValueError:
            unrouted.append((name, status, body[:60]))
            continue
        if message.startswith("No operation for") or "not supported" in message or status >= 500:
            unrouted.append((name, status, message))
    assert unrouted == []


def test_an_export_job_over_http_writes_pieces_the_same_servers_s3_serves(url: str) -> None:
    s3 = boto3.client(
        "s3",
        region_name="us-east-1",
        endpoint_url=url,
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
    )
    s3.create_bucket(Bucket="exports")
    http = _http_client(url)
    app_id = http.create_app(CreateApplicationRequest={"Name": "exported"})[
        "ApplicationResponse"
    ]["Id"]
    items = [
        {"Id": f"e{n}", "ChannelType": "EMAIL", "Address": f"e{n}@example.com"} for n in range(3)
    ]
    http.update_endpoints_batch(ApplicationId=app_id, EndpointBatchRequest={"Item": items})
    job = http.create_export_job(
        ApplicationId=app_id,
        ExportJobRequest={
            "RoleArn": "arn:aws:iam::123456789012:role/export",
            "S3UrlPrefix": "s3://exports/out/",
        },
    )["ExportJobResponse"]
    for _ in range(10):
        job = http.get_export_job(ApplicationId=app_id, JobId=job["Id"])["ExportJobResponse"]
        if job["JobStatus"] in {"COMPLETED", "FAILED"}:
            break

    assert (job["JobStatus"], job["TotalProcessed"], job["TotalPieces"]) == ("COMPLETED", 3, 1)
    [key] = [o["Key"] for o in s3.list_objects_v2(Bucket="exports", Prefix="out/")["Contents"]]
    assert key == f"out/{job['Id']}/part-00000.gz"
    body = gzip.decompress(s3.get_object(Bucket="exports", Key=key)["Body"].read())
    rows = [json.loads(line) for line in body.decode().splitlines()]
    assert sorted(row["Address"] for row in rows) == [f"e{n}@example.com" for n in range(3)]
