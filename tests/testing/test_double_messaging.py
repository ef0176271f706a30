"""SendMessages, SendUsersMessages, OTP, PhoneNumberValidate, GetInAppMessages."""

from __future__ import annotations

from typing import Any

from double_helpers import error_code

from pinpoint_sdk.testing import PinpointMock

SMS = {"SMSMessage": {"Body": "hello", "MessageType": "TRANSACTIONAL"}}


def test_send_messages_per_address_results(client: Any, app_id: str, mock: PinpointMock) -> None:
    response = client.send_messages(
        ApplicationId=app_id,
        MessageRequest={
            "Addresses": {
                "+12065550100": {"ChannelType": "SMS"},
                "12065550100": {"ChannelType": "SMS"},
                "a@example.com": {"ChannelType": "EMAIL"},
                "not-an-email": {"ChannelType": "EMAIL"},
            },
            "MessageConfiguration": {**SMS, "EmailMessage": {"FromAddress": "x@example.com"}},
        },
    )["MessageResponse"]
    result = response["Result"]
    assert result["+12065550100"]["DeliveryStatus"] == "SUCCESSFUL"
    assert result["+12065550100"]["StatusCode"] == 200
    assert result["+12065550100"]["MessageId"]
    assert result["a@example.com"]["DeliveryStatus"] == "SUCCESSFUL"
    for bad in ("12065550100", "not-an-email"):
        assert result[bad]["DeliveryStatus"] == "PERMANENT_FAILURE"
        assert result[bad]["StatusCode"] == 400
        assert result[bad]["StatusMessage"]
    sent = mock.backend().sent_messages
    assert sorted(m["Address"] for m in sent) == ["+12065550100", "a@example.com"]


def test_send_messages_to_endpoints(client: Any, app_id: str) -> None:
    client.update_endpoint(
        ApplicationId=app_id,
        EndpointId="ep1",
        EndpointRequest={"Address": "+447700900123", "ChannelType": "SMS"},
    )
    client.update_endpoint(
        ApplicationId=app_id,
        EndpointId="ep2",
        EndpointRequest={"Address": "+447700900124", "ChannelType": "SMS", "OptOut": "ALL"},
    )
    result = client.send_messages(
        ApplicationId=app_id,
        MessageRequest={
            "Endpoints": {"ep1": {}, "ep2": {}, "missing": {}},
            "MessageConfiguration": SMS,
        },
    )["MessageResponse"]["EndpointResult"]
    assert result["ep1"]["DeliveryStatus"] == "SUCCESSFUL"
    assert result["ep1"]["Address"] == "+447700900123"
    assert result["ep2"]["DeliveryStatus"] == "OPT_OUT"
    assert result["missing"]["DeliveryStatus"] == "PERMANENT_FAILURE"
    assert result["missing"]["StatusCode"] == 404


def test_send_messages_errors(client: Any, app_id: str) -> None:
    too_many = {f"+1206555{i:04d}": {"ChannelType": "SMS"} for i in range(101)}
    request = {"Addresses": too_many, "MessageConfiguration": SMS}
    assert error_code(
        lambda: client.send_messages(ApplicationId=app_id, MessageRequest=request)
    ) == "BadRequestException"
    assert error_code(
        lambda: client.send_messages(
            ApplicationId="nope", MessageRequest={"MessageConfiguration": SMS}
        )
    ) == "NotFoundException"
    assert error_code(
        lambda: client.send_messages(ApplicationId=app_id, MessageRequest={"MessageConfiguration": SMS})
    ) == "BadRequestException"


def test_send_users_messages(client: Any, app_id: str) -> None:
    client.update_endpoints_batch(
        ApplicationId=app_id,
        EndpointBatchRequest={
            "Item": [
                {"Id": "a", "Address": "u@example.com", "ChannelType": "EMAIL",
                 "User": {"UserId": "user-1"}},
                {"Id": "b", "Address": "+33612345678", "ChannelType": "SMS",
                 "User": {"UserId": "user-1"}},
            ]
        },
    )
    response = client.send_users_messages(
        ApplicationId=app_id,
        SendUsersMessageRequest={
            "Users": {"user-1": {}, "ghost": {}},
            "MessageConfiguration": SMS,
        },
    )["SendUsersMessageResponse"]
    assert set(response["Result"]["user-1"]) == {"a", "b"}
    assert all(r["DeliveryStatus"] == "SUCCESSFUL" for r in response["Result"]["user-1"].values())
    assert response["Result"]["ghost"] == {}
    assert error_code(
        lambda: client.send_users_messages(
            ApplicationId="nope",
            SendUsersMessageRequest={"Users": {"u": {}}, "MessageConfiguration": SMS},
        )
    ) == "NotFoundException"
    assert error_code(
        lambda: client.send_users_messages(
            ApplicationId=app_id,
            SendUsersMessageRequest={
                "Users": {str(i): {} for i in range(101)},
                "MessageConfiguration": SMS,
            },
        )
    ) == "BadRequestException"


