"""Inference for fixed-effects panels with few clusters: exact within transformation, CR1 with G-1
degrees of freedom, the restricted wild cluster bootstrap, standard-error conventions, Driscoll-Kraay,
and multiple-testing corrections (Holm, Benjamini-Hochberg, Romano-Wolf).

Everything here works on the *within* data: the regression ``y = X b + D a + e`` with fixed-effect
dummies ``D`` is estimated as ``M y = M X b + M e`` with ``M = I - D (D'D)^+ D'``
(Frisch-Waugh-Lovell). :class:`WithinTransform` computes ``M`` exactly (group means for the first
effect, a small least-squares step for the others), a third route next to linearmodels' and
pyfixest's iterative demeaning, so every estimate in this module can be checked
against :func:`helpers.econometrics.fe.twfe`.

The wild cluster bootstrap is vectorised in the way of Roodman et al. (2019, "fast and wild"): with
the null imposed, the bootstrap coefficient and every cluster's score are linear in the vector of
cluster weights ``v``, so ``B`` draws cost two ``G x B`` matrix products.

References
----------
Cameron, Gelbach & Miller (2008), "Bootstrap-based improvements for inference with clustered
errors", Review of Economics and Statistics 90(3).
MacKinnon & Webb (2017), "Wild bootstrap inference for wildly different cluster sizes", Journal of
Applied Econometrics 32(2); Webb (2023), "Reworking wild bootstrap-based inference for clustered
errors", Canadian Journal of Economics 56(3) (the six-point weights).
Roodman, MacKinnon, Nielsen & Webb (2019), "Fast and wild: bootstrap inference in Stata using
boottest", Stata Journal 19(1).
Driscoll & Kraay (1998), "Consistent covariance matrix estimation with spatially dependent panel
data", Review of Economics and Statistics 80(4).
Holm (1979), "A simple sequentially rejective multiple test procedure", Scandinavian Journal of
Statistics 6(2).
Benjamini & Hochberg (1995), "Controlling the false discovery rate", JRSS B 57(1).
Romano & Wolf (2005), "Stepwise multiple testing as formalized data snooping", Econometrica 73(4).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from ..data.checks import check_choice

WILD_WEIGHTS = ("rademacher", "webb")
"""Weight distributions of the wild cluster bootstrap."""

_WEBB = np.sqrt(np.array([1.0, 2.0, 3.0]) / 2.0)

CR1_NOTE = ("CR1 cluster-robust standard errors by economy: G/(G-1) x (N-1)/(N-K), K counting the slopes "
            "and every absorbed fixed effect; p-values from t(G-1)")
"""The standard-error convention of the chapter's tables, for table notes."""


def _check_columns(df: pd.DataFrame, cols: Sequence[str], name: str = "columns") -> None:
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise ValueError(f"{name}: {missing} are not columns of the data; it has {list(df.columns)}")


def check_level(level: float, name: str = "level") -> float:
    """Validate a confidence level (strictly between 0 and 1).

    Parameters
    ----------
    level : float
        A confidence level.
    name : str
        Parameter name for the message.

    Returns
    -------
    float
        The level, as a float.

    Raises
    ------
    ValueError
        If ``level`` is not a number in (0, 1).
    """
    if not isinstance(level, (int, float)) or not 0 < level < 1:
        raise ValueError(f"{name}={level!r}: give a confidence level between 0 and 1")
    return float(level)


def complete_rows(df: pd.DataFrame, cols: Sequence[str]) -> pd.DataFrame:
    """Rows of ``df`` with a finite value in every column of ``cols`` (index reset).

    Parameters
    ----------
    df : DataFrame
        Data with the named columns; rows with a missing value in a used column are dropped.
    cols : sequence of str
        Columns that must be observed.

    Returns
    -------
    DataFrame
        The rows where every column of ``cols`` is finite.

    Raises
    ------
    ValueError
        If a column is missing.
    """
    cols = list(dict.fromkeys(cols))
    _check_columns(df, cols)
    d = df[cols].replace([np.inf, -np.inf], np.nan).dropna()
    return d.reset_index(drop=True)


