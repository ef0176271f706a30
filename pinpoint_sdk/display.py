"""Showing models safely: notebook HTML, masked wire dicts and log redaction.

Secret members (APNS keys and certificates, ADM/Baidu/GCM secrets, channel credentials,
one-time codes) are never displayed. Which members are secret comes from the service model
(``_sensitive_fields`` on each generated class, ``secret`` on each member of the generated
``pinpoint_sdk._schema``), never from a hand-written list. Masking only affects what is
shown: the values stay on the object and `pinpoint_sdk.converter.unstructure` still sends
them.

Examples:
    >>> import logging
    >>> from pinpoint_sdk import models
    >>> from pinpoint_sdk.display import RedactingFilter, redact
    >>> handler = logging.StreamHandler()
    >>> handler.addFilter(RedactingFilter())
    >>> redact(models.GCMChannelRequest(api_key="AIza...", enabled=True))
    {'ApiKey': '***', 'Enabled': True}
"""

from __future__ import annotations

import ast
import json
import logging
import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

import attrs

from pinpoint_sdk._html import MAX_DEPTH, MAX_ITEMS, MAX_TEXT, to_html
from pinpoint_sdk._masking import MASK, mask_plain, sensitive_wire_names
from pinpoint_sdk._model_base import Model

__all__ = [
    "MASK",
    "MAX_DEPTH",
    "MAX_ITEMS",
    "MAX_TEXT",
    "RedactingFilter",
    "is_sensitive",
    "redact",
    "redact_text",
    "sensitive_wire_names",
    "to_html",
]



# --------------------------------------------------------------------------- secrets


def is_sensitive(model: Model, attribute: str) -> bool:
    """Whether ``attribute`` of ``model`` holds a secret that must not be displayed."""
    return attribute in type(model)._sensitive_fields




def redact(obj: Any) -> Any:
    """A copy of ``obj`` safe to log: models become masked wire dicts.

    Models (also inside lists and dicts) are unstructured like
    `pinpoint_sdk.converter.unstructure` with every secret member replaced by
    ``"***"``. Plain dicts (e.g. boto3 requests and responses) have values under secret
    wire names masked. Other values are returned unchanged. ``obj`` is not modified.
    """
    if isinstance(obj, Model):
        from pinpoint_sdk.converter import unstructure

        return replace_secrets(obj, unstructure(obj), _mask)
    if isinstance(obj, Mapping):
        secret = sensitive_wire_names()
        return {
            key: MASK if key in secret and value is not None else redact(value)
            for key, value in obj.items()
        }
    if type(obj) in (list, tuple):
        return type(obj)(redact(item) for item in obj)
    return obj


REMOVE: Any = object()
"""Returned by a `replace_secrets` callback: leave the secret member out altogether."""


def replace_secrets(
    model: Model, wire: Any, secret: Callable[[str], Any], path: str = ""
) -> Any:
    """A copy of ``wire`` (the unstructured ``model``) with every secret member replaced.

    Each secret member's value becomes ``secret(path)`` (``path`` such as
    ``"Item[0].ServiceJson"``), or is left out when that returns `REMOVE`. Which members
    are secret comes from the service model (each class's ``_sensitive_fields``); the walk
    follows nested models, lists and maps. Keys the model does not know (members newer
    than this SDK) are judged by their wire name, inside their plain values too.
    """
    if not isinstance(wire, dict):
        return wire
    result = dict(wire)
    for attribute in attrs.fields(type(model)):
        if attribute.name.startswith("_"):
            continue
        value = getattr(model, attribute.name)
        key = attribute.metadata.get("wire", attribute.name)
        if value is None or key not in result:
            continue
        if attribute.name in type(model)._sensitive_fields:
            _put(result, key, secret(path + key))
        else:
            result[key] = _replace_in_value(value, result[key], secret, path + key)
    for key in model._unknown or ():
        if key in result:
            _replace_plain_entry(result, key, secret, path + key)
    return result


def _put(result: dict[str, Any], key: str, value: Any) -> None:
    if value is REMOVE:
        del result[key]
    else:
        result[key] = value


