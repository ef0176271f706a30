"""The manifest of an export: what was written, what failed, and what a rerun may skip."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs

__all__ = [
    "MANIFEST_NAME",
    "EndpointPiece",
    "EndpointsStatus",
    "ExportFailure",
    "ExportManifest",
    "PartStatus",
    "write_atomically",
]

MANIFEST_NAME = "manifest.json"
"""File name of the manifest inside an app folder."""

FORMAT_VERSION = 1
"""Version of the export layout; `load_export` refuses a newer one."""


def now_iso() -> str:
    """The current UTC time as an ISO-8601 string with a ``Z``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A run interrupted at any moment leaves either the old file or the new one, never a
    half-written file that a rerun would trust.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # Opened like any file (not mkstemp's owner-only mode), so the umask decides who reads it.
    temporary = path.parent / f".{path.name}.{uuid.uuid4().hex}.tmp"
    try:
        with temporary.open("xb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def dump_json(value: Any) -> bytes:
    """``value`` as indented UTF-8 JSON (datetimes and bytes the converter left as such)."""
    return (json.dumps(value, indent=2, ensure_ascii=False, default=_json_default) + "\n").encode()


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        import base64

        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


@attrs.define(kw_only=True)
class ExportFailure:
    """One failure of an export: the part it belongs to, and why.

    Attributes:
        part: the part (``"segments"``, ``"endpoints"``, ...) that failed.
        message: the error, as raised.
        key: for an endpoint piece, its S3 key; otherwise ``None``.
    """

    part: str
    message: str
    key: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The failure as the manifest stores it."""
        data: dict[str, Any] = {"Part": self.part, "Message": self.message}
        if self.key is not None:
            data["Key"] = self.key
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ExportFailure:
        """Read a failure back from the manifest."""
        return cls(part=data["Part"], message=data["Message"], key=data.get("Key"))


@attrs.define(kw_only=True)
class PartStatus:
    """What one part of an export wrote.

    Attributes:
        file: the file name inside the app folder.
        done: whether the file is complete (a rerun skips it).
        count: how many items the file holds (segments, versions are not counted twice).
        versions: for versioned parts, how many versions in all.
        finished_at: when the part was written.
        detail: extra facts, such as the secret members removed from ``channels.json``.
    """

    file: str
    done: bool = False
    count: int = 0
    versions: int | None = None
    finished_at: str | None = None
    detail: dict[str, Any] = attrs.field(factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The status as the manifest stores it."""
        data: dict[str, Any] = {"File": self.file, "Done": self.done, "Count": self.count}
        if self.versions is not None:
            data["Versions"] = self.versions
        if self.finished_at is not None:
            data["FinishedAt"] = self.finished_at
        if self.detail:
            data["Detail"] = self.detail
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PartStatus:
        """Read a part status back from the manifest."""
        return cls(
            file=data["File"], done=bool(data.get("Done")), count=int(data.get("Count", 0)),
            versions=data.get("Versions"), finished_at=data.get("FinishedAt"),
            detail=dict(data.get("Detail") or {}),
        )  # fmt: skip


@attrs.define(kw_only=True)
class EndpointPiece:
    """One exported file (piece) of an endpoint export job in S3.

    Attributes:
        done: whether its endpoints are in ``endpoints.ndjson``.
        count: how many endpoints it held.
        deleted: whether the object was deleted from S3 after reading.
        error: the last error reading it, when it failed.
    """

    done: bool = False
    count: int = 0
    deleted: bool = False
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The piece as the manifest stores it."""
        data: dict[str, Any] = {"Done": self.done, "Count": self.count}
        if self.deleted:
            data["Deleted"] = True
        if self.error is not None:
            data["Error"] = self.error
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EndpointPiece:
        """Read a piece back from the manifest."""
        return cls(done=bool(data.get("Done")), count=int(data.get("Count", 0)),
                   deleted=bool(data.get("Deleted")), error=data.get("Error"))


@attrs.define(kw_only=True)
class EndpointsStatus:
    """The endpoint export job and the pieces read from S3 so far.

    Attributes:
        s3_url: where the job writes its pieces.
        job_id: the export job (reused by a rerun while it exists and did not fail).
        committed_bytes: the length of ``endpoints.ndjson`` holding only whole pieces;
            a rerun cuts the file back to it before reading more, so a piece interrupted
            half-way is never counted twice.
        pieces: every piece seen, by S3 key.
    """

    s3_url: str
    job_id: str | None = None
    committed_bytes: int = 0
    pieces: dict[str, EndpointPiece] = attrs.field(factory=dict)

    @property
    def count(self) -> int:
        """Endpoints written, over the pieces done."""
        return sum(piece.count for piece in self.pieces.values() if piece.done)

    def to_json(self) -> dict[str, Any]:
        """The status as the manifest stores it."""
        return {
            "S3Url": self.s3_url, "JobId": self.job_id, "CommittedBytes": self.committed_bytes,
            "Pieces": {key: piece.to_json() for key, piece in self.pieces.items()},
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EndpointsStatus:
        """Read the status back from the manifest."""
        return cls(
            s3_url=data["S3Url"], job_id=data.get("JobId"),
            committed_bytes=int(data.get("CommittedBytes", 0)),
            pieces={k: EndpointPiece.from_json(v) for k, v in (data.get("Pieces") or {}).items()},
        )  # fmt: skip


@attrs.define(kw_only=True)
class ExportManifest:
    """``manifest.json``: what an export of one application holds.

    Attributes:
        application_id: the exported application.
        parts: each part (``app``, ``channels``, ``segments``, ...) with its file, count
            and whether it is done.
        endpoints: the endpoint export job and its pieces (``None`` when endpoints were
            not asked for).
        failures: what failed in the last run (part, message, S3 key for a piece).
        include_secrets: whether secret channel members were written.
        started_at: when the first run of this export started (UTC, ISO-8601).
        finished_at: when the last run ended.
        runs: how many runs wrote to this folder (a resumed export has more than one).
        sdk_version: the pinpoint_sdk version that wrote it.
        botocore_version: the botocore version (and so the service model) used.
        region: the AWS Region of the application.
        format_version: the layout version of the export folder.
        path: the folder the manifest was read from or written to (not stored).

    Examples:
        >>> manifest = export_app(pp, app.id, "out")
        >>> manifest.complete, manifest.parts["segments"].count, manifest.failures
    """

    application_id: str
    parts: dict[str, PartStatus] = attrs.field(factory=dict)
    endpoints: EndpointsStatus | None = None
    failures: list[ExportFailure] = attrs.field(factory=list)
    include_secrets: bool = False
    started_at: str = attrs.field(factory=now_iso)
    finished_at: str | None = None
    runs: int = 0
    sdk_version: str = ""
    botocore_version: str = ""
    region: str | None = None
    format_version: int = FORMAT_VERSION
    path: Path | None = attrs.field(default=None, eq=False)

    @property
    def complete(self) -> bool:
        """Whether every part is done and nothing failed."""
        return not self.failures and all(part.done for part in self.parts.values())

    def done(self, part: str) -> bool:
        """Whether ``part`` is done (a rerun skips it)."""
        status = self.parts.get(part)
        return status is not None and status.done

    def failures_of(self, part: str) -> list[ExportFailure]:
        """The failures recorded for ``part``."""
        return [failure for failure in self.failures if failure.part == part]

    def to_json(self) -> dict[str, Any]:
        """The manifest as ``manifest.json`` stores it."""
        data: dict[str, Any] = {
            "FormatVersion": self.format_version,
            "ApplicationId": self.application_id,
            "Region": self.region,
            "StartedAt": self.started_at,
            "FinishedAt": self.finished_at,
            "Runs": self.runs,
            "Complete": self.complete,
            "SdkVersion": self.sdk_version,
            "BotocoreVersion": self.botocore_version,
            "IncludeSecrets": self.include_secrets,
            "Parts": {name: part.to_json() for name, part in self.parts.items()},
            "Failures": [failure.to_json() for failure in self.failures],
        }
        if self.endpoints is not None:
            data["Endpoints"] = self.endpoints.to_json()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any], path: Path | None = None) -> ExportManifest:
        """Read a manifest back from its JSON form."""
        endpoints = data.get("Endpoints")
        return cls(
            application_id=data["ApplicationId"],
            parts={k: PartStatus.from_json(v) for k, v in (data.get("Parts") or {}).items()},
            endpoints=EndpointsStatus.from_json(endpoints) if endpoints else None,
            failures=[ExportFailure.from_json(f) for f in data.get("Failures") or []],
            include_secrets=bool(data.get("IncludeSecrets")),
            started_at=data.get("StartedAt") or now_iso(),
            finished_at=data.get("FinishedAt"),
            runs=int(data.get("Runs", 0)),
            sdk_version=data.get("SdkVersion", ""),
            botocore_version=data.get("BotocoreVersion", ""),
            region=data.get("Region"),
            format_version=int(data.get("FormatVersion", FORMAT_VERSION)),
            path=path,
        )

    @classmethod
    def load(cls, folder: str | os.PathLike[str]) -> ExportManifest:
        """Read ``manifest.json`` from an app folder."""
        folder = Path(folder)
        with (folder / MANIFEST_NAME).open(encoding="utf-8") as source:
            return cls.from_json(json.load(source), folder)

    def save(self, folder: str | os.PathLike[str]) -> None:
        """Write ``manifest.json`` into ``folder`` atomically."""
        self.path = Path(folder)
        write_atomically(self.path / MANIFEST_NAME, dump_json(self.to_json()))


def count_versions(entries: Iterable[dict[str, Any]]) -> int:
    """How many versions a list of ``{"Versions": [...]}`` entries holds."""
    return sum(len(entry.get("Versions") or []) for entry in entries)
