"""Errors raised by the in-memory Pinpoint, shaped like the service's own errors."""

from __future__ import annotations

import json
import uuid

__all__ = [
    "BadRequestException",
    "ConflictException",
    "NotFoundException",
    "PinpointServiceError",
]


class PinpointServiceError(Exception):
    """An error the double answers with, serialized as the service does.

    The body is the modeled error shape (``{"Message": ..., "RequestID": ...}``) and the
    error code travels in the ``X-Amzn-ErrorType`` header, which is where botocore's
    rest-json parser looks first.
    """

    code: str = "InternalServerErrorException"
    status: int = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message: str = message
        self.request_id: str = str(uuid.uuid4())

    def to_http(self) -> tuple[int, dict[str, str], str]:
        """Return ``(status, headers, body)`` for this error."""
        headers = {
            "Content-Type": "application/json",
            "X-Amzn-ErrorType": self.code,
            "x-amzn-RequestId": self.request_id,
        }
        body = json.dumps({"Message": self.message, "RequestID": self.request_id})
        return self.status, headers, body


class BadRequestException(PinpointServiceError):
    """HTTP 400: the request is malformed or breaks a service limit."""

    code = "BadRequestException"
    status = 400


class NotFoundException(PinpointServiceError):
    """HTTP 404: the addressed resource does not exist."""

    code = "NotFoundException"
    status = 404


class ConflictException(PinpointServiceError):
    """HTTP 409: the request conflicts with the resource's current state."""

    code = "ConflictException"
    status = 409
