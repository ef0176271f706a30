"""The model base class renders HTML without importing `pinpoint_sdk.display` back.

``_model_base`` -> ``display`` -> ``converter`` -> ``_model_base`` was a cycle; the HTML
renderer now lives in ``_html``, which imports only the leaf ``_masking``.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pinpoint_sdk

PACKAGE = Path(pinpoint_sdk.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_imports(path: Path) -> set[str]:
    """Every pinpoint_sdk module ``path`` imports at run time, at module level or inside a
    function; imports under ``if TYPE_CHECKING:`` are for type checkers only."""
    tree = ast.parse(path.read_text())
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # ``from pinpoint_sdk import display`` imports the submodule display.
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {name for name in found if name.startswith("pinpoint_sdk.")}


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: _runtime_imports(path) & modules.keys() for name, path in modules.items()}


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(graph[start])
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(graph.get(name, ()))
    return seen


def test_model_base_imports_nothing_that_imports_it_back() -> None:
    graph = _graph()
    reached = _reachable(graph, "pinpoint_sdk._model_base")

    assert "pinpoint_sdk._model_base" not in reached
    assert "pinpoint_sdk.display" not in reached
    assert "pinpoint_sdk.converter" not in reached
    assert "pinpoint_sdk._html" in reached  # it does render, through the split-out module
    # The check sees the edges it is meant to: display still reads the model base.
    assert "pinpoint_sdk._model_base" in graph["pinpoint_sdk.display"]


def test_model_html_in_a_fresh_interpreter_leaves_display_unimported() -> None:
    code = (
        "import sys\n"
        "import pinpoint_sdk._model_base\n"
        "from pinpoint_sdk.models._channels import GCMChannelRequest\n"
        "html = GCMChannelRequest(api_key='AIza-secret', enabled=True)._repr_html_()\n"
        "assert 'AIza-secret' not in html and '***' in html and 'enabled' in html, html\n"
        "print(sorted(m for m in ('pinpoint_sdk.display', 'pinpoint_sdk.converter')"
        " if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=PACKAGE.parent, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