class WithinTransform:
    """The exact within transformation ``M = I - P_D`` for the dummies of one or more fixed effects.

    The first fixed effect is removed by group means (exact); the others enter as dummies (one
    level dropped per effect) that are themselves demeaned by the first, and are partialled out
    by least squares (Frisch-Waugh-Lovell). The result equals the residuals of a regression on every
    dummy, for balanced and unbalanced panels alike, without iterating (pyfixest and linearmodels
    demean iteratively), and costs one small ``k x k`` solve with ``k`` the levels of the other effects.

    Parameters
    ----------
    df : DataFrame
        Holds the fixed-effect columns (any dtype), without missing values.
    fe : sequence of str
        Fixed effects; empty for a constant only.

    Attributes
    ----------
    rank : int
        Rank of the dummy matrix (with the constant): the number of absorbed parameters.
    """

    def __init__(self, df: pd.DataFrame, fe: Sequence[str]):
        fe = list(fe)
        n = len(df)
        if fe:
            self._codes, uniq = pd.factorize(df[fe[0]], sort=True)
        else:
            self._codes, uniq = np.zeros(n, dtype=int), np.array([0])
        self._g = len(uniq)
        self._counts = np.bincount(self._codes, minlength=self._g).astype(float)
        self._onehot = _onehot(self._codes, self._g)
        blocks = []
        for f in fe[1:]:
            codes, levels = pd.factorize(df[f], sort=True)
            dm = np.zeros((n, len(levels)))
            dm[np.arange(n), codes] = 1.0
            blocks.append(dm[:, 1:])
        self._d = self._demean_first(np.hstack(blocks)) if blocks else np.zeros((n, 0))
        dtd = self._d.T @ self._d
        self._dtd_pinv = np.linalg.pinv(dtd) if dtd.size else dtd
        self.rank = self._g + (int(np.linalg.matrix_rank(dtd)) if dtd.size else 0)

    def _demean_first(self, z: np.ndarray) -> np.ndarray:
        sums = self._onehot.T @ z
        return z - (sums / self._counts[:, None])[self._codes]

    def __call__(self, z: np.ndarray) -> np.ndarray:
        """Apply ``M`` to the columns of ``z`` (``N`` or ``N x m``).

        Parameters
        ----------
        z : ndarray

        Returns
        -------
        ndarray
            Same shape as ``z``.
        """
        z = np.asarray(z, dtype=float)
        flat = z.ndim == 1
        z2 = self._demean_first(z[:, None] if flat else z)
        if self._d.shape[1]:
            z2 = z2 - self._d @ (self._dtd_pinv @ (self._d.T @ z2))
        return z2[:, 0] if flat else z2


def drop_singletons(df: pd.DataFrame, entity: str) -> pd.DataFrame:
    """Drop the rows of entities observed once (their within residual is zero; Correia 2015).

    A singleton adds nothing to the estimates but would count as a cluster and an observation in the
    small-sample corrections; pyfixest drops them by default, so dropping them everywhere keeps the
    implementations comparable.

    Parameters
    ----------
    df : DataFrame
        Data with the entity column.
    entity : str
        Entity column.

    Returns
    -------
    DataFrame
        Index reset.
    """
    size = df.groupby(entity)[entity].transform("size")
    return df[size > 1].reset_index(drop=True)


def estimation_rows(df: pd.DataFrame, cols: Sequence[str], fe: Sequence[str]) -> pd.DataFrame:
    """Complete rows of ``cols`` and ``fe`` without singletons of the first fixed effect.

    Parameters
    ----------
    df : DataFrame
        Data with the named columns; rows with a missing value in a used column are dropped.
    cols : sequence of str
        Columns of the regression.
    fe : sequence of str
        Fixed-effect columns; singletons of the first are dropped.

    Returns
    -------
    DataFrame
        The rows a fixed-effects regression on ``cols`` uses.
    """
    d = complete_rows(df, [*fe, *cols])
    return drop_singletons(d, fe[0]) if len(fe) else d


