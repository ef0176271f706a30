"""The request builders' rules and conversion helpers.

A builder's request is checked by `pinpoint_sdk._validation.check_shape` (the check the
typed client runs) with `BUILDER_RULES`: the service's limits plus the rules below, each
run on every value of its shape wherever the request nests it, so a segment dimension
set is held to the same rules at the top of a segment, in a segment group or inside a
journey's split condition. What depends on more than one shape (a campaign's treatment
sizes, a journey's activity graph) stays in each builder's ``_problems``.

Every check returns or appends ``(path, message)`` pairs instead of raising, so a builder
can report all problems of a request in one `pinpoint_sdk.errors.ValidationError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from pinpoint_sdk import _validation, limits, models
from pinpoint_sdk._validation import Problems, Rule, combine_rules
from pinpoint_sdk.builders.conditions import is_known_comparison_operator

_HH_MM = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


def iso_duration(value: str | timedelta) -> str:
    """An ISO 8601 duration string (``timedelta(days=1, hours=2)`` -> ``P1DT2H``)."""
    if isinstance(value, str):
        return value
    total = int(value.total_seconds())
    days, rest = divmod(total, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, seconds = divmod(rest, 60)
    date_part = f"{days}D" if days else ""
    parts = ((hours, "H"), (minutes, "M"), (seconds, "S"))
    time_part = "".join(f"{amount}{unit}" for amount, unit in parts if amount)
    if not date_part and not time_part:
        time_part = "0S"
    return f"P{date_part}{'T' + time_part if time_part else ''}"


def iso_datetime(value: str | datetime) -> str:
    """An ISO 8601 timestamp string; a naive ``datetime`` is taken as UTC."""
    if isinstance(value, str):
        return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


def aware(value: datetime) -> datetime:
    """``value`` with UTC attached when it has no time zone."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def check_range(path: str, value: int | float | None, low: float, high: float) -> Problems:
    """A problem when ``value`` is a number outside ``low..high`` (another type is
    reported by the model check)."""
    if isinstance(value, (int, float)) and not low <= value <= high:
        return [(path, f"{value} is out of range {low}..{high}")]
    return []


def check_length(path: str, text: str, maximum: int, what: str = "") -> Problems:
    """A problem when ``text`` is longer than ``maximum`` characters."""
    if len(text) > maximum:
        return [(path, f"{what}{len(text)} characters, at most {maximum}")]
    return []


def check_name(
    path: str, name: str | None, what: str, maximum: int | None, *, spaces: bool = True
) -> Problems:
    """A resource name is set, at most ``maximum`` characters (``None``: no documented
    maximum) and, unless ``spaces``, free of whitespace.

    Example: ``check_name("name", "", "journey", 150)`` -> ``[("name", "a journey name is
    required")]``.
    """
    if not name:
        return [(path, f"a {what} name is required")]
    problems = [] if maximum is None else check_length(path, name, maximum)
    if not spaces and any(ch.isspace() for ch in name):
        problems.append((path, f"{name!r} must not contain spaces"))
    return problems


def check_wait_time(path: str, wait: models.WaitTime | None) -> Problems:
    """A wait time that must be there; its parts are checked by `BUILDER_RULES`."""
    if wait is None:
        return [(path, "a wait time is required (a duration or a date)")]
    return []


def check_condition(path: str, condition: models.SimpleCondition | None) -> Problems:
    """A condition that must be there; its parts are checked by `BUILDER_RULES`."""
    return [(path, "a condition is required")] if condition is None else []


def check_template_name(path: str, name: str | None) -> Problems:
    """Template names are at most 128 characters of ``[A-Za-z0-9_-]``, starting alphanumeric."""
    if name is None:
        return []
    problems = check_length(path, name, limits.MAX_TEMPLATE_NAME_LENGTH)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", name):
        problems.append(
            (path, f"{name!r} must start alphanumeric and hold only letters, digits, _ and -")
        )
    return problems


def count_dimensions(dims: models.SegmentDimensions | None) -> int:
    """How many criteria a dimension set holds (each attribute, metric, demographic...)."""
    if dims is None:
        return 0
    count = len(dims.attributes or {}) + len(dims.user_attributes or {}) + len(dims.metrics or {})
    if dims.demographic is not None:
        count += sum(
            getattr(dims.demographic, name) is not None
            for name in ("app_version", "channel", "device_type", "make", "model", "platform")
        )
    if dims.location is not None:
        count += (dims.location.country is not None) + (dims.location.gps_point is not None)
    if dims.behavior is not None and dims.behavior.recency is not None:
        count += 1
    return count


