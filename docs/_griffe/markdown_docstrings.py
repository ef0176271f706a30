"""Griffe extension for the docs build: report reStructuredText left in docstrings.

The site renders docstrings as Markdown with Google-style sections, so Sphinx roles
(`:class:` and friends), `::` literal blocks, `.. directive::` lines and a singular
`Example:` header would show up as raw text. Each one is logged as a warning, which
`mkdocs build --strict` turns into a failed build. `tests/docs` runs the same check
over every public docstring without building the site.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:py:)?[a-z]+:`[^`]*`")
_DIRECTIVE = re.compile(r"^\s*\.\. [\w-]+::")
_FENCE = re.compile(r"^\s*```")


def rest_markup(docstring: str) -> list[str]:
    """Every piece of reStructuredText in ``docstring``, as ``"line N: what"`` strings."""
    problems: list[str] = []
    in_fence = False
    for number, line in enumerate(docstring.splitlines(), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        problems += [f"line {number}: Sphinx role {role}" for role in _ROLE.findall(line)]
        if _DIRECTIVE.match(line):
            problems.append(f"line {number}: reST directive {line.strip()!r}")
        elif line.rstrip().endswith("::"):
            problems.append(f"line {number}: reST literal block marker '::'")
        if line.strip() == "Example:":
            problems.append(f"line {number}: 'Example:' header (Google style spells it 'Examples:')")
    return problems


class MarkdownDocstrings(griffe.Extension):
    """Warn about every docstring that still holds reStructuredText."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is None:
            return
        for problem in rest_markup(obj.docstring.value):
            griffe.logger.warning(f"{obj.path}: {problem}; write Markdown instead")
