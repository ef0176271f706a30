"""The documentation site covers every public module and every model group."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def _nav_files() -> set[str]:
    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml names Python callables with !!python/name tags; they do not matter here.
    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_Loader)
    files: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, str):
            files.add(node)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    walk(config["nav"])
    return files


def _documented_modules() -> set[str]:
    found: set[str] = set()
    for page in DOCS.rglob("*.md"):
        found.update(re.findall(r"^::: ([\w.]+)", page.read_text(), flags=re.MULTILINE))
    return found


def test_every_model_group_has_its_own_reference_page() -> None:
    groups = {p.stem for p in (ROOT / "pinpoint_sdk" / "models").glob("_*.py")}
    groups.discard("__init__")
    assert groups, "no model groups found"
    documented = _documented_modules()
    assert {f"pinpoint_sdk.models.{g}" for g in groups} <= documented
    assert {f"reference/models/{g.lstrip('_')}.md" for g in groups} <= _nav_files()


def test_every_public_module_is_in_the_reference() -> None:
    package = ROOT / "pinpoint_sdk"
    public = {
        f"pinpoint_sdk.{p.stem if p.is_file() else p.name}"
        for p in package.iterdir()
        if not p.name.startswith("_")
        and (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists()))
    }
    public.discard("pinpoint_sdk.models")  # documented per group
    assert public <= _documented_modules()


def test_every_nav_entry_exists_and_every_page_is_in_the_nav() -> None:
    nav = _nav_files()
    pages = {str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md")}
    assert nav == pages
