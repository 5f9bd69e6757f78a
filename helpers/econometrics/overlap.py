"""Overlap of the indices with the outcomes and controls: within-country (two-way demeaned) correlations.

A two-way fixed-effects regression uses only the variation left after country and year means are
removed (Frisch-Waugh-Lovell). An index that shares that variation with an outcome or a control by
construction cannot test a hypothesis about them, so the measurement chapter reports, for every
indicator and composite, its correlation with every GVC outcome and every control after both means
are removed (:func:`helpers.econometrics.fe.two_way_demean`, alternating projections, exact for
unbalanced panels).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..data.checks import check_subset
from ..data.facts import DIMENSIONS
from ..data.panel import country_year_panel
from ..data.wiot import WIOD_YEARS
from ..indices.dti import DTI_FILL, dti_structure
from ..indices.resilience import RES_STRUCTURES, RES_VARIANTS, resilience_index
from .hypotheses import OUTCOMES, estimation_sample


def _two_way_residuals(d: pd.DataFrame, cols: Sequence[str], entity: str, time: str, tol: float = 1e-13,
                       max_iter: int = 100_000) -> np.ndarray:
    """Residuals of ``cols`` after removing entity and time means: alternating projections (exact at
    convergence on unbalanced panels), vectorised with ``numpy.bincount``."""
    e = pd.factorize(d[entity])[0]
    t = pd.factorize(d[time])[0]
    ce, ct = np.bincount(e), np.bincount(t)
    out = []
    for c in cols:
        v = d[c].to_numpy(dtype=float).copy()
        for _ in range(max_iter):
            new = v - (np.bincount(e, v) / ce)[e]
            new = new - (np.bincount(t, new) / ct)[t]
            done = np.max(np.abs(new - v)) < tol * max(1.0, np.max(np.abs(v)))
            v = new
            if done:
                break
        out.append(v)
    return np.column_stack(out)


def within_correlations(df: pd.DataFrame, rows: Sequence[str], cols: Sequence[str], *, entity: str = "wiod",
                        time: str = "year", min_obs: int = 30) -> pd.DataFrame:
    """Correlations of two-way demeaned variables, pair by pair on the rows where both are observed.

    For each pair ``(a, b)`` the country-years with both observed are kept, ``a`` and ``b`` are
    demeaned by entity and time on that subsample (the two-way within transformation, by alternating
    projections to convergence, exact on unbalanced panels: the residuals of a regression on entity and
    time dummies), and Pearson's r of the residuals is reported.

    Parameters
    ----------
    df : pandas.DataFrame
        Panel with ``entity``, ``time`` and the variables.
    rows, cols : sequence of str
        Variables of the rows and columns of the result.
    entity, time : str
        Panel identifiers.
    min_obs : int
        Pairs with fewer common observations are NaN.

    Returns
    -------
    pandas.DataFrame
        ``rows`` x ``cols`` correlations.

    Raises
    ------
    ValueError
        If a variable or an identifier is not a column of ``df``.

    Examples
    --------
    >>> d = pd.DataFrame({"wiod": list("AABB") * 2, "year": [1, 2, 1, 2] * 2,
    ...                   "x": [1.0, 2, 3, 5, 0, 1, 2, 2], "y": [2.0, 4, 6, 10, 0, 2, 4, 4]})
    >>> round(float(within_correlations(d, ["x"], ["y"], min_obs=2).iloc[0, 0]), 12)
    1.0
    """
    check_subset([entity, time, *rows, *cols], df.columns, name="columns")
    out = pd.DataFrame(np.nan, index=list(rows), columns=list(cols))
    for a in rows:
        for b in cols:
            if a == b:
                out.loc[a, b] = 1.0
                continue
            d = df[[entity, time, a, b]].replace([np.inf, -np.inf], np.nan).dropna()
            if len(d) < min_obs:
                continue
            r = _two_way_residuals(d, [a, b], entity, time)
            sa, sb = r[:, 0].std(), r[:, 1].std()
            if sa > 1e-12 and sb > 1e-12:
                out.loc[a, b] = float(np.corrcoef(r[:, 0], r[:, 1])[0, 1])
    return out


OVERLAP_OUTCOMES = tuple(k for k, (h, _) in OUTCOMES.items() if not h.startswith("H3"))
"""The GVC outcomes of hypotheses H1-H2 (production lengths, participation, position)."""

OVERLAP_CONTROLS = ("ln_gdp_pc", "hc")
"""The controls of the empirical chapter."""


def dti_overlap(variant: str = "all", method: str = "entropy") -> pd.DataFrame:
    """Within-country correlation of every DTI indicator, dimension and the index with the outcomes and controls.

    Parameters
    ----------
    variant : str
        DTI variant whose indicators are the rows (default ``all``: every admissible indicator, so
        that the table shows why two of them leave the headline).
    method : str
        Weighting of the dimensions and the index.

    Returns
    -------
    pandas.DataFrame
        Indexed by variable (indicators, then the four dimensions and ``dti``), one column per GVC
        outcome (:data:`OVERLAP_OUTCOMES`) and control (:data:`OVERLAP_CONTROLS`), 1995-2011, two-way demeaned.

    Raises
    ------
    ValueError
        If ``variant`` or ``method`` is unknown.
    """
    struct = dti_structure(variant)
    cols = [j for js in struct.values() for j in js]
    sample = estimation_sample(method=method, dti_variant=variant)
    panel = country_year_panel(years=WIOD_YEARS, **DTI_FILL)[["wiod", "year", *cols]]
    d = sample.merge(panel, on=["wiod", "year"], how="left")
    return within_correlations(d, [*cols, *DIMENSIONS, "dti"], [*OVERLAP_OUTCOMES, *OVERLAP_CONTROLS])


def res_overlap(method: str = "entropy") -> pd.DataFrame:
    """Within-country correlation of both resilience designs (composite, dimensions, indicators) with the outcomes.

    Parameters
    ----------
    method : str
        Weighting of the composites.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``variant`` and ``variable`` (``res, security, stability`` and the indicators),
        one column per GVC outcome (:data:`OVERLAP_OUTCOMES`) and control (:data:`OVERLAP_CONTROLS`),
        1995-2011, two-way demeaned.

    Raises
    ------
    ValueError
        If ``method`` is unknown.
    """
    sample = estimation_sample(method=method)[["wiod", "year", *OVERLAP_OUTCOMES, *OVERLAP_CONTROLS]]
    out = []
    for v in RES_VARIANTS:
        r = resilience_index(method=method, variant=v)
        rows = ["res", "security", "stability", *[c for js in RES_STRUCTURES[v].values() for c in js]]
        d = sample.merge(r[["wiod", "year", *rows]], on=["wiod", "year"], how="left")
        c = within_correlations(d, rows, [*OVERLAP_OUTCOMES, *OVERLAP_CONTROLS])
        c.index = pd.MultiIndex.from_product([[v], rows], names=["variant", "variable"])
        out.append(c)
    return pd.concat(out)
