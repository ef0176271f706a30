"""Decide which members of the service model hold secrets.

A member is a secret when botocore marks it (or its shape) ``sensitive``, or when the rule
below flags it and the reviewed :data:`NOT_SECRET` list does not clear it:

* only members whose values are free text (``string`` or ``blob``, also inside lists and
  maps; enums are excluded, their values are a fixed published set) can be secrets;
* a word of the member name (``Api``, ``Key``; plural ``s`` dropped) is one of
  :data:`NAME_WORDS`, or
* its documentation mentions one of :data:`DOC_PHRASES` (a private key, an API key, a
  certificate, a token...).

The rule errs on the side of flagging; every member it flags that is not a secret is named
in :data:`NOT_SECRET` with the reason, so each decision is reviewed once and visible here.
:func:`secret_members` fails the generation when a list entry goes stale, when a listed
member becomes ``sensitive`` in botocore, when a secret that DESIGN.md section 9 promises
is no longer found, or when a wire name would be secret in one shape and not in another
(display masks plain dicts by wire name, so the two must agree).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

NAME_WORDS = frozenset(
    {"otp", "password", "passcode", "passphrase", "secret", "credential", "certificate",
     "key", "token"}
)
"""Words of a member name that say its value may be a secret."""

DOC_PHRASES = re.compile(
    r"\b(?:one-time (?:password|passcode|code)|verification code|password|passcode"
    r"|passphrase|secret|private key|signing key|authentication key|api[ _]key|credential"
    r"|certificate|token)s?\b",
    re.IGNORECASE,
)
"""Phrases of member documentation that say its value may be a secret. ``OTP`` alone is
not one: the OTP operations use it for every member of the message (brand name, channel,
language); the one member holding the code is named ``Otp``."""

NOT_SECRET: dict[str, str] = {
    # Names with "Token": pagination and device tokens.
    "Token": "pagination cursor of a request; shown so a listing can be resumed",
    "NextToken": "pagination cursor of a response; shown so a listing can be resumed",
    "UpdatedToken": "a device's new push registration token, i.e. its new Address",
    "Address": "the recipient: a phone number, an email address or a device push token; "
    "a push token only works with the channel credentials, which are secret",
    # Names with "Key" that are identifiers or labels.
    "TokenKeyId": "Apple's identifier of the APNs signing key, sent in clear as the kid "
    "header of every APNs token; the key itself is TokenKey",
    "CollapseKey": "a label the device uses to collapse GCM notifications",
    "ConsolidationKey": "a label the device uses to consolidate ADM notifications",
    "Key": "the name of a KPI result column",
    "TagKeys": "names of the tags to remove",
    # Documentation mentions tokens or certificates, the value is not one.
    "BundleId": "the public bundle identifier of the iOS app",
    "TeamId": "the public identifier of the Apple developer team",
    "RestrictedPackageName": "the Android package name registration tokens must match",
    "DefaultAuthenticationMethod": "the name of the method (key or certificate), not the "
    "credential",
    "PreferredAuthenticationMethod": "the name of the method (CERTIFICATE, KEY, TOKEN), not "
    "the credential",
}
"""Members the rule flags that are not secrets, by wire name, with the reason."""

DESIGN_SECRETS: dict[str, tuple[str, ...]] = {
    "APNSChannelRequest": ("Certificate", "PrivateKey", "TokenKey"),
    "APNSSandboxChannelRequest": ("Certificate", "PrivateKey", "TokenKey"),
    "APNSVoipChannelRequest": ("Certificate", "PrivateKey", "TokenKey"),
    "APNSVoipSandboxChannelRequest": ("Certificate", "PrivateKey", "TokenKey"),
    "ADMChannelRequest": ("ClientSecret",),
    "BaiduChannelRequest": ("ApiKey", "SecretKey"),
    "GCMChannelRequest": ("ApiKey", "ServiceJson"),
    "BaiduChannelResponse": ("Credential",),
    "GCMChannelResponse": ("Credential",),
}
"""Secrets DESIGN.md section 9 names; the rule must keep finding every one of them."""

_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z][a-z0-9]*|[a-z0-9]+")
_TAG = re.compile(r"<[^>]+>")


def name_words(wire: str) -> set[str]:
    """Lower-case words of a CamelCase member name, plural ``s`` dropped."""
    return {word.lower().removesuffix("s") for word in _WORD.findall(wire)}


def _leaves(shapes: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    shape = shapes[name]
    if shape["type"] == "list":
        return _leaves(shapes, shape["member"]["shape"])
    if shape["type"] == "map":
        return _leaves(shapes, shape["value"]["shape"])
    return [shape]


def _free_text(shapes: Mapping[str, Any], name: str) -> bool:
    return all(
        leaf["type"] in ("string", "blob") and "enum" not in leaf
        for leaf in _leaves(shapes, name)
    )


def flagged(shapes: Mapping[str, Any], member: Mapping[str, Any], wire: str) -> bool:
    """Whether the rule flags ``member`` (named ``wire``) as a possible secret."""
    if not _free_text(shapes, member["shape"]):
        return False
    doc = html.unescape(_TAG.sub(" ", member.get("documentation", "")))
    return bool(name_words(wire) & NAME_WORDS) or DOC_PHRASES.search(doc) is not None


def _marked_sensitive(shapes: Mapping[str, Any], member: Mapping[str, Any]) -> bool:
    return bool(member.get("sensitive") or shapes[member["shape"]].get("sensitive"))


def secret_members(
    shapes: Mapping[str, Any],
    not_secret: Mapping[str, str] = NOT_SECRET,
    required: Mapping[str, tuple[str, ...]] = DESIGN_SECRETS,
) -> dict[str, tuple[str, ...]]:
    """Structure name -> wire names of its secret members, in model order.

    Args:
        shapes: the ``shapes`` of a botocore service model.
        not_secret: flagged wire names cleared on review, with the reasons.
        required: secrets that must be found, by structure name.

    Raises:
        ValueError: the reviewed lists and the model disagree (see the module docstring).
    """
    secrets: dict[str, tuple[str, ...]] = {}
    cleared: set[str] = set()
    by_wire: dict[str, set[bool]] = {}
    problems: list[str] = []
    for shape_name, shape in shapes.items():
        if shape["type"] != "structure" or shape.get("exception"):
            continue
        found = []
        for wire, member in shape["members"].items():
            marked = _marked_sensitive(shapes, member)
            secret = marked or flagged(shapes, member, wire)
            if secret and wire in not_secret:
                if marked:
                    problems.append(f"{shape_name}.{wire} is sensitive in botocore")
                cleared.add(wire)
                secret = marked
            by_wire.setdefault(wire, set()).add(secret)
            if secret:
                found.append(wire)
        if found:
            secrets[shape_name] = tuple(found)
    problems += [f"NOT_SECRET[{wire!r}] matches no flagged member" for wire in
                 sorted(set(not_secret) - cleared)]
    problems += [
        f"{shape_name}.{wire} (DESIGN.md section 9) is no longer found secret"
        for shape_name, wires in required.items()
        for wire in wires
        if wire not in secrets.get(shape_name, ())
    ]
    problems += [
        f"{wire} is secret in some shapes and not in others"
        for wire, decisions in sorted(by_wire.items())
        if len(decisions) > 1
    ]
    if problems:
        raise ValueError("secret members need review: " + "; ".join(problems))
    return secrets
