"""The estimation sample and the hypothesis tests of the empirical chapter.

The paper tests three claims, which the theory chapter states as

- H1 (length): digital trade lengthens manufacturing GVCs, ``d PL / d DTI > 0``;
- H2 (division of labour): it deepens participation and moves the GVC position;
- H3 (resilience): it raises the resilience index, ``d RES / d DTI > 0``.

Each is estimated as a two-way fixed-effects regression on the country-year panel of
the 39 WIOD economies with a digital trade index (Taiwan cannot be measured),
1995-2011:

.. math::  y_{ct} = \\beta\\, \\widetilde{DTI}_{ct} + \\gamma' w_{ct} + \\alpha_c + \\lambda_t + \\varepsilon_{ct},

with :math:`\\widetilde{DTI}` the index standardised over the estimation sample (so
:math:`\\beta` is the effect of one standard deviation), controls :math:`w` (log GDP
per capita at PPP by default), and standard errors clustered by country. Every
regression is computed by linearmodels and pyfixest (:func:`helpers.econometrics.fe.twfe`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from ..data.checks import check_years
from ..data.facts import DIMENSIONS, hypotheses
from ..data.panel import country_year_panel
from ..data.wiot import WIOD_YEARS
from ..gvc.datasets import gvc_country_year
from ..gvc.sourcing import manufacturing_gvc_panel
from ..indices.dti import digital_trade_index
from ..indices.resilience import resilience_index
from .fe import twfe
from .inference import (
    adjust_pvalues,
    check_level,
    complete_rows,
    estimation_rows,
    fe_residualise,
    romano_wolf,
    wild_cluster_bootstrap,
    wild_weights,
    within_ols,
)

#: outcome variable -> (hypothesis, label); one place for the chapter's outcome list.
OUTCOMES = {
    "plv_gvc_mfg": ("H1 length", "forward GVC production length, manufacturing (stages)"),
    "ply_gvc_mfg": ("H1 length", "backward GVC production length, manufacturing (stages)"),
    "gvc_f_mfg": ("H2 division of labour", "forward GVC participation, manufacturing (share)"),
    "gvc_b_mfg": ("H2 division of labour", "backward GVC participation, manufacturing (share)"),
    "gvc_pos_mfg": ("H2 division of labour", "GVC position index, manufacturing (>1 upstream)"),
    "res": ("H3 resilience", "manufacturing GVC resilience index (0-1)"),
    "security": ("H3 resilience", "security score (0-1)"),
    "stability": ("H3 resilience", "stability score (0-1)"),
}

#: outcomes whose coefficient is expected with the opposite sign of their hypothesis's direction:
#: supplier concentration falls when sourcing diversifies (H5).
EXPECTED_SIGN = {"supplier_hhi": "-"}

#: further GVC columns the chapter needs besides the outcomes: the mediators (simple and complex
#: participation) and the levels of the 2009 event study.
EXTRA_GVC = ("gvc_f_simple_mfg", "gvc_f_complex_mfg", "gvc_b_simple_mfg", "gvc_b_complex_mfg",
             "va_mfg", "exports_mfg")


def estimation_sample(years: Sequence[int] = WIOD_YEARS, method: str = "entropy", *, dti_variant: str = "headline",
                      res_variant: str = "vulnerability", dti_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The country-year estimation sample: GVC outcomes, resilience, digital trade index, controls.

    Parameters
    ----------
    years : sequence of int
        WIOD years (1995-2011).
    method : str
        Weighting of the digital trade and resilience indices ("entropy", "equal", "pca", "critic").
    dti_variant : {"headline", "no_fdi_tariff", "all", "first_version"}
        Indicator set of the digital trade index (:func:`helpers.indices.dti.digital_trade_index`).
    res_variant : {"vulnerability", "exposure_inclusive"}
        Design of the resilience index (:func:`helpers.indices.resilience.resilience_index`).
    dti_frame : pandas.DataFrame, optional
        A digital trade index frame to use instead (e.g. the balanced post-2000 subsample,
        ``digital_trade_index(..., balanced=True)``); economies and years it lacks have no index.

    Returns
    -------
    DataFrame
        One row per (economy, year) for the 40 WIOD economies (``wiod``, ``iso3``),
        with the outcomes of :data:`OUTCOMES`, the columns of :data:`EXTRA_GVC`, the supplier
        concentration ``supplier_hhi`` (HHI of foreign value added in manufacturing exports, the rest of
        the world as one source; :func:`helpers.gvc.sourcing.manufacturing_gvc_panel`), ``dti`` and its
        four dimensions, ``ln_gdp_pc``
        (log GDP per capita, PPP), ``hc`` (PWT human capital) and ``dti_std`` (the index
        standardised over the rows where it is observed).
    """
    years = list(check_years(years, WIOD_YEARS))
    gvc = gvc_country_year(tuple(WIOD_YEARS))
    gvc = gvc[gvc["wiod"] != "RoW"][["wiod", "iso3", "year",
                                     *[k for k in (*OUTCOMES, *EXTRA_GVC) if k in gvc.columns]]]
    if dti_frame is None:
        dti_frame = digital_trade_index(method=method, variant=dti_variant)
    dti = dti_frame[["wiod", "year", "dti", *DIMENSIONS]]
    res = resilience_index(method=method, variant=res_variant)[["wiod", "year", "res", "security", "stability"]]
    # supplier concentration (H5): HHI of foreign value added in manufacturing exports, RoW as one source
    res = res.merge(manufacturing_gvc_panel()[["wiod", "year", "supplier_hhi"]], on=["wiod", "year"], how="left")
    ctrl = country_year_panel()[["wiod", "year", "gdp_pc_ppp", "hc_pwt"]]
    out = (gvc.merge(dti, on=["wiod", "year"], how="left")
              .merge(res, on=["wiod", "year"], how="left")
              .merge(ctrl, on=["wiod", "year"], how="left"))
    out = out[out["year"].isin(years)].reset_index(drop=True)
    out["ln_gdp_pc"] = np.log(out["gdp_pc_ppp"])
    out["hc"] = out["hc_pwt"]
    ok = out["dti"].notna()
    out["dti_std"] = (out["dti"] - out.loc[ok, "dti"].mean()) / out.loc[ok, "dti"].std()
    for d in DIMENSIONS:
        out[f"{d}_std"] = (out[d] - out.loc[ok, d].mean()) / out.loc[ok, d].std()
    return out.drop(columns=["gdp_pc_ppp", "hc_pwt"])


