"""Error handling: typed service errors, validation before sending, and retry decisions.

Shows ``pinpoint_sdk.errors``:

* a missing resource raises ``errors.NotFoundError`` carrying ``code``, ``message``,
  ``status_code``, ``request_id`` (quote it to AWS Support) and ``operation_name``;
* every service error is *also* a ``botocore.exceptions.ClientError``, so existing
  ``except ClientError:`` code (reading ``exc.response["Error"]["Code"]``) keeps working;
* bad input raises ``errors.ValidationError`` (a ``ValueError``) *before* anything is
  sent, naming the field path (``exc.path``, and every problem in ``exc.errors``);
* requests the service refuses for the state things are in: ``BadRequestError`` (400),
  ``ConflictError`` (409);
* ``exc.retryable``: True for throttling (429) and server faults (5xx), False for the
  rest. botocore already retries those a few times; the flag is for *your* outer retry
  decision (requeue the message, or drop it and alert).

Run it offline (the default; no AWS account needed):

    python examples/error_handling.py

Live (creates, then deletes, an application in your account):

    python examples/error_handling.py --aws
"""

from __future__ import annotations

# _runtime.py (next to this file): offline double by default, real AWS with --aws
from _runtime import connect, example_parser
from botocore.exceptions import ClientError

from pinpoint_sdk import errors, models
from pinpoint_sdk.builders import CampaignBuilder, JourneyBuilder, SegmentBuilder


def describe(exc: errors.PinpointServiceError) -> str:
    """The fields worth logging for any service error."""
    return (
        f"{type(exc).__name__}: code={exc.code} status={exc.status_code} "
        f"retryable={exc.retryable} operation={exc.operation_name} "
        f"request_id={exc.request_id} message={exc.message!r}"
    )


def main() -> None:
    args = example_parser(__doc__).parse_args()
    with connect(args) as rt:
        pp = rt.pinpoint
        app = pp.apps.create("error-handling-demo")
        print(f"app {app.id}")

        # 1. A typed error for a missing resource.
        print("\n1. NotFoundError")
        try:
            app.campaigns.get("no-such-campaign")
        except errors.NotFoundError as exc:
            print(f"  {describe(exc)}")

        # 2. Code written for plain boto3 still catches it: it is a ClientError too.
        print("\n2. except ClientError (existing boto3 code)")
        try:
            pp.apps.get("no-such-app")
        except ClientError as exc:
            print(
                f"  caught ClientError: Error.Code={exc.response['Error']['Code']}, "
                f"HTTP {exc.response['ResponseMetadata']['HTTPStatusCode']}, "
                f"is NotFoundError: {isinstance(exc, errors.NotFoundError)}"
            )

        # 3. Validation before sending: nothing reaches the service.
        print("\n3. ValidationError before sending")
        try:
            CampaignBuilder("too-big-holdout").segment("any").immediately().email(
                title="Hi", html_body="<p>Hi</p>"
            ).holdout(150).build()
        except errors.ValidationError as exc:
            print(f"  builder:  path={exc.path}  ->  {exc}")
        try:
            # mypy already flags this line; untyped callers get the error at run time.
            request = models.CreateApplicationRequest(name=None)  # type: ignore[arg-type]
            pp.client.create_app(create_application_request=request)
        except errors.ValidationError as exc:
            print(f"  client:   path={exc.path}  ->  {exc}")
        try:
            app.endpoints.upsert(
                "user-{42}", models.EndpointRequest(channel_type="EMAIL", address="a@example.com")
            )
        except errors.ValidationError as exc:
            print(f"  endpoint: path={exc.path}  ->  {exc}")
        print(
            f"  (ValidationError is a ValueError: {issubclass(errors.ValidationError, ValueError)})"
        )

        # 4. The service refuses what the state does not allow.
        print("\n4. Errors from the state of a resource")
        segment = app.segments.create(SegmentBuilder("everyone").channel("EMAIL"))
        journey = app.journeys.create(
            JourneyBuilder("drafty").segment(segment.id).start("hello").email("hello", "Hello")
        )
        try:
            journey.pause()  # only an ACTIVE journey can be paused; this one is DRAFT
        except errors.PinpointServiceError as exc:  # BadRequestError (400)
            print(f"  pause a DRAFT journey:      {describe(exc)}")
        journey.cancel()
        try:
            journey.resume()  # a cancelled journey stays cancelled
        except errors.PinpointServiceError as exc:  # ConflictError (409)
            print(f"  resume a CANCELLED journey: {describe(exc)}")
        else:
            print(f"  resume a CANCELLED journey: accepted, state={journey.state}")

        # 5. retryable: what an outer retry loop should look at.
        print("\n5. retryable")
        throttled = errors.from_client_error(
            ClientError(
                {
                    "Error": {"Code": "TooManyRequestsException", "Message": "Rate exceeded"},
                    "ResponseMetadata": {"HTTPStatusCode": 429, "RequestId": "example-id"},
                },
                "PutEvents",
            )
        )
        print(f"  a 429 response maps to {describe(throttled)}")
        for exc_type in (
            errors.NotFoundError,
            errors.BadRequestError,
            errors.ConflictError,
            errors.TooManyRequestsError,
            errors.InternalServerError,
        ):
            print(
                f"  {exc_type.__name__:<22} retryable by default: {exc_type.retryable_by_default}"
            )

        rt.clean_up(app)


if __name__ == "__main__":
    main()
