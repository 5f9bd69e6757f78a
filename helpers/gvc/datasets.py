"""The GVC datasets of WIOD 2013 (1995-2011): by country-industry-year and country-year, and their codebook.

Every indicator family of a year -- WWYZ participation and length, upstreamness, Koopman et al.,
HIY, KWW, Timmer et al.'s foreign share of final output, the value-added sourcing of
manufacturing exports (:mod:`helpers.gvc.sourcing`) and the direct trade summary
(:mod:`helpers.gvc.trade`) -- is computed from one read of that year's table by
:func:`year_frames`, and every family that needs the Leontief system from one factorisation of it
(:func:`~helpers.gvc.model.io_model`; upstreamness factorises its inventory-corrected matrix once
more). The year's frames are cached on disk (key: the year's raw file, the package code, the
libraries) and in the process, so every multi-year dataset and every later call with other years
reuses them instead of refactorising.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

import pandas as pd

from ..data.cache import cached_frame, cached_frames
from ..data.checks import check_choice, check_subset, check_year, check_years
from ..data.facts import manufacturing_codes, wiod_to_iso3
from ..data.wiot import WIOD_YEARS, load_wiot, load_wiots
from .decomposition import KWW_TERMS, fva_final_output, kww
from .indicators import aggregate_gvc, gvc_country_industry
from .model import pinned_model
from .sourcing import manufacturing_va_exports
from .trade import country_trade_summary

# column, definition, unit, formula reference  (one place for every indicator's definition)
_CODEBOOK = [
    ("year", "Year of the WIOD 2013 table", "year", ""),
    ("wiod", "WIOD region code (ROM = Romania, RoW = rest of world)", "code", ""),
    ("iso3", "ISO3 code (ROU = Romania, ROW = rest of world)", "code", ""),
    ("industry", "WIOD 2013 industry code c1-c35", "code", ""),
    ("manufacturing", "Industry is manufacturing (c3-c16)", "bool", "ISIC rev.3 D"),
    ("gross_output", "Gross output x", "US$ million", "WIOD 2013"),
    ("va", "Value added x - column sum of Z (incl. net taxes and margins)", "US$ million", "WIOD 2013"),
    ("final_output", "Final demand for the pair's output, all destinations and uses", "US$ million", "WIOD 2013"),
    ("exports", "Gross exports E (intermediate + final, to foreign countries)", "US$ million", "KWW 2014 eq. (37)"),
    ("va_decomp", "Row total of V^BY^ (value added traced to final demand)", "US$ million", "WWYZ 2017a eq. (4)"),
    ("va_d", "VA absorbed domestically without crossing a border: V^LY^D", "US$ million", "WWYZ 2017a eq. (4)"),
    ("va_rt", "VA in traditional final-goods exports: V^LY^F", "US$ million", "WWYZ 2017a eq. (4)"),
    ("va_gvc_s", "VA in simple GVC trade (crosses one border): V^LA^F LY^D", "US$ million", "WWYZ 2017a eq. (4)"),
    ("va_gvc_c", "VA in complex GVC trade: V^LA^F(BY^ - LY^D)", "US$ million", "WWYZ 2017a eq. (4)"),
    ("y_decomp", "Column total of V^BY^ (final output, inventories < 0 clipped)", "US$ million", "WWYZ 2017a eq. (5)"),
    ("y_d", "Final output with domestic VA only, absorbed at home", "US$ million", "WWYZ 2017a eq. (5)"),
    ("y_rt", "Final output exported with domestic VA only", "US$ million", "WWYZ 2017a eq. (5)"),
    ("y_gvc_s", "Final output embodying simple-GVC foreign VA", "US$ million", "WWYZ 2017a eq. (5)"),
    ("y_gvc_c", "Final output embodying complex-GVC foreign VA", "US$ million", "WWYZ 2017a eq. (5)"),
    ("xv", "Production-stage-weighted VA, V^BBY^ u", "US$ million", "WWYZ 2017b eq. (10)"),
    ("xv_gvc", "GVC part of Xv: V^LLA^F BY^ + V^LA^F BBY^", "US$ million", "WWYZ 2017b eq. (20)"),
    ("xy", "Stage-weighted final output, u'V^BBY^", "US$ million", "WWYZ 2017b eq. (11)"),
    ("xy_gvc", "GVC part of Xy (column sums)", "US$ million", "WWYZ 2017b eq. (21)"),
    ("xv_d", "Domestic part of Xv, V^LLY^D", "US$ million", "WWYZ 2017b eq. (18)"),
    ("xv_rt", "RT part of Xv, V^LLY^F", "US$ million", "WWYZ 2017b eq. (19)"),
    ("gvc_f", "Forward GVC participation (va_gvc_s + va_gvc_c) / va_decomp", "share", "WWYZ 2017a eq. (6)"),
    ("gvc_f_simple", "Simple forward GVC participation", "share", "WWYZ 2017a eq. (6)"),
    ("gvc_f_complex", "Complex forward GVC participation", "share", "WWYZ 2017a eq. (6)"),
    ("gvc_b", "Backward GVC participation (y_gvc_s + y_gvc_c) / y_decomp", "share", "WWYZ 2017a eq. (7)"),
    ("gvc_b_simple", "Simple backward GVC participation", "share", "WWYZ 2017a eq. (7)"),
    ("gvc_b_complex", "Complex backward GVC participation", "share", "WWYZ 2017a eq. (7)"),
    ("plv", "Average forward production length of VA, xv / va_decomp", "stages", "WWYZ 2017b eq. (12)"),
    ("plv_d", "Forward length, purely domestic part", "stages", "WWYZ 2017b eq. (18)"),
    ("plv_rt", "Forward length, traditional-trade part", "stages", "WWYZ 2017b eq. (19)"),
    ("plv_gvc", "Forward length of GVC production, xv_gvc / V_GVC", "stages", "WWYZ 2017b eq. (22)"),
    ("ply", "Average backward production length of final goods, xy / y_decomp", "stages", "WWYZ 2017b eq. (13)"),
    ("ply_gvc", "Backward length of GVC production, xy_gvc / Y_GVC", "stages", "WWYZ 2017b eq. (23)"),
    ("gvc_pos", "GVC position index plv_gvc / ply_gvc (> 1: upstream)", "ratio", "WWYZ 2017b eq. (24)"),
    ("vs", "Foreign VA in gross exports (HIY vertical specialisation)", "US$ million", "HIY 2001; KWW 2014 eq. (9)"),
    ("vs_share", "vs / exports", "share", "HIY 2001"),
    ("iv", "Indirect VA exports: DVA re-exported to third countries", "US$ million", "Koopman et al. 2010"),
    ("fv", "Foreign VA in exports incl. double counting", "US$ million", "Koopman et al. 2010"),
    ("kpww_participation", "GVC participation iv/E + fv/E", "share", "Koopman et al. 2010 eq. (36)"),
    ("kpww_position", "GVC position ln(1 + iv/E) - ln(1 + fv/E)", "log points", "Koopman et al. 2010 eq. (35)"),
    ("U", "Upstreamness, net-inventory corrected", "stages", "Antràs & Chor 2018 eq. (5)"),
    ("D", "Downstreamness, net-inventory corrected", "stages", "Antràs & Chor 2018 eq. (7)"),
    ("FD_GO", "Final use (excl. inventories, corrected) / gross output", "share", "Antràs & Chor 2018 sec. 3"),
    ("VA_GO", "Value added / gross output", "share", "Antràs & Chor 2018 sec. 3"),
    ("kpww_iv_share", "iv / exports (country level)", "share", "Koopman et al. 2010"),
    ("kpww_fv_share", "fv / exports (country level)", "share", "Koopman et al. 2010"),
    ("fva_final_mfg", "Foreign VA share of final manufacturing output", "share", "Timmer et al. 2014 eq. (2)"),
]
_CODEBOOK += [(k, f"KWW term {k} (country total)", "US$ million", "KWW 2014 eq. (37)") for k in KWW_TERMS]


def gvc_codebook() -> pd.DataFrame:
    """Codebook of the GVC datasets, one row per column.

    Country-year columns with suffix ``_mfg`` are the same measure over manufacturing
    industries (c3-c16) only; country-level ratios are ratios of summed levels (:func:`aggregate_gvc`).

    Returns
    -------
    pandas.DataFrame
        Columns ``column, definition, unit, reference`` (the paper and equation of each measure).
    """
    return pd.DataFrame(_CODEBOOK, columns=["column", "definition", "unit", "reference"])


def _with_codes(df: pd.DataFrame) -> pd.DataFrame:
    """Insert ``iso3`` after the ``wiod`` column."""
    df.insert(df.columns.get_loc("wiod") + 1, "iso3", wiod_to_iso3(df["wiod"].tolist()))
    return df


def _inputs(years):
    return [("wiod2013", f"wiot_{y}.RData") for y in years]


LEONTIEF_FAMILIES = ("country_industry", "country", "manufacturing_va_exports", "industry_concentration")
"""The frames of a year computed together from its one factorisation of ``I - A``."""
YEAR_FAMILIES = (*LEONTIEF_FAMILIES, "trade_summary")
"""Every frame :func:`year_frames` computes for one year."""


def _compute_leontief(year: int) -> dict[str, pd.DataFrame]:
    from .industry import industry_source_concentration  # helpers.gvc.industry builds on this module

    t = load_wiot(year)
    with pinned_model(t):  # one factorisation for every family, even while other years run in threads
        k = kww(t).rename(columns={"Country": "wiod"})
        k.insert(0, "year", year)
        k["fva_final_mfg"] = fva_final_output(t)["fva_share"].to_numpy()
        return {
            "country_industry": gvc_country_industry(t),
            "country": k,
            "manufacturing_va_exports": manufacturing_va_exports(year),
            "industry_concentration": industry_source_concentration(t),
        }


@lru_cache(maxsize=len(WIOD_YEARS))
def _leontief_frames(year: int) -> dict[str, pd.DataFrame]:
    return cached_frames("gvc_year", lambda: _compute_leontief(year), parts=LEONTIEF_FAMILIES,
                         inputs=_inputs([year]), params={"year": year})


@lru_cache(maxsize=len(WIOD_YEARS))
def _trade_frame(year: int) -> pd.DataFrame:
    return cached_frame("trade_year", lambda: country_trade_summary(load_wiot(year)), inputs=_inputs([year]),
                        params={"year": year})


def year_frames(year: int, families=YEAR_FAMILIES) -> dict[str, pd.DataFrame]:
    """Every GVC indicator family of one WIOD year, from one read of the table and one factorisation.

    The families that need the Leontief system -- ``country_industry``
    (:func:`~helpers.gvc.indicators.gvc_country_industry`: WWYZ, upstreamness, Koopman et al., HIY),
    ``country`` (the KWW terms by exporter, column ``wiod``, with ``year`` and Timmer et al.'s
    ``fva_final_mfg``), ``manufacturing_va_exports``
    (:func:`~helpers.gvc.sourcing.manufacturing_va_exports`) and ``industry_concentration``
    (:func:`~helpers.gvc.industry.industry_source_concentration`) -- are computed together from one LU
    factorisation of the year's ``I - A`` (upstreamness factorises its inventory-corrected matrix
    once more) and cached on disk under one key; ``trade_summary``
    (:func:`~helpers.gvc.trade.country_trade_summary`) is direct accounting on the same table
    object (no factorisation) and cached on its own, so asking for it alone costs no inverse.
    Both are also kept in the process.

    Parameters
    ----------
    year : int
        WIOD year, 1995-2011.
    families : iterable of str
        Which frames to return (default: all of :data:`YEAR_FAMILIES`).

    Returns
    -------
    dict of str to pandas.DataFrame
        The requested frames (copies, free to modify).

    Raises
    ------
    ValueError
        For a year outside 1995-2011 or an unknown family.
    """
    year = check_year(year, WIOD_YEARS, name="year")
    families = check_subset(families, YEAR_FAMILIES, name="families")
    out = {}
    if set(families) & set(LEONTIEF_FAMILIES):
        out |= {k: v.copy() for k, v in _leontief_frames(year).items() if k in families}
    if "trade_summary" in families:
        out["trade_summary"] = _trade_frame(year).copy()
    return {k: out[k] for k in families}


def year_frame(year: int, family: str) -> pd.DataFrame:
    """One family of :func:`year_frames` (e.g. ``year_frame(2005, "trade_summary")``).

    Parameters
    ----------
    year : int
        WIOD year, 1995-2011.
    family : str
        One of :data:`YEAR_FAMILIES`.

    Returns
    -------
    pandas.DataFrame
        The frame (a copy).

    Raises
    ------
    ValueError
        For a year outside 1995-2011 or an unknown family.
    """
    return year_frames(year, [check_choice(family, YEAR_FAMILIES, name="family")])[family]


#: Threads that compute the GVC families of different years at once (:func:`frames_by_year`).
YEAR_WORKERS = 2


def frames_by_year(years, family: str) -> list[pd.DataFrame]:
    """One family of :func:`year_frames` for several years; the years not yet computed run in parallel.

    Each year is independent (its own table, its own factorisation, single-threaded BLAS in the
    build), so on a cold start the years not in memory or on disk are computed by up to
    :data:`YEAR_WORKERS` threads at once (LAPACK and most NumPy kernels release the GIL); the frames,
    and their bytes on disk, are the same as from a loop over the years.

    Parameters
    ----------
    years : int or iterable of int
        WIOD years, 1995-2011.
    family : str
        One of :data:`YEAR_FAMILIES`.

    Returns
    -------
    list of pandas.DataFrame
        The frames (copies), in the order of the sorted, unique years.

    Raises
    ------
    ValueError
        For a year outside 1995-2011 or an unknown family.
    """
    years = check_years(years, WIOD_YEARS)
    family = check_choice(family, YEAR_FAMILIES, name="family")
    compute = _leontief_frames if family in LEONTIEF_FAMILIES else _trade_frame
    workers = max(1, min(len(years), os.cpu_count() or 1, YEAR_WORKERS))
    if workers > 1:
        load_wiots(years)  # a cold start reads the raw files in parallel too
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(compute, years))
    return [year_frame(y, family) for y in years]


def gvc_country_industry_year(years: Iterable[int] | None = None) -> pd.DataFrame:
    """The GVC dataset by country-industry-year (41 x 35 rows per year), cached on disk.

    Parameters
    ----------
    years : int or iterable of int, optional
        WIOD years (default 1995-2011).

    Returns
    -------
    pandas.DataFrame
        One row per ``(year, wiod, industry)``, with ``iso3`` after ``wiod``; the columns of
        :func:`gvc_country_industry`, documented in :func:`gvc_codebook`.

    Raises
    ------
    ValueError
        For years outside 1995-2011.
    """
    years = list(check_years(WIOD_YEARS if years is None else years, WIOD_YEARS))

    def compute():
        frames = frames_by_year(years, "country_industry")  # a cold start computes years in parallel
        return _with_codes(pd.concat(frames, ignore_index=True).rename(columns={"country": "wiod"}))

    return cached_frame(
        "gvc_country_industry_year", compute, inputs=_inputs(years), params={"years": years}
    )


def gvc_country_year(years: Iterable[int] | None = None) -> pd.DataFrame:
    """The GVC dataset by country-year, all industries and manufacturing (suffix ``_mfg``).

    Country measures are ratios of sums of the country-industry levels (:func:`aggregate_gvc`);
    adds the KWW (2014) nine terms (decompr convention) and the foreign value-added share of final
    manufacturing output (Timmer et al. 2014). Cached on disk like the country-industry dataset.

    Parameters
    ----------
    years : iterable of int, optional
        WIOD years (default 1995-2011).

    Returns
    -------
    pandas.DataFrame
        One row per ``(year, wiod)`` (41 regions incl. ``RoW``) with ``iso3``; columns documented
        in :func:`gvc_codebook`.

    Raises
    ------
    ValueError
        For years outside 1995-2011.
    """
    years = list(check_years(WIOD_YEARS if years is None else years, WIOD_YEARS))

    def compute():
        ci = gvc_country_industry_year(years)
        tot = aggregate_gvc(ci, by=("year", "wiod", "iso3"))
        mfg = aggregate_gvc(ci, by=("year", "wiod", "iso3"), industries=manufacturing_codes())
        mfg = mfg.rename(columns={c: f"{c}_mfg" for c in mfg.columns if c not in ("year", "wiod", "iso3")})
        out = tot.merge(mfg, on=["year", "wiod", "iso3"], how="left")
        extra = pd.concat(frames_by_year(years, "country"), ignore_index=True)
        return out.merge(extra, on=["year", "wiod"], how="left")

    return cached_frame(
        "gvc_country_year", compute, inputs=_inputs(years), params={"years": years}
    )
