"""Execute one chapter: sync its .ipynb from the .md source, run it with papermill, tidy it.

Usage::

    python tools/run_chapter.py NB [-p NAME VALUE ...]

1. ``jupytext --to ipynb --update notebooks/NB.md`` regenerates the inputs of the
   twin from the MyST source (the .md is the source of truth; outputs are kept);
2. papermill executes ``notebooks/NB.ipynb`` in place (parameters from the tagged
   ``parameters`` cell, overridable with ``-p``);
3. the ``parameters`` and ``injected-parameters`` cells get the ``remove-cell``
   tag so the book does not show them, and volatile papermill metadata is dropped.

It prints which chapter runs and how long it took.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import nbformat
import papermill as pm
import yaml

ROOT = Path(__file__).resolve().parent.parent
NB_DIR = ROOT / "notebooks"


def tidy(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if ("parameters" in tags or "injected-parameters" in tags) and "remove-cell" not in tags:
            cell["metadata"]["tags"] = [*tags, "remove-cell"]
        cell.get("metadata", {}).pop("papermill", None)
        cell.get("metadata", {}).pop("execution", None)
    nb.metadata.pop("papermill", None)
    nbformat.write(nb, path)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("nb", help="chapter stem, e.g. 03_measurement")
    ap.add_argument("-p", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                    help="override a parameter (VALUE is parsed as YAML)")
    args = ap.parse_args()
    src = NB_DIR / f"{args.nb}.md"
    if not src.exists():
        chapters = sorted(p.stem for p in NB_DIR.glob("[0-9][0-9]_*.md"))
        print(f"error: no chapter {args.nb!r} ({src} missing); chapters: {', '.join(chapters)}", file=sys.stderr)
        return 2
    ipynb = src.with_suffix(".ipynb")
    params = {k: yaml.safe_load(v) for k, v in args.p}
    t0 = time.perf_counter()
    print(f"[chapter] {args.nb}: running" + (f" with {params}" if params else ""), flush=True)
    subprocess.run([sys.executable, "-m", "jupytext", "--quiet", "--to", "ipynb", "--update", str(src)], check=True)
    pm.execute_notebook(str(ipynb), str(ipynb), parameters=params, cwd=str(NB_DIR), kernel_name="python3",
                        progress_bar=False, log_output=False, request_save_on_cell_execute=False)
    tidy(ipynb)
    seconds = time.perf_counter() - t0
    print(f"[chapter] {args.nb}: done in {seconds:.1f} s", flush=True)
    stamps = ROOT / ".stamps"
    stamps.mkdir(exist_ok=True)
    with (stamps / "timings.csv").open("a") as fh:
        fh.write(f"{args.nb},{seconds:.2f},{datetime.now(UTC).strftime('%Y-%m-%d %H:%M')}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
