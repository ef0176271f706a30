"""A small typed DSL for journey split conditions.

Each leaf function returns a `pinpoint_sdk.models.SimpleCondition` (what a
multi-condition split branch takes); `all_of` and `any_of` combine leaves into
a `pinpoint_sdk.models.Condition` (what a yes/no split takes). Everything returned
is a plain model, so you can mix DSL output with hand-built models.

Examples:
    ```python
    from pinpoint_sdk.builders import conditions as c

    c.any_of(
        c.in_segment("vip-segment"),
        c.endpoint_attribute("plan", ["gold", "platinum"]),
        c.metric("purchases", ">=", 3),
    )
    ```
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pinpoint_sdk import models
from pinpoint_sdk.enums import AttributeType, DimensionType, Operator

__all__ = [
    "COMPARISON_OPERATORS",
    "all_of",
    "any_of",
    "attribute_dimension",
    "endpoint_attribute",
    "event",
    "in_segment",
    "message_event",
    "metric",
    "metric_dimension",
    "user_attribute",
]

COMPARISON_OPERATORS: Mapping[str, str] = {
    ">": "GREATER_THAN",
    "<": "LESS_THAN",
    ">=": "GREATER_THAN_OR_EQUAL",
    "<=": "LESS_THAN_OR_EQUAL",
    "==": "EQUAL",
    "=": "EQUAL",
}
"""Short spellings accepted by `metric` for the service's comparison operators.

Example: ``COMPARISON_OPERATORS[">="] == "GREATER_THAN_OR_EQUAL"``.
"""

_OPERATOR_NAMES = frozenset(COMPARISON_OPERATORS.values())


def _values(values: str | Iterable[str]) -> list[str]:
    return [values] if isinstance(values, str) else list(values)


def metric_dimension(operator: str, value: float) -> models.MetricDimension:
    """A `pinpoint_sdk.models.MetricDimension` from a short or service operator.

    Example: ``metric_dimension(">", 10)`` compares with ``GREATER_THAN``. Unknown operators
    are passed through unchanged (the builders report them at ``build()``).
    """
    wire = COMPARISON_OPERATORS.get(operator, operator)
    return models.MetricDimension(comparison_operator=wire, value=float(value))


def attribute_dimension(
    values: str | Iterable[str],
    attribute_type: AttributeType | str = AttributeType.INCLUSIVE,
) -> models.AttributeDimension:
    """An `pinpoint_sdk.models.AttributeDimension` matching any of ``values``.

    Example: ``attribute_dimension(["gold"], AttributeType.EXCLUSIVE)``.
    """
    return models.AttributeDimension(attribute_type=attribute_type, values=_values(values))


def in_segment(segment_id: str) -> models.SimpleCondition:
    """True for participants who are members of the segment.

    Example: ``in_segment("1234abcd")``.
    """
    return models.SimpleCondition(segment_condition=models.SegmentCondition(segment_id=segment_id))


def endpoint_attribute(
    name: str,
    values: str | Iterable[str],
    attribute_type: AttributeType | str = AttributeType.INCLUSIVE,
) -> models.SimpleCondition:
    """True when the endpoint's custom attribute ``name`` matches ``values``.

    Example: ``endpoint_attribute("plan", ["gold", "platinum"])``.
    """
    dims = models.SegmentDimensions(attributes={name: attribute_dimension(values, attribute_type)})
    return models.SimpleCondition(segment_dimensions=dims)


def user_attribute(
    name: str,
    values: str | Iterable[str],
    attribute_type: AttributeType | str = AttributeType.INCLUSIVE,
) -> models.SimpleCondition:
    """True when the user attribute ``name`` matches ``values``.

    Example: ``user_attribute("FirstName", "Ada")``.
    """
    dims = models.SegmentDimensions(
        user_attributes={name: attribute_dimension(values, attribute_type)}
    )
    return models.SimpleCondition(segment_dimensions=dims)


def metric(name: str, operator: str, value: float) -> models.SimpleCondition:
    """True when the endpoint metric ``name`` compares to ``value``.

    ``operator`` is ``>``, ``<``, ``>=``, ``<=``, ``==`` or a service name such as
    ``GREATER_THAN``. Example: ``metric("purchases", ">=", 3)``.
    """
    dims = models.SegmentDimensions(metrics={name: metric_dimension(operator, value)})
    return models.SimpleCondition(segment_dimensions=dims)


def event(
    *event_types: str,
    message_activity: str | None = None,
    attributes: Mapping[str, str | Iterable[str]] | None = None,
    metrics: Mapping[str, tuple[str, float]] | None = None,
    exclude: bool = False,
) -> models.SimpleCondition:
    """True when the participant reported one of ``event_types``.

    ``attributes`` maps an event attribute to accepted values, ``metrics`` maps an event
    metric to ``(operator, value)``. Example:

    ```python
    event("purchase", attributes={"sku": ["A1", "B2"]}, metrics={"price": (">", 10)})
    ```
    """
    dimensions = models.EventDimensions(
        event_type=models.SetDimension(
            dimension_type=DimensionType.EXCLUSIVE if exclude else DimensionType.INCLUSIVE,
            values=list(event_types),
        ),
        attributes=(
            {k: attribute_dimension(v) for k, v in attributes.items()} if attributes else None
        ),
        metrics={k: metric_dimension(*v) for k, v in metrics.items()} if metrics else None,
    )
    return models.SimpleCondition(
        event_condition=models.EventCondition(
            dimensions=dimensions, message_activity=message_activity
        )
    )


def message_event(activity_key: str, event_type: str) -> models.SimpleCondition:
    """True when the message sent by the journey activity ``activity_key`` had ``event_type``.

    Typical event types: ``_email.open``, ``_email.click``, ``_email.delivered``,
    ``_SMS.SUCCESS``, ``_push.opened``. Example: ``message_event("welcome", "_email.open")``.
    """
    return event(event_type, message_activity=activity_key)


def all_of(*conditions: models.SimpleCondition) -> models.Condition:
    """A condition that holds when every one of ``conditions`` holds (operator ``ALL``).

    Example: ``all_of(in_segment("s"), metric("visits", ">", 2))``.
    """
    return models.Condition(conditions=list(conditions), operator=Operator.ALL)


def any_of(*conditions: models.SimpleCondition) -> models.Condition:
    """A condition that holds when at least one of ``conditions`` holds (operator ``ANY``).

    Example: ``any_of(message_event("welcome", "_email.open"), in_segment("engaged"))``.
    """
    return models.Condition(conditions=list(conditions), operator=Operator.ANY)


def is_known_comparison_operator(operator: str | None) -> bool:
    """Whether ``operator`` is a comparison operator the service accepts."""
    return operator in _OPERATOR_NAMES