def fe_residualise(df: pd.DataFrame, cols: Sequence[str], fe: Sequence[str] = ("wiod", "year")) -> pd.DataFrame:
    """Residuals of ``cols`` after a regression on the dummies of ``fe`` (exact, one projection).

    Parameters
    ----------
    df : DataFrame
        Without missing values in ``cols`` and ``fe``.
    cols : sequence of str
        Columns to residualise.
    fe : sequence of str
        Fixed-effect columns; the first is removed by group means, the others by least squares.

    Returns
    -------
    DataFrame
        Same index as ``df``, the residualised ``cols``.

    Raises
    ------
    ValueError
        If a column is missing or has missing values.
    """
    _check_columns(df, [*cols, *fe])
    z = df[list(cols)].to_numpy(dtype=float)
    if not np.all(np.isfinite(z)):
        raise ValueError(f"cols={list(cols)}: missing or infinite values; drop them first (complete_rows)")
    return pd.DataFrame(WithinTransform(df, fe)(z), index=df.index, columns=list(cols))


@dataclass(frozen=True)
class WithinFit:
    """A regression on within-transformed data with CR1 cluster-robust inference.

    Parameters
    ----------
    coef : pandas.Series
        Coefficients by regressor.
    se : pandas.Series
        CR1 standard errors.
    t : pandas.Series
        t-statistics.
    p : pandas.Series
        Two-sided p-values from t(G-1).
    vcov : pandas.DataFrame
        CR1 covariance matrix.
    nobs : int
        Observations used.
    clusters : int
        Number of clusters G.
    k_fe : int
        Rank of the absorbed fixed effects (the constant included).
    r2_within : float
        R-squared of the within regression.
    resid : numpy.ndarray
        Within residuals.
    """

    coef: pd.Series
    se: pd.Series
    t: pd.Series
    p: pd.Series
    vcov: pd.DataFrame
    nobs: int
    clusters: int
    k_fe: int
    r2_within: float
    resid: np.ndarray

    def table(self) -> pd.DataFrame:
        """One row per regressor: ``coef, se, t, p``.

        Returns
        -------
        pandas.DataFrame
            Indexed by ``regressor``.
        """
        return pd.DataFrame({"coef": self.coef, "se": self.se, "t": self.t, "p": self.p}).rename_axis("regressor")


def cr1_scale(nobs: int, k: int, clusters: int) -> float:
    """The CR1 small-sample factor ``G/(G-1) x (N-1)/(N-K)``.

    Parameters
    ----------
    nobs, k, clusters : int
        N, K (every estimated parameter, absorbed fixed effects included) and G.

    Returns
    -------
    float
        The factor that multiplies the cluster-robust sandwich.
    """
    return clusters / (clusters - 1) * (nobs - 1) / (nobs - k)


def _onehot(codes: np.ndarray, g: int) -> np.ndarray:
    out = np.zeros((len(codes), g))
    out[np.arange(len(codes)), codes] = 1.0
    return out


def _meat(xt: np.ndarray, u: np.ndarray, codes: np.ndarray, g: int) -> np.ndarray:
    scores = _onehot(codes, g).T @ (xt * u[:, None])
    return scores.T @ scores


def within_ols(df: pd.DataFrame, y: str, x: Sequence[str], fe: Sequence[str] = ("wiod", "year"),
               cluster: str = "wiod") -> WithinFit:
    """OLS with absorbed fixed effects and CR1 standard errors clustered by ``cluster``.

    ``b = (X~'X~)^{-1} X~'y~`` with ``~`` the exact within transformation (:func:`fe_residualise`);
    ``V = c A (sum_g X~_g' u_g u_g' X~_g) A`` with ``A = (X~'X~)^{-1}`` and ``c`` the CR1 factor
    :func:`cr1_scale` (K = slopes + rank of the fixed effects); p-values from t(G-1) (Cameron &
    Miller 2015, sec. VI).

    Parameters
    ----------
    df : DataFrame
        Rows with missing values in any used column are dropped.
    y : str
        Outcome column.
    x : sequence of str
        Regressor columns (controls included).
    fe : sequence of str
        Fixed-effect columns; the first is removed by group means, the others by least squares.
    cluster : str
        Cluster column (the economies).

    Returns
    -------
    WithinFit
        Coefficients, CR1 standard errors, t(G-1) p-values and the fit's sizes.

    Raises
    ------
    ValueError
        If a column is missing, fewer than 3 clusters remain, or the regressors are collinear with
        the fixed effects.
    """
    x = list(x)
    d = estimation_rows(df, [y, *x, cluster], fe)
    codes, uniq = pd.factorize(d[cluster], sort=True)
    g = len(uniq)
    if g < 3:
        raise ValueError(f"cluster={cluster!r}: {g} clusters after dropping missing values; need at least 3")
    m = WithinTransform(d, fe)
    zt = m(d[[y, *x]].to_numpy(dtype=float))
    yt, xt = zt[:, 0], zt[:, 1:]
    xtx = xt.T @ xt
    if np.linalg.matrix_rank(xtx) < len(x):
        raise ValueError(f"x={x}: regressors are collinear after removing the fixed effects {list(fe)}")
    a = np.linalg.inv(xtx)
    b = a @ xt.T @ yt
    u = yt - xt @ b
    n, k_fe = len(d), m.rank
    vcov = cr1_scale(n, len(x) + k_fe, g) * a @ _meat(xt, u, codes, g) @ a
    se = np.sqrt(np.diag(vcov))
    t = b / se
    p = 2 * stats.t.sf(np.abs(t), g - 1)
    r2 = 1 - (u @ u) / (yt @ yt) if yt @ yt > 0 else np.nan
    idx = pd.Index(x, name="regressor")
    return WithinFit(pd.Series(b, idx), pd.Series(se, idx), pd.Series(t, idx), pd.Series(p, idx),
                     pd.DataFrame(vcov, idx, idx), n, g, k_fe, float(r2), u)


