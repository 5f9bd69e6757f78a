"""Policy counterfactuals from estimated coefficients, with intervals propagated from the estimates.

A counterfactual moves a regressor of one economy by ``delta`` (e.g. from its value to the
sample's 75th percentile) and asks what the estimated model implies for the outcome. For a
linear model the implied change is ``g(b) = b' delta`` and its standard error follows from the
covariance of the estimates; for a non-linear function of several estimates the delta method
(first-order Taylor expansion, e.g. Greene 2012, section 4.6) and a simulation from the
estimates' asymptotic normal distribution (Krinsky & Robb 1986) give two intervals that should
agree when the function is close to linear over the estimates' uncertainty.

The interval says how uncertain the *estimate* is. It does not make an association causal, and
it holds only for moves within the range of the data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from ..data.checks import check_choice
from .hypotheses import headline_estimates
from .inference import complete_rows


@dataclass(frozen=True)
class Counterfactual:
    """An implied change with its standard error and interval.

    Parameters
    ----------
    effect : float
        Implied change of the outcome.
    se : float
        Standard error (delta method; for the simulation, the standard deviation of the draws).
    lo, hi : float
        Bounds of the ``level`` interval.
    level : float
        Coverage of the interval.
    method : str
        ``"linear"``, ``"delta"`` or ``"simulation"``.
    """

    effect: float
    se: float
    lo: float
    hi: float
    level: float
    method: str


def _check_level(level: float) -> float:
    if not isinstance(level, (int, float)) or not 0 < level < 1:
        raise ValueError(f"level={level!r}: give a coverage in (0, 1), e.g. 0.95")
    return float(level)


def _critical(level: float, df: int | None) -> float:
    q = 1 - (1 - level) / 2
    return float(stats.norm.ppf(q) if df is None else stats.t.ppf(q, df))


def linear_counterfactual(coef: float, se: float, delta: float, *, level: float = 0.95,
                          df: int | None = None) -> Counterfactual:
    """Change implied by moving one regressor by ``delta``: ``b delta`` with se ``|delta| se(b)``.

    Parameters
    ----------
    coef, se : float
        The estimate and its standard error.
    delta : float
        The move of the regressor, in its units (e.g. standard deviations for a standardised regressor).
    level : float
        Coverage of the interval.
    df : int, optional
        Degrees of freedom of a t critical value (e.g. clusters minus one); normal if omitted.

    Returns
    -------
    Counterfactual
        ``effect = b delta``, ``se = |delta| se(b)`` and the interval (method ``"linear"``).

    Raises
    ------
    ValueError
        For a negative or non-finite standard error, or a level outside (0, 1).

    Examples
    --------
    >>> c = linear_counterfactual(0.02, 0.01, 1.5)
    >>> round(c.effect, 3), round(c.lo, 4), round(c.hi, 4)
    (0.03, 0.0006, 0.0594)
    """
    level = _check_level(level)
    if not np.isfinite(se) or se < 0:
        raise ValueError(f"se={se!r}: a standard error must be finite and non-negative")
    effect = float(coef) * float(delta)
    s = abs(float(delta)) * float(se)
    z = _critical(level, df)
    return Counterfactual(effect, s, effect - z * s, effect + z * s, level, "linear")


def _check_cov(params, cov) -> tuple[np.ndarray, np.ndarray]:
    b = np.atleast_1d(np.asarray(params, dtype=float))
    V = np.atleast_2d(np.asarray(cov, dtype=float))
    if V.shape != (b.size, b.size):
        raise ValueError(f"cov has shape {V.shape}; expected ({b.size}, {b.size}) for {b.size} parameters")
    if not np.allclose(V, V.T) or np.linalg.eigvalsh((V + V.T) / 2).min() < -1e-12 * max(1.0, np.abs(V).max()):
        raise ValueError("cov must be a symmetric positive semi-definite matrix")
    return b, V


def delta_method(fn: Callable[[np.ndarray], float], params: Sequence[float], cov, *, level: float = 0.95,
                 step: float = 1e-6, df: int | None = None) -> Counterfactual:
    """Delta-method interval of ``fn(params)``: ``se^2 = grad' V grad`` with a central-difference gradient.

    Parameters
    ----------
    fn : callable
        Function of the parameter vector returning a scalar.
    params : sequence of float
        Point estimates.
    cov : array_like
        Their covariance matrix.
    level : float
        Coverage.
    step : float
        Relative step of the central differences (scaled by ``max(|b_k|, 1)``).
    df : int, optional
        Degrees of freedom for a t critical value.

    Returns
    -------
    Counterfactual
        ``fn(params)``, its delta-method standard error and interval (method ``"delta"``).

    Raises
    ------
    ValueError
        If ``cov`` does not match ``params`` or is not positive semi-definite.
    """
    level = _check_level(level)
    b, V = _check_cov(params, cov)
    g = np.empty(b.size)
    for k in range(b.size):
        h = step * max(abs(b[k]), 1.0)
        up, dn = b.copy(), b.copy()
        up[k] += h
        dn[k] -= h
        g[k] = (fn(up) - fn(dn)) / (2 * h)
    effect = float(fn(b))
    s = float(np.sqrt(max(g @ V @ g, 0.0)))
    z = _critical(level, df)
    return Counterfactual(effect, s, effect - z * s, effect + z * s, level, "delta")


def simulate_counterfactual(fn: Callable[[np.ndarray], float], params: Sequence[float], cov, *,
                            level: float = 0.95, draws: int = 20000, seed: int = 2011) -> Counterfactual:
    """Simulation interval of ``fn(params)``: percentiles over draws ``b* ~ N(b, V)`` (Krinsky & Robb 1986).

    Parameters
    ----------
    fn : callable
        Function of the parameter vector returning a scalar.
    params : sequence of float
        Point estimates (the mean of the draws).
    cov : array_like
        Their covariance matrix (of the draws).
    level : float
        Coverage of the percentile interval.
    draws : int
        Number of draws (>= 1000).
    seed : int
        Seed (the interval is reproducible).

    Returns
    -------
    Counterfactual
        ``effect`` is ``fn(params)``; ``se`` the standard deviation of the draws.

    Raises
    ------
    ValueError
        For a bad covariance or fewer than 1000 draws.
    """
    level = _check_level(level)
    b, V = _check_cov(params, cov)
    if int(draws) < 1000:
        raise ValueError(f"draws={draws!r}: use at least 1000 draws")
    rng = np.random.default_rng(seed)
    sims = rng.multivariate_normal(b, V, size=int(draws), method="eigh")
    vals = np.array([fn(s) for s in sims])
    a = (1 - level) / 2
    return Counterfactual(float(fn(b)), float(vals.std(ddof=1)), float(np.quantile(vals, a)),
                          float(np.quantile(vals, 1 - a)), level, "simulation")


def percentile_gap(frame: pd.DataFrame, column: str, unit: str, year: int, *, percentile: float = 75,
                   unit_col: str = "wiod", time_col: str = "year") -> dict[str, float]:
    """How far one economy is from a percentile of the sample in one year.

    Parameters
    ----------
    frame : pandas.DataFrame
        Panel with ``unit_col``, ``time_col`` and ``column``.
    column : str
        The regressor (e.g. a standardised dimension of the digital trade index).
    unit : str
        The economy.
    year : int
        Year whose distribution and value are used.
    percentile : float
        In (0, 100).
    unit_col, time_col : str
        Names of the economy and year columns.

    Returns
    -------
    dict
        ``current`` (the economy's value), ``target`` (the percentile across the economies observed
        that year), ``delta = max(target - current, 0)`` (a policy raises, never lowers) and ``n``.

    Raises
    ------
    ValueError
        For an unknown column, unit or year, a percentile outside (0, 100), or a missing value.
    """
    for c in (unit_col, time_col, column):
        if c not in frame.columns:
            raise ValueError(f"column {c!r} is not in the frame; it has {list(frame.columns)}")
    if not 0 < percentile < 100:
        raise ValueError(f"percentile={percentile!r}: give a value in (0, 100)")
    yr = frame[frame[time_col] == year]
    if yr.empty:
        raise ValueError(f"year={year!r} is not in the frame; years: {sorted(frame[time_col].unique())}")
    check_choice(unit, sorted(yr[unit_col].unique()), name="unit")
    cur = yr.loc[yr[unit_col] == unit, column].iloc[0]
    if pd.isna(cur):
        raise ValueError(f"{column} of {unit} in {year} is missing: no counterfactual can be computed")
    vals = yr[column].dropna()
    target = float(np.percentile(vals, percentile))
    return {"current": float(cur), "target": target, "delta": max(target - float(cur), 0.0), "n": int(len(vals))}


def policy_counterfactuals(sample: pd.DataFrame, specs: Sequence[dict], outcomes: Sequence[str],
                           economies: Sequence[str], year: int, *, controls: Sequence[str] = ("ln_gdp_pc",),
                           percentile: float = 75, level: float = 0.95, alpha: float = 0.05, reps: int = 9999,
                           kind: str = "rademacher", seed: int = 0) -> pd.DataFrame:
    """Raise one regressor of each economy to a sample percentile and read the implied change off a TWFE estimate.

    For each spec and outcome the two-way fixed-effects regression of chapter 4, with chapter 4's
    inference (:func:`helpers.econometrics.hypotheses.headline_estimates`: country and year effects,
    CR1 standard errors clustered by country, p-values and intervals from t(G-1), the restricted wild
    cluster bootstrap), gives ``b`` and ``se(b)`` of the spec's regressor, the other regressors of
    the spec's model entering as controls. For each economy :func:`percentile_gap` gives the move
    ``delta`` to the ``percentile`` of ``year``; the implied change is ``b delta`` with the interval
    ``(b +/- t_{G-1} se) delta`` (:func:`linear_counterfactual` with ``df = G - 1``). The verdict
    uses the wild bootstrap p-value, the p-value chapter 4's verdicts on single coefficients use.

    Parameters
    ----------
    sample : pandas.DataFrame
        Country-year panel with ``wiod``, ``year``, the outcomes, regressors and controls.
    specs : sequence of dict
        Each with ``suggestion`` (a label), ``regressor`` (the moved variable) and ``model`` (the
        regressors entered together, including ``regressor``).
    outcomes : sequence of str
        Outcome columns, one regression each per spec.
    economies : sequence of str
        WIOD codes.
    year : int
        Year whose distribution sets the target and whose value is the economy's start.
    controls : sequence of str
        Control columns added to every model.
    percentile, level, alpha : float
        Target percentile, interval coverage, significance level of the verdict.
    reps : int
        Wild cluster bootstrap draws.
    kind : {"rademacher", "webb"}
        Wild bootstrap weights.
    seed : int
        Seed of the draws (the same cluster weights in every regression).

    Returns
    -------
    pandas.DataFrame
        One row per (suggestion, outcome, economy): ``suggestion, regressor, outcome, coef, se, p``
        (CR1, t(G-1)), ``p_wild, nobs, countries, first_year, last_year, max_abs_diff, economy,
        current, target, delta, effect, lo, hi, verdict`` (``supports``, ``contradicts`` or ``no
        significant association``, from ``p_wild``).

    Raises
    ------
    ValueError
        If a spec lacks a key or its regressor is not in its model, or from the functions used.
    """
    rows = []
    for spec in specs:
        missing = {"suggestion", "regressor", "model"} - set(spec)
        if missing:
            raise ValueError(f"spec {spec!r} lacks {sorted(missing)}")
        if spec["regressor"] not in spec["model"]:
            raise ValueError(f"spec {spec['suggestion']!r}: regressor {spec['regressor']!r} is not in its model")
        reg = spec["regressor"]
        others = [*(m for m in spec["model"] if m != reg), *controls]
        est = headline_estimates(sample, list(outcomes), [reg], others, reps=reps, kind=kind, seed=seed,
                                 level=level).set_index("outcome")
        for y in outcomes:
            r = est.loc[y]
            years = complete_rows(sample, ["wiod", "year", y, reg, *others])["year"]
            verdict = ("supports" if r["coef"] > 0 else "contradicts") if r["p_wild"] < alpha else \
                "no significant association"
            for e in economies:
                gap = percentile_gap(sample, reg, e, year, percentile=percentile)
                cf = linear_counterfactual(r["coef"], r["se"], gap["delta"], level=level, df=int(r["countries"]) - 1)
                rows.append({"suggestion": spec["suggestion"], "regressor": reg, "outcome": y, "coef": r["coef"],
                             "se": r["se"], "p": r["p"], "p_wild": r["p_wild"], "nobs": int(r["nobs"]),
                             "countries": int(r["countries"]), "first_year": int(years.min()),
                             "last_year": int(years.max()), "max_abs_diff": r["max_abs_diff"], "economy": e,
                             "current": gap["current"], "target": gap["target"], "delta": gap["delta"],
                             "effect": cf.effect, "lo": cf.lo, "hi": cf.hi, "verdict": verdict})
    return pd.DataFrame(rows)
