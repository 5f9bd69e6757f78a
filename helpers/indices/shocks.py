"""Shock-based resilience (Martin 2012) and the validation of the resilience index against it.

Resistance and recovery (Martin 2012, *Journal of Economic Geography* 12(1), 1-32): for an outcome
``Y`` and a shock with peak ``t0``, trough ``t1`` and end ``t2``, with ``g_s`` the growth of economy
``s`` and ``g_N`` the growth of the sum over the sample,

- resistance ``(g_s^{t0-t1} - g_N^{t0-t1}) / |g_N^{t0-t1}|``,
- recovery ``(g_s^{t1-t2} - g_N^{t1-t2}) / |g_N^{t1-t2}|``;

positive = more resilient than the sample. The Great Trade Collapse (2008-2009-2011) is measured on
WIOD 2013 manufacturing exports (domestic value added ``DVA`` and foreign value added ``FVA``); the
2020 shock (2019-2020-2022) on the ADB MRIO indicators.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from ..data.adb import adb_manufacturing_gvc
from ..data.facts import iso3_to_wiod
from ..gvc.sourcing import manufacturing_gvc_panel


def martin_resilience(df: pd.DataFrame, col: str, t0: int, t1: int) -> pd.Series:
    """Martin (2012) relative growth of each economy against the sample between two years.

    ``(g_s - g_N) / |g_N|`` with ``g_s = y_s(t1) / y_s(t0) - 1`` the growth of economy ``s`` and
    ``g_N = sum_s y_s(t1) / sum_s y_s(t0) - 1`` the growth of the sum over the sample (Martin 2012,
    *Journal of Economic Geography* 12(1), 1-32, eq. (1)-(2)): resistance when ``t0`` is the peak
    and ``t1`` the trough, recovery from the trough to the end of the shock. Positive values mean
    more resilient than the sample.

    Parameters
    ----------
    df : pandas.DataFrame
        Long frame with columns ``iso3``, ``year`` and ``col``, one row per (economy, year).
    col : str
        The outcome ``y``.
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
    """
    if col not in df.columns:
        raise ValueError(f"col={col!r} is not a column of the frame; columns: {list(df.columns)}")
    w = df.pivot(index="iso3", columns="year", values=col)
    missing = [t for t in (t0, t1) if t not in w.columns]
    if missing:
        raise ValueError(f"t0={t0}, t1={t1}: {missing} not among the years of the frame {list(w.columns)}")
    g = w[t1] / w[t0] - 1.0
    gn = w[t1].sum() / w[t0].sum() - 1.0
    return (g - gn) / abs(gn)


def shock_resilience(peak: int = 2008, trough: int = 2009, end: int = 2011) -> pd.DataFrame:
    """Martin (2012) resistance and recovery in the Great Trade Collapse, per country.

    Returns
    -------
    DataFrame
        ``iso3, wiod``, ``resistance_dva``, ``recovery_dva`` (manufacturing domestic value added in
        exports), ``resistance_gvc``, ``recovery_gvc`` (foreign value added in manufacturing exports,
        i.e. backward GVC participation), and the raw growth rates ``g_dva_fall, g_dva_rebound``.
    """
    df = manufacturing_gvc_panel(tuple(range(peak, end + 1)))
    w = df.pivot(index="iso3", columns="year", values="dva")
    out = pd.DataFrame({
        "resistance_dva": martin_resilience(df, "dva", peak, trough),
        "recovery_dva": martin_resilience(df, "dva", trough, end),
        "resistance_gvc": martin_resilience(df, "fva", peak, trough),
        "recovery_gvc": martin_resilience(df, "fva", trough, end),
        "g_dva_fall": w[trough] / w[peak] - 1.0,
        "g_dva_rebound": w[end] / w[trough] - 1.0,
    })
    out.index.name = "iso3"
    out = out.reset_index()
    out.insert(1, "wiod", iso3_to_wiod(out["iso3"].tolist()))
    return out


def recent_shock_resilience(peak: int = 2019, trough: int = 2020, end: int = 2022) -> pd.DataFrame:
    """Martin (2012) resistance/recovery of manufacturing exports and GVC participation around 2020 (ADB MRIO),
    with the pre-shock (``peak``) backward-participation share as a security proxy (tested by
    :func:`recent_shock_validation`)."""
    df = adb_manufacturing_gvc()
    df["gvc"] = df["gvc_b"] + df["gvc_f"]
    out = pd.DataFrame({
        "resistance_exports": martin_resilience(df, "exports", peak, trough),
        "recovery_exports": martin_resilience(df, "exports", trough, end),
        "resistance_gvc": martin_resilience(df, "gvc", peak, trough),
        "recovery_gvc": martin_resilience(df, "gvc", trough, end),
    })
    pre = df[df["year"] == peak].set_index("iso3")
    out["gvc_b_share_pre"] = pre["gvc_b_share"]
    out["export_volatility_2017_2019"] = (
        df[df["year"] <= peak].groupby("iso3")["exports"].apply(lambda s: np.log(s).diff().std())
    )
    out.index.name = "iso3"
    out = out.reset_index()
    return out


RECENT_OUTCOMES = ("resistance_exports", "recovery_exports", "resistance_gvc", "recovery_gvc")


def recent_shock_validation(peak: int = 2019, trough: int = 2020, end: int = 2022) -> pd.DataFrame:
    """Does pre-shock foreign-content exposure predict resilience in the 2020 shock? (ADB MRIO)

    Spearman rank correlation of the ``peak``-year backward participation share with each
    outcome of :func:`recent_shock_resilience`.

    Returns
    -------
    DataFrame
        Indexed by outcome: ``n``, ``spearman``, ``p`` (two-sided).
    """
    r = recent_shock_resilience(peak, trough, end)
    rows = []
    for o in RECENT_OUTCOMES:
        d = r[["gvc_b_share_pre", o]].dropna()
        res = stats.spearmanr(d["gvc_b_share_pre"], d[o])
        rows.append({"outcome": o, "n": len(d), "spearman": res.statistic, "p": res.pvalue})
    return pd.DataFrame(rows).set_index("outcome")


