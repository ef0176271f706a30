"""The double's index of endpoints by user id never differs from a scan of the endpoints.

A hypothesis state machine drives one application with random endpoint writes (single
and batch upserts, batches refused midway by the per-user limit, users changed or
cleared, PutEvents and import jobs carrying endpoints, deletes of endpoints and of
users, requests undone after their writes) and, after every step, compares the double
with a brute-force model of the endpoint table and of the per-user limit.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from double_helpers import NO_RETRIES
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from pinpoint_sdk.testing import PinpointMock, PinpointServiceError, get_backend, mock_pinpoint
from pinpoint_sdk.testing._endpoints import EndpointTable, user_id_of

LIMIT = 15
PUSH = {"GCM", "APNS"}
IDS = [f"ep{number:02d}" for number in range(24)]
USERS = ["alice", "bob", "carol"]
# Few dates, so that the oldest push endpoint of a user often ties with others.
DATES = [f"2026-01-0{day}T00:00:00.000Z" for day in range(1, 4)]

# A sent ``User``: a user id, an empty one, or none at all (raw JSON ``null``, which
# only a direct backend call can send).
user_ids = st.sampled_from([*USERS, ""])
items = st.fixed_dictionaries(
    {
        "Id": st.sampled_from(IDS),
        "ChannelType": st.sampled_from(["EMAIL", "SMS", "GCM", "APNS"]),
        "EffectiveDate": st.sampled_from(DATES),
    },
    optional={"User": user_ids.map(lambda user: {"UserId": user})},
)

_import_urls = itertools.count()


class Refused(Exception):
    """The model refuses a write, as the double's per-user limit must."""


class Model:
    """The endpoint table as a plain dict, with the per-user limit applied by scanning."""

    def __init__(self) -> None:
        self.endpoints: dict[str, dict[str, Any]] = {}

    def copy(self) -> Model:
        other = Model()
        other.endpoints = {key: dict(value) for key, value in self.endpoints.items()}
        return other

    def user_ids(self, user: Any) -> list[str]:
        return [key for key, ep in self.endpoints.items() if ep["user"] == user]

    def upsert(self, item: dict[str, Any]) -> None:
        key = item["Id"]
        ep = dict(self.endpoints.get(key) or {"user": None, "status": "ACTIVE"})
        ep["channel"] = item["ChannelType"]
        ep["date"] = item["EffectiveDate"]
        if "User" in item:
            ep["user"] = item["User"]["UserId"]
        if ep["user"]:
            others = [other for other in self.user_ids(ep["user"]) if other != key]
            if len(others) >= LIMIT:
                pushes = [other for other in others if self.endpoints[other]["channel"] in PUSH]
                if ep["channel"] not in PUSH or not pushes:
                    raise Refused(key)
                oldest = min(pushes, key=lambda other: self.endpoints[other]["date"])
                self.endpoints[oldest] = {
                    **self.endpoints[oldest], "status": "INACTIVE", "user": None,
                }  # fmt: skip
        self.endpoints[key] = ep


def _scan(table: EndpointTable) -> list[tuple[Any, list[str]]]:
    """Endpoint ids grouped by user id (compared with ``==``), users in order of appearance."""
    found: list[tuple[Any, list[str]]] = []
    for key, endpoint in table.items():
        user = user_id_of(endpoint)
        if user is None:
            continue
        group = next((ids for other, ids in found if other == user), None)
        if group is None:
            found.append((user, [key]))
        else:
            group.append(key)
    return found


