"""A populated app with 10,000 endpoints, exported once: every file and the manifest."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import attrs
import boto3
import botocore
import pytest
from export_helpers import (
    BUCKET,
    ROLE,
    SECRET,
    Populated,
    all_text,
    endpoint,
    populate,
    read_json,
    read_ndjson,
)

import pinpoint_sdk
from pinpoint_sdk import models
from pinpoint_sdk.converter import structure, unstructure
from pinpoint_sdk.export import EndpointExport, ExportManifest, export_app, load_export
from pinpoint_sdk.resources import Pinpoint
from pinpoint_sdk.testing import PinpointMock

ENDPOINTS = 10_000


@attrs.define
class Exported:
    pp: Pinpoint
    populated: Populated
    folder: Path
    manifest: ExportManifest
    progress: list[tuple[str, int]]


@pytest.fixture(scope="module")
def exported(module_mock: PinpointMock, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    pp = Pinpoint(region_name="us-east-1")
    s3 = boto3.client("s3", region_name="us-east-1")
    populated = populate(pp, module_mock, s3, endpoints=ENDPOINTS)
    module_mock.backend().export_piece_size = 3000
    dest = tmp_path_factory.mktemp("export")
    progress: list[tuple[str, int]] = []
    manifest = export_app(
        pp, populated.app.id, dest,
        endpoints=EndpointExport(f"s3://{BUCKET}/endpoints/", ROLE, poll_interval=0),
        progress=lambda part, count: progress.append((part, count)),
    )  # fmt: skip
    return Exported(pp, populated, dest / populated.app.id, manifest, progress)


@pytest.fixture
def folder(exported: Exported) -> Iterator[Path]:
    yield exported.folder


def test_every_part_is_done_and_counted_in_the_manifest(exported: Exported) -> None:
    manifest = read_json(exported.folder / "manifest.json")

    assert manifest["Complete"] is True and manifest["Failures"] == []
    counts = {name: (part["Done"], part["Count"]) for name, part in manifest["Parts"].items()}
    assert counts == {
        "app": (True, 1), "channels": (True, 2), "event_stream": (True, 1),
        "segments": (True, 2), "campaigns": (True, 1), "journeys": (True, 1),
        "templates": (True, 5), "recommenders": (True, 1), "endpoints": (True, ENDPOINTS + 1),
        "jobs": (True, 2),
    }  # fmt: skip
    assert manifest["Parts"]["segments"]["Versions"] == 4
    assert manifest["Parts"]["campaigns"]["Versions"] == 2
    assert manifest["Parts"]["templates"]["Versions"] == 7
    assert exported.manifest.complete


def test_the_manifest_names_versions_times_and_the_secrets_choice(exported: Exported) -> None:
    manifest = read_json(exported.folder / "manifest.json")

    assert manifest["SdkVersion"] == pinpoint_sdk.__version__
    assert manifest["BotocoreVersion"] == botocore.__version__
    assert manifest["IncludeSecrets"] is False
    assert manifest["StartedAt"] <= manifest["FinishedAt"]
    assert manifest["ApplicationId"] == exported.populated.app.id
    assert manifest["Region"] == "us-east-1" and manifest["Runs"] == 1


def test_app_json_holds_the_application_its_settings_and_tags(folder: Path,
                                                              exported: Exported) -> None:
    app = read_json(folder / "app.json")

    assert app["Application"]["Name"] == "shop"
    assert app["Application"]["Id"] == exported.populated.app.id
    assert app["Settings"]["QuietTime"] == {"Start": "22:00", "End": "07:00"}
    assert app["Tags"] == {"team": "growth", "cost-centre": "42"}


def test_channels_are_written_with_their_secret_members_removed(folder: Path) -> None:
    channels = read_json(folder / "channels.json")
    manifest = read_json(folder / "manifest.json")

    assert set(channels) == {"EMAIL", "GCM"}
    assert channels["EMAIL"]["FromAddress"] == "shop@example.com"
    assert channels["GCM"]["HasCredential"] is True and "Credential" not in channels["GCM"]
    assert manifest["Parts"]["channels"]["Detail"]["SecretsRemoved"] == ["GCM.Credential"]


def test_the_secret_value_is_in_no_file(folder: Path) -> None:
    assert SECRET not in all_text(folder)


def test_the_event_stream_is_written(folder: Path) -> None:
    stream = read_json(folder / "event_stream.json")

    assert stream["DestinationStreamArn"] == "arn:aws:kinesis:us-east-1:123456789012:stream/events"


def test_segments_carry_every_version_oldest_first(folder: Path, exported: Exported) -> None:
    segments = {entry["Segment"]["Id"]: entry for entry in read_json(folder / "segments.json")}

    gold = segments[exported.populated.segment_ids[0]]
    assert [v["Version"] for v in gold["Versions"]] == [1, 2, 3]
    assert [v["Name"] for v in gold["Versions"]] == ["gold", "gold", "gold-v3"]
    assert gold["Versions"][1]["Dimensions"]["Attributes"]["plan"]["Values"] == [
        "gold", "platinum"]
    assert len(segments[exported.populated.segment_ids[1]]["Versions"]) == 1


def test_campaigns_carry_every_version_and_their_activities(folder: Path) -> None:
    [campaign] = read_json(folder / "campaigns.json")

    assert [v["Name"] for v in campaign["Versions"]] == ["welcome", "welcome-v2"]
    assert campaign["Campaign"]["Name"] == "welcome-v2"
    assert campaign["Activities"] and all(a["CampaignId"] == campaign["Campaign"]["Id"]
                                          for a in campaign["Activities"])


def test_journeys_carry_their_runs(folder: Path, exported: Exported) -> None:
    [journey] = read_json(folder / "journeys.json")

    assert journey["Journey"]["Id"] == exported.populated.journey_id
    assert set(journey["Journey"]["Activities"]) == {"welcome", "pause"}
    assert isinstance(journey["Runs"], list)


def test_templates_of_all_five_kinds_with_every_version(folder: Path, exported: Exported) -> None:
    templates = {t["TemplateName"]: t for t in read_json(folder / "templates.json")}

    assert {name: t["TemplateType"] for name, t in templates.items()} == \
        exported.populated.templates
    assert [v["Subject"] for v in templates["t-email"]["Versions"]] == ["Hi v1", "Hi v2"]
    assert [v["Body"] for v in templates["t-sms"]["Versions"]] == ["sms v1", "sms v2"]
    assert templates["t-inapp"]["Versions"][0]["Content"][0]["BodyConfig"]["Body"] == "in-app"
    assert templates["t-push"]["Template"]["Default"]["Body"] == "push"


def test_recommender_configurations_are_written(folder: Path, exported: Exported) -> None:
    [recommender] = read_json(folder / "recommenders.json")

    assert recommender["Id"] == exported.populated.recommender_id
    assert recommender["Name"] == "t-rec"


def test_the_job_history_holds_the_import_and_the_export_job(folder: Path,
                                                             exported: Exported) -> None:
    jobs = read_json(folder / "jobs.json")

    assert [j["Id"] for j in jobs["ImportJobs"]] == [exported.populated.import_job_id]
    assert [j["Id"] for j in jobs["ExportJobs"]] == [exported.manifest.endpoints.job_id]


def test_every_endpoint_is_written_once_in_wire_form(folder: Path) -> None:
    lines = read_ndjson(folder / "endpoints.ndjson")

    ids = [line["Id"] for line in lines]
    assert len(ids) == ENDPOINTS + 1  # and the one the import job loaded
    assert len(set(ids)) == len(ids)
    assert set(ids) == {f"ep{i:05d}" for i in range(ENDPOINTS)} | {"imported-1"}


def test_exported_endpoints_hold_what_was_stored(folder: Path, exported: Exported) -> None:
    lines = {line["Id"]: line for line in read_ndjson(folder / "endpoints.ndjson")}

    for i in (0, 1, 4999, 9900, 9999):
        written = structure(lines[f"ep{i:05d}"], models.EndpointResponse)
        stored = exported.populated.app.endpoints.get(f"ep{i:05d}").data
        assert written == stored
        source = endpoint(i)
        assert (written.address, written.attributes, written.metrics) == (
            source.address, source.attributes, source.metrics)
        assert (written.user.user_id if written.user else None) == (
            f"user{i}" if i % 100 == 0 else None)


def test_the_pieces_are_recorded_done_with_their_counts(exported: Exported) -> None:
    state = exported.manifest.endpoints

    assert state is not None and state.s3_url == f"s3://{BUCKET}/endpoints/"
    assert sorted(p.count for p in state.pieces.values()) == [1001, 3000, 3000, 3000]
    assert all(p.done and not p.deleted for p in state.pieces.values())
    assert all(key.startswith(f"endpoints/{state.job_id}/") for key in state.pieces)
    assert state.committed_bytes == (exported.folder / "endpoints.ndjson").stat().st_size


def test_progress_reports_every_part_and_the_endpoints_as_they_grow(exported: Exported) -> None:
    parts = [part for part, _count in exported.progress]
    endpoint_counts = [count for part, count in exported.progress if part == "endpoints"]

    assert {"app", "channels", "segments", "templates", "jobs"} <= set(parts)
    assert endpoint_counts[:4] == [3000, 6000, 9000, ENDPOINTS + 1]


def test_the_files_are_the_converter_s_wire_form(folder: Path) -> None:
    for entry in read_json(folder / "segments.json"):
        for version in entry["Versions"]:
            assert unstructure(structure(version, models.SegmentResponse)) == version
    for entry in read_json(folder / "templates.json"):
        assert entry["Template"]["TemplateName"] == entry["TemplateName"]


def test_load_export_reads_every_part_back_as_models(folder: Path, exported: Exported) -> None:
    loaded = load_export(folder)

    assert loaded.application is not None and loaded.application.name == "shop"
    assert loaded.settings is not None and loaded.settings.quiet_time.start == "22:00"
    assert isinstance(loaded.channels["GCM"], models.GCMChannelResponse)
    assert loaded.channels["GCM"].credential is None
    assert loaded.event_stream is not None
    assert [len(s.versions) for s in loaded.segments] == [3, 1]
    assert loaded.segments[0].latest.name == "gold-v3"
    assert loaded.campaigns[0].latest.name == "welcome-v2"
    assert isinstance(loaded.journeys[0].journey, models.JourneyResponse)
    kinds = {t.name: type(t.template).__name__ for t in loaded.templates}
    assert kinds == {"t-email": "EmailTemplateResponse", "t-sms": "SMSTemplateResponse",
                     "t-voice": "VoiceTemplateResponse",
                     "t-push": "PushNotificationTemplateResponse",
                     "t-inapp": "InAppTemplateResponse"}
    assert loaded.recommenders[0].id == exported.populated.recommender_id
    assert len(loaded.import_jobs) == 1 and len(loaded.export_jobs) == 1
    count = 0
    for item in loaded.endpoints():
        assert isinstance(item, models.EndpointResponse)
        count += 1
    assert count == ENDPOINTS + 1


def test_a_rerun_of_a_complete_export_reads_nothing_again(exported: Exported,
                                                          tmp_path: Path) -> None:
    copy = tmp_path / exported.folder.name
    shutil.copytree(exported.folder, copy)
    calls: list[str] = []
    client = Pinpoint(region_name="us-east-1")
    client.client.boto3_client.meta.events.register(
        "before-call.pinpoint", lambda model, **_: calls.append(model.name))

    again = export_app(client, exported.populated.app.id, tmp_path,
                       endpoints=EndpointExport(f"s3://{BUCKET}/endpoints/", ROLE,
                                                poll_interval=0))

    assert again.complete and again.runs == 2
    assert calls == ["GetApp"]
    assert sum(1 for _ in load_export(copy).endpoints()) == ENDPOINTS + 1
