"""The digital trade development index (DTI) of the WIOD economies.

Four dimensions (paper): digital innovation, digital trade capacity, infrastructure environment and
trade potential, with the indicators of the catalogue (``helpers/data/facts/indicators.csv``,
column ``dti_variants``), combined by the machinery of :mod:`helpers.indices.composite`.

Design (the rules were fixed before any estimate was looked at)
--------------------------------------------------------------
Overlap rule
    An indicator leaves the headline index if it is built from the trade or output totals that a
    GVC outcome or a control is computed from: its numerator is total trade (exports or imports of
    goods and services: the gross flows behind forward and backward participation) or it is GDP
    itself (the control is log GDP per capita). Trade openness (trade / GDP) and market size
    (log GDP) therefore leave (:func:`overlaps_outcome_flows`, :data:`DTI_OVERLAP_FLOWS`). GDP as a
    mere denominator of another flow (FDI inflows, ICT service exports) does not count. FDI inflows
    and the tariff stay in the headline; the variant ``no_fdi_tariff`` drops them too, and ``all``
    keeps every admissible indicator (:data:`helpers.data.indicators.DTI_VARIANTS`).
One indicator per concept
    ICT service exports enter once (as a share of service exports); fixed telephone lines are dropped
    (they fall within countries as mobile and broadband replace them). The variant ``first_version``
    reproduces the first version (19 indicators, pooled 1995-2022 normalisation, three-year
    backward fill) for comparison.
Directions
    Justified by concept in the catalogue (``justification``) and checked on the data by
    :func:`dti_direction_check`: an indicator must not correlate negatively, within countries, with
    the rest of its dimension unless the catalogue's ``direction_note`` gives the reason.
Normalisation base and weights
    Min-max bounds, winsorising quantiles and weights are estimated on the regression window
    1995-2011 (:data:`DTI_BASE_YEARS`), so the regressor does not depend on later data. Later years
    are scored on the same scale: a value above the best 1995-2011 observation scores above 1.
    Outliers are winsorised at the 1st and 99th percentiles of their own period (the base, or the
    later years), and a later score is capped to [-1, 2], one base range beyond either end, so that
    one FDI outlier cannot dominate. (An interior gap of a series that straddles 2011 is still
    interpolated with its first later observation.)
Missing data
    The panel's policy (:mod:`helpers.data.panel`) with :data:`DTI_FILL`: interior gaps of up to five
    years interpolated, the last observation carried forward for at most three years, and *no*
    backward fill (a first observation is never copied to earlier years). A dimension score needs
    half of its indicators; the index needs every dimension.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
from scipy import stats

from ..data.checks import check_choice, check_subset, check_year, check_years
from ..data.facts import DIMENSIONS
from ..data.indicators import DTI_VARIANTS, _inputs, indicator_catalogue
from ..data.panel import PANEL_VALID_YEARS, country_year_panel, panel_fill_flags, resolve_countries
from .composite import METHODS, composite_index, normalise

DTI_YEARS = tuple(range(1995, 2023))
"""Default DTI years: 1995 to 2022, the last year every indicator reaches under the fill policy."""

DTI_BASE_YEARS = tuple(range(1995, 2012))
"""Years that define the normalisation and the weights: the regression window (WIOD 1995-2011)."""

DTI_FILL = {"max_gap": 5, "max_extrapolate": 3, "max_backfill": 0}
"""Missing-data policy of the index: interpolate gaps up to 5 years, carry forward up to 3, never backwards."""

FIRST_VERSION_FILL = {"max_gap": 5, "max_extrapolate": 3, "max_backfill": 3}
"""The first version's policy: the first observation was also carried back up to 3 years."""

NO_CARRY_FILL = {"max_gap": 5, "max_extrapolate": 0, "max_backfill": 0}
"""Observed and interpolated values only (the balanced-subsample sensitivity)."""

DTI_CLIP = (0.01, 0.99)
"""Winsorising quantiles of the normalisation (for FDI and ICT-trade outliers)."""

