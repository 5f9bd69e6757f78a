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
from .fe import two_way_demean


def within_correlations(df: pd.DataFrame, rows: Sequence[str], cols: Sequence[str], *, entity: str = "wiod",
                        time: str = "year", min_obs: int = 30) -> pd.DataFrame:
    """Correlations of two-way demeaned variables, pair by pair on the rows where both are observed.

    For each pair ``(a, b)`` the country-years with both observed are kept, ``a`` and ``b`` are
    demeaned by entity and time on that subsample, and Pearson's r of the residuals is reported.

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
    >>> float(within_correlations(d, ["x"], ["y"], min_obs=2).iloc[0, 0])
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
            dm = two_way_demean(d, [a, b], entity=entity, time=time)
            sa, sb = dm[a].std(), dm[b].std()
            if sa > 0 and sb > 0:
                out.loc[a, b] = float(np.corrcoef(dm[a], dm[b])[0, 1])
    return out