def hypothesis_table(sample: pd.DataFrame, outcomes: Sequence[str] | None = None,
                     regressors: Sequence[str] = ("dti_std",), controls: Sequence[str] = ("ln_gdp_pc",)
                     ) -> pd.DataFrame:
    """Two-way FE regressions of each outcome on the digital trade regressors and controls.

    The first version of the chapter's table (p-values from linearmodels, t with N-K degrees of
    freedom); :func:`headline_estimates` adds the inference the chapter now reports.

    Parameters
    ----------
    sample : DataFrame
        Country-year panel (:func:`estimation_sample`).
    outcomes : sequence of str, optional
        Outcome columns (default :data:`OUTCOMES`).
    regressors : sequence of str
        Regressors of interest (one row each per outcome).
    controls : sequence of str
        Control columns.

    Returns
    -------
    DataFrame
        One row per (outcome, regressor): hypothesis, coef, se, t, p, N, countries, within R2,
        and ``max_abs_diff`` between the linearmodels and pyfixest estimates.

    Raises
    ------
    ValueError
        If an outcome is not a column of the sample.
    """
    outcomes = list(outcomes or OUTCOMES)
    unknown = [o for o in outcomes if o not in sample.columns]
    if unknown:
        raise ValueError(f"outcomes {unknown} are not columns of the sample; available: {list(OUTCOMES)}")
    rows = []
    for y in outcomes:
        r = twfe(sample, y, [*regressors, *controls])
        for x in regressors:
            rows.append(dict(outcome=y, hypothesis=OUTCOMES.get(y, ("", ""))[0], regressor=x,
                             coef=r.table.loc[x, "coef"], se=r.table.loc[x, "se"], t=r.table.loc[x, "t"],
                             p=r.table.loc[x, "p"], nobs=r.nobs, countries=r.entities, r2_within=r.r2_within,
                             max_abs_diff=r.max_abs_diff))
    return pd.DataFrame(rows)


def hypothesis_of(outcome: str) -> str:
    """The id of the first hypothesis (facts file ``hypotheses.csv``) that lists ``outcome``.

    Parameters
    ----------
    outcome : str
        Outcome column.

    Returns
    -------
    str
        E.g. ``"H2a"``; ``""`` if no hypothesis lists it.
    """
    for r in hypotheses().itertuples():
        if outcome in str(r.outcomes).split(";"):
            return r.id
    return ""


