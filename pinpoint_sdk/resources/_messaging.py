"""Direct messaging results: one `Delivery` per recipient, failures listed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypedDict, Unpack

from pinpoint_sdk import errors, limits, models
from pinpoint_sdk.resources._base import Call, unwrap

__all__ = [
    "Delivery",
    "MessageOptions",
    "SendResult",
    "UsersMessageOptions",
    "build_message_request",
    "build_otp_request",
    "build_users_request",
    "send_messages_call",
    "send_otp_call",
    "send_users_messages_call",
    "validate_phone_call",
    "verify_otp_call",
]


@dataclass(frozen=True)
class Delivery:
    """What happened to the message for one recipient.

    Attributes:
        recipient: the address (``SendMessages`` addresses), or the endpoint id.
        endpoint_id: the endpoint the message went to, when known.
        user_id: the user id (``SendUsersMessages`` only).
        delivery_status: ``SUCCESSFUL``, ``THROTTLED``, ``PERMANENT_FAILURE``, ...
        status_code: the downstream status code.
        status_message: the downstream message, if any.
        message_id: the id of the sent message, if any.
        address: the address the endpoint resolved to, if reported.
    """

    recipient: str
    endpoint_id: str | None
    user_id: str | None
    delivery_status: str | None
    status_code: int | None
    status_message: str | None
    message_id: str | None
    address: str | None = None

    @property
    def ok(self) -> bool:
        """True when the message was accepted for delivery (``SUCCESSFUL``)."""
        return self.delivery_status == "SUCCESSFUL"


@dataclass
class SendResult:
    """The outcome of a send, one `Delivery` per recipient.

    Attributes:
        response: the service's response model.
        deliveries: every recipient's result.

    Examples:
        >>> result = app.send_messages(addresses={"+15555550100": "SMS"}, message=msg)
        >>> result.ok, result.failed_recipients
        (False, ['+15555550100'])
    """

    response: models.MessageResponse | models.SendUsersMessageResponse
    deliveries: list[Delivery] = field(default_factory=list)

    @property
    def failed(self) -> list[Delivery]:
        """Recipients whose message was not accepted."""
        return [d for d in self.deliveries if not d.ok]

    @property
    def succeeded(self) -> list[Delivery]:
        """Recipients whose message was accepted."""
        return [d for d in self.deliveries if d.ok]

    @property
    def failed_recipients(self) -> list[str]:
        """Addresses / endpoint ids of `failed`."""
        return [d.recipient for d in self.failed]

    @property
    def ok(self) -> bool:
        """True when every recipient's message was accepted."""
        return not self.failed

    @property
    def request_id(self) -> str | None:
        """The request id the service gave this send."""
        return self.response.request_id

    def raise_for_failures(self) -> SendResult:
        """Raise ``errors.ValidationError`` listing the failed recipients, if any."""
        if self.failed:
            raise errors.ValidationError(
                [(d.recipient, f"{d.delivery_status} ({d.status_code}): {d.status_message}")
                 for d in self.failed]
            )
        return self

    @classmethod
    def from_message_response(cls, response: models.MessageResponse) -> SendResult:
        """Flatten a ``MessageResponse`` (addresses and endpoints)."""
        deliveries: list[Delivery] = []
        for address, result in (response.result or {}).items():
            deliveries.append(_delivery(address, None, None, result))
        for endpoint_id, endpoint_result in (response.endpoint_result or {}).items():
            deliveries.append(_delivery(endpoint_id, endpoint_id, None, endpoint_result))
        return cls(response, deliveries)

    @classmethod
    def from_users_response(cls, response: models.SendUsersMessageResponse) -> SendResult:
        """Flatten a ``SendUsersMessageResponse`` (users, then their endpoints)."""
        deliveries: list[Delivery] = []
        for user_id, by_endpoint in (response.result or {}).items():
            for endpoint_id, result in by_endpoint.items():
                deliveries.append(_delivery(endpoint_id, endpoint_id, user_id, result))
        return cls(response, deliveries)


