"""Regenerate the checked-in code from the botocore service model.

Usage::

    python -m codegen            # rewrite the generated files in this repository
    python -m codegen --check    # exit 1 and list the files that are out of date
    python -m codegen --out DIR  # write the generated tree under DIR instead
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from codegen.emit import render_all
from codegen.service import load_service

ROOT = Path(__file__).resolve().parent.parent
GENERATED_DIRS = ("pinpoint_sdk/models", "pinpoint_sdk/_codec")


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
    files = render_all(load_service())
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
