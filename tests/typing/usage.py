"""A realistic, fully typed use of the typed core; checked with ``mypy --strict``.

Nothing here runs in the test suite: tests/core/test_typing.py only type-checks it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from botocore.exceptions import ClientError

from pinpoint_sdk import PinpointClient, enums, errors, models
from pinpoint_sdk.converter import structure, unstructure


def make_client() -> PinpointClient:
    return PinpointClient(region_name="us-east-1")


def welcome_campaign(segment_id: str) -> models.WriteCampaignRequest:
    return models.WriteCampaignRequest(
        name="welcome",
        segment_id=segment_id,
        segment_version=1,
        schedule=models.Schedule(
            start_time="2030-01-01T09:00:00Z",
            frequency=enums.Frequency.ONCE,
            is_local_time=True,
            timezone="UTC",
            quiet_time=models.QuietTime(start="22:00", end="07:00"),
        ),
        message_configuration=models.MessageConfiguration(
            sms_message=models.CampaignSmsMessage(
                body="Welcome aboard!", message_type=enums.MessageType.TRANSACTIONAL
            ),
            email_message=models.CampaignEmailMessage(
                title="Welcome", html_body="<p>Hello</p>", from_address="team@example.com"
            ),
        ),
        limits=models.CampaignLimits(daily=1, total=1),
        tags={"team": "growth"},
    )


def create_campaign(client: PinpointClient, app_id: str) -> str | None:
    response = client.create_campaign(
        application_id=app_id, write_campaign_request=welcome_campaign("seg-1")
    )
    campaign: models.CampaignResponse | None = response.campaign_response
    request_id: str | None = response.request_id
    status: int | None = response.http_status_code
    print(request_id, status)
    if campaign is None or campaign.state is None:
        return None
    state: enums.CampaignStatus | str | None = campaign.state.campaign_status
    if state == enums.CampaignStatus.PAUSED:
        print("paused")
    return campaign.id


def all_campaign_names(client: PinpointClient, app_id: str) -> list[str]:
    names: list[str] = []
    pages: Iterator[models.GetCampaignsResponse] = client.get_campaigns_pages(
        application_id=app_id, page_size=50
    )
    for page in pages:
        if page.campaigns_response is None:
            continue
        for item in page.campaigns_response.item or []:
            if item.name is not None:
                names.append(item.name)
    return names


def app_or_none(client: PinpointClient, app_id: str) -> models.ApplicationResponse | None:
    try:
        return client.get_app(application_id=app_id).application_response
    except errors.NotFoundError as exc:
        code: str = exc.code
        retry: bool = exc.retryable
        print(code, retry, exc.request_id, exc.status_code, exc.operation_name)
        return None
    except errors.TooManyRequestsError:
        raise
    except ClientError:
        return None


def safe_create(client: PinpointClient, app_id: str) -> None:
    try:
        client.create_campaign(
            application_id=app_id,
            write_campaign_request=models.WriteCampaignRequest(schedule=models.Schedule()),
        )
    except errors.ValidationError as exc:
        problems: list[tuple[str, str]] = exc.errors
        print(exc.path, problems)


def kpi_since(client: PinpointClient, app_id: str, since: dt.datetime) -> int:
    rows = 0
    for page in client.get_application_date_range_kpi_pages(
        application_id=app_id, kpi_name="successful-delivery-rate", start_time=since
    ):
        kpi = page.application_date_range_kpi_response
        if kpi is not None and kpi.kpi_result is not None:
            rows += len(kpi.kpi_result.rows or [])
    return rows


def tag_app(client: PinpointClient, arn: str) -> None:
    client.tag_resource(resource_arn=arn, tags_model=models.TagsModel(tags={"env": "dev"}))
    client.untag_resource(resource_arn=arn, tag_keys=["env"])


def round_trip(request: models.WriteCampaignRequest) -> models.WriteCampaignRequest:
    wire: dict[str, object] = unstructure(request)
    return structure(wire, models.WriteCampaignRequest)


def send_sms(client: PinpointClient, app_id: str, number: str) -> dict[str, str]:
    result = client.send_messages(
        application_id=app_id,
        message_request=models.MessageRequest(
            addresses={number: models.AddressConfiguration(channel_type=enums.ChannelType.SMS)},
            message_configuration=models.DirectMessageConfiguration(
                sms_message=models.SMSMessage(body="hi", message_type="TRANSACTIONAL")
            ),
        ),
    )
    outcome: dict[str, str] = {}
    response = result.message_response
    if response is not None and response.result is not None:
        for address, item in response.result.items():
            outcome[address] = str(item.delivery_status)
    return outcome


def wrong_types_are_caught(client: PinpointClient) -> None:
    # --strict warns about unused ignores: if these calls stopped being errors (say the
    # annotations decayed to Any), the ignores would be unused and the check would fail.
    models.WriteCampaignRequest(segment_version="1")  # type: ignore[arg-type]
    client.get_app(application_id=1)  # type: ignore[arg-type]
    client.get_app(app_id="x")  # type: ignore[call-arg]
    name: int = client.get_app(application_id="a").application_response  # type: ignore[assignment]
    print(name)