class UserIndexMachine(RuleBasedStateMachine):
    """One application of the double against `Model`."""

    def __init__(self) -> None:
        super().__init__()
        self.client = boto3.client("pinpoint", region_name="us-east-1", config=NO_RETRIES)
        self.model = Model()
        self.app_id = ""

    @initialize()
    def create_app(self) -> None:
        self.app_id = self.client.create_app(CreateApplicationRequest={"Name": "index"})[
            "ApplicationResponse"
        ]["Id"]

    def teardown(self) -> None:
        if self.app_id:
            self.client.delete_app(ApplicationId=self.app_id)

    def _code(self, call: Any, **kwargs: Any) -> str | None:
        try:
            call(ApplicationId=self.app_id, **kwargs)
        except ClientError as error:
            code: str = error.response["Error"]["Code"]
            return code
        return None

    def _apply_all(self, batch: list[dict[str, Any]]) -> bool:
        """Apply ``batch`` to the model all or nothing; whether it was accepted."""
        trial = self.model.copy()
        try:
            for item in batch:
                trial.upsert(item)
        except Refused:
            return False
        self.model = trial
        return True

    @staticmethod
    def _request(item: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in item.items() if key != "Id"}

    # -- writes --------------------------------------------------------------------
    @rule(item=items)
    def update_endpoint(self, item: dict[str, Any]) -> None:
        accepted = self._apply_all([item])
        code = self._code(
            self.client.update_endpoint, EndpointId=item["Id"], EndpointRequest=self._request(item)
        )
        assert code == (None if accepted else "BadRequestException")

    @rule(batch=st.lists(items, min_size=1, max_size=20))
    def update_endpoints_batch(self, batch: list[dict[str, Any]]) -> None:
        accepted = self._apply_all(batch)
        code = self._code(self.client.update_endpoints_batch, EndpointBatchRequest={"Item": batch})
        assert code == (None if accepted else "BadRequestException")

    @rule(user=st.sampled_from(USERS), channel=st.sampled_from(["EMAIL", "GCM"]))
    def fill_user(self, user: str, channel: str) -> None:
        """A batch giving ``user`` 16 endpoints: refused midway unless they are push."""
        batch = [
            {"Id": key, "ChannelType": channel, "EffectiveDate": DATES[0], "User": {"UserId": user}}
            for key in IDS[:16]
        ]
        accepted = self._apply_all(batch)
        code = self._code(self.client.update_endpoints_batch, EndpointBatchRequest={"Item": batch})
        assert code == (None if accepted else "BadRequestException")

    @rule(item=items)
    def clear_user_id(self, item: dict[str, Any]) -> None:
        """``"UserId": null`` sent as raw JSON: the endpoint keeps no user id."""
        item = {**item, "User": {"UserId": None}}
        self._apply_all([item])
        backend = get_backend()
        with backend.transaction(self.app_id):
            backend.update_endpoint(
                {"ApplicationId": self.app_id, "EndpointId": item["Id"],
                 "EndpointRequest": self._request(item)}
            )  # fmt: skip

    @rule(batch=st.lists(items, min_size=1, max_size=5))
    def put_events(self, batch: list[dict[str, Any]]) -> None:
        """Each endpoint of PutEvents is accepted or refused on its own."""
        expected: dict[str, int] = {}
        for item in {item["Id"]: item for item in batch}.values():
            expected[item["Id"]] = 202 if self._apply_all([item]) else 400
        answer = self.client.put_events(
            ApplicationId=self.app_id,
            EventsRequest={
                "BatchItem": {
                    item["Id"]: {"Endpoint": self._request(item), "Events": {}} for item in batch
                }
            },
        )["EventsResponse"]["Results"]
        got = {key: value["EndpointItemResponse"]["StatusCode"] for key, value in answer.items()}
        assert got == expected

    @rule(batch=st.lists(items, min_size=1, max_size=5))
    def import_job(self, batch: list[dict[str, Any]]) -> None:
        """An import job upserts its endpoints one by one, refusals counted as failures."""
        failures = sum(0 if self._apply_all([item]) else 1 for item in batch)
        url = f"s3://index/import-{next(_import_urls)}.json"
        get_backend().stage_import(url, batch)
        job_id = self.client.create_import_job(
            ApplicationId=self.app_id,
            ImportJobRequest={"Format": "JSON", "RoleArn": "arn:aws:iam::1:role/r", "S3Url": url},
        )["ImportJobResponse"]["Id"]
        for _ in range(10):
            job = self.client.get_import_job(ApplicationId=self.app_id, JobId=job_id)[
                "ImportJobResponse"
            ]
            if job["JobStatus"] == "COMPLETED":
                assert job["TotalFailures"] == failures
                return
        raise AssertionError("the import job did not complete")

    @rule(endpoint_id=st.sampled_from(IDS))
    def delete_endpoint(self, endpoint_id: str) -> None:
        existed = self.model.endpoints.pop(endpoint_id, None) is not None
        code = self._code(self.client.delete_endpoint, EndpointId=endpoint_id)
        assert code == (None if existed else "NotFoundException")

    @rule(user=st.sampled_from(USERS))
    def delete_user_endpoints(self, user: str) -> None:
        doomed = self.model.user_ids(user)
        for key in doomed:
            del self.model.endpoints[key]
        code = self._code(self.client.delete_user_endpoints, UserId=user)
        assert code == (None if doomed else "NotFoundException")

    @rule(batch=st.lists(items, min_size=1, max_size=5), user=st.sampled_from(USERS))
    def request_failing_after_its_writes(self, batch: list[dict[str, Any]], user: str) -> None:
        """A request that wrote, deleted, then failed changes nothing."""
        backend = get_backend()
        with (
            pytest.raises((RuntimeError, PinpointServiceError)),
            backend.transaction(self.app_id),
        ):
            backend.update_endpoints_batch(
                {"ApplicationId": self.app_id, "EndpointBatchRequest": {"Item": batch}}
            )
            backend.delete_user_endpoints({"ApplicationId": self.app_id, "UserId": user})
            raise RuntimeError("injected failure after the writes")

    # -- checks --------------------------------------------------------------------
    @invariant()
    def index_equals_a_scan(self) -> None:
        if not self.app_id:
            return
        table = get_backend().state(self.app_id).endpoints
        assert table.user_index() == _scan(table)

    @invariant()
    def table_equals_the_model(self) -> None:
        if not self.app_id:
            return
        table = get_backend().state(self.app_id).endpoints
        got = {
            key: {
                "user": user_id_of(ep),
                "status": ep["EndpointStatus"],
                "channel": ep["ChannelType"],
                "date": ep["EffectiveDate"],
            }
            for key, ep in table.items()
        }
        assert list(got) == list(self.model.endpoints)
        assert got == self.model.endpoints

    @invariant()
    def get_user_endpoints_answers_as_the_model(self) -> None:
        if not self.app_id:
            return
        for user in USERS:
            expected = self.model.user_ids(user)
            try:
                answer = self.client.get_user_endpoints(ApplicationId=self.app_id, UserId=user)
            except ClientError as error:
                assert error.response["Error"]["Code"] == "NotFoundException"
                assert expected == []
                continue
            assert [ep["Id"] for ep in answer["EndpointsResponse"]["Item"]] == expected


