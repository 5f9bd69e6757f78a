"""Panel regressions with a built-in second implementation.

Every estimate the book reports is computed twice: with ``linearmodels.PanelOLS``
and with ``pyfixest.feols``.  :func:`twfe` returns both and the largest absolute
difference of coefficients and standard errors, so a chapter can show the
cross-check next to the table.

Standard errors are clustered by entity with the same small-sample correction in
both implementations (the CR1 correction with ``G/(G-1)`` and ``(N-1)/(N-K)``
where K counts the absorbed fixed effects):
``PanelOLS(...).fit(cov_type="clustered", cluster_entity=True, group_debias=True)``
and ``feols(..., vcov={"CRV1": entity}, ssc=ssc(k_adj=True, k_fixef="full", G_adj=True))``.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

SE_NOTE = ("standard errors clustered by country (CR1: G/(G-1) x (N-1)/(N-K), K including the "
           "absorbed fixed effects); identical in linearmodels and pyfixest")


@dataclass(frozen=True)
class TwfeResult:
    """Result of :func:`twfe`.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per regressor (index ``regressor``): ``coef, se, t, p`` (linearmodels) and
        ``coef_pyfixest, se_pyfixest``.
    nobs : int
        Observations used (rows without a missing value).
    entities : int
        Number of entities (clusters).
    periods : int
        Number of periods.
    r2_within : float
        R-squared of the regression after both fixed effects are removed (linearmodels ``rsquared``).
    max_abs_diff : float
        Largest absolute difference between the two implementations (coefficients and SEs).
    formula : str
        The model in pyfixest's syntax, ``y ~ x1 + x2 | entity + time``.
    se_note : str
        How the standard errors are computed, for table notes (:data:`SE_NOTE`).
    """

    table: pd.DataFrame
    nobs: int
    entities: int
    periods: int
    r2_within: float
    max_abs_diff: float
    formula: str
    se_note: str = SE_NOTE


def twfe(df: pd.DataFrame, y: str, x: Sequence[str], entity: str = "wiod", time: str = "year") -> TwfeResult:
    """Two-way fixed-effects regression ``y_it = x_it' b + a_i + g_t + e_it``, estimated twice.

    Computed by ``linearmodels.PanelOLS`` (entity and time effects) and by ``pyfixest.feols``
    (``y ~ x | entity + time``), with standard errors clustered by entity and the CR1 correction
    ``G/(G-1) (N-1)/(N-K)``, K counting the absorbed effects (Cameron & Miller 2015, "A
    practitioner's guide to cluster-robust inference", JHR 50(2), sec. VI). The returned table holds
    both; ``max_abs_diff`` is their largest gap.

    Parameters
    ----------
    df : pandas.DataFrame
        Long panel with columns ``entity``, ``time``, ``y`` and ``x``; rows with a missing (or
        infinite) value in any of them are dropped, and so are entities observed once (singletons,
        which pyfixest drops by default; the count is in ``nobs``).
    y : str
        Outcome column.
    x : sequence of str
        Regressor columns (controls included).
    entity : str
        Entity column (the clusters), default ``wiod``.
    time : str
        Period column, default ``year``.

    Returns
    -------
    TwfeResult
        Coefficients, standard errors, t and p of linearmodels, the pyfixest estimates and their
        largest difference, sample sizes and the within R-squared.

    Raises
    ------
    KeyError
        If a named column is missing.
    ValueError
        If fewer than 3 entities or 2 periods remain after dropping missing values.
    """
    from linearmodels.panel import PanelOLS

    cols = [entity, time, y, *x]
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise KeyError(f"columns {missing} not in the data; available: {list(df.columns)}")
    d = df[cols].replace([np.inf, -np.inf], np.nan).dropna()
    d = d[d.groupby(entity)[entity].transform("size") > 1]  # singletons: as pyfixest, no information
    if d[entity].nunique() < 3 or d[time].nunique() < 2:
        raise ValueError(f"too few observations for two-way FE: {d[entity].nunique()} entities, "
                         f"{d[time].nunique()} periods after dropping missing values")
    panel = d.set_index([entity, time])
    lm = PanelOLS(panel[y], panel[list(x)], entity_effects=True, time_effects=True).fit(
        cov_type="clustered", cluster_entity=True, group_debias=True
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pyfixest as pf

        fml = f"{y} ~ {' + '.join(x)} | {entity} + {time}"
        # fixef_tol: pyfixest demeans by alternating projections to a tolerance (default 1e-8) and
        # orders the fixed effects by a Python set (hash-seed dependent), so at the default its SEs
        # moved in the 9th digit from run to run; demeaned to 1e-12 both implementations agree to
        # machine precision whatever the order.
        fx = pf.feols(fml, data=d.reset_index(drop=True), vcov={"CRV1": entity},
                      ssc=pf.ssc(k_adj=True, k_fixef="full", G_adj=True), fixef_tol=1e-12)
    tab = pd.DataFrame({"coef": lm.params, "se": lm.std_errors, "t": lm.tstats, "p": lm.pvalues})
    tab["coef_pyfixest"] = fx.coef().reindex(tab.index)
    tab["se_pyfixest"] = fx.se().reindex(tab.index)
    diff = float(np.nanmax(np.abs(np.r_[tab["coef"] - tab["coef_pyfixest"], tab["se"] - tab["se_pyfixest"]])))
    tab.index.name = "regressor"
    return TwfeResult(tab, int(lm.nobs), int(d[entity].nunique()), int(d[time].nunique()),
                      float(lm.rsquared), diff, fml)


def two_way_demean(df: pd.DataFrame, cols: Sequence[str], entity: str = "wiod", time: str = "year",
                   tol: float = 1e-12, max_iter: int = 1000) -> pd.DataFrame:
    """Remove entity and time means from columns by alternating projections (exact for balanced panels).

    Repeats ``v <- v - mean_entity(v)``, ``v <- v - mean_time(v)`` until the largest change is
    below ``tol`` (Gaure 2013, "OLS with multiple high dimensional category variables", CSDA 66).
    The residuals are what a two-way fixed-effects regression uses (Frisch-Waugh-Lovell), so a
    scatter of demeaned ``y`` on demeaned ``x`` has slope equal to the TWFE coefficient. On a
    balanced panel one pass gives ``v_it - v_i. - v_.t + v_..``.

    Parameters
    ----------
    df : pandas.DataFrame
        Long panel.
    cols : sequence of str
        Columns to demean.
    entity : str
        Entity column, default ``wiod``.
    time : str
        Period column, default ``year``.
    tol : float
        Convergence tolerance (largest absolute change in one pass).
    max_iter : int
        Maximum number of passes.

    Returns
    -------
    pandas.DataFrame
        ``entity``, ``time`` and the demeaned ``cols``, for the rows without a missing value.
    """
    d = df[[entity, time, *cols]].replace([np.inf, -np.inf], np.nan).dropna().copy()
    for c in cols:
        v = d[c].astype(float)
        for _ in range(max_iter):
            v_new = v - v.groupby(d[entity]).transform("mean")
            v_new = v_new - v_new.groupby(d[time]).transform("mean")
            if np.max(np.abs(v_new - v)) < tol:
                v = v_new
                break
            v = v_new
        d[c] = v
    return d
