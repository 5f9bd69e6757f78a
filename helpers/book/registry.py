"""The registry of derived datasets the book publishes (``python -m helpers derive``).

Each entry is (file name, function returning a DataFrame, description).  The
data appendix lists them and links the files; the build copies them into the site.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pandas as pd

from ..data.facts import read_fact
from ..data.manifest import REPO_ROOT
from ..data.panel import country_year_panel, panel_codebook
from ..gvc.datasets import gvc_codebook, gvc_country_industry_year, gvc_country_year
from ..gvc.trade import trade_summary_panel
from ..indices.dti import digital_trade_index, index_weights_table
from ..indices.resilience import resilience_index
from ..indices.variants import index_variants, resilience_validation_table

DERIVED_DIR = REPO_ROOT / "data" / "derived"
"""Default folder of the derived datasets (git-ignored; published with the book)."""

FLOAT_FORMAT = "%.10g"
"""The one float format of every published CSV (10 significant digits)."""


def index_codebook() -> pd.DataFrame:
    """Return the codebook of the index datasets (facts file ``index_codebook.csv``).

    It documents ``digital_trade_index.csv``, ``resilience_index.csv``, ``index_variants.csv`` and
    ``resilience_validation.csv``, column by column.

    Returns
    -------
    pandas.DataFrame
        Columns ``dataset, column, definition, unit`` (facts file ``index_codebook.csv``).
    """
    return read_fact("index_codebook.csv")


def derived_datasets() -> list[tuple[str, Callable[[], pd.DataFrame], str]]:
    """The registry: (file name, builder, description) of every published derived dataset.

    Returns
    -------
    list of (str, callable, str)
        In the order the data appendix lists them.
    """
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
            "Digital trade development index, headline variant: the four dimensions, the index (entropy weights) "
            "and one column per weighting method (entropy, equal, PCA, CRITIC), by country and year; scaled on "
            "1995-2011 (later years may exceed 1).",
        ),
        (
            "dti_weights.csv",
            index_weights_table,
            "Weights of every indicator of the headline index within its dimension, of every dimension, and "
            "overall, by method (estimated on 1995-2011).",
        ),
        (
            "index_codebook.csv",
            index_codebook,
            "Codebook of the index datasets (digital trade index, resilience index, their variants, the "
            "resilience validation): column, definition, unit.",
        ),
        (
            "resilience_index.csv",
            resilience_index,
            "Manufacturing GVC resilience index (vulnerability design): indicators, security, stability, the index "
            "by method, and the shock-based resistance and recovery measures of 2008-2011.",
        ),
        (
            "index_variants.csv",
            index_variants,
            "Both indices under every variant side by side: the digital trade index headline, without FDI and "
            "tariffs, with every indicator, and its first version; the resilience index and its first "
            "(exposure-inclusive) version.",
        ),
        (
            "resilience_validation.csv",
            resilience_validation_table,
            "Validation of the resilience index, its dimensions and indicators (both designs) against Martin "
            "(2012) resistance and recovery in the 2009 and 2020 shocks.",
        ),
    ]


def write_frame(df: pd.DataFrame, path: str | Path) -> Path:
    """Write one derived dataset as CSV in the book's one format (no index, :data:`FLOAT_FORMAT`).

    Parameters
    ----------
    df : pandas.DataFrame
        The dataset.
    path : str or pathlib.Path
        Target file.

    Returns
    -------
    pathlib.Path
        ``path`` (its folder is created if need be).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(path, index=False, float_format=FLOAT_FORMAT)
    return path


def write_derived(outdir: str | Path = DERIVED_DIR, names: Iterable[str] | None = None) -> Iterator[tuple[Path, int]]:
    """Write the derived datasets of the registry (all, or those in ``names``) as CSV into ``outdir``.

    Parameters
    ----------
    outdir : str or pathlib.Path
        Target folder (default ``data/derived``).
    names : iterable of str, optional
        File names of the registry to write (default: all).

    Yields
    ------
    (pathlib.Path, int)
        Path and number of rows of each file, as it is written.

    Raises
    ------
    ValueError
        If a name is not in the registry; the message lists the registry.
    """
    outdir = Path(outdir)
    registry = derived_datasets()
    known = [n for n, _, _ in registry]
    names = None if names is None else list(names)
    unknown = sorted(set(names or ()) - set(known))
    if unknown:
        raise ValueError(f"names: unknown derived dataset(s) {unknown}; the registry holds {known}")
    for name, build, _ in registry:
        if names is not None and name not in names:
            continue
        df = build()
        yield write_frame(df, outdir / name), len(df)


def write_gvc_datasets(outdir: str | Path | None = None, years: Iterable[int] | None = None) -> dict[str, Path]:
    """Write ``gvc_country_industry_year.csv``, ``gvc_country_year.csv`` and ``gvc_codebook.csv``.

    Parameters
    ----------
    outdir : path, optional
        Target folder (default ``<repo>/data/derived``, gitignored).
    years : iterable of int, optional
        WIOD years (default 1995-2011; the registry's files always hold every year).

    Returns
    -------
    dict of str to Path
        Keys ``country_industry_year``, ``country_year``, ``codebook``.
    """
    out = Path(outdir) if outdir is not None else DERIVED_DIR
    return {
        "country_industry_year": write_frame(gvc_country_industry_year(years), out / "gvc_country_industry_year.csv"),
        "country_year": write_frame(gvc_country_year(years), out / "gvc_country_year.csv"),
        "codebook": write_frame(gvc_codebook(), out / "gvc_codebook.csv"),
    }


def write_index_datasets(outdir: str | Path = DERIVED_DIR) -> dict[str, str]:
    """Write the derived datasets of the measurement chapter's indices as CSV.

    Files: ``digital_trade_index.csv``, ``resilience_index.csv``, ``index_variants.csv``,
    ``panel_country_year.csv``, ``panel_codebook.csv`` and ``dti_weights.csv`` (entries of
    :func:`derived_datasets`).

    Parameters
    ----------
    outdir : str or pathlib.Path
        Target folder (default ``data/derived``).

    Returns
    -------
    dict of str to str
        File name -> path written.
    """
    names = ["digital_trade_index.csv", "resilience_index.csv", "index_variants.csv", "panel_country_year.csv",
             "panel_codebook.csv", "dti_weights.csv"]
    return {p.name: str(p) for p, _ in write_derived(outdir, names)}
