"""Mediation with two-way fixed effects: paths, indirect effects and a vectorised cluster bootstrap.

The paper's mechanism (H4): digital trade changes the length of GVCs and the division of labour in
them, and through them resilience. With a mediator ``M`` (a GVC length, participation or position
measure), the linear fixed-effects mediation model is

.. math::

    M_{ct} &= a\\, DTI_{ct} + \\gamma_M' w_{ct} + \\alpha^M_c + \\lambda^M_t + e^M_{ct} \\\\
    Y_{ct} &= c'\\, DTI_{ct} + b\\, M_{ct} + \\gamma_Y' w_{ct} + \\alpha^Y_c + \\lambda^Y_t + e^Y_{ct}

with the indirect effect ``a b``, the direct effect ``c'``, the total effect ``c`` (the coefficient of
``DTI`` without ``M``) and, on one sample, the OLS identity ``c = c' + a b``; the share mediated is
``a b / c``. Under the sequential-ignorability assumptions of Imai, Keele & Tingley (2010) (no
unobserved confounder of ``M`` and ``Y`` given ``DTI``, the controls and the fixed effects; no
confounder of ``M`` and ``Y`` that ``DTI`` itself affects) and with linear models without a
``DTI x M`` interaction, ``a b`` is the average causal mediation effect.

Inference on ``a b``: a pairs cluster bootstrap that resamples whole economies with replacement
(the dependence within an economy is kept). Resampling ``G`` economies with replacement is the same
as weighting each economy by how often it is drawn (multinomial counts), and with economy fixed
effects the within-economy demeaning does not depend on those weights, so every draw is a weighted
least-squares problem on per-economy cross-products: ``X'WX = sum_g w_g X_g'X_g``. ``B`` draws then
cost one ``B x G`` by ``G x p^2`` product and ``B`` small solves. statsmodels' ``Mediation`` draws
observations, not clusters, so it does not fit this panel; the test suite uses it as a second
implementation of the point estimate.

References
----------
Imai, Keele & Tingley (2010), "A general approach to causal mediation analysis", Psychological
Methods 15(4). Baron & Kenny (1986), Journal of Personality and Social Psychology 51(6).
Cameron, Gelbach & Miller (2008) on the pairs cluster bootstrap.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .inference import check_level, complete_rows, estimation_rows, within_ols

#: mediator -> label: the GVC length, participation (simple and complex) and position measures.
MEDIATORS = {
    "plv_gvc_mfg": "forward GVC production length",
    "ply_gvc_mfg": "backward GVC production length",
    "gvc_f_simple_mfg": "simple forward participation",
    "gvc_f_complex_mfg": "complex forward participation",
    "gvc_b_simple_mfg": "simple backward participation",
    "gvc_b_complex_mfg": "complex backward participation",
    "gvc_pos_mfg": "GVC position",
}


def pairs_bootstrap_counts(n_clusters: int, reps: int, seed: int = 0) -> np.ndarray:
    """How often each of ``G`` clusters is drawn in ``B`` resamples of ``G`` clusters with replacement.

    Parameters
    ----------
    n_clusters : int
        Number of clusters G.
    reps : int
        Number of bootstrap draws.
    seed : int
        Seed of the draws.

    Returns
    -------
    ndarray
        ``B x G`` multinomial counts (each row sums to ``G``).

    Raises
    ------
    ValueError
        If ``reps < 99`` or fewer than 3 clusters.
    """
    if int(reps) < 99:
        raise ValueError(f"reps={reps!r}: use at least 99 bootstrap draws")
    if n_clusters < 3:
        raise ValueError(f"n_clusters={n_clusters!r}: need at least 3 clusters")
    rng = np.random.default_rng(seed)
    return rng.multinomial(n_clusters, np.full(n_clusters, 1.0 / n_clusters), size=int(reps)).astype(float)


class ClusterCrossProducts:
    """Per-cluster cross-products of entity-demeaned data, for weighted re-estimation in bulk.

    Variables are demeaned within entity (exact, weight-invariant when clusters are entities);
    time effects enter as time dummies demeaned within entity (the first period dropped). Any
    regression among the variables, under any cluster weights, is then a small solve.

    Parameters
    ----------
    df : DataFrame
        Complete rows.
    cols : sequence of str
        Variables.
    entity : str
        Entity fixed effect and cluster column.
    time : str
        Period fixed-effect column.
    """

    def __init__(self, df: pd.DataFrame, cols: Sequence[str], entity: str = "wiod", time: str = "year"):
        self.cols = list(cols)
        codes, self.clusters = pd.factorize(df[entity], sort=True)
        tcodes, periods = pd.factorize(df[time], sort=True)
        n = len(df)
        dummies = np.zeros((n, len(periods)))
        dummies[np.arange(n), tcodes] = 1.0
        z = np.hstack([df[self.cols].to_numpy(dtype=float), dummies[:, 1:]])
        means = np.zeros((len(self.clusters), z.shape[1]))
        np.add.at(means, codes, z)
        means /= np.bincount(codes)[:, None]
        zt = z - means[codes]
        p = zt.shape[1]
        self.n_time = p - len(self.cols)
        cp = np.stack([zt[codes == k].T @ zt[codes == k] for k in range(len(self.clusters))])
        self.cross = cp.reshape(len(self.clusters), p * p)
        self.p = p

    def coefficients(self, y: str, x: Sequence[str], weights: np.ndarray) -> np.ndarray:
        """Coefficients of ``x`` in the regression of ``y`` on ``x`` and the time effects, per weight row.

        Parameters
        ----------
        y : str
            Outcome column.
        x : sequence of str
            Regressor columns.
        weights : ndarray
            ``B x G`` cluster weights (ones reproduce the point estimate).

        Returns
        -------
        ndarray
            ``B x len(x)``; rows whose weighted design is singular are NaN.
        """
        w = np.atleast_2d(np.asarray(weights, dtype=float))
        xi = [self.cols.index(c) for c in x] + list(range(len(self.cols), self.p))
        yi = self.cols.index(y)
        full = (w @ self.cross).reshape(len(w), self.p, self.p)
        xtx = full[:, xi][:, :, xi]
        xty = full[:, xi, yi]
        out = np.full((len(w), len(x)), np.nan)
        try:
            out[:] = np.linalg.solve(xtx, xty[:, :, None])[:, : len(x), 0]
        except np.linalg.LinAlgError:
            for b in range(len(w)):
                try:
                    out[b] = np.linalg.solve(xtx[b], xty[b])[: len(x)]
                except np.linalg.LinAlgError:
                    pass
        return out


def mediation_effects(sample: pd.DataFrame, outcome: str, mediator: str, treatment: str = "dti_std",
                      controls: Sequence[str] = ("ln_gdp_pc",), *, entity: str = "wiod", time: str = "year",
                      reps: int = 1999, seed: int = 0, level: float = 0.95,
                      counts: np.ndarray | None = None) -> dict:
    """Paths, direct, total and indirect effect of ``treatment`` on ``outcome`` through ``mediator``.

    ``a`` (treatment -> mediator) and ``b`` (mediator -> outcome given treatment) with CR1 standard
    errors (t(G-1) p-values, :func:`helpers.econometrics.inference.within_ols`); ``c'`` direct, ``c``
    total; the indirect effect ``a b`` with a percentile interval from the pairs cluster bootstrap
    (economies resampled, ``reps`` draws) and its bootstrap p-value
    ``2 min(P*(ab* <= 0), P*(ab* >= 0))``; the share mediated ``a b / c`` with its percentile interval
    (unbounded in practice when ``c`` is close to zero).

    Parameters
    ----------
    sample : DataFrame
        Country-year panel.
    outcome : str
        Outcome column (resilience).
    mediator : str
        Mediator column (a GVC measure).
    treatment : str
        The digital trade index column.
    controls : sequence of str
        Control columns.
    entity : str
        Economy column: fixed effect and cluster.
    time : str
        Period fixed-effect column.
    reps : int
        Bootstrap draws.
    seed : int
        Seed of the draws.
    level : float
        Confidence level of the intervals.
    counts : ndarray, optional
        ``B x G`` resampling counts to reuse (from :func:`pairs_bootstrap_counts`, for the economies of
        the sample in sorted order); overrides ``reps`` and ``seed``.

    Returns
    -------
    dict
        ``outcome, mediator, a, se_a, p_a, b, se_b, p_b, direct, total, indirect, ci_low, ci_high,
        p_boot, share, share_low, share_high, nobs, countries, reps``.

    Raises
    ------
    ValueError
        If a column is missing or ``level`` is not in (0, 1).
    """
    check_level(level)
    controls = list(controls)
    d = estimation_rows(sample, [outcome, mediator, treatment, *controls], [entity, time])
    fit_a = within_ols(d, mediator, [treatment, *controls], (entity, time), entity)
    fit_b = within_ols(d, outcome, [mediator, treatment, *controls], (entity, time), entity)
    fit_c = within_ols(d, outcome, [treatment, *controls], (entity, time), entity)
    a, b = fit_a.coef[treatment], fit_b.coef[mediator]
    cp = ClusterCrossProducts(d, [outcome, mediator, treatment, *controls], entity, time)
    g = len(cp.clusters)
    if counts is None:
        counts = pairs_bootstrap_counts(g, reps, seed)
    if counts.shape[1] != g:
        raise ValueError(f"counts has {counts.shape[1]} clusters; the sample has {g}")
    a_s = cp.coefficients(mediator, [treatment, *controls], counts)[:, 0]
    bc = cp.coefficients(outcome, [mediator, treatment, *controls], counts)
    c_s = cp.coefficients(outcome, [treatment, *controls], counts)[:, 0]
    ab = a_s * bc[:, 0]
    ok = np.isfinite(ab) & np.isfinite(c_s)
    ab, share_s = ab[ok], ab[ok] / c_s[ok]
    lo, hi = (1 - level) / 2, 1 - (1 - level) / 2
    return dict(outcome=outcome, mediator=mediator, a=a, se_a=fit_a.se[treatment], p_a=fit_a.p[treatment],
                b=b, se_b=fit_b.se[mediator], p_b=fit_b.p[mediator], direct=fit_b.coef[treatment],
                total=fit_c.coef[treatment], indirect=a * b,
                ci_low=float(np.quantile(ab, lo)), ci_high=float(np.quantile(ab, hi)),
                p_boot=float(min(1.0, 2 * min(np.mean(ab <= 0), np.mean(ab >= 0)))),
                share=a * b / fit_c.coef[treatment],
                share_low=float(np.quantile(share_s, lo)), share_high=float(np.quantile(share_s, hi)),
                nobs=fit_c.nobs, countries=g, reps=int(ok.sum()))


def mediation_table(sample: pd.DataFrame, outcomes: Sequence[str], mediators: Sequence[str] | None = None,
                    treatment: str = "dti_std", controls: Sequence[str] = ("ln_gdp_pc",), *,
                    reps: int = 1999, seed: int = 0, level: float = 0.95) -> pd.DataFrame:
    """:func:`mediation_effects` for every outcome x mediator pair (one mediator at a time).

    Every pair uses the same resampling seed, so with the same sample the same economies are drawn.

    Parameters
    ----------
    sample : DataFrame
        Country-year panel with ``wiod`` and ``year``.
    outcomes : sequence of str
        Outcome columns.
    mediators : sequence of str, optional
        Default: :data:`MEDIATORS`.
    treatment : str
        The digital trade index column (standardised).
    controls : sequence of str
        Control columns.
    reps : int
        Bootstrap draws.
    seed : int
        Seed of the draws (the same for every pair).
    level : float
        Confidence level of the intervals.

    Returns
    -------
    DataFrame
        One row per (outcome, mediator), the keys of :func:`mediation_effects`.

    Raises
    ------
    ValueError
        If a column is missing.
    """
    mediators = list(MEDIATORS) if mediators is None else list(mediators)
    complete_rows(sample, [*outcomes, *mediators, treatment, *controls])  # names checked up front
    rows = [mediation_effects(sample, y, m, treatment, controls, reps=reps, seed=seed, level=level)
            for y in outcomes for m in mediators]
    return pd.DataFrame(rows)