def within_sd(sample: pd.DataFrame, col: str, entity: str = "wiod", time: str = "year") -> dict:
    """How much of a regressor's variation survives the two fixed effects.

    Parameters
    ----------
    sample : DataFrame
        Complete rows of the regression sample.
    col : str
        The column.
    entity : str
        Entity column.
    time : str
        Period column.

    Returns
    -------
    dict
        ``sd_pooled`` (standard deviation over the rows), ``sd_within`` (of the residual after
        entity and time effects, :func:`helpers.econometrics.inference.fe_residualise`) and
        ``within_share = sd_within / sd_pooled``.
    """
    d = complete_rows(sample, [entity, time, col])
    sd_w = float(fe_residualise(d, [col], (entity, time))[col].std())
    sd_p = float(d[col].std())
    return {"sd_pooled": sd_p, "sd_within": sd_w, "within_share": sd_w / sd_p}


def headline_estimates(sample: pd.DataFrame, outcomes: Sequence[str] | None = None,
                       regressors: Sequence[str] = ("dti_std",), controls: Sequence[str] = ("ln_gdp_pc",), *,
                       reps: int = 9999, kind: str = "rademacher", seed: int = 0, level: float = 0.95
                       ) -> pd.DataFrame:
    """Two-way FE estimates of each outcome on the regressors, with every inference the chapter reports.

    For each outcome, ``y_ct = b' x_ct + g' w_ct + a_c + l_t + e_ct`` is estimated three times
    (linearmodels and pyfixest inside :func:`helpers.econometrics.fe.twfe`, and the exact within
    transformation of :func:`helpers.econometrics.inference.within_ols`); the table reports

    - ``coef, se`` (CR1 by economy, K counting the absorbed effects), ``t``, ``p`` from t(G-1) and
      the ``level`` interval ``coef +- t_{G-1} se``; ``p_lm``: linearmodels' p-value (t with N-K
      degrees of freedom), for comparison;
    - ``p_wild``: restricted wild cluster bootstrap (:func:`~helpers.econometrics.inference.wild_cluster_bootstrap`),
      one set of cluster weights shared by every test of the call;
    - family-wise adjusted p-values over all rows of the call: ``p_rw`` Romano-Wolf (from the joint
      bootstrap), ``p_holm`` Holm and ``p_bh`` Benjamini-Hochberg (both from ``p_wild``);
    - ``sd_within / sd_pooled`` of the regressor and ``coef_within = coef x sd_within / sd_pooled``: the
      effect of one standard deviation of the variation the fixed effects leave (regressors given in
      pooled standard deviations);
    - ``max_abs_diff``: the largest gap between the three implementations (coefficients and SEs).

    Parameters
    ----------
    sample : DataFrame
        Country-year panel (:func:`estimation_sample`).
    outcomes : sequence of str, optional
        Default :data:`OUTCOMES`.
    regressors : sequence of str
        Regressors of interest (one row each per outcome).
    controls : sequence of str
        Control columns.
    reps : int
        Wild bootstrap draws.
    kind : {"rademacher", "webb"}
        Wild bootstrap weights.
    seed : int
        Seed of the draws (one set shared by every test of the call).
    level : float
        Confidence level.

    Returns
    -------
    DataFrame
        One row per (outcome, regressor).

    Raises
    ------
    ValueError
        If a column is missing or ``level`` is not in (0, 1).
    """
    check_level(level)
    outcomes = list(OUTCOMES) if outcomes is None else list(outcomes)
    regressors, controls = list(regressors), list(controls)
    complete_rows(sample, ["wiod", "year", *regressors, *controls])
    unknown = [o for o in outcomes if o not in sample.columns]
    if unknown:
        raise ValueError(f"outcomes: {unknown} are not columns of the sample; known outcomes: {list(OUTCOMES)}")
    weights = wild_weights(sorted(sample["wiod"].unique()), reps, kind, seed)
    rows, boots = [], []
    for y in outcomes:
        x = [*regressors, *controls]
        r = twfe(sample, y, x)
        w = within_ols(sample, y, x)
        d = estimation_rows(sample, [y, *x], ["wiod", "year"])
        tcrit = stats.t.ppf(0.5 + level / 2, w.clusters - 1)
        for reg in regressors:
            wb = wild_cluster_bootstrap(sample, y, x, reg, weights=weights)
            boots.append(wb.t_boot)
            gap = max(r.max_abs_diff, abs(r.table.loc[reg, "coef"] - w.coef[reg]),
                      abs(r.table.loc[reg, "se"] - w.se[reg]))
            sd = within_sd(d, reg)
            rows.append(dict(outcome=y, hypothesis=hypothesis_of(y), regressor=reg, coef=w.coef[reg], se=w.se[reg],
                             t=w.t[reg], p=w.p[reg], ci_low=w.coef[reg] - tcrit * w.se[reg],
                             ci_high=w.coef[reg] + tcrit * w.se[reg], p_lm=r.table.loc[reg, "p"], p_wild=wb.p,
                             nobs=w.nobs, countries=w.clusters, r2_within=w.r2_within, **sd,
                             coef_within=w.coef[reg] * sd["within_share"], max_abs_diff=gap))
    out = pd.DataFrame(rows)
    out["p_rw"] = romano_wolf(out["t"], np.vstack(boots))
    out["p_holm"] = adjust_pvalues(out["p_wild"], "holm")
    out["p_bh"] = adjust_pvalues(out["p_wild"], "bh")
    out["reps"], out["weights"] = weights.shape[1], kind
    return out


