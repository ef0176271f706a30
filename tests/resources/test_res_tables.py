"""The generated resource tables agree with the service model and serve every resource."""

from __future__ import annotations

import inspect
from typing import Any

import botocore.session
import pytest
from botocore import xform_name

from pinpoint_sdk import models, resources
from pinpoint_sdk.client import PinpointClient
from pinpoint_sdk.resources import _tables as tables
from pinpoint_sdk.resources._base import (
    Call,
    CollectionTable,
    Operation,
    ResourceTable,
    TableCollection,
    item_call,
    pages_call,
)

_MODEL = botocore.session.get_session().get_service_model("pinpoint")


def _operations() -> list[tuple[str, Operation]]:
    found = []
    for table in tables.RESOURCES.values():
        for verb in ("get", "create", "update", "delete"):
            op = getattr(table, verb)
            if op is not None:
                found.append((f"{table.name}.{verb}", op))
    found += [(f"{t.name}.list", t.operation) for t in tables.COLLECTIONS.values()]
    return found


def _snake_members(shape: Any) -> dict[str, Any]:
    return {xform_name(name): member for name, member in shape.members.items()}


@pytest.mark.parametrize(("where", "op"), _operations(), ids=[w for w, _ in _operations()])
def test_every_table_operation_is_in_the_service_model(where: str, op: Operation) -> None:
    model = _MODEL.operation_model(op.name)
    assert op.method == xform_name(op.name)
    assert callable(getattr(PinpointClient, op.method))
    inputs = _snake_members(model.input_shape)
    labels = {
        xform_name(name) for name, member in model.input_shape.members.items()
        if member.serialization.get("location") == "uri"
    }
    assert set(op.identifiers) == labels, where
    if op.request is not None:
        assert op.request in inputs
        assert inputs[op.request].name == op.request_model
        assert isinstance(getattr(models, str(op.request_model)), type)
    else:
        assert model.input_shape.serialization.get("payload") is None
    outputs = _snake_members(model.output_shape)
    assert op.payload in outputs
    assert outputs[op.payload].name == op.payload_model


@pytest.mark.parametrize("table", list(tables.RESOURCES.values()), ids=list(tables.RESOURCES))
def test_resource_identifiers_are_uri_labels_held_by_the_model(table: ResourceTable) -> None:
    model = _MODEL.shape_for(table.model)
    held = _snake_members(model)
    labels = {label for label, _ in table.identifiers}
    for _, attribute in table.identifiers:
        assert attribute in held, (table.name, attribute)
    for verb in ("get", "update", "delete"):
        op = getattr(table, verb)
        if op is not None:
            # Every URI label of the resource's own operations is one of its identifiers.
            assert set(op.identifiers) <= labels, (table.name, verb)
    assert table.get is not None and table.get.payload_model == table.model


@pytest.mark.parametrize("table", list(tables.COLLECTIONS.values()), ids=list(tables.COLLECTIONS))
def test_collection_items_and_pages_are_members_of_the_model(table: CollectionTable) -> None:
    model = _MODEL.operation_model(table.operation.name)
    payload = _MODEL.shape_for(str(table.operation.payload_model))
    assert table.items in _snake_members(payload)
    inputs = _snake_members(model.input_shape)
    if table.token is None:
        assert not {"token", "next_token"} & inputs.keys()
    else:
        assert table.token in inputs and "next_token" in _snake_members(payload)
    assert table.page_size is None or table.page_size in inputs
    if table.resource is not None:
        item_shape = _MODEL.shape_for(payload.members[
            next(n for n in payload.members if xform_name(n) == table.items)
        ].member.name)
        assert item_shape.name == tables.RESOURCES[table.resource].model


