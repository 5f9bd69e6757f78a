"""Benchmark of a cold start: the measurement chapter with an empty cache, in dense-inverse equivalents.

Run: ``.venv/bin/python benchmarks/bench_cold_chapter.py [--chapter 03_measurement] [--arrays-warm] [--chapter-only]``.

1. **One chapter, cold, in process.** The chapter's code cells (from its MyST source) run in this
   process as a script, with ``GVC_CACHE_DIR`` pointing at a new, empty folder: nothing derived
   and no parsed raw file is cached, so every table is read from its ``.RData`` file and every
   indicator computed (reading included). The time is reported in seconds and in *dense-inverse
   equivalents*: the time of one ``numpy.linalg.inv`` of a random 1435 x 1435 matrix, measured in
   the same process (the fastest of 7 runs before and 7 after the chapter), so the figure is
   comparable across machines and loads. Target (issue 8): at most 120. The process uses the
   build's BLAS thread counts (``tools/run_chapter.py``: one thread, so the chapter runs as in
   ``make book``); the figure is also given against an inverse with the machine's default threads,
   timed in another process (on two quiet cores that inverse is faster, so this figure is higher).
   ``--arrays-warm`` parses the raw files into the (new) cache first and times the chapter with
   only the derived cache empty (the state after a code change: the parsed arrays are keyed on
   the raw files' sha256 and the reader's code, not on the rest of the package).
2. **Every chapter, cold, as the build runs them** (skipped with ``--chapter-only``): each chapter executed by
   papermill (``tools/run_chapter.py``'s executor, into a temporary folder, not into
   ``notebooks/``), one after the other with one new, empty cache shared by the five, as
   ``make chapters`` does on a fresh clone. Target: under a minute together for the chapters
   without a budget of their own (:data:`OWN_BUDGETS`: the empirics chapter, under 3 minutes).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
TARGET = 120
#: chapters with a cold-run budget of their own (seconds): the empirics chapter's bootstraps (issue 10)
OWN_BUDGETS = {"04_empirics": 180}

# the chapters' BLAS thread counts (tools/run_chapter.py BLAS_THREADS), set before anything imports numpy
_BLAS = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
_DEFAULT_ENV = dict(os.environ)
for _key, _value in _BLAS.items():
    os.environ.setdefault(_key, _value)

import run_chapter  # noqa: E402

assert run_chapter.BLAS_THREADS == _BLAS, "keep the benchmark's thread counts those of tools/run_chapter.py"


def default_threads_inverse() -> float:
    """The same inverse timed in a fresh process with the machine's default BLAS threads."""
    import subprocess

    env = _DEFAULT_ENV
    code = f"import sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); import bench_cold_chapter as b; " \
           "print(b.inverse_time())"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def inverse_time(repeat: int = 7) -> float:
    """Fastest of ``repeat`` dense inverses of a random, well-conditioned 1435 x 1435 matrix."""
    import numpy as np

    rng = np.random.default_rng(0)
    m = rng.standard_normal((1435, 1435)) + 1435 * np.eye(1435)
    np.linalg.inv(m)  # warm-up: BLAS threads, first large allocation
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        np.linalg.inv(m)
        times.append(time.perf_counter() - t0)
    return min(times)


def chapter_script(chapter: str) -> str:
    """The code cells of a chapter, as one script."""
    import jupytext

    nb = jupytext.read(ROOT / "notebooks" / f"{chapter}.md")
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "code")


def cold_chapter(chapter: str, arrays_warm: bool) -> None:
    os.environ["GVC_CACHE_DIR"] = tempfile.mkdtemp(prefix="gvc-bench-cache-")
    os.environ.pop("GVC_NO_CACHE", None)
    inv_before = inverse_time()
    if arrays_warm:
        from helpers import WIOD_YEARS, load_longrun_wiot, load_wiot
        from helpers.data.wiot import LONGRUN_YEARS

        for y in WIOD_YEARS:
            load_wiot(y)
        for y in LONGRUN_YEARS:
            load_longrun_wiot(y)
        load_wiot.cache_clear()
    import matplotlib

    matplotlib.use("Agg")
    code = compile(chapter_script(chapter), f"{chapter}.md", "exec")
    cwd = os.getcwd()
    os.chdir(ROOT / "notebooks")
    t0 = time.perf_counter()
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(code, {"__name__": "__main__"})
    finally:
        os.chdir(cwd)
    seconds = time.perf_counter() - t0
    inv = min(inv_before, inverse_time())
    inv_default = default_threads_inverse()
    state = "parsed raw arrays cached, derived cache empty" if arrays_warm else "empty cache, reading included"
    print(f"  {chapter} cold ({state}): {seconds:5.1f} s = {seconds / inv:4.0f} dense-inverse equivalents "
          f"(one inverse in this process, {os.environ['OPENBLAS_NUM_THREADS']} BLAS thread(s) as the build: "
          f"{inv:.3f} s; target <= {TARGET})")
    print(f"    against one inverse with the machine's default BLAS threads ({inv_default:.3f} s, another process): "
          f"{seconds / inv_default:4.0f}")


def all_chapters() -> None:
    import logging

    logging.getLogger("papermill").setLevel(logging.WARNING)  # the in-process chapter may have enabled INFO
    os.environ["GVC_CACHE_DIR"] = tempfile.mkdtemp(prefix="gvc-bench-cache-")
    os.environ.pop("GVC_NO_CACHE", None)
    out = Path(tempfile.mkdtemp(prefix="gvc-bench-chapters-"))
    total = 0.0
    times = {}
    for chapter in run_chapter.chapters():
        t0 = time.perf_counter()
        run_chapter.execute(run_chapter.source_notebook(chapter), out / f"{chapter}.ipynb", {})
        seconds = time.perf_counter() - t0
        times[chapter] = seconds
        total += seconds
        print(f"  {chapter}: {seconds:5.1f} s", flush=True)
    print(f"  all {len(run_chapter.chapters())} chapters cold, one after the other (papermill, one empty cache): "
          f"{total:5.1f} s")
    own = {ch: s for ch, s in OWN_BUDGETS.items() if ch in times}
    rest = total - sum(times[ch] for ch in own)
    print(f"  without {', '.join(own)} (own budgets): {rest:5.1f} s (target < 60 s, issue 8)")
    for ch, budget in own.items():
        print(f"  {ch}: {times[ch]:5.1f} s (its own budget < {budget} s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chapter", default="03_measurement")
    ap.add_argument("--arrays-warm", action="store_true", help="cache the parsed raw arrays first")
    ap.add_argument("--chapter-only", action="store_true", help="skip the run of every chapter with papermill")
    a = ap.parse_args()
    print("cold start (issue 8)")
    cold_chapter(a.chapter, a.arrays_warm)
    if not a.chapter_only:
        all_chapters()


if __name__ == "__main__":
    main()
