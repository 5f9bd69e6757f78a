"""Instrumental variables with two-way fixed effects: instruments, 2SLS, first-stage F and Anderson-Rubin sets.

The model is ``y_ct = b DTI_ct + g' w_ct + a_c + l_t + e_ct`` with ``DTI`` endogenous (digital trade
and GVC integration are chosen together) and instruments ``z_ct`` that move the index for reasons
unrelated to ``e``. Two candidates, each defensible only in part (the chapter discusses both):

- :func:`regional_loo_instrument`: the mean index of the *other* economies of the same region in
  the same year (digital development spreads regionally: common languages, platforms, regulation).
  Threat: regional shocks to GVCs (EU enlargement) that move both; and within a region-year the
  instrument is mechanically ``(S_rt - x_ct) / (n_r - 1)``, so it falls as the own index rises.
- :func:`historical_telecom_instrument`: fixed telephone lines per 100 people in 1990 (the copper
  network that dial-up and DSL internet ran on) interacted with a linear trend (decades since the
  first sample year). Threat: 1990 telephone density is also 1990 income, and initial income predicts
  differential trends of GVC integration (convergence); :func:`historical_telecom_instrument` therefore
  also returns 1990 log income x trend, to be used as a control.

Estimation on within-transformed data (Frisch-Waugh-Lovell): ``b_2SLS = (X^'X)^{-1} X^'y`` with
``X^ = P_[Z,W] X``, CR1 covariance ``c (X^'X^)^{-1} (sum_g X^_g' u_g u_g' X^_g) (X^'X^)^{-1}`` and
t(G-1) p-values. The first-stage F is the cluster-robust Wald statistic of the excluded instruments
divided by their number (equal to the effective F of Montiel Olea & Pflueger 2013 with one
instrument). Weak-instrument-robust inference: the Anderson-Rubin (1949) test of ``b = b0`` is the
cluster-robust Wald test of ``Z`` in the regression of ``y - b0 x`` on ``Z, W`` (F with q and G-1
degrees of freedom); inverting it gives a confidence set that is valid however weak the instrument,
and may be a bounded interval, the union of two rays, or the whole line.

References
----------
Anderson & Rubin (1949), "Estimation of the parameters of a single equation in a complete system of
stochastic equations", Annals of Mathematical Statistics 20(1). Andrews, Stock & Sun (2019), "Weak
instruments in instrumental variables regression: theory and practice", Annual Review of Economics 11.
Montiel Olea & Pflueger (2013), "A robust test for weak instruments", JBES 31(3).
Lee, McCrary, Moreira & Porter (2022), "Valid t-ratio inference for IV", AER 112(10).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import optimize, stats

from ..data.facts import wiod_countries
from ..data.panel import country_year_panel
from .inference import WithinTransform, _onehot, check_level, cr1_scale, estimation_rows


def regional_loo_instrument(sample: pd.DataFrame, col: str = "dti_std", name: str = "z_region") -> pd.DataFrame:
    """Leave-one-out regional mean of ``col``: the mean over the other economies of the region in the year.

    Regions from the facts file ``wiod_countries.csv`` (Europe, Asia-Pacific, Americas).

    Parameters
    ----------
    sample : DataFrame
        Country-year panel with ``wiod``, ``year`` and ``col``.
    col : str
        The column.
    name : str
        Name of the new column.

    Returns
    -------
    DataFrame
        A copy of ``sample`` with ``region`` and ``name`` (missing where the economy is the only one of
        its region observed in the year).

    Raises
    ------
    ValueError
        If ``col`` is not a column.
    """
    if col not in sample.columns:
        raise ValueError(f"col={col!r} is not a column of the sample")
    region = wiod_countries().set_index("wiod")["region"]
    out = sample.copy()
    out["region"] = out["wiod"].map(region)
    grp = out.groupby(["region", "year"])[col]
    total, count = grp.transform("sum"), grp.transform("count")
    own = out[col].notna()
    out[name] = (total - out[col].where(own, 0.0)) / (count - own.astype(int))
    out.loc[(count - own.astype(int)) < 1, name] = np.nan
    return out


def historical_telecom_instrument(sample: pd.DataFrame, base_year: int = 1990, first_year: int = 1995,
                                  indicator: str = "fixed_lines_p100", name: str = "z_telecom") -> pd.DataFrame:
    """Telephone density in ``base_year`` (standardised across economies) x decades since ``first_year``.

    Also adds ``income_trend``: log GDP per capita (PPP) in ``base_year`` (standardised) x the same
    trend, the control that separates the telephone network from initial income.

    Parameters
    ----------
    sample : DataFrame
        Country-year panel with ``wiod`` and ``year``.
    base_year : int
        Year of the historical telephone network.
    first_year : int
        Year the trend starts from (zero then).
    indicator : str
        Panel indicator (default fixed telephone lines per 100 people, WDI IT.MLT.MAIN.P2).
    name : str
        Name of the new column.

    Returns
    -------
    DataFrame
        A copy of ``sample`` with ``name`` and ``income_trend``.

    Raises
    ------
    ValueError
        If ``indicator`` is not a panel column or ``base_year`` is outside the panel.
    """
    panel = country_year_panel(years=[base_year])
    if indicator not in panel.columns:
        raise ValueError(f"indicator={indicator!r} is not a column of the country-year panel")
    base = panel.set_index("wiod")[[indicator, "gdp_pc_ppp"]]
    base = base.loc[base.index.isin(sample["wiod"].unique())].dropna()
    z = (base[indicator] - base[indicator].mean()) / base[indicator].std()
    inc = np.log(base["gdp_pc_ppp"])
    inc = (inc - inc.mean()) / inc.std()
    out = sample.copy()
    trend = (out["year"] - first_year) / 10.0
    out[name] = out["wiod"].map(z) * trend
    out["income_trend"] = out["wiod"].map(inc) * trend
    return out


def iv_fe(df: pd.DataFrame, y: str, endog: str, instruments: Sequence[str], controls: Sequence[str] = (),
          fe: Sequence[str] = ("wiod", "year"), cluster: str = "wiod", level: float = 0.95) -> dict:
    """Two-stage least squares with absorbed fixed effects, first-stage F and the Anderson-Rubin set.

    Parameters
    ----------
    df : DataFrame
        Data with the named columns; rows with a missing value in a used column are dropped.
    y, endog : str
        Outcome and the (one) endogenous regressor.
    instruments : sequence of str
        Excluded instruments (q >= 1).
    controls : sequence of str
        Included exogenous regressors.
    fe : sequence of str
        Fixed-effect columns.
    cluster : str
        Cluster column (the economies).
    level : float
        Confidence level of the intervals.

    Returns
    -------
    dict
        ``coef, se, p, ci_low, ci_high`` (2SLS, CR1, t(G-1)); ``ols`` (the OLS coefficient on the same
        sample); ``first_stage`` (coefficient of the first instrument), ``first_f`` (cluster-robust
        F of the excluded instruments), ``reduced_form`` (coefficient of the first instrument in the
        regression of ``y``), ``ar_p0`` (Anderson-Rubin p-value of ``b = 0``), ``ar_low, ar_high, ar_kind``
        (the AR set: ``bounded``, ``two rays`` (``(-inf, ar_low] U [ar_high, inf)``), ``whole line`` or
        ``empty``), ``nobs``, ``countries``, ``q``.

    Raises
    ------
    ValueError
        If a column is missing, no instrument is given or ``level`` is not in (0, 1).
    """
    check_level(level)
    instruments, controls = list(instruments), list(controls)
    if not instruments:
        raise ValueError("instruments is empty; give at least one excluded instrument")
    d = estimation_rows(df, [y, endog, *instruments, *controls, cluster], fe)
    codes, uniq = pd.factorize(d[cluster], sort=True)
    g, n, q = len(uniq), len(d), len(instruments)
    m = WithinTransform(d, fe)
    yt = m(d[y].to_numpy(dtype=float))
    xt = m(d[endog].to_numpy(dtype=float))
    zt = m(d[instruments].to_numpy(dtype=float))
    wt = m(d[controls].to_numpy(dtype=float)) if controls else np.zeros((n, 0))
    zw = np.hstack([zt, wt])
    k = 1 + len(controls) + m.rank
    c = cr1_scale(n, k, g)
    onehot = _onehot(codes, g)
    # first stage and reduced form share the design [Z, W]
    a_zw = np.linalg.inv(zw.T @ zw)
    pi_x, pi_y = a_zw @ zw.T @ xt, a_zw @ zw.T @ yt
    e_x, e_y = xt - zw @ pi_x, yt - zw @ pi_y
    s_x, s_y = onehot.T @ (zw * e_x[:, None]), onehot.T @ (zw * e_y[:, None])
    c_fs = cr1_scale(n, q + len(controls) + m.rank, g)
    v_xx = c_fs * a_zw @ s_x.T @ s_x @ a_zw
    v_yy = c_fs * a_zw @ s_y.T @ s_y @ a_zw
    v_yx = c_fs * a_zw @ s_y.T @ s_x @ a_zw
    iz = slice(0, q)
    px, py = pi_x[iz], pi_y[iz]
    first_f = float(px @ np.linalg.solve(v_xx[iz, iz], px) / q)
    # 2SLS
    xhat = np.column_stack([zw @ pi_x, wt])
    xx = np.column_stack([xt, wt])
    a2 = np.linalg.inv(xhat.T @ xx)
    b2 = a2 @ xhat.T @ yt
    u2 = yt - xx @ b2
    s2 = onehot.T @ (xhat * u2[:, None])
    v2 = c * a2 @ s2.T @ s2 @ a2.T
    se = float(np.sqrt(v2[0, 0]))
    tcrit = stats.t.ppf(0.5 + level / 2, g - 1)
    b_ols = float(np.linalg.lstsq(np.column_stack([xt, wt]), yt, rcond=None)[0][0])

    def ar_stat(b0: float) -> float:
        r = py - b0 * px
        v = v_yy[iz, iz] - b0 * (v_yx[iz, iz] + v_yx[iz, iz].T) + b0**2 * v_xx[iz, iz]
        return float(r @ np.linalg.solve(v, r) / q)

    fcrit = stats.f.ppf(level, q, g - 1)
    ar_p0 = float(stats.f.sf(ar_stat(0.0), q, g - 1))
    if q == 1:
        low, high, kind = _ar_interval_1(float(py[0]), float(px[0]), v_yy[0, 0], v_yx[0, 0], v_xx[0, 0], fcrit)
    else:
        low, high, kind = ar_set_by_grid(ar_stat, fcrit, float(b2[0]), se)
    return dict(coef=float(b2[0]), se=se, p=float(2 * stats.t.sf(abs(b2[0] / se), g - 1)),
                ci_low=float(b2[0] - tcrit * se), ci_high=float(b2[0] + tcrit * se), ols=b_ols,
                first_stage=float(px[0]), first_f=first_f, reduced_form=float(py[0]), ar_p0=ar_p0,
                ar_low=low, ar_high=high, ar_kind=kind, nobs=n, countries=g, q=q)


def _ar_interval_1(py: float, px: float, vyy: float, vyx: float, vxx: float, crit: float):
    """Solve ``(py - b px)^2 <= crit (vyy - 2 b vyx + b^2 vxx)`` for ``b`` (one instrument)."""
    a = px**2 - crit * vxx
    bq = -2 * (py * px - crit * vyx)
    c0 = py**2 - crit * vyy
    disc = bq**2 - 4 * a * c0
    if abs(a) < 1e-14 * max(px**2, crit * vxx, 1e-300):
        root = -c0 / bq
        return (root, np.inf, "bounded") if bq < 0 else (-np.inf, root, "bounded")
    if disc < 0:
        return (np.nan, np.nan, "empty") if a > 0 else (-np.inf, np.inf, "whole line")
    r1, r2 = sorted([(-bq - np.sqrt(disc)) / (2 * a), (-bq + np.sqrt(disc)) / (2 * a)])
    return (r1, r2, "bounded") if a > 0 else (r1, r2, "two rays")


def ar_set_by_grid(stat, crit: float, center: float, scale: float, width: float = 50.0, points: int = 4001):
    """Invert an Anderson-Rubin statistic on a grid, refining the boundaries by root finding.

    Parameters
    ----------
    stat : callable
        ``b0 -> AR statistic``.
    crit : float
        Critical value.
    center, scale : float
        Grid ``center +- width x scale``.
    width : float
        Half-width of the grid in units of ``scale``.
    points : int
        Number of grid points.

    Returns
    -------
    (float, float, str)
        ``low, high, kind`` as in :func:`iv_fe`; a set open at the grid's edge is reported as
        unbounded on that side.
    """
    grid = center + np.linspace(-width, width, points) * max(scale, 1e-8)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        acc = np.array([stat(b) <= crit for b in grid])
    if not acc.any():
        return np.nan, np.nan, "empty"
    if acc.all():
        return -np.inf, np.inf, "whole line"

    def edge(i):  # boundary between grid[i] and grid[i + 1]
        return optimize.brentq(lambda b: stat(b) - crit, grid[i], grid[i + 1])

    changes = np.flatnonzero(acc[1:] != acc[:-1])
    if acc[0] and acc[-1]:
        return edge(changes[0]), edge(changes[-1]), "two rays"
    low = -np.inf if acc[0] else edge(changes[0])
    high = np.inf if acc[-1] else edge(changes[-1])
    return low, high, "bounded"


def iv_pyfixest(df: pd.DataFrame, y: str, endog: str, instruments: Sequence[str], controls: Sequence[str] = (),
                fe: Sequence[str] = ("wiod", "year"), cluster: str = "wiod") -> dict:
    """The same 2SLS by pyfixest (``feols("y ~ w | fe | x ~ z")``), CR1 as :func:`iv_fe`.

    Parameters
    ----------
    df : DataFrame
        Data with the named columns; rows with a missing value in a used column are dropped.
    y : str
        Outcome column.
    endog : str
        The endogenous regressor.
    instruments : sequence of str
        Excluded instruments.
    controls : sequence of str
        Included exogenous regressors.
    fe : sequence of str
        Fixed-effect columns.
    cluster : str
        Cluster column (the economies).

    Returns
    -------
    dict
        ``coef, se, nobs``.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pyfixest as pf

        d = estimation_rows(df, [y, endog, *instruments, *controls, cluster], fe)
        rhs = " + ".join(controls) if controls else "1"
        fml = f"{y} ~ {rhs} | {' + '.join(fe)} | {endog} ~ {' + '.join(instruments)}"
        # demeaned to 1e-12 (default 1e-8): pyfixest orders the fixed effects by a Python set, so at its
        # default tolerance the estimates moved in the 8th digit with the hash seed (as in fe.twfe)
        fit = pf.feols(fml, data=d, vcov={"CRV1": cluster}, ssc=pf.ssc(k_adj=True, k_fixef="full", G_adj=True),
                       fixef_tol=1e-12)
    return {"coef": float(fit.coef()[endog]), "se": float(fit.se()[endog]), "nobs": int(fit._N)}


