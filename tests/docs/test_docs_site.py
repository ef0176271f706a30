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


def _build_one_module_site(tmp_path: Path, docstring: str) -> subprocess.CompletedProcess[str]:
    """Build a one-page site documenting a module whose function has ``docstring``."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Probe\n\n::: probe\n")
    (tmp_path / "probe.py").write_text(f'def f() -> None:\n    """{docstring}"""\n')
    extension = ROOT / "docs" / "_griffe" / "markdown_docstrings.py"
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: probe\n"
        "plugins:\n"
        "  - mkdocstrings:\n"
        "      handlers:\n"
        "        python:\n"
        "          paths: [.]\n"
        "          options:\n"
        f"            extensions: ['{extension}:MarkdownDocstrings']\n"
        "            docstring_style: google\n"
    )
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("docstring", "reported"),
    [
        ("Return a :class:`Thing`.", "Sphinx role :class:`Thing`"),
        ("Return a thing.\n\n    Example::\n\n        f()\n    ", "reST literal block marker"),
    ],
    ids=["role", "literal-block"],
)
def test_the_strict_build_fails_on_rest_left_in_a_docstring(
    tmp_path: Path, docstring: str, reported: str
) -> None:
    done = _build_one_module_site(tmp_path, docstring)
    assert done.returncode != 0
    assert "probe.f: line" in done.stderr
    assert reported in done.stderr


def test_the_same_site_builds_when_the_docstring_is_markdown(tmp_path: Path) -> None:
    markdown = "Return a `Thing`.\n\n    Examples:\n        ```python\n        f()\n        ```\n    "
    done = _build_one_module_site(tmp_path, markdown)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "site" / "index.html").is_file()


_RAW = re.compile(
    r"```|>>>|&gt;&gt;&gt;|:(?:py:)?(?:class|meth|func|attr|mod|exc|data|obj):`"
    r"|<p>(?:Args|Arguments|Parameters|Returns|Raises|Yields|Examples?|Attributes|Notes?):\s*</p>"
)


def test_reference_pages_render_docstrings_as_code_and_sections(site: Path) -> None:
    # Text outside code blocks and section titles must hold no unrendered fence, doctest
    # prompt, Sphinx role or Google section header left as a plain paragraph.
    raw = []
    pages = sorted((site / "reference").rglob("index.html"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        text = re.sub(r"<pre.*?</pre>|<code.*?</code>", " ", text, flags=re.S)
        raw += [f"{page.relative_to(site)}: {m[0]}" for m in _RAW.finditer(text)]
    assert len(pages) > 20
    assert raw == []
    builders = _html(site, DOCS / "reference" / "builders.md")
    assert builders.count('<span class="doc-section-title">Examples:</span>') >= 1
    assert '<div class="highlight"><pre>' in builders
