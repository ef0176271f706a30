"""redact() and RedactingFilter: secrets leave no trace in logs, wherever they are nested."""

from __future__ import annotations

import ast
import functools
import json
import logging
import re
import traceback

import boto3
import pytest
from botocore.exceptions import ParamValidationError
from http_faults import Respond

from pinpoint_sdk import PinpointClient, errors, models
from pinpoint_sdk.converter import converter, default_unstructure_hook, structure, unstructure
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


# --------------------------------------------------------------------------- escaped secrets

PRIVATE_KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQ"IBADAN\\Bgkqh\'iG9w0\n-----END PRIVATE KEY-----\n'
SERVICE_JSON = json.dumps(
    {
        "type": "service_account",
        "private_key_id": "5f1c",
        "private_key": PRIVATE_KEY,
        "client_email": "pinpoint@example-project.iam.gserviceaccount.com",
    }
)


def _typed_client(respond: Respond) -> PinpointClient:
    boto = boto3.client("pinpoint", region_name="us-east-1")
    boto.meta.events.register("before-send.pinpoint.*", respond)
    return PinpointClient(boto)


def test_botocore_debug_log_masks_a_service_json_with_a_private_key(
    caplog: pytest.LogCaptureFixture,
) -> None:
    respond = Respond({"GCMChannelResponse": {"Platform": "GCM", "Credential": SERVICE_JSON}})
    client = _typed_client(respond)
    caplog.set_level(logging.DEBUG, logger="botocore")
    caplog.handler.addFilter(RedactingFilter())
    client.update_gcm_channel(
        application_id="app-1",
        gcm_channel_request=models.GCMChannelRequest(service_json=SERVICE_JSON, enabled=True),
    )
    # The secret goes out untouched...
    assert json.loads(respond.requests[0].body)["ServiceJson"] == SERVICE_JSON
    # ...and no log line shows any part of it, at any level of quoting.
    lines = [record.getMessage() for record in caplog.records]
    for part in ("MIIEvQ", "iG9w0", "BEGIN PRIVATE KEY", "5f1c", "client_email"):
        assert not [line for line in lines if part in line], part
    request = next(line for line in lines if line.startswith("Making request for"))
    body = re.search(r"'body': (b'(?:[^'\\]|\\.)*')", request)
    assert body is not None
    assert json.loads(ast.literal_eval(body[1])) == {"ServiceJson": "***", "Enabled": True}
    response = next(line for line in lines if line.startswith("Response body"))
    assert response.endswith("""b'{"GCMChannelResponse": {"Platform": "GCM", "Credential": "***"}}'""")


@pytest.mark.parametrize(
    "text",
    [
        json.dumps({"ServiceJson": SERVICE_JSON, "Name": "kept"}),
        json.dumps({"ServiceJson": SERVICE_JSON, "Name": "kept"}, indent=2),
        repr({"ServiceJson": SERVICE_JSON, "Name": "kept"}),
        repr(json.dumps({"ServiceJson": SERVICE_JSON, "Name": "kept"}).encode()),
        json.dumps({"Body": json.dumps({"ServiceJson": SERVICE_JSON, "Name": "kept"})}),
        repr({"ServiceJson": json.loads(SERVICE_JSON), "Name": "kept"}),
    ],
    ids=["json", "indented", "dict-repr", "bytes-repr", "json-in-json", "dict-value"],
)
def test_redact_text_masks_a_quoted_secret_whole(text: str) -> None:
    redacted = redact_text(text)
    assert "MIIEvQ" not in redacted and "client_email" not in redacted
    assert "kept" in redacted


def test_redact_text_leaves_text_without_secrets_byte_for_byte() -> None:
    for text in ("it's 'ApiKey'-less", '{"Name": "a\\"b"}', "b'\\xff' 'x\\d'", "ApiKey: none"):
        assert redact_text(text) == text


def test_redact_text_masks_the_value_in_botocore_parameter_reports() -> None:
    report = (
        "Invalid type for parameter GCMChannelRequest.ServiceJson, value: {'private_key': "
        "'k, type: <class x'}, type: <class 'dict'>, valid types: <class 'str'>\n"
        "Invalid type for parameter GCMChannelRequest.Enabled, value: yes, type: <class 'str'>"
        ", valid types: <class 'bool'>"
    )
    assert redact_text(report) == (
        "Invalid type for parameter GCMChannelRequest.ServiceJson, value: ***, type: <class "
        "'dict'>, valid types: <class 'str'>\n"
        "Invalid type for parameter GCMChannelRequest.Enabled, value: yes, type: <class 'str'>"
        ", valid types: <class 'bool'>"
    )


