"""Which endpoints a segment holds: imported members, and dimensions evaluated offline.

An imported segment holds the endpoints its import jobs upserted; a dimensional one the
endpoints its ``Dimensions`` and ``SegmentGroups`` select. Each criterion is compiled
into a predicate over one endpoint (its wire form, as GetEndpoint returns it) before
any endpoint is read, so a segment the double cannot evaluate fails as a whole, with a
`SegmentError` naming the member at fault, instead of selecting a guess.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from ._core import Versioned

Endpoint = Mapping[str, Any]
Predicate = Callable[[Endpoint], bool]

_EARTH_RADIUS_KM = 6371.0088
_COMBINATIONS = ("ALL", "ANY", "NONE")
_DIMENSION_KINDS = ("INCLUSIVE", "EXCLUSIVE")
_ATTRIBUTE_KINDS = ("INCLUSIVE", "EXCLUSIVE", "CONTAINS", "BEFORE", "AFTER", "ON", "BETWEEN")
_COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    "GREATER_THAN": lambda value, bound: value > bound,
    "LESS_THAN": lambda value, bound: value < bound,
    "GREATER_THAN_OR_EQUAL": lambda value, bound: value >= bound,
    "LESS_THAN_OR_EQUAL": lambda value, bound: value <= bound,
    "EQUAL": lambda value, bound: value == bound,
}
# What the double cannot tell from the endpoints it stores, and why.
_UNSUPPORTED = {
    "Behavior.Recency": (
        "the offline double keeps no engagement history to tell active endpoints from inactive ones"
    ),
    "Demographic.DeviceType": "endpoints carry no device type for the offline double to match",
}


class SegmentError(Exception):
    """A segment the double cannot evaluate: ``path`` names the member, ``reason`` why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}" if path else reason)
        self.path = path
        self.reason = reason


def _join(path: str, member: str) -> str:
    return f"{path}.{member}" if path else member


def _member(holder: Any, name: str) -> Any:
    return holder.get(name) if isinstance(holder, Mapping) else None