DTI_OVERLAP_FLOWS = ("exports_gdp", "imports_gdp", "gdp_usd")
"""Panel variables holding the trade and output totals the GVC outcomes and the controls are computed from."""


def overlaps_outcome_flows(variable: str) -> bool:
    """Whether a catalogue variable is built from the trade or output totals of the outcomes or controls.

    True if the variable is one of :data:`DTI_OVERLAP_FLOWS`, or is derived with one of them as its
    numerator: a sum or difference of them, their log, or a ratio (``pct_gdp``, ``per_million_pop``)
    whose numerator is one of them. A ratio *to* GDP of another flow is not an overlap.

    Parameters
    ----------
    variable : str
        A variable of the indicator catalogue.

    Returns
    -------
    bool
        True if the variable overlaps the outcomes' or controls' flows.

    Raises
    ------
    ValueError
        If ``variable`` is not in the catalogue.

    Examples
    --------
    >>> overlaps_outcome_flows("trade_openness"), overlaps_outcome_flows("fdi_inflow_gdp")
    (True, False)
    """
    cat = indicator_catalogue().set_index("variable")
    check_choice(variable, list(cat.index), name="variable")
    if variable in DTI_OVERLAP_FLOWS:
        return True
    r = cat.loc[variable]
    ins = _inputs(r)
    if r["transform"] in ("pct_gdp", "per_million_pop"):
        ins = ins[:1]
    elif r["transform"] not in ("sum", "diff", "log"):
        return False
    return any(overlaps_outcome_flows(i) for i in ins)


def dti_structure(variant: str = "headline") -> dict[str, list[str]]:
    """Indicators of each DTI dimension in a variant, from the catalogue (``dti_variants``).

    Parameters
    ----------
    variant : {"headline", "no_fdi_tariff", "all", "first_version"}

    Returns
    -------
    dict of str to list of str
        Dimension -> indicators, in catalogue order.

    Raises
    ------
    ValueError
        If ``variant`` is unknown.
    """
    check_choice(variant, tuple(DTI_VARIANTS), name="variant")
    cat = indicator_catalogue()
    inv = cat["dti_variants"].map(lambda v: variant in v.split(";"))
    return {d: cat.loc[inv & (cat["dimension"] == d), "variable"].tolist() for d in DIMENSIONS}


def _settings(variant, years, base_years, fill):
    """Defaults of a variant: the first version pooled all years and carried values backwards."""
    check_choice(variant, tuple(DTI_VARIANTS), name="variant")
    years = check_years(years, PANEL_VALID_YEARS)
    if base_years is None:
        base_years = years if variant == "first_version" else DTI_BASE_YEARS
    base_years = check_years(base_years, PANEL_VALID_YEARS, name="base_years")
    if not set(base_years) & set(years):
        raise ValueError(f"base_years={base_years[0]}-{base_years[-1]} share no year with years "
                         f"{years[0]}-{years[-1]}")
    if fill is None:
        fill = FIRST_VERSION_FILL if variant == "first_version" else DTI_FILL
    unknown = sorted(set(fill) - set(DTI_FILL))
    if unknown:
        raise ValueError(f"fill: unknown key(s) {unknown}; valid keys {list(DTI_FILL)}")
    return years, base_years, {**DTI_FILL, **fill}


def _dti_inputs(years, include_taiwan, countries, fill):
    panel = country_year_panel(years=years, **fill)
    if countries is not None:
        panel = panel[panel["iso3"].isin(resolve_countries(countries))]
    if not include_taiwan:
        panel = panel[panel["iso3"] != "TWN"]
    cat = indicator_catalogue().set_index("variable")
    return panel.reset_index(drop=True), cat["direction"].to_dict()


def _dti_all(variant, years, base_years, fill, include_taiwan, countries, clip):
    panel, dirs = _dti_inputs(years, include_taiwan, countries, fill)
    struct = dti_structure(variant)
    base = panel["year"].isin(base_years).to_numpy()
    return panel, {m: composite_index(panel, struct, dirs, m, clip=clip, base_rows=base) for m in METHODS}


