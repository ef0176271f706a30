"""Regenerate the checked-in code from the botocore service model.

Usage::

    python -m codegen            # rewrite the generated files in this repository
    python -m codegen --check    # exit 1 and list the files that are out of date
    python -m codegen --out DIR  # write the generated tree under DIR instead

Every generated file is laid out by ``ruff format`` with the repository's configuration,
and ``--check`` compares that formatted text.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from codegen.emit import render_all
from codegen.service import Service, load_service

ROOT = Path(__file__).resolve().parent.parent
GENERATED_DIRS = ("pinpoint_sdk/models", "pinpoint_sdk/_codec")
RUFF_CONFIG = ROOT / "pyproject.toml"


def ruff_format(files: dict[str, str]) -> dict[str, str]:
    """``files`` (path -> text) as ``ruff format`` lays them out with the repository's
    configuration (line length 100), formatted in one run in a scratch directory."""
    with tempfile.TemporaryDirectory(prefix="codegen-") as scratch:
        base = Path(scratch)
        for path, text in files.items():
            target = base / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "ruff", "format", "--config", str(RUFF_CONFIG),
             "--quiet", *files],
            cwd=base, capture_output=True, text=True, check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"ruff format failed on the generated code:\n{result.stderr}")
        return {path: (base / path).read_text(encoding="utf-8") for path in files}


def generate(service: Service | None = None) -> dict[str, str]:
    """Every generated file, formatted, keyed by its path relative to the repository root."""
    return ruff_format(render_all(service if service is not None else load_service()))


def stale_files(root: Path, files: dict[str, str]) -> list[str]:
    """Paths under ``root`` whose content differs from ``files``, plus leftovers."""
    stale = [
        path
        for path, text in files.items()
        if not (root / path).is_file() or (root / path).read_text(encoding="utf-8") != text
    ]
    for folder in GENERATED_DIRS:
        for path in sorted((root / folder).glob("*.py")):
            rel = path.relative_to(root).as_posix()
            if rel not in files:
                stale.append(rel)
    return stale


def write(root: Path, files: dict[str, str]) -> None:
    for folder in GENERATED_DIRS:
        for path in (root / folder).glob("*.py"):
            if path.relative_to(root).as_posix() not in files:
                path.unlink()
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__)
    parser.add_argument("--check", action="store_true", help="only report stale files")
    parser.add_argument("--out", type=Path, default=ROOT, help="repository root to write")
    args = parser.parse_args(argv)
    files = generate()
    if args.check:
        stale = stale_files(args.out, files)
        for path in stale:
            print(f"stale: {path}")
        return 1 if stale else 0
    write(args.out, files)
    print(f"wrote {len(files)} files under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
