"""Docstrings are written in the Markdown/Google style the reference site renders.

The same check runs inside the docs build (``docs/_griffe/markdown_docstrings.py``);
here it covers every docstring of the package, generated modules included.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import botocore.session
import griffe
import pytest

from pinpoint_sdk import _schema, models

ROOT = Path(__file__).resolve().parents[2]


def _checker() -> ModuleType:
    path = ROOT / "docs" / "_griffe" / "markdown_docstrings.py"
    spec = importlib.util.spec_from_file_location("markdown_docstrings", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _objects(obj: griffe.Object) -> Iterator[griffe.Object]:
    yield obj
    for member in obj.members.values():
        if not member.is_alias:
            assert isinstance(member, griffe.Object)
            yield from _objects(member)


@pytest.fixture(scope="module")
def package() -> griffe.Module:
    loaded = griffe.load("pinpoint_sdk", search_paths=[str(ROOT)], resolve_aliases=False)
    assert isinstance(loaded, griffe.Module)
    return loaded


def test_no_docstring_holds_sphinx_roles_or_rest_blocks(package: griffe.Module) -> None:
    rest_markup = _checker().rest_markup
    found = [
        f"{obj.path}: {problem}"
        for obj in _objects(package)
        if obj.docstring is not None
        for problem in rest_markup(obj.docstring.value)
    ]
    assert found == []


@pytest.mark.parametrize(
    "text",
    [
        "Build a :class:`~pinpoint_sdk.models.Activity`.",
        "Use :meth:`replace` instead.",
        "Example::\n\n    builder.build()",
        "Example:\n    >>> 1",
        ".. note::\n\n    careful",
    ],
)
def test_the_docs_build_check_reports_rest(text: str) -> None:
    assert _checker().rest_markup(text)


@pytest.mark.parametrize(
    "text",
    [
        "Build a `Activity` (see `pinpoint_sdk.models`).",
        "Examples:\n    ```python\n    x = {'a': 1}  # ends with ::\n    ```",
        "Examples:\n    >>> 1\n    1",
    ],
)
def test_the_docs_build_check_accepts_markdown(text: str) -> None:
    assert _checker().rest_markup(text) == []


def test_the_docs_build_runs_the_check() -> None:
    assert "docs/_griffe/markdown_docstrings.py:MarkdownDocstrings" in (
        ROOT / "mkdocs.yml"
    ).read_text()


def _model_classes() -> Iterator[type]:
    for name in models.__all__:
        cls = getattr(models, name)
        if isinstance(cls, type):
            yield cls


def _attribute_docs(cls: type) -> dict[str, str]:
    docstring = griffe.Docstring(cls.__doc__ or "", parser="google")
    return {
        item.name: item.description
        for section in docstring.parse()
        if section.kind is griffe.DocstringSectionKind.attributes
        for item in section.value
    }


def test_generated_field_descriptions_keep_the_list_they_introduce() -> None:
    cut = [
        f"{cls.__name__}.{name}: ...{doc[-50:]}"
        for cls in _model_classes()
        for name, doc in _attribute_docs(cls).items()
        if doc.rstrip().endswith(":")
    ]
    assert cut == []


def test_a_valid_values_list_names_the_values_as_code() -> None:
    docs = _attribute_docs(models.WriteJourneyRequest)
    assert re.search(r"Valid values are: `DRAFT`, `ACTIVE`\.", " ".join(docs["state"].split()))
    action = " ".join(_attribute_docs(models.APNSMessage)["action"].split())
    assert action.endswith("Valid values are: `OPEN_APP`, `DEEP_LINK`, `URL`.")


def _summary(cls: type) -> str:
    return " ".join((cls.__doc__ or "").split("\n\n", 1)[0].split())


def test_operation_inputs_and_outputs_say_which_operation_they_belong_to() -> None:
    shapes = botocore.session.get_session().get_service_model("pinpoint")
    wrong = []
    for op in _schema.OPERATIONS.values():
        method = op.method
        for shape, role in ((op.input, "Input"), (op.output, "Output")):
            if shape is None or shapes.shape_for(shape).documentation:
                continue
            summary = _summary(getattr(models, shape))
            if not summary.startswith(f"{role} of `PinpointClient.{method}`."):
                wrong.append(f"{shape}: {summary[:60]}")
    assert wrong == []


def test_operation_wrappers_reuse_the_payload_documentation() -> None:
    assert _summary(models.CreateCampaignResponse) == (
        "Output of `PinpointClient.create_campaign`. Payload `campaign_response`: "
        + _summary(models.CampaignResponse)
    )
    assert _attribute_docs(models.CreateCampaignRequest)["write_campaign_request"] == (
        _summary(models.WriteCampaignRequest)
    )


def _value_lists() -> Iterator[tuple[str, str, list[str]]]:
    """(shape, member, values) for every member documented with a ``VALUE - meaning`` list."""
    raw = botocore.session.get_session().get_service_model("pinpoint")._service_description
    for shape_name, shape in raw["shapes"].items():
        for wire, member in shape.get("members", {}).items():
            doc = member.get("documentation") or ""
            if not re.search(r"values are:\s*(</p>\s*)?<ul>", doc):
                continue
            items = [re.sub(r"<[^>]+>", "", li) for li in re.findall(r"<li>(.*?)</li>", doc, re.S)]
            values = [m[1] for item in items if (m := re.match(r"\s*([\w.-]+)\s+-\s", item))]
            if values and len(values) == len(items):
                yield shape_name, wire, values


def test_every_value_list_of_the_service_model_is_kept_in_full() -> None:
    # Includes lists the model leaves unclosed inside their paragraph
    # (AttributeDimension.AttributeType), which a cut at the paragraph end loses.
    lists = list(_value_lists())
    assert len(lists) >= 18
    lost = []
    for shape, wire, values in lists:
        doc = " ".join(_attribute_docs(getattr(models, shape))[botocore.xform_name(wire)].split())
        if not doc.endswith(", ".join(f"`{v}`" for v in values) + "."):
            lost.append(f"{shape}.{wire}: ...{doc[-60:]}")
    assert lost == []


def test_every_model_says_what_it_is() -> None:
    # The 242 operation wrappers and ContactCenterActivity have no documentation in the
    # service model; none may fall back to a placeholder.
    placeholders = [
        cls.__name__
        for cls in _model_classes()
        if not _summary(cls) or "No documentation" in (cls.__doc__ or "")
    ]
    assert placeholders == []
    assert _summary(models.ContactCenterActivity).startswith("The settings for a connect activity.")