def digital_trade_index(years=DTI_YEARS, method: str = "entropy", *, variant: str = "headline", base_years=None,
                        fill: dict | None = None, balanced: bool = False, include_taiwan: bool = True,
                        countries=None, clip=DTI_CLIP) -> pd.DataFrame:
    """The digital trade development index (DTI) of the WIOD economies.

    Four dimensions (paper): digital innovation, digital trade capacity, infrastructure
    environment and trade potential; indicators of ``variant`` from the catalogue. Direction-aware
    min-max normalisation on ``base_years`` (winsorised at ``clip`` quantiles), weights estimated on
    the same years, two-stage aggregation (module docstring of :mod:`helpers.indices.composite`).

    Parameters
    ----------
    years : iterable of int
        Years computed (default 1995-2022).
    method : {"entropy", "equal", "pca", "critic"}
        Method of the headline columns (dimensions and ``dti``).
    variant : {"headline", "no_fdi_tariff", "all", "first_version"}
        Indicator set (:data:`helpers.data.indicators.DTI_VARIANTS`; module docstring).
    base_years : iterable of int, optional
        Years that define the scale and the weights (default :data:`DTI_BASE_YEARS`, 1995-2011;
        ``first_version``: all ``years``, pooled). Scores of later years may exceed 1.
    fill : dict, optional
        Missing-data policy passed to the panel (keys ``max_gap``, ``max_extrapolate``,
        ``max_backfill``; default :data:`DTI_FILL`, ``first_version``: :data:`FIRST_VERSION_FILL`).
    balanced : bool
        Keep only the economies with an index in every one of ``years`` (a balanced panel).
    include_taiwan : bool
        Keep Taiwan in the pool. WDI does not cover Taiwan, so its innovation, capacity and
        infrastructure dimensions are NaN and flagged; no value is imputed.
    countries : iterable of str, optional
        Restrict the pool (changes the normalisation and the weights).
    clip : (float, float) or None
        Winsorising quantiles (default 1 % / 99 %, for FDI and ICT-trade outliers).

    Returns
    -------
    pandas.DataFrame
        ``iso3, wiod, name, year``, the four dimension sub-indices ``innovation, capacity,
        infrastructure, potential`` (method ``method``), ``dti``, one column ``dti_<method>`` per
        method, ``rank`` (within year, 1 = highest ``dti``), ``dimensions_measured``, ``in_base``
        (the year is in the normalisation base), ``variant`` and ``note``.

    Raises
    ------
    ValueError
        If ``method`` or ``variant`` is unknown, a year is invalid, ``base_years`` share no year with
        ``years`` or ``fill`` has an unknown key.
    """
    check_choice(method, METHODS, name="method")
    years, base_years, fill = _settings(variant, years, base_years, fill)
    panel, res = _dti_all(variant, years, base_years, fill, include_taiwan,
                          None if countries is None else tuple(countries), clip)
    out = panel[["iso3", "wiod", "name", "year"]].copy()
    head = res[method].scores
    for d in DIMENSIONS:
        out[d] = head[d].to_numpy()
    out["dti"] = head["index"].to_numpy()
    for m in METHODS:
        out[f"dti_{m}"] = res[m].scores["index"].to_numpy()
    if balanced:
        complete = out.groupby("iso3")["dti"].transform(lambda s: s.notna().all())
        out = out[complete].reset_index(drop=True)
    out["rank"] = out.groupby("year")["dti"].rank(ascending=False, method="min").astype("Int64")
    out["dimensions_measured"] = out[list(DIMENSIONS)].notna().sum(axis=1)
    out["in_base"] = out["year"].isin(base_years)
    out["variant"] = variant
    out["note"] = np.where(
        out["iso3"] == "TWN",
        "Taiwan is not in WDI: only WGI regulatory quality is measured; dimensions below coverage are NaN",
        np.where(out["dimensions_measured"] < len(DIMENSIONS), "dimension(s) below indicator coverage", ""),
    )
    return out