VERDICTS = ("supports", "runs against", "not significant")
"""Verdicts of one test (:func:`verdict_table`)."""


def verdict_table(tests: pd.DataFrame, alpha: float = 0.05) -> pd.DataFrame:
    """The verdict of each test on its hypothesis, computed from its estimate, p-value and expected sign.

    A test *supports* its hypothesis when its p-value (``p_adj`` when given and not missing, else
    ``p``) is below ``alpha`` and the estimate has the expected sign (``+`` or ``-``; ``0`` means any
    non-zero effect); it *runs against* it when significant with the opposite sign; otherwise it is
    *not significant*.

    Parameters
    ----------
    tests : DataFrame
        One row per test with ``hypothesis`` (an id of ``hypotheses.csv``), ``test``, ``design``,
        ``estimate``, ``p`` and optionally ``ci_low, ci_high``, ``p_adj`` and ``expected`` (default:
        the hypothesis's sign in the facts file). Rows from other designs (industry, bilateral,
        recent window) can be appended as long as they carry these columns.
    alpha : float
        Significance level.

    Returns
    -------
    DataFrame
        ``tests`` with ``expected``, ``p_used`` and ``verdict``.

    Raises
    ------
    ValueError
        If a column is missing, a hypothesis id is unknown or an expected sign is not ``+``, ``-``, ``0``.
    """
    need = ["hypothesis", "test", "design", "estimate", "p"]
    missing = [c for c in need if c not in tests.columns]
    if missing:
        raise ValueError(f"tests: columns {missing} are missing; need {need}")
    hyp = hypotheses().set_index("id")
    bad = sorted(set(tests["hypothesis"]) - set(hyp.index))
    if bad:
        raise ValueError(f"tests: hypotheses {bad} are not in hypotheses.csv; valid: {list(hyp.index)}")
    out = tests.copy()
    if "expected" not in out.columns:
        out["expected"] = np.nan
    out["expected"] = out["expected"].fillna(out["hypothesis"].map(hyp["sign"])).astype(str)
    bad = sorted(set(out["expected"]) - {"+", "-", "0"})
    if bad:
        raise ValueError(f"tests: expected signs {bad} are not valid; use '+', '-' or '0'")
    out["p_used"] = out["p_adj"].fillna(out["p"]) if "p_adj" in out.columns else out["p"]
    sig = out["p_used"] < alpha
    agrees = np.where(out["expected"] == "0", True,
                      np.where(out["expected"] == "+", out["estimate"] > 0, out["estimate"] < 0))
    out["verdict"] = np.where(~sig, VERDICTS[2], np.where(agrees, VERDICTS[0], VERDICTS[1]))
    return out


def hypothesis_summary(tests: pd.DataFrame, alpha: float = 0.05) -> pd.DataFrame:
    """One row per hypothesis of ``hypotheses.csv``: the tests that address it and what they found.

    The overall verdict: *supported* (some tests support it, none runs against it), *contradicted*
    (some run against it, none supports it), *mixed* (both), *not supported* (no test is
    significant), *not tested* (no test).

    Parameters
    ----------
    tests : DataFrame
        As for :func:`verdict_table`.
    alpha : float
        Significance level.

    Returns
    -------
    DataFrame
        ``hypothesis, topic, n_tests, n_supports, n_against, n_not_significant, designs, overall``.
    """
    v = verdict_table(tests, alpha)
    rows = []
    for h in hypotheses().itertuples():
        t = v[v["hypothesis"] == h.id]
        ns, na = int((t["verdict"] == VERDICTS[0]).sum()), int((t["verdict"] == VERDICTS[1]).sum())
        overall = ("not tested" if t.empty else "mixed" if ns and na else "supported" if ns
                   else "contradicted" if na else "not supported")
        rows.append(dict(hypothesis=h.id, topic=h.label, n_tests=len(t), n_supports=ns, n_against=na,
                         n_not_significant=len(t) - ns - na, designs="; ".join(dict.fromkeys(t["design"])),
                         overall=overall))
    return pd.DataFrame(rows)


