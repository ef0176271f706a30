"""``pinpoint-sdk support [OPERATION]`` in a subprocess."""

from __future__ import annotations

import subprocess
import sys

from pinpoint_sdk.support import render_markdown


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pinpoint_sdk", "support", *args],
        capture_output=True, text=True, timeout=120,
    )


def test_one_ended_operation_prints_its_date_successor_and_source() -> None:
    result = _run("create_journey")

    assert result.returncode == 0, result.stderr
    assert "CreateJourney (journeys) ended" in result.stdout
    assert "2026-10-30" in result.stdout
    assert "Amazon Connect outbound campaigns" in result.stdout
    assert "https://docs.aws.amazon.com/pinpoint/latest/userguide/migrate.html" in result.stdout


def test_one_continuing_operation_by_its_pascal_case_name() -> None:
    result = _run("SendOTPMessage")

    assert result.returncode == 0, result.stderr
    assert "SendOTPMessage (one-time passwords) continues as AWS End User Messaging SMS" in (
        result.stdout
    )


def test_an_unknown_operation_exits_2_with_suggestions() -> None:
    result = _run("create_journy")

    assert result.returncode == 2
    assert "no operation 'create_journy'" in result.stderr
    assert "create_journey" in result.stderr
    assert result.stdout == ""


def test_without_an_operation_it_lists_all_122() -> None:
    result = _run()

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    rows = lines[: lines.index("")]
    assert len(rows) == 122
    assert all(" ended 2026-10-30 " in row or " continues " in row for row in rows)
    assert lines[-1] == "83 of 122 operations ended on 2026-10-30; 39 continue."


def test_markdown_prints_the_docs_page() -> None:
    result = _run("--markdown")

    assert result.returncode == 0, result.stderr
    assert result.stdout == render_markdown()


def test_a_reader_that_stops_early_ends_the_listing_quietly() -> None:
    # `pinpoint-sdk support | head -1`: the pipe closes before the listing is written.
    process = subprocess.Popen(
        [sys.executable, "-m", "pinpoint_sdk", "support"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert process.stdout is not None
    process.stdout.close()
    _, stderr = process.communicate(timeout=120)

    assert "Traceback" not in stderr, stderr
    assert stderr == ""
    assert process.returncode == 1
