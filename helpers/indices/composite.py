"""Composite-index machinery: normalisation, weights (entropy, equal, PCA, CRITIC) and aggregation.

Notation: ``x_ij`` is indicator ``j`` for observation ``i`` (a country-year of the pooled
panel), ``m`` the number of indicators (of a dimension, or of dimensions at the second stage),
``n_j`` the number of non-missing observations of indicator ``j`` among the rows that estimate
the weights.

Normalisation (direction-aware min-max on a base)
    ``z_ij = (x_ij - min_j) / (max_j - min_j)`` for a positive indicator (more is better) and
    ``z_ij = (max_j - x_ij) / (max_j - min_j)`` for a negative one; min and max are taken over
    the *base*: the pooled panel (all countries and years) by default, or a subset of rows such as
    the years of a regression window, so a score is comparable across years. Rows outside the base
    are scored on the base's scale (values may leave [0, 1], capped to ``later_range``).
    Optionally each indicator is winsorised at quantiles ``clip`` first (robust to outliers such
    as Luxembourg's FDI flows): base rows at the base's quantiles, other rows at their own.
    A constant indicator is set to 0.5 everywhere.

Weights (each returns a Series summing to one)
    - entropy (Shannon): ``p_ij = z_ij / sum_i z_ij``, ``e_j = -(1 / ln n_j) sum_i p_ij ln p_ij``,
      ``d_j = 1 - e_j``, ``w_j = d_j / sum_k d_k``  (Shannon 1948; Zeleny 1982; the usual choice in the
      Chinese digital-trade literature, e.g. Jia et al. 2021).
    - CRITIC: ``C_j = sigma_j sum_k (1 - r_jk)``, ``w_j = C_j / sum_k C_k`` (Diakoulaki, Mavrotas &
      Papayannakis 1995, Computers & Operations Research 22(7)).
    - PCA: eigen-decomposition of the correlation matrix of complete rows; components with
      eigenvalue > 1 (Kaiser) kept; ``w_j ∝ sum_k (lambda_k / sum_kept lambda) |u_jk|``
      (OECD/JRC 2008 Handbook on Constructing Composite Indicators, sec. 6.1, simplified to
      unrotated loadings).
    - equal: ``w_j = 1/m``.

Aggregation (two stages, the same method at both)
    Sub-index of dimension ``d``: ``S_id = sum_{j in d, avail} w_j z_ij / sum_{j in d, avail} w_j``,
    reported if at least ``min_coverage`` (default half) of the dimension's indicators are available.
    Composite: ``I_i = sum_d W_d S_id`` with dimension weights ``W`` from the same method applied
    to the matrix of sub-indices (equal: ``1/D``); it needs every dimension. All scores of the base
    lie in [0, 1].
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

METHODS = ("entropy", "equal", "pca", "critic")
"""The weighting methods of every composite index, headline first."""


def _frame(z) -> pd.DataFrame:
    if isinstance(z, pd.DataFrame):
        return z.astype(float)
    arr = np.asarray(z, dtype=float)
    if arr.ndim != 2:
        raise ValueError(f"expected a 2-D array (observations x indicators); got shape {arr.shape}")
    return pd.DataFrame(arr, columns=[f"x{j}" for j in range(arr.shape[1])])


def _directions(cols, directions) -> pd.Series:
    if directions is None:
        return pd.Series(1, index=cols)
    d = pd.Series(directions, dtype=float) if not isinstance(directions, pd.Series) else directions.astype(float)
    if isinstance(directions, (list, tuple, np.ndarray)):
        d.index = cols
    missing = [c for c in cols if c not in d.index]
    if missing:
        raise KeyError(f"no direction given for indicator(s) {missing}")
    d = d.reindex(cols)
    bad = d[~d.isin([1, -1])]
    if len(bad):
        raise ValueError(f"directions must be +1 or -1; got {bad.to_dict()}")
    return d


def normalise(df, directions=None, *, clip: tuple[float, float] | None = None, bounds=None, base=None,
              later_range: tuple[float, float] = (-1.0, 2.0)) -> pd.DataFrame:
    """Direction-aware min-max normalisation to [0, 1], pooled or on a base.

    ``z_ij = (x_ij - min_j) / (max_j - min_j)`` (``1 - z`` for a negative indicator), with ``min_j``
    and ``max_j`` taken over the pool: all rows, or the ``base`` rows only. On a base, rows outside
    it are put on the base's scale and are *not* forced into [0, 1]: a value above the best base
    observation scores above 1. They are capped to ``later_range`` (by default one base range beyond
    either end), so that a single outlier after the base cannot dominate an index.

    ``z_ij = (x_ij - min_j) / (max_j - min_j)`` for a positive indicator, ``(max_j - x_ij) / (max_j
    - min_j)`` for a negative one, min and max over the pooled rows (OECD/JRC 2008, Handbook on
    Constructing Composite Indicators, sec. 5, "min-max"). A constant indicator is 0.5 wherever
    observed.

    Parameters
    ----------
    df : pandas.DataFrame or array_like
        Raw indicators, observations x indicators (NaN allowed and kept).
    directions : mapping, pandas.Series or sequence of {1, -1}, optional
        +1: larger is better (default for every indicator), -1: smaller is better.
    clip : (float, float), optional
        Quantiles (e.g. ``(0.01, 0.99)``) at which each indicator is winsorised before scaling.
        With a base, base rows are winsorised at the base's quantiles and the other rows at their
        own (so that an outlier after the base is tamed without the base depending on it).
    bounds : pandas.DataFrame, optional
        Fixed bounds with rows ``min`` and ``max`` (e.g. from another sample) instead of the pooled
        min and max; values outside are clipped to them.
    base : array_like of bool, optional
        Rows whose min and max (and winsorising quantiles) define the scale; default all rows.
    later_range : (float, float)
        Cap of the normalised values of rows outside ``base``.

    Returns
    -------
    pandas.DataFrame
        Same shape and labels; values in [0, 1] on the pool (1 is its best observation), in
        ``later_range`` outside a base.

    Raises
    ------
    KeyError
        If ``directions`` lacks an indicator.
    ValueError
        If a direction is not +1 or -1, ``clip`` is not ``0 <= lower < upper <= 1``, ``df`` is
        not two-dimensional, or ``base`` selects no row.

    Examples
    --------
    >>> normalise(pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [10.0, 20.0, 30.0]}), {"a": 1, "b": -1})["b"].tolist()
    [1.0, 0.5, 0.0]
    >>> normalise(pd.DataFrame({"a": [1.0, 2.0, 3.0]}), base=[True, True, False])["a"].tolist()
    [0.0, 1.0, 2.0]
    """
    x = _frame(df)
    d = _directions(x.columns, directions)
    in_base = np.ones(len(x), dtype=bool) if base is None else np.asarray(base, dtype=bool)
    if in_base.shape != (len(x),) or not in_base.any():
        raise ValueError(f"base must be a boolean mask with one entry per row ({len(x)}) selecting at least one row")
    if clip is not None:
        lo_q, hi_q = clip
        if not 0 <= lo_q < hi_q <= 1:
            raise ValueError(f"clip={clip!r}: need 0 <= lower < upper <= 1")
        for part in (in_base, ~in_base):  # each period winsorised at its own quantiles; the scale is the base's
            if part.any():
                xp = x.loc[part]
                x.loc[part] = xp.clip(lower=xp.quantile(lo_q), upper=xp.quantile(hi_q), axis=1)
    if bounds is not None:
        lo, hi = bounds.loc["min"].reindex(x.columns), bounds.loc["max"].reindex(x.columns)
        x = x.clip(lower=lo, upper=hi, axis=1)
    else:
        lo, hi = x.loc[in_base].min(), x.loc[in_base].max()
    rng = hi - lo
    z = (x - lo) / rng.where(rng > 0)
    for c in d.index[d < 0]:
        z[c] = 1.0 - z[c]
    const = rng.index[~(rng > 0)]
    for c in const:
        z[c] = np.where(x[c].notna(), 0.5, np.nan)
    z.loc[in_base] = z.loc[in_base].clip(0.0, 1.0)
    if not in_base.all():
        z.loc[~in_base] = z.loc[~in_base].clip(*later_range)
    return z


def entropy_weights(z, *, shift: float = 0.0) -> pd.Series:
    """Shannon-entropy weights of non-negative (normalised) indicators.

    ``p_ij = (z_ij + shift) / sum_i (z_ij + shift)``; ``e_j = -(1/ln n_j) sum_i p_ij ln p_ij`` (0 ln 0 = 0);
    ``w_j = (1 - e_j) / sum_k (1 - e_k)``. Missing values are skipped column by column (``n_j``).
    An indicator with no dispersion has ``e_j = 1`` and weight 0.

    Parameters
    ----------
    z : pandas.DataFrame or array_like
        Observations x indicators, values >= 0 (NaN allowed).
    shift : float
        Added to every value before ``p`` is computed (some authors use 1e-4 to avoid log 0).

    Returns
    -------
    pandas.Series
        Weights summing to one (equal weights if no indicator has any dispersion).

    Raises
    ------
    ValueError
        If a value (after ``shift``) is negative.

    References
    ----------
    Shannon (1948), "A mathematical theory of communication", Bell System Technical Journal 27;
    Zeleny (1982), *Multiple Criteria Decision Making*, ch. 7. Checked against the worked example of
    Xu (2004), EJOR 156(2), 530-532 (tests/indices/test_composite.py).
    """
    z = _frame(z) + shift
    if (z < 0).any().any():
        raise ValueError("entropy weights need non-negative values; normalise first")
    e = {}
    for c in z.columns:
        col = z[c].dropna().to_numpy()
        n = len(col)
        s = col.sum()
        if n < 2 or s <= 0 or np.ptp(col) == 0:  # no dispersion: e_j = 1 exactly
            e[c] = 1.0
            continue
        p = col / s
        with np.errstate(divide="ignore", invalid="ignore"):
            plogp = np.where(p > 0, p * np.log(p), 0.0)
        e[c] = float(-plogp.sum() / np.log(n))
    d = 1.0 - pd.Series(e)
    d = d.clip(lower=0.0)
    if d.sum() <= 1e-15:
        return pd.Series(1.0 / len(d), index=d.index)
    return d / d.sum()


def equal_weights(z) -> pd.Series:
    """Equal weights ``w_j = 1/m`` over the ``m`` columns of ``z``.

    Parameters
    ----------
    z : pandas.DataFrame or array_like
        Observations x indicators (normalised values; NaN allowed).

    Returns
    -------
    pandas.Series
        ``1/m`` for every column.
    """
    cols = _frame(z).columns
    return pd.Series(1.0 / len(cols), index=cols)


def critic_weights(z) -> pd.Series:
    """CRITIC weights (Diakoulaki, Mavrotas & Papayannakis 1995).

    ``C_j = sigma_j * sum_k (1 - r_jk)`` with ``sigma_j`` the standard deviation of the normalised
    indicator and ``r_jk`` the (pairwise-complete, at least 3 rows) Pearson correlation;
    ``w_j = C_j / sum_k C_k``. Constant indicators get weight 0.

    Parameters
    ----------
    z : pandas.DataFrame or array_like
        Observations x indicators (normalised values; NaN allowed).

    Returns
    -------
    pandas.Series
        Weights summing to one (equal weights if no indicator has any dispersion).

    References
    ----------
    Diakoulaki, Mavrotas & Papayannakis (1995), "Determining objective weights in multiple criteria
    problems: the CRITIC method", Computers & Operations Research 22(7), 763-770. Checked against the
    worked example of Tuş & Aytaç Adalı (2019), Opsearch 56(2), 528-538 (tests/indices/test_composite.py).
    """
    z = _frame(z)
    sd = z.std(ddof=1).fillna(0.0)
    r = z.corr(min_periods=3).to_numpy(copy=True)
    r = np.nan_to_num(r, nan=0.0)
    np.fill_diagonal(r, 1.0)
    c = sd * pd.Series((1.0 - r).sum(axis=1), index=z.columns)
    if c.sum() <= 0:
        return pd.Series(1.0 / len(c), index=c.index)
    return c / c.sum()


def pca_weights(z, *, kaiser: bool = True) -> pd.Series:
    """PCA weights from the correlation matrix of complete rows.

    ``w_j ∝ sum_{k kept} (lambda_k / sum_{kept} lambda) |u_jk|`` where ``lambda_k, u_k`` are eigenvalues and
    unit eigenvectors of the correlation matrix; components with ``lambda_k > 1`` are kept (Kaiser
    criterion; at least the first). Constant indicators get weight 0. With a single indicator the
    weight is 1 (OECD/JRC 2008, Handbook on Constructing Composite Indicators, sec. 6.1, with
    unrotated loadings).

    Parameters
    ----------
    z : pandas.DataFrame or array_like
        Observations x indicators (normalised values; NaN allowed).
    kaiser : bool
        Keep only components with eigenvalue above 1 (default); ``False`` keeps all.

    Returns
    -------
    pandas.Series
        Weights summing to one.

    Raises
    ------
    ValueError
        If there are no more complete rows than varying indicators.
    """
    z = _frame(z)
    cols = z.columns
    sd = z.std(ddof=1)
    var = [c for c in cols if sd.get(c, 0) > 0]
    w = pd.Series(0.0, index=cols)
    if len(var) <= 1:
        if var:
            w[var[0]] = 1.0
            return w
        return pd.Series(1.0 / len(cols), index=cols)
    comp = z[var].dropna()
    if len(comp) < len(var) + 1:
        raise ValueError(f"PCA weights need more complete rows ({len(comp)}) than indicators ({len(var)})")
    corr = np.corrcoef(comp.to_numpy(), rowvar=False)
    lam, u = np.linalg.eigh(corr)
    order = np.argsort(lam)[::-1]
    lam, u = lam[order], u[:, order]
    keep = lam > 1.0 if kaiser else np.ones_like(lam, dtype=bool)
    keep[0] = True
    share = lam[keep] / lam[keep].sum()
    raw = np.abs(u[:, keep]) @ share
    w[var] = raw / raw.sum()
    return w


WEIGHTERS = {"entropy": entropy_weights, "equal": equal_weights, "pca": pca_weights, "critic": critic_weights}


def weights(z, method: str = "entropy") -> pd.Series:
    """Weights of the columns of ``z`` by one of the methods of :data:`METHODS`.

    Parameters
    ----------
    z : pandas.DataFrame or array_like
        Observations x indicators (normalised values; NaN allowed).
    method : {"entropy", "equal", "pca", "critic"}
        :func:`entropy_weights`, :func:`equal_weights`, :func:`pca_weights` or :func:`critic_weights`.

    Returns
    -------
    pandas.Series
        Weights summing to one, indexed by column.

    Raises
    ------
    ValueError
        For another method.
    """
    if method not in WEIGHTERS:
        raise ValueError(f"method={method!r}; choose one of {list(WEIGHTERS)}")
    return WEIGHTERS[method](z)


def aggregate(z: pd.DataFrame, w: pd.Series, *, min_coverage: float = 0.5, coverage: str = "count") -> pd.Series:
    """Weighted mean of the available indicators: ``sum_avail w_j z_ij / sum_avail w_j``.

    Parameters
    ----------
    z : pandas.DataFrame
        Observations x indicators (NaN = not available).
    w : pandas.Series
        Weight of each column (missing ones count as 0).
    min_coverage : float
        Share needed for a score; below it the score is NaN.
    coverage : {"count", "weight"}
        What must reach ``min_coverage``: the share of indicators available (``"count"``, the
        default, independent of the weighting method) or the share of the weight they carry
        (``"weight"``).

    Returns
    -------
    pandas.Series
        One score per row, NaN where coverage is insufficient.

    Raises
    ------
    ValueError
        If ``coverage`` is neither ``"count"`` nor ``"weight"``.
    """
    if coverage not in ("count", "weight"):
        raise ValueError(f"coverage={coverage!r}; choose 'count' or 'weight'")
    w = w.reindex(z.columns).fillna(0.0)
    avail = z.notna()
    if coverage == "weight":
        cover = avail.mul(w, axis=1).sum(axis=1) / w.sum()
    else:
        cover = avail.mean(axis=1)
    num = z.fillna(0.0).mul(w, axis=1).sum(axis=1)
    den = avail.mul(w, axis=1).sum(axis=1)
    out = num / den.where(den > 0)
    return out.where(cover >= min_coverage - 1e-12)


@dataclass(frozen=True)
class CompositeIndex:
    """Result of :func:`composite_index`.

    Parameters
    ----------
    scores : pandas.DataFrame
        One column per dimension (sub-index) and ``index``; same rows as the input.
    normalised : pandas.DataFrame
        The normalised indicators ``z``.
    indicator_weights : pandas.Series
        Within-dimension weights (sum to one in each dimension), indexed by indicator; the
        structure is in its ``attrs["structure"]``.
    dimension_weights : pandas.Series
        Weights of the dimensions (sum to one).
    method : str
        The weighting method, one of :data:`METHODS`.
    """

    scores: pd.DataFrame
    normalised: pd.DataFrame
    indicator_weights: pd.Series
    dimension_weights: pd.Series
    method: str

    def global_weights(self) -> pd.Series:
        """Weight of each indicator in the composite: within-dimension weight x dimension weight.

        Returns
        -------
        pandas.Series
            Indexed by indicator; sums to one.
        """
        dim_of = {j: d for d, js in self.structure.items() for j in js}
        return pd.Series({j: w * self.dimension_weights[dim_of[j]] for j, w in self.indicator_weights.items()})

    @property
    def structure(self) -> dict[str, list[str]]:
        """Dimension name -> its indicators, as passed to :func:`composite_index`.

        Returns
        -------
        dict of str to list of str
            The structure of the index.
        """
        return self.indicator_weights.attrs["structure"]


def composite_index(data: pd.DataFrame, structure: dict[str, list[str]], directions=None, method: str = "entropy",
                    *, clip=None, min_coverage: float = 0.5, dimension_coverage: float = 1.0,
                    weight_rows=None, base_rows=None) -> CompositeIndex:
    """Two-stage composite index: normalise, weight within dimensions, aggregate, weight dimensions.

    Stage 1: ``S_id = sum_{j in d} w_j z_ij`` over available indicators (:func:`aggregate`) with
    weights ``w`` of ``method`` estimated within each dimension; stage 2: ``I_i = sum_d W_d S_id``
    with dimension weights ``W`` from the same method on the sub-indices (equal: ``1/D``). See the
    module docstring for the formulas and references.

    Parameters
    ----------
    data : pandas.DataFrame
        Raw indicators, one row per observation (e.g. country-year), pooled.
    structure : dict of str to list of str
        Dimension name -> indicator columns.
    directions : mapping of str to {1, -1}, optional
        Direction of each indicator (+1 more is better, the default; -1 less is better).
    method : {"entropy", "equal", "pca", "critic"}
        Weighting method, used at both stages (``equal``: ``1/m_d`` within, ``1/D`` across).
    clip : (float, float), optional
        Winsorising quantiles passed to :func:`normalise`.
    min_coverage : float
        Share of a dimension's indicators that must be available for its sub-index
        (the available ones are re-weighted to sum to one).
    dimension_coverage : float
        Share of the dimension weight needed for the composite (1.0: all dimensions required).
    weight_rows : array_like of bool, optional
        Rows used to *estimate* the weights (default ``base_rows``, else all); scores are computed
        for every row.
    base_rows : array_like of bool, optional
        Rows that define the normalisation (:func:`normalise` ``base``; default all). Scores of the
        other rows are on the base's scale and may leave [0, 1].

    Returns
    -------
    CompositeIndex
        Scores, normalised indicators and both sets of weights.

    Raises
    ------
    KeyError
        If an indicator of ``structure`` is not a column of ``data``.
    ValueError
        For an unknown method or direction (from :func:`weights`, :func:`normalise`).
    """
    cols = [c for js in structure.values() for c in js]
    missing = [c for c in cols if c not in data.columns]
    if missing:
        raise KeyError(f"indicator column(s) {missing} not in data")
    z = normalise(data[cols], directions, clip=clip, base=base_rows)
    if weight_rows is None:
        weight_rows = base_rows
    wrows = slice(None) if weight_rows is None else np.asarray(weight_rows, dtype=bool)
    iw, sub = {}, {}
    for dim, js in structure.items():
        w = weights(z.loc[wrows, js], method)
        iw.update(w.to_dict())
        sub[dim] = aggregate(z[js], w, min_coverage=min_coverage)
    subdf = pd.DataFrame(sub, index=data.index)
    dw = equal_weights(subdf) if method == "equal" else weights(subdf.loc[wrows].dropna(), method)
    scores = subdf.copy()
    scores["index"] = aggregate(subdf, dw, min_coverage=dimension_coverage, coverage="weight")
    iws = pd.Series(iw)
    iws.attrs["structure"] = {k: list(v) for k, v in structure.items()}
    return CompositeIndex(scores, z, iws, dw, method)




def rank_stability(frame: pd.DataFrame, value: str, *, entity: str = "wiod", time: str = "year",
                   min_entities: int = 3) -> pd.DataFrame:
    """How much a ranking moves over time: Spearman rank correlations of ``value`` across entities.

    For each pair of years ``(a, b)`` compared, ``rho = corr(rank_a, rank_b)`` over the entities
    with a value in both years (Spearman 1904; ties get average ranks). A ranking that does not
    move has ``rho = 1``; a reversed one ``rho = -1``. Two kinds of pairs are reported: every pair
    of consecutive years with values (``"year on year"``), and the first against the last of those
    years (``"first to last"``).

    Parameters
    ----------
    frame : pandas.DataFrame
        Long panel with ``entity``, ``time`` and ``value`` (missing values are dropped).
    value : str
        Column ranked within each year (e.g. ``"dti"`` or ``"res"``).
    entity, time : str
        Names of the entity and year columns.
    min_entities : int
        Pairs of years with fewer common entities are skipped (>= 3).

    Returns
    -------
    pandas.DataFrame
        One row per pair: ``kind`` (``"year on year"`` or ``"first to last"``), ``start``,
        ``end``, ``n`` (entities in both years) and ``spearman``.

    Raises
    ------
    ValueError
        If a column is missing, ``min_entities < 3``, or fewer than two years have values.
    """
    missing = [c for c in (entity, time, value) if c not in frame.columns]
    if missing:
        raise ValueError(f"columns {missing} are not in the frame; it has {list(frame.columns)}")
    if min_entities < 3:
        raise ValueError(f"min_entities={min_entities!r}: must be >= 3")
    wide = frame.dropna(subset=[value]).pivot(index=entity, columns=time, values=value)
    years = sorted(wide.columns)
    if len(years) < 2:
        raise ValueError(f"value={value!r} has values in {len(years)} year(s); at least 2 are needed")
    pairs = [("year on year", a, b) for a, b in zip(years[:-1], years[1:], strict=True)]
    pairs.append(("first to last", years[0], years[-1]))
    rows = []
    for kind, a, b in pairs:
        both = wide[[a, b]].dropna()
        if len(both) < min_entities:
            continue
        ranks = both.rank()
        rho = float(np.corrcoef(ranks[a], ranks[b])[0, 1])
        rows.append(dict(kind=kind, start=int(a), end=int(b), n=len(both), spearman=rho))
    return pd.DataFrame(rows, columns=["kind", "start", "end", "n", "spearman"])
