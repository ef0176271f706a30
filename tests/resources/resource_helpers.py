"""Wire-shaped response bodies shared by the resource-layer tests."""

from __future__ import annotations

from typing import Any

APP_ID = "app1"


def campaign_wire(index: int, **extra: Any) -> dict[str, Any]:
    return {
        "ApplicationId": APP_ID,
        "Arn": f"arn:aws:mobiletargeting:us-east-1:1:apps/{APP_ID}/campaigns/c{index}",
        "CreationDate": "2024-01-01T00:00:00Z",
        "Id": f"c{index}",
        "LastModifiedDate": "2024-01-01T00:00:00Z",
        "SegmentId": "s1",
        "SegmentVersion": 1,
        "Name": f"campaign {index}",
        **extra,
    }


def journey_wire(**extra: Any) -> dict[str, Any]:
    return {"ApplicationId": APP_ID, "Id": "j1", "Name": "onboarding", **extra}


def import_job_wire(status: str, **extra: Any) -> dict[str, Any]:
    return {
        "ApplicationId": APP_ID,
        "CreationDate": "2024-01-01T00:00:00Z",
        "Definition": {"Format": "CSV", "RoleArn": "arn:role", "S3Url": "s3://b/k"},
        "Id": "job1",
        "JobStatus": status,
        "Type": "IMPORT",
        **extra,
    }