def wild_weights(clusters: Sequence, reps: int, kind: str = "rademacher", seed: int = 0) -> pd.DataFrame:
    """Cluster weights of the wild bootstrap, one column per draw, indexed by cluster label.

    Rademacher: ``v = +-1`` with probability 1/2. Webb (six-point): ``+-sqrt(1/2), +-1, +-sqrt(3/2)``
    with probability 1/6 each (better with few clusters: MacKinnon & Webb 2017). With Rademacher
    weights and ``2**G <= reps`` every sign pattern is enumerated once instead (exact, deterministic;
    as the ``wildboottest`` package does).

    Parameters
    ----------
    clusters : sequence
        Cluster labels (duplicates are dropped, order kept).
    reps : int
        Number of draws (at least 99).
    kind : {"rademacher", "webb"}
    seed : int
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    DataFrame
        ``G x B`` weights.

    Raises
    ------
    ValueError
        For an unknown ``kind`` or fewer than 99 draws.
    """
    check_choice(kind, WILD_WEIGHTS, name="kind")
    if int(reps) < 99:
        raise ValueError(f"reps={reps!r}: use at least 99 bootstrap draws")
    labels = list(dict.fromkeys(clusters))
    g = len(labels)
    if kind == "rademacher" and 2**g <= reps:
        v = np.array(list(itertools.product([-1.0, 1.0], repeat=g))).T
    else:
        rng = np.random.default_rng(seed)
        if kind == "rademacher":
            v = rng.choice(np.array([-1.0, 1.0]), size=(g, int(reps)))
        else:
            v = rng.choice(np.concatenate([-_WEBB, _WEBB]), size=(g, int(reps)))
    return pd.DataFrame(v, index=pd.Index(labels, name="cluster"))


@dataclass(frozen=True)
class WildResult:
    """Result of :func:`wild_cluster_bootstrap`.

    Parameters
    ----------
    param : str
        The coefficient tested.
    coef : float
        Its estimate.
    t : float
        Its CR1 t-statistic.
    p : float
        Bootstrap p-value ``mean(|t*| > |t|)`` (symmetric; exact ties are not counted).
    t_boot : numpy.ndarray
        The ``B`` bootstrap t-statistics (null imposed).
    reps : int
        Number of draws B.
    kind : str
        Weight distribution (``given`` when the weights were passed in).
    """

    param: str
    coef: float
    t: float
    p: float
    t_boot: np.ndarray
    reps: int
    kind: str


