"""Model repr, str and notebook HTML: compact, escaped, and never showing a secret."""

from __future__ import annotations

import pytest

from pinpoint_sdk import models
from pinpoint_sdk._schema import SHAPES
from pinpoint_sdk.builders import CampaignBuilder, JourneyBuilder
from pinpoint_sdk.converter import unstructure
from pinpoint_sdk.display import MAX_ITEMS, to_html
from pinpoint_sdk.enums import Action

SECRET = "s3cr3t-VALUE"


def _sensitive_shapes() -> list[tuple[str, tuple[str, ...]]]:
    return [(name, shape.secret) for name, shape in SHAPES.items() if shape.secret]


def _with_secrets(shape: str, attributes: tuple[str, ...]) -> models.Model:
    cls = getattr(models, shape)
    required = {attribute: "required" for attribute in SHAPES[shape].required}
    return cls(**required | {attribute: f"{SECRET}-{attribute}" for attribute in attributes})


def test_the_service_model_marks_the_documented_secrets() -> None:
    sensitive = {name: set(attributes) for name, attributes in _sensitive_shapes()}
    apns = {"certificate", "private_key", "token_key"}
    assert sensitive == {
        "APNSChannelRequest": apns,
        "APNSSandboxChannelRequest": apns,
        "APNSVoipChannelRequest": apns,
        "APNSVoipSandboxChannelRequest": apns,
        "ADMChannelRequest": {"client_secret"},
        "BaiduChannelRequest": {"api_key", "secret_key"},
        "GCMChannelRequest": {"api_key", "service_json"},
        "BaiduChannelResponse": {"credential"},
        "GCMChannelResponse": {"credential"},
        "VerifyOTPMessageRequestParameters": {"otp"},
    }


@pytest.mark.parametrize(("shape", "attributes"), _sensitive_shapes())
def test_secrets_are_masked_in_repr_str_and_html(shape: str, attributes: tuple[str, ...]) -> None:
    model = _with_secrets(shape, attributes)
    for shown in (repr(model), str(model), model._repr_html_()):
        assert SECRET not in shown
        assert "***" in shown


@pytest.mark.parametrize(("shape", "attributes"), _sensitive_shapes())
def test_secrets_stay_on_the_object_and_on_the_wire(
    shape: str, attributes: tuple[str, ...]
) -> None:
    model = _with_secrets(shape, attributes)
    wire = unstructure(model)
    for attribute in attributes:
        assert getattr(model, attribute) == f"{SECRET}-{attribute}"
        assert f"{SECRET}-{attribute}" in wire.values()


def _nested_gcm() -> models.UpdateGcmChannelRequest:
    return models.UpdateGcmChannelRequest(
        application_id="app-1",
        gcm_channel_request=models.GCMChannelRequest(api_key=SECRET, enabled=True),
    )


def test_a_nested_secret_is_masked_in_repr_and_html() -> None:
    outer = _nested_gcm()
    assert SECRET not in repr(outer)
    assert "api_key=***" in repr(outer)
    assert SECRET not in outer._repr_html_()


def test_secrets_inside_lists_and_dicts_are_masked() -> None:
    gcm = models.GCMChannelRequest(api_key=SECRET, service_json=SECRET)
    for container in ([gcm], [gcm] * 20, {"a": gcm}, {str(i): gcm for i in range(20)}):
        assert SECRET not in repr(container)
        assert SECRET not in to_html(container)


def test_non_secret_fields_are_shown() -> None:
    gcm = models.GCMChannelRequest(api_key=SECRET, default_authentication_method="TOKEN")
    assert "default_authentication_method='TOKEN'" in repr(gcm)
    assert "TOKEN" in gcm._repr_html_()


def test_repr_puts_id_and_name_first() -> None:
    campaign = models.CampaignResponse(
        application_id="app-1", arn="arn:x", name="welcome", id="c-1", version=2
    )
    assert repr(campaign).startswith("CampaignResponse(id='c-1', name='welcome', application_id=")


