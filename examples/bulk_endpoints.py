"""Bulk endpoints: upsert thousands of endpoints from a generator, with progress and a
failure report.

Shows ``app.endpoints.upsert_many``:

* it pulls items one at a time from any iterable (here a generator standing in for a CSV
  reader or a database cursor), so memory stays flat however many rows there are;
* it sends UpdateEndpointsBatch requests of at most 100 items (and 7 MB);
* rows that break a documented limit (``$ { }`` in an id, more than 50 values for one
  attribute, values over 100 characters, ...) are *not* sent; they come back in
  ``BatchResult.failed`` with their input index, endpoint id and the reason, while the
  rest of the run goes on. A request the service rejects would be listed there too,
  once per item it carried, with the HTTP status;
* progress: a callback ``(processed, failed)`` called after each request, or
  ``progress=True`` for a tqdm bar (``--progress`` here; ``pip install tqdm``).

For millions of endpoints, prefer an S3 import job (see examples/import_job.py): one call
instead of one per 100 endpoints.

Run it offline (the default; no AWS account needed):

    python examples/bulk_endpoints.py                  # 5,000 rows, printed progress
    python examples/bulk_endpoints.py --count 20000 --progress

Live (creates, then deletes, an application in your account):

    python examples/bulk_endpoints.py --aws --count 500
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

# _runtime.py (next to this file): offline double by default, real AWS with --aws
from _runtime import connect, example_parser

from pinpoint_sdk import BatchResult, models

PLANS = ("free", "pro", "team")


def rows(count: int) -> Iterator[models.EndpointBatchItem]:
    """``count`` endpoints, as a CSV reader would yield them; a few rows are invalid."""
    for i in range(count):
        endpoint_id = f"user-{i:06d}"
        attributes = {"plan": [PLANS[i % len(PLANS)]], "source": ["signup-form"]}
        if i % 1000 == 999:
            endpoint_id = f"user-${{{i}}}"  # "$", "{" and "}" are not allowed in ids
        elif i % 1000 == 234:
            attributes["tags"] = [f"t{n}" for n in range(51)]  # 50 values at most
        elif i % 1000 == 456:
            attributes["source"] = ["x" * 150]  # values are at most 100 characters
        yield models.EndpointBatchItem(
            id=endpoint_id,
            channel_type="EMAIL",
            address=f"user{i}@example.com",
            attributes=attributes,
            user=models.EndpointUser(user_id=f"u{i}"),
        )


def print_every(step: int) -> Callable[[int, int], None]:
    """A progress callback printing one line each time ``step`` more items are done."""
    shown = 0

    def progress(processed: int, failed: int) -> None:
        nonlocal shown
        if processed - shown >= step:
            shown = processed
            print(f"  progress: {processed:>6} processed, {failed} failed so far")

    return progress


def report(result: BatchResult) -> None:
    """The failure report: one line per rejected row."""
    print(f"upserted {result.succeeded}, failed {len(result.failed)}, complete={result.complete}")
    if result.failed:
        print(f"{'index':>6}  {'endpoint id':<16} {'status':<11} message")
    for failure in result.failed:
        status = "not sent" if failure.status_code is None else str(failure.status_code)
        message = failure.message if len(failure.message) <= 80 else failure.message[:77] + "..."
        print(f"{failure.index:>6}  {failure.item_id or '-':<16} {status:<11} {message}")


def main() -> None:
    parser = example_parser(__doc__)
    parser.add_argument("--count", type=int, default=5000, help="rows to upsert (default 5000)")
    parser.add_argument("--progress", action="store_true", help="show a tqdm progress bar")
    args = parser.parse_args()

    with connect(args) as rt:
        app = rt.pinpoint.apps.create("bulk-endpoints-demo")
        print(f"app {app.id}: upserting {args.count} endpoints in batches of 100")

        result = app.endpoints.upsert_many(
            rows(args.count),
            progress=True if args.progress else print_every(1000),
        )
        report(result)

        # Spot-check one endpoint that went in.
        endpoint = app.endpoints.get("user-000001")
        print(
            f"spot check: {endpoint.id} -> {endpoint.data.address}, "
            f"plan={(endpoint.data.attributes or {}).get('plan')}"
        )

        rt.clean_up(app)


if __name__ == "__main__":
    main()
