"""Designs with more power than the country-year panel: the country-industry (Rajan-Zingales) design
and the recent window 2017-2022.  (The bilateral gravity design is in :mod:`.gravity`.)

**Country-industry-year design.**  Rajan & Zingales (1998) identify the effect of a country
characteristic from its *differential* effect across industries that need it more.  Here the
country characteristic is the digital trade index and the need is an industry's digital intensity
``d_j`` (purchases of telecommunications and business services per unit of output, measured in a
base year from the world tables, :func:`helpers.gvc.industry.industry_digital_intensity`, so that it
is not the country's own choice):

.. math:: y_{cjt} = \\beta\\, \\widetilde{DTI}_{ct}\\, \\tilde d_j + \\alpha_{ct} + \\gamma_{jt} + \\delta_{cj}
          + \\varepsilon_{cjt},

for the 14 manufacturing industries ``j`` of the 39 economies ``c`` in the WIOD years with the index
(the headline index starts in 2000, so 2000-2011). ``\\widetilde{DTI}`` is the index standardised over
the country-years of the WIOD window (1995-2011) where it is observed, and ``\\tilde d`` the
intensity standardised across the 14 industries, so ``beta`` is how much more the outcome changes,
per standard deviation of the index, in an industry one standard deviation more digital-intensive.
Country-year effects ``alpha_ct`` absorb everything that moves a whole economy in a year (its index,
GDP, exchange rate, business cycle), industry-year effects ``gamma_jt`` absorb world industry shocks,
and country-industry effects ``delta_cj`` (headline; dropped in the cross-sectional variant
``"ct+jt"``) absorb each economy's permanent specialisation, so ``beta`` is identified from whether the
outcome of digital-intensive industries moves with the index *within* a country-industry.
The design was fixed before any estimate was seen: headline world-average intensity of 1995, all
three fixed effects, standard errors clustered by economy; sensitivities: without the
country-industry effects, clustering by country-industry, the United States as reference (dropped
from the sample, as Rajan & Zingales drop theirs).

**Recent window.**  The country-year specification of :func:`helpers.econometrics.fe.twfe` on the ADB
MRIO indicators 2017-2022 (Borin-Mancini GVC-related trade of manufacturing, exports = ``x - e``, see
``adb-mrio-indicators-ksreyes/SOURCE.md``) next to the same measures computed from the WIOD years
with the index (GVC-related exports ``E - DAVAX`` of :mod:`helpers.gvc.bilateral`: the same concept),
with the index standardised on the same base (the WIOD country-years where it is observed) in every
window, so the coefficients are in the same units; and the 2020 shock as a cross-section (change
2019-2020 and 2020-2022 on the 2019 index).  A window's label names the years its regressions actually
use (:func:`window_label`), not the years requested.

Every design returns a tidy frame with the columns of :data:`DESIGN_COLUMNS`.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from ..data.adb import adb_manufacturing_gvc
from ..data.checks import check_choice, check_subset, check_years
from ..data.facts import wiod_economies
from ..data.panel import country_year_panel
from ..data.wiot import WIOD_YEARS
from ..gvc.bilateral import bilateral_gvc_panel
from ..gvc.industry import industry_digital_intensity, manufacturing_industry_panel
from ..indices.dti import digital_trade_index
from .fe import SE_NOTE, twfe

#: columns of every design frame (the first ten as in :func:`hypothesis_table`).
DESIGN_COLUMNS = ("design", "outcome", "hypothesis", "expected_sign", "regressor", "coef", "se", "t", "p",
                  "ci_low", "ci_high", "nobs", "clusters", "countries", "r2_within", "fe", "cluster",
                  "se_convention", "max_abs_diff")

#: years requested for the index standardisation (the WIOD window); the base is the country-years of
#: these years where the index is observed (:func:`standardisation_span` gives the years it covers).
STANDARDISATION_YEARS = WIOD_YEARS

#: outcome -> (hypothesis id of facts/hypotheses.csv, sign that supports it, label).
INDUSTRY_OUTCOMES = {
    "plv_gvc": ("H1", "+", "forward GVC production length (stages)"),
    "ply_gvc": ("H1", "+", "backward GVC production length (stages)"),
    "gvc_f": ("H2a", "+", "forward GVC participation (share of value added)"),
    "gvc_b": ("H2a", "+", "backward GVC participation (share of final output)"),
    "gvc_pos": ("H2b", "0", "GVC position (> 1 upstream)"),
    "supplier_hhi": ("H5", "-", "look-through concentration of foreign value added (HHI)"),
    "top_source_share": ("H5", "-", "largest source's share of foreign value added"),
    "va_volatility": ("H3", "-", "volatility of value-added growth (5-year s.d.)"),
    "export_volatility": ("H3", "-", "volatility of export growth (5-year s.d.)"),
}

#: fixed-effects variants of the industry design -> pyfixest terms.
INDUSTRY_FE = {
    "ct+jt+cj": "wiod^year + industry^year + wiod^industry",
    "ct+jt": "wiod^year + industry^year",
}
_FE_COLUMNS = {"ct": ("wiod", "year"), "jt": ("industry", "year"), "cj": ("wiod", "industry")}
#: cluster variants of the industry design -> column of the sample.
INDUSTRY_CLUSTERS = {"wiod": "economy", "cell": "country-industry"}

CR1_NESTED = ("CR1 clustered by {cluster} ({G} clusters): G/(G-1) x (N-1)/(N-K), K without the fixed effects "
              "nested in the clusters (fixest/reghdfe convention); p-values and 95% intervals from t(G-1)")
"""The SE convention of the industry and gravity designs (pyfixest's default ``ssc``)."""

#: outcome -> (hypothesis, supporting sign, label) of the recent window.
RECENT_WINDOW_OUTCOMES = {
    "gvc_share": ("H2a", "+", "GVC-related share of manufacturing exports"),
    "gvc_b_share": ("H2a", "+", "backward GVC-related share (foreign VA and double counting)"),
    "gvc_f_share": ("H2a", "+", "forward GVC-related share (DVA re-exported or returned)"),
    "ln_exports": ("", "+", "log manufacturing gross exports (context: no hypothesis)"),
}

#: windows of the recent-window comparison: name -> (source, years requested).  A window's regressions use
#: the requested years where the index and the outcome are observed; :func:`window_label` names those.
WINDOWS = {
    "WIOD": ("WIOD 2013", tuple(WIOD_YEARS)),
    "ADB": ("ADB MRIO", tuple(range(2017, 2023))),
    "ADB, before 2020": ("ADB MRIO", (2017, 2018, 2019)),
}


def _quiet_pyfixest():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pyfixest as pf
    return pf


def standardised_dti(method: str = "entropy", dti_kwargs: Mapping | None = None,
                     base_years: Sequence[int] = STANDARDISATION_YEARS) -> pd.DataFrame:
    """The digital trade index of the 39 economies, standardised on the country-years of ``base_years``.

    ``dti_std_ct = (DTI_ct - mean) / sd`` with the mean and standard deviation pooled over the
    economies and ``base_years`` where the index is observed; later years are on the same scale.
    Calls :func:`helpers.indices.dti.digital_trade_index` (its public interface), so the designs follow
    any change of the index.

    Parameters
    ----------
    method : str
        Weighting method of the index.
    dti_kwargs : mapping, optional
        Further keyword arguments of :func:`digital_trade_index` (e.g. a variant).
    base_years : sequence of int
        Years of the standardisation.

    Returns
    -------
    pandas.DataFrame
        ``wiod, iso3, year, dti, dti_std`` for every year the index covers (rows with the index only).

    Raises
    ------
    ValueError
        If the index has fewer than two observations in ``base_years``.
    """
    d = digital_trade_index(method=method, **dict(dti_kwargs or {}))
    d = d[d["wiod"].isin(wiod_economies())].dropna(subset=["dti"])[["wiod", "iso3", "year", "dti"]].copy()
    base = d[d["year"].isin(list(base_years))]["dti"]
    if len(base) < 2:
        raise ValueError(f"base_years={list(base_years)}: the index has fewer than 2 observations there")
    d["dti_std"] = (d["dti"] - base.mean()) / base.std()
    return d.reset_index(drop=True)


def standardisation_span(method: str = "entropy", dti_kwargs: Mapping | None = None,
                         base_years: Sequence[int] = STANDARDISATION_YEARS) -> tuple[int, int]:
    """First and last year of the base of :func:`standardised_dti`: the years of ``base_years`` with the index.

    The base is requested as ``base_years`` (default the WIOD window 1995-2011) but only the
    country-years where the index is observed enter the mean and standard deviation; this says
    which years those are (for the headline index, which starts in 2000: 2000-2011).

    Parameters
    ----------
    method : str
        Weighting method of the index.
    dti_kwargs : mapping, optional
        Further keyword arguments of :func:`digital_trade_index`.
    base_years : sequence of int
        Years requested for the standardisation.

    Returns
    -------
    tuple of int
        ``(first, last)`` year of the index within ``base_years``.

    Raises
    ------
    ValueError
        If the index has fewer than two observations in ``base_years`` (from :func:`standardised_dti`).
    """
    d = standardised_dti(method, dti_kwargs, base_years)
    years = d.loc[d["year"].isin(list(base_years)), "year"]
    return int(years.min()), int(years.max())


def window_label(window: str, years: Sequence[int]) -> str:
    """The label of a window: the years its estimation sample actually covers, then its name.

    Parameters
    ----------
    window : str
        Name of the window (a key of :data:`WINDOWS`).
    years : sequence of int
        Years of the rows the window's regressions use (any order, repeats allowed).

    Returns
    -------
    str
        ``"first-last (window)"``, or ``"year (window)"`` for a single year.

    Raises
    ------
    ValueError
        If ``years`` is empty.

    Examples
    --------
    >>> window_label("WIOD", [2011, 2000, 2005])
    '2000-2011 (WIOD)'
    """
    ys = sorted({int(y) for y in years})
    if not ys:
        raise ValueError(f"years={list(years)!r}: the window {window!r} has no estimation rows")
    span = str(ys[0]) if ys[0] == ys[-1] else f"{ys[0]}-{ys[-1]}"
    return f"{span} ({window})"


def _row(design, outcome, meta, regressor, coef, se, t, p, ci, nobs, clusters, countries, r2, fe, cluster,
         convention, diff):
    hyp, sign, _ = meta
    ci = np.asarray(ci, dtype=float)
    return dict(design=design, outcome=outcome, hypothesis=hyp, expected_sign=sign, regressor=regressor,
                coef=float(coef), se=float(se), t=float(t), p=float(p), ci_low=float(ci[0]), ci_high=float(ci[1]),
                nobs=int(nobs), clusters=int(clusters), countries=int(countries), r2_within=float(r2), fe=fe,
                cluster=cluster, se_convention=convention, max_abs_diff=float(diff))


# ---------------------------------------------------------------------------------------------------
# Country-industry-year (Rajan-Zingales)
# ---------------------------------------------------------------------------------------------------


def industry_design_sample(years: Sequence[int] = WIOD_YEARS, *, reference: str = "world", base_year: int = 1995,
                           method: str = "entropy", dti_kwargs: Mapping | None = None, window: int = 5
                           ) -> pd.DataFrame:
    """The country-industry-year sample of the Rajan-Zingales design (module docstring).

    Parameters
    ----------
    years : sequence of int
        WIOD years (1995-2011).
    reference : str
        Where the industry's digital intensity is measured: ``"world"`` or a WIOD economy code; a
        reference economy is dropped from the sample.
    base_year : int
        Year of the intensity (1995-2011).
    method : str
        Weighting method of the digital trade index.
    dti_kwargs : mapping, optional
        Further arguments of :func:`digital_trade_index`.
    window : int
        Rolling window of the volatility outcomes.

    Returns
    -------
    pandas.DataFrame
        One row per (economy, industry, year) with the index: ``wiod, iso3, industry, year``, the
        outcomes of :data:`INDUSTRY_OUTCOMES`, ``dti, dti_std``, ``intensity`` (raw),
        ``intensity_std`` (standardised across the industries), ``dti_x_intensity`` (the
        regressor) and ``cell`` (economy:industry, the country-industry cluster).

    Raises
    ------
    ValueError
        For years or a base year outside 1995-2011, or an unknown reference.
    """
    years = check_years(years, WIOD_YEARS)
    check_choice(reference, ["world", *wiod_economies()], name="reference")  # before the (slow) panel
    check_years(base_year, WIOD_YEARS, name="base_year")
    panel = manufacturing_industry_panel(window=window)
    panel = panel[panel["year"].isin(years)]
    if reference != "world":
        panel = panel[panel["wiod"] != reference]
    inten = industry_digital_intensity(base_year, reference).set_index("industry")["digital_intensity"]
    dti = standardised_dti(method, dti_kwargs)
    out = panel.merge(dti.drop(columns="iso3"), on=["wiod", "year"], how="inner")
    out["intensity"] = out["industry"].map(inten)
    out["intensity_std"] = out["industry"].map((inten - inten.mean()) / inten.std())
    out["dti_x_intensity"] = out["dti_std"] * out["intensity_std"]
    out["cell"] = out["wiod"] + ":" + out["industry"]
    return out.sort_values(["wiod", "industry", "year"]).reset_index(drop=True)


def _absorbing_check(d: pd.DataFrame, y: str, x: str, fe: str, cluster: str, fit) -> float:
    """Largest gap between pyfixest and linearmodels' AbsorbingLS: coefficient, and the clustered SE without
    small-sample factors (AbsorbingLS's default; pyfixest ``ssc(k_adj=False, G_adj=False)``)."""
    from linearmodels.iv.absorbing import AbsorbingLS

    pf = _quiet_pyfixest()
    yr = d["year"].astype(str)
    cats = {"ct": d["wiod"] + yr, "jt": d["industry"] + yr, "cj": d["wiod"] + d["industry"]}
    absorb = pd.DataFrame({k: pd.Categorical(v) for k, v in cats.items() if k in fe.split("+")})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ab = AbsorbingLS(d[y], d[[x]], absorb=absorb).fit(cov_type="clustered",
                                                            clusters=pd.factorize(d[cluster])[0])
        raw = pf.feols(fit._fml, data=d, vcov={"CRV1": cluster}, ssc=pf.ssc(k_adj=False, G_adj=False))
    return float(max(abs(fit.coef()[x] - ab.params[x]), abs(raw.se()[x] - ab.std_errors[x])))


BOOTSTRAP_WEIGHTS = ("rademacher", "webb")
_WEBB = np.array([-np.sqrt(1.5), -1.0, -np.sqrt(0.5), np.sqrt(0.5), 1.0, np.sqrt(1.5)])


def _wild_draws(yt: np.ndarray, xt: np.ndarray, fl: np.ndarray, g: np.ndarray, reps: int, seed: int,
                weights: str) -> tuple[float, np.ndarray, np.ndarray, np.ndarray]:
    """t statistic of the sample and of each restricted wild-cluster draw (see :func:`wild_bootstrap_absorbed`).

    Returns ``(t0, t_draws, beta_draws, V)`` with ``V`` the (G x reps) cluster weights.
    """
    from pyfixest.estimation import demean

    G = int(g.max()) + 1
    Px = (g[None, :] == np.arange(G)[:, None]) * xt[None, :]  # G x N: row g holds x~ on cluster g's rows
    h = (Px * xt[None, :]).sum(axis=1)  # x~_g' x~_g
    rng = np.random.default_rng(seed)
    V = rng.choice([-1.0, 1.0], size=(G, reps)) if weights == "rademacher" else rng.choice(_WEBB, size=(G, reps))
    xx = float(xt @ xt)

    def t_stats(u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        b = xt @ u / xx
        sc = Px @ u - h[:, None] * b[None, :]  # cluster scores x~_g'(u_g - x~_g b), G x draws
        return b / (np.sqrt((sc**2).sum(axis=0)) / xx), b

    t0 = float(t_stats(yt[:, None])[0][0])
    mu, ok = demean(yt[:, None] * V[g], fl, np.ones(len(yt)), tol=1e-10)
    if not ok:
        raise RuntimeError("the demeaning of the bootstrap draws did not converge")
    tb, bb = t_stats(mu)
    return t0, tb, bb, V


def wild_bootstrap_absorbed(d: pd.DataFrame, y: str, x: str, fixed_effects: Sequence[Sequence[str]], cluster: str,
                           reps: int = 999, seed: int = 20260, weights: str = "rademacher") -> float:
    """Restricted wild cluster bootstrap (WCR) p-value of ``x`` in a regression with absorbed fixed effects.

    Under ``H0: beta = 0`` the restricted model holds the fixed effects only, so its residuals are the
    demeaned outcome ``u~ = M_D y``.  Each draw multiplies them by one weight per cluster ``v_g``
    (Rademacher or Webb's six-point), re-estimates with the fixed effects -- the draw is demeaned again,
    ``M_D (u~ v)``, which is exact also for effects not nested in the clusters -- and forms the clustered
    t statistic; the p-value is the share of draws with ``|t*| >= |t|`` (Cameron, Gelbach & Miller 2008;
    Roodman, MacKinnon, Nielsen & Webb 2019).  The small-sample factor of the CR1 variance is common to
    ``t`` and ``t*`` and cancels.  Vectorised over draws: one demeaning of an ``N x reps`` matrix.

    Parameters
    ----------
    d : pandas.DataFrame
        Rows with ``y``, ``x``, the fixed-effect columns and ``cluster`` observed.
    y : str
        Outcome column.
    x : str
        Regressor column (the coefficient tested).
    fixed_effects : sequence of sequences of str
        Each fixed effect as the columns whose combination defines it (e.g. ``[["wiod", "year"],
        ["industry", "year"]]``).
    cluster : str
        Column of the clusters (the level at which the weights are drawn).
    reps : int
        Number of draws.
    seed : int
        Seed of the weights (the p-value is reproducible).
    weights : {"rademacher", "webb"}

    Returns
    -------
    float
        The bootstrap p-value (two-sided, symmetric).

    Raises
    ------
    ValueError
        For an unknown weight type or fewer than 99 draws.
    """
    from pyfixest.estimation import demean

    check_choice(weights, BOOTSTRAP_WEIGHTS, name="weights")
    if reps < 99:
        raise ValueError(f"reps={reps}: use at least 99 draws")
    codes = [pd.factorize(pd.MultiIndex.from_frame(d[list(cols)].astype(str)))[0] for cols in fixed_effects]
    fl = np.column_stack(codes).astype(np.uint64)
    yx, ok = demean(d[[y, x]].to_numpy(float), fl, np.ones(len(d)), tol=1e-10)
    if not ok:
        raise RuntimeError("the demeaning did not converge")
    t0, tb, _, _ = _wild_draws(yx[:, 0], yx[:, 1], fl, pd.factorize(d[cluster])[0], reps, seed, weights)
    return float(np.mean(np.abs(tb) >= abs(t0)))


def industry_design(sample: pd.DataFrame, outcomes: Sequence[str] | None = None, *, fixed_effects: str = "ct+jt+cj",
                    cluster: str = "wiod", check: bool = True, bootstrap_reps: int = 0, seed: int = 20260,
                    weights: str = "rademacher") -> pd.DataFrame:
    """Estimate the Rajan-Zingales design for each outcome (pyfixest ``feols``, cross-checked).

    Parameters
    ----------
    sample : pandas.DataFrame
        Output of :func:`industry_design_sample`.
    outcomes : sequence of str, optional
        Columns of :data:`INDUSTRY_OUTCOMES` (default all).
    fixed_effects : {"ct+jt+cj", "ct+jt"}
        Country-year + industry-year (+ country-industry) effects.
    cluster : {"wiod", "cell"}
        Cluster by economy or by country-industry.
    check : bool
        Re-estimate with linearmodels' ``AbsorbingLS`` and report the largest gap in ``max_abs_diff``
        (coefficient, and the clustered SE without small-sample factors in both); NaN if False.
    bootstrap_reps : int
        If positive, the restricted wild cluster bootstrap p-value with this many draws
        (:func:`wild_bootstrap_absorbed`) in ``p_wcb``; NaN if 0.
    seed : int
        Seed of the bootstrap weights.
    weights : {"rademacher", "webb"}
        Distribution of the bootstrap weights.

    Returns
    -------
    pandas.DataFrame
        One row per outcome, columns :data:`DESIGN_COLUMNS` (``design = "country-industry"``) and
        ``p_wcb``; ``r2_within`` is the R-squared after the fixed effects; SE convention
        :data:`CR1_NESTED`.

    Raises
    ------
    ValueError
        For an unknown outcome, fixed-effects variant or cluster.
    """
    outcomes = check_subset(list(outcomes or INDUSTRY_OUTCOMES), INDUSTRY_OUTCOMES, name="outcomes")
    check_choice(fixed_effects, INDUSTRY_FE, name="fixed_effects")
    check_choice(cluster, INDUSTRY_CLUSTERS, name="cluster")
    pf = _quiet_pyfixest()
    x = "dti_x_intensity"
    rows = []
    for y in outcomes:
        d = sample.dropna(subset=[y, x]).reset_index(drop=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fit = pf.feols(f"{y} ~ {x} | {INDUSTRY_FE[fixed_effects]}", data=d, vcov={"CRV1": cluster})
        ci = fit.confint().loc[x]
        diff = _absorbing_check(d, y, x, fixed_effects, cluster, fit) if check else np.nan
        g = int(d[cluster].nunique())
        row = _row("country-industry", y, INDUSTRY_OUTCOMES[y], x, fit.coef()[x], fit.se()[x],
                   fit.tstat()[x], fit.pvalue()[x], ci, fit._N, g, d["wiod"].nunique(), fit._r2_within,
                   fixed_effects, INDUSTRY_CLUSTERS[cluster],
                   CR1_NESTED.format(cluster=INDUSTRY_CLUSTERS[cluster], G=g), diff)
        fes = [_FE_COLUMNS[k] for k in fixed_effects.split("+")]
        row["p_wcb"] = (wild_bootstrap_absorbed(d, y, x, fes, cluster, bootstrap_reps, seed, weights)
                        if bootstrap_reps > 0 else np.nan)
        rows.append(row)
    return pd.DataFrame(rows, columns=[*DESIGN_COLUMNS, "p_wcb"])


# ---------------------------------------------------------------------------------------------------
# Recent window
# ---------------------------------------------------------------------------------------------------


def _wiod_gvc_trade() -> pd.DataFrame:
    """Country-year GVC-related shares of manufacturing exports from the bilateral WWZ panel (WIOD 2013)."""
    b = bilateral_gvc_panel()
    b = b[~b["domestic"]]
    g = b.groupby(["exporter", "year"])[["exports", "gvc_exports", "dva_rex", "rdv", "fva", "pdc"]].sum()
    return pd.DataFrame({"wiod": g.index.get_level_values(0), "year": g.index.get_level_values(1),
                         "exports": g["exports"].to_numpy(), "gvc_b": (g["fva"] + g["pdc"]).to_numpy(),
                         "gvc_f": (g["dva_rex"] + g["rdv"]).to_numpy()})


def recent_window_sample(method: str = "entropy", dti_kwargs: Mapping | None = None) -> pd.DataFrame:
    """Country-year GVC-related trade of manufacturing in both windows, with the index and the control.

    WIOD 2013, 1995-2011: ``gvc_b = fva + pdc`` and ``gvc_f = dva_rex + rdv`` summed over partners
    (:func:`helpers.gvc.bilateral.bilateral_gvc_panel`); ADB MRIO, 2017-2022: Borin-Mancini
    ``GVC_trade_b`` and ``GVC_trade_f`` of the manufacturing sectors
    (:func:`helpers.data.adb.adb_manufacturing_gvc`; exports ``x - e``).  Both split gross exports
    into value added absorbed by the direct importer and GVC-related trade the same way.

    Parameters
    ----------
    method : str
        Weighting method of the index.
    dti_kwargs : mapping, optional
        Further arguments of :func:`digital_trade_index`.

    Returns
    -------
    pandas.DataFrame
        ``source, wiod, iso3, year, exports, gvc_b, gvc_f``, the outcomes of :data:`RECENT_WINDOW_OUTCOMES`,
        ``dti, dti_std`` (standardised by :func:`standardised_dti`) and ``ln_gdp_pc`` (log GDP per
        capita, PPP).
    """
    wiod = _wiod_gvc_trade()
    wiod.insert(0, "source", "WIOD 2013")
    adb = adb_manufacturing_gvc()
    adb = adb[adb["year"].between(2017, 2022)]
    adb = pd.DataFrame({"source": "ADB MRIO", "iso3": adb["iso3"], "year": adb["year"], "exports": adb["exports"],
                        "gvc_b": adb["gvc_b"], "gvc_f": adb["gvc_f"]})
    dti = standardised_dti(method, dti_kwargs)
    ctrl = country_year_panel()[["wiod", "iso3", "year", "gdp_pc_ppp"]]
    wiod = wiod.merge(ctrl[["wiod", "iso3"]].drop_duplicates(), on="wiod", how="inner")
    adb = adb.merge(ctrl[["wiod", "iso3"]].drop_duplicates(), on="iso3", how="inner")
    out = pd.concat([wiod, adb], ignore_index=True)
    out = out[out["exports"] > 0]
    out["gvc_share"] = (out["gvc_b"] + out["gvc_f"]) / out["exports"]
    out["gvc_b_share"] = out["gvc_b"] / out["exports"]
    out["gvc_f_share"] = out["gvc_f"] / out["exports"]
    out["ln_exports"] = np.log(out["exports"])
    out = out.merge(dti.drop(columns="iso3"), on=["wiod", "year"], how="left")
    out = out.merge(ctrl.drop(columns="iso3"), on=["wiod", "year"], how="left")
    out["ln_gdp_pc"] = np.log(out["gdp_pc_ppp"])
    cols = ["source", "wiod", "iso3", "year", "exports", "gvc_b", "gvc_f", *RECENT_WINDOW_OUTCOMES, "dti", "dti_std",
            "ln_gdp_pc"]
    return out[cols].sort_values(["source", "wiod", "year"]).reset_index(drop=True)


def _within_sd(df: pd.DataFrame, col: str, entity: str = "wiod", time: str = "year") -> float:
    """Standard deviation of ``col`` after removing entity and time means (the variation two-way FE use).

    Exact for a balanced panel; for an unbalanced one the residual of alternating projections.

    Parameters
    ----------
    df : pandas.DataFrame
    col, entity, time : str

    Returns
    -------
    float
    """
    from .fe import two_way_demean

    return float(two_way_demean(df, [col], entity, time)[col].std())


def recent_window(sample: pd.DataFrame, outcomes: Sequence[str] | None = None,
                  controls: Sequence[str] = ("ln_gdp_pc",), windows: Sequence[str] | None = None) -> pd.DataFrame:
    """The country-year two-way FE regression in each window (:func:`helpers.econometrics.fe.twfe`).

    ``y_ct = beta dti_std_ct + gamma' w_ct + a_c + l_t + e_ct`` on the outcomes of
    :data:`RECENT_WINDOW_OUTCOMES`, in each window of :data:`WINDOWS`.

    Parameters
    ----------
    sample : pandas.DataFrame
        Output of :func:`recent_window_sample`.
    outcomes : sequence of str, optional
        Default: all of :data:`RECENT_WINDOW_OUTCOMES`.
    controls : sequence of str
        Country-year controls (default log GDP per capita, as the baseline).
    windows : sequence of str, optional
        Keys of :data:`WINDOWS` (default all).

    Returns
    -------
    pandas.DataFrame
        :data:`DESIGN_COLUMNS` plus ``window`` (the key of :data:`WINDOWS`), ``first_year`` and
        ``last_year`` (of the row's estimation sample), ``window_label`` (:func:`window_label` of the
        years that the window's regressions use, the same on every row of the window) and ``within_sd``
        (the standard deviation of the standardised index after both fixed effects, in the window's
        estimation sample); standard errors as :data:`helpers.econometrics.fe.SE_NOTE` (linearmodels,
        cross-checked with pyfixest), p-values and intervals from t(G-1).

    Raises
    ------
    ValueError
        For an unknown outcome or window, or a window without estimation rows.
    """
    outcomes = check_subset(list(outcomes or RECENT_WINDOW_OUTCOMES), RECENT_WINDOW_OUTCOMES, name="outcomes")
    windows = check_subset(list(windows or WINDOWS), WINDOWS, name="windows")
    rows = []
    for w in windows:
        source, years = WINDOWS[w]
        sub = sample[(sample["source"] == source) & sample["year"].isin(years)]
        used = []
        for y in outcomes:
            d = sub.dropna(subset=[y, "dti_std", *controls])
            r = twfe(d, y, ["dti_std", *controls])
            b, se = r.table.loc["dti_std", "coef"], r.table.loc["dti_std", "se"]
            q = stats.t.ppf(0.975, r.entities - 1)
            p = 2 * stats.t.sf(abs(b / se), r.entities - 1)
            row = _row("recent window", y, RECENT_WINDOW_OUTCOMES[y], "dti_std", b, se, b / se, p,
                       (b - q * se, b + q * se), r.nobs, r.entities, r.entities, r.r2_within, "country + year",
                       "economy", f"{SE_NOTE}; p-values and 95% intervals from t(G-1)", r.max_abs_diff)
            row["window"] = w
            row["first_year"], row["last_year"] = int(d["year"].min()), int(d["year"].max())
            row["within_sd"] = _within_sd(d, "dti_std")
            rows.append(row)
            used.extend(d["year"])
        label = window_label(w, used)
        for row in rows[len(rows) - len(outcomes):]:
            row["window_label"] = label
    return pd.DataFrame(rows, columns=[*DESIGN_COLUMNS, "window", "first_year", "last_year", "window_label",
                                       "within_sd"])


SHOCK_OUTCOMES = {
    "d_ln_exports_fall": ("H6", "+", "change in log manufacturing exports, 2019-2020"),
    "d_ln_exports_rebound": ("H6", "+", "change in log manufacturing exports, 2020-2022"),
    "d_gvc_share_fall": ("H6", "+", "change in the GVC-related share, 2019-2020"),
    "d_gvc_share_rebound": ("H6", "+", "change in the GVC-related share, 2020-2022"),
}


def shock_2020(sample: pd.DataFrame, controls: Sequence[str] = ("ln_gdp_pc",), peak: int = 2019, trough: int = 2020,
               end: int = 2022) -> pd.DataFrame:
    """The 2020 shock as a cross-section: changes around 2020 on the pre-shock index (ADB MRIO).

    ``Delta y_c = a + b dti_std_c,peak + g' w_c,peak + e_c`` for the fall (``peak`` to ``trough``) and
    the rebound (``trough`` to ``end``) of log manufacturing exports and of the GVC-related share,
    OLS with HC1 standard errors (statsmodels).

    Parameters
    ----------
    sample : pandas.DataFrame
        Output of :func:`recent_window_sample`.
    controls : sequence of str
        Measured in ``peak``.
    peak, trough, end : int
        Years of the shock (2017-2022, ``peak < trough < end``).

    Returns
    -------
    pandas.DataFrame
        :data:`DESIGN_COLUMNS` (``design = "2020 shock"``; ``clusters`` = N, no clustering; ``r2_within``
        holds the R-squared).

    Raises
    ------
    ValueError
        If the years are outside 2017-2022 or not in the order ``peak < trough < end``.
    """
    import statsmodels.api as sm

    check_years([peak, trough, end], range(2017, 2023), name="peak, trough, end")
    if not peak < trough < end:
        raise ValueError(f"peak={peak}, trough={trough}, end={end}: need peak < trough < end")
    adb = sample[sample["source"] == "ADB MRIO"]
    wide = {c: adb.pivot(index="wiod", columns="year", values=c) for c in ("ln_exports", "gvc_share")}
    data = pd.DataFrame({
        "d_ln_exports_fall": wide["ln_exports"][trough] - wide["ln_exports"][peak],
        "d_ln_exports_rebound": wide["ln_exports"][end] - wide["ln_exports"][trough],
        "d_gvc_share_fall": wide["gvc_share"][trough] - wide["gvc_share"][peak],
        "d_gvc_share_rebound": wide["gvc_share"][end] - wide["gvc_share"][trough],
    })
    pre = adb[adb["year"] == peak].set_index("wiod")[["dti_std", *controls]]
    data = data.join(pre)
    rows = []
    for y in SHOCK_OUTCOMES:
        d = data[[y, "dti_std", *controls]].dropna()
        fit = sm.OLS(d[y], sm.add_constant(d[["dti_std", *controls]])).fit(cov_type="HC1")
        b, se = fit.params["dti_std"], fit.bse["dti_std"]
        q = stats.norm.ppf(0.975)
        rows.append(_row("2020 shock", y, SHOCK_OUTCOMES[y], "dti_std", b, se, fit.tvalues["dti_std"],
                         fit.pvalues["dti_std"], (b - q * se, b + q * se), len(d), len(d), len(d), fit.rsquared,
                         "none (cross-section)", "none",
                         "HC1 heteroskedasticity-robust; p-values and intervals from the normal", np.nan))
    return pd.DataFrame(rows, columns=list(DESIGN_COLUMNS))


DESIGN_VERDICTS = ("supports", "runs against", "not significant")
"""Verdicts of :func:`design_verdicts` (the words of the chapter's summary)."""


def design_tests(frame: pd.DataFrame, family: Sequence[str] = ("design",), pvalue: str = "p") -> pd.DataFrame:
    """Design estimates as rows of the chapter's summary of tests, with Holm-adjusted p-values.

    Parameters
    ----------
    frame : pandas.DataFrame
        One or more design frames (columns :data:`DESIGN_COLUMNS`), concatenated; rows without a
        hypothesis are left out.
    family : sequence of str
        Columns whose unique values define the families of Holm's (1979) correction.
    pvalue : str
        Column of the unadjusted p-values (e.g. a wild-bootstrap p-value where there is one).

    Returns
    -------
    pandas.DataFrame
        ``hypothesis, test, design, outcome, estimate, ci_low, ci_high, interval_kind`` (``bounded``),
        ``p`` (from ``pvalue``), ``p_adj`` (Holm within each family) and ``expected`` (``+``, ``-`` or
        ``0``), the columns the summary's verdicts read.

    Raises
    ------
    ValueError
        If a column is missing.
    """
    from statsmodels.stats.multitest import multipletests

    missing = [c for c in ("outcome", "regressor", "coef", "ci_low", "ci_high", "hypothesis", pvalue,
                           "expected_sign", *family) if c not in frame.columns]
    if missing:
        raise ValueError(f"frame: columns {missing} are missing; it has {list(frame.columns)}")
    f = frame[frame["hypothesis"].astype(str) != ""].reset_index(drop=True)
    out = pd.DataFrame({"hypothesis": f["hypothesis"], "test": f["outcome"] + " on " + f["regressor"],
                        "design": f["design"], "outcome": f["outcome"], "estimate": f["coef"],
                        "ci_low": f["ci_low"], "ci_high": f["ci_high"], "interval_kind": "bounded",
                        "p": f[pvalue].astype(float), "p_adj": np.nan, "expected": f["expected_sign"]})
    for _, part in f.groupby(list(family), sort=False):
        p = out.loc[part.index, "p"]
        ok = p.notna()
        if ok.any():
            out.loc[p[ok].index, "p_adj"] = multipletests(p[ok].to_numpy(), method="holm")[1]
    return out


def design_verdicts(frame: pd.DataFrame, alpha: float = 0.05, family: Sequence[str] = ("design",),
                    pvalue: str = "p") -> pd.DataFrame:
    """The verdict of each design test on its hypothesis (Holm-adjusted within each design).

    A test *supports* its hypothesis when its Holm-adjusted p-value (:func:`design_tests`) is below
    ``alpha`` and the estimate has the sign that the hypothesis predicts (``expected``: ``+``, ``-``,
    or ``0`` for "any non-zero effect"); it *runs against* it when significant with the opposite sign;
    otherwise it is *not significant*.

    Parameters
    ----------
    frame : pandas.DataFrame
        Design frames, concatenated (see :func:`design_tests`).
    alpha : float
        Significance level, in (0, 1).
    family : sequence of str
        Columns defining the families of the correction (:func:`design_tests`).
    pvalue : str
        Column of the unadjusted p-values (:func:`design_tests`).

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`design_tests` with ``label`` (when ``frame`` has one) and ``verdict`` (one of
        :data:`DESIGN_VERDICTS`).

    Raises
    ------
    ValueError
        If ``alpha`` is not in (0, 1) or a column is missing.
    """
    if not 0 < alpha < 1:
        raise ValueError(f"alpha={alpha!r}: choose a level in (0, 1)")
    out = design_tests(frame, family, pvalue)
    if "label" in frame.columns:
        out["label"] = frame.loc[frame["hypothesis"].astype(str) != "", "label"].to_numpy()
    sig = out["p_adj"] < alpha
    agree = np.where(out["expected"] == "-", out["estimate"] < 0,
                     np.where(out["expected"] == "+", out["estimate"] > 0, True))
    out["verdict"] = np.where(sig & agree, DESIGN_VERDICTS[0], np.where(sig, DESIGN_VERDICTS[1], DESIGN_VERDICTS[2]))
    return out
