"""Manufacturing GVC resilience index (RES): indicators, composite and weights.

Built on the value-added origin of manufacturing exports from the GVC engine
(:mod:`helpers.gvc.sourcing`) for WIOD 2013 manufacturing (industries c3-c16): ``DVA_s`` and
``FVA_rs`` are the domestic and source-``r`` value added in economy ``s``'s manufacturing exports.

Security (exposure of the manufacturing export base to foreign supply)
    - ``dva_share`` (+) ``DVA_s / E^M_s``: value added kept at home; a low share means dependence on
      imported inputs that a foreign shock can interrupt (Hummels, Ishii & Yi 2001 complement).
    - ``supplier_hhi`` (-) ``sum_r (FVA_rs / FVA_s)^2``: concentration of foreign value added across
      source countries (RoW counted as one source): concentrated sourcing is fragile.
    - ``top_supplier_share`` (-) ``max_r FVA_rs / E^M_s``: dependence on the single largest foreign
      supplier, relative to the export base.

Stability (how steadily the country's manufacturing GVC activity evolves)
    - ``export_volatility`` (-) standard deviation of the annual log growth of ``E^M_s`` over a
      rolling window of ``window`` years (growth rates ``t-window+2..t``, at least 3).
    - ``participation_volatility`` (-) standard deviation of the annual change of the backward
      participation rate ``FVA_s / E^M_s`` over the same window.
    - ``destination_hhi`` (-) ``sum_d (E^M_sd / E^M_s)^2``: concentration of export destinations.

Composite: the machinery of :mod:`helpers.indices.composite` (pooled direction-aware min-max over the 40
economies and 1995-2011, entropy weights as primary, equal/PCA/CRITIC as alternatives).

The shock-based validation (Martin 2012 resistance and recovery) is in :mod:`helpers.indices.shocks`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from ..data.checks import check_choice
from ..data.wiot import WIOD_YEARS
from ..gvc.sourcing import manufacturing_gvc_panel
from .composite import METHODS, composite_index
from .shocks import shock_resilience

RES_STRUCTURE = {
    "security": ["dva_share", "supplier_hhi", "top_supplier_share"],
    "stability": ["export_volatility", "participation_volatility", "destination_hhi"],
}
RES_DIRECTIONS = {
    "dva_share": 1, "supplier_hhi": -1, "top_supplier_share": -1,
    "export_volatility": -1, "participation_volatility": -1, "destination_hhi": -1,
}


def _rolling_sd(s: pd.Series, window: int) -> pd.Series:
    return s.rolling(window - 1, min_periods=3).std()


def resilience_indicators(years=WIOD_YEARS, window: int = 5) -> pd.DataFrame:
    """The six RES indicators per (country, year), see the module docstring."""
    if window < 4:
        raise ValueError(f"window={window}: need at least 4 years (3 growth rates)")
    df = manufacturing_gvc_panel(years).sort_values(["iso3", "year"]).copy()
    g = df.groupby("iso3", group_keys=False)
    df["growth"] = g["exports"].transform(lambda s: np.log(s).diff())
    df["d_fva_share"] = g["fva_share"].transform(lambda s: s.diff())
    df["export_volatility"] = df.groupby("iso3")["growth"].transform(lambda s: _rolling_sd(s, window))
    df["participation_volatility"] = df.groupby("iso3")["d_fva_share"].transform(lambda s: _rolling_sd(s, window))
    return df.reset_index(drop=True)


def resilience_index(years=WIOD_YEARS, method: str = "entropy", *, window: int = 5, clip=None) -> pd.DataFrame:
    """The manufacturing GVC resilience index of the 40 WIOD economies.

    Returns
    -------
    DataFrame
        ``iso3, wiod, year``, the six indicators, ``security``, ``stability``, ``res`` (method
        ``method``), ``res_<m>`` for every method, and the shock-based measures of
        :func:`shock_resilience` (constant within a country).
    """
    check_choice(method, METHODS, name="method")
    ind = resilience_indicators(years, window)
    cols = [c for js in RES_STRUCTURE.values() for c in js]
    res = {m: composite_index(ind, RES_STRUCTURE, RES_DIRECTIONS, m, clip=clip) for m in METHODS}
    out = ind[["iso3", "wiod", "year", *cols]].copy()
    out["security"] = res[method].scores["security"].to_numpy()
    out["stability"] = res[method].scores["stability"].to_numpy()
    out["res"] = res[method].scores["index"].to_numpy()
    for m in METHODS:
        out[f"res_{m}"] = res[m].scores["index"].to_numpy()
    if {2008, 2009, 2011} <= set(ind["year"]):
        out = out.merge(shock_resilience().drop(columns="wiod"), on="iso3", how="left")
    return out


def resilience_weights(years=WIOD_YEARS, *, window: int = 5) -> pd.DataFrame:
    """Within-dimension and dimension weights of the RES indicators under every method."""
    ind = resilience_indicators(years, window)
    rows = []
    for m in METHODS:
        r = composite_index(ind, RES_STRUCTURE, RES_DIRECTIONS, m)
        gw = r.global_weights()
        for d, js in RES_STRUCTURE.items():
            for j in js:
                rows.append(dict(method=m, dimension=d, variable=j, direction=RES_DIRECTIONS[j],
                                 within=r.indicator_weights[j], dimension_weight=r.dimension_weights[d],
                                 weight=gw[j]))
    return pd.DataFrame(rows)


def resilience_validation(pre_years=(2005, 2006, 2007), method: str = "entropy", *, index_frame=None,
                          outcomes=("resistance_dva", "recovery_dva", "resistance_gvc", "recovery_gvc"),
                          exclude=()) -> pd.DataFrame:
    """How well the pre-shock composite predicts realised resilience in the Great Trade Collapse.

    The predictor is the country mean of ``res_<method>`` over ``pre_years`` (all before 2008);
    for each outcome the table reports Spearman's rho and Kendall's tau (with p-values), Pearson's r,
    and the OLS slope of the outcome on the standardised predictor with its HC1 standard error.

    Parameters
    ----------
    pre_years : iterable of int
    method : str
    index_frame : DataFrame, optional
        Output of :func:`resilience_index` (computed if omitted).
    outcomes : iterable of str
    exclude : iterable of str
        ISO3 codes left out (e.g. outliers), reported in the ``excluded`` column.

    Returns
    -------
    DataFrame
        One row per outcome and predictor (the composite and its two dimensions).
    """
    import statsmodels.api as sm

    df = resilience_index() if index_frame is None else index_frame
    if max(pre_years) >= 2008:
        raise ValueError(f"pre_years={pre_years}: the predictor must be measured before the 2008 shock")
    pre = df[df["year"].isin(pre_years)].groupby("iso3")[[f"res_{method}", "security", "stability"]].mean()
    shock = df.groupby("iso3")[list(outcomes)].first()
    data = pre.join(shock).drop(index=list(exclude), errors="ignore").dropna()
    rows = []
    for pred in [f"res_{method}", "security", "stability"]:
        for y in outcomes:
            x = data[pred]
            xs = (x - x.mean()) / x.std(ddof=1)
            ols = sm.OLS(data[y], sm.add_constant(xs)).fit(cov_type="HC1")
            sp = stats.spearmanr(x, data[y])
            kt = stats.kendalltau(x, data[y])
            rows.append(dict(predictor=pred, outcome=y, n=len(data), spearman=sp.statistic, spearman_p=sp.pvalue,
                             kendall=kt.statistic, kendall_p=kt.pvalue, pearson=np.corrcoef(x, data[y])[0, 1],
                             slope_per_sd=ols.params.iloc[1], se_hc1=ols.bse.iloc[1], p_hc1=ols.pvalues.iloc[1],
                             excluded=",".join(exclude)))
    return pd.DataFrame(rows)