@pytest.mark.parametrize(
    ("request_params", "shown"),
    [
        (
            {"application_id": "app-1", "gcm_channel_request": models.GCMChannelRequest(
                enabled=True, unknown_fields={"ServiceJson": json.loads(SERVICE_JSON)}
            )},
            "GCMChannelRequest.ServiceJson, value: ***, type: <class 'dict'>",
        ),
        (
            {"application_id": "app-1", "gcm_channel_request": models.GCMChannelRequest(
                enabled=True, unknown_fields={"ApiKey": [PRIVATE_KEY]}
            )},
            "GCMChannelRequest.ApiKey, value: ***, type: <class 'list'>",
        ),
    ],
    ids=["dict-service-json", "list-api-key"],
)
def test_a_botocore_validation_error_does_not_echo_a_secret(
    request_params: dict[str, object], shown: str
) -> None:
    respond = Respond({})
    client = _typed_client(respond)
    with pytest.raises(errors.ValidationError) as info:
        client.update_gcm_channel(**request_params)  # type: ignore[arg-type]
    assert respond.requests == []
    assert shown in str(info.value)
    printed = "".join(traceback.format_exception(info.value))
    assert "ParamValidationError" in printed  # the cause is still shown, masked
    for part in ("MIIEvQ", "iG9w0", "client_email"):
        assert part not in printed
    # Nor is botocore's unmasked error kept anywhere on the chain error reporters walk.
    for linked in _chain(info.value):
        for part in ("MIIEvQ", "iG9w0", "client_email"):
            assert part not in str(linked) and part not in repr(getattr(linked, "kwargs", ""))


def _chain(error: BaseException) -> list[BaseException]:
    """``error`` and every exception reachable from it as a cause or a context."""
    found: list[BaseException] = []
    todo: list[BaseException | None] = [error]
    while todo:
        current = todo.pop()
        if current is None or any(current is seen for seen in found):
            continue
        found.append(current)
        todo += [current.__cause__, current.__context__]
    return found


def test_a_botocore_validation_error_masks_a_one_time_code() -> None:
    client = _typed_client(Respond({}))
    params = models.VerifyOTPMessageRequestParameters(
        destination_identity="+12065550100", otp="x", reference_id="r",
    )  # fmt: skip
    cls = models.VerifyOTPMessageRequestParameters
    # A user hook (past the client's own checks) writes a code botocore rejects.
    converter.register_unstructure_hook(
        cls, lambda p: {**default_unstructure_hook(cls)(p), "Otp": 493817}
    )
    try:
        with pytest.raises(errors.ValidationError) as info:
            client.verify_otp_message(
                application_id="app-1", verify_otp_message_request_parameters=params
            )
    finally:
        converter.register_unstructure_hook(cls, default_unstructure_hook(cls))
    assert "493817" not in "".join(traceback.format_exception(info.value))
    assert "VerifyOTPMessageRequestParameters.Otp, value: ***" in str(info.value)


def test_filter_masks_a_secret_in_a_logged_traceback(
    captured: tuple[logging.Logger, list[str]],
) -> None:
    logger, lines = captured
    boto = boto3.client("pinpoint", region_name="us-east-1")
    try:
        boto.update_gcm_channel(
            ApplicationId="app-1", GCMChannelRequest={"ServiceJson": json.loads(SERVICE_JSON)}
        )
    except ParamValidationError:
        logger.exception("update failed")
    assert lines and "ParamValidationError" in lines[0]
    assert "GCMChannelRequest.ServiceJson, value: ***" in lines[0]
    assert "MIIEvQ" not in lines[0]


def test_masking_and_removing_secrets_walk_the_same_members() -> None:
    from pinpoint_sdk.display import replace_secrets

    response = structure(
        {
            "Item": [{"Id": "c1", "Name": "n"}],
            "Newer": {"Deep": [{"ServiceJson": "sj-secret"}], "Plain": "kept"},
        },
        models.CampaignsResponse,
    )
    channel = models.GCMChannelRequest(api_key="k-secret", service_json="sj-secret",
                                       unknown_fields={"Extra": {"ApiKey": "k2-secret"}})
    for model in (response, channel):
        wire = unstructure(model)
        masked = redact(model)
        removed: list[str] = []
        stripped = replace_secrets(model, wire, functools.partial(_note, removed))
        assert "secret" not in json.dumps(masked) and "secret" not in json.dumps(stripped)
        # Every masked place is exactly a removed path, and nothing else changed.
        for path in removed:
            assert _at(masked, path) == "***"
        assert json.dumps(stripped).count("kept") == json.dumps(wire).count("kept")
    assert sorted(removed) == ["ApiKey", "Extra.ApiKey", "ServiceJson"]


def _note(removed: list[str], path: str) -> object:
    from pinpoint_sdk.display import REMOVE

    removed.append(path)
    return REMOVE


def _at(data: object, path: str) -> object:
    for part in re.findall(r"[^.\[\]]+", path):
        data = data[int(part)] if isinstance(data, list) else data[part]  # type: ignore[index]
    return data
