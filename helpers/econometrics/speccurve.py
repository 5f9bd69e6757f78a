"""Specification curve: every defensible combination of the analyst's choices, for each headline coefficient.

Simonsohn, Simmons & Nelson (2020) ask to report the estimate under every specification that is as
defensible as the one chosen, rather than one of them. The choices crossed here:

- **weights** of the digital trade and resilience indices: entropy, equal, PCA, CRITIC;
- **controls**: none, log GDP per capita, log GDP per capita and human capital;
- **sample**: all economies and years; without the three smallest economies (Cyprus, Luxembourg,
  Malta); without the crisis years 2008-2009; the pre-crisis years only (to 2007);
- **timing**: the index in the same year or lagged one year;
- **index variant**: a list of the variants the index functions accept (``None`` = the default
  index; with and without the overlapping indicators once the indices offer ``variant=``).

Each specification is a two-way fixed-effects regression with CR1 standard errors by economy and
t(G-1) p-values (:func:`helpers.econometrics.inference.within_ols`, checked against the two other
implementations in the tests). The share of significant specifications is a description, not a
test: specifications share data and are far from independent.

References
----------
Simonsohn, Simmons & Nelson (2020), "Specification curve analysis", Nature Human Behaviour 4.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from ..data.checks import check_subset
from .dynamics import add_leads_lags
from .hypotheses import estimation_sample
from .inference import within_ols

WEIGHT_METHODS = ("entropy", "equal", "pca", "critic")
"""Weighting methods of the indices."""

CONTROL_SETS = {"none": (), "income": ("ln_gdp_pc",), "income + human capital": ("ln_gdp_pc", "hc")}
"""Named control sets of the specification curve."""

SMALL_ECONOMIES = ("CYP", "LUX", "MLT")
"""The three smallest WIOD economies (dropped in one sample rule)."""

SAMPLE_RULES: dict[str, Callable[[pd.DataFrame], pd.Series]] = {
    "all": lambda d: pd.Series(True, index=d.index),
    "without CYP, LUX, MLT": lambda d: ~d["wiod"].isin(SMALL_ECONOMIES),
    "without 2008-2009": lambda d: ~d["year"].isin([2008, 2009]),
    "to 2007": lambda d: d["year"] <= 2007,
}
"""Sample rules: name -> row mask."""


def control_set_name(controls: Sequence[str]) -> str:
    """The name in :data:`CONTROL_SETS` of a list of controls (order ignored).

    Parameters
    ----------
    controls : sequence of str
        Control columns.

    Returns
    -------
    str
        The name of the control set.

    Raises
    ------
    ValueError
        If no named set has exactly these controls.
    """
    for name, cols in CONTROL_SETS.items():
        if sorted(cols) == sorted(controls):
            return name
    raise ValueError(f"controls={list(controls)!r}: not one of the control sets {dict(CONTROL_SETS)}")


def _sample(years, method, variant, drop):
    kw = {} if variant is None else {"variant": variant}
    try:
        s = estimation_sample(years, method=method, **kw)
    except TypeError as err:
        raise ValueError(f"variants: estimation_sample does not accept variant={variant!r} ({err}); "
                         "use [None] until the indices offer variants") from err
    return s[~s["wiod"].isin(list(drop))].reset_index(drop=True)


def specification_curve(outcomes: Sequence[str], years: Sequence[int], *, methods: Sequence[str] = WEIGHT_METHODS,
                        controls: Sequence[str] = tuple(CONTROL_SETS), samples: Sequence[str] = tuple(SAMPLE_RULES),
                        lags: Sequence[int] = (0, 1), variants: Sequence = (None,), drop: Sequence[str] = (),
                        baseline: dict | None = None) -> pd.DataFrame:
    """Estimate every outcome under every combination of the choices.

    Parameters
    ----------
    outcomes : sequence of str
        Outcome columns.
    years : sequence of int
        Sample years.
    methods : sequence of str
        Subset of :data:`WEIGHT_METHODS`.
    controls : sequence of str
        Names of :data:`CONTROL_SETS`.
    samples : sequence of str
        Names of :data:`SAMPLE_RULES`.
    lags : sequence of int
        0 (same year) and/or 1 (index lagged one year).
    variants : sequence
        Index variants passed as ``variant=`` to the index functions (``None``: the default index).
    drop : sequence of str
        WIOD codes dropped from every specification.
    baseline : dict, optional
        The chapter's own choice, marked in the column ``baseline`` (keys ``method, controls,
        sample, lag, variant``; default entropy, income, all, 0, None).

    Returns
    -------
    DataFrame
        One row per (outcome, specification): ``outcome, method, controls, sample, lag, variant,
        coef, se, p, nobs, countries, baseline``.

    Raises
    ------
    ValueError
        For an unknown method, control set, sample rule or lag, or a variant the indices do not accept.
    """
    check_subset(methods, WEIGHT_METHODS, name="methods")
    check_subset(controls, CONTROL_SETS, name="controls")
    check_subset(samples, SAMPLE_RULES, name="samples")
    check_subset(lags, (0, 1), name="lags")
    base = {**dict(method="entropy", controls="income", sample="all", lag=0, variant=None), **(baseline or {})}
    rows = []
    for variant in variants:
        for method in methods:
            s = add_leads_lags(_sample(years, method, variant, drop), "dti_std", leads=0, lags=1)
            for rule in samples:
                d = s[SAMPLE_RULES[rule](s)]
                for lag in lags:
                    x = "dti_std" if lag == 0 else "dti_std_lag1"
                    for cname in controls:
                        for y in outcomes:
                            f = within_ols(d, y, [x, *CONTROL_SETS[cname]])
                            spec = dict(method=method, controls=cname, sample=rule, lag=lag, variant=variant)
                            rows.append(dict(outcome=y, **spec, coef=f.coef[x], se=f.se[x], p=f.p[x], nobs=f.nobs,
                                             countries=f.clusters, baseline=spec == base))
    return pd.DataFrame(rows)


def speccurve_summary(curve: pd.DataFrame, alpha: float = 0.05) -> pd.DataFrame:
    """Per outcome: how many specifications, the median estimate, the shares positive and significant.

    Parameters
    ----------
    curve : DataFrame
        From :func:`specification_curve`.
    alpha : float
        Significance level.

    Returns
    -------
    DataFrame
        ``outcome, n_specs, baseline_coef, median_coef, min_coef, max_coef, share_specs_positive,
        share_specs_sig_positive, share_specs_sig_negative``.
    """
    rows = []
    for y, g in curve.groupby("outcome", sort=False):
        sig = g["p"] < alpha
        rows.append(dict(outcome=y, n_specs=len(g),
                         baseline_coef=float(g.loc[g["baseline"], "coef"].iloc[0]) if g["baseline"].any() else np.nan,
                         median_coef=float(g["coef"].median()), min_coef=float(g["coef"].min()),
                         max_coef=float(g["coef"].max()), share_specs_positive=float((g["coef"] > 0).mean()),
                         share_specs_sig_positive=float((sig & (g["coef"] > 0)).mean()),
                         share_specs_sig_negative=float((sig & (g["coef"] < 0)).mean())))
    return pd.DataFrame(rows)
