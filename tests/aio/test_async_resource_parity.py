"""The async resource layer offers every public method of the sync one, with the same
parameters (names, kinds, defaults) and matching return types, awaited where the sync
method makes a call."""

from __future__ import annotations

import asyncio
import inspect
import re
from typing import Any, cast

import attrs
import pytest
from aiohelpers import run_stubbed
from botocore.stub import Stubber
from resource_helpers import APP_ID, campaign_wire

import pinpoint_sdk.aio as aio
import pinpoint_sdk.resources as sync
from pinpoint_sdk import EventRecord, Pinpoint, PinpointClient, errors, models
from pinpoint_sdk.aio import AsyncPinpoint, AsyncSegment
from pinpoint_sdk.builders import SegmentBuilder
from pinpoint_sdk.resources import ResponseInfo, Segment
from pinpoint_sdk.resources import _tables as tables
from pinpoint_sdk.resources._base import same
from pinpoint_sdk.testing import mock_pinpoint

# Sync names with no async twin of their own: shared values and protocols.
SHARED = {"Buildable", "Delivery", "ResponseInfo", "SendResult"}

# The sync dunders whose async twins carry another name.
RENAMED = {"__iter__": "__aiter__", "__enter__": "__aenter__", "__exit__": "__aexit__"}

# Parameters only the async layer has: keyword-only, with a default.
ASYNC_ONLY_KEYWORDS = {"concurrency"}

PUBLIC_DUNDERS = {"__init__", "__iter__", "__len__", "__getitem__", "__contains__",
                  "__enter__", "__exit__", "__eq__", "__hash__", "__bool__"}


def _pairs() -> list[tuple[type, type]]:
    pairs = []
    for name in sync.__all__:
        if name in SHARED:
            continue
        pairs.append((getattr(sync, name), getattr(aio, f"Async{name}")))
    return pairs


PAIRS = _pairs()


def _public(cls: type) -> dict[str, Any]:
    return {
        name: inspect.getattr_static(cls, name) for name in dir(cls)
        if not name.startswith("_") or name in PUBLIC_DUNDERS
    }


def _methods() -> list[tuple[type, type, str]]:
    found = []
    for sync_cls, async_cls in PAIRS:
        for name in sorted(_public(sync_cls)):
            if name in ("__eq__", "__hash__") and getattr(sync_cls, name) is object.__dict__[name]:
                continue
            found.append((sync_cls, async_cls, name))
    return found


METHODS = _methods()

# The methods (not properties, nor the dunders renamed on the async side).
CALLABLES = [
    (sync_cls, async_cls, name) for sync_cls, async_cls, name in METHODS
    if name not in RENAMED and callable(inspect.getattr_static(sync_cls, name))
]


def _id(case: tuple[type, type, str]) -> str:
    return f"{case[0].__name__}.{case[2]}"


# Sync names of the resource layer, as the async annotations spell them.
_SYNC_NAMES = sorted(
    [n for n in sync.__all__ if n not in SHARED] + ["PinpointClient"], key=len, reverse=True
)
_RENAME = re.compile(r"\b(" + "|".join(_SYNC_NAMES) + r")\b")


def _as_async(annotation: str, owner: type) -> str:
    """A sync annotation as the async twin spells it."""
    text = re.sub(rf"^{owner.__name__}$", "Self", annotation)
    text = _RENAME.sub(lambda m: f"Async{m.group(1)}", text)
    return re.sub(r"\bIterator\[", "AsyncIterator[", text)


def _function(member: Any) -> Any:
    return member.__func__ if isinstance(member, (staticmethod, classmethod)) else member


@pytest.mark.parametrize("case", METHODS, ids=_id)
def test_every_sync_method_has_an_async_twin_with_its_parameters(
    case: tuple[type, type, str],
) -> None:
    sync_cls, async_cls, name = case
    sync_member = inspect.getattr_static(sync_cls, name)
    async_name = RENAMED.get(name, name)
    assert hasattr(async_cls, async_name), f"{async_cls.__name__} lacks {async_name}"
    async_member = inspect.getattr_static(async_cls, async_name)
    if isinstance(sync_member, property):
        assert isinstance(async_member, property), f"{async_cls.__name__}.{name}"
        return
    if not callable(sync_member) or name in RENAMED:
        return
    sync_sig = inspect.signature(_function(sync_member))
    async_sig = inspect.signature(_function(async_member))
    async_params = [
        p for p in async_sig.parameters.values()
        if not (p.name in ASYNC_ONLY_KEYWORDS and p.kind is p.KEYWORD_ONLY
                and p.default is not p.empty)
    ]
    sync_params = list(sync_sig.parameters.values())
    assert [(p.name, p.kind) for p in async_params] == [(p.name, p.kind) for p in sync_params]
    for sync_param, async_param in zip(sync_params, async_params, strict=True):
        if sync_param.name == "sleep":  # time.sleep and asyncio.sleep
            assert callable(sync_param.default) and callable(async_param.default)
            continue
        assert async_param.default == sync_param.default, sync_param.name


