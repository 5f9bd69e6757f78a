"""Heterogeneity: does the index's association differ between groups of economies?

For a partition of the sample into groups ``k`` (fixed before estimation, or time-varying like EU
membership), the group-specific slopes come from

.. math::  y_{ct} = \\sum_k \\beta_k\\, \\widetilde{DTI}_{ct} 1[k(c,t) = k] + \\sum_{k \\ne 1} \\delta_k 1[k(c,t) = k]
           + \\gamma' w_{ct} + \\alpha_c + \\lambda_t + \\varepsilon_{ct},

(the group main effects are left out where the economy or year effects absorb them: groups
fixed within an economy, or groups defined by year), and the differences ``beta_k - beta_1``
from the same model written with the common slope and interactions. The slopes are estimated by
linearmodels, pyfixest (:func:`helpers.econometrics.fe.twfe`) and the exact within transformation
(:func:`helpers.econometrics.inference.within_ols`), the differences by the last (the same model,
reparametrised); p-values with CR1 standard errors and t(G-1); the joint test of equal slopes is a
Wald F with ``(K-1, G-1)`` degrees of freedom.

Groups used by the chapter (each fixed from data before the first year or from facts):

- income: poorer and richer half by log GDP per capita (PPP) in the first sample year;
- EU membership in the year (facts file ``eu_accession.csv``);
- region (facts file ``wiod_countries.csv``);
- initial GVC integration: below and above the median backward participation in the first year.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from ..data.facts import eu_member, wiod_countries
from .fe import twfe
from .inference import WithinTransform, within_ols


def _median_split(sample: pd.DataFrame, col: str, year: int, labels: tuple[str, str]) -> pd.Series:
    first = sample[sample["year"] == year].set_index("wiod")[col].dropna()
    if first.empty:
        raise ValueError(f"no values of {col!r} in {year}; choose a year of the sample")
    med = first.median()
    lab = pd.Series(np.where(first <= med, labels[0], labels[1]), index=first.index)
    return sample["wiod"].map(lab)


def income_groups(sample: pd.DataFrame, year: int = 1995) -> pd.Series:
    """Poorer half / richer half by ``ln_gdp_pc`` in ``year`` (at or below the median is "poorer half").

    Parameters
    ----------
    sample : DataFrame
        Country-year panel with ``wiod`` and ``year``.
    year : int
        The year the groups are fixed in.

    Returns
    -------
    Series
        One label per row of ``sample`` (NaN for economies without a value in ``year``).

    Raises
    ------
    ValueError
        If no economy has a value in ``year``.
    """
    return _median_split(sample, "ln_gdp_pc", year, ("poorer half", "richer half"))


def initial_gvc_groups(sample: pd.DataFrame, col: str = "gvc_b_mfg", year: int = 1995) -> pd.Series:
    """Less / more integrated half by ``col`` (default backward GVC participation) in ``year``.

    Parameters
    ----------
    sample : DataFrame
        Country-year panel with ``wiod`` and ``year``.
    col : str
        The column.
    year : int
        The year the groups are fixed in.

    Returns
    -------
    Series
        ``less integrated`` or ``more integrated`` per row.

    Raises
    ------
    ValueError
        If no economy has a value in ``year``.
    """
    return _median_split(sample, col, year, ("less integrated", "more integrated"))


def eu_groups(sample: pd.DataFrame) -> pd.Series:
    """"EU member" or "not in the EU" in each year (facts file ``eu_accession.csv``).

    Parameters
    ----------
    sample : DataFrame
        Country-year panel with ``wiod`` and ``year``.

    Returns
    -------
    Series
        ``EU member`` or ``not in the EU`` per row.
    """
    m = eu_member(sample["wiod"], sample["year"].astype(int))
    return pd.Series(np.where(m, "EU member", "not in the EU"), index=sample.index)


def region_groups(sample: pd.DataFrame) -> pd.Series:
    """The region of each economy (facts file ``wiod_countries.csv``).

    Parameters
    ----------
    sample : DataFrame
        Country-year panel with ``wiod`` and ``year``.

    Returns
    -------
    Series
        The region per row.
    """
    return sample["wiod"].map(wiod_countries().set_index("wiod")["region"])


def group_slopes(sample: pd.DataFrame, outcome: str, groups: pd.Series, x: str = "dti_std",
                 controls: Sequence[str] = ("ln_gdp_pc",), reference: str | None = None) -> pd.DataFrame:
    """Group-specific slopes of ``x`` and their differences from a reference group.

    Parameters
    ----------
    sample : DataFrame
        Country-year panel with ``wiod`` and ``year``.
    outcome : str
        Outcome column.
    groups : Series
        A label per row of ``sample`` (same index); rows with a missing label are dropped.
    x : str
        The regressor whose slope varies (the index).
    controls : sequence of str
        Control columns.
    reference : str, optional
        Reference group of the differences (default the first label in sorted order).

    Returns
    -------
    DataFrame
        One row per group: ``group, coef, se, p, diff, diff_se, diff_p`` (NaN for the reference),
        ``p_equal`` (joint test that all slopes are equal), ``nobs, countries, max_abs_diff`` (two
        implementations).

    Raises
    ------
    ValueError
        If ``groups`` has fewer than two labels or ``reference`` is not one of them.
    """
    if not groups.index.equals(sample.index):
        raise ValueError("groups must have the same index as sample (one label per row)")
    d = sample[groups.notna()].copy()
    g = groups[groups.notna()].astype(str)
    labels = sorted(g.unique())
    if len(labels) < 2:
        raise ValueError(f"groups has {len(labels)} label(s) {labels}; need at least two")
    reference = labels[0] if reference is None else reference
    if reference not in labels:
        raise ValueError(f"reference={reference!r}: choose one of {labels}")
    slope_cols, main_cols, inter_cols = [], [], []
    for i, lab in enumerate(labels):
        d[f"_slope{i}"] = d[x] * (g == lab)
        slope_cols.append(f"_slope{i}")
        if lab != reference:
            d[f"_main{i}"] = (g == lab).astype(float)
            d[f"_inter{i}"] = d[x] * (g == lab)
            main_cols.append(f"_main{i}")
            inter_cols.append(f"_inter{i}")
    # group main effects, unless the fixed effects absorb them (groups fixed within economies, or by year)
    if main_cols:
        rows_ok = d[[outcome, x, *controls]].notna().all(axis=1)
        dm = d[rows_ok]
        resid = WithinTransform(dm, ["wiod", "year"])(dm[main_cols].to_numpy(dtype=float))
        mains = [c for c, r in zip(main_cols, resid.T, strict=True) if np.max(np.abs(r)) > 1e-9]
    else:
        mains = []
    xs = [*slope_cols, *mains, *controls]
    r = twfe(d, outcome, xs)
    w = within_ols(d, outcome, xs)
    xd = [x, *inter_cols, *mains, *controls]
    w_d = within_ols(d, outcome, xd)
    dv = w_d.coef[inter_cols].to_numpy()
    vv = w_d.vcov.loc[inter_cols, inter_cols].to_numpy()
    f_eq = float(dv @ np.linalg.solve(vv, dv) / len(inter_cols))
    p_eq = float(stats.f.sf(f_eq, len(inter_cols), w_d.clusters - 1))
    gap = max(r.max_abs_diff, float(np.max(np.abs(r.table.loc[slope_cols, "coef"] - w.coef[slope_cols]))),
              float(np.max(np.abs(r.table.loc[slope_cols, "se"] - w.se[slope_cols]))))
    rows = []
    for i, lab in enumerate(labels):
        row = dict(group=lab, coef=w.coef[f"_slope{i}"], se=w.se[f"_slope{i}"], p=w.p[f"_slope{i}"],
                   diff=np.nan, diff_se=np.nan, diff_p=np.nan)
        if lab != reference:
            row.update(diff=w_d.coef[f"_inter{i}"], diff_se=w_d.se[f"_inter{i}"], diff_p=w_d.p[f"_inter{i}"])
        row.update(p_equal=p_eq, nobs=w.nobs, countries=w.clusters,
                   group_countries=int(d.loc[g == lab, "wiod"].nunique()), max_abs_diff=gap)
        rows.append(row)
    return pd.DataFrame(rows)


def heterogeneity_table(sample: pd.DataFrame, outcomes: Sequence[str], splits: dict[str, pd.Series],
                        x: str = "dti_std", controls: Sequence[str] = ("ln_gdp_pc",),
                        references: dict[str, str] | None = None) -> pd.DataFrame:
    """:func:`group_slopes` for every split and outcome.

    Parameters
    ----------
    sample : DataFrame
        Country-year panel with ``wiod`` and ``year``.
    outcomes : sequence of str
        Outcome columns.
    splits : dict
        Split name -> group labels (a Series aligned with ``sample``).
    x : str
        The regressor whose slope varies (the index).
    controls : sequence of str
        Control columns.
    references : dict, optional
        Split name -> reference group.

    Returns
    -------
    DataFrame
        ``split, outcome`` and the columns of :func:`group_slopes`.
    """
    out = []
    for name, groups in splits.items():
        ref = (references or {}).get(name)
        for y in outcomes:
            t = group_slopes(sample, y, groups, x, controls, ref)
            t.insert(0, "outcome", y)
            t.insert(0, "split", name)
            out.append(t)
    return pd.concat(out, ignore_index=True)