def collect_tests(*, headline: pd.DataFrame | None = None, iv: pd.DataFrame | None = None,
                  mediation: pd.DataFrame | None = None, projections: pd.DataFrame | None = None,
                  extra: pd.DataFrame | None = None) -> pd.DataFrame:
    """Gather the chapter's tests of the hypotheses into the columns :func:`verdict_table` reads.

    - ``headline`` (:func:`headline_estimates`): design "two-way FE, country-year"; ``p`` the wild
      bootstrap p-value, ``p_adj`` Romano-Wolf over the family.
    - ``iv`` (:func:`helpers.econometrics.iv.iv_table`): design "IV: <instrument>"; the estimate is the
      2SLS coefficient, ``p`` the Anderson-Rubin p-value of a zero effect (valid with weak
      instruments), the interval the AR set, ``p_adj`` Holm over the rows.
    - ``mediation`` (:func:`helpers.econometrics.mediation.mediation_table`): H4, the indirect effect
      through each mediator, ``p`` the bootstrap p-value, ``p_adj`` Holm over the rows.
    - ``projections`` (:func:`helpers.econometrics.dynamics.crisis_projections`): H6, the horizons
      after the crisis (placebos left out), ``p_adj`` Holm over the rows.
    - ``extra``: rows already in the target columns (other designs), appended as they are.

    Parameters
    ----------
    headline : DataFrame, optional
        From :func:`headline_estimates`.
    iv : DataFrame, optional
        From :func:`helpers.econometrics.iv.iv_table`.
    mediation : DataFrame, optional
        From :func:`helpers.econometrics.mediation.mediation_table`.
    projections : DataFrame, optional
        From :func:`helpers.econometrics.dynamics.crisis_projections`.
    extra : DataFrame, optional
        Rows already in the target columns (other designs).

    Returns
    -------
    DataFrame
        ``hypothesis, test, design, outcome, estimate, ci_low, ci_high, interval_kind`` (``bounded``,
        or the kind of an Anderson-Rubin set: ``two rays``, ``whole line``, ``empty``), ``p, p_adj`` (and
        ``expected`` where the expected sign differs from the hypothesis's).

    Raises
    ------
    ValueError
        If no part is given.
    """
    parts = []
    if headline is not None:
        parts.append(pd.DataFrame({
            "hypothesis": headline["outcome"].map(hypothesis_of), "outcome": headline["outcome"],
            "test": headline["outcome"] + " on " + headline["regressor"], "design": "two-way FE, country-year",
            "estimate": headline["coef"], "ci_low": headline["ci_low"], "ci_high": headline["ci_high"],
            "p": headline["p_wild"], "p_adj": headline["p_rw"], "expected": headline["outcome"].map(EXPECTED_SIGN),
            "interval_kind": "bounded"}))
    if iv is not None:
        parts.append(pd.DataFrame({
            "hypothesis": iv["outcome"].map(hypothesis_of), "outcome": iv["outcome"],
            "test": iv["outcome"] + " (2SLS)", "design": "IV: " + iv["instrument"], "estimate": iv["coef"],
            "ci_low": iv["ar_low"], "ci_high": iv["ar_high"], "interval_kind": iv["ar_kind"], "p": iv["ar_p0"],
            "p_adj": adjust_pvalues(iv["ar_p0"], "holm")}))
    if mediation is not None:
        parts.append(pd.DataFrame({
            "hypothesis": "H4", "outcome": mediation["outcome"],
            "test": mediation["outcome"] + " via " + mediation["mediator"], "design": "mediation (cluster bootstrap)",
            "estimate": mediation["indirect"], "ci_low": mediation["ci_low"], "ci_high": mediation["ci_high"],
            "interval_kind": "bounded", "p": mediation["p_boot"],
            "p_adj": adjust_pvalues(mediation["p_boot"], "holm")}))
    if projections is not None:
        lp = projections[~projections["placebo"]]
        parts.append(pd.DataFrame({
            "hypothesis": "H6", "outcome": lp["outcome"], "test": lp["outcome"] + ", " + lp["horizon"].astype(str),
            "design": "local projection, 2009 collapse", "estimate": lp["coef"], "ci_low": lp["ci_low"],
            "ci_high": lp["ci_high"], "interval_kind": "bounded", "p": lp["p"],
            "p_adj": adjust_pvalues(lp["p"], "holm")}))
    if extra is not None:
        parts.append(extra)
    if not parts:
        raise ValueError("collect_tests: give at least one of headline, iv, mediation, projections, extra")
    out = pd.concat(parts, ignore_index=True)
    out["interval_kind"] = out.get("interval_kind", pd.Series(index=out.index, dtype=object)).fillna("bounded")
    return out


