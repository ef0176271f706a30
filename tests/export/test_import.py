"""Importing an export into a new app (of the offline double) and comparing."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from export_helpers import BUCKET, JOURNEY_START, ROLE, populate

from pinpoint_sdk import models
from pinpoint_sdk.converter import unstructure
from pinpoint_sdk.export import EndpointExport, ExportedApp, export_app, import_app, load_export
from pinpoint_sdk.resources import Pinpoint
from pinpoint_sdk.testing import PinpointMock

ENDPOINTS = 1_000


@pytest.fixture
def exported(pp: Pinpoint, mock: PinpointMock, s3: Any, tmp_path: Path) -> ExportedApp:
    populated = populate(pp, mock, s3, endpoints=ENDPOINTS)
    mock.backend().export_piece_size = 300
    manifest = export_app(pp, populated.app.id, tmp_path,
                          endpoints=EndpointExport(f"s3://{BUCKET}/e/", ROLE, poll_interval=0))
    assert manifest.complete
    return load_export(tmp_path)  # the export folder holding one app


def _same(a: Any, b: Any, *drop: str) -> None:
    left, right = unstructure(a), unstructure(b)
    for key in ("Id", "ApplicationId", "Arn", "CreationDate", "LastModifiedDate", "Version",
                "tags", "State", *drop):
        left.pop(key, None)
        right.pop(key, None)
    assert left == right


def test_an_import_recreates_segments_campaigns_journeys_and_endpoints(
    pp: Pinpoint, exported: ExportedApp
) -> None:
    target = pp.apps.create("restored")

    report = import_app(pp, exported, target.id)

    assert report.ok, (report.failed, report.endpoints.failed[:3])
    segments = {s.name: s for s in target.segments}
    assert sorted(segments) == ["gold-v3", "silver"]
    for old in exported.segments:
        new = segments[old.latest.name]
        assert report.segment_ids[old.segment.id] == new.id
        assert new.data.version == 1
        _same(new.data, old.latest, "SegmentType")
    [campaign] = list(target.campaigns)
    old_campaign = exported.campaigns[0].latest
    assert campaign.name == "welcome-v2"
    assert campaign.data.segment_id == report.segment_ids[old_campaign.segment_id]
    assert campaign.data.message_configuration == old_campaign.message_configuration
    [journey] = list(target.journeys)
    old_journey = exported.journeys[0].journey
    assert journey.state == "DRAFT" and journey.name == old_journey.name
    start = journey.data.start_condition.segment_start_condition.segment_id
    assert start == report.segment_ids[old_journey.start_condition.segment_start_condition
                                       .segment_id]
    assert journey.data.activities == old_journey.activities
    # The schedule's times came back from JSON text as datetimes, and went over as such.
    assert old_journey.schedule.start_time == JOURNEY_START
    assert journey.data.schedule.start_time == JOURNEY_START
    assert report.endpoints.succeeded == ENDPOINTS + 1


def test_imported_endpoints_match_the_export(pp: Pinpoint, exported: ExportedApp) -> None:
    target = pp.apps.create("restored")

    import_app(pp, exported, target.id)

    exported_endpoints = {e.id: e for e in exported.endpoints()}
    assert len(exported_endpoints) == ENDPOINTS + 1
    for endpoint_id in [*random.Random(7).sample(sorted(exported_endpoints), 25), "ep00000"]:
        new = target.endpoints.get(endpoint_id).data
        old = exported_endpoints[endpoint_id]
        assert new.application_id == target.id
        assert (new.address, new.channel_type, new.attributes, new.metrics, new.user) == (
            old.address, old.channel_type, old.attributes, old.metrics, old.user)


def test_templates_already_there_are_skipped_and_new_ones_get_every_version(
    pp: Pinpoint, exported: ExportedApp
) -> None:
    target = pp.apps.create("restored")
    for template in list(pp.templates):
        if template.name != "t-voice":
            template.delete()

    report = import_app(pp, exported, target.id, endpoints=False)

    assert [item.name for item in report.skipped] == ["t-voice (VOICE)"]
    created = {item.name: item.versions for item in report.created_of("template")}
    assert created == {"t-email (EMAIL)": 2, "t-sms (SMS)": 2, "t-push (PUSH)": 1,
                       "t-inapp (INAPP)": 1}
    email = pp.templates.get("t-email", "EMAIL")
    assert [v.version for v in email.versions()] == ["2", "1"]
    assert email.data.subject == "Hi v1"  # the active version, as in the source
    assert pp.templates.get("t-email", "EMAIL", version="2").data.subject == "Hi v2"
    sms = pp.templates.get("t-sms", "SMS")
    assert sms.data.body == "sms v2" and sms.data.version == "2"


def test_every_failure_is_reported_and_the_rest_goes_on(
    pp: Pinpoint, exported: ExportedApp
) -> None:
    target = pp.apps.create("restored")
    broken = exported.segments[0]
    exported.segments.remove(broken)  # its campaign now points at a segment not imported

    report = import_app(pp, exported, target.id, endpoints=False)

    [failure] = report.failed
    assert failure.kind == "campaign" and failure.name == "welcome-v2"
    assert broken.segment.id in failure.message and "not imported" in failure.message
    assert [i.name for i in report.created_of("journey")] == ["onboarding"]
    assert not report.ok


def test_a_bad_endpoint_is_listed_and_the_others_are_imported(
    pp: Pinpoint, exported: ExportedApp, tmp_path: Path
) -> None:
    lines = (exported.path / "endpoints.ndjson").read_bytes().splitlines(keepends=True)
    # Same length, so the manifest's committed byte count still covers every line.
    bad = lines[5].replace(b'"Id":"ep', b'"Id":"e$')
    assert bad != lines[5]
    (exported.path / "endpoints.ndjson").write_bytes(b"".join([*lines[:5], bad, *lines[6:]]))
    target = pp.apps.create("restored")

    report = import_app(pp, load_export(exported.path), target.id)

    assert report.endpoints.succeeded == ENDPOINTS
    [failure] = report.endpoints.failed
    assert failure.item_id.startswith("e$") and failure.index == 5
    assert "must not contain '$'" in failure.message


def test_import_reads_an_app_folder_path_and_a_boto3_client(
    pp: Pinpoint, exported: ExportedApp
) -> None:
    target = pp.apps.create("restored")

    report = import_app(pp.client.boto3_client, str(exported.path), target.id, endpoints=False)

    assert sorted(i.kind for i in report.created) == ["campaign", "journey", "segment",
                                                      "segment"]
    assert isinstance(report.created[0].new_id, str)


def test_load_export_refuses_a_folder_with_several_apps(pp: Pinpoint, tmp_path: Path) -> None:
    for name in ("a", "b"):
        export_app(pp, pp.apps.create(name).id, tmp_path)

    with pytest.raises(ValueError, match="2 app exports"):
        load_export(tmp_path)


def test_an_export_without_endpoints_loads_none(pp: Pinpoint, tmp_path: Path) -> None:
    app = pp.apps.create("bare")
    app.endpoints.upsert_many([models.EndpointBatchItem(id="x", channel_type="SMS",
                                                        address="+15555550100")])
    export_app(pp, app.id, tmp_path)

    loaded = load_export(tmp_path / app.id)

    assert list(loaded.endpoints()) == [] and loaded.manifest.endpoints is None
    assert "endpoints" not in loaded.manifest.parts and loaded.manifest.complete
