"""The command line of the book: ``python -m helpers verify | derive [--out DIR] | pages``.

- ``verify``: resolve every raw file of ``data/sources.toml`` (env var, shared folder,
  cache, pinned download) and check its sha256; prints per source how many files were verified
  and where each group came from, then one report of every missing or corrupt file (expected and
  found size and sha256) and exits 1 if there is any.
- ``derive``: build the derived datasets the book publishes into ``data/derived/``.
- ``pages``: write the generated appendix tables into ``book/_generated/``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..data.manifest import DataError, check_all, problems_report, sources
from .pages import write_pages
from .registry import DERIVED_DIR, write_derived


def main(argv: list[str] | None = None) -> int:
    """Run one command of the book's command line.

    Parameters
    ----------
    argv : list of str, optional
        Arguments (default ``sys.argv[1:]``).

    Returns
    -------
    int
        Exit status: 0 on success, 1 on a data error, 2 on a usage error.
    """
    ap = argparse.ArgumentParser(prog="python -m helpers", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    v = sub.add_parser("verify", help="find and checksum every raw file")
    v.add_argument("sources", nargs="*", help="source ids (default: all)")
    d = sub.add_parser("derive", help="write the derived datasets")
    d.add_argument("--out", default=str(DERIVED_DIR))
    sub.add_parser("pages", help="write the generated appendix tables into book/_generated/")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    try:
        if args.cmd == "verify":
            unknown = [s for s in args.sources if s not in sources()]
            if unknown:
                print(f"error: unknown source(s) {unknown}; known: {', '.join(sources())}", file=sys.stderr)
                return 2
            table = check_all(args.sources or None)
            for sid, grp in table.groupby("source", sort=False):
                ok = grp[grp["status"] == "ok"]
                where = "; ".join(f"{len(g)} from the {loc} {folder}"
                                  for (loc, folder), g in ok.groupby(["location", "folder"], sort=False))
                bad = len(grp) - len(ok)
                print(f"[data] {sid}: {len(ok)} of {len(grp)} file(s) verified" + (f": {where}" if where else "")
                      + (f"; {bad} missing or corrupt" if bad else ""))
            report = problems_report(table)
            if report:
                print(f"error: {report}", file=sys.stderr)
                return 1
            print(f"[data] {len(table)} raw files verified (sha256) in {time.perf_counter() - t0:.1f} s")
        elif args.cmd == "pages":
            for path in write_pages():
                print(f"[pages] {path}")
        else:
            for path, rows in write_derived(Path(args.out)):
                print(f"[derive] {path} ({rows} rows)", flush=True)
            print(f"[derive] done in {time.perf_counter() - t0:.1f} s")
    except DataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0
