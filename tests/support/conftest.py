"""Fixtures of the end-of-support tests: each test starts with no operation warned yet."""

from __future__ import annotations

import pytest

from pinpoint_sdk import support


@pytest.fixture(autouse=True)
def _nothing_warned_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(support, "_warned", set())
