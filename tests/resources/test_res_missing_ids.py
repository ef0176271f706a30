"""A resource whose response lacks an identifier raises rather than addressing ``""``."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

from pinpoint_sdk import errors, models
from pinpoint_sdk.client import PinpointClient
from pinpoint_sdk.converter import structure
from pinpoint_sdk.resources import App, Campaign, ImportJob, Template
from pinpoint_sdk.resources._engagement import CampaignCollection
from tests.http_faults import answer, fixed
from tests.resources.resource_helpers import APP_ID, campaign_wire, import_job_wire


def test_a_campaign_without_id_raises_and_sends_nothing(
    client: PinpointClient, calls: list[Any]
) -> None:
    wire = campaign_wire(1)
    del wire["Id"]
    answer(client, "GetCampaign", fixed(200, wire))

    campaign = CampaignCollection(client, APP_ID).get("c1")

    with pytest.raises(errors.MissingIdentifierError) as caught:
        campaign.delete()
    assert (caught.value.resource, caught.value.identifier) == ("Campaign", "id")
    assert "Campaign has no id" in str(caught.value)
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, errors.PinpointError)
    assert [name for name, _ in calls] == ["GetCampaign"]
    # Showing, comparing and hashing such a resource still work.
    assert repr(campaign) == "<Campaign id=None name='campaign 1'>"
    assert campaign == campaign and hash(campaign) == hash(campaign)


def test_a_missing_application_id_names_itself(client: PinpointClient) -> None:
    wire = campaign_wire(1)
    del wire["ApplicationId"]
    campaign = Campaign(client, structure(wire, models.CampaignResponse))
    assert campaign.id == "c1"
    with pytest.raises(errors.MissingIdentifierError, match="Campaign has no application_id"):
        campaign.reload()

    job_wire = import_job_wire("CREATED")
    del job_wire["ApplicationId"]
    job = ImportJob(client, structure(job_wire, models.ImportJobResponse))
    with pytest.raises(errors.MissingIdentifierError, match="ImportJob has no application_id"):
        job.wait(timeout=1)


def test_a_template_without_name_or_type_raises(client: PinpointClient) -> None:
    nameless = Template(client, models.TemplateResponse(template_type="EMAIL"))
    with pytest.raises(errors.MissingIdentifierError, match="template_name"):
        nameless.delete()
    typeless = Template(client, models.TemplateResponse(template_name="welcome"))
    with pytest.raises(errors.MissingIdentifierError, match="template_type"):
        typeless.reload()
    assert repr(typeless) == "<Template id='welcome' type=None>"


def test_an_app_the_service_gives_no_arn_is_not_tagged_as_empty(
    client: PinpointClient, calls: list[Any]
) -> None:
    answer(client, "GetApp", fixed(200, {"Id": APP_ID, "Name": "demo"}))
    app = App(client, models.ApplicationResponse(id=APP_ID, name="demo"))
    with pytest.raises(errors.MissingIdentifierError, match="App has no arn"):
        app.tag({"env": "prod"})
    assert [name for name, _ in calls] == ["GetApp"]


def test_missing_identifier_error_pickles() -> None:
    error = pickle.loads(pickle.dumps(errors.MissingIdentifierError("Segment", "id")))
    assert (type(error), error.resource, error.identifier) == (
        errors.MissingIdentifierError, "Segment", "id")
    assert str(error) == str(errors.MissingIdentifierError("Segment", "id"))
