"""ADB MRIO-derived GVC indicators 2017-2022 (the recent window, incl. the 2020 shock).

Read from ``adb-mrio-indicators-ksreyes`` (see its SOURCE.md): ``gvcp.parquet`` holds Borin-Mancini
participation by country and sector; ``countries.xlsx`` maps the country index ``s`` to ISO3. The
``e/ez/ey`` columns of the summary files are *domestic* sales (exports = x - e) and are not used here.
"""

from __future__ import annotations

import pandas as pd

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
