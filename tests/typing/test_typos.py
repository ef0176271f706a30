"""Misspelt names and keywords are ``mypy --strict`` errors, correct ones are not.

One mypy run over two user files written here: ``typos.py``, where every line marked
``# E: <code>`` must be reported with that error code (and nothing else is), and
``correct.py``, the same calls spelt right, which must be clean. The lazily loaded
namespaces (``pinpoint_sdk``, ``pinpoint_sdk.models``) must not leak ``Any``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRELUDE = """\
from __future__ import annotations

import pinpoint_sdk
from pinpoint_sdk import models
from pinpoint_sdk.builders import CampaignBuilder, JourneyBuilder
from pinpoint_sdk.resources import App, Campaign, Endpoint, Journey, Segment, Template
from pinpoint_sdk.aio import AsyncPinpoint, AsyncPinpointClient
from pinpoint_sdk.testing import mock_pinpoint
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
"""

CORRECT = PRELUDE + """\
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
"""

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
    assert list(notes.values()) == [
        'Revealed type is "pandas.core.frame.DataFrame"',
        'Revealed type is "pandas.core.frame.DataFrame"',
        'Revealed type is "pinpoint_sdk.models._journeys.JourneyExecutionMetricsResponse"',
        'Revealed type is "types.ModuleType"',
    ], result.stdout
