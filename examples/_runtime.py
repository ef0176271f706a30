"""Offline-by-default runtime shared by the examples (not an example itself).

Every example runs against the in-memory Pinpoint of ``pinpoint_sdk.testing`` unless it is
asked to go live, so trying them needs no AWS account:

    python examples/quickstart.py                 # offline: nothing leaves the process
    python examples/quickstart.py --aws           # live: default boto3 credential chain
    PINPOINT_SDK_LIVE=1 python examples/quickstart.py --region eu-west-1

Offline, the boto3 client gets fake credentials and an explicit ``amazonaws.com`` endpoint
that the double intercepts, so neither your real credentials nor ``AWS_ENDPOINT_URL`` /
``AWS_PROFILE`` settings are used. Live, a missing credential chain or a failing call ends
the script with a one-line message and exit status 2, never with a silent offline run.

An example reads like this::

    args = example_parser(__doc__).parse_args()
    with connect(args) as rt:
        app = rt.pinpoint.apps.create("demo")
        ...
        rt.clean_up(app)   # live: delete it unless --keep; offline: nothing to do
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pinpoint_sdk import Pinpoint

if TYPE_CHECKING:
    from pinpoint_sdk.resources import App
    from pinpoint_sdk.testing import PinpointMock

__all__ = ["LIVE_ENV", "Runtime", "connect", "example_parser", "is_live"]

LIVE_ENV = "PINPOINT_SDK_LIVE"
"""Set to ``1`` (or ``true``/``yes``) to run an example against real AWS, like ``--aws``."""

_FAKE_CREDENTIALS = {
    "aws_access_key_id": "testing",
    "aws_secret_access_key": "testing",
    "aws_session_token": "testing",
}


def example_parser(doc: str | None) -> argparse.ArgumentParser:
    """An argument parser with the options every example shares; add your own to it."""
    parser = argparse.ArgumentParser(
        description=(doc or "").strip().splitlines()[0] if doc else None,
        epilog="Offline by default. Use --aws (or PINPOINT_SDK_LIVE=1) for real AWS.",
    )
    parser.add_argument(
        "--aws",
        action="store_true",
        help=f"run against real AWS with the default credential chain (or set {LIVE_ENV}=1)",
    )
    parser.add_argument("--region", default="us-east-1", help="AWS Region (default: us-east-1)")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="live runs only: keep the application the example creates instead of deleting it",
    )
    return parser


def is_live(args: argparse.Namespace) -> bool:
    """Whether this run goes to real AWS (``--aws`` or ``PINPOINT_SDK_LIVE=1``)."""
    flag = os.environ.get(LIVE_ENV, "").strip().lower()
    return bool(getattr(args, "aws", False)) or flag in {"1", "true", "yes", "on"}


@dataclass
class Runtime:
    """What an example runs with.

    Attributes:
        pinpoint: the resource root (``pinpoint.apps.create(...)`` and so on).
        live: True against real AWS, False against the in-memory double.
        region: the AWS Region in use.
        mock: the active offline double (``None`` live); offline-only helpers such as
            ``mock.last_otp_code(number)`` hang off it.
        keep: ``--keep`` was given.
    """

    pinpoint: Pinpoint
    live: bool
    region: str
    mock: PinpointMock | None = None
    keep: bool = False

    @property
    def mode(self) -> str:
        """``"live AWS (<region>)"`` or ``"offline (in-memory Pinpoint)"``, for printing."""
        return f"live AWS ({self.region})" if self.live else "offline (in-memory Pinpoint)"

    @property
    def poll_interval(self) -> float:
        """Seconds between job polls: 10 live, 0 offline (the double advances per read)."""
        return 10.0 if self.live else 0.0

    def clean_up(self, app: App) -> None:
        """Live: delete ``app`` (and all it holds) unless ``--keep``. Offline: nothing to do,
        the in-memory Pinpoint disappears when the script ends."""
        if not self.live:
            return
        if self.keep:
            print(f"kept application {app.id} (--keep); delete it when done")
            return
        app.delete()
        print(f"deleted application {app.id} (pass --keep to keep it)")


def _fail(message: str) -> SystemExit:
    print(f"error: {message}", file=sys.stderr)
    return SystemExit(2)


def _offline(args: argparse.Namespace) -> Iterator[Runtime]:
    try:
        import boto3
        from botocore.config import Config

        from pinpoint_sdk.testing import mock_pinpoint
    except ImportError as exc:  # moto is the 'testing' extra
        raise _fail(
            f"the offline Pinpoint needs moto ({exc}); install it with "
            "pip install 'pinpoint-sdk[testing]', or run live with --aws"
        ) from exc
    region: str = args.region
    with mock_pinpoint() as mock:
        # Fake credentials and the service's own endpoint: the double intercepts it, and
        # nothing from the environment (profiles, AWS_ENDPOINT_URL) is used offline.
        session = boto3.session.Session(region_name=region, **_FAKE_CREDENTIALS)
        client = session.client(
            "pinpoint",
            endpoint_url=f"https://pinpoint.{region}.amazonaws.com",
            config=Config(retries={"mode": "adaptive"}),
        )
        yield Runtime(Pinpoint(client), live=False, region=region, mock=mock)


def _live(args: argparse.Namespace) -> Iterator[Runtime]:
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    session = boto3.session.Session(region_name=args.region)
    try:
        credentials: Any = session.get_credentials()
    except BotoCoreError as exc:
        raise _fail(f"live mode: cannot load AWS credentials: {exc}") from exc
    if credentials is None:
        raise _fail(
            "live mode (--aws / PINPOINT_SDK_LIVE) needs AWS credentials and none were "
            "found in the default chain (env, profile, SSO, instance role); configure "
            "them or run without --aws to stay offline"
        )
    print(f"LIVE: running against real AWS in {args.region}; this creates real resources")
    try:
        yield Runtime(
            Pinpoint(session=session, region_name=args.region),
            live=True,
            region=args.region,
            keep=bool(getattr(args, "keep", False)),
        )
    except (BotoCoreError, ClientError) as exc:
        # Includes every pinpoint_sdk service error (they are ClientErrors).
        raise _fail(f"live call failed: {type(exc).__name__}: {exc}") from exc


@contextmanager
def connect(args: argparse.Namespace) -> Iterator[Runtime]:
    """The offline double (default) or live AWS (``--aws`` / ``PINPOINT_SDK_LIVE=1``)."""
    if is_live(args):
        yield from _live(args)
    else:
        print("offline: in-memory Pinpoint (no AWS account needed; --aws to go live)")
        yield from _offline(args)