@pytest.mark.parametrize("case", CALLABLES, ids=_id)
def test_async_twin_returns_the_async_types_of_the_sync_method(
    case: tuple[type, type, str],
) -> None:
    sync_cls, async_cls, name = case
    sync_member = _function(inspect.getattr_static(sync_cls, name))
    async_member = _function(inspect.getattr_static(async_cls, name))
    expected = _as_async(str(inspect.signature(sync_member).return_annotation), sync_cls)
    actual = str(inspect.signature(async_member).return_annotation)
    assert actual == expected or actual.replace(async_cls.__name__, "Self") == expected


@pytest.mark.parametrize("case", CALLABLES, ids=_id)
def test_async_twin_is_awaited_where_the_sync_method_calls(case: tuple[type, type, str]) -> None:
    sync_cls, async_cls, name = case
    sync_member = _function(inspect.getattr_static(sync_cls, name))
    async_member = _function(inspect.getattr_static(async_cls, name))
    returns = str(inspect.signature(sync_member).return_annotation)
    # What returns a collection, a listing or an iterator reads nothing yet.
    lazy = (name.startswith("__")
            or re.match(r"(Listing|Iterator)\[|\w*Collection$", returns) is not None
            or (returns == "Self" and issubclass(sync_cls, sync.Collection)))
    assert inspect.iscoroutinefunction(async_member) is not lazy, f"{async_cls.__name__}.{name}"


# ------------------------------------------------------------- one scenario, both layers


def _segment(name: str) -> models.WriteSegmentRequest:
    return SegmentBuilder(name).channel("EMAIL").build()


ENDPOINT = models.EndpointRequest(channel_type="EMAIL", address="ana@example.com")


def _sync_scenario() -> list[Any]:
    seen: list[Any] = []
    pp = Pinpoint(region_name="us-east-1")
    app = pp.apps.create("parity")
    for number in range(5):
        app.segments.create(_segment(f"s{number}"))
    segments = app.segments
    seen.append([s.name for s in segments.limit(0)])
    seen.append([s.name for s in segments.page_size(2).limit(3)])
    seen.append([s.name for s in segments.limit(3).page_size(2)])
    seen.append([len(page) for page in segments.page_size(2).pages()])
    seen.append(([s.name for s in segments], [s.name for s in segments]))
    seen.append(app.campaigns.first())
    seen.append(len(app.campaigns.to_dataframe()))
    with pytest.raises(errors.NotFoundError):
        app.campaigns.get(campaign_id="missing")
    segment = app.segments.get(segment_id=cast(Segment, segments.first()).id)
    seen.append(segment.update().data.name)
    before = segment.data
    with pytest.raises(errors.ValidationError) as bad:
        segment.update(name=cast(Any, 5))
    seen.append((str(bad.value), segment.data is before))
    seen.append(segment.delete().name)
    with pytest.raises(errors.NotFoundError):
        segment.delete()
    with pytest.raises(errors.NotFoundError):
        segment.reload()
    app.endpoints.upsert("ep-1", ENDPOINT)
    endpoint = app.endpoints.get("ep-1")
    seen.append(endpoint.data.address)
    seen.append(type(endpoint.in_app_messages()).__name__)
    seen.append(endpoint.last_response is not None
                and endpoint.last_response.operation == "GetInAppMessages")
    with pytest.raises(errors.ValidationError) as refused:
        app.endpoints.upsert("bad{id}", ENDPOINT)
    seen.append(str(refused.value))
    result = app.events.put(EventRecord(
        "ep-1", models.Event(event_type="signup", timestamp="2024-01-01T00:00:00Z"),
        event_id="e-1"))
    seen.append((result.succeeded, result.failed))
    return seen


