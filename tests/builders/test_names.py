"""Campaign, segment and journey names are checked against `pinpoint_sdk.limits`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from builderhelpers import problems_of

from pinpoint_sdk import limits
from pinpoint_sdk.builders import CampaignBuilder, SegmentBuilder


def _campaign(name: str) -> CampaignBuilder:
    return CampaignBuilder(name).segment("s").immediately().email(title="t", body="b")


def _segment(name: str) -> SegmentBuilder:
    return SegmentBuilder(name).channel("SMS")


BUILDERS: dict[str, tuple[Callable[[str], Any], str]] = {
    "campaign": (_campaign, "MAX_CAMPAIGN_NAME_LENGTH"),
    "segment": (_segment, "MAX_SEGMENT_NAME_LENGTH"),
}


def test_no_campaign_or_segment_name_maximum_is_documented() -> None:
    # Neither the botocore model nor the Pinpoint guides state one; limits.py says so.
    assert limits.MAX_CAMPAIGN_NAME_LENGTH is None
    assert limits.MAX_SEGMENT_NAME_LENGTH is None


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_long_names_are_accepted_while_no_maximum_is_documented(kind: str) -> None:
    make, _ = BUILDERS[kind]
    builder = make("n" * 5_000)
    assert builder.validate() == []
    assert builder.build().name == "n" * 5_000


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_name_maximum_comes_from_limits(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    make, constant = BUILDERS[kind]
    monkeypatch.setattr(limits, constant, 10)
    assert make("n" * 10).validate() == []
    assert problems_of(lambda: make("n" * 11).build()) == [("name", "11 characters, at most 10")]


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_a_name_is_required(kind: str) -> None:
    make, _ = BUILDERS[kind]
    assert problems_of(lambda: make("").build()) == [("name", f"a {kind} name is required")]


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_spaces_are_allowed_in_names(kind: str) -> None:
    # Only journey names are documented as having no spaces.
    make, _ = BUILDERS[kind]
    assert make("spring sale 2030").validate() == []
