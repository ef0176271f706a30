"""HTTP layer: turns a mocked request into an operation call and a JSON response."""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import parse_qs

from moto.core.common_types import TYPE_RESPONSE
from moto.pinpoint.responses import PinpointResponse

from ._backend import PinpointSdkBackend, sdk_backend_for
from ._core import new_id
from ._exceptions import BadRequestException, NotFoundException, PinpointServiceError
from ._shapes import operation_model, project
from ._urls import Route, match_route

__all__ = ["PinpointSdkResponse"]

_log = logging.getLogger("pinpoint_sdk.testing")


class PinpointSdkResponse(PinpointResponse):
    """Handles every Pinpoint operation, replacing moto's partial handler.

    moto's request set-up (region, account, body decoding) is reused; the operation is
    found from the botocore model's URIs and served by `PinpointSdkBackend`.
    """

    @property
    def sdk_backend(self) -> PinpointSdkBackend:
        """The double's state for the request's account and region."""
        return sdk_backend_for(self.pinpoint_backend)

    def _dispatch(
        self, request: Any, full_url: str | None = None, headers: Any = None
    ) -> TYPE_RESPONSE:
        self.setup_class(request, full_url, headers)
        try:
            return self._serve()
        except PinpointServiceError as error:
            return error.to_http()
        except Exception as error:
            # In-process, a fault of the double reaches the test with its traceback.
            # Over HTTP it becomes a service-shaped 500 (logged with the traceback)
            # rather than the web framework's HTML error page.
            if not getattr(request, "from_wsgi_server", False):
                raise
            _log.exception("the offline Pinpoint failed on %s %s", self.method, self.path)
            return PinpointServiceError(f"{type(error).__name__}: {error}").to_http()

    def _params(self, route: Route, uri_params: dict[str, str]) -> dict[str, Any]:
        params: dict[str, Any] = dict(uri_params)
        query = parse_qs(self.parsed_url.query, keep_blank_values=True)
        op = operation_model(route.operation)
        for wire_name, member in route.query.items():
            values = query.get(wire_name)
            if not values:
                continue
            shape = op.input_shape.members[member]
            params[member] = values if shape.type_name == "list" else values[0]
        if route.payload is not None:
            raw = self.body
            if isinstance(raw, bytes):
                raw = raw.decode("utf-8")
            if raw:
                try:
                    params[route.payload] = json.loads(raw)
                except ValueError as error:
                    raise BadRequestException("The request body is not valid JSON") from error
        return params

    def _serve(self) -> TYPE_RESPONSE:
        found = match_route(self.method, self.parsed_url.path)
        if found is None:
            raise NotFoundException(f"No operation for {self.method} {self.parsed_url.path}")
        route, uri_params = found
        backend = self.sdk_backend
        handler = backend.handler(route.operation)
        if handler is None:
            raise BadRequestException(f"{route.operation} is not supported by the double")
        params = self._params(route, uri_params)
        output = operation_model(route.operation).output_shape
        # One request at a time per backend, and all or nothing: the handler and the
        # rendering of what it returns (often live state) run inside the transaction.
        with backend.transaction(uri_params.get("ApplicationId")):
            result = handler(params)
            if output is None or result is None:
                body = ""
            else:
                payload_member = output.serialization["payload"]
                body = json.dumps(project(result, output.members[payload_member]))
        headers = {"Content-Type": "application/json", "x-amzn-RequestId": new_id()}
        return route.status, headers, body