def _mapping(value: Any, path: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise SegmentError(path, f"expected an object, got {value!r}")
    return value


def _list(value: Any, path: str) -> Sequence[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise SegmentError(path, f"expected a list, got {value!r}")
    return value


def _strings(dimension: Mapping[str, Any], path: str) -> list[str]:
    values = _list(dimension.get("Values"), _join(path, "Values"))
    for index, value in enumerate(values):
        if not isinstance(value, str):
            raise SegmentError(f"{path}.Values[{index}]", f"expected a string, got {value!r}")
    return list(values)


def _choice(value: Any, allowed: Sequence[str], default: str, path: str) -> str:
    if value is None:
        return default
    if value not in allowed:
        raise SegmentError(path, f"{value!r} is not one of {', '.join(allowed)}")
    return str(value)


def _combination(value: Any, count: int, path: str) -> str:
    """How ``count`` criteria combine; with several, the request must say how."""
    if value is None and count > 1:
        raise SegmentError(path, f"required to combine {count} criteria (ALL, ANY or NONE)")
    return _choice(value, _COMBINATIONS, "ALL", path)


def _combine(predicates: Sequence[Predicate], how: str) -> Predicate:
    """ALL, ANY or NONE of ``predicates`` (no predicates: every endpoint)."""
    if not predicates:
        return _everyone
    if how == "ALL":
        return lambda endpoint: all(test(endpoint) for test in predicates)
    if how == "ANY":
        return lambda endpoint: any(test(endpoint) for test in predicates)
    return lambda endpoint: not any(test(endpoint) for test in predicates)


def _everyone(endpoint: Endpoint) -> bool:
    return True


def parse_instant(text: Any) -> _dt.datetime | None:
    """An ISO-8601 date or date-time as an aware UTC datetime (None if it is not one).

    A value without an offset is read as UTC.
    """
    if not isinstance(text, str):
        return None
    try:
        moment = _dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=_dt.UTC)
    return moment.astimezone(_dt.UTC)


# -- one dimension ---------------------------------------------------------------------
def set_dimension(dimension: Any, path: str, value_of: Callable[[Endpoint], Any]) -> Predicate:
    """A ``SetDimension``: the endpoint's value is (INCLUSIVE) or is not (EXCLUSIVE) listed.

    An endpoint without the value is outside an INCLUSIVE dimension and inside an
    EXCLUSIVE one, so the two kinds over the same values split the endpoints in two.
    """
    dimension = _mapping(dimension, path)
    values = frozenset(_strings(dimension, path))
    kind = _choice(
        dimension.get("DimensionType"), _DIMENSION_KINDS, "INCLUSIVE", _join(path, "DimensionType")
    )

    def listed(endpoint: Endpoint) -> bool:
        value = value_of(endpoint)
        return isinstance(value, str) and value in values

    if kind == "INCLUSIVE":
        return listed
    return lambda endpoint: not listed(endpoint)


def _instants(values: list[str], count: int, path: str) -> list[_dt.datetime]:
    if len(values) != count:
        raise SegmentError(_join(path, "Values"), f"expected {count} date-time(s), got {values!r}")
    instants = []
    for index, value in enumerate(values):
        instant = parse_instant(value)
        if instant is None:
            raise SegmentError(f"{path}.Values[{index}]", f"{value!r} is not an ISO-8601 date-time")
        instants.append(instant)
    return instants


def _value_test(kind: str, values: list[str], path: str) -> Callable[[str], bool]:
    """Whether one of an endpoint's attribute values meets an AttributeType's criterion."""
    if kind in ("INCLUSIVE", "EXCLUSIVE"):
        listed = frozenset(values)
        return listed.__contains__
    if kind == "CONTAINS":
        return lambda value: any(part in value for part in values)
    if kind == "BETWEEN":
        low, high = _instants(values, 2, path)
        if low > high:
            raise SegmentError(_join(path, "Values"), "the first date-time is after the second")
        return lambda value: _instant_test(value, lambda at: low <= at <= high)
    (bound,) = _instants(values, 1, path)
    if kind == "BEFORE":
        return lambda value: _instant_test(value, lambda at: at < bound)
    if kind == "AFTER":
        return lambda value: _instant_test(value, lambda at: at > bound)
    day = bound.date()
    return lambda value: _instant_test(value, lambda at: at.date() == day)


def _instant_test(value: str, test: Callable[[_dt.datetime], bool]) -> bool:
    instant = parse_instant(value)
    return instant is not None and test(instant)


def attribute_dimension(
    dimension: Any, path: str, values_of: Callable[[Endpoint], Sequence[Any]]
) -> Predicate:
    """An ``AttributeDimension`` over the attribute values ``values_of`` reads.

    INCLUSIVE: one of the endpoint's values is listed; EXCLUSIVE: none is (so an
    endpoint without the attribute is inside); CONTAINS: one of its values contains a
    listed value; BEFORE, AFTER, ON (the same UTC day, time ignored), BETWEEN (both
    ends included): one of its values, read as an ISO-8601 date-time, is before, after,
    on, or between the listed date-time(s). Values that are not date-times never match
    the date kinds.
    """
    dimension = _mapping(dimension, path)
    values = _strings(dimension, path)
    kind = _choice(
        dimension.get("AttributeType"), _ATTRIBUTE_KINDS, "INCLUSIVE", _join(path, "AttributeType")
    )
    test = _value_test(kind, values, path)

    def matches(endpoint: Endpoint) -> bool:
        return any(isinstance(value, str) and test(value) for value in values_of(endpoint))

    if kind == "EXCLUSIVE":
        return lambda endpoint: not matches(endpoint)
    return matches


def metric_dimension(dimension: Any, path: str, value_of: Callable[[Endpoint], Any]) -> Predicate:
    """A ``MetricDimension``: the endpoint's metric compared with ``Value``.

    An endpoint without the metric is outside, whatever the operator.
    """
    dimension = _mapping(dimension, path)
    operator = _choice(
        dimension.get("ComparisonOperator"),
        tuple(_COMPARISONS),
        "",
        _join(path, "ComparisonOperator"),
    )
    if not operator:
        raise SegmentError(_join(path, "ComparisonOperator"), "required")
    bound = dimension.get("Value")
    if isinstance(bound, bool) or not isinstance(bound, int | float):
        raise SegmentError(_join(path, "Value"), f"expected a number, got {bound!r}")
    compare = _COMPARISONS[operator]

    def matches(endpoint: Endpoint) -> bool:
        value = value_of(endpoint)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        return compare(float(value), float(bound))

    return matches


def distance_km(latitude: float, longitude: float, other_lat: float, other_lon: float) -> float:
    """The great-circle distance between two points, in kilometres."""
    phi1, phi2 = math.radians(latitude), math.radians(other_lat)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = math.radians(other_lon - longitude) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _number(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SegmentError(path, f"expected a number, got {value!r}")
    return float(value)


def gps_point_dimension(dimension: Any, path: str) -> Predicate:
    """A ``GPSPointDimension``: the endpoint's ``Location`` lies within the range.

    Endpoints without both ``Latitude`` and ``Longitude`` are outside.
    """
    dimension = _mapping(dimension, path)
    coordinates = _mapping(dimension.get("Coordinates"), _join(path, "Coordinates"))
    latitude = _number(coordinates.get("Latitude"), _join(path, "Coordinates.Latitude"))
    longitude = _number(coordinates.get("Longitude"), _join(path, "Coordinates.Longitude"))
    if dimension.get("RangeInKilometers") is None:
        raise SegmentError(
            _join(path, "RangeInKilometers"), "required by the offline double (no default range)"
        )
    reach = _number(dimension["RangeInKilometers"], _join(path, "RangeInKilometers"))

    def matches(endpoint: Endpoint) -> bool:
        location = _member(endpoint, "Location")
        lat, lon = _member(location, "Latitude"), _member(location, "Longitude")
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lon)):
            return False
        return distance_km(latitude, longitude, float(lat), float(lon)) <= reach

    return matches


