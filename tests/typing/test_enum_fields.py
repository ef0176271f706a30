"""Enum-typed fields are typed as their enum to both type checkers, mypy and pyright.

A user file reads ``campaign.data.state.campaign_status``: both checkers see
``CampaignStatus | None`` (a revealed type, an assignment to an enum variable that passes),
assigning it to an ``int`` is an error, and constructors take the enum or its string but not
a number. pyright runs as ``basedpyright`` (the ``dev`` extra), which ships its own Node.js
and so runs offline.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

GOOD = """\
from __future__ import annotations

from pinpoint_sdk import enums, models
from pinpoint_sdk.resources import Campaign


def read(campaign: Campaign) -> list[enums.CampaignStatus | None]:
    state = campaign.data.state
    assert state is not None
    status: enums.CampaignStatus | None = state.campaign_status
    reveal_type(state.campaign_status)
    built = models.CampaignState(campaign_status="PAUSED").campaign_status
    member = models.CampaignState(campaign_status=enums.CampaignStatus.PAUSED).campaign_status
    delivery = models.CustomDeliveryConfiguration(endpoint_types=["SMS"])
    reveal_type(delivery.endpoint_types)
    return [status, built, member]
"""

BAD = """\
from __future__ import annotations

from pinpoint_sdk import models
from pinpoint_sdk.resources import Campaign


def read(campaign: Campaign) -> None:
    state = campaign.data.state
    assert state is not None
    number: int | None = state.campaign_status  # E
    print(number, models.CampaignState(campaign_status=3))  # E
"""

ERROR_LINES = {n for n, line in enumerate(BAD.splitlines(), start=1) if line.endswith("# E")}


def _write(tmp_path: Path) -> None:
    (tmp_path / "good.py").write_text(GOOD)
    (tmp_path / "bad.py").write_text(BAD)


def test_mypy_sees_the_enum_on_reads_and_strings_accepted_by_constructors(
    tmp_path: Path,
) -> None:
    _write(tmp_path)
    result = subprocess.run(
        [
            sys.executable, "-m", "mypy", "--strict", "--no-incremental",
            "--show-error-codes", "--no-error-summary", "--hide-error-context",
            "--cache-dir", str(tmp_path / "cache"), "good.py", "bad.py",
        ],
        cwd=tmp_path,
        env={**os.environ, "MYPYPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert not result.stderr, result.stderr
    lines = result.stdout.splitlines()
    assert [line for line in lines if line.startswith("good.py") and ": error:" in line] == []
    assert [line.split(": ", 2)[2] for line in lines if line.startswith("good.py")] == [
        'Revealed type is "pinpoint_sdk.enums.CampaignStatus | None"',
        'Revealed type is "list[pinpoint_sdk.enums.EndpointTypesElement] | None"',
    ], result.stdout
    bad = {int(line.split(":")[1]) for line in lines if line.startswith("bad.py")}
    assert bad == ERROR_LINES, result.stdout
    assert "[assignment]" in result.stdout and "[arg-type]" in result.stdout


def test_pyright_sees_the_enum_on_reads_and_strings_accepted_by_constructors(
    tmp_path: Path,
) -> None:
    checker = shutil.which("basedpyright", path=str(Path(sys.executable).parent))
    assert checker is not None, "install the dev extra: basedpyright"
    _write(tmp_path)
    (tmp_path / "pyrightconfig.json").write_text(json.dumps({
        "typeCheckingMode": "standard",
        "pythonVersion": "3.11",
        # The package under test is this checkout's, not an installed copy.
        "extraPaths": [str(ROOT)],
    }))
    result = subprocess.run(
        [checker, "--outputjson", "--pythonpath", sys.executable, "good.py", "bad.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(result.stdout)
    found = [
        (Path(d["file"]).name, d["range"]["start"]["line"] + 1, d["severity"], d["message"])
        for d in report["generalDiagnostics"]
    ]
    assert [f for f in found if f[0] == "good.py" and f[2] == "error"] == [], found
    revealed = [f[3] for f in found if f[0] == "good.py" and f[2] == "information"]
    assert revealed == [
        'Type of "state.campaign_status" is "CampaignStatus | None"',
        'Type of "delivery.endpoint_types" is "list[EndpointTypesElement] | None"',
    ], found
    errors = [f for f in found if f[0] == "bad.py" and f[2] == "error"]
    assert {f[1] for f in errors} == ERROR_LINES, found
    assert any('"int | None"' in f[3] for f in errors)
    assert any('"Literal[3]"' in f[3] for f in errors)
