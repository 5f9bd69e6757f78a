"""Every chapter is a jupytext pair in sync, executed, with its key numbers tagged for nbval."""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = ["01_facts", "02_theory", "03_measurement", "04_empirics", "05_policy"]
SKIP_TAGS = {"injected-parameters"}


def _cells(nb):
    return [(c.cell_type, c.source.strip()) for c in nb.cells if not SKIP_TAGS & set(c.metadata.get("tags", []))]


def test_chapters_match_the_toc():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    assert [f.split("/")[-1] for f in files if f.startswith("notebooks/")] == CHAPTERS
    assert sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.md")) == CHAPTERS


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_pair_in_sync_and_executed(chapter):
    md = jupytext.read(ROOT / "notebooks" / f"{chapter}.md")
    ipynb = nbformat.read(ROOT / "notebooks" / f"{chapter}.ipynb", as_version=4)
    assert _cells(md) == _cells(ipynb), (
        f"notebooks/{chapter}.ipynb is out of sync with its .md source: run `make chapter NB={chapter}`"
    )
    code = [c for c in ipynb.cells if c.cell_type == "code" and not SKIP_TAGS & set(c.metadata.get("tags", []))]
    assert all(c.execution_count for c in code), f"{chapter}.ipynb has unexecuted cells: run make chapter NB={chapter}"
    assert not any(o.get("output_type") == "error" for c in code for o in c.outputs)
    stderr = [o.get("text", "")[:200] for c in code for o in c.outputs if o.get("name") == "stderr"]
    assert not stderr, f"{chapter}.ipynb shows warnings to the reader: {stderr}"
    tags = [set(c.metadata.get("tags", [])) for c in code]
    assert any("parameters" in t for t in tags), "a chapter needs a cell tagged `parameters`"
    assert any("nbval-check-output" in t for t in tags), "a chapter needs its key numbers tagged nbval-check-output"
    images = ("image/svg+xml", "image/png")  # the book's figures are SVG (helpers.book.plots.set_style)
    assert any(k in o.get("data", {}) for c in code for o in c.outputs for k in images) or chapter == "04_empirics", (
        "a chapter shows at least one figure"
    )
