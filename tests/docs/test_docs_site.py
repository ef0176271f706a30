"""The reference site builds strictly and shows every public method of every public class."""

from __future__ import annotations

import importlib
import inspect
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("mkdocs")
pytest.importorskip("mkdocstrings_handlers.python")

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
_DIRECTIVE = re.compile(r"^::: ([\w.]+)\n((?:    .*\n)*)", re.MULTILINE)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return out


def _html(site: Path, page: Path) -> str:
    relative = page.relative_to(DOCS)
    folder = relative.parent if relative.name == "index.md" else relative.with_suffix("")
    return (site / folder / "index.html").read_text(encoding="utf-8")


def _public_members(cls: type) -> Iterator[str]:
    """Public methods and properties the SDK defines on ``cls`` or its own base classes."""
    for name in dir(cls):
        if name.startswith("_"):
            continue
        owner = next(k for k in cls.__mro__ if name in vars(k))
        if not owner.__module__.startswith("pinpoint_sdk"):
            continue  # object, Exception, str, attrs: not ours to document
        raw = vars(owner)[name]
        if isinstance(raw, property | classmethod | staticmethod) or inspect.isfunction(raw):
            yield name


def _documented_classes() -> Iterator[tuple[Path, str, str, type]]:
    for page in sorted((DOCS / "reference").rglob("*.md")):
        for target, options in _DIRECTIVE.findall(page.read_text(encoding="utf-8")):
            if "members: false" in options:
                continue  # the package page: its names are documented on their own pages
            module = importlib.import_module(target)
            names = getattr(module, "__all__", None) or [n for n in vars(module) if n[0] != "_"]
            for name in names:
                obj = getattr(module, name)
                if inspect.isclass(obj) and obj.__module__.startswith("pinpoint_sdk"):
                    yield page, target, name, obj


def test_the_site_builds_with_strict_checks(site: Path) -> None:
    assert (site / "reference" / "builders" / "index.html").is_file()


def test_segment_builder_page_shows_its_criteria_methods(site: Path) -> None:
    html = _html(site, DOCS / "reference" / "builders.md")
    for method in ("channel", "attribute", "user_attribute", "metric", "recency", "location"):
        assert f'id="pinpoint_sdk.builders.SegmentBuilder.{method}"' in html


def test_every_public_method_of_every_public_class_is_on_its_page(site: Path) -> None:
    missing = []
    classes = 0
    for page, target, name, cls in _documented_classes():
        classes += 1
        ids = set(re.findall(r'id="([^"]+)"', _html(site, page)))
        missing += [
            f"{page.relative_to(DOCS)}: {target}.{name}.{member}"
            for member in _public_members(cls)
            if f"{target}.{name}.{member}" not in ids
        ]
    assert classes > 300
    assert missing == []
