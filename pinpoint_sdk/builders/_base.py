"""The half every request builder shares: copy, validate, build, notebook view, from_model."""

from __future__ import annotations

import copy
from typing import Any, Generic, Self, TypeVar

from pinpoint_sdk.errors import ValidationError

__all__ = ["RequestBuilder"]

Req = TypeVar("Req")
Src = TypeVar("Src", contravariant=True)


class RequestBuilder(Generic[Req, Src]):
    """Base of `CampaignBuilder`, `JourneyBuilder` and `SegmentBuilder`.

    A subclass assembles its request (`_assemble`, passing `_unknown_fields()` as the
    model's public ``unknown_fields=``), lists its problems (`_problems`) and loads an
    existing model (`_load`); this base gives every builder the same ``copy()``,
    ``validate()``, ``build()``, notebook view and ``from_model()``. Chainable methods
    return ``Self``, so a subclass of a builder keeps its own type through a chain.
    """

    def __init__(self, name: str) -> None:
        self._name = name
        self._unknown: dict[str, Any] | None = None

    @property
    def name(self) -> str:
        """The name the request will carry."""
        return self._name

    def _assemble(self) -> Req:
        raise NotImplementedError

    def _problems(self, request: Req) -> list[tuple[str, str]]:
        raise NotImplementedError

    def _load(self, model: Src) -> None:
        raise NotImplementedError

    def _unknown_fields(self) -> dict[str, Any] | None:
        """A copy of the wire keys the builder keeps for the SDK's models, for the
        request's ``unknown_fields=`` (each build gets its own)."""
        return copy.deepcopy(self._unknown) if self._unknown else None

    def copy(self) -> Self:
        """An independent copy, to build variants. Example: ``b2 = builder.copy()``."""
        return copy.deepcopy(self)

    def validate(self) -> list[tuple[str, str]]:
        """Every problem ``build()`` would raise, as ``(path, message)`` pairs (empty if none).

        Example: ``assert not builder.validate()``.

        The builder's own problems come first; then what the SDK's model check (the one
        the client runs, with the builders' rules) finds at any other path.
        """
        from pinpoint_sdk.builders._checks import check_request

        request = self._assemble()
        checked = check_request(request)
        try:
            problems = self._problems(request)
        except (TypeError, AttributeError, ValueError):
            if not checked:
                raise
            problems = []  # a rule tripped over a member of the wrong type, reported below
        reported = {path for path, _message in problems}
        return problems + [problem for problem in checked if problem[0] not in reported]

    def build(self) -> Req:
        """Check the request and return it.

        Raises `pinpoint_sdk.errors.ValidationError` with all problems at once.
        """
        problems = self.validate()
        if problems:
            raise ValidationError(problems)
        return self._assemble()

    def _repr_html_(self) -> str:
        """Notebook view: the problems `build()` would raise, or the request it builds."""
        from pinpoint_sdk._html import to_html

        return to_html(self)

    @classmethod
    def from_model(cls, model: Src) -> Self:
        """A builder holding an existing request or resource, to edit and build again;
        wire keys the SDK does not know are kept."""
        name = getattr(model, "name", None)
        builder = cls(name if isinstance(name, str) else "")
        builder._load(model)
        unknown = getattr(model, "_unknown", None)
        builder._unknown = copy.deepcopy(unknown) if unknown else None
        return builder
