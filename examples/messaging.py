"""Messaging: direct SMS/email sends with per-address results, OTP, number validation.

These are the APIs that outlive Pinpoint's engagement features (they continue as AWS End
User Messaging): sending straight to addresses, one-time passwords and phone number
validation. Shows:

* ``app.send_messages(addresses={address: channel}, message=...)`` returns a
  ``SendResult`` with one ``Delivery`` per address (status, code, message id) and
  ``result.failed`` for those not accepted; a malformed address fails on its own line
  instead of failing the whole request;
* ``app.send_otp(...)`` and ``app.verify_otp(destination, code, reference_id)``;
* ``pp.validate_phone_number(number)``: type, carrier, country and E.164 form.

Offline, the in-memory Pinpoint "delivers" to well-formed addresses, rejects malformed
ones and keeps the OTP codes it sends (``rt.mock.last_otp_code(number)``), so the whole
round trip runs without a phone.

Run it offline (the default; no AWS account needed):

    python examples/messaging.py

Live, it sends REAL messages, so it only sends to addresses you give, from an
application whose SMS and email channels you have set up (the malformed addresses are
still added to show per-address failures); the OTP code is read from your terminal:

    python examples/messaging.py --aws --app-id 0123abcd... \\
        --phone +12065550100 --email you@example.com --origination +12065550199
"""

from __future__ import annotations

# _runtime.py (next to this file): offline double by default, real AWS with --aws
from _runtime import connect, example_parser, is_live

from pinpoint_sdk import models
from pinpoint_sdk.resources import SendResult

OFFLINE_PHONE = "+12065550100"
OFFLINE_EMAIL = "ana@example.com"
OFFLINE_ORIGINATION = "+12065550199"
MALFORMED = {"555-0100": "SMS", "not-an-email": "EMAIL"}


def report(result: SendResult) -> None:
    """One line per recipient."""
    for d in result.deliveries:
        print(
            f"  {d.recipient:<18} {d.delivery_status or '-':<18} {d.status_code!s:<4} "
            f"{d.status_message or ''}"
        )
    print(
        f"  accepted {len(result.succeeded)}, failed {len(result.failed)}: "
        f"{result.failed_recipients}"
    )


def main() -> None:
    parser = example_parser(__doc__)
    parser.add_argument("--app-id", help="live: an app with SMS and email channels set up")
    parser.add_argument("--phone", help="live: a phone number (E.164) to send the SMS/OTP to")
    parser.add_argument("--email", help="live: an email address to send to")
    parser.add_argument("--origination", help="live: your origination number for OTP")
    args = parser.parse_args()
    if is_live(args) and not (args.app_id and args.phone and args.email and args.origination):
        parser.error(
            "live runs send real messages: give --app-id, --phone, --email and --origination"
        )

    with connect(args) as rt:
        pp = rt.pinpoint
        phone: str = args.phone or OFFLINE_PHONE
        email: str = args.email or OFFLINE_EMAIL
        origination: str = args.origination or OFFLINE_ORIGINATION
        app = pp.apps.get(args.app_id) if rt.live else pp.apps.create("messaging-demo")
        print(f"app {app.id}")

        # 1. Direct send to addresses: each address gets its own result.
        print("\n1. send_messages to 2 good and 2 malformed addresses")
        result = app.send_messages(
            addresses={phone: "SMS", email: "EMAIL", **MALFORMED},
            message=models.DirectMessageConfiguration(
                sms_message=models.SMSMessage(
                    body="Your order #1042 has shipped.", message_type="TRANSACTIONAL"
                ),
                email_message=models.EmailMessage(
                    simple_email=models.SimpleEmail(
                        subject=models.SimpleEmailPart(data="Your order has shipped"),
                        text_part=models.SimpleEmailPart(data="Order #1042 is on its way."),
                    )
                ),
            ),
        )
        report(result)

        # 2. One-time password: send, then verify a wrong and the right code.
        print("\n2. OTP send and verify")
        sent = app.send_otp(
            brand_name="Acme",
            channel="SMS",
            reference_id="login-1042",
            destination_identity=phone,
            origination_identity=origination,
            code_length=6,
            validity_period=5,
        )
        print(f"  sent OTP to {phone}: ok={sent.ok}")
        if rt.live:
            code = input("  code received by SMS: ").strip()
        else:
            assert rt.mock is not None
            code = rt.mock.last_otp_code(phone, rt.region) or ""
        print(f"  verify wrong code 000000: {app.verify_otp(phone, '000000', 'login-1042')}")
        print(f"  verify right code:        {app.verify_otp(phone, code, 'login-1042')}")

        # 3. Phone number validation.
        print("\n3. validate_phone_number")
        for number in (phone, "+44 7700 900123", "+1 555 0100"):
            info = pp.validate_phone_number(number)
            print(
                f"  {number:<16} -> type={info.phone_type}, country={info.country_code_iso2}, "
                f"e164={info.cleansed_phone_number_e164}"
            )

        # No clean-up: offline, the in-memory app vanishes at exit; live, it is yours.


if __name__ == "__main__":
    main()
