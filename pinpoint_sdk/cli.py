"""The ``pinpoint-sdk`` command line.

Subcommands:

- ``export``: export one application (``APP_ID DEST``) or all (``--all DEST``) into a
  folder with `pinpoint_sdk.export`; endpoints through an S3 export job with
  ``--endpoints-s3`` and ``--role-arn``.
- ``import``: recreate an export folder in another application (``--app``).
- ``serve``: run the offline Pinpoint (the double from `pinpoint_sdk.testing`, with
  moto's other services) as an HTTP server until interrupted.
- ``support``: the end-of-support map.

``export`` and ``import`` exit with 0 when everything was done, 1 when they finished
with failures (each recorded in the manifest or the report), 2 on a usage or setup
error (bad arguments, no credentials or Region, an application that does not exist).
With ``--offline`` they run against the offline double in the same process; ``export
--offline`` first creates a small sample application so there is something to export.

Examples:
    ```console
    $ pinpoint-sdk serve --port 5000
    Serving the offline Pinpoint at http://127.0.0.1:5000 (Ctrl-C stops it)
    $ aws pinpoint get-apps --endpoint-url http://127.0.0.1:5000
    $ pinpoint-sdk export 0123456789abcdef ./out \\
          --endpoints-s3 s3://my-bucket/pinpoint/ --role-arn arn:aws:iam::123456789012:role/export
    $ pinpoint-sdk import ./out/0123456789abcdef --app fedcba9876543210
    $ pinpoint-sdk export --offline ./demo
    ```
"""

from __future__ import annotations

import argparse
import os
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
    _add_export_command(commands)
    _add_import_command(commands)
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


# --------------------------------------------------------------------------- export


def _add_aws_options(parser: argparse.ArgumentParser) -> None:
    aws = parser.add_argument_group("where Pinpoint is")
    aws.add_argument("--region", help="AWS Region (default: the profile's or AWS_REGION)")
    aws.add_argument("--profile", help="AWS profile of the shared config/credentials files")
    aws.add_argument(
        "--endpoint-url",
        help="a Pinpoint endpoint other than AWS's (e.g. `pinpoint-sdk serve`); S3 is "
        "read from the same address",
    )
    aws.add_argument(
        "--offline",
        action="store_true",
        help="run against the offline double in this process (a demo: nothing reaches AWS)",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="no progress lines on stderr"
    )


def _add_export_command(commands: Any) -> None:
    export = commands.add_parser(
        "export",
        help="export an application (or all) to a folder",
        usage=(
            "pinpoint-sdk export [options] APP_ID DEST\n"
            "       pinpoint-sdk export [options] --all DEST\n"
            "       pinpoint-sdk export --offline [options] [APP_ID] DEST"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Export one application (APP_ID DEST) or every application (--all DEST) into\n"
            "DEST/<application id>/: app, channels, event stream, segments, campaigns,\n"
            "journeys, templates, recommenders and job history as JSON in the service's\n"
            "wire form, and with --endpoints-s3/--role-arn the endpoints through an S3\n"
            "export job as endpoints.ndjson. manifest.json records what is done; running\n"
            "the same command again resumes, skipping what is done.\n\n"
            "With --offline, a small sample application is created in the offline double\n"
            "first and exported (APP_ID may be left out), its endpoints through a demo\n"
            "bucket unless --endpoints-s3 names one.\n\n"
            "Exit status: 0 all done, 1 finished with failures (listed, and in the\n"
            "manifest), 2 usage or setup error."
        ),
    )
    export.add_argument(
        "targets", nargs="+", metavar="APP_ID_AND_DEST",
        help="the application id and the export folder (only DEST with --all, or with "
        "--offline to export the sample application)",
    )  # fmt: skip
    export.add_argument("--all", action="store_true", help="export every application")
    export.add_argument(
        "--endpoints-s3", metavar="S3_URL",
        help="s3://bucket/prefix/ the endpoint export job writes to (needs --role-arn)",
    )  # fmt: skip
    export.add_argument("--role-arn", help="IAM role Pinpoint assumes to write to the bucket")
    export.add_argument(
        "--delete-after-read", action="store_true",
        help="delete each S3 object of the job once its endpoints are written",
    )  # fmt: skip
    export.add_argument(
        "--poll-interval", type=float, default=10.0, metavar="SECONDS",
        help="seconds between polls of the endpoint export job (default: %(default)s)",
    )  # fmt: skip
    export.add_argument(
        "--include-secrets", action="store_true",
        help="write secret channel members the service returns (flagged in the manifest)",
    )  # fmt: skip
    _add_aws_options(export)
    export.set_defaults(run=_export)


