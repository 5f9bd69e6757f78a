"""Benchmark of the GVC engine: median timings and how cost grows with table size.

Run: ``.venv/bin/python benchmarks/bench_gvc.py [--repeat 5] [--skip-panel] [--sizes 500 1435 2500 3500]``.
Targets (issue 3, 2-core machine; decompr 6.8.0 in R: 7.8 s KWW, 25.6 s WWZ):
WWZ one year <= 1.0 s, KWW <= 0.3 s, all indicators for 17 years <= 30 s, peak memory <= 4 GB.
Each timed call starts from a fresh table object (no memoised Leontief system), so it includes
the LU factorisation and inverse.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("GVC_NO_CACHE", "1")

import numpy as np

from helpers import WIOD_YEARS, WIOT, clear_model_cache, gvc_country_industry, kww, load_wiot, wwz


def fresh(t: WIOT) -> WIOT:
    """A copy of a table without memoised results."""
    return WIOT(t.year, t.countries, t.industries, t.Z, t.F, t.x, t.uses, t.source)


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        gc.collect()  # a table and its memoised Leontief system reference each other
    return statistics.median(times)


def synthetic(n: int, N: int = 35, seed: int = 0) -> WIOT:
    """A random balanced table with about ``n`` pairs (G = n // N countries, 35 industries)."""
    rng = np.random.default_rng(seed)
    G = max(n // N, 2)
    n = G * N
    Z = rng.uniform(0, 1, (n, n)) * (rng.uniform(size=(n, n)) < 0.3)
    own = np.kron(np.eye(G), np.ones((N, N)))
    Z = Z * (1 + 20 * own)
    F = rng.uniform(0, 50, (n, G)) * (1 + 20 * np.kron(np.eye(G), np.ones((N, 1))))
    x = Z.sum(axis=1) + F.sum(axis=1)
    x = x * 1.0
    # scale so that column sums of A are ~0.5
    Z = Z * 0.5 * (x / Z.sum(axis=0))[None, :]
    x = Z.sum(axis=1) + F.sum(axis=1)
    return WIOT(0, tuple(f"C{g}" for g in range(G)), tuple(f"i{k}" for k in range(N)), Z, F, x, ("FD",), "synthetic")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--skip-panel", action="store_true")
    ap.add_argument("--sizes", type=int, nargs="*", default=[500, 1435, 2500, 3500])
    a = ap.parse_args()
    t = load_wiot(1995)
    print(f"WIOD 2013, 1995 (n = {t.n}); median of {a.repeat} runs, each from a fresh table")
    kww(fresh(t))  # warm-up: BLAS threads and page faults of the first large allocation
    gc.collect()
    tk = median_time(lambda: kww(fresh(t)), a.repeat)
    tw = median_time(lambda: wwz(fresh(t)), a.repeat)
    print(f"  KWW  : {tk:6.3f} s   (target <= 0.3 s; decompr 7.8 s)")
    print(f"  WWZ  : {tw:6.3f} s   (target <= 1.0 s; decompr 25.6 s)")
    if not a.skip_panel:
        load_wiot.cache_clear()
        t0 = time.perf_counter()
        for y in WIOD_YEARS:
            load_wiot(y)  # reading and checksumming the .RData files: reported separately
        tio = time.perf_counter() - t0
        t0 = time.perf_counter()
        for y in WIOD_YEARS:
            tt = fresh(load_wiot(y))
            gvc_country_industry(tt)
            kww(tt)
            clear_model_cache()
        tp = time.perf_counter() - t0
        print(f"  all indicators (WWYZ, upstreamness, Koopman, HIY, KWW), 17 years: {tp:6.1f} s   (target <= 30 s)")
        print(f"  (reading the 17 WIOD .RData files, not included above: {tio:6.1f} s)")
    print("scaling on synthetic tables (35 industries per country):")
    for n in a.sizes:
        s = synthetic(n)
        r = max(1, a.repeat // 2) if s.n > 2000 else a.repeat
        tk = median_time(lambda s=s: kww(fresh(s)), r)
        tw = median_time(lambda s=s: wwz(fresh(s)), r)
        print(f"  n = {s.n:5d} (G = {s.G:3d}):  KWW {tk:7.3f} s   WWZ {tw:7.3f} s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    print(f"peak memory (max RSS): {peak:.2f} GB   (target <= 4 GB)")


if __name__ == "__main__":
    main()