async def _async_scenario() -> list[Any]:
    seen: list[Any] = []
    async with AsyncPinpoint(region_name="us-east-1") as pp:
        app = await pp.apps.create("parity")
        for number in range(5):
            await app.segments.create(_segment(f"s{number}"))
        segments = app.segments

        async def names(collection: Any) -> list[str | None]:
            return [s.name async for s in collection]

        seen.append(await names(segments.limit(0)))
        seen.append(await names(segments.page_size(2).limit(3)))
        seen.append(await names(segments.limit(3).page_size(2)))
        seen.append([len(page) async for page in segments.page_size(2).pages()])
        seen.append((await names(segments), await names(segments)))
        seen.append(await app.campaigns.first())
        seen.append(len(await app.campaigns.to_dataframe()))
        with pytest.raises(errors.NotFoundError):
            await app.campaigns.get(campaign_id="missing")
        first = cast(AsyncSegment, await segments.first())
        segment = await app.segments.get(segment_id=first.id)
        seen.append((await segment.update()).data.name)
        before = segment.data
        with pytest.raises(errors.ValidationError) as bad:
            await segment.update(name=cast(Any, 5))
        seen.append((str(bad.value), segment.data is before))
        seen.append((await segment.delete()).name)
        with pytest.raises(errors.NotFoundError):
            await segment.delete()
        with pytest.raises(errors.NotFoundError):
            await segment.reload()
        await app.endpoints.upsert("ep-1", ENDPOINT)
        endpoint = await app.endpoints.get("ep-1")
        seen.append(endpoint.data.address)
        seen.append(type(await endpoint.in_app_messages()).__name__)
        seen.append(endpoint.last_response is not None
                    and endpoint.last_response.operation == "GetInAppMessages")
        with pytest.raises(errors.ValidationError) as refused:
            await app.endpoints.upsert("bad{id}", ENDPOINT)
        seen.append(str(refused.value))
        result = await app.events.put(EventRecord(
            "ep-1", models.Event(event_type="signup", timestamp="2024-01-01T00:00:00Z"),
            event_id="e-1"))
        seen.append((result.succeeded, result.failed))
    return seen


def test_the_same_scenario_gives_the_same_results_on_both_layers() -> None:
    with mock_pinpoint():
        expected = _sync_scenario()
    with mock_pinpoint():
        actual = asyncio.run(_async_scenario())

    assert expected[:5] == [
        [], ["s0", "s1", "s2"], ["s0", "s1", "s2"], [2, 2, 1],
        ([f"s{n}" for n in range(5)], [f"s{n}" for n in range(5)]),
    ]
    assert expected[5] is None and expected[6] == 0
    assert expected[-1] == (1, [])
    assert actual == expected


def test_a_template_takes_the_last_response_it_was_made_with_on_both_layers() -> None:
    info = ResponseInfo(operation="GetEmailTemplate", request_id="r-1")
    data = models.EmailTemplateResponse(template_name="welcome", template_type="EMAIL")
    client = cast(Any, object())

    assert sync.Template(client, data, last_response=info).last_response is info
    assert aio.AsyncTemplate(client, data, last_response=info).last_response is info


def test_a_listing_without_a_service_page_size_refuses_one_on_both_layers() -> None:
    unsized = attrs.evolve(tables.CAMPAIGN_VERSIONS, page_size=None)
    data = models.CampaignResponse(
        id="c-1", application_id="app-1", arn="arn:c", creation_date="2024-01-01",
        last_modified_date="2024-01-01", segment_id="s-1", segment_version=1,
    )
    client = cast(Any, object())
    listings = [
        sync.Campaign(client, data)._listing(unsized, same, what="versions", page_size=None),
        aio.AsyncCampaign(client, data)._listing(unsized, same, what="versions", page_size=None),
    ]

    for listing in listings:
        with pytest.raises(errors.ValidationError, match="no page size"):
            listing.page_size(5)


def test_first_keeps_a_limit_of_zero_on_both_layers() -> None:
    with mock_pinpoint():
        app = Pinpoint(region_name="us-east-1").apps.create("first")
        app.segments.create(_segment("only"))
        assert app.segments.limit(0).first() is None
        assert cast(Segment, app.segments.limit(5).first()).name == "only"

    async def main() -> tuple[AsyncSegment | None, AsyncSegment | None]:
        async with AsyncPinpoint(region_name="us-east-1") as pp:
            app = await pp.apps.create("first")
            await app.segments.create(_segment("only"))
            return await app.segments.limit(0).first(), await app.segments.limit(5).first()

    with mock_pinpoint():
        none, only = asyncio.run(main())
    assert none is None
    assert only is not None and only.name == "only"