def wild_cluster_bootstrap(df: pd.DataFrame, y: str, x: Sequence[str], param: str, *,
                           fe: Sequence[str] = ("wiod", "year"), cluster: str = "wiod",
                           reps: int = 9999, kind: str = "rademacher", seed: int = 0,
                           weights: pd.DataFrame | None = None) -> WildResult:
    """Restricted wild cluster bootstrap (WCR) test of ``b_param = 0`` in a fixed-effects regression.

    With the null imposed, the restricted fit ``y = X_r g + D a + u_r`` gives bootstrap samples
    ``y*_b = y^_r + u_r * v_{g(i), b}``. Because the within transformation is linear,
    ``b*_b = n' v_b`` with ``n_g = (X~ A e_j)_g' (M U)_g`` and the bootstrap residuals are
    ``(I - H) M diag(u_r) C v_b``, so each cluster's score is ``(S v_b)_g`` for a ``G x G`` matrix
    ``S`` (Roodman et al. 2019). ``t*_b = n'v_b / sqrt(c ||S v_b||^2)`` and
    ``p = mean_b 1(|t*_b| > |t|)`` (Cameron, Gelbach & Miller 2008; the CR1 factor ``c`` cancels).

    Parameters
    ----------
    df : DataFrame
        Data with the named columns; rows with a missing value in a used column are dropped.
    y : str
        Outcome column.
    x : sequence of str
        Regressors (``param`` among them).
    param : str
        The coefficient tested.
    fe : sequence of str
        Fixed-effect columns; the first is removed by group means, the others by least squares.
    cluster : str
        Cluster column (the economies).
    reps : int
        Number of draws (see :func:`wild_weights`); ignored when ``weights`` is given.
    kind : {"rademacher", "webb"}
        Weight distribution; ignored when ``weights`` is given.
    seed : int
        Seed of the draws; ignored when ``weights`` is given.
    weights : DataFrame, optional
        ``G x B`` weights indexed by cluster label (from :func:`wild_weights`), to share one set of
        draws between several tests (Romano-Wolf).

    Returns
    -------
    WildResult
        The CR1 t-statistic, the bootstrap p-value and the bootstrap t-statistics.

    Raises
    ------
    ValueError
        If ``param`` is not in ``x``, a column is missing, or ``weights`` lacks a cluster.
    """
    x = list(x)
    if param not in x:
        raise ValueError(f"param={param!r} is not among the regressors x={x}")
    d = estimation_rows(df, [y, *x, cluster], fe)
    codes, uniq = pd.factorize(d[cluster], sort=True)
    g = len(uniq)
    if weights is None:
        weights = wild_weights(uniq, reps, kind, seed)
    else:
        missing = [c for c in uniq if c not in weights.index]
        if missing:
            raise ValueError(f"weights: no draws for clusters {missing}")
        kind = "given"
    v = weights.loc[list(uniq)].to_numpy(dtype=float)
    m = WithinTransform(d, fe)
    zt = m(d[[y, *x]].to_numpy(dtype=float))
    yt, xt = zt[:, 0], zt[:, 1:]
    j = x.index(param)
    a = np.linalg.inv(xt.T @ xt)
    w = xt @ a[:, j]                     # b_j = w' y~
    b = a @ xt.T @ yt
    u = yt - xt @ b
    onehot = _onehot(codes, g)
    s0 = onehot.T @ (w * u)
    c = cr1_scale(len(d), len(x) + m.rank, g)  # CR1 factor: the same in t and t*, it cancels in p
    t = b[j] / np.sqrt(c * (s0 @ s0))
    xr = np.delete(xt, j, axis=1)
    u_r = yt - xr @ np.linalg.lstsq(xr, yt, rcond=None)[0] if xr.shape[1] else yt.copy()
    um = onehot * u_r[:, None]
    um = m(um)                           # U = M diag(u_r) C
    n_vec = um.T @ w                     # b*_j = n' v
    r = um - xt @ (a @ (xt.T @ um))      # (I - H) U
    smat = onehot.T @ (w[:, None] * r)
    num = n_vec @ v
    den = np.sqrt(c * np.sum((smat @ v) ** 2, axis=0))
    t_boot = num / den
    # strict exceedance; a relative margin keeps exact ties (v = +-1 under enumeration) out
    p = float(np.mean(np.abs(t_boot) > abs(t) * (1 + 1e-9)))
    return WildResult(param, float(b[j]), float(t), p, t_boot, v.shape[1], kind)


