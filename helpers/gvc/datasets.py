"""The GVC datasets of WIOD 2013 (1995-2011): by country-industry-year and country-year, and their codebook."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..data.cache import cached_frame
from ..data.checks import check_years
from ..data.facts import manufacturing_codes, wiod_to_iso3
from ..data.wiot import WIOD_YEARS, load_wiot
from .decomposition import KWW_TERMS, fva_final_output, kww
from .indicators import aggregate_gvc, gvc_country_industry

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


def gvc_country_industry_year(years: Iterable[int] | None = None) -> pd.DataFrame:
    """The GVC dataset by country-industry-year (41 x 35 rows per year), cached on disk.

    Parameters
    ----------
    years : iterable of int, optional
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
        frames = []
        for y in years:
            frames.append(gvc_country_industry(load_wiot(y)))
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
        extra = []
        for y in years:
            t = load_wiot(y)
            k = kww(t).rename(columns={"Country": "wiod"})
            k.insert(0, "year", y)
            f = fva_final_output(t)
            k["fva_final_mfg"] = f["fva_share"].to_numpy()
            extra.append(k)
        return out.merge(pd.concat(extra, ignore_index=True), on=["year", "wiod"], how="left")

    return cached_frame(
        "gvc_country_year", compute, inputs=_inputs(years), params={"years": years}
    )


