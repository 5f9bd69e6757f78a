"""Shock-based resilience (Martin 2012): resistance and recovery in the 2009 and 2020 shocks.

Resistance and recovery (Martin 2012, *Journal of Economic Geography* 12(1), 1-32): for an outcome
``Y`` and a shock with peak ``t0``, trough ``t1`` and end ``t2``, with ``g_s`` the growth of economy
``s`` and ``g_N`` the growth of the sum over the economies measured,

- resistance ``(g_s^{t0-t1} - g_N^{t0-t1}) / |g_N^{t0-t1}|``,
- recovery ``(g_s^{t1-t2} - g_N^{t1-t2}) / |g_N^{t1-t2}|``;

positive = more resilient than the sample. The Great Trade Collapse (2008-2009-2011) is measured on
WIOD 2013 manufacturing (value added, gross output, domestic and foreign value added in exports,
current USD) and, as a second source, on the ADB MRIO country-sector summaries (constant prices);
the 2020 shock (2019-2020-2022) on the ADB MRIO files only.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from ..data.adb import adb_manufacturing_gvc, adb_manufacturing_summary
from ..data.checks import check_year_order
from ..data.facts import iso3_to_wiod
from ..data.wiot import WIOD_YEARS
from ..gvc.sourcing import manufacturing_gvc_panel


def martin_resilience(df: pd.DataFrame, col: str, t0: int, t1: int) -> pd.Series:
    """Martin (2012) relative growth of each economy against the sample between two years.

    ``(g_s - g_N) / |g_N|`` with ``g_s = y_s(t1) / y_s(t0) - 1`` the growth of economy ``s`` and
    ``g_N = sum_s y_s(t1) / sum_s y_s(t0) - 1`` the growth of the sum over the economies observed in
    both years (Martin 2012, *Journal of Economic Geography* 12(1), 1-32, eq. (1)-(2)): resistance
    when ``t0`` is the peak and ``t1`` the trough, recovery from the trough to the end of the shock.
    Positive values mean more resilient than the sample.

    Parameters
    ----------
    df : pandas.DataFrame
        Long frame with columns ``iso3``, ``year`` and ``col``, one row per (economy, year).
    col : str
        The outcome ``y`` (a level, e.g. value added).
    t0, t1 : int
        Start and end year of the growth period.

    Returns
    -------
    pandas.Series
        Indexed by ``iso3``.

    Raises
    ------
    ValueError
        If ``col`` is not a column of ``df`` or ``t0`` / ``t1`` are not among its years.

    Examples
    --------
    >>> d = pd.DataFrame({"iso3": ["A", "A", "B", "B"], "year": [1, 2, 1, 2], "y": [100.0, 80, 100, 100]})
    >>> martin_resilience(d, "y", 1, 2).round(3).tolist()   # sample falls 10%: A -1, B +1
    [-1.0, 1.0]
    """
    if col not in df.columns:
        raise ValueError(f"col={col!r} is not a column of the frame; columns: {list(df.columns)}")
    w = df.pivot(index="iso3", columns="year", values=col)
    missing = [t for t in (t0, t1) if t not in w.columns]
    if missing:
        raise ValueError(f"t0={t0}, t1={t1}: {missing} not among the years of the frame {list(w.columns)}")
    both = w[[t0, t1]].dropna()
    g = w[t1] / w[t0] - 1.0
    gn = both[t1].sum() / both[t0].sum() - 1.0
    return (g - gn) / abs(gn)


def _shortfall(levels: np.ndarray) -> float:
    """Mean shortfall of a window of log levels below their running peak."""
    return float(np.mean(np.maximum.accumulate(levels) - levels))


def persistence_of_losses(log_levels: pd.Series, window: int) -> pd.Series:
    """Rolling persistence of losses: mean shortfall of a log level below its running peak in the window.

    ``P_t = (1/W_t) sum_{tau in window} [max_{u <= tau, u in window} y_u - y_tau]`` over the
    ``window`` years ending in ``t`` (at least ``window - 1`` of them observed, ``W_t`` in all).
    A fall reversed the next year adds little; a fall that lasts adds in every year it lasts.

    Parameters
    ----------
    log_levels : pandas.Series
        Log levels of one economy, in year order.
    window : int
        Years in the window (at least 4).

    Returns
    -------
    pandas.Series
        Same index; NaN until ``window - 1`` years are available.

    Raises
    ------
    ValueError
        If ``window`` < 4.

    Examples
    --------
    >>> s = pd.Series(np.log([100.0, 110.0, 99.0, 99.0, 121.0]))
    >>> round(float(persistence_of_losses(s, 5).iloc[-1]), 4)  # two years 10% below the 110 peak
    0.0421
    """
    if window < 4:
        raise ValueError(f"window={window}: need at least 4 years")
    return log_levels.rolling(window, min_periods=window - 1).apply(_shortfall, raw=True)


def _resistance_recovery(df: pd.DataFrame, cols: dict, peak: int, trough: int, end: int) -> pd.DataFrame:
    out = {}
    for name, col in cols.items():
        out[f"resistance_{name}"] = martin_resilience(df, col, peak, trough)
        out[f"recovery_{name}"] = martin_resilience(df, col, trough, end)
    return pd.DataFrame(out)


def shock_resilience(peak: int = 2008, trough: int = 2009, end: int = 2011) -> pd.DataFrame:
    """Martin (2012) resistance and recovery in the Great Trade Collapse, per economy (WIOD).

    Parameters
    ----------
    peak, trough, end : int
        WIOD years of the shock (default 2008, 2009, 2011).

    Returns
    -------
    pandas.DataFrame
        ``iso3, wiod``; ``resistance_<y>, recovery_<y>`` for ``y`` in ``dva`` (domestic value added in
        manufacturing exports), ``gvc`` (foreign value added in manufacturing exports, i.e. backward
        GVC participation in levels), ``va`` (manufacturing value added) and ``output``
        (manufacturing gross output); and the raw growth rates ``g_dva_fall, g_dva_rebound``.

    Raises
    ------
    ValueError
        If a year is not a WIOD year or the years are not increasing.
    """
    peak, trough, end = check_year_order(WIOD_YEARS, peak=peak, trough=trough, end=end)
    df = manufacturing_gvc_panel(tuple(range(peak, end + 1)))
    out = _resistance_recovery(df, {"dva": "dva", "gvc": "fva", "va": "mva", "output": "output"}, peak, trough, end)
    w = df.pivot(index="iso3", columns="year", values="dva")
    out["g_dva_fall"] = w[trough] / w[peak] - 1.0
    out["g_dva_rebound"] = w[end] / w[trough] - 1.0
    out.index.name = "iso3"
    out = out.reset_index()
    out.insert(1, "wiod", iso3_to_wiod(out["iso3"].tolist()))
    return out


def adb_shock_resilience(peak: int = 2008, trough: int = 2009, end: int = 2011, *,
                         prices: str = "constant") -> pd.DataFrame:
    """Martin (2012) resistance and recovery of manufacturing from the ADB MRIO summaries (40 WIOD economies).

    Parameters
    ----------
    peak, trough, end : int
        Years of the shock, within 2007-2022 (2000 and 2007-2022 for current prices).
    prices : {"constant", "current"}
        Price basis of :func:`helpers.data.adb.adb_manufacturing_summary`.

    Returns
    -------
    pandas.DataFrame
        ``iso3``, ``resistance_<y>, recovery_<y>`` for ``y`` in ``va``, ``output``, ``exports``.

    Raises
    ------
    ValueError
        If ``prices`` is unknown, a year is not covered or the years are not increasing.
    """
    df = adb_manufacturing_summary(prices)
    peak, trough, end = check_year_order(sorted(df["year"].unique()), peak=peak, trough=trough, end=end)
    out = _resistance_recovery(df, {"va": "va", "output": "output", "exports": "exports"}, peak, trough, end)
    out.index.name = "iso3"
    return out.reset_index()


def adb_stability_indicators(end: int = 2019, window: int = 5) -> pd.DataFrame:
    """The stability indicators of the resilience index recomputed from ADB MRIO constant prices.

    Over the ``window`` years ending in ``end``: ``va_volatility_adb``, ``output_volatility_adb``,
    ``exports_volatility_adb`` (standard deviation of annual log growth of manufacturing value added,
    gross output, gross exports) and ``va_persistence_adb`` (mean log shortfall of value added below
    its running peak, :func:`helpers.indices.resilience.persistence_of_losses`). ADB has no value-added
    origin by source, so the security indicators and ``dva_volatility`` cannot be recomputed.

    Parameters
    ----------
    end : int
        Last year of the window (default 2019, the year before the 2020 shock).
    window : int
        Years in the window (at least 4; 2007 is the first constant-price year).

    Returns
    -------
    pandas.DataFrame
        Indexed by iso3, the four indicators (raw, not oriented).

    Raises
    ------
    ValueError
        If the window does not fit in 2007-2022 or ``window`` < 4.
    """
    if window < 4 or end - window + 1 < 2007 or end > 2022:
        raise ValueError(f"end={end}, window={window}: the window must lie in 2007-2022 and hold at least 4 years")
    df = adb_manufacturing_summary("constant")
    df = df[df["year"].between(end - window + 1, end)].sort_values(["iso3", "year"])
    g = df.groupby("iso3")
    out = pd.DataFrame({f"{c}_volatility_adb": g[c].apply(lambda s: np.log(s).diff().std())
                        for c in ("va", "output", "exports")})
    out["va_persistence_adb"] = g["va"].apply(lambda s: _shortfall(np.log(s.to_numpy())))
    return out


def recent_shock_resilience(peak: int = 2019, trough: int = 2020, end: int = 2022) -> pd.DataFrame:
    """Martin (2012) resistance and recovery of manufacturing around 2020 (ADB MRIO).

    Parameters
    ----------
    peak, trough, end : int
        Years of the shock within 2017-2022 (default 2019, 2020, 2022).

    Returns
    -------
    pandas.DataFrame
        ``iso3``; ``resistance_<y>, recovery_<y>`` for ``y`` in ``va``, ``output``, ``exports``
        (constant prices, the 62-economy summaries) and ``gvc`` (Borin-Mancini GVC-related trade,
        backward plus forward, current USD, the 72-economy ``gvcp`` file); ``gvc_b_share_pre``, the
        ``peak``-year backward participation share (the first version's security proxy), and
        ``export_volatility_2017_2019`` (standard deviation of annual log growth of gross exports,
        ``gvcp``).

    Raises
    ------
    ValueError
        If a year is not covered or the years are not increasing.
    """
    df = adb_manufacturing_gvc()
    peak, trough, end = check_year_order(sorted(df["year"].unique()), peak=peak, trough=trough, end=end)
    df["gvc"] = df["gvc_b"] + df["gvc_f"]
    summ = _resistance_recovery(adb_manufacturing_summary("constant"),
                                {"va": "va", "output": "output", "exports": "exports"}, peak, trough, end)
    out = summ.join(_resistance_recovery(df, {"gvc": "gvc"}, peak, trough, end), how="outer")
    pre = df[df["year"] == peak].set_index("iso3")
    out["gvc_b_share_pre"] = pre["gvc_b_share"]
    out["export_volatility_2017_2019"] = (
        df[df["year"] <= peak].groupby("iso3")["exports"].apply(lambda s: np.log(s).diff().std())
    )
    out.index.name = "iso3"
    return out.reset_index()


RECENT_OUTCOMES = ("resistance_exports", "recovery_exports", "resistance_gvc", "recovery_gvc")
"""The outcomes of :func:`recent_shock_validation` (the first version's 2020 check)."""


def recent_shock_validation(peak: int = 2019, trough: int = 2020, end: int = 2022) -> pd.DataFrame:
    """Test whether pre-shock foreign-content exposure predicts resilience in the 2020 shock (ADB MRIO).

    The first version's 2020 check: Spearman rank correlation of the ``peak``-year backward
    participation share with each outcome of :data:`RECENT_OUTCOMES`. The resilience index itself
    is validated on 2020 by :func:`helpers.indices.resilience.resilience_validation` (``shock=2020``).

    Parameters
    ----------
    peak, trough, end : int
        Years of the shock.

    Returns
    -------
    pandas.DataFrame
        Indexed by outcome: ``n``, ``spearman``, ``p`` (two-sided).
    """
    r = recent_shock_resilience(peak, trough, end)
    rows = []
    for o in RECENT_OUTCOMES:
        d = r[["gvc_b_share_pre", o]].dropna()
        res = stats.spearmanr(d["gvc_b_share_pre"], d[o])
        rows.append({"outcome": o, "n": len(d), "spearman": res.statistic, "p": res.pvalue})
    return pd.DataFrame(rows).set_index("outcome")

