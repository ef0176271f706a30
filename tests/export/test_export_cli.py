"""``pinpoint-sdk export`` and ``pinpoint-sdk import`` in a subprocess, offline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pinpoint_sdk import cli
from pinpoint_sdk.testing import PinpointMock

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull}
    return subprocess.run(
        [sys.executable, "-m", "pinpoint_sdk", *args],
        capture_output=True, text=True, timeout=300, cwd=ROOT, env=env,
    )  # fmt: skip


def _manifests(dest: Path) -> list[dict[str, object]]:
    return [json.loads(p.read_text()) for p in sorted(dest.glob("*/manifest.json"))]


def test_export_help_explains_the_layout_offline_demo_and_exit_codes() -> None:
    result = _run("export", "--help")

    assert result.returncode == 0, result.stderr
    for text in ("APP_ID DEST", "--all DEST", "--endpoints-s3", "--role-arn",
                 "--include-secrets", "--region", "--profile", "--endpoint-url",
                 "sample application", "0 all done, 1 finished with failures"):
        assert text in " ".join(result.stdout.split()), text


def test_import_help_names_the_target_and_what_is_recreated() -> None:
    result = _run("import", "--help")

    assert result.returncode == 0, result.stderr
    assert "--app" in result.stdout and "DEST_OR_APP_DIR" in result.stdout
    assert "DRAFT" in result.stdout and "--offline" in result.stdout


def test_an_offline_export_writes_the_sample_app_and_exits_0(tmp_path: Path) -> None:
    result = _run("export", "--offline", str(tmp_path / "out"))

    assert result.returncode == 0, result.stderr
    [manifest] = _manifests(tmp_path / "out")
    assert manifest["Complete"] is True
    parts = manifest["Parts"]
    assert isinstance(parts, dict) and parts["endpoints"]["Count"] == 250
    assert parts["templates"]["Count"] == 5 and parts["segments"]["Versions"] == 2
    assert f"{manifest['ApplicationId']}: complete" in result.stdout
    assert "  segments: 1" in result.stderr and "  endpoints: 250" in result.stderr
    assert result.stderr.count("  endpoints: 250\n") == 1, result.stderr
    assert len((tmp_path / "out" / str(manifest["ApplicationId"]) / "endpoints.ndjson")
               .read_text().splitlines()) == 250


def test_an_export_with_a_failed_part_exits_1_and_lists_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The command creates the bucket it is given offline, so the double is told to fail
    # the endpoint export job; this runs in-process to reach the double it starts.
    url = "s3://pinpoint-sdk-demo/unwritable/"
    start = PinpointMock.start

    def start_failing_exports(self: PinpointMock) -> None:
        start(self)
        self.backend().fail_jobs_at(url)

    monkeypatch.setattr(PinpointMock, "start", start_failing_exports)

    status = cli.main(["export", "--offline", "--endpoints-s3", url,
                       "--role-arn", "arn:aws:iam::123456789012:role/x", str(tmp_path)])

    stdout = capsys.readouterr().out
    assert status == 1, stdout
    assert "failed endpoints: export job" in stdout
    [manifest] = _manifests(tmp_path)
    assert manifest["Complete"] is False
    assert [f["Part"] for f in manifest["Failures"]] == ["endpoints"]  # type: ignore[union-attr]


def test_an_export_without_an_endpoint_bucket_says_how_to_add_the_endpoints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pinpoint_sdk import Pinpoint
    from pinpoint_sdk.testing import mock_pinpoint

    with mock_pinpoint():
        app = Pinpoint(region_name="us-east-1").apps.create("shop")
        status = cli.main(["export", app.id, str(tmp_path), "--region", "us-east-1"])
        with_bucket = cli.main(["export", "--offline", "--quiet", str(tmp_path / "offline")])

    captured = capsys.readouterr()
    assert (status, with_bucket) == (0, 0), captured
    assert f"{app.id}: complete" in captured.out
    assert captured.err.count("endpoints: not exported") == 1, captured.err
    assert "add --endpoints-s3 s3://bucket/prefix/ --role-arn ARN" in captured.err


def test_export_all_offline_writes_one_folder_per_app(tmp_path: Path) -> None:
    result = _run("export", "--offline", "--all", "--quiet", str(tmp_path))

    assert result.returncode == 0, result.stderr
    assert len(_manifests(tmp_path)) == 1 and result.stderr.startswith("offline: created")
    assert "  app: 1" not in result.stderr  # --quiet


def test_an_offline_import_recreates_the_export_and_exits_0(tmp_path: Path) -> None:
    assert _run("export", "--offline", "--quiet", str(tmp_path)).returncode == 0

    result = _run("import", "--offline", str(tmp_path))

    assert result.returncode == 0, result.stderr
    for line in ("templates: 5 created", "segments: 1 created", "campaigns: 1 created",
                 "journeys: 1 created", "endpoints: 250 upserted, 0 failed"):
        assert line in result.stdout
    assert "complete" in result.stdout.splitlines()[-1]
    assert result.stderr.splitlines()[1:] == [
        "  endpoints: 100 (0 failed)", "  endpoints: 200 (0 failed)",
        "  endpoints: 250 (0 failed)"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "only-one-arg"], "expected APP_ID DEST"),
        (["export", "--all", "a", "b"], "expected DEST with --all"),
        (["export", "app", "dest", "--endpoints-s3", "s3://b/p/"], "go together"),
        (["import", "somewhere"], "--app NEW_APP_ID is required"),
        (["import", "/no/such/export", "--app", "x"], "cannot read"),
        (["export", "--offline", "0123456789abcdef0123456789abcdef", "out"], "NotFound"),
        (["export", "--offline", "--endpoints-s3", "not-s3", "out"], "s3://bucket/prefix"),
    ],
)
def test_usage_and_setup_errors_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    args = [str(tmp_path / a) if a in ("out",) else a for a in args]

    result = _run(*args)

    assert result.returncode == 2, (result.stdout, result.stderr)
    assert message in result.stderr


def test_no_region_is_a_setup_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    monkeypatch.delenv("AWS_REGION", raising=False)

    result = _run("export", "app", str(tmp_path))

    assert result.returncode == 2 and "no AWS Region" in result.stderr
