"""Compare the outputs of two sets of executed chapters and two folders of derived datasets.

Usage::

    python tools/compare_outputs.py OLD_DIR NEW_DIR [--derived-old D1 --derived-new D2] [--rtol 1e-9]
        [--rename old=new ...]

For each chapter ``NN_*.ipynb`` present in both folders it compares every glued value (by name) and
every displayed table or text output (in order of appearance), numerically where both sides parse as
numbers (relative tolerance ``--rtol``, absolute ``--atol``), textually otherwise. For the derived CSV
files it compares every column by value (after ``--rename``s of columns). It prints each difference
and exits 1 if there is any. Used to prove that a refactoring changes no number.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

NUM = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


def _glued(nb: dict) -> dict[str, str]:
    out = {}
    for cell in nb["cells"]:
        for o in cell.get("outputs", []):
            name = o.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                data = o.get("data", {})
                out[name] = data.get("application/papermill.record/text/plain", json.dumps(data, sort_keys=True))
    return out


def _displayed(nb: dict) -> list[str]:
    out = []
    for cell in nb["cells"]:
        for o in cell.get("outputs", []):
            if o.get("metadata", {}).get("scrapbook"):
                continue
            data = o.get("data", {})
            if "text/html" in data:
                out.append("".join(data["text/html"]))
            elif "text/plain" in data and not any(k.startswith("image/") for k in data):
                out.append("".join(data["text/plain"]))
            elif o.get("output_type") == "stream":
                out.append("".join(o.get("text", "")))
    return out


def _same(a: str, b: str, rtol: float, atol: float) -> bool:
    if a == b:
        return True
    na, nb_ = NUM.findall(a), NUM.findall(b)
    if len(na) != len(nb_) or NUM.sub("#", a) != NUM.sub("#", b):
        return False
    x, y = np.array(na, dtype=float), np.array(nb_, dtype=float)
    return bool(np.allclose(x, y, rtol=rtol, atol=atol, equal_nan=True))


def compare_chapters(old: Path, new: Path, rtol: float, atol: float) -> list[str]:
    diffs = []
    for p in sorted(old.glob("[0-9][0-9]_*.ipynb")):
        q = new / p.name
        if not q.exists():
            diffs.append(f"{p.name}: missing in {new}")
            continue
        a, b = json.loads(p.read_text()), json.loads(q.read_text())
        ga, gb = _glued(a), _glued(b)
        for k in sorted(set(ga) | set(gb)):
            if k not in ga or k not in gb:
                diffs.append(f"{p.name}: glue {k!r} only in {'new' if k in gb else 'old'}")
            elif not _same(ga[k], gb[k], rtol, atol):
                diffs.append(f"{p.name}: glue {k!r}: {ga[k][:80]} -> {gb[k][:80]}")
        da, db = _displayed(a), _displayed(b)
        if len(da) != len(db):
            diffs.append(f"{p.name}: {len(da)} displayed outputs -> {len(db)}")
        for i, (x, y) in enumerate(zip(da, db, strict=False)):
            if not _same(x, y, rtol, atol):
                diffs.append(f"{p.name}: output {i} differs: {x[:100]!r} -> {y[:100]!r}")
    return diffs


def compare_derived(old: Path, new: Path, rtol: float, atol: float, renames: dict[str, str]) -> list[str]:
    diffs = []
    for p in sorted(old.glob("*.csv")):
        q = new / p.name
        if not q.exists():
            diffs.append(f"derived {p.name}: missing in {new}")
            continue
        a = pd.read_csv(p).rename(columns=renames)
        b = pd.read_csv(q)
        if len(a) != len(b):
            diffs.append(f"derived {p.name}: {len(a)} rows -> {len(b)}")
            continue
        gone = [c for c in a.columns if c not in b.columns]
        if gone:
            diffs.append(f"derived {p.name}: columns removed {gone}")
        added = [c for c in b.columns if c not in a.columns]
        if added:
            print(f"note: derived {p.name}: columns added {added} (not compared)")
        for c in [c for c in a.columns if c in b.columns]:
            x, y = a[c], b[c]
            if pd.api.types.is_numeric_dtype(x) and pd.api.types.is_numeric_dtype(y):
                if not np.allclose(x.to_numpy(float), y.to_numpy(float), rtol=rtol, atol=atol, equal_nan=True):
                    k = np.nanargmax(np.abs(x.to_numpy(float) - y.to_numpy(float)))
                    diffs.append(f"derived {p.name}: column {c!r} differs (row {k}: {x.iloc[k]} -> {y.iloc[k]})")
            elif not x.fillna("").astype(str).equals(y.fillna("").astype(str)):
                diffs.append(f"derived {p.name}: column {c!r} differs as text")
    return diffs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--derived-old", type=Path)
    ap.add_argument("--derived-new", type=Path)
    ap.add_argument("--rtol", type=float, default=1e-9)
    ap.add_argument("--atol", type=float, default=1e-12)
    ap.add_argument("--rename", nargs="*", default=[], help="column renames old=new for the derived files")
    a = ap.parse_args()
    diffs = compare_chapters(a.old, a.new, a.rtol, a.atol)
    if a.derived_old and a.derived_new:
        renames = dict(r.split("=", 1) for r in a.rename)
        diffs += compare_derived(a.derived_old, a.derived_new, a.rtol, a.atol, renames)
    for d in diffs:
        print(d)
    print(f"{len(diffs)} difference(s)")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
