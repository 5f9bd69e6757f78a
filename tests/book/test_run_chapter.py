"""tools/run_chapter.py: default runs into the twin, parameter runs elsewhere, failures leave the twin alone.

Runs a toy chapter (a MyST source with a parameters cell and the validation cell every chapter has)
through the real tool, in a temporary notebooks folder, so each case costs one kernel start.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
from pathlib import Path

import jupytext
import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]

TOY = '''---
jupytext:
  formats: ipynb,md:myst
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3 (ipykernel)
  language: python
  name: python3
---

# Toy

```{code-cell} ipython3
:tags: [parameters, remove-cell]

YEAR = 2011
FOCUS = "CHN"
```

```{code-cell} ipython3
:tags: [remove-cell]

from helpers import check_parameters

check_parameters(YEAR=YEAR, FOCUS=FOCUS)
```

```{code-cell} ipython3
print(YEAR, FOCUS)
```
'''


def _load_tool():
    """A fresh copy of tools/run_chapter.py as a module."""
    spec = importlib.util.spec_from_file_location("run_chapter", ROOT / "tools" / "run_chapter.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture
def tool(tmp_path, monkeypatch):
    """The run_chapter module, pointed at a temporary notebooks folder holding the toy chapter."""
    mod = _load_tool()
    nbdir = tmp_path / "notebooks"
    nbdir.mkdir()
    (nbdir / "99_toy.md").write_text(TOY)
    monkeypatch.setattr(mod, "NB_DIR", nbdir)
    monkeypatch.setattr(mod, "RUNS", tmp_path / "runs")
    monkeypatch.setattr(mod, "STAMPS", tmp_path / "stamps")
    return mod


def _printed(nb) -> str:
    return "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stdout")


@pytest.mark.slow
def test_default_run_writes_a_twin_equal_to_its_source(tool):
    twin = tool.NB_DIR / "99_toy.ipynb"
    assert tool.main(["99_toy"]) == 0
    nb = nbformat.read(twin, as_version=4)
    md = jupytext.read(tool.NB_DIR / "99_toy.md")
    assert [(c.cell_type, c.source, c.metadata.get("tags")) for c in nb.cells] == [
        (c.cell_type, c.source, c.metadata.get("tags")) for c in md.cells]
    assert _printed(nb) == "2011 CHN\n"
    assert "papermill" not in nb.metadata
    assert not any({"papermill", "execution"} & set(c.metadata) for c in nb.cells)
    first = twin.read_bytes()
    assert tool.main(["99_toy"]) == 0
    assert twin.read_bytes() == first, "the same source gave a different twin"


@pytest.mark.slow
def test_parameter_run_goes_elsewhere_and_leaves_the_twin(tool):
    twin = tool.NB_DIR / "99_toy.ipynb"
    twin.write_bytes(before := b"the committed twin")
    assert tool.main(["99_toy", "-p", "FOCUS", "DEU", "--no-html"]) == 0
    assert twin.read_bytes() == before
    run = nbformat.read(tool.RUNS / "99_toy-FOCUS-DEU.ipynb", as_version=4)
    assert _printed(run) == "2011 DEU\n"
    injected = [c for c in run.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and "remove-cell" in injected[0].metadata["tags"]
    assert sorted(p.name for p in tool.NB_DIR.iterdir()) == ["99_toy.ipynb", "99_toy.md"]


def test_unknown_parameter_fails_listing_the_valid_ones(tool, capsys):
    assert tool.main(["99_toy", "-p", "YEARS", "[1990]"]) == 2
    err = capsys.readouterr().err
    assert "has no parameter(s) YEARS" in err and "YEAR, FOCUS" in err
    assert not (tool.NB_DIR / "99_toy.ipynb").exists() and not tool.RUNS.exists()


@pytest.mark.slow
@pytest.mark.parametrize("name, value, message", [
    ("FOCUS", "XXX", "FOCUS='XXX': choose one of"),
    ("YEAR", "1990", "YEAR=1990: [1990] outside the valid years 1995-2011"),
])
def test_bad_value_fails_in_the_validation_cell_and_leaves_the_twin(tool, capsys, name, value, message):
    twin = tool.NB_DIR / "99_toy.ipynb"
    twin.write_bytes(before := b"the committed twin")
    assert tool.main(["99_toy", "-p", name, value, "--no-html"]) == 1
    err = capsys.readouterr().err
    assert "ValueError" in err and message in err
    assert twin.read_bytes() == before
    assert (tool.RUNS / f"99_toy-{name}-{value}-failed.ipynb").is_file()


@pytest.mark.slow
def test_failed_default_run_leaves_the_committed_twin(tool):
    twin = tool.NB_DIR / "99_toy.ipynb"
    twin.write_bytes(before := b"the committed twin")
    src = tool.NB_DIR / "99_toy.md"
    src.write_text(src.read_text().replace("print(YEAR, FOCUS)", "raise RuntimeError('boom')"))
    assert tool.main(["99_toy"]) == 1
    assert twin.read_bytes() == before
    assert (tool.RUNS / "99_toy-failed.ipynb").is_file()
    assert sorted(p.name for p in tool.NB_DIR.iterdir()) == ["99_toy.ipynb", "99_toy.md"], "litter in notebooks/"


def test_make_help_example_uses_a_parameter_of_its_chapter():
    out = subprocess.run(["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True).stdout
    m = re.search(r"NB=(\w+) \(chapter\), PARAMS='-p (\w+) ", out)
    assert m, out
    spec = importlib.util.spec_from_file_location("run_chapter", ROOT / "tools" / "run_chapter.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert m.group(2) in mod.parameter_names(mod.source_notebook(m.group(1)))


@pytest.mark.slow
def test_parameter_run_has_its_own_html_page(tool):
    assert tool.main(["99_toy", "-p", "FOCUS", "DEU"]) == 0
    page = tool.RUNS / "99_toy-FOCUS-DEU-book" / "_build" / "html" / "99_toy-FOCUS-DEU.html"
    assert page.is_file(), "the parameter run's page was not built"
    assert "2011 DEU" in page.read_text()


def _assigned_names(source: str) -> list[str]:
    """Every name bound at the top level of a cell, tuple targets included (read by ``ast``)."""
    import ast

    names = []
    for node in ast.parse(source).body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
            if isinstance(node, ast.AnnAssign) else []
        for t in targets:
            names += [n.id for n in ast.walk(t) if isinstance(n, ast.Name)]
    return names


@pytest.mark.parametrize("chapter", sorted(p.stem for p in (ROOT / "notebooks").glob("0*.md")))
def test_every_parameter_of_a_chapter_can_be_set_from_the_command_line(chapter):
    """papermill sees only one name per assignment line: ``A, B = 1, 2`` would hide both from ``-p``."""
    mod = _load_tool()
    nb = mod.source_notebook(chapter)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert sorted(mod.parameter_names(nb)) == sorted(_assigned_names(cell.source)), (
        f"notebooks/{chapter}.md: assign each parameter on its own line so that `make chapter PARAMS='-p NAME ..'` "
        "can set it")
