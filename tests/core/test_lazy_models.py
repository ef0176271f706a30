"""Model classes are built by attrs on first use, one class at a time."""

from __future__ import annotations

import pickle
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import attrs
import pytest

from pinpoint_sdk import models
from pinpoint_sdk.models import _campaigns

ROOT = Path(__file__).resolve().parents[2]


def test_first_use_of_a_model_builds_that_class_only() -> None:
    program = (
        "import sys\n"
        "from pinpoint_sdk import models\n"
        "models.CampaignResponse\n"
        "group = sys.modules['pinpoint_sdk.models._campaigns']\n"
        "print(sorted(n for n in group.__all__ if n in vars(group)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.split() == ["['CampaignResponse']"]


def test_a_model_built_on_first_use_is_a_full_attrs_class() -> None:
    cls = _campaigns.Schedule
    assert attrs.has(cls)
    assert cls is models.Schedule is _campaigns.Schedule
    assert "Schedule" in dir(_campaigns)
    schedule = cls(start_time="2026-01-01T00:00:00Z")
    assert attrs.evolve(schedule, timezone="UTC").timezone == "UTC"
    assert pickle.loads(pickle.dumps(schedule)) == schedule


def test_threads_racing_for_a_class_get_the_same_one() -> None:
    program = (
        "from concurrent.futures import ThreadPoolExecutor\n"
        "from pinpoint_sdk import models\n"
        "with ThreadPoolExecutor(8) as pool:\n"
        "    found = set(pool.map(lambda _: id(models.WriteCampaignRequest), range(64)))\n"
        "print(len(found))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "1"
    with ThreadPoolExecutor(4) as pool:
        assert len(set(pool.map(lambda _: models.CampaignState, range(16)))) == 1


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="CampaignRespons"):
        getattr(_campaigns, "CampaignRespons")  # noqa: B009
