"""Calling an ended operation warns once per operation, at the caller's line; filters silence it."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
import warnings
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

import pinpoint_sdk
from pinpoint_sdk import PinpointClient, models, support
from pinpoint_sdk.errors import PinpointEndOfSupportWarning
from pinpoint_sdk.resources import Pinpoint
from pinpoint_sdk.testing import mock_pinpoint

JOURNEY = {
    "JourneyResponse": {"ApplicationId": "app", "Id": "j1", "Name": "welcome"}
}


@pytest.fixture
def stubbed() -> Iterator[tuple[PinpointClient, Stubber]]:
    session = boto3.session.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
    )
    boto3_client = session.client("pinpoint")
    with Stubber(boto3_client) as stubber:
        yield PinpointClient(boto3_client), stubber


def _recorded(call: Any) -> list[warnings.WarningMessage]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        call()
    return [w for w in caught if issubclass(w.category, PinpointEndOfSupportWarning)]


def test_an_ended_operation_warns_once_however_often_it_is_called(
    stubbed: tuple[PinpointClient, Stubber],
) -> None:
    client, stubber = stubbed
    for _ in range(3):
        stubber.add_response("get_journey", JOURNEY)

    def three_calls() -> None:
        for _ in range(3):
            client.get_journey(application_id="app", journey_id="j1")

    caught = _recorded(three_calls)

    assert len(caught) == 1
    message = str(caught[0].message)
    assert "GetJourney" in message and "2026-10-30" in message
    assert "https://docs.aws.amazon.com/pinpoint/latest/userguide/migrate.html" in message
    assert caught[0].message.status.operation == "GetJourney"  # type: ignore[union-attr]


def test_each_ended_operation_warns_once_on_its_own(
    stubbed: tuple[PinpointClient, Stubber],
) -> None:
    client, stubber = stubbed
    stubber.add_response("get_journey", JOURNEY)
    stubber.add_response("delete_journey", JOURNEY)
    stubber.add_response("get_journey", JOURNEY)

    def calls() -> None:
        client.get_journey(application_id="app", journey_id="j1")
        client.delete_journey(application_id="app", journey_id="j1")
        client.get_journey(application_id="app", journey_id="j1")

    assert [w.message.status.operation for w in _recorded(calls)] == [  # type: ignore[union-attr]
        "GetJourney",
        "DeleteJourney",
    ]


def test_a_continuing_operation_does_not_warn(stubbed: tuple[PinpointClient, Stubber]) -> None:
    client, stubber = stubbed
    stubber.add_response(
        "phone_number_validate", {"NumberValidateResponse": {"PhoneType": "MOBILE"}}
    )

    caught = _recorded(
        lambda: client.phone_number_validate(
            number_validate_request=models.NumberValidateRequest(phone_number="+12065550100")
        )
    )

    assert caught == []


def test_the_warning_names_the_line_of_the_caller(stubbed: tuple[PinpointClient, Stubber]) -> None:
    client, stubber = stubbed
    stubber.add_response("get_journey", JOURNEY)

    caught = _recorded(lambda: client.get_journey(application_id="app", journey_id="j1"))

    assert caught[0].filename == __file__


def test_the_resource_layer_warns_at_the_users_line_too() -> None:
    with mock_pinpoint():
        app = Pinpoint(region_name="us-east-1").apps.create("shop")
        caught = _recorded(lambda: list(app.campaigns))

    assert [w.message.status.operation for w in caught] == ["GetCampaigns"]  # type: ignore[union-attr]
    assert caught[0].filename == __file__


@pytest.mark.parametrize("concurrency", [1, 4])
def test_async_bulk_writes_warn_at_the_users_line(concurrency: int) -> None:
    # Each request of a bulk write runs as a task of its own; the warning still names
    # the line that asked for the write, not asyncio's event loop.
    from pinpoint_sdk.aio import AsyncPinpoint

    items = [
        models.EndpointBatchItem(id=f"u{i}", channel_type="EMAIL", address=f"u{i}@example.com")
        for i in range(150)
    ]

    async def write() -> list[warnings.WarningMessage]:
        async with AsyncPinpoint(region_name="us-east-1") as pp:
            app = await pp.apps.create("shop")
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                result = await app.endpoints.upsert_many(items, concurrency=concurrency)
            assert result.succeeded == 150
        return [w for w in caught if issubclass(w.category, PinpointEndOfSupportWarning)]

    with mock_pinpoint():
        caught = asyncio.run(write())

    assert [w.message.status.operation for w in caught] == [  # type: ignore[union-attr]
        "UpdateEndpointsBatch"
    ]
    assert (caught[0].filename, caught[0].lineno) == (
        __file__, write.__code__.co_firstlineno + 5
    )


def test_the_message_says_how_to_silence_it_and_that_advice_works(
    stubbed: tuple[PinpointClient, Stubber],
) -> None:
    client, stubber = stubbed
    stubber.add_response("get_journey", JOURNEY)
    caught = _recorded(lambda: client.get_journey(application_id="app", journey_id="j1"))
    message = str(caught[0].message)
    advice = message[message.index("warnings.filterwarnings("):].removesuffix(
        " silences it.)"
    )

    stubber.add_response("get_journey", JOURNEY)
    support._warned.clear()
    with warnings.catch_warnings(record=True) as again:
        warnings.simplefilter("always")
        exec(advice, {"warnings": warnings, "pinpoint_sdk": pinpoint_sdk})
        client.get_journey(application_id="app", journey_id="j1")

    assert message.endswith("(Said once per operation; " + advice + " silences it.)")
    assert again == []


def test_an_ignore_filter_silences_it(stubbed: tuple[PinpointClient, Stubber]) -> None:
    client, stubber = stubbed
    stubber.add_response("get_journey", JOURNEY)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", category=PinpointEndOfSupportWarning)
        client.get_journey(application_id="app", journey_id="j1")

    assert caught == []


def test_an_error_filter_makes_every_call_to_an_ended_operation_raise(
    stubbed: tuple[PinpointClient, Stubber],
) -> None:
    client, _stubber = stubbed

    with warnings.catch_warnings():
        warnings.simplefilter("error", PinpointEndOfSupportWarning)
        for _ in range(2):
            with pytest.raises(PinpointEndOfSupportWarning):
                client.get_journey(application_id="app", journey_id="j1")


SCRIPT = textwrap.dedent(
    """
    import boto3
    from botocore.stub import Stubber
    from pinpoint_sdk import PinpointClient

    boto3_client = boto3.session.Session(region_name="us-east-1").client("pinpoint")
    client = PinpointClient(boto3_client)
    journey = {"JourneyResponse": {"ApplicationId": "app", "Id": "j1", "Name": "w"}}
    with Stubber(boto3_client) as stubber:
        for _ in range(2):
            stubber.add_response("get_journey", journey)
        for _ in range(2):
            client.get_journey(application_id="app", journey_id="j1")
    print("done")
    """
)


SILENCE = (
    "import warnings\n"
    "from pinpoint_sdk.errors import PinpointEndOfSupportWarning\n"
    "warnings.simplefilter('ignore', PinpointEndOfSupportWarning)\n"
)


def test_python_shows_it_once_by_default_and_a_filter_silences_it() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONWARNINGS"}

    shown = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )
    silenced = subprocess.run(
        [sys.executable, "-c", SILENCE + SCRIPT],
        capture_output=True, text=True, env=env, timeout=120,
    )

    assert shown.returncode == 0, shown.stderr
    assert shown.stderr.count(": PinpointEndOfSupportWarning: ") == 1, shown.stderr
    assert "<string>:13: PinpointEndOfSupportWarning: GetJourney" in shown.stderr
    assert silenced.returncode == 0, silenced.stderr
    assert "PinpointEndOfSupportWarning" not in silenced.stderr
    assert silenced.stdout == "done\n"