def romano_wolf(t: Sequence[float], t_boot: np.ndarray) -> np.ndarray:
    """Romano-Wolf step-down adjusted p-values from studentised statistics and their joint bootstrap.

    Sort hypotheses by ``|t|`` descending; for the k-th, ``p_k = mean_b 1(max_{l >= k} |t*_{l,b}| > |t_k|)``
    over the hypotheses not yet rejected, then enforce monotonicity ``p_k = max(p_k, p_{k-1})``
    (Romano & Wolf 2005, algorithm 4.1; Clarke, Romano & Wolf 2020). The bootstrap draws of the
    ``J`` statistics must come from one joint resampling (the same cluster weights), with the null
    imposed or centred.

    Parameters
    ----------
    t : sequence of float
        ``J`` observed statistics.
    t_boot : ndarray
        ``J x B`` bootstrap statistics.

    Returns
    -------
    ndarray
        ``J`` adjusted p-values in the order of ``t``.

    Raises
    ------
    ValueError
        If the shapes disagree.
    """
    t = np.abs(np.asarray(t, dtype=float))
    tb = np.abs(np.asarray(t_boot, dtype=float))
    if tb.ndim != 2 or tb.shape[0] != len(t):
        raise ValueError(f"t_boot has shape {tb.shape}; expected ({len(t)}, B)")
    order = np.argsort(-t, kind="stable")
    out = np.empty(len(t))
    prev = 0.0
    for k, idx in enumerate(order):
        rest = order[k:]
        pk = float(np.mean(tb[rest].max(axis=0) > t[idx]))
        prev = max(prev, pk)
        out[idx] = prev
    return out


P_ADJUST = ("holm", "bh", "bonferroni")
"""Multiple-testing corrections of :func:`adjust_pvalues`."""


def adjust_pvalues(p: Sequence[float], method: str = "holm") -> np.ndarray:
    """Adjusted p-values for a family of tests.

    - ``holm`` (Holm 1979): sorted ascending, ``p~_(k) = max_{l <= k} min(1, (m - l + 1) p_(l))``;
      controls the family-wise error rate.
    - ``bh`` (Benjamini & Hochberg 1995): ``p~_(k) = min_{l >= k} min(1, m p_(l) / l)``; controls the
      false discovery rate (under independence or positive dependence).
    - ``bonferroni``: ``min(1, m p)``.

    Computed by ``statsmodels.stats.multitest.multipletests``. NaN p-values are left out of the
    family and stay NaN.

    Parameters
    ----------
    p : sequence of float
        p-values of one family of tests (NaN allowed, left out).
    method : {"holm", "bh", "bonferroni"}
        The correction.

    Returns
    -------
    ndarray
        Adjusted p-values, in the order of ``p``.

    Raises
    ------
    ValueError
        For an unknown method.
    """
    from statsmodels.stats.multitest import multipletests

    check_choice(method, P_ADJUST, name="method")
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = np.isfinite(p)
    if ok.any():
        sm = {"holm": "holm", "bh": "fdr_bh", "bonferroni": "bonferroni"}[method]
        out[ok] = multipletests(p[ok], method=sm)[1]
    return out


def chance_significant(m: int, k: int, alpha: float = 0.05) -> dict:
    """How many of ``m`` independent true-null tests chance makes significant, and P(at least k).

    Under independence the count is Binomial(m, alpha): expected ``m alpha``, and
    ``P(X >= k) = 1 - F(k - 1)``. Correlated tests make the tail fatter or thinner; the figure is a
    yardstick, not a test.

    Parameters
    ----------
    m, k : int
        Number of tests and number found significant.
    alpha : float
        Significance level of each test.

    Returns
    -------
    dict
        ``expected``, ``p_at_least``.
    """
    return {"expected": m * alpha, "p_at_least": float(stats.binom.sf(k - 1, m, alpha))}


