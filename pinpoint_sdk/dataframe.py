"""pandas DataFrames from Pinpoint results (optional extra: ``pip install 'pinpoint-sdk[pandas]'``).

pandas is imported only when `to_dataframe` is called, so ``import pinpoint_sdk`` never
pays for it and the SDK works without it.

Examples:
    >>> from pinpoint_sdk.dataframe import to_dataframe
    >>> kpi = client.get_application_date_range_kpi(
    ...     application_id=app_id, kpi_name="successful-delivery-rate-grouped-by-date"
    ... )
    >>> to_dataframe(kpi)            # one row per date, Date parsed, rate as float
    >>> to_dataframe(app.campaigns)  # one row per campaign
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from enum import Enum
from importlib import import_module
from typing import TYPE_CHECKING, Any

from pinpoint_sdk._masking import MASK
from pinpoint_sdk._model_base import Model, OperationOutput

__all__ = ["INSTALL_HINT", "to_dataframe"]

if TYPE_CHECKING:
    import pandas

INSTALL_HINT = "pip install 'pinpoint-sdk[pandas]'"
"""The command that installs the optional pandas support."""

_KPI_RESPONSES = frozenset(
    {
        "ApplicationDateRangeKpiResponse",
        "CampaignDateRangeKpiResponse",
        "JourneyDateRangeKpiResponse",
    }
)
_EXECUTION_METRICS = frozenset(
    {
        "JourneyExecutionMetricsResponse",
        "JourneyRunExecutionMetricsResponse",
        "JourneyExecutionActivityMetricsResponse",
        "JourneyRunExecutionActivityMetricsResponse",
        # A campaign run: its metrics are the activity's ExecutionMetrics.
        "ActivityResponse",
    }
)
# Fields of an execution-metrics response that say what the metrics belong to.
_METRIC_CONTEXT = (
    "application_id",
    "campaign_id",
    "journey_id",
    "run_id",
    "journey_activity_id",
    "activity_type",
    "treatment_id",
    "last_evaluated_time",
)
_INT_TYPES = frozenset({"Long", "Integer"})
_FLOAT_TYPES = frozenset({"Double", "Float"})
# ISO-8601 strings in campaign activities, parsed so the frame can be sorted by time.
_ACTIVITY_TIMES = ("start", "end", "scheduled_start")


def to_dataframe(obj: Model | Iterable[object]) -> pandas.DataFrame:
    """Turn a Pinpoint result into a `pandas.DataFrame`.

    * KPI results (``ApplicationDateRangeKpiResponse``, ``CampaignDateRangeKpiResponse``,
      ``JourneyDateRangeKpiResponse`` or their ``Get*Response`` wrappers): one row per
      result row, one column per grouped-by key and per value key, values typed by their
      ``Type`` (``Double`` -> float, ``Long``/``Integer`` -> int), a ``Date`` key parsed
      to datetimes. The query (KPI name, ids, time range) is kept in ``df.attrs``.
    * Journey and campaign execution metrics (``Journey*ExecutionMetricsResponse``,
      ``Journey*ExecutionActivityMetricsResponse``, a campaign ``ActivityResponse``, or
      their wrappers): one row per metric, columns ``metric`` and ``value`` (numeric
      when every value is) after the ids the metrics belong to.
    * Campaign activities (``ActivitiesResponse``, ``GetCampaignActivitiesResponse``): one
      row per activity; ``start``, ``end`` and ``scheduled_start`` parsed to datetimes.
    * A list result (a model whose ``item`` is a list of models, e.g. ``CampaignsResponse``)
      or any iterable of models, pages or resources (objects with a ``data`` model): one
      row per model, one column per set field (snake_case), ``id`` and ``name`` first.
      Nested models flatten to dotted columns (``state.campaign_status``); lists and maps
      keep their place in one cell as plain lists and dicts.

    Secret members (see `pinpoint_sdk.display`) are shown as ``"***"`` at any depth; enums
    become their string values everywhere, nested ones included. Raises ``ImportError`` naming the ``pandas`` extra when
    pandas is not installed, and ``TypeError`` for anything else.
    """
    frame: pandas.DataFrame = _frame(_pandas(), obj)
    return frame


def _frame(pd: Any, obj: Any) -> Any:
    if isinstance(obj, Model):
        model = _unwrap(obj)
        kind = type(model).__name__
        if kind in _KPI_RESPONSES:
            return _kpi_frame(pd, model)
        if kind in _EXECUTION_METRICS:
            return _metrics_frame(pd, model)
        if kind == "ActivitiesResponse":
            return _activities_frame(pd, _items(model) or [])
        items = _items(model)
        return _models_frame(pd, [model] if items is None else items)
    if isinstance(obj, Iterable) and not isinstance(obj, str | bytes | Mapping):
        return _models_frame(pd, list(_flatten(obj)))
    raise TypeError(f"cannot make a DataFrame from {type(obj).__name__}")


def _pandas() -> Any:
    try:
        pandas = import_module("pandas")
    except ImportError as exc:
        raise ImportError(
            f"pinpoint_sdk.to_dataframe needs pandas, an optional extra: {INSTALL_HINT}"
        ) from exc
    return pandas


def _unwrap(model: Model) -> Model:
    """The payload of an operation output that only wraps one model (``Get*Response``)."""
    while isinstance(model, OperationOutput):
        fields = list(model._set_fields())
        if len(fields) != 1 or not isinstance(fields[0][1], Model):
            break
        model = fields[0][1]
    return model


def _items(model: Model) -> list[Model] | None:
    """The models of a list result (``item`` member), or ``None`` if ``model`` is not one."""
    items = getattr(model, "item", None)
    if isinstance(items, list) and all(isinstance(i, Model) for i in items):
        return items
    return None


def _flatten(objects: Iterable[Any]) -> Iterator[Model]:
    """Models from an iterable of models, pages (list results) or resources."""
    for obj in objects:
        data = obj if isinstance(obj, Model) else getattr(obj, "data", None)
        if not isinstance(data, Model):
            raise TypeError(f"cannot make a DataFrame row from {type(obj).__name__}")
        model = _unwrap(data)
        items = _items(model)
        if items is None:
            yield model
        else:
            yield from items


def _row(model: Model, prefix: str = "", row: dict[str, Any] | None = None) -> dict[str, Any]:
    """One frame row: set fields by snake_case name, nested models flattened to dots.

    ``CampaignResponse(state=CampaignState(campaign_status=...))`` gives the column
    ``state.campaign_status``; secrets are masked at any depth and enums become their values.
    """
    row = {} if row is None else row
    for name, value in model._display_fields():
        column = f"{prefix}{name}"
        if name in type(model)._sensitive_fields:
            row[column] = MASK
        elif isinstance(value, Model):
            _row(value, f"{column}.", row)
        else:
            row[column] = _plain(value)
    return row


def _plain(value: Any) -> Any:
    """A cell value made of plain Python values: models inside lists and maps become dicts
    of their set fields (secrets masked), enums their string values."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Model):
        return {
            name: MASK if name in type(value)._sensitive_fields else _plain(item)
            for name, item in value._display_fields()
        }
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _models_frame(pd: Any, models: list[Model]) -> Any:
    rows = [_row(model) for model in models]
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    leading = [name for name in ("id", "name") if name in columns]
    rest = [name for name in columns if name not in leading]
    return pd.DataFrame(rows, columns=[*leading, *rest])