def index_weights_table(years=DTI_YEARS, *, variant: str = "headline", base_years=None, fill: dict | None = None,
                        include_taiwan: bool = True, clip=DTI_CLIP) -> pd.DataFrame:
    """Weights of every DTI indicator of a variant under every method.

    Parameters
    ----------
    years : iterable of int
        Years computed (default 1995-2022).
    variant : {"headline", "no_fdi_tariff", "all", "first_version"}
        Indicator set.
    base_years : iterable of int, optional
        Years on which the weights are estimated (default as in :func:`digital_trade_index`).
    fill : dict, optional
        Missing-data policy (default as in :func:`digital_trade_index`).
    include_taiwan : bool
        Keep Taiwan in the pool.
    clip : (float, float) or None
        Winsorising quantiles.

    Returns
    -------
    pandas.DataFrame
        One row per indicator: ``dimension, variable, label, direction``, and per method
        ``within_<m>`` (weight inside its dimension), ``dimension_<m>`` (the dimension's weight)
        and ``global_<m>`` (their product; sums to one over all indicators).

    Raises
    ------
    ValueError
        As :func:`digital_trade_index`.
    """
    years, base_years, fill = _settings(variant, years, base_years, fill)
    _, res = _dti_all(variant, years, base_years, fill, include_taiwan, None, clip)
    cat = indicator_catalogue()
    cat = cat[cat["variable"].isin([j for js in dti_structure(variant).values() for j in js])]
    out = cat[["dimension", "variable", "label", "direction"]].copy()
    for m in METHODS:
        r = res[m]
        out[f"within_{m}"] = out["variable"].map(r.indicator_weights)
        out[f"dimension_{m}"] = out["dimension"].map(r.dimension_weights)
        out[f"global_{m}"] = out[f"within_{m}"] * out[f"dimension_{m}"]
    out["dimension"] = pd.Categorical(out["dimension"], categories=list(DIMENSIONS), ordered=True)
    return out.sort_values(["dimension"], kind="stable").reset_index(drop=True)


def dti_direction_check(variant: str = "headline", years=DTI_YEARS) -> pd.DataFrame:
    """Check whether each indicator moves with the rest of its dimension within countries.

    For indicator ``j`` of dimension ``d``: ``z_j`` is its normalised, direction-oriented value
    (:func:`helpers.indices.composite.normalise` on :data:`DTI_BASE_YEARS`, so that larger is always
    "more developed"), ``r_j`` the mean of the other oriented indicators of ``d`` available in the
    country-year; both are demeaned by country and Pearson's correlation of the residuals is the
    within-country correlation. A negative value says the indicator moves *against* its dimension
    as economies develop; the catalogue must then give the reason (``direction_note``).

    Parameters
    ----------
    variant : str
        DTI variant (default ``headline``).
    years : iterable of int
        Years pooled (default 1995-2022; Taiwan, which WDI does not cover, is left out).

    Returns
    -------
    pandas.DataFrame
        One row per indicator: ``dimension, variable, label, direction, within_corr, n,
        direction_note, justified`` (``within_corr >= 0``, or a note is given, or the indicator is
        alone in its dimension: NaN correlation and ``n`` = 0).

    Raises
    ------
    ValueError
        If ``variant`` is unknown or a year is invalid.
    """
    years, _, fill = _settings(variant, years, None, None)
    panel, dirs = _dti_inputs(years, False, None, fill)
    struct = dti_structure(variant)
    cols = [j for js in struct.values() for j in js]
    z = normalise(panel[cols], dirs, clip=DTI_CLIP, base=panel["year"].isin(DTI_BASE_YEARS).to_numpy())
    cat = indicator_catalogue().set_index("variable")
    rows = []
    for d, js in struct.items():
        for j in js:
            others = [k for k in js if k != j]
            rest = z[others].mean(axis=1) if others else pd.Series(np.nan, index=z.index)
            pair = pd.DataFrame({"a": z[j], "b": rest, "iso3": panel["iso3"]}).dropna()
            dm = pair[["a", "b"]] - pair.groupby("iso3")[["a", "b"]].transform("mean")
            r = float(np.corrcoef(dm["a"], dm["b"])[0, 1]) if len(dm) > 2 else np.nan
            note = cat.loc[j, "direction_note"]
            rows.append(dict(dimension=d, variable=j, label=cat.loc[j, "label"], direction=int(cat.loc[j, "direction"]),
                             within_corr=r, n=len(pair), direction_note=note,
                             justified=bool(not others or r >= 0 or note != "")))
    return pd.DataFrame(rows)


