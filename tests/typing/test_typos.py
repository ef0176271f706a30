"""Misspelt names and keywords are ``mypy --strict`` errors, correct ones are not.

One mypy run over two user files written here: ``typos.py``, where every line marked
``# E: <code>`` must be reported with that error code (and nothing else is), and
``correct.py``, the same calls spelt right, which must be clean. The lazily loaded
namespaces (``pinpoint_sdk``, ``pinpoint_sdk.models``) must not leak ``Any``, and neither
must what users read off errors, exports, the offline double and response metadata: the
revealed types in ``correct.py`` are checked to be the real ones. pyright (as
``basedpyright``) runs over the same two files.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRELUDE = """\
from __future__ import annotations

import pinpoint_sdk
from pinpoint_sdk import errors, models
from pinpoint_sdk.builders import CampaignBuilder, JourneyBuilder
from pinpoint_sdk.resources import App, Campaign, Endpoint, Journey, Segment, Template
from pinpoint_sdk.aio import AsyncPinpoint, AsyncPinpointClient, AsyncTemplate
from pinpoint_sdk.export import ExportedApp, export_app, import_app
from pinpoint_sdk.resources import User
from pinpoint_sdk.testing import PinpointMock, mock_pinpoint
from pinpoint_sdk.waiters import wait_for_job, wait_for_job_async
"""

TYPOS = PRELUDE + """\
from pinpoint_sdk.models import EndpointRequst  # E: attr-defined
from pinpoint_sdk import Pinpont  # E: attr-defined


def use(app: App, campaign: Campaign, journey: Journey, segment: Segment,
        endpoint: Endpoint, template: Template) -> None:
    models.EndpointRequst(address="a")  # E: attr-defined
    pinpoint_sdk.Pinpont()  # E: attr-defined
    pinpoint_sdk.PinpointClinet()  # E: attr-defined
    pinpoint_sdk.enums.Frequensy  # E: attr-defined
    pinpoint_sdk.converter.convertr  # E: attr-defined
    builder = CampaignBuilder("c")
    builder.email(titel="Hello")  # E: call-arg
    builder.schedule(timezon="UTC")  # E: call-arg
    builder.set(priorty=2)  # E: call-arg
    builder.limits(daily="one")  # E: arg-type
    builder.treatment(size_percnt=10)  # E: call-arg
    builder.push(bodi="Hi", platforms=["apns"])  # E: call-arg
    JourneyBuilder("j").set(local_tme=True)  # E: call-arg
    campaign.update(nme="spring")  # E: call-arg
    journey.update(nmae="onboarding")  # E: call-arg
    segment.update(name=5)  # E: arg-type
    endpoint.update(adress="a@example.com")  # E: call-arg
    app.settings.update(campaign_hok=None)  # E: call-arg
    template.update(subjct="Hi")  # E: call-overload
    template.update(html_part=5)  # E: call-overload
    template.update(models.EmailTemplateRequest(subject="Hi"), subject="Hi")  # E: call-overload
    JourneyBuilder("j").sms("nudge", "Nudge", mesage_type="PROMOTIONAL")  # E: call-arg
    JourneyBuilder("j").sms("nudge", sender_id=1)  # E: arg-type
    pinpoint_sdk.PinpointClient(endpoint_ur="http://localhost:4566")  # E: call-arg
    pinpoint_sdk.Pinpoint(regin_name="us-east-1")  # E: call-arg
    pinpoint_sdk.Pinpoint(use_ssl="no")  # E: arg-type
    mock_pinpoint(confg={})  # E: call-arg
    AsyncPinpointClient(endpoint_ur="http://localhost:4566")  # E: call-arg
    AsyncPinpoint(regin_name="us-east-1")  # E: call-arg
    AsyncPinpoint(use_ssl="no")  # E: arg-type


