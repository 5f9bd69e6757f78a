"""Execute one chapter with papermill: the default run into its committed twin, a parameter run elsewhere.

Usage::

    python tools/run_chapter.py NB                      # default run -> notebooks/NB.ipynb
    python tools/run_chapter.py NB -p NAME VALUE ...    # parameter run -> _build/runs/NB-NAME-VALUE.ipynb (+ .html)

Default run (what ``make book`` publishes):

1. the notebook is made from the MyST source ``notebooks/NB.md`` (the source of truth: inputs,
   tags and metadata exactly as there, cell ids derived from the cell contents so the same source
   gives the same file);
2. papermill executes it into a temporary file under ``_build/runs/``;
   (its kernel with one BLAS thread, :data:`BLAS_THREADS`);
3. volatile metadata (papermill's and nbclient's timings, paths) is dropped;
4. only if every cell succeeded is the result moved onto ``notebooks/NB.ipynb``: a failed run
   leaves the committed twin untouched and keeps the failed notebook in ``_build/runs/`` for reading.

Parameter run (``-p``): every NAME must be a variable of the chapter's ``parameters`` cell (else the
run stops, listing them); the executed notebook and its HTML page go to ``_build/runs/`` and never
into ``notebooks/`` or the published book. The chapter checks the values themselves (its cell after
the parameters calls ``helpers.check_parameters``); a bad value stops the run with that message.

It prints which chapter runs, how long it took and where the result is. Exit status: 0 on
success, 1 when the chapter fails, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import jupytext
import nbformat
import papermill as pm
import yaml
from papermill.exceptions import PapermillExecutionError
from papermill.inspection import _infer_parameters

ROOT = Path(__file__).resolve().parent.parent
NB_DIR = ROOT / "notebooks"
RUNS = ROOT / "_build" / "runs"
STAMPS = ROOT / ".stamps"
VOLATILE_CELL_METADATA = ("papermill", "execution")
VOLATILE_NB_METADATA = ("papermill",)


def _show(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def chapters() -> list[str]:
    """Stems of the chapters (``notebooks/NN_*.md``)."""
    return sorted(p.stem for p in NB_DIR.glob("[0-9][0-9]_*.md"))


def source_notebook(chapter: str) -> nbformat.NotebookNode:
    """The chapter's notebook as its MyST source defines it, with content-derived cell ids."""
    nb = jupytext.read(NB_DIR / f"{chapter}.md")
    nb = nbformat.reads(jupytext.writes(nb, fmt="ipynb"), as_version=4)  # the metadata an .ipynb keeps
    seen: dict[str, int] = {}
    for cell in nb.cells:
        digest = hashlib.sha256(f"{cell.cell_type}\0{cell.source}".encode()).hexdigest()[:8]
        seen[digest] = seen.get(digest, 0) + 1
        cell["id"] = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
    return nb


def parameter_names(nb: nbformat.NotebookNode) -> list[str]:
    """Names set in the cell tagged ``parameters`` (as papermill reads them)."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))  # a copy: papermill wants tags on every cell
    for cell in nb.cells:
        cell.metadata.setdefault("tags", [])
    return [p.name for p in _infer_parameters(nb, name="python3", language="python")]


def tidy(nb: nbformat.NotebookNode, *, hide_injected: bool) -> nbformat.NotebookNode:
    """Drop volatile metadata; hide papermill's injected-parameters cell in a parameter run's page."""
    for cell in nb.cells:
        md = cell.setdefault("metadata", {})
        for key in VOLATILE_CELL_METADATA:
            md.pop(key, None)
        tags = md.get("tags", [])
        if not tags:  # papermill adds empty tags to every cell; the source has none
            md.pop("tags", None)
        if hide_injected and "injected-parameters" in tags and "remove-cell" not in tags:
            md["tags"] = [*tags, "remove-cell"]
    for key in VOLATILE_NB_METADATA:
        nb.metadata.pop(key, None)
    return nb


def run_slug(params: dict) -> str:
    """A file-name-safe name of a parameter set: ``FOCUS-DEU``, ``YEARS-2000-2005``."""
    parts = []
    for k, v in sorted(params.items()):
        text = re.sub(r"[^A-Za-z0-9.]+", "-", json.dumps(v, sort_keys=True)).strip("-")
        parts.append(f"{k}-{text}")
    slug = "_".join(parts)
    if len(slug) > 80:
        slug = slug[:60] + "-" + hashlib.sha256(slug.encode()).hexdigest()[:12]
    return slug


BLAS_THREADS = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
"""Thread counts of the linear algebra in the chapters' kernels (unless set in the environment).

