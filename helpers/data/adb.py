"""ADB MRIO-derived indicators: GVC participation and lengths 2017-2022, manufacturing aggregates 2007-2022.

Read from ``adb-mrio-indicators-ksreyes`` (see its SOURCE.md): ``gvcp.parquet`` holds Borin-Mancini
participation by country and sector and ``lengths.parquet`` the WWYZ production lengths (72-economy
tables, 2017-2022); ``summary62.parquet`` and
``summary62-const.parquet`` hold country-sector value added, output and sales of the 62-economy tables
(2000 and 2007-2022, current and constant prices); ``countries.xlsx`` maps the country index ``s`` to
ISO3 (column ``mrio`` for the 72-economy files, ``mrio62`` for the 62-economy ones). The ``e/ez/ey``
columns of the summary files are *domestic* sales: gross exports are ``x - e``.
"""

from __future__ import annotations

import pandas as pd

from .checks import check_choice
from .facts import wiod_economies, wiod_to_iso3
from .manifest import DataParseError, data_path


def _adb_countries() -> pd.DataFrame:
    path = data_path("adb-mrio-indicators-ksreyes", "countries.xlsx")
    c = pd.read_excel(path, sheet_name="Consolidated")
    if not {"mrio", "iso_a3"} <= set(c.columns):
        raise DataParseError(f"{path}: sheet Consolidated lacks columns mrio/iso_a3")
    return c.dropna(subset=["mrio"]).assign(s=lambda d: d["mrio"].astype(int))[["s", "iso_a3"]]


def adb_manufacturing_gvc() -> pd.DataFrame:
    """Return manufacturing exports and Borin-Mancini GVC trade of the WIOD economies, 2017-2022 (ADB MRIO).

    From ``gvcp.parquet`` at the 35-sector level summed over manufacturing (ADB sectors 3-16 = WIOD
    c3-c16): ``Exports``, backward GVC trade ``GVC_trade_b`` (foreign value added and pure double
    counting, FVA + PDC) and forward GVC trade ``GVC_trade_f`` (re-exported and reflected domestic
    value added), Borin & Mancini (2019), "Measuring What Matters in Global Value Chains and
    Value-Added Trade", World Bank Policy Research Working Paper 8804. The ``e/ez/ey`` columns of the
    summary files are *domestic* sales in this vintage and are not used. Countries are the WIOD
    economies present in ADB MRIO (ISO3 via ``countries.xlsx``).

    Returns
    -------
    pandas.DataFrame
        One row per (``iso3``, ``year``): ``exports``, ``gvc_b``, ``gvc_f`` (US$ million) and
        ``gvc_b_share = gvc_b / exports``, ``gvc_f_share = gvc_f / exports``; sorted by iso3, year.

    Raises
    ------
    DataParseError
        If ``countries.xlsx`` lacks the ``mrio`` or ``iso_a3`` column.
    """
    g = pd.read_parquet(data_path("adb-mrio-indicators-ksreyes", "gvcp.parquet"))
    g = g[(g["agg"] == 35) & g["i"].between(3, 16)]
    agg = g.groupby(["t", "s"])[["Exports", "GVC_trade_b", "GVC_trade_f"]].sum().reset_index()
    agg = agg.merge(_adb_countries(), on="s", how="left")
    iso = [wiod_to_iso3(c) for c in wiod_economies()]
    agg = agg[agg["iso_a3"].isin(iso)]
    out = pd.DataFrame({"iso3": agg["iso_a3"], "year": agg["t"].astype(int), "exports": agg["Exports"],
                        "gvc_b": agg["GVC_trade_b"], "gvc_f": agg["GVC_trade_f"]})
    out["gvc_b_share"] = out["gvc_b"] / out["exports"]
    out["gvc_f_share"] = out["gvc_f"] / out["exports"]
    return out.sort_values(["iso3", "year"]).reset_index(drop=True)