def caught(client: pinpoint_sdk.PinpointClient, exported: ExportedApp, mock: PinpointMock,
           out: models.GetAppResponse) -> None:
    try:
        client.get_app(application_id="a")
    except errors.NotFoundError as missing:
        # Service errors stay botocore ClientErrors to checkers too; without botocore's
        # stubs mypy reads that base as Any, so only the attributes declared here are checked.
        print(missing.request_id, missing.response["Error"], missing.operation_name.upper())
    except errors.BatchInterrupted as interrupted:
        print(interrupted.result.succeded)  # E: attr-defined
    except errors.JobFailedError as failed:
        print(failed.job.job_statuss if failed.job else None)  # E: attr-defined
    except errors.WaiterTimeoutError as timeout:
        print(timeout.last.job_statuss if timeout.last else None)  # E: attr-defined
    warning = errors.PinpointEndOfSupportWarning("ended")
    print(warning.status.endded if warning.status else None)  # E: attr-defined
    print(exported.channels["EMAIL"].from_addres)  # E: union-attr
    print(exported.templates[0].template.subjct)  # E: union-attr
    print(mock.backend().sent_messages[0]["Adress"])  # E: typeddict-item
    print(out.response_metadata["RequestID"])  # E: typeddict-item
    pinpoint_sdk.to_dataframe(5)  # E: arg-type
    pinpoint_sdk.Pinpoint(client=5)  # E: arg-type
    pinpoint_sdk.PinpointClient("pinpoint")  # E: arg-type
    export_app(5, "app-id", "out")  # E: arg-type
    import_app("pp", exported, "app-id")  # E: arg-type
    AsyncPinpoint(client=5)  # E: arg-type
    AsyncPinpointClient.from_client("raw")  # E: arg-type


async def caught_async(template: AsyncTemplate) -> None:
    await template.update(subjct="Hi")  # E: call-overload
    await template.update(html_part=5)  # E: call-overload
"""

CORRECT = PRELUDE + """\
from botocore.exceptions import ClientError  # type: ignore[import-untyped]
import datetime as dt

import pandas

from pinpoint_sdk.models import EndpointRequest
from pinpoint_sdk import Pinpoint
from pinpoint_sdk.converter import PinpointConverter


def use(app: App, campaign: Campaign, journey: Journey, segment: Segment,
        endpoint: Endpoint, template: Template) -> None:
    request: EndpointRequest = models.EndpointRequest(address="a")
    root: Pinpoint = pinpoint_sdk.Pinpoint()
    client: pinpoint_sdk.PinpointClient = root.client
    frequency: pinpoint_sdk.enums.Frequency = pinpoint_sdk.enums.Frequency.ONCE
    configured: PinpointConverter = pinpoint_sdk.converter.converter
    builder = CampaignBuilder("c")
    builder.email(title="Hello")
    builder.schedule(timezone="UTC", start_time=dt.datetime(2030, 1, 1), frequency=frequency)
    builder.set(priority=2)
    builder.limits(daily=1)
    builder.treatment(size_percent=10)
    builder.push(body="Hi", platforms=["apns"])
    JourneyBuilder("j").set(local_time=True)
    campaign.update(name="spring")
    journey.update(name="onboarding")
    segment.update(name="active")
    endpoint.update(address="a@example.com", attributes={"plan": ["pro"]})
    app.settings.update(campaign_hook=None)
    template.update(subject="Hi", create_new_version=True)
    template.update(body="Hi {{User.Name}}")
    template.update(template_description="voice", voice_id="Joanna", version="2")
    template.update(models.PushNotificationTemplateRequest(recommender_id="r"))
    template.update(layout="BOTTOM_BANNER")
    JourneyBuilder("j").sms("nudge", "Nudge", message_type="PROMOTIONAL", sender_id="Shop")
    pinpoint_sdk.PinpointClient(endpoint_url="http://localhost:4566", config=None,
                                aws_access_key_id="k", aws_secret_access_key="s")
    pinpoint_sdk.Pinpoint(region_name="us-east-1", use_ssl=False, verify="/ca.pem")
    mock_pinpoint(config={"core": {"passthrough": {"urls": []}}})
    AsyncPinpointClient(region_name="us-east-1", endpoint_url="http://localhost:4566",
                        aws_access_key_id="k", aws_secret_access_key="s", config=None)
    AsyncPinpoint(region_name="us-east-1", use_ssl=False, verify="/ca.pem")
    frame: pandas.DataFrame = pinpoint_sdk.to_dataframe([request])
    listed: pandas.DataFrame = app.campaigns.to_dataframe()
    whole: models.JourneyExecutionMetricsResponse = journey.execution_metrics()
    run: models.JourneyRunExecutionMetricsResponse = journey.execution_metrics(run_id="r")
    activity: models.JourneyExecutionActivityMetricsResponse = journey.activity_metrics("a")
    reveal_type(pinpoint_sdk.to_dataframe([request]))
    reveal_type(app.campaigns.to_dataframe())
    reveal_type(journey.execution_metrics())
    reveal_type(pinpoint_sdk.converter)
    print(client, configured, frame, listed, whole, run, activity)