def test_repr_omits_unset_fields() -> None:
    assert repr(models.CampaignResponse(id="c-1")) == "CampaignResponse(id='c-1')"


def test_repr_summarises_long_lists_and_maps() -> None:
    segment = models.SegmentResponse(id="s", tags={f"k{i}": "v" for i in range(10)})
    rows = models.BaseKpiResult(rows=[models.ResultRow() for _ in range(10)])
    assert "... 7 more" in repr(segment)
    assert "'k9'" not in repr(segment)
    assert "... 7 more]" in repr(rows)


def test_repr_shortens_long_strings() -> None:
    text = "x" * 1000
    shown = repr(models.SimpleEmailPart(data=text))
    assert "(1000 chars)" in shown
    assert text not in shown


def test_html_is_a_table_of_set_fields_led_by_id_and_name() -> None:
    html = models.CampaignResponse(application_id="app-1", name="welcome", id="c-1")._repr_html_()
    assert html.count("<table") == 1
    assert html.index(">id<") < html.index(">name<") < html.index(">application_id<")
    assert ">description<" not in html


def test_html_escapes_values_and_keys() -> None:
    html = models.CampaignResponse(
        name="<script>alert(1)</script>", tags={"<b>": "&"}
    )._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;" in html
    assert "&amp;" in html


def test_html_collapses_nested_models_into_details() -> None:
    html = _nested_gcm()._repr_html_()
    assert "<details><summary>GCMChannelRequest(" in html
    assert html.count("<table") == 2


def test_html_summarises_lists_beyond_max_items() -> None:
    total = MAX_ITEMS + 5
    result = models.BaseKpiResult(rows=[models.ResultRow() for _ in range(total)])
    html = result._repr_html_()
    assert html.count("<details>") == MAX_ITEMS
    assert f"... 5 more ({total} items)" in html


def test_html_of_a_model_without_fields_says_so() -> None:
    assert "(no fields set)" in models.ResultRow()._repr_html_()


def test_enums_show_by_name_in_repr_and_by_value_in_html() -> None:
    message = models.Message(action=Action.DEEP_LINK)
    assert "action=Action.DEEP_LINK" in repr(message)
    assert "<td>DEEP_LINK</td>" in message._repr_html_()


def test_html_of_a_resource_shows_its_data_model_under_its_name() -> None:
    class App:
        def __init__(self, data: models.ApplicationResponse) -> None:
            self.data = data

    html = to_html(App(models.ApplicationResponse(id="a-1", name="<demo>")))
    assert "<caption>App (ApplicationResponse)</caption>" in html
    assert "&lt;demo&gt;" in html


def test_html_of_an_invalid_builder_lists_its_problems_escaped() -> None:
    builder = JourneyBuilder("j").start("a").email("a", "T", next="<nowhere>")
    html = to_html(builder)
    assert "problems" in html
    assert "unknown activity &#x27;&lt;nowhere&gt;&#x27;" in html
    assert "<nowhere>" not in html


def test_html_of_a_valid_builder_shows_the_request_it_builds() -> None:
    builder = CampaignBuilder("spring").segment("s-1").immediately().sms(body="hi")
    html = to_html(builder)
    assert "CampaignBuilder &#x27;spring&#x27; -&gt; WriteCampaignRequest" in html
    assert ">segment_id</th><td>s-1<" in html
    assert "problems" not in html


def test_an_enum_value_the_model_lacks_shows_as_its_value() -> None:
    from pinpoint_sdk.converter import structure

    unknown = structure({"CampaignStatus": "ARCHIVED_2027"}, models.CampaignState)
    known = structure({"CampaignStatus": "PAUSED"}, models.CampaignState)

    assert repr(unknown) == "CampaignState(campaign_status=CampaignStatus('ARCHIVED_2027'))"
    assert repr(known) == "CampaignState(campaign_status=CampaignStatus.PAUSED)"
