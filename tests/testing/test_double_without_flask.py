"""The `testing` extra installs moto without its `server` extra, so without Flask.

`mock_pinpoint()` must work there; only serving over HTTP needs moto's server
dependencies, and asking for it says which to install.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_WITHOUT_FLASK = """\
import sys
for name in ("flask", "flask_cors"):
    sys.modules[name] = None   # what an environment without moto[server] looks like
import warnings
warnings.simplefilter("ignore")
"""


def _run(code: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    }
    return subprocess.run(
        [sys.executable, "-c", _WITHOUT_FLASK + textwrap.dedent(code)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )


def test_the_testing_extra_does_not_bring_flask() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    (moto,) = project["project"]["optional-dependencies"]["testing"]
    assert moto.startswith("moto>"), moto


def test_mock_pinpoint_works_without_flask_and_server_names_what_to_install() -> None:
    done = _run("""
        from pinpoint_sdk import Pinpoint
        from pinpoint_sdk.testing import mock_pinpoint, server

        with mock_pinpoint():
            print(Pinpoint(region_name="us-east-1").apps.create("shop").name)
        try:
            with server():
                pass
        except ImportError as error:
            print("ImportError:", error)
    """)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "shop"
    assert lines[1].startswith("ImportError: serving the offline Pinpoint over HTTP needs")
    assert "python -m pip install 'moto[server]'" in lines[1]


def test_pytest_plugin_loads_without_flask() -> None:
    done = _run("""
        import pinpoint_sdk.testing.pytest_plugin as plugin
        print(sorted(plugin.__all__))
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['pinpoint_mock', 'pinpoint_server']"


def test_cli_serve_without_flask_is_a_setup_error_naming_moto_server() -> None:
    done = _run("""
        import pinpoint_sdk.cli
        raise SystemExit(pinpoint_sdk.cli.main(["serve", "--port", "0"]))
    """)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("moto[server]") == 1, done.stderr
    assert "Serving" not in done.stdout
