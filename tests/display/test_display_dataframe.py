"""to_dataframe: KPI results, execution metrics, campaign activities and lists of models."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pandas as pd
import pytest
from botocore import xform_name

from pinpoint_sdk import models
from pinpoint_sdk.converter import structure
from pinpoint_sdk.dataframe import INSTALL_HINT, to_dataframe
from pinpoint_sdk.enums import Action, CampaignStatus, Frequency


def _kpi_wire(rows: list[dict[str, object]]) -> dict[str, object]:
    return {
        "ApplicationId": "app-1",
        "KpiName": "successful-delivery-rate-grouped-by-date",
        "StartTime": "2024-05-01T00:00:00Z",
        "EndTime": "2024-05-03T00:00:00Z",
        "KpiResult": {"Rows": rows},
    }


def _row(date: str, rate: str, count: str) -> dict[str, object]:
    return {
        "GroupedBys": [{"Key": "Date", "Type": "String", "Value": date}],
        "Values": [
            {"Key": "SuccessfulDeliveryRate", "Type": "Double", "Value": rate},
            {"Key": "TotalEndpoints", "Type": "Long", "Value": count},
        ],
    }


KPI_ROWS = [_row("2024-05-01", "0.95", "120"), _row("2024-05-02", "0.5", "8")]


@pytest.mark.parametrize(
    ("wrapper", "member", "extra"),
    [
        ("GetApplicationDateRangeKpiResponse", "ApplicationDateRangeKpiResponse", {}),
        ("GetCampaignDateRangeKpiResponse", "CampaignDateRangeKpiResponse", {"CampaignId": "c"}),
        ("GetJourneyDateRangeKpiResponse", "JourneyDateRangeKpiResponse", {"JourneyId": "j"}),
    ],
)
def test_kpi_result_has_one_row_per_result_row_typed_by_type(
    wrapper: str, member: str, extra: dict[str, str]
) -> None:
    response = structure({member: _kpi_wire(KPI_ROWS) | extra}, getattr(models, wrapper))
    for obj in (response, getattr(response, xform_name(member))):
        frame = to_dataframe(obj)
        assert list(frame.columns) == ["Date", "SuccessfulDeliveryRate", "TotalEndpoints"]
        assert len(frame) == 2
        assert pd.api.types.is_datetime64_any_dtype(frame["Date"])
        assert frame["Date"].iloc[1] == pd.Timestamp("2024-05-02")
        assert frame["SuccessfulDeliveryRate"].dtype == "float64"
        assert frame["TotalEndpoints"].dtype == "int64"
        assert frame["TotalEndpoints"].tolist() == [120, 8]
        assert frame.attrs["kpi_name"] == "successful-delivery-rate-grouped-by-date"


def test_kpi_integer_type_is_int_and_other_grouped_by_keys_stay_text() -> None:
    rows = [
        {
            "GroupedBys": [{"Key": "CampaignActivityId", "Type": "String", "Value": "a-1"}],
            "Values": [{"Key": "Count", "Type": "Integer", "Value": "3"}],
        }
    ]
    frame = to_dataframe(structure(_kpi_wire(rows), models.ApplicationDateRangeKpiResponse))
    assert frame["Count"].dtype == "int64"
    assert frame["CampaignActivityId"].tolist() == ["a-1"]


def test_kpi_with_a_missing_integer_uses_a_nullable_column() -> None:
    rows = [_row("2024-05-01", "0.9", "1"), {"GroupedBys": [], "Values": []}]
    frame = to_dataframe(structure(_kpi_wire(rows), models.ApplicationDateRangeKpiResponse))
    assert str(frame["TotalEndpoints"].dtype) == "Int64"
    assert frame["TotalEndpoints"].isna().tolist() == [False, True]


def test_kpi_without_rows_is_an_empty_frame() -> None:
    frame = to_dataframe(structure(_kpi_wire([]), models.ApplicationDateRangeKpiResponse))
    assert frame.empty
    assert frame.attrs["application_id"] == "app-1"


def test_journey_execution_metrics_have_one_row_per_metric() -> None:
    response = models.GetJourneyExecutionMetricsResponse(
        journey_execution_metrics_response=models.JourneyExecutionMetricsResponse(
            application_id="app-1",
            journey_id="j-1",
            last_evaluated_time="2024-05-01T10:00:00.000Z",
            metrics={"ENDPOINT_ENTERED": "12", "ENDPOINT_LEFT": "3", "CANCELLED": "0"},
        )
    )
    frame = to_dataframe(response)
    assert list(frame.columns) == [
        "application_id", "journey_id", "last_evaluated_time", "metric", "value",
    ]  # fmt: skip
    assert frame["metric"].tolist() == ["ENDPOINT_ENTERED", "ENDPOINT_LEFT", "CANCELLED"]
    assert frame["value"].dtype == "int64"
    assert pd.api.types.is_datetime64_any_dtype(frame["last_evaluated_time"])


def test_journey_activity_run_metrics_keep_activity_and_run_ids() -> None:
    metrics = models.JourneyRunExecutionActivityMetricsResponse(
        activity_type="EMAIL",
        application_id="app-1",
        journey_activity_id="welcome",
        journey_id="j-1",
        run_id="r-1",
        metrics={"SUCCESS": "5", "RATE": "0.5"},
    )
    frame = to_dataframe(metrics)
    assert frame[["run_id", "journey_activity_id", "activity_type"]].iloc[0].tolist() == [
        "r-1", "welcome", "EMAIL",
    ]  # fmt: skip
    assert frame["value"].dtype == "float64"


def test_non_numeric_metric_values_are_kept_as_text() -> None:
    frame = to_dataframe(models.JourneyExecutionMetricsResponse(metrics={"A": "1", "B": "n/a"}))
    assert frame["value"].tolist() == ["1", "n/a"]


def test_campaign_execution_metrics_have_one_row_per_metric() -> None:
    activity = models.ActivityResponse(
        application_id="app-1",
        campaign_id="c-1",
        id="act-1",
        execution_metrics={"TOTAL_ENDPOINT_COUNT": "10", "SUCCESSFUL_ENDPOINT_COUNT": "9"},
    )
    frame = to_dataframe(activity)
    assert len(frame) == 2
    assert frame["activity_id"].unique().tolist() == ["act-1"]
    assert frame.set_index("metric")["value"].to_dict() == {
        "TOTAL_ENDPOINT_COUNT": 10,
        "SUCCESSFUL_ENDPOINT_COUNT": 9,
    }


def test_campaign_activities_have_one_row_per_activity_with_times_parsed() -> None:
    response = structure(
        {
            "ActivitiesResponse": {
                "Item": [
                    {"ApplicationId": "a", "CampaignId": "c", "Id": f"act-{i}",
                     "Start": f"2024-05-0{i}T10:00:00.000Z", "State": "COMPLETED",
                     "TotalEndpointCount": 10 * i}
                    for i in (1, 2, 3)
                ]
            }
        },
        models.GetCampaignActivitiesResponse,
    )  # fmt: skip
    frame = to_dataframe(response)
    assert len(frame) == 3
    assert frame.columns[0] == "id"
    assert pd.api.types.is_datetime64_any_dtype(frame["start"])
    assert frame["total_endpoint_count"].dtype == "int64"


def test_an_iterable_of_models_has_one_row_per_model_and_a_column_per_set_field() -> None:
    campaigns = [
        models.CampaignResponse(application_id="a", name="one", id="c-1"),
        models.CampaignResponse(id="c-2", description="second", holdout_percent=5),
    ]
    frame = to_dataframe(iter(campaigns))
    assert list(frame.columns) == ["id", "name", "application_id", "description", "holdout_percent"]
    assert frame["id"].tolist() == ["c-1", "c-2"]
    assert pd.isna(frame.loc[1, "name"])


def test_a_list_result_and_its_pages_give_one_row_per_item() -> None:
    def page(*ids: str) -> models.GetCampaignsResponse:
        items = [models.CampaignResponse(id=i) for i in ids]
        return models.GetCampaignsResponse(campaigns_response=models.CampaignsResponse(item=items))

    assert to_dataframe(page("a", "b"))["id"].tolist() == ["a", "b"]
    pages: Iterator[models.GetCampaignsResponse] = iter([page("a", "b"), page("c")])
    assert to_dataframe(pages)["id"].tolist() == ["a", "b", "c"]


def test_resources_with_a_data_model_become_rows() -> None:
    class Campaign:
        def __init__(self, data: models.CampaignResponse) -> None:
            self.data = data

    frame = to_dataframe([Campaign(models.CampaignResponse(id="c-1", name="n"))])
    assert frame.to_dict("records") == [{"id": "c-1", "name": "n"}]


def test_secrets_are_masked_in_frames_but_kept_on_the_model() -> None:
    gcm = models.GCMChannelResponse(application_id="a", credential="s3cr3t", platform="GCM")
    assert to_dataframe([gcm])["credential"].tolist() == ["***"]
    assert gcm.credential == "s3cr3t"


def test_enums_become_their_string_values() -> None:
    frame = to_dataframe([models.Message(action=Action.URL)])
    assert frame["action"].tolist() == ["URL"]
    assert type(frame["action"].iloc[0]) is str


def test_nested_models_flatten_to_dotted_columns_with_enum_values() -> None:
    campaign = models.CampaignResponse(
        id="c-1",
        state=models.CampaignState(campaign_status=CampaignStatus.COMPLETED),
        schedule=models.Schedule(
            start_time="IMMEDIATE",
            frequency=Frequency.ONCE,
            quiet_time=models.QuietTime(start="22:00", end="07:00"),
        ),
    )
    frame = to_dataframe([campaign])
    assert list(frame.columns) == [
        "id",
        "schedule.frequency",
        "schedule.quiet_time.end",
        "schedule.quiet_time.start",
        "schedule.start_time",
        "state.campaign_status",
    ]
    row = frame.iloc[0]
    assert row["state.campaign_status"] == "COMPLETED"
    assert type(row["state.campaign_status"]) is str
    assert row["schedule.frequency"] == "ONCE"
    assert row["schedule.quiet_time.start"] == "22:00"


def test_enums_and_models_inside_lists_and_maps_become_plain_values() -> None:
    response = models.CampaignResponse(
        id="c-1",
        additional_treatments=[
            models.TreatmentResource(
                id="t-1", size_percent=10, state=models.CampaignState(campaign_status="PAUSED")
            )
        ],
        tags={"team": "growth"},
    )
    row = to_dataframe([response]).iloc[0]
    assert row["additional_treatments"] == [
        {"id": "t-1", "size_percent": 10, "state": {"campaign_status": "PAUSED"}}
    ]
    assert type(row["additional_treatments"][0]["state"]["campaign_status"]) is str
    assert row["tags"] == {"team": "growth"}


def test_nested_secrets_are_masked_in_frames() -> None:
    wrapper = models.UpdateGcmChannelRequest(
        application_id="a",
        gcm_channel_request=models.GCMChannelRequest(api_key="AIza-secret", enabled=True),
    )
    frame = to_dataframe([wrapper])
    assert frame["gcm_channel_request.api_key"].tolist() == ["***"]
    assert "AIza-secret" not in frame.to_string()


def test_collection_frame_of_campaigns_has_string_status_columns() -> None:
    from pinpoint_sdk import Pinpoint
    from pinpoint_sdk.builders import CampaignBuilder, SegmentBuilder
    from pinpoint_sdk.testing import mock_pinpoint

    with mock_pinpoint():
        app = Pinpoint(region_name="us-east-1").apps.create("frames")
        segment = app.segments.create(SegmentBuilder("all").channel("EMAIL"))
        app.campaigns.create(
            CampaignBuilder("spring").segment(segment.id).immediately()
            .email(title="Hi", html_body="<p>hi</p>", from_address="a@example.com")
        )  # fmt: skip
        frame = app.campaigns.to_dataframe()

    assert "state" not in frame.columns
    status = frame["state.campaign_status"].iloc[0]
    assert type(status) is str
    assert "CampaignState" not in frame.to_string()
    assert all(not repr(value).startswith(("Campaign", "Schedule")) for value in frame.iloc[0])


def test_unsupported_input_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="int"):
        to_dataframe(42)
    with pytest.raises(TypeError, match="str"):
        to_dataframe(["not a model"])


def test_missing_pandas_raises_an_import_error_naming_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'pinpoint-sdk\[pandas\]'"):
        to_dataframe([models.CampaignResponse(id="c")])
    assert INSTALL_HINT == "pip install 'pinpoint-sdk[pandas]'"


def test_importing_the_sdk_does_not_import_pandas() -> None:
    code = (
        "import sys, pinpoint_sdk, pinpoint_sdk.dataframe, pinpoint_sdk.display\n"
        "from pinpoint_sdk import models\n"
        "m = models.CampaignResponse(id='c'); repr(m); m._repr_html_()\n"
        "print('pandas' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_to_dataframe_imports_pandas_on_call() -> None:
    code = (
        "import sys\nfrom pinpoint_sdk import models\n"
        "from pinpoint_sdk.dataframe import to_dataframe\n"
        "before = 'pandas' in sys.modules\n"
        "to_dataframe([models.CampaignResponse(id='c')])\n"
        "print(before, 'pandas' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False True"