def _add_import_command(commands: Any) -> None:
    imports = commands.add_parser(
        "import",
        help="recreate an exported application in another one",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Recreate an export (an app folder, or an export folder holding one app) in\n"
            "the application --app: templates (existing names are skipped), segments,\n"
            "campaigns and journeys (as DRAFT) pointed at the new segment ids, and the\n"
            "endpoints in batches.\n\n"
            "With --offline, the import goes into the offline double; --app may then be\n"
            "left out and a new application is created.\n\n"
            "Exit status: 0 all done, 1 finished with failures (listed), 2 usage or setup\n"
            "error."
        ),
    )
    imports.add_argument("source", metavar="DEST_OR_APP_DIR", help="the export to import")
    imports.add_argument("--app", help="the target application id")
    imports.add_argument(
        "--no-endpoints", action="store_true", help="leave the endpoints out"
    )
    _add_aws_options(imports)
    imports.set_defaults(run=_import)


class _SetupError(Exception):
    """A usage or setup problem: exit status 2."""


def _session(args: argparse.Namespace) -> Any:
    import boto3
    from botocore.exceptions import ProfileNotFound

    try:
        return boto3.session.Session(profile_name=args.profile, region_name=args.region)
    except ProfileNotFound as error:
        raise _SetupError(str(error)) from error


def _connect(args: argparse.Namespace) -> tuple[Any, Any]:
    """The `Pinpoint` and S3 client the command works with."""
    from pinpoint_sdk.resources import Pinpoint

    if args.offline and args.region is None:
        args.region = "us-east-1"
    session = _session(args)
    if session.region_name is None:
        raise _SetupError("no AWS Region: pass --region or set AWS_REGION / a profile's region")
    extra = {"endpoint_url": args.endpoint_url} if args.endpoint_url else {}
    pp = Pinpoint(session=session, region_name=session.region_name, **extra)
    s3 = session.client("s3", region_name=session.region_name, **extra)
    return pp, s3


def _progress_printer(args: argparse.Namespace) -> Any:
    if args.quiet:
        return None

    return _once_each(lambda part, count: f"  {part}: {count}")


def _once_each(line: Any) -> Any:
    """A progress callback printing ``line(*values)`` on stderr, unless it repeats the last.

    The export reports the endpoints after each piece and again when the part is done,
    the import after each batch and again at the end: the same count twice in a row.
    """
    last: list[str] = []

    def show(*values: Any) -> None:
        text = line(*values)
        if last != [text]:
            last[:] = [text]
            print(text, file=sys.stderr, flush=True)

    return show


def _run_aws(args: argparse.Namespace, body: Any) -> int:
    """Run ``body(pp, s3)`` online or offline, mapping setup errors to exit status 2."""
    import contextlib
    import warnings

    from botocore.exceptions import BotoCoreError, NoCredentialsError, NoRegionError

    from pinpoint_sdk import errors

    with warnings.catch_warnings(), contextlib.ExitStack() as stack:
        # Exporting is what one does after the end of support; one warning per
        # operation would bury the progress lines.
        warnings.simplefilter("ignore", errors.PinpointEndOfSupportWarning)
        try:
            if args.offline:
                from pinpoint_sdk.testing import mock_pinpoint

                stack.enter_context(mock_pinpoint())
            pp, s3 = _connect(args)
            status: int = body(pp, s3)
            return status
        except _SetupError as error:
            print(f"pinpoint-sdk {args.command}: {error}", file=sys.stderr)
            return 2
        except (NoCredentialsError, NoRegionError) as error:
            print(f"pinpoint-sdk {args.command}: {error}", file=sys.stderr)
            return 2
        except (errors.NotFoundError, errors.ForbiddenError) as error:
            print(f"pinpoint-sdk {args.command}: {error}", file=sys.stderr)
            return 2
        except (errors.PinpointError, BotoCoreError) as error:
            print(f"pinpoint-sdk {args.command}: {error}", file=sys.stderr)
            return 1


