"""Execute every chapter twice for real and compare the two executed notebooks byte for byte.

Usage::

    python tools/check_determinism.py [CHAPTER ...] [--keep DIR]

Each chapter is made from its MyST source and executed twice by papermill exactly as
``tools/run_chapter.py`` does for the committed twin, into a temporary folder (never into
``notebooks/``), with a different ``PYTHONHASHSEED`` in each run (1, then 2) and no cache that
could carry a result from one run to the other, so neither make's stamps, nor the cache, nor a
lucky hash order can make the two agree:

- default: every cache off (``GVC_NO_CACHE=1``: no derived frame and no parsed raw file is read
  from or written to disk), so every chapter computes everything it shows from the raw files;
- ``--fresh-cache``: each run gets its own new, empty cache folder (``GVC_CACHE_DIR``), shared by
  the chapters of that run only, as in a cold ``make book`` on a fresh clone (faster: the GVC
  indicators are computed once per run instead of once per chapter).

Any difference is printed (cell, output, first differing line) and the exit status is 1.

This is the check that ``make book`` is bit-stable: same inputs, same bytes.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run_chapter  # the tool that writes the twins

SEEDS = ("1", "2")


def _execute(chapter: str, out: Path, seed: str, cache: Path | None) -> float:
    old = {k: os.environ.get(k) for k in ("PYTHONHASHSEED", "GVC_NO_CACHE", "GVC_CACHE_DIR")}
    env = {"PYTHONHASHSEED": seed} | ({"GVC_CACHE_DIR": str(cache)} if cache else {"GVC_NO_CACHE": "1"})
    os.environ |= env  # inherited by the kernel papermill starts
    if cache:
        os.environ.pop("GVC_NO_CACHE", None)
    t0 = time.perf_counter()
    try:
        run_chapter.execute(run_chapter.source_notebook(chapter), out, {})
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return time.perf_counter() - t0


def differences(a: Path, b: Path, limit: int = 10) -> list[str]:
    """Where two executed notebooks differ: cell index, output index and the first differing lines."""
    na, nb = json.loads(a.read_text()), json.loads(b.read_text())
    out = []
    if na.get("metadata") != nb.get("metadata"):
        out.append(f"notebook metadata: {na.get('metadata')} != {nb.get('metadata')}")
    for i, (ca, cb) in enumerate(zip(na["cells"], nb["cells"], strict=False)):
        if ca == cb:
            continue
        src = "".join(ca.get("source", ""))[:60].replace("\n", " | ")
        oa, ob = ca.get("outputs", []), cb.get("outputs", [])
        for j in range(max(len(oa), len(ob))):
            ja = json.dumps(oa[j], indent=1, sort_keys=True).splitlines() if j < len(oa) else []
            jb = json.dumps(ob[j], indent=1, sort_keys=True).splitlines() if j < len(ob) else []
            if ja != jb:
                diff = [ln for ln in difflib.unified_diff(ja, jb, lineterm="", n=0) if ln[:1] in "+-"][2:8]
                out.append(f"cell {i} ({src}), output {j}:\n    " + "\n    ".join(d[:160] for d in diff))
        if {k: v for k, v in ca.items() if k != "outputs"} != {k: v for k, v in cb.items() if k != "outputs"}:
            out.append(f"cell {i} ({src}): metadata or execution count differ")
        if len(out) >= limit:
            break
    if len(na["cells"]) != len(nb["cells"]):
        out.append(f"cell count {len(na['cells'])} != {len(nb['cells'])}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("chapters", nargs="*", help="chapter stems (default: all)")
    ap.add_argument("--keep", help="write the executed notebooks into this folder (default: a temporary one)")
    ap.add_argument("--fresh-cache", action="store_true",
                    help="one new, empty cache per run instead of GVC_NO_CACHE=1 (see above)")
    args = ap.parse_args(argv)
    chapters = args.chapters or run_chapter.chapters()
    unknown = [c for c in chapters if c not in run_chapter.chapters()]
    if unknown:
        print(f"error: no chapter(s) {unknown}; chapters: {', '.join(run_chapter.chapters())}", file=sys.stderr)
        return 2
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="gvc-determinism-"))
    failed = []
    for chapter in chapters:
        runs = [folder / f"seed{seed}" / f"{chapter}.ipynb" for seed in SEEDS]
        caches = [folder / f"cache{seed}" if args.fresh_cache else None for seed in SEEDS]
        times = [_execute(chapter, path, seed, cache) for path, seed, cache in zip(runs, SEEDS, caches, strict=True)]
        same = runs[0].read_bytes() == runs[1].read_bytes()
        mode = "one fresh cache per run" if args.fresh_cache else "GVC_NO_CACHE=1"
        print(f"[determinism] {chapter}: {'identical' if same else 'DIFFERENT'} "
              f"(runs {times[0]:.0f} s and {times[1]:.0f} s, PYTHONHASHSEED {' vs '.join(SEEDS)}, {mode})",
              flush=True)
        if not same:
            failed.append(chapter)
            for d in differences(*runs):
                print(f"  {d}")
    if failed:
        print(f"error: {len(failed)} chapter(s) not bit-stable: {', '.join(failed)} (notebooks in {folder})",
              file=sys.stderr)
        return 1
    print(f"[determinism] every chapter executed twice gave identical bytes ({folder})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
