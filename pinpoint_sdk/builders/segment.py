"""Fluent builder for ``WriteSegmentRequest``: dimensions and segment groups.

Import-based segments (``ImportDefinition``) are out of scope: use an import job.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any, Self

from pinpoint_sdk import limits, models
from pinpoint_sdk.builders import _checks
from pinpoint_sdk.builders._base import RequestBuilder
from pinpoint_sdk.builders.conditions import attribute_dimension, metric_dimension
from pinpoint_sdk.enums import (
    AttributeType,
    ChannelType,
    Duration,
    Include,
    RecencyType,
    SourceType,
    Type,
)

__all__ = ["Dimensions", "SegmentBuilder"]

_DEMOGRAPHICS = ("app_version", "channel", "device_type", "make", "model", "platform")


class _DimensionMethods:
    """Chainable criteria shared by `Dimensions` and `SegmentBuilder`."""

    def __init__(self) -> None:
        self._dims = models.SegmentDimensions()

    def _add_attribute(
        self,
        member: str,
        name: str,
        values: str | Iterable[str],
        exclude: bool,
        attribute_type: AttributeType | str | None,
    ) -> Self:
        """Set ``name`` in the ``attributes`` or ``user_attributes`` map of the dimensions."""
        if attribute_type is None:
            attribute_type = AttributeType.EXCLUSIVE if exclude else AttributeType.INCLUSIVE
        attributes = dict(getattr(self._dims, member) or {})
        attributes[name] = attribute_dimension(values, attribute_type)
        setattr(self._dims, member, attributes)
        return self

    def attribute(
        self,
        name: str,
        values: str | Iterable[str],
        exclude: bool = False,
        *,
        attribute_type: AttributeType | str | None = None,
    ) -> Self:
        """Endpoints whose custom attribute ``name`` is (or, with ``exclude``, is not) one of
        ``values``; ``attribute_type`` allows ``CONTAINS``, ``BEFORE``, ``AFTER``, ``ON``,
        ``BETWEEN``.

        Example: ``builder.attribute("plan", ["gold", "platinum"])``.
        """
        return self._add_attribute("attributes", name, values, exclude, attribute_type)

    def user_attribute(
        self,
        name: str,
        values: str | Iterable[str],
        exclude: bool = False,
        *,
        attribute_type: AttributeType | str | None = None,
    ) -> Self:
        """Endpoints whose user attribute ``name`` matches ``values``.

        Example: ``builder.user_attribute("interests", ["cycling"], exclude=True)``.
        """
        return self._add_attribute("user_attributes", name, values, exclude, attribute_type)

    def metric(self, name: str, operator: str, value: float) -> Self:
        """Endpoints whose metric ``name`` compares to ``value`` (``>``, ``<=``, ``==``...).

        Example: ``builder.metric("sessions", ">=", 5)``.
        """
        metrics = dict(self._dims.metrics or {})
        metrics[name] = metric_dimension(operator, value)
        self._dims.metrics = metrics
        return self

    def _demographic(self, name: str, values: Iterable[str], exclude: bool) -> Self:
        current = self._dims.demographic or models.SegmentDemographics()
        setattr(current, name, _checks.set_dimension(list(values), exclude))
        self._dims.demographic = current
        return self

    def channel(self, *channel_types: ChannelType | str, exclude: bool = False) -> Self:
        """Endpoints of these channel types (``EMAIL``, ``SMS``, ``APNS``, ``GCM``...).

        Example: ``builder.channel("EMAIL", "SMS")``.
        """
        return self._demographic("channel", channel_types, exclude)

    def app_version(self, *versions: str, exclude: bool = False) -> Self:
        """Endpoints running these app versions. Example: ``builder.app_version("2.1.0")``."""
        return self._demographic("app_version", versions, exclude)

    def platform(self, *platforms: str, exclude: bool = False) -> Self:
        """Endpoints on these platforms. Example: ``builder.platform("ios", "android")``."""
        return self._demographic("platform", platforms, exclude)

    def make(self, *makes: str, exclude: bool = False) -> Self:
        """Endpoints on devices of these makes. Example: ``builder.make("apple")``."""
        return self._demographic("make", makes, exclude)

    def model(self, *device_models: str, exclude: bool = False) -> Self:
        """Endpoints on these device models. Example: ``builder.model("iPhone15,2")``."""
        return self._demographic("model", device_models, exclude)

    def device_type(self, *types: str, exclude: bool = False) -> Self:
        """Endpoints on these device types. Example: ``builder.device_type("PHONE")``."""
        return self._demographic("device_type", types, exclude)

    def location(
        self,
        *countries: str,
        exclude: bool = False,
        latitude: float | None = None,
        longitude: float | None = None,
        range_km: float | None = None,
    ) -> Self:
        """Endpoints in these countries and/or within ``range_km`` of a GPS point.

        Example: ``builder.location("US", "CA")`` or
        ``builder.location(latitude=47.6, longitude=-122.3, range_km=50)``.
        """
        current = self._dims.location or models.SegmentLocation()
        if countries:
            current.country = _checks.set_dimension(list(countries), exclude)
        if latitude is not None or longitude is not None:
            current.gps_point = models.GPSPointDimension(
                coordinates=models.GPSCoordinates(latitude=latitude, longitude=longitude),
                range_in_kilometers=None if range_km is None else float(range_km),
            )
        self._dims.location = current
        return self

    def recency(self, duration: Duration | str, active: bool = True) -> Self:
        """Endpoints active (or, with ``active=False``, inactive) within ``duration``
        (``HR_24``, ``DAY_7``, ``DAY_14``, ``DAY_30``).

        Example: ``builder.recency("DAY_7", active=False)``.
        """
        self._dims.behavior = models.SegmentBehaviors(
            recency=models.RecencyDimension(
                duration=duration,
                recency_type=RecencyType.ACTIVE if active else RecencyType.INACTIVE,
            )
        )
        return self

    def _built_dimensions(self) -> models.SegmentDimensions | None:
        dims = copy.deepcopy(self._dims)
        empty = not any(True for _ in dims._set_fields()) and not dims._unknown
        return None if empty else dims


class Dimensions(_DimensionMethods):
    """A set of criteria for one entry of a segment group (see `SegmentBuilder.group`).

    Has the same criteria methods as `SegmentBuilder`. Example:

    ```python
    Dimensions().channel("EMAIL").attribute("plan", "gold")
    ```
    """

    def build(self) -> models.SegmentDimensions:
        """The `pinpoint_sdk.models.SegmentDimensions` model.

        Example: ``Dimensions().metric("visits", ">", 3).build()``.
        """
        return self._built_dimensions() or models.SegmentDimensions()


class SegmentBuilder(
    _DimensionMethods,
    RequestBuilder[
        models.WriteSegmentRequest, models.WriteSegmentRequest | models.SegmentResponse
    ],
):
    """Build a `pinpoint_sdk.models.WriteSegmentRequest` step by step.

    Criteria methods (``channel``, ``attribute``, ``metric``, ``location``...) add to the
    segment's top-level dimensions, all of which must hold. `group` adds a segment
    group combining several `Dimensions` with ALL / ANY / NONE and source segments.
    Every method changes the builder and returns it. Example:

    ```python
    request = (
        SegmentBuilder("active-gold")
        .channel("EMAIL")
        .user_attribute("plan", ["gold"])
        .recency("DAY_30")
        .build()
    )
    ```
    """

    def __init__(self, name: str) -> None:
        _DimensionMethods.__init__(self)
        RequestBuilder.__init__(self, name)
        self._groups: list[models.SegmentGroup] = []
        self._include: Include | str | None = None
        self._tags: dict[str, str] | None = None
        self._groups_unknown: dict[str, Any] | None = None

    @property
    def name(self) -> str:
        """The segment name. Example: ``SegmentBuilder("s").name == "s"``."""
        return self._name

    def group(
        self,
        *dimensions: Dimensions | models.SegmentDimensions,
        match: Type | str = Type.ALL,
        source_segments: Iterable[str | tuple[str, int]] = (),
        source_match: SourceType | str | None = None,
    ) -> Self:
        """Add a segment group: ``match`` says whether ALL, ANY or NONE of ``dimensions``
        must hold; ``source_segments`` (ids or ``(id, version)``) are the base segments,
        combined with ``source_match``.

        Examples:
            ```python
            builder.group(
                Dimensions().channel("EMAIL"), Dimensions().channel("SMS"),
                match="ANY", source_segments=["all-customers"],
            )
            ```
        """
        built = [d.build() if isinstance(d, Dimensions) else d for d in dimensions]
        references = [
            models.SegmentReference(id=s, version=None)
            if isinstance(s, str)
            else models.SegmentReference(id=s[0], version=s[1])
            for s in source_segments
        ]
        self._groups.append(
            models.SegmentGroup(
                dimensions=built or None,
                source_segments=references or None,
                source_type=source_match
                if source_match is not None
                else (SourceType.ANY if references else None),
                type=match,
            )
        )
        return self

    def include(self, mode: Include | str) -> Self:
        """How segment groups combine: ``ALL``, ``ANY`` or ``NONE``.

        Example: ``builder.group(...).include("ALL")``.
        """
        self._include = mode
        return self

    def tags(self, tags: Mapping[str, str]) -> Self:
        """Tags for the segment. Example: ``builder.tags({"team": "growth"})``."""
        self._tags = dict(tags)
        return self

    def _assemble(self) -> models.WriteSegmentRequest:
        groups = None
        if self._groups or self._include is not None or self._groups_unknown:
            groups = models.SegmentGroupList(
                groups=copy.deepcopy(self._groups) or None, include=self._include,
                unknown_fields=copy.deepcopy(self._groups_unknown) or None,
            )
        return models.WriteSegmentRequest(
            name=self._name,
            dimensions=self._built_dimensions(),
            segment_groups=groups,
            tags=dict(self._tags) if self._tags is not None else None,
            unknown_fields=self._unknown_fields(),
        )

    def _problems(self, request: models.WriteSegmentRequest) -> list[tuple[str, str]]:
        return _segment_problems(request)

    def __repr__(self) -> str:
        return f"SegmentBuilder({self._name!r}, groups={len(self._groups)})"

    @classmethod
    def from_model(
        cls, model: models.WriteSegmentRequest | models.SegmentResponse
    ) -> Self:
        """A builder holding an existing dimensional segment, to edit and build again.

        Example: ``SegmentBuilder.from_model(segment_response).channel("SMS").build()``.
        """
        return super().from_model(model)

    def _load(self, model: models.WriteSegmentRequest | models.SegmentResponse) -> None:
        if model.dimensions is not None:
            self._dims = copy.deepcopy(model.dimensions)
        if model.segment_groups is not None:
            self._groups = copy.deepcopy(list(model.segment_groups.groups or []))
            self._include = model.segment_groups.include
            self._groups_unknown = copy.deepcopy(model.segment_groups._unknown)
        if model.tags is not None:
            self._tags = dict(model.tags)


def _segment_problems(request: models.WriteSegmentRequest) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    problems += _checks.check_name("name", request.name, "segment", limits.MAX_SEGMENT_NAME_LENGTH)
    total = _checks.count_dimensions(request.dimensions)
    groups = request.segment_groups.groups or [] if request.segment_groups else []
    if len(groups) > limits.MAX_SEGMENT_GROUPS:
        problems.append(
            (
                "segment_groups.groups",
                f"{len(groups)} groups, at most {limits.MAX_SEGMENT_GROUPS}",
            )
        )
    for g_index, group in enumerate(groups):
        where = f"segment_groups.groups[{g_index}]"
        for dims in group.dimensions or []:
            total += _checks.count_dimensions(dims)
        for s_index, reference in enumerate(group.source_segments or []):
            if not reference.id:
                problems.append((f"{where}.source_segments[{s_index}].id", "required"))
    if total > limits.MAX_SEGMENT_DIMENSIONS:
        problems.append(
            ("dimensions", f"{total} dimensions, at most {limits.MAX_SEGMENT_DIMENSIONS}")
        )
    return problems
