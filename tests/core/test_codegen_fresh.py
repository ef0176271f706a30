"""The checked-in generated code is exactly what the generator produces today, laid out by
the formatter the repository uses."""

from __future__ import annotations

import subprocess
import sys
from functools import cache
from pathlib import Path

from codegen.__main__ import GENERATED_DIRS, generate

ROOT = Path(__file__).resolve().parents[2]


@cache
def _generated() -> dict[str, str]:
    return generate()


def test_generated_files_match_a_fresh_generation() -> None:
    files = _generated()
    stale = [
        path
        for path, text in sorted(files.items())
        if not (ROOT / path).is_file() or (ROOT / path).read_text(encoding="utf-8") != text
    ]
    assert stale == [], f"regenerate with `python -m codegen`: {stale}"


def test_no_leftover_modules_in_generated_packages() -> None:
    files = _generated()
    leftovers = [
        path.relative_to(ROOT).as_posix()
        for folder in GENERATED_DIRS
        for path in sorted((ROOT / folder).glob("*.py"))
        if path.relative_to(ROOT).as_posix() not in files
    ]
    assert leftovers == []


def test_generator_covers_client_schema_enums_models_codec_and_fields() -> None:
    files = _generated()
    for path in ("pinpoint_sdk/client.py", "pinpoint_sdk/_schema.py", "pinpoint_sdk/enums.py",
                 "pinpoint_sdk/_fields.py", "pinpoint_sdk/models/__init__.py",
                 "pinpoint_sdk/_codec/__init__.py"):
        assert path in files
    assert not (ROOT / "pinpoint_sdk/_spec.py").exists()


def test_every_generated_file_is_clean_under_ruff_format_check() -> None:
    paths = sorted(_generated())
    assert any(p.startswith("pinpoint_sdk/models/_") for p in paths)
    assert any(p.startswith("pinpoint_sdk/_codec/_") for p in paths)
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", *paths],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