class RawClient:
    meta: object = None


def import_job() -> models.ImportJobResponse:
    return models.ImportJobResponse(job_status="COMPLETED")


async def export_job() -> models.ExportJobResponse:
    return models.ExportJobResponse(job_status="COMPLETED")


def caught(client: pinpoint_sdk.PinpointClient, exported: ExportedApp, mock: PinpointMock,
           out: models.GetAppResponse, user: User, record: pinpoint_sdk.EventRecord) -> None:
    try:
        client.get_app(application_id="a")
    except errors.NotFoundError as missing:
        reveal_type(missing.request_id)
        reveal_type(missing.operation_name)
        as_botocore: ClientError = missing  # a service error is a botocore ClientError
        print(as_botocore)
    except errors.BatchInterrupted as interrupted:
        reveal_type(interrupted.result)
        reveal_type(interrupted.batch_result)
    except errors.JobFailedError as failed:
        reveal_type(failed.job)
    except errors.WaiterTimeoutError as timeout:
        reveal_type(timeout.last)
    reveal_type(errors.PinpointEndOfSupportWarning("ended").status)
    reveal_type(exported.templates[0].template)
    reveal_type(exported.templates[0].versions)
    reveal_type(mock.backend().sent_messages[0]["Address"])
    reveal_type(out.response_metadata.get("RequestId"))
    reveal_type(user.endpoints)
    reveal_type(record.event)
    reveal_type(pinpoint_sdk.enable_fast_responses(RawClient()))
    root = pinpoint_sdk.Pinpoint(client=RawClient())
    reveal_type(export_app(root, "app-id", "out"))
    reveal_type(import_app(client, export_app(root.client, "app-id", "out").path or "out", "b"))
    channel = exported.channels["EMAIL"]
    if isinstance(channel, models.EmailChannelResponse):
        reveal_type(channel.from_address)
    print(pinpoint_sdk.to_dataframe(exported.segments), AsyncPinpoint(client=None),
          AsyncPinpointClient.from_client(RawClient()))


async def caught_async(template: AsyncTemplate) -> None:
    reveal_type(await template.update(subject="Hi", create_new_version=True))
    reveal_type(await template.update(models.SMSTemplateRequest(body="Hi")))
    reveal_type(wait_for_job(import_job, timeout=60))
    reveal_type(await wait_for_job_async(export_job, timeout=60))
