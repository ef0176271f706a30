"""The tqdm bar behind ``progress=True`` (bulk writes, exports); tqdm is an optional extra."""

from __future__ import annotations

from typing import Any


def tqdm_bar(total: int | None, description: str, unit: str) -> Any:
    """A new tqdm bar, or an `ImportError` saying which extra brings tqdm."""
    try:
        from tqdm.auto import tqdm  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "progress=True needs tqdm, an optional extra: pip install 'pinpoint-sdk[progress]'"
        ) from exc
    return tqdm(total=total, desc=description, unit=unit)