def estimation_codebook(sample: pd.DataFrame | None = None) -> pd.DataFrame:
    """Codebook of the estimation sample: every column, its definition, unit and source.

    Definitions come from the codebooks they are built from (one place for each): the GVC codebook
    (:func:`helpers.gvc.datasets.gvc_codebook`; ``_mfg`` = over the manufacturing industries
    c3-c16), the codebook of the index datasets (facts file ``index_codebook.csv``) and the
    indicator catalogue (controls); the columns made here (logs, standardised indices) are defined
    below. Currencies are written without "$" ("USD", "international dollars").

    Parameters
    ----------
    sample : DataFrame, optional
        An estimation sample; its columns are documented in their order (default: the columns
        :func:`estimation_sample` returns).

    Returns
    -------
    DataFrame
        ``column, definition, unit, source``.

    Raises
    ------
    ValueError
        If a column of ``sample`` has no definition.
    """
    from ..data.facts import read_fact
    from ..data.indicators import indicator_catalogue
    from ..gvc.datasets import gvc_codebook

    gvc = gvc_codebook().set_index("column")
    idx = read_fact("index_codebook.csv")
    idx = idx[idx["dataset"].isin(["digital_trade_index.csv", "resilience_index.csv"])].drop_duplicates("column")
    idx = idx.set_index("column")
    cat = indicator_catalogue().set_index("variable")
    rows = {}
    for col in ("wiod", "iso3", "year"):
        rows[col] = (gvc.at[col, "definition"], gvc.at[col, "unit"], "WIOD 2013")
    for col in (*[c for c in OUTCOMES if c not in idx.index], *EXTRA_GVC):
        base = col.removesuffix("_mfg")
        rows[col] = (f"{gvc.at[base, 'definition']}, manufacturing industries (c3-c16)", gvc.at[base, "unit"],
                     f"GVC engine on WIOD 2013; {gvc.at[base, 'reference']}")
    for col in ("dti", *DIMENSIONS, "res", "security", "stability"):
        text = re.sub(r" \(headline weighting(: \w+)?\)", "", idx.at[col, "definition"])
        rows[col] = (text + " (weighting: the sample's method)", idx.at[col, "unit"],
                     "index datasets of the measurement chapter")
    rows["supplier_hhi"] = ("Herfindahl index of foreign value added in manufacturing exports across source "
                            "economies (rest of the world as one source)", "index 0-1",
                            "GVC engine on WIOD 2013 (value-added origin of manufacturing exports)")
    rows["ln_gdp_pc"] = (f"Natural log of {cat.at['gdp_pc_ppp', 'definition']}", "log " + cat.at["gdp_pc_ppp", "unit"],
                         "WDI (control)")
    rows["hc"] = (cat.at["hc_pwt", "definition"], cat.at["hc_pwt", "unit"], "Penn World Table 10.01 (control)")
    rows["dti_std"] = ("Digital trade index standardised over the rows where it is observed (mean 0, s.d. 1)",
                       "standard deviations", "derived")
    for d in DIMENSIONS:
        rows[f"{d}_std"] = (f"{rows[d][0]}, standardised like dti_std", "standard deviations", "derived")
    cols = list(rows) if sample is None else list(sample.columns)
    missing = [c for c in cols if c not in rows]
    if missing:
        raise ValueError(f"sample: columns {missing} have no definition in the estimation codebook")
    out = pd.DataFrame([(c, *rows[c]) for c in cols], columns=["column", "definition", "unit", "source"])
    for col in ("definition", "unit"):  # the book's prose and tables write currencies without "$"
        out[col] = out[col].str.replace("US$", "USD", regex=False).str.replace("$", "dollars", regex=False)
    return out
