"""Every Python block of the README and the docs runs, page by page, against the double.

The blocks of one page run in order in one namespace (a page reads as one session),
inside `mock_pinpoint()`. Blocks of `>>>` lines run as doctests, so their output is
checked too; in other blocks, a comment at the end of a `print(...)` line starts with what
that line prints (`...` standing for any text). A block that is not meant to run says so
on the line before its fence: `<!-- not run: why -->`.
"""

from __future__ import annotations

import builtins
import doctest
import inspect
import io
import logging
import os
import re
import textwrap
import time
import tokenize
from dataclasses import dataclass
from pathlib import Path

import pytest

from pinpoint_sdk import resources, waiters
from pinpoint_sdk.testing import mock_pinpoint

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
FIRST_PAGES = [ROOT / "README.md", ROOT / "docs" / "index.md"]  # what a new user copies first
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


def _print_comments(block: Block) -> dict[int, str]:
    """Line number in the block -> the comment ending a line that calls ``print``."""
    tokens = list(tokenize.generate_tokens(io.StringIO(block.code).readline))
    printing = {t.start[0] for t in tokens if t.type == tokenize.NAME and t.string == "print"}
    return {
        t.start[0]: t.string.lstrip("#").strip()
        for t in tokens
        if t.type == tokenize.COMMENT and t.start[0] in printing
    }


def _shows(comment: str, printed: str) -> bool:
    """Whether ``comment`` starts with ``printed`` (``...`` in it matching any text)."""
    for end in range(len(comment), 0, -1):
        if end < len(comment) and comment[end] not in " :;,(":
            continue
        pattern = ".*".join(re.escape(part) for part in comment[:end].split("..."))
        if re.fullmatch(pattern, printed):
            return True
    return False


class _Prints:
    """A ``print`` for the page namespace that also records what each block line printed."""

    def __init__(self) -> None:
        self.lines: dict[tuple[str, int], list[str]] = {}

    def __call__(self, *args: object, **kwargs: object) -> None:
        builtins.print(*args, **kwargs)  # type: ignore[call-overload]
        if kwargs.get("file") is None:
            out = io.StringIO()
            builtins.print(*args, **{**kwargs, "file": out})  # type: ignore[call-overload]
            caller = inspect.currentframe().f_back  # type: ignore[union-attr]
            assert caller is not None
            where = (caller.f_code.co_filename, caller.f_lineno)
            self.lines.setdefault(where, []).append(out.getvalue().rstrip("\n"))


def _wrong_print_comments(blocks: list[Block], prints: _Prints) -> list[str]:
    wrong = []
    for block in blocks:
        where = f"{_name(block.page)}:{block.line}"
        for line, comment in _print_comments(block).items():
            printed = prints.lines.get((where, line))
            if printed is None:
                continue  # a doctest line (its output is checked by doctest) or never reached
            if not all(_shows(comment, text) for text in printed):
                wrong.append(f"{_name(block.page)}:{block.line + line}: prints {printed!r}, "
                             f"comment says {comment!r}")
    return wrong


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
    prints = _Prints()
    namespace: dict[str, object] = {"__name__": "__docs__", "print": prints}
    blocks = [block for block in _blocks(page) if block.skipped_because is None]
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        with mock_pinpoint():
            for block in blocks:
                _run(block, namespace)
    finally:
        root.handlers[:], root.level = handlers, level  # pages may configure logging
    capsys.readouterr()
    assert _wrong_print_comments(blocks, prints) == []


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


def _no_aws_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    # No credentials and no region at all, as on a new user's machine: a block that left
    # out `mock_pinpoint()` stops with NoCredentialsError, one that relies on a region
    # from the environment with NoRegionError.
    for variable in [v for v in os.environ if v.startswith("AWS_")]:
        monkeypatch.delenv(variable)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


def _standalone(block: Block) -> bool:
    """Whether a block is a whole script: it imports the double and starts it itself."""
    return (block.skipped_because is None
            and "from pinpoint_sdk.testing import mock_pinpoint" in block.code
            and "with mock_pinpoint()" in block.code)  # fmt: skip


STANDALONE = [block for page in PAGES for block in _blocks(page) if _standalone(block)]


@pytest.mark.parametrize(
    "block", STANDALONE, ids=[f"{_name(b.page)}:{b.line}" for b in STANDALONE]
)
def test_a_block_that_is_a_whole_script_runs_as_written_without_aws_settings(
    block: Block, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _no_aws_settings(monkeypatch)
    _run(block, {"__name__": "__docs__"})
    capsys.readouterr()


def test_the_whole_script_blocks_include_every_first_page_and_the_first_script() -> None:
    where = {(_name(b.page), b.line) for b in STANDALONE}
    assert {name for name, _ in where} >= {
        "README.md", "docs/index.md", "docs/getting-started.md", "docs/guides/testing.md"
    }


@pytest.mark.parametrize("page", FIRST_PAGES, ids=_name)
def test_the_first_pages_show_the_offline_switch_and_run_offline_as_written(
    page: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _no_aws_settings(monkeypatch)
    blocks = [block for block in _blocks(page) if block.skipped_because is None]
    assert blocks
    for block in blocks:
        assert "with mock_pinpoint():" in block.code
        _run(block, {"__name__": "__docs__"})
    assert "COMPLETED" in capsys.readouterr().out


def test_the_journeys_guide_shows_the_graph_to_mermaid_draws() -> None:
    from pinpoint_sdk.builders import JourneyBuilder
    from pinpoint_sdk.builders import conditions as c

    # The guide's journey without its `remind` branch, as the page says.
    journey = (
        JourneyBuilder("welcome").segment("s").start("hello")
        .email("hello", "WelcomeTemplate", next="check")
        .conditional_split("check", c.message_event("hello", "_email.open"),
                           true_next="thanks", wait_for="P1D")
        .push("thanks", "ThanksPush")
    )  # fmt: skip
    text = (ROOT / "docs" / "guides" / "journeys.md").read_text(encoding="utf-8")
    (shown,) = re.findall(r"^```mermaid\n(.*?)^```", text, re.M | re.S)
    assert shown.strip() == journey.to_mermaid().strip()
    assert "n_check -->|false| journey_end" in shown