def _activities_frame(pd: Any, activities: list[Model]) -> Any:
    frame = _models_frame(pd, activities)
    for column in _ACTIVITY_TIMES:
        if column in frame.columns:
            frame[column] = pd.to_datetime(frame[column], utc=True, format="ISO8601")
    return frame


def _typed(value: str | None, kind: str | None) -> Any:
    if value is None:
        return None
    if kind in _INT_TYPES:
        try:
            return int(value)
        except ValueError:
            return int(float(value))
    if kind in _FLOAT_TYPES:
        return float(value)
    return value


def _kpi_frame(pd: Any, response: Model) -> Any:
    result = getattr(response, "kpi_result", None)
    rows: list[dict[str, Any]] = []
    types: dict[str, str | None] = {}
    for row in getattr(result, "rows", None) or []:
        record: dict[str, Any] = {}
        for cell in [*(row.grouped_bys or []), *(row.values or [])]:
            types.setdefault(cell.key, cell.type)
            record[cell.key] = _typed(cell.value, cell.type)
        rows.append(record)
    frame = pd.DataFrame(rows, columns=list(types))
    for key, kind in types.items():
        if key == "Date":
            frame[key] = pd.to_datetime(frame[key], format="ISO8601")
        elif kind in _INT_TYPES:
            column = frame[key]
            frame[key] = column.astype("int64" if column.notna().all() else "Int64")
        elif kind in _FLOAT_TYPES:
            frame[key] = frame[key].astype("float64")
    frame.attrs.update(
        {
            name: _plain(value)
            for name, value in response._display_fields()
            if name not in ("kpi_result", "next_token")
        }
    )
    return frame


def _metrics_frame(pd: Any, response: Model) -> Any:
    fields = dict(response._set_fields())
    metrics: Mapping[str, Any] = fields.get("metrics") or fields.get("execution_metrics") or {}
    context = {
        name: _plain(fields[name]) for name in ("id", *_METRIC_CONTEXT) if name in fields
    }
    if type(response).__name__ == "ActivityResponse" and "id" in context:
        context = {"activity_id": context.pop("id"), **context}
    if "last_evaluated_time" in context:
        context["last_evaluated_time"] = _parse_time(context["last_evaluated_time"])
    frame = pd.DataFrame(
        [{**context, "metric": name, "value": value} for name, value in metrics.items()],
        columns=[*context, "metric", "value"],
    )
    frame["value"] = _numeric(pd, frame["value"])
    return frame


def _numeric(pd: Any, column: Any) -> Any:
    """``column`` as int64 or float64 when every value is a number, else unchanged."""
    numbers = pd.to_numeric(column, errors="coerce")
    if len(column) == 0 or numbers.isna().any():
        return column
    if (numbers == numbers.round()).all():
        return numbers.astype("int64")
    return numbers.astype("float64")


def _parse_time(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    return value
