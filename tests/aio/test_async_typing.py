"""The async usage example passes ``mypy --strict``, and a misuse of it does not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _mypy(path: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable, "-m", "mypy", "--strict", "--no-incremental",
            "--cache-dir", str(tmp_path / "mypy-cache"), str(path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("usage", ["typing_usage.py", "typing_resources_usage.py"])
def test_async_usage_passes_mypy_strict(tmp_path: Path, usage: str) -> None:
    result = _mypy(ROOT / "tests/aio" / usage, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def _refused(tmp_path: Path, source: str) -> str:
    """mypy's report on ``source``, which it must refuse."""
    wrong = tmp_path / "wrong.py"
    wrong.write_text(source)
    result = _mypy(wrong, tmp_path)
    assert result.returncode == 1, result.stdout
    return result.stdout


def test_async_resources_need_await_and_typed_requests(tmp_path: Path) -> None:
    report = _refused(
        tmp_path,
        "from pinpoint_sdk import models\n"
        "from pinpoint_sdk.aio import AsyncApp\n"
        "async def f(app: AsyncApp) -> None:\n"
        "    campaign = app.campaigns.get('c-1')\n"
        "    print(campaign.data)\n"
        "    for segment in app.segments:\n"
        "        print(segment)\n"
        "    await app.segments.create(models.WriteCampaignRequest(name='x'))\n"
        "    await (await app.campaigns.get('c')).update(nmae='x')\n",
    )
    assert '"Coroutine[Any, Any, AsyncCampaign]" has no attribute "data"' in report
    assert '"AsyncSegmentCollection" has no attribute "__iter__"' in report
    assert 'incompatible type "WriteCampaignRequest"' in report
    assert 'Unexpected keyword argument "nmae"' in report


def test_forgetting_await_or_async_for_is_a_type_error(tmp_path: Path) -> None:
    report = _refused(
        tmp_path,
        "from pinpoint_sdk.aio import AsyncPinpointClient\n"
        "async def f(client: AsyncPinpointClient) -> None:\n"
        "    apps = client.get_apps()\n"
        "    print(apps.applications_response)\n"
        "    for page in client.get_apps_pages():\n"
        "        print(page)\n",
    )
    assert '"Coroutine[Any, Any, GetAppsResponse]" has no attribute' in report
    assert '"AsyncIterator[GetAppsResponse]" has no attribute "__iter__"' in report


def test_async_app_extras_are_typed_per_channel_and_keyword(tmp_path: Path) -> None:
    report = _refused(
        tmp_path,
        "from pinpoint_sdk import models\n"
        "from pinpoint_sdk.aio import AsyncApp\n"
        "async def f(app: AsyncApp) -> None:\n"
        "    await app.channels.sms.update(models.EmailChannelRequest())\n"
        "    await app.send_messages(adresses={'+15555550100': 'SMS'})\n"
        "    enabled = app.channels.sms.get().enabled\n",
    )
    assert 'incompatible type "EmailChannelRequest"' in report
    assert 'Unexpected keyword argument "adresses"' in report
    assert 'Coroutine[Any, Any, SMSChannelResponse]" has no attribute "enabled"' in report
