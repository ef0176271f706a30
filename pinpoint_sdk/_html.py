"""Notebook HTML for models, resources and builders (what ``_repr_html_`` returns).

Imports no other module of the SDK but the leaf `pinpoint_sdk._masking`: the model base
class renders through it without a cycle (``_model_base`` -> ``_html`` and never back).
Models are recognised by their members (`pinpoint_sdk._masking.is_model`). Public through
`pinpoint_sdk.display`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from pinpoint_sdk._masking import MASK, is_model, mask_plain

__all__ = ["MAX_DEPTH", "MAX_ITEMS", "MAX_TEXT", "to_html"]

MAX_ITEMS = 10
"""List items and map entries shown in HTML before the rest are summarised."""
MAX_DEPTH = 6
"""Nesting depth rendered in HTML; deeper models are shown by their short repr."""
MAX_TEXT = 500
"""Characters of one string shown in HTML."""

_STYLE = (
    # Cell selectors name the class twice so they outrank JupyterLab's own table rules
    # (":not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td" aligns cells to the right).
    "<style>"
    ".pinpoint-model{border-collapse:collapse;font-size:90%;margin:0}"
    ".pinpoint-model.pinpoint-model th,.pinpoint-model.pinpoint-model td{text-align:left;"
    "vertical-align:top;padding:2px 8px;border-bottom:1px solid #ddd}"
    ".pinpoint-model th{font-weight:600;white-space:nowrap}"
    ".pinpoint-model caption{text-align:left;font-weight:600;padding:2px 0}"
    ".pinpoint-model .pinpoint-more,.pinpoint-model .pinpoint-masked{color:#888}"
    ".pinpoint-model .pinpoint-error{color:#c0392b;font-weight:600}"
    ".pinpoint-model .pinpoint-graph{overflow-x:auto}"
    "</style>"
)

def to_html(obj: Any, *, max_items: int = MAX_ITEMS) -> str:
    """An HTML table of ``obj`` for notebooks (what ``_repr_html_`` returns).

    Models show their set fields (``id`` and ``name`` first), nested models collapse into
    ``<details>``, lists and maps beyond ``max_items`` entries are summarised, every text
    is HTML-escaped and secrets are shown as ``***``. Resources (objects with a ``data``
    model) render their model under their own name; builders (objects with ``validate()``
    and ``build()``) render their problems, or the request they build, and builders that
    draw themselves (``to_svg()``, such as a journey) add their graph as inline SVG whether
    or not they are valid; other values render escaped.
    """
    if _is_builder(obj):
        return _STYLE + _builder_html(obj, max_items)
    model = obj if is_model(obj) else getattr(obj, "data", None)
    if is_model(model):
        title = type(obj).__name__
        if model is not obj:
            title = f"{title} ({type(model).__name__})"
        return _STYLE + _model_table(model, title, max_items, 0)
    return _STYLE + _value_html(obj, max_items, 0)


def _is_builder(obj: Any) -> bool:
    return not is_model(obj) and all(
        callable(getattr(obj, name, None)) for name in ("validate", "build")
    )


def _builder_html(builder: Any, max_items: int) -> str:
    name = getattr(builder, "name", None)
    title = type(builder).__name__ + (f" {name!r}" if isinstance(name, str) else "")
    problems = builder.validate()
    # A builder that can draw itself (a journey) shows its graph whether or not it is valid,
    # so a broken graph can be looked at next to its problems.
    draw = getattr(builder, "to_svg", None)
    graph = draw() if callable(draw) else None
    if problems or graph is not None:
        rows = []
        if problems:
            items = "".join(
                f"<li><code>{_esc(str(path))}</code>: {_esc(str(message))}</li>"
                for path, message in problems
            )
            count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
            rows.append(
                f'<tr><th>problems</th><td><div class="pinpoint-error">{_esc(count)}</div>'
                f'<ul style="margin:0">{items}</ul></td></tr>'
            )
        if graph is not None:
            rows.append(f'<tr><th>graph</th><td class="pinpoint-graph">{graph}</td></tr>')
        if not problems:
            request = builder.build()
            summary = _esc(_summary(request))
            rows.append(
                f"<tr><th>request</th><td><details><summary>{summary}</summary>"
                f"{_model_table(request, type(request).__name__, max_items, 1)}</details></td></tr>"
            )
        return (
            f'<table class="pinpoint-model"><caption>{_esc(title)}</caption>'
            f"{''.join(rows)}</table>"
        )
    request = builder.build()
    if is_model(request):
        return _model_table(request, f"{title} -> {type(request).__name__}", max_items, 0)
    return f"{_esc(title)}: {_value_html(request, max_items, 1)}"


def _model_table(model: Any, title: str, max_items: int, depth: int) -> str:
    rows = []
    for name, value in model._display_fields():
        if name in type(model)._sensitive_fields:
            cell = f'<span class="pinpoint-masked">{MASK}</span>'
        else:
            cell = _value_html(value, max_items, depth + 1)
        rows.append(f"<tr><th>{_esc(name)}</th><td>{cell}</td></tr>")
    for key, value in sorted((model._unknown or {}).items()):
        shown = mask_plain({key: value})[key]
        cell = _value_html(shown, max_items, depth + 1)
        rows.append(f"<tr><th>{_esc(key)} <i>(not in model)</i></th><td>{cell}</td></tr>")
    if not rows:
        rows.append('<tr><td class="pinpoint-more">(no fields set)</td></tr>')
    return f'<table class="pinpoint-model"><caption>{_esc(title)}</caption>{"".join(rows)}</table>'


def _value_html(value: Any, max_items: int, depth: int) -> str:
    if is_model(value):
        if depth >= MAX_DEPTH:
            return _esc(repr(value))
        summary = _esc(_summary(value))
        table = _model_table(value, type(value).__name__, max_items, depth)
        return f"<details><summary>{summary}</summary>{table}</details>"
    if isinstance(value, Mapping):
        return _mapping_html(value, max_items, depth)
    if isinstance(value, list | tuple):
        return _list_html(value, max_items, depth)
    if isinstance(value, Enum):
        return _esc(str(value.value))
    if isinstance(value, datetime | date):
        return _esc(value.isoformat())
    if isinstance(value, bytes):
        return f'<span class="pinpoint-more">{len(value)} bytes</span>'
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            more = f'<span class="pinpoint-more">... ({len(value)} chars)</span>'
            return _esc(value[:MAX_TEXT]) + more
        return _esc(value)
    return _esc(repr(value))


def _list_html(items: Iterable[Any], max_items: int, depth: int) -> str:
    values = list(items)
    if not values:
        return "[]"
    shown = "".join(f"<li>{_value_html(v, max_items, depth)}</li>" for v in values[:max_items])
    more = len(values) - max_items
    if more > 0:
        shown += f'<li class="pinpoint-more">... {more} more ({len(values)} items)</li>'
    return f'<ol start="0" style="margin:0;padding-left:1.5em">{shown}</ol>'


def _mapping_html(mapping: Mapping[Any, Any], max_items: int, depth: int) -> str:
    if not mapping:
        return "{}"
    items = list(mapping.items())
    rows = "".join(
        f"<tr><th>{_esc(str(k))}</th><td>{_value_html(v, max_items, depth)}</td></tr>"
        for k, v in items[:max_items]
    )
    more = len(items) - max_items
    if more > 0:
        rows += (
            f'<tr><td colspan="2" class="pinpoint-more">... {more} more '
            f"({len(items)} entries)</td></tr>"
        )
    return f'<table class="pinpoint-model">{rows}</table>'


def _summary(model: Any) -> str:
    """One line naming a nested model: its class and identifying fields."""
    fields = dict(model._display_fields())
    ident = [f"{k}={fields[k]!r}" for k in ("id", "name") if isinstance(fields.get(k), str)]
    count = len(fields)
    label = ", ".join(ident) if ident else f"{count} field{'s' if count != 1 else ''}"
    return f"{type(model).__name__}({label})"


def _esc(text: str) -> str:
    return html.escape(text, quote=True)
