"""Builders render as HTML in notebooks: problems, the request and a journey's graph."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from pinpoint_sdk.builders import CampaignBuilder, JourneyBuilder, SegmentBuilder
from pinpoint_sdk.builders import conditions as c


def test_unfinished_campaign_builder_shows_its_problems() -> None:
    html = CampaignBuilder("spring")._repr_html_()

    # No segment yet: the problem is listed with its path instead of a request table.
    assert "segment_id" in html
    assert "spring" in html


def test_complete_segment_builder_shows_the_request_it_builds() -> None:
    html = SegmentBuilder("sms-users").channel("SMS")._repr_html_()

    assert "sms-users" in html
    assert "SMS" in html


def _svg_root(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # well-formed XML, as an SVG file must be


def _texts(svg: str) -> list[str]:
    return [el.text or "" for el in _svg_root(svg).iter(f"{SVG}text")]


SVG = "{http://www.w3.org/2000/svg}"


def welcome(
    false_next: str | None = None, thanks_next: str | None = None, remind_next: str | None = None
) -> JourneyBuilder:
    return (
        JourneyBuilder("welcome")
        .segment("s-1")
        .start("hello")
        .email("hello", "WelcomeTemplate", next="check")
        .conditional_split(
            "check",
            c.message_event("hello", "_email.open"),
            true_next="thanks",
            false_next=false_next,
            wait_for="P1D",
        )
        .push("thanks", "ThanksPush", next=thanks_next)
        .sms("remind", "ReminderSms", next=remind_next)
    )


def test_journey_builder_with_problems_shows_the_problems_and_the_graph() -> None:
    builder = welcome(thanks_next="gone")
    html = builder._repr_html_()

    assert "activities[&#x27;thanks&#x27;].push.next_activity" in html
    assert "unknown activity &#x27;gone&#x27;" in html
    assert "unreachable from the start activity" in html  # 'remind'
    assert "<svg" in html
    texts = _texts(html[html.index("<svg") : html.index("</svg>") + 6])
    for key in ("hello", "check", "thanks", "remind", "gone"):
        assert key in texts
    assert "missing" in texts


def test_valid_journey_builder_shows_its_graph_and_the_request_it_builds() -> None:
    html = welcome(false_next="remind")._repr_html_()

    assert "<svg" in html
    assert "problem" not in html
    assert "<details><summary>WriteJourneyRequest(name=&#x27;welcome&#x27;)</summary>" in html


def test_graph_labels_keep_the_key_and_the_kind_apart() -> None:
    texts = _texts(welcome(false_next="remind").to_svg())

    assert "hello" in texts
    assert "email" in texts
    assert "conditional_split" in texts
    assert not any(t.startswith("hello") and t != "hello" for t in texts)


def test_graph_draws_a_branch_that_ends_the_journey() -> None:
    svg = welcome().to_svg()  # no false branch: those participants leave the journey
    texts = _texts(svg)

    assert "end" in texts
    assert "false" in texts
    assert "true" in texts
    # One arrow per link: start, hello->check, check->thanks (true), check->end (false).
    arrows = [p for p in _svg_root(svg).iter(f"{SVG}path") if p.get("marker-end")]
    assert len(arrows) == 4


def test_graph_has_one_arrow_per_link_and_red_arrows_for_cycles() -> None:
    builder = welcome(false_next="remind", remind_next="hello")
    root = _svg_root(builder.to_svg())
    arrows = [p for p in root.iter(f"{SVG}path") if p.get("marker-end")]

    assert len(arrows) == 1 + len(builder.edges())
    assert [p.get("stroke") for p in arrows].count("#c0392b") == 1  # remind -> hello


def test_graph_escapes_every_text() -> None:
    svg = JourneyBuilder("<b>&").start("a").wait("a", "P1D", next="<x>").to_svg()

    assert "<b>" not in svg
    assert "&lt;b&gt;&amp;" in svg
    assert "<x>" in _texts(svg)


def test_two_graphs_on_one_page_keep_their_own_arrow_heads() -> None:
    one, two = welcome().to_svg(), welcome(false_next="remind").to_svg()
    ids = [m.get("id") for svg in (one, two) for m in _svg_root(svg).iter(f"{SVG}marker")]

    assert len(ids) == len(set(ids))


def test_an_empty_journey_builder_shows_its_problems_and_an_empty_graph() -> None:
    html = JourneyBuilder("j")._repr_html_()

    assert "a journey needs at least one activity" in html
    root = _svg_root(html[html.index("<svg") : html.index("</svg>") + 6])
    assert float(root.get("height", "0")) > 0
