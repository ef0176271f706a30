"""The README's commands and code are the ones that work."""

from __future__ import annotations

import re
from pathlib import Path

from pinpoint_sdk.testing import mock_pinpoint

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, re.S)


def test_setup_is_exactly_the_install_and_the_test_command() -> None:
    setup = README.split("## Set up", 1)[1].split("##", 1)[0]
    assert re.findall(r"```bash\n(.*?)```", setup, re.S) == [
        "python -m pip install -e '.[dev]'\npython -m pytest\n"
    ]


def test_quick_start_runs_the_offline_example() -> None:
    assert "python examples/quickstart.py\n" in _blocks("bash")
    assert (Path(__file__).resolve().parent.parent / "examples" / "quickstart.py").is_file()


def test_quick_start_code_runs_against_the_offline_double() -> None:
    (code,) = _blocks("python")
    with mock_pinpoint():
        namespace: dict[str, object] = {}
        exec(compile(code, "README.md", "exec"), namespace)
    result = namespace["result"]
    assert getattr(result, "succeeded", None) == 250
    assert getattr(result, "failed", None) == []


def test_readme_and_docs_spell_a_campaign_state_one_way() -> None:
    # `campaign.state` (a plain string such as "COMPLETED") is what users see first; the
    # model spelling `campaign.data.state` shows `CampaignState(campaign_status=...)`.
    root = Path(__file__).resolve().parent.parent
    pages = [root / "README.md", *sorted((root / "docs").rglob("*.md")),
             *sorted((root / "examples").glob("*.py")), root / "examples" / "tour.ipynb"]  # fmt: skip
    assert "campaign.state" in README
    assert [str(p.relative_to(root)) for p in pages if ".data.state" in p.read_text()] == []