class MessageOptions(TypedDict, total=False):
    """The keyword arguments of ``send_messages`` (sync and async): the recipients and
    what to send them, used when no ``MessageRequest`` is given.

    Attributes:
        addresses: address -> channel type (``"SMS"``) or ``AddressConfiguration``.
        endpoints: endpoint ids, or a mapping to ``EndpointSendConfiguration``.
        message: the message per channel.
        template: the templates to use instead of (or with) ``message``.
        context: key-value pairs kept with the message.
        trace_id: an id to trace the send by.
    """

    addresses: Mapping[str, str | models.AddressConfiguration] | None
    endpoints: Iterable[str] | Mapping[str, models.EndpointSendConfiguration] | None
    message: models.DirectMessageConfiguration | None
    template: models.TemplateConfiguration | None
    context: Mapping[str, str] | None
    trace_id: str | None


class UsersMessageOptions(TypedDict, total=False):
    """The keyword arguments of ``send_users_messages`` (sync and async), used when no
    ``SendUsersMessageRequest`` is given.

    Attributes:
        users: user ids, or a mapping to ``EndpointSendConfiguration``.
        message: the message per channel.
        template: the templates to use instead of (or with) ``message``.
        context: key-value pairs kept with the message.
        trace_id: an id to trace the send by.
    """

    users: Iterable[str] | Mapping[str, models.EndpointSendConfiguration] | None
    message: models.DirectMessageConfiguration | None
    template: models.TemplateConfiguration | None
    context: Mapping[str, str] | None
    trace_id: str | None


def _delivery(recipient: str, endpoint_id: str | None, user_id: str | None,
              result: Any) -> Delivery:
    status = result.delivery_status
    return Delivery(
        recipient=recipient,
        endpoint_id=endpoint_id,
        user_id=user_id,
        delivery_status=str(status) if status is not None else None,
        status_code=result.status_code,
        status_message=result.status_message,
        message_id=result.message_id,
        address=getattr(result, "address", None),
    )


def _endpoint_configs(
    values: Iterable[str] | Mapping[str, models.EndpointSendConfiguration] | None,
    field: str,
) -> dict[str, models.EndpointSendConfiguration] | None:
    if values is None:
        return None
    if isinstance(values, Mapping):
        return dict(values)
    if isinstance(values, (str, bytes)):
        # A lone id would otherwise be read one character at a time, one recipient each.
        raise errors.ValidationError(
            f"expected a list of ids (or a mapping of id to EndpointSendConfiguration), "
            f"got the string {values!r}; for one recipient write [{values!r}]",
            field,
        )
    return {value: models.EndpointSendConfiguration() for value in values}


def _address_configs(
    addresses: Mapping[str, str | models.AddressConfiguration],
) -> dict[str, models.AddressConfiguration]:
    if not isinstance(addresses, Mapping):
        raise errors.ValidationError(
            f"expected a mapping of address to channel type or AddressConfiguration, "
            f"e.g. {{'+15555550100': 'SMS'}}, got {type(addresses).__name__}",
            "addresses",
        )
    return {
        address: config if isinstance(config, models.AddressConfiguration)
        else models.AddressConfiguration(channel_type=config)
        for address, config in addresses.items()
    }


def _known(options: Mapping[str, Any], allowed: type[Any], method: str) -> None:
    unknown = sorted(set(options) - set(allowed.__annotations__))
    if unknown:
        raise TypeError(f"{method}() got unexpected keyword arguments: {', '.join(unknown)}")


def build_message_request(
    request: models.MessageRequest | None, **options: Unpack[MessageOptions],
) -> models.MessageRequest:
    """The ``MessageRequest`` for ``app.send_messages`` (checks the recipient limit)."""
    _known(options, MessageOptions, "send_messages")
    addresses, endpoints = options.get("addresses"), options.get("endpoints")
    message, template = options.get("message"), options.get("template")
    context, trace_id = options.get("context"), options.get("trace_id")
    if request is None:
        request = models.MessageRequest(
            addresses=_address_configs(addresses) if addresses is not None else None,
            endpoints=_endpoint_configs(endpoints, "endpoints"),
            message_configuration=message or models.DirectMessageConfiguration(),
            template_configuration=template,
            context=dict(context) if context is not None else None,
            trace_id=trace_id,
        )
    elif any(v is not None for v in (addresses, endpoints, message, template, context, trace_id)):
        raise TypeError("pass either a MessageRequest or keyword arguments, not both")
    count = len(request.addresses or {}) + len(request.endpoints or {})
    if count == 0:
        raise errors.ValidationError("no recipients: give addresses or endpoints", "addresses")
    if count > limits.MAX_MESSAGE_RECIPIENTS:
        raise errors.ValidationError(
            f"{count} recipients, at most {limits.MAX_MESSAGE_RECIPIENTS} per request",
            "addresses",
        )
    return request