def iv_table(sample: pd.DataFrame, outcomes: Sequence[str], instruments: dict[str, Sequence[str]],
             endog: str = "dti_std", controls: dict[str, Sequence[str]] | None = None,
             level: float = 0.95) -> pd.DataFrame:
    """:func:`iv_fe` for every outcome and instrument set, cross-checked by :func:`iv_pyfixest`.

    Parameters
    ----------
    sample : DataFrame
        With the instrument columns added.
    outcomes : sequence of str
        Outcome columns.
    instruments : dict
        Name of the instrument set -> its columns.
    endog : str
        The endogenous regressor (the index).
    controls : dict, optional
        Name of the instrument set -> controls (default ``["ln_gdp_pc"]`` for every set).
    level : float
        Confidence level.

    Returns
    -------
    DataFrame
        One row per (outcome, instrument set) with the keys of :func:`iv_fe`, ``max_abs_diff`` and
        ``max_rel_diff`` (absolute and relative gaps of coefficient and SE against pyfixest).
    """
    rows = []
    for name, z in instruments.items():
        ctrl = list((controls or {}).get(name, ["ln_gdp_pc"]))
        for y in outcomes:
            r = iv_fe(sample, y, endog, z, ctrl, level=level)
            pf_r = iv_pyfixest(sample, y, endog, z, ctrl)
            rows.append(dict(outcome=y, instrument=name, **r,
                             max_abs_diff=max(abs(r["coef"] - pf_r["coef"]), abs(r["se"] - pf_r["se"])),
                             max_rel_diff=max(abs(r["coef"] - pf_r["coef"]) / abs(r["coef"]),
                                              abs(r["se"] - pf_r["se"]) / r["se"])))
    return pd.DataFrame(rows)