"""

TEMPLATE_MODELS = (
    "EmailTemplateResponse",
    "SMSTemplateResponse",
    "VoiceTemplateResponse",
    "PushNotificationTemplateResponse",
    "InAppTemplateResponse",
    "TemplateResponse",
)

LINE = re.compile(r"^(?:.*/)?(?P<file>[\w.]+):(?P<line>\d+): (?P<kind>error|note): (?P<text>.*)$")


def _expected(source: str) -> dict[int, str]:
    return {
        number: line.rsplit("# E: ", 1)[1].strip()
        for number, line in enumerate(source.splitlines(), start=1)
        if "# E: " in line
    }


def test_typos_are_mypy_errors_and_correct_spellings_are_not(tmp_path: Path) -> None:
    (tmp_path / "typos.py").write_text(TYPOS)
    (tmp_path / "correct.py").write_text(CORRECT)
    result = subprocess.run(
        [
            sys.executable, "-m", "mypy", "--strict", "--no-incremental",
            "--show-error-codes", "--no-error-summary", "--hide-error-context",
            "--cache-dir", str(tmp_path / "cache"), "typos.py", "correct.py",
        ],
        cwd=tmp_path,
        # The package under test is this checkout's, not an installed copy.
        env={**os.environ, "MYPYPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert not result.stderr, result.stderr
    errors: dict[tuple[str, int], list[str]] = {}
    notes: dict[int, str] = {}
    for raw in result.stdout.splitlines():
        match = LINE.match(raw)
        assert match, raw
        key = (match["file"], int(match["line"]))
        if match["kind"] == "error":
            errors.setdefault(key, []).append(match["text"])
        elif match["file"] == "correct.py" and match["text"].startswith("Revealed type"):
            notes[key[1]] = match["text"]

    # Every typo is reported, with the expected code, and nothing else in that file.
    expected = _expected(TYPOS)
    reported = {line for (file, line) in errors if file == "typos.py"}
    assert reported == set(expected), result.stdout
    for line, code in expected.items():
        assert any(text.endswith(f"[{code}]") for text in errors[("typos.py", line)]), (
            line, errors[("typos.py", line)]
        )
    typo_line = next(n for n, line in enumerate(TYPOS.splitlines(), 1) if "Requst(" in line)
    assert "EndpointRequest" in " ".join(errors[("typos.py", typo_line)])  # suggests the name

    # The same calls spelt right pass, and the types are the real ones, not Any.
    assert [e for e in errors if e[0] == "correct.py"] == [], result.stdout
    template = " | ".join(f"pinpoint_sdk.models._templates.{name}" for name in TEMPLATE_MODELS)
    assert [text.removeprefix("Revealed type is ") for text in notes.values()] == [
        '"pandas.core.frame.DataFrame"',
        '"pandas.core.frame.DataFrame"',
        '"pinpoint_sdk.models._journeys.JourneyExecutionMetricsResponse"',
        '"types.ModuleType"',
        # caught()
        '"str | None"',
        '"str"',
        '"pinpoint_sdk.batching.BatchResult"',
        '"pinpoint_sdk.batching.BatchResult"',
        '"pinpoint_sdk.waiters.JobLike | None"',
        '"pinpoint_sdk.waiters.JobLike | None"',
        '"pinpoint_sdk.support.SupportStatus | None"',
        f'"{template}"',
        f'"list[{template}]"',
        '"str | None"',
        '"str | None"',
        '"pinpoint_sdk.resources._audience.UserEndpoints"',
        '"pinpoint_sdk.models._events.Event"',
        '"correct.RawClient"',
        '"pinpoint_sdk.export._manifest.ExportManifest"',
        '"pinpoint_sdk.export._load.ImportReport"',
        '"str | None"',
        # caught_async()
        '"pinpoint_sdk.aio._resources.AsyncTemplate"',
        '"pinpoint_sdk.aio._resources.AsyncTemplate"',
        '"pinpoint_sdk.models._jobs.ImportJobResponse"',
        '"pinpoint_sdk.models._jobs.ExportJobResponse"',
    ], result.stdout
    assert not [text for text in notes.values() if "Any" in text], result.stdout


def test_pyright_reports_the_same_typos_and_sees_no_unknown_types(tmp_path: Path) -> None:
    checker = shutil.which("basedpyright", path=str(Path(sys.executable).parent))
    assert checker is not None, "install the dev extra: basedpyright"
    (tmp_path / "typos.py").write_text(TYPOS)
    (tmp_path / "correct.py").write_text(CORRECT)
    (tmp_path / "pyrightconfig.json").write_text(json.dumps({
        "typeCheckingMode": "standard",
        "pythonVersion": "3.11",
        # The package under test is this checkout's, not an installed copy.
        "extraPaths": [str(ROOT)],
    }))
    result = subprocess.run(
        [checker, "--outputjson", "--pythonpath", sys.executable, "typos.py", "correct.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(result.stdout)
    found = [
        (Path(d["file"]).name, d["range"]["start"]["line"] + 1, d["severity"], d["message"])
        for d in report["generalDiagnostics"]
    ]
    # Every typo line is an error for pyright too, and no other line of the file is.
    typo_lines = {line for file, line, severity, _ in found
                  if file == "typos.py" and severity == "error"}
    assert typo_lines == set(_expected(TYPOS)), found
    # The correct file is clean, and no revealed type is unknown or Any.
    assert [f for f in found if f[0] == "correct.py" and f[2] == "error"] == [], found
    revealed = [f[3] for f in found if f[0] == "correct.py" and f[2] == "information"]
    assert len(revealed) == CORRECT.count("reveal_type("), found
    assert not [t for t in revealed if "Unknown" in t or re.search(r"\bAny\b", t)], revealed
    by_line = {f[1]: f[3] for f in found if f[0] == "correct.py" and f[2] == "information"}

    def revealed_at(expression: str) -> str:
        return by_line[next(n for n, line in enumerate(CORRECT.splitlines(), 1)
                            if f"reveal_type({expression})" in line)]

    assert revealed_at("user.endpoints") == 'Type of "user.endpoints" is "UserEndpoints"'
    # A job model is a job to wait for (pyright does not match its converter-typed
    # ``job_status`` against the JobLike protocol on its own).
    assert revealed_at("wait_for_job(import_job, timeout=60)").endswith('"ImportJobResponse"')
    assert revealed_at("await wait_for_job_async(export_job, timeout=60)").endswith(
        '"ExportJobResponse"'
    )
