"""Read-modify-write when the read returns values of an unexpected JSON type.

``campaign.update(description=...)`` sends the whole campaign back (UpdateCampaign
replaces it), so a member left out of the request is deleted on the server. GetCampaign
replies are crafted at the HTTP layer; the UpdateCampaign body inspected is the one
botocore serialized.
"""

from __future__ import annotations

from typing import Any

import pytest
from http_faults import answer, fixed
from resource_helpers import APP_ID, campaign_wire

from pinpoint_sdk import errors, models
from pinpoint_sdk.client import PinpointClient
from pinpoint_sdk.resources import App

EMAIL = {"Title": "Spring", "HtmlBody": "<p>sale</p>", "FromAddress": "shop@example.com"}
QUIET = {"Start": "22:00", "End": "06:00"}


def _campaign(**extra: Any) -> dict[str, Any]:
    return campaign_wire(1, Description="spring", **{
        "MessageConfiguration": {"EmailMessage": dict(EMAIL)},
        "Schedule": {"StartTime": "IMMEDIATE", "QuietTime": dict(QUIET)},
        "Limits": {"Daily": 5},
        **extra,
    })


def _serve(client: PinpointClient, campaign: dict[str, Any]) -> list[dict[str, Any]]:
    """Answer GetCampaign with ``campaign``; returns the UpdateCampaign bodies sent."""
    answer(client, "GetCampaign", fixed(200, campaign))
    return answer(client, "UpdateCampaign", fixed(200, campaign))


def _get(client: PinpointClient) -> Any:
    app = App(client, models.ApplicationResponse(id=APP_ID, name="demo", arn="arn:app"))
    return app.campaigns.get("c1")


def test_well_typed_campaign_goes_back_whole(client: PinpointClient) -> None:
    sent = _serve(client, _campaign())

    _get(client).update(description="second wave")

    assert sent == [{
        "Description": "second wave",
        "Limits": {"Daily": 5},
        "MessageConfiguration": {"EmailMessage": EMAIL},
        "Name": "campaign 1",
        "Schedule": {"QuietTime": QUIET, "StartTime": "IMMEDIATE"},
        "SegmentId": "s1",
        "SegmentVersion": 1,
    }]


def test_odd_typed_members_refuse_the_update_instead_of_deleting_them(
    client: PinpointClient,
) -> None:
    # botocore's parser passes a list or an object through where a string belongs.
    campaign = _campaign()
    campaign["MessageConfiguration"]["EmailMessage"]["HtmlBody"] = ["<p>a</p>", "<p>b</p>"]
    campaign["Schedule"]["QuietTime"]["Start"] = {"hour": 22}
    sent = _serve(client, campaign)

    with pytest.raises(errors.ValidationError) as info:
        _get(client).update(description="second wave")

    assert sent == []
    assert info.value.errors[:2] == [
        ("write_campaign_request.message_configuration.email_message.html_body",
         "the service returned a list where a string belongs"),
        ("write_campaign_request.schedule.quiet_time.start",
         "the service returned an object where a string belongs"),
    ]
    assert "would delete them on the server" in str(info.value)


def test_a_structure_read_as_a_list_refuses_the_update(client: PinpointClient) -> None:
    # A reply botocore's parser cannot read fails the GetCampaign itself; a parsed reply
    # rewritten by a hook (or a future parser) can still hand the SDK a list here.
    sent = _serve(client, _campaign())

    def email_as_list(parsed: dict[str, Any], **_: Any) -> None:
        configuration = parsed["CampaignResponse"]["MessageConfiguration"]
        configuration["EmailMessage"] = [configuration["EmailMessage"]]

    client.boto3_client.meta.events.register("after-call.pinpoint.GetCampaign", email_as_list)
    campaign = _get(client)

    with pytest.raises(errors.ValidationError, match=r"write_campaign_request\."
                       r"message_configuration\.email_message: the service returned a list "
                       r"where an object belongs"):
        campaign.update(description="second wave")
    assert sent == []


def test_replacing_the_odd_member_sends_everything_else_unchanged(
    client: PinpointClient,
) -> None:
    campaign = _campaign()
    campaign["MessageConfiguration"]["EmailMessage"]["HtmlBody"] = ["<p>a</p>"]
    sent = _serve(client, campaign)
    email = models.CampaignEmailMessage(title="Spring", html_body="<p>sale</p>")

    _get(client).update(message_configuration=models.MessageConfiguration(email_message=email))

    assert sent[0]["MessageConfiguration"] == {
        "EmailMessage": {"HtmlBody": "<p>sale</p>", "Title": "Spring"}
    }
    assert sent[0]["Schedule"] == {"QuietTime": QUIET, "StartTime": "IMMEDIATE"}
    assert sent[0]["Description"] == "spring"
