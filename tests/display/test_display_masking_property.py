"""Property: however secrets are nested in lists and dicts, no display path shows them."""

from __future__ import annotations

import ast
import functools
import json
import logging
import re
from collections.abc import Callable
from typing import Any

import boto3
from http_faults import Respond
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pinpoint_sdk import PinpointClient, models
from pinpoint_sdk.display import RedactingFilter, redact, redact_text, sensitive_wire_names, to_html

SECRET = "s3cr3t-VALUE"

_secret_models = st.sampled_from(
    [
        models.GCMChannelRequest(api_key=SECRET, service_json=SECRET),
        models.APNSChannelRequest(certificate=SECRET, private_key=SECRET, token_key=SECRET),
        models.BaiduChannelRequest(api_key=SECRET, secret_key=SECRET),
        models.ADMChannelRequest(client_id="id", client_secret=SECRET),
        models.GCMChannelResponse(credential=SECRET, platform="GCM"),
        models.VerifyOTPMessageRequestParameters(
            destination_identity="+12065550100", otp=SECRET, reference_id="r"
        ),
        models.UpdateGcmChannelRequest(
            application_id="a", gcm_channel_request=models.GCMChannelRequest(api_key=SECRET)
        ),
    ]
)
_nested = st.recursive(
    _secret_models,
    lambda inner: st.lists(inner, max_size=15) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=20,
)


@settings(max_examples=60, deadline=None)
@given(_nested)
def test_no_display_path_reveals_a_nested_secret(value: Any) -> None:
    assert SECRET not in repr(value)
    assert SECRET not in str(value)
    assert SECRET not in to_html(value)
    assert SECRET not in json.dumps(redact(value))


# --------------------------------------------------------------------------- text formats

# Secret values: any text, with the characters that end a quoted string early favoured.
_tricky = st.text(
    st.sampled_from(['"', "'", "\\", "\n", "\r", "\t", "é", "\u2028", "{", "}", ":", ","])
    | st.characters(exclude_categories=("Cs",)),
    max_size=40,
)
# Other values must come back exactly; they only avoid naming a secret member.
_plain = _tricky.filter(lambda text: not any(name in text for name in sensitive_wire_names()))

_FORMATS: dict[str, tuple[Callable[[Any], str], Callable[[str], Any]]] = {
    "json": (json.dumps, json.loads),
    "json-unicode": (lambda body: json.dumps(body, ensure_ascii=False), json.loads),
    "dict-repr": (repr, ast.literal_eval),
    # botocore logs a rest-json body as a bytes repr inside the request dict repr.
    "bytes-repr": (
        lambda body: repr(json.dumps(body).encode()),
        lambda text: json.loads(ast.literal_eval(text)),
    ),
    "json-in-json": (
        lambda body: json.dumps({"Payload": json.dumps(body)}),
        lambda text: json.loads(json.loads(text)["Payload"]),
    ),
}


def _bodies(api_key: str, private_key: str, other: str) -> tuple[Any, Any]:
    """A GCM request body with secrets, and the same body as it must look once masked."""
    service_json = json.dumps({"type": "service_account", "private_key": private_key})
    body = {
        "GCMChannelRequest": {
            "ApiKey": api_key, "ServiceJson": service_json,
            "DefaultAuthenticationMethod": other, "Enabled": True,
        },
        "Name": other,
    }  # fmt: skip
    masked = {
        "GCMChannelRequest": {
            "ApiKey": "***", "ServiceJson": "***",
            "DefaultAuthenticationMethod": other, "Enabled": True,
        },
        "Name": other,
    }  # fmt: skip
    return body, masked


@settings(max_examples=150, deadline=None)
@given(
    api_key=_tricky, private_key=_tricky, other=_plain, name=st.sampled_from(sorted(_FORMATS))
)
def test_redact_text_masks_exactly_the_secrets_in_every_format(
    api_key: str, private_key: str, other: str, name: str
) -> None:
    write, read = _FORMATS[name]
    body, masked = _bodies(api_key, private_key, other)
    assert read(redact_text(write(body))) == masked


@functools.cache
def _logged_client() -> tuple[PinpointClient, Respond]:
    respond = Respond({})
    boto = boto3.client(
        "pinpoint", region_name="us-east-1",
        aws_access_key_id="testing", aws_secret_access_key="testing",
    )  # fmt: skip
    boto.meta.events.register("before-send.pinpoint.*", respond)
    return PinpointClient(boto), respond


_MARK = ("<S3CR3T<", ">T3RC3S>")


@settings(max_examples=40, deadline=None)
@given(api_key=_tricky, private_key=_tricky, credential=_tricky, other=_plain)
def test_botocore_debug_logs_never_show_a_secret(
    api_key: str, private_key: str, credential: str, other: str
) -> None:
    assume(not any(mark in other for mark in _MARK))
    start, end = _MARK
    client, respond = _logged_client()
    respond.body = json.dumps(
        {"GCMChannelResponse": {"Platform": "GCM", "Credential": f"{start}{credential}{end}"}}
    ).encode()
    service_json = json.dumps({"private_key": f"{start}{private_key}{end}"})
    lines: list[str] = []

    class Capture(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(record.getMessage())

    handler = Capture(logging.DEBUG)
    handler.addFilter(RedactingFilter())
    loggers = [logging.getLogger(name) for name in ("botocore.endpoint", "botocore.parsers")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    try:
        client.update_gcm_channel(
            application_id="app-1",
            gcm_channel_request=models.GCMChannelRequest(
                api_key=f"{start}{api_key}{end}", service_json=service_json,
                default_authentication_method=other,
            ),
        )  # fmt: skip
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)
    assert lines
    assert not [line for line in lines if start in line or end in line]
    request = next(line for line in lines if line.startswith("Making request for"))
    body = re.search(r"'body': (b'(?:[^'\\]|\\.)*')", request)
    assert body is not None
    assert json.loads(ast.literal_eval(body[1])) == {
        "ApiKey": "***", "ServiceJson": "***", "DefaultAuthenticationMethod": other,
    }  # fmt: skip
