"""Collections inside models: read and written as copies, a wrong item keeps the whole
value aside (the generated codec reads them through `pinpoint_sdk._wire` helpers)."""

from __future__ import annotations

from pinpoint_sdk import enums, models
from pinpoint_sdk.converter import structure, unknown_fields, unstructure


def test_a_map_of_text_lists_is_read_and_written_as_copies() -> None:
    wire = {"Attributes": {"team": ["a", "b"]}, "Metrics": {"score": 1.5}}
    endpoint = structure(wire, models.EndpointRequest)
    assert endpoint.attributes == {"team": ["a", "b"]}
    assert endpoint.attributes is not wire["Attributes"]
    assert endpoint.attributes["team"] is not wire["Attributes"]["team"]
    out = unstructure(endpoint)
    assert out == wire
    assert out["Attributes"]["team"] is not endpoint.attributes["team"]
    assert out["Metrics"] is not endpoint.metrics


def test_a_wrong_item_deep_in_a_map_of_lists_keeps_the_whole_value_aside() -> None:
    wire = {"Attributes": {"team": ["a", 7]}, "Address": "x"}
    endpoint = structure(wire, models.EndpointRequest)
    assert endpoint.attributes is None
    assert endpoint.address == "x"
    assert unknown_fields(endpoint) == {"Attributes": {"team": ["a", 7]}}
    assert unstructure(endpoint) == wire


def test_a_non_text_key_keeps_a_map_aside() -> None:
    wire = {"Metrics": {1: 2.0}}
    endpoint = structure(wire, models.EndpointRequest)
    assert endpoint.metrics is None
    assert unstructure(endpoint) == wire


def test_an_enum_list_reads_members_and_writes_their_text() -> None:
    wire = {"EndpointTypes": ["SMS", "NEW_CHANNEL"]}
    config = structure(wire, models.CustomDeliveryConfiguration)
    assert config.endpoint_types is not None
    assert config.endpoint_types[0] is enums.EndpointTypesElement.SMS
    assert config.endpoint_types[1] == "NEW_CHANNEL"
    assert unstructure(config) == wire
