"""Timing: leads and lags of the digital trade index, and the 2009 collapse as an event.

**Leads and lags.** ``y_ct = sum_{k=-K..L} b_k DTI_{c,t-k} + g' w_ct + a_c + l_t + e_ct``: if future
values of the index (``k < 0``, leads) predict today's outcome, the outcome moves before the index does,
a warning of reverse timing or of a common trend the fixed effects do not remove.

**The 2009 collapse.** World trade fell by about a tenth in 2009. Local projections (Jordà 2005) in
the cross-section of economies ask whether economies with more digital trade before the crisis lost
less GVC participation or value added and recovered faster:

.. math::  y_{c,h} - y_{c,2008} = \\alpha_h + \\beta_h \\widetilde{DTI}_{c,pre} + \\gamma_h' w_{c,pre} + u_{c,h},

one regression per horizon ``h`` (2009, 2010, 2011), with ``DTI_pre`` the mean index over the
pre-crisis years (standardised across economies) and pre-crisis controls. Horizons before the base
year (2006, 2007) are placebos: the index should not predict changes that happened before the
shock. Heteroskedasticity-robust HC3 standard errors (Long & Ervin 2000), suited to 39 observations.

References
----------
Jordà (2005), "Estimation and inference of impulse responses by local projections", American
Economic Review 95(1). Long & Ervin (2000), "Using heteroscedasticity consistent standard errors in
the linear regression model", The American Statistician 54(3).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from ..data.checks import check_years
from .fe import twfe
from .inference import complete_rows, within_ols


def add_leads_lags(sample: pd.DataFrame, col: str, leads: int = 2, lags: int = 2, entity: str = "wiod",
                   time: str = "year") -> pd.DataFrame:
    """Add ``{col}_lead{k}`` and ``{col}_lag{k}`` columns (values of the same entity ``k`` years apart).

    A year without an observation gives a missing value (no filling across gaps).

    Parameters
    ----------
    sample : DataFrame
        Country-year panel with ``wiod`` and ``year``.
    col : str
        The column (the index by default).
    leads : int
        Number of leads (0 or more).
    lags : int
        Number of lags (0 or more).
    entity : str
        Entity column.
    time : str
        Period column.

    Returns
    -------
    DataFrame
        A copy with the new columns.

    Raises
    ------
    ValueError
        If a column is missing or ``leads``/``lags`` is negative.
    """
    if leads < 0 or lags < 0:
        raise ValueError(f"leads={leads!r}, lags={lags!r}: give non-negative numbers")
    complete_rows(sample, [entity, time])
    if col not in sample.columns:
        raise ValueError(f"col={col!r} is not a column of the sample")
    out = sample.copy()
    base = out[[entity, time, col]]
    for k, name in [*[(-k, f"{col}_lead{k}") for k in range(1, leads + 1)],
                    *[(k, f"{col}_lag{k}") for k in range(1, lags + 1)]]:
        shifted = base.assign(**{time: base[time] + k}).rename(columns={col: name})
        out = out.merge(shifted, on=[entity, time], how="left")
    return out


def leads_lags_table(sample: pd.DataFrame, outcomes: Sequence[str], col: str = "dti_std", leads: int = 2,
                     lags: int = 2, controls: Sequence[str] = ("ln_gdp_pc",)) -> pd.DataFrame:
    """Two-way FE regressions of each outcome on leads, the current value and lags of ``col``.

    Every regression is computed by linearmodels and pyfixest (:func:`helpers.econometrics.fe.twfe`);
    p-values from t(G-1) with CR1 standard errors (:func:`helpers.econometrics.inference.within_ols`).
    The sample is the years where every lead and lag exists.

    Parameters
    ----------
    sample : DataFrame
        Country-year panel with ``wiod`` and ``year``.
    outcomes : sequence of str
        Outcome columns.
    col : str
        The column (the index by default).
    leads : int
        Number of leads (future values of ``col``).
    lags : int
        Number of lags (past values of ``col``).
    controls : sequence of str
        Control columns.

    Returns
    -------
    DataFrame
        One row per (outcome, term): ``outcome, term, k`` (negative for leads), ``coef, se, p, nobs,
        countries, max_abs_diff``.
    """
    d = add_leads_lags(sample, col, leads, lags)
    terms = ([f"{col}_lead{k}" for k in range(leads, 0, -1)] + [col] + [f"{col}_lag{k}" for k in range(1, lags + 1)])
    offsets = list(range(-leads, lags + 1))
    rows = []
    for y in outcomes:
        x = [*terms, *controls]
        r = twfe(d, y, x)
        w = within_ols(d, y, x)
        for term, k in zip(terms, offsets, strict=True):
            rows.append(dict(outcome=y, term=term, k=k, coef=w.coef[term], se=w.se[term], p=w.p[term],
                             nobs=w.nobs, countries=w.clusters,
                             max_abs_diff=max(r.max_abs_diff, abs(r.table.loc[term, "coef"] - w.coef[term]),
                                              abs(r.table.loc[term, "se"] - w.se[term]))))
    return pd.DataFrame(rows)


def hc3_ols(y: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """OLS coefficients and HC3 standard errors (``x`` includes the constant).

    ``V = (X'X)^{-1} X' diag(u_i^2 / (1 - h_ii)^2) X (X'X)^{-1}`` (MacKinnon & White 1985).

    Parameters
    ----------
    y : ndarray
        ``N``.
    x : ndarray
        ``N x K``.

    Returns
    -------
    (ndarray, ndarray)
        Coefficients and standard errors.
    """
    a = np.linalg.inv(x.T @ x)
    b = a @ x.T @ y
    u = y - x @ b
    h = np.einsum("ij,jk,ik->i", x, a, x)
    meat = (x * (u / (1 - h))[:, None]).T @ (x * (u / (1 - h))[:, None])
    return b, np.sqrt(np.diag(a @ meat @ a))


def crisis_projections(sample: pd.DataFrame, outcomes: Sequence[str], index: str = "dti",
                       pre_years: Sequence[int] = (2005, 2006, 2007), base_year: int = 2008,
                       horizons: Sequence[int] = (2006, 2007, 2009, 2010, 2011),
                       controls: Sequence[str] = ("ln_gdp_pc",), log_outcomes: Sequence[str] = ()) -> pd.DataFrame:
    """Local projections of the 2009 collapse on the pre-crisis digital trade index (cross-section).

    For each outcome and horizon ``h``: ``y_{c,h} - y_{c,base}`` (for ``log_outcomes``:
    ``ln y_{c,h} - ln y_{c,base}``) regressed on a constant, the standardised mean of ``index`` over
    ``pre_years`` and the means of the controls over ``pre_years``; HC3 standard errors, p-values from
    t(N-K). Horizons before ``base_year`` are placebos.

    Parameters
    ----------
    sample : DataFrame
        Country-year panel.
    outcomes : sequence of str
        Outcome columns.
    index : str
        The index (standardised across economies after averaging over ``pre_years``).
    pre_years : sequence of int
        Years averaged for the pre-crisis index and controls.
    base_year : int
        The year changes are measured from.
    horizons : sequence of int
        Years the changes are measured to (before ``base_year``: placebos).
    controls : sequence of str
        Control columns.
    log_outcomes : sequence of str
        Outcomes taken in logs (levels in USD such as value added).

    Returns
    -------
    DataFrame
        One row per (outcome, horizon): ``outcome, horizon, placebo, coef, se, p, ci_low, ci_high,
        nobs, mean_change`` (the average change across economies).

    Raises
    ------
    ValueError
        If a column or year is missing, or a horizon equals the base year.
    """
    years = sorted(sample["year"].unique())
    check_years(list(pre_years), years, name="pre_years")
    check_years(list(horizons), years, name="horizons")
    check_years(base_year, years, name="base_year")
    if base_year in horizons:
        raise ValueError(f"horizons={list(horizons)}: the base year {base_year} cannot be a horizon")
    bad = [c for c in [*outcomes, index, *controls] if c not in sample.columns]
    if bad:
        raise ValueError(f"columns {bad} are not in the sample")
    pre = sample[sample["year"].isin(pre_years)].groupby("wiod")[[index, *controls]].mean()
    pre = pre.dropna()
    pre[index] = (pre[index] - pre[index].mean()) / pre[index].std()
    wide = {o: sample.pivot(index="wiod", columns="year", values=o) for o in outcomes}
    rows = []
    for o in outcomes:
        w = np.log(wide[o]) if o in log_outcomes else wide[o]
        for h in horizons:
            dy = (w[h] - w[base_year]).rename("dy")
            d = complete_rows(pre.join(dy, how="inner").reset_index(), ["dy", index, *controls])
            x = np.column_stack([np.ones(len(d)), d[[index, *controls]].to_numpy(dtype=float)])
            b, se = hc3_ols(d["dy"].to_numpy(dtype=float), x)
            dof = len(d) - x.shape[1]
            tcrit = stats.t.ppf(0.975, dof)
            rows.append(dict(outcome=o, horizon=h, placebo=h < base_year, coef=b[1], se=se[1],
                             p=2 * stats.t.sf(abs(b[1] / se[1]), dof), ci_low=b[1] - tcrit * se[1],
                             ci_high=b[1] + tcrit * se[1], nobs=len(d), mean_change=float(d["dy"].mean())))
    return pd.DataFrame(rows)
