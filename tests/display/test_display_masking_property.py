"""Property: however secrets are nested in lists and dicts, no display path shows them."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pinpoint_sdk import models
from pinpoint_sdk.display import redact, to_html

SECRET = "s3cr3t-VALUE"

_secret_models = st.sampled_from(
    [
        models.GCMChannelRequest(api_key=SECRET, service_json=SECRET),
        models.APNSChannelRequest(certificate=SECRET, private_key=SECRET, token_key=SECRET),
        models.BaiduChannelRequest(api_key=SECRET, secret_key=SECRET),
        models.ADMChannelRequest(client_id="id", client_secret=SECRET),
        models.GCMChannelResponse(credential=SECRET, platform="GCM"),
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
