"""Failures are recorded and never stop the rest; a rerun resumes without duplicates."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

import pytest
from export_helpers import (
    BUCKET,
    ROLE,
    SECRET,
    all_text,
    endpoint,
    populate,
    read_json,
    read_ndjson,
)
from http_faults import answer, fixed

from pinpoint_sdk import errors
from pinpoint_sdk.export import EndpointExport, export_all, export_app, load_export
from pinpoint_sdk.export import _manifest as manifest_module
from pinpoint_sdk.resources import Pinpoint
from pinpoint_sdk.testing import PinpointMock

PIECE = 100


class FaultyS3:
    """moto's S3 client, except that reading a key ending in one of ``faults`` fails.

    A fault is an exception to raise, or a function turning the object's real bytes
    into the bytes returned.
    """

    def __init__(self, real: Any, faults: dict[str, Any]) -> None:
        self.real = real
        self.faults = faults
        self.read: list[str] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def get_object(self, **kwargs: Any) -> Any:
        self.read.append(kwargs["Key"])
        for suffix, fault in self.faults.items():
            if kwargs["Key"].endswith(suffix):
                if isinstance(fault, BaseException):
                    raise fault
                body = self.real.get_object(**kwargs)["Body"].read()
                return {"Body": io.BytesIO(fault(body))}
        return self.real.get_object(**kwargs)


def _spec(s3: Any, **options: Any) -> EndpointExport:
    return EndpointExport(f"s3://{BUCKET}/out/", ROLE, poll_interval=0, s3_client=s3, **options)


def _ids(folder: Path) -> list[str]:
    return [line["Id"] for line in read_ndjson(folder / "endpoints.ndjson")]


def _export_jobs(pp: Pinpoint, app_id: str) -> int:
    return sum(1 for _ in pp.apps.get(app_id).export_jobs)


@pytest.fixture
def app_id(pp: Pinpoint, mock: PinpointMock, s3: Any) -> str:
    app = pp.apps.create("small")
    app.endpoints.upsert_many(endpoint(i) for i in range(350))
    mock.backend().export_piece_size = PIECE  # 4 pieces: 100, 100, 100, 50
    return app.id


def test_a_failed_part_and_a_failed_piece_are_recorded_and_the_rest_is_exported(
    pp: Pinpoint, s3: Any, app_id: str, tmp_path: Path
) -> None:
    answer(pp.client, "ListJourneys", fixed(400, {"message": "journeys unavailable"},
                                            {"x-amzn-ErrorType": "BadRequestException"}))
    faulty = FaultyS3(s3, {"part-00001.gz": ConnectionResetError("connection reset")})

    manifest = export_app(pp, app_id, tmp_path, endpoints=_spec(faulty))

    written = read_json(tmp_path / app_id / "manifest.json")
    assert not manifest.complete and written["Complete"] is False
    failures = {(f["Part"], f.get("Key", "")[-13:]): f["Message"] for f in written["Failures"]}
    assert failures == {
        ("journeys", ""): "BadRequestError: An error occurred (BadRequestException) when "
                          "calling the ListJourneys operation: journeys unavailable",
        ("endpoints", "part-00001.gz"): "ConnectionResetError: connection reset",
    }  # fmt: skip
    assert written["Parts"]["journeys"]["Done"] is False
    assert not (tmp_path / app_id / "journeys.json").exists()
    assert all(written["Parts"][part]["Done"] for part in
               ("app", "channels", "segments", "campaigns", "templates", "jobs"))
    assert written["Parts"]["endpoints"]["Done"] is False
    assert written["Parts"]["endpoints"]["Count"] == 250
    assert sorted(_ids(tmp_path / app_id)) == sorted(
        f"ep{i:05d}" for i in range(350) if not 100 <= i < 200)


def test_a_rerun_finishes_without_duplicates_or_a_second_job(
    pp: Pinpoint, s3: Any, app_id: str, tmp_path: Path
) -> None:
    answer(pp.client, "ListJourneys", fixed(400, {"message": "down"},
                                            {"x-amzn-ErrorType": "BadRequestException"}))
    export_app(pp, app_id, tmp_path,
               endpoints=_spec(FaultyS3(s3, {"part-00002.gz": OSError("timed out")})))
    folder = tmp_path / app_id
    with (folder / "endpoints.ndjson").open("ab") as out:
        out.write(b'{"Id": "ep00250", "ChannelType": "EM')  # a run killed mid-piece
    fresh = Pinpoint(region_name="us-east-1")  # the fault was on the first client only
    calls: list[str] = []
    fresh.client.boto3_client.meta.events.register(
        "before-call.pinpoint", lambda model, **_: calls.append(model.name))
    reading = FaultyS3(s3, {})

    manifest = export_app(fresh, app_id, tmp_path, endpoints=_spec(reading))

    assert manifest.complete and manifest.runs == 2 and manifest.failures == []
    ids = _ids(folder)
    assert len(ids) == len(set(ids)) == 350
    assert [key[-13:] for key in reading.read] == ["part-00002.gz"]
    assert "ListJourneys" in calls and "GetSegments" not in calls
    assert "CreateExportJob" not in calls and _export_jobs(fresh, app_id) == 1
    assert read_json(folder / "journeys.json") == []
    assert sum(1 for _ in load_export(folder).endpoints()) == 350


def test_a_corrupt_gzip_piece_and_a_bad_json_piece_are_recorded_and_the_rest_exported(
    pp: Pinpoint, s3: Any, app_id: str, tmp_path: Path
) -> None:
    def bad_json(body: bytes) -> bytes:
        lines = gzip.decompress(body).splitlines(keepends=True)
        return gzip.compress(b"".join(lines[:10]) + b"{not json\n" + b"".join(lines[10:]))

    faulty = FaultyS3(s3, {
        "part-00000.gz": lambda body: body[: len(body) // 2],  # cut off mid-stream
        "part-00001.gz": lambda body: b"this is not gzip at all",
        "part-00003.gz": bad_json,
    })  # fmt: skip

    manifest = export_app(pp, app_id, tmp_path, endpoints=_spec(faulty))

    messages = {f.key[-13:]: f.message for f in manifest.failures_of("endpoints") if f.key}
    assert set(messages) == {"part-00000.gz", "part-00001.gz", "part-00003.gz"}
    assert "EOFError" in messages["part-00000.gz"]
    assert "BadGzipFile" in messages["part-00001.gz"]
    assert messages["part-00003.gz"].startswith("ValueError: line 11: not JSON")
    # Only the good piece is in the file: failed pieces leave no line behind.
    assert sorted(_ids(tmp_path / app_id)) == [f"ep{i:05d}" for i in range(200, 300)]
    pieces = manifest.endpoints.pieces
    assert [pieces[k].done for k in sorted(pieces)] == [False, False, True, False]
    assert all(manifest.parts[p].done for p in manifest.parts if p != "endpoints")


def test_delete_after_read_removes_each_object_once_it_is_written(
    pp: Pinpoint, s3: Any, app_id: str, tmp_path: Path
) -> None:
    faulty = FaultyS3(s3, {"part-00003.gz": OSError("flaky")})

    first = export_app(pp, app_id, tmp_path, endpoints=_spec(faulty, delete_after_read=True))
    left = [o["Key"][-13:] for o in s3.list_objects_v2(Bucket=BUCKET, Prefix="out/")["Contents"]]
    second = export_app(pp, app_id, tmp_path, endpoints=_spec(s3, delete_after_read=True))

    assert left == ["part-00003.gz"]
    assert [p.deleted for _k, p in sorted(first.endpoints.pieces.items())] == [
        True, True, True, False]
    assert second.complete and "Contents" not in s3.list_objects_v2(Bucket=BUCKET,
                                                                    Prefix="out/")
    assert len(_ids(tmp_path / app_id)) == 350


def test_a_failed_export_job_is_recorded_and_a_rerun_starts_a_new_one(
    pp: Pinpoint, s3: Any, app_id: str, tmp_path: Path
) -> None:
    failing = EndpointExport("s3://no-such-bucket-anywhere/out/", ROLE, poll_interval=0)

    first = export_app(pp, app_id, tmp_path, endpoints=failing)
    second = export_app(pp, app_id, tmp_path, endpoints=_spec(s3))

    [failure] = first.failures
    assert failure.part == "endpoints" and "no-such-bucket-anywhere" in failure.message
    assert not first.parts["endpoints"].done
    assert second.complete and len(_ids(tmp_path / app_id)) == 350
    assert second.endpoints.job_id != first.endpoints.job_id


def test_an_interrupted_write_leaves_the_previous_file_whole(
    pp: Pinpoint, s3: Any, app_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export_app(pp, app_id, tmp_path)
    folder = tmp_path / app_id
    before = (folder / "segments.json").read_bytes()
    manifest_before = (folder / "manifest.json").read_bytes()

    def crash(_src: Any, _dst: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(manifest_module.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        manifest_module.write_atomically(folder / "segments.json", b"[{\"half")

    assert (folder / "segments.json").read_bytes() == before
    assert (folder / "manifest.json").read_bytes() == manifest_before
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


def test_secrets_are_written_and_flagged_only_when_asked_for(
    pp: Pinpoint, mock: PinpointMock, s3: Any, tmp_path: Path
) -> None:
    populated = populate(pp, mock, s3, endpoints=3)
    app_id = populated.app.id

    without = export_app(pp, app_id, tmp_path / "plain")
    with_secrets = export_app(pp, app_id, tmp_path / "secret", include_secrets=True)

    assert SECRET not in all_text(tmp_path / "plain")
    assert without.include_secrets is False
    channels = read_json(tmp_path / "secret" / app_id / "channels.json")
    assert channels["GCM"]["Credential"] == SECRET
    assert read_json(tmp_path / "secret" / app_id / "manifest.json")["IncludeSecrets"] is True
    assert with_secrets.parts["channels"].detail == {"IncludeSecrets": True}


def test_changing_the_secrets_choice_rewrites_the_channels_on_a_rerun(
    pp: Pinpoint, mock: PinpointMock, s3: Any, tmp_path: Path
) -> None:
    app_id = populate(pp, mock, s3, endpoints=0).app.id
    export_app(pp, app_id, tmp_path, include_secrets=True)

    export_app(pp, app_id, tmp_path)

    assert SECRET not in all_text(tmp_path)


def test_export_all_writes_one_folder_per_app(
    pp: Pinpoint, mock: PinpointMock, s3: Any, tmp_path: Path
) -> None:
    apps = [pp.apps.create(f"app{n}") for n in range(3)]
    for n, app in enumerate(apps):
        app.endpoints.upsert_many(endpoint(i) for i in range(n * 10, n * 10 + 5))
    calls: list[str] = []
    pp.client.boto3_client.meta.events.register(
        "before-call.pinpoint", lambda model, **_: calls.append(model.name))

    manifests = export_all(pp, str(tmp_path), endpoints=_spec(s3))

    assert sorted(m.application_id for m in manifests) == sorted(a.id for a in apps)
    assert all(m.complete for m in manifests)
    for n, app in enumerate(apps):
        assert sorted(_ids(tmp_path / app.id)) == [f"ep{i:05d}" for i in range(n * 10,
                                                                                n * 10 + 5)]
        assert manifests[0].endpoints.s3_url.startswith(f"s3://{BUCKET}/out/")
    assert calls.count("ListTemplates") == 1  # account level: read once, copied per app
    assert all((tmp_path / a.id / "templates.json").exists() for a in apps)


def test_a_missing_app_raises_not_found(pp: Pinpoint, tmp_path: Path) -> None:
    with pytest.raises(errors.NotFoundError):
        export_app(pp, "0" * 32, tmp_path)


def test_an_export_folder_of_another_app_is_refused(pp: Pinpoint, tmp_path: Path) -> None:
    app = pp.apps.create("one")
    export_app(pp, app.id, tmp_path)
    manifest = json.loads((tmp_path / app.id / "manifest.json").read_text())
    manifest["ApplicationId"] = "someone-else"
    (tmp_path / app.id / "manifest.json").write_text(json.dumps(manifest))

    with pytest.raises(errors.ValidationError, match="someone-else"):
        export_app(pp, app.id, tmp_path)


def test_a_typed_client_a_boto3_client_and_a_path_object_are_accepted(
    pp: Pinpoint, tmp_path: Path
) -> None:
    import boto3

    from pinpoint_sdk import PinpointClient

    app = pp.apps.create("any-client")

    typed = export_app(PinpointClient(region_name="us-east-1"), app.id, tmp_path / "typed")
    raw = export_app(boto3.client("pinpoint", region_name="us-east-1"), app.id,
                     str(tmp_path / "raw"))

    assert typed.complete and raw.complete
    assert read_json(tmp_path / "typed" / app.id / "app.json") == read_json(
        tmp_path / "raw" / app.id / "app.json")


def test_a_new_s3_destination_starts_the_endpoints_over(
    pp: Pinpoint, s3: Any, app_id: str, tmp_path: Path
) -> None:
    export_app(pp, app_id, tmp_path, endpoints=_spec(s3))

    moved = export_app(pp, app_id, tmp_path, endpoints=EndpointExport(
        f"s3://{BUCKET}/elsewhere/", ROLE, poll_interval=0, s3_client=s3))

    assert moved.complete and moved.endpoints.s3_url.endswith("/elsewhere/")
    assert all(key.startswith("elsewhere/") for key in moved.endpoints.pieces)
    assert len(_ids(tmp_path / app_id)) == 350 and _export_jobs(pp, app_id) == 2


def test_progress_true_draws_a_tqdm_bar(pp: Pinpoint, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    app = pp.apps.create("bar")

    export_app(pp, app.id, tmp_path, progress=True)

    assert f"export {app.id}" in capsys.readouterr().err
