"""Direct trade accounting from the world input-output tables (no Leontief inverse).

These are the "first-look" facts of the book: gross exports and their split into
intermediate and final goods, the manufacturing share, the foreign share of
manufacturing's intermediate inputs, the concentration of foreign suppliers and
the digital-service intensity of manufacturing.  Everything here is a sum over
blocks of ``Z`` and ``F``; value-added measures that need the Leontief inverse
live in the GVC engine.

Notation (see :mod:`helpers.data.wiot`): ``Z[(s,i), (r,j)]`` are sales of industry i
in country s to industry j in country r; ``Y[(s,i), r]`` final sales to r.
For country s,

- gross exports  :math:`E_s = \\sum_{i}\\sum_{r\\neq s} (\\sum_j Z_{si,rj} + Y_{si,r})`,
- imported intermediates of manufacturing
  :math:`M_s = \\sum_{t\\neq s}\\sum_{i}\\sum_{j\\in\\mathcal{M}} Z_{ti,sj}`, with
  :math:`\\mathcal{M}` = c3..c16,
- supplier concentration :math:`HHI_s = \\sum_{t\\neq s} (M_{ts}/M_s)^2` (Herfindahl over
  source countries; RoW counts as one supplier, so it is a lower bound),
- digital-service intensity of manufacturing: inputs of post & telecommunications (c27)
  and of renting & other business activities (c30, which holds computer services) from any
  country, per unit of manufacturing gross output.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..data.cache import cached_frame
from ..data.checks import check_choice, check_years
from ..data.facts import manufacturing_codes, wiod_industries, wiod_to_iso3
from ..data.wiot import WIOD_YEARS, WIOT, load_wiot
from .sourcing import source_concentration

DIGITAL_SERVICE_INDUSTRIES = ("c27", "c30")


def country_trade_summary(table: WIOT) -> pd.DataFrame:
    """Direct trade and input-structure facts for every region of one table.

    Parameters
    ----------
    table : WIOT
        The world input-output table (e.g. ``load_wiot(1995)``).

    Returns
    -------
    pandas.DataFrame
        One row per region, columns: ``country, year, output, va, exports,
        exports_intermediate, exports_final, exports_manuf, output_manuf, va_manuf,
        inputs_manuf, imported_inputs_manuf, foreign_input_share_manuf,
        supplier_hhi_manuf, top_supplier, top_supplier_share, digital_inputs_manuf,
        digital_intensity_manuf`` (US$ million or shares in [0, 1]).
    """
    G, N = table.G, table.N
    Z4 = table.Z.reshape(G, N, G, N)  # source country, source ind, using country, using ind
    Y3 = table.Y.reshape(G, N, G)
    x2 = table.x.reshape(G, N)
    va2 = table.va.reshape(G, N)
    manuf = np.isin(np.array(table.industries), manufacturing_codes())
    digital = np.isin(np.array(table.industries), DIGITAL_SERVICE_INDUSTRIES)
    eye = np.eye(G, dtype=bool)

    off = (~eye)[:, None, :]  # (s, ., r): True where r != s
    ex_int = (Z4.sum(axis=3) * off).sum(axis=2)  # (s, i) exports of intermediates
    ex_fin = (Y3 * off).sum(axis=2)  # (s, i) exports of final goods
    exports_si = ex_int + ex_fin
    # inputs into manufacturing of each using country r, by source country t: (t, r)
    inputs_manuf_by_source = Z4[:, :, :, manuf].sum(axis=(1, 3))
    inputs_manuf = inputs_manuf_by_source.sum(axis=0)
    foreign = np.where(eye, 0.0, inputs_manuf_by_source)
    sup = source_concentration(foreign)  # shares of imported inputs (denominator: their total)
    imported, hhi, top_idx, top_share = sup["total"], sup["hhi"], sup["top"], sup["top_share"]
    with np.errstate(invalid="ignore", divide="ignore"):
        fshare = imported / inputs_manuf
        dig_in = Z4[:, digital][:, :, :, manuf].sum(axis=(0, 1, 3))
        out_manuf = x2[:, manuf].sum(axis=1)
        dig_int = dig_in / out_manuf
    return pd.DataFrame(
        dict(
            country=list(table.countries),
            year=table.year,
            output=x2.sum(axis=1),
            va=va2.sum(axis=1),
            exports=exports_si.sum(axis=1),
            exports_intermediate=ex_int.sum(axis=1),
            exports_final=ex_fin.sum(axis=1),
            exports_manuf=exports_si[:, manuf].sum(axis=1),
            output_manuf=out_manuf,
            va_manuf=va2[:, manuf].sum(axis=1),
            inputs_manuf=inputs_manuf,
            imported_inputs_manuf=imported,
            foreign_input_share_manuf=fshare,
            supplier_hhi_manuf=hhi,
            top_supplier=[table.countries[k] for k in top_idx],
            top_supplier_share=top_share,
            digital_inputs_manuf=dig_in,
            digital_intensity_manuf=dig_int,
        )
    )


def _wiod_frame(df: pd.DataFrame) -> pd.DataFrame:
    df = df.rename(columns={"country": "wiod"})
    df.insert(1, "iso3", wiod_to_iso3(df["wiod"].tolist()))
    return df


def trade_summary_panel(years: Iterable[int] = WIOD_YEARS) -> pd.DataFrame:
    """:func:`country_trade_summary` for several WIOD years, stacked (cached on data + code).

    Parameters
    ----------
    years : iterable of int
        WIOD 2013 years (1995-2011).

    Returns
    -------
    pandas.DataFrame
        One row per (``wiod``, ``year``), with ``iso3`` after ``wiod``; the other columns as in
        :func:`country_trade_summary`.
    """
    years = check_years(years, WIOD_YEARS)

    def compute():
        from .datasets import frames_by_year  # a year read once; cold years in parallel

        return _wiod_frame(pd.concat(frames_by_year(years, "trade_summary"), ignore_index=True))

    return cached_frame(
        "trade_summary",
        compute,
        inputs=[("wiod2013", f"wiot_{y}.RData") for y in years],
        params={"years": tuple(years)},
    )


def industry_trade(table: WIOT, industry: str = "c14") -> pd.DataFrame:
    """Bilateral exports of one industry's products, by exporter and importer economy.

    For industry ``i``, exporter ``s`` and importer ``r != s``: intermediate exports
    ``sum_j Z[(s,i), (r,j)]`` (to every using industry of ``r``) and final exports ``Y[(s,i), r]``.

    Parameters
    ----------
    table : WIOT
        The table.
    industry : str
        Industry code of the table (default ``c14``, electrical and optical equipment).

    Returns
    -------
    pandas.DataFrame
        One row per (``exporter``, ``importer``) pair of distinct regions: ``year``,
        ``intermediate``, ``final`` and ``total`` (US$ million).

    Raises
    ------
    ValueError
        If ``industry`` is not an industry of the table.
    """
    check_choice(industry, table.industries, name="industry")
    G, N = table.G, table.N
    k = table.industries.index(industry)
    Z4 = table.Z.reshape(G, N, G, N)
    inter = Z4[:, k, :, :].sum(axis=2)  # (exporter, importer)
    final = table.Y.reshape(G, N, G)[:, k, :]
    ex, im = np.meshgrid(np.arange(G), np.arange(G), indexing="ij")
    off = ex != im
    c = np.array(table.countries)
    return pd.DataFrame({"exporter": c[ex[off]], "importer": c[im[off]], "year": table.year,
                         "intermediate": inter[off], "final": final[off], "total": inter[off] + final[off]})


def industry_trade_panel(industry: str = "c14", years: Iterable[int] = WIOD_YEARS) -> pd.DataFrame:
    """One industry's output and exports by economy and year, with shares of the world total.

    Parameters
    ----------
    industry : str
        WIOD industry code (default ``c14``).
    years : iterable of int
        WIOD years.

    Returns
    -------
    pandas.DataFrame
        One row per (``wiod``, ``year``) for the 41 regions: ``output``, ``exports`` (to other
        regions, intermediate plus final), ``exports_intermediate``, ``export_share`` and
        ``output_share`` (shares of the world totals of the year), and ``iso3``. Cached on data and code.

    Raises
    ------
    ValueError
        For an unknown industry or years outside 1995-2011.
    """
    years = check_years(years, WIOD_YEARS)
    check_choice(industry, wiod_industries()["code"].tolist(), name="industry")

    def compute():
        rows = []
        for y in years:
            t = load_wiot(y)
            tr = industry_trade(t, industry).groupby("exporter", sort=False)[["total", "intermediate"]].sum()
            k = t.industries.index(industry)
            out = pd.DataFrame({"wiod": list(t.countries), "year": y, "output": t.x.reshape(t.G, t.N)[:, k]})
            out["exports"] = out["wiod"].map(tr["total"]).fillna(0.0)
            out["exports_intermediate"] = out["wiod"].map(tr["intermediate"]).fillna(0.0)
            rows.append(out)
        return pd.concat(rows, ignore_index=True)

    df = cached_frame("industry_trade_panel", compute, params={"industry": industry, "years": tuple(years)},
                      inputs=[("wiod2013", f"wiot_{y}.RData") for y in years])
    df["export_share"] = df["exports"] / df.groupby("year")["exports"].transform("sum")
    df["output_share"] = df["output"] / df.groupby("year")["output"].transform("sum")
    df.insert(1, "iso3", wiod_to_iso3(df["wiod"].tolist()))
    return df
