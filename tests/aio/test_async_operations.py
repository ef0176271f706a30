"""Every AsyncPinpointClient coroutine through botocore's Stubber on an aiobotocore client:
the request sent, the typed result, and the same signature as the sync method."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from aiohelpers import collect, run_stubbed
from botocore import xform_name
from botocore.stub import Stubber
from corehelpers import operation_names, paginated_operations, service_model, wire_value
from test_client_operations import (
    TOKEN_PAGINATED,
    _stub_pages,
    assert_typed,
    call_arguments,
)

from pinpoint_sdk import PinpointClient, errors, models
from pinpoint_sdk.aio import AsyncPinpointClient
from pinpoint_sdk.converter import unstructure

OPERATIONS = operation_names()
PAGINATED = paginated_operations()


def _public(cls: type) -> dict[str, Any]:
    return {
        name: member for name, member in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_")
    }


def test_async_client_has_the_sync_clients_methods() -> None:
    sync, aio = _public(PinpointClient), _public(AsyncPinpointClient)
    expected = {xform_name(op) for op in OPERATIONS} | {
        f"{xform_name(op)}_pages" for op in PAGINATED
    }
    assert len(OPERATIONS) == 122 and len(PAGINATED) == 22
    assert expected <= set(aio)
    assert {m for m in aio if m.endswith("_pages")} == {m for m in sync if m.endswith("_pages")}
    assert {m for m in sync if m in expected} == {m for m in aio if m in expected}


@pytest.mark.parametrize("op_name", OPERATIONS)
def test_operation_is_a_coroutine_with_the_sync_signature_and_doc(op_name: str) -> None:
    name = xform_name(op_name)
    sync, aio = getattr(PinpointClient, name), getattr(AsyncPinpointClient, name)
    assert inspect.iscoroutinefunction(aio)
    assert inspect.signature(aio) == inspect.signature(sync)
    assert aio.__doc__ == sync.__doc__


@pytest.mark.parametrize("op_name", PAGINATED)
def test_pages_method_returns_an_async_iterator_with_the_sync_parameters(op_name: str) -> None:
    name = f"{xform_name(op_name)}_pages"
    sync, aio = getattr(PinpointClient, name), getattr(AsyncPinpointClient, name)
    assert not inspect.iscoroutinefunction(aio)
    assert inspect.signature(aio).parameters == inspect.signature(sync).parameters
    assert inspect.signature(aio).return_annotation == (
        inspect.signature(sync).return_annotation.replace("Iterator[", "AsyncIterator[")
    )


@pytest.mark.parametrize("full", [True, False], ids=["all-members", "required-only"])
@pytest.mark.parametrize("op_name", OPERATIONS)
def test_operation_round_trip_through_stubber(op_name: str, full: bool) -> None:
    op = service_model().operation_model(op_name)
    kwargs, expected_params = call_arguments(op_name, full=full)
    output_shape = op.output_shape
    response = wire_value(output_shape, op_name, full=full) if output_shape is not None else {}

    async def body(client: AsyncPinpointClient, stubber: Stubber) -> Any:
        stubber.add_response(xform_name(op_name), response, expected_params)
        return await getattr(client, xform_name(op_name))(**kwargs)

    result = run_stubbed(body)

    if output_shape is None:
        assert result is None
        return
    assert type(result) is getattr(models, output_shape.name)
    assert_typed(result, output_shape)
    assert unstructure(result) == response


# ----------------------------------------------------------------------------- pages


@pytest.mark.parametrize("op_name", TOKEN_PAGINATED)
def test_pages_follow_the_token_until_absent(op_name: str) -> None:
    async def body(client: AsyncPinpointClient, stubber: Stubber) -> list[Any]:
        kwargs = _stub_pages(stubber, op_name, ["t1", "t2", "t3", None])
        return await collect(getattr(client, f"{xform_name(op_name)}_pages")(**kwargs))

    pages = run_stubbed(body)
    output_cls = getattr(models, service_model().operation_model(op_name).output_shape.name)
    assert len(pages) == 4
    assert all(type(page) is output_cls for page in pages)


@pytest.mark.parametrize("op_name", TOKEN_PAGINATED)
def test_pages_stop_on_empty_token(op_name: str) -> None:
    async def body(client: AsyncPinpointClient, stubber: Stubber) -> list[Any]:
        kwargs = _stub_pages(stubber, op_name, ["t1", ""])
        return await collect(getattr(client, f"{xform_name(op_name)}_pages")(**kwargs))

    assert len(run_stubbed(body)) == 2


@pytest.mark.parametrize("op_name", TOKEN_PAGINATED)
def test_pages_raise_on_repeating_token(op_name: str) -> None:
    seen: list[Any] = []

    async def body(client: AsyncPinpointClient, stubber: Stubber) -> None:
        kwargs = _stub_pages(stubber, op_name, ["t1", "t2", "t1"])
        with pytest.raises(errors.PaginationError, match="twice"):
            async for page in getattr(client, f"{xform_name(op_name)}_pages")(**kwargs):
                seen.append(page)

    run_stubbed(body)
    assert len(seen) == 3


def test_pages_stop_after_too_many_empty_pages() -> None:
    async def body(client: AsyncPinpointClient, stubber: Stubber) -> int:
        client.max_empty_pages = 2
        for token in ("t1", "t2", "t3"):
            stubber.add_response("get_apps", {"ApplicationsResponse": {"NextToken": token}})
        count = 0
        with pytest.raises(errors.PaginationError, match="3 pages in a row without items"):
            async for _ in client.get_apps_pages():
                count += 1
        return count

    assert run_stubbed(body) == 3


def test_pages_validate_their_arguments_before_the_first_page() -> None:
    async def body(client: AsyncPinpointClient, stubber: Stubber) -> None:
        with pytest.raises(errors.ValidationError) as info:
            client.get_campaigns_pages(application_id="app", page_size=0)
        assert info.value.path == "page_size"

    run_stubbed(body)  # nothing was stubbed: a request would fail the Stubber instead
