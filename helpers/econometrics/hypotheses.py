"""The estimation sample and the hypothesis tests of the empirical chapter.

The paper tests three claims, which the theory chapter states as

- H1 (length): digital trade lengthens manufacturing GVCs, ``d PL / d DTI > 0``;
- H2 (division of labour): it deepens participation and moves the GVC position;
- H3 (resilience): it raises the resilience index, ``d RES / d DTI > 0``.

Each is estimated as a two-way fixed-effects regression on the country-year panel of
the 39 WIOD economies with a digital trade index (Taiwan cannot be measured),
1995-2011:

.. math::  y_{ct} = \\beta\\, \\widetilde{DTI}_{ct} + \\gamma' w_{ct} + \\alpha_c + \\lambda_t + \\varepsilon_{ct},

with :math:`\\widetilde{DTI}` the index standardised over the estimation sample (so
:math:`\\beta` is the effect of one standard deviation), controls :math:`w` (log GDP
per capita at PPP by default), and standard errors clustered by country. Every
regression is computed by linearmodels and pyfixest (:func:`helpers.econometrics.fe.twfe`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..data.checks import check_years
from ..data.facts import DIMENSIONS
from ..data.panel import country_year_panel
from ..data.wiot import WIOD_YEARS
from ..gvc.datasets import gvc_country_year
from ..indices.dti import digital_trade_index
from ..indices.resilience import resilience_index
from .fe import twfe

#: outcome variable -> (hypothesis, label); one place for the chapter's outcome list.
OUTCOMES = {
    "plv_gvc_mfg": ("H1 length", "forward GVC production length, manufacturing (stages)"),
    "ply_gvc_mfg": ("H1 length", "backward GVC production length, manufacturing (stages)"),
    "gvc_f_mfg": ("H2 division of labour", "forward GVC participation, manufacturing (share)"),
    "gvc_b_mfg": ("H2 division of labour", "backward GVC participation, manufacturing (share)"),
    "gvc_pos_mfg": ("H2 division of labour", "GVC position index, manufacturing (>1 upstream)"),
    "res": ("H3 resilience", "manufacturing GVC resilience index (0-1)"),
    "security": ("H3 resilience", "security score (0-1)"),
    "stability": ("H3 resilience", "stability score (0-1)"),
}


def estimation_sample(years: Sequence[int] = WIOD_YEARS, method: str = "entropy") -> pd.DataFrame:
    """The country-year estimation sample: GVC outcomes, resilience, digital trade index, controls.

    Parameters
    ----------
    years : sequence of int
        WIOD years (1995-2011).
    method : str
        Weighting of the digital trade and resilience indices ("entropy", "equal", "pca", "critic").

    Returns
    -------
    DataFrame
        One row per (economy, year) for the 40 WIOD economies (``wiod``, ``iso3``),
        with the outcomes of :data:`OUTCOMES`, ``dti`` and its four dimensions, ``ln_gdp_pc``
        (log GDP per capita, PPP), ``hc`` (PWT human capital) and ``dti_std`` (the index
        standardised over the rows where it is observed).
    """
    years = list(check_years(years, WIOD_YEARS))
    gvc = gvc_country_year(tuple(WIOD_YEARS))
    gvc = gvc[gvc["wiod"] != "RoW"][["wiod", "iso3", "year", *[k for k in OUTCOMES if k in gvc.columns]]]
    dti = digital_trade_index(method=method)[["wiod", "year", "dti", *DIMENSIONS]]
    res = resilience_index(method=method)[["wiod", "year", "res", "security", "stability"]]
    ctrl = country_year_panel()[["wiod", "year", "gdp_pc_ppp", "hc_pwt"]]
    out = (gvc.merge(dti, on=["wiod", "year"], how="left")
              .merge(res, on=["wiod", "year"], how="left")
              .merge(ctrl, on=["wiod", "year"], how="left"))
    out = out[out["year"].isin(years)].reset_index(drop=True)
    out["ln_gdp_pc"] = np.log(out["gdp_pc_ppp"])
    out["hc"] = out["hc_pwt"]
    ok = out["dti"].notna()
    out["dti_std"] = (out["dti"] - out.loc[ok, "dti"].mean()) / out.loc[ok, "dti"].std()
    for d in DIMENSIONS:
        out[f"{d}_std"] = (out[d] - out.loc[ok, d].mean()) / out.loc[ok, d].std()
    return out.drop(columns=["gdp_pc_ppp", "hc_pwt"])


def hypothesis_table(sample: pd.DataFrame, outcomes: Sequence[str] | None = None,
                     regressors: Sequence[str] = ("dti_std",), controls: Sequence[str] = ("ln_gdp_pc",)
                     ) -> pd.DataFrame:
    """Two-way FE regressions of each outcome on the digital trade regressors and controls.

    Returns
    -------
    DataFrame
        One row per (outcome, regressor): hypothesis, coef, se, t, p, N, countries, within R2,
        and ``max_abs_diff`` between the linearmodels and pyfixest estimates.
    """
    outcomes = list(outcomes or OUTCOMES)
    unknown = [o for o in outcomes if o not in sample.columns]
    if unknown:
        raise KeyError(f"outcomes {unknown} are not columns of the sample; available: {list(OUTCOMES)}")
    rows = []
    for y in outcomes:
        r = twfe(sample, y, [*regressors, *controls])
        for x in regressors:
            rows.append(dict(outcome=y, hypothesis=OUTCOMES.get(y, ("", ""))[0], regressor=x,
                             coef=r.table.loc[x, "coef"], se=r.table.loc[x, "se"], t=r.table.loc[x, "t"],
                             p=r.table.loc[x, "p"], nobs=r.nobs, countries=r.entities, r2_within=r.r2_within,
                             max_abs_diff=r.max_abs_diff))
    return pd.DataFrame(rows)