def test_a_failed_call_leaves_last_response_and_data_on_both_layers() -> None:
    with mock_pinpoint():
        app = Pinpoint(region_name="us-east-1").apps.create("failed")
        segment = app.segments.create(_segment("gone"))
        segment.delete()
        kept, data = segment.last_response, segment.data
        with pytest.raises(errors.NotFoundError) as raised:
            segment.reload()
        assert segment.last_response is kept and segment.data is data
        assert kept is not None and kept.operation == "DeleteSegment"
        assert raised.value.request_id and raised.value.request_id != kept.request_id

    async def main() -> None:
        async with AsyncPinpoint(region_name="us-east-1") as pp:
            app = await pp.apps.create("failed")
            segment = await app.segments.create(_segment("gone"))
            await segment.delete()
            kept, data = segment.last_response, segment.data
            with pytest.raises(errors.NotFoundError) as raised:
                await segment.reload()
            assert segment.last_response is kept and segment.data is data
            assert kept is not None and kept.operation == "DeleteSegment"
            assert raised.value.request_id and raised.value.request_id != kept.request_id

    with mock_pinpoint():
        asyncio.run(main())


@pytest.mark.parametrize("cls", [sync.ImportJob, aio.AsyncImportJob])
def test_a_missing_id_names_the_kind_of_resource_on_both_layers(cls: type[Any]) -> None:
    job = cls(cast(Any, object()), models.ImportJobResponse(application_id="app-1"))

    with pytest.raises(errors.MissingIdentifierError) as missing:
        reloaded = job.reload()
        if inspect.isawaitable(reloaded):
            asyncio.run(cast(Any, reloaded))

    assert str(missing.value) == (
        f"{cls.__name__} has no id: the service response it was built from lacks it, "
        "so the import job cannot be addressed"
    )
    assert (missing.value.resource, missing.value.identifier) == (cls.__name__, "id")


# ------------------------------------------------------- scripted pages, both layers

APP = models.ApplicationResponse(id=APP_ID, name="demo", arn="arn:app")


def _queue(stub: Stubber, pages: list[tuple[list[int], str | None]]) -> None:
    """GetCampaigns answers: each page's campaign numbers and next token."""
    token = None
    for numbers, next_token in pages:
        expected: dict[str, Any] = {"ApplicationId": APP_ID, "PageSize": "2"}
        if token:
            expected["Token"] = token
        body: dict[str, Any] = {"Item": [campaign_wire(n) for n in numbers]}
        if next_token:
            body["NextToken"] = next_token
        stub.add_response("get_campaigns", {"CampaignsResponse": body}, expected)
        token = next_token


THREE_PAGES = [([0, 1], "t1"), ([2, 3], "t2"), ([4, 5], None)]
EMPTY_FIRST = [([], "t1"), ([], "t2"), ([0, 1], None)]


def _sync_reads(stub: Stubber, client: PinpointClient) -> list[Any]:
    campaigns = sync.App(client, APP).campaigns.page_size(2)
    seen: list[Any] = []
    _queue(stub, THREE_PAGES[:2])  # a third page would be an unexpected call
    seen.append([c.id for c in campaigns.limit(3)])
    _queue(stub, THREE_PAGES[:2])
    seen.append([[c.id for c in page] for page in campaigns.limit(4).pages()])
    _queue(stub, EMPTY_FIRST)
    seen.append([[c.id for c in page] for page in campaigns.pages()])
    _queue(stub, EMPTY_FIRST)
    first = campaigns.first()
    seen.append(first.id if first is not None else None)
    stub.assert_no_pending_responses()
    return seen


async def _async_reads(client: aio.AsyncPinpointClient, stub: Stubber) -> list[Any]:
    campaigns = aio.AsyncApp(client, APP).campaigns.page_size(2)
    seen: list[Any] = []
    _queue(stub, THREE_PAGES[:2])
    seen.append([c.id async for c in campaigns.limit(3)])
    _queue(stub, THREE_PAGES[:2])
    seen.append([[c.id for c in page] async for page in campaigns.limit(4).pages()])
    _queue(stub, EMPTY_FIRST)
    seen.append([[c.id for c in page] async for page in campaigns.pages()])
    _queue(stub, EMPTY_FIRST)
    first = await campaigns.first()
    seen.append(first.id if first is not None else None)
    return seen


def test_limits_across_pages_and_empty_pages_read_alike_on_both_layers() -> None:
    client = PinpointClient(region_name="us-east-1")
    with Stubber(client.boto3_client) as stub:
        expected = _sync_reads(stub, client)

    assert expected == [
        ["c0", "c1", "c2"],
        [["c0", "c1"], ["c2", "c3"]],
        [[], [], ["c0", "c1"]],
        "c0",
    ]
    assert run_stubbed(_async_reads) == expected
