"""How well does a prediction match what happened? Fit statistics and a paired comparison of predictors.

Used by the theory chapter's Bems-Johnson-Yi check (does the input-output prediction of the 2009
fall match the realised fall, and does it predict better than the resilience index?).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from ..data.checks import check_choice, check_subset
from ..gvc.shocks import demand_collapse
from ..indices.resilience import resilience_index
from ..indices.shocks import shock_resilience


def _ols_hc1(y: np.ndarray, x: np.ndarray) -> dict[str, float]:
    """Univariate OLS ``y = a + b x`` with heteroskedasticity-robust (HC1) standard errors."""
    import statsmodels.api as sm

    fit = sm.OLS(y, sm.add_constant(x)).fit(cov_type="HC1")
    return {"intercept": float(fit.params[0]), "slope": float(fit.params[1]), "slope_se": float(fit.bse[1]),
            "slope_p": float(fit.pvalues[1]), "r2": float(fit.rsquared)}


def prediction_fit(realised, predicted) -> dict[str, float]:
    """Agreement of a prediction with the realised values, across units.

    Parameters
    ----------
    realised, predicted : array_like
        Same length; pairs with a missing value are dropped.

    Returns
    -------
    dict
        ``n``; ``pearson``, ``spearman`` and ``spearman_p``; the OLS of realised on predicted,
        ``intercept``, ``slope`` (1 for an unbiased prediction), ``slope_se`` (HC1), ``slope_p``,
        ``r2``; ``rmse = sqrt(mean((realised - predicted)^2))`` and ``bias = mean(predicted - realised)``.

    Raises
    ------
    ValueError
        If the arrays differ in length or fewer than 3 complete pairs remain.
    """
    r = np.asarray(realised, dtype=float)
    p = np.asarray(predicted, dtype=float)
    if r.shape != p.shape or r.ndim != 1:
        raise ValueError(f"realised and predicted must be 1-D and of equal length; got {r.shape} and {p.shape}")
    ok = np.isfinite(r) & np.isfinite(p)
    if ok.sum() < 3:
        raise ValueError(f"only {int(ok.sum())} complete pairs; need at least 3")
    r, p = r[ok], p[ok]
    sp = stats.spearmanr(p, r)
    out = {"n": int(ok.sum()), "pearson": float(np.corrcoef(p, r)[0, 1]), "spearman": float(sp.statistic),
           "spearman_p": float(sp.pvalue)}
    out.update(_ols_hc1(r, p))
    out["rmse"] = float(np.sqrt(np.mean((r - p) ** 2)))
    out["bias"] = float(np.mean(p - r))
    return out


def compare_predictors(data: pd.DataFrame, outcome: str, predictors: Sequence[str], *, n_boot: int = 2000,
                       seed: int = 2009, level: float = 0.95) -> pd.DataFrame:
    """Rank correlation of several predictors with one outcome, on the same units, compared pairwise.

    Every predictor is evaluated on the units where the outcome and *all* predictors are observed.
    For each, the table gives Spearman's rho with its p-value, Pearson's r and the R-squared of a
    univariate OLS. For every predictor after the first, the difference of its Spearman rho from the
    first predictor's has a percentile bootstrap interval from ``n_boot`` paired resamples of the
    units (the same draws for every predictor; seeded, so the interval is reproducible).

    Parameters
    ----------
    data : pandas.DataFrame
        One row per unit.
    outcome : str
        Column of realised values.
    predictors : sequence of str
        Columns of predictions; the first is the reference of the differences.
    n_boot : int
        Bootstrap resamples (>= 100).
    seed : int
        Seed of the bootstrap.
    level : float
        Coverage of the interval, in (0, 1).

    Returns
    -------
    pandas.DataFrame
        One row per predictor: ``predictor, n, spearman, spearman_p, pearson, r2``,
        ``diff_spearman`` (minus the first predictor's; 0 for the first), ``diff_lo``, ``diff_hi``.

    Raises
    ------
    ValueError
        For unknown columns, ``n_boot < 100``, ``level`` outside (0, 1) or fewer than 5 complete units.
    """
    check_subset([outcome, *predictors], list(data.columns), name="columns")
    if int(n_boot) < 100:
        raise ValueError(f"n_boot={n_boot!r}: use at least 100 resamples")
    if not 0 < level < 1:
        raise ValueError(f"level={level!r}: give a coverage in (0, 1), e.g. 0.95")
    d = data[[outcome, *predictors]].replace([np.inf, -np.inf], np.nan).dropna()
    if len(d) < 5:
        raise ValueError(f"only {len(d)} units have {outcome} and every predictor; need at least 5")
    y = d[outcome].to_numpy()
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(d), size=(int(n_boot), len(d)))

    def rho(a, b):
        return stats.spearmanr(a, b).statistic

    boot = {}
    for p in predictors:
        x = d[p].to_numpy()
        boot[p] = np.array([rho(x[i], y[i]) for i in idx])
    ref = predictors[0]
    rows = []
    a = (1 - level) / 2
    for p in predictors:
        x = d[p].to_numpy()
        sp = stats.spearmanr(x, y)
        diff = boot[p] - boot[ref]
        rows.append({"predictor": p, "n": len(d), "spearman": float(sp.statistic), "spearman_p": float(sp.pvalue),
                     "pearson": float(np.corrcoef(x, y)[0, 1]), "r2": float(np.corrcoef(x, y)[0, 1] ** 2),
                     "diff_spearman": float(sp.statistic - rho(d[ref].to_numpy(), y)),
                     "diff_lo": float(np.nanquantile(diff, a)) if p != ref else 0.0,
                     "diff_hi": float(np.nanquantile(diff, 1 - a)) if p != ref else 0.0})
    return pd.DataFrame(rows)


COLLAPSE_MODES = {"economy": "by economy", "economy_industry": "by economy and product", "full": "full vector"}
"""Final-demand versions of :func:`helpers.gvc.shocks.demand_collapse` and their labels."""


def demand_collapse_fits(base_year: int = 2008, shock_year: int = 2009) -> pd.DataFrame:
    """Fit of the input-output prediction of a collapse, for every final-demand version.

    Parameters
    ----------
    base_year, shock_year : int
        WIOD years of the coefficients and of the final demand.

    Returns
    -------
    pandas.DataFrame
        One row per (``mode``, ``variable``): ``demand`` (label of the mode), ``variable``
        (``gross output`` or ``value added`` of manufacturing) and the statistics of
        :func:`prediction_fit` across the 40 economies (the rest of the world left out).
    """
    rows = []
    for mode, label in COLLAPSE_MODES.items():
        d = demand_collapse(base_year, shock_year, mode)
        d = d[d["country"] != "RoW"]
        for v, vlab in (("output", "gross output"), ("va", "value added")):
            rows.append({"mode": mode, "demand": label, "variable": vlab,
                         **prediction_fit(d[f"g_{v}"], d[f"g_{v}_pred"])})
    return pd.DataFrame(rows)


def collapse_predictors(base_year: int = 2008, shock_year: int = 2009, pre_years: Sequence[int] = (2005, 2006, 2007),
                        mode: str = "economy", *, n_boot: int = 2000, seed: int = 2009) -> pd.DataFrame:
    """Compare the input-output prediction of a collapse with the resilience index as predictors of the falls.

    Outcomes (realised, per economy): growth of manufacturing gross output and value added between
    ``base_year`` and ``shock_year`` (world input-output tables), and the growth of domestic value
    added in manufacturing exports of :func:`helpers.indices.shocks.shock_resilience`. Predictors:
    the input-output prediction (:func:`helpers.gvc.shocks.demand_collapse`; its value-added
    growth for the two value-added outcomes), the resilience index and its security and stability
    scores averaged over ``pre_years`` (:func:`helpers.indices.resilience.resilience_index`, its
    default method). Compared by :func:`compare_predictors` (reference: the input-output prediction).

    Parameters
    ----------
    base_year, shock_year : int
        WIOD years (the shock-based outcome is defined for 2008-2009 only and is left out otherwise).
    pre_years : sequence of int
        Years averaged for the ex-ante index; all before ``base_year``.
    mode : str
        Final-demand version of the prediction (a key of :data:`COLLAPSE_MODES`).
    n_boot, seed : int
        Bootstrap of the differences.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`compare_predictors` plus ``outcome`` (a label); predictors are labelled
        ``input-output prediction``, ``resilience index``, ``security score``, ``stability score``.

    Raises
    ------
    ValueError
        If a pre-crisis year is not before ``base_year`` or ``mode`` is unknown.
    """
    check_choice(mode, COLLAPSE_MODES, name="mode")
    pre_years = list(pre_years)
    if not pre_years or max(pre_years) >= base_year:
        raise ValueError(f"pre_years={pre_years!r}: give years before base_year={base_year}")
    d = demand_collapse(base_year, shock_year, mode).rename(columns={"country": "wiod"}).set_index("wiod")
    res = resilience_index()
    pre = res[res["year"].isin(pre_years)].groupby("wiod")[["res", "security", "stability"]].mean()
    joint = d.drop(index="RoW", errors="ignore").join(pre, how="inner")
    specs = [("g_output", "g_output_pred", "manufacturing output"), ("g_va", "g_va_pred", "manufacturing value added")]
    if (base_year, shock_year) == (2008, 2009):
        joint = joint.join(shock_resilience().set_index("wiod")[["g_dva_fall"]])
        specs.append(("g_dva_fall", "g_va_pred", "domestic value added in manufacturing exports"))
    labels = {"res": "resilience index", "security": "security score", "stability": "stability score"}
    out = []
    for y, p, lab in specs:
        c = compare_predictors(joint, y, [p, "res", "security", "stability"], n_boot=n_boot, seed=seed)
        c["predictor"] = c["predictor"].map(lambda s, p=p: "input-output prediction" if s == p else labels[s])
        out.append(c.assign(outcome=lab))
    return pd.concat(out, ignore_index=True)


def ols_hc1(data: pd.DataFrame, y: str, xs: Sequence[str]) -> pd.DataFrame:
    """OLS of ``y`` on a constant and ``xs`` with HC1 (White, small-sample scaled) standard errors.

    ``V = n / (n - k) (X'X)^-1 X' diag(e^2) X (X'X)^-1`` (MacKinnon & White 1985); computed by
    statsmodels, cross-checked against this formula in the tests.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per unit.
    y : str
        Dependent variable.
    xs : sequence of str
        Regressors (a constant is added).

    Returns
    -------
    pandas.DataFrame
        Indexed by regressor (``const`` first): ``coef, se, t, p``, with ``n`` and ``r2`` repeated.

    Raises
    ------
    ValueError
        For unknown columns or fewer complete rows than regressors plus two.
    """
    import statsmodels.api as sm

    check_subset([y, *xs], list(data.columns), name="columns")
    d = data[[y, *xs]].replace([np.inf, -np.inf], np.nan).dropna()
    if len(d) < len(xs) + 3:
        raise ValueError(f"only {len(d)} complete rows for {len(xs) + 1} coefficients")
    fit = sm.OLS(d[y].astype(float), sm.add_constant(d[list(xs)].astype(float))).fit(cov_type="HC1")
    out = pd.DataFrame({"coef": fit.params, "se": fit.bse, "t": fit.tvalues, "p": fit.pvalues})
    out["n"] = len(d)
    out["r2"] = float(fit.rsquared)
    out.index.name = "regressor"
    return out