def _export(args: argparse.Namespace) -> int:
    from pinpoint_sdk import errors
    from pinpoint_sdk.export import EndpointExport, export_all, export_app

    targets: list[str] = args.targets
    wanted = 1 if args.all else 2
    if len(targets) != wanted and not (args.offline and not args.all and len(targets) == 1):
        print(
            "pinpoint-sdk export: expected "
            + ("DEST with --all" if args.all else "APP_ID DEST"),
            file=sys.stderr,
        )
        return 2
    if bool(args.endpoints_s3) != bool(args.role_arn) and not args.offline:
        print("pinpoint-sdk export: --endpoints-s3 and --role-arn go together", file=sys.stderr)
        return 2
    dest = targets[-1]
    if args.endpoints_s3:
        try:
            EndpointExport(args.endpoints_s3, args.role_arn or "")
        except errors.ValidationError as error:
            print(f"pinpoint-sdk export: --endpoints-s3 {error}", file=sys.stderr)
            return 2

    def body(pp: Any, s3: Any) -> int:
        app_id = None if args.all else targets[0] if len(targets) == 2 else None
        endpoints = None
        poll = max(0.0, args.poll_interval)
        s3_url, role = args.endpoints_s3, args.role_arn
        if args.offline:
            from pinpoint_sdk.export import populate_sample_app

            sample = populate_sample_app(pp)
            print(f"offline: created the sample application {sample.id}", file=sys.stderr)
            if app_id is None and not args.all:
                app_id = sample.id
            s3_url = s3_url or "s3://pinpoint-sdk-demo/exports/"
            role = role or "arn:aws:iam::123456789012:role/pinpoint-export"
            from pinpoint_sdk.export._export import split_s3_url

            s3.create_bucket(Bucket=split_s3_url(s3_url)[0])
            poll = 0.0
        if s3_url:
            endpoints = EndpointExport(s3_url, role, delete_after_read=args.delete_after_read,
                                       s3_client=s3, poll_interval=poll)
        progress = _progress_printer(args)
        if args.all:
            manifests = export_all(pp, dest, endpoints=endpoints,
                                   include_secrets=args.include_secrets, progress=progress)
        else:
            if app_id is None:
                raise _SetupError("expected APP_ID DEST")
            if not args.quiet:
                print(f"exporting {app_id}", file=sys.stderr)
            manifests = [export_app(pp, app_id, dest, endpoints=endpoints,
                                    include_secrets=args.include_secrets, progress=progress)]
        failed = 0
        for manifest in manifests:
            state = "complete" if manifest.complete else \
                f"{len(manifest.failures)} failure(s)"
            counts = ", ".join(f"{name} {part.count}" for name, part in manifest.parts.items())
            print(f"{manifest.application_id}: {state} -> {manifest.path} ({counts})")
            for failure in manifest.failures:
                where = f" {failure.key}" if failure.key else ""
                print(f"  failed {failure.part}{where}: {failure.message}")
            failed += not manifest.complete
        if endpoints is None:
            print("endpoints: not exported; they leave Pinpoint only through an S3 export "
                  "job: add --endpoints-s3 s3://bucket/prefix/ --role-arn ARN",
                  file=sys.stderr)
        return 1 if failed else 0

    return _run_aws(args, body)


def _import(args: argparse.Namespace) -> int:
    from pinpoint_sdk import errors
    from pinpoint_sdk.export import import_app, load_export

    if args.app is None and not args.offline:
        print("pinpoint-sdk import: --app NEW_APP_ID is required", file=sys.stderr)
        return 2
    try:
        exported = load_export(args.source)
    except (OSError, ValueError, KeyError, errors.ValidationError) as error:
        print(f"pinpoint-sdk import: cannot read {args.source}: {error}", file=sys.stderr)
        return 2

    def body(pp: Any, s3: Any) -> int:
        target = args.app
        if target is None:
            name = exported.application.name if exported.application else "restored"
            target = pp.apps.create(f"{name}-restored").id
            print(f"offline: created the application {target}", file=sys.stderr)
        progress = None if args.quiet else _once_each(
            lambda done, failed: f"  endpoints: {done} ({failed} failed)")
        report = import_app(pp, exported, target, endpoints=not args.no_endpoints,
                            progress=progress)
        for kind in ("template", "segment", "campaign", "journey"):
            print(f"{kind}s: {len(report.created_of(kind))} created")
        print(f"endpoints: {report.endpoints.succeeded} upserted, "
              f"{len(report.endpoints.failed)} failed")
        for item in report.skipped:
            print(f"  skipped {item.kind} {item.name}: {item.reason}")
        for failure in report.failed:
            print(f"  failed {failure.kind} {failure.name}: {failure.message}")
        for item_failure in report.endpoints.failed[:20]:
            print(f"  failed endpoint {item_failure.item_id}: {item_failure.message}")
        print(f"imported into {target}: " + ("complete" if report.ok else "with failures"))
        return 0 if report.ok else 1

    return _run_aws(args, body)


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
    except ImportError as error:
        print(f"pinpoint-sdk serve: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    except OSError as error:
        print(f"cannot serve on {args.host}:{args.port}: {error}", file=sys.stderr)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``pinpoint-sdk`` with ``argv`` (default: the process arguments)."""
    args = build_parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except BrokenPipeError:
        # The reader of stdout went away (`pinpoint-sdk support | head`): stop quietly, and
        # point stdout at nothing so that flushing it at exit raises no second error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return 1
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
