"""Small validation and conversion helpers shared by the builders.

Every check returns ``(path, message)`` pairs instead of raising, so a builder can report
all problems of a request in one `pinpoint_sdk.errors.ValidationError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta

from pinpoint_sdk import limits, models
from pinpoint_sdk.builders.conditions import is_known_comparison_operator

Problems = list[tuple[str, str]]

_ISO_DURATION = re.compile(
    r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"
)
_HH_MM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


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


def is_iso_duration(value: str) -> bool:
    """Whether ``value`` looks like an ISO 8601 duration such as ``P1D`` or ``PT30M``."""
    return bool(_ISO_DURATION.match(value))


def is_iso_datetime(value: str) -> bool:
    """Whether ``value`` parses as an ISO 8601 date-time (``Z`` suffix allowed)."""
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def check_range(path: str, value: int | float | None, low: float, high: float) -> Problems:
    """A problem when ``value`` is set and outside ``low..high``."""
    if value is not None and not low <= value <= high:
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


def check_wait_time(path: str, wait: models.WaitTime | None, required: bool) -> Problems:
    """A wait time has exactly one of ``wait_for`` (duration) or ``wait_until`` (timestamp)."""
    if wait is None:
        return [(path, "a wait time is required (a duration or a date)")] if required else []
    if (wait.wait_for is None) == (wait.wait_until is None):
        return [(path, "set exactly one of wait_for (a duration) or wait_until (a date)")]
    if wait.wait_for is not None and not is_iso_duration(wait.wait_for):
        return [(f"{path}.wait_for", f"{wait.wait_for!r} is not an ISO 8601 duration")]
    if wait.wait_until is not None and not is_iso_datetime(wait.wait_until):
        return [(f"{path}.wait_until", f"{wait.wait_until!r} is not an ISO 8601 date-time")]
    return []


def check_quiet_time(path: str, quiet: models.QuietTime | None) -> Problems:
    """Quiet time needs both ends, each ``HH:MM``."""
    if quiet is None:
        return []
    problems: Problems = []
    for name in ("start", "end"):
        value = getattr(quiet, name)
        if value is None:
            problems.append((f"{path}.{name}", "quiet time needs both start and end"))
        elif not _HH_MM.match(value):
            problems.append((f"{path}.{name}", f"{value!r} is not a time of day like '22:00'"))
    return problems


def _check_attributes(path: str, attributes: Mapping[str, models.AttributeDimension]) -> Problems:
    problems: Problems = []
    for name, dimension in attributes.items():
        where = f"{path}[{name!r}]"
        problems += check_length(where, name, limits.MAX_ATTRIBUTE_NAME_LENGTH, "name has ")
        values = dimension.values or []
        if not values:
            problems.append((f"{where}.values", "at least one value is required"))
        elif len(values) > limits.MAX_VALUES_PER_ATTRIBUTE:
            problems.append(
                (
                    f"{where}.values",
                    f"{len(values)} values, at most {limits.MAX_VALUES_PER_ATTRIBUTE}",
                )
            )
    return problems


def _check_metrics(path: str, metrics: Mapping[str, models.MetricDimension]) -> Problems:
    problems: Problems = []
    for name, dimension in metrics.items():
        where = f"{path}[{name!r}]"
        problems += check_length(where, name, limits.MAX_ATTRIBUTE_NAME_LENGTH, "name has ")
        if not is_known_comparison_operator(dimension.comparison_operator):
            problems.append(
                (
                    f"{where}.comparison_operator",
                    f"unknown operator {dimension.comparison_operator!r}",
                )
            )
        if dimension.value is None:
            problems.append((f"{where}.value", "a value is required"))
    return problems


def _check_set(path: str, dimension: models.SetDimension | None) -> Problems:
    if dimension is not None and not dimension.values:
        return [(f"{path}.values", "at least one value is required")]
    return []


def check_dimensions(path: str, dims: models.SegmentDimensions) -> Problems:
    """Attribute names and value counts, metric operators, GPS ranges of a dimension set."""
    problems: Problems = []
    problems += _check_attributes(f"{path}.attributes", dims.attributes or {})
    problems += _check_attributes(f"{path}.user_attributes", dims.user_attributes or {})
    problems += _check_metrics(f"{path}.metrics", dims.metrics or {})
    demographic = dims.demographic
    if demographic is not None:
        for name in ("app_version", "channel", "device_type", "make", "model", "platform"):
            problems += _check_set(f"{path}.demographic.{name}", getattr(demographic, name))
    location = dims.location
    if location is not None:
        problems += _check_set(f"{path}.location.country", location.country)
        gps = location.gps_point
        if gps is not None:
            where = f"{path}.location.gps_point"
            if gps.coordinates is None:
                problems.append((f"{where}.coordinates", "coordinates are required"))
            else:
                problems += check_range(
                    f"{where}.coordinates.latitude", gps.coordinates.latitude, -90, 90
                )
                problems += check_range(
                    f"{where}.coordinates.longitude", gps.coordinates.longitude, -180, 180
                )
            if gps.range_in_kilometers is not None and gps.range_in_kilometers <= 0:
                problems.append((f"{where}.range_in_kilometers", "must be greater than 0"))
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


def check_simple_condition(path: str, condition: models.SimpleCondition | None) -> Problems:
    """A simple condition sets one kind of test and its parts are well formed."""
    if condition is None:
        return [(path, "a condition is required")]
    set_parts = [
        name
        for name in ("event_condition", "segment_condition", "segment_dimensions")
        if getattr(condition, name) is not None
    ]
    if not set_parts and not condition._unknown:
        return [(path, "the condition is empty")]
    problems: Problems = []
    if condition.segment_condition is not None and not condition.segment_condition.segment_id:
        problems.append((f"{path}.segment_condition.segment_id", "a segment id is required"))
    if condition.segment_dimensions is not None:
        problems += check_dimensions(f"{path}.segment_dimensions", condition.segment_dimensions)
    event = condition.event_condition
    if event is not None and event.dimensions is not None:
        dims = event.dimensions
        where = f"{path}.event_condition.dimensions"
        problems += _check_set(f"{where}.event_type", dims.event_type)
        problems += _check_attributes(f"{where}.attributes", dims.attributes or {})
        problems += _check_metrics(f"{where}.metrics", dims.metrics or {})
    return problems


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


def set_dimension(values: str | Iterable[str], exclude: bool = False) -> models.SetDimension:
    """A `pinpoint_sdk.models.SetDimension` (``INCLUSIVE`` unless ``exclude``)."""
    items = [values] if isinstance(values, str) else list(values)
    return models.SetDimension(dimension_type="EXCLUSIVE" if exclude else "INCLUSIVE", values=items)
