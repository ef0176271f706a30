"""Which members are secrets: the generator's audited rule, and the one-time code it adds."""

from __future__ import annotations

import json
import logging
from typing import Any

import boto3
import botocore.session
import pandas as pd
import pytest
from http_faults import Respond

from codegen import sensitive
from pinpoint_sdk import PinpointClient, models
from pinpoint_sdk._schema import SHAPES
from pinpoint_sdk.dataframe import to_dataframe
from pinpoint_sdk.display import RedactingFilter, redact, redact_text, to_html

CODE = "493817"

AUDITED = {**sensitive.DESIGN_SECRETS, "VerifyOTPMessageRequestParameters": ("Otp",)}


def _spec_secrets() -> dict[str, set[str]]:
    found = {}
    for name, shape in SHAPES.items():
        secret = {member.wire for member in shape.members if member.secret}
        if secret:
            found[name] = secret
    return found


def test_the_generated_secrets_are_the_audited_set() -> None:
    assert _spec_secrets() == {shape: set(wires) for shape, wires in AUDITED.items()}


def test_design_secrets_stay_secrets() -> None:
    found = _spec_secrets()
    for shape, wires in sensitive.DESIGN_SECRETS.items():
        assert set(wires) <= found[shape], shape


def test_the_rule_flags_exactly_the_secrets_and_the_reviewed_members() -> None:
    loader = botocore.session.get_session().get_component("data_loader")
    shapes = loader.load_service_model("pinpoint", "service-2", "2016-12-01")["shapes"]
    flagged = {
        wire
        for shape in shapes.values()
        if shape["type"] == "structure" and not shape.get("exception")
        for wire, member in shape["members"].items()
        if sensitive.flagged(shapes, member, wire)
    }
    secrets = {wire for wires in AUDITED.values() for wire in wires}
    assert flagged == secrets | set(sensitive.NOT_SECRET)
    assert not secrets & set(sensitive.NOT_SECRET)
    # The ids the issue names as look-alikes are reviewed, not silently ignored.
    assert {"Token", "NextToken", "TokenKeyId", "TeamId", "BundleId"} <= set(sensitive.NOT_SECRET)


# --------------------------------------------------------------------------- the rule


def _shapes(**members: dict[str, Any]) -> dict[str, Any]:
    return {
        "Text": {"type": "string"},
        "Flag": {"type": "boolean"},
        "Kind": {"type": "string", "enum": ["KEY", "TOKEN"]},
        "Thing": {"type": "structure", "members": members},
    }


def test_rule_reads_names_docs_and_types() -> None:
    shapes = _shapes(
        Passcode={"shape": "Text"},
        Blob={"shape": "Text", "documentation": "<p>The <b>private key</b> of the app.</p>"},
        HasPasscode={"shape": "Flag"},
        TokenKind={"shape": "Kind"},
        Label={"shape": "Text", "documentation": "The OTP message's brand name."},
    )
    assert sensitive.secret_members(shapes, {}, {}) == {"Thing": ("Passcode", "Blob")}


def test_botocore_sensitive_trait_makes_a_secret_whatever_its_name() -> None:
    shapes = _shapes(Opaque={"shape": "Text", "sensitive": True})
    shapes["Hidden"] = {"type": "string", "sensitive": True}
    shapes["Thing"]["members"]["Other"] = {"shape": "Hidden"}
    assert sensitive.secret_members(shapes, {}, {}) == {"Thing": ("Opaque", "Other")}


def test_a_sensitive_trait_on_a_cleared_name_needs_review() -> None:
    shapes = _shapes(NextToken={"shape": "Text", "sensitive": True})
    with pytest.raises(ValueError, match=r"Thing\.NextToken is sensitive in botocore"):
        sensitive.secret_members(shapes, {"NextToken": "pagination"}, {})


def test_the_generator_fails_when_the_reviewed_lists_go_stale() -> None:
    # A toy model has none of the cleared members nor the DESIGN.md secrets.
    with pytest.raises(ValueError) as info:
        sensitive.secret_members(_shapes(Passcode={"shape": "Text"}))
    assert "NOT_SECRET['TeamId'] matches no flagged member" in str(info.value)
    assert "GCMChannelRequest.ServiceJson (DESIGN.md section 9)" in str(info.value)
    assert sensitive.secret_members(_shapes(Passcode={"shape": "Text"}), {}, {"Thing": ("Passcode",)})


def test_a_wire_name_secret_in_one_shape_only_needs_review() -> None:
    shapes = _shapes(Blob={"shape": "Text", "documentation": "The secret."})
    shapes["Other"] = {"type": "structure", "members": {"Blob": {"shape": "Text"}}}
    with pytest.raises(ValueError, match="Blob is secret in some shapes and not in others"):
        sensitive.secret_members(shapes, {}, {})


# --------------------------------------------------------------------------- the one-time code


def _otp() -> models.VerifyOTPMessageRequestParameters:
    return models.VerifyOTPMessageRequestParameters(
        destination_identity="+12065550100", otp=CODE, reference_id="login-1"
    )


def test_a_one_time_code_is_masked_in_repr_str_html_and_redact() -> None:
    params = _otp()
    request = models.VerifyOTPMessageRequest(
        application_id="app", verify_otp_message_request_parameters=params
    )
    for shown in (repr(params), str(params), to_html(params), repr(request), to_html(request)):
        assert CODE not in shown
    assert "otp=***" in repr(params)
    assert redact(params) == {
        "DestinationIdentity": "+12065550100", "Otp": "***", "ReferenceId": "login-1",
    }  # fmt: skip
    assert redact({"VerifyOTPMessageRequestParameters": {"Otp": CODE}}) == {
        "VerifyOTPMessageRequestParameters": {"Otp": "***"}
    }
    assert params.otp == CODE


def test_a_one_time_code_is_masked_in_a_dataframe() -> None:
    frame = to_dataframe([_otp(), _otp()])
    assert isinstance(frame, pd.DataFrame)
    assert list(frame["otp"]) == ["***", "***"]
    assert CODE not in frame.to_string()


def test_a_one_time_code_is_masked_in_logs() -> None:
    def message(msg: str, *args: object) -> str:
        record = logging.LogRecord("x", logging.DEBUG, __file__, 1, msg, args, None)
        RedactingFilter().filter(record)
        return record.getMessage()

    body = json.dumps({"VerifyOTPMessageRequestParameters": {"Otp": CODE}})
    assert CODE not in message("body: %s", body)
    assert CODE not in message("params: %s", {"Otp": CODE})
    assert CODE not in message("%r", _otp())
    assert CODE not in redact_text(repr({"body": body.encode()}))


def test_a_one_time_code_is_masked_in_botocore_debug_logs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    code = 'Q7"x\\K9'  # quote and backslash: escaped differently in each log format
    boto = boto3.client("pinpoint", region_name="us-east-1")
    respond = Respond({"VerificationResponse": {"Valid": True}})
    boto.meta.events.register("before-send.pinpoint.*", respond)
    caplog.set_level(logging.DEBUG, logger="botocore")
    caplog.handler.addFilter(RedactingFilter())
    params = models.VerifyOTPMessageRequestParameters(
        destination_identity="+12065550100", otp=code, reference_id="login-1"
    )
    PinpointClient(boto).verify_otp_message(
        application_id="app", verify_otp_message_request_parameters=params
    )
    assert json.loads(respond.requests[0].body)["Otp"] == code  # sent intact
    lines = [record.getMessage() for record in caplog.records]
    assert any(line.startswith("Making request for") and '"Otp": "***"' in line
               for line in lines)
    assert not [line for line in lines if "Q7" in line or "K9" in line]
