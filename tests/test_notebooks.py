"""The analyst walkthrough runs top to bottom, offline, and shows what it promises."""

import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).parent.parent / "notebooks"


def output_text(cell) -> str:
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        data = output.get("data", {})
        parts.append(data.get("text/plain", ""))
        parts.append(data.get("text/html", ""))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def walkthrough():
    # the kernel imports verkosto from this checkout, as the test session does
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(NOTEBOOKS.parent), os.environ.get("PYTHONPATH")]))
    notebook = nbformat.read(NOTEBOOKS / "verkoston_analyysi.ipynb", as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def test_runs_without_errors(walkthrough):
    errors = [o for cell in walkthrough for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []


def _cell_with(walkthrough, code: str):
    return next(cell for cell in walkthrough if code in cell.source)


def test_shows_the_example_and_its_gaps(walkthrough):
    text = "\n".join(output_text(cell) for cell in walkthrough)
    assert "pirkanmaa_2025-2026.xlsx 2025-2026" in text
    findings = output_text(_cell_with(walkthrough, "present.findings_table"))
    for subject in ("Kihniön perhekeskuksen ohjausryhmä", "Juupajoen perhekeskuksen ohjausryhmä",
                    "Perhekeskuksen viestintätyöryhmä"):
        assert subject in findings


def test_compares_the_last_two_seasons(walkthrough):
    summary = output_text(_cell_with(walkthrough, "print(summary(changes))"))
    assert summary.startswith("Muutokset kaudesta 2024-2025 kauteen 2025-2026")
    # The 2025-2026 season closed the parish and the Kela gap of the earlier seasons.
    assert "Korjautui: Kuhmoisten perhekeskuksen ohjausryhmä: ei edustajaa sektorilta Seurakunta" in summary
    assert "Uusi: Kihniön perhekeskuksen ohjausryhmä: ei edustajaa sektorilta Järjestö" in summary
    trends = output_text(_cell_with(walkthrough, "trends(seasons)"))
    assert "2023-2024" in trends and "2025-2026" in trends


def test_map_is_inline_and_offline(walkthrough):
    html = output_text(walkthrough[-1])
    assert html.startswith("\n\n<iframe srcdoc=") or "<iframe srcdoc=" in html
    assert "&lt;script" in html and "<script" not in html.split("srcdoc=", 1)[1]
    # the vis bundle quotes URLs in strings; nothing may load one
    assert not re.search(r"(src|href)\s*=\s*(&quot;|&#x27;|&#39;)?\s*(https?:)?//", html)
