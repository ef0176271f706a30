"""Property tests: random valid journey DAGs build, round-trip and draw completely."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from builderhelpers import assert_valid_for
from hypothesis import given, settings
from hypothesis import strategies as st

from pinpoint_sdk import converter, models
from pinpoint_sdk.builders import JourneyBuilder
from pinpoint_sdk.builders import conditions as c
from pinpoint_sdk.builders._graph import exits_of, node_id

SVG = "{http://www.w3.org/2000/svg}"

SINGLE = ("wait", "email", "sms", "push", "custom", "holdout", "contact_center")
SPLITS = ("conditional_split", "multi_condition_split", "random_split")


def _add(builder: JourneyBuilder, kind: str, key: str, targets: list[str | None]) -> None:
    """Add activity ``key`` of ``kind`` linking to ``targets`` (as many as the kind uses)."""
    nxt = targets[0]
    if kind == "wait":
        builder.wait(key, "PT1H", next=nxt)
    elif kind == "email":
        builder.email(key, "Mail", next=nxt)
    elif kind == "sms":
        builder.sms(key, "Text", next=nxt)
    elif kind == "push":
        builder.push(key, "Push", next=nxt)
    elif kind == "custom":
        builder.custom(key, "https://example.com/hook", next=nxt)
    elif kind == "holdout":
        builder.holdout(key, 5, next=nxt)
    elif kind == "contact_center":
        builder.contact_center(key, next=nxt)
    elif kind == "conditional_split":
        builder.conditional_split(key, c.in_segment("s"), true_next=nxt, false_next=targets[1])
    elif kind == "multi_condition_split":
        branches = [(c.metric("m", ">", i), t) for i, t in enumerate(targets[:-1])]
        builder.multi_condition_split(key, branches, default_next=targets[-1])
    else:
        share = 100 // len(targets)
        percentages = [share] * (len(targets) - 1) + [100 - share * (len(targets) - 1)]
        builder.random_split(key, list(zip(targets, percentages, strict=True)))


@st.composite
def journeys(draw: Any) -> JourneyBuilder:
    """A DAG: activity i links only to activities after it, and every one is reachable."""
    count = draw(st.integers(min_value=1, max_value=12))
    keys = [f"a{i}" for i in range(count)]
    builder = JourneyBuilder(draw(st.sampled_from(["j", "journey-1", "my_journey"])))
    builder.start(keys[0]).segment("seg").channel_settings("arn:c", "arn:r")
    incoming = {key: 0 for key in keys}
    plans: list[tuple[str, str, list[str | None]]] = []
    for index, key in enumerate(keys):
        later = keys[index + 1 :]
        kind = draw(st.sampled_from(SINGLE + SPLITS))
        width = 1 if kind in SINGLE else (2 if kind == "conditional_split" else
                                           draw(st.integers(2, 4)))
        targets: list[str | None] = [
            draw(st.one_of(st.none(), st.sampled_from(later))) if later else None
            for _ in range(width)
        ]
        plans.append((kind, key, targets))
        for target in targets:
            if target is not None:
                incoming[target] += 1
    # Make every activity reachable: link each orphan from its predecessor (which is
    # reachable by induction), keeping the incoming counts right for later orphans.
    for index, (_, key, _) in enumerate(plans):
        if index and incoming[key] == 0:
            prev_targets = plans[index - 1][2]
            slot = prev_targets.index(None) if None in prev_targets else 0
            replaced = prev_targets[slot]
            if replaced is not None:
                incoming[replaced] -= 1
            prev_targets[slot] = key
            incoming[key] += 1
    for kind, key, targets in plans:
        _add(builder, kind, key, targets)
    return builder


@settings(max_examples=60, deadline=None)
@given(journeys())
def test_random_dags_build_and_pass_botocore(builder: JourneyBuilder) -> None:
    request = builder.build()
    assert request.activities is not None
    assert_valid_for("CreateJourney", request)


@settings(max_examples=60, deadline=None)
@given(journeys())
def test_random_dags_round_trip_through_from_model(builder: JourneyBuilder) -> None:
    built = builder.build()
    assert JourneyBuilder.from_model(built).build() == built
    wire = converter.unstructure(built)
    response = converter.structure(wire, models.JourneyResponse)
    assert JourneyBuilder.from_model(response).build() == built


@settings(max_examples=60, deadline=None)
@given(journeys())
def test_random_dags_draw_every_activity_and_edge(builder: JourneyBuilder) -> None:
    text = builder.to_mermaid()
    for key in builder.activities:
        assert f'{node_id(key)}["{key} (' in text or f'{node_id(key)}{{"{key} (' in text
    edges = builder.edges()
    for edge in edges:
        arrow = f"-->|{edge.label}|" if edge.label else "-->"
        assert f"{node_id(edge.source)} {arrow} {node_id(edge.target)}" in text
    exits = [e for key, a in builder.activities.items() for e in exits_of(key, a)]
    for edge in exits:
        assert f"{node_id(edge.source)} -->|{edge.label}| journey_end" in text
    assert text.count(" -->") == len(edges) + len(exits) + 1


@settings(max_examples=60, deadline=None)
@given(journeys())
def test_random_dags_draw_as_svg_with_every_activity_and_one_arrow_per_link(
    builder: JourneyBuilder,
) -> None:
    root = ET.fromstring(builder.to_svg())
    texts = [el.text for el in root.iter(f"{SVG}text")]
    for key in builder.activities:
        assert key in texts
    exits = [e for key, a in builder.activities.items() for e in exits_of(key, a)]
    arrows = [p for p in root.iter(f"{SVG}path") if p.get("marker-end")]
    assert len(arrows) == len(builder.edges()) + len(exits) + 1
    assert texts.count("end") == len(exits)
