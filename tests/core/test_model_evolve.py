"""evolve(): a changed copy that keeps, but does not share, the unknown wire keys."""

from __future__ import annotations

from pinpoint_sdk import models
from pinpoint_sdk._model_base import evolve
from pinpoint_sdk.converter import structure, unstructure


def test_evolve_applies_changes_and_keeps_unknown_keys() -> None:
    original = structure({"Name": "a", "NewMember": {"x": 1}}, models.WriteCampaignRequest)

    changed = evolve(original, name="b")

    assert unstructure(changed) == {"Name": "b", "NewMember": {"x": 1}}
    assert original.name == "a"


def test_evolved_copy_does_not_share_its_unknown_keys() -> None:
    original = structure({"Name": "a", "NewMember": 1}, models.WriteCampaignRequest)

    changed = evolve(original, name="b")
    changed._unknown["Other"] = 2  # type: ignore[index]

    assert unstructure(original) == {"Name": "a", "NewMember": 1}
