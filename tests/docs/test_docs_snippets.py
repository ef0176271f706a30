"""Every Python block of the README and the docs runs, page by page, against the double.

The blocks of one page run in order in one namespace (a page reads as one session),
inside `mock_pinpoint()`. Blocks of `>>>` lines run as doctests, so their output is
checked too. A block that is not meant to run says so on the line before its fence:
`<!-- not run: why -->`.
"""

from __future__ import annotations

import doctest
import inspect
import logging
import re
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from pinpoint_sdk import resources, waiters
from pinpoint_sdk.testing import mock_pinpoint

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
_FENCE = re.compile(r"^(?P<indent> *)```(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
                    re.MULTILINE | re.DOTALL)
_NOT_RUN = re.compile(r"<!-- not run: (?P<why>[^>]*\w[^>]*) -->\s*$")
_DOCTEST_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@dataclass
class Block:
    page: Path
    line: int
    code: str
    skipped_because: str | None


def _blocks(page: Path) -> list[Block]:
    text = page.read_text(encoding="utf-8")
    found = []
    for match in _FENCE.finditer(text):
        if match["info"].strip().split(" ")[0] not in ("python", "py", "pycon"):
            continue
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        skip = _NOT_RUN.search(before)
        found.append(
            Block(
                page=page,
                line=text.count("\n", 0, match.start()) + 1,
                code=textwrap.dedent(match["body"]),
                skipped_because=skip["why"] if skip else None,
            )
        )
    return found


def _name(page: Path) -> str:
    return str(page.relative_to(ROOT))


def _run(block: Block, namespace: dict[str, object]) -> None:
    where = f"{_name(block.page)}:{block.line}"
    if block.code.lstrip().startswith(">>>"):
        test = doctest.DocTestParser().get_doctest(block.code, namespace, where, where, 0)
        runner = doctest.DocTestRunner(optionflags=_DOCTEST_FLAGS)
        report: list[str] = []
        runner.run(test, out=report.append, clear_globs=False)
        assert runner.failures == 0, "".join(report)
        namespace.update(test.globs)  # DocTest ran on a copy; later blocks see its names
    else:
        exec(compile(block.code, where, "exec"), namespace)


@pytest.fixture
def instant_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Job waits in the docs poll every 15 s; here they run on a clock that sleeping moves."""
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    waits = {waiters.wait_for_job}
    for cls in vars(resources).values():
        if inspect.isclass(cls):
            waits |= {f for _, f in inspect.getmembers(cls, inspect.isfunction)}
    for wait in waits:
        defaults = wait.__kwdefaults__ or {}
        if defaults.get("sleep") is time.sleep:
            monkeypatch.setitem(defaults, "sleep", sleep)
            monkeypatch.setitem(defaults, "clock", lambda: now[0])


@pytest.mark.usefixtures("instant_waits")
@pytest.mark.parametrize(
    "page", [p for p in PAGES if any(not b.skipped_because for b in _blocks(p))], ids=_name
)
def test_the_python_blocks_of_the_page_run_offline(
    page: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    namespace: dict[str, object] = {"__name__": "__docs__"}
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        with mock_pinpoint():
            for block in _blocks(page):
                if block.skipped_because is None:
                    _run(block, namespace)
    finally:
        root.handlers[:], root.level = handlers, level  # pages may configure logging
    capsys.readouterr()


def test_only_a_few_blocks_are_marked_not_run() -> None:
    skipped = [f"{_name(b.page)}:{b.line}" for p in PAGES for b in _blocks(p) if b.skipped_because]
    ran = [b for p in PAGES for b in _blocks(p) if not b.skipped_because]
    assert len(ran) > 40
    assert len(skipped) <= 6, skipped


def test_a_not_run_marker_sits_right_above_a_python_block() -> None:
    stray = []
    for page in PAGES:
        lines = page.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if "<!-- not run" in line:
                following = lines[number + 1].strip() if number + 1 < len(lines) else ""
                if not (_NOT_RUN.search(line) and following.startswith("```python")):
                    stray.append(f"{_name(page)}:{number + 1}")
    assert stray == []