# -- one SegmentDimensions ---------------------------------------------------------------
def _demographic(endpoint: Endpoint, name: str) -> Any:
    return _member(_member(endpoint, "Demographic"), name)


_DEMOGRAPHIC_VALUES: dict[str, Callable[[Endpoint], Any]] = {
    "AppVersion": lambda endpoint: _demographic(endpoint, "AppVersion"),
    "Channel": lambda endpoint: _member(endpoint, "ChannelType"),
    "Make": lambda endpoint: _demographic(endpoint, "Make"),
    "Model": lambda endpoint: _demographic(endpoint, "Model"),
    "Platform": lambda endpoint: _demographic(endpoint, "Platform"),
}


def _unsupported(path: str, member: str) -> SegmentError:
    return SegmentError(_join(path, member), _UNSUPPORTED[member])


def _attribute_values(holder_of: Callable[[Endpoint], Any], name: str) -> Callable[[Endpoint], Any]:
    def values_of(endpoint: Endpoint) -> Sequence[Any]:
        values = _member(holder_of(endpoint), name)
        return values if isinstance(values, list) else []

    return values_of


def _endpoint_attributes(endpoint: Endpoint) -> Any:
    return _member(endpoint, "Attributes")


def _user_attributes(endpoint: Endpoint) -> Any:
    return _member(_member(endpoint, "User"), "UserAttributes")


def _metric_value(name: str) -> Callable[[Endpoint], Any]:
    return lambda endpoint: _member(_member(endpoint, "Metrics"), name)


def dimensions_predicate(dimensions: Any, path: str = "") -> Predicate:
    """One ``SegmentDimensions``: an endpoint must meet every criterion it sets.

    Raises `SegmentError` for a criterion the double cannot evaluate
    (``Behavior.Recency``, ``Demographic.DeviceType``) or a malformed one.
    """
    dimensions = _mapping(dimensions, path)
    tests: list[Predicate] = []
    for member, value in dimensions.items():
        if value is None:
            continue
        at = _join(path, member)
        if member == "Demographic":
            for name, dimension in _mapping(value, at).items():
                if name == "DeviceType":
                    raise _unsupported(path, "Demographic.DeviceType")
                if name not in _DEMOGRAPHIC_VALUES:
                    raise SegmentError(_join(at, name), "not a demographic dimension")
                tests.append(set_dimension(dimension, _join(at, name), _DEMOGRAPHIC_VALUES[name]))
        elif member == "Location":
            for name, dimension in _mapping(value, at).items():
                if name == "Country":
                    tests.append(
                        set_dimension(
                            dimension,
                            _join(at, name),
                            lambda endpoint: _member(_member(endpoint, "Location"), "Country"),
                        )
                    )
                elif name == "GPSPoint":
                    tests.append(gps_point_dimension(dimension, _join(at, name)))
                else:
                    raise SegmentError(_join(at, name), "not a location dimension")
        elif member in ("Attributes", "UserAttributes"):
            holder_of = _endpoint_attributes if member == "Attributes" else _user_attributes
            for name, dimension in _mapping(value, at).items():
                values_of = _attribute_values(holder_of, name)
                tests.append(attribute_dimension(dimension, _join(at, name), values_of))
        elif member == "Metrics":
            for name, dimension in _mapping(value, at).items():
                tests.append(metric_dimension(dimension, _join(at, name), _metric_value(name)))
        elif member == "Behavior":
            if _mapping(value, at).get("Recency") is not None:
                raise _unsupported(path, "Behavior.Recency")
        else:
            raise SegmentError(at, "not a segment dimension")
    return _combine(tests, "ALL")


