"""The ``pinpoint-sdk`` command line.

Subcommands:

- ``serve``: run the offline Pinpoint (the double from `pinpoint_sdk.testing`, with
  moto's other services) as an HTTP server until interrupted.

Examples:
    ```console
    $ pinpoint-sdk serve --port 5000
    Serving the offline Pinpoint at http://127.0.0.1:5000 (Ctrl-C stops it)
    $ aws pinpoint get-apps --endpoint-url http://127.0.0.1:5000
    ```
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``pinpoint-sdk``, one subparser per subcommand."""
    parser = argparse.ArgumentParser(
        prog="pinpoint-sdk", description="Tools of the pinpoint_sdk package."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser(
        "serve",
        help="run the offline Pinpoint as an HTTP server",
        description=(
            "Serve the offline Pinpoint (and moto's other services) over HTTP until "
            "interrupted. Point clients at it with --endpoint-url / endpoint_url."
        ),
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default: %(default)s)"
    )
    serve.add_argument(
        "--port",
        type=int,
        default=5000,
        help="port to bind; 0 picks a free one (default: %(default)s)",
    )
    serve.add_argument(
        "--verbose", action="store_true", help="log one line per request to stderr"
    )
    serve.set_defaults(run=_serve)
    _add_support_command(commands)
    return parser


def _add_support_command(commands: Any) -> None:
    support = commands.add_parser(
        "support",
        help="which operations ended on 2026-10-30 and which continue",
        description=(
            "The end-of-support map: for each Pinpoint operation, whether it ended with "
            "the engagement features on 2026-10-30 or continues as AWS End User "
            "Messaging, the AWS successor and the AWS page that says so."
        ),
    )
    support.add_argument(
        "operation", nargs="?", help="one operation, e.g. create_journey or CreateJourney"
    )
    support.add_argument(
        "--markdown", action="store_true", help="print the map as the docs' Markdown page"
    )

    def run(args: argparse.Namespace) -> int:
        from pinpoint_sdk.support import run_command

        return run_command(args.operation, markdown=args.markdown, out=sys.stdout, err=sys.stderr)

    support.set_defaults(run=run)


def _serve(args: argparse.Namespace) -> int:
    try:
        from pinpoint_sdk.testing import PinpointServer
    except ImportError as error:
        print(
            f"pinpoint-sdk serve needs the 'testing' extra and moto's server "
            f"dependencies (pip install 'pinpoint-sdk[testing]' 'moto[server]'): {error}",
            file=sys.stderr,
        )
        return 2
    if not 0 <= args.port <= 65535:
        print(f"--port must be between 0 and 65535, got {args.port}", file=sys.stderr)
        return 2
    running = PinpointServer(host=args.host, port=args.port, quiet=not args.verbose)
    try:
        running.serve_forever(
            ready=lambda url: print(
                f"Serving the offline Pinpoint at {url} (Ctrl-C stops it)", flush=True
            )
        )
    except KeyboardInterrupt:
        pass
    except OSError as error:
        print(f"cannot serve on {args.host}:{args.port}: {error}", file=sys.stderr)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``pinpoint-sdk`` with ``argv`` (default: the process arguments)."""
    args = build_parser().parse_args(argv)
    status: int = args.run(args)
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
