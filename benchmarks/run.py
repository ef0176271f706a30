"""Side-by-side benchmarks of pinpoint_sdk against botocore itself, in one run.

Usage::

    python benchmarks/run.py            # all three benchmarks
    python benchmarks/run.py --quick    # fewer repeats

Prints, for each benchmark, the best time of each side over the repeats and their ratio,
as wall time and as CPU time of the measuring process (``time.process_time``, which
another program on a shared machine inflates less).

Parse and request are measured twice: with Python's cyclic garbage collector running, as
in a program, and paused during the timed calls, as ``timeit`` does by default (the way
these two ratios were first measured). The difference is real cost: every typed model is
an object the collector tracks and scans, while a dict holding only strings and numbers
(most of botocore's output) is not tracked at all, so the collector's share of the SDK's
time is larger than of botocore's.

* parse: ``converter.structure`` of a GetCampaigns response holding 100 fully populated
  campaigns, against botocore's rest-json parser turning the same HTTP body into a dict;
* request: ``unstructure`` of an UpdateEndpointsBatch request with 100 fully populated
  endpoints, against botocore's parameter validation plus rest-json serialization;
* import: in each of several fresh interpreters, ``import boto3`` is timed, then
  ``import pinpoint_sdk`` and a first use (the client and three models) right after it:
  the time the SDK adds on top of boto3, against ``import boto3`` itself, medians over the
  interpreters (both sides timed in one process, so no subtraction across processes);
* end-to-end response: the HTTP body of that GetCampaigns response to the typed model, as
  a client the SDK creates does it (its ``before-parse`` handler decodes the JSON body,
  botocore's parser builds the response metadata, then ``structure``; see
  ``pinpoint_sdk._fastparse``), against botocore's own bytes -> dict path (its parser alone);
* end-to-end request: the typed UpdateEndpointsBatch request to botocore's serialized HTTP
  request, as the client does it (the SDK's checks and ``unstructure``, then the boto3
  client's parameter validation and serialization), against botocore's dict -> request
  path (validation and serialization alone);
* client call, response / request: a whole call through a real boto3 client (endpoint
  resolution, signing with fixed credentials, retry handler, parsing), answered by a
  ``before-send`` handler with the canned HTTP reply instead of the network:
  ``PinpointClient.get_campaigns`` / ``update_endpoints_batch`` against the boto3 client's
  ``get_campaigns`` / ``update_endpoints_batch`` with the equivalent dict. The SDK side
  runs on the fast path (a client the SDK created); the boto3 side is the same kind of
  boto3 client is a plain one with the same retry mode.

A ratio is SDK time over botocore time; ``target`` is the issue's bound (``-``: reported
only, no bound set).

The package is byte-compiled first, as an installed wheel would be, so the import numbers
do not include compiling source.
"""

from __future__ import annotations

import argparse
import compileall
import gc
import io
import json
import statistics
import subprocess
import sys
import time
import warnings
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import botocore.session
from botocore.awsrequest import AWSResponse
from botocore.parsers import RestJSONParser
from botocore.serialize import RestJSONSerializer
from botocore.validate import ParamValidator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pinpoint_sdk import _schema, models  # noqa: E402
from pinpoint_sdk._fastparse import active as fast_responses  # noqa: E402
from pinpoint_sdk._fastparse import before_parse  # noqa: E402
from pinpoint_sdk._schema_types import TypeRef  # noqa: E402
from pinpoint_sdk.client import PinpointClient  # noqa: E402
from pinpoint_sdk.converter import structure, unstructure  # noqa: E402
from pinpoint_sdk.errors import PinpointEndOfSupportWarning  # noqa: E402

Times = tuple[float, float]
"""(wall seconds, CPU seconds) of one call."""

MAX_DEPTH = 6
ITEMS = 2