def dti_coverage(variant: str = "all", years=DTI_YEARS) -> pd.DataFrame:
    """How much of each indicator is observed, filled or missing, by year (the 39 economies WDI covers).

    Parameters
    ----------
    variant : str
        DTI variant whose indicators are reported (default ``all``).
    years : iterable of int
        Years (default 1995-2022).

    Returns
    -------
    pandas.DataFrame
        ``variable, year, observed`` (share of the 39 economies with a published value, including
        spliced and fallback values), ``filled`` (interpolated or carried forward under
        :data:`DTI_FILL`) and ``missing``; the three shares sum to one.

    Raises
    ------
    ValueError
        If ``variant`` is unknown or a year is invalid.
    """
    years, _, fill = _settings(variant, years, None, None)
    cols = [j for js in dti_structure(variant).values() for j in js]
    fl = panel_fill_flags(years, **fill)
    fl = fl[fl["variable"].isin(cols) & (fl["iso3"] != "TWN")]
    kind = fl["flag"].map({"observed": "observed", "spliced": "observed", "fallback": "observed",
                           "interpolated": "filled", "extrapolated": "filled", "missing": "missing"})
    tab = pd.crosstab([fl["variable"], fl["year"]], kind, normalize="index")
    tab = tab.reindex(columns=["observed", "filled", "missing"], fill_value=0.0).reset_index()
    tab.columns.name = None
    order = {v: i for i, v in enumerate(cols)}
    return tab.sort_values(["variable", "year"], key=lambda s: s.map(order) if s.name == "variable" else s
                           ).reset_index(drop=True)


def rank_correlations(index_frame: pd.DataFrame | None = None, *, methods=METHODS, years=None,
                      reference_year: int | None = None) -> pd.DataFrame:
    """Rank correlations of country rankings across weighting methods (and across years).

    Parameters
    ----------
    index_frame : DataFrame, optional
        Output of :func:`digital_trade_index` (default: computed with its defaults) or any frame
        with ``iso3, year`` and ``dti_<method>`` columns.
    methods : sequence of str
        Weighting methods compared pairwise (default all four).
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

    Raises
    ------
    ValueError
        If ``reference_year`` is not in the frame.
    """
    methods = check_subset(methods, METHODS, name="methods")
    df = digital_trade_index() if index_frame is None else index_frame
    in_frame = sorted(int(y) for y in df["year"].unique())
    ys = in_frame if years is None else list(check_years(years, in_frame))
    if reference_year is not None:
        reference_year = check_year(reference_year, in_frame, name="reference_year")
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
    """Ranking table of one year: rank, economy, dimensions, DTI and its rank under each method.

    Parameters
    ----------
    year : int
        A year of the index frame.
    index_frame : pandas.DataFrame, optional
        Output of :func:`digital_trade_index` (default: computed with its defaults).

    Returns
    -------
    pandas.DataFrame
        ``rank, iso3, name``, the four dimensions, ``dti`` and ``rank_<method>`` for every method,
        sorted by rank (economies without an index last).

    Raises
    ------
    ValueError
        If ``year`` is not in the frame.
    """
    df = digital_trade_index() if index_frame is None else index_frame
    year = check_year(year, sorted(int(y) for y in df["year"].unique()), name="year")
    sub = df[df["year"] == year].copy()
    if sub.empty:
        raise ValueError(f"year={year} not in the index frame ({df['year'].min()}-{df['year'].max()})")
    for m in METHODS:
        sub[f"rank_{m}"] = sub[f"dti_{m}"].rank(ascending=False, method="min").astype("Int64")
    cols = ["rank", "iso3", "name", *DIMENSIONS, "dti", *[f"rank_{m}" for m in METHODS]]
    return sub.sort_values(["rank", "iso3"], na_position="last")[cols].reset_index(drop=True)