def adb_manufacturing_lengths() -> pd.DataFrame:
    """Manufacturing GVC production lengths and position, 2017-2022, from the ADB MRIO indicators.

    ``lengths.parquet`` holds the Wang, Wei, Yu & Zhu (2017) forward and backward GVC production
    lengths (``PLv_GVC``, ``PLy_GVC``) and position (``GVC_POS = PLv_GVC / PLy_GVC``) for each of
    the 35 sectors; manufacturing (sectors 3-16 = WIOD c3-c16) is their average weighted by sector
    value added (``va`` of ``gvcp.parquet``). The exact aggregate would weight by each length's own
    denominator (GVC-related value added or final output), which the files do not hold: read the
    levels as approximate and compare movements, not levels, with the WIOD engine's.

    Returns
    -------
    pandas.DataFrame
        ``iso3, year, plv_gvc, ply_gvc, gvc_pos`` for the WIOD economies in ADB MRIO.
    """
    lengths = pd.read_parquet(data_path("adb-mrio-indicators-ksreyes", "lengths.parquet"))
    g = pd.read_parquet(data_path("adb-mrio-indicators-ksreyes", "gvcp.parquet"))
    keys = ["t", "s", "i"]
    d = lengths[(lengths["agg"] == 35) & lengths["i"].between(3, 16)].merge(
        g[(g["agg"] == 35)][[*keys, "va"]], on=keys, how="left")
    d = d[d["va"] > 0]
    cols = {"PLv_GVC": "plv_gvc", "PLy_GVC": "ply_gvc", "GVC_POS": "gvc_pos"}
    for c in cols:
        d[c + "_w"] = d[c] * d["va"]
    agg = d.groupby(["t", "s"])[[*(c + "_w" for c in cols), "va"]].sum().reset_index()
    agg = agg.merge(_adb_countries(), on="s", how="left")
    iso = [wiod_to_iso3(c) for c in wiod_economies()]
    agg = agg[agg["iso_a3"].isin(iso)]
    out = pd.DataFrame({"iso3": agg["iso_a3"], "year": agg["t"].astype(int)})
    for c, name in cols.items():
        out[name] = (agg[c + "_w"] / agg["va"]).to_numpy()
    return out.sort_values(["iso3", "year"]).reset_index(drop=True)


ADB_PRICES = ("current", "constant")
"""Price bases of the ADB MRIO country-sector summaries: current USD or constant (2010) prices."""

_ADB_SUMMARY_FILES = {"current": "summary62.parquet", "constant": "summary62-const.parquet"}


def adb_manufacturing_summary(prices: str = "constant") -> pd.DataFrame:
    """Manufacturing value added, gross output and gross exports of the WIOD economies (ADB MRIO, 62 economies).

    From the country-sector summaries of the 62-economy ADB MRIO (``summary62.parquet``, current
    USD, 2000 and 2007-2022; ``summary62-const.parquet``, constant 2010 prices, 2007-2022), summed over
    the manufacturing sectors 3-16 (= WIOD c3-c16):

    - ``va`` value added;
    - ``output`` gross output ``x``;
    - ``exports`` gross exports ``x - e``: in this vintage ``e`` is *domestic* sales (SOURCE.md),
      so exports are output minus domestic sales.

    Parameters
    ----------
    prices : {"constant", "current"}
        Price basis (default constant prices, the real movements a shock measure needs).

    Returns
    -------
    pandas.DataFrame
        ``iso3, year, va, output, exports`` (USD million), one row per WIOD economy and year (the
        62-economy files cover all 40; country index ``s`` mapped through the ``mrio62`` column of
        ``countries.xlsx``), sorted by iso3 and year.

    Raises
    ------
    ValueError
        If ``prices`` is not one of :data:`ADB_PRICES`.
    """
    check_choice(prices, ADB_PRICES, name="prices")
    path = data_path("adb-mrio-indicators-ksreyes", _ADB_SUMMARY_FILES[prices])
    s = pd.read_parquet(path)
    need = {"t", "s", "i", "x", "va", "e"}
    if not need <= set(s.columns):
        raise DataParseError(f"{path}: expected columns {sorted(need)}; found {list(s.columns)}")
    s = s[s["i"].between(3, 16)]
    agg = s.groupby(["t", "s"])[["va", "x", "e"]].sum().reset_index()
    c = pd.read_excel(data_path("adb-mrio-indicators-ksreyes", "countries.xlsx"), sheet_name="Consolidated")
    c = c.dropna(subset=["mrio62"]).assign(s=lambda d: d["mrio62"].astype(int))[["s", "iso_a3"]]
    agg = agg.merge(c, on="s", how="inner")
    agg = agg[agg["iso_a3"].isin(wiod_to_iso3(wiod_economies()))]
    out = pd.DataFrame({"iso3": agg["iso_a3"], "year": agg["t"].astype(int), "va": agg["va"],
                        "output": agg["x"], "exports": agg["x"] - agg["e"]})
    return out.sort_values(["iso3", "year"]).reset_index(drop=True)
