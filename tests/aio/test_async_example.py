"""examples/async_quickstart.py runs offline as a user would run it, and refuses to go
live without credentials."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NOWHERE = "http://127.0.0.1:9"  # the discard port: connections are refused at once


def _run(tmp_path: Path, *args: str, credentials: bool,
         script: str = "async_quickstart.py") -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AWS_") and key != "PINPOINT_SDK_LIVE"
        and key.lower() not in {"http_proxy", "https_proxy", "all_proxy", "no_proxy"}
    }
    env.update(
        {
            # The package of this checkout, whatever is installed.
            "PYTHONPATH": str(REPO),
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_ENDPOINT_URL": NOWHERE,
            "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
            "AWS_MAX_ATTEMPTS": "1",
            "HTTP_PROXY": NOWHERE,
            "HTTPS_PROXY": NOWHERE,
        }
    )
    if credentials:
        env.update({"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"})
    return subprocess.run(
        [sys.executable, f"examples/{script}", *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False,
    )


def test_async_quickstart_runs_offline(tmp_path: Path) -> None:
    proc = _run(tmp_path, credentials=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    assert out.startswith("offline:")
    assert re.search(r"^app:\s+[0-9a-f]{32}\s+name=async-demo\s+\(HTTP 201\)$", out, re.M)
    assert "endpoints: 20 upserted concurrently" in out
    assert "campaigns: 3 listed in 2 pages" in out
    assert "read back: reminder, welcome, win-back" in out
    assert "not found: NotFoundException status=404 retryable=False" in out


@pytest.mark.parametrize("script", ["async_quickstart.py", "async_resources.py"])
def test_async_examples_live_without_credentials_fail_loudly(
    tmp_path: Path, script: str
) -> None:
    proc = _run(tmp_path, "--aws", credentials=False, script=script)
    assert proc.returncode == 2
    assert "live mode" in proc.stderr and "credentials" in proc.stderr
    assert "offline" not in proc.stdout and "Traceback" not in proc.stderr


def test_async_resources_example_runs_offline(tmp_path: Path) -> None:
    proc = _run(tmp_path, credentials=False, script="async_resources.py")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    assert out.startswith("offline:")
    assert re.search(r"^app:\s+[0-9a-f]{32}\s+name=async-resources$", out, re.M)
    assert "campaign:  spring  description='second wave'  paused=True" in out
    assert "campaigns: ['spring']" in out
    assert re.search(r"upserted:  1000 endpoints, 0 failed, concurrency=1, ", out)
    assert re.search(r"upserted:  1000 endpoints, 0 failed, concurrency=4, ", out)
    assert "events:    250 recorded, ok=True" in out
