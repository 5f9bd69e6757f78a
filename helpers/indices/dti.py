"""The digital trade development index (DTI) of the WIOD economies.

Four dimensions (paper): digital innovation, digital trade capacity, infrastructure environment and
trade potential, with the indicators of the catalogue (``helpers/data/facts/indicators.csv``,
``in_dti``), combined by the machinery of :mod:`helpers.indices.composite`.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
from scipy import stats

from ..data.checks import check_choice
from ..data.facts import DIMENSIONS
from ..data.indicators import indicator_catalogue
from ..data.panel import country_year_panel, resolve_countries
from .composite import METHODS, composite_index

DTI_YEARS = tuple(range(1995, 2023))
"""Default DTI years: 1995 to 2022, the last year every indicator reaches under the fill policy."""


def dti_structure() -> dict[str, list[str]]:
    """Indicators of each DTI dimension, from the catalogue (``in_dti``)."""
    cat = indicator_catalogue(dti_only=True)
    return {d: cat.loc[cat["dimension"] == d, "variable"].tolist() for d in DIMENSIONS}


def _dti_inputs(years, include_taiwan, countries):
    panel = country_year_panel(years=years)
    if countries is not None:
        panel = panel[panel["iso3"].isin(resolve_countries(countries))]
    if not include_taiwan:
        panel = panel[panel["iso3"] != "TWN"]
    cat = indicator_catalogue(dti_only=True).set_index("variable")
    return panel.reset_index(drop=True), cat["direction"].to_dict()


DTI_CLIP = (0.01, 0.99)


def _dti_all(years, include_taiwan, countries, clip):
    panel, dirs = _dti_inputs(tuple(years), include_taiwan, countries)
    struct = dti_structure()
    return panel, {m: composite_index(panel, struct, dirs, m, clip=clip) for m in METHODS}


def digital_trade_index(years=DTI_YEARS, method: str = "entropy", *, include_taiwan: bool = True, countries=None,
                        clip=DTI_CLIP) -> pd.DataFrame:
    """The digital trade development index (DTI) of the WIOD economies.

    Four dimensions (paper): digital innovation, digital trade capacity, infrastructure
    environment and trade potential; indicators from ``helpers/facts/indicators.csv`` (``in_dti``).
    Pooled, direction-aware min-max normalisation over all countries and ``years`` (winsorised at
    ``clip`` quantiles), two-stage weighting (module docstring).

    Parameters
    ----------
    years : iterable of int
        Years pooled for the normalisation and the weights (default 1995-2022).
    method : {"entropy", "equal", "pca", "critic"}
        Method of the headline columns (dimensions and ``dti``).
    include_taiwan : bool
        Keep Taiwan in the pool. WDI does not cover Taiwan, so its innovation, capacity and
        infrastructure dimensions (and the trade-potential dimension, of whose weight only the WGI
        indicator is measured) are NaN and flagged; no value is imputed.
    countries : iterable of str, optional
        Restrict the pool (changes the normalisation and the weights).
    clip : (float, float) or None
        Winsorising quantiles (default 1 % / 99 %, for FDI and ICT-service outliers).

    Returns
    -------
    pandas.DataFrame
        ``iso3, wiod, name, year``, the four dimension sub-indices ``innovation, capacity,
        infrastructure, potential`` (method ``method``), ``dti``, one column ``dti_<method>`` per
        method, ``rank`` (within year, 1 = highest ``dti``), ``dimensions_measured`` and ``note``.
    """
    check_choice(method, METHODS, name="method")
    panel, res = _dti_all(tuple(years), include_taiwan, None if countries is None else tuple(countries), clip)
    out = panel[["iso3", "wiod", "name", "year"]].copy()
    head = res[method].scores
    for d in DIMENSIONS:
        out[d] = head[d].to_numpy()
    out["dti"] = head["index"].to_numpy()
    for m in METHODS:
        out[f"dti_{m}"] = res[m].scores["index"].to_numpy()
    out["rank"] = out.groupby("year")["dti"].rank(ascending=False, method="min").astype("Int64")
    out["dimensions_measured"] = out[list(DIMENSIONS)].notna().sum(axis=1)
    out["note"] = np.where(
        out["iso3"] == "TWN",
        "Taiwan is not in WDI: only WGI regulatory quality is measured; dimensions below coverage are NaN",
        np.where(out["dimensions_measured"] < len(DIMENSIONS), "dimension(s) below indicator coverage", ""),
    )
    return out


def index_weights_table(years=DTI_YEARS, *, include_taiwan: bool = True, clip=DTI_CLIP) -> pd.DataFrame:
    """Weights of every DTI indicator under every method.

    Returns
    -------
    pandas.DataFrame
        One row per indicator: ``dimension, variable, label, direction``, and per method
        ``within_<m>`` (weight inside its dimension), ``dimension_<m>`` (the dimension's weight)
        and ``global_<m>`` (their product; sums to one over all indicators).
    """
    _, res = _dti_all(tuple(years), include_taiwan, None, clip)
    cat = indicator_catalogue(dti_only=True)
    out = cat[["dimension", "variable", "label", "direction"]].copy()
    for m in METHODS:
        r = res[m]
        out[f"within_{m}"] = out["variable"].map(r.indicator_weights)
        out[f"dimension_{m}"] = out["dimension"].map(r.dimension_weights)
        out[f"global_{m}"] = out[f"within_{m}"] * out[f"dimension_{m}"]
    out["dimension"] = pd.Categorical(out["dimension"], categories=list(DIMENSIONS), ordered=True)
    return out.sort_values(["dimension"], kind="stable").reset_index(drop=True)


def rank_correlations(index_frame: pd.DataFrame | None = None, *, methods=METHODS, years=None,
                      reference_year: int | None = None) -> pd.DataFrame:
    """Rank correlations of country rankings across weighting methods (and across years).

    Parameters
    ----------
    index_frame : DataFrame, optional
        Output of :func:`digital_trade_index` (default: computed with its defaults) or any frame
        with ``iso3, year`` and ``dti_<method>`` columns.
    methods : sequence of str
    years : iterable of int, optional
        Years to report (default: all in the frame).
    reference_year : int, optional
        If given, also compare each year's ranking with the ranking of ``reference_year`` for
        each method (``comparison = "year"``).

    Returns
    -------
    pandas.DataFrame
        ``comparison`` (``method`` or ``year``), ``year``, ``a``, ``b``, ``n`` (countries with both),
        ``spearman`` and ``kendall`` (tau-b).
    """
    df = digital_trade_index() if index_frame is None else index_frame
    ys = sorted(df["year"].unique()) if years is None else list(years)
    rows = []
    for y in ys:
        sub = df[df["year"] == y]
        for a, b in combinations(methods, 2):
            pair = sub[[f"dti_{a}", f"dti_{b}"]].dropna()
            if len(pair) < 3:
                continue
            rows.append(dict(comparison="method", year=int(y), a=a, b=b, n=len(pair),
                             spearman=stats.spearmanr(pair.iloc[:, 0], pair.iloc[:, 1]).statistic,
                             kendall=stats.kendalltau(pair.iloc[:, 0], pair.iloc[:, 1]).statistic))
    if reference_year is not None:
        ref = df[df["year"] == reference_year].set_index("iso3")
        if ref.empty:
            raise ValueError(f"reference_year={reference_year} is not in the frame")
        for m in methods:
            for y in ys:
                cur = df[df["year"] == y].set_index("iso3")[f"dti_{m}"]
                pair = pd.concat([ref[f"dti_{m}"], cur], axis=1).dropna()
                if len(pair) < 3:
                    continue
                rows.append(dict(comparison="year", year=int(y), a=f"{m}@{reference_year}", b=f"{m}@{y}",
                                 n=len(pair),
                                 spearman=stats.spearmanr(pair.iloc[:, 0], pair.iloc[:, 1]).statistic,
                                 kendall=stats.kendalltau(pair.iloc[:, 0], pair.iloc[:, 1]).statistic))
    return pd.DataFrame(rows)


def dti_ranking(year: int, index_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Ranking table of one year: rank, economy, dimensions, DTI and its rank under each method."""
    df = digital_trade_index() if index_frame is None else index_frame
    sub = df[df["year"] == year].copy()
    if sub.empty:
        raise ValueError(f"year={year} not in the index frame ({df['year'].min()}-{df['year'].max()})")
    for m in METHODS:
        sub[f"rank_{m}"] = sub[f"dti_{m}"].rank(ascending=False, method="min").astype("Int64")
    cols = ["rank", "iso3", "name", *DIMENSIONS, "dti", *[f"rank_{m}" for m in METHODS]]
    return sub.sort_values(["rank", "iso3"], na_position="last")[cols].reset_index(drop=True)

