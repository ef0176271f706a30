"""Helpers for builder tests: botocore's own validator and error extraction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import botocore.session
import botocore.validate
import pytest

from pinpoint_sdk.converter import unstructure
from pinpoint_sdk.errors import ValidationError

_SERVICE = botocore.session.get_session().get_service_model("pinpoint")
_MEMBER = {
    "CreateJourney": "WriteJourneyRequest",
    "CreateCampaign": "WriteCampaignRequest",
    "CreateSegment": "WriteSegmentRequest",
}


def botocore_errors(operation: str, request: Any) -> str:
    """botocore's validation report for ``request`` sent as ``operation`` ('' if valid)."""
    params = {"ApplicationId": "a", _MEMBER[operation]: unstructure(request)}
    shape = _SERVICE.operation_model(operation).input_shape
    report = botocore.validate.ParamValidator().validate(params, shape)
    return str(report.generate_report()) if report.has_errors() else ""


def assert_valid_for(operation: str, request: Any) -> None:
    """Assert that botocore accepts ``request`` as the body of ``operation``."""
    assert botocore_errors(operation, request) == ""


def problems_of(build: Callable[[], Any]) -> list[tuple[str, str]]:
    """The (path, message) pairs a failing ``build`` raises."""
    with pytest.raises(ValidationError) as info:
        build()
    return info.value.errors
