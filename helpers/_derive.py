"""The registry of derived datasets the book publishes (``python -m helpers derive``).

Each entry is (file name, function returning a DataFrame, description).  The
data appendix lists them and links the files; the build copies them into the site.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd

from ._gvc_panel import gvc_codebook, gvc_country_industry_year, gvc_country_year
from ._indices import digital_trade_index, index_weights_table
from ._panel import country_year_panel, panel_codebook
from ._resilience import resilience_index
from ._trade import trade_summary_panel


def index_codebook() -> pd.DataFrame:
    """Codebook of ``digital_trade_index.csv`` and ``resilience_index.csv`` (facts file ``index_codebook.csv``)."""
    from ._facts import FACTS

    return pd.read_csv(FACTS / "index_codebook.csv")


def derived_datasets() -> list[tuple[str, Callable[[], pd.DataFrame], str]]:
    """(file name, builder, description) of every published derived dataset."""
    return [
        (
            "trade_country_year.csv",
            trade_summary_panel,
            "Direct trade accounting from WIOD 2013 by country and year (gross exports, intermediate "
            "and manufacturing exports, foreign input share and supplier concentration of manufacturing).",
        ),
        (
            "gvc_country_industry_year.csv",
            gvc_country_industry_year,
            "The project's GVC dataset by country, industry and year (WIOD 2013, 1995-2011): WWYZ participation "
            "and production lengths, GVC position, upstreamness and downstreamness, HIY and Koopman et al. measures.",
        ),
        (
            "gvc_country_year.csv",
            gvc_country_year,
            "The GVC dataset aggregated to country and year, for all industries and for manufacturing (suffix _mfg), "
            "with the country totals of the KWW decomposition of gross exports.",
        ),
        (
            "gvc_codebook.csv",
            gvc_codebook,
            "Codebook of the two GVC datasets: column, definition, unit and the equation it implements.",
        ),
        (
            "panel_country_year.csv",
            country_year_panel,
            "The country-year panel of the 40 WIOD economies, 1995-2024: every indicator of the catalogue, "
            "after the documented missing-data policy.",
        ),
        (
            "panel_codebook.csv",
            panel_codebook,
            "Codebook of the panel: variable, definition, unit, source file and code, direction, years covered, "
            "share missing before and after filling.",
        ),
        (
            "digital_trade_index.csv",
            digital_trade_index,
            "Digital trade development index: the four dimensions, the index (entropy weights) and one column "
            "per weighting method (entropy, equal, PCA, CRITIC), by country and year.",
        ),
        (
            "dti_weights.csv",
            index_weights_table,
            "Weights of every indicator within its dimension, of every dimension, and overall, by method.",
        ),
        (
            "index_codebook.csv",
            index_codebook,
            "Codebook of the digital trade index and resilience index datasets: column, definition, unit.",
        ),
        (
            "resilience_index.csv",
            resilience_index,
            "Manufacturing GVC resilience index: indicators, security, stability, the index by method, and the "
            "shock-based resistance and recovery measures of 2008-2011.",
        ),
    ]


def write_derived(outdir: Path, names: list[str] | None = None) -> Iterator[tuple[Path, int]]:
    """Write the derived datasets (all, or those in ``names``) as CSV into ``outdir``.

    Yields (path, rows) as each is written.
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    registry = derived_datasets()
    unknown = sorted(set(names or ()) - {n for n, _, _ in registry})
    if unknown:
        raise KeyError(f"unknown derived dataset(s) {unknown}; known: {[n for n, _, _ in registry]}")
    for name, build, _ in registry:
        if names is not None and name not in names:
            continue
        df = build()
        path = outdir / name
        df.to_csv(path, index=False, float_format="%.10g")
        yield path, len(df)
