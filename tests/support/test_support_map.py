"""Every operation of the service model has a support status, a successor and an AWS source."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import botocore.session
import pytest
from botocore import xform_name

import pinpoint_sdk
from pinpoint_sdk import errors
from pinpoint_sdk.support import AREAS, all_statuses, render_markdown, support_status

ROOT = Path(__file__).resolve().parents[2]
OPERATIONS = sorted(
    botocore.session.get_session().get_service_model("pinpoint").operation_names
)


def test_the_map_covers_every_operation_of_the_botocore_model() -> None:
    assert len(OPERATIONS) == 122
    assert sorted(all_statuses()) == OPERATIONS


@pytest.mark.parametrize("operation", OPERATIONS)
def test_each_operation_has_a_status_a_successor_and_an_aws_source(operation: str) -> None:
    status = support_status(operation)

    assert status.operation == operation
    assert status.status in ("ended", "continues")
    assert status.end_date == (dt.date(2026, 10, 30) if status.ended else None)
    assert status.successor
    assert status.source.startswith(("https://docs.aws.amazon.com/", "https://aws.amazon.com/"))
    assert status.continues_as == (None if status.ended else status.successor)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_snake_case_and_pascal_case_names_give_the_same_status(operation: str) -> None:
    assert support_status(xform_name(operation)) == support_status(operation)


@pytest.mark.parametrize(
    ("name", "status", "successor"),
    [
        ("create_journey", "ended", "Amazon Connect outbound campaigns (journeys)"),
        ("CreateCampaign", "ended", "Amazon Connect outbound campaigns"),
        ("update_endpoints_batch", "ended", "Amazon Connect Customer Profiles"),
        ("create_segment", "ended", "Amazon Connect Customer Profiles (segments)"),
        ("put_events", "ended", "Amazon Kinesis"),
        ("get_application_date_range_kpi", "ended", "Amazon Connect (outbound campaign analytics)"),
        ("update_email_channel", "ended", "Amazon SES"),
        ("send_users_messages", "ended", "SendMessages to addresses or device tokens"),
        ("send_messages", "continues", "AWS End User Messaging (SMS, voice and push)"),
        ("send_otp_message", "continues", "AWS End User Messaging SMS"),
        ("VerifyOTPMessage", "continues", "AWS End User Messaging SMS"),
        ("phone_number_validate", "continues", "AWS End User Messaging SMS"),
        ("update_sms_channel", "continues", "AWS End User Messaging SMS"),
        ("update_voice_channel", "continues", "AWS End User Messaging SMS (voice)"),
        ("update_apns_channel", "continues", "AWS End User Messaging Push"),
        ("update_gcm_channel", "continues", "AWS End User Messaging Push"),
        ("create_app", "continues", "AWS End User Messaging Push"),
    ],
)
def test_spot_checks_against_the_aws_notice(name: str, status: str, successor: str) -> None:
    result = support_status(name)
    assert (result.status, result.successor) == (status, successor)


def test_continuing_channel_apis_cite_the_end_user_messaging_guides() -> None:
    assert "sms-voice" in support_status("update_sms_channel").source
    assert "push-notifications" in support_status("update_baidu_channel").source
    assert support_status("create_journey").source.endswith("/userguide/migrate.html")


def test_an_unknown_operation_is_a_validation_error_that_suggests_close_names() -> None:
    with pytest.raises(errors.ValidationError, match="create_journey") as raised:
        support_status("create_journy")
    assert raised.value.path == "operation_name"


@pytest.mark.parametrize(
    ("typo", "suggested"),
    [
        ("creat_journey", "create_journey, get_journey, update_journey"),
        ("CreatJourney", "CreateJourney, GetJourney, UpdateJourney"),
    ],
)
def test_suggestions_name_each_operation_once_as_the_user_spells_it(
    typo: str, suggested: str
) -> None:
    with pytest.raises(errors.ValidationError) as raised:
        support_status(typo)
    assert str(raised.value).endswith(f"did you mean {suggested}?")


def test_every_area_of_the_rule_holds_at_least_one_operation() -> None:
    used = {status.area for status in all_statuses().values()}
    assert [area.name for area in AREAS if area.name not in used] == []


def test_support_status_is_exported_from_the_package() -> None:
    assert pinpoint_sdk.support_status("GetApps").continues
    assert isinstance(pinpoint_sdk.support_status("GetApps"), pinpoint_sdk.SupportStatus)


def test_the_docs_table_is_the_output_of_the_generator() -> None:
    page = ROOT / "docs" / "reference" / "support.md"
    assert page.read_text(encoding="utf-8") == render_markdown(), (
        "docs/reference/support.md is stale; run "
        "`pinpoint-sdk support --markdown > docs/reference/support.md`"
    )
    for operation in OPERATIONS:
        assert f"| `{operation}` |" in render_markdown()


def test_the_docs_table_is_in_the_site_navigation() -> None:
    assert "reference/support.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
