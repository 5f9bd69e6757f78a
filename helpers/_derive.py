"""The registry of derived datasets the book publishes (``python -m helpers derive``).

Each entry is (file name, function returning a DataFrame, description).  The
data appendix lists them and links the files; the build copies them into the site.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd

from ._trade import trade_summary_panel


def derived_datasets() -> list[tuple[str, Callable[[], pd.DataFrame], str]]:
    """(file name, builder, description) of every published derived dataset."""
    return [
        (
            "trade_country_year.csv",
            trade_summary_panel,
            "Direct trade accounting from WIOD 2013 by country and year (gross exports, intermediate "
            "and manufacturing exports, foreign input share and supplier concentration of manufacturing).",
        ),
    ]


def write_derived(outdir: Path) -> Iterator[tuple[Path, int]]:
    """Write every derived dataset as CSV into ``outdir``; yield (path, rows) as each is written."""
    outdir.mkdir(parents=True, exist_ok=True)
    for name, build, _ in derived_datasets():
        df = build()
        path = outdir / name
        df.to_csv(path, index=False)
        yield path, len(df)
