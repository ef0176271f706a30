"""The three request builders share one base for copy/validate/build/notebook/from_model,
set unknown keys through the public ``unknown_fields=``, and chain as ``Self``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pinpoint_sdk import errors, models
from pinpoint_sdk.builders import CampaignBuilder, JourneyBuilder, SegmentBuilder
from pinpoint_sdk.builders._base import RequestBuilder

ROOT = Path(__file__).resolve().parents[2]
BUILDERS = [CampaignBuilder, JourneyBuilder, SegmentBuilder]


@pytest.mark.parametrize("cls", BUILDERS)
def test_every_builder_uses_the_shared_output_methods(cls: type[RequestBuilder[object, object]]
                                                      ) -> None:
    assert issubclass(cls, RequestBuilder)
    for name in ("copy", "validate", "build", "_repr_html_"):
        assert getattr(cls, name) is getattr(RequestBuilder, name), name


def _models() -> list[tuple[type[RequestBuilder[object, object]], object]]:
    extra = {"NewMember": {"Nested": [1, 2]}}
    return [
        (CampaignBuilder, models.WriteCampaignRequest(
            name="c", segment_id="s1", schedule=models.Schedule(start_time="IMMEDIATE"),
            template_configuration=models.TemplateConfiguration(
                email_template=models.Template(name="welcome")),
            unknown_fields=dict(extra))),
        (JourneyBuilder, models.JourneyResponse(
            name="j", application_id="a", id="j1", start_activity="a",
            activities={"a": models.Activity(wait=models.WaitActivity(
                wait_time=models.WaitTime(wait_for="P1D")))},
            unknown_fields=dict(extra))),
        (SegmentBuilder, models.WriteSegmentRequest(
            name="s", dimensions=models.SegmentDimensions(
                demographic=models.SegmentDemographics(
                    channel=models.SetDimension(values=["EMAIL"]))),
            unknown_fields=dict(extra))),
    ]


@pytest.mark.parametrize(("cls", "model"), _models())
def test_from_model_keeps_unknown_keys_and_each_build_owns_them(
    cls: type[RequestBuilder[object, object]], model: object
) -> None:
    builder = cls.from_model(model)
    assert type(builder) is cls
    if builder.validate():
        pytest.fail(f"{cls.__name__}: {builder.validate()}")
    first, second = builder.build(), builder.build()

    assert first._unknown == {"NewMember": {"Nested": [1, 2]}}  # type: ignore[attr-defined]
    first._unknown["NewMember"]["Nested"].append(3)  # type: ignore[attr-defined]
    assert second._unknown == {"NewMember": {"Nested": [1, 2]}}  # type: ignore[attr-defined]
    copied = builder.copy()
    assert type(copied) is cls and copied is not builder
    assert copied.build() == second


def test_shared_build_raises_every_problem() -> None:
    with pytest.raises(errors.ValidationError) as caught:
        JourneyBuilder("").start("missing").build()
    assert len(caught.value.errors) >= 2  # type: ignore[attr-defined]


SUBCLASS = '''
from typing_extensions import reveal_type
from pinpoint_sdk.builders import CampaignBuilder, JourneyBuilder, SegmentBuilder


class MyCampaign(CampaignBuilder):
    def house_style(self) -> "MyCampaign":
        return self.holdout(5)


class MyJourney(JourneyBuilder):
    pass


class MySegment(SegmentBuilder):
    pass


reveal_type(MyCampaign("c").segment("s").priority(1))
reveal_type(MyCampaign.from_model(MyCampaign("c").build()).copy())
reveal_type(MyJourney("j").start("a").wait("a", "P1D"))
reveal_type(MySegment("s").channel("EMAIL").tags({}))
'''


def test_chained_calls_keep_a_subclass_type_for_mypy(tmp_path: Path) -> None:
    (tmp_path / "sub.py").write_text(SUBCLASS)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--no-error-summary",
         "--cache-dir", str(tmp_path / "cache"), "sub.py"],
        cwd=tmp_path, env={**os.environ, "MYPYPATH": str(ROOT)},
        capture_output=True, text=True, timeout=600, check=False,
    )
    revealed = [line.split("Revealed type is ", 1)[1].strip('"')
                for line in result.stdout.splitlines() if "Revealed type is" in line]
    assert revealed == ["sub.MyCampaign", "sub.MyCampaign", "sub.MyJourney", "sub.MySegment"], \
        result.stdout
    assert not [line for line in result.stdout.splitlines()
                if line.startswith("sub.py") and "error:" in line], result.stdout
