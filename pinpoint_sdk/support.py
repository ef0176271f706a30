"""The end-of-support map: which Pinpoint operations ended on 2026-10-30 and which continue.

AWS ended support for Amazon Pinpoint's engagement features (endpoints, segments,
campaigns, journeys, analytics) on 2026-10-30. The APIs for SMS, voice, mobile push, OTP
and phone number validation continue as AWS End User Messaging. This module holds the one
rule that sorts every operation of the service model into an `Area` (the rule reads the
operation's name and request URI from the generated operation table, so a new operation
is classified by the same rule), and exposes the result per operation as a
`SupportStatus` that names the AWS page saying so.

Calling an operation that ended warns once per operation with
`pinpoint_sdk.errors.PinpointEndOfSupportWarning`, from the typed client's call path, so
the resource layer (which calls through the client) warns too.

Examples:
    ```python
    import pinpoint_sdk

    status = pinpoint_sdk.support_status("create_journey")
    status.ended, status.end_date, status.successor
    # (True, datetime.date(2026, 10, 30), 'Amazon Connect outbound campaigns (journeys)')
    pinpoint_sdk.support_status("SendOTPMessage").continues_as
    # 'AWS End User Messaging SMS'
    ```
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import sys
import warnings
from collections.abc import Mapping
from typing import IO, Literal

import attrs

from pinpoint_sdk.errors import PinpointEndOfSupportWarning, ValidationError

__all__ = [
    "AREAS",
    "END_OF_SUPPORT",
    "Area",
    "SupportStatus",
    "all_statuses",
    "render_markdown",
    "support_status",
    "warn_if_ended",
]

#: The day AWS ended support for Amazon Pinpoint's engagement features.
END_OF_SUPPORT = dt.date(2026, 10, 30)

# AWS pages each area's status is read from.
NOTICE = "https://docs.aws.amazon.com/pinpoint/latest/apireference/welcome.html"
MIGRATION_GUIDE = "https://docs.aws.amazon.com/pinpoint/latest/userguide/migrate.html"
PUSH_GUIDE = "https://docs.aws.amazon.com/end-user-messaging/latest/userguide/nx-push.html"
PUSH_SEND = "https://docs.aws.amazon.com/end-user-messaging/latest/userguide/nx-push-send.html"
PUSH_CHANNELS = "https://docs.aws.amazon.com/push-notifications/latest/userguide/what-is-service.html"
SMS_GUIDE = "https://docs.aws.amazon.com/sms-voice/latest/userguide/what-is-sms-mms.html"

Status = Literal["ended", "continues"]


@attrs.frozen
class Area:
    """A group of operations that share one support status, successor and source.

    Attributes:
        name: short name of the area, e.g. ``"journeys"``.
        status: ``"ended"`` (on `END_OF_SUPPORT`) or ``"continues"``.
        successor: for an ended area, the AWS service AWS points to instead; for a
            continuing one, the AWS End User Messaging service it continues as.
        source: the AWS page that states the status.
        note: why the operations of the area belong here, when the page does not name
            them one by one.
        uri: regular expression matched against the operation's request URI.
        operations: operation names that belong here whatever their URI.
    """

    name: str
    status: Status
    successor: str
    source: str
    note: str = ""
    uri: str | None = None
    operations: frozenset[str] = frozenset()

    def matches(self, operation: str, request_uri: str) -> bool:
        """Whether ``operation`` (PascalCase) with ``request_uri`` belongs to this area."""
        if operation in self.operations:
            return True
        return self.uri is not None and re.search(self.uri, request_uri) is not None


_PUSH_CHANNEL = r"/channels/(adm|apns|apns_sandbox|apns_voip|apns_voip_sandbox|baidu|gcm)$"

#: The classification rule: the first area whose pattern matches an operation holds it.
#: Order matters where URIs nest (analytics under campaigns and journeys).
AREAS: tuple[Area, ...] = (
    Area("phone number validation", "continues", "AWS End User Messaging SMS", NOTICE,
         uri=r"^/v1/phone/number/validate$"),
    Area("one-time passwords", "continues", "AWS End User Messaging SMS", NOTICE,
         uri=r"/(otp|verify-otp)$"),
    Area("direct messages", "continues", "AWS End User Messaging (SMS, voice and push)",
         PUSH_SEND, "SendMessages is the send operation of End User Messaging Push and of "
         "SMS and voice on the Pinpoint API; messages to endpoint ids need endpoints, "
         "which ended, so send to addresses or device tokens.",
         uri=r"/messages$"),
    Area("messages to users", "ended", "SendMessages to addresses or device tokens",
         MIGRATION_GUIDE, "SendUsersMessages resolves user ids through endpoints, "
         "which ended.", uri=r"/users-messages$"),
    Area("push channels", "continues", "AWS End User Messaging Push", PUSH_CHANNELS,
         uri=_PUSH_CHANNEL),
    Area("SMS channel", "continues", "AWS End User Messaging SMS", SMS_GUIDE,
         uri=r"/channels/sms$"),
    Area("voice channel", "continues", "AWS End User Messaging SMS (voice)", SMS_GUIDE,
         uri=r"/channels/voice$"),
    Area("email channel", "ended", "Amazon SES", MIGRATION_GUIDE,
         "Email is not among the APIs the notice lists as continuing; the migration "
         "guide points email sending at Amazon Simple Email Service.",
         uri=r"/channels/email$"),
    Area("channel list", "continues", "AWS End User Messaging Push", PUSH_GUIDE,
         "Lists the channels of an application, the push, SMS and voice ones included.",
         uri=r"/channels$"),
    Area("applications", "continues", "AWS End User Messaging Push", PUSH_GUIDE,
         "An application is the top-level resource of End User Messaging Push: create "
         "one, then enable its push channels.",
         uri=r"^/v1/apps(/\{application-id\})?$"),
    Area("tags", "continues", "AWS End User Messaging Push", PUSH_GUIDE,
         "Tags apply to the applications that continue (and to engagement resources, "
         "which are gone).", uri=r"^/v1/tags/"),
    Area("event collection", "ended", "Amazon Kinesis", MIGRATION_GUIDE,
         uri=r"/(events|eventstream)$"),
    Area("analytics", "ended", "Amazon Connect (outbound campaign analytics)",
         MIGRATION_GUIDE, uri=r"/(kpis/|execution-metrics$|activities$)"),
    Area("journeys", "ended", "Amazon Connect outbound campaigns (journeys)",
         MIGRATION_GUIDE, uri=r"/journeys"),
    Area("campaigns", "ended", "Amazon Connect outbound campaigns", MIGRATION_GUIDE,
         uri=r"/campaigns"),
    Area("segments", "ended", "Amazon Connect Customer Profiles (segments)",
         MIGRATION_GUIDE, uri=r"/segments"),
    Area("import and export jobs", "ended", "Amazon Connect Customer Profiles",
         MIGRATION_GUIDE, "Import and export jobs move endpoints, which ended.",
         uri=r"/jobs/"),
    Area("endpoints and users", "ended", "Amazon Connect Customer Profiles",
         MIGRATION_GUIDE, "In-app messages and custom attributes are read and written "
         "per endpoint.", uri=r"/(endpoints|users|attributes)(/|$)"),
    Area("email templates", "ended", "Amazon SES email templates", MIGRATION_GUIDE,
         uri=r"^/v1/templates/\{template-name\}/email$"),
    Area("message templates", "ended", "Amazon Connect message templates",
         MIGRATION_GUIDE, uri=r"^/v1/templates"),
    Area("recommender models", "ended", "Amazon Personalize (the model Pinpoint called)",
         MIGRATION_GUIDE, "Recommender configurations feed campaigns, journeys and "
         "templates, which ended.", uri=r"^/v1/recommenders"),
    Area("application settings", "ended", "Amazon Connect outbound campaigns",
         MIGRATION_GUIDE, "The settings are campaign defaults: hooks, limits, quiet "
         "time, journey limits.", uri=r"/settings$"),
)


@attrs.frozen
class SupportStatus:
    """Whether one operation ended with Pinpoint's engagement features or continues.

    Attributes:
        operation: the PascalCase operation name, e.g. ``"CreateJourney"``.
        method_name: the snake_case client method, e.g. ``"create_journey"``.
        status: ``"ended"`` or ``"continues"``.
        end_date: the day support ended (``None`` when the operation continues).
        successor: for an ended operation, the AWS service to move to; for a
            continuing one, the AWS End User Messaging service it continues as.
        area: the `Area` name the operation belongs to.
        source: the AWS page that states the status.
        note: why the operation belongs to its area, when the page does not name it.

    Examples:
        ```python
        from pinpoint_sdk import support_status

        status = support_status("UpdateSmsChannel")
        status.continues, status.continues_as     # (True, 'AWS End User Messaging SMS')
        ```
    """

    operation: str
    method_name: str
    status: Status
    end_date: dt.date | None
    successor: str
    area: str
    source: str
    note: str = ""

    @property
    def ended(self) -> bool:
        """Whether AWS ended support for the operation."""
        return self.status == "ended"

    @property
    def continues(self) -> bool:
        """Whether the operation continues as AWS End User Messaging."""
        return self.status == "continues"

    @property
    def continues_as(self) -> str | None:
        """The AWS End User Messaging service it continues as (``None`` if it ended)."""
        return self.successor if self.continues else None

    def describe(self) -> str:
        """One sentence for people: what happened to the operation and where to go."""
        if self.ended:
            text = (
                f"{self.operation} ({self.area}) ended with Amazon Pinpoint's engagement "
                f"features on {self.end_date}; AWS points to {self.successor}."
            )
        else:
            text = f"{self.operation} ({self.area}) continues as {self.successor}."
        return f"{text} Source: {self.source}"


def _classify(operation: str, method_name: str, request_uri: str) -> SupportStatus:
    for area in AREAS:
        if area.matches(operation, request_uri):
            return SupportStatus(
                operation=operation,
                method_name=method_name,
                status=area.status,
                end_date=END_OF_SUPPORT if area.status == "ended" else None,
                successor=area.successor,
                area=area.name,
                source=area.source,
                note=area.note,
            )
    raise LookupError(f"no end-of-support area matches {operation} ({request_uri})")


_STATUSES: dict[str, SupportStatus] | None = None
_BY_NAME: dict[str, str] = {}


def all_statuses() -> Mapping[str, SupportStatus]:
    """The `SupportStatus` of every operation of the service model, by PascalCase name."""
    global _STATUSES
    if _STATUSES is None:
        from pinpoint_sdk import _schema

        statuses = {
            name: _classify(name, op.method, op.uri) for name, op in _schema.OPERATIONS.items()
        }
        for name, status in statuses.items():
            _BY_NAME[name.lower()] = name
            _BY_NAME[status.method_name] = name
        _STATUSES = statuses
    return _STATUSES


def support_status(operation_name: str) -> SupportStatus:
    """The end-of-support status of one operation.

    Args:
        operation_name: the operation as the service model spells it (``"CreateJourney"``)
            or as the client method (``"create_journey"``).

    Raises:
        ValidationError: the service model has no such operation (the message suggests
            close names).

    Examples:
        ```python
        from pinpoint_sdk import support_status

        support_status("create_journey").ended                 # True
        support_status("PhoneNumberValidate").continues_as     # 'AWS End User Messaging SMS'
        ```
    """
    statuses = all_statuses()
    name = _BY_NAME.get(operation_name) or _BY_NAME.get(operation_name.lower())
    if name is None:
        close = _close_names(operation_name, statuses)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ValidationError(
            f"Pinpoint has no operation {operation_name!r}{hint}", "operation_name"
        )
    return statuses[name]


def _close_names(operation_name: str, statuses: Mapping[str, SupportStatus]) -> list[str]:
    # Suggest each operation once, spelled as the user spells (snake_case method name or
    # PascalCase operation name), never as the lowercased lookup key.
    spellings = {s.method_name: name for name, s in statuses.items()}
    spellings.update({name: name for name in statuses})
    found: list[str] = []
    seen: set[str] = set()
    for spelling in difflib.get_close_matches(operation_name, list(spellings), n=6):
        if spellings[spelling] not in seen:
            seen.add(spellings[spelling])
            found.append(spelling)
    return found[:3]


_SILENCE = (
    "(Said once per operation; warnings.filterwarnings(\"ignore\", "
    "category=pinpoint_sdk.errors.PinpointEndOfSupportWarning) silences it.)"
)

# Operations already warned about in this process: the warning says it once per operation.
_warned: set[str] = set()
_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep


def _stacklevel_outside_package() -> int:
    # Count the SDK's own frames (client, resources, pagination) above the caller, so the
    # warning names the line of user code that made the call.
    frame = sys._getframe(2)
    level = 2
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return level


def warn_if_ended(operation: str) -> None:
    """Warn with `PinpointEndOfSupportWarning` the first time an ended operation is called.

    Called by the typed client before each request. The warning is attributed to the
    first frame outside pinpoint_sdk, so ``warnings`` filters by module and the message
    location both name the user's code. Continuing and unknown operations pass silently.

    Examples:
        ```python
        import warnings
        from pinpoint_sdk.errors import PinpointEndOfSupportWarning

        warnings.simplefilter("ignore", PinpointEndOfSupportWarning)   # silence them all
        ```
    """
    if operation in _warned:
        return
    status = all_statuses().get(operation)
    if status is None or not status.ended:
        return
    warnings.warn(
        PinpointEndOfSupportWarning(f"{status.describe()} {_SILENCE}", status),
        stacklevel=_stacklevel_outside_package(),
    )
    _warned.add(operation)


def render_markdown() -> str:
    """The reference page of the map: one table row per operation, grouped by area.

    ``pinpoint-sdk support --markdown`` prints it; docs/reference/support.md is its output,
    and the test suite fails when the two differ.
    """
    statuses = all_statuses()
    lines = [
        "# End-of-support map",
        "",
        "<!-- Generated by `pinpoint-sdk support --markdown > docs/reference/support.md`;"
        " do not edit. -->",
        "",
        f"Every operation of the Pinpoint API, and whether it ended on {END_OF_SUPPORT} "
        "with Amazon Pinpoint's engagement features or continues as AWS End User "
        "Messaging. The same data at runtime: `pinpoint_sdk.support_status(name)`. See "
        "[End of support](../guides/end-of-support.md) for what to do about it.",
        "",
        "## By area",
        "",
        "| area | status | successor | operations | source |",
        "|---|---|---|---|---|",
    ]
    for area in AREAS:
        members = [s for s in statuses.values() if s.area == area.name]
        if not members:
            continue
        status = f"ended {END_OF_SUPPORT}" if area.status == "ended" else "continues"
        lines.append(
            f"| {area.name} | {status} | {area.successor} | {len(members)} | "
            f"[{_page_name(area.source)}]({area.source}) |"
        )
    lines += [
        "",
        "## By operation",
        "",
        "| operation | client method | status | successor | area |",
        "|---|---|---|---|---|",
    ]
    for name in sorted(statuses):
        s = statuses[name]
        status = f"ended {s.end_date}" if s.ended else "continues"
        lines.append(f"| `{name}` | `{s.method_name}` | {status} | {s.successor} | {s.area} |")
    notes = [area for area in AREAS if area.note]
    lines += ["", "## Notes", ""]
    lines += [f"- **{area.name}**: {area.note}" for area in notes]
    lines += ["", "## API", "", "::: pinpoint_sdk.support"]
    return "\n".join(lines) + "\n"


def _page_name(url: str) -> str:
    return {
        NOTICE: "end-of-support notice",
        MIGRATION_GUIDE: "Pinpoint end of support (migration guide)",
        PUSH_GUIDE: "End User Messaging: push",
        PUSH_SEND: "End User Messaging: send a push message",
        PUSH_CHANNELS: "End User Messaging Push user guide",
        SMS_GUIDE: "End User Messaging SMS user guide",
    }[url]


def run_command(operation: str | None, *, markdown: bool, out: IO[str], err: IO[str]) -> int:
    """``pinpoint-sdk support [OPERATION] [--markdown]``: print the map or one entry."""
    if markdown:
        out.write(render_markdown())
        return 0
    if operation is not None:
        try:
            status = support_status(operation)
        except ValidationError as error:
            print(error, file=err)
            return 2
        print(status.describe(), file=out)
        if status.note:
            print(f"Note: {status.note}", file=out)
        return 0
    statuses = all_statuses()
    width = max(len(name) for name in statuses)
    for name in sorted(statuses):
        s = statuses[name]
        state = f"ended {s.end_date}" if s.ended else "continues "
        print(f"{name:<{width}}  {state:<16}  {s.successor}", file=out)
    ended = sum(s.ended for s in statuses.values())
    print(f"\n{ended} of {len(statuses)} operations ended on {END_OF_SUPPORT}; "
          f"{len(statuses) - ended} continue.", file=out)
    return 0
