"""Campaign and segment builders render as HTML in notebooks."""

from __future__ import annotations

from pinpoint_sdk.builders import CampaignBuilder, SegmentBuilder


def test_unfinished_campaign_builder_shows_its_problems() -> None:
    html = CampaignBuilder("spring")._repr_html_()

    # No segment yet: the problem is listed with its path instead of a request table.
    assert "segment_id" in html
    assert "spring" in html


def test_complete_segment_builder_shows_the_request_it_builds() -> None:
    html = SegmentBuilder("sms-users").channel("SMS")._repr_html_()

    assert "sms-users" in html
    assert "SMS" in html