@pytest.fixture
def active_mock() -> Iterator[PinpointMock]:
    with mock_pinpoint() as active:
        yield active


def test_user_index_matches_a_scan_and_the_model(active_mock: PinpointMock) -> None:
    run_state_machine_as_test(
        UserIndexMachine,
        settings=settings(max_examples=25, stateful_step_count=30, deadline=None),
    )


def _ep(user: Any = None) -> dict[str, Any]:
    return {"ChannelType": "EMAIL"} if user is None else {"User": {"UserId": user}}


def test_rollback_puts_removed_and_replaced_endpoints_back_in_their_places() -> None:
    table = EndpointTable()
    for key, user in (("a", "u"), ("b", None), ("c", "u"), ("d", "v")):
        table[key] = _ep(user)
    table.begin()
    del table["a"]
    table["c"] = _ep("v")
    table["a"] = _ep("w")  # back, but at the end of the order
    table["e"] = _ep("u")
    table.pop("d")
    assert list(table) == ["b", "c", "a", "e"]
    table.rollback()
    assert list(table) == ["a", "b", "c", "d"]
    assert table.user_index() == _scan(table) == [("u", ["a", "c"]), ("v", ["d"])]


def test_nested_journals_undo_only_their_own_writes_and_commit_into_the_outer() -> None:
    table = EndpointTable()
    table["a"] = _ep("u")
    table.begin()
    table["b"] = _ep("u")
    table.begin()
    table["a"] = _ep("v")
    table.rollback()
    assert table.user_endpoint_ids("u") == ["a", "b"]
    table.begin()
    table.clear()
    table.commit()
    assert len(table) == 0
    table.rollback()
    assert list(table) == ["a"]
    assert table.user_index() == [("u", ["a"])]


def test_users_whose_ids_are_not_hashable_or_none_are_found_as_a_scan_finds_them() -> None:
    table = EndpointTable()
    table.update({"a": _ep(["x"]), "b": _ep(None), "c": _ep(["x"]), "d": _ep({"k": 1})})
    assert table.user_endpoint_ids(["x"]) == ["a", "c"]
    assert table.user_endpoint_ids({"k": 1}) == ["d"]
    assert table.user_endpoint_ids(None) == ["b"]
    assert table.user_endpoint_ids("x") == []
    assert table.user_index() == _scan(table) == [(["x"], ["a", "c"]), ({"k": 1}, ["d"])]