def driscoll_kraay(df: pd.DataFrame, y: str, x: Sequence[str], entity: str = "wiod", time: str = "year",
                   bandwidth: int | None = None) -> pd.DataFrame:
    """Two-way fixed effects with Driscoll-Kraay standard errors (linearmodels, Bartlett kernel).

    ``V = A (sum_{|l| <= L} w_l Gamma_l) A`` with ``Gamma_l = sum_t h_t h_{t-l}'`` and ``h_t`` the
    cross-sectional sum of scores in period ``t`` (Driscoll & Kraay 1998). Robust to cross-sectional
    dependence of any form, but consistent only as T grows: with T = 17 periods the long-run variance
    is estimated from 17 summed scores, so the standard errors are noisy and their t-statistics far
    from normal. Use as a sensitivity only.

    Parameters
    ----------
    df : DataFrame
        Data with the named columns; rows with a missing value in a used column are dropped.
    y : str
        Outcome column.
    x : sequence of str
        Regressor columns (controls included).
    entity : str
        Entity column.
    time : str
        Period column.
    bandwidth : int, optional
        Bartlett bandwidth (default ``floor(4 (T/100)^(2/9))``, linearmodels' rule).

    Returns
    -------
    DataFrame
        One row per regressor: ``coef, se_dk, t_dk, p_dk`` (normal reference, as linearmodels) and
        ``bandwidth``.
    """
    from linearmodels.panel import PanelOLS

    x = list(x)
    d = estimation_rows(df, [y, *x], [entity, time]).set_index([entity, time])
    t_periods = d.index.get_level_values(1).nunique()
    bw = int(np.floor(4 * (t_periods / 100) ** (2 / 9))) if bandwidth is None else int(bandwidth)
    fit = PanelOLS(d[y], d[x], entity_effects=True, time_effects=True).fit(
        cov_type="kernel", kernel="bartlett", bandwidth=bw)
    return pd.DataFrame({"coef": fit.params, "se_dk": fit.std_errors, "t_dk": fit.tstats,
                         "p_dk": 2 * stats.norm.sf(np.abs(fit.tstats)), "bandwidth": bw}).rename_axis("regressor")


SE_CONVENTIONS = ("cr1_full", "cr1_nonnested", "cr1_sss")
"""CR1 small-sample conventions compared by :func:`se_conventions`."""


def se_conventions(df: pd.DataFrame, y: str, x: Sequence[str], param: str, fe: Sequence[str] = ("wiod", "year"),
                   cluster: str = "wiod") -> pd.DataFrame:
    """The standard error of one coefficient under the common CR1 small-sample conventions.

    All share the sandwich ``A (sum_g s_g s_g') A`` and differ in the factor
    ``G/(G-1) x (N-1)/(N-K)``:

    - ``cr1_full``: K counts the slopes and every absorbed fixed effect (the book's tables;
      pyfixest ``ssc(k_fixef="full")``, linearmodels ``group_debias=True``);
    - ``cr1_nonnested``: the fixed effects nested in the clusters (country effects within country
      clusters) are not counted, every level of the others is (pyfixest ``k_fixef="nonnested"``);
    - ``cr1_sss``: K counts the slopes only (R plm ``vcovHC(type="sss")``, Stata ``xtreg, fe``).

    Parameters
    ----------
    df : DataFrame
        Data with the named columns; rows with a missing value in a used column are dropped.
    y : str
        Outcome column.
    x : sequence of str
        Regressor columns (controls included).
    param : str
        The coefficient compared across conventions.
    fe : sequence of str
        Fixed-effect columns; the first is removed by group means, the others by least squares.
    cluster : str
        Cluster column (the economies).

    Returns
    -------
    DataFrame
        One row per convention: ``convention, k, se, ratio_to_full, p`` (t(G-1)).
    """
    fit = within_ols(df, y, x, fe, cluster)
    n, g, k_slopes = fit.nobs, fit.clusters, len(list(x))
    d = estimation_rows(df, [y, *x, cluster], fe)
    nested = [f for f in fe if d.groupby(f)[cluster].nunique().max() == 1]
    k_nonnested = k_slopes + sum(int(d[f].nunique()) for f in fe if f not in nested)
    ks = {"cr1_full": k_slopes + fit.k_fe, "cr1_nonnested": k_nonnested, "cr1_sss": k_slopes}
    base = fit.se[param] / np.sqrt(cr1_scale(n, k_slopes + fit.k_fe, g))
    rows = []
    for conv in SE_CONVENTIONS:
        se = base * np.sqrt(cr1_scale(n, ks[conv], g))
        rows.append(dict(convention=conv, k=ks[conv], se=se, p=2 * stats.t.sf(abs(fit.coef[param] / se), g - 1)))
    out = pd.DataFrame(rows)
    out["ratio_to_full"] = out["se"] / out.loc[out["convention"] == "cr1_full", "se"].iloc[0]
    return out