def _replace_in_value(value: Any, wire: Any, secret: Callable[[str], Any], path: str) -> Any:
    if isinstance(value, Model):
        return replace_secrets(value, wire, secret, path + ".")
    if isinstance(value, list) and isinstance(wire, list) and len(value) == len(wire):
        return [
            _replace_in_value(v, w, secret, f"{path}[{index}]")
            for index, (v, w) in enumerate(zip(value, wire, strict=True))
        ]
    if isinstance(value, dict) and isinstance(wire, dict):
        return {
            k: _replace_in_value(value[k], w, secret, f"{path}.{k}") if k in value else w
            for k, w in wire.items()
        }
    return wire


def _replace_plain_entry(
    container: dict[str, Any], key: str, secret: Callable[[str], Any], path: str
) -> None:
    """Replace ``container[key]`` when its name is a secret's, else the secrets inside it."""
    value = container[key]
    if key in sensitive_wire_names() and value is not None:
        _put(container, key, secret(path))
    elif isinstance(value, Mapping):
        inner = dict(value)
        for name in list(inner):
            _replace_plain_entry(inner, name, secret, f"{path}.{name}")
        container[key] = inner
    elif type(value) in (list, tuple):
        items = {str(index): item for index, item in enumerate(value)}
        for index in list(items):
            _replace_plain_entry(items, index, secret, f"{path}[{index}]")
        container[key] = type(value)(items.values())


def _mask(path: str) -> str:
    return MASK


@cache
def _secret_pattern() -> re.Pattern[str]:
    """Matches any secret wire name: text without one needs no further look."""
    return re.compile("|".join(sorted(sensitive_wire_names())))


# A quoted string as JSON or Python write it: "..." or '...', optionally a bytes literal
# b'...'. An apostrophe inside a word (``don't``) or an escaped quote never opens one.
_QUOTED = re.compile(
    r"""(?<![\w\\])b?(?:'[^'\\\n]*(?:\\.[^'\\\n]*)*'|"[^"\\\n]*(?:\\.[^"\\\n]*)*")"""
)
_COLON = re.compile(r"\s*:\s*")
_BARE = re.compile(r"[-+\w.]+")
# What follows each backslash of a Python string literal: one escape each.
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{|.)", re.DOTALL)
_SIMPLE_ESCAPES = frozenset("\\'\"abfnrtv\n01234567")
# botocore's ParamValidationError report: "Invalid type for parameter A.B, value: ..., type:
# <class 'dict'>, valid types: ..." (also "Invalid value"/"Invalid length ... valid min").
_PARAM_REPORT = re.compile(
    r"(?P<head>\bfor (?:document )?parameter (?P<path>[^\s,]+), value: )(?P<value>.*)"
    r"(?P<tail>, (?:type: <class |valid min ).*)$",
    re.MULTILINE,
)


def redact_text(text: str) -> str:
    """``text`` with the values of secret members masked, however deeply they are quoted.

    Understands what botocore and Python print: JSON (``"ApiKey": "..."``), dict reprs
    (``'ApiKey': '...'``), a request body inside a dict repr (``'body': b'{"ApiKey": ...}'``,
    as botocore logs ``Making request for OperationModel(...) with params: {...}``), JSON in
    a JSON string, and botocore's parameter validation report. Quoted strings are decoded
    (``json.loads`` or a Python literal), masked inside, and written back the way they were
    quoted, so escaped quotes, backslashes or newlines in a secret never end it early. Text
    without a secret name is returned as is.

    Examples:
        ```python
        >>> import json
        >>> body = json.dumps({"ApiKey": 'a"b\\c', "Enabled": True}).encode()
        >>> print(redact_text(f"with params: {({'body': body})}"))
        with params: {'body': b'{"ApiKey": "***", "Enabled": true}'}
        ```
    """
    if _secret_pattern().search(text) is None:
        return text
    return _redact_quoted(_mask_param_reports(text))


def _mask_param_reports(text: str) -> str:
    if "parameter " not in text:
        return text
    return _PARAM_REPORT.sub(_mask_param_report, text)


def _mask_param_report(match: re.Match[str]) -> str:
    segments = set(re.split(r"[.\[\]]", match["path"]))
    if segments & sensitive_wire_names():
        return f"{match['head']}{MASK}{match['tail']}"
    return match[0]


