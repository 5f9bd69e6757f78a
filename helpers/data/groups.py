"""Groups of the WIOD economies for the facts chapter: region (a fact) and income group (from data).

The region comes from ``facts/wiod_countries.csv``. The income group is computed, not typed: the
40 economies are split into equal-sized groups by GDP per capita at PPP (WDI) in a base year, so
the grouping is reproducible and moves with the data vintage. Taiwan, absent from WDI, has no
income group.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .checks import check_years
from .facts import wiod_countries
from .panel import PANEL_YEARS, country_year_panel

INCOME_LABELS = {2: ("lower half", "upper half"), 3: ("lower third", "middle third", "upper third"),
                 4: ("bottom quarter", "second quarter", "third quarter", "top quarter")}


def economy_groups(year: int = 2011, n_income: int = 3) -> pd.DataFrame:
    """Region and income group of each WIOD economy.

    Parameters
    ----------
    year : int
        Base year of GDP per capita (PPP) for the income groups.
    n_income : {2, 3, 4}
        Number of equal-sized income groups (quantiles of GDP per capita across the economies
        with data).

    Returns
    -------
    pandas.DataFrame
        ``wiod, iso3, name, region, gdp_pc_ppp`` (base year) and ``income_group`` (an ordered
        categorical from lowest to highest; missing for economies without GDP data).

    Raises
    ------
    ValueError
        For a year outside the panel or an unsupported number of groups.
    """
    (year,) = check_years(year, PANEL_YEARS, name="year")
    if n_income not in INCOME_LABELS:
        raise ValueError(f"n_income={n_income!r}: choose one of {sorted(INCOME_LABELS)}")
    wc = wiod_countries()
    wc = wc[wc["wiod"] != "RoW"][["wiod", "iso3", "name", "region"]]
    p = country_year_panel()
    gdp = p[p["year"] == year].set_index("wiod")["gdp_pc_ppp"]
    out = wc.assign(gdp_pc_ppp=wc["wiod"].map(gdp))
    labels = INCOME_LABELS[n_income]
    ok = out["gdp_pc_ppp"].notna()
    ranks = out.loc[ok, "gdp_pc_ppp"].rank(method="first")
    groups = np.ceil(ranks * n_income / ok.sum()).astype(int) - 1
    out["income_group"] = pd.Categorical([None] * len(out), categories=list(labels), ordered=True)
    out.loc[ok, "income_group"] = [labels[g] for g in groups]
    return out.reset_index(drop=True)
