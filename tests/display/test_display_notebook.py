"""The example notebook runs offline, start to finish, and exports to readable HTML."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "examples" / "tour.ipynb"


def test_tour_notebook_executes_offline() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbmake", "-p", "no:cacheprovider", "-q",
         str(NOTEBOOK)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "1 passed" in result.stdout


def test_tour_notebook_is_committed_without_outputs() -> None:
    notebook = json.loads(NOTEBOOK.read_text())
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert code
    assert all(not cell["outputs"] and cell["execution_count"] is None for cell in code)


def test_tour_notebook_shows_display_dataframes_and_a_journey_graph() -> None:
    source = "\n".join(
        "".join(cell["source"]) for cell in json.loads(NOTEBOOK.read_text())["cells"]
    )
    for needle in ("mock_pinpoint", "to_dataframe(kpi)", "to_mermaid()", "AWS_ACCESS_KEY_ID"):
        assert needle in source


def _svg_texts(svg: str) -> list[str]:
    return [el.text or "" for el in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]


def test_exported_tour_draws_its_journeys_without_scripts_or_network(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "nbconvert", "--to", "html", "--execute",
         "--output-dir", str(tmp_path), str(NOTEBOOK)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-4000:]
    page = (tmp_path / "tour.html").read_text()

    # Both journey cells are drawn as inline SVG made in Python: no Mermaid block that a
    # CDN script would have to render, no script or external reference in the drawing.
    svgs = re.findall(r'<svg [^>]*class="pinpoint-journey".*?</svg>', page, flags=re.S)
    assert len(svgs) == 2
    assert 'class="jp-Mermaid' not in page
    for svg in svgs:
        assert "<script" not in svg
        assert "href" not in svg

    welcome, draft = (_svg_texts(svg) for svg in svgs)
    for text in ("welcome", "hello", "email", "check", "conditional_split", "true", "false"):
        assert text in welcome
    # The draft's problems are listed next to its graph, which shows the missing activity
    # and the branch that ends the journey.
    assert "unknown activity 'follow_up'" in page
    assert "unreachable from the start activity" in page
    for text in ("follow_up", "missing", "orphan", "end"):
        assert text in draft

    # Mermaid text printed in the notebook keeps key and kind apart in the export.
    assert "hello (email)" in page
    assert "helloemail" not in page
    assert "&lt;br/&gt;" not in page

    # DataFrames: nested state is a string column, not a CampaignState repr.
    frames = re.findall(r'<table[^>]*class="dataframe".*?</table>', page, flags=re.S)
    (campaigns,) = [frame for frame in frames if "state.campaign_status" in frame]
    assert "<td>COMPLETED</td>" in campaigns  # the tour's campaign ran once, at once
    assert "CampaignState" not in campaigns
