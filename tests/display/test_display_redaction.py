"""redact() and RedactingFilter: secrets leave no trace in logs, wherever they are nested."""

from __future__ import annotations

import json
import logging

import pytest

from pinpoint_sdk import models
from pinpoint_sdk.converter import structure, unstructure
from pinpoint_sdk.display import RedactingFilter, redact, redact_text, sensitive_wire_names

SECRET = "s3cr3t-VALUE"


def test_sensitive_wire_names_come_from_the_service_model() -> None:
    assert sensitive_wire_names() == {
        "PrivateKey", "Certificate", "TokenKey", "ClientSecret",
        "ApiKey", "SecretKey", "ServiceJson", "Credential", "Otp",
    }  # fmt: skip


def test_redact_masks_a_model_as_a_wire_dict() -> None:
    gcm = models.GCMChannelRequest(api_key=SECRET, service_json=SECRET, enabled=True)
    assert redact(gcm) == {"ApiKey": "***", "ServiceJson": "***", "Enabled": True}
    assert gcm.api_key == SECRET
    assert unstructure(gcm)["ApiKey"] == SECRET


def test_redact_masks_nested_models_in_lists_and_dicts() -> None:
    gcm = models.GCMChannelRequest(api_key=SECRET)
    wrapped = models.UpdateGcmChannelRequest(application_id="a", gcm_channel_request=gcm)
    payload = {"requests": [wrapped, gcm], "by_app": {"a": gcm}}
    redacted = redact(payload)
    assert SECRET not in json.dumps(redacted)
    assert redacted["requests"][0] == {
        "ApplicationId": "a",
        "GCMChannelRequest": {"ApiKey": "***"},
    }
    assert redacted["by_app"]["a"] == {"ApiKey": "***"}


def test_redact_masks_plain_boto3_dicts_by_wire_name() -> None:
    request = {"ApplicationId": "a", "APNSChannelRequest": {"PrivateKey": SECRET, "BundleId": "b"}}
    assert redact(request) == {
        "ApplicationId": "a",
        "APNSChannelRequest": {"PrivateKey": "***", "BundleId": "b"},
    }
    assert request["APNSChannelRequest"]["PrivateKey"] == SECRET


def test_redact_masks_a_secret_in_a_structured_response() -> None:
    response = structure(
        {"GCMChannelResponse": {"Credential": SECRET, "Platform": "GCM"}},
        models.GetGcmChannelResponse,
    )
    assert redact(response) == {"GCMChannelResponse": {"Credential": "***", "Platform": "GCM"}}


def test_redact_leaves_other_values_alone() -> None:
    assert redact({"Name": "x", "Tags": ["a"]}) == {"Name": "x", "Tags": ["a"]}
    assert redact(42) == 42


def test_redact_text_masks_json_and_python_reprs() -> None:
    body = json.dumps({"BaiduChannelRequest": {"ApiKey": SECRET, "SecretKey": 'q"x'}})
    assert SECRET not in redact_text(body)
    assert 'q\\"x' not in redact_text(body)
    assert redact_text(repr({"Credential": SECRET})) == "{'Credential': '***'}"
    assert redact_text('{"Name": "kept"}') == '{"Name": "kept"}'


@pytest.fixture
def captured() -> tuple[logging.Logger, list[str]]:
    lines: list[str] = []

    class ListHandler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(self.format(record))

    handler = ListHandler()
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger("tests.display.redaction")
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    logger.addHandler(handler)
    yield logger, lines
    logger.removeHandler(handler)


def test_filter_masks_dict_arguments(captured: tuple[logging.Logger, list[str]]) -> None:
    logger, lines = captured
    logger.info("request %s", {"GCMChannelRequest": {"ApiKey": SECRET, "Enabled": True}})
    assert lines == ["request {'GCMChannelRequest': {'ApiKey': '***', 'Enabled': True}}"]


def test_filter_masks_models_and_containers_of_models(
    captured: tuple[logging.Logger, list[str]],
) -> None:
    logger, lines = captured
    gcm = models.GCMChannelRequest(api_key=SECRET)
    logger.warning("%r %s %s", gcm, [gcm], {"k": gcm})
    assert SECRET not in lines[0]
    assert lines[0].count("api_key=***") == 3


def test_filter_masks_secrets_in_formatted_json(captured: tuple[logging.Logger, list[str]]) -> None:
    logger, lines = captured
    logger.debug("body: %s", json.dumps({"ADMChannelRequest": {"ClientSecret": SECRET}}))
    assert lines == ['body: {"ADMChannelRequest": {"ClientSecret": "***"}}']


def test_filter_keeps_the_caller_objects_intact(captured: tuple[logging.Logger, list[str]]) -> None:
    logger, _lines = captured
    request = {"ApiKey": SECRET}
    logger.info("%s", request)
    assert request == {"ApiKey": SECRET}


def test_filter_never_drops_records() -> None:
    def record(msg: str, *args: object) -> logging.LogRecord:
        return logging.LogRecord("x", logging.INFO, __file__, 1, msg, args, None)

    assert RedactingFilter().filter(record("plain message"))
    assert RedactingFilter().filter(record("bad format %d", "not a number"))


def test_filter_keeps_secrets_out_of_botocore_debug_logs() -> None:
    from pinpoint_sdk import Pinpoint
    from pinpoint_sdk.testing import mock_pinpoint

    lines: list[str] = []

    class ListHandler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(self.format(record))

    handler = ListHandler(level=logging.DEBUG)
    handler.addFilter(RedactingFilter())
    botocore_logger = logging.getLogger("botocore")
    previous = botocore_logger.level
    botocore_logger.addHandler(handler)
    botocore_logger.setLevel(logging.DEBUG)
    try:
        with mock_pinpoint():
            app = Pinpoint(region_name="us-east-1").apps.create("logged")
            app.channels.gcm.update(models.GCMChannelRequest(api_key=SECRET, enabled=True))
    finally:
        botocore_logger.removeHandler(handler)
        botocore_logger.setLevel(previous)
    request_lines = [line for line in lines if "UpdateGcmChannel" in line]
    assert request_lines, "botocore logged no request for the call"
    assert not [line for line in lines if SECRET in line]
    assert any('"ApiKey": "***"' in line for line in request_lines)
