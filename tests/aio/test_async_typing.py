"""The async usage example passes ``mypy --strict``, and a misuse of it does not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def test_async_usage_passes_mypy_strict(tmp_path: Path) -> None:
    result = _mypy(ROOT / "tests/aio/typing_usage.py", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_forgetting_await_or_async_for_is_a_type_error(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.py"
    wrong.write_text(
        "from pinpoint_sdk.aio import AsyncPinpointClient\n"
        "async def f(client: AsyncPinpointClient) -> None:\n"
        "    apps = client.get_apps()\n"
        "    print(apps.applications_response)\n"
        "    for page in client.get_apps_pages():\n"
        "        print(page)\n"
    )
    result = _mypy(wrong, tmp_path)
    assert result.returncode == 1
    assert '"Coroutine[Any, Any, GetAppsResponse]" has no attribute' in result.stdout
    assert '"AsyncIterator[GetAppsResponse]" has no attribute "__iter__"' in result.stdout
