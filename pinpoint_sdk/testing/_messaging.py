"""Direct messaging: SendMessages, SendUsersMessages, OTP, PhoneNumberValidate, in-app."""

from __future__ import annotations

import re
import secrets
import time
from typing import Any, cast

from ._core import BackendCore, MessageOrigin, SentMessage, new_id, now_iso
from ._exceptions import BadRequestException
from ._resources import PUSH_CHANNELS, ResourcesMixin

MAX_RECIPIENTS = 100
_E164 = re.compile(r"^\+[1-9]\d{7,14}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

# Calling code -> (ISO-3166 alpha-2, country name, national number length, timezone)
_COUNTRIES: dict[str, tuple[str, str, int, str]] = {
    "1": ("US", "United States", 10, "America/New_York"),
    "44": ("GB", "United Kingdom", 10, "Europe/London"),
    "49": ("DE", "Germany", 11, "Europe/Berlin"),
    "33": ("FR", "France", 9, "Europe/Paris"),
    "34": ("ES", "Spain", 9, "Europe/Madrid"),
    "39": ("IT", "Italy", 10, "Europe/Rome"),
    "61": ("AU", "Australia", 9, "Australia/Sydney"),
    "81": ("JP", "Japan", 10, "Asia/Tokyo"),
    "91": ("IN", "India", 10, "Asia/Kolkata"),
    "55": ("BR", "Brazil", 11, "America/Sao_Paulo"),
    "52": ("MX", "Mexico", 10, "America/Mexico_City"),
    "86": ("CN", "China", 11, "Asia/Shanghai"),
}
_ISO_TO_CODE = {iso: code for code, (iso, *_rest) in _COUNTRIES.items()}


def address_problem(channel: str | None, address: str | None) -> str | None:
    """Why ``address`` cannot receive on ``channel`` (None when it can)."""
    if not channel:
        return "ChannelType is required for each address"
    if not address:
        return "Address is empty"
    if channel in {"SMS", "VOICE"} and not _E164.match(address):
        return f"Invalid phone number {address!r}: expected E.164 (+ and 8-15 digits)"
    if channel == "EMAIL" and not _EMAIL.match(address):
        return f"Invalid email address {address!r}"
    if channel in PUSH_CHANNELS and len(address.strip()) < 8:
        return f"Invalid device token for {channel}"
    if channel not in {"SMS", "VOICE", "EMAIL", "CUSTOM", "IN_APP"} | PUSH_CHANNELS:
        return f"Unsupported channel {channel!r}"
    return None


class DeliveryMixin(ResourcesMixin, BackendCore):
    """Delivering one message to an address or an endpoint, shared by every sender."""

    def _deliver(
        self,
        app_id: str,
        channel: str | None,
        address: str | None,
        request: dict[str, Any],
        origin: MessageOrigin | None = None,
    ) -> dict[str, Any]:
        """Deliver to ``address`` and keep the record in ``sent_messages``.

        ``origin`` is merged into the record: ``EndpointId`` and, for campaign runs,
        ``CampaignId``, ``CampaignActivityId`` and ``TreatmentId``.
        """
        problem = address_problem(channel, address)
        if problem:
            return {
                "DeliveryStatus": "PERMANENT_FAILURE",
                "StatusCode": 400,
                "StatusMessage": problem,
            }
        message_id = new_id()
        record: SentMessage = {
            "ApplicationId": app_id,
            "ChannelType": channel,
            "Address": address,
            "MessageId": message_id,
            "MessageConfiguration": request.get("MessageConfiguration") or {},
            "TemplateConfiguration": request.get("TemplateConfiguration") or {},
            "SentAt": now_iso(),
        }
        if origin:
            # A MessageOrigin holds only keys SentMessage declares, with the same types.
            record.update(cast(SentMessage, origin))
        self.sent_messages.append(record)
        return {
            "DeliveryStatus": "SUCCESSFUL",
            "StatusCode": 200,
            "StatusMessage": "MessageId: " + message_id,
            "MessageId": message_id,
        }

    def _deliver_endpoint(
        self,
        app_id: str,
        endpoint_id: str,
        request: dict[str, Any],
        origin: MessageOrigin | None = None,
    ) -> dict[str, Any]:
        endpoint = self.state(app_id).endpoints.get(endpoint_id)
        if endpoint is None:
            return {
                "Address": "",
                "DeliveryStatus": "PERMANENT_FAILURE",
                "StatusCode": 404,
                "StatusMessage": f"Endpoint {endpoint_id} not found",
            }
        address = endpoint.get("Address")
        if endpoint.get("OptOut") == "ALL":
            return {
                "Address": address or "",
                "DeliveryStatus": "OPT_OUT",
                "StatusCode": 400,
                "StatusMessage": "Endpoint has opted out",
            }
        if endpoint.get("EndpointStatus") == "INACTIVE":
            return {
                "Address": address or "",
                "DeliveryStatus": "PERMANENT_FAILURE",
                "StatusCode": 400,
                "StatusMessage": "Endpoint is inactive",
            }
        merged: MessageOrigin = {"EndpointId": endpoint_id, **(origin or {})}
        result = self._deliver(app_id, endpoint.get("ChannelType"), address, request, merged)
        return {"Address": address or "", **result}


class MessagingMixin(DeliveryMixin, ResourcesMixin, BackendCore):
    """Messages sent straight to addresses, endpoints or users."""

    def send_messages(self, params: dict[str, Any]) -> dict[str, Any]:
        """SendMessages: one result per address and per endpoint id."""
        app_id = params["ApplicationId"]
        self.state(app_id)
        request = self.body(params, "SendMessages")
        addresses = request.get("Addresses") or {}
        endpoints = request.get("Endpoints") or {}
        if not addresses and not endpoints:
            raise BadRequestException("Specify at least one address or endpoint")
        if len(addresses) + len(endpoints) > MAX_RECIPIENTS:
            raise BadRequestException(f"At most {MAX_RECIPIENTS} recipients per request")
        response: dict[str, Any] = {"ApplicationId": app_id, "RequestId": new_id()}
        if addresses:
            response["Result"] = {
                address: self._deliver(app_id, (config or {}).get("ChannelType"), address, request)
                for address, config in addresses.items()
            }
        if endpoints:
            response["EndpointResult"] = {
                endpoint_id: self._deliver_endpoint(app_id, endpoint_id, request)
                for endpoint_id in endpoints
            }
        return response

    def send_users_messages(self, params: dict[str, Any]) -> dict[str, Any]:
        """SendUsersMessages: results per user id, then per endpoint of that user."""
        app_id = params["ApplicationId"]
        state = self.state(app_id)
        request = self.body(params, "SendUsersMessages")
        users = request["Users"]
        if not users:
            raise BadRequestException("Users must not be empty")
        if len(users) > MAX_RECIPIENTS:
            raise BadRequestException(f"At most {MAX_RECIPIENTS} users per request")
        result: dict[str, dict[str, Any]] = {}
        for user_id in users:
            endpoint_ids = state.endpoints.user_endpoint_ids(user_id)
            result[user_id] = {
                ep_id: self._deliver_endpoint(app_id, ep_id, request) for ep_id in endpoint_ids
            }
        return {"ApplicationId": app_id, "RequestId": new_id(), "Result": result}

    # -- one-time passwords --------------------------------------------------------
    def send_otp_message(self, params: dict[str, Any]) -> dict[str, Any]:
        """SendOTPMessage: a code is generated, kept for VerifyOTPMessage and 'sent'."""
        app_id = params["ApplicationId"]
        self.state(app_id)
        request = self.body(params, "SendOTPMessage")
        if request["Channel"].upper() != "SMS":
            raise BadRequestException("Channel must be SMS")
        destination = request["DestinationIdentity"]
        if not _E164.match(destination):
            raise BadRequestException(f"Invalid DestinationIdentity {destination!r}")
        length = request.get("CodeLength", 6)
        attempts = request.get("AllowedAttempts", 3)
        validity = request.get("ValidityPeriod", 15)
        if not 5 <= length <= 8:
            raise BadRequestException("CodeLength must be between 5 and 8")
        if not 1 <= attempts <= 5:
            raise BadRequestException("AllowedAttempts must be between 1 and 5")
        if not 5 <= validity <= 60:
            raise BadRequestException("ValidityPeriod must be between 5 and 60 minutes")
        code = "".join(secrets.choice("0123456789") for _ in range(length))
        self.otp_codes[(app_id, request["ReferenceId"], destination)] = {
            "code": code,
            "attempts": attempts,
            "expires": time.time() + validity * 60,
        }
        self.last_otp[destination] = code
        message_id = new_id()
        self.sent_messages.append(
            {
                "ApplicationId": app_id,
                "ChannelType": "SMS",
                "Address": destination,
                "MessageId": message_id,
                "Otp": code,
                "BrandName": request["BrandName"],
                "SentAt": now_iso(),
            }
        )
        return {
            "ApplicationId": app_id,
            "RequestId": new_id(),
            "Result": {
                destination: {
                    "DeliveryStatus": "SUCCESSFUL",
                    "StatusCode": 200,
                    "StatusMessage": "MessageId: " + message_id,
                    "MessageId": message_id,
                }
            },
        }

    def verify_otp_message(self, params: dict[str, Any]) -> dict[str, Any]:
        """VerifyOTPMessage: valid once, within its validity period and attempts."""
        app_id = params["ApplicationId"]
        self.state(app_id)
        request = self.body(params, "VerifyOTPMessage")
        key = (app_id, request["ReferenceId"], request["DestinationIdentity"])
        record = self.otp_codes.get(key)
        if record is None or record["expires"] < time.time() or record["attempts"] <= 0:
            return {"Valid": False}
        if record["code"] != request["Otp"]:
            record["attempts"] -= 1
            return {"Valid": False}
        del self.otp_codes[key]
        return {"Valid": True}

    # -- phone numbers -------------------------------------------------------------
    def phone_number_validate(self, params: dict[str, Any]) -> dict[str, Any]:
        """PhoneNumberValidate: deterministic, from the calling-code prefix."""
        request = self.body(params, "PhoneNumberValidate")
        original = request.get("PhoneNumber")
        if not original:
            raise BadRequestException("PhoneNumber is required")
        iso_hint = (request.get("IsoCountryCode") or "").upper()
        digits = re.sub(r"[\s().-]", "", original)
        if not digits.startswith("+"):
            digits = digits.lstrip("0")
            code_hint = _ISO_TO_CODE.get(iso_hint, "")
            national_length = _COUNTRIES[code_hint][2] if code_hint else 0
            if digits.startswith(code_hint) and len(digits) > national_length:
                code_hint = ""
            digits = "+" + code_hint + digits
        response: dict[str, Any] = {"OriginalPhoneNumber": original}
        if iso_hint:
            response["OriginalCountryCodeIso2"] = iso_hint
        code = next(
            (c for c in sorted(_COUNTRIES, key=len, reverse=True) if digits[1:].startswith(c)),
            None,
        )
        national = digits[1 + len(code) :] if code else ""
        if code is None or not _E164.match(digits) or len(national) != _COUNTRIES[code][2]:
            response.update({"PhoneType": "INVALID", "PhoneTypeCode": 3})
            return response
        iso, country, _length, timezone = _COUNTRIES[code]
        response.update(
            {
                "Carrier": "Example Carrier",
                "CleansedPhoneNumberE164": digits,
                "CleansedPhoneNumberNational": national,
                "Country": country,
                "CountryCodeIso2": iso,
                "CountryCodeNumeric": code,
                "PhoneType": "MOBILE",
                "PhoneTypeCode": 0,
                "Timezone": timezone,
            }
        )
        return response

    # -- in-app --------------------------------------------------------------------
    def get_in_app_messages(self, params: dict[str, Any]) -> dict[str, Any]:
        """GetInAppMessages: in-app campaigns of the app that are not paused."""
        state = self.state(params["ApplicationId"])
        self.lookup(state.endpoints, params["EndpointId"], "Endpoint")
        campaigns: list[dict[str, Any]] = []
        for campaign_id, versioned in state.campaigns.items():
            campaign = versioned.current
            message = (campaign.get("MessageConfiguration") or {}).get("InAppMessage")
            if not message or campaign.get("IsPaused"):
                continue
            limits = campaign.get("Limits") or {}
            schedule = campaign.get("Schedule") or {}
            entry: dict[str, Any] = {
                "CampaignId": campaign_id,
                "InAppMessage": {
                    key: message[key]
                    for key in ("Content", "CustomConfig", "Layout")
                    if key in message
                },
                "Priority": campaign.get("Priority", 1),
                "DailyCap": limits.get("Daily", 0),
                "SessionCap": limits.get("Session", 0),
                "TotalCap": limits.get("Total", 0),
                "TreatmentId": "0",
                "Schedule": {
                    key: schedule[key]
                    for key in ("EndDate", "EventFilter", "QuietTime")
                    if key in schedule
                }
                | ({"EndDate": schedule["EndTime"]} if "EndTime" in schedule else {}),
            }
            campaigns.append(entry)
        return {"InAppMessageCampaigns": campaigns}
