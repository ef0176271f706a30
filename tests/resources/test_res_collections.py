"""Collections: lazy, page-by-page iteration; get, create, limit, page_size, pages."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.stub import Stubber
from resource_helpers import APP_ID, campaign_wire

from pinpoint_sdk import errors, models
from pinpoint_sdk.client import PinpointClient
from pinpoint_sdk.resources import App, Campaign, Pinpoint


def _app(pp: Pinpoint) -> App:
    return App(pp.client, models.ApplicationResponse(id=APP_ID, name="demo", arn="arn:app"))


def _queue_campaign_pages(stub: Stubber, page_size: str | None = None) -> None:
    """Three pages of two campaigns, linked by tokens t1 and t2."""
    for number, token in enumerate([None, "t1", "t2"]):
        expected: dict[str, Any] = {"ApplicationId": APP_ID}
        if page_size:
            expected["PageSize"] = page_size
        if token:
            expected["Token"] = token
        body: dict[str, Any] = {
            "Item": [campaign_wire(2 * number), campaign_wire(2 * number + 1)]
        }
        if number < 2:
            body["NextToken"] = f"t{number + 1}"
        stub.add_response("get_campaigns", {"CampaignsResponse": body}, expected)


def test_iterating_a_collection_follows_every_page(stub: Stubber, pp: Pinpoint) -> None:
    _queue_campaign_pages(stub)

    campaigns = list(_app(pp).campaigns)

    assert [c.id for c in campaigns] == ["c0", "c1", "c2", "c3", "c4", "c5"]
    assert all(isinstance(c, Campaign) for c in campaigns)
    stub.assert_no_pending_responses()


def test_iteration_requests_only_the_pages_consumed(
    stub: Stubber, pp: Pinpoint, calls: list[tuple[str, dict[str, Any]]]
) -> None:
    _queue_campaign_pages(stub)
    iterator = iter(_app(pp).campaigns)

    assert calls == []  # building the iterator sends nothing
    first = next(iterator)
    assert first.id == "c0"
    assert len(calls) == 1
    next(iterator)
    assert len(calls) == 1  # second item comes from the same page
    next(iterator)
    assert len(calls) == 2
    assert calls[1][1]["Token"] == "t1"


def test_limit_stops_without_fetching_further_pages(
    stub: Stubber, pp: Pinpoint, calls: list[tuple[str, dict[str, Any]]]
) -> None:
    _queue_campaign_pages(stub)

    names = [c.id for c in _app(pp).campaigns.limit(4)]

    assert names == ["c0", "c1", "c2", "c3"]
    assert len(calls) == 2


def test_page_size_is_sent_and_pages_yields_one_list_per_page(
    stub: Stubber, pp: Pinpoint
) -> None:
    _queue_campaign_pages(stub, page_size="2")

    pages = list(_app(pp).campaigns.page_size(2).pages())

    assert [[c.id for c in page] for page in pages] == [["c0", "c1"], ["c2", "c3"], ["c4", "c5"]]
    stub.assert_no_pending_responses()


def test_all_with_page_size_keyword(stub: Stubber, pp: Pinpoint) -> None:
    _queue_campaign_pages(stub, page_size="2")

    assert len(list(_app(pp).campaigns.all(page_size=2))) == 6


def test_limit_and_page_size_return_new_collections(pp: Pinpoint) -> None:
    campaigns = _app(pp).campaigns
    limited = campaigns.limit(3)

    assert limited is not campaigns
    assert campaigns._limit is None
    assert limited._limit == 3


def test_apps_collection_paginates(stub: Stubber, pp: Pinpoint) -> None:
    for number, token in enumerate([None, "a", "b"]):
        body: dict[str, Any] = {"Item": [{"Arn": f"arn:{number}", "Id": f"id{number}",
                                          "Name": f"app{number}"}]}
        if number < 2:
            body["NextToken"] = "ab"[number]
        stub.add_response("get_apps", {"ApplicationsResponse": body},
                          {"Token": token} if token else {})

    assert [a.name for a in pp.apps] == ["app0", "app1", "app2"]


def test_get_of_a_missing_id_raises_not_found_at_once(stub: Stubber, pp: Pinpoint) -> None:
    stub.add_client_error(
        "get_campaign", "NotFoundException", "Resource not found", 404,
        expected_params={"ApplicationId": APP_ID, "CampaignId": "nope"},
    )

    with pytest.raises(errors.NotFoundError) as info:
        _app(pp).campaigns.get("nope")
    assert info.value.status_code == 404


def test_get_returns_the_resource_with_its_data(stub: Stubber, pp: Pinpoint) -> None:
    stub.add_response("get_campaign", {"CampaignResponse": campaign_wire(7)},
                      {"ApplicationId": APP_ID, "CampaignId": "c7"})

    campaign = _app(pp).campaigns.get("c7")

    assert campaign.id == "c7"
    assert campaign.data.segment_id == "s1"
    assert repr(campaign) == "<Campaign id='c7' name='campaign 7'>"


def test_create_accepts_a_builder(stub: Stubber, pp: Pinpoint) -> None:
    class Builder:
        def build(self) -> models.WriteCampaignRequest:
            return models.WriteCampaignRequest(name="built", segment_id="s1")

    stub.add_response(
        "create_campaign", {"CampaignResponse": campaign_wire(1, Name="built")},
        {"ApplicationId": APP_ID, "WriteCampaignRequest": {"Name": "built", "SegmentId": "s1"}},
    )

    campaign = _app(pp).campaigns.create(Builder())

    assert campaign.name == "built"


def test_create_rejects_something_that_is_neither_model_nor_builder(pp: Pinpoint) -> None:
    with pytest.raises(errors.ValidationError, match="WriteCampaignRequest or a builder"):
        _app(pp).campaigns.create("campaign please")  # type: ignore[arg-type]


def test_apps_create_and_wrap_a_plain_boto3_client(stub: Stubber, client: PinpointClient) -> None:
    pp = Pinpoint(client.boto3_client)
    stub.add_response(
        "create_app",
        {"ApplicationResponse": {"Arn": "arn:x", "Id": "new", "Name": "demo",
                                 "tags": {"team": "growth"}}},
        {"CreateApplicationRequest": {"Name": "demo", "tags": {"team": "growth"}}},
    )

    app = pp.apps.create("demo", tags={"team": "growth"})

    assert (app.id, app.arn, app.tags) == ("new", "arn:x", {"team": "growth"})
    assert pp.client.boto3_client is client.boto3_client


def test_pinpoint_created_without_client_uses_standard_retries() -> None:
    pp = Pinpoint(region_name="us-east-1")

    assert pp.client.boto3_client.meta.config.retries["mode"] == "standard"


def test_public_names_are_exported_from_the_package() -> None:
    import pinpoint_sdk
    from pinpoint_sdk import batching, resources

    assert pinpoint_sdk.Pinpoint is resources.Pinpoint
    assert pinpoint_sdk.EventRecord is batching.EventRecord
    assert pinpoint_sdk.BatchResult is batching.BatchResult
    assert pinpoint_sdk.ItemFailure is batching.ItemFailure