# -- segments ----------------------------------------------------------------------------
class SegmentEvaluator:
    """The endpoints of an application's segments.

    ``members`` maps an imported segment's id to the ids of the endpoints its import
    jobs upserted; endpoints deleted since are left out.
    """

    def __init__(
        self,
        endpoints: Mapping[str, Endpoint],
        segments: Mapping[str, Versioned],
        members: Mapping[str, Sequence[str]],
    ) -> None:
        self._endpoints = endpoints
        self._segments = segments
        self._members = members
        self._known: dict[tuple[str, int | None], frozenset[str]] = {}

    def endpoint_ids(self, segment_id: str, version: int | None = None) -> list[str]:
        """Ids of the segment's endpoints (its ``version``, else its latest), in table order.

        Raises `SegmentError` when the segment, or a source segment it builds on,
        cannot be evaluated.
        """
        chosen = self._chosen(segment_id, version, [])
        return [endpoint_id for endpoint_id in self._endpoints if endpoint_id in chosen]

    def _definition(self, segment_id: str, version: int | None, path: str) -> dict[str, Any]:
        versioned = self._segments.get(segment_id)
        if versioned is None:
            raise SegmentError(path, f"segment {segment_id} does not exist")
        if version is None:
            return versioned.current
        if isinstance(version, bool) or not isinstance(version, int):
            raise SegmentError(path, f"version {version!r} is not a number")
        if not 1 <= version <= len(versioned.versions):
            raise SegmentError(path, f"segment {segment_id} has no version {version}")
        return versioned.versions[version - 1]

    def _chosen(self, segment_id: str, version: int | None, seen: list[str]) -> frozenset[str]:
        key = (segment_id, version)
        if key in self._known:
            return self._known[key]
        if segment_id in seen:
            cycle = " -> ".join([*seen, segment_id])
            raise SegmentError(
                "SourceSegments", f"segments build on each other in a cycle: {cycle}"
            )
        definition = self._definition(segment_id, version, "")
        base: Iterable[str] = self._endpoints
        if definition.get("SegmentType") == "IMPORT":
            base = [i for i in self._members.get(segment_id, ()) if i in self._endpoints]
        test = self._segment_test(definition, [*seen, segment_id])
        chosen = frozenset(i for i in base if test(i, self._endpoints[i]))
        self._known[key] = chosen
        return chosen

    def _segment_test(
        self, definition: Mapping[str, Any], seen: list[str]
    ) -> Callable[[str, Endpoint], bool]:
        """Top-level ``Dimensions`` and ``SegmentGroups``: an endpoint must meet both."""
        dimensions = dimensions_predicate(definition.get("Dimensions"), "Dimensions")
        group_list = _mapping(definition.get("SegmentGroups"), "SegmentGroups")
        raw_groups = _list(group_list.get("Groups"), "SegmentGroups.Groups")
        groups = [
            self._group_test(group, f"SegmentGroups.Groups[{index}]", seen)
            for index, group in enumerate(raw_groups)
        ]
        include = _combination(group_list.get("Include"), len(groups), "SegmentGroups.Include")

        def in_groups(endpoint_id: str, endpoint: Endpoint) -> bool:
            if not groups:
                return True
            hits = (group(endpoint_id, endpoint) for group in groups)
            if include == "ALL":
                return all(hits)
            if include == "ANY":
                return any(hits)
            return not any(hits)

        return lambda endpoint_id, endpoint: (
            dimensions(endpoint) and in_groups(endpoint_id, endpoint)
        )

    def _group_test(
        self, group: Any, path: str, seen: list[str]
    ) -> Callable[[str, Endpoint], bool]:
        """One ``SegmentGroup``: its source segments' endpoints, filtered by its dimensions."""
        group = _mapping(group, path)
        references = _list(group.get("SourceSegments"), _join(path, "SourceSegments"))
        sources = [
            self._source(reference, f"{path}.SourceSegments[{index}]", seen)
            for index, reference in enumerate(references)
        ]
        source_type = _combination(group.get("SourceType"), len(sources), _join(path, "SourceType"))
        raw_dimensions = _list(group.get("Dimensions"), _join(path, "Dimensions"))
        dimensions = _combine(
            [
                dimensions_predicate(dimension, f"{path}.Dimensions[{index}]")
                for index, dimension in enumerate(raw_dimensions)
            ],
            _combination(group.get("Type"), len(raw_dimensions), _join(path, "Type")),
        )

        def in_sources(endpoint_id: str) -> bool:
            if not sources:
                return True
            hits = (endpoint_id in source for source in sources)
            if source_type == "ALL":
                return all(hits)
            if source_type == "ANY":
                return any(hits)
            return not any(hits)

        return lambda endpoint_id, endpoint: in_sources(endpoint_id) and dimensions(endpoint)

    def _source(self, reference: Any, path: str, seen: list[str]) -> frozenset[str]:
        reference = _mapping(reference, path)
        segment_id = reference.get("Id")
        if not isinstance(segment_id, str) or not segment_id:
            raise SegmentError(_join(path, "Id"), "required")
        version = reference.get("Version")
        if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
            raise SegmentError(_join(path, "Version"), f"expected a number, got {version!r}")
        try:
            return self._chosen(segment_id, version, seen)
        except SegmentError as error:
            inner = f" (segment {segment_id}): {error.path}" if error.path else ""
            raise SegmentError(f"{path}{inner}", error.reason) from None
