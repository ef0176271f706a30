"""The generated codec: an explicit registry read by the converter, one conversion per
member list, and structure calls that leave the garbage collector as they found it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs

from pinpoint_sdk import _codec, models
from pinpoint_sdk._codec import _shared
from pinpoint_sdk.converter import (
    converter,
    default_structure_hook,
    default_unstructure_hook,
    structure,
    unstructure,
)

ROOT = Path(__file__).resolve().parents[2]


def test_every_model_module_has_a_codec_module_and_every_class_registers() -> None:
    for name in models.__all__:
        cls = getattr(models, name)
        codec = _codec.codec_for(cls)
        assert codec.cls is cls
        assert _codec.REGISTRY[cls] is codec
        assert default_structure_hook(cls) is codec.structure
        assert default_unstructure_hook(cls) is codec.unstructure
        # The slots nested members go through are named in the registry, not guessed.
        assert codec.namespace[codec.structure_slot] is codec.structure
        assert codec.namespace[codec.unstructure_slot] is codec.unstructure


def test_codec_modules_load_lazily_per_group() -> None:
    out = subprocess.run(
        [sys.executable, "-c",
         "import sys\n"
         "from pinpoint_sdk import models\n"
         "from pinpoint_sdk.converter import structure\n"
         "from pinpoint_sdk._codec import REGISTRY\n"
         "before = len(REGISTRY)\n"
         "structure({'tags': {'a': 'b'}}, models.TagsModel)\n"
         "loaded = sorted(m for m in sys.modules if m.startswith('pinpoint_sdk._codec._'))\n"
         "print(before, loaded, models.TagsModel in REGISTRY,\n"
         "      models.CampaignResponse in REGISTRY)\n"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["0", "['pinpoint_sdk._codec._tags']", "True", "False"]


def test_shapes_with_the_same_members_share_one_conversion() -> None:
    get = _codec.codec_for(models.GetAppRequest)
    delete = _codec.codec_for(models.DeleteAppRequest)
    stream = _codec.codec_for(models.GetEventStreamRequest)  # another group
    assert get.structure.__code__ is delete.structure.__code__ is stream.structure.__code__
    assert get.unstructure.__code__ is stream.unstructure.__code__
    assert get.structure.__code__ is _shared._codec_DeleteAdmChannelRequest(
        models.GetAppRequest
    )[0].__code__
    # ... made for each class: each builds and accepts its own.
    built = structure({"ApplicationId": "a", "New": 1}, models.GetEventStreamRequest)
    assert type(built) is models.GetEventStreamRequest
    assert unstructure(built) == {"ApplicationId": "a", "New": 1}
    other = models.DeleteAppRequest(application_id="a")
    assert stream.unstructure(other) is other  # not its class: left to the caller
    assert unstructure(other) == {"ApplicationId": "a"}


def test_a_shared_conversion_names_its_own_class_in_errors() -> None:
    try:
        structure("oops", models.GetEventStreamRequest)  # type: ignore[arg-type]
    except TypeError as error:
        assert "GetEventStreamRequest" in str(error)
    else:
        raise AssertionError("a non-object was structured")


def test_a_user_hooks_error_reaches_the_caller() -> None:
    def fail(data: Any, cls: type) -> Any:
        raise RuntimeError("hook failed")

    converter.register_structure_hook(models.QuietTime, fail)
    try:
        structure({"QuietTime": {"Start": "22:00"}}, models.Schedule)
    except RuntimeError as error:
        assert str(error) == "hook failed"
    else:
        raise AssertionError("the hook's error was swallowed")
    finally:
        converter.register_structure_hook(
            models.QuietTime, default_structure_hook(models.QuietTime)
        )


def test_enum_fields_convert_in_constructors_but_assignment_stays_a_plain_store() -> None:
    # No __setattr__ is generated for models with enum fields (the codec's fast path).
    assert models.CampaignState.__setattr__ is object.__setattr__
    field = attrs.fields(models.CampaignState).campaign_status
    assert field.converter is not None
