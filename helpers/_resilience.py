"""Manufacturing GVC resilience index (RES), its shock-based validation and a recent ADB window.

Built on the GVC engine's Leontief system (:func:`helpers.io_model`: ``B = (I - A)^-1`` by LU,
value-added coefficients ``v``, bilateral gross exports ``E_sr``) for WIOD 2013 manufacturing
(industries c3-c16). For exporter ``s`` and year ``t`` let ``E^M_j`` be gross exports of pair ``j``
if ``j`` is a manufacturing industry of ``s`` (0 otherwise) and ``VAE_{r s} = sum_{i in r} sum_j v_i
B_ij E^M_j`` the value added of source country ``r`` embodied in them (KWW 2014 eq. 8; ``sum_r VAE_rs =
E^M_s`` because ``v B = 1'``). Then ``DVA_s = VAE_ss`` and ``FVA_rs = VAE_rs, r != s``.

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

Composite: the machinery of :mod:`helpers._indices` (pooled direction-aware min-max over the 40
economies and 1995-2011, entropy weights as primary, equal/PCA/CRITIC as alternatives).

Shock-based resilience (Martin 2012, *Journal of Economic Geography* 12(1), 1-32)
    For an outcome ``Y`` (manufacturing domestic value added in exports ``DVA``, and GVC participation
    measured by ``FVA``) and the Great Trade Collapse, with sample growth ``g_N`` of the 40-economy sum:
    resistance ``(g_s^{2008-09} - g_N^{2008-09}) / |g_N^{2008-09}|`` and recovery
    ``(g_s^{2009-11} - g_N^{2009-11}) / |g_N^{2009-11}|``; positive = more resilient than the sample.

The GVC engine's public API did not include a manufacturing-only value-added origin of exports,
so the few primitives above are computed here from ``io_model(load_wiot(year))`` (its ``B`` solve,
``vc``, ``ESR``), documented in :func:`manufacturing_va_exports`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from ._cache import cached_frame
from ._facts import manufacturing_codes, wiod_economies, wiod_to_iso3
from ._indices import METHODS, composite_index
from ._sources import DataParseError, data_path
from ._wiot import WIOD_YEARS, load_wiot

RES_STRUCTURE = {
    "security": ["dva_share", "supplier_hhi", "top_supplier_share"],
    "stability": ["export_volatility", "participation_volatility", "destination_hhi"],
}
RES_DIRECTIONS = {
    "dva_share": 1, "supplier_hhi": -1, "top_supplier_share": -1,
    "export_volatility": -1, "participation_volatility": -1, "destination_hhi": -1,
}


def manufacturing_va_exports(year: int) -> pd.DataFrame:
    """Value-added origin and destinations of each economy's manufacturing gross exports, one year.

    ``VAE_{r s} = sum_{i in r} sum_{j in s, manuf} v_i B_ij E_j``, the engine's
    :func:`helpers.va_origin_of_exports` restricted to manufacturing exports.

    Returns
    -------
    DataFrame
        One row per exporter (WIOD code) with ``exports`` (manufacturing gross exports, US$ million),
        ``dva``, ``fva``, ``supplier_hhi``, ``top_supplier_share``, ``destination_hhi``.
    """
    from ._gvc import io_model, va_origin_of_exports

    t = load_wiot(year)
    m = io_model(t)
    manuf = np.isin(np.tile(np.array(t.industries), t.G), manufacturing_codes())
    if len(manuf) != m.n or m.C != t.G:
        raise DataParseError(f"unexpected table structure for {year}: {m.C} groups, {t.G} countries")
    origin = va_origin_of_exports(t, industries=manufacturing_codes())
    vae = origin["va"].to_numpy().reshape(m.C, m.C)  # C(source) x C(exporter)
    exports = (m.E * manuf) @ m.P
    dva = np.diag(vae).copy()
    fva_mat = vae.copy()
    np.fill_diagonal(fva_mat, 0.0)
    fva = fva_mat.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        sh = fva_mat / fva[None, :]
        hhi = (sh**2).sum(axis=0)
        top = fva_mat.max(axis=0) / exports
        dest = (m.ESR * manuf[:, None]).T @ m.P  # C(dest) x C(exporter)
        dsh = dest / dest.sum(axis=0)[None, :]
        dhhi = (dsh**2).sum(axis=0)
    out = pd.DataFrame({"wiod": list(m.groups), "year": year, "exports": exports, "dva": dva, "fva": fva,
                        "supplier_hhi": hhi, "top_supplier_share": top, "destination_hhi": dhhi})
    return out[out["wiod"].isin(wiod_economies())].reset_index(drop=True)


def manufacturing_gvc_panel(years=WIOD_YEARS) -> pd.DataFrame:
    """:func:`manufacturing_va_exports` for every year (cached on disk), with ``iso3`` and shares."""
    years = tuple(int(y) for y in years)
    bad = [y for y in years if y not in WIOD_YEARS]
    if bad:
        raise ValueError(f"years {bad} are outside the WIOD 2013 window {WIOD_YEARS[0]}-{WIOD_YEARS[-1]}")

    def compute():
        return pd.concat([manufacturing_va_exports(y) for y in years], ignore_index=True)

    df = cached_frame("manufacturing_va_exports", compute, params={"years": years},
                      inputs=[("wiod2013", f"wiot_{y}.RData") for y in years],
                      modules=["_resilience", "_gvc", "_wiot", "_facts"])
    df["iso3"] = wiod_to_iso3(df["wiod"].tolist())
    df["dva_share"] = df["dva"] / df["exports"]
    df["fva_share"] = df["fva"] / df["exports"]
    return df


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


def _martin(df: pd.DataFrame, col: str, t0: int, t1: int) -> pd.Series:
    w = df.pivot(index="iso3", columns="year", values=col)
    g = w[t1] / w[t0] - 1.0
    gn = w[t1].sum() / w[t0].sum() - 1.0
    return (g - gn) / abs(gn)


def shock_resilience(peak: int = 2008, trough: int = 2009, end: int = 2011) -> pd.DataFrame:
    """Martin (2012) resistance and recovery in the Great Trade Collapse, per country.

    Returns
    -------
    DataFrame
        ``iso3, wiod``, ``resistance_dva``, ``recovery_dva`` (manufacturing domestic value added in
        exports), ``resistance_gvc``, ``recovery_gvc`` (foreign value added in manufacturing exports,
        i.e. backward GVC participation), and the raw growth rates ``g_dva_fall, g_dva_rebound``.
    """
    df = manufacturing_gvc_panel(tuple(range(peak, end + 1)))
    w = df.pivot(index="iso3", columns="year", values="dva")
    out = pd.DataFrame({
        "resistance_dva": _martin(df, "dva", peak, trough),
        "recovery_dva": _martin(df, "dva", trough, end),
        "resistance_gvc": _martin(df, "fva", peak, trough),
        "recovery_gvc": _martin(df, "fva", trough, end),
        "g_dva_fall": w[trough] / w[peak] - 1.0,
        "g_dva_rebound": w[end] / w[trough] - 1.0,
    })
    out.index.name = "iso3"
    out = out.reset_index()
    out.insert(1, "wiod", out["iso3"].replace({"ROU": "ROM"}))
    return out


def resilience_index(years=WIOD_YEARS, method: str = "entropy", *, window: int = 5, clip=None) -> pd.DataFrame:
    """The manufacturing GVC resilience index of the 40 WIOD economies.

    Returns
    -------
    DataFrame
        ``iso3, wiod, year``, the six indicators, ``security``, ``stability``, ``res`` (method
        ``method``), ``res_<m>`` for every method, and the shock-based measures of
        :func:`shock_resilience` (constant within a country).
    """
    if method not in METHODS:
        raise ValueError(f"method={method!r}; choose one of {METHODS}")
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


# --------------------------------------------------------------------------------------------
# recent window: ADB MRIO indicators 2017-2022 (incl. the 2020 shock)
# --------------------------------------------------------------------------------------------
def _adb_countries() -> pd.DataFrame:
    path = data_path("adb-mrio-indicators-ksreyes", "countries.xlsx")
    c = pd.read_excel(path, sheet_name="Consolidated")
    if not {"mrio", "iso_a3"} <= set(c.columns):
        raise DataParseError(f"{path}: sheet Consolidated lacks columns mrio/iso_a3")
    return c.dropna(subset=["mrio"]).assign(s=lambda d: d["mrio"].astype(int))[["s", "iso_a3"]]


def adb_manufacturing_gvc() -> pd.DataFrame:
    """Manufacturing (ADB sectors 3-16 = WIOD c3-c16) exports and Borin-Mancini participation, 2017-2022.

    From ``gvcp.parquet`` at the 35-sector level summed over manufacturing: ``exports``,
    ``gvc_b`` (backward: FVA + pure double counting), ``gvc_f`` (forward), and their shares of exports.
    (The ``e/ez/ey`` columns of the summary files are *domestic* sales and are not used.)
    Countries are the WIOD economies present in ADB MRIO (ISO3 via ``countries.xlsx``).
    """
    g = pd.read_parquet(data_path("adb-mrio-indicators-ksreyes", "gvcp.parquet"))
    g = g[(g["agg"] == 35) & g["i"].between(3, 16)]
    agg = g.groupby(["t", "s"])[["Exports", "GVC_trade_b", "GVC_trade_f"]].sum().reset_index()
    agg = agg.merge(_adb_countries(), on="s", how="left")
    iso = [wiod_to_iso3(c) for c in wiod_economies()]
    agg = agg[agg["iso_a3"].isin(iso)]
    out = pd.DataFrame({"iso3": agg["iso_a3"], "year": agg["t"].astype(int), "exports": agg["Exports"],
                        "gvc_b": agg["GVC_trade_b"], "gvc_f": agg["GVC_trade_f"]})
    out["gvc_b_share"] = out["gvc_b"] / out["exports"]
    out["gvc_f_share"] = out["gvc_f"] / out["exports"]
    return out.sort_values(["iso3", "year"]).reset_index(drop=True)


def recent_shock_resilience(peak: int = 2019, trough: int = 2020, end: int = 2022) -> pd.DataFrame:
    """Martin (2012) resistance/recovery of manufacturing exports and GVC participation around 2020 (ADB MRIO),
    with the pre-shock (``peak``) backward-participation share as a security proxy (tested by
    :func:`recent_shock_validation`)."""
    df = adb_manufacturing_gvc()
    df["gvc"] = df["gvc_b"] + df["gvc_f"]
    out = pd.DataFrame({
        "resistance_exports": _martin(df, "exports", peak, trough),
        "recovery_exports": _martin(df, "exports", trough, end),
        "resistance_gvc": _martin(df, "gvc", peak, trough),
        "recovery_gvc": _martin(df, "gvc", trough, end),
    })
    pre = df[df["year"] == peak].set_index("iso3")
    out["gvc_b_share_pre"] = pre["gvc_b_share"]
    out["export_volatility_2017_2019"] = (
        df[df["year"] <= peak].groupby("iso3")["exports"].apply(lambda s: np.log(s).diff().std())
    )
    out.index.name = "iso3"
    out = out.reset_index()
    return out


RECENT_OUTCOMES = ("resistance_exports", "recovery_exports", "resistance_gvc", "recovery_gvc")


def recent_shock_validation(peak: int = 2019, trough: int = 2020, end: int = 2022) -> pd.DataFrame:
    """Does pre-shock foreign-content exposure predict resilience in the 2020 shock? (ADB MRIO)

    Spearman rank correlation of the ``peak``-year backward participation share with each
    outcome of :func:`recent_shock_resilience`.

    Returns
    -------
    DataFrame
        Indexed by outcome: ``n``, ``spearman``, ``p`` (two-sided).
    """
    r = recent_shock_resilience(peak, trough, end)
    rows = []
    for o in RECENT_OUTCOMES:
        d = r[["gvc_b_share_pre", o]].dropna()
        res = stats.spearmanr(d["gvc_b_share_pre"], d[o])
        rows.append({"outcome": o, "n": len(d), "spearman": res.statistic, "p": res.pvalue})
    return pd.DataFrame(rows).set_index("outcome")


# --------------------------------------------------------------------------------------------
# derived datasets
# --------------------------------------------------------------------------------------------
def write_index_datasets(outdir="data/derived") -> dict[str, str]:
    """Write the derived datasets of the measurement chapter as CSV.

    Files: ``digital_trade_index.csv`` (:func:`helpers.digital_trade_index`), ``resilience_index.csv``
    (:func:`resilience_index`), ``panel_country_year.csv`` (:func:`helpers.country_year_panel`),
    ``panel_codebook.csv`` (:func:`helpers.panel_codebook`) and ``dti_weights.csv``
    (:func:`helpers.index_weights_table`).

    Returns
    -------
    dict
        File name -> path written.
    """
    from ._derive import write_derived  # the one registry of derived datasets

    names = ["digital_trade_index.csv", "resilience_index.csv", "panel_country_year.csv",
             "panel_codebook.csv", "dti_weights.csv"]
    return {p.name: str(p) for p, _ in write_derived(outdir, names)}
