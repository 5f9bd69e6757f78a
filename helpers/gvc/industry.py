"""Industry-level inputs of the Rajan-Zingales design: digital intensity by industry, and the
country-industry-year panel of manufacturing GVC outcomes and resilience components.

**Digital intensity** of industry ``j`` (the "technological" characteristic of Rajan & Zingales
1998, measured once, in a base year and outside the economy whose outcome is studied): purchases
of post and telecommunications (WIOD c27) and of renting and other business activities (c30,
which holds computer services), from any country, per unit of gross output,

``d_j = sum_{s in R} sum_t (Z_{t c27, s j} + Z_{t c30, s j}) / sum_{s in R} x_{s j}``

with ``R`` the reference: every region of the table (``"world"``: the output-weighted world
average) or one economy (e.g. ``"USA"``, Rajan & Zingales' benchmark).

**Look-through supplier concentration** of pair ``j`` (industry ``j`` of economy ``s``): with
``F_rj = (sum_{i in r} v_i B_ij)`` the value added of source economy ``r`` embodied in one unit of
``j``'s output (traced through the global Leontief inverse, Baldwin, Freeman & Theodorakopoulos 2022),
``supplier_hhi_j = sum_{r != s} (F_rj / sum_{r' != s} F_r'j)^2`` and ``top_source_share_j =
max_{r != s} F_rj / sum_{r' != s} F_r'j`` (the largest source's share of *foreign* value added; RoW
is one source, so both are upper bounds of concentration).  Both are properties of a unit of
output, the same for exports and domestic sales.

**Volatility** of value added and exports: standard deviation of the annual log growth over a
rolling window of ``window`` years (``window - 1`` growth rates, at least 3), as the stability
components of the resilience index.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..data.cache import cached_frame
from ..data.checks import check_choice, check_years
from ..data.facts import manufacturing_codes, wiod_economies
from ..data.wiot import WIOD_YEARS, WIOT, load_wiot
from .datasets import frames_by_year, gvc_country_industry_year
from .model import io_model
from .trade import DIGITAL_SERVICE_INDUSTRIES

#: outcome columns of :func:`manufacturing_industry_panel` taken from the GVC dataset.
INDUSTRY_GVC_COLUMNS = ("gvc_f", "gvc_b", "plv_gvc", "ply_gvc", "gvc_pos")


def digital_intensity(table: WIOT, reference: str = "world") -> pd.DataFrame:
    """Digital-service intensity of every industry in one table (module docstring for the formula).

    Parameters
    ----------
    table : WIOT
        Must hold the industries c27 and c30.
    reference : str
        ``"world"`` (sum over every region of the table) or the code of one region of the table.

    Returns
    -------
    pandas.DataFrame
        One row per industry: ``industry, telecom_inputs, business_inputs, output`` (US$ million),
        ``telecom_intensity, business_intensity, digital_intensity`` (per unit of output; NaN where
        the reference produces nothing).

    Raises
    ------
    ValueError
        If ``reference`` is not ``"world"`` or a region of the table, or the table lacks c27/c30.
    """
    check_choice(reference, ["world", *table.countries], name="reference")
    missing = [c for c in DIGITAL_SERVICE_INDUSTRIES if c not in table.industries]
    if missing:
        raise ValueError(f"table: digital-service industries {missing} are not among its industries")
    G, N = table.G, table.N
    z4 = table.Z.reshape(G, N, G, N)
    x2 = table.x.reshape(G, N)
    users = np.arange(G) if reference == "world" else np.array([table.countries.index(reference)])
    tel, bus = (table.industries.index(c) for c in DIGITAL_SERVICE_INDUSTRIES)
    telecom = z4[:, tel][:, users].sum(axis=(0, 1))  # (N,) purchases from c27 of any country
    business = z4[:, bus][:, users].sum(axis=(0, 1))
    output = x2[users].sum(axis=0)
    ok = output > 0

    def per_unit(a):
        return np.where(ok, a / np.where(ok, output, 1.0), np.nan)

    return pd.DataFrame({"industry": list(table.industries), "telecom_inputs": telecom,
                         "business_inputs": business, "output": output,
                         "telecom_intensity": per_unit(telecom), "business_intensity": per_unit(business),
                         "digital_intensity": per_unit(telecom + business)})


def industry_digital_intensity(year: int = 1995, reference: str = "world", manufacturing: bool = True
                               ) -> pd.DataFrame:
    """Digital intensity of the industries of one WIOD 2013 year: :func:`digital_intensity` of its table.

    Parameters
    ----------
    year : int
        Base year, 1995-2011 (default 1995, the first year of the sample, so that the measure is
        fixed before the changes it interacts with).
    reference : str
        ``"world"`` (default) or a WIOD economy code (e.g. ``"USA"``).
    manufacturing : bool
        Keep only the 14 manufacturing industries (c3-c16).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`digital_intensity` plus ``year`` and ``reference``.

    Raises
    ------
    ValueError
        For a year outside 1995-2011 or an unknown reference.
    """
    (year,) = check_years(year, WIOD_YEARS, name="year")
    check_choice(reference, ["world", *wiod_economies()], name="reference")
    out = digital_intensity(load_wiot(year), reference)
    if manufacturing:
        out = out[out["industry"].isin(manufacturing_codes())].reset_index(drop=True)
    out.insert(0, "year", year)
    out.insert(1, "reference", reference)
    return out


def industry_source_concentration(table: WIOT) -> pd.DataFrame:
    """Look-through concentration of foreign value added by country-industry (module docstring).

    Parameters
    ----------
    table : WIOT
        A world input-output table.

    Returns
    -------
    pandas.DataFrame
        One row per pair: ``country, industry, fva_per_unit`` (``sum_{r != s} F_rj``),
        ``supplier_hhi``, ``top_source_share`` (NaN where the pair has no foreign value added).
    """
    m = io_model(table)
    F = m.VBP  # (n, C): [j, r] = sum_{i in r} v_i B_ij, the model's one transposed solve (shared, memoised)
    foreign = np.where(m.P.astype(bool), 0.0, F)
    tot = foreign.sum(axis=1)
    has = tot > 0
    shares = foreign / np.where(has, tot, 1.0)[:, None]
    idx = table.index
    return pd.DataFrame({"country": idx.get_level_values(0), "industry": idx.get_level_values(1),
                         "fva_per_unit": tot,
                         "supplier_hhi": np.where(has, (shares**2).sum(axis=1), np.nan),
                         "top_source_share": np.where(has, shares.max(axis=1), np.nan)})


def rolling_volatility(values: pd.Series, groups: pd.Series | list, window: int = 5) -> pd.Series:
    """Rolling standard deviation of the annual log growth of ``values`` within ``groups``.

    ``vol_t = sd(ln v_k - ln v_{k-1}, k = t - window + 2 .. t)`` with at least 3 growth rates;
    non-positive values give NaN growth.  Rows must be sorted by year within each group.

    Parameters
    ----------
    values : pandas.Series
        Levels (e.g. value added), positive where defined.
    groups : pandas.Series or list of pandas.Series
        Group keys aligned with ``values``.
    window : int
        Years in the window (at least 4).

    Returns
    -------
    pandas.Series
        Aligned with ``values``.

    Raises
    ------
    ValueError
        If ``window < 4``.
    """
    if window < 4:
        raise ValueError(f"window={window}: need at least 4 years (3 growth rates)")
    logv = np.log(values.where(values > 0))
    growth = logv.groupby(groups).diff()
    return growth.groupby(groups).transform(lambda s: s.rolling(window - 1, min_periods=3).std())


def manufacturing_industry_panel(years: Iterable[int] | None = None, window: int = 5) -> pd.DataFrame:
    """The country-industry-year panel of the 14 manufacturing industries of the 40 WIOD economies.

    Outcomes of the industry design: GVC participation, production lengths and position from the
    GVC dataset (:data:`INDUSTRY_GVC_COLUMNS`), the look-through supplier concentration of
    :func:`industry_source_concentration`, and the volatility of value added and gross exports
    (:func:`rolling_volatility`).  Cached on disk.

    Parameters
    ----------
    years : iterable of int, optional
        WIOD years (default 1995-2011); volatilities need ``window - 1`` earlier years.
    window : int
        Rolling window of the volatilities (default 5 years).

    Returns
    -------
    pandas.DataFrame
        ``year, wiod, iso3, industry, gross_output, va, exports``, the GVC columns,
        ``supplier_hhi, top_source_share, va_volatility, export_volatility``.

    Raises
    ------
    ValueError
        For years outside 1995-2011 or ``window < 4``.
    """
    years = list(check_years(WIOD_YEARS if years is None else years, WIOD_YEARS))
    if window < 4:
        raise ValueError(f"window={window}: need at least 4 years (3 growth rates)")

    def compute():
        ci = gvc_country_industry_year(years)
        keep = ["year", "wiod", "iso3", "industry", "gross_output", "va", "exports", *INDUSTRY_GVC_COLUMNS]
        ci = ci[ci["industry"].isin(manufacturing_codes()) & ci["wiod"].isin(wiod_economies())][keep]
        conc = []
        # computed with the year's other GVC families, from its one factorisation
        for y, c in zip(years, frames_by_year(years, "industry_concentration"), strict=True):
            c = c.rename(columns={"country": "wiod"})
            c.insert(0, "year", y)
            conc.append(c[["year", "wiod", "industry", "supplier_hhi", "top_source_share"]])
        df = ci.merge(pd.concat(conc, ignore_index=True), on=["year", "wiod", "industry"], how="left")
        df = df.sort_values(["wiod", "industry", "year"]).reset_index(drop=True)
        keys = [df["wiod"], df["industry"]]
        df["va_volatility"] = rolling_volatility(df["va"], keys, window)
        df["export_volatility"] = rolling_volatility(df["exports"], keys, window)
        return df

    return cached_frame("manufacturing_industry_panel", compute,
                        inputs=[("wiod2013", f"wiot_{y}.RData") for y in years],
                        params={"years": years, "window": window})
