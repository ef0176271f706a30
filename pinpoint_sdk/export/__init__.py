"""Exporting Pinpoint data to a folder, reading it back, and recreating it elsewhere.

Amazon Pinpoint's engagement features ended on 2026-10-30: `export_app` and
`export_all` read everything out as JSON in the service's wire form (the shapes the
AWS docs describe), with endpoints streamed from an S3 export job, and a manifest that
lets a rerun resume. `load_export` reads a folder back as typed models and
`import_app` recreates what the service still accepts in another app, Region or the
offline double.

Layout of ``dest/<application id>/``:

| file | what it holds |
|---|---|
| ``app.json`` | ``Application``, ``Settings``, ``Tags`` |
| ``channels.json`` | each configured channel by type, secrets removed unless asked for |
| ``event_stream.json`` | the event stream, or ``null`` |
| ``segments.json`` | every segment: ``Segment`` and ``Versions`` (oldest first) |
| ``campaigns.json`` | every campaign: ``Campaign``, ``Versions``, ``Activities`` |
| ``journeys.json`` | every journey: ``Journey`` and its ``Runs`` |
| ``templates.json`` | account level: every template of all five kinds, every version |
| ``recommenders.json`` | account level: the recommender configurations |
| ``endpoints.ndjson`` | one ``EndpointResponse`` a line (only with ``endpoints=``) |
| ``jobs.json`` | ``ImportJobs`` and ``ExportJobs`` history |
| ``manifest.json`` | per part: done, count; failures; times; versions; secrets flag |

Examples:
    ```python
    from pinpoint_sdk.export import EndpointExport, export_app, import_app, load_export

    manifest = export_app(pp, app_id, "pinpoint-export",
                          endpoints=EndpointExport("s3://bucket/pinpoint/", role_arn))
    exported = load_export(f"pinpoint-export/{app_id}")
    report = import_app(pp, exported, new_app_id)
    ```
"""

from __future__ import annotations

from pinpoint_sdk.export._export import (
    PARTS,
    EndpointExport,
    ExportProgress,
    export_all,
    export_app,
)
from pinpoint_sdk.export._load import (
    ExportedApp,
    ExportedCampaign,
    ExportedJourney,
    ExportedSegment,
    ExportedTemplate,
    ImportedItem,
    ImportFailure,
    ImportReport,
    import_app,
    load_export,
)
from pinpoint_sdk.export._manifest import (
    EndpointPiece,
    EndpointsStatus,
    ExportFailure,
    ExportManifest,
    PartStatus,
)
from pinpoint_sdk.export._sample import populate_sample_app

__all__ = [
    "PARTS",
    "EndpointExport",
    "EndpointPiece",
    "EndpointsStatus",
    "ExportFailure",
    "ExportManifest",
    "ExportProgress",
    "ExportedApp",
    "ExportedCampaign",
    "ExportedJourney",
    "ExportedSegment",
    "ExportedTemplate",
    "ImportFailure",
    "ImportReport",
    "ImportedItem",
    "PartStatus",
    "export_all",
    "export_app",
    "import_app",
    "load_export",
    "populate_sample_app",
]
