"""Execute a chapter fragment inside a scratch copy of its chapter, and check its glue and figure references.

Usage::

    python tools/run_fragment.py [notebooks/_fragments/04_designs.md] [--chapter 04_empirics] [--full]
                                 [--out /tmp/scratch.ipynb]

A fragment (MyST markdown cells, no header) is written for a chapter that will absorb it.  ``make chapter``
cannot run it, so this tool

1. builds a scratch notebook: the chapter's header and its code up to the first level-2 heading (parameters
   and set-up; ``--full``: the whole chapter), then the fragment;
2. executes it with papermill in a temporary folder (nothing in ``notebooks/`` is written);
3. checks that every ``{glue:text}`` / ``{glue}`` name in the fragment's prose is glued by some cell, that
   every ``{numref}`` target is a figure name in a cell's ``mystnb`` options or a table named in a
   ``display_table(name="tab-...")`` call, and that every cited key is in ``book/references.bib``;
4. prints the time of the fragment's cells (papermill's per-cell durations) and of the whole run.

Exit status 1 if a check fails (papermill raises on a cell error).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

import jupytext
import nbformat
import papermill as pm

ROOT = Path(__file__).resolve().parent.parent
MARK = "fragment"


def scratch_notebook(fragment: Path, chapter: Path, full: bool) -> nbformat.NotebookNode:
    """The chapter (or its set-up part) followed by the fragment's cells, tagged ``fragment``."""
    text = chapter.read_text()
    if not full:
        body = text.split("\n---\n", 1)[1] if text.startswith("---") else text
        head_len = len(text) - len(body)
        cut = re.search(r"^## ", body, flags=re.M)
        text = text[: head_len + (cut.start() if cut else len(body))]
    nb = jupytext.reads(text, fmt="md:myst")
    frag = jupytext.reads(fragment.read_text(), fmt="md:myst")
    for cell in frag.cells:
        cell.metadata.setdefault("tags", []).append(MARK)
    nb.cells.extend(frag.cells)
    return nb


def check_references(fragment_text: str, nb: nbformat.NotebookNode) -> list[str]:
    """Problems: glue names used but never glued, numref targets without a figure, unknown citations."""
    glued = set()
    figures = set(re.findall(r'name="(tab-[a-z0-9-]+)"', fragment_text))  # tables named in display_table calls
    for cell in nb.cells:
        fig = cell.metadata.get("mystnb", {}).get("figure", {})
        if "name" in fig:
            figures.add(fig["name"])
        for out in cell.get("outputs", []):
            name = out.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                glued.add(name)
    problems = []
    for name in sorted(set(re.findall(r"\{glue(?::text)?\}`([^`:]+)", fragment_text)) - glued):
        problems.append(f"glue name {name!r} is used in the prose but never glued")
    for name in sorted(set(re.findall(r"\{numref\}`([^`]+)`", fragment_text)) - figures):
        problems.append(f"numref target {name!r} is not the name of a figure or a table")
    bib = (ROOT / "book" / "references.bib").read_text()
    keys = set(re.findall(r"^@\w+\{([^,]+),", bib, flags=re.M))
    cited = {k.strip() for group in re.findall(r"\{cite(?::[tp])?\}`([^`]+)`", fragment_text) for k in group.split(",")}
    for key in sorted(cited - keys):
        problems.append(f"citation {key!r} is not in book/references.bib")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("fragment", nargs="?", default="notebooks/_fragments/04_designs.md")
    ap.add_argument("--chapter", default="04_empirics", help="stem of the chapter that absorbs the fragment")
    ap.add_argument("--full", action="store_true", help="run the whole chapter before the fragment")
    ap.add_argument("--out", help="also write the executed scratch notebook here (outside notebooks/)")
    args = ap.parse_args()
    fragment = (ROOT / args.fragment).resolve()
    chapter = ROOT / "notebooks" / f"{args.chapter}.md"
    for p in (fragment, chapter):
        if not p.is_file():
            print(f"error: {p} not found", file=sys.stderr)
            return 2
    nb = scratch_notebook(fragment, chapter, args.full)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "scratch.ipynb", Path(tmp) / "scratch-out.ipynb"
        nbformat.write(nb, src)
        pm.execute_notebook(str(src), str(dst), cwd=str(ROOT / "notebooks"), kernel_name="python3",
                            progress_bar=False, log_output=False)
        out = nbformat.read(dst, as_version=4)
        if args.out:
            nbformat.write(out, args.out)
    total = time.perf_counter() - t0
    frag_time = sum(c.metadata.get("papermill", {}).get("duration") or 0.0
                    for c in out.cells if MARK in c.metadata.get("tags", []))
    problems = check_references(fragment.read_text(), out)
    for p in problems:
        print(f"[fragment] {p}", file=sys.stderr)
    print(f"[fragment] {fragment.name}: fragment cells {frag_time:.1f} s, whole scratch run {total:.1f} s, "
          f"{len(problems)} reference problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
