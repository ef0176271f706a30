"""Griffe extension for the docs build: read ``Example:`` as a Google "Examples" section.

The code base writes ``Example:`` (singular) above doctest snippets; Google style only
gives ``Examples:`` the code-block treatment, so without this the snippets' output lines
would be rendered as Markdown.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_SINGULAR = re.compile(r"^(\s*)Example:\s*$", re.MULTILINE)


class ExampleSections(griffe.Extension):
    """Rename ``Example:`` section headers to ``Examples:`` in every docstring."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = _SINGULAR.sub(r"\1Examples:", obj.docstring.value)