def _redact_quoted(text: str) -> str:
    """Mask secret values in ``text``, one quoted string at a time, left to right."""
    secret, names = sensitive_wire_names(), _secret_pattern()
    quoted = list(_QUOTED.finditer(text))
    out: list[str] = []
    pos = index = 0
    while index < len(quoted):
        token = quoted[index]
        index += 1
        # A secret name shows literally at any depth of quoting; skip strings without one.
        if names.search(text, token.start(), token.end()) is None:
            continue
        decoded = _unquote(token[0])
        if decoded is None:
            continue
        colon = _COLON.match(text, token.end())
        if decoded in secret and colon is not None:
            # "Key": value -- mask the value, whatever it is.
            end, masked = _value_end(text, colon.end(), quoted, index)
            if end > colon.end():
                out += [text[pos : colon.end()], masked]
                pos = end
                while index < len(quoted) and quoted[index].start() < end:
                    index += 1
            continue
        inner = _redact_quoted(_mask_param_reports(decoded))
        if inner != decoded:
            out += [text[pos : token.start()], _requote(token[0], inner)]
            pos = token.end()
    out.append(text[pos:])
    return "".join(out)


def _value_end(
    text: str, start: int, quoted: list[re.Match[str]], index: int
) -> tuple[int, str]:
    """End of the value starting at ``start`` and its masked form (``end == start``: none).

    ``quoted[index:]`` are the quoted strings from ``start`` on; brackets inside them do
    not count when a ``{...}`` or ``[...]`` value is skipped.
    """
    if index < len(quoted) and quoted[index].start() == start:
        token = quoted[index][0]
        prefix = "b" if token.startswith("b") else ""
        quote = token[len(prefix)]
        return quoted[index].end(), f"{prefix}{quote}{MASK}{quote}"
    if start < len(text) and text[start] in "[{":
        depth, pos = 0, start
        while pos < len(text):
            while index < len(quoted) and quoted[index].end() <= pos:
                index += 1
            if index < len(quoted) and quoted[index].start() == pos:
                pos = quoted[index].end()
                continue
            depth += {"[": 1, "{": 1, "]": -1, "}": -1}.get(text[pos], 0)
            pos += 1
            if depth == 0:
                return pos, f"'{MASK}'"
        return len(text), f"'{MASK}'"  # cut off mid-value: mask the rest
    bare = _BARE.match(text, start)
    if bare is None or bare[0] in ("None", "null"):
        return start, ""
    return bare.end(), MASK


def _unquote(token: str) -> str | None:
    """The text inside a quoted string (bytes as UTF-8), or ``None`` if it does not parse."""
    value: Any = None
    if token.startswith('"'):
        try:
            value = json.loads(token)
        except ValueError:
            value = None
        if isinstance(value, str):
            return value
    if not _python_escapes_only(token):
        return None
    try:
        value = ast.literal_eval(token)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "surrogateescape")
    return value if isinstance(value, str) else None


def _python_escapes_only(token: str) -> bool:
    """Whether every escape in ``token`` is one Python writes (others would warn)."""
    is_bytes = token.startswith("b")
    for code in set(_ESCAPE.findall(token)):
        if len(code) == 1 and code not in _SIMPLE_ESCAPES:
            return False
        if len(code) > 1 and is_bytes and code[0] != "x":
            return False
    return True


def _requote(token: str, text: str) -> str:
    """``text`` quoted the way ``token`` was: a bytes repr, JSON or a Python repr."""
    if token.startswith("b"):
        return repr(text.encode("utf-8", "surrogateescape"))
    if token.startswith('"'):
        try:
            json.loads(token)
        except ValueError:
            return repr(text)
        return json.dumps(text, ensure_ascii=token.isascii())
    return repr(text)


class RedactingFilter(logging.Filter):
    """Logging filter that masks secrets in log records carrying models, dicts or text.

    Attach it to a handler so it sees records from every logger, including botocore's
    debug output:

    ```python
    handler.addFilter(RedactingFilter())
    ```

    Dict and list arguments are replaced by copies with secret values masked (models keep
    their own masked ``repr``), and the formatted message is passed through
    `redact_text`, as is the traceback of a logged exception. Records are never
    dropped.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Mask secrets in the record's message and arguments; never drops a record."""
        if isinstance(record.args, Mapping):
            record.args = mask_plain(record.args)
        elif isinstance(record.args, tuple):
            record.args = tuple(mask_plain(arg) for arg in record.args)
        if isinstance(record.msg, Mapping):
            record.msg = mask_plain(record.msg)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True  # leave badly formatted records to logging's own error report
        redacted = redact_text(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            # A traceback quotes exception messages, e.g. botocore's validation report.
            record.exc_text = redact_text(_TRACEBACK.formatException(record.exc_info))
        return True


_TRACEBACK = logging.Formatter()