One thread: the executed twins then do not depend on how many cores a machine has (a multi-threaded
BLAS sums in an order that depends on its thread count), and on a busy machine the kernels do
not lose time to BLAS threads waiting for cores (measured on the 2-core build machine under load:
the measurement chapter 13 s with one thread, 30 s with two).
"""


def failed_path(out: Path) -> Path:
    """Where a failed run of ``out`` is kept for reading: ``_build/runs/<stem>-failed.ipynb``, never ``notebooks/``."""
    return RUNS / f"{out.stem}-failed.ipynb"


def execute(nb: nbformat.NotebookNode, out: Path, params: dict) -> nbformat.NotebookNode:
    """Execute ``nb`` with papermill into ``out`` (atomically); raise on a failed cell."""
    for key, value in BLAS_THREADS.items():  # inherited by the kernel papermill starts
        os.environ.setdefault(key, value)
    out.parent.mkdir(parents=True, exist_ok=True)
    failed_path(out).unlink(missing_ok=True)
    RUNS.mkdir(parents=True, exist_ok=True)  # temporary files there (same file system: the move is atomic)
    tmp_in = RUNS / f".{out.stem}.{os.getpid()}.in.ipynb"
    tmp_out = RUNS / f".{out.stem}.{os.getpid()}.out.ipynb"
    nbformat.write(nb, tmp_in)
    try:
        pm.execute_notebook(str(tmp_in), str(tmp_out), parameters=params or None, cwd=str(NB_DIR),
                            kernel_name="python3", progress_bar=False, log_output=False,
                            request_save_on_cell_execute=False)
        done = tidy(nbformat.read(tmp_out, as_version=4), hide_injected=bool(params))
        nbformat.write(done, tmp_out)
        os.replace(tmp_out, out)
        return done
    finally:
        tmp_in.unlink(missing_ok=True)
        if tmp_out.exists():  # a failed run: keep it to read, never over the twin
            os.replace(tmp_out, failed_path(out))


def _absolute_paths(obj):
    """The book's configuration with every path to an existing file or folder of the repository made absolute."""
    if isinstance(obj, dict):
        return {k: _absolute_paths(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_absolute_paths(v) for v in obj]
    if isinstance(obj, str) and obj and not obj.startswith(("/", "http")) and "*" not in obj and (ROOT / obj).exists():
        return str(ROOT / obj)
    return obj


def render_html(ipynb: Path) -> Path:
    """An HTML page of a parameter run, built by jupyter-book from a one-page book in ``_build/runs``."""
    src = ipynb.parent / f"{ipynb.stem}-book"
    src.mkdir(exist_ok=True)
    (src / ipynb.name).write_bytes(ipynb.read_bytes())
    config = _absolute_paths(yaml.safe_load((ROOT / "_config.yml").read_text()))
    config["title"] = f"{config['title']} (parameter run {ipynb.stem})"
    config["exclude_patterns"] = ["_build/*"]
    config["only_build_toc_files"] = True
    (src / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    (src / "_toc.yml").write_text(yaml.safe_dump({"format": "jb-book", "root": ipynb.stem}))
    jb = Path(sys.executable).with_name("jupyter-book")
    proc = subprocess.run([str(jb), "build", str(src), "--quiet"], capture_output=True, text=True)
    page = src / "_build" / "html" / f"{ipynb.stem}.html"
    if proc.returncode != 0 or not page.is_file():
        print(f"[chapter] warning: the HTML page of {ipynb.name} was not built:\n{proc.stderr[-2000:]}",
              file=sys.stderr)
    return page


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("nb", help="chapter stem, e.g. 03_measurement")
    ap.add_argument("-p", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                    help="override a parameter (VALUE is parsed as YAML); the run goes to _build/runs/")
    ap.add_argument("--no-html", action="store_true", help="parameter run: skip the HTML page")
    args = ap.parse_args(argv)
    if args.nb not in chapters():
        print(f"error: no chapter {args.nb!r} (notebooks/{args.nb}.md missing); chapters: {', '.join(chapters())}",
              file=sys.stderr)
        return 2
    nb = source_notebook(args.nb)
    params = {k: yaml.safe_load(v) for k, v in args.p}
    valid = parameter_names(nb)
    unknown = [k for k in params if k not in valid]
    if unknown:
        print(f"error: {args.nb} has no parameter(s) {', '.join(unknown)}; its parameters are: {', '.join(valid)} "
              f"(see the cell tagged `parameters` in notebooks/{args.nb}.md)", file=sys.stderr)
        return 2
    out = RUNS / f"{args.nb}-{run_slug(params)}.ipynb" if params else NB_DIR / f"{args.nb}.ipynb"
    t0 = time.perf_counter()
    print(f"[chapter] {args.nb}: running" + (f" with {params} (a parameter run: not published)" if params else ""),
          flush=True)
    try:
        execute(nb, out, params)
    except PapermillExecutionError as err:
        failed = failed_path(out)
        print(f"error: {args.nb} failed in cell {err.exec_count}: {err.ename}: {err.evalue}\n"
              f"  the executed notebook up to the error is {_show(failed)}; "
              f"{'' if params else f'{_show(out)} is unchanged'}", file=sys.stderr)
        return 1
    seconds = time.perf_counter() - t0
    print(f"[chapter] {args.nb}: done in {seconds:.1f} s -> {_show(out)}", flush=True)
    if params:
        page = None if args.no_html else render_html(out)
        if page is not None and page.is_file():
            print(f"[chapter] page of the parameter run: {page}")
        return 0
    STAMPS.mkdir(exist_ok=True)
    with (STAMPS / "timings.csv").open("a") as fh:
        fh.write(f"{args.nb},{seconds:.2f},{datetime.now(UTC).strftime('%Y-%m-%d %H:%M')}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
