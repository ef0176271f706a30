"""The checked-in generated code is exactly what the generator produces today."""

from __future__ import annotations

from pathlib import Path

from codegen.emit import render_all
from codegen.service import load_service

ROOT = Path(__file__).resolve().parents[2]
GENERATED_DIRS = ("pinpoint_sdk/models", "pinpoint_sdk/_codec")


def test_generated_files_match_a_fresh_generation() -> None:
    files = render_all(load_service())
    stale = [
        path
        for path, text in sorted(files.items())
        if not (ROOT / path).is_file() or (ROOT / path).read_text(encoding="utf-8") != text
    ]
    assert stale == [], f"regenerate with `python -m codegen`: {stale}"


def test_no_leftover_modules_in_generated_packages() -> None:
    files = render_all(load_service())
    leftovers = [
        path.relative_to(ROOT).as_posix()
        for folder in GENERATED_DIRS
        for path in sorted((ROOT / folder).glob("*.py"))
        if path.relative_to(ROOT).as_posix() not in files
    ]
    assert leftovers == []


def test_generator_covers_client_spec_and_enums() -> None:
    files = render_all(load_service())
    for path in ("pinpoint_sdk/client.py", "pinpoint_sdk/_spec.py", "pinpoint_sdk/enums.py"):
        assert path in files