def build_users_request(
    request: models.SendUsersMessageRequest | None, **options: Unpack[UsersMessageOptions],
) -> models.SendUsersMessageRequest:
    """The ``SendUsersMessageRequest`` for ``app.send_users_messages``."""
    _known(options, UsersMessageOptions, "send_users_messages")
    users, message = options.get("users"), options.get("message")
    template, context = options.get("template"), options.get("context")
    trace_id = options.get("trace_id")
    if request is None:
        request = models.SendUsersMessageRequest(
            users=_endpoint_configs(users, "users") or {},
            message_configuration=message or models.DirectMessageConfiguration(),
            template_configuration=template,
            context=dict(context) if context is not None else None,
            trace_id=trace_id,
        )
    elif any(v is not None for v in (users, message, template, context, trace_id)):
        raise TypeError("pass either a SendUsersMessageRequest or keyword arguments, not both")
    count = len(request.users or {})
    if count == 0:
        raise errors.ValidationError("no recipients", "users")
    if count > limits.MAX_USERS_PER_MESSAGE:
        raise errors.ValidationError(
            f"{count} users, at most {limits.MAX_USERS_PER_MESSAGE} per request", "users"
        )
    return request


def build_otp_request(
    request: models.SendOTPMessageRequestParameters | None, fields: Mapping[str, Any],
) -> models.SendOTPMessageRequestParameters:
    """The ``SendOTPMessageRequestParameters`` for ``app.send_otp``: ``request`` or one
    built from keyword ``fields``, never both."""
    if request is None:
        try:
            return models.SendOTPMessageRequestParameters(**dict(fields))
        except TypeError as exc:
            raise errors.ValidationError(str(exc), "SendOTPMessageRequestParameters") from exc
    if fields:
        raise TypeError("pass either a request or keyword fields, not both")
    return request


# Planning of the messaging calls: the sync and async layers perform the same `Call`s.

def _message_call(method: str, application_id: str, parameter: str,
                  body: Any) -> Call[SendResult]:
    return Call(
        method, {"application_id": application_id, parameter: body},
        lambda output: SendResult.from_message_response(unwrap(output.message_response)),
    )


def send_messages_call(application_id: str, body: models.MessageRequest) -> Call[SendResult]:
    """The SendMessages call for ``body``; its result flattened into a `SendResult`."""
    return _message_call("send_messages", application_id, "message_request", body)


def send_users_messages_call(
    application_id: str, body: models.SendUsersMessageRequest
) -> Call[SendResult]:
    """The SendUsersMessages call for ``body``; its result flattened into a `SendResult`."""
    return Call(
        "send_users_messages",
        {"application_id": application_id, "send_users_message_request": body},
        lambda output: SendResult.from_users_response(
            unwrap(output.send_users_message_response)
        ),
    )


def send_otp_call(
    application_id: str, body: models.SendOTPMessageRequestParameters
) -> Call[SendResult]:
    """The SendOTPMessage call for ``body``; its result as a `SendResult`."""
    return _message_call("send_otp_message", application_id,
                         "send_otp_message_request_parameters", body)


def verify_otp_call(
    application_id: str, destination_identity: str, otp: str, reference_id: str
) -> Call[bool]:
    """The VerifyOTPMessage call; its result is whether the code is valid."""
    return Call(
        "verify_otp_message",
        {"application_id": application_id,
         "verify_otp_message_request_parameters": models.VerifyOTPMessageRequestParameters(
             destination_identity=destination_identity, otp=otp, reference_id=reference_id
         )},
        lambda output: bool(unwrap(output.verification_response).valid),
    )


def validate_phone_call(
    phone_number: str, iso_country_code: str | None
) -> Call[models.NumberValidateResponse]:
    """The PhoneNumberValidate call; its result the ``NumberValidateResponse``."""
    return Call(
        "phone_number_validate",
        {"number_validate_request": models.NumberValidateRequest(
            phone_number=phone_number, iso_country_code=iso_country_code
        )},
        lambda output: unwrap(output.number_validate_response),
    )