def full_value(type_spec: TypeRef, depth: int, *, wire_timestamps: bool) -> Any:
    """A value for every member, recursively: the 'fully populated' payload."""
    kind, target, item = type_spec.kind, type_spec.name, type_spec.item
    if kind == "prim":
        return {
            "str": "value-0123456789",
            "int": 42,
            "float": 0.5,
            "bool": True,
            "datetime": "2026-01-02T03:04:05Z"
            if wire_timestamps
            else datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
            "bytes": "Ynl0ZXM=" if wire_timestamps else b"bytes",
        }[target]
    if kind == "enum":
        return _schema.ENUMS[target][0]
    if kind == "struct":
        return full_shape(target, depth + 1, wire_timestamps=wire_timestamps)
    assert item is not None
    if kind == "list":
        return [full_value(item, depth, wire_timestamps=wire_timestamps) for _ in range(ITEMS)]
    return {
        f"key{i}": full_value(item, depth, wire_timestamps=wire_timestamps)
        for i in range(ITEMS)
    }


def full_shape(shape: str, depth: int = 0, *, wire_timestamps: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if depth > MAX_DEPTH:
        return out
    for member in _schema.SHAPES[shape].members:
        wire, type_spec = member.wire, member.type
        if type_spec == _schema.STR and wire.endswith("Date"):
            out[wire] = "2026-01-02T03:04:05Z"  # the SDK checks these hold a date-time
        else:
            out[wire] = full_value(type_spec, depth, wire_timestamps=wire_timestamps)
    return out


def best(func: Any, repeat: int, number: int, *, gc_paused: bool = False) -> Times:
    """Best wall and best CPU time of one call over ``repeat`` rounds of ``number`` calls,
    with the cyclic garbage collector paused during each round if ``gc_paused``."""
    walls, cpus = [], []
    for _ in range(repeat):
        gc.collect()
        if gc_paused:
            gc.disable()
        try:
            wall, cpu = time.perf_counter(), time.process_time()
            for _ in range(number):
                func()
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        finally:
            gc.enable()
    return min(walls) / number, min(cpus) / number


Result = tuple[tuple[float, float], tuple[float, float] | None]
"""((SDK wall, botocore wall), (SDK CPU, botocore CPU) or None), seconds per call."""


def pair(sdk: Any, botocore_side: Any, repeat: int, number: int, *,
         gc_paused: bool = False) -> Result:
    """Both sides, interleaved round by round so machine noise hits them alike."""
    sdk_runs, boto_runs = [], []
    for _ in range(repeat):
        sdk_runs.append(best(sdk, 1, number, gc_paused=gc_paused))
        boto_runs.append(best(botocore_side, 1, number, gc_paused=gc_paused))
    return ((min(r[0] for r in sdk_runs), min(r[0] for r in boto_runs)),
            (min(r[1] for r in sdk_runs), min(r[1] for r in boto_runs)))


def pinpoint_model() -> Any:
    return botocore.session.get_session().get_service_model("pinpoint")


def campaigns_body() -> bytes:
    campaigns = [full_shape("CampaignResponse", wire_timestamps=True) for _ in range(100)]
    return json.dumps({"Item": campaigns, "NextToken": "next"}).encode()


def batch_model() -> models.EndpointBatchRequest:
    items = [full_shape("EndpointBatchItem", wire_timestamps=False) for _ in range(100)]
    return structure({"Item": items}, models.EndpointBatchRequest)


def bench_parse(repeat: int, *, gc_paused: bool = False) -> Result:
    output_shape = pinpoint_model().operation_model("GetCampaigns").output_shape
    http = {"body": campaigns_body(), "headers": {}, "status_code": 200}
    parser = RestJSONParser()
    parsed = parser.parse(http, output_shape)
    parsed.pop("ResponseMetadata", None)
    assert structure(parsed, models.GetCampaignsResponse).campaigns_response is not None
    return pair(lambda: structure(parsed, models.GetCampaignsResponse),
                lambda: parser.parse(http, output_shape), repeat, 5, gc_paused=gc_paused)


def bench_request(repeat: int, *, gc_paused: bool = False) -> Result:
    operation = pinpoint_model().operation_model("UpdateEndpointsBatch")
    model = batch_model()
    request = {"ApplicationId": "app", "EndpointBatchRequest": unstructure(model)}
    validator = ParamValidator()
    serializer = RestJSONSerializer()

    def botocore_side() -> None:
        report = validator.validate(request, operation.input_shape)
        assert not report.has_errors()
        serializer.serialize_to_request(request, operation)

    botocore_side()
    return pair(lambda: unstructure(model), botocore_side, repeat, 3, gc_paused=gc_paused)


def bench_e2e_response(repeat: int) -> Result:
    """HTTP body -> typed model (what the client does) vs HTTP body -> dict (botocore).

    The SDK side is what botocore's endpoint runs for a client the SDK created: the
    ``before-parse`` event with the SDK's handler (which takes the JSON body), the parser
    on what is left (the response metadata), then ``structure``.
    """
    operation = pinpoint_model().operation_model("GetCampaigns")
    output_shape = operation.output_shape
    body = campaigns_body()
    headers = {"x-amzn-requestid": "req-1"}
    parser = RestJSONParser()

    def sdk() -> Any:
        http = {"body": body, "headers": headers, "status_code": 200}
        customized: dict[str, Any] = {}
        with fast_responses():
            before_parse(operation_model=operation, response_dict=http,
                         customized_response_dict=customized)
        response = parser.parse(http, output_shape)
        response.update(customized)
        response.pop("ResponseMetadata", None)
        return structure(response, models.GetCampaignsResponse)

    def botocore_side() -> Any:
        return parser.parse({"body": body, "headers": headers, "status_code": 200},
                            output_shape)

    assert len(sdk().campaigns_response.item) == 100
    return pair(sdk, botocore_side, repeat, 3)


def bench_e2e_request(repeat: int) -> Result:
    """Typed request -> serialized HTTP request (the client's path) vs dict -> request."""
    operation = pinpoint_model().operation_model("UpdateEndpointsBatch")
    model = batch_model()
    request = {"ApplicationId": "app", "EndpointBatchRequest": unstructure(model)}
    validator = ParamValidator()
    serializer = RestJSONSerializer()
    client = PinpointClient(region_name="us-east-1", aws_access_key_id="bench",
                            aws_secret_access_key="bench")

    def to_http(params: dict[str, Any]) -> Any:
        report = validator.validate(params, operation.input_shape)
        assert not report.has_errors()
        return serializer.serialize_to_request(params, operation)

    def sdk() -> Any:
        # PinpointClient.update_endpoints_batch's own steps up to the boto3 call.
        params = client._request("UpdateEndpointsBatch", {
            "ApplicationId": "app", "EndpointBatchRequest": model})
        return to_http(params)

    assert sdk()["body"] == to_http(request)["body"]
    return pair(sdk, lambda: to_http(request), repeat, 3)


def plain_boto3_client() -> Any:
    """A boto3 client as a user makes one, with the retry mode the SDK's clients use."""
    import boto3
    from botocore.config import Config

    return boto3.session.Session(
        region_name="us-east-1", aws_access_key_id="bench", aws_secret_access_key="bench"
    ).client("pinpoint", config=Config(retries={"mode": "standard"}))


class _Raw(io.BytesIO):
    def stream(self, **_: Any) -> Any:
        yield self.read()


def _canned(client: Any, event: str, status: int, body: bytes) -> None:
    headers = {"Content-Type": "application/json", "x-amzn-RequestId": "req-1"}

    def before_send(request: Any, **_: Any) -> AWSResponse:
        return AWSResponse(request.url, status, dict(headers), _Raw(body))

    client.meta.events.register(f"before-send.pinpoint.{event}", before_send)


def bench_client_response(repeat: int) -> Result:
    sdk = PinpointClient(region_name="us-east-1", aws_access_key_id="bench",
                         aws_secret_access_key="bench")
    boto = plain_boto3_client()
    body = campaigns_body()
    for client in (sdk.boto3_client, boto):
        _canned(client, "GetCampaigns", 200, body)
    assert len(sdk.get_campaigns(application_id="app").campaigns_response.item) == 100
    return pair(lambda: sdk.get_campaigns(application_id="app"),
                lambda: boto.get_campaigns(ApplicationId="app"), repeat, 3)


def bench_client_request(repeat: int) -> Result:
    sdk = PinpointClient(region_name="us-east-1", aws_access_key_id="bench",
                         aws_secret_access_key="bench")
    boto = plain_boto3_client()
    body = b'{"Message": "Accepted", "RequestID": "req-1"}'
    for client in (sdk.boto3_client, boto):
        _canned(client, "UpdateEndpointsBatch", 202, body)
    model = batch_model()
    wire = unstructure(model)
    sdk.update_endpoints_batch(application_id="app", endpoint_batch_request=model)
    return pair(
        lambda: sdk.update_endpoints_batch(application_id="app", endpoint_batch_request=model),
        lambda: boto.update_endpoints_batch(ApplicationId="app", EndpointBatchRequest=wire),
        repeat, 3)


_IMPORT_PROGRAM = """\
import time
t, c = time.perf_counter(), time.process_time()
import boto3
t1, c1 = time.perf_counter(), time.process_time()
import pinpoint_sdk
from pinpoint_sdk import PinpointClient, models
models.WriteCampaignRequest, models.CampaignResponse, models.EndpointRequest
t2, c2 = time.perf_counter(), time.process_time()
print(t1 - t, c1 - c, t2 - t1, c2 - c1)
"""


def bench_import(repeat: int) -> Result:
    """``import boto3``, then the SDK's import and first use, timed in each of ``repeat``
    fresh interpreters; medians of each side."""
    compileall.compile_dir(ROOT / "pinpoint_sdk", quiet=1)
    runs = []
    for _ in range(repeat):
        result = subprocess.run([sys.executable, "-c", _IMPORT_PROGRAM], capture_output=True,
                                text=True, check=True, cwd=ROOT)
        runs.append([float(x) for x in result.stdout.split()])
    columns = zip(*runs, strict=True)
    boto_wall, boto_cpu, sdk_wall, sdk_cpu = (statistics.median(column) for column in columns)
    return (sdk_wall, boto_wall), (sdk_cpu, boto_cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args()
    repeat = 5 if args.quick else 15
    # The calls measured are of operations past their end of support; the warning is known.
    warnings.simplefilter("ignore", PinpointEndOfSupportWarning)
    benches: list[tuple[str, Any, float | None]] = [
        ("parse GetCampaigns x100 (structure vs botocore parser)", bench_parse, 0.12),
        ("  the same, garbage collector paused (as timeit)",
         partial(bench_parse, gc_paused=True), 0.12),
        ("request UpdateEndpointsBatch x100 (unstructure vs validate+serialize)",
         bench_request, 0.03),
        ("  the same, garbage collector paused (as timeit)",
         partial(bench_request, gc_paused=True), 0.03),
        ("import + first use (added to boto3 vs import boto3)", bench_import, 0.15),
        ("e2e response: bytes -> typed model vs bytes -> dict", bench_e2e_response, 1.0),
        ("e2e request: typed model -> request vs dict -> request", bench_e2e_request, None),
        ("client call GetCampaigns x100 (PinpointClient vs boto3)", bench_client_response,
         None),
        ("client call UpdateEndpointsBatch x100 (PinpointClient vs boto3)",
         bench_client_request, None),
    ]
    print(f"{'benchmark':<70} {'sdk ms':>8} {'boto ms':>8} {'ratio':>6} {'cpu':>6} "
          f"{'target':>6}")
    for name, bench, target in benches:
        (sdk, base), cpu = bench(repeat)
        ratio = sdk / base
        cpu_ratio = f"{cpu[0] / cpu[1]:6.3f}" if cpu else f"{'-':>6}"
        if target is None:
            bound, flag = f"{'-':>6}", ""
        else:
            bound, flag = f"{target:6.2f}", "ok" if ratio <= target else "MISS"
        print(f"{name:<70} {sdk * 1e3:8.3f} {base * 1e3:8.3f} {ratio:6.3f} {cpu_ratio} "
              f"{bound} {flag}", flush=True)


if __name__ == "__main__":
    main()
