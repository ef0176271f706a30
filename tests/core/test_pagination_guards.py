"""Listings that never end stop with PaginationError instead of hanging the caller."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from botocore.awsrequest import AWSPreparedRequest
from fake_http import FakeHttp

from pinpoint_sdk import Pinpoint, PinpointClient, errors, limits, models


def _endless(page: Any) -> FakeHttp:
    """A service whose every GetApps page is ``page`` plus a token it never used before."""
    counter = itertools.count()

    def answer(_request: AWSPreparedRequest) -> tuple[int, Any]:
        return 200, {**page, "NextToken": f"token-{next(counter)}"}

    return FakeHttp(answer, max_requests=500)


def test_endless_empty_pages_with_fresh_tokens_raise() -> None:
    fake = _endless({"Item": []})
    client = PinpointClient(fake.client)
    client.max_empty_pages = 5
    pages = client.get_apps_pages()
    with pytest.raises(errors.PaginationError, match="6 pages in a row without items"):
        for _page in pages:
            pass
    assert len(fake.requests) == 6


def test_the_default_bound_applies_without_configuration() -> None:
    fake = _endless({"Item": []})
    with pytest.raises(errors.PaginationError):
        list(PinpointClient(fake.client).get_apps_pages())
    assert len(fake.requests) == limits.MAX_EMPTY_PAGES + 1


def test_item_iteration_over_endless_empty_pages_raises() -> None:
    fake = _endless({"Item": []})
    pp = Pinpoint(fake.client)
    pp.client.max_empty_pages = 3
    with pytest.raises(errors.PaginationError):
        for _app in pp.apps:
            pass
    assert len(fake.requests) == 4


def test_kpi_pages_without_rows_count_as_empty() -> None:
    counter = itertools.count()

    def answer(_request: AWSPreparedRequest) -> tuple[int, Any]:
        return 200, {"KpiResult": {"Rows": []}, "NextToken": f"t{next(counter)}"}

    fake = FakeHttp(answer, max_requests=50)
    client = PinpointClient(fake.client)
    client.max_empty_pages = 2
    with pytest.raises(errors.PaginationError):
        list(client.get_application_date_range_kpi_pages(application_id="app", kpi_name="k"))
    assert len(fake.requests) == 3


def test_a_page_with_items_resets_the_empty_count() -> None:
    app = {"Arn": "arn:app", "Id": "a1", "Name": "n"}
    bodies = iter([[], [], [app], [], [], [app]])
    counter = itertools.count()

    def answer(_request: AWSPreparedRequest) -> tuple[int, Any]:
        items = next(bodies, None)
        if items is None:
            return 200, {"Item": []}  # the last page: no token
        return 200, {"Item": items, "NextToken": f"t{next(counter)}"}

    fake = FakeHttp(answer, max_requests=20)
    client = PinpointClient(fake.client)
    client.max_empty_pages = 2
    assert [app.id for app in Pinpoint(client).apps] == ["a1", "a1"]
    assert len(fake.requests) == 7


@pytest.mark.parametrize("token", [5, {"next": "t"}, ["t"]])
def test_a_token_that_is_not_a_string_is_an_error(token: Any) -> None:
    fake = FakeHttp(lambda _r: (200, {"Item": [], "NextToken": token}), max_requests=5)
    with pytest.raises(errors.PaginationError, match="as its pagination token"):
        list(PinpointClient(fake.client).get_apps_pages())
    assert len(fake.requests) == 1


def test_memory_for_seen_tokens_is_bounded() -> None:
    from pinpoint_sdk._base_client import _PageGuard

    guard = _PageGuard("GetApps", ("applications_response", "next_token"), max_empty_pages=1)

    def page(token: str) -> models.GetAppsResponse:
        return models.GetAppsResponse(applications_response=models.ApplicationsResponse(
            item=[models.ApplicationResponse(id="a")], next_token=token
        ))

    for number in range(limits.REMEMBERED_PAGE_TOKENS * 3):
        assert guard.next_token(page(f"t{number}")) == f"t{number}"
    assert len(guard.seen) == limits.REMEMBERED_PAGE_TOKENS
    with pytest.raises(errors.PaginationError, match="twice"):
        guard.next_token(page(f"t{limits.REMEMBERED_PAGE_TOKENS * 3 - 1}"))


@pytest.mark.parametrize("bad", [-1, "10", None])
def test_a_bad_bound_is_refused_before_sending(bad: Any) -> None:
    fake = _endless({"Item": []})
    client = PinpointClient(fake.client)
    client.max_empty_pages = bad
    with pytest.raises(errors.ValidationError) as info:
        client.get_apps_pages()
    assert info.value.path == "max_empty_pages"
    assert fake.requests == []