def _otp(**overrides: Any) -> dict[str, Any]:
    return {
        "BrandName": "Acme",
        "Channel": "SMS",
        "DestinationIdentity": "+12065550123",
        "OriginationIdentity": "+12065550000",
        "ReferenceId": "login",
        **overrides,
    }


def test_otp_send_and_verify(client: Any, app_id: str, mock: PinpointMock) -> None:
    sent = client.send_otp_message(
        ApplicationId=app_id, SendOTPMessageRequestParameters=_otp(CodeLength=7)
    )["MessageResponse"]
    assert sent["Result"]["+12065550123"]["DeliveryStatus"] == "SUCCESSFUL"
    code = mock.last_otp_code("+12065550123")
    assert code is not None and len(code) == 7 and code.isdigit()
    wrong = "0000000" if code != "0000000" else "1111111"

    def verify(otp: str, reference: str = "login") -> bool:
        valid: bool = client.verify_otp_message(
            ApplicationId=app_id,
            VerifyOTPMessageRequestParameters={
                "DestinationIdentity": "+12065550123", "Otp": otp, "ReferenceId": reference,
            },
        )["VerificationResponse"]["Valid"]
        return valid

    assert verify(wrong) is False
    assert verify(code, reference="other") is False
    assert verify(code) is True
    assert verify(code) is False  # consumed


def test_otp_errors(client: Any, app_id: str) -> None:
    for bad in (_otp(Channel="EMAIL"), _otp(DestinationIdentity="555"), _otp(CodeLength=3)):
        assert error_code(
            lambda bad=bad: client.send_otp_message(
                ApplicationId=app_id, SendOTPMessageRequestParameters=bad
            )
        ) == "BadRequestException"
    assert error_code(
        lambda: client.send_otp_message(ApplicationId="x", SendOTPMessageRequestParameters=_otp())
    ) == "NotFoundException"


def test_phone_number_validate(client: Any) -> None:
    us = client.phone_number_validate(
        NumberValidateRequest={"PhoneNumber": "+1 (206) 555-0100"}
    )["NumberValidateResponse"]
    assert us["CleansedPhoneNumberE164"] == "+12065550100"
    assert us["CountryCodeIso2"] == "US"
    assert us["CountryCodeNumeric"] == "1"
    assert us["PhoneType"] == "MOBILE"
    gb = client.phone_number_validate(
        NumberValidateRequest={"PhoneNumber": "07700 900123", "IsoCountryCode": "GB"}
    )["NumberValidateResponse"]
    assert gb["CleansedPhoneNumberE164"] == "+447700900123"
    assert gb["Country"] == "United Kingdom"
    bad = client.phone_number_validate(NumberValidateRequest={"PhoneNumber": "+99912"})[
        "NumberValidateResponse"
    ]
    assert bad["PhoneType"] == "INVALID"
    assert "CleansedPhoneNumberE164" not in bad


def test_phone_number_validate_requires_number(unchecked_client: Any) -> None:
    assert error_code(
        lambda: unchecked_client.phone_number_validate(NumberValidateRequest={})
    ) == "BadRequestException"


def test_in_app_messages(client: Any, app_id: str) -> None:
    segment = client.create_segment(ApplicationId=app_id, WriteSegmentRequest={"Name": "s"})
    segment_id = segment["SegmentResponse"]["Id"]
    content = [{"BodyConfig": {"Alignment": "LEFT", "Body": "hi", "TextColor": "#000000"}}]
    client.create_campaign(
        ApplicationId=app_id,
        WriteCampaignRequest={
            "Name": "inapp",
            "SegmentId": segment_id,
            "MessageConfiguration": {
                "InAppMessage": {"Content": content, "Layout": "BOTTOM_BANNER"}
            },
            "Schedule": {"StartTime": "IMMEDIATE", "EventFilter": {
                "FilterType": "ENDPOINT", "Dimensions": {"EventType": {
                    "DimensionType": "INCLUSIVE", "Values": ["open"]}}}},
        },
    )
    client.update_endpoint(
        ApplicationId=app_id, EndpointId="e", EndpointRequest={"ChannelType": "IN_APP"}
    )
    campaigns = client.get_in_app_messages(ApplicationId=app_id, EndpointId="e")[
        "InAppMessagesResponse"
    ]["InAppMessageCampaigns"]
    assert len(campaigns) == 1
    assert campaigns[0]["InAppMessage"]["Layout"] == "BOTTOM_BANNER"
    assert error_code(
        lambda: client.get_in_app_messages(ApplicationId=app_id, EndpointId="nope")
    ) == "NotFoundException"