# Every resource and collection of DESIGN.md § Resources, with the tables behind it.
_SERVED: dict[str, tuple[str, ...]] = {
    "App": ("App",),
    "Campaign": ("Campaign",),
    "Journey": ("Journey",),
    "Segment": ("Segment",),
    "Endpoint": ("Endpoint",),
    "ImportJob": ("ImportJob",),
    "ExportJob": ("ExportJob",),
    "RecommenderConfiguration": ("RecommenderConfiguration",),
    "AppSettings": ("ApplicationSettings",),
    "EventStreamConfig": ("EventStream",),
    "Template": ("EmailTemplate", "SmsTemplate", "VoiceTemplate", "PushTemplate",
                 "InAppTemplate"),
}
_COLLECTIONS: dict[str, str] = {
    "AppCollection": "apps",
    "CampaignCollection": "campaigns",
    "JourneyCollection": "journeys",
    "SegmentCollection": "segments",
    "ImportJobCollection": "import_jobs",
    "ExportJobCollection": "export_jobs",
    "TemplateCollection": "templates",
    "RecommenderConfigurationCollection": "recommender_configurations",
}


@pytest.mark.parametrize("name", list(_SERVED))
def test_every_design_resource_is_served_by_a_table(name: str) -> None:
    cls = getattr(resources, name)
    kinds = _SERVED[name]
    assert all(kind in tables.RESOURCES for kind in kinds)
    table = getattr(cls, "_table", None)
    if table is not None:
        assert [table.name] == list(kinds)


@pytest.mark.parametrize("name", list(_COLLECTIONS))
def test_every_design_collection_is_served_by_a_table(name: str) -> None:
    cls = getattr(resources, name)
    assert issubclass(cls, TableCollection)
    assert cls._table is tables.COLLECTIONS[_COLLECTIONS[name]]
    item = tables.COLLECTIONS[_COLLECTIONS[name]].resource
    if item is not None:
        assert cls._item._table is tables.RESOURCES[item]


def test_every_channel_is_served_by_a_table() -> None:
    channels = [name for name in dir(resources.Channels)
                if type(getattr(resources.Channels, name)).__name__ == "_ChannelOf"]
    assert len(channels) == 10
    for name in channels:
        table = tables.RESOURCES[name.title().replace("_", "") + "Channel"]
        assert table.get is not None and table.update is not None
        assert table.update.request_model is not None
        assert table.update.request_model.endswith("ChannelRequest")


def test_listings_of_sub_items_are_served_by_tables() -> None:
    source = "".join(inspect.getsource(cls) for cls in (
        resources.Campaign, resources.Journey, resources.Segment, resources.Template))
    for name in ("CAMPAIGN_VERSIONS", "CAMPAIGN_ACTIVITIES", "JOURNEY_RUNS",
                 "SEGMENT_VERSIONS", "SEGMENT_EXPORT_JOBS", "SEGMENT_IMPORT_JOBS",
                 "TEMPLATE_VERSIONS"):
        assert f"tables.{name}" in source


def test_planning_a_call_does_no_io() -> None:
    # The planned call names the client method and its arguments; nothing is sent.
    scope = {"application_id": "app-1"}
    call = item_call(tables.CAMPAIGN, "get", scope, ("c-1",), lambda data: data)
    assert isinstance(call, Call)
    assert (call.method, dict(call.params)) == (
        "get_campaign", {"application_id": "app-1", "campaign_id": "c-1"})
    answer = models.GetCampaignResponse(campaign_response=models.CampaignResponse(id="c-1"))
    assert call.result(answer) == models.CampaignResponse(id="c-1")

    pages = pages_call(tables.CAMPAIGNS, scope.__getitem__, 25, lambda data: data.id)
    assert (pages.method, dict(pages.params)) == (
        "get_campaigns_pages", {"application_id": "app-1", "page_size": 25})
    page = models.GetCampaignsResponse(campaigns_response=models.CampaignsResponse(
        item=[models.CampaignResponse(id="a"), models.CampaignResponse(id="b")]))
    assert pages.result(page) == ["a", "b"]


def test_a_missing_payload_raises_instead_of_returning_none() -> None:
    from pinpoint_sdk import errors

    with pytest.raises(errors.PinpointError, match="payload"):
        tables.CAMPAIGN.verb("get").model_of(models.GetCampaignResponse())
    with pytest.raises(errors.PinpointError, match="Endpoint has no create operation"):
        tables.ENDPOINT.verb("create")
