"""Run every example as a user would (``python examples/x.py``) and check what it prints.

Each example runs in a subprocess from the repository root, offline by default: fake
credentials, no ``PINPOINT_SDK_LIVE``, and every AWS endpoint / proxy setting pointing at
a closed local port, so an example that tried to reach AWS would fail instead of passing.
The live switch is checked too: ``--aws`` without credentials must fail loudly, never
fall back to the offline double.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
NOWHERE = "http://127.0.0.1:9"  # the discard port: connections are refused at once
SCRIPTS = sorted(p.name for p in EXAMPLES.glob("*.py") if not p.name.startswith("_"))
APP_ID = r"[0-9a-f]{32}"
Runs = dict[str, Future[subprocess.CompletedProcess[str]]]


def _base_env(tmp_path: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AWS_")
        and key != "PINPOINT_SDK_LIVE"
        and key.lower() not in {"http_proxy", "https_proxy", "all_proxy", "no_proxy"}
    }
    env.update(
        {
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_ENDPOINT_URL": NOWHERE,
            "AWS_ENDPOINT_URL_PINPOINT": NOWHERE,
            "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
            "AWS_MAX_ATTEMPTS": "1",
            "HTTP_PROXY": NOWHERE,
            "HTTPS_PROXY": NOWHERE,
            "PYTHONIOENCODING": "utf-8",
        }
    )
    return env


def _offline_env(tmp_path: Path) -> dict[str, str]:
    env = _base_env(tmp_path)
    env.update(
        {
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_SESSION_TOKEN": "testing",
            "AWS_DEFAULT_REGION": "us-east-1",
        }
    )
    return env


def run(
    script: str, *args: str, env: dict[str, str], expect: int | None = 0
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, f"examples/{script}", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if expect is not None:
        assert proc.returncode == expect, (
            f"{script} exited {proc.returncode}\n--- stdout\n{proc.stdout}\n"
            f"--- stderr\n{proc.stderr}"
        )
    return proc


# The offline runs are independent: start them all at once, then each test checks one.
OFFLINE_RUNS: dict[str, tuple[str, ...]] = {
    "quickstart": ("quickstart.py",),
    "journey_builder": ("journey_builder.py",),
    "bulk_endpoints": ("bulk_endpoints.py",),
    "bulk_tqdm": ("bulk_endpoints.py", "--count", "200", "--progress"),
    "event_ingestion": ("event_ingestion.py",),
    "import_job": ("import_job.py",),
    "error_handling": ("error_handling.py",),
    "messaging": ("messaging.py",),
}


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    env = _offline_env(tmp_path_factory.mktemp("offline"))
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        yield {
            name: pool.submit(run, *command, env=env, expect=None)
            for name, command in OFFLINE_RUNS.items()
        }


def finished(ran: Runs, name: str) -> str:
    """The stdout of the offline run ``name``, which must have exited 0."""
    proc = ran[name].result()
    assert proc.returncode == 0, (
        f"{OFFLINE_RUNS[name]} exited {proc.returncode}\n--- stdout\n{proc.stdout}\n"
        f"--- stderr\n{proc.stderr}"
    )
    return proc.stdout


def test_expected_examples_exist() -> None:
    assert {
        "quickstart.py",
        "journey_builder.py",
        "bulk_endpoints.py",
        "event_ingestion.py",
        "import_job.py",
        "error_handling.py",
        "messaging.py",
    } <= set(SCRIPTS)


def test_getting_started_names_every_example_script() -> None:
    page = (REPO / "docs" / "getting-started.md").read_text(encoding="utf-8")
    examples = page.split("## Examples", 1)[1]
    assert [script for script in SCRIPTS if f"`{script}`" not in examples] == []


@pytest.mark.parametrize("script", SCRIPTS)
def test_docstring_says_what_and_how(script: str) -> None:
    source = (EXAMPLES / script).read_text(encoding="utf-8")
    doc = re.match(r'\s*"""(.*?)"""', source, re.S)
    assert doc, f"{script} has no module docstring"
    assert f"python examples/{script}" in doc.group(1)
    assert "--aws" in doc.group(1)


def test_quickstart(ran: Runs) -> None:
    out = finished(ran, "quickstart")
    assert "offline" in out
    assert re.search(rf"^app:\s+{APP_ID}\s+name=quickstart-demo$", out, re.M)
    assert re.search(r"^endpoints: 4 upserted, 0 failed \(email-ana, ", out, re.M)
    assert re.search(rf"^segment:\s+{APP_ID}\s+name=gold-customers$", out, re.M)
    assert re.search(rf"^campaign:\s+{APP_ID}\s+name=gold-welcome\s+state=\w+", out, re.M)
    assert re.search(
        rf"^journey:\s+{APP_ID}\s+name=gold-onboarding\s+state=DRAFT\s+"
        r"activities=welcome, pause, reminder$",
        out,
        re.M,
    )


def test_journey_builder(ran: Runs) -> None:
    out = finished(ran, "journey_builder")
    assert "flowchart TD" in out
    for edge in (
        "n_opened -->|true| n_thanks",
        "n_opened -->|false| n_abtest",
        "n_abtest -->|50%| n_reminderA",
        "n_abtest -->|50%| n_reminderB",
    ):
        assert edge in out
    assert "ValidationError at activities['pause'].wait.next_activity" in out
    assert "activities['pause'].wait.next_activity: unknown activity 'opned'" in out
    assert re.search(rf"created journey onboarding \({APP_ID}\): state=ACTIVE, 7 activities", out)
    assert re.search(r"^paused:\s+state=PAUSED$", out, re.M)
    assert re.search(r"^resumed:\s+state=ACTIVE$", out, re.M)


def _report_rows(out: str) -> list[tuple[int, str, str]]:
    """(index, id, status) of each failure-report row: ``<index>  <id>  <status>  msg``."""
    return [
        (int(m[1]), m[2], m[3])
        for m in re.finditer(r"^\s*(\d+)\s{2}(\S+)\s+(not sent|\d{3})\s", out, re.M)
    ]


def test_bulk_endpoints(ran: Runs) -> None:
    out = finished(ran, "bulk_endpoints")
    bad = sorted(i for i in range(5000) if i % 1000 in (234, 456, 999))
    assert f"upserted {5000 - len(bad)}, failed {len(bad)}, complete=True" in out
    rows = _report_rows(out)
    assert [index for index, _, _ in rows] == bad
    assert all(status == "not sent" for _, _, status in rows)
    assert rows[2][:2] == (999, "user-${999}")
    assert "51 values, at most 50 allowed" in out
    assert "must not contain '$' '{' '}'" in out
    assert re.search(r"progress:\s+\d+ processed, \d+ failed so far", out)
    assert "spot check: user-000001 -> user1@example.com" in out


def test_bulk_endpoints_tqdm_bar(ran: Runs) -> None:
    finished(ran, "bulk_tqdm")
    proc = ran["bulk_tqdm"].result()
    assert "upserted 200, failed 0" in proc.stdout
    assert "endpoints:" in proc.stderr  # tqdm draws on stderr
    assert "progress:" not in proc.stdout


def test_event_ingestion_reports_exactly_the_rejected_events(ran: Runs) -> None:
    out = finished(ran, "event_ingestion")
    assert "accepted 195, rejected 5" in out
    assert "accepted with warnings:" not in out
    # The double refuses the endpoint updates of #48 and #120 and the events they carry.
    assert _report_rows(out) == [
        (7, "evt-0007", "not sent"),
        (19, "evt-0019", "not sent"),
        (33, "evt-0033", "not sent"),
        (48, "evt-0048", "400"),
        (120, "evt-0120", "400"),
    ]
    assert "event.timestamp: is required" in out
    assert "Endpoint device-pigeon was rejected: Invalid ChannelType 'PIGEON'" in out


def test_import_job(ran: Runs) -> None:
    out = finished(ran, "import_job")
    assert re.search(rf"import job {APP_ID}: COMPLETED, processed 26 endpoints, 1 rejected", out)
    assert re.search(r"^\s+rejected: \S+customers-1.json: customer-bad: ", out, re.M)
    assert "the job defined segment 'imported-customers'" in out
    assert re.search(rf"JobFailedError: ImportJob {APP_ID} failed", out)
    assert re.search(r"^\s+failure: \S", out, re.M)
    assert sorted(re.findall(r"listed: \w+ (\w+)", out)) == ["COMPLETED", "FAILED"]


def test_error_handling(ran: Runs) -> None:
    out = finished(ran, "error_handling")
    assert re.search(
        r"NotFoundError: code=NotFoundException status=404 retryable=False "
        r"operation=GetCampaign request_id=\S+ message=",
        out,
    )
    assert "request_id=None" not in out.split("2. ")[0]
    assert (
        "caught ClientError: Error.Code=NotFoundException, HTTP 404, is NotFoundError: True" in out
    )
    assert "builder:  path=holdout_percent" in out
    assert "client:   path=create_application_request.name" in out
    assert "endpoint: path=endpoint_id" in out
    assert "BadRequestError: code=BadRequestException status=400" in out
    assert "ConflictError: code=ConflictException status=409" in out
    assert "TooManyRequestsError: code=TooManyRequestsException status=429 retryable=True" in out


def test_messaging(ran: Runs) -> None:
    out = finished(ran, "messaging")
    assert re.search(r"\+12065550100\s+SUCCESSFUL\s+200", out)
    assert re.search(r"ana@example.com\s+SUCCESSFUL\s+200", out)
    assert re.search(r"555-0100\s+PERMANENT_FAILURE\s+400", out)
    assert re.search(r"not-an-email\s+PERMANENT_FAILURE\s+400", out)
    assert "accepted 2, failed 2: ['555-0100', 'not-an-email']" in out
    assert "sent OTP to +12065550100: ok=True" in out
    assert re.search(r"verify wrong code 000000: False", out)
    assert re.search(r"verify right code:\s+True", out)
    assert re.search(r"\+1 555 0100\s+-> type=INVALID", out)


# --------------------------------------------------------------------------- live switch

LIVE_SCRIPTS = [
    "quickstart.py",
    "journey_builder.py",
    "bulk_endpoints.py",
    "event_ingestion.py",
    "error_handling.py",
]


@pytest.mark.parametrize("script", LIVE_SCRIPTS)
def test_aws_flag_without_credentials_fails_loudly(script: str, tmp_path: Path) -> None:
    proc = run(script, "--aws", env=_base_env(tmp_path), expect=None)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "live mode" in proc.stderr and "credentials" in proc.stderr
    assert "offline" not in proc.stdout
    assert "Traceback" not in proc.stderr


def test_live_env_var_is_the_same_switch(tmp_path: Path) -> None:
    env = _base_env(tmp_path) | {"PINPOINT_SDK_LIVE": "1"}
    proc = run("quickstart.py", env=env, expect=None)
    assert proc.returncode == 2
    assert "needs AWS credentials" in proc.stderr
    assert "offline" not in proc.stdout


def test_live_with_credentials_goes_live_and_reports_the_failed_call(tmp_path: Path) -> None:
    # Credentials present, endpoint unreachable: the script must try AWS (and fail fast),
    # not quietly use the in-memory double.
    env = _offline_env(tmp_path)
    proc = run("quickstart.py", "--aws", env=env, expect=None)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "LIVE: running against real AWS in us-east-1" in proc.stdout
    # EndpointConnectionError, or ProxyConnectionError through the dead proxy.
    assert re.search(r"error: live call failed: \w+ConnectionError", proc.stderr)
    assert "127.0.0.1:9" in proc.stderr
    assert "app:" not in proc.stdout


@pytest.mark.parametrize(
    ("script", "needs"),
    [("import_job.py", "--s3-url and --role-arn"), ("messaging.py", "--app-id, --phone")],
)
def test_live_runs_that_need_real_resources_ask_for_them(
    script: str, needs: str, tmp_path: Path
) -> None:
    proc = run(script, "--aws", env=_offline_env(tmp_path), expect=None)
    assert proc.returncode == 2
    assert needs in proc.stderr
    assert "offline" not in proc.stdout