def set_dimension(values: str | Iterable[str], exclude: bool = False) -> models.SetDimension:
    """A `pinpoint_sdk.models.SetDimension` (``INCLUSIVE`` unless ``exclude``)."""
    items = [values] if isinstance(values, str) else list(values)
    return models.SetDimension(dimension_type="EXCLUSIVE" if exclude else "INCLUSIVE", values=items)


# ------------------------------------------------------------------ rules by shape
# Each is ``rule(value, path, problems)``, run by the checker on a value of its shape
# after the value's members were type-checked: a member of another type is left alone.


def _at(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _names(path: str, entries: Any, problems: Problems) -> None:
    """Attribute and metric names of a dimension map are at most 50 characters."""
    if not isinstance(entries, Mapping):
        return
    for name in entries:
        if isinstance(name, str):
            problems += check_length(
                f"{path}[{name!r}]", name, limits.MAX_ATTRIBUTE_NAME_LENGTH, "name has "
            )


def _dimension_names(value: Any, path: str, problems: Problems) -> None:
    for name in ("attributes", "user_attributes", "metrics"):
        _names(_at(path, name), getattr(value, name, None), problems)


def _values_set(value: Any, path: str, problems: Problems) -> None:
    values = value.values
    if isinstance(values, list) and not values:  # None is a missing required member
        problems.append((_at(path, "values"), "at least one value is required"))


def _attribute_values(value: Any, path: str, problems: Problems) -> None:
    _values_set(value, path, problems)
    values = value.values
    if isinstance(values, list) and len(values) > limits.MAX_VALUES_PER_ATTRIBUTE:
        problems.append((_at(path, "values"),
                         f"{len(values)} values, at most {limits.MAX_VALUES_PER_ATTRIBUTE}"))


def _metric_operator(value: Any, path: str, problems: Problems) -> None:
    operator = value.comparison_operator
    if isinstance(operator, str) and not is_known_comparison_operator(operator):
        problems.append((_at(path, "comparison_operator"), f"unknown operator {operator!r}"))


def _coordinates(value: Any, path: str, problems: Problems) -> None:
    for name, bound in (("latitude", 90), ("longitude", 180)):
        number = getattr(value, name)
        if isinstance(number, (int, float)):
            problems += check_range(_at(path, name), number, -bound, bound)


def _gps_range(value: Any, path: str, problems: Problems) -> None:
    distance = value.range_in_kilometers
    if isinstance(distance, (int, float)) and distance <= 0:
        problems.append((_at(path, "range_in_kilometers"), "must be greater than 0"))


def _quiet_time(value: Any, path: str, problems: Problems) -> None:
    for name in ("start", "end"):
        text = getattr(value, name)
        if text is None:
            problems.append((_at(path, name), "quiet time needs both start and end"))
        elif isinstance(text, str) and not _HH_MM.fullmatch(text):
            problems.append((_at(path, name), f"{text!r} is not a time of day like '22:00'"))


def _one_wait(value: Any, path: str, problems: Problems) -> None:
    if (value.wait_for is None) == (value.wait_until is None):
        problems.append((path, "set exactly one of wait_for (a duration) or wait_until (a date)"))


def _simple_condition(value: Any, path: str, problems: Problems) -> None:
    parts = (value.event_condition, value.segment_condition, value.segment_dimensions)
    if all(part is None for part in parts) and not value._unknown:
        problems.append((path, "the condition is empty"))


def _segment_id(value: Any, path: str, problems: Problems) -> None:
    if value.segment_id == "":  # None is a missing required member
        problems.append((_at(path, "segment_id"), "a segment id is required"))


_RULES: dict[str, tuple[Rule, ...]] = {
    "AttributeDimension": (_attribute_values,),
    "EventDimensions": (_dimension_names,),
    "GPSCoordinates": (_coordinates,),
    "GPSPointDimension": (_gps_range,),
    "MetricDimension": (_metric_operator,),
    "QuietTime": (_quiet_time,),
    "SegmentCondition": (_segment_id,),
    "SegmentDimensions": (_dimension_names,),
    "SetDimension": (_values_set,),
    "SimpleCondition": (_simple_condition,),
    "WaitTime": (_one_wait,),
}

BUILDER_RULES = combine_rules(_validation.SERVICE_RULES, _RULES)
"""The rules a built request is held to: the service's limits and the builders' own."""


def check_request(request: Any) -> Problems:
    """Every problem `pinpoint_sdk._validation.check_shape` finds in a built request
    (its class names its shape), under `BUILDER_RULES`."""
    return _validation.check_shape(type(request).__name__, request, rules=BUILDER_RULES)
