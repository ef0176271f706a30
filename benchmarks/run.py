"""Side-by-side benchmarks of pinpoint_sdk against botocore itself, in one run.

Usage::

    python benchmarks/run.py            # all three benchmarks
    python benchmarks/run.py --quick    # fewer repeats

Prints, for each benchmark, the best time of each side over the repeats and their ratio:

* parse: ``converter.structure`` of a GetCampaigns response holding 100 fully populated
  campaigns, against botocore's rest-json parser turning the same HTTP body into a dict;
* request: ``unstructure`` of an UpdateEndpointsBatch request with 100 fully populated
  endpoints, against botocore's parameter validation plus rest-json serialization;
* import: ``import pinpoint_sdk`` and a first use (the client and three models) in a fresh
  interpreter, as time added on top of ``import boto3`` alone, against ``import boto3``.

The package is byte-compiled first, as an installed wheel would be, so the import numbers
do not include compiling source.
"""

from __future__ import annotations

import argparse
import compileall
import json
import subprocess
import sys
import timeit
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import botocore.session
from botocore.parsers import RestJSONParser
from botocore.serialize import RestJSONSerializer
from botocore.validate import ParamValidator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pinpoint_sdk import _spec, models  # noqa: E402
from pinpoint_sdk.converter import structure, unstructure  # noqa: E402

MAX_DEPTH = 6
ITEMS = 2


def full_value(type_spec: Any, depth: int, *, wire_timestamps: bool) -> Any:
    """A value for every member, recursively: the 'fully populated' payload."""
    kind, target = type_spec
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
        return _spec.ENUMS[target][0]
    if kind == "struct":
        return full_shape(target, depth + 1, wire_timestamps=wire_timestamps)
    if kind == "list":
        return [full_value(target, depth, wire_timestamps=wire_timestamps) for _ in range(ITEMS)]
    return {
        f"key{i}": full_value(target, depth, wire_timestamps=wire_timestamps)
        for i in range(ITEMS)
    }


def full_shape(shape: str, depth: int = 0, *, wire_timestamps: bool) -> dict[str, Any]:
    _group, fields, _required, _sensitive = _spec.SHAPES[shape]
    out: dict[str, Any] = {}
    if depth > MAX_DEPTH:
        return out
    for _name, wire, type_spec in fields:
        out[wire] = full_value(type_spec, depth, wire_timestamps=wire_timestamps)
    return out


def best(func: Any, repeat: int, number: int) -> float:
    return min(timeit.repeat(func, repeat=repeat, number=number)) / number


def bench_parse(repeat: int) -> tuple[float, float]:
    service = botocore.session.get_session().get_service_model("pinpoint")
    output_shape = service.operation_model("GetCampaigns").output_shape
    campaigns = [full_shape("CampaignResponse", wire_timestamps=True) for _ in range(100)]
    body = json.dumps({"Item": campaigns, "NextToken": "next"}).encode()
    http = {"body": body, "headers": {}, "status_code": 200}
    parser = RestJSONParser()
    parsed = parser.parse(http, output_shape)
    parsed.pop("ResponseMetadata", None)
    assert structure(parsed, models.GetCampaignsResponse).campaigns_response is not None
    botocore_time = best(lambda: parser.parse(http, output_shape), repeat, 5)
    sdk_time = best(lambda: structure(parsed, models.GetCampaignsResponse), repeat, 5)
    return sdk_time, botocore_time


def bench_request(repeat: int) -> tuple[float, float]:
    service = botocore.session.get_session().get_service_model("pinpoint")
    operation = service.operation_model("UpdateEndpointsBatch")
    items = [full_shape("EndpointBatchItem", wire_timestamps=False) for _ in range(100)]
    model = structure({"Item": items}, models.EndpointBatchRequest)
    request = {"ApplicationId": "app", "EndpointBatchRequest": unstructure(model)}
    validator = ParamValidator()
    serializer = RestJSONSerializer()

    def botocore_side() -> None:
        report = validator.validate(request, operation.input_shape)
        assert not report.has_errors()
        serializer.serialize_to_request(request, operation)

    botocore_side()
    botocore_time = best(botocore_side, repeat, 3)
    sdk_time = best(lambda: unstructure(model), repeat, 3)
    return sdk_time, botocore_time


def _timed_import(code: str) -> float:
    program = f"import time\nt = time.perf_counter()\n{code}\nprint(time.perf_counter() - t)"
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return float(result.stdout.strip().splitlines()[-1])


def bench_import(repeat: int) -> tuple[float, float]:
    compileall.compile_dir(ROOT / "pinpoint_sdk", quiet=1)
    first_use = (
        "import boto3\nimport pinpoint_sdk\nfrom pinpoint_sdk import PinpointClient, models\n"
        "models.WriteCampaignRequest, models.CampaignResponse, models.EndpointRequest"
    )
    boto3_times, sdk_times = [], []
    for _ in range(repeat):  # interleaved, so machine noise hits both sides alike
        boto3_times.append(_timed_import("import boto3"))
        sdk_times.append(_timed_import(first_use))
    boto3_time = min(boto3_times)
    return min(sdk_times) - boto3_time, boto3_time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args()
    repeat = 5 if args.quick else 15
    rows = [
        ("parse GetCampaigns x100 (structure vs botocore parser)", bench_parse(repeat), 0.30),
        ("request UpdateEndpointsBatch x100 (unstructure vs validate+serialize)",
         bench_request(repeat), 0.05),
        ("import + first use (added to boto3 vs import boto3)", bench_import(repeat), 0.50),
    ]
    print(f"{'benchmark':<72} {'sdk ms':>9} {'botocore ms':>12} {'ratio':>7} {'target':>7}")
    for name, (sdk, base), target in rows:
        ratio = sdk / base
        flag = "ok" if ratio <= target else "MISS"
        print(f"{name:<72} {sdk * 1e3:9.3f} {base * 1e3:12.3f} {ratio:7.3f} {target:7.2f} {flag}")


if __name__ == "__main__":
    main()
